import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { vi } from "vitest";
import { Agents } from "./Agents";
import { JobDetail } from "./JobDetail";
import { LoadChart } from "../components/LoadChart";
import type { Agent, Job } from "../lib/types";

const agent = (i: number, state: Agent["state"] = "UP"): Agent => ({
  name: `agent-${String(i).padStart(4, "0")}`, host: `host${i}`, state, slotsTotal: 8, slotsUsed: i % 9, cores: 8, memoryBytes: 1 << 30,
  gpus: 0, labels: i % 2 ? ["gpu"] : [], runningParts: i % 9, lastHeartbeat: new Date().toISOString(),
});

type Call = { path: string; method: string };
let calls: Call[] = [];

/** Answers the dashboard's calls from `routes` (by path prefix) and records them. */
function serve(routes: Record<string, unknown>) {
  calls = [];
  vi.stubGlobal("fetch", async (path: string, init?: RequestInit) => {
    calls.push({ path, method: init?.method ?? "GET" });
    const key = Object.keys(routes).find((k) => path.startsWith(k));
    const body = key === undefined ? { title: "Not Found" } : routes[key];
    return new Response(JSON.stringify(body), { status: key === undefined ? 404 : 200, headers: { "Content-Type": "application/json" } });
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

describe("Agents page", () => {
  it("renders 1,000 agents with only the rows in view in the DOM", async () => {
    serve({ "/api/v1/agents": Array.from({ length: 1000 }, (_, i) => agent(i)) });
    render(<Agents me={{ user: "admin", role: "admin" }} />);
    await screen.findByText("agent-0000");
    expect(document.querySelectorAll("[data-row-index]").length).toBeLessThan(40);
    expect(screen.queryByText("agent-0999")).toBeNull();
    expect(screen.getByText(/0 up of 1000 known|1000 up of 1000 known/)).toBeTruthy();
  });

  it("drains an UP agent and offers Resume for a DRAINING one, to administrators only", async () => {
    serve({ "/api/v1/agents/agent-0001/drain": { count: 1, message: "agent agent-0001 drained" }, "/api/v1/agents": [agent(1), agent(2, "DRAINING")] });
    render(<Agents me={{ user: "admin", role: "admin" }} />);
    fireEvent.click(await screen.findByRole("button", { name: "Drain agent-0001" }));
    await screen.findByText("agent agent-0001 drained");
    expect(calls).toContainEqual({ path: "/api/v1/agents/agent-0001/drain", method: "POST" });
    expect(screen.getByRole("button", { name: "Resume agent-0002" })).toBeTruthy();
    expect(screen.getByText("DRAINING", { exact: false })).toBeTruthy();
    document.body.replaceChildren();

    render(<Agents me={{ user: "bob", role: "user" }} />);
    await screen.findAllByText("agent-0001");
    expect(screen.queryByRole("button", { name: /Drain/ })).toBeNull();
  });

  it("opens an agent with Enter to show its current tasks and its load", async () => {
    const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
    serve({
      "/api/v1/agents/agent-0003/tasks": [{ taskId: 41, jobId: 7, attempt: 2, nodeIndex: 0, state: "RUNNING", startedAt: at(0) }],
      "/api/v1/agents/agent-0003/load": { name: "agent-0003", intervalSeconds: 5, samples: [{ at: at(0), slotsUsed: 1, slotsTotal: 8 }, { at: at(5), slotsUsed: 3, slotsTotal: 8 }] },
      "/api/v1/agents": [agent(3)],
    });
    render(<Agents me={{ user: "bob", role: "user" }} />);
    await screen.findByText("agent-0003");
    fireEvent.keyDown(document.querySelector('[data-row-index="0"]')!, { key: "Enter" });
    expect(await screen.findByRole("link", { name: "job 7" })).toBeTruthy();
    expect((await screen.findByTestId("load-now")).textContent).toBe("3 / 8");
  });
});

describe("LoadChart", () => {
  it("says the load now in text and draws one point per sample", () => {
    render(<LoadChart load={{ name: "a", intervalSeconds: 5, samples: [0, 2, 4].map((n, i) => ({ at: new Date(i * 5000).toISOString(), slotsUsed: n, slotsTotal: 4 })) }} />);
    expect(screen.getByRole("img").getAttribute("aria-label")).toContain("4 of 4 slots busy now");
    expect(document.querySelector("path")!.getAttribute("d")!.split("L")).toHaveLength(3);
  });
});

describe("Job detail", () => {
  const job = (state: string, user = "alice"): Job =>
    ({ id: 5, name: "j", user, state, command: ["false"], nodes: 1, procsPerNode: 1, priority: 0, taskCount: 1, submittedAt: new Date().toISOString(), tasks: [] }) as unknown as Job;

  it("offers Retry on a failed job to its owner and retries it", async () => {
    serve({ "/api/v1/jobs/5/retry": job("PENDING"), "/api/v1/jobs/5/output": { chunks: [], nextSeq: 0, jobEnded: true }, "/api/v1/jobs/5": job("FAILED") });
    vi.spyOn(window, "confirm").mockReturnValue(true);
    render(<JobDetail id={5} me={{ user: "alice", role: "user" }} />);
    fireEvent.click(await screen.findByRole("button", { name: "Retry job" }));
    await waitFor(() => expect(calls).toContainEqual({ path: "/api/v1/jobs/5/retry", method: "POST" }));
    await screen.findByText("Job 5 retried.");
  });

  it("shows no Retry to another user, nor on a completed job", async () => {
    serve({ "/api/v1/jobs/5": job("FAILED", "carol") });
    render(<JobDetail id={5} me={{ user: "alice", role: "user" }} />);
    await screen.findByText("Only carol or an administrator may retry this job.");
    expect(screen.queryByRole("button", { name: "Retry job" })).toBeNull();
    document.body.replaceChildren();

    serve({ "/api/v1/jobs/5/output": { chunks: [], nextSeq: 0, jobEnded: true }, "/api/v1/jobs/5": job("COMPLETED") });
    render(<JobDetail id={5} me={{ user: "alice", role: "user" }} />);
    await screen.findByText("j");
    expect(screen.queryByRole("button", { name: "Retry job" })).toBeNull();
  });
});
