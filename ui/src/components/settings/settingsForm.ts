// The Settings screen's form model: numbers kept as typed text until saved, so a half-typed
// value never turns into NaN in the store, and the ranges checked before the Rust side sees them.
import type { Settings } from "../../types";

export interface SettingsDraft {
  microphone: string | null;
  speak_questions: boolean;
  voice: string | null;
  speech_rate: number;
  model: string;
  think_time_s: string;
  long_pause_s: string;
  target_override: boolean;
  target_min_s: string;
  target_max_s: string;
  extra_fillers: string[];
  ignored_fillers: string[];
  theme: Settings["theme"];
  follow_ups: boolean;
  mock_questions: string;
}

export type SettingsErrors = Partial<
  Record<"think_time_s" | "long_pause_s" | "target_length" | "mock_questions" | "speech_rate", string>
>;

export const RANGES = {
  long_pause_s: [0.5, 5],
  speech_rate: [0.5, 2],
  mock_questions: [1, 10],
  think_time_s: [0, 300],
  target_s: [10, 1200],
} as const;

export function toDraft(s: Settings): SettingsDraft {
  return {
    microphone: s.microphone,
    speak_questions: s.speak_questions,
    voice: s.voice,
    speech_rate: s.speech_rate,
    model: s.model,
    think_time_s: String(s.think_time_s),
    long_pause_s: String(s.long_pause_s),
    target_override: s.target_length !== null,
    target_min_s: String(s.target_length?.min_s ?? 90),
    target_max_s: String(s.target_length?.max_s ?? 180),
    extra_fillers: [...s.extra_fillers],
    ignored_fillers: [...s.ignored_fillers],
    theme: s.theme,
    follow_ups: s.follow_ups,
    mock_questions: String(s.mock_questions),
  };
}

/** A number typed into a field, or null when it is blank or not a number. */
function num(text: string): number | null {
  if (!text.trim()) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

export function fromDraft(
  d: SettingsDraft,
): { settings: Settings; errors: null } | { settings: null; errors: SettingsErrors } {
  const errors: SettingsErrors = {};
  const longPause = num(d.long_pause_s);
  if (longPause === null || longPause < RANGES.long_pause_s[0] || longPause > RANGES.long_pause_s[1]) {
    errors.long_pause_s = "Enter a number of seconds from 0.5 to 5.";
  }
  const think = num(d.think_time_s);
  if (think === null || think < RANGES.think_time_s[0] || think > RANGES.think_time_s[1]) {
    errors.think_time_s = "Enter whole seconds from 0 (no think time) to 300.";
  } else if (!Number.isInteger(think)) {
    errors.think_time_s = "Enter whole seconds, e.g. 20.";
  }
  const mock = num(d.mock_questions);
  if (mock === null || !Number.isInteger(mock) || mock < 1 || mock > 10) {
    errors.mock_questions = "Choose 1 to 10 questions.";
  }
  if (d.speech_rate < RANGES.speech_rate[0] || d.speech_rate > RANGES.speech_rate[1]) {
    errors.speech_rate = "Choose a speed from 0.5× to 2×.";
  }
  let target: Settings["target_length"] = null;
  if (d.target_override) {
    const min = num(d.target_min_s);
    const max = num(d.target_max_s);
    if (
      min === null || max === null || !Number.isInteger(min) || !Number.isInteger(max) ||
      min < RANGES.target_s[0] || max > RANGES.target_s[1] || min >= max
    ) {
      errors.target_length = "Enter whole seconds with 10 ≤ shortest < longest ≤ 1200, e.g. 90 and 180.";
    } else {
      target = { min_s: min, max_s: max };
    }
  }
  if (Object.keys(errors).length > 0) return { settings: null, errors };
  return {
    errors: null,
    settings: {
      microphone: d.microphone,
      speak_questions: d.speak_questions,
      voice: d.voice,
      speech_rate: Math.round(d.speech_rate * 100) / 100,
      model: d.model,
      think_time_s: think!,
      long_pause_s: longPause!,
      target_length: target,
      extra_fillers: d.extra_fillers,
      ignored_fillers: d.ignored_fillers,
      theme: d.theme,
      follow_ups: d.follow_ups,
      mock_questions: mock!,
    },
  };
}

/** Adds words typed as "like, basically" to a list: lower case, trimmed, no repeats. */
export function addWords(list: string[], typed: string): string[] {
  const out = [...list];
  for (const part of typed.split(",")) {
    const w = part.trim().toLowerCase().replace(/\s+/g, " ");
    if (w && !out.includes(w)) out.push(w);
  }
  return out;
}

/** Whether the form differs from the saved settings (drafts keep toDraft's key order). */
export function hasChanges(saved: Settings, draft: SettingsDraft): boolean {
  return JSON.stringify(toDraft(saved)) !== JSON.stringify(draft);
}

/** "1.0× — normal speed", "0.8× — slower than normal". */
export function describeRate(rate: number): string {
  const r = `${rate.toFixed(1)}×`;
  if (Math.abs(rate - 1) < 0.05) return `${r} — normal speed`;
  return rate < 1 ? `${r} — slower than normal` : `${r} — faster than normal`;
}
