import fixture from "../../fixtures/report.json";
import type { Report, Word } from "../../types";
import { filledPauseLabel, segmentTranscript, wordOffsets, type Run, type WordToken } from "./transcriptSpans";

const base = fixture as unknown as Report;
const clone = (): Report => structuredClone(base);

function words(runs: Run[]): WordToken[] {
  return runs.flatMap((r) => r.tokens.filter((t): t is WordToken => t.kind === "word"));
}

function marked(runs: Run[], mark: string): string[] {
  return words(runs)
    .filter((w) => w.marks.includes(mark as never))
    .map((w) => w.text);
}

/** A report over hand-made words (times 0.5 s apart), with empty findings. */
function synthetic(texts: string[], flagged: number[] = []): Report {
  const r = clone();
  const ws: Word[] = texts.map((text, i) => ({
    text,
    start_s: i * 0.5,
    end_s: i * 0.5 + 0.4,
    probability: 0.9,
    filler: flagged.includes(i),
  }));
  r.transcript = { text: texts.join(" "), words: ws };
  r.delivery.fillers.items = [];
  r.delivery.hedges.items = [];
  r.delivery.repetitions.items = [];
  r.delivery.pauses = [];
  r.content = null;
  return r;
}

describe("segmentTranscript on a real report", () => {
  const runs = segmentTranscript(base);

  it("keeps every word once, in order", () => {
    expect(words(runs).map((w) => w.text)).toEqual(base.transcript.words.map((w) => w.text.trim()));
  });

  it("marks the analysis's fillers although their times are shifted from the words'", () => {
    // Items: so 0.01–0.45, um 0.67–0.93, uh 10.77–11.04; words: So, 0.62, um, 1.19, Uh, 11.24.
    expect(marked(runs, "filler")).toEqual(["So,", "um,", "Uh,"]);
    expect(marked(runs, "hedge")).toEqual([]);
  });

  it("groups words into sentences with their STAR labels", () => {
    const labelOf = (text: string) => runs.find((r) => r.tokens.some((t) => t.kind === "word" && t.text === text))?.label;
    expect(labelOf("launch")).toBe("task");
    expect(labelOf("promised")).toBe("action");
    expect(labelOf("shipped")).toBe("result");
    expect(labelOf("pilot")).toBe("lesson");
    // "Uh," sits between sentence 2 and 3 and belongs to neither.
    const uh = runs.find((r) => r.tokens.some((t) => t.kind === "word" && t.text === "Uh,"));
    expect(uh?.sentence).toBeNull();
    expect(uh?.tokens).toHaveLength(1);
  });

  it("shows no pause chips when no pause is long", () => {
    expect(runs.flatMap((r) => r.tokens).filter((t) => t.kind === "pause")).toEqual([]);
  });
});

