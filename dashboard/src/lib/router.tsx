import { useEffect, useState, type AnchorHTMLAttributes, type MouseEvent } from "react";

// A tiny history router: paths and query strings are shareable links; the hub answers index.html for all of them.

const listeners = new Set<() => void>();

export function navigate(to: string, replace = false): void {
  if (replace) {
    window.history.replaceState(null, "", to);
  } else {
    window.history.pushState(null, "", to);
  }
  listeners.forEach((l) => l());
}

window.addEventListener("popstate", () => listeners.forEach((l) => l()));

/** The current path and query parameters; re-renders on navigation. */
export function useLocation(): { path: string; params: URLSearchParams } {
  const [, setTick] = useState(0);
  useEffect(() => {
    const l = () => setTick((t) => t + 1);
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  }, []);
  return { path: window.location.pathname, params: new URLSearchParams(window.location.search) };
}

/** Replaces query parameters of the current address (a filter, a page) without a new history entry. */
export function setParams(changes: Record<string, string | number | undefined>): void {
  const params = new URLSearchParams(window.location.search);
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined || v === "") {
      params.delete(k);
    } else {
      params.set(k, String(v));
    }
  }
  const text = params.toString();
  navigate(window.location.pathname + (text ? `?${text}` : ""), true);
}

export function Link({ to, children, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) {
      return;
    }
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}
