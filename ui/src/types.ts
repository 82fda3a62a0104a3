// Shapes of the JSON the Rust side sends. They mirror the serde types of the `rehearse` library
// (questions::Card, analysis::report::Report, store::*, asr::manager::ModelStatus, settings::Settings).
// Real examples produced by the CLI live in ./fixtures/*.json.

// ---------- question cards ----------
export interface RubricItem {
  id: string;
  text: string;
  cues: string[];
}

export interface Card {
  id: string;
  question: string;
  prompt: string;
  category: string;
  difficulty: "easy" | "medium" | "hard";
  leadership_principles: string[];
  tags: string[];
  star: boolean;
  why_asked: string;
  how_to_answer: string[];
  sample_answer: string;
  follow_ups: string[];
  target_length: { min_s: number; max_s: number };
  key_points: RubricItem[];
  mistakes: RubricItem[];
}

export type CardOrigin = "bank" | "custom";

export interface LibraryCard {
  card: Card;
  origin: CardOrigin;
}

// ---------- transcript and report ----------
export interface Word {
  text: string;
  start_s: number;
  end_s: number;
  probability: number;
  filler: boolean;
}

export interface Transcript {
  text: string;
  words: Word[];
}

export interface TimedItem {
  text: string;
  start_s: number;
  end_s: number;
}

export interface FillerItem extends TimedItem {
  source: "transcript" | "audio";
}

export interface Pause {
  start_s: number;
  end_s: number;
  length_s: number;
  long: boolean;
  mid_sentence: boolean;
}

export interface Metric {
  norm: string;
  tip: string;
}

export interface ScorePart {
  metric: string;
  score: number;
  weight: number;
  detail: string;
}

export interface Delivery {
  wpm: number;
  articulation_wpm: number;
  fillers: Metric & {
    count: number;
    per_minute: number;
    by_word: Record<string, number>;
    items: FillerItem[];
  };
  pauses: Pause[];
  speech_found: boolean;
  word_count: number;
  answer: { start_s: number; end_s: number; duration_s: number } | null;
  speaking_time_s: number;
  pace: Metric & {
    wpm: number;
    articulation_wpm: number;
    band_wpm: [number, number];
    verdict: "slow" | "good" | "fast" | string;
    timeline: { start_s: number; end_s: number; wpm: number; verdict: string }[];
    fast_share: number;
    slow_share: number;
  };
  pausing: Metric & {
    count: number;
    per_minute: number;
    long_count: number;
    mid_sentence_count: number;
    longest_s: number;
    total_s: number;
  };
  hedges: Metric & {
    count: number;
    per_minute: number;
    by_phrase: Record<string, number>;
    items: TimedItem[];
  };
  repetitions: Metric & { count: number; per_minute: number; items: TimedItem[] };
  length: Metric & {
    duration_s: number;
    target: { min_s: number; max_s: number } | null;
    verdict: string;
  };
  energy: Metric & {
    variation_db: number | null;
    end_drop_db: number | null;
    sentences_checked: number;
    fading: boolean;
  };
  pitch: Metric & {
    median_hz: number | null;
    variation_semitones: number | null;
    range_semitones: number | null;
    voiced_s: number;
    monotone: boolean;
  };
  score: { score: number; breakdown: ScorePart[] };
  notes: string[];
}

export type StarPart = "situation" | "task" | "action" | "result" | "lesson";

export interface Evidence {
  sentence: number;
  quote: string;
  /** Character offsets into the transcript text. */
  start: number;
  end: number;
  start_s: number | null;
  end_s: number | null;
}

export interface Sentence {
  index: number;
  text: string;
  start: number;
  end: number;
  start_s: number | null;
  end_s: number | null;
  label: StarPart | "other" | string;
  labelled_by_evidence: boolean;
}

export interface ContentReport {
  score: number;
  breakdown: { id: string; label: string; points: number; max: number; detail: string }[];
  star: Record<StarPart, boolean>;
  structure: { shares: Record<StarPart, number>; order: StarPart[]; in_order: boolean };
  sentences: Sentence[];
  key_points: {
    id: string;
    text: string;
    covered: boolean;
    /** Absent when the point was not covered. */
    evidence?: Evidence;
    cues_matched: number;
  }[];
  mistakes: { id: string; text: string; evidence: Evidence }[];
  impact: { quantified: boolean; qualitative: boolean; items: Evidence[] };
  ownership: { i_actions: number; we_actions: number; i_share: number | null };
  blame: Evidence[];
  lesson: { lesson: Evidence | null; change: Evidence | null };
  vagueness: { count: number; per_100_words: number; items: Evidence[]; hypothetical: Evidence[] };
  humble_brag: Evidence[];
  flags: { id: string; message: string }[];
  tips: { id: string; text: string; gain: number; evidence: Evidence | null }[];
  word_count: number;
  duration_s: number;
}

