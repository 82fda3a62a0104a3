import type { MetricChange, Suggestion } from "../../types";
import { calendarDaysBetween, describeSuggestion, formatTarget, overallChange } from "./describe";

const base: Suggestion = {
  card_id: "x",
  kind: "due",
  due_at: null,
  interval_days: 1,
  last_practised: "2026-11-20T10:00:00Z",
  last_score: 62,
  attempts: 1,
};
const now = new Date(2026, 10, 28, 15, 0); // 28 Nov 2026, local time

describe("formatTarget", () => {
  it("uses minutes for normal answers and seconds for short ones", () => {
    expect(formatTarget({ min_s: 90, max_s: 180 })).toBe("1.5–3 min");
    expect(formatTarget({ min_s: 60, max_s: 120 })).toBe("1–2 min");
    expect(formatTarget({ min_s: 30, max_s: 90 })).toBe("30–90 s");
  });
});

describe("describeSuggestion", () => {
  it("explains a due card with its last score", () => {
    const due = { ...base, due_at: new Date(2026, 10, 28, 9, 0).toISOString() };
    expect(describeSuggestion(due, now)).toBe("last scored 62 — due again today");
  });
  it("says how long an overdue card has waited", () => {
    const due = { ...base, due_at: new Date(2026, 10, 25, 9, 0).toISOString(), last_score: 48.6 };
    expect(describeSuggestion(due, now)).toBe("last scored 49 — due again since 3 days ago");
  });
  it("counts the days to an upcoming review", () => {
    const up = { ...base, kind: "upcoming" as const, due_at: new Date(2026, 11, 2, 12, 0).toISOString(), last_score: 79 };
    expect(describeSuggestion(up, now)).toBe("last scored 79 — next review in 4 days");
    const tomorrow = { ...up, due_at: new Date(2026, 10, 29, 8, 0).toISOString() };
    expect(describeSuggestion(tomorrow, now)).toBe("last scored 79 — next review tomorrow");
  });
  it("calls never-practised cards new", () => {
    expect(describeSuggestion({ ...base, kind: "new", attempts: 0, last_score: null }, now)).toBe("not practised yet");
  });
  it("counts calendar days, not 24-hour periods", () => {
    expect(calendarDaysBetween(new Date(2026, 0, 1, 23, 59), new Date(2026, 0, 2, 0, 1))).toBe(1);
  });
});

describe("overallChange", () => {
  const change = (delta: number, improved: boolean | null): MetricChange[] => [
    { metric: "wpm", previous: 150, current: 140, delta: -10, improved: null },
    { metric: "overall_score", previous: 70, current: 70 + delta, delta, improved },
  ];
  it("signs the overall score's change", () => {
    expect(overallChange(change(7.6, true))).toEqual({ text: "+8 since last time", improved: true });
    expect(overallChange(change(-4, false))).toEqual({ text: "−4 since last time", improved: false });
    expect(overallChange(change(0.2, null))).toEqual({ text: "same as last time", improved: null });
  });
  it("is null for a first attempt", () => {
    expect(overallChange([])).toBeNull();
  });
});
