// Compare: two answers to the same question side by side, each metric with what changed and
// whether that is better, then both transcripts with their fillers marked.
import { useEffect, useMemo, useState } from "react";
import { ArrowLeft, Headphones } from "lucide-react";
import { api, type AttemptDetail } from "../api";
import { useApp } from "../state";
import type { Metrics } from "../types";
import { metricChange, verdictWord, type Change } from "../components/progress/change";
import { exactTime, formatMetric, metricMeta, PACE_BAND, relativeTime } from "../components/progress/metrics";
import { transcriptTokens } from "../components/replay/transcript";
import { PlainTranscript } from "../components/replay/PlainTranscript";
import { useDelayed } from "../components/replay/useDelayed";
import "./Compare.css";

const ROWS: (keyof Metrics)[] = [
  "overall_score",
  "delivery_score",
  "content_score",
  "wpm",
  "fillers_per_min",
  "long_pauses_per_min",
  "duration_s",
];

/** The unit a change is counted in: score points, wpm, per minute, seconds. */
function changeUnit(metric: string): string {
  const unit = metricMeta(metric).unit;
  return unit === "/100" ? "points" : unit;
}

function bandFor(metric: string, d: AttemptDetail): [number, number] | null {
  if (metric === "wpm") return (d.report?.delivery.pace.band_wpm as [number, number] | undefined) ?? PACE_BAND;
  if (metric === "duration_s") {
    const t = d.report?.delivery.length.target;
    return t ? [t.min_s, t.max_s] : null;
  }
  return null;
}

function ChangeCell({ metric, change }: { metric: string; change: Change | null }) {
  if (!change) {
    return (
      <td className="cmp-change muted" data-testid="compare-change">
        —<span className="visually-hidden"> not measured in both answers</span>
      </td>
    );
  }
  return (
    <td className={`cmp-change is-${change.verdict}`} data-testid="compare-change" data-verdict={change.verdict}>
      <span className="cmp-arrow" aria-hidden="true">
        {change.arrow}
      </span>{" "}
      <span className="cmp-delta">
        {change.signed} {changeUnit(metric)}
      </span>{" "}
      <strong className="cmp-verdict">{verdictWord(change.verdict)}</strong>
      {change.why && <span className="cmp-why small">{change.why}</span>}
    </td>
  );
}

export function CompareScreen({ a, b }: { a: number; b: number }) {
  const navigate = useApp((s) => s.navigate);
  const back = useApp((s) => s.back);
  const [pair, setPair] = useState<[AttemptDetail, AttemptDetail] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    setPair(null);
    setError(null);
    Promise.all([api.getAttempt(a), api.getAttempt(b)]).then(
      ([x, y]) => {
        if (!alive) return;
        // Whatever order the route gives, the older answer is "before".
        setPair(Date.parse(x.started_at) <= Date.parse(y.started_at) ? [x, y] : [y, x]);
      },
      (e: unknown) => alive && setError(String(e)),
    );
    return () => {
      alive = false;
    };
  }, [a, b]);

  const tokens = useMemo(
    () =>
      pair?.map((d) => {
        const words = d.report?.transcript.words ?? d.transcript?.words ?? [];
        return transcriptTokens(words, d.report?.delivery ?? null);
      }) ?? null,
    [pair],
  );
  const showLoading = useDelayed(!pair && !error);

  if (error) {
    return (
      <section className="screen" aria-label="Compare">
        <h1>Compare answers</h1>
        <div className="callout error" role="alert">
          {error}
        </div>
        <div className="row">
          <button type="button" className="btn" onClick={back}>
            <ArrowLeft size={16} aria-hidden="true" /> Back
          </button>
        </div>
      </section>
    );
  }
  if (!pair || !tokens) {
    return (
      <section className="screen" aria-label="Compare" aria-busy="true">
        <h1>Compare answers</h1>
        <p className="muted" aria-live="polite">
          {showLoading ? "Loading both answers…" : " "}
        </p>
      </section>
    );
  }

  const [before, after] = pair;
  const sameQuestion = before.card_id != null ? before.card_id === after.card_id : before.question === after.question;

  return (
    <section className="screen cmp" aria-label="Compare" data-testid="compare">
      <div className="screen-head">
        <div>
          <p className="muted small">Compare two answers</p>
          <h1>{after.question}</h1>
        </div>
        <button type="button" className="btn small" onClick={back}>
          <ArrowLeft size={16} aria-hidden="true" /> Back
        </button>
      </div>
      {!sameQuestion && (
        <div className="callout warn">
          These answers are to different questions (“{before.question}” and “{after.question}”), so the content scores
          are not like for like.
        </div>
      )}

      <div className="panel cmp-table-wrap">
        <table className="cmp-table">
          <caption className="visually-hidden">Metrics of both answers and the change from the earlier to the later</caption>
          <thead>
            <tr>
              <th scope="col">Metric</th>
              {[before, after].map((d, i) => (
                <th scope="col" key={d.id}>
                  {i === 0 ? "Before" : "After"}
                  <span className="cmp-when small muted">
                    <time dateTime={d.started_at} title={exactTime(d.started_at)}>
                      {relativeTime(d.started_at)}
                    </time>
                  </span>
                </th>
              ))}
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {ROWS.map((metric) => {
              const x = before.metrics[metric];
              const y = after.metrics[metric];
              const change =
                x != null && y != null ? metricChange(metric, x, y, { band: bandFor(metric, after) }) : null;
              const meta = metricMeta(metric);
              return (
                <tr key={metric}>
                  <th scope="row">
                    {meta.label}
                    <span className="cmp-explain small muted">{meta.explain}</span>
                  </th>
                  <td className="score">{formatMetric(metric, x)}</td>
                  <td className="score">{formatMetric(metric, y)}</td>
                  <ChangeCell metric={metric} change={change} />
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <div className="cmp-columns">
        {[before, after].map((d, i) => (
          <section key={d.id} className="panel cmp-answer" aria-labelledby={`cmp-answer-${d.id}`}>
            <div className="cmp-answer-head">
              <h2 id={`cmp-answer-${d.id}`}>
                {i === 0 ? "Before" : "After"}{" "}
                <span className="small muted">· {exactTime(d.started_at)}</span>
              </h2>
              <div className="row">
                {d.status === "done" && (
                  <button type="button" className="btn small ghost" onClick={() => navigate({ name: "report", attemptId: d.id })}>
                    Report
                  </button>
                )}
                <button type="button" className="btn small" onClick={() => navigate({ name: "replay", attemptId: d.id })}>
                  <Headphones size={16} aria-hidden="true" /> Replay
                </button>
              </div>
            </div>
            <p className="small muted">
              {d.metrics.filler_count != null
                ? `${d.metrics.filler_count} ${d.metrics.filler_count === 1 ? "filler" : "fillers"} marked`
                : "No analysis for this answer"}
            </p>
            <PlainTranscript tokens={tokens[i]} label={`Transcript, ${i === 0 ? "before" : "after"}`} />
          </section>
        ))}
      </div>
    </section>
  );
}
