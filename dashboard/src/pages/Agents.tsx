import { useEffect, useRef, useState } from "react";
import { api, ApiError } from "../lib/api";
import { useLive } from "../lib/live";
import { useFetch } from "../lib/useFetch";
import type { Agent, Pulse, WhoAmI } from "../lib/types";
import { StateBadge } from "../components/StateBadge";
import { VirtualTable, type Column } from "../components/VirtualTable";
import { between, bytes, duration } from "../lib/format";

/** A heartbeat older than this is shown as missed, even before the hub declares the agent lost. */
export const staleAfterMs = 10_000;

/** Every agent with its resources, labels, slots in use and heartbeat age; admin actions per agent. */
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

  const act = async (agent: string, action: "cancel" | "shutdown") => {
    const what = action === "cancel" ? `Cancel every task running on ${agent}?` : `Ask ${agent} to shut down? Its running tasks go back to the queue.`;
    if (!window.confirm(what)) return;
    try {
      const answer = await api<{ message?: string }>(`/api/v1/runners/${action}?name=${encodeURIComponent(agent)}`, { method: "POST" });
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
      width: "190px",
      render: (a) =>
        a.state === "DOWN" ? null : (
          <span className="rowactions">
            <button onClick={() => act(a.name, "cancel")}>Cancel tasks</button>
            <button className="danger" onClick={() => act(a.name, "shutdown")}>
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
        {me.role === "admin" ? " Draining an agent (no new work, running work finishes) has no API yet." : ""}
      </p>
      <span role="status">{message}</span>
      {agents.error && <p role="alert" className="error">{agents.error}</p>}
      <VirtualTable label="Agents" rows={list} columns={columns} rowKey={(a) => a.name} />
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
