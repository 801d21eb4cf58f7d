#!/usr/bin/env python3
"""Dask distributed runner: one `dask scheduler` and two `dask worker --nthreads 1` processes on 127.0.0.1.

    dask_bench.py --workload w1 --reps 3 --config default|nosat [--quick] [--logdir DIR]

The scheduler and the workers are real subprocesses (not LocalCluster): LocalCluster runs the scheduler inside
the client's process, where it shares one interpreter lock with the client and its memory cannot be told apart
from the client's. As subprocesses, the scheduler has its own process like in a deployment, and its RSS is read
from /proc. `--config nosat` turns worker-saturation queuing off (`distributed.scheduler.worker-saturation: inf`,
given to the scheduler through its environment); `default` keeps Dask's default (1.1 in 2022.12).
"""
import os
import sys
import time

import dask
from distributed import Client, wait

from common import (LAYER_WIDTH, W3_WARMUP, count, emit, exit_on_sigterm, free_port, latency, parse_args, rss_mib,
                    skip, spawn, stop, tail, throughput, wait_until)

import dask_tasks as T

HERE = os.path.dirname(os.path.abspath(__file__))

W5_LIMIT_S = 300  # w5 gives up (skipped, with the reason) when submitting takes longer than this
# A chain runs one task at a time, and each step waits out Dask's message batching (worker to scheduler 2 ms,
# scheduler to worker 5 ms): about 6 ms a task here, so 100,000 would take ten minutes a repetition. The chain
# is run with a tenth of the tasks; the table compares tasks/s.
CHAIN_TASKS = {False: 10_000, True: 1_000}


class Cluster:
    """A scheduler and `workers` worker processes (each under its nanny, Dask's default), and a client."""

    def __init__(self, config, workers, logdir, patient=False):
        env = dict(os.environ, PYTHONPATH=HERE + os.pathsep + os.environ.get("PYTHONPATH", ""))
        if config == "nosat":
            env["DASK_DISTRIBUTED__SCHEDULER__WORKER_SATURATION"] = "inf"
            dask.config.set({"distributed.scheduler.worker-saturation": "inf"})
        if patient:  # see submit_million
            env["DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT"] = env["DASK_DISTRIBUTED__COMM__TIMEOUTS__TCP"] = "300s"
            dask.config.set({"distributed.comm.timeouts.connect": "300s", "distributed.comm.timeouts.tcp": "300s"})
        port = free_port()
        self.address = f"tcp://127.0.0.1:{port}"
        self.log = os.path.join(logdir, f"dask-{config}.log")
        py = [sys.executable, "-m"]
        self.scheduler = spawn(py + ["distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", str(port),
                                     "--no-dashboard"], self.log, env)
        self.workers = [spawn(py + ["distributed.cli.dask_worker", self.address, "--nthreads", "1", "--nworkers", "1",
                                    "--host", "127.0.0.1", "--no-dashboard"], self.log, env)
                        for _ in range(workers)]
        self.client = None
        try:
            self.client = Client(self.address, timeout="300s" if patient else "60s")
            if workers:
                self.client.wait_for_workers(workers, timeout=60)
            sat = self.client.run_on_scheduler(lambda dask_scheduler: dask_scheduler.WORKER_SATURATION)
            if (config == "nosat") != (sat == float("inf")):
                raise RuntimeError(f"scheduler has worker-saturation {sat}, expected config {config}")
        except Exception:
            self.close()
            print(tail(self.log), file=sys.stderr)
            raise

    def tasks_on_scheduler(self):
        return self.client.run_on_scheduler(lambda dask_scheduler: len(dask_scheduler.tasks))

    def drain(self):
        """Wait until the scheduler has forgotten the last repetition's tasks, so reps do not overlap."""
        wait_until(lambda: self.tasks_on_scheduler() == 0, 120, "scheduler drained", interval=0.2)

    def hub_peak_rss(self):
        return rss_mib(self.scheduler.pid, "VmHWM")

    def close(self):
        if self.client is not None:
            try:
                self.client.close(timeout=5)
            except Exception as e:  # the services are stopped below whatever the client says
                print(f"dask client close: {e}", file=sys.stderr)
        stop(self.workers + [self.scheduler])


def throughput_rep(c, fn, n):
    t0 = time.perf_counter()
    futures = c.client.map(fn, range(n), pure=False)
    wait(futures)
    seconds = time.perf_counter() - t0
    errors = sum(f.status != "finished" for f in futures)
    if errors:
        raise RuntimeError(f"{errors} of {n} tasks did not finish")
    del futures
    return throughput(n, seconds)


