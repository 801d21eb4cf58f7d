import { api } from "../lib/api";
import { useJobChanges, usePulses } from "../lib/live";
import { Link } from "../lib/router";
import { useFetch } from "../lib/useFetch";
import { states, type Cluster, type Job, type Page, type QueueClass } from "../lib/types";
import { StateBadge } from "../components/StateBadge";
import { ThroughputChart } from "../components/ThroughputChart";
import { time } from "../lib/format";

/** The cluster at a glance: agents, slots, tasks by state, queue depth by resource class, throughput, recent failures; all live. */
export function Overview() {
  const { latest, history, connected } = usePulses();
  const cluster = useFetch(() => api<Cluster>("/api/v1/cluster"), "cluster", 2000);
  const failures = useFetch(() => api<Page<Job>>("/api/v1/jobs?state=FAILED,TIMEOUT,UPSTREAM_FAILED&limit=10"), "failures", 2000);
  const classes = useFetch(() => api<QueueClass[]>("/api/v1/queue/classes"), "queue-classes", 2000);
  useJobChanges(() => {
    cluster.reload();
    failures.reload();
    classes.reload();
  });

  const labels = new Map<string, { agents: number; busy: number; total: number }>();
  for (const a of cluster.data?.agents ?? []) {
    if (a.state === "DOWN") continue;
    for (const l of a.labels.length ? a.labels : ["(no label)"]) {
      const e = labels.get(l) ?? { agents: 0, busy: 0, total: 0 };
      e.agents++;
      e.busy += a.slotsUsed;
      e.total += a.slotsTotal;
      labels.set(l, e);
    }
  }

  return (
    <section>
      <h1>Overview</h1>
      <p className="live-status" aria-live="polite">
        {connected ? "Live: updates arrive as they happen." : "Connecting to the live stream…"}
      </p>
      <div className="cards">
        <Card title="Agents up" value={latest?.agentsUp} note={`${latest?.agentsDown ?? 0} down, ${latest?.agentsDraining ?? 0} draining`} testId="agents-up" />
        <Card title="Slots busy" value={latest ? `${latest.slotsBusy} / ${latest.slotsTotal}` : undefined} note="busy / total on live agents" testId="slots" />
        <Card title="Ready tasks" value={latest?.readyTasks} note="waiting for a slot" testId="ready" />
        <Card title="Active tasks" value={latest?.activeTasks} note="blocked, pending or running" testId="active" />
      </div>
      <h2>Throughput</h2>
      <ThroughputChart pulses={history} />
      <div className="columns">
        <div>
          <h2>Tasks by state</h2>
          <table className="plain" aria-label="Tasks by state">
            <tbody>
              {states.map((s) => (
                <tr key={s}>
                  <th scope="row">
                    <Link to={`/jobs?state=${s}`}>
                      <StateBadge state={s} />
                    </Link>
                  </th>
                  <td data-testid={`tasks-${s}`}>{cluster.data?.tasksByState[s] ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          <h2>Slots by label</h2>
          <table className="plain" aria-label="Slots by label">
            <thead>
              <tr>
                <th>label</th>
                <th>agents</th>
                <th>busy / total</th>
              </tr>
            </thead>
            <tbody>
              {[...labels.entries()].sort().map(([l, e]) => (
                <tr key={l}>
                  <td>{l}</td>
                  <td>{e.agents}</td>
                  <td>
                    {e.busy} / {e.total}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          <h2>Queue by resource class</h2>
          {classes.data?.length ? (
            <table className="plain" aria-label="Queue by resource class">
              <thead>
                <tr>
                  <th>asks for</th>
                  <th>pending</th>
                  <th>blocked</th>
                </tr>
              </thead>
              <tbody>
                {classes.data.map((c) => (
                  <tr key={c.class}>
                    <td>{c.class}</td>
                    <td data-testid={`queue-pending-${c.class}`}>{c.pending}</td>
                    <td>{c.blocked}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted">Nothing waits.</p>
          )}
        </div>
        <div>
          <h2>Recent failures</h2>
          {failures.data?.items.length ? (
            <ul className="plain">
              {failures.data.items.map((j) => (
                <li key={j.id}>
                  <Link to={`/jobs/${j.id}`}>job {j.id}</Link> {j.name} <StateBadge state={j.state} /> exit {j.exitCode ?? "–"} · {time(j.endedAt)}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">No failed jobs.</p>
          )}
        </div>
      </div>
      {cluster.error && <p role="alert" className="error">{cluster.error}</p>}
    </section>
  );
}

function Card({ title, value, note, testId }: { title: string; value: number | string | undefined; note: string; testId: string }) {
  return (
    <div className="card">
      <div className="card-title">{title}</div>
      <div className="card-value" data-testid={testId}>
        {value ?? "–"}
      </div>
      <div className="muted">{note}</div>
    </div>
  );
}
