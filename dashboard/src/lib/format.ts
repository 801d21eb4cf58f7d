/** Durations and times as people read them. */
export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) {
    return "–";
  }
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) {
    return `${s}s`;
  }
  const m = Math.floor(s / 60);
  if (m < 60) {
    return `${m}m ${s % 60}s`;
  }
  const h = Math.floor(m / 60);
  return h < 48 ? `${h}h ${m % 60}m` : `${Math.floor(h / 24)}d ${h % 24}h`;
}

export function between(from: string | null | undefined, to: string | null | undefined, now = Date.now()): number | null {
  if (!from) {
    return null;
  }
  return (to ? Date.parse(to) : now) - Date.parse(from);
}

export function time(at: string | null | undefined): string {
  if (!at) {
    return "–";
  }
  const d = new Date(at);
  return d.toLocaleString(undefined, { hour12: false });
}

export function bytes(n: number): string {
  if (n <= 0) {
    return "–";
  }
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 && i > 0 ? 1 : 0)} ${units[i]}`;
}
