// Practice one card (route practice): hear the question, answer, read the report in place.
import { useState } from "react";
import { ArrowLeft } from "lucide-react";
import { useApp, useCard } from "../state";
import { PracticeSession } from "../components/practice/PracticeSession";
import { ReportView } from "../components/report/ReportView";
import { ReportActions } from "../components/report/ReportActions";
import { replayAt } from "./Report";
import "./Practice.css";

export function PracticeScreen({ cardId }: { cardId: string }) {
  const entry = useCard(cardId);
  const settings = useApp((s) => s.settings);
  const cards = useApp((s) => s.cards);
  const navigate = useApp((s) => s.navigate);
  const back = useApp((s) => s.back);
  // A new round remounts the session: fresh state, the question read again.
  const [round, setRound] = useState(0);

  if (!cards || !settings) {
    return (
      <section className="screen" aria-label="Practice">
        <p className="muted">Loading the question…</p>
      </section>
    );
  }
  if (!entry) {
    return (
      <section className="screen" aria-label="Practice">
        <div className="callout error" role="alert">
          <p>The question “{cardId}” is not in your library any more.</p>
          <button type="button" className="btn" onClick={() => navigate({ name: "library" })}>
            Choose another question
          </button>
        </div>
      </section>
    );
  }

  return (
    <section className="screen pr-screen" aria-label="Practice">
      <div>
        <button type="button" className="btn ghost small" onClick={back}>
          <ArrowLeft size={16} aria-hidden="true" /> Back
        </button>
      </div>
      <PracticeSession
        key={round}
        card={entry.card}
        speak={settings.speak_questions}
        thinkTime={settings.think_time_s}
        kicker={
          <>
            {entry.card.category} · {entry.card.difficulty.charAt(0).toUpperCase() + entry.card.difficulty.slice(1)}
            {round > 0 ? ` · attempt ${round + 1} this session` : ""}
          </>
        }
        renderResult={(result) => (
          <ReportView
            report={result.report}
            onSeek={(t) => replayAt(navigate, result.attempt_id, t)}
            actions={
              <ReportActions
                attemptId={result.attempt_id}
                cardId={cardId}
                onTryAgain={() => setRound((r) => r + 1)}
              />
            }
          />
        )}
      />
    </section>
  );
}
