import { layout, type DagEdge, type DagNode } from "../lib/dag";

/**
 * A workflow's DAG as SVG: boxes in layers left to right, edges as arrows. With `states` each node shows its
 * state as text under its name and is coloured by it; `onSelect` makes nodes focusable buttons.
 */
export function DagGraph(props: { nodes: DagNode[]; edges: DagEdge[]; states?: Record<string, string>; selected?: string; onSelect?: (name: string) => void }) {
  const { nodes, edges, states, selected, onSelect } = props;
  const placed = layout(nodes, edges);
  const w = 150;
  const h = 46;
  const gx = 60;
  const gy = 18;
  const at = new Map(placed.map((p) => [p.name, { x: 10 + p.layer * (w + gx), y: 10 + p.row * (h + gy) }]));
  const width = Math.max(200, ...placed.map((p) => 10 + (p.layer + 1) * (w + gx)));
  const height = Math.max(80, ...placed.map((p) => 10 + (p.row + 1) * (h + gy)));
  return (
    <svg className="dag" width={width} height={height} role="group" aria-label="Workflow graph">
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" className="arrowhead" />
        </marker>
      </defs>
      {edges.map((e, i) => {
        const a = at.get(e.from);
        const b = at.get(e.to);
        if (!a || !b) return null;
        const x1 = a.x + w;
        const y1 = a.y + h / 2;
        const x2 = b.x;
        const y2 = b.y + h / 2;
        const mid = (x1 + x2) / 2;
        return <path key={i} d={`M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`} className="edge" markerEnd="url(#arrow)" fill="none" />;
      })}
      {placed.map((p) => {
        const { x, y } = at.get(p.name)!;
        const state = states?.[p.name];
        return (
          <g
            key={p.name}
            transform={`translate(${x},${y})`}
            className={`dagnode ${state ? `state-${state.toLowerCase()}` : ""} ${selected === p.name ? "selected" : ""}`}
            role={onSelect ? "button" : "img"}
            tabIndex={onSelect ? 0 : undefined}
            aria-label={`node ${p.name}${state ? `, ${state}` : ""}`}
            data-node={p.name}
            data-state={state}
            onClick={onSelect ? () => onSelect(p.name) : undefined}
            onKeyDown={onSelect ? (e) => (e.key === "Enter" || e.key === " ") && (e.preventDefault(), onSelect(p.name)) : undefined}
          >
            <rect width={w} height={h} rx={6} />
            <text x={8} y={18} className="nodename">{p.name.length > 18 ? p.name.slice(0, 17) + "…" : p.name}</text>
            {state && <text x={8} y={36} className="nodestate">{state}</text>}
          </g>
        );
      })}
    </svg>
  );
}
