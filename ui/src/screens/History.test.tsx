import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import history from "../fixtures/history.json";
import type { AttemptSummary } from "../types";
import { useApp } from "../state";
import { HistoryScreen } from "./History";

// The two real attempts at "Tell me about a time you failed." plus one failed answer to another card.
const other: AttemptSummary = {
  ...(history[0] as AttemptSummary),
  id: 3,
  uid: "x3",
  card_id: "conflict-with-a-coworker",
  question: "Tell me about a conflict with a coworker.",
  started_at: "2026-11-28T13:10:00.000Z",
  status: "failed",
  error: "the recording is empty: no speech was found",
};
const all = [other, ...(history as AttemptSummary[])];

function backend(list: AttemptSummary[] | string = all) {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  let rows = typeof list === "string" ? [] : [...list];
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    if (cmd === "list_attempts") {
      if (typeof list === "string") throw list;
      const q = (args.query as { search: string | null }).search?.toLowerCase();
      return q ? rows.filter((r) => r.question.toLowerCase().includes(q)) : rows;
    }
    if (cmd === "delete_attempt") {
      rows = rows.filter((r) => r.id !== args.id);
      return null;
    }
    throw `unexpected ${cmd}`;
  });
  return calls;
}

afterEach(() => {
  cleanup();
  clearMocks();
  useApp.setState({ route: { name: "history" }, history: [] });
});

describe("HistoryScreen", () => {
  it("lists every answer with its scores and a failed answer's reason", async () => {
    const calls = backend();
    render(<HistoryScreen />);
    const items = await screen.findAllByTestId("attempt-item");
    expect(items).toHaveLength(3);
    expect(calls[0]).toEqual({ cmd: "list_attempts", args: { query: { search: null, limit: null } } });
    expect(items[0].textContent).toContain("no speech was found");
    expect(within(items[1]).getByText("79")).toBeTruthy();
    expect((within(items[0]).getByTestId("attempt-report") as HTMLButtonElement).disabled).toBe(true);
  });

  it("compares only two answers to the same question, older first", async () => {
    backend();
    render(<HistoryScreen />);
    const items = await screen.findAllByTestId("attempt-item");
    const tick = (i: number) => within(items[i]).getByRole("checkbox") as HTMLInputElement;
    const compare = screen.getByTestId("compare-selected") as HTMLButtonElement;
    expect(compare.disabled).toBe(true);

    fireEvent.click(tick(1)); // attempt 2, the newer try
    expect(tick(0).disabled).toBe(true); // another question
    expect(screen.getByText(/Tick one more answer to “Tell me about a time you failed\.”/)).toBeTruthy();
    fireEvent.click(tick(2)); // attempt 1
    expect(compare.disabled).toBe(false);
    fireEvent.click(compare);
    expect(useApp.getState().route).toEqual({ name: "compare", a: 1, b: 2 });
  });

  it("searches after a pause in typing", async () => {
    const calls = backend();
    render(<HistoryScreen />);
    await screen.findAllByTestId("attempt-item");
    const box = screen.getByTestId("history-search");
    fireEvent.change(box, { target: { value: "con" } });
    fireEvent.change(box, { target: { value: "conflict" } });
    await waitFor(() => expect(screen.getAllByTestId("attempt-item")).toHaveLength(1));
    const searches = calls.filter((c) => c.cmd === "list_attempts").map((c) => (c.args.query as { search: unknown }).search);
    // One query for the page, one for the finished word; none for the half-typed one.
    expect(searches).toEqual([null, "conflict"]);
  });

  it("deletes an answer only after confirming, saying what goes with it", async () => {
    const calls = backend();
    render(<HistoryScreen />);
    const items = await screen.findAllByTestId("attempt-item");
    fireEvent.click(within(items[2]).getByTestId("attempt-delete"));
    expect(items[2].textContent).toContain("Its recording and notes go too");
    expect(calls.some((c) => c.cmd === "delete_attempt")).toBe(false);
    fireEvent.click(within(items[2]).getByTestId("attempt-delete-confirm"));
    await waitFor(() => expect(screen.getAllByTestId("attempt-item")).toHaveLength(2));
    expect(calls.find((c) => c.cmd === "delete_attempt")?.args).toEqual({ id: 1 });
  });

  it("welcomes a new user and points to the questions", async () => {
    backend([]);
    render(<HistoryScreen />);
    expect(await screen.findByText("No answers yet")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Choose a question" }));
    expect(useApp.getState().route).toEqual({ name: "library" });
  });

  it("shows the store's error", async () => {
    backend("The history database could not be opened: disk I/O error");
    render(<HistoryScreen />);
    expect((await screen.findByRole("alert")).textContent).toContain("disk I/O error");
  });
});