export interface Report {
  schema: "rehearse.report/1";
  question: { id: string | null; text: string } | null;
  model: string;
  audio: { duration_s: number };
  transcript: Transcript;
  delivery: Delivery;
  content: ContentReport | null;
  overall: {
    score: number;
    verdict: string;
    delivery_score: number;
    content_score: number | null;
  };
  next_time: { area: "delivery" | "content"; about: string; text: string; gain: number }[];
}

// ---------- store ----------
export interface Metrics {
  duration_s: number | null;
  wpm: number | null;
  articulation_wpm: number | null;
  filler_count: number | null;
  fillers_per_min: number | null;
  pause_count: number | null;
  long_pause_count: number | null;
  long_pauses_per_min: number | null;
  delivery_score: number | null;
  content_score: number | null;
  overall_score: number | null;
}

export type AttemptStatus = "recording" | "analysing" | "done" | "failed";

export interface AttemptSummary {
  id: number;
  uid: string;
  card_id: string | null;
  question: string;
  started_at: string;
  utc_offset_s: number;
  ended_at: string | null;
  status: AttemptStatus;
  error: string | null;
  /** Relative to the data folder. */
  recording_path: string | null;
  model: string | null;
  app_version: string;
  metrics: Metrics;
}

export interface Note {
  id: number;
  attempt_id: number;
  at_s: number | null;
  text: string;
  created_at: string;
  updated_at: string;
}

export interface Attempt extends AttemptSummary {
  transcript: Transcript | null;
  report: Report | null;
  notes: Note[];
}

export interface TrendPoint {
  start: string;
  count: number;
  mean: number;
  min: number;
  max: number;
}

export type MetricKind =
  | "wpm"
  | "fillers_per_min"
  | "long_pauses_per_min"
  | "delivery_score"
  | "content_score"
  | "overall_score"
  | string;

export interface MetricTrend {
  metric: MetricKind;
  by_day: TrendPoint[];
  by_week: TrendPoint[];
}

export interface ProgressReport {
  totals: {
    attempts: number;
    cards: number;
    first_at: string | null;
    last_at: string | null;
    practice_s: number;
  };
  trends: MetricTrend[];
  bests: { metric: MetricKind; value: number; attempt_id: number; card_id: string | null; at: string }[];
  streak: { current_days: number; longest_days: number; last_day: string | null };
}

export interface Suggestion {
  card_id: string;
  kind: "due" | "new" | "upcoming";
  due_at: string | null;
  interval_days: number;
  last_practised: string | null;
  last_score: number | null;
  attempts: number;
}

export interface ProgressView {
  progress: ProgressReport;
  practise_next: Suggestion[];
}

export interface MetricChange {
  metric: MetricKind;
  previous: number;
  current: number;
  delta: number;
  /** null when the metric has no better direction (pace) or did not change. */
  improved: boolean | null;
}

export interface CardAttempt {
  attempt: AttemptSummary;
  /** Empty for the card's first attempt. */
  changes: MetricChange[];
}

// ---------- models ----------
export interface ModelStatus {
  name: string;
  description: string | null;
  english_only: boolean;
  in_catalog: boolean;
  installed: boolean;
  offline_fallback: boolean;
  origin: Record<string, unknown> | null;
  partial_bytes: number | null;
  path: string | null;
  quantization: string | null;
  sha256: string | null;
  size: number | null;
}

export interface ModelList {
  models: ModelStatus[];
  models_dir: string;
  /** The model practice uses (settings), if it is installed. */
  active: string | null;
}

// ---------- settings ----------
export type Theme = "system" | "light" | "dark";

export interface Settings {
  /** Input device name; null = the system default. */
  microphone: string | null;
  /** Read questions aloud. */
  speak_questions: boolean;
  /** Voice id from list_voices; null = the engine's default. */
  voice: string | null;
  /** 0.5–2.0 times the engine's normal rate. */
  speech_rate: number;
  /** Whisper model name (see list_models). */
  model: string;
  /** Seconds to think before recording starts; 0 = no think timer. */
  think_time_s: number;
  /** A pause at least this long counts as long. */
  long_pause_s: number;
  /** Overrides every card's target length when set. */
  target_length: { min_s: number; max_s: number } | null;
  /** Extra words counted as fillers, on top of the built-in list. */
  extra_fillers: string[];
  /** Built-in fillers the user does not want counted. */
  ignored_fillers: string[];
  theme: Theme;
  /** Mock interviews: ask one of the card's follow-ups after each answer. */
  follow_ups: boolean;
  /** Questions in a mock interview. */
  mock_questions: number;
}

// ---------- devices and voices ----------
export interface InputDevice {
  name: string;
  /** The host's identifier; pass this as Settings.microphone. */
  id: string;
  is_default: boolean;
  default_rate: number;
  channels: number;
  sample_format: string;
}

export interface Voice {
  id: string;
  name: string;
  language: string | null;
}

export interface SpeechInfo {
  available: boolean;
  /** Why speech is unavailable, in words for the user. */
  reason: string | null;
  voices: Voice[];
}
