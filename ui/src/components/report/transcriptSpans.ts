// Splits a report's transcript into runs of words for display: each word knows whether it is a
// filler, hedge or repetition, long pauses sit between the words they separate, fillers heard
// only in the audio are inserted where they happened, and each run belongs to one sentence (with
// its STAR label).
//
// The delivery items carry canonical labels ("um" for "Ummm,") and times taken from a refined
// alignment, so they can sit a few hundred milliseconds away from the word timings. Items are
// therefore matched to words by text first and time second, never by time overlap alone.
import type { Pause, Report, Sentence, TimedItem, Word } from "../../types";

export type Mark = "filler" | "hedge" | "repetition";

export interface WordToken {
  kind: "word";
  /** Index into transcript.words (or into the whitespace split of the text without words). */
  index: number;
  text: string;
  start_s: number | null;
  end_s: number | null;
  marks: Mark[];
  /** The recogniser itself marked the word as a filled pause. */
  flagged: boolean;
}

export interface PauseToken {
  kind: "pause";
  start_s: number;
  end_s: number;
  length_s: number;
  mid_sentence: boolean;
}

/** A filler the audio analysis heard where the transcript has no word. */
export interface HeardToken {
  kind: "heard";
  text: string;
  start_s: number;
  end_s: number;
}

export type Token = WordToken | PauseToken | HeardToken;

export interface Run {
  /** Index of the content sentence, null for words between sentences (e.g. a lone "Uh,"). */
  sentence: number | null;
  label: string | null;
  tokens: Token[];
}

/** How far (seconds) an item's time may be from the words it names. */
const MATCH_WINDOW_S = 3;
/** Longest run of transcript words one item may span (fillers skipped inside it included). */
const MAX_SPAN_WORDS = 10;
const FILLED_PAUSE_LABELS = new Set(["um", "uh", "er", "ah", "hmm", "mm"]);

/** Lower-case letters and digits only: "Don’t," and "dont" compare equal. */
export function squash(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}

/** The canonical spelling of a filled pause, mirroring the library: "Ummm" → "um", "eh" → "uh". */
export function filledPauseLabel(word: string): string | null {
  let collapsed = "";
  for (const c of squash(word)) if (!collapsed.endsWith(c)) collapsed += c;
  switch (collapsed) {
    case "um":
    case "uhm":
      return "um";
    case "er":
    case "erm":
      return "er";
    case "ah":
      return "ah";
    case "hm":
    case "hmm":
      return "hmm";
    case "m":
    case "mhm":
      return "mm";
    case "uh":
    case "eh":
      return "uh";
    default:
      return null;
  }
}

function mid(a: number | null, b: number | null): number | null {
  if (a == null || b == null) return null;
  return (a + b) / 2;
}

/**
 * Marks the words each item names. A candidate is a run of words whose letters equal the
 * item's letters (skipping `skippable` words inside it, e.g. "I, um, I" for the repetition
 * "i i"); the candidate nearest the item's time wins. Returns the items no words were found for.
 */
export function markItems<T extends TimedItem>(
  words: WordToken[],
  items: T[],
  mark: Mark,
  skippable: (w: WordToken) => boolean = () => false,
): T[] {
  const unmatched: T[] = [];
  const claimed = new Set<number>();
  for (const item of items) {
    const target = squash(item.text);
    const itemMid = (item.start_s + item.end_s) / 2;
    const filled = mark === "filler" && FILLED_PAUSE_LABELS.has(target);
    let best: { picked: number[]; distance: number } | null = null;
    for (let i = 0; i < words.length; i++) {
      if (claimed.has(i) || skippable(words[i])) continue;
      const picked: number[] = [];
      let acc = "";
      for (let j = i; j < words.length && j - i < MAX_SPAN_WORDS; j++) {
        if (j > i && skippable(words[j])) continue;
        if (claimed.has(j)) break;
        acc += squash(words[j].text);
        picked.push(j);
        if (!target.startsWith(acc)) break;
        if (acc === target) break;
      }
      let ok = acc === target && target !== "";
      if (!ok && filled && picked.length > 0) {
        // "Ummm," is labelled "um"; a word the recogniser flagged as a filler is "uh".
        const w = words[i];
        const label = filledPauseLabel(w.text) ?? (w.flagged ? "uh" : null);
        ok = label === target;
        if (ok) picked.splice(1);
      }
      if (!ok) continue;
      const first = words[picked[0]];
      const last = words[picked[picked.length - 1]];
      const m = mid(first.start_s, last.end_s);
      // Without word times, text order decides: the first free match wins.
      const distance = m == null ? 0 : Math.abs(m - itemMid);
      if (distance > MATCH_WINDOW_S) continue;
      if (!best || distance < best.distance) best = { picked, distance };
      if (distance === 0) break;
    }
    if (!best) {
      unmatched.push(item);
      continue;
    }
    for (const k of best.picked) {
      claimed.add(k);
      if (!words[k].marks.includes(mark)) words[k].marks.push(mark);
    }
  }
  return unmatched;
}

/**
 * The code-point offset in `text` of each word (the library's sentence offsets count Unicode
 * scalar values, not UTF-16 units). Null for a word the text does not contain in order.
 */
