// The mock interview in progress. Kept outside the screen so opening an answer's full report
// and coming back does not lose the interview.
import { create } from "zustand";
import type { AnswerResult } from "../../api";
import type { Card } from "../../types";
import { answerOf, chooseFollowUp, type MockAnswer, type Random } from "./mockPlan";

export type MockPhase = "setup" | "running" | "summary";

export interface MockState {
  phase: MockPhase;
  plan: Card[];
  followUps: boolean;
  /** Index into plan of the question being asked. */
  index: number;
  /** The follow-up being asked for plan[index], or null for the card's own question. */
  followUp: string | null;
  answers: MockAnswer[];
  begin: (plan: Card[], followUps: boolean) => void;
  /** Stores the analysed answer to the current question. */
  record: (result: AnswerResult) => void;
  /** After an answer: ask a follow-up, the next question, or end with the summary. */
  advance: (random?: Random) => void;
  finish: () => void;
  reset: () => void;
}

const empty = { phase: "setup" as MockPhase, plan: [], followUps: false, index: 0, followUp: null, answers: [] };

export const useMock = create<MockState>((set, get) => ({
  ...empty,
  begin: (plan, followUps) => set({ ...empty, phase: plan.length > 0 ? "running" : "setup", plan, followUps }),
  record: (result) => {
    const state = get();
    const { plan, index, followUp, answers } = state;
    const card = plan[index];
    // One answer per question: a second report for the same question is not counted twice.
    if (!card || currentAnswer(state)) return;
    set({ answers: [...answers, answerOf(index, card, followUp, result)] });
  },
  advance: (random = Math.random) => {
    const { plan, index, followUp, followUps } = get();
    const card = plan[index];
    if (card && followUp == null && followUps) {
      const f = chooseFollowUp(card, random);
      if (f) {
        set({ followUp: f });
        return;
      }
    }
    if (index + 1 >= plan.length) set({ phase: "summary", followUp: null });
    else set({ index: index + 1, followUp: null });
  },
  finish: () => set({ phase: "summary", followUp: null }),
  reset: () => set({ ...empty }),
}));

/** The answer already given to the question being asked now, if any. */
export function currentAnswer(s: Pick<MockState, "answers" | "index" | "followUp">): MockAnswer | undefined {
  return s.answers.find((a) => a.step === s.index && a.followUp === (s.followUp != null));
}
