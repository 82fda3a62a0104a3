// What each stored metric is called, which way is better, and how its value reads to a person.
// Shared by History, Compare and Progress so a number means the same thing on every screen.
import type { MetricKind } from "../../types";

/** The comfortable conversational pace the report uses when a report gives no band of its own. */
export const PACE_BAND: [number, number] = [100, 165];

export type Better = "higher" | "lower" | "band";

export interface MetricMeta {
  label: string;
  unit: string;
  better: Better;
  /** Digits after the decimal point. */
  digits: number;
  /** What the metric is, in one line, for people who do not know the term. */
  explain: string;
}

export const METRICS: Record<string, MetricMeta> = {
  overall_score: { label: "Overall", unit: "/100", better: "higher", digits: 0, explain: "Delivery and content together." },
  delivery_score: { label: "Delivery", unit: "/100", better: "higher", digits: 0, explain: "How you said it: pace, fillers, pauses, length." },
  content_score: { label: "Content", unit: "/100", better: "higher", digits: 0, explain: "What you said: structure, key points, impact." },
  wpm: { label: "Pace", unit: "wpm", better: "band", digits: 0, explain: "Words per minute across the whole answer." },
  articulation_wpm: { label: "Articulation rate", unit: "wpm", better: "band", digits: 0, explain: "Words per minute while actually speaking, pauses left out." },
  fillers_per_min: { label: "Fillers", unit: "per min", better: "lower", digits: 1, explain: "“um”, “uh”, “like”… per minute of answer." },
  long_pauses_per_min: { label: "Long pauses", unit: "per min", better: "lower", digits: 1, explain: "Silences longer than your long-pause setting, per minute." },
  duration_s: { label: "Length", unit: "s", better: "band", digits: 0, explain: "How long the answer took." },
};

export function metricMeta(metric: MetricKind): MetricMeta {
  return METRICS[metric] ?? { label: metric.replace(/_/g, " "), unit: "", better: "higher", digits: 1, explain: "" };
}

/** "148 wpm", "6.6 per min", "79/100", "1:05" for lengths. */
export function formatMetric(metric: MetricKind, value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return "—";
  const meta = metricMeta(metric);
  if (metric === "duration_s") {
    const whole = Math.round(value);
    return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
  }
  const n = value.toFixed(meta.digits);
  return meta.unit === "/100" ? `${n}/100` : `${n} ${meta.unit}`;
}

/** How far a value is outside a band; 0 inside it. */
export function distanceFromBand(value: number, [lo, hi]: [number, number]): number {
  return value < lo ? lo - value : value > hi ? value - hi : 0;
}

/** "inside the comfortable 100–165 wpm band" / "fast: 11 wpm above the 100–165 band". */
export function paceMeaning(wpm: number, band: [number, number] = PACE_BAND): string {
  const [lo, hi] = band;
  if (wpm < lo) return `slow: ${Math.round(lo - wpm)} wpm under the comfortable ${lo}–${hi} band`;
  if (wpm > hi) return `fast: ${Math.round(wpm - hi)} wpm above the comfortable ${lo}–${hi} band`;
  return `inside the comfortable ${lo}–${hi} band`;
}

/** "just now", "5 minutes ago", "yesterday", "3 days ago", "2 months ago". */
export function relativeTime(iso: string, now: Date = new Date()): string {
  const then = new Date(iso);
  const s = (now.getTime() - then.getTime()) / 1000;
  if (!Number.isFinite(s)) return "—";
  if (s < 0) return "just now";
  if (s < 60) return "just now";
  const m = Math.floor(s / 60);
  if (m < 60) return m === 1 ? "a minute ago" : `${m} minutes ago`;
  const h = Math.floor(m / 60);
  if (h < 24) return h === 1 ? "an hour ago" : `${h} hours ago`;
  // Calendar days, not 24-hour blocks: last night at 23:00 is "yesterday" this morning.
  const startOf = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((startOf(now) - startOf(then)) / 86_400_000);
  if (days <= 1) return "yesterday";
  if (days < 7) return `${days} days ago`;
  if (days < 14) return "last week";
  if (days < 31) return `${Math.floor(days / 7)} weeks ago`;
  const months = Math.floor(days / 30.44);
  if (months < 12) return months <= 1 ? "last month" : `${months} months ago`;
  const years = Math.floor(days / 365.25);
  return years <= 1 ? "last year" : `${years} years ago`;
}

/** The exact local date and time, for hover text. */
export function exactTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, { dateStyle: "full", timeStyle: "short" });
}

/** "1 h 05 min", "12 min", "45 s": total practice time. */
export function formatPracticeTime(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return "0 min";
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}
