// The card editor's form model: a Card as editable text (cues one per line, numbers as typed),
// with the card format's rules checked before the Rust side sees it. The rules mirror
// src/questions/card.rs and cues.rs so the user sees a problem next to its field; the Rust
// validation stays the authority and its message is shown too when it rejects.
import type { Card } from "../../types";

export const CATEGORIES = [
  "Failure", "Conflict", "Leadership", "Teamwork", "Deadline", "Ambiguity", "Customer", "Data",
  "Disagreement", "Weakness", "Achievement", "Initiative", "Innovation", "Learning",
  "Prioritization", "Influence", "Ethics", "Feedback", "Hiring", "General",
] as const;

export const PRINCIPLES = [
  "Customer Obsession", "Ownership", "Invent and Simplify", "Are Right, A Lot",
  "Learn and Be Curious", "Hire and Develop the Best", "Insist on the Highest Standards",
  "Think Big", "Bias for Action", "Frugality", "Earn Trust", "Dive Deep",
  "Have Backbone; Disagree and Commit", "Deliver Results", "Strive to be Earth's Best Employer",
  "Success and Scale Bring Broad Responsibility",
] as const;

/** How many entries each list may have (card.rs `bounded`). */
export const LIMITS = {
  how_to_answer: [3, 6],
  follow_ups: [2, 3],
  key_points: [3, 6],
  mistakes: [2, 5],
  cues: [4, 12],
} as const;

export interface RubricDraft {
  id: string;
  text: string;
  /** One cue per line. */
  cues: string;
}

export interface CardDraft {
  id: string;
  question: string;
  prompt: string;
  category: string;
  difficulty: Card["difficulty"];
  leadership_principles: string[];
  /** Comma separated. */
  tags: string;
  star: boolean;
  why_asked: string;
  how_to_answer: string[];
  sample_answer: string;
  follow_ups: string[];
  min_s: string;
  max_s: string;
  key_points: RubricDraft[];
  mistakes: RubricDraft[];
}

/** Field path → problem, e.g. "question", "key_points.1.cues", "follow_ups". */
export type DraftErrors = Record<string, string>;

const rubric = (n: number): RubricDraft[] =>
  Array.from({ length: n }, () => ({ id: "", text: "", cues: "" }));

export function blankDraft(): CardDraft {
  return {
    id: "",
    question: "",
    prompt: "",
    category: "General",
    difficulty: "medium",
    leadership_principles: [],
    tags: "behavioral",
    star: true,
    why_asked: "",
    how_to_answer: ["", "", ""],
    sample_answer: "",
    follow_ups: ["", ""],
    min_s: "90",
    max_s: "180",
    key_points: rubric(3),
    mistakes: rubric(2),
  };
}

export function cardToDraft(card: Card): CardDraft {
  const item = (r: Card["key_points"][number]): RubricDraft => ({
    id: r.id,
    text: r.text,
    cues: r.cues.join("\n"),
  });
  return {
    id: card.id,
    question: card.question,
    prompt: card.prompt,
    category: card.category,
    difficulty: card.difficulty,
    leadership_principles: [...card.leadership_principles],
    tags: card.tags.join(", "),
    star: card.star,
    why_asked: card.why_asked,
    how_to_answer: [...card.how_to_answer],
    sample_answer: card.sample_answer,
    follow_ups: [...card.follow_ups],
    min_s: String(card.target_length.min_s),
    max_s: String(card.target_length.max_s),
    key_points: card.key_points.map(item),
    mistakes: card.mistakes.map(item),
  };
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A readable id from a question: "Tell me about a time you failed." → "tell-me-about-a-time-you-failed". */
export function slugify(text: string, maxLength = 60): string {
  const slug = text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug.slice(0, maxLength).replace(/-+$/, "");
}

/** `base` or `base-2`, `base-3`… whichever is not taken. */
export function uniqueId(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const id = `${base}-${n}`;
    if (!taken.has(id)) return id;
  }
}

/** Splits a comma separated list into trimmed, non-empty, de-duplicated entries. */
export function splitList(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(",")) {
    const t = part.trim();
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
}

export function cueLines(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
}

