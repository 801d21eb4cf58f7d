#!/usr/bin/env python3
"""Runs each workload on Cyclone and on each peer that can do it, and writes the report. Called by bench/run.

Each runner is a subprocess in a session of its own (so that one kill of its process group stops it and every
service it started), with a hard time limit; its stdout is read as JSON lines, its stderr passes through. The
Redis server for Celery is started here and stopped on the way out, also on Ctrl-C, SIGTERM or an error.
"""
import argparse
import datetime
import json
import os
import platform
import queue
import signal
import socket
import subprocess
import sys
import threading
import time

import report

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PEERS = os.path.join(ROOT, "bench", "peers")
BUILD = os.path.join(ROOT, ".build", "bench")
CYCLONE_DLL = os.path.join(BUILD, "Cyclone.Bench.dll")
FORKLOOP = os.path.join(BUILD, "forkloop")
SYSTEMS = ["cyclone", "dask", "celery", "machine"]
WORKLOADS = ["w1", "w2", "w3", "w4-layered", "w4-chain", "w5", "w6", "w7", "w7-dwork"]
# Cyclone-only variants of a workload, reported as their own system on that workload's table
VARIANTS = {"w7-dwork": ("w7", "cyclone-dwork")}
FORKLOOP_TASKS = {False: 10_000, True: 1_000}
HEARTBEAT_S = 30


class Interrupted(Exception):
    pass


def parse_args():
    p = argparse.ArgumentParser(prog="bench/run", description="Cyclone side by side with Dask, Celery and the machine")
    p.add_argument("--quick", action="store_true", help="small counts and 1 repetition, for smoke checks")
    p.add_argument("--reps", type=int, default=None, help="repetitions per workload and system (default 3)")
    p.add_argument("--only", default=",".join(SYSTEMS), help="systems, comma-separated: " + ",".join(SYSTEMS))
    p.add_argument("--workloads", default=",".join(WORKLOADS), help="e.g. w1,w3 (w4 means both w4 shapes)")
    p.add_argument("--out", default=None, help="results directory (default bench/results/<date>-<hostname>)")
    p.add_argument("--time-limit", type=float, default=None,
                   help="seconds per runner call (default 300 per repetition; --quick: 120)")
    p.add_argument("--max-minutes", type=float, default=None,
                   help="no runner call starts after this (default 150; --quick: 20)")
    a = p.parse_args()
    a.reps = a.reps or (1 if a.quick else 3)
    if a.reps < 1:
        p.error("--reps must be at least 1")
    a.only = [s.strip() for s in a.only.split(",") if s.strip()]
    if bad := [s for s in a.only if s not in SYSTEMS]:
        p.error(f"unknown system {', '.join(bad)}; known: {', '.join(SYSTEMS)}")
    wanted = [w.strip() for w in a.workloads.split(",") if w.strip()]
    a.workloads = [w for w in WORKLOADS if any(w == x or w.startswith(x + "-") for x in wanted)]
    if bad := [x for x in wanted if not any(w == x or w.startswith(x + "-") for w in WORKLOADS)]:
        p.error(f"unknown workload {', '.join(bad)}; known: {', '.join(WORKLOADS)}")
    a.time_limit = a.time_limit or (120 if a.quick else 300 * a.reps)
    a.max_minutes = a.max_minutes or (20 if a.quick else 150)
    a.out = os.path.abspath(a.out or os.path.join(ROOT, "bench", "results",
                                                  f"{datetime.date.today():%Y-%m-%d}-{socket.gethostname()}"))
    return a


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def command_output(cmd, timeout=30):
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        return (r.stdout or r.stderr).strip().splitlines()[0] if r.returncode == 0 else None
    except (OSError, subprocess.TimeoutExpired, IndexError):
        return None


def machine_info():
    from importlib.metadata import PackageNotFoundError, version

    def pkg(name):
        try:
            return version(name)
        except PackageNotFoundError:
            return None
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "")
    mem_kib = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "hostname": socket.gethostname(), "cpu": cpu, "cores": os.cpu_count(),
        "memory_gib": round(mem_kib / 1024 / 1024, 1), "kernel": platform.release(),
        "loadavg_at_start": open("/proc/loadavg").read().split()[:3],
        "git_commit": command_output(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"]),
        "dotnet": command_output(["dotnet", "--version"]), "python": platform.python_version(),
        "dask": pkg("dask"), "distributed": pkg("distributed"), "celery": pkg("celery"), "redis_py": pkg("redis"),
        "redis_server": command_output(["redis-server", "--version"]), "cc": command_output(["cc", "--version"]),
    }


