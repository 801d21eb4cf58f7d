import { useEffect, useRef, useState } from "react";
import { api, ApiError, query } from "../lib/api";
import { useJobChanges } from "../lib/live";
import { Link } from "../lib/router";
import { useFetch } from "../lib/useFetch";
import { finalStates, type Job, type OutputPage, type Task, type WhoAmI } from "../lib/types";
import { StateBadge } from "../components/StateBadge";
import { VirtualTable, type Column } from "../components/VirtualTable";
import { between, duration, time } from "../lib/format";

/** One job: its tasks with attempts, agents, timings and exit codes, a live output tail, cancel and retry. */
export function JobDetail({ id, me }: { id: number; me: WhoAmI }) {
  const job = useFetch(() => api<Job>(`/api/v1/jobs/${id}`), `job-${id}`, 500);
  useJobChanges(job.reload, (c) => c.ids.includes(id));
  const [message, setMessage] = useState("");
  const j = job.data;
  const mayAct = j !== null && (me.role === "admin" || me.user === j.user);
  const ended = j !== null && finalStates.has(j.state);

  const cancel = async (task?: number) => {
    const what = task === undefined ? `job ${id}` : `task ${task} of job ${id}`;
    if (!window.confirm(`Cancel ${what}? Pending tasks end, running ones are killed.`)) return;
    try {
      job.setData(await api<Job>(`/api/v1/jobs/${id}/cancel${query({ task })}`, { method: "POST" }));
      setMessage(`${what} cancelled.`);
    } catch (e) {
      setMessage(e instanceof ApiError ? e.message : String(e));
    }
  };

  const retry = async () => {
    if (!window.confirm(`Retry job ${id}? Its failed, timed-out and cancelled tasks (and those that waited for them) run again as new attempts.`)) return;
    try {
      job.setData(await api<Job>(`/api/v1/jobs/${id}/retry`, { method: "POST" }));
      setMessage(`Job ${id} retried.`);
    } catch (e) {
      setMessage(e instanceof ApiError ? e.message : String(e));
    }
  };

  const columns: Column<Task>[] = [
    { key: "index", header: "#", width: "50px", render: (t) => t.index },
    { key: "name", header: "Name", width: "1.5fr", render: (t) => t.name },
    { key: "state", header: "State", width: "170px", render: (t) => <StateBadge state={t.state} /> },
    { key: "attempt", header: "Attempt", width: "70px", render: (t) => t.attempt },
    { key: "agents", header: "Agent", render: (t) => t.agents.join(", ") || "–" },
    { key: "waited", header: "Waited", width: "80px", render: (t) => duration(between(t.submittedAt, t.startedAt ?? (finalStates.has(t.state) ? t.endedAt : undefined))) },
    { key: "ran", header: "Ran", width: "80px", render: (t) => duration(between(t.startedAt, t.endedAt)) },
    { key: "exit", header: "Exit", width: "50px", render: (t) => t.exitCode ?? "–" },
    { key: "reason", header: "Reason", width: "2fr", render: (t) => <span title={t.reason}>{t.reason ?? ""}</span> },
    {
      key: "act",
      header: "",
      width: "90px",
      render: (t) => (mayAct && !finalStates.has(t.state) && (j?.taskCount ?? 0) > 1 ? <button onClick={(e) => (e.stopPropagation(), cancel(t.index))}>Cancel</button> : null),
    },
  ];

  if (job.error && !j) {
    return (
      <section>
        <h1>Job {id}</h1>
        <p role="alert" className="error">{job.error}</p>
      </section>
    );
  }
  return (
    <section>
      <p>
        <Link to="/jobs">← Jobs</Link>
      </p>
      <h1>
        Job {id} {j && <StateBadge state={j.state} />}
      </h1>
      {j && (
        <>
          <dl className="facts">
            <dt>Name</dt>
            <dd>{j.name}</dd>
            <dt>User</dt>
            <dd>{j.user}</dd>
            <dt>Command</dt>
            <dd>
              <code>{j.command.join(" ") || "–"}</code>
            </dd>
            <dt>Shape</dt>
            <dd>
              {j.nodes} node(s) × {j.procsPerNode} process(es), priority {j.priority}
              {j.timeLimit ? `, time limit ${j.timeLimit}` : ""}
            </dd>
            <dt>Submitted</dt>
            <dd>{time(j.submittedAt)}</dd>
            <dt>Started</dt>
            <dd>{time(j.startedAt)}</dd>
            <dt>Ended</dt>
            <dd>{time(j.endedAt)}</dd>
            <dt>Exit code</dt>
            <dd data-testid="job-exit">{j.exitCode ?? "–"}</dd>
            {j.workflow && (
              <>
                <dt>Workflow</dt>
                <dd>
                  <Link to={`/workflows/${encodeURIComponent(j.workflow)}?run=${j.id}`}>{j.workflow}</Link> (run {j.id})
                </dd>
              </>
            )}
          </dl>
          <div className="actions">
            {mayAct && !ended && (
              <button className="danger" onClick={() => cancel()}>
                Cancel job
              </button>
            )}
            {mayAct && ended && j.state !== "COMPLETED" && <button onClick={() => retry()}>Retry job</button>}
            {!mayAct && !ended && <span className="muted">Only {j.user} or an administrator may cancel this job.</span>}
            {!mayAct && ended && j.state !== "COMPLETED" && <span className="muted">Only {j.user} or an administrator may retry this job.</span>}
            <span role="status">{message}</span>
          </div>
          <h2>Tasks ({j.taskCount})</h2>
          <VirtualTable label="Tasks" rows={j.tasks ?? []} columns={columns} rowKey={(t) => t.id} height={360} />
          {mayAct ? <OutputTail id={id} ended={ended} /> : <p className="muted">Output is shown to the job's owner and administrators.</p>}
        </>
      )}
    </section>
  );
}

/** The job's output, followed live while it runs (polled after the last sequence number seen). */
function OutputTail({ id, ended }: { id: number; ended: boolean }) {
  const [lines, setLines] = useState<string[]>([]);
  const [task, setTask] = useState("");
  const after = useRef(0);
  const box = useRef<HTMLPreElement>(null);
  useEffect(() => {
    after.current = 0;
    setLines([]);
    let stop = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const page = await api<OutputPage>(`/api/v1/jobs/${id}/output${query({ after: after.current, task: task === "" ? undefined : task, limit: 1000 })}`);
        if (stop) return;
        after.current = page.nextSeq;
        if (page.chunks.length) {
          setLines((l) => [...l, ...page.chunks.map((c) => `[${c.taskIndex}${c.rank ? `.${c.rank}` : ""}${c.stream === "stderr" ? " err" : ""}] ${c.data}`)].slice(-2000));
        }
        if (!page.jobEnded || page.chunks.length === 1000) {
          timer = setTimeout(poll, page.chunks.length === 1000 ? 0 : 1000);
        }
      } catch {
        if (!stop) timer = setTimeout(poll, 3000);
      }
    };
    void poll();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [id, task, ended]);
  useEffect(() => {
    if (box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines]);
  return (
    <>
      <h2>Output</h2>
      <label>
        Task{" "}
        <input type="number" min={0} value={task} onChange={(e) => setTask(e.target.value)} placeholder="all" style={{ width: "6em" }} />
      </label>
      <pre className="output" ref={box} tabIndex={0} aria-label="Output" aria-live="off" data-testid="output">
        {lines.length ? lines.join("") : "(no output yet)"}
      </pre>
    </>
  );
}
