import cardsFile from "../../fixtures/cards.json";
import type { Card, LibraryCard } from "../../types";
import {
  activeFilterCount,
  emptyFilters,
  facetCounts,
  facetOptions,
  filterCards,
  searchWords,
  toggleFilter,
} from "./filter";

const bank: LibraryCard[] = (cardsFile.cards as Card[]).map((card) => ({ card, origin: "bank" }));
const custom: LibraryCard = {
  origin: "custom",
  card: { ...bank[0].card, id: "my-pitch", question: "Walk me through your pitch deck.", category: "General", tags: ["pitch"], leadership_principles: [] },
};
const all = [...bank, custom];
const ids = (cards: LibraryCard[]) => cards.map((c) => c.card.id);

describe("search", () => {
  it("splits into lower-case words", () => {
    expect(searchWords("  Tell  ME ")).toEqual(["tell", "me"]);
    expect(searchWords("   ")).toEqual([]);
  });

  it("needs every word to match, in any order and case", () => {
    const hits = filterCards(all, "FAILED tell", emptyFilters());
    expect(ids(hits)).toContain("tell-me-about-a-time-you-failed");
    expect(hits.every((c) => /failed/i.test(c.card.question + c.card.prompt + c.card.tags.join(" ")))).toBe(true);
    expect(filterCards(all, "failed xylophone", emptyFilters())).toEqual([]);
  });

  it("looks in tags, category and leadership principles, not only the question", () => {
    const byTag = filterCards(all, "bar-raising", emptyFilters());
    expect(byTag.length).toBe(1);
    expect(byTag[0].card.tags).toContain("bar-raising");
    const byPrinciple = filterCards(all, "frugality", emptyFilters());
    expect(byPrinciple.length).toBeGreaterThanOrEqual(3);
    const byCategory = filterCards(all, "hiring", emptyFilters());
    expect(byCategory.some((c) => c.card.category === "Hiring")).toBe(true);
  });

  it("shows everything for an empty query and keeps the original order", () => {
    expect(ids(filterCards(all, "", emptyFilters()))).toEqual(ids(all));
  });
});

describe("filters", () => {
  it("ORs values inside a group", () => {
    let f = toggleFilter(emptyFilters(), "category", "Failure");
    f = toggleFilter(f, "category", "Conflict");
    const hits = filterCards(all, "", f);
    expect(hits.length).toBe(5); // 2 Failure + 3 Conflict in the bank
    expect(new Set(hits.map((c) => c.card.category))).toEqual(new Set(["Failure", "Conflict"]));
  });

  it("ANDs across groups and with the search", () => {
    let f = toggleFilter(emptyFilters(), "difficulty", "hard");
    f = toggleFilter(f, "principle", "Earn Trust");
    const hits = filterCards(all, "", f);
    expect(hits.length).toBeGreaterThan(0);
    for (const c of hits) {
      expect(c.card.difficulty).toBe("hard");
      expect(c.card.leadership_principles).toContain("Earn Trust");
    }
    const narrower = filterCards(all, "customer", f);
    expect(narrower.length).toBeLessThan(hits.length);
  });

  it("separates bank and custom cards", () => {
    const f = toggleFilter(emptyFilters(), "origin", "custom");
    expect(ids(filterCards(all, "", f))).toEqual(["my-pitch"]);
    expect(filterCards(all, "", toggleFilter(emptyFilters(), "origin", "bank")).length).toBe(65);
  });

  it("toggling twice removes the value", () => {
    const once = toggleFilter(emptyFilters(), "tag", "pitch");
    expect(activeFilterCount(once)).toBe(1);
    expect(activeFilterCount(toggleFilter(once, "tag", "pitch"))).toBe(0);
  });
});

describe("facet options", () => {
  const options = facetOptions(bank);
  it("counts cards per value", () => {
    expect(options.difficulty).toEqual([
      { value: "easy", count: 15 },
      { value: "medium", count: 35 },
      { value: "hard", count: 15 },
    ]);
    expect(options.category.find((o) => o.value === "Initiative")?.count).toBe(7);
    expect(options.category.reduce((n, o) => n + o.count, 0)).toBe(65);
  });
  it("lists the most used tags first", () => {
    expect(options.tag[0]).toEqual({ value: "behavioral", count: 57 });
    const counts = options.tag.map((o) => o.count);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
  });
});

describe("facet counts", () => {
  it("count what a click would show, given the search and the other groups", () => {
    const hard = toggleFilter(emptyFilters(), "difficulty", "hard");
    const counts = facetCounts(all, "customer", hard);
    for (const o of counts.category) {
      const f = toggleFilter(hard, "category", o.value);
      expect(filterCards(all, "customer", f).length).toBe(o.count);
    }
    // A group's own selection does not shrink its counts: OR inside the group.
    const medium = counts.difficulty.find((o) => o.value === "medium")!;
    expect(medium.count).toBe(filterCards(all, "customer", toggleFilter(emptyFilters(), "difficulty", "medium")).length);
    // Values stay listed even when nothing matches them.
    expect(counts.category.length).toBe(facetOptions(all).category.length);
    expect(counts.category.some((o) => o.count === 0)).toBe(true);
  });
});
