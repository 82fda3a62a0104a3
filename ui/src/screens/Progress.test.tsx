import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import progress from "../fixtures/progress.json";
import cardsFile from "../fixtures/cards.json";
import type { Card, ProgressView } from "../types";
import { useApp } from "../state";
import { ProgressScreen } from "./Progress";

const view = progress as unknown as ProgressView;
const empty: ProgressView = {
  progress: {
    totals: { attempts: 0, cards: 0, first_at: null, last_at: null, practice_s: 0 },
    trends: [],
    bests: [],
    streak: { current_days: 0, longest_days: 0, last_day: null },
  },
  practise_next: view.practise_next,
};

function serve(answer: (query: Record<string, unknown>) => ProgressView | string) {
  const queries: Record<string, unknown>[] = [];
  mockIPC((cmd, raw) => {
    if (cmd !== "get_progress") throw `unexpected ${cmd}`;
    const query = (raw as { query: Record<string, unknown> }).query;
    queries.push(query);
    const a = answer(query);
    if (typeof a === "string") throw a;
    return a;
  });
  return queries;
}

beforeEach(() => {
  useApp.setState({
    route: { name: "progress" },
    history: [],
    cards: (cardsFile.cards as unknown as Card[]).map((card) => ({ card, origin: "bank" as const })),
  });
});
afterEach(() => {
  cleanup();
  clearMocks();
});

describe("ProgressScreen", () => {
  it("draws one chart per metric, with totals, streak and bests", async () => {
    serve(() => view);
    render(<ProgressScreen />);
    const charts = await screen.findAllByTestId("trend-chart");
    expect(charts.map((c) => c.querySelector("h3")?.textContent?.split(" (")[0])).toEqual([
      "Pace",
      "Fillers",
      "Long pauses",
      "Delivery",
      "Content",
      "Overall",
    ]);
    expect(charts[0].textContent).toContain("Latest 176 wpm — fast: 11 wpm above the comfortable 100–165 band.");
    expect(screen.getByText("2 answers")).toBeTruthy();
    expect(screen.getByText("1 day in a row")).toBeTruthy();
    fireEvent.click(screen.getAllByTestId("best-report")[2]);
    expect(useApp.getState().route).toEqual({ name: "report", attemptId: 1 });
  });

  it("asks the store again when the range, category or question changes", async () => {
    const queries = serve(() => view);
    render(<ProgressScreen />);
    await screen.findAllByTestId("trend-chart");
    fireEvent.click(screen.getByTestId("range-30"));
    await waitFor(() => expect(queries).toHaveLength(2));
    fireEvent.change(screen.getByLabelText("Category"), { target: { value: "Failure" } });
    await waitFor(() => expect(queries).toHaveLength(3));
    fireEvent.change(screen.getByLabelText("Question"), { target: { value: "tell-me-about-a-time-you-failed" } });
    await waitFor(() => expect(queries).toHaveLength(4));
    expect(queries).toEqual([
      { card_id: null, category: null, days: null },
      { card_id: null, category: null, days: 30 },
      { card_id: null, category: "Failure", days: 30 },
      { card_id: "tell-me-about-a-time-you-failed", category: "Failure", days: 30 },
    ]);
    // The question list only offers cards of the chosen category.
    const options = Array.from((screen.getByLabelText("Question") as HTMLSelectElement).options).slice(1);
    expect(options.length).toBeGreaterThan(0);
    const failureCards = (cardsFile.cards as unknown as Card[]).filter((c) => c.category === "Failure");
    expect(options.map((o) => o.value).sort()).toEqual(failureCards.map((c) => c.id).sort());
  });

  it("suggests what to practise next by question, and opens the card", async () => {
    serve(() => view);
    render(<ProgressScreen />);
    const next = await screen.findAllByTestId("practise-next");
    expect(next).toHaveLength(4);
    const first = (cardsFile.cards as unknown as Card[]).find((c) => c.id === view.practise_next[0].card_id)!;
    expect(next[0].textContent).toContain(first.question);
    expect(next[0].textContent).toContain("Not tried yet");
    fireEvent.click(next[0]);
    expect(useApp.getState().route).toEqual({ name: "card", cardId: first.id });
  });

  it("welcomes a new user with a way to the questions", async () => {
    serve(() => empty);
    render(<ProgressScreen />);
    expect(await screen.findByText("Answer your first question and your progress appears here")).toBeTruthy();
    expect(screen.queryAllByTestId("trend-chart")).toHaveLength(0);
    fireEvent.click(screen.getByRole("button", { name: /Choose a question/ }));
    expect(useApp.getState().route).toEqual({ name: "library" });
  });

  it("keeps the filters when a filtered view is empty", async () => {
    serve((q) => (q.days === 7 ? empty : view));
    render(<ProgressScreen />);
    await screen.findAllByTestId("trend-chart");
    fireEvent.click(screen.getByTestId("range-7"));
    expect(await screen.findByText(/No answers match these filters/)).toBeTruthy();
    expect(screen.getByTestId("range-7").getAttribute("aria-pressed")).toBe("true");
    fireEvent.click(screen.getByRole("button", { name: "Clear filters" }));
    expect(await screen.findAllByTestId("trend-chart")).toHaveLength(6);
  });

  it("shows the store's error", async () => {
    serve(() => "Progress could not be read: the database is locked");
    render(<ProgressScreen />);
    expect((await screen.findByRole("alert")).textContent).toContain("database is locked");
  });
});
