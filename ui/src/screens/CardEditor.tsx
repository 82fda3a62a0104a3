// Creating and editing custom cards. A bank card opened here becomes a custom copy with a new id
// (bank cards cannot be edited). The Rust side validates again and its message names the field.
import { useMemo, useState, type ReactNode } from "react";
import { ArrowLeft, Save } from "lucide-react";
import { api } from "../api";
import { useApp } from "../state";
import {
  blankDraft,
  CATEGORIES,
  cardToDraft,
  copyForCustom,
  draftToCard,
  LIMITS,
  PRINCIPLES,
  slugify,
  uniqueId,
  type CardDraft,
  type DraftErrors,
} from "../components/library/cardForm";
import { RubricEditor, TextListEditor } from "../components/library/ListEditors";
import "./CardEditor.css";

type Mode = "new" | "edit" | "copy";

function sub(errors: DraftErrors, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(errors)) {
    if (k.startsWith(`${prefix}.`)) out[k.slice(prefix.length + 1)] = v;
  }
  return out;
}

function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {hint && <span className="hint"> — {hint}</span>}
      </label>
      {children}
      <span id={`${id}-err`} className="small error ce-err">
        {error ?? ""}
      </span>
    </div>
  );
}

export function CardEditorScreen({ cardId }: { cardId: string | null }) {
  const cards = useApp((s) => s.cards);
  const source = cards?.find((lc) => lc.card.id === cardId);
  const mode: Mode = !source ? "new" : source.origin === "custom" ? "edit" : "copy";
  const otherIds = useMemo(
    () => new Set((cards ?? []).map((lc) => lc.card.id).filter((id) => !(mode === "edit" && id === cardId))),
    [cards, cardId, mode],
  );
  // The key re-creates the form when another card is opened in the editor.
  return <CardForm key={`${mode}:${cardId ?? ""}`} mode={mode} takenIds={otherIds} initial={() =>
    !source ? blankDraft() : mode === "edit" ? cardToDraft(source.card) : copyForCustom(source.card, otherIds)
  } sourceQuestion={source?.card.question ?? null} />;
}

