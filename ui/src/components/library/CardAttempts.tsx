// A card's past attempts: when, overall score, change since the previous try; each opens its report.
import { useEffect, useState } from "react";
import { ArrowDown, ArrowUp, ChevronRight, Minus } from "lucide-react";
import { api } from "../../api";
import { useApp } from "../../state";
import type { CardAttempt } from "../../types";
import { formatScore, overallChange } from "./describe";

function when(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function CardAttempts({ cardId }: { cardId: string }) {
  const navigate = useApp((s) => s.navigate);
  const [attempts, setAttempts] = useState<CardAttempt[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setAttempts(null);
    setError(null);
    api
      .cardAttempts(cardId)
      .then((a) => live && setAttempts(a))
      .catch((e) => live && setError(String(e)));
    return () => {
      live = false;
    };
  }, [cardId]);

  if (error) {
    return (
      <p className="callout error small" role="alert">
        Could not load your attempts: {error}
      </p>
    );
  }
  if (attempts === null) return <p className="small muted cv-attempts-wait">Loading your attempts…</p>;
  if (attempts.length === 0) {
    return <p className="small muted">You have not answered this question yet. Your attempts will appear here.</p>;
  }
  // Newest first: the latest try is what the user wants to compare against.
  const rows = [...attempts].sort((a, b) => b.attempt.started_at.localeCompare(a.attempt.started_at));
  return (
    <ul className="cv-attempts">
      {rows.map(({ attempt, changes }, i) => {
        const first = i === rows.length - 1;
        const score = attempt.metrics.overall_score;
        const change = overallChange(changes);
        const done = attempt.status === "done";
        return (
          <li key={attempt.id}>
            <button
              type="button"
              className="cv-attempt"
              onClick={() => navigate({ name: "report", attemptId: attempt.id })}
              disabled={!done}
            >
              <span className="cv-attempt-date">{when(attempt.started_at)}</span>
              <span className="cv-attempt-score">
                {done && score !== null ? (
                  <>
                    <span className="score">{formatScore(score)}</span>
                    <span className="small muted"> overall</span>
                  </>
                ) : (
                  <span className="small muted">
                    {attempt.status === "failed" ? `Failed: ${attempt.error ?? "analysis did not finish"}` : attempt.status}
                  </span>
                )}
              </span>
              <span
                className={`small cv-change ${change?.improved === true ? "up" : change?.improved === false ? "down" : ""}`}
              >
                {change ? (
                  <>
                    {change.improved === true ? (
                      <ArrowUp size={14} aria-hidden="true" />
                    ) : change.improved === false ? (
                      <ArrowDown size={14} aria-hidden="true" />
                    ) : (
                      <Minus size={14} aria-hidden="true" />
                    )}
                    {change.text}
                  </>
                ) : (
                  <span className="muted">{done && first ? "first try" : ""}</span>
                )}
              </span>
              {done && <ChevronRight size={16} aria-hidden="true" className="cv-attempt-go" />}
              {done && <span className="visually-hidden">Open the report</span>}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
