/** A workflow graph laid out in layers: each node one layer right of its furthest upstream. */
export interface DagNode {
  name: string;
}
export interface DagEdge {
  from: string;
  to: string;
}
export interface Placed {
  name: string;
  layer: number;
  row: number;
}

export function layout(nodes: DagNode[], edges: DagEdge[]): Placed[] {
  const names = new Set(nodes.map((n) => n.name));
  const upstream = new Map<string, string[]>(nodes.map((n) => [n.name, []]));
  for (const e of edges) {
    if (names.has(e.from) && names.has(e.to)) {
      upstream.get(e.to)!.push(e.from);
    }
  }
  const layer = new Map<string, number>();
  const visiting = new Set<string>();
  const depth = (name: string): number => {
    const known = layer.get(name);
    if (known !== undefined) return known;
    if (visiting.has(name)) return 0; // a cycle: the hub refuses those, but never loop here
    visiting.add(name);
    const d = Math.max(-1, ...upstream.get(name)!.map(depth)) + 1;
    visiting.delete(name);
    layer.set(name, d);
    return d;
  };
  const rows = new Map<number, number>();
  return nodes.map((n) => {
    const l = depth(n.name);
    const row = rows.get(l) ?? 0;
    rows.set(l, row + 1);
    return { name: n.name, layer: l, row };
  });
}
