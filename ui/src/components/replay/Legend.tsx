// What the colours on the waveform mean (colour plus name plus count), and every marked moment as
// a button, so the regions can be reached from the keyboard too.
import { memo } from "react";
import { formatClock, KIND_COLOUR_VAR, KIND_LABEL, isStarPart, type RegionKind, type ReplayRegion } from "./timeline";

const ORDER: RegionKind[] = ["filler", "pause", "hedge", "repetition", "situation", "task", "action", "result", "lesson"];

interface Props {
  regions: ReplayRegion[];
  noteCount: number;
  onSeek?: (t: number) => void;
}

export const Legend = memo(function Legend({ regions, noteCount, onSeek }: Props) {
  const counts = new Map<RegionKind, number>();
  for (const r of regions) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
  const moments = [...regions].sort((a, b) => a.start - b.start);

  return (
    <div className="rep-legend-wrap">
      <ul className="rep-legend" aria-label="Waveform legend">
        {ORDER.map((kind) => {
          const n = counts.get(kind) ?? 0;
          const star = isStarPart(kind);
          // STAR parts the answer skipped are left out; a zero finding count is good news, so say it.
          if (star && n === 0) return null;
          return (
            <li key={kind} className={n === 0 ? "muted" : undefined}>
              <span
                className={`rep-swatch ${star ? "is-band" : "is-block"}`}
                style={{ background: `var(${KIND_COLOUR_VAR[kind]})` }}
                aria-hidden="true"
              />
              {KIND_LABEL[kind]}
              {!star && <span className="rep-legend-count">{n}</span>}
            </li>
          );
        })}
        <li>
          <span className="rep-swatch is-marker" aria-hidden="true" />
          Note <span className="rep-legend-count">{noteCount}</span>
        </li>
      </ul>
      {moments.length > 0 && onSeek && (
        <details className="rep-moments">
          <summary>Jump to a marked moment ({moments.length})</summary>
          <ul>
            {moments.map((r) => (
              <li key={r.id}>
                <button type="button" className={`chip rep-moment is-${r.kind}`} onClick={() => onSeek(r.start)}>
                  {r.label} · {formatClock(r.start)}
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
});
