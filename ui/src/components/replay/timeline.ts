// What the replay waveform marks and how the transcript follows playback. Pure functions so the
// parts that can go wrong (merging STAR sentences, finding the spoken word) are tested without a
// browser audio stack.
import type { Report, StarPart, Word } from "../../types";

export type FindingKind = "filler" | "pause" | "hedge" | "repetition";
export type RegionKind = FindingKind | StarPart;

export interface ReplayRegion {
  id: string;
  kind: RegionKind;
  start: number;
  end: number;
  /** Short text for the region's tooltip and screen readers. */
  label: string;
  /** What is written on the region itself, so the waveform does not rely on colour alone. */
  mark: string;
}

export const STAR_PARTS: StarPart[] = ["situation", "task", "action", "result", "lesson"];

/** Legend text; the same words the report uses. */
export const KIND_LABEL: Record<RegionKind, string> = {
  filler: "Filler",
  pause: "Long pause",
  hedge: "Hedge",
  repetition: "Repetition",
  situation: "Situation",
  task: "Task",
  action: "Action",
  result: "Result",
  lesson: "Lesson",
};

/** The CSS variable holding each kind's colour (styles.css). */
export const KIND_COLOUR_VAR: Record<RegionKind, string> = {
  filler: "--filler",
  pause: "--pause",
  hedge: "--hedge",
  repetition: "--repetition",
  situation: "--star-situation",
  task: "--star-task",
  action: "--star-action",
  result: "--star-result",
  lesson: "--star-lesson",
};

export function isStarPart(kind: string): kind is StarPart {
  return (STAR_PARTS as string[]).includes(kind);
}

/** Delivery findings (fillers, long pauses, hedges, repetitions) as timed regions. */
export function findingRegions(report: Report): ReplayRegion[] {
  const d = report.delivery;
  const out: ReplayRegion[] = [];
  d.fillers.items.forEach((f, i) =>
    out.push({
      id: `filler-${i}`,
      kind: "filler",
      start: f.start_s,
      end: f.end_s,
      label: `Filler “${f.text}”`,
      mark: f.text,
    }),
  );
  d.pauses
    .filter((p) => p.long)
    .forEach((p, i) =>
      out.push({
        id: `pause-${i}`,
        kind: "pause",
        start: p.start_s,
        end: p.end_s,
        label: `Long pause, ${p.length_s.toFixed(1)} s${p.mid_sentence ? " mid-sentence" : ""}`,
        mark: "⏸",
      }),
    );
  d.hedges.items.forEach((h, i) =>
    out.push({
      id: `hedge-${i}`,
      kind: "hedge",
      start: h.start_s,
      end: h.end_s,
      label: `Hedge “${h.text}”`,
      mark: h.text,
    }),
  );
  d.repetitions.items.forEach((r, i) =>
    out.push({
      id: `repetition-${i}`,
      kind: "repetition",
      start: r.start_s,
      end: r.end_s,
      label: `Repetition “${r.text}”`,
      mark: "↻",
    }),
  );
  return out.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start);
}

/**
 * STAR sections: consecutive sentences with the same label become one section, so five Action
 * sentences in a row read as one Action block rather than five slivers. Unlabelled ("other")
 * sentences and sentences without timing break a run.
 */
export function starRegions(report: Report): ReplayRegion[] {
  const out: ReplayRegion[] = [];
  let run: ReplayRegion | null = null;
  for (const s of report.content?.sentences ?? []) {
    const timed = s.start_s != null && s.end_s != null && s.end_s > s.start_s;
    if (!timed || !isStarPart(s.label)) {
      run = null;
      continue;
    }
    if (run && run.kind === s.label) {
      run.end = Math.max(run.end, s.end_s!);
      continue;
    }
    run = {
      id: `star-${out.length}`,
      kind: s.label,
      start: s.start_s!,
      end: s.end_s!,
      label: `${KIND_LABEL[s.label]} section`,
      mark: KIND_LABEL[s.label][0],
    };
    out.push(run);
  }
  return out;
}

/**
 * Index of the word being spoken at `t`: the last word that has started, as long as we are not
 * past its end by more than `hold` seconds (so the highlight stays on a word through a short gap
 * but leaves it during a long pause). -1 before the first word or inside a long gap.
 */
export function wordAt(words: Word[], t: number, hold = 0.35): number {
  let lo = 0;
  let hi = words.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (words[mid].start_s <= t) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (found < 0) return -1;
  return t <= words[found].end_s + hold ? found : -1;
}

/** "12.3 / 45.0 s": the position with its total, one decimal. */
export function formatPosition(t: number, duration: number): string {
  const safe = (x: number) => (Number.isFinite(x) && x > 0 ? x : 0);
  return `${safe(t).toFixed(1)} / ${safe(duration).toFixed(1)} s`;
}

/** Where a skip of `delta` seconds lands, kept inside the recording. */
export function skipTarget(t: number, delta: number, duration: number): number {
  return Math.min(Math.max(0, t + delta), Math.max(0, duration));
}

/** Keys the replay screen answers; null for keys it leaves alone. */
export type ReplayKeyAction = "toggle" | "back" | "forward" | "note";

export function replayKeyAction(e: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: EventTarget | null;
}): ReplayKeyAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const el = e.target as HTMLElement | null;
  const tag = el?.tagName?.toLowerCase();
  // Typing a note or using a form control must never start playback or jump.
  if (tag === "input" || tag === "textarea" || tag === "select" || el?.isContentEditable) return null;
  switch (e.key) {
    case " ":
    case "Spacebar":
      // A focused button answers Space itself; taking it here too would toggle twice.
      return tag === "button" ? null : "toggle";
    case "ArrowLeft":
      return "back";
    case "ArrowRight":
      return "forward";
    case "m":
    case "M":
    case "n":
    case "N":
      return "note";
    default:
      return null;
  }
}

/** "1:02.3": a moment in the recording, to a tenth of a second. */
export function formatClock(t: number): string {
  const safe = Number.isFinite(t) && t > 0 ? t : 0;
  const tenths = Math.round(safe * 10);
  const m = Math.floor(tenths / 600);
  const s = (tenths % 600) / 10;
  return `${m}:${s.toFixed(1).padStart(4, "0")}`;
}
