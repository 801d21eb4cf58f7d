import { useState } from "react";
import { api } from "../lib/api";
import { useJobChanges } from "../lib/live";
import { setParams, useLocation, Link } from "../lib/router";
import { useFetch } from "../lib/useFetch";
import { finalStates, type Job, type Page, type RunEstimate } from "../lib/types";
import { Gantt } from "../components/Gantt";
import { StateBadge } from "../components/StateBadge";
import { duration, time } from "../lib/format";

/** Estimated start and finish of a run and of each of its tasks, from past durations, next to what happened. */
export function Estimates() {
  const { params } = useLocation();
  const run = params.get("run");
  const [input, setInput] = useState(run ?? "");
  const active = useFetch(() => api<Page<Job>>("/api/v1/jobs?state=BLOCKED,PENDING,RUNNING&limit=20"), "active-jobs", 2000);
  const estimate = useFetch(() => (run ? api<RunEstimate>(`/api/v1/runs/${run}/estimate`) : Promise.resolve(null)), `estimate-${run}`, 1000);
  useJobChanges(() => {
    active.reload();
    if (run) estimate.reload();
  });
  const e = estimate.data;
  return (
    <section>
      <h1>Estimates</h1>
      <form
        className="filters"
        onSubmit={(ev) => {
          ev.preventDefault();
          setParams({ run: input.trim() });
        }}
      >
        <label>
          Run or job id <input value={input} onChange={(ev) => setInput(ev.target.value)} inputMode="numeric" />
        </label>
        <button type="submit">Estimate</button>
      </form>
      <p className="muted">
        Not ended now:{" "}
        {(active.data?.items ?? []).map((j) => (
          <span key={j.id}>
            <button className="linklike" onClick={() => (setInput(String(j.id)), setParams({ run: j.id }))}>
              {j.id} {j.workflow ?? j.name}
            </button>{" "}
          </span>
        ))}
        {active.data?.items.length === 0 && "nothing."}
      </p>
      {estimate.error && <p role="alert" className="error">{estimate.error}</p>}
      {e && (
        <>
          <h2>
            <Link to={`/jobs/${e.runId}`}>Run {e.runId}</Link> <StateBadge state={e.state} />
          </h2>
          <dl className="facts">
            <dt>Estimated start</dt>
            <dd>{time(e.estimatedStart)}</dd>
            <dt>Estimated finish</dt>
            <dd data-testid="eta">
              {time(e.estimatedFinish)}
              {e.estimatedFinish ? ` (in ${duration(Date.parse(e.estimatedFinish) - Date.parse(e.at))})` : ""}
            </dd>
            <dt>Basis</dt>
            <dd>
              {finalStates.has(e.state)
                ? "the run has ended: these are the times it took"
                : e.complete
                ? "every task that has not ended has past durations to go by"
                : `${e.unknownTasks} task(s) have no past runs to go by: the finish is a lower bound`}
            </dd>
          </dl>
          <Gantt tasks={e.tasks} now={Date.parse(e.at)} />
          <table className="plain" aria-label="Task estimates">
            <thead>
              <tr>
                <th>Task</th>
                <th>State</th>
                <th>Typical</th>
                <th>From</th>
                <th>Est. start</th>
                <th>Est. finish</th>
                <th>Started</th>
                <th>Ended</th>
              </tr>
            </thead>
            <tbody>
              {e.tasks.map((t) => (
                <tr key={t.index}>
                  <td>{t.name}</td>
                  <td>
                    <StateBadge state={t.state} />
                  </td>
                  <td>{t.typicalSeconds !== undefined ? duration(t.typicalSeconds * 1000) : "–"}</td>
                  <td>{t.basis === "history" ? `${t.samples} past run(s)` : t.basis}</td>
                  <td>{time(t.estimatedStart)}</td>
                  <td>{time(t.estimatedFinish)}</td>
                  <td>{time(t.startedAt)}</td>
                  <td>{time(t.endedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
