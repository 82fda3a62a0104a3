// The user's own notes on an attempt, each pinned to a moment of the recording (or to the whole
// answer when there is no recording to point into). Saved through the store at once.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { Check, Pencil, Plus, StickyNote, Trash2, X } from "lucide-react";
import { api } from "../../api";
import type { Note } from "../../types";
import { formatClock } from "./timeline";

/** Notes in the order of the recording; notes without a moment first, then by creation. */
export function sortNotes(notes: Note[]): Note[] {
  return [...notes].sort((a, b) => {
    const at = (a.at_s ?? -1) - (b.at_s ?? -1);
    return at !== 0 ? at : a.id - b.id;
  });
}

interface Props {
  attemptId: number;
  notes: Note[];
  onNotesChange: (notes: Note[]) => void;
  /** The moment a new note is being written for; undefined when no note is being written. */
  draftAt: number | null | undefined;
  /** Asks the screen to start a note at the current moment. */
  onStartDraft: () => void;
  onEndDraft: () => void;
  /** Absent when there is no recording to seek in. */
  onSeek?: (t: number) => void;
  /** The moment a new note would get, shown on the add button. */
  nowLabel: string | null;
}

function stopKeys(e: KeyboardEvent, onEscape: () => void) {
  if (e.key === "Escape") {
    e.preventDefault();
    onEscape();
  }
}

export function NotesPanel({ attemptId, notes, onNotesChange, draftAt, onStartDraft, onEndDraft, onSeek, nowLabel }: Props) {
  const [draft, setDraft] = useState("");
  const [editing, setEditing] = useState<{ id: number; text: string } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const draftInput = useRef<HTMLInputElement>(null);
  const writing = draftAt !== undefined;

  useEffect(() => {
    if (writing) draftInput.current?.focus();
    else setDraft("");
  }, [writing, draftAt]);

  async function run<T>(work: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setError(null);
    try {
      return await work();
    } catch (e) {
      setError(String(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  async function saveDraft(e: FormEvent) {
    e.preventDefault();
    const text = draft.trim();
    if (!text || draftAt === undefined) return;
    const note = await run(() => api.addNote(attemptId, draftAt, text));
    if (note) {
      onNotesChange(sortNotes([...notes, note]));
      onEndDraft();
    }
  }

  async function saveEdit(e: FormEvent) {
    e.preventDefault();
    if (!editing) return;
    const text = editing.text.trim();
    const old = notes.find((n) => n.id === editing.id);
    if (!text || !old) return;
    const note = await run(() => api.updateNote(editing.id, text, old.at_s));
    if (note) {
      onNotesChange(sortNotes(notes.map((n) => (n.id === note.id ? note : n))));
      setEditing(null);
    }
  }

  async function remove(id: number) {
    const ok = await run(async () => {
      await api.deleteNote(id);
      return true;
    });
    if (ok) {
      onNotesChange(notes.filter((n) => n.id !== id));
      setConfirmDelete(null);
    }
  }

  return (
    <section className="panel rep-notes" aria-labelledby="rep-notes-title">
      <div className="rep-notes-head">
        <h2 id="rep-notes-title">
          <StickyNote size={18} aria-hidden="true" /> Your notes
        </h2>
        <button
          type="button"
          className="btn small"
          data-testid="note-add"
          onClick={onStartDraft}
          disabled={writing}
          aria-keyshortcuts="M N"
        >
          <Plus size={16} aria-hidden="true" /> Add note{nowLabel ? ` at ${nowLabel}` : ""} <kbd>M</kbd>
        </button>
      </div>

      {error && (
        <div className="callout error" role="alert">
          {error}
        </div>
      )}

      {writing && (
        <form className="rep-note-form" onSubmit={(e) => void saveDraft(e)}>
          <label htmlFor="rep-note-input" className="small">
            {draftAt == null ? "Note on the whole answer" : `Note at ${formatClock(draftAt)}`}
          </label>
          <input
            id="rep-note-input"
            ref={draftInput}
            type="text"
            data-testid="note-input"
            value={draft}
            placeholder="e.g. Say the result in numbers here"
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => stopKeys(e, onEndDraft)}
            maxLength={2000}
          />
          <div className="row">
            <button type="submit" className="btn small primary" data-testid="note-save" disabled={busy || !draft.trim()}>
              <Check size={16} aria-hidden="true" /> Save note
            </button>
            <button type="button" className="btn small ghost" onClick={onEndDraft}>
              Cancel
            </button>
          </div>
        </form>
      )}

      {notes.length === 0 && !writing ? (
        <p className="muted small">
          Listening back, jot down what to change next time. Press <kbd>M</kbd> to add a note at the moment you are
          hearing.
        </p>
      ) : (
        <ul className="rep-note-list">
          {notes.map((n) => (
            <li key={n.id} data-testid="note-item" className="rep-note">
              {n.at_s != null ? (
                <button
                  type="button"
                  className="btn ghost small rep-note-time"
                  disabled={!onSeek}
                  onClick={() => onSeek?.(n.at_s!)}
                  aria-label={`Go to ${formatClock(n.at_s)}`}
                >
                  {formatClock(n.at_s)}
                </button>
              ) : (
                <span className="rep-note-time small muted">Whole answer</span>
              )}
              {editing?.id === n.id ? (
                <form className="rep-note-form" onSubmit={(e) => void saveEdit(e)}>
                  <label htmlFor={`rep-note-edit-${n.id}`} className="visually-hidden">
                    Edit note
                  </label>
                  <input
                    id={`rep-note-edit-${n.id}`}
                    type="text"
                    data-testid="note-edit-input"
                    autoFocus
                    value={editing.text}
                    onChange={(e) => setEditing({ id: n.id, text: e.target.value })}
                    onKeyDown={(e) => stopKeys(e, () => setEditing(null))}
                    maxLength={2000}
                  />
                  <div className="row">
                    <button type="submit" className="btn small primary" disabled={busy || !editing.text.trim()}>
                      <Check size={16} aria-hidden="true" /> Save
                    </button>
                    <button type="button" className="btn small ghost" onClick={() => setEditing(null)}>
                      Cancel
                    </button>
                  </div>
                </form>
              ) : (
                <p className="rep-note-text">{n.text}</p>
              )}
              {editing?.id !== n.id &&
                (confirmDelete === n.id ? (
                  <div className="row rep-note-actions" role="group" aria-label="Delete this note?">
                    <span className="small">Delete this note?</span>
                    <button type="button" className="btn small danger" disabled={busy} onClick={() => void remove(n.id)}>
                      Delete
                    </button>
                    <button type="button" className="btn small ghost" onClick={() => setConfirmDelete(null)}>
                      <X size={16} aria-hidden="true" /> Keep
                    </button>
                  </div>
                ) : (
                  <div className="row rep-note-actions">
                    <button
                      type="button"
                      className="btn small ghost"
                      data-testid="note-edit"
                      onClick={() => setEditing({ id: n.id, text: n.text })}
                    >
                      <Pencil size={15} aria-hidden="true" /> Edit
                    </button>
                    <button
                      type="button"
                      className="btn small ghost"
                      data-testid="note-delete"
                      onClick={() => setConfirmDelete(n.id)}
                    >
                      <Trash2 size={15} aria-hidden="true" /> Delete
                    </button>
                  </div>
                ))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
