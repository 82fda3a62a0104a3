import cardsFile from "../../fixtures/cards.json";
import fixture from "../../fixtures/report.json";
import type { AnswerResult } from "../../api";
import type { Card, Report } from "../../types";
import { currentAnswer, useMock } from "./mockStore";

const cards = cardsFile.cards as unknown as Card[];
const result = (id: number): AnswerResult => ({ attempt_id: id, report: fixture as unknown as Report, stop_to_report_ms: 1 });

beforeEach(() => useMock.getState().reset());

describe("the mock interview store", () => {
  it("walks the plan with one follow-up per question, then sums up", () => {
    const m = useMock.getState;
    m().begin(cards.slice(0, 2), true);
    expect(m().phase).toBe("running");
    m().record(result(1));
    m().advance(() => 0);
    expect(m()).toMatchObject({ index: 0, followUp: cards[0].follow_ups[0] });
    expect(currentAnswer(m())).toBeUndefined();
    m().record(result(2));
    m().advance();
    expect(m()).toMatchObject({ index: 1, followUp: null });
    m().record(result(3));
    m().advance(() => 0.99);
    expect(m().followUp).toBe(cards[1].follow_ups[cards[1].follow_ups.length - 1]);
    m().record(result(4));
    m().advance();
    expect(m().phase).toBe("summary");
    expect(m().answers.map((a) => [a.step, a.followUp, a.attempt_id])).toEqual([
      [0, false, 1],
      [0, true, 2],
      [1, false, 3],
      [1, true, 4],
    ]);
  });

  it("counts one answer per question, whatever the attempt ids", () => {
    const m = useMock.getState;
    m().begin(cards.slice(0, 2), false);
    m().record(result(7));
    m().record(result(8));
    expect(m().answers).toHaveLength(1);
    m().advance();
    // The same id again (e.g. a reused database) is still the next question's answer.
    m().record(result(7));
    expect(m().answers.map((a) => a.step)).toEqual([0, 1]);
    m().advance();
    expect(m().phase).toBe("summary");
  });

  it("can end early and start over", () => {
    const m = useMock.getState;
    m().begin(cards.slice(0, 3), false);
    m().record(result(1));
    m().finish();
    expect(m().phase).toBe("summary");
    expect(m().answers).toHaveLength(1);
    m().reset();
    expect(m()).toMatchObject({ phase: "setup", answers: [], plan: [] });
    m().begin([], false);
    expect(m().phase).toBe("setup");
  });
});
