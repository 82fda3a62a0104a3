import type { Settings } from "../../types";
import { addWords, describeRate, fromDraft, hasChanges, toDraft } from "./settingsForm";

const saved: Settings = {
  microphone: null,
  speak_questions: true,
  voice: null,
  speech_rate: 1,
  model: "tiny.en",
  think_time_s: 20,
  long_pause_s: 1.5,
  target_length: null,
  extra_fillers: ["basically"],
  ignored_fillers: [],
  theme: "system",
  follow_ups: true,
  mock_questions: 5,
};

describe("settings form", () => {
  it("round-trips saved settings", () => {
    expect(fromDraft(toDraft(saved)).settings).toEqual(saved);
    const withTarget = { ...saved, target_length: { min_s: 60, max_s: 120 } };
    expect(fromDraft(toDraft(withTarget)).settings).toEqual(withTarget);
    expect(hasChanges(saved, toDraft(saved))).toBe(false);
    expect(hasChanges(saved, { ...toDraft(saved), long_pause_s: "2" })).toBe(true);
  });

  it("parses typed numbers", () => {
    const s = fromDraft({ ...toDraft(saved), long_pause_s: "2.5", think_time_s: "0", mock_questions: "10" }).settings!;
    expect(s.long_pause_s).toBe(2.5);
    expect(s.think_time_s).toBe(0);
    expect(s.mock_questions).toBe(10);
  });

  it("rejects values out of range with a message per field", () => {
    const { errors } = fromDraft({
      ...toDraft(saved),
      long_pause_s: "0.2",
      think_time_s: "-1",
      mock_questions: "11",
      target_override: true,
      target_min_s: "200",
      target_max_s: "100",
    });
    expect(Object.keys(errors!).sort()).toEqual(["long_pause_s", "mock_questions", "target_length", "think_time_s"]);
    expect(fromDraft({ ...toDraft(saved), long_pause_s: "" }).errors!.long_pause_s).toBeDefined();
    expect(fromDraft({ ...toDraft(saved), mock_questions: "2.5" }).errors!.mock_questions).toBeDefined();
  });

  it("ignores the target window while the override is off", () => {
    const s = fromDraft({ ...toDraft(saved), target_override: false, target_min_s: "x" }).settings!;
    expect(s.target_length).toBeNull();
  });

  it("adds comma separated words once, in lower case", () => {
    expect(addWords(["um"], " Like, you  KNOW ,um,, ")).toEqual(["um", "like", "you know"]);
  });

  it("describes the speaking rate", () => {
    expect(describeRate(1)).toBe("1.0× — normal speed");
    expect(describeRate(0.8)).toBe("0.8× — slower than normal");
    expect(describeRate(1.5)).toBe("1.5× — faster than normal");
  });
});
