// History: every answer, newest first, searchable; open its report or replay it, delete it, or
// tick two answers to the same question and compare them.
import { useCallback, useEffect, useState } from "react";
import { AlertTriangle, FileText, GitCompare, Headphones, Loader, Search, Trash2 } from "lucide-react";
import { api } from "../api";
import { useApp } from "../state";
import type { AttemptSummary } from "../types";
import { formatDuration } from "../format";
import { exactTime, relativeTime } from "../components/progress/metrics";
import { canSelect, comparePair, selectionHint, toggleSelection } from "../components/progress/compareSelection";
import { DataTransfer } from "../components/progress/DataTransfer";
import { useDelayed } from "../components/replay/useDelayed";
import "./History.css";

const SEARCH_DELAY_MS = 250;

function Score({ label, value, big }: { label: string; value: number | null; big?: boolean }) {
  return (
    <span className={`hist-score${big ? " is-big" : ""}`}>
      <span className="hist-score-value score">{value == null ? "—" : Math.round(value)}</span>
      <span className="hist-score-label">{label}</span>
    </span>
  );
}

function Status({ a }: { a: AttemptSummary }) {
  if (a.status === "done") return null;
  if (a.status === "failed") {
    return (
      <p className="hist-status callout error small">
        <AlertTriangle size={15} aria-hidden="true" /> Analysis failed{a.error ? `: ${a.error}` : "."}
      </p>
    );
  }
  if (a.status === "analysing") {
    return (
      <p className="hist-status small muted">
        <Loader size={15} aria-hidden="true" /> Still analysing…
      </p>
    );
  }
  return (
    <p className="hist-status callout warn small">
      <AlertTriangle size={15} aria-hidden="true" /> The recording did not finish{a.error ? `: ${a.error}` : "."}
    </p>
  );
}

