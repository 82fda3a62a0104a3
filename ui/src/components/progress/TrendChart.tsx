// One metric's trend (Chart.js): a point per day or week (the mean of that period's answers), the
// target band shaded where the metric has one, colours read from the theme tokens.
import { useEffect, useRef, useState } from "react";
import {
  CategoryScale,
  Chart,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type Plugin,
} from "chart.js";
import type { MetricKind, TrendPoint } from "../../types";
import { metricMeta } from "./metrics";
import { readToken, useThemeVersion, withAlpha } from "./theme";
import { periodLabel, periodTitle, pointLines, targetBand, trendSummary, yBounds, type Period } from "./trends";

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Tooltip);

/** Shades the band between two y values behind the line, with its label. */
function bandPlugin(band: [number, number], fill: string, text: string, label: string): Plugin<"line"> {
  return {
    id: "targetBand",
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart;
      const y = scales.y;
      const top = Math.max(chartArea.top, y.getPixelForValue(band[1]));
      const bottom = Math.min(chartArea.bottom, y.getPixelForValue(band[0]));
      if (bottom <= top) return;
      ctx.save();
      ctx.fillStyle = fill;
      ctx.fillRect(chartArea.left, top, chartArea.right - chartArea.left, bottom - top);
      ctx.fillStyle = text;
      ctx.font = "11px system-ui, sans-serif";
      ctx.textBaseline = "top";
      ctx.fillText(label, chartArea.left + 6, top + 4);
      ctx.restore();
    },
  };
}

interface Props {
  metric: MetricKind;
  points: TrendPoint[];
  period: Period;
}

export function TrendChart({ metric, points, period }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [drawError, setDrawError] = useState<string | null>(null);
  const themeVersion = useThemeVersion();
  const meta = metricMeta(metric);
  const band = targetBand(metric);
  const summary = trendSummary(metric, points, period);

  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext("2d");
    // No 2D context (a test DOM without canvas): the summary text still says everything.
    if (!el || !ctx) return;
    const accent = readToken("--accent");
    const muted = readToken("--muted");
    const border = readToken("--border");
    const surface = readToken("--surface");
    const text = readToken("--text");
    const ok = readToken("--ok");
    const bounds = yBounds(metric, points);
    let chart: Chart<"line">;
    try {
      chart = new Chart(ctx, {
      type: "line",
      data: {
        labels: points.map((p) => periodLabel(p.start, period)),
        datasets: [
          {
            label: meta.label,
            data: points.map((p) => p.mean),
            borderColor: accent,
            backgroundColor: accent,
            pointBackgroundColor: accent,
            pointBorderColor: surface,
            pointBorderWidth: 1.5,
            pointRadius: 4,
            pointHoverRadius: 6,
            borderWidth: 2,
            tension: 0.25,
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        // Calm and instant: no animation when filters or the theme change.
        animation: false,
        interaction: { mode: "index", intersect: false },
        scales: {
          // offset: a lone point sits in the middle, not squashed against the axis.
          x: { offset: true, grid: { display: false }, ticks: { color: muted, maxRotation: 0, autoSkip: true }, border: { color: border } },
          y: {
            min: bounds.min,
            max: bounds.max,
            grid: { color: withAlpha(border, 0.8) },
            border: { display: false },
            ticks: { color: muted, maxTicksLimit: 5 },
          },
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            backgroundColor: surface,
            titleColor: text,
            bodyColor: text,
            borderColor: border,
            borderWidth: 1,
            displayColors: false,
            callbacks: {
              title: (items) => (items[0] ? periodTitle(points[items[0].dataIndex].start, period) : ""),
              label: (item) => pointLines(metric, points[item.dataIndex]),
            },
          },
        },
      },
      plugins: band ? [bandPlugin(band, withAlpha(ok, 0.16), ok, `comfortable ${band[0]}–${band[1]} ${meta.unit}`)] : [],
      });
    } catch (e) {
      setDrawError(String(e));
      return;
    }
    setDrawError(null);
    return () => chart.destroy();
  }, [metric, points, period, themeVersion, band, meta.label, meta.unit]);

  const titleId = `trend-${metric}`;
  return (
    <figure className="prog-chart panel" data-testid="trend-chart" aria-labelledby={titleId}>
      <figcaption>
        <h3 id={titleId}>
          {meta.label} <span className="muted small">({meta.unit === "/100" ? "score out of 100" : meta.unit})</span>
        </h3>
        <p className="small muted prog-explain">{meta.explain}</p>
        <p className="small prog-summary">{summary}</p>
      </figcaption>
      {drawError && (
        <p className="callout error small" role="alert">
          The chart could not be drawn ({drawError}); the summary above is still right.
        </p>
      )}
      <div className="prog-canvas">
        <canvas ref={canvas} role="img" aria-label={`${meta.label} by ${period}: ${summary}`} />
      </div>
    </figure>
  );
}
