import { useState } from "react";
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { Note } from "../../types";
import { NotesPanel, sortNotes } from "./NotesPanel";

// A small in-memory notes table standing in for the Rust store, so the panel's calls and its
// handling of the answers (and of refusals) are what is tested.
function fakeStore(initial: Note[] = []) {
  const notes = [...initial];
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  let nextId = 100;
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    const stamp = "2026-11-28T13:00:00Z";
    switch (cmd) {
      case "add_note": {
        if (String(args.text).includes("fail")) throw "Could not save the note: the database is read-only";
        const note: Note = {
          id: nextId++,
          attempt_id: args.attemptId as number,
          at_s: args.atS as number | null,
          text: args.text as string,
          created_at: stamp,
          updated_at: stamp,
        };
        notes.push(note);
        return note;
      }
      case "update_note": {
        const n = notes.find((x) => x.id === args.id)!;
        n.text = args.text as string;
        n.at_s = args.atS as number | null;
        return { ...n };
      }
      case "delete_note":
        notes.splice(
          notes.findIndex((x) => x.id === args.id),
          1,
        );
        return null;
      default:
        throw `unexpected command ${cmd}`;
    }
  });
  return { notes, calls };
}

function Harness({ initial, startAt }: { initial: Note[]; startAt: number | null }) {
  const [notes, setNotes] = useState(initial);
  const [draftAt, setDraftAt] = useState<number | null | undefined>(undefined);
  return (
    <NotesPanel
      attemptId={7}
      notes={notes}
      onNotesChange={setNotes}
      draftAt={draftAt}
      onStartDraft={() => setDraftAt(startAt)}
      onEndDraft={() => setDraftAt(undefined)}
      onSeek={() => {}}
      nowLabel="0:12.3"
    />
  );
}

const note = (id: number, at_s: number | null, text: string): Note => ({
  id,
  attempt_id: 7,
  at_s,
  text,
  created_at: "2026-11-28T12:00:00Z",
  updated_at: "2026-11-28T12:00:00Z",
});

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("sortNotes", () => {
  it("puts whole-answer notes first, then follows the recording", () => {
    const sorted = sortNotes([note(3, 20, "c"), note(1, 5.5, "a"), note(2, null, "whole"), note(4, 5.5, "b")]);
    expect(sorted.map((n) => n.text)).toEqual(["whole", "a", "b", "c"]);
  });
});

describe("NotesPanel", () => {
  it("adds a note at the moment it was started and lists it in time order", async () => {
    const store = fakeStore();
    render(<Harness initial={[note(1, 3, "earlier"), note(2, 30, "later")]} startAt={12.34} />);
    fireEvent.click(screen.getByTestId("note-add"));
    const input = screen.getByTestId("note-input");
    expect(document.activeElement).toBe(input);
    expect(screen.getByText("Note at 0:12.3")).toBeTruthy();
    fireEvent.change(input, { target: { value: "  Lead with the result  " } });
    fireEvent.submit(input.closest("form")!);
    await waitFor(() => expect(screen.getAllByTestId("note-item")).toHaveLength(3));
    expect(store.calls).toEqual([{ cmd: "add_note", args: { attemptId: 7, atS: 12.34, text: "Lead with the result" } }]);
    expect(screen.getAllByTestId("note-item").map((li) => li.textContent)).toEqual([
      expect.stringContaining("earlier"),
      expect.stringContaining("Lead with the result"),
      expect.stringContaining("later"),
    ]);
    expect(screen.queryByTestId("note-input")).toBeNull();
  });

  it("keeps the draft and shows the store's refusal", async () => {
    fakeStore();
    render(<Harness initial={[]} startAt={null} />);
    fireEvent.click(screen.getByTestId("note-add"));
    expect(screen.getByText("Note on the whole answer")).toBeTruthy();
    const input = screen.getByTestId("note-input");
    fireEvent.change(input, { target: { value: "this will fail" } });
    fireEvent.submit(input.closest("form")!);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("database is read-only");
    expect((screen.getByTestId("note-input") as HTMLInputElement).value).toBe("this will fail");
    expect(screen.queryAllByTestId("note-item")).toHaveLength(0);
  });

  it("does not save an empty note and Esc cancels", () => {
    const store = fakeStore();
    render(<Harness initial={[]} startAt={1} />);
    fireEvent.click(screen.getByTestId("note-add"));
    expect((screen.getByTestId("note-save") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.keyDown(screen.getByTestId("note-input"), { key: "Escape" });
    expect(screen.queryByTestId("note-input")).toBeNull();
    expect(store.calls).toHaveLength(0);
  });

  it("edits a note keeping its moment, and deletes one after confirming", async () => {
    const store = fakeStore([note(1, 4, "too fast here"), note(2, 9, "good pause")]);
    render(<Harness initial={[...store.notes]} startAt={0} />);
    const first = screen.getAllByTestId("note-item")[0];
    fireEvent.click(within(first).getByTestId("note-edit"));
    const edit = within(first).getByTestId("note-edit-input");
    fireEvent.change(edit, { target: { value: "slow down in the Situation" } });
    await act(async () => {
      fireEvent.submit(edit.closest("form")!);
    });
    expect(store.calls[0]).toEqual({ cmd: "update_note", args: { id: 1, text: "slow down in the Situation", atS: 4 } });
    expect(screen.getAllByTestId("note-item")[0].textContent).toContain("slow down in the Situation");

    const second = screen.getAllByTestId("note-item")[1];
    fireEvent.click(within(second).getByTestId("note-delete"));
    expect(store.calls).toHaveLength(1);
    fireEvent.click(within(second).getByRole("button", { name: "Delete" }));
    await waitFor(() => expect(screen.getAllByTestId("note-item")).toHaveLength(1));
    expect(store.calls[1]).toEqual({ cmd: "delete_note", args: { id: 2 } });
    expect(store.notes.map((n) => n.id)).toEqual([1]);
  });
});
