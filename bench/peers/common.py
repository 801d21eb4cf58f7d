"""What the peer runners share: the workloads' sizes, the command line, the JSON-lines output, small measurements.

Every runner prints one JSON object per repetition on stdout and nothing else there; progress and errors go
to stderr. See bench/README.md for the contract.
"""
import argparse
import json
import math
import os
import signal
import socket
import subprocess
import sys
import time

WORKLOADS = ["w1", "w2", "w3", "w4-layered", "w4-chain", "w5", "w6", "w7"]

# Task counts of a full run; --quick divides them by 10 (w3 by 10 too, its warm-up stays).
FULL = {"w1": 100_000, "w2": 10_000, "w3": 1_000, "w4-layered": 100_000, "w4-chain": 100_000, "w5": 1_000_000}
W3_WARMUP = 50
LAYER_WIDTH = 1_000  # w4-layered: W tasks per layer, n / W layers


def count(workload, quick):
    return FULL[workload] // 10 if quick else FULL[workload]


def parse_args(description, extra=None):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--workload", required=True, choices=WORKLOADS)
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--quick", action="store_true", help="small counts, for smoke checks")
    p.add_argument("--logdir", default=None, help="where the services' own logs go (default: a temp dir)")
    if extra:
        extra(p)
    args = p.parse_args()
    if args.logdir is None:
        import tempfile
        args.logdir = tempfile.mkdtemp(prefix="cyclone-bench-")
    os.makedirs(args.logdir, exist_ok=True)
    return args


def emit(workload, system, rep, metrics):
    print(json.dumps({"workload": workload, "system": system, "rep": rep, "metrics": metrics}), flush=True)


def skip(workload, system, why):
    print(json.dumps({"workload": workload, "system": system, "skipped": why}), flush=True)


def throughput(tasks, seconds):
    return {"tasks": tasks, "seconds": round(seconds, 4), "tasks_per_s": round(tasks / seconds, 1)}


def latency(samples_s):
    """p50, p99 (nearest rank) and mean of round trips, in milliseconds."""
    s = sorted(samples_s)
    rank = lambda q: s[max(0, math.ceil(q * len(s)) - 1)]
    return {"n": len(s), "p50_ms": round(rank(0.50) * 1e3, 3), "p99_ms": round(rank(0.99) * 1e3, 3),
            "mean_ms": round(sum(s) / len(s) * 1e3, 3)}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mib(pid, field="VmRSS"):
    """VmRSS (now) or VmHWM (peak since start) of a process, in MiB; None if it is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def wait_until(cond, timeout, what, interval=0.05):
    deadline = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} not reached within {timeout} s")
        time.sleep(interval)


def spawn(cmd, log_path, env=None, cwd=None):
    """Start a service in this process's group (so the driver's kill of the group reaches it), output to a log."""
    log = open(log_path, "ab")
    return subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=cwd)


def stop(procs, grace=10):
    """SIGTERM each process, wait up to `grace` seconds in all, then SIGKILL what is left."""
    for p in procs:
        if p.poll() is None:
            p.terminate()
    deadline = time.monotonic() + grace
    for p in procs:
        try:
            p.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def tail(path, lines=20):
    try:
        with open(path, errors="replace") as f:
            return "".join(f.readlines()[-lines:])
    except OSError:
        return ""


def exit_on_sigterm():
    """Turn SIGTERM (the driver's time limit) into SystemExit so that `finally` blocks stop the services."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
