import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import cardsFile from "../fixtures/cards.json";
import { useApp } from "../state";
import type { Card, LibraryCard } from "../types";
import { CardEditorScreen } from "./CardEditor";

const bank: LibraryCard[] = (cardsFile.cards as Card[]).map((card) => ({ card, origin: "bank" }));
const failed = bank.find((c) => c.card.id === "tell-me-about-a-time-you-failed")!.card;

/** The Rust card store: rejects the first save with its own message when `reject` is set. */
function fakeStore(reject: string | null) {
  const saved: Card[] = [];
  const calls: string[] = [];
  mockIPC((cmd, raw) => {
    calls.push(cmd);
    const args = (raw ?? {}) as { card?: Card };
    if (cmd === "save_card") {
      if (reject) {
        const msg = reject;
        reject = null;
        throw msg;
      }
      saved.push(args.card!);
      return { card: args.card, origin: "custom" };
    }
    if (cmd === "list_cards") return [...bank, ...saved.map((card) => ({ card, origin: "custom" }))];
    throw `unexpected command ${cmd}`;
  });
  return { saved, calls };
}

beforeEach(() => useApp.setState({ cards: bank, route: { name: "library" }, history: [] }));
afterEach(() => {
  cleanup();
  clearMocks();
});

describe("CardEditor", () => {
  it("checks a new card before sending it and marks the fields", async () => {
    const store = fakeStore(null);
    render(<CardEditorScreen cardId={null} />);
    fireEvent.change(screen.getByLabelText("Question"), { target: { value: "Why do you want this job?" } });
    expect((screen.getByLabelText(/^Card id/) as HTMLInputElement).value).toBe("why-do-you-want-this-job");
    fireEvent.click(screen.getByTestId("card-save"));
    const problems = await screen.findByTestId("card-edit-problems");
    expect(problems.textContent).toMatch(/fields need fixing/);
    expect(screen.getByLabelText(/^Prompt/).getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByLabelText("Question").getAttribute("aria-invalid")).toBeNull();
    expect(store.calls).not.toContain("save_card");
  });

  it("duplicates a bank card, shows the Rust refusal, then saves and opens the copy", async () => {
    const store = fakeStore('card "my-tell-me-about-a-time-you-failed": key_points[0].cues: cue "owned" is listed twice');
    render(<CardEditorScreen cardId={failed.id} />);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Duplicate as custom card");
    const id = screen.getByLabelText(/^Card id/) as HTMLInputElement;
    expect(id.value).toBe("my-tell-me-about-a-time-you-failed");

    fireEvent.click(screen.getByTestId("card-save"));
    const refusal = await screen.findByTestId("card-edit-error");
    expect(refusal.getAttribute("role")).toBe("alert");
    expect(refusal.textContent).toContain('key_points[0].cues: cue "owned" is listed twice');
    expect(useApp.getState().route).toEqual({ name: "library" });

    fireEvent.change(screen.getByLabelText("Question"), { target: { value: "Tell me about a time you really failed." } });
    fireEvent.click(screen.getByTestId("card-save"));
    await waitFor(() => expect(useApp.getState().route).toEqual({ name: "card", cardId: "my-tell-me-about-a-time-you-failed" }));
    expect(store.saved).toEqual([{ ...failed, id: "my-tell-me-about-a-time-you-failed", question: "Tell me about a time you really failed." }]);
    expect(useApp.getState().cards!.some((c) => c.origin === "custom")).toBe(true);
  });

  it("adds and removes list rows within the card format's limits", () => {
    fakeStore(null);
    render(<CardEditorScreen cardId={failed.id} />);
    const addFollowUp = screen.getByRole("button", { name: "Add follow-up" }) as HTMLButtonElement;
    const followUps = () => document.querySelectorAll("[id^=ce-follow-]").length;
    expect(followUps()).toBe(failed.follow_ups.length);
    if (failed.follow_ups.length < 3) fireEvent.click(addFollowUp);
    expect(followUps()).toBe(3);
    expect(addFollowUp.disabled).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: "Remove Follow-up 3" }));
    fireEvent.click(screen.getByRole("button", { name: "Remove Follow-up 2" }));
    expect(followUps()).toBe(2);
    // Two is the minimum: the remaining rows cannot be removed.
    expect((screen.getByRole("button", { name: "Remove Follow-up 1" }) as HTMLButtonElement).disabled).toBe(true);
  });
});