def round_trips(c, n):
    samples = []
    for i in range(W3_WARMUP + n):
        t0 = time.perf_counter()
        c.client.submit(T.noop, i, pure=False).result()
        if i >= W3_WARMUP:
            samples.append(time.perf_counter() - t0)
    return latency(samples)


def layered_graph(n, name):
    """Layer 0 has no dependencies; (l, j) depends on (l-1, j) and (l-1, (j+1) % W)."""
    w = LAYER_WIDTH
    layers = n // w
    dsk = {(name, 0, j): (T.noop, j) for j in range(w)}
    for l in range(1, layers):
        for j in range(w):
            dsk[(name, l, j)] = (T.noop, (name, l - 1, j), (name, l - 1, (j + 1) % w))
    return dsk, [(name, layers - 1, j) for j in range(w)]


def chain_graph(n, name):
    """Task i depends on i-1 and i-2; task 1 on task 0 only; task 0 on none."""
    dsk = {(name, 0): (T.noop, 0), (name, 1): (T.noop, (name, 0))}
    for i in range(2, n):
        dsk[(name, i)] = (T.noop, (name, i - 1), (name, i - 2))
    return dsk, [(name, n - 1)]


def dag_rep(c, graph, n, rep):
    dsk, keys = graph(n, f"{graph.__name__}-{rep}")
    t0 = time.perf_counter()
    c.client.get(dsk, keys, sync=True)
    return throughput(len(dsk), time.perf_counter() - t0)


def submit_million(config, n, logdir):
    """w5: a fresh scheduler with no workers (nothing runs, as with a hub without agents); the time from the
    first client.map call until the scheduler holds all n tasks, and the scheduler's peak RSS.
    Taking in a million tasks blocks the scheduler's event loop for over a minute; with Dask's default comm
    timeouts (30 s) the client's next connection fails and the client gives up, so they are raised to 300 s."""
    c = Cluster(config, 0, logdir, patient=True)
    try:
        t0 = time.perf_counter()
        futures = c.client.map(T.noop, range(n), pure=False)
        mapped = time.perf_counter() - t0
        wait_until(lambda: c.tasks_on_scheduler() >= n, W5_LIMIT_S, f"{n} tasks on the scheduler", interval=0.2)
        seconds = time.perf_counter() - t0
        return {"tasks": n, "submit_seconds": round(seconds, 3), "client_map_seconds": round(mapped, 3),
                "tasks_per_s": round(n / seconds, 1), "hub_peak_rss_mib": c.hub_peak_rss()}
    finally:
        # Releasing a million futures one by one takes longer than the measurement: the client is closed while
        # it still holds them (a closed client sends nothing when they go), then the scheduler is stopped.
        c.close()


def main():
    exit_on_sigterm()
    args = parse_args(__doc__.splitlines()[0], lambda p: p.add_argument("--config", choices=["default", "nosat"],
                                                                          default="default"))
    system, w = f"dask-{args.config}", args.workload
    if w in ("w6", "w7"):
        return skip(w, system, "Cyclone only: simulated agents (w6) and the pull API (w7) have no Dask counterpart")
    n = CHAIN_TASKS[args.quick] if w == "w4-chain" else count(w, args.quick)
    if w == "w5" and args.config == "nosat":
        return skip(w, system, "see dask-default: with no workers (w5 only submits), worker-saturation plays no part")
    if w == "w5":
        for rep in range(args.reps):
            try:
                m = submit_million(args.config, n, args.logdir)
            except TimeoutError as e:
                return skip(w, system, f"submitting {n} tasks took over {W5_LIMIT_S} s ({e})")
            emit(w, system, rep, m)
        return
    c = Cluster(args.config, 2, args.logdir)
    try:
        throughput_rep(c, T.noop, 100)  # warm-up: workers connected, functions imported
        c.drain()
        for rep in range(args.reps):
            if w == "w1":
                m = throughput_rep(c, T.noop, n)
            elif w == "w2":
                m = throughput_rep(c, T.run_true, n)
            elif w == "w3":
                m = round_trips(c, n)
            else:
                m = dag_rep(c, layered_graph if w == "w4-layered" else chain_graph, n, rep)
            m["hub_peak_rss_mib"] = c.hub_peak_rss()
            emit(w, system, rep, m)
            c.drain()
    finally:
        c.close()


if __name__ == "__main__":
    main()
