// Editors for the card's lists: plain text rows (steps, follow-ups) and rubric items (id, text, cues).
import { ArrowDown, ArrowUp, Plus, X } from "lucide-react";
import type { RubricDraft } from "./cardForm";

function move<T>(items: T[], from: number, to: number): T[] {
  if (to < 0 || to >= items.length) return items;
  const out = [...items];
  const [it] = out.splice(from, 1);
  out.splice(to, 0, it);
  return out;
}

export function TextListEditor({
  idPrefix,
  items,
  min,
  max,
  itemLabel,
  multiline,
  onChange,
}: {
  idPrefix: string;
  items: string[];
  min: number;
  max: number;
  itemLabel: string;
  multiline?: boolean;
  onChange: (items: string[]) => void;
}) {
  const set = (k: number, v: string) => onChange(items.map((x, i) => (i === k ? v : x)));
  return (
    <div className="ce-list">
      <ol className="ce-rows">
        {items.map((value, k) => {
          const id = `${idPrefix}-${k}`;
          return (
            <li key={k} className="ce-row">
              <label htmlFor={id} className="visually-hidden">
                {itemLabel} {k + 1}
              </label>
              {multiline ? (
                <textarea id={id} rows={2} value={value} onChange={(e) => set(k, e.target.value)} />
              ) : (
                <input id={id} type="text" value={value} onChange={(e) => set(k, e.target.value)} />
              )}
              <RowButtons
                label={`${itemLabel} ${k + 1}`}
                canUp={k > 0}
                canDown={k < items.length - 1}
                canRemove={items.length > min}
                onUp={() => onChange(move(items, k, k - 1))}
                onDown={() => onChange(move(items, k, k + 1))}
                onRemove={() => onChange(items.filter((_, i) => i !== k))}
              />
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="btn small"
        disabled={items.length >= max}
        onClick={() => onChange([...items, ""])}
      >
        <Plus size={14} aria-hidden="true" /> Add {itemLabel.toLowerCase()}
      </button>
    </div>
  );
}

function RowButtons(p: {
  label: string;
  canUp: boolean;
  canDown: boolean;
  canRemove: boolean;
  onUp: () => void;
  onDown: () => void;
  onRemove: () => void;
}) {
  return (
    <span className="ce-row-buttons">
      <button type="button" className="btn ghost small" aria-label={`Move ${p.label} up`} disabled={!p.canUp} onClick={p.onUp}>
        <ArrowUp size={14} aria-hidden="true" />
      </button>
      <button type="button" className="btn ghost small" aria-label={`Move ${p.label} down`} disabled={!p.canDown} onClick={p.onDown}>
        <ArrowDown size={14} aria-hidden="true" />
      </button>
      <button type="button" className="btn ghost small" aria-label={`Remove ${p.label}`} disabled={!p.canRemove} onClick={p.onRemove}>
        <X size={14} aria-hidden="true" />
      </button>
    </span>
  );
}

export function RubricEditor({
  idPrefix,
  items,
  min,
  max,
  itemLabel,
  errors,
  onChange,
}: {
  idPrefix: string;
  items: RubricDraft[];
  min: number;
  max: number;
  itemLabel: string;
  /** Errors keyed "k.id", "k.text", "k.cues". */
  errors: Record<string, string | undefined>;
  onChange: (items: RubricDraft[]) => void;
}) {
  const set = (k: number, p: Partial<RubricDraft>) =>
    onChange(items.map((x, i) => (i === k ? { ...x, ...p } : x)));
  return (
    <div className="ce-list">
      {items.map((item, k) => {
        const id = `${idPrefix}-${k}`;
        const err = (f: string) => errors[`${k}.${f}`];
        const invalid = (f: string) =>
          err(f) ? { "aria-invalid": true as const, "aria-describedby": `${id}-${f}-err` } : {};
        return (
          <fieldset key={k} className="ce-rubric">
            <legend>
              {itemLabel} {k + 1}
            </legend>
            <RowButtons
              label={`${itemLabel} ${k + 1}`}
              canUp={k > 0}
              canDown={k < items.length - 1}
              canRemove={items.length > min}
              onUp={() => onChange(move(items, k, k - 1))}
              onDown={() => onChange(move(items, k, k + 1))}
              onRemove={() => onChange(items.filter((_, i) => i !== k))}
            />
            <div className="ce-rubric-grid">
              <div className="field">
                <label htmlFor={`${id}-id`}>Id</label>
                <input id={`${id}-id`} type="text" value={item.id} onChange={(e) => set(k, { id: e.target.value })} {...invalid("id")} />
                <span id={`${id}-id-err`} className="small error">{err("id") ?? ""}</span>
              </div>
              <div className="field">
                <label htmlFor={`${id}-text`}>Text</label>
                <input id={`${id}-text`} type="text" value={item.text} onChange={(e) => set(k, { text: e.target.value })} {...invalid("text")} />
                <span id={`${id}-text-err`} className="small error">{err("text") ?? ""}</span>
              </div>
            </div>
            <div className="field">
              <label htmlFor={`${id}-cues`}>
                Cues <span className="hint">— one phrase per line, 4 to 12; lower case; * ends a word prefix (e.g. “apologi*”)</span>
              </label>
              <textarea
                id={`${id}-cues`}
                rows={4}
                value={item.cues}
                spellCheck={false}
                onChange={(e) => set(k, { cues: e.target.value })}
                {...invalid("cues")}
              />
              <span id={`${id}-cues-err`} className="small error">{err("cues") ?? ""}</span>
            </div>
          </fieldset>
        );
      })}
      <button
        type="button"
        className="btn small"
        disabled={items.length >= max}
        onClick={() => onChange([...items, { id: "", text: "", cues: "" }])}
      >
        <Plus size={14} aria-hidden="true" /> Add {itemLabel.toLowerCase()}
      </button>
    </div>
  );
}