/** The problem with one cue phrase, in the words of cues.rs, or null when it is fine. */
export function cueProblem(cue: string): string | null {
  if (/[A-Z]/.test(cue) || cue !== cue.toLowerCase()) return `cue "${cue}" must be lower case`;
  if (/\s{2,}/.test(cue)) return `cue "${cue}" has repeated spaces`;
  for (const word of cue.split(" ")) {
    const body = word.endsWith("*") ? word.slice(0, -1) : word;
    const bad = [...body].find((ch) => !/[\p{L}\p{N}'’‘-]/u.test(ch));
    if (bad !== undefined || body.length === 0) {
      return `cue "${cue}" contains "${bad ?? "*"}"; cues are plain words, with * only at the end of a word`;
    }
    if (word.endsWith("*") && body.replace(/[-'’‘]/g, "").length < 3) {
      return `cue "${cue}": a * prefix needs at least 3 letters before it`;
    }
  }
  return null;
}

function countProblem(what: string, n: number, [min, max]: readonly [number, number]): string | null {
  if (n < min || n > max) return `has ${n} ${what}; a card needs ${min} to ${max}`;
  return null;
}

function checkRubric(
  errors: DraftErrors,
  field: "key_points" | "mistakes",
  items: RubricDraft[],
  what: string,
): void {
  const count = countProblem(what, items.length, LIMITS[field]);
  if (count) errors[field] = count;
  const seen = new Set<string>();
  items.forEach((item, k) => {
    const at = `${field}.${k}`;
    if (!SLUG.test(item.id)) {
      errors[`${at}.id`] = "use lower-case letters, digits and single hyphens";
    } else if (seen.has(item.id)) {
      errors[`${at}.id`] = `id "${item.id}" is used twice; ids must be unique within the list`;
    }
    seen.add(item.id);
    if (!item.text.trim()) errors[`${at}.text`] = "must not be empty";
    const cues = cueLines(item.cues);
    const problem =
      countProblem("cues", cues.length, LIMITS.cues) ??
      cues.map(cueProblem).find((p) => p !== null) ??
      (new Set(cues).size !== cues.length
        ? `cue "${cues.find((c, i) => cues.indexOf(c) !== i)}" is listed twice`
        : null);
    if (problem) errors[`${at}.cues`] = problem;
  });
}

/**
 * Checks the draft and builds the card. `takenIds` are ids the card may not use (other cards'),
 * so a new card cannot silently replace an existing one.
 */
export function draftToCard(
  d: CardDraft,
  takenIds: Set<string> = new Set(),
): { card: Card; errors: null } | { card: null; errors: DraftErrors } {
  const errors: DraftErrors = {};
  if (!SLUG.test(d.id)) {
    errors.id = 'use lower-case letters, digits and single hyphens (e.g. "tell-me-about-a-time-you-failed")';
  } else if (takenIds.has(d.id)) {
    errors.id = `another card already uses the id "${d.id}"`;
  }
  for (const f of ["question", "prompt", "why_asked", "sample_answer"] as const) {
    if (!d[f].trim()) errors[f] = "must not be empty";
  }
  if (!(CATEGORIES as readonly string[]).includes(d.category)) errors.category = "choose a category";
  const tags = splitList(d.tags);
  const badTag = tags.find((t) => t !== t.toLowerCase());
  if (badTag) errors.tags = `tag "${badTag}" must be lower case`;
  for (const f of ["how_to_answer", "follow_ups"] as const) {
    const what = f === "how_to_answer" ? "steps" : "follow-up questions";
    const problem =
      countProblem(what, d[f].length, LIMITS[f]) ??
      (d[f].findIndex((s) => !s.trim()) >= 0
        ? `item ${d[f].findIndex((s) => !s.trim()) + 1} is empty`
        : null);
    if (problem) errors[f] = problem;
  }
  const min = Number(d.min_s);
  const max = Number(d.max_s);
  if (
    !d.min_s.trim() || !d.max_s.trim() ||
    !Number.isInteger(min) || !Number.isInteger(max) ||
    min < 10 || max > 1200 || min >= max
  ) {
    errors.target_length = "minimum and maximum seconds must satisfy 10 ≤ minimum < maximum ≤ 1200";
  }
  checkRubric(errors, "key_points", d.key_points, "key points");
  checkRubric(errors, "mistakes", d.mistakes, "mistakes");
  if (Object.keys(errors).length > 0) return { card: null, errors };

  const item = (r: RubricDraft) => ({ id: r.id, text: r.text.trim(), cues: cueLines(r.cues) });
  return {
    errors: null,
    card: {
      id: d.id,
      question: d.question.trim(),
      prompt: d.prompt.trim(),
      category: d.category,
      difficulty: d.difficulty,
      // The author's order is kept: the first principle is the card's main one.
      leadership_principles: d.leadership_principles.filter((p) => (PRINCIPLES as readonly string[]).includes(p)),
      tags,
      star: d.star,
      why_asked: d.why_asked.trim(),
      how_to_answer: d.how_to_answer.map((s) => s.trim()),
      sample_answer: d.sample_answer.trim(),
      follow_ups: d.follow_ups.map((s) => s.trim()),
      target_length: { min_s: min, max_s: max },
      key_points: d.key_points.map(item),
      mistakes: d.mistakes.map(item),
    },
  };
}

/** A custom copy of a (bank) card under a new, unused id. */
export function copyForCustom(card: Card, takenIds: Set<string>): CardDraft {
  return { ...cardToDraft(card), id: uniqueId(`my-${card.id}`, takenIds) };
}
