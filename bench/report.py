#!/usr/bin/env python3
"""Turns a results directory's raw.jsonl (+ machine.json) into results.json, table.md and chart.svg.

    python3 bench/report.py bench/results/<date>-<host>     (the driver calls write() itself at the end)

Medians are per (workload, system, metric) over the repetitions. Ratios are Cyclone's advantage over a peer:
Cyclone / peer for rates, peer / Cyclone for times and memory, so above 1 means Cyclone is better.
"""
import json
import os
import re
import statistics
import sys

import chart

WORKLOADS = ["w1", "w2", "w3", "w4-layered", "w4-chain", "w5", "w6", "w7"]
# workload: (title, metric compared, True if higher is better)
SPEC = {
    "w1": ("w1: throughput of no-op tasks, first submit to last result", "tasks_per_s", True),
    "w2": ("w2: throughput of command tasks running /bin/true", "tasks_per_s", True),
    "w3": ("w3: round trip of one no-op task, one after another", "p50_ms", False),
    "w4-layered": ("w4-layered: DAG in layers of 1,000, each task on two of the layer before", "tasks_per_s", True),
    "w4-chain": ("w4-chain: DAG where task i depends on i-1 and i-2", "tasks_per_s", True),
    "w5": ("w5: submit a million tasks (nothing runs); hub peak memory", "submit_seconds", False),
    "w6": ("w6: 1,000 simulated agents, idle CPU and lease latency", None, False),
    "w7": ("w7: batched steal/complete over the pull API (cyclone) and the dwork protocol (cyclone-dwork)", None, True),
}
W7_REFERENCE = {1: 6_000, 16: 90_000}  # bare C++ in-memory hub, quoted from the issue, not measured here
NOTE_KEYS = ("skipped", "timeout", "missing", "error")


def fmt(v):
    if not isinstance(v, (int, float)):
        return str(v)
    a = abs(v)
    return f"{v:,.0f}" if a >= 100 or float(v).is_integer() else f"{v:.1f}" if a >= 10 else f"{v:.2f}" if a >= 0.1 else f"{v:.3f}"


def describe(rec):
    """One line for the progress display."""
    if "metrics" in rec:
        return f"rep {rec.get('rep')}: " + ", ".join(f"{k}={fmt(v)}" for k, v in rec["metrics"].items())
    return "; ".join(f"{k}: {rec[k]}" for k in NOTE_KEYS if k in rec) or json.dumps(rec)


def load(out):
    with open(os.path.join(out, "raw.jsonl")) as f:
        raw = [json.loads(line) for line in f if line.strip()]
    machine = {}
    if os.path.exists(os.path.join(out, "machine.json")):
        with open(os.path.join(out, "machine.json")) as f:
            machine = json.load(f)
    return raw, machine


def rank(workload, system):
    order = ["cyclone", "cyclone-dwork", "dask-default", "dask-nosat", "celery", "machine"]
    return (WORKLOADS.index(workload) if workload in WORKLOADS else len(WORKLOADS),
            order.index(system) if system in order else len(order))


def summarize(raw):
    """{(workload, system): {"reps": n, "metrics": {metric: median}, "notes": [...]}}, by workload, Cyclone first."""
    groups = {}
    for rec in raw:
        g = groups.setdefault((rec["workload"], rec["system"]), {"runs": [], "notes": []})
        if isinstance(rec.get("metrics"), dict):
            g["runs"].append(rec["metrics"])
        for k in NOTE_KEYS:
            if k in rec:
                limit = fmt(rec.get("limit_s", 0))
                g["notes"].append(f"timeout after {limit} s" if k == "timeout" else f"{k}: {rec[k]}")
    out = {}
    for key, g in sorted(groups.items(), key=lambda kv: rank(*kv[0])):
        names = list(dict.fromkeys(k for m in g["runs"] for k in m))
        med = {k: statistics.median(vals) for k in names
               if (vals := [m[k] for m in g["runs"] if isinstance(m.get(k), (int, float))])}
        out[key] = {"reps": len(g["runs"]), "metrics": med, "notes": g["notes"]}
    return out


def cyclone_of(summary, w):
    return summary.get((w, "cyclone"), {}).get("metrics", {})


def advantage(cyc, peer, higher):
    if not cyc or not peer:
        return None
    return cyc / peer if higher else peer / cyc


def best_dask(summary, w, metric, higher):
    vals = [(s, summary[(w, s)]["metrics"].get(metric)) for s in ("dask-default", "dask-nosat") if (w, s) in summary]
    vals = [(s, v) for s, v in vals if v]
    return (max if higher else min)(vals, key=lambda sv: sv[1]) if vals else (None, None)