def kill_group(proc, grace=10):
    """SIGTERM the runner's process group, then SIGKILL what is left after `grace` seconds."""
    for sig, wait_s in ((signal.SIGTERM, grace), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            proc.poll()  # reaps the leader, so that only live members keep the group
            try:
                os.killpg(proc.pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.1)
    proc.wait()


class Redis:
    """A throw-away redis-server on a free port of 127.0.0.1: no snapshots, no append-only file, and no output
    buffer limit for pub/sub clients. Celery's result backend subscribes to every task's result; while the
    client is still submitting, results pile up unread, and with the default limit (32 MB, or 8 MB for 60 s)
    Redis cuts the client off at about 100,000 results, and Celery then loses some and waits forever."""

    def __init__(self, logdir):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}"
        cmd = ["redis-server", "--port", str(self.port), "--save", "", "--appendonly", "no", "--bind", "127.0.0.1",
               "--client-output-buffer-limit", "pubsub 0 0 0"]
        log_file = open(os.path.join(logdir, "redis.log"), "ab")
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log_file, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        deadline = time.monotonic() + 20
        while self.command("PING") != "+PONG":
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"redis-server did not start (see {logdir}/redis.log)")
            time.sleep(0.05)

    def command(self, cmd):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=5) as s:
                s.sendall(cmd.encode() + b"\r\n")
                return s.recv(64).decode().strip()
        except OSError:
            return None

    def stop(self):
        kill_group(self.proc, grace=5)


def run_runner(cmd, workload, label, limit, tag, raw):
    """Runs one runner call; every JSON line it prints goes to `raw`. Returns None, 'timeout' or 'error'."""
    t0, load = time.monotonic(), float(open("/proc/loadavg").read().split()[0])
    shown = " ".join(os.path.relpath(c, ROOT) if c.startswith(ROOT) else c for c in cmd)
    log(f"{tag} start (limit {limit:.0f} s): {shown}")
    proc = subprocess.Popen(cmd, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, start_new_session=True)
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout] + [lines.put(None)], daemon=True).start()
    outcome, next_beat = None, t0 + HEARTBEAT_S
    try:
        while True:
            now = time.monotonic()
            if now - t0 > limit:
                outcome = "timeout"
                break
            if now > next_beat:
                log(f"{tag} running, {now - t0:.0f} s of {limit:.0f} s")
                next_beat = now + HEARTBEAT_S
            try:
                line = lines.get(timeout=1)
            except queue.Empty:
                continue
            if line is None:  # stdout closed: the runner is exiting; give it time to stop its services itself
                try:
                    proc.wait(timeout=max(1.0, min(30.0, limit - (time.monotonic() - t0))))
                except subprocess.TimeoutExpired:
                    pass
                break
            text = line.decode(errors="replace").strip()
            if not text.startswith("{"):
                continue
            try:
                rec = json.loads(text)
            except ValueError:
                log(f"{tag} ignored a line that is not JSON: {text[:200]}")
                continue
            if not isinstance(rec, dict) or "workload" not in rec or "system" not in rec:
                continue
            raw.write(json.dumps({**rec, "load": load}) + "\n")
            raw.flush()
            log(f"{tag} {report.describe(rec)} ({time.monotonic() - t0:.0f} s)")
    finally:
        kill_group(proc)
    if outcome is None and proc.returncode != 0:
        outcome = "error"
    if outcome:
        if outcome == "timeout":
            rec, msg = {"timeout": True, "limit_s": limit}, f"timeout after {limit:.0f} s: killed"
        else:
            rec, msg = {"error": f"exit {proc.returncode}"}, f"error (exit {proc.returncode})"
        raw.write(json.dumps({"workload": workload, "system": label, **rec, "load": load}) + "\n")
        raw.flush()
        log(f"{tag} {msg}")
    return outcome


