// The question library: search, filter chips, "practise next", surprise me, and card files.
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import { Plus, Search, Shuffle, X } from "lucide-react";
import { api } from "../api";
import { useApp } from "../state";
import type { LibraryCard, Suggestion } from "../types";
import { activeFilterCount, facetCounts, filterCards, searchText } from "../components/library/filter";
import { useLibraryView } from "../components/library/libraryView";
import { FilterPanel } from "../components/library/FilterPanel";
import { CardList } from "../components/library/CardList";
import { PractiseNext } from "../components/library/PractiseNext";
import { CardFileButtons, CardFileNotice, useCardFiles } from "../components/library/CardFiles";
import "./Library.css";

/** Enough to cover every card, so each list item can show its last score. */
const ALL_SUGGESTIONS = 1000;

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

export function LibraryScreen() {
  const cards = useApp((s) => s.cards);
  const navigate = useApp((s) => s.navigate);
  const { query, filters, setQuery, toggle, clear } = useLibraryView();
  const deferredQuery = useDeferredValue(query);
  const [suggestions, setSuggestions] = useState<Suggestion[] | null>(null);
  const [suggestError, setSuggestError] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    let live = true;
    api
      .practiseNext(ALL_SUGGESTIONS)
      .then((s) => live && setSuggestions(s))
      .catch((e) => live && setSuggestError(String(e)));
    return () => {
      live = false;
    };
  }, []);

  // "/" jumps to the search box from anywhere on the screen.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "/" && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e.target)) {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  const all = useMemo(() => cards ?? [], [cards]);
  const byId = useMemo(() => new Map(all.map((lc) => [lc.card.id, lc] as [string, LibraryCard])), [all]);
  const texts = useMemo(() => new Map(all.map((lc) => [lc.card.id, searchText(lc)])), [all]);
  const options = useMemo(
    () => facetCounts(all, deferredQuery, filters, texts),
    [all, deferredQuery, filters, texts],
  );
  const shown = useMemo(
    () => filterCards(all, deferredQuery, filters, texts),
    [all, deferredQuery, filters, texts],
  );
  const suggestionById = useMemo(
    () => new Map((suggestions ?? []).map((s) => [s.card_id, s])),
    [suggestions],
  );
  const customIds = useMemo(() => all.filter((lc) => lc.origin === "custom").map((lc) => lc.card.id), [all]);
  const files = useCardFiles(customIds);

  const open = useCallback((id: string) => navigate({ name: "card", cardId: id }), [navigate]);
  const surprise = () => {
    if (shown.length === 0) return;
    open(shown[Math.floor(Math.random() * shown.length)].card.id);
  };

  const filtering = activeFilterCount(filters) > 0 || query.trim() !== "";

  if (!cards) return <p className="muted">Loading the questions…</p>;

  return (
    <section className="screen lib-screen" aria-labelledby="lib-title">
      <div className="screen-head">
        <div>
          <h1 id="lib-title">Questions</h1>
          <p className="muted lib-sub">
            {all.length} interview questions, each with guidance on what a strong answer covers.
          </p>
        </div>
        <div className="row">
          <button type="button" className="btn" onClick={() => navigate({ name: "card-edit", cardId: null })}>
            <Plus size={16} aria-hidden="true" /> New card
          </button>
          <CardFileButtons files={files} customCount={customIds.length} />
        </div>
      </div>
      <CardFileNotice files={files} />

      <PractiseNext suggestions={suggestions} cards={byId} error={suggestError} onOpen={open} />

      <div className="lib-searchbar">
        <div className="lib-search">
          <Search size={18} aria-hidden="true" className="lib-search-icon" />
          <label htmlFor="lib-search-input" className="visually-hidden">
            Search questions
          </label>
          <input
            id="lib-search-input"
            ref={searchRef}
            type="search"
            data-testid="card-search"
            placeholder="Search questions, tags, principles…"
            value={query}
            aria-describedby="lib-search-hint"
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "ArrowDown") {
                e.preventDefault();
                listRef.current?.querySelector<HTMLButtonElement>("[data-testid=card-item]")?.focus();
              } else if (e.key === "Escape" && query) {
                e.preventDefault();
                setQuery("");
              }
            }}
          />
          <span id="lib-search-hint" className="visually-hidden">
            Press slash to come back here, Down arrow to move into the list.
          </span>
          <kbd aria-hidden="true" className="lib-kbd">/</kbd>
        </div>
        <button type="button" className="btn" onClick={surprise} disabled={shown.length === 0}>
          <Shuffle size={16} aria-hidden="true" /> Surprise me
        </button>
      </div>

      <div className="lib-body">
        <aside className="lib-side">
          <FilterPanel options={options} filters={filters} onToggle={toggle} />
        </aside>
        <div className="lib-results">
          <div className="lib-count-row">
            <p className="lib-count" aria-live="polite" data-testid="card-count">
              {shown.length === all.length
                ? `Showing all ${all.length} questions`
                : `Showing ${shown.length} of ${all.length} questions`}
            </p>
            {filtering && (
              <button type="button" className="btn ghost small" onClick={clear}>
                <X size={14} aria-hidden="true" /> Clear search and filters
              </button>
            )}
          </div>
          {shown.length === 0 ? (
            <div className="panel lib-empty">
              <p>No questions match{query.trim() ? ` “${query.trim()}”` : ""} with these filters.</p>
              <p className="small muted">Try fewer words, or clear a filter or two.</p>
              <button type="button" className="btn" onClick={clear}>
                Clear search and filters
              </button>
            </div>
          ) : (
            <CardList cards={shown} suggestions={suggestionById} onOpen={open} listRef={listRef} />
          )}
        </div>
      </div>
    </section>
  );
}
