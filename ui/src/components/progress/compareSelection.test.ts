import history from "../../fixtures/history.json";
import type { AttemptSummary } from "../../types";
import { canSelect, comparePair, questionKey, selectionHint, toggleSelection } from "./compareSelection";
import { exportFormat, importSummary } from "./DataTransfer";

const [newer, older] = history as AttemptSummary[];
const otherCard: AttemptSummary = { ...newer, id: 9, card_id: "why-this-company", question: "Why this company?" };
const freeA: AttemptSummary = { ...newer, id: 10, card_id: null, question: "Walk me through your CV." };
const freeB: AttemptSummary = { ...newer, id: 11, card_id: null, question: " walk me through your cv. " };

describe("compare selection", () => {
  it("allows only answers to the same question, two at most", () => {
    let sel: AttemptSummary[] = [];
    sel = toggleSelection(newer, sel);
    expect(canSelect(otherCard, sel)).toBe(false);
    expect(toggleSelection(otherCard, sel)).toBe(sel);
    sel = toggleSelection(older, sel);
    expect(sel.map((s) => s.id)).toEqual([2, 1]);
    expect(canSelect({ ...older, id: 42 }, sel)).toBe(false);
    sel = toggleSelection(newer, sel);
    expect(sel.map((s) => s.id)).toEqual([1]);
  });

  it("matches card-less answers by their question text", () => {
    expect(questionKey(freeA)).toBe(questionKey(freeB));
    expect(canSelect(freeB, [freeA])).toBe(true);
    expect(canSelect(freeA, [newer])).toBe(false);
  });

  it("orders the pair older first whatever the ticking order", () => {
    expect(comparePair([newer])).toBeNull();
    expect(comparePair([newer, older])).toEqual({ a: 1, b: 2 });
    expect(comparePair([older, newer])).toEqual({ a: 1, b: 2 });
  });

  it("says what to do next", () => {
    expect(selectionHint([])).toMatch(/Tick two answers/);
    expect(selectionHint([newer])).toBe("Tick one more answer to “Tell me about a time you failed.” to compare.");
  });
});

describe("data transfer", () => {
  it("picks the format from the chosen file name", () => {
    expect(exportFormat("/home/a/answers.CSV")).toBe("csv");
    expect(exportFormat("/home/a/answers.json")).toBe("json");
    expect(exportFormat("/home/a/answers")).toBe("json");
  });

  it("reports import counts in words", () => {
    expect(importSummary({ imported: 3, skipped_existing: 0, notes: 1 })).toBe("Imported 3 answers with 1 note.");
    expect(importSummary({ imported: 0, skipped_existing: 2, notes: 0 })).toBe(
      "Imported 0 answers; 2 answers were already here and left as they were.",
    );
  });
});
