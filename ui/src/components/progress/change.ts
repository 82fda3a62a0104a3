// Whether a metric got better or worse between two answers, and how to say it.
import { distanceFromBand, metricMeta, PACE_BAND } from "./metrics";

export type Verdict = "better" | "worse" | "same" | "changed";

export interface Change {
  delta: number;
  arrow: "↑" | "↓" | "→";
  verdict: Verdict;
  /** "+12", "−0.8": the signed change at the metric's display precision. */
  signed: string;
  /** Why it counts as better or worse, when that is not obvious ("closer to the 100–165 band"). */
  why: string | null;
}

interface BandOpts {
  /** The pace band (wpm) or target length window (s) for "band" metrics. */
  band?: [number, number] | null;
}

export function signedNumber(delta: number, digits: number): string {
  const rounded = Number(delta.toFixed(digits));
  if (rounded === 0) return (0).toFixed(digits);
  // A real minus sign reads better than a hyphen next to numbers.
  return `${rounded > 0 ? "+" : "−"}${Math.abs(rounded).toFixed(digits)}`;
}

export function metricChange(metric: string, before: number, after: number, opts: BandOpts = {}): Change {
  const meta = metricMeta(metric);
  const delta = after - before;
  // Differences that vanish at display precision are "no change": 66 vs 66.2 both show as 66.
  const eps = 0.5 * 10 ** -meta.digits;
  const moved = Math.abs(delta) >= eps;
  const arrow = !moved ? "→" : delta > 0 ? "↑" : "↓";
  const signed = signedNumber(delta, meta.digits);

  if (!moved) return { delta, arrow, verdict: "same", signed, why: null };
  if (meta.better === "higher") return { delta, arrow, verdict: delta > 0 ? "better" : "worse", signed, why: null };
  if (meta.better === "lower") return { delta, arrow, verdict: delta < 0 ? "better" : "worse", signed, why: null };

  const band = opts.band ?? (metric === "wpm" ? PACE_BAND : null);
  if (!band) return { delta, arrow, verdict: "changed", signed, why: null };
  const [lo, hi] = band;
  const range = `${lo}–${hi}${metric === "duration_s" ? " s target" : " wpm band"}`;
  const d0 = distanceFromBand(before, band);
  const d1 = distanceFromBand(after, band);
  if (d0 === 0 && d1 === 0) return { delta, arrow, verdict: "same", signed, why: `both inside the ${range}` };
  if (Math.abs(d1 - d0) < eps) return { delta, arrow, verdict: "changed", signed, why: `as far from the ${range}` };
  return d1 < d0
    ? { delta, arrow, verdict: "better", signed, why: d1 === 0 ? `now inside the ${range}` : `closer to the ${range}` }
    : { delta, arrow, verdict: "worse", signed, why: d0 === 0 ? `now outside the ${range}` : `further from the ${range}` };
}

/** "better", "worse", "no change", "changed": the word shown next to the arrow. */
export function verdictWord(v: Verdict): string {
  return v === "same" ? "no change" : v;
}
