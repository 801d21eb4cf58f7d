import { useState } from "react";
import { api, query } from "../lib/api";
import { useJobChanges } from "../lib/live";
import { navigate, setParams, useLocation } from "../lib/router";
import { useFetch } from "../lib/useFetch";
import { states, type Job, type Page } from "../lib/types";
import { StateBadge } from "../components/StateBadge";
import { VirtualTable, type Column } from "../components/VirtualTable";
import { between, duration, time } from "../lib/format";
import { nextSort, sortOf } from "../lib/jobSort";

const pageSize = 100;

/** Every job, paged, filtered and sorted by the hub; the address holds the filter so it can be shared. */
export function Jobs() {
  const { params } = useLocation();
  const state = params.get("state") ?? "";
  const q = params.get("q") ?? "";
  const sort = sortOf(params);
  const offset = Number(params.get("offset") ?? 0);
  const [search, setSearch] = useState(q);
  const path = `/api/v1/jobs${query({ state, q, sort: sort.key, order: sort.order, offset, limit: pageSize })}`;
  const page = useFetch(() => api<Page<Job>>(path), path, 1000);
  const shown = new Set(page.data?.items.map((j) => j.id) ?? []);
  // new jobs appear on the first page; changed ones wherever they are shown
  useJobChanges(page.reload, (c) => (offset === 0 && sort.key === "id" && sort.order === "desc") || c.ids.some((id) => shown.has(id)));

  const columns: Column<Job>[] = [
    { key: "id", header: "Job", width: "80px", sortKey: "id", render: (j) => j.id },
    { key: "name", header: "Name", width: "2fr", sortKey: "name", render: (j) => j.name },
    { key: "user", header: "User", sortKey: "user", render: (j) => j.user },
    { key: "state", header: "State", width: "170px", sortKey: "state", render: (j) => <StateBadge state={j.state} /> },
    { key: "tasks", header: "Tasks", width: "70px", render: (j) => j.taskCount },
    { key: "submitted", header: "Submitted", width: "180px", sortKey: "submitted", render: (j) => time(j.submittedAt) },
    { key: "started", header: "Started", width: "180px", sortKey: "started", render: (j) => (j.startedAt ? time(j.startedAt) : "–") },
    { key: "ended", header: "Ended", width: "180px", sortKey: "ended", render: (j) => (j.endedAt ? time(j.endedAt) : "–") },
    { key: "runtime", header: "Ran for", width: "100px", render: (j) => duration(between(j.startedAt, j.endedAt)) },
    { key: "exit", header: "Exit", width: "60px", render: (j) => j.exitCode ?? "–" },
  ];
  const total = page.data?.total ?? 0;
  return (
    <section>
      <h1>Jobs</h1>
      <form
        className="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setParams({ q: search.trim(), offset: undefined });
        }}
      >
        <label>
          State{" "}
          <select value={state} onChange={(e) => setParams({ state: e.target.value, offset: undefined })}>
            <option value="">any</option>
            {states.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
            <option value="BLOCKED,PENDING,RUNNING">not ended</option>
          </select>
        </label>
        <label>
          Search{" "}
          <input type="search" placeholder="id, user, name or label:gpu" aria-describedby="search-help" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <button type="submit">Search</button>
        <span id="search-help" className="muted">
          a job id, a user, the start of a name, or <code>label:NAME</code> for jobs whose tasks ask for a label
        </span>
        <span className="muted" aria-live="polite">
          {page.data ? `${total} job${total === 1 ? "" : "s"}` : "loading…"}
        </span>
      </form>
      {page.error && <p role="alert" className="error">{page.error}</p>}
      <VirtualTable
        label="Jobs"
        rows={page.data?.items ?? []}
        columns={columns}
        rowKey={(j) => j.id}
        onOpen={(j) => navigate(`/jobs/${j.id}`)}
        sort={sort}
        onSort={(key) => {
          const next = nextSort(sort, key);
          setParams({ sort: next.key, order: next.order, offset: undefined });
        }}
      />
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