describe("segmentTranscript placement", () => {
  it("puts a long pause between the words it separates, even when its times are off a little", () => {
    const r = clone();
    // The real gap "migration." (ends 4.64) → "I" (starts 5.02), stretched and shifted by 0.3 s.
    r.delivery.pauses = [{ start_s: 4.3, end_s: 5.5, length_s: 1.2, long: true, mid_sentence: false }];
    const tokens = segmentTranscript(r).flatMap((x) => x.tokens);
    const k = tokens.findIndex((t) => t.kind === "pause");
    expect(k).toBeGreaterThan(0);
    expect(tokens[k - 1]).toMatchObject({ kind: "word", text: "migration." });
    expect(tokens[k + 1]).toMatchObject({ kind: "word", text: "I" });
    expect(tokens[k]).toMatchObject({ length_s: 1.2 });
  });

  it("prefers the gap a pause overlaps over a squashed gap nearer its middle", () => {
    const r = clone();
    // "three" 9.94–10.42 | "weeks." 10.42–10.47 | "Uh," 11.24: the silence is after "weeks.".
    r.delivery.pauses = [{ start_s: 10.39, end_s: 10.77, length_s: 1.8, long: true, mid_sentence: false }];
    const tokens = segmentTranscript(r).flatMap((x) => x.tokens);
    const k = tokens.findIndex((t) => t.kind === "pause");
    expect(tokens[k - 1]).toMatchObject({ kind: "word", text: "weeks." });
    expect(tokens[k + 1]).toMatchObject({ kind: "word", text: "Uh," });
  });

  it("inserts a filler heard only in the audio where it happened, marking no word", () => {
    const r = synthetic(["We", "moved", "the", "servers"]);
    r.delivery.fillers.items = [{ text: "um", start_s: 0.85, end_s: 1.0, source: "audio" }];
    const tokens = segmentTranscript(r).flatMap((x) => x.tokens);
    expect(tokens.map((t) => (t.kind === "word" ? t.text : `(${t.kind}:${"text" in t ? t.text : ""})`))).toEqual([
      "We",
      "moved",
      "(heard:um)",
      "the",
      "servers",
    ]);
    expect(marked([{ sentence: null, label: null, tokens }], "filler")).toEqual([]);
  });

  it("matches multi-word hedges and repetitions around a filler", () => {
    const r = synthetic(["I", "think,", "I,", "um,", "I", "fixed", "it"], [3]);
    r.delivery.fillers.items = [{ text: "um", start_s: 1.5, end_s: 1.9, source: "transcript" }];
    r.delivery.hedges.items = [{ text: "i think", start_s: 0, end_s: 0.9 }];
    r.delivery.repetitions.items = [{ text: "i i", start_s: 1.0, end_s: 2.4 }];
    const runs = segmentTranscript(r);
    expect(marked(runs, "hedge")).toEqual(["I", "think,"]);
    expect(marked(runs, "filler")).toEqual(["um,"]);
    expect(marked(runs, "repetition")).toEqual(["I,", "I"]);
  });

  it("picks the occurrence nearest the item's time, not the first", () => {
    const r = synthetic(["like", "a", "plan", "like", "uh"], [4]);
    r.delivery.fillers.items = [{ text: "like", start_s: 1.5, end_s: 1.9, source: "transcript" }];
    const ws = words(segmentTranscript(r));
    expect(ws[0].marks).toEqual([]);
    expect(ws[3].marks).toEqual(["filler"]);
    // The recogniser's flag alone does not make a filler: the analysis did not count "uh".
    expect(ws[4].marks).toEqual([]);
  });

  it("matches a stretched filled pause to its canonical label", () => {
    const r = synthetic(["Ummm,", "we", "shipped"]);
    r.delivery.fillers.items = [{ text: "um", start_s: 0, end_s: 0.4, source: "transcript" }];
    expect(marked(segmentTranscript(r), "filler")).toEqual(["Ummm,"]);
  });

  it("splits a typed answer without word times by the sentence offsets", () => {
    const r = clone();
    r.transcript = { text: "I led it. We won.", words: [] };
    r.delivery.fillers.items = [];
    r.delivery.pauses = [];
    r.content!.sentences = [
      { index: 0, text: "I led it", start: 0, end: 8, start_s: null, end_s: null, label: "action", labelled_by_evidence: true },
      { index: 1, text: "We won", start: 10, end: 16, start_s: null, end_s: null, label: "result", labelled_by_evidence: true },
    ];
    const runs = segmentTranscript(r);
    expect(runs.map((x) => [x.label, words([x]).map((w) => w.text).join(" ")])).toEqual([
      ["action", "I led it."],
      ["result", "We won."],
    ]);
  });
});

describe("wordOffsets", () => {
  it("counts code points like the library, not UTF-16 units", () => {
    const text = "I’m 😀 happy, I’m sure";
    expect(wordOffsets(text, [{ text: "I’m" }, { text: "😀" }, { text: "happy," }, { text: " I’m" }, { text: "sure" }])).toEqual([
      0, 4, 6, 13, 17,
    ]);
  });

  it("gives null for a word the text does not contain", () => {
    expect(wordOffsets("hello world", [{ text: "hello" }, { text: "there" }, { text: "world" }])).toEqual([0, null, 6]);
  });
});

describe("filledPauseLabel", () => {
  it("mirrors the library's canonical spellings", () => {
    expect(filledPauseLabel("Ummm,")).toBe("um");
    expect(filledPauseLabel("Erm")).toBe("er");
    expect(filledPauseLabel("hmm.")).toBe("hmm");
    expect(filledPauseLabel("eh")).toBe("uh");
    expect(filledPauseLabel("umbrella")).toBeNull();
  });
});
