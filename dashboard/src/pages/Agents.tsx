import { useEffect, useRef, useState } from "react";
import { api, ApiError } from "../lib/api";
import { useLive } from "../lib/live";
import { useFetch } from "../lib/useFetch";
import type { Agent, Pulse, WhoAmI } from "../lib/types";
import { StateBadge } from "../components/StateBadge";
import { VirtualTable, type Column } from "../components/VirtualTable";
import { between, bytes, duration } from "../lib/format";
import { AgentDetail } from "./AgentDetail";

type AgentAction = "drain" | "resume" | "cancel" | "shutdown";

/** What to ask before each action; null: no question (draining and resuming are undone as easily). */
const confirmations: Record<AgentAction, (agent: string) => string | null> = {
  drain: () => null,
  resume: () => null,
  cancel: (agent) => `Cancel every task running on ${agent}?`,
  shutdown: (agent) => `Ask ${agent} to shut down? Its running tasks go back to the queue.`,
};

/** A heartbeat older than this is shown as missed, even before the hub declares the agent lost. */
export const staleAfterMs = 10_000;

/** Every agent with its resources, labels, slots in use and heartbeat age; admin actions per agent; one agent's tasks and load. */
export function Agents({ me }: { me: WhoAmI }) {
  const agents = useFetch(() => api<Agent[]>("/api/v1/agents"), "agents", 1000);
  const version = useRef("");
  useLive((event, data) => {
    if (event === "resync" || ((event === "pulse" || event === "hello") && (data as Pulse).agentsVersion !== version.current)) {
      version.current = (data as Pulse).agentsVersion ?? "";
      agents.reload();
    }
  });
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const [message, setMessage] = useState("");

  const [open, setOpen] = useState<string | null>(null);

  const act = async (agent: string, action: AgentAction) => {
    const question = confirmations[action](agent);
    if (question && !window.confirm(question)) return;
    try {
      const answer = await api<{ message?: string }>(`/api/v1/agents/${encodeURIComponent(agent)}/${action}`, { method: "POST" });
      setMessage(answer?.message ?? `${action} sent to ${agent}`);
      agents.reload();
    } catch (e) {
      setMessage(e instanceof ApiError ? e.message : String(e));
    }
  };

  const columns: Column<Agent>[] = [
    { key: "name", header: "Agent", width: "1.3fr", render: (a) => a.name },
    { key: "host", header: "Host", render: (a) => a.host || "–" },
    { key: "state", header: "State", width: "190px", render: (a) => <AgentState agent={a} now={now} /> },
    { key: "slots", header: "Slots busy", width: "90px", render: (a) => (a.state === "DOWN" ? "–" : `${a.slotsUsed} / ${a.slotsTotal}`) },
    { key: "cores", header: "Cores", width: "60px", render: (a) => a.cores || "–" },
    { key: "memory", header: "Memory", width: "90px", render: (a) => bytes(a.memoryBytes) },
    { key: "gpus", header: "GPUs", width: "55px", render: (a) => a.gpus },
    { key: "labels", header: "Labels", render: (a) => a.labels.join(", ") || "–" },
    { key: "running", header: "Running", width: "70px", render: (a) => a.runningParts },
    { key: "heartbeat", header: "Heartbeat", width: "100px", render: (a) => (a.lastHeartbeat ? `${duration(between(a.lastHeartbeat, null, now))} ago` : "–") },
  ];
  if (me.role === "admin") {
    columns.push({
      key: "act",
      header: "Actions",
      width: "330px",
      render: (a) =>
        a.state === "DOWN" ? null : (
          <span className="rowactions" onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
            {a.state === "DRAINING" ? (
              <button onClick={() => act(a.name, "resume")} aria-label={`Resume ${a.name}`}>
                Resume
              </button>
            ) : (
              <button onClick={() => act(a.name, "drain")} aria-label={`Drain ${a.name}`}>
                Drain
              </button>
            )}
            <button onClick={() => act(a.name, "cancel")} aria-label={`Cancel tasks on ${a.name}`}>
              Cancel tasks
            </button>
            <button className="danger" onClick={() => act(a.name, "shutdown")} aria-label={`Shut down ${a.name}`}>
              Shut down
            </button>
          </span>
        ),
    });
  }
  const list = agents.data ?? [];
  return (
    <section>
      <h1>Agents</h1>
      <p className="muted">
        {list.filter((a) => a.state !== "DOWN").length} up of {list.length} known. An agent whose heartbeat is older than {staleAfterMs / 1000} s is shown as
        missing heartbeats; the hub declares it lost after its lease timeout and redispatches its work.
        {me.role === "admin" ? " Drain: the agent gets no new tasks and its running ones finish (until resumed, or until it reconnects)." : ""} Press a row
        (or Enter on it) for the agent's current tasks and its load over the last minutes.
      </p>
      <span role="status">{message}</span>
      {agents.error && <p role="alert" className="error">{agents.error}</p>}
      <VirtualTable label="Agents" rows={list} columns={columns} rowKey={(a) => a.name} onOpen={(a) => setOpen(a.name)} />
      {open && <AgentDetail name={open} onClose={() => setOpen(null)} />}
    </section>
  );
}

export function AgentState({ agent, now }: { agent: Agent; now: number }) {
  const age = agent.lastHeartbeat ? now - Date.parse(agent.lastHeartbeat) : Infinity;
  if (agent.state !== "DOWN" && age > staleAfterMs) {
    return (
      <span className="state state-down" data-state="MISSED">
        ○ MISSED HEARTBEATS
      </span>
    );
  }
  return <StateBadge state={agent.state} />;
}
