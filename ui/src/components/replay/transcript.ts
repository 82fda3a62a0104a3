// Splits a report's transcript into the pieces the replay and compare screens draw: words with
// their findings (filler, hedge, repetition) and long-pause chips between words.
import type { Delivery, TimedItem, Word } from "../../types";

export type WordMark = "filler" | "hedge" | "repetition";

export type Token =
  | { kind: "word"; index: number; word: Word; marks: WordMark[] }
  | { kind: "pause"; start_s: number; length_s: number };

// Findings and words are timed by different passes (findings by the delivery analysis, words by
// Whisper), which can disagree by half a second, so a finding is matched to the words that say its
// text nearest its time; only a finding whose text is nowhere near falls back to time overlap.
const NEAR_S = 1.5;
const SLACK_S = 0.05;

function norm(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}']+/gu, "");
}

/** Indices of the words an item covers. `normed` (the words' norm()) saves recomputing it per item. */
export function wordsOfItem(words: Word[], item: TimedItem, normed: string[] = words.map((w) => norm(w.text))): number[] {
  const wanted = item.text.split(/\s+/).map(norm).filter(Boolean);
  let best: number | null = null;
  let bestGap = NEAR_S;
  if (wanted.length > 0) {
    // Only words starting within NEAR_S of the item can match: find the first by bisection.
    let lo = 0;
    let hi = words.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (words[mid].start_s < item.start_s - NEAR_S) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i + wanted.length <= words.length && words[i].start_s <= item.start_s + NEAR_S; i += 1) {
      const gap = Math.abs(words[i].start_s - item.start_s);
      if (gap < bestGap && wanted.every((w, k) => normed[i + k] === w)) {
        best = i;
        bestGap = gap;
      }
    }
  }
  if (best != null) return wanted.map((_, k) => best! + k);
  const out: number[] = [];
  words.forEach((w, i) => {
    const mid = (w.start_s + w.end_s) / 2;
    if (mid >= item.start_s - SLACK_S && mid <= item.end_s + SLACK_S) out.push(i);
  });
  return out;
}

/** `delivery` is null for an attempt whose analysis failed: the words then carry only their own filler flag. */
export function transcriptTokens(words: Word[], delivery: Delivery | null): Token[] {
  const normed = words.map((w) => norm(w.text));
  const marked = (items: TimedItem[]) => new Set(items.flatMap((item) => wordsOfItem(words, item, normed)));
  const fillers = marked(delivery?.fillers.items ?? []);
  const hedges = marked(delivery?.hedges.items ?? []);
  const repetitions = marked(delivery?.repetitions.items ?? []);
  const pauses = (delivery?.pauses ?? []).filter((p) => p.long).sort((a, b) => a.start_s - b.start_s);

  const out: Token[] = [];
  let p = 0;
  words.forEach((word, index) => {
    // A long pause goes before the first word that starts once it is over.
    while (p < pauses.length && pauses[p].end_s <= word.start_s + SLACK_S) {
      out.push({ kind: "pause", start_s: pauses[p].start_s, length_s: pauses[p].length_s });
      p += 1;
    }
    const marks: WordMark[] = [];
    if (word.filler || fillers.has(index)) marks.push("filler");
    if (hedges.has(index)) marks.push("hedge");
    if (repetitions.has(index)) marks.push("repetition");
    out.push({ kind: "word", index, word, marks });
  });
  for (; p < pauses.length; p += 1) {
    out.push({ kind: "pause", start_s: pauses[p].start_s, length_s: pauses[p].length_s });
  }
  return out;
}
