// Development preview only (vite dev server: /preview.html?route=report): renders the real App
// against recorded CLI output (src/fixtures) so screens can be looked at in a browser without the
// Rust side. It is not part of the production build (vite builds index.html only) and no test
// relies on it; the E2E suite drives the real app.
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { mockIPC } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import { App } from "../App";
import { useApp, type Route } from "../state";
import "../styles.css";
import cardsFile from "../fixtures/cards.json";
import report from "../fixtures/report.json";
import history from "../fixtures/history.json";
import attempt from "../fixtures/attempt.json";
import progress from "../fixtures/progress.json";
import models from "../fixtures/models.json";
import type { Settings } from "../types";

const params = new URLSearchParams(location.search);
const theme = params.get("theme");
let settings: Settings = {
  microphone: null,
  speak_questions: true,
  voice: null,
  speech_rate: 1,
  model: "tiny.en",
  think_time_s: 0,
  long_pause_s: 1,
  target_length: null,
  extra_fillers: [],
  ignored_fillers: [],
  theme: (theme as Settings["theme"]) ?? "system",
  follow_ups: true,
  mock_questions: 5,
};
const noModel = params.get("nomodel") === "1";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

mockIPC(
  async (cmd, args) => {
    const a = (args ?? {}) as Record<string, unknown>;
    switch (cmd) {
      case "app_info":
        return { version: "0.1.0", data_dir: "/home/user/.local/share/rehearse", platform: "linux" };
      case "list_cards":
        return cardsFile.cards.map((card) => ({ card, origin: "bank" }));
      case "practise_next":
        return progress.practise_next.slice(0, Number(a.limit ?? 5));
      case "get_settings":
        return settings;
      case "save_settings":
        settings = a.settings as Settings;
        return settings;
      case "list_input_devices":
        return [
          { name: "Default input", id: "default", is_default: true, default_rate: 48000, channels: 2, sample_format: "i16" },
          { name: "USB microphone", id: "hw:1,0", is_default: false, default_rate: 48000, channels: 1, sample_format: "i16" },
        ];
      case "mic_test_start":
        void (async () => {
          for (let i = 0; i < 200; i++) {
            await sleep(50);
            await emit("mic-level", { rms_db: -30 + 10 * Math.sin(i / 4), peak_db: -12, clipped: false, elapsed_s: i / 20 });
          }
        })();
        return null;
      case "speech_info":
        return { available: true, reason: null, voices: [{ id: "en-us", name: "English (America)", language: "en-US" }] };
      case "speak":
        await sleep(1500);
        return null;
      case "list_models":
        return { ...models, active: noModel ? null : "tiny.en", models: noModel ? models.models.map((m) => ({ ...m, installed: false, path: null })) : models.models };
      case "download_model":
        for (let i = 0; i <= 20; i++) {
          await sleep(100);
          await emit("model-progress", { name: a.name, stage: "download", done: i * 5_000_000, total: 100_000_000 });
        }
        return models.models[0];
      case "start_answer":
        void (async () => {
          const words = report.transcript.words;
          for (let i = 0; i < 100; i++) {
            await sleep(100);
            await emit("answer-level", { rms_db: -28 + 8 * Math.sin(i / 3), peak_db: -10, clipped: false, elapsed_s: i / 10 });
            if (i % 10 === 9) {
              const upto = words.slice(0, Math.min(words.length, (i + 1) * 2));
              await emit("answer-transcript", { text: upto.map((w) => w.text).join(" "), words: upto, covered_s: i / 10 });
            }
          }
        })();
        return { attempt_id: 1, device: "Default input", target: { min_s: 90, max_s: 180 } };
      case "stop_answer":
        await sleep(800);
        return { attempt_id: 1, report, stop_to_report_ms: 800 };
      case "cancel_answer":
        return null;
      case "list_attempts":
        return history;
      case "get_attempt":
        return { ...attempt, id: a.id, recording_abs: null };
      case "get_progress":
        return progress;
      case "card_attempts":
        return history.map((h) => ({ attempt: h, changes: [] }));
      case "attempt_peaks": {
        // An outline shaped like the fixture's speech: loud inside words, near silence between them.
        const dur = attempt.report.audio.duration_s;
        const n = Number(a.buckets ?? 2000);
        const ws = attempt.report.transcript.words;
        const peaks = Array.from({ length: n }, (_, i) => {
          const t = (i / n) * dur;
          return ws.some((w) => t >= w.start_s && t <= w.end_s) ? 0.25 + 0.55 * Math.abs(Math.sin(t * 13)) : 0.02;
        });
        return { peaks, duration_s: dur };
      }
      case "add_note": {
        const now = new Date().toISOString();
        return { id: Date.now() % 100000, attempt_id: a.attemptId, at_s: a.atS, text: a.text, created_at: now, updated_at: now };
      }
      case "update_note": {
        const now = new Date().toISOString();
        return { id: a.id, attempt_id: 1, at_s: a.atS, text: a.text, created_at: now, updated_at: now };
      }
      case "delete_note":
      case "delete_attempt":
      case "export_report":
        return null;
      case "export_data":
        return history.length;
      case "import_data":
        return { imported: 0, skipped_existing: history.length, notes: 0 };
      case "save_card":
        return { card: a.card, origin: "custom" };
      case "import_cards":
        return ["my-imported-card"];
      case "export_cards":
        return Array.isArray(a.ids) ? a.ids.length : 0;
      case "import_model":
      case "convert_model":
        return models.models[0];
      case "delete_card":
      case "delete_model":
      case "cancel_download":
      case "mic_test_stop":
      case "stop_speaking":
        return null;
      case "plugin:dialog|save":
        return `/home/user/Documents/${(a.options as { defaultPath?: string } | undefined)?.defaultPath ?? "export"}`;
      default:
        console.warn("preview: no canned answer for", cmd, a);
        return null;
    }
  },
  { shouldMockEvents: true },
);

const route = params.get("route");
if (route) {
  const id = params.get("id");
  const r: Route =
    route === "card" || route === "practice"
      ? ({ name: route, cardId: id ?? "tell-me-about-a-time-you-failed" } as Route)
      : route === "report" || route === "replay"
        ? ({ name: route, attemptId: Number(id ?? 1) } as Route)
        : route === "compare"
          ? { name: "compare", a: 1, b: 2 }
          : route === "card-edit"
            ? { name: "card-edit", cardId: id }
            : ({ name: route } as Route);
  // Applied after the shell's first load so onboarding logic does not override it.
  setTimeout(() => useApp.setState({ route: r }), 300);
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
