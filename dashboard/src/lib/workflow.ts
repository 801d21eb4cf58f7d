// The native workflow format as the editor changes it (docs/workflows.md). Fields it does not edit are kept as they are.
export interface WorkflowNode {
  name: string;
  command?: string[];
  task?: string;
  event?: string;
  cpus?: number;
  memory?: string;
  gpus?: number;
  retries?: number;
  timeLimit?: string;
  labels?: string[];
  [other: string]: unknown;
}

export interface WorkflowEdge {
  from: string;
  to: string;
  condition?: "afterok" | "afterany" | "afternotok";
  output?: string;
  input?: string;
}

export interface WorkflowDoc {
  nodes: WorkflowNode[];
  edges?: WorkflowEdge[];
  [other: string]: unknown;
}

/** Parses a native workflow file; null when it is not one (a Nodeworks file, say). */
export function parseNative(text: string): WorkflowDoc | null {
  try {
    const doc = JSON.parse(text);
    return doc && Array.isArray(doc.nodes) ? (doc as WorkflowDoc) : null;
  } catch {
    return null;
  }
}

export function addNode(doc: WorkflowDoc, node: WorkflowNode): WorkflowDoc {
  if (!node.name.trim()) throw new Error("a node needs a name");
  if (doc.nodes.some((n) => n.name === node.name)) throw new Error(`there is already a node named ${node.name}`);
  return { ...doc, nodes: [...doc.nodes, node] };
}

/** Removes a node and every edge that touches it. */
export function removeNode(doc: WorkflowDoc, name: string): WorkflowDoc {
  return { ...doc, nodes: doc.nodes.filter((n) => n.name !== name), edges: (doc.edges ?? []).filter((e) => e.from !== name && e.to !== name) };
}

export function connect(doc: WorkflowDoc, edge: WorkflowEdge): WorkflowDoc {
  if (edge.from === edge.to) throw new Error("a node cannot depend on itself");
  if ((doc.edges ?? []).some((e) => e.from === edge.from && e.to === edge.to && !e.output)) throw new Error(`${edge.from} → ${edge.to} is already there`);
  if (reaches(doc, edge.to, edge.from)) throw new Error(`${edge.from} → ${edge.to} would make a cycle`);
  return { ...doc, edges: [...(doc.edges ?? []), edge] };
}

export function disconnect(doc: WorkflowDoc, index: number): WorkflowDoc {
  return { ...doc, edges: (doc.edges ?? []).filter((_, i) => i !== index) };
}

export function updateNode(doc: WorkflowDoc, name: string, change: Partial<WorkflowNode>): WorkflowDoc {
  const cleaned = Object.fromEntries(Object.entries(change).map(([k, v]) => [k, v === "" || (typeof v === "number" && Number.isNaN(v)) ? undefined : v]));
  return { ...doc, nodes: doc.nodes.map((n) => (n.name === name ? dropUndefined({ ...n, ...cleaned }) : n)) };
}

function dropUndefined(node: WorkflowNode): WorkflowNode {
  return Object.fromEntries(Object.entries(node).filter(([, v]) => v !== undefined)) as WorkflowNode;
}

function reaches(doc: WorkflowDoc, from: string, to: string): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    const at = stack.pop()!;
    if (at === to) return true;
    if (seen.has(at)) continue;
    seen.add(at);
    for (const e of doc.edges ?? []) if (e.from === at) stack.push(e.to);
  }
  return false;
}
