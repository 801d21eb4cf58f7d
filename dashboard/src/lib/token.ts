// The user's token: read once from a #token=... link (then removed from the address bar), kept in localStorage.
const key = "cyclone.token";

/** Takes a token from the URL fragment, stores it and removes it from the address; returns whether there was one. */
export function takeTokenFromUrl(location: Location = window.location, history: History = window.history): boolean {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (!match) {
    return false;
  }
  setToken(decodeURIComponent(match[1]));
  history.replaceState(null, "", location.pathname + location.search);
  return true;
}

export function getToken(): string | null {
  return localStorage.getItem(key);
}

export function setToken(token: string): void {
  localStorage.setItem(key, token.trim());
}

export function clearToken(): void {
  localStorage.removeItem(key);
}
