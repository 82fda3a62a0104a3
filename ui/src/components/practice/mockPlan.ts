// A mock interview's plan and summary: which questions to ask, which follow-up, and what the
// answers add up to. Pure functions; the randomness is passed in so tests can pin it.
import type { AnswerResult } from "../../api";
import type { Card, LibraryCard, Report } from "../../types";

export type MockSource =
  | { kind: "mixed" }
  | { kind: "category"; value: string }
  | { kind: "principle"; value: string };

export type Random = () => number;

export function encodeSource(s: MockSource): string {
  return s.kind === "mixed" ? "mixed" : `${s.kind}:${s.value}`;
}

export function decodeSource(v: string): MockSource {
  const at = v.indexOf(":");
  if (at > 0) {
    const kind = v.slice(0, at);
    const value = v.slice(at + 1);
    if (kind === "category" || kind === "principle") return { kind, value };
  }
  return { kind: "mixed" };
}

/** Categories and leadership principles with how many cards each has, largest first. */
export function sourceOptions(cards: LibraryCard[]): {
  categories: [string, number][];
  principles: [string, number][];
} {
  const count = (names: string[]) => {
    const m = new Map<string, number>();
    for (const n of names) m.set(n, (m.get(n) ?? 0) + 1);
    return [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  };
  return {
    categories: count(cards.map((c) => c.card.category).filter(Boolean)),
    principles: count(cards.flatMap((c) => c.card.leadership_principles)),
  };
}

export function poolFor(cards: LibraryCard[], source: MockSource): Card[] {
  const all = cards.map((c) => c.card);
  switch (source.kind) {
    case "mixed":
      return all;
    case "category":
      return all.filter((c) => c.category === source.value);
    case "principle":
      return all.filter((c) => c.leadership_principles.includes(source.value));
  }
}

/** `count` different cards from the pool in random order (fewer when the pool is smaller). */
export function pickQuestions(pool: Card[], count: number, random: Random = Math.random): Card[] {
  const deck = [...pool];
  // Fisher–Yates: every order equally likely.
  for (let i = deck.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [deck[i], deck[j]] = [deck[j], deck[i]];
  }
  return deck.slice(0, Math.max(0, Math.floor(count)));
}

export function chooseFollowUp(card: Card, random: Random = Math.random): string | null {
  if (card.follow_ups.length === 0) return null;
  return card.follow_ups[Math.min(card.follow_ups.length - 1, Math.floor(random() * card.follow_ups.length))];
}

export interface MockAnswer {
  /** Position in the plan and whether it answered the follow-up. */
  step: number;
  followUp: boolean;
  card_id: string;
  question: string;
  attempt_id: number;
  overall: number;
  delivery: number;
  content: number | null;
  tips: Report["next_time"];
}

export function answerOf(step: number, card: Card, followUp: string | null, r: AnswerResult): MockAnswer {
  const rep = r.report;
  return {
    step,
    followUp: followUp != null,
    card_id: card.id,
    question: followUp ?? card.question,
    attempt_id: r.attempt_id,
    overall: rep.overall.score,
    delivery: rep.overall.delivery_score ?? rep.delivery.score.score,
    content: rep.content ? (rep.overall.content_score ?? rep.content.score) : null,
    tips: rep.next_time,
  };
}

export interface MockSummary {
  averages: { overall: number | null; delivery: number | null; content: number | null };
  /** The tips that came up in the most answers: about, how many answers, the strongest wording. */
  topTips: { about: string; count: number; text: string }[];
}

function mean(xs: number[]): number | null {
  return xs.length === 0 ? null : Math.round(xs.reduce((a, b) => a + b, 0) / xs.length);
}

export function summarise(answers: MockAnswer[]): MockSummary {
  const tips = new Map<string, { count: number; gain: number; best: { text: string; gain: number } }>();
  for (const a of answers) {
    // A tip counts once per answer even if it appears twice in it.
    const seen = new Set<string>();
    for (const t of a.tips) {
      if (seen.has(t.about)) continue;
      seen.add(t.about);
      const e = tips.get(t.about) ?? { count: 0, gain: 0, best: { text: t.text, gain: -Infinity } };
      e.count += 1;
      e.gain += t.gain;
      if (t.gain > e.best.gain) e.best = { text: t.text, gain: t.gain };
      tips.set(t.about, e);
    }
  }
  const topTips = [...tips.entries()]
    .sort((a, b) => b[1].count - a[1].count || b[1].gain - a[1].gain)
    .slice(0, 3)
    .map(([about, e]) => ({ about, count: e.count, text: e.best.text }));
  return {
    averages: {
      overall: mean(answers.map((a) => a.overall)),
      delivery: mean(answers.map((a) => a.delivery)),
      content: mean(answers.flatMap((a) => (a.content == null ? [] : [a.content]))),
    },
    topTips,
  };
}
