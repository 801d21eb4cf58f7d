import { useState, type FormEvent } from "react";
import { api, ApiError } from "../lib/api";
import { clearToken, setToken } from "../lib/token";
import type { WhoAmI } from "../lib/types";

/** Asks for a token (from `cyclone token create`, or the link `cyclone up` prints) and checks it with /whoami. */
export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [token, setTokenText] = useState("");
  const [error, setError] = useState("");
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError("");
    setToken(token);
    try {
      await api<WhoAmI>("/api/v1/whoami");
      onSignedIn();
    } catch (err) {
      clearToken();
      setError(err instanceof ApiError && err.status === 401 ? "The hub does not accept this token." : String(err));
    }
  };
  return (
    <main id="main" className="signin">
      <h1>Sign in to Cyclone</h1>
      <form onSubmit={submit}>
        <label htmlFor="token">Token</label>
        <input id="token" type="password" autoComplete="off" value={token} onChange={(e) => setTokenText(e.target.value)} required />
        <button type="submit">Sign in</button>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </form>
      <p className="muted">
        <code>cyclone up</code> prints a link that signs you in; otherwise make a token with <code>cyclone token create</code>.
      </p>
    </main>
  );
}