export function wordOffsets(text: string, words: { text: string }[]): (number | null)[] {
  const chars = Array.from(text);
  const joined = chars.join("");
  // Map UTF-16 index → code-point index.
  const cpAt: number[] = [];
  let u = 0;
  chars.forEach((c, k) => {
    for (let n = 0; n < c.length; n++) cpAt[u + n] = k;
    u += c.length;
  });
  cpAt[u] = chars.length;
  let cursor = 0;
  return words.map((w) => {
    const t = w.text.trim();
    if (!t) return null;
    const at = joined.indexOf(t, cursor);
    if (at < 0) return null;
    cursor = at + t.length;
    return cpAt[at];
  });
}

function sentenceFor(
  sentences: Sentence[],
  offset: number | null,
  w: WordToken,
): Sentence | null {
  if (offset != null) {
    const s = sentences.find((s) => offset >= s.start && offset < s.end);
    if (s) return s;
    return null;
  }
  const m = mid(w.start_s, w.end_s);
  if (m == null) return null;
  return sentences.find((s) => s.start_s != null && s.end_s != null && m >= s.start_s && m <= s.end_s) ?? null;
}

/** Index of the word before which something at time `t` belongs. */
function insertionIndex(words: WordToken[], t: number): number {
  const k = words.findIndex((w) => w.start_s != null && w.start_s >= t);
  return k < 0 ? words.length : k;
}

/**
 * The word boundary (index of the word after it) for a pause: the silent gap between words it
 * overlaps most, else the gap nearest to it. Overlap first, because recogniser timings squash
 * some gaps to nothing ("three" 9.94–10.42, "weeks." 10.42–10.47) right next to the real one.
 */
function pauseBoundary(words: WordToken[], pause: Pause): number | null {
  const pm = (pause.start_s + pause.end_s) / 2;
  let best: number | null = null;
  let bestOverlap = 0;
  let bestD = Infinity;
  for (let b = 1; b < words.length; b++) {
    const a = words[b - 1].end_s;
    const z = words[b].start_s;
    if (a == null || z == null) continue;
    const lo = Math.min(a, z);
    const hi = Math.max(a, z);
    const overlap = Math.max(0, Math.min(hi, pause.end_s) - Math.max(lo, pause.start_s));
    const d = Math.abs((lo + hi) / 2 - pm);
    if (overlap > bestOverlap || (overlap === bestOverlap && d < bestD)) {
      bestOverlap = overlap;
      bestD = d;
      best = b;
    }
  }
  return best;
}

function tokensOf(words: Word[], text: string): WordToken[] {
  if (words.length > 0) {
    return words.map((w, index) => ({
      kind: "word",
      index,
      text: w.text.trim(),
      start_s: w.start_s,
      end_s: w.end_s,
      marks: [],
      flagged: w.filler,
    }));
  }
  // A typed answer or an old attempt without word times: the text alone.
  return text
    .split(/\s+/)
    .filter(Boolean)
    .map((t, index) => ({
      kind: "word",
      index,
      text: t,
      start_s: null,
      end_s: null,
      marks: [],
      flagged: false,
    }));
}

/** The transcript as runs of tokens, one run per sentence (see the module comment). */
export function segmentTranscript(report: Report): Run[] {
  const { transcript, delivery, content } = report;
  const words = tokensOf(transcript.words, transcript.text);
  // Only the analysis's items count (the user may ignore some fillers); fillers heard in the
  // audio have no word, so they are shown where they happened instead.
  const fillers = delivery.fillers.items;
  markItems(words, fillers.filter((f) => f.source !== "audio"), "filler");
  const heard = fillers.filter((f) => f.source === "audio");
  const isFiller = (w: WordToken) => w.marks.includes("filler");
  markItems(words, delivery.hedges.items, "hedge", isFiller);
  markItems(words, delivery.repetitions.items, "repetition", isFiller);

  // Things placed between words, keyed by the index of the word they precede.
  const before = new Map<number, (PauseToken | HeardToken)[]>();
  const put = (k: number, t: PauseToken | HeardToken) => before.set(k, [...(before.get(k) ?? []), t]);
  for (const p of delivery.pauses) {
    if (!p.long) continue;
    const b = pauseBoundary(words, p);
    if (b != null) put(b, { kind: "pause", ...p });
  }
  for (const f of heard) {
    put(insertionIndex(words, (f.start_s + f.end_s) / 2), {
      kind: "heard",
      text: f.text,
      start_s: f.start_s,
      end_s: f.end_s,
    });
  }
  for (const list of before.values()) list.sort((a, b) => a.start_s - b.start_s);

  const sentences = content?.sentences ?? [];
  const offsets = wordOffsets(transcript.text, words);
  const runs: Run[] = [];
  const push = (sentence: Sentence | null, t: Token) => {
    const last = runs[runs.length - 1];
    const index = sentence ? sentence.index : null;
    if (last && (t.kind !== "word" || last.sentence === index)) last.tokens.push(t);
    else runs.push({ sentence: index, label: sentence ? sentence.label : null, tokens: [t] });
  };
  words.forEach((w, k) => {
    const s = sentenceFor(sentences, offsets[k], w);
    for (const t of before.get(k) ?? []) push(s, t);
    push(s, w);
  });
  for (const t of before.get(words.length) ?? []) push(null, t);
  return runs;
}
