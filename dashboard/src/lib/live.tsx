import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { getToken } from "./token";
import { parseSse } from "./sse";
import type { JobsChanged, Pulse } from "./types";

type Listener = (event: string, data: unknown) => void;

/**
 * One connection to GET /api/v1/stream for the whole app (fetch, so that the token goes in a header), shared by
 * every view. It reconnects with backoff; after a reconnect or a `resync` event listeners hear `resync` and reload.
 */
export class LiveStream {
  private readonly listeners = new Set<Listener>();
  private abort: AbortController | null = null;
  private stopped = false;
  connected = false;
  /** The recent pulses (two minutes at the hub's interval), kept across views for the throughput chart. */
  readonly pulses: Pulse[] = [];

  start(): void {
    this.stopped = false;
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    this.abort?.abort();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: string, data: unknown): void {
    if (event === "pulse") {
      this.pulses.push(data as Pulse);
      if (this.pulses.length > 240) this.pulses.shift();
    }
    for (const l of this.listeners) {
      l(event, data);
    }
  }

  private async run(): Promise<void> {
    let delay = 500;
    let first = true;
    while (!this.stopped) {
      this.abort = new AbortController();
      try {
        const response = await fetch("/api/v1/stream", {
          headers: { Authorization: `Bearer ${getToken() ?? ""}`, Accept: "text/event-stream" },
          signal: this.abort.signal,
        });
        if (!response.ok || !response.body) {
          throw new Error(`stream answered ${response.status}`);
        }
        this.connected = true;
        if (!first) {
          this.emit("resync", {});
        }
        first = false;
        delay = 500;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) {
            break;
          }
          const parsed = parseSse(buffer + value);
          buffer = parsed.rest;
          for (const e of parsed.events) {
            this.emit(e.event, JSON.parse(e.data));
          }
        }
      } catch {
        // reconnect below
      }
      this.connected = false;
      this.emit("disconnected", {});
      if (this.stopped) {
        return;
      }
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 10_000);
    }
  }
}

const LiveContext = createContext<LiveStream | null>(null);

export function LiveProvider({ stream, children }: { stream: LiveStream; children: ReactNode }) {
  return <LiveContext.Provider value={stream}>{children}</LiveContext.Provider>;
}

/** Calls `handler` for every live event (hello, pulse, jobs, resync, disconnected). */
export function useLive(handler: Listener): void {
  const stream = useContext(LiveContext);
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => stream?.subscribe((e, d) => ref.current(e, d)), [stream]);
}

/** The latest pulse, and the recent ones (at most `keep`), for charts. */
export function usePulses(keep = 120): { latest: Pulse | null; history: Pulse[]; connected: boolean } {
  const stream = useContext(LiveContext);
  const [state, setState] = useState<{ latest: Pulse | null; history: Pulse[]; connected: boolean }>(() => {
    const history = stream?.pulses.slice(-keep) ?? [];
    return { latest: history[history.length - 1] ?? null, history, connected: stream?.connected ?? false };
  });
  useLive((event, data) => {
    if (event === "pulse" || event === "hello") {
      const pulse = data as Pulse;
      setState((s) => ({ latest: pulse, history: event === "pulse" ? [...s.history, pulse].slice(-keep) : s.history, connected: true }));
    } else if (event === "disconnected") {
      setState((s) => ({ ...s, connected: false }));
    }
  });
  return state;
}

/** Calls `reload` (throttled to once per `ms`) when jobs change: any, or only those `ids` selects. */
export function useJobChanges(reload: () => void, matches: (changed: JobsChanged) => boolean = () => true): void {
  useLive((event, data) => {
    if (event === "resync" || (event === "jobs" && ((data as JobsChanged).all || matches(data as JobsChanged)))) {
      reload();
    }
  });
}
