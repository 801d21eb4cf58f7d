import { useEffect, useState } from "react";
import { api, query } from "../lib/api";
import { diffLines, type DiffLine } from "../lib/diff";

/** The line diff between two versions of a workflow file. */
export function VersionDiff({ name, older, newer }: { name: string; older: string; newer: string }) {
  const [lines, setLines] = useState<DiffLine[] | null>(null);
  const [error, setError] = useState("");
  useEffect(() => {
    const get = (commit: string) => api<string>(`/api/v1/workflows/${encodeURIComponent(name)}${query({ revision: commit })}`, { asText: true });
    Promise.all([get(older), get(newer)]).then(([a, b]) => setLines(diffLines(pretty(a), pretty(b))), (e) => setError(String(e)));
  }, [name, older, newer]);
  if (error) return <p role="alert" className="error">{error}</p>;
  if (!lines) return <p className="muted">Loading the diff…</p>;
  return (
    <>
      <h2>
        Changes from <code>{older.slice(0, 8)}</code> to <code>{newer.slice(0, 8)}</code>
      </h2>
      <pre className="diff" aria-label="Diff" data-testid="diff">
        {lines.map((l, i) => (
          <div key={i} className={`diff-${l.kind}`}>
            {l.kind === "added" ? "+ " : l.kind === "removed" ? "- " : "  "}
            {l.text}
          </div>
        ))}
      </pre>
    </>
  );
}

/** JSON files indented alike, so that a diff shows what changed rather than how it was written. */
function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
