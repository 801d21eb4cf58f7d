import type { Pulse } from "../lib/types";

/** Tasks completed (and ended otherwise) per second over the recent pulses, as an SVG line chart. */
export function ThroughputChart({ pulses, width = 640, height = 160 }: { pulses: Pulse[]; width?: number; height?: number }) {
  const rate = (p: Pulse, n: number) => (n * 1000) / Math.max(1, p.intervalMs);
  const completed = pulses.map((p) => rate(p, p.completed));
  const failed = pulses.map((p) => rate(p, p.failed));
  const max = Math.max(1, ...completed, ...failed);
  const pad = 28;
  const step = pulses.length > 1 ? (width - pad) / (pulses.length - 1) : 0;
  const line = (values: number[]) =>
    values.map((v, i) => `${i === 0 ? "M" : "L"}${(pad + i * step).toFixed(1)},${(height - 16 - (v / max) * (height - 28)).toFixed(1)}`).join(" ");
  const latest = completed.length ? completed[completed.length - 1] : 0;
  const seconds = pulses.length ? Math.round((pulses.length * pulses[0].intervalMs) / 1000) : 0;
  return (
    <figure className="chart">
      <svg width="100%" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`Throughput: ${latest.toFixed(1)} tasks completed per second now, over the last ${seconds} seconds`}>
        <line x1={pad} y1={height - 16} x2={width} y2={height - 16} className="axis" />
        <line x1={pad} y1={12} x2={pad} y2={height - 16} className="axis" />
        <text x={2} y={16} className="tick">{max.toFixed(max < 10 ? 1 : 0)}</text>
        <text x={2} y={height - 16} className="tick">0</text>
        <path d={line(completed)} className="series-completed" fill="none" />
        <path d={line(failed)} className="series-failed" fill="none" strokeDasharray="4 3" />
      </svg>
      <figcaption>
        Completed per second (solid): <strong data-testid="throughput-now">{latest.toFixed(1)}</strong>; ended otherwise (dashed). Last {seconds} s.
      </figcaption>
    </figure>
  );
}
