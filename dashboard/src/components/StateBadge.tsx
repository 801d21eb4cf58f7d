/** A task, job or agent state: always as text, with a colour and a shape marker as a second cue. */
const marks: Record<string, string> = {
  COMPLETED: "✓",
  FAILED: "✗",
  TIMEOUT: "◷",
  CANCELLED: "⊘",
  UPSTREAM_FAILED: "⤓",
  RUNNING: "▶",
  PENDING: "…",
  BLOCKED: "◇",
  UP: "●",
  DRAINING: "◐",
  DOWN: "○",
};

export function StateBadge({ state }: { state: string }) {
  return (
    <span className={`state state-${state.toLowerCase()}`} data-state={state}>
      <span aria-hidden="true">{marks[state] ?? "•"} </span>
      {state}
    </span>
  );
}