def plan(args, redis_url):
    """(workload, system label, command or a reason it cannot run) for every call, in order."""
    py = [sys.executable]
    common = ["--reps", str(args.reps)] + (["--quick"] if args.quick else [])
    logdir = ["--logdir", os.path.join(args.out, "logs")]
    for w in args.workloads:
        if w in VARIANTS:
            row, label = VARIANTS[w]
            if "cyclone" in args.only:
                yield row, label, (["dotnet", CYCLONE_DLL, "--workload", w] + common if os.path.exists(CYCLONE_DLL)
                                   else f"{os.path.relpath(CYCLONE_DLL, ROOT)} is not built (bench/Cyclone.Bench missing?)")
            continue
        if "cyclone" in args.only:
            if os.path.exists(CYCLONE_DLL):
                yield w, "cyclone", ["dotnet", CYCLONE_DLL, "--workload", w] + common
            else:
                yield w, "cyclone", f"{os.path.relpath(CYCLONE_DLL, ROOT)} is not built (bench/Cyclone.Bench missing?)"
        if "dask" in args.only:
            for config in ("default", "nosat"):
                yield w, f"dask-{config}", py + [os.path.join(PEERS, "dask_bench.py"), "--workload", w,
                                                 "--config", config] + common + logdir
        if "celery" in args.only:
            yield w, "celery", py + [os.path.join(PEERS, "celery_bench.py"), "--workload", w,
                                     "--redis", redis_url or ""] + common + logdir
        if "machine" in args.only and w == "w2":
            yield w, "machine", [FORKLOOP, "--tasks", str(FORKLOOP_TASKS[args.quick]), "--procs", "2",
                                 "--reps", str(args.reps)]


def compile_forkloop():
    os.makedirs(BUILD, exist_ok=True)
    src = os.path.join(PEERS, "forkloop.c")
    r = subprocess.run(["cc", "-O2", "-Wall", "-o", FORKLOOP, src], timeout=120)
    if r.returncode != 0:
        raise RuntimeError("cc could not compile bench/peers/forkloop.c")


def on_signal(signum, _frame):
    raise Interrupted(signal.Signals(signum).name)


def main():
    args = parse_args()
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, on_signal)
    os.makedirs(os.path.join(args.out, "logs"), exist_ok=True)
    info = machine_info()
    info["args"] = {k: v for k, v in vars(args).items() if k != "out"}
    with open(os.path.join(args.out, "machine.json"), "w") as f:
        json.dump(info, f, indent=2)
    load = float(info["loadavg_at_start"][0])
    log(f"bench: {', '.join(args.only)} on {', '.join(args.workloads)}; {args.reps} rep(s); results in {args.out}")
    if load > 0.5:
        log(f"bench: warning: load average is {load} before start: other work on this machine makes figures noisy")
    redis, failures, interrupted = None, 0, False
    deadline = time.monotonic() + args.max_minutes * 60
    started = time.monotonic()
    with open(os.path.join(args.out, "raw.jsonl"), "w") as raw:
        try:
            if "machine" in args.only and "w2" in args.workloads:
                compile_forkloop()
            if "celery" in args.only:
                redis = Redis(os.path.join(args.out, "logs"))
            calls = list(plan(args, redis and redis.url))
            for i, (w, label, cmd) in enumerate(calls, 1):
                tag = f"[{i}/{len(calls)} {w} {label}, run at {time.monotonic() - started:.0f} s]"
                if isinstance(cmd, str):
                    raw.write(json.dumps({"workload": w, "system": label, "missing": cmd}) + "\n")
                    log(f"{tag} missing: {cmd}")
                    continue
                if time.monotonic() > deadline:
                    why = f"the run's budget of {args.max_minutes:g} minutes was spent"
                    raw.write(json.dumps({"workload": w, "system": label, "skipped": why}) + "\n")
                    log(f"{tag} not started: --max-minutes {args.max_minutes:g} reached")
                    continue
                if label == "celery":
                    redis.command("FLUSHALL")
                limit = min(args.time_limit, max(10.0, deadline - time.monotonic()))
                failures += run_runner(cmd, w, label, limit, tag, raw) == "error"
        except RuntimeError as e:  # a service or the forkloop could not be set up
            failures += 1
            log(f"bench: {e}")
        except (KeyboardInterrupt, Interrupted) as e:
            interrupted = True
            log(f"bench: interrupted ({str(e) or 'Ctrl-C'}): stopping everything, writing what was measured")
        finally:
            if redis:
                redis.stop()
    report.write(args.out)
    log(f"bench: done in {time.monotonic() - started:.0f} s; results in {args.out}")
    sys.exit(130 if interrupted else 1 if failures else 0)


if __name__ == "__main__":
    main()
