// A mock interview of two questions, answered back to back through the virtual microphone, with
// the interviewer's follow-ups (on by default), ending in the interview's summary.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  allByTestId,
  artifacts,
  byTestId,
  launchApp,
  newDataDir,
  playIntoMic,
  screenshotThemes,
  shown,
  sleep,
  synthesize,
} from "./harness.mjs";

const ANSWER =
  "At my last job I led the move of our reports to a new database. " +
  "I set the plan, I tested it with the team, and we finished a week early. " +
  "I learned to check the data first.";

test("a mock interview of two questions completes with its summary", async () => {
  const answerWav = synthesize(ANSWER, join(artifacts, "mock-answer.wav"));
  const { browser } = await launchApp({ dataDir: newDataDir({ withModel: true }) });
  try {
    await (await shown(browser, "nav-mock")).click();
    const count = await shown(browser, "mock-count");
    await count.clearValue();
    await count.setValue("2");
    await screenshotThemes(browser, "mock-setup-filled");
    await (await shown(browser, "mock-start")).click();

    let answers = 0;
    for (let round = 0; round < 6; round++) {
      if (await byTestId(browser, "mock-summary").isDisplayed().catch(() => false)) break;
      const toggle = await shown(browser, "record-toggle", 30_000);
      await toggle.waitForEnabled({ timeout: 30_000 });
      const asked = await byTestId(browser, "practice-question").getText();
      console.log(`question ${round + 1}: ${asked}`);
      await toggle.click();
      await shown(browser, "level-meter");
      await sleep(600);
      playIntoMic(answerWav);
      await sleep(500);
      await toggle.click();
      answers++;
      const cont = await shown(browser, "mock-continue", 60_000);
      if (round === 0) await screenshotThemes(browser, "mock-result");
      await cont.click();
      await sleep(300);
    }
    const summary = await shown(browser, "mock-summary", 30_000);
    const items = await allByTestId(browser, "mock-summary-item");
    console.log(`answers given: ${answers}; summary rows: ${items.length}`);
    assert.ok(answers >= 2 && answers <= 4, `two questions, each with at most one follow-up (${answers})`);
    assert.equal(items.length, answers, "every answer is in the summary");
    assert.match(await summary.getText(), /\d/);
    await screenshotThemes(browser, "mock-summary");
  } finally {
    await browser.deleteSession();
  }
});
