import cardsFile from "../../fixtures/cards.json";
import fixture from "../../fixtures/report.json";
import type { AnswerResult } from "../../api";
import type { Card, LibraryCard, Report } from "../../types";
import {
  answerOf,
  chooseFollowUp,
  decodeSource,
  encodeSource,
  pickQuestions,
  poolFor,
  sourceOptions,
  summarise,
  type MockAnswer,
} from "./mockPlan";

const cards: LibraryCard[] = (cardsFile.cards as unknown as Card[]).map((card) => ({ card, origin: "bank" }));

/** A seeded generator so the shuffles are repeatable. */
function seeded(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) % 4294967296;
    return s / 4294967296;
  };
}

function answer(step: number, overall: number, content: number | null, tips: [string, number][]): MockAnswer {
  return {
    step,
    followUp: false,
    card_id: `c${step}`,
    question: `Q${step}`,
    attempt_id: step + 100,
    overall,
    delivery: overall - 5,
    content,
    tips: tips.map(([about, gain]) => ({ area: "delivery", about, text: `${about} tip ${step}`, gain })),
  };
}

describe("choosing questions", () => {
  it("filters by category and leadership principle", () => {
    const teamwork = poolFor(cards, { kind: "category", value: "Teamwork" });
    expect(teamwork.length).toBe(cards.filter((c) => c.card.category === "Teamwork").length);
    expect(teamwork.every((c) => c.category === "Teamwork")).toBe(true);
    const ownership = poolFor(cards, { kind: "principle", value: "Ownership" });
    expect(ownership.length).toBeGreaterThan(0);
    expect(ownership.every((c) => c.leadership_principles.includes("Ownership"))).toBe(true);
    expect(poolFor(cards, { kind: "mixed" })).toHaveLength(cards.length);
  });

  it("lists sources with counts, largest first", () => {
    const { categories, principles } = sourceOptions(cards);
    const total = categories.reduce((n, [, k]) => n + k, 0);
    expect(total).toBe(cards.length);
    expect(categories[0][1]).toBeGreaterThanOrEqual(categories[categories.length - 1][1]);
    expect(principles.map(([p]) => p)).toContain("Earn Trust");
  });

  it("round-trips a source through the select's value", () => {
    for (const s of [{ kind: "mixed" }, { kind: "category", value: "Data" }, { kind: "principle", value: "Have Backbone; Disagree and Commit" }] as const) {
      expect(decodeSource(encodeSource(s))).toEqual(s);
    }
    expect(decodeSource("nonsense")).toEqual({ kind: "mixed" });
  });

  it("picks distinct cards, at most the pool's size", () => {
    const pool = cards.map((c) => c.card);
    const five = pickQuestions(pool, 5, seeded(1));
    expect(new Set(five.map((c) => c.id)).size).toBe(5);
    expect(pickQuestions(pool.slice(0, 3), 5, seeded(2))).toHaveLength(3);
    // Different seeds give different orders (the shuffle is not a no-op).
    expect(pickQuestions(pool, 5, seeded(3)).map((c) => c.id)).not.toEqual(five.map((c) => c.id));
  });

  it("chooses one of the card's follow-ups, or none", () => {
    const card = cards[0].card;
    expect(card.follow_ups).toContain(chooseFollowUp(card, () => 0.999));
    expect(chooseFollowUp(card, () => 0)).toBe(card.follow_ups[0]);
    expect(chooseFollowUp({ ...card, follow_ups: [] })).toBeNull();
  });
});

describe("the summary", () => {
  it("averages the scores, content over the answers that have one", () => {
    const s = summarise([answer(0, 80, 90, []), answer(1, 61, null, []), answer(2, 70, 71, [])]);
    expect(s.averages).toEqual({ overall: 70, delivery: 65, content: 81 });
    expect(summarise([]).averages).toEqual({ overall: null, delivery: null, content: null });
  });

  it("ranks tips by how many answers they came up in, then by points", () => {
    const s = summarise([
      answer(0, 70, 70, [["pace", 4], ["fillers", 6], ["length", 2]]),
      answer(1, 70, 70, [["fillers", 3], ["length", 9], ["pace", 1]]),
      answer(2, 70, 70, [["fillers", 5], ["ownership", 8]]),
    ]);
    expect(s.topTips.map((t) => [t.about, t.count])).toEqual([
      ["fillers", 3],
      ["length", 2],
      ["pace", 2],
    ]);
    // The wording shown is the one with the most points at stake.
    expect(s.topTips[0].text).toBe("fillers tip 0");
  });

  it("records an answer from a real report", () => {
    const r: AnswerResult = { attempt_id: 9, report: fixture as unknown as Report, stop_to_report_ms: 1 };
    const a = answerOf(2, cards[0].card, "What would you do differently?", r);
    expect(a).toMatchObject({ step: 2, followUp: true, question: "What would you do differently?", overall: 79, delivery: 66, content: 92 });
    expect(a.tips).toHaveLength(3);
  });
});
