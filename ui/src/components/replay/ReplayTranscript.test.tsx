import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import attempt from "../../fixtures/attempt.json";
import type { Report } from "../../types";
import { ReplayTranscript } from "./ReplayTranscript";
import { transcriptTokens } from "./transcript";
import { wordAt } from "./timeline";

const report = attempt.report as unknown as Report;
const tokens = transcriptTokens(report.transcript.words, report.delivery);

afterEach(cleanup);

describe("ReplayTranscript", () => {
  it("marks the word spoken at the playback position as current, and only that one", () => {
    const current = wordAt(report.transcript.words, 12.5); // "manager"
    render(<ReplayTranscript tokens={tokens} current={current} onSeek={() => {}} />);
    const words = screen.getAllByTestId("replay-word");
    expect(words).toHaveLength(report.transcript.words.length);
    const marked = words.filter((w) => w.getAttribute("aria-current") === "true");
    expect(marked.map((w) => w.textContent)).toEqual(["manager"]);
    // One tab stop for the whole transcript: the current word.
    expect(words.filter((w) => w.tabIndex === 0)).toEqual(marked);
  });

  it("seeks to a word's start when it is clicked", () => {
    const seeks: number[] = [];
    render(<ReplayTranscript tokens={tokens} current={-1} onSeek={(t) => seeks.push(t)} />);
    const words = screen.getAllByTestId("replay-word");
    fireEvent.click(words.find((w) => w.textContent === "recovery")!);
    expect(seeks).toEqual([14.38]);
    expect(words[0].tabIndex).toBe(0);
    expect(words[0].getAttribute("role")).toBe("button");
    fireEvent.keyDown(words[0], { key: "Enter" });
    expect(seeks).toEqual([14.38, 0.62]);
  });

  it("offers no seeking without a playable recording", () => {
    render(<ReplayTranscript tokens={tokens} current={-1} />);
    const words = screen.getAllByTestId("replay-word");
    fireEvent.click(words[3]);
    expect(words.some((w) => w.tabIndex === 0 || w.getAttribute("role") === "button")).toBe(false);
  });

  it("labels findings in words, not only colour", () => {
    render(<ReplayTranscript tokens={tokens} current={-1} onSeek={() => {}} />);
    const um = screen.getAllByTestId("replay-word")[1];
    expect(um.className).toContain("is-filler");
    expect(um.textContent).toBe("um, (filler)");
  });

  it("keeps the current word in view by scrolling the transcript box only", () => {
    const { rerender, container } = render(<ReplayTranscript tokens={tokens} current={0} onSeek={() => {}} />);
    const box = container.querySelector<HTMLElement>(".rep-transcript")!;
    const target = screen.getAllByTestId("replay-word")[60];
    // jsdom does no layout; give the box and the word a geometry.
    Object.defineProperty(box, "clientHeight", { value: 100 });
    Object.defineProperty(box, "offsetTop", { value: 0 });
    Object.defineProperty(target, "offsetTop", { value: 400 });
    Object.defineProperty(target, "offsetHeight", { value: 20 });
    rerender(<ReplayTranscript tokens={tokens} current={60} onSeek={() => {}} />);
    expect(box.scrollTop).toBe(400 + 20 - 100 + 8);
  });
});
