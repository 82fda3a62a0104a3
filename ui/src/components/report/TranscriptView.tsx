// The transcript with its findings: fillers, hedges and repetitions marked in the words, long
// pauses as "⏸ 1.8 s" chips, sentences tinted by STAR part. Props only.
import { useMemo } from "react";
import { Pause as PauseIcon } from "lucide-react";
import type { Report } from "../../types";
import type { SeekFn } from "./TimeLink";
import { STAR_NAMES, STAR_PARTS, isStarPart } from "./reportText";
import { segmentTranscript, type Token } from "./transcriptSpans";

const MARK_TITLES = { filler: "filler", hedge: "hedge", repetition: "repetition" } as const;

function TokenView({ token, onSeek }: { token: Token; onSeek?: SeekFn }) {
  if (token.kind === "pause") {
    const title = `${token.mid_sentence ? "mid-sentence " : ""}pause of ${token.length_s.toFixed(1)} seconds`;
    // The ⏸ character is missing from common Linux fonts, so the symbol is an icon.
    const body = (
      <>
        <PauseIcon size={12} aria-hidden="true" />
        <span className="visually-hidden">pause </span>
        {token.length_s.toFixed(1)} s
      </>
    );
    return onSeek ? (
      <button type="button" className="chip pause rpc-inline" title={title} onClick={() => onSeek(token.start_s)}>
        {body}
      </button>
    ) : (
      <span className="chip pause rpc-inline" title={title}>
        {body}
      </span>
    );
  }
  if (token.kind === "heard") {
    return (
      <span className="chip filler rpc-inline rpc-heard" title="filler heard in the audio (not in the words)">
        ({token.text})
      </span>
    );
  }
  if (token.marks.length === 0) return <span className="rpc-w">{token.text}</span>;
  const title = token.marks.map((m) => MARK_TITLES[m]).join(", ");
  return (
    <mark className={`rpc-w ${token.marks.map((m) => `rpc-m-${m}`).join(" ")}`} title={title}>
      {token.text}
    </mark>
  );
}

export function TranscriptView({ report, onSeek }: { report: Report; onSeek?: SeekFn }) {
  const runs = useMemo(() => segmentTranscript(report), [report]);
  const labels = new Set(runs.map((r) => r.label).filter(isStarPart));
  const hasText = report.transcript.text.trim().length > 0;
  let previous: string | null = null;
  return (
    <section className="panel rpc-section" aria-labelledby="rpc-transcript-title">
      <div className="rpc-transcript-head">
        <h2 id="rpc-transcript-title">Transcript</h2>
        <ul className="rpc-legend small" aria-label="Legend">
          <li>
            <mark className="rpc-w rpc-m-filler">filler</mark>
          </li>
          <li>
            <mark className="rpc-w rpc-m-hedge">hedge</mark>
          </li>
          <li>
            <mark className="rpc-w rpc-m-repetition">repetition</mark>
          </li>
          <li>
            <span className="chip pause">
              <PauseIcon size={12} aria-hidden="true" /> long pause
            </span>
          </li>
          {STAR_PARTS.filter((p) => labels.has(p)).map((p) => (
            <li key={p}>
              <span className={`rpc-tag rpc-tag-${p}`}>{STAR_NAMES[p]}</span>
            </li>
          ))}
        </ul>
      </div>
      <div className="rpc-transcript" data-testid="report-transcript">
        {!hasText ? (
          <p className="muted">No words were recognised in this answer.</p>
        ) : (
          runs.map((run, r) => {
            const star = isStarPart(run.label) ? run.label : null;
            const showTag = star != null && star !== previous;
            previous = star;
            return (
              <span key={r} className={`rpc-sent${star ? ` rpc-star-${star}` : ""}`}>
                {showTag && <span className={`rpc-tag rpc-tag-${star}`}>{STAR_NAMES[star]}</span>}
                {run.tokens.map((t, k) => (
                  <span key={k}>
                    <TokenView token={t} onSeek={onSeek} />{" "}
                  </span>
                ))}
              </span>
            );
          })
        )}
      </div>
    </section>
  );
}
