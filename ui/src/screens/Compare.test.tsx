import { cleanup, render, screen, within } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import attempt from "../fixtures/attempt.json";
import type { AttemptDetail } from "../api";
import { CompareScreen } from "./Compare";

// The real attempt as "before", and a later try that slowed into the pace band, dropped a filler
// and scored higher, built from it.
const before = { ...(attempt as unknown as AttemptDetail), id: 1, recording_abs: null };
const after: AttemptDetail = {
  ...before,
  id: 2,
  started_at: "2026-11-29T10:00:00.000Z",
  metrics: { ...before.metrics, wpm: 150, fillers_per_min: 4.4, overall_score: 84, content_score: 92, long_pauses_per_min: 1.1 },
};

afterEach(() => {
  cleanup();
  clearMocks();
});

function serve(fail?: string) {
  mockIPC((cmd, raw) => {
    const { id } = (raw ?? {}) as { id: number };
    if (cmd !== "get_attempt") throw `unexpected ${cmd}`;
    if (fail) throw fail;
    return id === 1 ? before : after;
  });
}

describe("CompareScreen", () => {
  it("puts the older answer first whatever the route order, and judges each change", async () => {
    serve();
    render(<CompareScreen a={2} b={1} />);
    const root = await screen.findByTestId("compare");
    const changes = within(root).getAllByTestId("compare-change");
    expect(changes).toHaveLength(7);
    const row = (label: string) => within(root).getByRole("rowheader", { name: new RegExp(`^${label}`) }).closest("tr")!;
    const change = (label: string) => within(row(label)).getByTestId("compare-change");

    expect(change("Overall").textContent).toMatch(/↑\s*\+5 points\s*better/);
    expect(change("Content").textContent).toMatch(/→\s*0 points\s*no change/);
    // 176 → 150 wpm: the number fell, and that is better because it moved into the band.
    expect(change("Pace").textContent).toMatch(/↓\s*−26 wpm\s*better\s*now inside the 100–165 wpm band/);
    expect(change("Fillers").getAttribute("data-verdict")).toBe("better");
    expect(change("Long pauses").textContent).toMatch(/↑\s*\+1\.1 per min\s*worse/);
    // Before column holds the older answer's pace.
    expect(within(row("Pace")).getAllByRole("cell")[0].textContent).toBe("176 wpm");
  });

  it("shows both transcripts with their fillers marked", async () => {
    serve();
    render(<CompareScreen a={1} b={2} />);
    const root = await screen.findByTestId("compare");
    const before = within(root).getByLabelText("Transcript, before");
    expect(Array.from(before.querySelectorAll("mark.is-filler")).map((m) => m.firstChild?.textContent)).toEqual([
      "So,",
      "um,",
      "Uh,",
    ]);
    expect(within(root).getByLabelText("Transcript, after")).toBeTruthy();
  });

  it("says why it cannot compare", async () => {
    serve("No answer with id 2: it may have been deleted");
    render(<CompareScreen a={1} b={2} />);
    expect((await screen.findByRole("alert")).textContent).toContain("may have been deleted");
  });
});
