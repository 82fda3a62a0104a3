// Mock interview results: the compact result after each answer and the summary at the end.
import { ArrowRight, FileText, RotateCcw } from "lucide-react";
import { useApp } from "../../state";
import { scoreBand } from "../report/reportText";
import type { MockAnswer } from "./mockPlan";
import { summarise } from "./mockPlan";
import { aboutName } from "../report/reportText";

function Scores({ a }: { a: Pick<MockAnswer, "overall" | "delivery" | "content"> }) {
  return (
    <dl className="prc-mini-scores">
      <div>
        <dt>Overall</dt>
        <dd className="score">{a.overall}</dd>
      </div>
      <div>
        <dt>Delivery</dt>
        <dd className="score">{a.delivery}</dd>
      </div>
      <div>
        <dt>Content</dt>
        <dd className="score">{a.content ?? "—"}</dd>
      </div>
    </dl>
  );
}

export function CompactResult({
  answer,
  last,
  onContinue,
}: {
  answer: MockAnswer;
  /** The last question: Continue leads to the summary. */
  last: boolean;
  onContinue: () => void;
}) {
  const tip = answer.tips[0];
  return (
    <section className="panel prc-compact" aria-label="Result of this answer" data-testid="mock-result">
      <h2>
        {scoreBand(answer.overall)} answer — {answer.overall} / 100
      </h2>
      <Scores a={answer} />
      {tip && (
        <p>
          <strong>One thing for next time:</strong> {tip.text}
        </p>
      )}
      <p className="small muted">The full report waits for you in the summary at the end.</p>
      <button type="button" className="btn primary" data-testid="mock-continue" onClick={onContinue} autoFocus>
        {last ? "See the summary" : "Continue"} <ArrowRight size={16} aria-hidden="true" />
      </button>
    </section>
  );
}

export function MockSummaryView({ answers, onRestart }: { answers: MockAnswer[]; onRestart: () => void }) {
  const navigate = useApp((s) => s.navigate);
  const { averages, topTips } = summarise(answers);
  return (
    <section className="prc-summary" data-testid="mock-summary" aria-labelledby="prc-summary-title">
      <h1 id="prc-summary-title">Your mock interview</h1>
      {answers.length === 0 ? (
        <p>No answers were recorded in this interview. Start another when you are ready.</p>
      ) : (
        <>
          <div className="panel">
            <h2>
              Average over {answers.length} {answers.length === 1 ? "answer" : "answers"}
            </h2>
            <Scores
              a={{
                overall: averages.overall ?? 0,
                delivery: averages.delivery ?? 0,
                content: averages.content,
              }}
            />
            {averages.overall != null && <p className="muted">{scoreBand(averages.overall)} overall.</p>}
          </div>
          {topTips.length > 0 && (
            <div className="panel">
              <h2>What came up most</h2>
              <ol className="prc-summary-tips">
                {topTips.map((t) => (
                  <li key={t.about}>
                    <strong className="prc-about">{aboutName(t.about)}</strong>
                    <span className="muted small">
                      {" "}
                      — in {t.count} of {answers.length} {answers.length === 1 ? "answer" : "answers"}
                    </span>
                    <div>{t.text}</div>
                  </li>
                ))}
              </ol>
            </div>
          )}
          <div className="panel">
            <h2>Each answer</h2>
            <table className="prc-summary-table">
              <thead>
                <tr>
                  <th scope="col">Question</th>
                  <th scope="col">Overall</th>
                  <th scope="col">Delivery</th>
                  <th scope="col">Content</th>
                  <th scope="col">
                    <span className="visually-hidden">Report</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {answers.map((a) => (
                  <tr key={a.attempt_id} data-testid="mock-summary-item">
                    <th scope="row">
                      {a.followUp && <span className="chip small">follow-up</span>} {a.question}
                    </th>
                    <td className="score">{a.overall}</td>
                    <td className="score">{a.delivery}</td>
                    <td className="score">{a.content ?? "—"}</td>
                    <td>
                      <button
                        type="button"
                        className="btn small"
                        aria-label={`Open the report for: ${a.question}`}
                        onClick={() => navigate({ name: "report", attemptId: a.attempt_id })}
                      >
                        <FileText size={14} aria-hidden="true" /> Report
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <div>
        <button type="button" className="btn primary" onClick={onRestart} data-testid="mock-restart">
          <RotateCcw size={16} aria-hidden="true" /> Start another
        </button>
      </div>
    </section>
  );
}
