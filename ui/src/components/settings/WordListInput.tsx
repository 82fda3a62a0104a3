// A list of words typed comma separated and shown as removable chips (extra / ignored fillers).
import { useState } from "react";
import { X } from "lucide-react";
import { addWords } from "./settingsForm";

export function WordListInput({
  id,
  label,
  hint,
  words,
  onChange,
  chipClass,
}: {
  id: string;
  label: string;
  hint: string;
  words: string[];
  onChange: (words: string[]) => void;
  chipClass?: string;
}) {
  const [typed, setTyped] = useState("");

  const commit = () => {
    if (!typed.trim()) return;
    onChange(addWords(words, typed));
    setTyped("");
  };

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <span className="hint" id={`${id}-hint`}>
        {hint}
      </span>
      <div className="set-words">
        {words.length === 0 && <span className="small muted">None</span>}
        {words.map((w) => (
          <span key={w} className={`chip ${chipClass ?? ""}`}>
            {w}
            <button
              type="button"
              className="set-chip-remove"
              aria-label={`Remove “${w}”`}
              onClick={() => onChange(words.filter((x) => x !== w))}
            >
              <X size={12} aria-hidden="true" />
            </button>
          </span>
        ))}
      </div>
      <div className="row">
        <input
          id={id}
          type="text"
          value={typed}
          aria-describedby={`${id}-hint`}
          placeholder="e.g. basically, kind of"
          onChange={(e) => {
            const v = e.target.value;
            // A typed comma finishes the word(s) before it.
            if (v.includes(",")) {
              const cut = v.lastIndexOf(",");
              onChange(addWords(words, v.slice(0, cut)));
              setTyped(v.slice(cut + 1).trimStart());
            } else {
              setTyped(v);
            }
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              commit();
            }
          }}
          onBlur={commit}
        />
        <button type="button" className="btn small" onClick={commit} disabled={!typed.trim()}>
          Add
        </button>
      </div>
    </div>
  );
}
