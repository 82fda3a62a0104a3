import cardsFile from "../../fixtures/cards.json";
import type { Card } from "../../types";
import {
  blankDraft,
  cardToDraft,
  copyForCustom,
  cueProblem,
  draftToCard,
  slugify,
  uniqueId,
  type CardDraft,
} from "./cardForm";

const cards = cardsFile.cards as Card[];
const failed = cards.find((c) => c.id === "tell-me-about-a-time-you-failed")!;
const draft = (p: Partial<CardDraft> = {}): CardDraft => ({ ...cardToDraft(failed), ...p });

describe("card form", () => {
  it("accepts every bank card and gives it back unchanged", () => {
    for (const card of cards) {
      const result = draftToCard(cardToDraft(card));
      expect(result.errors).toBeNull();
      expect(result.card).toEqual(card);
    }
  });

  it("names the fields that are empty in a blank card", () => {
    const { errors } = draftToCard(blankDraft());
    expect(errors).not.toBeNull();
    expect(Object.keys(errors!)).toEqual(
      expect.arrayContaining(["id", "question", "prompt", "why_asked", "sample_answer", "how_to_answer", "key_points.0.id", "key_points.0.cues"]),
    );
    expect(errors!.how_to_answer).toBe("item 1 is empty");
  });

  it("checks the number of list entries", () => {
    const { errors } = draftToCard(draft({ follow_ups: ["Only one?"], key_points: draft().key_points.slice(0, 2) }));
    expect(errors!.follow_ups).toBe("has 1 follow-up questions; a card needs 2 to 3");
    expect(errors!.key_points).toBe("has 2 key points; a card needs 3 to 6");
  });

  it("checks cues like the card format does", () => {
    expect(cueProblem("i apologi*")).toBeNull();
    expect(cueProblem("didn't tell anyone")).toBeNull();
    expect(cueProblem("I Apologised")).toMatch(/lower case/);
    expect(cueProblem("ap*")).toMatch(/at least 3 letters/);
    expect(cueProblem("lost $5")).toMatch(/contains "\$"/);
    expect(cueProblem("a*b")).toMatch(/contains "\*"/);
    const kp = draft().key_points.map((k, i) => (i === 1 ? { ...k, cues: "one\ntwo\nthree" } : k));
    expect(draftToCard(draft({ key_points: kp })).errors!["key_points.1.cues"]).toBe("has 3 cues; a card needs 4 to 12");
    const dup = draft().key_points.map((k, i) => (i === 0 ? { ...k, cues: "same\nsame\nother\nmore" } : k));
    expect(draftToCard(draft({ key_points: dup })).errors!["key_points.0.cues"]).toBe('cue "same" is listed twice');
  });

  it("rejects duplicate rubric ids, bad ids and taken card ids", () => {
    const kp = draft().key_points.map((k, i) => (i === 2 ? { ...k, id: draft().key_points[0].id } : k));
    expect(draftToCard(draft({ key_points: kp })).errors!["key_points.2.id"]).toMatch(/used twice/);
    expect(draftToCard(draft({ id: "Bad Id" })).errors!.id).toMatch(/lower-case letters/);
    expect(draftToCard(draft(), new Set([failed.id])).errors!.id).toBe(`another card already uses the id "${failed.id}"`);
  });

  it("checks the target length window", () => {
    expect(draftToCard(draft({ min_s: "200", max_s: "100" })).errors!.target_length).toBeDefined();
    expect(draftToCard(draft({ min_s: "5", max_s: "100" })).errors!.target_length).toBeDefined();
    expect(draftToCard(draft({ min_s: "", max_s: "100" })).errors!.target_length).toBeDefined();
    expect(draftToCard(draft({ min_s: "10", max_s: "1200" })).card!.target_length).toEqual({ min_s: 10, max_s: 1200 });
  });

  it("splits tags and cues, trims text and keeps the principles in the order chosen", () => {
    const { card } = draftToCard(
      draft({
        tags: " failure, growth ,failure,, ",
        leadership_principles: ["Earn Trust", "Ownership"],
        question: "  Tell me about a time you failed.  ",
      }),
    );
    expect(card!.tags).toEqual(["failure", "growth"]);
    expect(card!.leadership_principles).toEqual(["Earn Trust", "Ownership"]);
    expect(card!.question).toBe("Tell me about a time you failed.");
    expect(draftToCard(draft({ tags: "Failure" })).errors!.tags).toMatch(/lower case/);
  });
});

describe("ids", () => {
  it("slugifies questions", () => {
    expect(slugify("Tell me about a time you failed.")).toBe("tell-me-about-a-time-you-failed");
    expect(slugify("Why Amazon?  Café & co")).toBe("why-amazon-cafe-co");
    expect(slugify("?!")).toBe("");
  });
  it("finds an unused id", () => {
    expect(uniqueId("a", new Set())).toBe("a");
    expect(uniqueId("a", new Set(["a", "a-2"]))).toBe("a-3");
  });
  it("copies a bank card under a new id", () => {
    const copy = copyForCustom(failed, new Set(cards.map((c) => c.id)));
    expect(copy.id).toBe("my-tell-me-about-a-time-you-failed");
    expect(draftToCard(copy, new Set(cards.map((c) => c.id))).card).toEqual({ ...failed, id: copy.id });
  });
});
