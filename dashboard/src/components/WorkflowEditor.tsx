import { useState } from "react";
import { api, ApiError } from "../lib/api";
import { addNode, connect, disconnect, removeNode, updateNode, type WorkflowDoc, type WorkflowEdge } from "../lib/workflow";
import type { WorkflowVersion } from "../lib/types";
import { DagGraph } from "./DagGraph";

/**
 * Edits a native workflow: add, remove and connect nodes; change a node's command, resources and retries.
 * Publishing sends the whole file to the hub, which validates it and commits a new version with the message.
 */
export function WorkflowEditor({ name, doc: initial, onPublished }: { name: string; doc: WorkflowDoc; onPublished: (v: WorkflowVersion) => void }) {
  const [doc, setDoc] = useState(initial);
  const [selected, setSelected] = useState<string | null>(initial.nodes[0]?.name ?? null);
  const [newName, setNewName] = useState("");
  const [edge, setEdge] = useState<WorkflowEdge>({ from: "", to: "", condition: "afterok" });
  const [message, setMessage] = useState("");
  const [problem, setProblem] = useState("");
  const node = doc.nodes.find((n) => n.name === selected) ?? null;

  const attempt = (change: () => WorkflowDoc) => {
    try {
      setDoc(change());
      setProblem("");
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  };
  const publish = async () => {
    setProblem("");
    try {
      const version = await api<WorkflowVersion>(`/api/v1/workflows/${encodeURIComponent(name)}?format=native&message=${encodeURIComponent(message || "edited in the dashboard")}`, {
        method: "PUT",
        json: doc,
      });
      onPublished(version);
    } catch (e) {
      setProblem(e instanceof ApiError ? e.message : String(e));
    }
  };
  const names = doc.nodes.map((n) => n.name);
  return (
    <div className="editor">
      <div className="graphbox">
        <DagGraph nodes={doc.nodes} edges={doc.edges ?? []} selected={selected ?? undefined} onSelect={setSelected} />
      </div>
      <div className="editor-side">
        <fieldset>
          <legend>Add a node</legend>
          <label>
            Name <input value={newName} onChange={(e) => setNewName(e.target.value)} data-testid="new-node-name" />
          </label>
          <button
            onClick={() =>
              attempt(() => {
                const next = addNode(doc, { name: newName.trim(), command: ["true"] });
                setSelected(newName.trim());
                setNewName("");
                return next;
              })
            }
          >
            Add node
          </button>
        </fieldset>
        {node && (
          <fieldset>
            <legend>Node {node.name}</legend>
            {node.command !== undefined ? (
              <label>
                Command (one argument per line)
                <textarea
                  rows={3}
                  value={(node.command ?? []).join("\n")}
                  onChange={(e) => setDoc(updateNode(doc, node.name, { command: e.target.value.split("\n") }))}
                  data-testid="node-command"
                />
              </label>
            ) : (
              <p className="muted">{node.task ? `Runs the kind ${node.task}.` : `Waits for the event ${node.event}.`}</p>
            )}
            <div className="grid2">
              <label>
                CPUs <input type="number" min={1} value={node.cpus ?? ""} onChange={(e) => setDoc(updateNode(doc, node.name, { cpus: e.target.valueAsNumber }))} />
              </label>
              <label>
                Memory <input placeholder="512M" value={node.memory ?? ""} onChange={(e) => setDoc(updateNode(doc, node.name, { memory: e.target.value }))} />
              </label>
              <label>
                GPUs <input type="number" min={0} value={node.gpus ?? ""} onChange={(e) => setDoc(updateNode(doc, node.name, { gpus: e.target.valueAsNumber }))} />
              </label>
              <label>
                Retries <input type="number" min={0} value={node.retries ?? ""} onChange={(e) => setDoc(updateNode(doc, node.name, { retries: e.target.valueAsNumber }))} />
              </label>
              <label>
                Time limit <input placeholder="10:00" value={node.timeLimit ?? ""} onChange={(e) => setDoc(updateNode(doc, node.name, { timeLimit: e.target.value }))} />
              </label>
            </div>
            <button className="danger" onClick={() => attempt(() => (setSelected(null), removeNode(doc, node.name)))}>
              Remove node {node.name}
            </button>
          </fieldset>
        )}
        <fieldset>
          <legend>Connect</legend>
          <label>
            From{" "}
            <select value={edge.from} onChange={(e) => setEdge({ ...edge, from: e.target.value })} data-testid="edge-from">
              <option value="">–</option>
              {names.map((n) => (
                <option key={n}>{n}</option>
              ))}
            </select>
          </label>{" "}
          <label>
            to{" "}
            <select value={edge.to} onChange={(e) => setEdge({ ...edge, to: e.target.value })} data-testid="edge-to">
              <option value="">–</option>
              {names.map((n) => (
                <option key={n}>{n}</option>
              ))}
            </select>
          </label>{" "}
          <label>
            when{" "}
            <select value={edge.condition} onChange={(e) => setEdge({ ...edge, condition: e.target.value as WorkflowEdge["condition"] })}>
              <option value="afterok">afterok</option>
              <option value="afterany">afterany</option>
              <option value="afternotok">afternotok</option>
            </select>
          </label>{" "}
          <button disabled={!edge.from || !edge.to} onClick={() => attempt(() => connect(doc, { ...edge }))}>
            Connect
          </button>
          <ul className="plain" aria-label="Edges">
            {(doc.edges ?? []).map((e, i) => (
              <li key={i}>
                {e.from} → {e.to} {e.output ? `(${e.output} → ${e.input})` : `(${e.condition ?? "afterok"})`}{" "}
                <button aria-label={`Remove edge ${e.from} to ${e.to}`} onClick={() => setDoc(disconnect(doc, i))}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        </fieldset>
        <fieldset>
          <legend>Publish a new version</legend>
          <label>
            Message <input value={message} onChange={(e) => setMessage(e.target.value)} data-testid="publish-message" />
          </label>
          <button onClick={publish}>Publish</button>
        </fieldset>
        {problem && (
          <p role="alert" className="error">
            {problem}
          </p>
        )}
      </div>
    </div>
  );
}
