// How the answer sounded: pace, fillers, pauses, hedges, repetitions, length, pitch and energy,
// each with the norm it is judged against and a tip. Props only.
import type { ReactNode } from "react";
import { AlertTriangle, CheckCircle2, Pause as PauseIcon } from "lucide-react";
import type { Delivery, Metric } from "../../types";
import { TimeLink, type SeekFn } from "./TimeLink";
import { lengthSentence, paceSentence } from "./reportText";

/** The gauge's scale: wide enough to show slow and fast answers around any band. */
export function gaugeScale(band: [number, number], wpm: number): [number, number] {
  const lo = Math.min(60, band[0] - 40, wpm - 10);
  const hi = Math.max(220, band[1] + 40, wpm + 10);
  return [Math.max(0, Math.floor(lo / 10) * 10), Math.ceil(hi / 10) * 10];
}

function PaceGauge({ wpm, band }: { wpm: number; band: [number, number] }) {
  const [lo, hi] = gaugeScale(band, wpm);
  const at = (v: number) => `${((v - lo) / (hi - lo)) * 100}%`;
  return (
    <div className="rpc-gauge" role="img" aria-label={paceSentence(wpm, band)}>
      <div className="rpc-gauge-track">
        <span
          className="rpc-gauge-band"
          style={{ left: at(band[0]), width: `calc(${at(band[1])} - ${at(band[0])})` }}
        />
        <span className="rpc-gauge-marker" style={{ left: at(wpm) }} />
      </div>
      <div className="rpc-gauge-scale small muted" aria-hidden="true">
        <span>{lo}</span>
        <span style={{ left: at(band[0]) }}>{band[0]}</span>
        <span style={{ left: at(band[1]) }}>{band[1]}</span>
        <span>{hi} wpm</span>
      </div>
    </div>
  );
}

function MetricCard(props: {
  title: string;
  ok: boolean;
  headline: ReactNode;
  metric?: Metric;
  children?: ReactNode;
}) {
  const { title, ok, headline, metric, children } = props;
  return (
    <article className="rpc-metric">
      <h3>
        {ok ? (
          <CheckCircle2 size={18} className="rpc-ok" aria-label="fine" />
        ) : (
          <AlertTriangle size={18} className="rpc-warn" aria-label="to work on" />
        )}{" "}
        {title}
      </h3>
      <p className="rpc-metric-headline">{headline}</p>
      {children}
      {metric?.tip && <p className="rpc-tip">{metric.tip}</p>}
      {metric?.norm && <p className="small muted rpc-norm">Judged against: {metric.norm}</p>}
    </article>
  );
}

function ItemList({
  items,
  className,
  label,
  onSeek,
}: {
  items: { text: string; start_s: number }[];
  className: string;
  label: string;
  onSeek?: SeekFn;
}) {
  if (items.length === 0) return null;
  return (
    <ul className="rpc-items" aria-label={label}>
      <li className="small muted">When:</li>
      {items.map((it, i) => (
        <li key={`${it.start_s}-${i}`} className={`chip ${className}`}>
          <span>“{it.text}”</span> <TimeLink at={it.start_s} onSeek={onSeek} label={`“${it.text}”`} />
        </li>
      ))}
    </ul>
  );
}

