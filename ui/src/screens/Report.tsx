// The report of one stored attempt (route report). The same components render in place after
// an answer on the practice screen.
import { useEffect, useState } from "react";
import { ArrowLeft } from "lucide-react";
import { api, type AttemptDetail } from "../api";
import { useApp, type Route } from "../state";
import { ReportView } from "../components/report/ReportView";
import { ReportActions } from "../components/report/ReportActions";
import { useDelayed } from "../components/practice/useDelayed";
import "./Report.css";

/** Opens the replay at a moment. */
export function replayAt(navigate: (r: Route) => void, attemptId: number, atS: number) {
  navigate({ name: "replay", attemptId, at_s: atS });
}

function formatWhen(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function ReportScreen({ attemptId }: { attemptId: number }) {
  const navigate = useApp((s) => s.navigate);
  const back = useApp((s) => s.back);
  const [attempt, setAttempt] = useState<AttemptDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const showLoading = useDelayed(attempt == null && error == null, 200);

  useEffect(() => {
    let live = true;
    setAttempt(null);
    setError(null);
    api
      .getAttempt(attemptId)
      .then((a) => live && setAttempt(a))
      .catch((e) => live && setError(String(e)));
    return () => {
      live = false;
    };
  }, [attemptId]);

  const report = attempt?.report ?? null;
  return (
    <section className="screen rpt" aria-label="Report">
      <div className="screen-head">
        <div>
          <button type="button" className="btn ghost small" onClick={back}>
            <ArrowLeft size={16} aria-hidden="true" /> Back
          </button>
          <h1 className="rpt-question">{attempt ? attempt.question : "Report"}</h1>
          {attempt && (
            <p className="muted small">
              Answered {formatWhen(attempt.started_at)}
              {report ? ` · ${Math.round(report.audio.duration_s)} s recorded · model ${report.model}` : ""}
            </p>
          )}
        </div>
      </div>
      {error && (
        <div className="callout error" role="alert">
          <p>This report could not be opened: {error}</p>
          <button type="button" className="btn" onClick={() => navigate({ name: "history" })}>
            Go to history
          </button>
        </div>
      )}
      {showLoading && (
        <p className="muted" aria-live="polite">
          Opening the report…
        </p>
      )}
      {attempt && !report && (
        <div className="callout warn" role="alert">
          {attempt.status === "failed"
            ? `This answer could not be analysed: ${attempt.error ?? "no reason was recorded"}.`
            : attempt.status === "analysing" || attempt.status === "recording"
              ? "This answer is still being analysed. Open it again in a moment."
              : "This attempt has no report."}
        </div>
      )}
      {attempt && report && (
        <ReportView
          report={report}
          onSeek={(t) => replayAt(navigate, attempt.id, t)}
          actions={<ReportActions attemptId={attempt.id} cardId={attempt.card_id} />}
        />
      )}
    </section>
  );
}
