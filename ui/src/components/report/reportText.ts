// Words for the numbers of a report: every number shown with what it means.
import type { ContentReport, Delivery, StarPart } from "../../types";

export const STAR_PARTS: StarPart[] = ["situation", "task", "action", "result", "lesson"];

export const STAR_NAMES: Record<StarPart, string> = {
  situation: "Situation",
  task: "Task",
  action: "Action",
  result: "Result",
  lesson: "Lesson",
};

/** What each STAR part should hold, for legends and tooltips. */
export const STAR_HINTS: Record<StarPart, string> = {
  situation: "the context, briefly",
  task: "what you had to achieve",
  action: "what you did, step by step",
  result: "the outcome, in numbers if you can",
  lesson: "what you learned and now do differently",
};

export function isStarPart(label: string | null | undefined): label is StarPart {
  return label != null && (STAR_PARTS as string[]).includes(label);
}

/** mm:ss, e.g. 65.4 → "01:05". */
export function clock(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "--:--";
  const whole = Math.floor(seconds);
  const m = Math.floor(whole / 60);
  const s = whole % 60;
  return `${m.toString().padStart(2, "0")}:${s.toString().padStart(2, "0")}`;
}

/** "1.8 s" for short spans, "2:05" past a minute. */
export function seconds(s: number): string {
  if (!Number.isFinite(s)) return "—";
  if (s < 60) return `${s.toFixed(1)} s`;
  const whole = Math.round(s);
  return `${Math.floor(whole / 60)}:${(whole % 60).toString().padStart(2, "0")}`;
}

/** Whole seconds or minutes for target windows: 90 → "1:30", 45 → "45 s". */
export function span(s: number): string {
  if (s < 60) return `${Math.round(s)} s`;
  const whole = Math.round(s);
  return `${Math.floor(whole / 60)}:${(whole % 60).toString().padStart(2, "0")}`;
}

/** "90–180 s": the same words the library's tips use. */
export function targetWindow(t: { min_s: number; max_s: number }): string {
  return `${Math.round(t.min_s)}–${Math.round(t.max_s)} s`;
}

export function percent(share: number): string {
  // A no-break space keeps "71 %" on one line.
  return `${Math.round(share * 100)}\u00a0%`;
}

/** "176 wpm — above the comfortable 100–165 band". */
export function paceSentence(wpm: number, band: [number, number]): string {
  const n = Math.round(wpm);
  const [lo, hi] = band.map(Math.round);
  const where = wpm > band[1] ? "above" : wpm < band[0] ? "below" : "inside";
  return `${n} wpm — ${where} the comfortable ${lo}–${hi} band`;
}

/** A word for a 0–100 score. */
export function scoreBand(score: number): string {
  if (score >= 85) return "Strong";
  if (score >= 70) return "Good";
  if (score >= 50) return "Getting there";
  return "Needs work";
}

/** The CSS tone of a score: ok / warn / low (never the only signal: the number and word show too). */
export function scoreTone(score: number): "ok" | "warn" | "low" {
  if (score >= 70) return "ok";
  if (score >= 50) return "warn";
  return "low";
}

const METRIC_NAMES: Record<string, string> = {
  pace: "pace",
  fillers: "fillers",
  pauses: "pauses",
  hedges: "hedging",
  repetitions: "repetitions",
  length: "length",
  pitch: "pitch variation",
  energy: "energy",
};

/** One line: the band and where the most points are to be won, e.g. "Getting there — most to gain: fillers (6.6 per minute against ≤ 2)". */
export function deliveryVerdict(d: Delivery): string {
  if (!d.speech_found) return "No speech was found in the recording";
  const band = scoreBand(d.score.score);
  const worst = [...d.score.breakdown]
    .filter((p) => p.score < 100)
    .sort((a, b) => b.weight * (100 - b.score) - a.weight * (100 - a.score))[0];
  if (!worst) return `${band} — nothing to fix in delivery`;
  const name = METRIC_NAMES[worst.metric] ?? worst.metric;
  return `${band} — most to gain: ${name} (${worst.detail})`;
}

export function contentVerdict(c: ContentReport | null): string {
  if (!c) return "No question card, so content is not scored";
  const band = scoreBand(c.score);
  const worst = [...c.breakdown]
    .filter((p) => p.points < p.max)
    .sort((a, b) => b.max - b.points - (a.max - a.points))[0];
  if (!worst) return `${band} — every part of the answer is there`;
  return `${band} — most to gain: ${worst.label.toLowerCase()} (${worst.detail})`;
}

/** Ownership in words: "5 actions with “I”, 2 with “we” — 71 % yours". */
export function ownershipSentence(o: ContentReport["ownership"]): string {
  const total = o.i_actions + o.we_actions;
  if (total === 0) return "No actions with “I” or “we” were found: say who did what.";
  const share = o.i_share ?? o.i_actions / total;
  const base = `${o.i_actions} action${o.i_actions === 1 ? "" : "s"} with “I”, ${o.we_actions} with “we” — ${percent(share)} clearly yours`;
  return share >= 0.6 ? `${base}. Good: the interviewer hears what you did.` : `${base}. Say “I” for the steps you took yourself.`;
}

/** "Action 46 % of the answer; aim for about half" style advice for the STAR bar. */
export function actionShareAdvice(shares: Record<StarPart, number>): string {
  const a = shares.action ?? 0;
  const pct = percent(a);
  if (a < 0.35) return `Your Action part was ${pct} of the answer; aim for about half.`;
  if (a > 0.7) return `Your Action part was ${pct} of the answer; leave room for the result and the lesson.`;
  return `Your Action part was ${pct} of the answer — about right (aim for roughly half).`;
}

/** "27 s — under the 1:30–3:00 min target". */
export function lengthSentence(duration: number, target: { min_s: number; max_s: number } | null): string {
  const d = seconds(duration);
  if (!target) return `${d} — no target length for this answer`;
  const where = duration < target.min_s ? "under" : duration > target.max_s ? "over" : "inside";
  return `${d} — ${where} the ${targetWindow(target)} target`;
}

const ABOUT: Record<string, string> = {
  fillers: "Fillers",
  length: "Length",
  pace: "Pace",
  pauses: "Pauses",
  hedges: "Hedging",
  repetitions: "Repetitions",
  pitch: "Pitch",
  energy: "Energy",
  key_point: "Key point",
  mistake: "Common mistake",
};

/** A tip's subject in words: "pace" → "Pace", "key_point:symptom-impact" → "Key point". */
export function aboutName(about: string): string {
  const kind = about.split(":")[0];
  return ABOUT[kind] ?? kind.charAt(0).toUpperCase() + kind.slice(1).replace(/[_-]/g, " ");
}
