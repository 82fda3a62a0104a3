// One answer as a state machine: reading → thinking → ready → starting → recording → analysing
// → done. Commands and events are inputs; the reducer decides what each one means in each phase
// (a late "answer-level" event after the stop changes nothing), so the screen cannot end up in
// two states at once.
import type { AnswerResult, AnswerStarted, LevelEvent, LiveTranscriptEvent, ProgressEvent } from "../../api";

export type Phase = "reading" | "thinking" | "ready" | "starting" | "recording" | "analysing" | "done";

export type Target = { min_s: number; max_s: number } | null;

export interface SessionState {
  phase: Phase;
  /** The interviewer is speaking right now (first reading or "Repeat question"). */
  speaking: boolean;
  /** Why the question is not read aloud, shown once. */
  speechNote: string | null;
  thinkTime: number;
  thinkLeft: number;
  device: string | null;
  target: Target;
  /** Clock time (ms) the recording began. */
  startedAt: number | null;
  elapsed: number;
  level: { rms_db: number; peak_db: number; elapsed_s: number } | null;
  /** Recording time of the last clipped block. */
  clippedAt: number | null;
  live: string;
  analysis: ProgressEvent | null;
  result: AnswerResult | null;
  /** A command failed: shown with a way to Settings. */
  error: string | null;
  /** Calm news: "Answer discarded — nothing was kept". */
  notice: string | null;
  /** The recording ended by itself (device unplugged, disk full). */
  interrupted: string | null;
}

export type SessionAction =
  | { type: "speech-start" }
  | { type: "speech-end"; note?: string | null }
  | { type: "think-tick"; dt: number }
  | { type: "start" }
  | { type: "started"; started: AnswerStarted; now: number }
  | { type: "start-failed"; message: string }
  | { type: "tick"; now: number }
  | { type: "level"; event: LevelEvent }
  | { type: "transcript"; event: LiveTranscriptEvent }
  | { type: "interrupted"; reason: string }
  | { type: "stop" }
  | { type: "progress"; event: ProgressEvent }
  | { type: "stopped"; result: AnswerResult }
  | { type: "stop-failed"; message: string }
  | { type: "cancelled" }
  | { type: "cancel-failed"; message: string };

export const DISCARDED = "Answer discarded — nothing was kept.";
/** How long after clipping the meter keeps saying "too loud". */
export const CLIP_HOLD_S = 1.5;
/** The recording stops by itself at this multiple of the target's upper end. */
export const LIMIT_FACTOR = 1.5;
/** Warn this many seconds before the automatic stop. */
export const WARN_S = 15;

export function initialSession(thinkTime: number, willSpeak: boolean): SessionState {
  const think = Math.max(0, thinkTime);
  return {
    phase: willSpeak ? "reading" : think > 0 ? "thinking" : "ready",
    speaking: false,
    speechNote: null,
    thinkTime: think,
    thinkLeft: think,
    device: null,
    target: null,
    startedAt: null,
    elapsed: 0,
    level: null,
    clippedAt: null,
    live: "",
    analysis: null,
    result: null,
    error: null,
    notice: null,
    interrupted: null,
  };
}

/** Whether the record button may start an answer now. */
export function canStart(s: SessionState): boolean {
  return s.phase === "thinking" || s.phase === "ready";
}

