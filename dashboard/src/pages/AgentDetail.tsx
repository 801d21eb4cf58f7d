import { api } from "../lib/api";
import { useLive } from "../lib/live";
import { Link } from "../lib/router";
import { useFetch } from "../lib/useFetch";
import type { AgentLoad, AgentTask } from "../lib/types";
import { LoadChart } from "../components/LoadChart";
import { StateBadge } from "../components/StateBadge";
import { between, duration } from "../lib/format";

/** One agent's current tasks and its load over the last minutes, refreshed with the live pulse (at most every 2 s). */
export function AgentDetail({ name, onClose }: { name: string; onClose: () => void }) {
  const path = `/api/v1/agents/${encodeURIComponent(name)}`;
  const tasks = useFetch(() => api<AgentTask[]>(`${path}/tasks`), `${path}/tasks`, 2000);
  const load = useFetch(() => api<AgentLoad>(`${path}/load`), `${path}/load`, 2000);
  useLive((event) => {
    if (event === "pulse" || event === "resync") {
      tasks.reload();
      load.reload();
    }
  });
  const now = Date.now();
  return (
    <section className="agent-detail" aria-label={`Agent ${name}`}>
      <h2>
        Agent {name}{" "}
        <button className="linklike" onClick={onClose} aria-label={`Close agent ${name}`}>
          ✕ close
        </button>
      </h2>
      <div className="columns">
        <div>
          <h3>Load</h3>
          {load.data ? <LoadChart load={load.data} /> : <p className="muted">{load.error ?? "loading…"}</p>}
        </div>
        <div>
          <h3>Current tasks ({tasks.data?.length ?? "…"})</h3>
          {tasks.error && <p className="error">{tasks.error}</p>}
          {tasks.data?.length ? (
            <table className="plain" aria-label={`Tasks on ${name}`}>
              <thead>
                <tr>
                  <th>job</th>
                  <th>task</th>
                  <th>state</th>
                  <th>attempt</th>
                  <th>node</th>
                  <th>running for</th>
                </tr>
              </thead>
              <tbody>
                {tasks.data.slice(0, 200).map((t) => (
                  <tr key={`${t.taskId}-${t.nodeIndex}`}>
                    <td>
                      <Link to={`/jobs/${t.jobId}`}>job {t.jobId}</Link>
                    </td>
                    <td>{t.taskId}</td>
                    <td>
                      <StateBadge state={t.state} />
                    </td>
                    <td>{t.attempt}</td>
                    <td>{t.nodeIndex}</td>
                    <td>{t.startedAt ? duration(between(t.startedAt, null, now)) : "–"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            tasks.data && <p className="muted">No task runs here now.</p>
          )}
          {(tasks.data?.length ?? 0) > 200 && <p className="muted">The first 200 of {tasks.data!.length} are shown.</p>}
        </div>
      </div>
    </section>
  );
}
