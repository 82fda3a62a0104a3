import attempt from "../../fixtures/attempt.json";
import type { Delivery, Report } from "../../types";
import { transcriptTokens, wordsOfItem, type Token } from "./transcript";

const report = attempt.report as unknown as Report;
const words = report.transcript.words;

const wordTokens = (tokens: Token[]) => tokens.filter((t) => t.kind === "word");
const marked = (tokens: Token[], mark: string) =>
  wordTokens(tokens)
    .filter((t) => t.marks.includes(mark as never))
    .map((t) => t.word.text);

describe("transcriptTokens", () => {
  it("marks exactly the filler words the report counted, despite the finding times running early", () => {
    // The fixture's filler items ("so" 0.01 s, "um" 0.67 s, "uh" 10.77 s) start about half a
    // second before Whisper's words; matching by time alone would mark "So," for the "um".
    const tokens = transcriptTokens(words, report.delivery);
    expect(marked(tokens, "filler")).toEqual(["So,", "um,", "Uh,"]);
    expect(report.delivery.fillers.count).toBe(3);
    expect(wordTokens(tokens)).toHaveLength(words.length);
  });

  it("marks every word of a multi-word hedge nearest its time", () => {
    const delivery: Delivery = {
      ...report.delivery,
      hedges: { ...report.delivery.hedges, items: [{ text: "right away", start_s: 12.3, end_s: 13.1 }] },
    };
    expect(marked(transcriptTokens(words, delivery), "hedge")).toEqual(["right", "away,"]);
  });

  it("falls back to time overlap when the text is not near", () => {
    const idx = wordsOfItem(words, { text: "kind of", start_s: 5.6, end_s: 6.4 });
    expect(idx.map((i) => words[i].text)).toEqual(["promised", "the"]);
  });

  it("picks the nearest of several identical words", () => {
    // "I" is said nine times; the repetition at 15.5 s is the one at index 44.
    expect(wordsOfItem(words, { text: "I", start_s: 15.3, end_s: 15.8 })).toEqual([44]);
  });

  it("puts a long pause chip before the word that follows it", () => {
    const pauses = report.delivery.pauses.map((p, i) => (i === 1 ? { ...p, long: true } : p));
    const tokens = transcriptTokens(words, { ...report.delivery, pauses });
    const at = tokens.findIndex((t) => t.kind === "pause");
    expect(tokens.filter((t) => t.kind === "pause")).toHaveLength(1);
    const next = tokens[at + 1];
    expect(next.kind === "word" && next.word.text).toBe("Uh,");
    const before = tokens[at - 1];
    expect(before.kind === "word" && before.word.text).toBe("weeks.");
  });

  it("uses only the words' own flags when there is no analysis", () => {
    const tokens = transcriptTokens(words, null);
    expect(marked(tokens, "filler")).toEqual(["um,", "Uh,"]);
    expect(tokens.some((t) => t.kind === "pause")).toBe(false);
  });
});