function CardForm({
  mode,
  takenIds,
  initial,
  sourceQuestion,
}: {
  mode: Mode;
  takenIds: Set<string>;
  initial: () => CardDraft;
  sourceQuestion: string | null;
}) {
  const navigate = useApp((s) => s.navigate);
  const back = useApp((s) => s.back);
  const reloadCards = useApp((s) => s.reloadCards);
  const [draft, setDraft] = useState<CardDraft>(initial);
  // A new card's id follows its question until the user types an id of their own.
  const [idTouched, setIdTouched] = useState(mode !== "new");
  const [errors, setErrors] = useState<DraftErrors>({});
  const [rustError, setRustError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const change = (p: Partial<CardDraft>) =>
    setDraft((d) => {
      const next = { ...d, ...p };
      if (!idTouched && p.question !== undefined) next.id = uniqueId(slugify(p.question) || "", takenIds);
      return next;
    });

  const save = async () => {
    setRustError(null);
    const result = draftToCard(draft, takenIds);
    if (result.errors) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      const saved = await api.saveCard(result.card);
      await reloadCards();
      navigate({ name: "card", cardId: saved.card.id });
    } catch (e) {
      setRustError(String(e));
    } finally {
      setSaving(false);
    }
  };

  const problems = Object.keys(errors).length;
  const inv = (k: string) => (errors[k] ? { "aria-invalid": true as const, "aria-describedby": `ce-${k}-err` } : {});
  const title = mode === "new" ? "New card" : mode === "edit" ? "Edit card" : "Duplicate as custom card";

  return (
    <section className="screen ce-screen" aria-labelledby="ce-title">
      <div>
        <button type="button" className="btn ghost small ce-back" onClick={back}>
          <ArrowLeft size={16} aria-hidden="true" /> Back without saving
        </button>
      </div>
      <div>
        <h1 id="ce-title">{title}</h1>
        {mode === "copy" && sourceQuestion && (
          <p className="muted">
            Questions from the bank cannot be changed, so this makes your own copy of “{sourceQuestion}” under
            a new id.
          </p>
        )}
        {mode === "new" && (
          <p className="muted">
            Write the question the way an interviewer would ask it, then the guidance you want to see
            while practising. Key points and mistakes are found in answers through their cues.
          </p>
        )}
      </div>

      <form
        className="ce-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <section className="panel ce-section" aria-labelledby="ce-q-h">
          <h2 id="ce-q-h">The question</h2>
          <Field id="ce-question" label="Question" error={errors.question}>
            <input id="ce-question" type="text" value={draft.question} onChange={(e) => change({ question: e.target.value })} {...inv("question")} />
          </Field>
          <Field id="ce-prompt" label="Prompt" hint="what the interviewer wants to hear about" error={errors.prompt}>
            <textarea id="ce-prompt" rows={3} value={draft.prompt} onChange={(e) => change({ prompt: e.target.value })} {...inv("prompt")} />
          </Field>
          <Field id="ce-id" label="Card id" hint={mode === "edit" ? "fixed once a card is saved" : "lower-case letters, digits and hyphens"} error={errors.id}>
            <input
              id="ce-id"
              type="text"
              value={draft.id}
              readOnly={mode === "edit"}
              spellCheck={false}
              onChange={(e) => {
                setIdTouched(true);
                change({ id: e.target.value });
              }}
              {...inv("id")}
            />
          </Field>
          <div className="ce-grid3">
            <Field id="ce-category" label="Category" error={errors.category}>
              <select id="ce-category" value={draft.category} onChange={(e) => change({ category: e.target.value })}>
                {CATEGORIES.map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </select>
            </Field>
            <Field id="ce-difficulty" label="Difficulty">
              <select
                id="ce-difficulty"
                value={draft.difficulty}
                onChange={(e) => change({ difficulty: e.target.value as CardDraft["difficulty"] })}
              >
                <option value="easy">Easy</option>
                <option value="medium">Medium</option>
                <option value="hard">Hard</option>
              </select>
            </Field>
            <fieldset className="ce-target">
              <legend>Target length</legend>
              <div className="row">
                <label htmlFor="ce-min" className="visually-hidden">Shortest</label>
                <input id="ce-min" type="number" min={10} max={1200} value={draft.min_s} onChange={(e) => change({ min_s: e.target.value })} {...inv("target_length")} />
                <span aria-hidden="true">to</span>
                <label htmlFor="ce-max" className="visually-hidden">Longest</label>
                <input id="ce-max" type="number" min={10} max={1200} value={draft.max_s} onChange={(e) => change({ max_s: e.target.value })} {...inv("target_length")} />
                <span className="muted small">seconds</span>
              </div>
              <span id="ce-target_length-err" className="small error ce-err">{errors.target_length ?? ""}</span>
            </fieldset>
          </div>
          <Field id="ce-tags" label="Tags" hint="comma separated, lower case" error={errors.tags}>
            <input id="ce-tags" type="text" value={draft.tags} onChange={(e) => change({ tags: e.target.value })} {...inv("tags")} />
          </Field>
          <label className="ce-check">
            <input type="checkbox" checked={draft.star} onChange={(e) => change({ star: e.target.checked })} />
            Expects a STAR story (Situation, Task, Action, Result)
          </label>
          <fieldset className="ce-principles">
            <legend>Amazon leadership principles</legend>
            <div className="ce-principle-grid">
              {PRINCIPLES.map((p) => (
                <label key={p} className="ce-check small">
                  <input
                    type="checkbox"
                    checked={draft.leadership_principles.includes(p)}
                    onChange={(e) =>
                      change({
                        leadership_principles: e.target.checked
                          ? [...draft.leadership_principles, p]
                          : draft.leadership_principles.filter((x) => x !== p),
                      })
                    }
                  />
                  {p}
                </label>
              ))}
            </div>
          </fieldset>
        </section>

        <section className="panel ce-section" aria-labelledby="ce-g-h">
          <h2 id="ce-g-h">Guidance</h2>
          <Field id="ce-why" label="Why it is asked" error={errors.why_asked}>
            <textarea id="ce-why" rows={3} value={draft.why_asked} onChange={(e) => change({ why_asked: e.target.value })} {...inv("why_asked")} />
          </Field>
          <div className="field">
            <span className="ce-label">How to answer <span className="hint">— {LIMITS.how_to_answer[0]} to {LIMITS.how_to_answer[1]} steps</span></span>
            <TextListEditor idPrefix="ce-how" items={draft.how_to_answer} min={LIMITS.how_to_answer[0]} max={LIMITS.how_to_answer[1]} itemLabel="Step" multiline onChange={(v) => change({ how_to_answer: v })} />
            <span id="ce-how_to_answer-err" className="small error ce-err">{errors.how_to_answer ?? ""}</span>
          </div>
          <div className="field">
            <span className="ce-label">Follow-up questions <span className="hint">— {LIMITS.follow_ups[0]} or {LIMITS.follow_ups[1]}</span></span>
            <TextListEditor idPrefix="ce-follow" items={draft.follow_ups} min={LIMITS.follow_ups[0]} max={LIMITS.follow_ups[1]} itemLabel="Follow-up" onChange={(v) => change({ follow_ups: v })} />
            <span id="ce-follow_ups-err" className="small error ce-err">{errors.follow_ups ?? ""}</span>
          </div>
          <Field id="ce-sample" label="Sample answer" hint="blank lines separate paragraphs" error={errors.sample_answer}>
            <textarea id="ce-sample" rows={8} value={draft.sample_answer} onChange={(e) => change({ sample_answer: e.target.value })} {...inv("sample_answer")} />
          </Field>
        </section>

        <section className="panel ce-section" aria-labelledby="ce-kp-h">
          <h2 id="ce-kp-h">Key points to cover</h2>
          <p className="small muted">
            {LIMITS.key_points[0]} to {LIMITS.key_points[1]} points. An answer covers a point when it says one of
            the point’s cues, e.g. “i apologi*” matches “I apologised” and “I apologize”.
          </p>
          <RubricEditor idPrefix="ce-kp" items={draft.key_points} min={LIMITS.key_points[0]} max={LIMITS.key_points[1]} itemLabel="Key point" errors={sub(errors, "key_points")} onChange={(v) => change({ key_points: v })} />
          <span className="small error ce-err">{errors.key_points ?? ""}</span>
        </section>

        <section className="panel ce-section" aria-labelledby="ce-m-h">
          <h2 id="ce-m-h">Common mistakes</h2>
          <p className="small muted">{LIMITS.mistakes[0]} to {LIMITS.mistakes[1]} mistakes, found the same way through cues.</p>
          <RubricEditor idPrefix="ce-m" items={draft.mistakes} min={LIMITS.mistakes[0]} max={LIMITS.mistakes[1]} itemLabel="Mistake" errors={sub(errors, "mistakes")} onChange={(v) => change({ mistakes: v })} />
          <span className="small error ce-err">{errors.mistakes ?? ""}</span>
        </section>

        <div className="ce-savebar">
          <div className="ce-save-msgs">
            {problems > 0 && (
              <p className="callout error small" role="alert" data-testid="card-edit-problems">
                {problems === 1 ? "1 field needs" : `${problems} fields need`} fixing before the card can be saved; they are
                marked in red above.
              </p>
            )}
            {rustError && (
              <p className="callout error small" role="alert" data-testid="card-edit-error">
                The card was not saved: {rustError}
              </p>
            )}
          </div>
          <button type="button" className="btn" onClick={back}>
            Cancel
          </button>
          <button type="submit" className="btn primary" disabled={saving} data-testid="card-save">
            <Save size={16} aria-hidden="true" /> {saving ? "Saving…" : "Save card"}
          </button>
        </div>
      </form>
    </section>
  );
}
