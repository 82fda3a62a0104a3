// One card in full: the question, its guidance, the rubric, a sample answer and past attempts.
import { useState } from "react";
import { ArrowLeft, Clock, Copy, Gauge, Mic, Pencil, Trash } from "lucide-react";
import { api } from "../api";
import { useApp, useCard } from "../state";
import { formatTarget } from "../components/library/describe";
import { CardAttempts } from "../components/library/CardAttempts";
import "./CardView.css";

const DIFFICULTY_LABEL = { easy: "Easy", medium: "Medium", hard: "Hard" } as const;

export function CardViewScreen({ cardId }: { cardId: string }) {
  const lc = useCard(cardId);
  const navigate = useApp((s) => s.navigate);
  const back = useApp((s) => s.back);
  const reloadCards = useApp((s) => s.reloadCards);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  if (!lc) {
    return (
      <section className="screen" aria-label="Card not found">
        <h1>This question is not in the library</h1>
        <p className="muted">It may have been deleted. The id was “{cardId}”.</p>
        <div>
          <button type="button" className="btn" onClick={() => navigate({ name: "library" })}>
            <ArrowLeft size={16} aria-hidden="true" /> All questions
          </button>
        </div>
      </section>
    );
  }
  const c = lc.card;
  const custom = lc.origin === "custom";

  const remove = async () => {
    setDeleteError(null);
    try {
      await api.deleteCard(c.id);
      await reloadCards();
      navigate({ name: "library" });
    } catch (e) {
      setDeleteError(String(e));
    }
  };

  return (
    <article className="screen cv-screen" aria-labelledby="cv-question">
      <div>
        <button type="button" className="btn ghost small cv-back" onClick={back}>
          <ArrowLeft size={16} aria-hidden="true" /> Back
        </button>
      </div>

      <header className="cv-head">
        <div className="cv-meta small">
          <span className="chip">{c.category}</span>
          <span className={`chip cv-diff-${c.difficulty}`}>
            <Gauge size={14} aria-hidden="true" /> {DIFFICULTY_LABEL[c.difficulty]}
          </span>
          <span className="chip">
            <Clock size={14} aria-hidden="true" /> Aim for {formatTarget(c.target_length)}
          </span>
          {custom && <span className="chip cv-mine">My card</span>}
        </div>
        <h1 id="cv-question" className="cv-question">
          {c.question}
        </h1>
        <p className="lead cv-prompt">{c.prompt}</p>
        <div className="row cv-actions">
          <button
            type="button"
            className="btn primary cv-start"
            data-testid="practice-start"
            onClick={() => navigate({ name: "practice", cardId: c.id })}
          >
            <Mic size={18} aria-hidden="true" /> Practise this question
          </button>
          {custom ? (
            <>
              <button type="button" className="btn" onClick={() => navigate({ name: "card-edit", cardId: c.id })}>
                <Pencil size={16} aria-hidden="true" /> Edit
              </button>
              {!confirmDelete ? (
                <button type="button" className="btn ghost" onClick={() => setConfirmDelete(true)}>
                  <Trash size={16} aria-hidden="true" /> Delete
                </button>
              ) : (
                <span className="cv-confirm" role="group" aria-label="Delete this card?">
                  <span className="small">Delete this card? Past attempts stay in your history.</span>
                  <button type="button" className="btn danger small" onClick={() => void remove()}>
                    Delete card
                  </button>
                  <button type="button" className="btn small" onClick={() => setConfirmDelete(false)}>
                    Keep it
                  </button>
                </span>
              )}
            </>
          ) : (
            <button type="button" className="btn" onClick={() => navigate({ name: "card-edit", cardId: c.id })}>
              <Copy size={16} aria-hidden="true" /> Duplicate as custom card
            </button>
          )}
        </div>
        {deleteError && (
          <p className="callout error small" role="alert">
            The card was not deleted: {deleteError}
          </p>
        )}
      </header>

      <div className="cv-grid">
        <div className="cv-col">
          <section className="panel" aria-labelledby="cv-why">
            <h2 id="cv-why">Why it is asked</h2>
            <p className="cv-last">{c.why_asked}</p>
          </section>
          <section className="panel" aria-labelledby="cv-how">
            <h2 id="cv-how">How to answer</h2>
            {c.star && (
              <p className="small muted">
                Tell one real story in STAR order: the Situation, your Task, the Actions you took,
                the Result — and what you learned.
              </p>
            )}
            <ol className="cv-steps">
              {c.how_to_answer.map((step, i) => (
                <li key={i}>{step}</li>
              ))}
            </ol>
          </section>
          <section className="panel" aria-labelledby="cv-sample">
            <h2 id="cv-sample">Sample answer</h2>
            <details className="cv-sample">
              <summary>Show a sample answer</summary>
              <div className="cv-sample-text">
                {c.sample_answer.split(/\n\s*\n/).map((para, i) => (
                  <p key={i}>{para}</p>
                ))}
              </div>
              <p className="small muted cv-last">
                Use it to see the shape of a strong answer, not as a script: your own story will
                sound more convincing.
              </p>
            </details>
          </section>
        </div>

        <div className="cv-col">
          <section className="panel" aria-labelledby="cv-points">
            <h2 id="cv-points">Key points to cover</h2>
            <ul className="cv-rubric">
              {c.key_points.map((k) => (
                <li key={k.id}>{k.text}</li>
              ))}
            </ul>
          </section>
          <section className="panel" aria-labelledby="cv-mistakes">
            <h2 id="cv-mistakes">Common mistakes</h2>
            <ul className="cv-rubric cv-mistake-list">
              {c.mistakes.map((m) => (
                <li key={m.id}>{m.text}</li>
              ))}
            </ul>
          </section>
          <section className="panel" aria-labelledby="cv-follow">
            <h2 id="cv-follow">Follow-up questions to expect</h2>
            <ul className="cv-follow">
              {c.follow_ups.map((f, i) => (
                <li key={i}>{f}</li>
              ))}
            </ul>
          </section>
          <section className="panel" aria-labelledby="cv-tags">
            <h2 id="cv-tags">Leadership principles and tags</h2>
            {c.leadership_principles.length > 0 ? (
              <p className="cv-lps">{c.leadership_principles.join(" · ")}</p>
            ) : (
              <p className="small muted">No Amazon leadership principle is linked to this question.</p>
            )}
            <div className="row cv-last">
              {c.tags.map((t) => (
                <span key={t} className="chip">
                  #{t}
                </span>
              ))}
            </div>
          </section>
        </div>
      </div>

      <section className="panel" aria-labelledby="cv-attempts-h">
        <h2 id="cv-attempts-h">Your attempts</h2>
        <CardAttempts cardId={c.id} />
      </section>
    </article>
  );
}
