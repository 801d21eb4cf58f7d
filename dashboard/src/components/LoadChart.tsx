import type { AgentLoad } from "../lib/types";

/** An agent's slots busy over time as a small SVG step chart, with the figure now in text. */
export function LoadChart({ load, width = 320, height = 80 }: { load: AgentLoad; width?: number; height?: number }) {
  const samples = load.samples;
  const total = Math.max(1, ...samples.map((s) => s.slotsTotal));
  const last = samples.length ? samples[samples.length - 1] : null;
  const start = samples.length ? Date.parse(samples[0].at) : 0;
  const span = samples.length > 1 ? Math.max(1, Date.parse(samples[samples.length - 1].at) - start) : 1;
  const x = (at: string) => (samples.length > 1 ? ((Date.parse(at) - start) / span) * (width - 2) + 1 : width / 2);
  const y = (used: number) => height - 2 - (Math.min(used, total) / total) * (height - 4);
  const path = samples.map((s, i) => `${i === 0 ? "M" : "L"}${x(s.at).toFixed(1)},${y(s.slotsUsed).toFixed(1)}`).join(" ");
  const minutes = Math.round(span / 60_000);
  return (
    <figure className="chart load-chart">
      <svg
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`Load of ${load.name}: ${last ? `${last.slotsUsed} of ${last.slotsTotal} slots busy now` : "no samples yet"}, over the last ${minutes} minute(s)`}
      >
        <line x1={0} y1={height - 2} x2={width} y2={height - 2} className="axis" />
        <line x1={0} y1={2} x2={width} y2={2} className="axis" strokeDasharray="2 3" />
        <path d={path} className="series-completed" fill="none" />
      </svg>
      <figcaption>
        Slots busy: <strong data-testid="load-now">{last ? `${last.slotsUsed} / ${last.slotsTotal}` : "–"}</strong> now; {samples.length} sample(s), one every{" "}
        {load.intervalSeconds} s.
      </figcaption>
    </figure>
  );
}
