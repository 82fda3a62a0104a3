import { metricChange, signedNumber } from "./change";
import { distanceFromBand, formatMetric, formatPracticeTime, paceMeaning, relativeTime } from "./metrics";

describe("metricChange", () => {
  it("higher scores are better", () => {
    const c = metricChange("overall_score", 64, 79);
    expect(c).toMatchObject({ arrow: "↑", verdict: "better", signed: "+15" });
    expect(metricChange("content_score", 92, 80)).toMatchObject({ arrow: "↓", verdict: "worse", signed: "−12" });
  });

  it("fewer fillers and long pauses are better", () => {
    expect(metricChange("fillers_per_min", 6.6, 2.1)).toMatchObject({ arrow: "↓", verdict: "better", signed: "−4.5" });
    expect(metricChange("long_pauses_per_min", 0, 1.2)).toMatchObject({ arrow: "↑", verdict: "worse", signed: "+1.2" });
  });

  it("ignores differences too small to show", () => {
    expect(metricChange("delivery_score", 66, 66.3)).toMatchObject({ arrow: "→", verdict: "same", signed: "0" });
    expect(metricChange("fillers_per_min", 6.6, 6.62)).toMatchObject({ verdict: "same", signed: "0.0" });
  });

  it("judges pace by distance from the comfortable band, not by direction", () => {
    // Slowing from 176 to 158 wpm moves inside 100–165: better, although the number went down.
    expect(metricChange("wpm", 175.7, 158)).toMatchObject({ arrow: "↓", verdict: "better", why: "now inside the 100–165 wpm band" });
    // Speeding up from 80 to 95 is also better: closer to the band from below.
    expect(metricChange("wpm", 80, 95)).toMatchObject({ arrow: "↑", verdict: "better", why: "closer to the 100–165 wpm band" });
    expect(metricChange("wpm", 150, 180)).toMatchObject({ verdict: "worse", why: "now outside the 100–165 wpm band" });
    expect(metricChange("wpm", 120, 150)).toMatchObject({ verdict: "same", why: "both inside the 100–165 wpm band" });
    expect(metricChange("wpm", 90, 175)).toMatchObject({ verdict: "changed", why: "as far from the 100–165 wpm band" });
  });

  it("judges length against the card's target window, and only states it without one", () => {
    expect(metricChange("duration_s", 27.7, 95, { band: [90, 180] })).toMatchObject({
      verdict: "better",
      why: "now inside the 90–180 s target",
    });
    expect(metricChange("duration_s", 27.7, 95, { band: null })).toMatchObject({ verdict: "changed", signed: "+67" });
  });
});

describe("metric text", () => {
  it("signs with a real minus", () => {
    expect(signedNumber(-0.04, 1)).toBe("0.0");
    expect(signedNumber(-3.26, 1)).toBe("−3.3");
  });
  it("formats values with their unit", () => {
    expect(formatMetric("wpm", 175.7)).toBe("176 wpm");
    expect(formatMetric("fillers_per_min", 6.6)).toBe("6.6 per min");
    expect(formatMetric("overall_score", 79)).toBe("79/100");
    expect(formatMetric("duration_s", 65.4)).toBe("1:05");
    expect(formatMetric("wpm", null)).toBe("—");
  });
  it("explains pace against its band", () => {
    expect(paceMeaning(148)).toBe("inside the comfortable 100–165 band");
    expect(paceMeaning(175.7)).toBe("fast: 11 wpm above the comfortable 100–165 band");
    expect(paceMeaning(90)).toBe("slow: 10 wpm under the comfortable 100–165 band");
    expect(distanceFromBand(120, [100, 165])).toBe(0);
  });
  it("says how long ago in calendar terms", () => {
    const now = new Date(2026, 10, 28, 9, 0);
    expect(relativeTime(new Date(2026, 10, 28, 8, 59, 30).toISOString(), now)).toBe("just now");
    expect(relativeTime(new Date(2026, 10, 28, 7, 0).toISOString(), now)).toBe("2 hours ago");
    expect(relativeTime(new Date(2026, 10, 27, 8, 0).toISOString(), now)).toBe("yesterday");
    expect(relativeTime(new Date(2026, 10, 25, 23, 0).toISOString(), now)).toBe("3 days ago");
    expect(relativeTime(new Date(2026, 10, 10, 12, 0).toISOString(), now)).toBe("2 weeks ago");
    expect(relativeTime(new Date(2026, 6, 1).toISOString(), now)).toBe("4 months ago");
  });
  it("totals practice time", () => {
    expect(formatPracticeTime(55.42)).toBe("55 s");
    expect(formatPracticeTime(754)).toBe("13 min");
    expect(formatPracticeTime(3900)).toBe("1 h 05 min");
  });
});
