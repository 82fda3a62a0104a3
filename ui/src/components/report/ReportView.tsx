// The whole report, used by the Report screen and in place after an answer. Props only: the
// host passes `actions` (buttons) and `onSeek` (what a click on a moment does).
import type { ReactNode } from "react";
import type { Report } from "../../types";
import { ContentSection } from "./ContentSection";
import { DeliverySection } from "./DeliverySection";
import { NextTime } from "./NextTime";
import { ScoreHeader } from "./ScoreHeader";
import type { SeekFn } from "./TimeLink";
import { TranscriptView } from "./TranscriptView";
import "./report.css";

export function ReportView({ report, actions, onSeek }: { report: Report; actions?: ReactNode; onSeek?: SeekFn }) {
  return (
    <div className="rep" data-testid="report">
      <ScoreHeader report={report} />
      {actions}
      <NextTime tips={report.next_time} />
      <DeliverySection delivery={report.delivery} onSeek={onSeek} />
      {report.content ? (
        <ContentSection content={report.content} onSeek={onSeek} />
      ) : (
        <section className="panel rpc-section">
          <h2>Content</h2>
          <p className="muted">
            This answer was not given to a question card, so there are no key points to check it
            against. Practise a card from the library to get content feedback.
          </p>
        </section>
      )}
      <TranscriptView report={report} onSeek={onSeek} />
    </div>
  );
}
