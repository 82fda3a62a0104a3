// Searching and filtering the card library. Pure functions so the rules (every search word must
// match; OR inside a filter group, AND across groups) are tested without rendering.
import type { CardOrigin, LibraryCard } from "../../types";

export type FacetKey = "category" | "principle" | "difficulty" | "tag" | "origin";

export type Filters = Record<FacetKey, string[]>;

export const FACETS: { key: FacetKey; label: string }[] = [
  { key: "category", label: "Category" },
  { key: "principle", label: "Leadership principle" },
  { key: "difficulty", label: "Difficulty" },
  { key: "tag", label: "Tags" },
  { key: "origin", label: "Source" },
];

export function emptyFilters(): Filters {
  return { category: [], principle: [], difficulty: [], tag: [], origin: [] };
}

/** The values a card has for one facet. */
export function facetValues(lc: LibraryCard, key: FacetKey): string[] {
  const c = lc.card;
  switch (key) {
    case "category":
      return [c.category];
    case "principle":
      return c.leadership_principles;
    case "difficulty":
      return [c.difficulty];
    case "tag":
      return c.tags;
    case "origin":
      return [lc.origin];
  }
}

/** Lower-case words of a search query; empty when the query is blank. */
export function searchWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/** The text a search looks through: question, prompt, tags, category and principles. */
export function searchText(lc: LibraryCard): string {
  const c = lc.card;
  return [c.question, c.prompt, c.category, ...c.tags, ...c.leadership_principles]
    .join("\n")
    .toLowerCase();
}

export function matchesSearch(text: string, words: string[]): boolean {
  return words.every((w) => text.includes(w));
}

export function matchesFilters(lc: LibraryCard, filters: Filters): boolean {
  return (Object.keys(filters) as FacetKey[]).every((key) => {
    const wanted = filters[key];
    if (wanted.length === 0) return true;
    const have = facetValues(lc, key);
    return wanted.some((w) => have.includes(w));
  });
}

/**
 * The cards matching the query and filters, in their original order. `texts` (from
 * `searchText`) can be passed precomputed so typing does not rebuild every card's text.
 */
export function filterCards(
  cards: LibraryCard[],
  query: string,
  filters: Filters,
  texts?: Map<string, string>,
): LibraryCard[] {
  const words = searchWords(query);
  return cards.filter(
    (lc) =>
      matchesFilters(lc, filters) &&
      matchesSearch(texts?.get(lc.card.id) ?? searchText(lc), words),
  );
}

export interface FacetOption {
  value: string;
  count: number;
}

const DIFFICULTY_ORDER = ["easy", "medium", "hard"];
const ORIGIN_ORDER: CardOrigin[] = ["bank", "custom"];

/** Each facet's values with how many cards have them. Tags are most-used first. */
export function facetOptions(cards: LibraryCard[]): Record<FacetKey, FacetOption[]> {
  const out = {} as Record<FacetKey, FacetOption[]>;
  for (const { key } of FACETS) {
    const counts = new Map<string, number>();
    for (const lc of cards) {
      for (const v of facetValues(lc, key)) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const options = [...counts].map(([value, count]) => ({ value, count }));
    if (key === "difficulty") {
      options.sort((a, b) => DIFFICULTY_ORDER.indexOf(a.value) - DIFFICULTY_ORDER.indexOf(b.value));
    } else if (key === "origin") {
      options.sort(
        (a, b) =>
          ORIGIN_ORDER.indexOf(a.value as CardOrigin) - ORIGIN_ORDER.indexOf(b.value as CardOrigin),
      );
    } else if (key === "tag") {
      options.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    } else {
      options.sort((a, b) => a.value.localeCompare(b.value));
    }
    out[key] = options;
  }
  return out;
}

export function toggleFilter(filters: Filters, key: FacetKey, value: string): Filters {
  const current = filters[key];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return { ...filters, [key]: next };
}

export function activeFilterCount(filters: Filters): number {
  return Object.values(filters).reduce((n, values) => n + values.length, 0);
}

/** "easy" → "Easy", "bank" → "Question bank": how a facet value reads on a chip. */
export function facetLabel(key: FacetKey, value: string): string {
  if (key === "origin") return value === "bank" ? "Question bank" : "My cards";
  if (key === "difficulty") return value.charAt(0).toUpperCase() + value.slice(1);
  return value;
}

/**
 * Every value of every facet (so chips never vanish) with how many cards it would show given the
 * search and the other groups' filters: the count a click on the chip leads to.
 */
export function facetCounts(
  cards: LibraryCard[],
  query: string,
  filters: Filters,
  texts?: Map<string, string>,
): Record<FacetKey, FacetOption[]> {
  const all = facetOptions(cards);
  const out = {} as Record<FacetKey, FacetOption[]>;
  for (const { key } of FACETS) {
    const pool = filterCards(cards, query, { ...filters, [key]: [] }, texts);
    const counts = new Map<string, number>();
    for (const lc of pool) {
      for (const v of facetValues(lc, key)) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    out[key] = all[key].map(({ value }) => ({ value, count: counts.get(value) ?? 0 }));
  }
  return out;
}
