#!/usr/bin/env python3
"""Celery runner: one `celery worker --concurrency 2 --pool prefork`, Redis as broker and result backend.

    celery_bench.py --workload w1 --reps 3 --redis redis://127.0.0.1:PORT [--quick] [--logdir DIR]

The driver starts the Redis server (and empties it before each call); this runner starts the worker in its own
process group, so that the driver's kill of the group on a time limit stops the worker and its pool too.
"""
import os
import sys
import time

from common import W3_WARMUP, count, emit, exit_on_sigterm, latency, parse_args, skip, spawn, stop, tail, \
    throughput, wait_until

HERE = os.path.dirname(os.path.abspath(__file__))
SYSTEM = "celery"
NO_DAG = ("Celery's canvas (chain, group, chord) builds trees: a task whose result feeds two later tasks cannot be "
          "expressed without running it twice or putting a barrier between layers, so this is not the same DAG")
SKIPPED = {
    "w4-layered": NO_DAG,
    "w4-chain": NO_DAG,
    "w5": "submitting a million messages measures Redis and the client, not a scheduler: Celery has no hub",
    "w6": "Cyclone only: simulated agents",
    "w7": "Cyclone only: the pull API",
}


def start_worker(url, logdir):
    env = dict(os.environ, CYCLONE_BENCH_REDIS=url,
               PYTHONPATH=HERE + os.pathsep + os.environ.get("PYTHONPATH", ""))
    # gossip, mingle and heartbeat are worker-to-worker chatter that only slows the start of a single worker.
    cmd = [sys.executable, "-m", "celery", "-A", "celery_app", "worker", "--concurrency", "2", "--pool", "prefork",
           "--loglevel", "WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat",
           "--hostname", f"bench-{os.getpid()}@%h"]
    log = os.path.join(logdir, "celery-worker.log")
    return spawn(cmd, log, env, cwd=HERE), log


def throughput_rep(task, n):
    from celery.result import ResultSet
    t0 = time.perf_counter()
    results = ResultSet([task.delay(i) for i in range(n)])
    results.get(timeout=3600)
    return throughput(n, time.perf_counter() - t0)


def round_trips(task, n):
    samples = []
    for i in range(W3_WARMUP + n):
        t0 = time.perf_counter()
        task.delay(i).get(timeout=60)
        if i >= W3_WARMUP:
            samples.append(time.perf_counter() - t0)
    return latency(samples)


def main():
    exit_on_sigterm()
    args = parse_args(__doc__.splitlines()[0], lambda p: p.add_argument("--redis", required=True))
    w = args.workload
    if w in SKIPPED:
        return skip(w, SYSTEM, SKIPPED[w])
    os.environ["CYCLONE_BENCH_REDIS"] = args.redis
    from celery_app import app, noop, run_true
    worker, log = start_worker(args.redis, args.logdir)
    try:
        try:
            wait_until(lambda: worker.poll() is None and app.control.ping(timeout=0.5), 60, "celery worker ready")
        except TimeoutError:
            print(tail(log), file=sys.stderr)
            raise
        throughput_rep(noop, 100)  # warm-up: pool processes forked, connections open
        n = count(w, args.quick)
        for rep in range(args.reps):
            if w == "w1":
                m = throughput_rep(noop, n)
            elif w == "w2":
                m = throughput_rep(run_true, n)
            else:
                m = round_trips(noop, n)
            emit(w, SYSTEM, rep, m)
    finally:
        stop([worker], grace=15)


if __name__ == "__main__":
    main()
