// "Next time": the report's most valuable tips, in order of the points they would win.
import { Lightbulb } from "lucide-react";
import type { Report } from "../../types";
import { aboutName } from "./reportText";

export function NextTime({ tips }: { tips: Report["next_time"] }) {
  return (
    <section className="panel rpc-next" aria-labelledby="rpc-next-title">
      <h2 id="rpc-next-title">
        <Lightbulb size={20} aria-hidden="true" /> Next time
      </h2>
      {tips.length === 0 ? (
        <p>Nothing stands out to fix: keep practising to make it feel natural.</p>
      ) : (
        <ol className="rpc-next-list">
          {tips.slice(0, 3).map((t, i) => (
            <li key={`${t.about}-${i}`}>
              <span className="rpc-next-about">
                {aboutName(t.about)}
                <span className="muted small"> · {t.area}, worth about {Math.round(t.gain)} points</span>
              </span>
              <span className="rpc-next-text">{t.text}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
