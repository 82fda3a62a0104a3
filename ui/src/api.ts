// Typed wrappers over the Rust commands and events. Keep names and shapes in step with
// src-tauri/src/commands/*.rs. Every command rejects with a string: the library's error message,
// written for the user.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type {
  Attempt,
  AttemptSummary,
  Card,
  CardAttempt,
  InputDevice,
  LibraryCard,
  ModelList,
  ModelStatus,
  Note,
  ProgressView,
  Report,
  Settings,
  SpeechInfo,
  Suggestion,
  Word,
} from "./types";

export interface AppInfo {
  version: string;
  data_dir: string;
  platform: string;
}

export interface AnswerStarted {
  attempt_id: number;
  /** The microphone actually opened. */
  device: string;
  /** The target window for this answer (card's or the settings' override). */
  target: { min_s: number; max_s: number } | null;
}

export interface AnswerResult {
  attempt_id: number;
  report: Report;
  /** Milliseconds from the stop command arriving to the report being stored. */
  stop_to_report_ms: number;
}

export interface AttemptDetail extends Attempt {
  /** Absolute path of the recording (for the asset protocol), null when it is gone. */
  recording_abs: string | null;
}

/** A recording's outline for drawing the waveform without decoding the audio. */
export interface Peaks {
  /** Max absolute sample per bucket, 0–1. */
  peaks: number[];
  duration_s: number;
}

export interface AttemptQuery {
  card_id?: string | null;
  search?: string | null;
  limit?: number | null;
}

export interface ProgressQueryArgs {
  card_id?: string | null;
  /** Only cards of this category (a card's `category`). */
  category?: string | null;
  /** Only the last N days. */
  days?: number | null;
}

// ---------- events ----------
export interface LevelEvent {
  rms_db: number;
  peak_db: number;
  clipped: boolean;
  elapsed_s: number;
}

/** The live transcript so far: everything transcribed during the recording. */
export interface LiveTranscriptEvent {
  text: string;
  words: Word[];
  /** Seconds of audio the text covers. */
  covered_s: number;
}

/** The recording ended by itself (device unplugged, disk full). The audio so far is kept. */
export interface AnswerInterruptedEvent {
  reason: string;
}

export interface ProgressEvent {
  stage: string;
  done: number;
  total: number | null;
}

export interface ModelProgressEvent extends ProgressEvent {
  name: string;
}

export const events = {
  answerLevel: "answer-level",
  liveTranscript: "answer-transcript",
  answerInterrupted: "answer-interrupted",
  analysisProgress: "analysis-progress",
  micLevel: "mic-level",
  modelProgress: "model-progress",
} as const;

export function on<T>(event: string, handler: (payload: T) => void): Promise<UnlistenFn> {
  return listen<T>(event, (e) => handler(e.payload));
}

export const api = {
  appInfo: () => invoke<AppInfo>("app_info"),

  // question cards
  listCards: () => invoke<LibraryCard[]>("list_cards"),
  /** Creates or replaces a custom card (bank cards cannot be edited; save a copy with a new id). */
  saveCard: (card: Card) => invoke<LibraryCard>("save_card", { card }),
  deleteCard: (id: string) => invoke<void>("delete_card", { id }),
  /** Imports custom cards from a JSON or Markdown file; all or nothing. Returns the new ids. */
  importCards: (path: string) => invoke<string[]>("import_cards", { path }),
  exportCards: (path: string, ids: string[] | null) =>
    invoke<number>("export_cards", { path, ids }),
  practiseNext: (limit: number) => invoke<Suggestion[]>("practise_next", { limit }),

  // settings, devices, voice
  getSettings: () => invoke<Settings>("get_settings"),
  saveSettings: (settings: Settings) => invoke<Settings>("save_settings", { settings }),
  listInputDevices: () => invoke<InputDevice[]>("list_input_devices"),
  /** Opens the microphone and sends "mic-level" events until micTestStop. */
  micTestStart: (device: string | null) => invoke<void>("mic_test_start", { device }),
  micTestStop: () => invoke<void>("mic_test_stop"),
  speechInfo: () => invoke<SpeechInfo>("speech_info"),
  /**
   * Speaks with the settings' voice and rate (or the given ones, e.g. to try a voice before
   * saving); resolves when the speech has finished or was stopped.
   */
  speak: (text: string, voice?: string | null, rate?: number | null) =>
    invoke<void>("speak", { text, voice: voice ?? null, rate: rate ?? null }),
  stopSpeaking: () => invoke<void>("stop_speaking"),

  // models
  listModels: () => invoke<ModelList>("list_models"),
  /** Downloads (or, offline, builds) a catalog model; "model-progress" events; resolves when installed. */
  downloadModel: (name: string) => invoke<ModelStatus>("download_model", { name }),
  cancelDownload: (name: string) => invoke<void>("cancel_download", { name }),
  importModel: (path: string) => invoke<ModelStatus>("import_model", { path }),
  /** Converts a faster-whisper (CTranslate2) model folder into a ggml model. */
  convertModel: (dir: string) => invoke<ModelStatus>("convert_model", { dir }),
  deleteModel: (name: string) => invoke<void>("delete_model", { name }),

  // practice
  /** Begins an attempt and starts recording; "answer-level" and "answer-transcript" follow. */
  startAnswer: (cardId: string | null, question: string | null) =>
    invoke<AnswerStarted>("start_answer", { cardId, question }),
  /** Stops, finishes the transcript, analyses and stores the attempt. */
  stopAnswer: () => invoke<AnswerResult>("stop_answer"),
  /** Stops and throws the answer away: no attempt, no recording is kept. */
  cancelAnswer: () => invoke<void>("cancel_answer"),

  // history, notes, progress, export
  listAttempts: (query: AttemptQuery) => invoke<AttemptSummary[]>("list_attempts", { query }),
  getAttempt: (id: number) => invoke<AttemptDetail>("get_attempt", { id }),
  /** The recording's waveform outline in `buckets` buckets (fast even for long recordings). */
  attemptPeaks: (id: number, buckets: number) => invoke<Peaks>("attempt_peaks", { id, buckets }),
  deleteAttempt: (id: number) => invoke<void>("delete_attempt", { id }),
  addNote: (attemptId: number, atS: number | null, text: string) =>
    invoke<Note>("add_note", { attemptId, atS, text }),
  updateNote: (id: number, text: string, atS: number | null) =>
    invoke<Note>("update_note", { id, text, atS }),
  deleteNote: (id: number) => invoke<void>("delete_note", { id }),
  progress: (query: ProgressQueryArgs) => invoke<ProgressView>("get_progress", { query }),
  cardAttempts: (cardId: string) => invoke<CardAttempt[]>("card_attempts", { cardId }),
  /** Writes every attempt to `path` as JSON or CSV (the CLI's `rehearse export` formats). */
  exportData: (path: string, format: "json" | "csv") =>
    invoke<number>("export_data", { path, format }),
  importData: (path: string) => invoke<{ imported: number; skipped_existing: number; notes: number }>("import_data", { path }),
  /** Writes one attempt's report as Markdown or a self-contained HTML file. */
  exportReport: (id: number, path: string, format: "markdown" | "html") =>
    invoke<void>("export_report", { id, path, format }),
};
