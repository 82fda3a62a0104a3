// What the answer said: STAR structure, the card's key points with the sentence that covered
// each, impact, ownership, lesson, warnings and tips. Props only.
import { createContext, useContext } from "react";
import { AlertTriangle, CheckCircle2, Circle } from "lucide-react";
import type { ContentReport, Evidence, Sentence } from "../../types";
import { StarBar } from "./StarBar";
import { TimeLink, type SeekFn } from "./TimeLink";
import { STAR_NAMES, actionShareAdvice, isStarPart, ownershipSentence } from "./reportText";

/** The sentence an evidence quote comes from, with the quoted words emphasised. */
export function quoteInSentence(ev: Evidence, sentences: Sentence[]): { before: string; quote: string; after: string } {
  const text = sentences.find((s) => s.index === ev.sentence)?.text;
  if (!text) return { before: "", quote: ev.quote, after: "" };
  const at = text.toLowerCase().indexOf(ev.quote.toLowerCase());
  if (at < 0) return { before: "", quote: ev.quote, after: "" };
  return { before: text.slice(0, at), quote: text.slice(at, at + ev.quote.length), after: text.slice(at + ev.quote.length) };
}

function Quote({ ev, onSeek }: { ev: Evidence | null | undefined; onSeek?: SeekFn }) {
  const sentences = useContext(SentencesContext);
  if (!ev) return null;
  const { before, quote, after } = quoteInSentence(ev, sentences);
  return (
    <span className="rpc-quote">
      <q>
        {before}
        <strong>{quote}</strong>
        {after}
      </q>{" "}
      <TimeLink at={ev.start_s} onSeek={onSeek} label={`“${ev.quote}”`} />
    </span>
  );
}

const SentencesContext = createContext<Sentence[]>([]);

function EvidenceList({ title, items, onSeek }: { title: string; items: Evidence[]; onSeek?: SeekFn }) {
  if (items.length === 0) return null;
  return (
    <div>
      <h4>{title}</h4>
      <ul className="rpc-evidence">
        {items.map((ev, i) => (
          <li key={`${ev.start}-${i}`}>
            <Quote ev={ev} onSeek={onSeek} />
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ContentSection({ content: c, onSeek }: { content: ContentReport; onSeek?: SeekFn }) {
  const order = c.structure.order.map((p) => (isStarPart(p) ? STAR_NAMES[p] : p)).join(" → ");
  const covered = c.key_points.filter((k) => k.covered).length;
  return (
    <SentencesContext.Provider value={c.sentences}>
      <section className="panel rpc-section" aria-labelledby="rpc-content-title">
        <h2 id="rpc-content-title">Content</h2>
        <p className="muted small">
          STAR is the shape interviewers listen for: Situation, Task, Action, Result — and the
          Lesson you took from it.
        </p>

        <h3>Structure</h3>
        <StarBar structure={c.structure} star={c.star} />
        <p>
          {actionShareAdvice(c.structure.shares)}{" "}
          {order && (c.structure.in_order ? `Told in order: ${order}.` : `Told as ${order}; the usual order is easier to follow.`)}
        </p>

        {c.key_points.length > 0 && (
          <>
            <h3>
              Key points — {covered} of {c.key_points.length} covered
            </h3>
            <ul className="rpc-checklist">
              {c.key_points.map((k) => (
                <li key={k.id} className={k.covered ? "rpc-covered" : "rpc-missing"}>
                  {k.covered ? (
                    <CheckCircle2 size={18} className="rpc-ok" aria-label="covered" />
                  ) : (
                    <Circle size={18} className="rpc-warn" aria-label="not covered" />
                  )}
                  <div>
                    <span>{k.text}</span>
                    {k.covered ? (
                      <div className="small">
                        You said: <Quote ev={k.evidence} onSeek={onSeek} />
                      </div>
                    ) : (
                      <div className="small muted">Not heard in this answer.</div>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          </>
        )}

        <div className="rpc-facts">
          <div>
            <h4>Impact</h4>
            <p>
              {c.impact.quantified
                ? "You put a number on the result."
                : c.impact.qualitative
                  ? "You described the result, but without a number: add one (a %, a time, money, users)."
                  : "No result was heard: say what changed, with a number if you can."}
            </p>
            <ul className="rpc-evidence">
              {c.impact.items.map((ev, i) => (
                <li key={`${ev.start}-${i}`}>
                  <Quote ev={ev} onSeek={onSeek} />
                </li>
              ))}
            </ul>
          </div>
          <div>
            <h4>Ownership (I vs we)</h4>
            <p>{ownershipSentence(c.ownership)}</p>
          </div>
          <div>
            <h4>Lesson</h4>
            {c.lesson.lesson ? (
              <p>
                Lesson: <Quote ev={c.lesson.lesson} onSeek={onSeek} />
              </p>
            ) : (
              <p>No lesson was heard: end with what you learned.</p>
            )}
            {c.lesson.change ? (
              <p>
                What you do differently now: <Quote ev={c.lesson.change} onSeek={onSeek} />
              </p>
            ) : (
              <p>Say what you now do differently because of it.</p>
            )}
          </div>
        </div>

        {(c.flags.length > 0 || c.mistakes.length > 0) && (
          <div className="callout warn rpc-flags">
            <h4>
              <AlertTriangle size={18} aria-hidden="true" /> Worth a look
            </h4>
            <ul>
              {c.flags.map((f) => (
                <li key={f.id}>{f.message}</li>
              ))}
              {c.mistakes.map((m) => (
                <li key={m.id}>
                  {m.text}: <Quote ev={m.evidence} onSeek={onSeek} />
                </li>
              ))}
            </ul>
          </div>
        )}
        <EvidenceList title="Sounds like blaming others" items={c.blame} onSeek={onSeek} />
        <EvidenceList title="Vague words (“stuff”, “things”)" items={c.vagueness.items} onSeek={onSeek} />
        <EvidenceList
          title="Hypothetical (“I would”) where a real example is asked for"
          items={c.vagueness.hypothetical}
          onSeek={onSeek}
        />
        <EvidenceList title="Humble-brags" items={c.humble_brag} onSeek={onSeek} />

        {c.tips.length > 0 && (
          <>
            <h3>Tips for the content</h3>
            <ul className="rpc-tips">
              {c.tips.map((t) => (
                <li key={t.id}>
                  {t.text}
                  {t.evidence && (
                    <span className="small">
                      {" "}
                      <TimeLink at={t.evidence.start_s} onSeek={onSeek} label="the sentence" />
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}

        <details className="rpc-breakdown">
          <summary>How the content score of {Math.round(c.score)} was counted</summary>
          <table>
            <thead>
              <tr>
                <th scope="col">Part</th>
                <th scope="col">Points</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {c.breakdown.map((b) => (
                <tr key={b.id}>
                  <th scope="row">{b.label}</th>
                  <td className="score">
                    {b.points.toFixed(1).replace(/\.0$/, "")} / {b.max}
                  </td>
                  <td>{b.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </section>
    </SentencesContext.Provider>
  );
}
