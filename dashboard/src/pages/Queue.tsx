import { api, query } from "../lib/api";
import { useJobChanges } from "../lib/live";
import { navigate, setParams, useLocation } from "../lib/router";
import { useFetch } from "../lib/useFetch";
import type { Page, Task } from "../lib/types";
import { StateBadge } from "../components/StateBadge";
import { VirtualTable, type Column } from "../components/VirtualTable";
import { between, duration } from "../lib/format";

const pageSize = 500;

/** Tasks that have not ended, in dispatch order (priority, then age), with what each waits for. */
export function Queue() {
  const { params } = useLocation();
  const offset = Number(params.get("offset") ?? 0);
  const path = `/api/v1/queue/status${query({ offset, limit: pageSize })}`;
  const page = useFetch(() => api<Page<Task>>(path), path, 2000);
  useJobChanges(page.reload);
  const now = Date.now();
  const columns: Column<Task>[] = [
    { key: "prio", header: "Priority", width: "70px", render: (t) => t.priority },
    { key: "task", header: "Task", width: "110px", render: (t) => `${t.jobId}.${t.index}` },
    { key: "name", header: "Name", width: "1.5fr", render: (t) => t.name },
    { key: "user", header: "User", render: (t) => t.user },
    { key: "state", header: "State", width: "150px", render: (t) => <StateBadge state={t.state} /> },
    { key: "age", header: "Waiting", width: "90px", render: (t) => duration(between(t.submittedAt, t.startedAt, now)) },
    { key: "waits", header: "Waits for", width: "2fr", render: (t) => waitsFor(t) },
  ];
  const total = page.data?.total ?? 0;
  return (
    <section>
      <h1>Queue</h1>
      <p className="muted" aria-live="polite">
        {total} task(s) not ended: blocked ones wait for their dependencies or an event, pending ones for a free slot that fits.
      </p>
      {page.error && <p role="alert" className="error">{page.error}</p>}
      <VirtualTable label="Queue" rows={page.data?.items ?? []} columns={columns} rowKey={(t) => t.id} onOpen={(t) => navigate(`/jobs/${t.jobId}`)} />
      <nav className="pager" aria-label="Pages">
        <button disabled={offset === 0} onClick={() => setParams({ offset: Math.max(0, offset - pageSize) || undefined })}>
          ← Previous
        </button>
        <span>
          {total === 0 ? 0 : offset + 1}–{Math.min(offset + pageSize, total)} of {total}
        </span>
        <button disabled={offset + pageSize >= total} onClick={() => setParams({ offset: offset + pageSize })}>
          Next →
        </button>
      </nav>
    </section>
  );
}

export function waitsFor(t: Task): string {
  switch (t.state) {
    case "BLOCKED":
      return t.reason ?? "its dependencies (or an event)";
    case "PENDING":
      return t.reason ?? "a free slot that fits";
    case "RUNNING":
      return `running on ${t.agents.join(", ") || "an agent"}`;
    default:
      return t.reason ?? "";
  }
}
