// Progress: how each metric moves over days or weeks, totals, personal bests, the practice streak,
// and which questions to practise next.
import { useEffect, useMemo, useState } from "react";
import { ArrowRight, Award, CalendarDays, Flame, Target } from "lucide-react";
import { api } from "../api";
import { useApp } from "../state";
import type { LibraryCard, ProgressView, Suggestion } from "../types";
import { TrendChart } from "../components/progress/TrendChart";
import { seriesFor, TREND_METRICS, type Period } from "../components/progress/trends";
import { exactTime, formatMetric, formatPracticeTime, metricMeta, relativeTime } from "../components/progress/metrics";
import { useDelayed } from "../components/replay/useDelayed";
import "./Progress.css";

const RANGES: { days: number | null; label: string }[] = [
  { days: 7, label: "7 days" },
  { days: 30, label: "30 days" },
  { days: 90, label: "90 days" },
  { days: null, label: "All time" },
];

const SUGGESTION_KIND: Record<string, string> = {
  due: "Due for review",
  new: "Not tried yet",
  upcoming: "Coming up",
};

function plural(n: number, one: string, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

function suggestionDetail(s: Suggestion): string {
  if (s.attempts === 0) return "A fresh question to try.";
  const parts = [plural(s.attempts, "answer")];
  if (s.last_score != null) parts.push(`last scored ${Math.round(s.last_score)}`);
  if (s.last_practised) parts.push(`practised ${relativeTime(s.last_practised)}`);
  return `${parts.join(", ")}.`;
}

export function ProgressScreen() {
  const navigate = useApp((s) => s.navigate);
  const cards = useApp((s) => s.cards);
  const [view, setView] = useState<ProgressView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [period, setPeriod] = useState<Period>("day");
  const [days, setDays] = useState<number | null>(null);
  const [cardId, setCardId] = useState<string | null>(null);
  const [category, setCategory] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    api.progress({ card_id: cardId, category, days }).then(
      (v) => {
        if (!alive) return;
        setView(v);
        setError(null);
      },
      (e: unknown) => alive && setError(String(e)),
    );
    return () => {
      alive = false;
    };
  }, [cardId, category, days]);

  const byId = useMemo(() => new Map((cards ?? []).map((c) => [c.card.id, c])), [cards]);
  const categories = useMemo(() => [...new Set((cards ?? []).map((c) => c.card.category))].sort(), [cards]);
  const cardOptions = useMemo(() => {
    const list = (cards ?? []).filter((c) => !category || c.card.category === category);
    return [...list].sort((x, y) => x.card.question.localeCompare(y.card.question));
  }, [cards, category]);
  // Stable arrays per metric, so a chart is redrawn only when its data or grouping changes.
  const series = useMemo(
    () => new Map(TREND_METRICS.map((m) => [m, view ? seriesFor(view, m, period) : []])),
    [view, period],
  );
  const showLoading = useDelayed(view == null && error == null);
  const filtered = cardId != null || category != null || days != null;

  const questionOf = (id: string | null) => (id ? byId.get(id)?.card.question ?? id : "A question of your own");

  if (view && view.progress.totals.attempts === 0 && !filtered) {
    return (
      <section className="screen prog" aria-label="Progress">
        <h1>Progress</h1>
        <div className="panel prog-empty">
          <h2>Answer your first question and your progress appears here</h2>
          <p className="muted">
            Each answer adds a point to your charts for pace, fillers, pauses and scores, so you can see them move as
            you practise.
          </p>
          <button type="button" className="btn primary" onClick={() => navigate({ name: "library" })}>
            Choose a question <ArrowRight size={16} aria-hidden="true" />
          </button>
        </div>
      </section>
    );
  }

  const p = view?.progress;
  return (
    <section className="screen prog" aria-label="Progress">
      <div className="screen-head">
        <div>
          <h1>Progress</h1>
          <p className="muted">Each point is the average of your answers that {period}.</p>
        </div>
      </div>

      <div className="prog-filters panel" role="group" aria-label="What to show">
        <div className="prog-select">
          <span className="small" id="prog-group-label">
            Each point
          </span>
          <div className="prog-seg" role="group" aria-labelledby="prog-group-label">
            {(["day", "week"] as Period[]).map((x) => (
              <button key={x} type="button" className="chip" aria-pressed={period === x} onClick={() => setPeriod(x)}>
                One {x}
              </button>
            ))}
          </div>
        </div>
        <div className="prog-select">
          <span className="small" id="prog-range-label">
            Time range
          </span>
          <div className="prog-seg" role="group" aria-labelledby="prog-range-label">
            {RANGES.map((r) => (
              <button
                key={r.label}
                type="button"
                className="chip"
                data-testid={`range-${r.days ?? "all"}`}
                aria-pressed={days === r.days}
                onClick={() => setDays(r.days)}
              >
                {r.label}
              </button>
            ))}
          </div>
        </div>
        <label className="prog-select">
          <span className="small">Category</span>
          <select
            value={category ?? ""}
            onChange={(e) => {
              const next = e.target.value || null;
              setCategory(next);
              // A card from another category would leave every chart empty.
              if (next && cardId && byId.get(cardId)?.card.category !== next) setCardId(null);
            }}
          >
            <option value="">All categories</option>
            {categories.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label className="prog-select prog-card-select">
          <span className="small">Question</span>
          <select value={cardId ?? ""} onChange={(e) => setCardId(e.target.value || null)}>
            <option value="">All questions</option>
            {cardOptions.map((c: LibraryCard) => (
              <option key={c.card.id} value={c.card.id}>
                {c.card.question}
              </option>
            ))}
          </select>
        </label>
        {filtered && (
          <button
            type="button"
            className="btn small ghost"
            onClick={() => {
              setDays(null);
              setCardId(null);
              setCategory(null);
            }}
          >
            Clear filters
          </button>
        )}
      </div>

      {error && (
        <div className="callout error" role="alert">
          {error}
        </div>
      )}

      {!view || !p ? (
        <p className="muted prog-loading" aria-live="polite">
          {showLoading ? "Loading your progress…" : " "}
        </p>
      ) : (
        <>
          <div className="prog-stats">
            <div className="panel prog-stat">
              <CalendarDays size={20} aria-hidden="true" />
              <div>
                <p className="prog-stat-value">{plural(p.totals.attempts, "answer")}</p>
                <p className="small muted">
                  to {plural(p.totals.cards, "question")} · {formatPracticeTime(p.totals.practice_s)} of speaking
                  {p.totals.first_at && <> · since {new Date(p.totals.first_at).toLocaleDateString()}</>}
                </p>
              </div>
            </div>
            <div className="panel prog-stat">
              <Flame size={20} aria-hidden="true" />
              <div>
                <p className="prog-stat-value">
                  {p.streak.current_days > 0 ? `${plural(p.streak.current_days, "day")} in a row` : "No streak right now"}
                </p>
                <p className="small muted">
                  {p.streak.current_days > 0
                    ? `Longest: ${plural(p.streak.longest_days, "day")}. Practise today to keep it going.`
                    : `Longest: ${plural(p.streak.longest_days, "day")}. One answer today starts a new streak.`}
                </p>
              </div>
            </div>
          </div>

          {p.totals.attempts === 0 ? (
            <div className="panel">
              <p>No answers match these filters. Try a longer time range or all questions.</p>
            </div>
          ) : (
            <div className="prog-charts">
              {TREND_METRICS.map((metric) => (
                <TrendChart key={metric} metric={metric} points={series.get(metric) ?? []} period={period} />
              ))}
            </div>
          )}

          <div className="prog-lower">
            <section className="panel prog-bests" aria-labelledby="prog-bests-title">
              <h2 id="prog-bests-title">
                <Award size={18} aria-hidden="true" /> Personal bests
              </h2>
              {p.bests.length === 0 ? (
                <p className="muted small">Your best scores show up here once you have answered.</p>
              ) : (
                <ul>
                  {p.bests.map((b) => (
                    <li key={b.metric}>
                      <span className="prog-best-label">{metricMeta(b.metric).label}</span>
                      <strong className="score">{formatMetric(b.metric, b.value)}</strong>
                      <button
                        type="button"
                        className="btn small ghost"
                        data-testid="best-report"
                        onClick={() => navigate({ name: "report", attemptId: b.attempt_id })}
                      >
                        Open report
                      </button>
                      <span className="small muted prog-best-q" title={exactTime(b.at)}>
                        {questionOf(b.card_id)} · {relativeTime(b.at)}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </section>

            <section className="panel prog-next" aria-labelledby="prog-next-title">
              <h2 id="prog-next-title">
                <Target size={18} aria-hidden="true" /> Practise next
              </h2>
              {view.practise_next.length === 0 ? (
                <p className="muted small">Nothing is due. Pick any question you like from the library.</p>
              ) : (
                <ul>
                  {view.practise_next.slice(0, 4).map((s) => (
                    <li key={s.card_id}>
                      <button
                        type="button"
                        className="prog-next-card"
                        data-testid="practise-next"
                        onClick={() => navigate({ name: "card", cardId: s.card_id })}
                      >
                        <span className="chip">{SUGGESTION_KIND[s.kind] ?? s.kind}</span>
                        <span className="prog-next-q">{questionOf(s.card_id)}</span>
                        <span className="small muted">{suggestionDetail(s)}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>
        </>
      )}
    </section>
  );
}
