import progress from "../../fixtures/progress.json";
import type { ProgressView, TrendPoint } from "../../types";
import { parseDay, periodLabel, pointLines, seriesFor, trendSummary, yBounds } from "./trends";
import { readToken, withAlpha } from "./theme";

const view = progress as unknown as ProgressView;

const pt = (start: string, mean: number, count = 1, min = mean, max = mean): TrendPoint => ({ start, mean, count, min, max });

describe("seriesFor", () => {
  it("takes the day or week series of the metric", () => {
    expect(seriesFor(view, "wpm", "day")).toEqual([{ count: 2, max: 175.7, mean: 175.7, min: 175.7, start: "2026-11-28" }]);
    expect(seriesFor(view, "wpm", "week")[0].start).toBe("2026-11-23");
    expect(seriesFor(view, "no_such_metric", "day")).toEqual([]);
  });

  it("sorts points by date whatever order they come in", () => {
    const v: ProgressView = {
      ...view,
      progress: {
        ...view.progress,
        trends: [{ metric: "wpm", by_day: [pt("2026-11-28", 150), pt("2026-11-02", 170), pt("2026-11-15", 160)], by_week: [] }],
      },
    };
    expect(seriesFor(v, "wpm", "day").map((p) => p.start)).toEqual(["2026-11-02", "2026-11-15", "2026-11-28"]);
  });
});

describe("dates", () => {
  it("reads a day as a local calendar date", () => {
    const d = parseDay("2026-11-28");
    expect([d.getFullYear(), d.getMonth(), d.getDate(), d.getHours()]).toEqual([2026, 10, 28, 0]);
    expect(periodLabel("2026-11-28", "day")).toMatch(/28/);
    expect(periodLabel("2026-11-23", "week")).toMatch(/^wk of .*23/);
  });
});

describe("tooltips", () => {
  it("say how many answers a point averages and their spread", () => {
    expect(pointLines("wpm", pt("2026-11-28", 150.4, 3, 131, 172))).toEqual(["150 wpm on average", "from 3 answers (131 wpm to 172 wpm)"]);
    expect(pointLines("overall_score", pt("2026-11-28", 79))).toEqual(["79/100", "from 1 answer"]);
  });
});

describe("yBounds", () => {
  it("keeps scores on 0–100 and the pace band in view", () => {
    expect(yBounds("delivery_score", [pt("d", 66)])).toEqual({ min: 0, max: 100 });
    expect(yBounds("wpm", [pt("d", 175.7)])).toEqual({ min: 80, max: 190 });
    expect(yBounds("wpm", [pt("d", 150, 2, 62, 214)])).toEqual({ min: 50, max: 230 });
  });
  it("starts rates at zero with headroom, even when all are zero", () => {
    expect(yBounds("long_pauses_per_min", [pt("d", 0)])).toEqual({ min: 0, max: 2 });
    expect(yBounds("fillers_per_min", [pt("d", 6.6)])).toEqual({ min: 0, max: 8.5 });
  });
});

describe("trendSummary", () => {
  it("gives the latest value with its meaning", () => {
    expect(trendSummary("wpm", seriesFor(view, "wpm", "day"), "day")).toBe(
      "Latest 176 wpm — fast: 11 wpm above the comfortable 100–165 band.",
    );
    expect(trendSummary("wpm", [], "day")).toBe("No answers in this range yet.");
  });

  it("says where the metric is heading and whether that is good", () => {
    const s = trendSummary("fillers_per_min", [pt("2026-11-02", 6.6), pt("2026-11-20", 3.1)], "day");
    expect(s).toMatch(/^Latest 3\.1 per min\. ↓ −3\.5 per min since .*2.*: better\.$/);
    const w = trendSummary("wpm", [pt("2026-11-02", 176), pt("2026-11-20", 150)], "week");
    expect(w).toMatch(/↓ −26 wpm since the week of .*: better \(now inside the 100–165 wpm band\)\.$/);
  });
});

describe("theme helpers", () => {
  it("adds alpha to hex colours only", () => {
    expect(withAlpha("#4338ca", 0.5)).toBe("rgba(67, 56, 202, 0.5)");
    expect(withAlpha("#fff", 0.2)).toBe("rgba(255, 255, 255, 0.2)");
    expect(withAlpha("rgb(1, 2, 3)", 0.2)).toBe("rgb(1, 2, 3)");
  });
  it("reads tokens from the root element", () => {
    document.documentElement.style.setProperty("--accent", " #123456");
    expect(readToken("--accent")).toBe("#123456");
    document.documentElement.style.removeProperty("--accent");
  });
});
