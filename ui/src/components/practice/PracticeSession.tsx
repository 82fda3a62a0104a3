// One question answered end to end: the question (read aloud), think time, recording with live
// feedback, analysis, then the report in place ("full") or a compact result ("mock").
import { useEffect, useRef, type ReactNode } from "react";
import { Settings as Cog, Volume2, VolumeX } from "lucide-react";
import type { AnswerResult } from "../../api";
import { useApp } from "../../state";
import type { Card } from "../../types";
import { isPlainKey, isTypingTarget } from "../report/keys";
import { LevelMeter, RecordButton, AnswerTimer, ThinkCountdown } from "./Recorder";
import { usePracticeSession } from "./usePracticeSession";
import "./practice.css";

export interface PracticeSessionProps {
  card: Card;
  /** A follow-up question asked instead of the card's own. */
  followUp?: string | null;
  speak: boolean;
  thinkTime: number;
  /** Shown above the question, e.g. "Question 2 of 5". */
  kicker?: ReactNode;
  /** What to show once the answer is analysed (the full report or a compact result). */
  renderResult: (result: AnswerResult) => ReactNode;
  onResult?: (result: AnswerResult) => void;
}

function Guidance({ card }: { card: Card }) {
  return (
    <details className="prc-guidance">
      <summary>Peek at the guidance</summary>
      <div className="prc-guidance-body">
        {card.why_asked && (
          <>
            <h3>Why it is asked</h3>
            <p>{card.why_asked}</p>
          </>
        )}
        {card.how_to_answer.length > 0 && (
          <>
            <h3>How to answer</h3>
            <ol>
              {card.how_to_answer.map((h) => (
                <li key={h}>{h}</li>
              ))}
            </ol>
          </>
        )}
        {card.key_points.length > 0 && (
          <>
            <h3>Key points the report checks</h3>
            <ul>
              {card.key_points.map((k) => (
                <li key={k.id}>{k.text}</li>
              ))}
            </ul>
          </>
        )}
      </div>
    </details>
  );
}

function progressShare(done: number, total: number | null): number | null {
  if (total == null || total <= 0) return null;
  return Math.min(100, Math.max(0, (done / total) * 100));
}

