// Shapes of the hub's REST answers (see docs/api.md); only the fields the dashboard reads.
export type State = "BLOCKED" | "PENDING" | "RUNNING" | "COMPLETED" | "FAILED" | "TIMEOUT" | "CANCELLED" | "UPSTREAM_FAILED";

export const states: State[] = ["BLOCKED", "PENDING", "RUNNING", "COMPLETED", "FAILED", "TIMEOUT", "CANCELLED", "UPSTREAM_FAILED"];
export const finalStates = new Set<string>(["COMPLETED", "FAILED", "TIMEOUT", "CANCELLED", "UPSTREAM_FAILED"]);

export interface Page<T> {
  items: T[];
  total: number;
  offset: number;
  limit: number;
}

export interface Task {
  id: number;
  jobId: number;
  index: number;
  state: State;
  attempt: number;
  agents: string[];
  exitCode?: number;
  reason?: string;
  user: string;
  name: string;
  priority: number;
  submittedAt: string;
  startedAt?: string;
  endedAt?: string;
  outputs?: Record<string, unknown>;
}

export interface Job {
  id: number;
  name: string;
  user: string;
  state: State;
  command: string[];
  nodes: number;
  procsPerNode: number;
  priority: number;
  timeLimit?: string;
  submittedAt: string;
  startedAt?: string;
  endedAt?: string;
  exitCode?: number;
  taskCount: number;
  workflow?: string;
  workflowCommit?: string;
  tasks?: Task[];
}

export interface Agent {
  name: string;
  host: string;
  state: "UP" | "DRAINING" | "DOWN";
  slotsTotal: number;
  slotsUsed: number;
  cores: number;
  memoryBytes: number;
  gpus: number;
  labels: string[];
  runningParts: number;
  lastHeartbeat?: string;
  connectedAt?: string;
}

export interface Cluster {
  hubVersion: string;
  agents: Agent[];
  jobsByState: Record<string, number>;
  tasksByState: Record<string, number>;
}

export interface Pulse {
  seq: number;
  at: string;
  intervalMs: number;
  agentsUp: number;
  agentsDraining: number;
  agentsDown: number;
  slotsBusy: number;
  slotsTotal: number;
  readyTasks: number;
  activeTasks: number;
  completed: number;
  failed: number;
  transitions: number;
  agentsVersion: string;
}

export interface JobsChanged {
  seq: number;
  ids: number[];
  all: boolean;
}

export interface WhoAmI {
  user: string;
  role: "admin" | "user" | "agent";
}

export interface OutputChunk {
  seq: number;
  taskId: number;
  taskIndex: number;
  attempt: number;
  rank: number;
  stream: string;
  data: string;
}

export interface OutputPage {
  chunks: OutputChunk[];
  nextSeq: number;
  jobEnded: boolean;
}

export interface WorkflowVersion {
  name: string;
  commit: string;
  author: string;
  when: string;
  message: string;
  format: string;
  deleted: boolean;
}

export interface RunStatus {
  runId: number;
  workflow?: string;
  commit?: string;
  state: State;
  counts: Record<string, number>;
  job: Job;
  nodes: Task[];
}

export interface TaskEstimate {
  index: number;
  name: string;
  state: State;
  basis: "actual" | "history" | "unknown";
  samples: number;
  typicalSeconds?: number;
  estimatedStart?: string;
  estimatedFinish?: string;
  startedAt?: string;
  endedAt?: string;
}

export interface RunEstimate {
  runId: number;
  state: State;
  at: string;
  estimatedStart?: string;
  estimatedFinish?: string;
  complete: boolean;
  unknownTasks: number;
  tasks: TaskEstimate[];
}

/** A task part an agent holds now (GET /api/v1/agents/{name}/tasks). */
export interface AgentTask {
  taskId: number;
  jobId: number;
  attempt: number;
  nodeIndex: number;
  state: string;
  startedAt?: string;
}

/** An agent's slots busy over time (GET /api/v1/agents/{name}/load). */
export interface AgentLoad {
  name: string;
  intervalSeconds: number;
  samples: { at: string; slotsUsed: number; slotsTotal: number }[];
}

/** Waiting tasks that ask for the same resources (GET /api/v1/queue/classes). */
export interface QueueClass {
  class: string;
  labels: string[];
  slots: number;
  memoryBytes: number;
  gpus: number;
  pending: number;
  blocked: number;
}
