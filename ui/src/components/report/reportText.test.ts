import fixture from "../../fixtures/report.json";
import type { Report } from "../../types";
import {
  aboutName,
  actionShareAdvice,
  clock,
  contentVerdict,
  deliveryVerdict,
  lengthSentence,
  ownershipSentence,
  paceSentence,
  scoreBand,
} from "./reportText";

const report = fixture as unknown as Report;

describe("paceSentence", () => {
  it("places the pace against its band", () => {
    expect(paceSentence(175.7, [100, 165])).toBe("176 wpm — above the comfortable 100–165 band");
    expect(paceSentence(148, [100, 165])).toBe("148 wpm — inside the comfortable 100–165 band");
    expect(paceSentence(92.4, [100, 165])).toBe("92 wpm — below the comfortable 100–165 band");
    // The band's edges are inside.
    expect(paceSentence(165, [100, 165])).toContain("inside");
  });
});

describe("clock", () => {
  it("pads minutes and seconds", () => {
    expect(clock(0)).toBe("00:00");
    expect(clock(65.9)).toBe("01:05");
    expect(clock(600)).toBe("10:00");
    expect(clock(Number.NaN)).toBe("--:--");
  });
});

describe("verdicts", () => {
  it("names the delivery metric with the most points to win", () => {
    // Fillers lose 0.25 × 46 = 11.5 points, more than length (0.1 × 100) or pace (0.2 × 45).
    expect(deliveryVerdict(report.delivery)).toBe("Getting there — most to gain: fillers (6.6 per minute against ≤ 2)");
  });

  it("names the content part with the most points to win", () => {
    expect(contentVerdict(report.content)).toBe("Strong — most to gain: length (about 27 s for a target of 90–180 s)");
    expect(contentVerdict(null)).toMatch(/no question card/i);
  });

  it("says when there was no speech", () => {
    expect(deliveryVerdict({ ...report.delivery, speech_found: false })).toMatch(/no speech/i);
  });

  it("bands scores", () => {
    expect([90, 85, 84, 70, 69, 50, 49].map(scoreBand)).toEqual([
      "Strong",
      "Strong",
      "Good",
      "Good",
      "Getting there",
      "Getting there",
      "Needs work",
    ]);
  });
});

describe("content sentences", () => {
  it("advises on the Action share", () => {
    const shares = { situation: 0.3, task: 0.2, action: 0.15, result: 0.35, lesson: 0 };
    expect(actionShareAdvice(shares)).toBe("Your Action part was 15\u00a0% of the answer; aim for about half.");
    expect(actionShareAdvice({ ...shares, action: 0.46 })).toContain("about right");
  });

  it("reads ownership with its share", () => {
    expect(ownershipSentence({ i_actions: 5, we_actions: 2, i_share: 5 / 7 })).toMatch(/^5 actions with “I”, 2 with “we” — 71\u00a0% clearly yours\. Good/);
    expect(ownershipSentence({ i_actions: 1, we_actions: 4, i_share: 0.2 })).toMatch(/Say “I”/);
    expect(ownershipSentence({ i_actions: 0, we_actions: 0, i_share: null })).toMatch(/say who did what/);
  });

  it("places the length against the target", () => {
    expect(lengthSentence(27.32, { min_s: 90, max_s: 180 })).toBe("27.3 s — under the 90–180 s target");
    expect(lengthSentence(125, { min_s: 90, max_s: 180 })).toBe("2:05 — inside the 90–180 s target");
    expect(lengthSentence(200, { min_s: 90, max_s: 180 })).toContain("over");
    expect(lengthSentence(40, null)).toBe("40.0 s — no target length for this answer");
  });
});

describe("aboutName", () => {
  it("names delivery metrics and content kinds, never raw ids", () => {
    expect(aboutName("pace")).toBe("Pace");
    expect(aboutName("key_point:symptom-impact")).toBe("Key point");
    expect(aboutName("mistake:blame")).toBe("Common mistake");
    expect(aboutName("star_order")).toBe("Star order");
  });
});