export function sessionReducer(s: SessionState, a: SessionAction): SessionState {
  switch (a.type) {
    case "speech-start":
      return { ...s, speaking: true };
    case "speech-end": {
      const note = a.note ?? s.speechNote;
      if (s.phase !== "reading") return { ...s, speaking: false, speechNote: note };
      return { ...s, speaking: false, speechNote: note, phase: s.thinkTime > 0 ? "thinking" : "ready" };
    }
    case "think-tick":
      // Think time waits while the interviewer repeats the question.
      if (s.phase !== "thinking" || s.speaking) return s;
      return { ...s, thinkLeft: Math.max(0, s.thinkLeft - a.dt) };
    case "start":
      if (!canStart(s)) return s;
      return {
        ...s,
        phase: "starting",
        speaking: false,
        error: null,
        notice: null,
        interrupted: null,
        live: "",
        level: null,
        clippedAt: null,
        elapsed: 0,
        result: null,
      };
    case "started":
      if (s.phase !== "starting") return s;
      return { ...s, phase: "recording", startedAt: a.now, elapsed: 0, target: a.started.target, device: a.started.device };
    case "start-failed":
      if (s.phase !== "starting") return s;
      return { ...s, phase: "ready", error: a.message };
    case "tick":
      if (s.phase !== "recording" || s.startedAt == null) return s;
      return { ...s, elapsed: Math.max(0, (a.now - s.startedAt) / 1000) };
    case "level":
      if (s.phase !== "recording" && s.phase !== "starting") return s;
      return {
        ...s,
        level: { rms_db: a.event.rms_db, peak_db: a.event.peak_db, elapsed_s: a.event.elapsed_s },
        clippedAt: a.event.clipped ? a.event.elapsed_s : s.clippedAt,
      };
    case "transcript":
      if (s.phase !== "recording" && s.phase !== "starting") return s;
      return { ...s, live: a.event.text };
    case "interrupted":
      if (s.phase !== "recording") return s;
      return { ...s, interrupted: a.reason };
    case "stop":
      if (s.phase !== "recording") return s;
      return { ...s, phase: "analysing", analysis: null, level: null };
    case "progress":
      if (s.phase !== "analysing") return s;
      return { ...s, analysis: a.event };
    case "stopped":
      if (s.phase !== "analysing") return s;
      return { ...s, phase: "done", result: a.result };
    case "stop-failed":
      if (s.phase !== "analysing") return s;
      return { ...s, phase: "ready", error: a.message };
    case "cancelled":
      if (s.phase !== "recording") return s;
      return { ...s, phase: "ready", notice: DISCARDED, live: "", level: null, elapsed: 0, startedAt: null };
    case "cancel-failed":
      return { ...s, error: a.message };
  }
}

/** When the recording stops by itself; null without a target. */
export function timeLimit(target: Target): number | null {
  return target ? target.max_s * LIMIT_FACTOR : null;
}

/** Whole seconds left before the automatic stop, once inside the warning window. */
export function limitWarning(elapsed: number, limit: number | null): number | null {
  if (limit == null) return null;
  const left = limit - elapsed;
  return left <= WARN_S ? Math.max(0, Math.ceil(left)) : null;
}

/** The level meter's fill for an RMS level: −60 dBFS (silence) → 0 %, 0 dBFS → 100 %. */
export function meterPercent(db: number): number {
  if (!Number.isFinite(db)) return 0;
  return Math.min(100, Math.max(0, ((db + 60) / 60) * 100));
}

/** Clipped within the last moment, on the recording's own clock (the level events' times). */
export function isClipping(s: SessionState): boolean {
  if (s.clippedAt == null || !s.level) return false;
  const since = s.level.elapsed_s - s.clippedAt;
  return since >= 0 && since < CLIP_HOLD_S;
}

/** Positions (percent of the bar) of the target band and the elapsed marker. */
export function timerGeometry(elapsed: number, target: Target): { bandFrom: number; bandTo: number; at: number; scale: number } {
  const scale = timeLimit(target) ?? Math.max(180, Math.ceil((elapsed + 30) / 60) * 60);
  const pct = (v: number) => Math.min(100, Math.max(0, (v / scale) * 100));
  return {
    bandFrom: target ? pct(target.min_s) : 0,
    bandTo: target ? pct(target.max_s) : 0,
    at: pct(elapsed),
    scale,
  };
}

/** Where the answer stands against its target: "inside the target", "30 s to the target". */
export function timerStatus(elapsed: number, target: Target): string {
  if (!target) return "no target length";
  if (elapsed < target.min_s) return `${Math.ceil(target.min_s - elapsed)} s to the target window`;
  if (elapsed <= target.max_s) return "inside the target window";
  return `${Math.floor(elapsed - target.max_s)} s over the target — time to wrap up`;
}
