// A read-only transcript with the report's highlights (fillers, hedges, repetitions, long pauses),
// for screens that show a transcript without playing it (Compare).
import type { Token } from "./transcript";
import "./PlainTranscript.css";

export function PlainTranscript({ tokens, label }: { tokens: Token[]; label: string }) {
  if (!tokens.some((t) => t.kind === "word")) return <p className="muted">No words were recognised in this answer.</p>;
  return (
    <p className="plain-transcript" aria-label={label}>
      {tokens.map((t) =>
        t.kind === "pause" ? (
          <span key={`p${t.start_s}`} className="chip pause plain-pause">
            <span aria-hidden="true">⏸</span> {t.length_s.toFixed(1)} s<span className="visually-hidden"> long pause</span>{" "}
          </span>
        ) : (
          <span key={t.index}>
            {t.marks.length > 0 ? (
              <mark className={["plain-word", ...t.marks.map((m) => `is-${m}`)].join(" ")} title={t.marks.join(", ")}>
                {t.word.text}
                <span className="visually-hidden"> ({t.marks.join(", ")})</span>
              </mark>
            ) : (
              t.word.text
            )}{" "}
          </span>
        ),
      )}
    </p>
  );
}