def w7_rates(summary):
    """Cyclone's w7 tasks/s by batch size: metrics like batch16_tasks_per_s, or systems like cyclone-b16."""
    rates = {}
    for (w, s), g in summary.items():
        if w != "w7" or not s.startswith("cyclone") or s == "cyclone-dwork":
            continue
        for k, v in g["metrics"].items():
            m = re.search(r"(?:batch|b)_?(\d+)(?!\d)", k)
            m = m or (k == "tasks_per_s" and re.search(r"(?:batch|b)_?(\d+)$", s))
            if m and "per_s" in k:
                rates[int(m.group(1))] = v
    return rates


def targets(summary):
    """[(target, figure, status)]; status is met, NOT MET, n/a (no figure) or info."""
    rows = []

    def check(name, value, ok, figure=None):
        if value is None:
            rows.append((name, "no figure", "n/a"))
        else:
            rows.append((name, figure or fmt(value), "met" if ok(value) else "NOT MET"))

    def ratio_target(w, metric, higher, peer_label, minimum):
        cyc = cyclone_of(summary, w).get(metric)
        if peer_label == "dask":
            peer, pv = best_dask(summary, w, metric, higher)
        else:
            peer, pv = peer_label, summary.get((w, peer_label), {}).get("metrics", {}).get(metric)
        r = advantage(cyc, pv, higher)
        fig = r and f"{r:.1f}x (cyclone {fmt(cyc)} vs {peer} {fmt(pv)})"
        check(f"{w}: Cyclone >= {minimum}x {peer_label} ({metric})", r, lambda x: x >= minimum, fig)

    ratio_target("w1", "tasks_per_s", True, "dask", 15)
    ratio_target("w1", "tasks_per_s", True, "celery", 50)
    w1 = cyclone_of(summary, "w1").get("tasks_per_s")
    check("w1: Cyclone >= 50,000 tasks/s", w1, lambda x: x >= 50_000, w1 and f"{fmt(w1)} tasks/s")
    cyc, machine = cyclone_of(summary, "w2").get("tasks_per_s"), summary.get(("w2", "machine"), {}).get("metrics", {})
    share = cyc and machine.get("tasks_per_s") and cyc / machine["tasks_per_s"]
    check("w2: Cyclone >= 80% of the machine's forkloop", share, lambda x: x >= 0.8,
          share and f"{share:.0%} (cyclone {fmt(cyc)} vs machine {fmt(machine['tasks_per_s'])} tasks/s)")
    w3 = cyclone_of(summary, "w3")
    for q, limit in (("p50", 0.5), ("p99", 2)):
        v = w3.get(f"{q}_ms")
        check(f"w3: Cyclone {q} < {limit} ms", v, lambda x: x < limit, v is not None and f"{fmt(v)} ms")
    peers = [(s, g["metrics"]) for (w, s), g in summary.items() if w == "w3" and s != "cyclone" and g["metrics"]]
    if w3.get("p50_ms") is not None and w3.get("p99_ms") is not None and peers:
        beaten = [s for s, m in peers if w3["p50_ms"] < m.get("p50_ms", 0) and w3["p99_ms"] < m.get("p99_ms", 0)]
        rows.append(("w3: Cyclone p50 and p99 below every peer's", f"below {len(beaten)} of {len(peers)} peers",
                     "met" if len(beaten) == len(peers) else "NOT MET"))
    else:
        rows.append(("w3: Cyclone p50 and p99 below every peer's", "no figure", "n/a"))
    ratio_target("w4-layered", "tasks_per_s", True, "dask", 20)
    ratio_target("w4-chain", "tasks_per_s", True, "dask", 20)
    w5 = cyclone_of(summary, "w5")
    w6 = cyclone_of(summary, "w6")
    full_w5, full_w6 = w5.get("tasks", 1_000_000) >= 1_000_000, w6.get("agents", 1_000) >= 1_000
    for name, v, limit, unit, full in (("w5: Cyclone submit of the million", w5.get("submit_seconds"), 10, "s", full_w5),
                                       ("w5: Cyclone hub peak RSS", w5.get("hub_peak_rss_mib"), 1024, "MiB", full_w5),
                                       ("w6: Cyclone idle CPU", w6.get("idle_cpu_pct"), 5, "% of a core", full_w6),
                                       ("w6: Cyclone lease p99", w6.get("lease_p99_ms"), 50, "ms", full_w6)):
        if v is not None and not full:
            # a --quick run has a tenth of the tasks or agents: its figure says nothing about the target
            rows.append((f"{name} < {limit:,} {unit}", f"{fmt(v)} {unit} at quick counts", "n/a"))
            continue
        check(f"{name} < {limit:,} {unit}", v, lambda x: x < limit, v is not None and f"{fmt(v)} {unit}")
    rates = w7_rates(summary)
    for b, ref in W7_REFERENCE.items():
        v = rates.get(b)
        rows.append((f"w7: batches of {b} vs the C++ reference {ref:,}/s (quoted)",
                     f"{fmt(v)} tasks/s ({v / ref:.0%} of it)" if v else "no figure", "info" if v else "n/a"))
    dwork = summary.get(("w7", "cyclone-dwork"), {}).get("metrics", {})
    for b in (1, 16):
        v = dwork.get(f"tasks_per_s_batch{b}")
        rows.append((f"w7: the dwork protocol (ZeroMQ), steal n={b}", f"{fmt(v)} tasks/s" if v else "no figure",
                     "info" if v else "n/a"))
    return rows


