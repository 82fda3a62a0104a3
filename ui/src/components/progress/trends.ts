// Turning the store's per-day and per-week means into what a trend chart draws and says.
import type { MetricKind, ProgressView, TrendPoint } from "../../types";
import { metricChange, verdictWord } from "./change";
import { formatMetric, metricMeta, PACE_BAND, paceMeaning } from "./metrics";

export type Period = "day" | "week";

/** The charts the Progress screen draws, in reading order. */
export const TREND_METRICS: MetricKind[] = [
  "wpm",
  "fillers_per_min",
  "long_pauses_per_min",
  "delivery_score",
  "content_score",
  "overall_score",
];

export function seriesFor(view: ProgressView, metric: MetricKind, period: Period): TrendPoint[] {
  const trend = view.progress.trends.find((t) => t.metric === metric);
  const points = (period === "day" ? trend?.by_day : trend?.by_week) ?? [];
  return [...points].sort((a, b) => a.start.localeCompare(b.start));
}

/** "2026-11-28" as a local calendar date (not UTC midnight, which is the day before in the Americas). */
export function parseDay(day: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(y, (m ?? 1) - 1, d ?? 1);
}

/** Axis label: "28 Nov", or "wk of 23 Nov" for weeks. */
export function periodLabel(start: string, period: Period): string {
  const text = parseDay(start).toLocaleDateString(undefined, { day: "numeric", month: "short" });
  return period === "week" ? `wk of ${text}` : text;
}

/** Tooltip title: "Sat, 28 Nov 2026", or "Week of 23 Nov 2026". */
export function periodTitle(start: string, period: Period): string {
  const d = parseDay(start);
  return period === "week"
    ? `Week of ${d.toLocaleDateString(undefined, { day: "numeric", month: "short", year: "numeric" })}`
    : d.toLocaleDateString(undefined, { weekday: "short", day: "numeric", month: "short", year: "numeric" });
}

/** Tooltip lines for one point: its mean, how many answers it averages, and their range. */
export function pointLines(metric: MetricKind, p: TrendPoint): string[] {
  const lines = [`${formatMetric(metric, p.mean)}${p.count > 1 ? " on average" : ""}`];
  lines.push(p.count === 1 ? "from 1 answer" : `from ${p.count} answers (${formatMetric(metric, p.min)} to ${formatMetric(metric, p.max)})`);
  return lines;
}

/** The shaded target band, if the metric has one. */
export function targetBand(metric: MetricKind): [number, number] | null {
  return metric === "wpm" ? PACE_BAND : null;
}

/** Y axis bounds that keep the band visible and scores on their 0–100 scale. */
export function yBounds(metric: MetricKind, points: TrendPoint[]): { min: number; max: number } {
  const meta = metricMeta(metric);
  if (meta.unit === "/100") return { min: 0, max: 100 };
  const lows = points.map((p) => p.min);
  const highs = points.map((p) => p.max);
  if (metric === "wpm") {
    const lo = Math.min(80, ...lows.map((v) => Math.floor((v - 10) / 10) * 10));
    const hi = Math.max(190, ...highs.map((v) => Math.ceil((v + 10) / 10) * 10));
    return { min: Math.max(0, lo), max: hi };
  }
  const top = Math.max(0, ...highs);
  // Per-minute rates: start at zero and leave headroom so a single point is not on the edge.
  return { min: 0, max: top <= 0 ? 2 : Math.ceil(top * 1.25 * 2) / 2 };
}

/**
 * One line saying where the metric stands and where it is heading:
 * "Latest 176 wpm — fast: 11 wpm above the comfortable 100–165 band. ↓ −12 wpm since 3 Nov: better."
 */
export function trendSummary(metric: MetricKind, points: TrendPoint[], period: Period): string {
  if (points.length === 0) return "No answers in this range yet.";
  const last = points[points.length - 1];
  let text = `Latest ${formatMetric(metric, last.mean)}`;
  if (metric === "wpm") text += ` — ${paceMeaning(last.mean)}`;
  text += ".";
  if (points.length > 1) {
    const first = points[0];
    const c = metricChange(metric, first.mean, last.mean);
    const unit = metricMeta(metric).unit === "/100" ? " points" : ` ${metricMeta(metric).unit}`;
    const since = period === "week" ? `the week of ${periodLabel(first.start, "day")}` : periodLabel(first.start, "day");
    text += ` ${c.arrow} ${c.signed}${unit} since ${since}: ${verdictWord(c.verdict)}${c.why ? ` (${c.why})` : ""}.`;
  }
  return text;
}
