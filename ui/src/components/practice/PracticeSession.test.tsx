import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import cardFile from "../../fixtures/card.json";
import fixture from "../../fixtures/report.json";
import type { AnswerResult } from "../../api";
import { useApp } from "../../state";
import type { Card, Report } from "../../types";
import { PracticeSession } from "./PracticeSession";

const card = cardFile as unknown as Card;
const report = fixture as unknown as Report;

interface Backend {
  calls: { cmd: string; args: Record<string, unknown> }[];
  /** Ends the current speak call, as the engine does when the sentence is spoken. */
  finishSpeaking: () => void;
}

function backend(opts: {
  speech?: { available: boolean; reason: string | null };
  start?: string;
  stop?: string;
  target?: { min_s: number; max_s: number } | null;
} = {}): Backend {
  const calls: Backend["calls"] = [];
  let finish: () => void = () => undefined;
  mockIPC(
    async (cmd, raw) => {
      const args = (raw ?? {}) as Record<string, unknown>;
      calls.push({ cmd, args });
      switch (cmd) {
        case "speech_info":
          return { ...(opts.speech ?? { available: true, reason: null }), voices: [] };
        case "speak":
          await new Promise<void>((resolve) => (finish = resolve));
          return null;
        case "stop_speaking":
          finish();
          return null;
        case "start_answer":
          if (opts.start) throw opts.start;
          return { attempt_id: 12, device: "USB microphone", target: opts.target === undefined ? { min_s: 90, max_s: 180 } : opts.target };
        case "stop_answer":
          if (opts.stop) throw opts.stop;
          return { attempt_id: 12, report, stop_to_report_ms: 640 } satisfies AnswerResult;
        case "cancel_answer":
          return null;
        default:
          throw `unexpected ${cmd}`;
      }
    },
    { shouldMockEvents: true },
  );
  return { calls, finishSpeaking: () => finish() };
}

function session(props: Partial<Parameters<typeof PracticeSession>[0]> = {}) {
  const onResult = vi.fn();
  render(
    <PracticeSession
      card={card}
      speak={false}
      thinkTime={0}
      renderResult={(r) => <p data-testid="result">report for attempt {r.attempt_id}</p>}
      onResult={onResult}
      {...props}
    />,
  );
  return { onResult };
}

const named = (calls: Backend["calls"], cmd: string) => calls.filter((c) => c.cmd === cmd);

afterEach(() => {
  cleanup();
  clearMocks();
  useApp.setState({ route: { name: "library" }, history: [] });
});

