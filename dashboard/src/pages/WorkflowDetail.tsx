import { useEffect, useState } from "react";
import { api, ApiError, query } from "../lib/api";
import { useJobChanges } from "../lib/live";
import { Link, navigate, setParams, useLocation } from "../lib/router";
import { useFetch } from "../lib/useFetch";
import { parseNative, type WorkflowDoc } from "../lib/workflow";
import { finalStates, type Job, type Page, type RunStatus, type WhoAmI, type WorkflowVersion } from "../lib/types";
import { DagGraph } from "../components/DagGraph";
import { StateBadge } from "../components/StateBadge";
import { WorkflowEditor } from "../components/WorkflowEditor";
import { VersionDiff } from "../components/VersionDiff";
import { time } from "../lib/format";

/** One workflow: its graph (live states of a chosen run), runs, the editor, and its version history with diffs. */
export function WorkflowDetail({ name, me }: { name: string; me: WhoAmI }) {
  const { params } = useLocation();
  const run = params.get("run");
  const tab = params.get("tab") ?? "graph";
  const enc = encodeURIComponent(name);
  const file = useFetch(() => api<string>(`/api/v1/workflows/${enc}`, { asText: true }), `file-${name}`);
  const history = useFetch(() => api<WorkflowVersion[]>(`/api/v1/workflows/${enc}/history`), `history-${name}`);
  const runs = useFetch(() => api<Page<Job>>(`/api/v1/workflows/${enc}/runs?limit=20`), `runs-${name}`, 1000);
  const status = useFetch(() => (run ? api<RunStatus>(`/api/v1/runs/${run}`) : Promise.resolve(null)), `run-${run}`, 500);
  useJobChanges(() => {
    runs.reload();
    if (run) status.reload();
  }, (c) => (run !== null && c.ids.includes(Number(run))) || c.ids.some((id) => runs.data?.items.some((j) => j.id === id)));
  const [message, setMessage] = useState("");
  const doc: WorkflowDoc | null = file.data !== null ? parseNative(file.data) : null;
  const [runDoc, setRunDoc] = useState<WorkflowDoc | null>(null);
  // a run shows the graph of the version it ran
  useEffect(() => {
    setRunDoc(null);
    const commit = status.data?.commit;
    if (!commit) return;
    api<string>(`/api/v1/workflows/${enc}${query({ revision: commit })}`, { asText: true }).then((t) => setRunDoc(parseNative(t)), () => setRunDoc(null));
  }, [status.data?.commit, enc]);

  const shown = (run && runDoc) || doc;
  const states = run && status.data ? Object.fromEntries(status.data.nodes.map((t) => [t.name, t.state])) : undefined;

  const execute = async () => {
    try {
      const started = await api<{ runId: number }>(`/api/v1/workflows/${enc}/runs`, { method: "POST" });
      setParams({ run: started.runId, tab: "graph" });
      runs.reload();
    } catch (e) {
      setMessage(e instanceof ApiError ? e.message : String(e));
    }
  };
  const cancel = async () => {
    if (!run || !window.confirm(`Cancel run ${run}? Its pending and running nodes end CANCELLED.`)) return;
    try {
      status.setData(await api<RunStatus>(`/api/v1/runs/${run}/cancel`, { method: "POST" }));
    } catch (e) {
      setMessage(e instanceof ApiError ? e.message : String(e));
    }
  };

  const tabs = [
    ["graph", "Graph"],
    ["edit", "Edit"],
    ["history", "History"],
  ];
  return (
    <section>
      <p>
        <Link to="/workflows">← Workflows</Link>
      </p>
      <h1>Workflow {name}</h1>
      <div className="actions">
        <button onClick={execute}>Execute newest version</button>
        {run && status.data && !finalStates.has(status.data.state) && (me.role === "admin" || me.user === status.data.job.user) && (
          <button className="danger" onClick={cancel}>
            Cancel run {run}
          </button>
        )}
        <span role="status">{message}</span>
      </div>
      <div role="tablist" aria-label="Workflow views" className="tabs">
        {tabs.map(([key, label]) => (
          <button key={key} role="tab" aria-selected={tab === key} onClick={() => setParams({ tab: key === "graph" ? undefined : key })}>
            {label}
          </button>
        ))}
      </div>
      {file.error && <p role="alert" className="error">{file.error}</p>}
      {tab === "graph" && (
        <div className="columns">
          <div className="graphbox">
            {run && status.data && (
              <p>
                Run <Link to={`/jobs/${run}`}>{run}</Link> <StateBadge state={status.data.state} />{" "}
                {Object.entries(status.data.counts).map(([s, n]) => `${n} ${s}`).join(", ")}
              </p>
            )}
            {shown ? <DagGraph nodes={shown.nodes} edges={shown.edges ?? []} states={states} /> : file.data !== null && <pre className="output">{file.data}</pre>}
          </div>
          <div>
            <h2>Runs</h2>
            <ul className="plain" aria-label="Runs">
              {(runs.data?.items ?? []).map((j) => (
                <li key={j.id}>
                  <button className="linklike" aria-current={String(j.id) === run} onClick={() => setParams({ run: j.id })}>
                    run {j.id}
                  </button>{" "}
                  <StateBadge state={j.state} /> <span className="muted">{time(j.submittedAt)}</span>{" "}
                  <Link to={`/estimates?run=${j.id}`}>estimate</Link>
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
      {tab === "edit" &&
        (doc ? (
          <WorkflowEditor
            name={name}
            doc={doc}
            onPublished={(v) => {
              setMessage(`Published version ${v.commit.slice(0, 8)}: ${v.message}`);
              file.reload();
              history.reload();
              navigate(`/workflows/${enc}?tab=history`, true);
            }}
          />
        ) : (
          <p className="muted">The editor works on native (JSON) workflows; this one is in another format. Publish changes with the CLI.</p>
        ))}
      {tab === "history" && <History name={name} versions={history.data ?? []} />}
    </section>
  );
}

function History({ name, versions }: { name: string; versions: WorkflowVersion[] }) {
  const [pair, setPair] = useState<[string, string] | null>(null);
  return (
    <>
      <table className="plain" aria-label="Versions">
        <thead>
          <tr>
            <th>Commit</th>
            <th>Author</th>
            <th>When</th>
            <th>Message</th>
            <th>Diff</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v, i) => (
            <tr key={v.commit} data-testid="version">
              <td>
                <code>{v.commit.slice(0, 8)}</code>
              </td>
              <td>{v.author}</td>
              <td>{time(v.when)}</td>
              <td>{v.deleted ? "(deleted) " : ""}{v.message}</td>
              <td>{i + 1 < versions.length && <button onClick={() => setPair([versions[i + 1].commit, v.commit])}>with previous</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {pair && <VersionDiff name={name} older={pair[0]} newer={pair[1]} />}
    </>
  );
}
