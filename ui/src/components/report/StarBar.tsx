// The answer's STAR structure as one bar: each part's share of the answer, coloured and labelled.
import { Check, X } from "lucide-react";
import type { ContentReport } from "../../types";
import { STAR_HINTS, STAR_NAMES, STAR_PARTS, percent } from "./reportText";

export function StarBar({ structure, star }: Pick<ContentReport, "structure" | "star">) {
  const { shares } = structure;
  const total = STAR_PARTS.reduce((sum, p) => sum + (shares[p] ?? 0), 0);
  const description = STAR_PARTS.map((p) => `${STAR_NAMES[p]} ${percent(shares[p] ?? 0)}`).join(", ");
  return (
    <div className="rpc-star">
      <div className="rpc-star-bar" role="img" aria-label={`Share of the answer: ${description}`}>
        {total === 0 ? (
          <span className="rpc-star-empty small muted">No STAR parts were recognised</span>
        ) : (
          STAR_PARTS.filter((p) => (shares[p] ?? 0) > 0).map((p) => (
            <span
              key={p}
              className={`rpc-star-seg rpc-bg-${p}`}
              style={{ flexGrow: shares[p] }}
              title={`${STAR_NAMES[p]}: ${percent(shares[p])}`}
            >
              {shares[p] / total >= 0.12 ? `${STAR_NAMES[p]} ${percent(shares[p])}` : ""}
            </span>
          ))
        )}
      </div>
      <ul className="rpc-star-legend">
        {STAR_PARTS.map((p) => (
          <li key={p}>
            <span className={`rpc-swatch rpc-bg-${p}`} aria-hidden="true" />
            {star[p] ? (
              <Check size={16} className="rpc-ok" aria-label="present" />
            ) : (
              <X size={16} className="rpc-warn" aria-label="missing" />
            )}
            <strong>{STAR_NAMES[p]}</strong> {percent(shares[p] ?? 0)}
            <span className="muted small"> — {STAR_HINTS[p]}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
