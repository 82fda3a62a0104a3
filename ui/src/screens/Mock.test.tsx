import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import cardsFile from "../fixtures/cards.json";
import fixture from "../fixtures/report.json";
import { useApp } from "../state";
import type { Card, Report, Settings } from "../types";
import { useMock } from "../components/practice/mockStore";
import { MockScreen } from "./Mock";

const cards = (cardsFile.cards as unknown as Card[]).map((card) => ({ card, origin: "bank" as const }));
const report = fixture as unknown as Report;
const settings: Settings = {
  microphone: null,
  speak_questions: false,
  voice: null,
  speech_rate: 1,
  model: "tiny.en",
  think_time_s: 0,
  long_pause_s: 1,
  target_length: null,
  extra_fillers: [],
  ignored_fillers: [],
  theme: "system",
  follow_ups: true,
  mock_questions: 3,
};

function backend() {
  const starts: { cardId: string; question: string | null }[] = [];
  let id = 0;
  mockIPC(
    (cmd, raw) => {
      const args = (raw ?? {}) as Record<string, unknown>;
      switch (cmd) {
        case "start_answer":
          starts.push(args as { cardId: string; question: string | null });
          return { attempt_id: ++id, device: "mic", target: { min_s: 90, max_s: 180 } };
        case "stop_answer": {
          // Each answer scores a little differently so the averages mean something.
          const r = structuredClone(report);
          r.overall.score = 60 + id * 10;
          return { attempt_id: id, report: r, stop_to_report_ms: 5 };
        }
        default:
          throw `unexpected ${cmd}`;
      }
    },
    { shouldMockEvents: true },
  );
  return starts;
}

async function answer() {
  const toggle = await screen.findByTestId("record-toggle");
  fireEvent.click(toggle);
  await waitFor(() => expect(screen.getByTestId("record-toggle").getAttribute("aria-pressed")).toBe("true"));
  fireEvent.click(screen.getByTestId("record-toggle"));
  return screen.findByTestId("mock-continue");
}

beforeEach(() => {
  useApp.setState({ cards, settings, route: { name: "mock" }, history: [] });
  useMock.getState().reset();
});
afterEach(() => {
  cleanup();
  clearMocks();
});

describe("MockScreen", () => {
  it("defaults to the settings and limits the count", () => {
    backend();
    render(<MockScreen />);
    const count = screen.getByTestId("mock-count") as HTMLInputElement;
    expect(count.value).toBe("3");
    expect((screen.getByTestId("mock-follow-ups") as HTMLInputElement).checked).toBe(true);
    fireEvent.change(count, { target: { value: "0" } });
    expect((screen.getByTestId("mock-start") as HTMLButtonElement).disabled).toBe(true);
  });

  it("asks the questions and a follow-up, then sums up", async () => {
    const starts = backend();
    render(<MockScreen />);
    fireEvent.change(screen.getByTestId("mock-count"), { target: { value: "1" } });
    fireEvent.change(screen.getByTestId("mock-source"), { target: { value: "category:Failure" } });
    fireEvent.click(screen.getByTestId("mock-start"));

    expect(screen.getByTestId("mock-progress").textContent).toBe("Question 1 of 1");
    const card = useMock.getState().plan[0];
    expect(card.category).toBe("Failure");
    expect(screen.getByTestId("practice-question").textContent).toBe(card.question);

    let next = await answer();
    expect(next.textContent).toContain("Continue");
    expect(screen.getByTestId("mock-result").textContent).toContain("70 / 100");
    act(() => next.click());

    // The follow-up is one of the card's own, answered against the same card.
    expect(screen.getByTestId("mock-progress").textContent).toBe("Question 1 of 1 — follow-up");
    const asked = screen.getByTestId("practice-question").textContent!;
    expect(card.follow_ups).toContain(asked);
    next = await answer();
    expect(starts).toEqual([
      { cardId: card.id, question: null },
      { cardId: card.id, question: asked },
    ]);
    expect(next.textContent).toContain("See the summary");
    act(() => next.click());

    const summary = screen.getByTestId("mock-summary");
    const rows = within(summary).getAllByTestId("mock-summary-item");
    expect(rows.map((r) => r.querySelector("th")!.textContent!.trim())).toEqual([card.question, `follow-up ${asked}`]);
    // Overall 70 and 80 → 75; delivery and content come from the report (66, 92).
    expect(within(summary).getByText(/Average over 2 answers/).parentElement!.textContent).toMatch(/Overall75Delivery66Content92/);
    expect(within(summary).getByText(/What came up most/).parentElement!.textContent).toContain("in 2 of 2 answers");
    fireEvent.click(within(rows[1]).getByRole("button", { name: /report/i }));
    expect(useApp.getState().route).toEqual({ name: "report", attemptId: 2 });
  });
});
