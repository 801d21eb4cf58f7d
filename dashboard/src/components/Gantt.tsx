import type { TaskEstimate } from "../lib/types";

/**
 * Each task on a time axis: the estimate as an outlined bar, what happened as a filled bar over it, and "now" as
 * a line. Labels carry the state as text.
 */
export function Gantt({ tasks, now }: { tasks: TaskEstimate[]; now: number }) {
  const times = tasks.flatMap((t) => [t.estimatedStart, t.estimatedFinish, t.startedAt, t.endedAt]).filter((x): x is string => !!x).map(Date.parse);
  const start = Math.min(now, ...times);
  const end = Math.max(now + 1000, ...times);
  const width = 900;
  const label = 220;
  const row = 24;
  const x = (t: number) => label + ((t - start) / (end - start)) * (width - label - 10);
  const height = tasks.length * row + 30;
  return (
    <svg className="gantt" width="100%" viewBox={`0 0 ${width} ${height}`} role="img" aria-label="Estimated and actual timeline of the run's tasks">
      <line x1={x(now)} x2={x(now)} y1={0} y2={height - 20} className="now" />
      <text x={x(now) + 3} y={height - 6} className="tick">now</text>
      {tasks.map((t, i) => {
        const y = i * row + 4;
        const es = t.estimatedStart ? Date.parse(t.estimatedStart) : null;
        const ef = t.estimatedFinish ? Date.parse(t.estimatedFinish) : null;
        const as = t.startedAt ? Date.parse(t.startedAt) : null;
        const ae = t.endedAt ? Date.parse(t.endedAt) : t.state === "RUNNING" ? now : null;
        return (
          <g key={t.index} data-task={t.name}>
            <text x={4} y={y + 14} className="ganttlabel">
              {t.name.length > 16 ? t.name.slice(0, 15) + "…" : t.name} · {t.state}
            </text>
            {es !== null && ef !== null && <rect x={x(es)} y={y + 2} width={Math.max(2, x(ef) - x(es))} height={row - 8} className="estimate" />}
            {as !== null && ae !== null && <rect x={x(as)} y={y + 6} width={Math.max(2, x(ae) - x(as))} height={row - 16} className={`actual state-${t.state.toLowerCase()}`} />}
          </g>
        );
      })}
    </svg>
  );
}
