import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import cardsFile from "../fixtures/cards.json";
import progress from "../fixtures/progress.json";
import { useApp } from "../state";
import type { Card, LibraryCard } from "../types";
import { useLibraryView } from "../components/library/libraryView";
import { LibraryScreen } from "./Library";

const cards: LibraryCard[] = (cardsFile.cards as Card[]).map((card) => ({ card, origin: "bank" }));

function setup(practiseNext: () => unknown = () => progress.practise_next) {
  mockIPC((cmd) => {
    if (cmd === "practise_next") return practiseNext();
    throw `unexpected command ${cmd}`;
  });
  useApp.setState({ cards, route: { name: "library" }, history: [] });
  useLibraryView.getState().clear();
  return render(<LibraryScreen />);
}

/** A filter chip by its label (role queries are slow over 65 cards in jsdom). */
const chip = (label: string) =>
  Array.from(document.querySelectorAll<HTMLButtonElement>(".lib-chip")).find((b) =>
    b.textContent!.startsWith(label),
  )!;
const count = () => screen.getByTestId("card-count").textContent;
const items = () => screen.queryAllByTestId("card-item");

afterEach(() => {
  cleanup();
  clearMocks();
});

// Rendering 65 cards in jsdom takes a few seconds on a busy machine.
vi.setConfig({ testTimeout: 20_000 });

describe("Library", () => {
  it("lists every card with its last score where practised", async () => {
    setup();
    expect(items()).toHaveLength(65);
    expect(count()).toBe("Showing all 65 questions");
    const failed = items().find((el) => el.dataset.cardId === "tell-me-about-a-time-you-failed")!;
    expect(failed.textContent).toContain("Tell me about a time you failed.");
    await waitFor(() => expect(failed.textContent).toContain("79"));
    expect(failed.textContent).toContain("2 attempts");
  });

  it("narrows the list as the user types and filters", async () => {
    setup();
    fireEvent.change(screen.getByTestId("card-search"), { target: { value: "customer" } });
    await waitFor(() => expect(count()).not.toBe("Showing all 65 questions"));
    const afterSearch = items().length;
    expect(count()).toBe(`Showing ${afterSearch} of 65 questions`);
    fireEvent.click(chip("Hard"));
    await waitFor(() => expect(items().length).toBeLessThan(afterSearch));
    for (const el of items()) expect(el.textContent).toContain("Hard");
    fireEvent.click(screen.getAllByText(/Clear search and filters/)[0].closest("button")!);
    await waitFor(() => expect(items()).toHaveLength(65));
  });

  it("says so when nothing matches", async () => {
    setup();
    fireEvent.change(screen.getByTestId("card-search"), { target: { value: "zebra" } });
    await waitFor(() => expect(items()).toHaveLength(0));
    expect(document.querySelector(".lib-empty")!.textContent).toContain("No questions match “zebra” with these filters.");
  });

  it("focuses the search with / and moves through the list with the arrow keys", () => {
    setup();
    const search = screen.getByTestId("card-search");
    fireEvent.keyDown(document.body, { key: "/" });
    expect(document.activeElement).toBe(search);
    fireEvent.keyDown(search, { key: "ArrowDown" });
    expect(document.activeElement).toBe(items()[0]);
    fireEvent.keyDown(items()[0], { key: "ArrowDown" });
    expect(document.activeElement).toBe(items()[1]);
    fireEvent.keyDown(items()[1], { key: "End" });
    expect(document.activeElement).toBe(items()[64]);
    fireEvent.click(document.activeElement!);
    expect(useApp.getState().route).toEqual({ name: "card", cardId: cards[64].card.id });
  });

  it("opens a random card from the current filter", async () => {
    setup();
    fireEvent.click(chip("Hiring"));
    await waitFor(() => expect(items()).toHaveLength(1));
    fireEvent.click(screen.getByText(/Surprise me/).closest("button")!);
    const route = useApp.getState().route;
    expect(route.name).toBe("card");
    expect(cards.find((c) => c.card.id === (route as { cardId: string }).cardId)!.card.category).toBe("Hiring");
  });

  it("explains the practise-next suggestions, due cards first", async () => {
    const due = { ...progress.practise_next[64], kind: "due", due_at: new Date().toISOString(), last_score: 62 };
    setup(() => [due, ...progress.practise_next.slice(0, 5)]);
    const panel = await screen.findByRole("region", { name: "Practise next" });
    await waitFor(() => expect(panel.textContent).toContain("last scored 62 — due again today"));
    expect(panel.querySelectorAll("li")).toHaveLength(3);
  });

  it("shows the store's error instead of suggestions when it fails", async () => {
    setup(() => {
      throw "The history database could not be opened: disk I/O error";
    });
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("disk I/O error");
    // The list itself still works.
    expect(items()).toHaveLength(65);
    await act(async () => {});
  });
});
