// The answering controls: the big record button, the level meter, the timer against the target
// window and the think countdown. Props only; the session hook owns the behaviour.
import { Mic, Square } from "lucide-react";
import { clock, targetWindow } from "../report/reportText";
import {
  canStart,
  isClipping,
  limitWarning,
  meterPercent,
  timeLimit,
  timerGeometry,
  timerStatus,
  type SessionState,
  type Target,
} from "./practiceMachine";

export function RecordButton({ state, onToggle }: { state: SessionState; onToggle: () => void }) {
  const recording = state.phase === "recording";
  const enabled = recording || canStart(state);
  const label = recording ? "Stop (Space)" : "Start answering (Space)";
  return (
    <button
      type="button"
      className={`prc-record${recording ? " is-recording" : ""}`}
      data-testid="record-toggle"
      aria-pressed={recording}
      aria-keyshortcuts="Space"
      disabled={!enabled}
      onClick={onToggle}
    >
      <span className="prc-record-icon" aria-hidden="true">
        {recording ? <Square size={28} fill="currentColor" /> : <Mic size={32} />}
      </span>
      <span className="prc-record-label">{state.phase === "starting" ? "Opening the microphone…" : label}</span>
    </button>
  );
}

export function LevelMeter({ state }: { state: SessionState }) {
  const db = state.level?.rms_db ?? -Infinity;
  const pct = meterPercent(db);
  const clipping = isClipping(state);
  const quiet = state.phase === "recording" && state.level != null && db < -50;
  return (
    <div className="prc-level">
      <div
        className={`meter prc-meter${clipping ? " is-clipping" : ""}`}
        data-testid="level-meter"
        role="meter"
        aria-label="Microphone level"
        aria-valuemin={-60}
        aria-valuemax={0}
        // In 10 dB steps: each change is an accessibility event, and ten a second kept the
        // web view busy; a screen reader gains nothing from finer, faster numbers.
        aria-valuenow={Number.isFinite(db) ? coarseDb(db) : -60}
        aria-valuetext={
          Number.isFinite(db) ? `about ${coarseDb(db)} dB${clipping ? ", too loud" : ""}` : "no signal yet"
        }
      >
        <span style={{ width: `${pct}%` }} />
      </div>
      <p className="small prc-level-note" aria-live="polite">
        {clipping ? (
          <span className="prc-clip">⚠ Too loud — the sound is clipping. Move back a little.</span>
        ) : quiet ? (
          <span className="muted">Very quiet — speak up or move closer to the microphone.</span>
        ) : state.device && state.phase === "recording" ? (
          <span className="muted">Microphone: {state.device}</span>
        ) : (
          <span className="muted">Microphone level — the bar moves while you speak.</span>
        )}
      </p>
    </div>
  );
}

export function AnswerTimer({ state, expectedTarget = null }: { state: SessionState; expectedTarget?: Target }) {
  const { elapsed } = state;
  const target = state.target ?? (state.phase === "recording" ? null : expectedTarget);
  const geo = timerGeometry(elapsed, target);
  const limit = timeLimit(target);
  const warning = state.phase === "recording" ? limitWarning(elapsed, limit) : null;
  return (
    <div className="prc-timer">
      <div className="prc-timer-row">
        <span className="prc-clock" data-testid="practice-timer" aria-label={`Elapsed ${clock(elapsed)}`}>
          {clock(elapsed)}
        </span>
        <span className="small muted">
          {target ? `target ${targetWindow(target)} · ${timerStatus(elapsed, target)}` : "no target length for this answer"}
        </span>
      </div>
      <div className="prc-timebar" aria-hidden="true">
        {target && (
          <span className="prc-timebar-band" style={{ left: `${geo.bandFrom}%`, width: `${geo.bandTo - geo.bandFrom}%` }} />
        )}
        <span className="prc-timebar-fill" style={{ width: `${geo.at}%` }} />
      </div>
      <p className={`small prc-limit${warning != null ? " is-warning" : ""}`} aria-live="polite">
        {warning != null
          ? `⏱ Stopping in ${warning} s — finish your sentence.`
          : limit != null
            ? `Recording stops by itself at ${clock(limit)} (1.5 × the target's upper end).`
            : "No time limit: press Space when you are done."}
      </p>
    </div>
  );
}

export function ThinkCountdown({ state, onSkip }: { state: SessionState; onSkip: () => void }) {
  if (state.phase !== "thinking") return null;
  const left = Math.ceil(state.thinkLeft);
  return (
    <div className="prc-think" role="timer" aria-live="off">
      <p>
        <strong className="prc-think-left">{left} s</strong> to think
        {state.speaking ? " (paused while the question is read)" : ""}. Recording starts by itself at
        zero.
      </p>
      <div className="progressbar" aria-hidden="true">
        <span style={{ width: `${state.thinkTime > 0 ? (state.thinkLeft / state.thinkTime) * 100 : 0}%` }} />
      </div>
      <button type="button" className="btn small ghost" onClick={onSkip}>
        I'm ready — start now
      </button>
    </div>
  );
}

/** A level rounded to 10 dB, for assistive technology. */
export function coarseDb(db: number): number {
  return Math.max(-60, Math.min(0, Math.round(db / 10) * 10));
}