def redis_version(banner):
    m = re.search(r"v=(\S+)", banner or "")
    return m.group(1) if m else banner


def table(summary, machine):
    lines = ["# Cyclone and its peers", ""]
    if machine:
        lines += [f"{machine.get('date')} on {machine.get('hostname')}: {machine.get('cpu')}, {machine.get('cores')} "
                  f"cores, {machine.get('memory_gib')} GiB, Linux {machine.get('kernel')}; load at start "
                  f"{' '.join(machine.get('loadavg_at_start', []))}; .NET {machine.get('dotnet')}, Python "
                  f"{machine.get('python')}, Dask {machine.get('distributed')}, Celery {machine.get('celery')}, "
                  f"Redis {redis_version(machine.get('redis_server'))}. Medians of the repetitions.", ""]
    for w in WORKLOADS:
        keys = [k for k in summary if k[0] == w]
        if not keys:
            continue
        title, metric, higher = SPEC[w]
        lines += [f"## {title}", ""]
        measured = [k for k in keys if summary[k]["reps"]]
        cyc = cyclone_of(summary, w).get(metric) if metric else None
        if measured:
            cols = list(dict.fromkeys(m for k in measured for m in summary[k]["metrics"]))
            ratio_head = [] if cyc is None else ["Cyclone's advantage (" + ("rate" if higher else "time") + ")"]
            lines.append("| system | reps | " + " | ".join(c.replace("_", " ") for c in cols + ratio_head) + " |")
            lines.append("|" + " --- |" * (len(cols) + 2 + len(ratio_head)))
            for k in measured:
                g = summary[k]
                cells = [k[1], str(g["reps"]) + (" (partial)" if g["notes"] else "")]
                cells += [fmt(g["metrics"][c]) if c in g["metrics"] else "" for c in cols]
                if cyc is not None:
                    r = advantage(cyc, g["metrics"].get(metric), higher) if k[1] != "cyclone" else None
                    if k[1] == "machine" and r:
                        cells.append(f"Cyclone at {r:.0%} of it")
                    else:
                        cells.append(f"{r:.2f}x" if r else "")
                lines.append("| " + " | ".join(cells) + " |")
            lines.append("")
        for k in keys:
            for note in summary[k]["notes"]:
                lines.append(f"- {k[1]}: {note}")
        lines.append("")
    lines += ["## Targets (Dask: the better of dask-default and dask-nosat)", "", "| target | figure | status |",
              "| --- | --- | --- |"]
    lines += [f"| {t} | {f} | {s} |" for t, f, s in targets(summary)]
    return "\n".join(lines) + "\n"


def write(out):
    raw, machine = load(out)
    summary = summarize(raw)
    text = table(summary, machine)
    medians = [{"workload": w, "system": s, **g} for (w, s), g in summary.items()]
    result = {"machine": machine, "medians": medians,
              "targets": [{"target": t, "figure": f, "status": s} for t, f, s in targets(summary)], "raw": raw}
    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump(result, f, indent=1)
    with open(os.path.join(out, "table.md"), "w") as f:
        f.write(text)
    with open(os.path.join(out, "chart.svg"), "w") as f:
        f.write(chart.svg(summary, machine, w7_rates(summary), W7_REFERENCE))
    print(text)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: report.py RESULTS_DIR")
    write(sys.argv[1])
