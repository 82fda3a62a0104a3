// What to do after reading a report: replay it, try the question again (R), go to the next
// question (N) or export the report. Shared by the Report screen and the practice screen.
import { useEffect, useRef, useState } from "react";
import { save } from "@tauri-apps/plugin-dialog";
import { ArrowRight, FileDown, Play, RotateCcw } from "lucide-react";
import { api } from "../../api";
import { useApp } from "../../state";
import type { LibraryCard, Suggestion } from "../../types";
import { isPlainKey, isTypingTarget } from "./keys";

/** The card to practise next: the top suggestion that is not this card, else any other card. */
export function pickNextCard(
  suggestions: Suggestion[],
  cards: LibraryCard[] | null,
  current: string | null,
): string | null {
  const known = (id: string) => !cards || cards.some((c) => c.card.id === id);
  const next = suggestions.find((s) => s.card_id !== current && known(s.card_id));
  if (next) return next.card_id;
  const others = (cards ?? []).filter((c) => c.card.id !== current);
  if (others.length === 0) return null;
  return others[Math.floor(Math.random() * others.length)].card.id;
}

/** A file name for the export: "report-12-tell-me-about-a-time-you-failed.md". */
export function exportFileName(attemptId: number, cardId: string | null, format: "markdown" | "html"): string {
  const stem = cardId ? `report-${attemptId}-${cardId}` : `report-${attemptId}`;
  return `${stem}.${format === "markdown" ? "md" : "html"}`;
}

export function ReportActions({
  attemptId,
  cardId,
  onTryAgain,
  keyboard = true,
}: {
  attemptId: number;
  cardId: string | null;
  /** Defaults to opening the practice screen for the card. */
  onTryAgain?: () => void;
  /** Listen for R and N (off when another part of the screen owns the keys). */
  keyboard?: boolean;
}) {
  const navigate = useApp((s) => s.navigate);
  const cards = useApp((s) => s.cards);
  const [error, setError] = useState<string | null>(null);
  const [written, setWritten] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const tryAgain = () => {
    if (!cardId) return;
    if (onTryAgain) onTryAgain();
    else navigate({ name: "practice", cardId });
  };

  const next = async () => {
    setError(null);
    setBusy(true);
    try {
      // Two, because the top suggestion may be the card just answered.
      const suggestions = await api.practiseNext(2);
      const id = pickNextCard(suggestions, cards, cardId);
      if (id) navigate({ name: "practice", cardId: id });
      else setError("There is no other question to practise yet. Add one in the library.");
    } catch (e) {
      setError(`Could not pick the next question: ${String(e)}`);
    } finally {
      setBusy(false);
    }
  };

  const exportAs = async (format: "markdown" | "html") => {
    setError(null);
    setWritten(null);
    try {
      const path = await save({
        title: format === "markdown" ? "Export the report as Markdown" : "Export the report as HTML",
        defaultPath: exportFileName(attemptId, cardId, format),
        filters:
          format === "markdown"
            ? [{ name: "Markdown", extensions: ["md"] }]
            : [{ name: "HTML", extensions: ["html"] }],
      });
      if (!path) return;
      await api.exportReport(attemptId, path, format);
      setWritten(path);
    } catch (e) {
      setError(`The report was not exported: ${String(e)}`);
    }
  };

  // Handlers read through a ref so the key listener is installed once.
  const actions = useRef({ tryAgain, next });
  actions.current = { tryAgain, next };
  useEffect(() => {
    if (!keyboard) return;
    const onKey = (e: KeyboardEvent) => {
      if (!isPlainKey(e) || e.shiftKey || isTypingTarget(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === "r") {
        e.preventDefault();
        actions.current.tryAgain();
      } else if (key === "n") {
        e.preventDefault();
        void actions.current.next();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [keyboard]);

  return (
    <div className="rpc-actions">
      <div className="row">
        <button
          type="button"
          className="btn"
          data-testid="report-replay"
          onClick={() => navigate({ name: "replay", attemptId })}
        >
          <Play size={16} aria-hidden="true" /> Replay
        </button>
        <button
          type="button"
          className="btn"
          data-testid="report-try-again"
          onClick={tryAgain}
          disabled={!cardId}
          aria-keyshortcuts="R"
          title={cardId ? undefined : "This answer had no question card"}
        >
          <RotateCcw size={16} aria-hidden="true" /> Try again <kbd>R</kbd>
        </button>
        <button
          type="button"
          className="btn"
          data-testid="report-next"
          onClick={() => void next()}
          disabled={busy}
          aria-keyshortcuts="N"
        >
          Next question <kbd>N</kbd> <ArrowRight size={16} aria-hidden="true" />
        </button>
        <span className="rpc-export">
          <span className="muted small">Export:</span>
          <button
            type="button"
            className="btn small ghost"
            data-testid="report-export-markdown"
            onClick={() => void exportAs("markdown")}
          >
            <FileDown size={16} aria-hidden="true" /> Markdown
          </button>
          <button
            type="button"
            className="btn small ghost"
            data-testid="report-export-html"
            onClick={() => void exportAs("html")}
          >
            <FileDown size={16} aria-hidden="true" /> HTML
          </button>
        </span>
      </div>
      <div aria-live="polite" className="rpc-actions-status">
        {written && (
          <p className="callout ok small" data-testid="report-export-done">
            Report written to <code>{written}</code>
          </p>
        )}
      </div>
      {error && (
        <p className="callout error small" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