describe("PracticeSession", () => {
  it("records with Space, shows live words, stops with Space and reports", async () => {
    const { calls } = backend();
    const { onResult } = session();
    expect(screen.getByTestId("practice-question").textContent).toBe(card.question);
    const button = screen.getByTestId("record-toggle");
    expect(button.getAttribute("aria-pressed")).toBe("false");
    expect(button.textContent).toContain("Start answering (Space)");

    fireEvent.keyDown(document.body, { key: " ", code: "Space" });
    await waitFor(() => expect(button.getAttribute("aria-pressed")).toBe("true"));
    expect(named(calls, "start_answer")[0].args).toEqual({ cardId: card.id, question: null });
    expect(button.textContent).toContain("Stop (Space)");
    expect(screen.getByText(/target 90–180 s/)).toBeTruthy();
    expect(screen.getByText(/stops by itself at 04:30/)).toBeTruthy();

    expect(screen.getByTestId("live-transcript").textContent).toBe("Your words appear here as you speak");
    await act(() => emit("answer-transcript", { text: "So, um, in my second year", words: [], covered_s: 2 }));
    await waitFor(() => expect(screen.getByTestId("live-transcript").textContent).toBe("So, um, in my second year"));
    await act(() => emit("answer-level", { rms_db: -30, peak_db: -1, clipped: true, elapsed_s: 2 }));
    await waitFor(() => expect(screen.getByTestId("level-meter").getAttribute("aria-valuenow")).toBe("-30"));
    expect(screen.getByText(/Too loud/)).toBeTruthy();

    fireEvent.keyDown(document.body, { key: " ", code: "Space" });
    expect(await screen.findByTestId("result")).toBeTruthy();
    expect(named(calls, "stop_answer")).toHaveLength(1);
    expect(onResult).toHaveBeenCalledWith(expect.objectContaining({ attempt_id: 12 }));
    // The question stays visible above the report.
    expect(screen.getByTestId("practice-question")).toBeTruthy();
  });

  it("shows a start failure with a way to Settings and stays usable", async () => {
    backend({ start: "No microphone found. Plug one in or choose another in Settings." });
    session();
    fireEvent.click(screen.getByTestId("record-toggle"));
    const error = await screen.findByTestId("practice-error");
    expect(error.getAttribute("role")).toBe("alert");
    expect(error.textContent).toContain("No microphone found");
    expect((screen.getByTestId("record-toggle") as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(screen.getByRole("button", { name: /open settings/i }));
    expect(useApp.getState().route).toEqual({ name: "settings" });
  });

  it("shows an analysis failure", async () => {
    backend({ stop: "The speech model is missing: download one in Settings." });
    session();
    fireEvent.click(screen.getByTestId("record-toggle"));
    await waitFor(() => expect(screen.getByTestId("record-toggle").getAttribute("aria-pressed")).toBe("true"));
    fireEvent.click(screen.getByTestId("record-toggle"));
    expect((await screen.findByTestId("practice-error")).textContent).toContain("speech model is missing");
    expect(screen.queryByTestId("result")).toBeNull();
  });

  it("Escape discards the answer", async () => {
    const { calls } = backend();
    session();
    fireEvent.click(screen.getByTestId("record-toggle"));
    await waitFor(() => expect(screen.getByTestId("record-toggle").getAttribute("aria-pressed")).toBe("true"));
    fireEvent.keyDown(document.body, { key: "Escape" });
    expect(await screen.findByText("Answer discarded — nothing was kept.")).toBeTruthy();
    expect(named(calls, "cancel_answer")).toHaveLength(1);
    expect(named(calls, "stop_answer")).toHaveLength(0);
    expect(screen.getByTestId("record-toggle").getAttribute("aria-pressed")).toBe("false");
  });

  it("stops and keeps the audio when the recording is interrupted", async () => {
    const { calls } = backend();
    session();
    fireEvent.click(screen.getByTestId("record-toggle"));
    await waitFor(() => expect(screen.getByTestId("record-toggle").getAttribute("aria-pressed")).toBe("true"));
    await act(() => emit("answer-interrupted", { reason: "the microphone was unplugged" }));
    expect(await screen.findByText(/The recording stopped: the microphone was unplugged/)).toBeTruthy();
    await screen.findByTestId("result");
    expect(named(calls, "stop_answer")).toHaveLength(1);
  });

  it("reads the question aloud before the answer can start", async () => {
    const b = backend();
    session({ speak: true });
    expect(await screen.findByTestId("interviewer-speaking")).toBeTruthy();
    expect(named(b.calls, "speak")[0].args).toMatchObject({ text: card.question });
    expect((screen.getByTestId("record-toggle") as HTMLButtonElement).disabled).toBe(true);
    act(() => b.finishSpeaking());
    await waitFor(() => expect((screen.getByTestId("record-toggle") as HTMLButtonElement).disabled).toBe(false));
    expect(screen.queryByTestId("interviewer-speaking")).toBeNull();
    // Repeating, then starting to record, stops the voice.
    fireEvent.click(screen.getByRole("button", { name: /repeat question/i }));
    await screen.findByTestId("interviewer-speaking");
    fireEvent.click(screen.getByTestId("record-toggle"));
    await waitFor(() => expect(named(b.calls, "stop_speaking")).toHaveLength(1));
  });

  it("says once why the question is not spoken", async () => {
    const { calls } = backend({ speech: { available: false, reason: "No speech engine found" } });
    session({ speak: true });
    expect(await screen.findByText("No speech engine found — read the question above.")).toBeTruthy();
    expect(named(calls, "speak")).toHaveLength(0);
    expect((screen.getByTestId("record-toggle") as HTMLButtonElement).disabled).toBe(false);
  });

  it("asks a follow-up with its own text", async () => {
    const { calls } = backend();
    session({ followUp: card.follow_ups[1] });
    expect(screen.getByTestId("practice-question").textContent).toBe(card.follow_ups[1]);
    fireEvent.click(screen.getByTestId("record-toggle"));
    await waitFor(() => expect(named(calls, "start_answer")).toHaveLength(1));
    expect(named(calls, "start_answer")[0].args).toEqual({ cardId: card.id, question: card.follow_ups[1] });
  });

  it("starts by itself when the think time runs out", async () => {
    const { calls } = backend();
    session({ thinkTime: 1 });
    expect(screen.getByText(/to think/)).toBeTruthy();
    await waitFor(() => expect(named(calls, "start_answer")).toHaveLength(1), { timeout: 3000 });
  });

  it("stops by itself at 1.5 × the target's upper end", async () => {
    const { calls } = backend({ target: { min_s: 0.2, max_s: 0.4 } });
    session();
    fireEvent.click(screen.getByTestId("record-toggle"));
    await waitFor(() => expect(named(calls, "start_answer")).toHaveLength(1));
    await waitFor(() => expect(named(calls, "stop_answer")).toHaveLength(1), { timeout: 3000 });
    await screen.findByTestId("result");
  });
});
