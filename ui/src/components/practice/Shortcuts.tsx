// The "?" overlay listing every keyboard shortcut. Mounted once by the shell.
import { useEffect, useRef, useState } from "react";
import { X } from "lucide-react";
import { isTypingTarget } from "../report/keys";
import "./practice.css";

export const SHORTCUTS: { keys: string[]; what: string; where: string }[] = [
  { keys: ["Space"], what: "Start or stop answering", where: "Practice" },
  { keys: ["Esc"], what: "Discard the answer being recorded", where: "Practice" },
  { keys: ["R"], what: "Try the question again", where: "Report" },
  { keys: ["N"], what: "Next question", where: "Report" },
  { keys: ["Space"], what: "Play or pause", where: "Replay" },
  { keys: ["←", "→"], what: "Seek 5 seconds back or forward", where: "Replay" },
  { keys: ["M"], what: "Add a note at the current moment", where: "Replay" },
  { keys: ["?"], what: "Show this list", where: "Everywhere" },
];

export function Shortcuts() {
  const [open, setOpen] = useState(false);
  const closeRef = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<Element | null>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (open) {
        // While the list is open no other screen reacts to keys.
        if (e.key === "Escape" || e.key === "?") {
          e.preventDefault();
          setOpen(false);
        }
        if (e.key === "Tab") {
          // The close button is the dialog's only control: keep the focus on it.
          e.preventDefault();
          closeRef.current?.focus();
        }
        if (e.key !== "Enter" && e.key !== " ") e.stopPropagation();
        return;
      }
      if (e.key === "?" && !e.ctrlKey && !e.altKey && !e.metaKey && !isTypingTarget(e.target)) {
        e.preventDefault();
        e.stopPropagation();
        returnTo.current = document.activeElement;
        setOpen(true);
      }
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [open]);

  useEffect(() => {
    if (open) closeRef.current?.focus();
    else if (returnTo.current instanceof HTMLElement) {
      returnTo.current.focus();
      returnTo.current = null;
    }
  }, [open]);

  if (!open) return null;
  return (
    <div className="prc-overlay" onMouseDown={(e) => e.target === e.currentTarget && setOpen(false)}>
      <div
        className="panel prc-shortcuts"
        role="dialog"
        aria-modal="true"
        aria-labelledby="prc-shortcuts-title"
        data-testid="shortcuts"
      >
        <div className="prc-shortcuts-head">
          <h2 id="prc-shortcuts-title">Keyboard shortcuts</h2>
          <button ref={closeRef} type="button" className="btn small ghost" onClick={() => setOpen(false)}>
            <X size={16} aria-hidden="true" /> Close <kbd>Esc</kbd>
          </button>
        </div>
        <table>
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={`${s.where}-${s.what}`}>
                <td className="prc-shortcut-keys">
                  {s.keys.map((k, i) => (
                    <span key={k}>
                      {i > 0 && " / "}
                      <kbd>{k}</kbd>
                    </span>
                  ))}
                </td>
                <td>{s.what}</td>
                <td className="muted small">{s.where}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