export function PracticeSession(props: PracticeSessionProps) {
  const { card, followUp = null, speak, thinkTime, kicker, renderResult, onResult } = props;
  const navigate = useApp((s) => s.navigate);
  // Until the recording starts (and the Rust side confirms it) the card's window is the best guess.
  const override = useApp((s) => s.settings?.target_length ?? null);
  const expectedTarget = override ?? card.target_length ?? null;
  const question = followUp ?? card.question;
  const session = usePracticeSession({ cardId: card.id, followUp, spoken: question, speak, thinkTime });
  const { state } = session;

  // Space records/stops anywhere on the screen; Escape cancels. Buttons keep their own Space.
  const sessionRef = useRef(session);
  sessionRef.current = session;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isPlainKey(e) || isTypingTarget(e.target)) return;
      const s = sessionRef.current;
      if (e.key === " " || e.code === "Space") {
        const t = e.target as Element | null;
        if (t && t.closest && t.closest("button, a, summary, input, [role=button]")) return;
        if (s.state.phase === "done" || s.state.phase === "analysing") return;
        e.preventDefault();
        s.toggle();
      } else if (e.key === "Escape") {
        if (s.state.phase === "recording" || s.state.speaking) {
          e.preventDefault();
          s.cancel();
        }
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const reported = useRef<number | null>(null);
  useEffect(() => {
    if (state.result && reported.current !== state.result.attempt_id) {
      reported.current = state.result.attempt_id;
      onResult?.(state.result);
    }
  }, [state.result, onResult]);

  // Keep the newest words in view as the live transcript grows.
  const liveRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = liveRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [state.live]);

  // The report appears in place: move the focus there so keyboard and screen-reader users land on it.
  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.phase === "done") resultRef.current?.focus();
  }, [state.phase]);

  const answering = state.phase !== "done" && state.phase !== "analysing";
  const pct = state.analysis ? progressShare(state.analysis.done, state.analysis.total) : null;

  return (
    <div className="prc">
      <header className="prc-head">
        {kicker && <p className="prc-kicker">{kicker}</p>}
        {followUp && <p className="prc-kicker">Follow-up to: {card.question}</p>}
        <h1 className="prc-question" data-testid="practice-question">
          {question}
        </h1>
        <div className="prc-voice">
          <span aria-live="polite">
            {state.speaking && (
              <span className="prc-speaking" data-testid="interviewer-speaking">
                <Volume2 size={18} aria-hidden="true" /> The interviewer is asking…
              </span>
            )}
          </span>
          {state.speaking ? (
            <button type="button" className="btn small ghost" onClick={session.stopSpeaking}>
              <VolumeX size={16} aria-hidden="true" /> Stop reading
            </button>
          ) : (
            answering &&
            speak &&
            !state.speechNote && (
              <button
                type="button"
                className="btn small ghost"
                onClick={session.repeatQuestion}
                disabled={state.phase === "recording" || state.phase === "starting"}
              >
                <Volume2 size={16} aria-hidden="true" /> Repeat question
              </button>
            )
          )}
        </div>
        {state.speechNote && <p className="small muted prc-speech-note">{state.speechNote}</p>}
      </header>

      {state.error && (
        <div className="callout error prc-error" role="alert" data-testid="practice-error">
          <p>{state.error}</p>
          <button type="button" className="btn small" onClick={() => navigate({ name: "settings" })}>
            <Cog size={16} aria-hidden="true" /> Open Settings
          </button>
        </div>
      )}
      {state.interrupted && (
        <div className="callout warn" role="alert">
          The recording stopped: {state.interrupted}. What was recorded so far is kept and analysed.
        </div>
      )}
      <div aria-live="polite">
        {state.notice && <p className="callout prc-notice">{state.notice}</p>}
      </div>

      {answering && (
        <section className="panel prc-controls" aria-label="Answer">
          <ThinkCountdown state={state} onSkip={session.record} />
          <div className="prc-controls-row">
            <RecordButton state={state} onToggle={session.toggle} />
            <div className="prc-gauges">
              <LevelMeter state={state} />
              <AnswerTimer state={state} expectedTarget={expectedTarget} />
            </div>
          </div>
          <p className="small muted prc-keys">
            <kbd>Space</kbd> start / stop · <kbd>Esc</kbd> discard the answer · <kbd>?</kbd> all shortcuts
          </p>
        </section>
      )}

      {state.phase === "analysing" && (
        <section className="panel prc-analysing" aria-live="polite">
          <p>
            <strong>Analysing your answer…</strong>
            {state.analysis && <span className="muted small"> {state.analysis.stage}</span>}
          </p>
          <div
            className="progressbar"
            role="progressbar"
            aria-label="Analysis"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct == null ? undefined : Math.round(pct)}
          >
            <span className={pct == null ? "prc-indeterminate" : undefined} style={{ width: pct == null ? "30%" : `${pct}%` }} />
          </div>
        </section>
      )}

      {state.phase !== "done" && (
        <section className="prc-live-wrap" aria-label="Live transcript">
          <h2 className="visually-hidden">Live transcript</h2>
          <div className="prc-live" data-testid="live-transcript" aria-live="polite" ref={liveRef}>
            {state.live ? state.live : <span className="muted">Your words appear here as you speak</span>}
          </div>
        </section>
      )}

      {state.phase === "done" && state.result && (
        <div ref={resultRef} tabIndex={-1} className="prc-result" role="region" aria-label="Your report">
          {renderResult(state.result)}
        </div>
      )}

      {answering && <Guidance card={card} />}
    </div>
  );
}
