import fixture from "../../fixtures/report.json";
import type { AnswerResult } from "../../api";
import type { Report } from "../../types";
import {
  DISCARDED,
  initialSession,
  isClipping,
  limitWarning,
  meterPercent,
  sessionReducer,
  timeLimit,
  timerGeometry,
  timerStatus,
  type SessionAction,
  type SessionState,
} from "./practiceMachine";

const result: AnswerResult = { attempt_id: 7, report: fixture as unknown as Report, stop_to_report_ms: 800 };
const started = { type: "started", started: { attempt_id: 7, device: "USB mic", target: { min_s: 90, max_s: 180 } }, now: 1000 } as const;

function run(s: SessionState, ...actions: SessionAction[]): SessionState {
  return actions.reduce(sessionReducer, s);
}

describe("the practice state machine", () => {
  it("reads, thinks, records, analyses and reports", () => {
    let s = initialSession(20, true);
    expect(s.phase).toBe("reading");
    s = run(s, { type: "speech-start" }, { type: "speech-end" });
    expect(s.phase).toBe("thinking");
    s = run(s, { type: "think-tick", dt: 5 });
    expect(s.thinkLeft).toBe(15);
    s = run(s, { type: "start" });
    expect(s.phase).toBe("starting");
    s = run(s, started, { type: "tick", now: 31_500 });
    expect(s).toMatchObject({ phase: "recording", device: "USB mic", elapsed: 30.5 });
    s = run(s, { type: "transcript", event: { text: "So I", words: [], covered_s: 1 } });
    expect(s.live).toBe("So I");
    s = run(s, { type: "stop" }, { type: "progress", event: { stage: "transcribe", done: 3, total: 10 } });
    expect(s.phase).toBe("analysing");
    expect(s.analysis?.done).toBe(3);
    s = run(s, { type: "stopped", result });
    expect(s.phase).toBe("done");
    expect(s.result?.attempt_id).toBe(7);
  });

  it("goes straight to ready without speech or think time", () => {
    expect(initialSession(0, false).phase).toBe("ready");
    expect(initialSession(10, false).phase).toBe("thinking");
    expect(run(initialSession(0, true), { type: "speech-end", note: "No speech engine" })).toMatchObject({
      phase: "ready",
      speechNote: "No speech engine",
    });
  });

  it("does not start before the question has been read", () => {
    const s = run(initialSession(0, true), { type: "speech-start" }, { type: "start" });
    expect(s.phase).toBe("reading");
  });

  it("pauses the think timer while the question is repeated", () => {
    let s = run(initialSession(10, false), { type: "speech-start" }, { type: "think-tick", dt: 3 });
    expect(s.thinkLeft).toBe(10);
    s = run(s, { type: "speech-end" }, { type: "think-tick", dt: 3 }, { type: "think-tick", dt: 30 });
    expect(s.thinkLeft).toBe(0);
    expect(s.phase).toBe("thinking");
  });

  it("keeps the screen usable when the microphone cannot open", () => {
    const s = run(initialSession(0, false), { type: "start" }, { type: "start-failed", message: "No microphone found" });
    expect(s).toMatchObject({ phase: "ready", error: "No microphone found" });
    // Trying again clears the error.
    expect(run(s, { type: "start" })).toMatchObject({ phase: "starting", error: null });
  });

  it("discards a cancelled answer and says so", () => {
    const s = run(initialSession(0, false), { type: "start" }, started, { type: "transcript", event: { text: "hello", words: [], covered_s: 1 } }, { type: "cancelled" });
    expect(s).toMatchObject({ phase: "ready", notice: DISCARDED, live: "" });
  });

  it("ignores events that arrive in the wrong phase", () => {
    const level = { type: "level", event: { rms_db: -20, peak_db: -6, clipped: false, elapsed_s: 1 } } as const;
    expect(run(initialSession(0, false), level).level).toBeNull();
    const done = run(initialSession(0, false), { type: "start" }, started, { type: "stop" }, { type: "stopped", result });
    const after = run(done, level, { type: "transcript", event: { text: "late", words: [], covered_s: 1 } }, { type: "stop-failed", message: "x" });
    expect(after).toEqual(done);
    // A stop while analysing is not a second stop.
    const analysing = run(initialSession(0, false), { type: "start" }, started, { type: "stop" });
    expect(run(analysing, { type: "stop" })).toBe(analysing);
  });

  it("reports an analysis failure and returns to ready", () => {
    const s = run(initialSession(0, false), { type: "start" }, started, { type: "stop" }, { type: "stop-failed", message: "The model file is missing" });
    expect(s).toMatchObject({ phase: "ready", error: "The model file is missing" });
  });

  it("holds the clipping warning for a moment on the recording's clock", () => {
    const lvl = (elapsed_s: number, clipped: boolean): SessionAction => ({
      type: "level",
      event: { rms_db: -3, peak_db: 0, clipped, elapsed_s },
    });
    let s = run(initialSession(0, false), { type: "start" }, started, lvl(10, true));
    expect(isClipping(s)).toBe(true);
    s = run(s, lvl(11, false));
    expect(isClipping(s)).toBe(true);
    s = run(s, lvl(11.6, false));
    expect(isClipping(s)).toBe(false);
  });
});

describe("timing helpers", () => {
  it("stops at 1.5 × the target's upper end and warns in the last 15 s", () => {
    const target = { min_s: 90, max_s: 180 };
    expect(timeLimit(target)).toBe(270);
    expect(timeLimit(null)).toBeNull();
    expect(limitWarning(254, 270)).toBeNull();
    expect(limitWarning(255, 270)).toBe(15);
    expect(limitWarning(268.2, 270)).toBe(2);
    expect(limitWarning(300, null)).toBeNull();
  });

  it("maps levels to the meter", () => {
    expect(meterPercent(-60)).toBe(0);
    expect(meterPercent(-90)).toBe(0);
    expect(meterPercent(-30)).toBe(50);
    expect(meterPercent(3)).toBe(100);
    expect(meterPercent(-Infinity)).toBe(0);
  });

  it("draws the target band on the bar up to the limit", () => {
    const g = timerGeometry(135, { min_s: 90, max_s: 180 });
    expect(g.scale).toBe(270);
    expect(g.bandFrom).toBeCloseTo(33.33, 1);
    expect(g.bandTo).toBeCloseTo(66.67, 1);
    expect(g.at).toBeCloseTo(50, 5);
    // Without a target the bar grows in minutes.
    expect(timerGeometry(200, null).scale).toBe(240);
  });

  it("says where the answer stands", () => {
    const t = { min_s: 90, max_s: 180 };
    expect(timerStatus(60, t)).toBe("30 s to the target window");
    expect(timerStatus(120, t)).toBe("inside the target window");
    expect(timerStatus(200, t)).toBe("20 s over the target — time to wrap up");
  });
});
