// Picking two answers to compare on the History screen: only answers to the same question can be
// compared, and the older one is always "before".
import type { AttemptSummary } from "../../types";

/** Which question an attempt answered: the card, or the question text for card-less answers. */
export function questionKey(a: AttemptSummary): string {
  return a.card_id ? `card:${a.card_id}` : `text:${a.question.trim().toLowerCase()}`;
}

/** Whether `a` may be ticked given what is already ticked. */
export function canSelect(a: AttemptSummary, selected: AttemptSummary[]): boolean {
  if (selected.some((s) => s.id === a.id)) return true;
  if (selected.length >= 2) return false;
  return selected.every((s) => questionKey(s) === questionKey(a));
}

/** Ticks or unticks; a tick that is not allowed leaves the selection as it was. */
export function toggleSelection(a: AttemptSummary, selected: AttemptSummary[]): AttemptSummary[] {
  if (selected.some((s) => s.id === a.id)) return selected.filter((s) => s.id !== a.id);
  return canSelect(a, selected) ? [...selected, a] : selected;
}

/** The compare route's ids, older answer first; null until two answers are picked. */
export function comparePair(selected: AttemptSummary[]): { a: number; b: number } | null {
  if (selected.length !== 2) return null;
  const [x, y] = [...selected].sort((p, q) => Date.parse(p.started_at) - Date.parse(q.started_at) || p.id - q.id);
  return { a: x.id, b: y.id };
}

/** What the compare bar tells the user to do next. */
export function selectionHint(selected: AttemptSummary[]): string {
  if (selected.length === 0) return "Tick two answers to the same question to compare them side by side.";
  if (selected.length === 1) return `Tick one more answer to “${selected[0].question}” to compare.`;
  return "Ready to compare.";
}