export function HistoryScreen() {
  const navigate = useApp((s) => s.navigate);
  const [attempts, setAttempts] = useState<AttemptSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [search, setSearch] = useState("");
  const [query, setQuery] = useState("");
  const [selected, setSelected] = useState<AttemptSummary[]>([]);
  const [confirmDelete, setConfirmDelete] = useState<number | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [reloadTick, setReloadTick] = useState(0);

  // Typing waits a moment before asking the store, so each key press is not a query.
  useEffect(() => {
    const timer = setTimeout(() => setQuery(search.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search]);

  useEffect(() => {
    let alive = true;
    api.listAttempts({ search: query || null, limit: null }).then(
      (list) => {
        if (!alive) return;
        setAttempts(list);
        setError(null);
      },
      (e: unknown) => alive && setError(String(e)),
    );
    return () => {
      alive = false;
    };
  }, [query, reloadTick]);

  const reload = useCallback(() => setReloadTick((t) => t + 1), []);

  async function remove(id: number) {
    setDeleting(true);
    try {
      await api.deleteAttempt(id);
      setSelected((s) => s.filter((x) => x.id !== id));
      setConfirmDelete(null);
      setAttempts((list) => list?.filter((x) => x.id !== id) ?? null);
      setError(null);
    } catch (e) {
      setError(String(e));
    } finally {
      setDeleting(false);
    }
  }

  const showLoading = useDelayed(attempts == null && error == null);
  const pair = comparePair(selected);
  const isEmpty = attempts != null && attempts.length === 0 && query === "";

  return (
    <section className="screen hist" aria-label="History">
      <div className="screen-head">
        <div>
          <h1>History</h1>
          <p className="muted">Every answer you have recorded, newest first.</p>
        </div>
        <DataTransfer onImported={reload} />
      </div>

      {error && (
        <div className="callout error" role="alert">
          {error}
        </div>
      )}

      {isEmpty ? (
        <div className="panel hist-empty">
          <h2>No answers yet</h2>
          <p>
            Pick a question, answer it out loud, and it appears here with its scores, transcript and recording, so you
            can listen back and see what changed between tries.
          </p>
          <button type="button" className="btn primary" onClick={() => navigate({ name: "library" })}>
            Choose a question
          </button>
        </div>
      ) : (
        <>
          <div className="hist-tools">
            <label className="hist-search">
              <Search size={16} aria-hidden="true" />
              <span className="visually-hidden">Search answers</span>
              <input
                type="search"
                data-testid="history-search"
                placeholder="Search questions and transcripts"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
              />
            </label>
            <div className="hist-compare" role="status">
              <span className="small muted">{selectionHint(selected)}</span>
              <button
                type="button"
                className="btn small primary"
                data-testid="compare-selected"
                disabled={!pair}
                onClick={() => pair && navigate({ name: "compare", ...pair })}
              >
                <GitCompare size={16} aria-hidden="true" /> Compare
              </button>
              {selected.length > 0 && (
                <button type="button" className="btn small ghost" onClick={() => setSelected([])}>
                  Clear
                </button>
              )}
            </div>
          </div>

          {attempts == null ? (
            <p className="muted hist-loading" aria-live="polite">
              {showLoading ? "Loading your answers…" : " "}
            </p>
          ) : attempts.length === 0 ? (
            <p className="panel muted">No answers match “{query}”. Try a word from the question or from what you said.</p>
          ) : (
            <ul className="hist-list" aria-label="Answers">
              {attempts.map((a) => {
                const ticked = selected.some((s) => s.id === a.id);
                const allowed = canSelect(a, selected);
                const m = a.metrics;
                return (
                  <li key={a.id} className="panel hist-item" data-testid="attempt-item" data-selected={ticked || undefined}>
                    <input
                      type="checkbox"
                      className="hist-tick"
                      checked={ticked}
                      disabled={!allowed}
                      onChange={() => setSelected((s) => toggleSelection(a, s))}
                      aria-label={`Select this answer to compare${allowed ? "" : " (only answers to the same question can be compared)"}`}
                      title={allowed ? "Select to compare" : "Only answers to the same question can be compared"}
                    />
                    <div className="hist-main">
                      <p className="small muted hist-when">
                        <time dateTime={a.started_at} title={exactTime(a.started_at)}>
                          {relativeTime(a.started_at)}
                        </time>
                        {m.duration_s != null && <> · {formatDuration(m.duration_s)} long</>}
                      </p>
                      <h2 className="hist-question">{a.question}</h2>
                      <Status a={a} />
                    </div>
                    <div className="hist-scores" aria-label="Scores out of 100">
                      <Score label="Overall" value={m.overall_score} big />
                      <Score label="Delivery" value={m.delivery_score} />
                      <Score label="Content" value={m.content_score} />
                    </div>
                    <div className="hist-actions">
                      {confirmDelete === a.id ? (
                        <div className="hist-confirm" role="group" aria-label="Confirm delete">
                          <p className="small">Delete this answer? Its recording and notes go too. This cannot be undone.</p>
                          <div className="row">
                            <button
                              type="button"
                              className="btn small danger"
                              data-testid="attempt-delete-confirm"
                              disabled={deleting}
                              onClick={() => void remove(a.id)}
                            >
                              Delete
                            </button>
                            <button type="button" className="btn small ghost" onClick={() => setConfirmDelete(null)}>
                              Keep
                            </button>
                          </div>
                        </div>
                      ) : (
                        <>
                          <button
                            type="button"
                            className="btn small"
                            data-testid="attempt-report"
                            disabled={a.status !== "done"}
                            onClick={() => navigate({ name: "report", attemptId: a.id })}
                          >
                            <FileText size={16} aria-hidden="true" /> Report
                          </button>
                          <button
                            type="button"
                            className="btn small"
                            data-testid="attempt-replay"
                            disabled={a.status === "recording" || a.status === "analysing"}
                            onClick={() => navigate({ name: "replay", attemptId: a.id })}
                          >
                            <Headphones size={16} aria-hidden="true" /> Replay
                          </button>
                          <button
                            type="button"
                            className="btn small ghost"
                            data-testid="attempt-delete"
                            aria-label={`Delete this answer to “${a.question}”`}
                            onClick={() => setConfirmDelete(a.id)}
                          >
                            <Trash2 size={16} aria-hidden="true" /> Delete
                          </button>
                        </>
                      )}
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