export function DeliverySection({ delivery: d, onSeek }: { delivery: Delivery; onSeek?: SeekFn }) {
  const [bandLo, bandHi] = d.pace.band_wpm;
  const paceOk = d.wpm >= bandLo && d.wpm <= bandHi;
  const fillerCounts = Object.entries(d.fillers.by_word).sort((a, b) => b[1] - a[1]);
  const longPauses = d.pauses.filter((p) => p.long);
  const hedgeCounts = Object.entries(d.hedges.by_phrase).sort((a, b) => b[1] - a[1]);
  const length = d.length;
  const pitchVar = d.pitch.variation_semitones;
  return (
    <section className="panel rpc-section" aria-labelledby="rpc-delivery-title">
      <h2 id="rpc-delivery-title">Delivery</h2>
      <p className="muted small">How the answer sounded, judged against published speaking norms.</p>
      {d.notes.length > 0 && (
        <div className="callout warn small">
          {d.notes.map((n) => (
            <p key={n}>{n}</p>
          ))}
        </div>
      )}
      <div className="rpc-metrics">
        <MetricCard
          title="Pace"
          ok={paceOk}
          metric={d.pace}
          headline={
            <>
              <span data-testid="report-wpm">{Math.round(d.wpm)} wpm</span>
              {paceSentence(d.wpm, d.pace.band_wpm).slice(`${Math.round(d.wpm)} wpm`.length)}
            </>
          }
        >
          <PaceGauge wpm={d.wpm} band={d.pace.band_wpm} />
          <p className="small muted">
            {Math.round(d.articulation_wpm)} wpm while actually speaking (pauses left out).
          </p>
        </MetricCard>

        <MetricCard
          title="Fillers"
          ok={d.fillers.per_minute <= 2}
          metric={d.fillers}
          headline={
            <>
              <span data-testid="report-fillers-count">{d.fillers.count}</span>{" "}
              {d.fillers.count === 1 ? "filler" : "fillers"} — {d.fillers.per_minute.toFixed(1)} a minute
            </>
          }
        >
          {fillerCounts.length > 0 && (
            <ul className="rpc-chips" aria-label="Fillers by word">
              {fillerCounts.map(([w, n]) => (
                <li key={w} className="chip filler">
                  “{w}” × {n}
                </li>
              ))}
            </ul>
          )}
          <ItemList items={d.fillers.items} className="filler" label="Each filler" onSeek={onSeek} />
        </MetricCard>

        <MetricCard
          title="Pauses"
          ok={d.pausing.mid_sentence_count === 0 && d.pausing.long_count <= 2}
          metric={d.pausing}
          headline={
            longPauses.length === 0
              ? `No long pauses; ${d.pausing.count} short ones between thoughts`
              : `${longPauses.length} long ${longPauses.length === 1 ? "pause" : "pauses"}, the longest ${d.pausing.longest_s.toFixed(1)} s` +
                (d.pausing.mid_sentence_count > 0 ? `; ${d.pausing.mid_sentence_count} mid-sentence` : "")
          }
        >
          {longPauses.length > 0 && (
            <ul className="rpc-items" aria-label="Long pauses">
              {longPauses.map((p) => (
                <li key={p.start_s} className="chip pause">
                  <PauseIcon size={12} aria-hidden="true" /> {p.length_s.toFixed(1)} s{p.mid_sentence ? " mid-sentence" : ""}{" "}
                  <TimeLink at={p.start_s} onSeek={onSeek} label="pause" />
                </li>
              ))}
            </ul>
          )}
        </MetricCard>

        <MetricCard
          title="Hedging"
          ok={d.hedges.per_minute <= 2}
          metric={d.hedges}
          headline={
            d.hedges.count === 0
              ? "No hedges (“I think”, “maybe”)"
              : `${d.hedges.count} ${d.hedges.count === 1 ? "hedge" : "hedges"} — ${d.hedges.per_minute.toFixed(1)} a minute`
          }
        >
          {hedgeCounts.length > 0 && (
            <ul className="rpc-chips" aria-label="Hedges by phrase">
              {hedgeCounts.map(([w, n]) => (
                <li key={w} className="chip hedge">
                  “{w}” × {n}
                </li>
              ))}
            </ul>
          )}
          <ItemList items={d.hedges.items} className="hedge" label="Each hedge" onSeek={onSeek} />
        </MetricCard>

        <MetricCard
          title="Repetitions"
          ok={d.repetitions.per_minute <= 1}
          metric={d.repetitions}
          headline={
            d.repetitions.count === 0
              ? "No repeated words or restarts"
              : `${d.repetitions.count} ${d.repetitions.count === 1 ? "repetition" : "repetitions"} — ${d.repetitions.per_minute.toFixed(1)} a minute`
          }
        >
          <ItemList items={d.repetitions.items} className="repetition" label="Each repetition" onSeek={onSeek} />
        </MetricCard>

        <MetricCard
          title="Length"
          ok={!length || length.verdict === "within"}
          metric={length ?? undefined}
          headline={lengthSentence(length?.duration_s ?? d.answer?.duration_s ?? 0, length?.target ?? null)}
        />

        <MetricCard
          title="Pitch"
          ok={!d.pitch.monotone}
          metric={d.pitch}
          headline={
            pitchVar == null
              ? "Not enough voiced speech to judge pitch"
              : `Varies by ${pitchVar.toFixed(1)} semitones — ${d.pitch.monotone ? "sounds flat" : "lively"}`
          }
        />

        <MetricCard
          title="Energy"
          ok={!d.energy.fading}
          metric={d.energy}
          headline={
            d.energy.end_drop_db == null
              ? "Loudness could not be judged"
              : `Sentence ends ${d.energy.end_drop_db.toFixed(1)} dB quieter — ${d.energy.fading ? "fading out" : "still audible"}`
          }
        />
      </div>
    </section>
  );
}
