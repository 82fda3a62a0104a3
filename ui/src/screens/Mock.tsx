// Mock interview (route mock): N questions back to back, optional follow-ups, a summary at the end.
import { useMemo, useState, type FormEvent } from "react";
import { Play } from "lucide-react";
import { useApp } from "../state";
import { PracticeSession } from "../components/practice/PracticeSession";
import { CompactResult, MockSummaryView } from "../components/practice/MockResults";
import { currentAnswer, useMock } from "../components/practice/mockStore";
import {
  decodeSource,
  encodeSource,
  pickQuestions,
  poolFor,
  sourceOptions,
  type MockSource,
} from "../components/practice/mockPlan";
import "./Mock.css";

const MAX_QUESTIONS = 20;

function MockSetup() {
  const cards = useApp((s) => s.cards);
  const settings = useApp((s) => s.settings);
  const begin = useMock((s) => s.begin);
  const [count, setCount] = useState(String(settings?.mock_questions ?? 5));
  const [source, setSource] = useState<MockSource>({ kind: "mixed" });
  const [followUps, setFollowUps] = useState(settings?.follow_ups ?? true);
  const options = useMemo(() => sourceOptions(cards ?? []), [cards]);
  const pool = useMemo(() => poolFor(cards ?? [], source), [cards, source]);
  const n = Number(count);
  const valid = Number.isInteger(n) && n >= 1 && n <= MAX_QUESTIONS;

  const start = (e: FormEvent) => {
    e.preventDefault();
    if (!valid || pool.length === 0) return;
    begin(pickQuestions(pool, n), followUps);
  };

  if (!cards) return <p className="muted">Loading the questions…</p>;
  return (
    <form className="panel mck-setup" onSubmit={start} aria-labelledby="mck-title">
      <h1 id="mck-title">Mock interview</h1>
      <p className="lead">
        Questions back to back, like the real thing: you hear each one, answer, and see a short
        result. The full reports wait in the summary at the end.
      </p>
      <div className="mck-fields">
        <div className="field">
          <label htmlFor="mck-count">Number of questions</label>
          <input
            id="mck-count"
            type="number"
            data-testid="mock-count"
            min={1}
            max={MAX_QUESTIONS}
            value={count}
            onChange={(e) => setCount(e.target.value)}
            aria-describedby="mck-count-hint"
            aria-invalid={!valid}
          />
          <span id="mck-count-hint" className="hint">
            {valid ? "Each answer takes about 2–3 minutes" : `Choose 1 to ${MAX_QUESTIONS}`}
          </span>
        </div>
        <div className="field">
          <label htmlFor="mck-source">Questions from</label>
          <select
            id="mck-source"
            data-testid="mock-source"
            value={encodeSource(source)}
            onChange={(e) => setSource(decodeSource(e.target.value))}
          >
            <option value="mixed">Mixed — all {cards.length} questions</option>
            <optgroup label="Category">
              {options.categories.map(([c, k]) => (
                <option key={c} value={encodeSource({ kind: "category", value: c })}>
                  {c} ({k})
                </option>
              ))}
            </optgroup>
            <optgroup label="Leadership principle">
              {options.principles.map(([p, k]) => (
                <option key={p} value={encodeSource({ kind: "principle", value: p })}>
                  {p} ({k})
                </option>
              ))}
            </optgroup>
          </select>
          <span className="hint">
            {pool.length === 0
              ? "No questions here yet."
              : valid && n > pool.length
                ? `Only ${pool.length} questions here, so you will get ${pool.length}.`
                : `${pool.length} questions to draw from.`}
          </span>
        </div>
        <label className="mck-check">
          <input
            type="checkbox"
            data-testid="mock-follow-ups"
            checked={followUps}
            onChange={(e) => setFollowUps(e.target.checked)}
          />
          <span>
            Ask a follow-up after each answer
            <span className="hint"> — the interviewer digs deeper, as in a real loop</span>
          </span>
        </label>
      </div>
      <button type="submit" className="btn primary" data-testid="mock-start" disabled={!valid || pool.length === 0}>
        <Play size={16} aria-hidden="true" /> Start the interview
      </button>
    </form>
  );
}

function MockRunner() {
  const settings = useApp((s) => s.settings);
  const mock = useMock();
  const { plan, index, followUp } = mock;
  const card = plan[index];
  const answered = currentAnswer(mock);
  if (!card || !settings) return null;
  const last = index + 1 >= plan.length && (followUp != null || !mock.followUps || card.follow_ups.length === 0);
  const kicker = (
    <>
      Question {index + 1} of {plan.length}
      {followUp ? " — follow-up" : ""}
    </>
  );
  return (
    <div className="mck-run">
      <div className="mck-progress">
        <p className="mck-count" data-testid="mock-progress" aria-live="polite">
          {kicker}
        </p>
        <div className="progressbar" aria-hidden="true">
          <span style={{ width: `${((index + (answered ? 1 : 0)) / plan.length) * 100}%` }} />
        </div>
        <button type="button" className="btn small ghost" onClick={mock.finish}>
          End the interview here
        </button>
      </div>
      {answered ? (
        <>
          <h1 className="mck-question">{answered.question}</h1>
          <CompactResult answer={answered} last={last} onContinue={() => mock.advance()} />
        </>
      ) : (
        <PracticeSession
          key={`${index}-${followUp ?? ""}`}
          card={card}
          followUp={followUp}
          speak={settings.speak_questions}
          thinkTime={settings.think_time_s}
          onResult={mock.record}
          renderResult={() => null}
        />
      )}
    </div>
  );
}

export function MockScreen() {
  const phase = useMock((s) => s.phase);
  const answers = useMock((s) => s.answers);
  const reset = useMock((s) => s.reset);
  return (
    <section className="screen" aria-label="Mock interview">
      {phase === "setup" && <MockSetup />}
      {phase === "running" && <MockRunner />}
      {phase === "summary" && <MockSummaryView answers={answers} onRestart={reset} />}
    </section>
  );
}
