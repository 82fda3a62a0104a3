// Filter chips by category, leadership principle, difficulty, tag and source.
import { useState } from "react";
import { Check } from "lucide-react";
import { FACETS, facetLabel, type FacetKey, type FacetOption, type Filters } from "./filter";

/** Tags shown before "Show all": the rest are rarely used and would bury the other groups. */
const TAGS_SHOWN = 14;

const OPEN_BY_DEFAULT: Record<FacetKey, boolean> = {
  category: true,
  principle: false,
  difficulty: true,
  tag: false,
  origin: true,
};

export function FilterPanel({
  options,
  filters,
  onToggle,
}: {
  options: Record<FacetKey, FacetOption[]>;
  filters: Filters;
  onToggle: (key: FacetKey, value: string) => void;
}) {
  const [allTags, setAllTags] = useState(false);
  return (
    <div className="lib-filters" aria-label="Filters" role="group">
      {FACETS.map(({ key, label }) => {
        let opts = options[key];
        if (key === "origin" && !opts.some((o) => o.value === "custom")) {
          opts = [...opts, { value: "custom", count: 0 }];
        }
        const selected = filters[key];
        const hidden = key === "tag" && !allTags ? Math.max(0, opts.length - TAGS_SHOWN) : 0;
        // Selected tags stay visible even when they are beyond the first few.
        const visible =
          hidden > 0
            ? opts.filter((o, i) => i < TAGS_SHOWN || selected.includes(o.value))
            : opts;
        return (
          <details
            key={key}
            className="lib-facet"
            open={OPEN_BY_DEFAULT[key] || selected.length > 0 || undefined}
          >
            <summary>
              {label}
              {selected.length > 0 && <span className="lib-facet-count"> · {selected.length} chosen</span>}
            </summary>
            <div className="lib-chips">
              {visible.map((o) => {
                const on = selected.includes(o.value);
                return (
                  <button
                    key={o.value}
                    type="button"
                    className="chip lib-chip"
                    aria-pressed={on}
                    disabled={o.count === 0 && !on}
                    onClick={() => onToggle(key, o.value)}
                  >
                    {on && <Check size={12} aria-hidden="true" />}
                    {facetLabel(key, o.value)}
                    <span className="lib-chip-count">
                      {o.count}
                      <span className="visually-hidden"> questions</span>
                    </span>
                  </button>
                );
              })}
              {key === "tag" && opts.length > TAGS_SHOWN && (
                <button type="button" className="btn ghost small" onClick={() => setAllTags((v) => !v)}>
                  {allTags ? "Show fewer tags" : `Show all ${opts.length} tags`}
                </button>
              )}
            </div>
          </details>
        );
      })}
    </div>
  );
}
