import { useState } from "react";
import { api } from "../lib/api";
import { Link } from "../lib/router";
import { useFetch } from "../lib/useFetch";

/** The stored workflows. */
export function Workflows() {
  const list = useFetch(() => api<string[]>("/api/v1/workflows"), "workflows");
  const [filter, setFilter] = useState("");
  const names = (list.data ?? []).filter((n) => n.toLowerCase().includes(filter.toLowerCase()));
  return (
    <section>
      <h1>Workflows</h1>
      <label>
        Filter <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </label>
      {list.error && <p role="alert" className="error">{list.error}</p>}
      <ul className="plain list" aria-label="Workflows">
        {names.map((n) => (
          <li key={n}>
            <Link to={`/workflows/${encodeURIComponent(n)}`}>{n}</Link>
          </li>
        ))}
      </ul>
      {list.data && names.length === 0 && <p className="muted">No workflows. Publish one with <code>cyclone workflow publish FILE</code>.</p>}
    </section>
  );
}
