// The list of cards: each a button that opens the card. Up/Down move between cards, Enter opens.
import { memo, useRef, type KeyboardEvent, type RefObject } from "react";
import { Clock, Gauge, User } from "lucide-react";
import type { LibraryCard, Suggestion } from "../../types";
import { attemptsLabel, formatScore, formatTarget } from "./describe";

const DIFFICULTY_LABEL = { easy: "Easy", medium: "Medium", hard: "Hard" } as const;

export const CardItem = memo(function CardItem({
  lc,
  suggestion,
  onOpen,
}: {
  lc: LibraryCard;
  suggestion: Suggestion | undefined;
  onOpen: (id: string) => void;
}) {
  const c = lc.card;
  const practised = suggestion && suggestion.attempts > 0;
  return (
    <li>
      <button
        type="button"
        className="lib-item"
        data-testid="card-item"
        data-card-id={c.id}
        onClick={() => onOpen(c.id)}
      >
        <span className="lib-item-main">
          <span className="lib-item-q">{c.question}</span>
          <span className="lib-item-meta small">
            <span className="lib-cat">{c.category}</span>
            <span className={`lib-diff lib-diff-${c.difficulty}`}>
              <Gauge size={14} aria-hidden="true" /> {DIFFICULTY_LABEL[c.difficulty]}
            </span>
            <span>
              <Clock size={14} aria-hidden="true" /> {formatTarget(c.target_length)}
              <span className="visually-hidden"> target length</span>
            </span>
            {lc.origin === "custom" && (
              <span className="lib-mine">
                <User size={14} aria-hidden="true" /> My card
              </span>
            )}
          </span>
          {c.leadership_principles.length > 0 && (
            <span className="lib-item-lp small muted">{c.leadership_principles.join(" · ")}</span>
          )}
        </span>
        <span className="lib-item-score">
          {practised && suggestion.last_score !== null ? (
            <>
              <span className="score lib-score-num">{formatScore(suggestion.last_score)}</span>
              <span className="small muted">
                last score
                <br />
                {attemptsLabel(suggestion.attempts)}
              </span>
            </>
          ) : (
            <span className="small muted">Not practised yet</span>
          )}
        </span>
      </button>
    </li>
  );
});

/** Moves focus between the list's card buttons with the arrow keys, Home and End. */
function moveFocus(e: KeyboardEvent<HTMLUListElement>) {
  const keys = ["ArrowDown", "ArrowUp", "Home", "End"];
  if (!keys.includes(e.key)) return;
  const items = Array.from(e.currentTarget.querySelectorAll<HTMLButtonElement>("[data-testid=card-item]"));
  if (items.length === 0) return;
  const at = items.indexOf(document.activeElement as HTMLButtonElement);
  let next = at;
  if (e.key === "ArrowDown") next = at < 0 ? 0 : Math.min(items.length - 1, at + 1);
  if (e.key === "ArrowUp") next = at <= 0 ? 0 : at - 1;
  if (e.key === "Home") next = 0;
  if (e.key === "End") next = items.length - 1;
  e.preventDefault();
  items[next].focus();
}

export function CardList({
  cards,
  suggestions,
  onOpen,
  listRef,
}: {
  cards: LibraryCard[];
  suggestions: Map<string, Suggestion>;
  onOpen: (id: string) => void;
  listRef?: RefObject<HTMLUListElement | null>;
}) {
  const fallback = useRef<HTMLUListElement>(null);
  return (
    <ul className="lib-list" aria-label="Questions" ref={listRef ?? fallback} onKeyDown={moveFocus}>
      {cards.map((lc) => (
        <CardItem key={lc.card.id} lc={lc} suggestion={suggestions.get(lc.card.id)} onOpen={onOpen} />
      ))}
    </ul>
  );
}
