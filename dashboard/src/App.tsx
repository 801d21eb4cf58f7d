import { useEffect, useMemo, useState } from "react";
import { api, setUnauthorizedHandler } from "./lib/api";
import { LiveProvider, LiveStream } from "./lib/live";
import { Link, useLocation } from "./lib/router";
import { clearToken, getToken, takeTokenFromUrl } from "./lib/token";
import type { WhoAmI } from "./lib/types";
import { SignIn } from "./pages/SignIn";
import { Overview } from "./pages/Overview";
import { Jobs } from "./pages/Jobs";
import { JobDetail } from "./pages/JobDetail";
import { Agents } from "./pages/Agents";
import { Queue } from "./pages/Queue";
import { Workflows } from "./pages/Workflows";
import { WorkflowDetail } from "./pages/WorkflowDetail";
import { Estimates } from "./pages/Estimates";

takeTokenFromUrl();

const sections = [
  { to: "/", label: "Overview" },
  { to: "/jobs", label: "Jobs" },
  { to: "/agents", label: "Agents" },
  { to: "/queue", label: "Queue" },
  { to: "/workflows", label: "Workflows" },
  { to: "/estimates", label: "Estimates" },
];

export function App() {
  const [me, setMe] = useState<WhoAmI | null>(null);
  const [signedOut, setSignedOut] = useState(!getToken());
  const { path } = useLocation();

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setMe(null);
      setSignedOut(true);
    });
  }, []);

  useEffect(() => {
    if (signedOut) return;
    api<WhoAmI>("/api/v1/whoami").then(setMe, () => setSignedOut(true));
  }, [signedOut]);

  const stream = useMemo(() => new LiveStream(), []);
  useEffect(() => {
    if (!me) return;
    stream.start();
    return () => stream.stop();
  }, [me, stream]);

  if (signedOut || !me) {
    return signedOut ? <SignIn onSignedIn={() => setSignedOut(false)} /> : <p className="loading">Signing in…</p>;
  }

  return (
    <LiveProvider stream={stream}>
      <a className="skip" href="#main">Skip to content</a>
      <header className="top">
        <span className="brand">Cyclone</span>
        <nav aria-label="Sections">
          {sections.map((s) => {
            const current = s.to === "/" ? path === "/" : path.startsWith(s.to);
            return (
              <Link key={s.to} to={s.to} aria-current={current ? "page" : undefined}>
                {s.label}
              </Link>
            );
          })}
        </nav>
        <span className="whoami">
          {me.user} ({me.role}){" "}
          <button
            onClick={() => {
              clearToken();
              setMe(null);
              setSignedOut(true);
            }}
          >
            Sign out
          </button>
        </span>
      </header>
      <main id="main">{route(path, me)}</main>
    </LiveProvider>
  );
}

function route(path: string, me: WhoAmI) {
  let m: RegExpExecArray | null;
  if (path === "/") return <Overview />;
  if (path === "/jobs") return <Jobs />;
  if ((m = /^\/jobs\/(\d+)$/.exec(path))) return <JobDetail id={Number(m[1])} me={me} />;
  if (path === "/agents") return <Agents me={me} />;
  if (path === "/queue") return <Queue />;
  if (path === "/workflows") return <Workflows />;
  if ((m = /^\/workflows\/([^/]+)$/.exec(path))) return <WorkflowDetail name={decodeURIComponent(m[1])} me={me} />;
  if (path === "/estimates") return <Estimates />;
  return (
    <section>
      <h1>Not found</h1>
      <p>
        There is no page at {path}. <Link to="/">Overview</Link>
      </p>
    </section>
  );
}
