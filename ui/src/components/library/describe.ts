// Words for numbers on the library screens: target lengths, review suggestions, score changes.
import type { MetricChange, Suggestion } from "../../types";

const DAY_MS = 86_400_000;

function minutes(seconds: number): string {
  const m = Math.round((seconds / 60) * 10) / 10;
  return Number.isInteger(m) ? String(m) : m.toFixed(1);
}

/** "1.5–3 min" for a 90–180 s target; seconds when the answer is under two minutes long. */
export function formatTarget(t: { min_s: number; max_s: number }): string {
  if (t.max_s < 120) return `${t.min_s}–${t.max_s} s`;
  return `${minutes(t.min_s)}–${minutes(t.max_s)} min`;
}

/** Whole calendar days from `from` to `to` in local time (negative when `to` is earlier). */
export function calendarDaysBetween(from: Date, to: Date): number {
  const a = new Date(from.getFullYear(), from.getMonth(), from.getDate()).getTime();
  const b = new Date(to.getFullYear(), to.getMonth(), to.getDate()).getTime();
  return Math.round((b - a) / DAY_MS);
}

function days(n: number): string {
  return n === 1 ? "1 day" : `${n} days`;
}

export function formatScore(score: number): string {
  return String(Math.round(score));
}

/**
 * Why a card is suggested, in words: "last scored 62 — due again today",
 * "last scored 79 — next review in 4 days", "not practised yet".
 */
export function describeSuggestion(s: Suggestion, now: Date = new Date()): string {
  const scored = s.last_score !== null ? `last scored ${formatScore(s.last_score)}` : null;
  if (s.kind === "new" || s.attempts === 0) return "not practised yet";
  let when: string;
  if (!s.due_at) {
    when = s.kind === "due" ? "due again today" : "review later";
  } else {
    const d = calendarDaysBetween(now, new Date(s.due_at));
    if (d <= 0 && s.kind !== "upcoming") {
      when = d === 0 ? "due again today" : `due again since ${days(-d)} ago`;
    } else if (d <= 0) {
      when = "due again today";
    } else if (d === 1) {
      when = "next review tomorrow";
    } else {
      when = `next review in ${days(d)}`;
    }
  }
  return scored ? `${scored} — ${when}` : when;
}

/** "2 attempts", "1 attempt". */
export function attemptsLabel(n: number): string {
  return n === 1 ? "1 attempt" : `${n} attempts`;
}

/** How the overall score moved since the previous attempt, or null for the first attempt. */
export function overallChange(changes: MetricChange[]): { text: string; improved: boolean | null } | null {
  const c = changes.find((m) => m.metric === "overall_score");
  if (!c) return null;
  const delta = Math.round(c.delta);
  if (delta === 0) return { text: "same as last time", improved: null };
  const text = delta > 0 ? `+${delta} since last time` : `−${Math.abs(delta)} since last time`;
  return { text, improved: c.improved ?? delta > 0 };
}
