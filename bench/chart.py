"""The chart of a results directory: a self-contained SVG, one panel per workload figure, a bar per system with
its value written next to it; a log axis where the values span more than a factor of 30."""
import math
import re
from html import escape

COLORS = {"cyclone": "#1f6fb4", "dask-default": "#f28e2b", "dask-nosat": "#b35806", "celery": "#4e9a42",
          "machine": "#6b6b6b", "reference": "#b0a8a0"}
OTHER = ["#8c564b", "#9467bd", "#17becf", "#bcbd22"]
# (workload, title, metrics drawn side by side for each system)
PANELS = [
    ("w1", "w1 no-op tasks/s (higher is better)", ["tasks_per_s"]),
    ("w2", "w2 /bin/true tasks/s (higher is better)", ["tasks_per_s"]),
    ("w3", "w3 round trip ms, p50 dark / p99 light (lower is better)", ["p50_ms", "p99_ms"]),
    ("w4-layered", "w4-layered DAG tasks/s (higher is better)", ["tasks_per_s"]),
    ("w4-chain", "w4-chain DAG tasks/s (higher is better)", ["tasks_per_s"]),
    ("w5", "w5 seconds to submit (lower is better)", ["submit_seconds"]),
    ("w5", "w5 hub peak RSS MiB (lower is better)", ["hub_peak_rss_mib"]),
    ("w6", "w6 idle CPU % of a core (lower is better)", ["idle_cpu_pct"]),
    ("w6", "w6 lease p99 ms (lower is better)", ["lease_p99_ms"]),
]
PANEL_W, LABEL_W, BAR_AREA, BAR_H, GAP, TOP, AXIS = 540, 110, 330, 14, 8, 34, 28


def fmt(v):
    a = abs(v)
    return f"{v:,.0f}" if a >= 100 else f"{v:.1f}" if a >= 10 else f"{v:.2f}" if a >= 0.1 else f"{v:.3f}"


def tick(v):
    return f"{v:,.0f}" if v == int(v) else f"{v:g}"


def color(system, i):
    return COLORS.get(system) or COLORS.get(re.split(r"[- ]", system)[0]) or OTHER[i % len(OTHER)]


def scale(values):
    """(position function 0..1, tick values, 'log' or 'linear')."""
    lo_v, hi_v = min(values), max(values)
    if lo_v > 0 and hi_v / lo_v > 30:
        lo, hi = 10 ** math.floor(math.log10(lo_v)), 10 ** math.ceil(math.log10(hi_v))
        ticks = [10 ** e for e in range(round(math.log10(lo)), round(math.log10(hi)) + 1)]
        return (lambda v: math.log(max(v, lo) / lo) / math.log(hi / lo)), ticks, "log"
    step = 10 ** math.floor(math.log10(hi_v)) if hi_v > 0 else 1
    hi = next(m * step for m in (1, 2, 2.5, 5, 10) if m * step >= hi_v)
    return (lambda v: v / hi), [hi * i / 5 for i in range(6)], "linear"


def panel(title, rows):
    """rows: [(system, [values, one per metric])]. Returns (svg fragment at 0,0, height)."""
    n_metrics = max(len(v) for _, v in rows)
    values = [x for _, vs in rows for x in vs if x is not None]
    pos, ticks, kind = scale(values)
    row_h = n_metrics * BAR_H + GAP
    height = TOP + len(rows) * row_h + AXIS
    out = [f'<text x="0" y="16" class="t">{escape(title)}{" (log scale)" if kind == "log" else ""}</text>']
    base, bottom = LABEL_W, TOP + len(rows) * row_h
    for t in ticks:
        x = base + pos(t) * BAR_AREA
        out.append(f'<line x1="{x:.1f}" y1="{TOP - 4}" x2="{x:.1f}" y2="{bottom}" class="g"/>')
        out.append(f'<text x="{x:.1f}" y="{bottom + 14}" class="a">{tick(t)}</text>')
    for i, (system, vs) in enumerate(rows):
        y = TOP + i * row_h
        out.append(f'<text x="{LABEL_W - 6}" y="{y + n_metrics * BAR_H / 2 + 4:.1f}" class="l">{escape(system)}</text>')
        for j, v in enumerate(vs):
            if v is None:
                continue
            w = max(1.0, pos(v) * BAR_AREA)
            yy = y + j * BAR_H
            light = ' fill-opacity="0.45"' if j else ""
            out.append(f'<rect x="{base}" y="{yy}" width="{w:.1f}" height="{BAR_H - 2}" '
                       f'fill="{color(system, i)}"{light}/>')
            out.append(f'<text x="{base + w + 4:.1f}" y="{yy + BAR_H - 4}" class="v">{fmt(v)}</text>')
    out.append(f'<line x1="{base}" y1="{TOP - 4}" x2="{base}" y2="{bottom}" class="ax"/>')
    return "\n".join(out), height


def svg(summary, machine, w7_rates=None, w7_reference=None):
    panels = []
    for w, title, metrics in PANELS:
        rows = [(s, [g["metrics"].get(m) for m in metrics]) for (wl, s), g in summary.items() if wl == w]
        rows = [(s, vs) for s, vs in rows if any(v is not None and v > 0 for v in vs)]
        if rows:
            panels.append(panel(title, rows))
    if w7_rates:
        rows = [(f"cyclone b{b}", [v]) for b, v in sorted(w7_rates.items())]
        rows += [(f"reference b{b}", [v]) for b, v in sorted((w7_reference or {}).items())]
        panels.append(panel("w7 pull API tasks/s by batch size; reference quoted, not measured", rows))
    head = "Cyclone and its peers"
    if machine:
        head += (f": {machine.get('date', '')} {machine.get('hostname', '')}, {machine.get('cpu', '')}, "
                 f"{machine.get('cores', '')} cores; medians")
    cols, y, body = 2, 40, []
    for r in range(0, len(panels), cols):
        row = panels[r:r + cols]
        for c, (frag, _) in enumerate(row):
            body.append(f'<g transform="translate({20 + c * (PANEL_W + 20)},{y})">\n{frag}\n</g>')
        y += max(h for _, h in row) + 24
    width = 20 + cols * (PANEL_W + 20)
    if not panels:
        body.append(f'<text x="20" y="{y + 20}" class="l0">no figures measured</text>')
        y += 40
    style = (".t{font:bold 13px sans-serif}.l{font:12px sans-serif;text-anchor:end}.l0{font:12px sans-serif}"
             ".v{font:11px sans-serif}.a{font:10px sans-serif;text-anchor:middle;fill:#555}"
             ".g{stroke:#ddd;stroke-width:1}.ax{stroke:#333;stroke-width:1}.h{font:bold 15px sans-serif}")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{y}" viewBox="0 0 {width} {y}">\n'
            f'<style>{style}</style>\n<rect width="100%" height="100%" fill="white"/>\n'
            f'<text x="20" y="24" class="h">{escape(head)}</text>\n' + "\n".join(body) + "\n</svg>\n")
