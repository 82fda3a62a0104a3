import attempt from "../../fixtures/attempt.json";
import type { Report } from "../../types";
import {
  findingRegions,
  formatClock,
  formatPosition,
  replayKeyAction,
  skipTarget,
  starRegions,
  wordAt,
} from "./timeline";

const report = attempt.report as unknown as Report;
const words = report.transcript.words;

describe("starRegions", () => {
  it("merges consecutive sentences with the same label into one section", () => {
    const regions = starRegions(report);
    // The fixture labels its sentences task, action ×5, result, lesson.
    expect(regions.map((r) => r.kind)).toEqual(["task", "action", "result", "lesson"]);
    const action = regions[1];
    expect(action.start).toBeCloseTo(5.02);
    expect(action.end).toBeCloseTo(17.92);
    expect(action.mark).toBe("A");
  });

  it("breaks a run at an unlabelled sentence", () => {
    const sentences = report.content!.sentences.map((s, i) => (i === 3 ? { ...s, label: "other" } : s));
    const regions = starRegions({ ...report, content: { ...report.content!, sentences } });
    expect(regions.map((r) => r.kind)).toEqual(["task", "action", "action", "result", "lesson"]);
    expect(regions[1].end).toBeCloseTo(10.47);
    expect(regions[2].start).toBeCloseTo(13.58);
  });

  it("is empty without a content report", () => {
    expect(starRegions({ ...report, content: null })).toEqual([]);
  });
});

describe("findingRegions", () => {
  it("lists fillers and only the long pauses, in time order", () => {
    const pauses = report.delivery.pauses.map((p, i) => (i === 1 ? { ...p, long: true, length_s: 1.84 } : p));
    const regions = findingRegions({ ...report, delivery: { ...report.delivery, pauses } });
    expect(regions.map((r) => r.kind)).toEqual(["filler", "filler", "pause", "filler"]);
    expect(regions[2].label).toBe("Long pause, 1.8 s");
    expect(regions[0].mark).toBe("so");
    for (let i = 1; i < regions.length; i += 1) expect(regions[i].start).toBeGreaterThanOrEqual(regions[i - 1].start);
  });
});

describe("wordAt", () => {
  it("finds the word being spoken", () => {
    expect(wordAt(words, 0.0)).toBe(-1);
    expect(wordAt(words, 0.7)).toBe(0);
    expect(words[1].text).toBe("um,");
    expect(wordAt(words, 1.3)).toBe(1);
    expect(wordAt(words, words[words.length - 1].start_s + 0.01)).toBe(words.length - 1);
  });

  it("holds the last word through a short gap but not through a long pause", () => {
    const w = [
      { text: "a", start_s: 1, end_s: 1.2, probability: 1, filler: false },
      { text: "b", start_s: 4, end_s: 4.3, probability: 1, filler: false },
    ];
    expect(wordAt(w, 1.4)).toBe(0);
    expect(wordAt(w, 2.5)).toBe(-1);
    expect(wordAt(w, 4.1)).toBe(1);
    expect(wordAt([], 3)).toBe(-1);
  });
});

describe("time text", () => {
  it("shows position and total with one decimal", () => {
    expect(formatPosition(12.34, 45)).toBe("12.3 / 45.0 s");
    expect(formatPosition(Number.NaN, 27.71)).toBe("0.0 / 27.7 s");
  });
  it("formats moments as m:ss.s", () => {
    expect(formatClock(0)).toBe("0:00.0");
    expect(formatClock(7.25)).toBe("0:07.3");
    expect(formatClock(59.96)).toBe("1:00.0");
    expect(formatClock(125.4)).toBe("2:05.4");
  });
  it("keeps skips inside the recording", () => {
    expect(skipTarget(3, -5, 30)).toBe(0);
    expect(skipTarget(27, 5, 30)).toBe(30);
    expect(skipTarget(10, 5, 30)).toBe(15);
  });
});

describe("replayKeyAction", () => {
  const key = (k: string, target: Partial<HTMLElement> | null = document.body, mods = {}) =>
    replayKeyAction({ key: k, ctrlKey: false, metaKey: false, altKey: false, target: target as EventTarget, ...mods });

  it("maps the replay shortcuts", () => {
    expect(key(" ")).toBe("toggle");
    expect(key("ArrowLeft")).toBe("back");
    expect(key("ArrowRight")).toBe("forward");
    expect(key("m")).toBe("note");
    expect(key("N")).toBe("note");
    expect(key("x")).toBeNull();
  });

  it("leaves typing and modified keys alone", () => {
    const input = document.createElement("input");
    const textarea = document.createElement("textarea");
    expect(key("m", input)).toBeNull();
    expect(key(" ", textarea)).toBeNull();
    expect(key("ArrowLeft", input)).toBeNull();
    expect(key("m", document.body, { ctrlKey: true })).toBeNull();
  });

  it("lets a focused button take Space itself", () => {
    const button = document.createElement("button");
    expect(key(" ", button)).toBeNull();
    expect(key("ArrowRight", button)).toBe("forward");
  });
});

describe("mediaErrorText", () => {
  it("puts the browser's media error codes into words", async () => {
    const { mediaErrorText } = await import("./Waveform");
    expect(mediaErrorText(new Error("Media error 4"))).toBe("the file is missing or its format is not supported");
    expect(mediaErrorText(new Error("Media error 3"))).toMatch(/could not be decoded/);
    expect(mediaErrorText(new Error("fetch failed: 404"))).toBe("fetch failed: 404");
  });
});
