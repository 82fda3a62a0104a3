import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import models from "../fixtures/models.json";
import { useApp } from "../state";
import type { ModelList, Settings, SpeechInfo } from "../types";
import { SettingsScreen } from "./Settings";

const initial: Settings = {
  microphone: null,
  speak_questions: true,
  voice: null,
  speech_rate: 1,
  model: "tiny.en",
  think_time_s: 20,
  long_pause_s: 1.5,
  target_length: null,
  extra_fillers: [],
  ignored_fillers: [],
  theme: "system",
  follow_ups: true,
  mock_questions: 5,
};

/** The Rust settings store; `refuse` makes the next save fail with that message. */
function fakeBackend(opts: { refuse?: string; speech?: SpeechInfo } = {}) {
  const saves: Settings[] = [];
  let refuse = opts.refuse ?? null;
  mockIPC(
    (cmd, raw) => {
      const args = (raw ?? {}) as { settings?: Settings };
      switch (cmd) {
        case "save_settings":
          if (refuse) {
            const msg = refuse;
            refuse = null;
            throw msg;
          }
          saves.push(args.settings!);
          return args.settings;
        case "list_input_devices":
          return [];
        case "speech_info":
          return opts.speech ?? { available: true, reason: null, voices: [] };
        case "list_models":
          return { ...models, active: "tiny.en" };
        case "stop_speaking":
        case "mic_test_stop":
          return null;
        default:
          throw `unexpected command ${cmd}`;
      }
    },
    { shouldMockEvents: true },
  );
  return saves;
}

beforeEach(() =>
  useApp.setState({
    settings: initial,
    info: { version: "0.1.0", data_dir: "/tmp/rehearse-data", platform: "linux" },
    models: { ...models, active: "tiny.en" } as ModelList,
  }),
);
afterEach(() => {
  cleanup();
  clearMocks();
});

const save = () => fireEvent.click(screen.getByTestId("settings-save"));

describe("Settings", () => {
  it("refuses out-of-range values before saving and says which", async () => {
    const saves = fakeBackend();
    render(<SettingsScreen />);
    const longPause = screen.getByLabelText("Long pause (seconds)");
    fireEvent.change(longPause, { target: { value: "9" } });
    save();
    expect((await screen.findByRole("alert")).textContent).toMatch(/need fixing/);
    expect(longPause.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText("Enter a number of seconds from 0.5 to 5.")).toBeTruthy();
    expect(saves).toHaveLength(0);
  });

  it("saves typed values as numbers and filler words as a list", async () => {
    const saves = fakeBackend();
    render(<SettingsScreen />);
    fireEvent.change(screen.getByLabelText("Long pause (seconds)"), { target: { value: "2.5" } });
    fireEvent.click(screen.getByLabelText(/Use my own target length/));
    fireEvent.change(screen.getByLabelText("Shortest"), { target: { value: "60" } });
    fireEvent.change(screen.getByLabelText("longest"), { target: { value: "120" } });
    const extra = screen.getByLabelText("Extra filler words");
    fireEvent.change(extra, { target: { value: "Basically, sort of," } });
    expect(screen.getByRole("button", { name: "Remove “sort of”" })).toBeTruthy();
    save();
    await waitFor(() => expect(saves).toHaveLength(1));
    expect(saves[0]).toEqual({
      ...initial,
      long_pause_s: 2.5,
      target_length: { min_s: 60, max_s: 120 },
      extra_fillers: ["basically", "sort of"],
    });
    expect(await screen.findByText("Settings saved.")).toBeTruthy();
    expect(useApp.getState().settings!.long_pause_s).toBe(2.5);
  });

  it("shows the Rust side's refusal", async () => {
    fakeBackend({ refuse: "long_pause_s must be between 0.5 and 5 seconds, got 0.1" });
    render(<SettingsScreen />);
    fireEvent.change(screen.getByLabelText("Questions per interview"), { target: { value: "3" } });
    save();
    expect((await screen.findByRole("alert")).textContent).toBe("long_pause_s must be between 0.5 and 5 seconds, got 0.1");
  });

  it("applies the theme at once and keeps other edits pending", async () => {
    const saves = fakeBackend();
    render(<SettingsScreen />);
    fireEvent.change(screen.getByLabelText("Questions per interview"), { target: { value: "8" } });
    fireEvent.click(screen.getByLabelText(/Dark/));
    await waitFor(() => expect(saves).toHaveLength(1));
    expect(saves[0]).toEqual({ ...initial, theme: "dark" });
    expect((screen.getByLabelText("Questions per interview") as HTMLInputElement).value).toBe("8");
    expect(screen.getByText("You have unsaved changes.")).toBeTruthy();
  });

  it("explains when speech is unavailable", async () => {
    fakeBackend({ speech: { available: false, reason: "speech-dispatcher is not running.", voices: [] } });
    render(<SettingsScreen />);
    expect(await screen.findByText(/speech-dispatcher is not running\. Questions will be shown as text instead\./)).toBeTruthy();
    expect(screen.getByText("/tmp/rehearse-data")).toBeTruthy();
  });
});
