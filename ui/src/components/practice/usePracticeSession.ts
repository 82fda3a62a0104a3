// Drives one answer against the Rust side: reads the question aloud, runs the think timer,
// starts/stops/cancels the recording, follows the live events and stops at the time limit.
import { useCallback, useEffect, useReducer, useRef } from "react";
import {
  api,
  events,
  on,
  type AnswerInterruptedEvent,
  type LevelEvent,
  type LiveTranscriptEvent,
  type ProgressEvent,
} from "../../api";
import { initialSession, sessionReducer, timeLimit, type SessionState } from "./practiceMachine";

const THINK_TICK_MS = 250;
const CLOCK_TICK_MS = 200;

export interface SessionOptions {
  cardId: string | null;
  /** The question asked: sent to startAnswer only when it is not the card's own (a follow-up). */
  followUp: string | null;
  /** What the interviewer reads aloud. */
  spoken: string;
  speak: boolean;
  thinkTime: number;
}

export interface Session {
  state: SessionState;
  record: () => void;
  stop: () => void;
  cancel: () => void;
  /** Start or stop, whichever fits now (Space). */
  toggle: () => void;
  repeatQuestion: () => void;
  stopSpeaking: () => void;
}

function message(e: unknown): string {
  return typeof e === "string" ? e : e instanceof Error ? e.message : String(e);
}

export function usePracticeSession(opts: SessionOptions): Session {
  const [state, dispatch] = useReducer(sessionReducer, undefined, () =>
    initialSession(opts.thinkTime, opts.speak),
  );
  const stateRef = useRef(state);
  stateRef.current = state;
  const optsRef = useRef(opts);
  optsRef.current = opts;
  const mounted = useRef(true);

  const say = useCallback(async (text: string) => {
    dispatch({ type: "speech-start" });
    try {
      await api.speak(text);
      if (mounted.current) dispatch({ type: "speech-end" });
    } catch (e) {
      if (mounted.current)
        dispatch({ type: "speech-end", note: `The question could not be read aloud (${message(e)}) — read it above.` });
    }
  }, []);

  // First reading. The flag makes React's development double-mount harmless.
  useEffect(() => {
    mounted.current = true;
    let live = true;
    if (stateRef.current.phase === "reading") {
      void (async () => {
        try {
          const info = await api.speechInfo();
          if (!live) return;
          if (info.available) await say(optsRef.current.spoken);
          else
            dispatch({
              type: "speech-end",
              note: `${info.reason ?? "No speech engine found"} — read the question above.`,
            });
        } catch (e) {
          if (live) dispatch({ type: "speech-end", note: `${message(e)} — read the question above.` });
        }
      })();
    }
    return () => {
      live = false;
      mounted.current = false;
      const s = stateRef.current;
      // Leaving the screen must not leave the microphone or the voice running.
      if (s.speaking) void api.stopSpeaking().catch(() => undefined);
      if (s.phase === "recording") void api.cancelAnswer().catch(() => undefined);
    };
  }, [say]);

  // Live events for the whole session; the reducer ignores those that do not fit the phase.
  const stopRef = useRef<() => void>(() => undefined);
  useEffect(() => {
    const subs = [
      on<LevelEvent>(events.answerLevel, (event) => dispatch({ type: "level", event })),
      on<LiveTranscriptEvent>(events.liveTranscript, (event) => dispatch({ type: "transcript", event })),
      on<ProgressEvent>(events.analysisProgress, (event) => dispatch({ type: "progress", event })),
      on<AnswerInterruptedEvent>(events.answerInterrupted, (event) => {
        if (stateRef.current.phase !== "recording") return;
        dispatch({ type: "interrupted", reason: event.reason });
        // stopAnswer keeps what was recorded so far.
        stopRef.current();
      }),
    ];
    return () => {
      for (const p of subs) void p.then((unlisten) => unlisten()).catch(() => undefined);
    };
  }, []);

  const record = useCallback(() => {
    const s = stateRef.current;
    if (s.phase !== "thinking" && s.phase !== "ready") return;
    if (s.speaking) void api.stopSpeaking().catch(() => undefined);
    dispatch({ type: "start" });
    const { cardId, followUp } = optsRef.current;
    api
      .startAnswer(cardId, followUp)
      .then((started) => {
        if (!mounted.current) {
          void api.cancelAnswer().catch(() => undefined);
          return;
        }
        dispatch({ type: "started", started, now: performance.now() });
      })
      .catch((e) => mounted.current && dispatch({ type: "start-failed", message: message(e) }));
  }, []);

  const stop = useCallback(() => {
    if (stateRef.current.phase !== "recording") return;
    dispatch({ type: "stop" });
    api
      .stopAnswer()
      .then((result) => mounted.current && dispatch({ type: "stopped", result }))
      .catch((e) => mounted.current && dispatch({ type: "stop-failed", message: message(e) }));
  }, []);
  stopRef.current = stop;

  const cancel = useCallback(() => {
    const s = stateRef.current;
    if (s.phase !== "recording") {
      if (s.speaking) void api.stopSpeaking().catch(() => undefined);
      return;
    }
    api
      .cancelAnswer()
      .then(() => mounted.current && dispatch({ type: "cancelled" }))
      .catch((e) => mounted.current && dispatch({ type: "cancel-failed", message: message(e) }));
  }, []);

  const toggle = useCallback(() => {
    const phase = stateRef.current.phase;
    if (phase === "recording") stop();
    else record();
  }, [record, stop]);

  const repeatQuestion = useCallback(() => {
    if (stateRef.current.speaking) return;
    void say(optsRef.current.spoken);
  }, [say]);

  const stopSpeaking = useCallback(() => {
    void api.stopSpeaking().catch(() => undefined);
  }, []);

  // Think timer: recording starts by itself at zero.
  useEffect(() => {
    if (state.phase !== "thinking") return;
    let last = performance.now();
    const t = setInterval(() => {
      const now = performance.now();
      dispatch({ type: "think-tick", dt: (now - last) / 1000 });
      last = now;
    }, THINK_TICK_MS);
    return () => clearInterval(t);
  }, [state.phase]);
  useEffect(() => {
    if (state.phase === "thinking" && state.thinkLeft <= 0 && !state.speaking) record();
  }, [state.phase, state.thinkLeft, state.speaking, record]);

  // Recording clock and the time limit.
  useEffect(() => {
    if (state.phase !== "recording") return;
    const t = setInterval(() => dispatch({ type: "tick", now: performance.now() }), CLOCK_TICK_MS);
    return () => clearInterval(t);
  }, [state.phase]);
  const limit = timeLimit(state.target);
  useEffect(() => {
    if (state.phase === "recording" && limit != null && state.elapsed >= limit) stop();
  }, [state.phase, state.elapsed, limit, stop]);

  return { state, record, stop, cancel, toggle, repeatQuestion, stopSpeaking };
}
