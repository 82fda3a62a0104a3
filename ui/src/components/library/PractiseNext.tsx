// "Practise next": the cards due for review first, then new ones, each with why in words.
import { CalendarClock, Sparkles } from "lucide-react";
import type { LibraryCard, Suggestion } from "../../types";
import { describeSuggestion } from "./describe";

export function PractiseNext({
  suggestions,
  cards,
  error,
  onOpen,
}: {
  /** null while loading. */
  suggestions: Suggestion[] | null;
  cards: Map<string, LibraryCard>;
  error: string | null;
  onOpen: (id: string) => void;
}) {
  const top = (suggestions ?? []).filter((s) => cards.has(s.card_id)).slice(0, 3);
  return (
    <section className="panel lib-next" aria-labelledby="lib-next-h">
      <h2 id="lib-next-h">Practise next</h2>
      {error ? (
        <p className="callout error small" role="alert">
          Could not work out what to practise next: {error}
        </p>
      ) : suggestions === null ? (
        <p className="small muted lib-next-placeholder">Looking at what is due…</p>
      ) : top.length === 0 ? (
        <p className="small muted lib-next-placeholder">Nothing is due. Pick any question below.</p>
      ) : (
        <ol className="lib-next-list">
          {top.map((s) => {
            const card = cards.get(s.card_id)!.card;
            const Icon = s.kind === "new" ? Sparkles : CalendarClock;
            return (
              <li key={s.card_id}>
                <button type="button" className="lib-next-item" onClick={() => onOpen(s.card_id)}>
                  <span className="lib-next-q">{card.question}</span>
                  <span className={`small lib-next-why lib-kind-${s.kind}`}>
                    <Icon size={14} aria-hidden="true" />{" "}
                    {s.kind === "due" ? "Due: " : s.kind === "new" ? "New: " : "Coming up: "}
                    {describeSuggestion(s)}
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
