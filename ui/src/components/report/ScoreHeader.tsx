// The three scores of a report with a one-line verdict each. Props only: other screens reuse it.
import type { Report } from "../../types";
import { contentVerdict, deliveryVerdict, scoreTone } from "./reportText";
import "./report.css";

function ScoreCard(props: {
  title: string;
  score: number | null;
  verdict: string;
  testid: string;
  note?: string;
}) {
  const { title, score, verdict, testid, note } = props;
  const tone = score == null ? "none" : scoreTone(score);
  return (
    <div className={`rpc-score rpc-tone-${tone}`}>
      <h3 className="rpc-score-title">{title}</h3>
      <p className="rpc-score-value">
        <span className="score" data-testid={testid}>
          {score == null ? "—" : Math.round(score)}
        </span>
        <span className="rpc-score-out">{score == null ? note : "/ 100"}</span>
      </p>
      <p className="rpc-score-verdict small">{verdict}</p>
    </div>
  );
}

export function ScoreHeader({ report }: { report: Report }) {
  const { overall, delivery, content } = report;
  return (
    <section className="rpc-scores" aria-label="Scores">
      <ScoreCard
        title="Overall"
        score={overall.score}
        verdict={overall.verdict}
        testid="report-overall-score"
      />
      <ScoreCard
        title="Delivery"
        score={overall.delivery_score ?? delivery.score.score}
        verdict={deliveryVerdict(delivery)}
        testid="report-delivery-score"
      />
      <ScoreCard
        title="Content"
        score={content ? (overall.content_score ?? content.score) : null}
        verdict={contentVerdict(content)}
        testid="report-content-score"
        note="no question card"
      />
    </section>
  );
}
