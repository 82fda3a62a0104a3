import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import cardsFile from "../../fixtures/cards.json";
import fixture from "../../fixtures/report.json";
import { useApp } from "../../state";
import type { Card, Report } from "../../types";
import { ReportActions, exportFileName, pickNextCard } from "./ReportActions";
import { ReportView } from "./ReportView";

const report = fixture as unknown as Report;
const cards = (cardsFile.cards as unknown as Card[]).map((card) => ({ card, origin: "bank" as const }));

afterEach(() => {
  cleanup();
  clearMocks();
  useApp.setState({ route: { name: "library" }, history: [], cards: null });
});

describe("ReportView", () => {
  it("shows the three scores, pace and fillers with their meaning", () => {
    render(<ReportView report={report} />);
    expect(screen.getByTestId("report-overall-score").textContent).toBe("79");
    expect(screen.getByTestId("report-delivery-score").textContent).toBe("66");
    expect(screen.getByTestId("report-content-score").textContent).toBe("92");
    expect(screen.getByTestId("report-wpm").textContent).toBe("176 wpm");
    expect(screen.getByTestId("report-wpm").parentElement!.textContent).toBe(
      "176 wpm — above the comfortable 100–165 band",
    );
    expect(screen.getByTestId("report-fillers-count").textContent).toBe("3");
    // The three "next time" tips, in order.
    const next = screen.getByRole("heading", { name: /next time/i }).closest("section")!;
    expect(within(next).getAllByRole("listitem").map((li) => li.textContent?.slice(0, 6))).toEqual([
      "Filler",
      "Length",
      "Pace ·",
    ]);
  });

  it("highlights the fillers in the transcript with STAR tags", () => {
    render(<ReportView report={report} />);
    const t = screen.getByTestId("report-transcript");
    const fillers = [...t.querySelectorAll("mark.rpc-m-filler")].map((m) => m.textContent);
    expect(fillers).toEqual(["So,", "um,", "Uh,"]);
    expect([...t.querySelectorAll(".rpc-tag")].map((e) => e.textContent)).toEqual(["Task", "Action", "Action", "Result", "Lesson"]);
    expect(t.textContent).toContain("I always run a pilot first.");
  });

  it("quotes the sentence that covered each key point", () => {
    render(<ReportView report={report} />);
    const kp = screen.getByText("Quantifies the impact and the outcome of the recovery").closest("li")!;
    expect(kp.querySelector("q")!.textContent).toBe("and we missed it three weeks");
    expect(kp.querySelector("q strong")!.textContent).toBe("weeks");
  });

  it("says content is not scored without a question card", () => {
    const r = structuredClone(report);
    r.content = null;
    r.overall.content_score = null;
    render(<ReportView report={r} />);
    const content = screen.getByTestId("report-content-score");
    expect(content.textContent).toBe("—");
    expect(content.parentElement!.textContent).toContain("no question card");
  });

  it("links long pauses and fillers to their moment", () => {
    const r = structuredClone(report);
    r.delivery.pauses[1] = { ...r.delivery.pauses[1], length_s: 1.8, long: true, mid_sentence: true };
    const seek = vi.fn();
    render(<ReportView report={r} onSeek={seek} />);
    const chip = within(screen.getByTestId("report-transcript")).getByRole("button", { name: /pause.*1\.8 s/ });
    fireEvent.click(chip);
    expect(seek).toHaveBeenLastCalledWith(10.39);
    fireEvent.click(screen.getByRole("button", { name: "“uh”: listen from 0:10" }));
    expect(seek).toHaveBeenLastCalledWith(10.77);
  });
});

describe("ReportActions", () => {
  function backend(fail?: string) {
    const calls: { cmd: string; args: Record<string, unknown> }[] = [];
    mockIPC((cmd, raw) => {
      const args = (raw ?? {}) as Record<string, unknown>;
      calls.push({ cmd, args });
      switch (cmd) {
        case "practise_next":
          return [
            { card_id: "tell-me-about-a-time-you-failed", kind: "due" },
            { card_id: cards[3].card.id, kind: "new" },
          ];
        case "plugin:dialog|save":
          return "/home/me/report.md";
        case "export_report":
          if (fail) throw fail;
          return null;
        default:
          throw `unexpected ${cmd}`;
      }
    });
    return calls;
  }

  it("R tries again and N opens the next question other than this one", async () => {
    backend();
    useApp.setState({ cards });
    const again = vi.fn();
    render(<ReportActions attemptId={4} cardId="tell-me-about-a-time-you-failed" onTryAgain={again} />);
    fireEvent.keyDown(window, { key: "r" });
    expect(again).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(window, { key: "n" });
    await waitFor(() => expect(useApp.getState().route).toEqual({ name: "practice", cardId: cards[3].card.id }));
  });

  it("exports and says where the file went", async () => {
    const calls = backend();
    render(<ReportActions attemptId={4} cardId="tell-me-about-a-time-you-failed" />);
    fireEvent.click(screen.getByTestId("report-export-markdown"));
    expect((await screen.findByTestId("report-export-done")).textContent).toBe("Report written to /home/me/report.md");
    expect(calls.find((c) => c.cmd === "export_report")?.args).toEqual({ id: 4, path: "/home/me/report.md", format: "markdown" });
  });

  it("shows an export failure", async () => {
    backend("cannot write /home/me/report.md: permission denied");
    render(<ReportActions attemptId={4} cardId={null} />);
    fireEvent.click(screen.getByTestId("report-export-html"));
    expect((await screen.findByRole("alert")).textContent).toContain("permission denied");
    expect((screen.getByTestId("report-try-again") as HTMLButtonElement).disabled).toBe(true);
  });

  it("picks the next card and names export files", () => {
    const s = (id: string) => ({ card_id: id, kind: "new" as const, due_at: null, interval_days: 0, last_practised: null, last_score: null, attempts: 0 });
    expect(pickNextCard([s("a"), s("b")], null, "a")).toBe("b");
    expect(pickNextCard([s("a"), s("gone")], [{ card: { ...cards[0].card, id: "a" }, origin: "bank" }, { card: { ...cards[1].card, id: "c" }, origin: "bank" }], "a")).toBe("c");
    expect(pickNextCard([], [], "a")).toBeNull();
    expect(exportFileName(4, "x", "html")).toBe("report-4-x.html");
    expect(exportFileName(4, null, "markdown")).toBe("report-4.md");
  });
});
