// The transcript under the waveform: the spoken word highlighted and kept in view, any word a
// way to jump there. Only the current word is a tab stop, so the transcript is one stop, not 500.
import { Fragment, memo, useEffect, useMemo, useRef } from "react";
import { formatClock } from "./timeline";
import type { Token } from "./transcript";

interface Props {
  tokens: Token[];
  /** Index (into the transcript's words) of the word being spoken, -1 for none. */
  current: number;
  /** Absent when there is nothing to seek (no playable recording). */
  onSeek?: (t: number) => void;
}

/**
 * Splits the transcript into paragraphs at sentence ends, roughly every `size` words, so that
 * off-screen paragraphs can skip layout (content-visibility) and a long answer opens quickly.
 */
export function paragraphs(tokens: Token[], size = 60): Token[][] {
  const out: Token[][] = [];
  let cur: Token[] = [];
  let words = 0;
  for (const t of tokens) {
    cur.push(t);
    if (t.kind !== "word") continue;
    words += 1;
    const sentenceEnd = /[.?!]["”’)]?$/.test(t.word.text);
    if ((sentenceEnd && words >= size) || words >= size * 2) {
      out.push(cur);
      cur = [];
      words = 0;
    }
  }
  if (cur.length) out.push(cur);
  return out;
}

/** Scrolls only the transcript box, never the page, so reading notes is not interrupted. */
function keepInView(box: HTMLElement, el: HTMLElement) {
  const top = el.offsetTop - box.offsetTop;
  const bottom = top + el.offsetHeight;
  if (top < box.scrollTop) box.scrollTop = top - 8;
  else if (bottom > box.scrollTop + box.clientHeight) box.scrollTop = bottom - box.clientHeight + 8;
}

export const ReplayTranscript = memo(function ReplayTranscript({ tokens, current, onSeek }: Props) {
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (current < 0 || !box.current) return;
    const el = box.current.querySelector<HTMLElement>(`[data-word="${current}"]`);
    if (el) keepInView(box.current, el);
  }, [current]);

  const paras = useMemo(() => paragraphs(tokens), [tokens]);
  const firstWord = tokens.find((t) => t.kind === "word");
  const tabStop = current >= 0 ? current : firstWord?.kind === "word" ? firstWord.index : -1;

  if (!firstWord) {
    return <p className="muted">No words were recognised in this recording.</p>;
  }

  // One listener for all words: hundreds of buttons cost WebKit far more layout time than spans.
  function seekFrom(target: EventTarget) {
    const el = (target as HTMLElement).closest<HTMLElement>("[data-word]");
    const t = el ? Number(el.dataset.start) : Number.NaN;
    if (onSeek && Number.isFinite(t)) onSeek(t);
  }

  return (
    <div
      ref={box}
      className={`rep-transcript${onSeek ? " is-seekable" : ""}`}
      aria-label="Transcript"
      onClick={(e) => seekFrom(e.target)}
      onKeyDown={(e) => {
        if (e.key === "Enter") {
          e.preventDefault();
          seekFrom(e.target);
        }
      }}
    >
      {paras.map((para, pi) => (
        <p className="rep-para" key={pi}>
          {para.map((t) => {
            if (t.kind === "pause") {
              return (
                <span key={`p${t.start_s}`} className="chip pause rep-pause">
                  <span aria-hidden="true">⏸</span> {t.length_s.toFixed(1)} s
                  <span className="visually-hidden"> long pause</span>{" "}
                </span>
              );
            }
            const isCurrent = t.index === current;
            const cls = ["rep-word", ...t.marks.map((m) => `is-${m}`)].join(" ");
            const hint = t.marks.length ? ` (${t.marks.join(", ")})` : "";
            // The single tab stop acts as a button (Enter plays from it); the rest is readable text.
            const stop = onSeek && t.index === tabStop;
            return (
              <Fragment key={t.index}>
                <span
                  className={cls}
                  data-testid="replay-word"
                  data-word={t.index}
                  data-start={t.word.start_s}
                  aria-current={isCurrent ? "true" : undefined}
                  tabIndex={stop ? 0 : undefined}
                  role={stop ? "button" : undefined}
                  title={`${formatClock(t.word.start_s)}${hint}`}
                >
                  {t.word.text}
                  {hint && <span className="visually-hidden">{hint}</span>}
                </span>{" "}
              </Fragment>
            );
          })}
        </p>
      ))}
    </div>
  );
});
