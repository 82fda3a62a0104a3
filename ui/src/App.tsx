import { useEffect, useState } from "react";
import { api, type AppInfo } from "./api";

type Status =
  | { kind: "loading" }
  | { kind: "ready"; info: AppInfo }
  | { kind: "error"; message: string };

export function App() {
  const [status, setStatus] = useState<Status>({ kind: "loading" });

  useEffect(() => {
    api
      .appInfo()
      .then((info) => setStatus({ kind: "ready", info }))
      .catch((e: unknown) => setStatus({ kind: "error", message: String(e) }));
  }, []);

  return (
    <div className="app">
      <header className="topbar">
        <span className="brand" aria-label="Rehearse">
          <span className="brand-mark" aria-hidden="true">●</span> Rehearse
        </span>
        {status.kind === "ready" && (
          <span className="muted" data-testid="app-version">
            v{status.info.version}
          </span>
        )}
      </header>
      <main className="content">
        <section className="hero">
          <h1>Practise interviews out loud, privately.</h1>
          <p className="lead">
            Pick a question, hear it asked, answer aloud, and see your pace, filler words, pauses and
            how well you covered the story — all on this computer.
          </p>
        </section>
        <section className="panel" aria-live="polite" data-testid="backend-status">
          {status.kind === "loading" && <p>Connecting to the Rehearse engine…</p>}
          {status.kind === "error" && (
            <p className="error" role="alert">
              The app's engine did not answer: {status.message}
            </p>
          )}
          {status.kind === "ready" && (
            <dl className="facts">
              <dt>Engine</dt>
              <dd data-testid="backend-ready">Ready ({status.info.platform})</dd>
              <dt>Your data</dt>
              <dd>
                <code>{status.info.data_dir}</code>
              </dd>
            </dl>
          )}
        </section>
      </main>
    </div>
  );
}
