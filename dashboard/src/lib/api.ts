import { clearToken, getToken } from "./token";

/** A refused or failed call, with the RFC 7807 title and detail the hub gave. */
export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly title: string,
    public readonly detail: string,
  ) {
    super(detail ? `${title}: ${detail}` : title);
  }
}

/** Called when the hub refuses the token (401): the app shows the sign-in page. */
let onUnauthorized: () => void = () => {};
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

/** Calls the hub's REST API with the stored token; JSON in and out. */
export async function api<T>(path: string, init: RequestInit & { json?: unknown; text?: string; asText?: boolean } = {}): Promise<T> {
  const headers = new Headers(init.headers);
  const token = getToken();
  if (token) {
    headers.set("Authorization", `Bearer ${token}`);
  }
  let body = init.body;
  if (init.json !== undefined) {
    headers.set("Content-Type", "application/json");
    body = JSON.stringify(init.json);
  } else if (init.text !== undefined) {
    headers.set("Content-Type", "text/plain");
    body = init.text;
  }
  const response = await fetch(path, { ...init, headers, body });
  if (response.status === 401) {
    clearToken();
    onUnauthorized();
  }
  if (!response.ok) {
    let title = response.statusText || `HTTP ${response.status}`;
    let detail = "";
    try {
      const problem = await response.json();
      title = problem.title ?? title;
      detail = problem.detail ?? (problem.errors ? Object.entries(problem.errors).map(([k, v]) => `${k}: ${(v as string[]).join("; ")}`).join("\n") : "");
    } catch {
      // not a problem document
    }
    throw new ApiError(response.status, title, detail);
  }
  const type = response.headers.get("Content-Type") ?? "";
  if (type.includes("json") && !init.asText) {
    return (await response.json()) as T;
  }
  return (await response.text()) as unknown as T;
}

export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== "") {
      search.set(k, String(v));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}
