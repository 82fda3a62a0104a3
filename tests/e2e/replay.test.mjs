// Coming back: two recorded attempts at one card are in the history; replay plays the audio with
// the spoken word highlighted and clicks seek; a note survives a restart; the dashboard and the
// comparison show both attempts. Then a 10-minute answer's replay is timed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
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
  openCard,
} from "./harness.mjs";

const FIRST =
  "So, um, last year I owned a release that slipped by two weeks. " +
  "I told the team early, I cut the scope, and we shipped the core on time. " +
  "I learned to plan a buffer.";
const SECOND =
  "Last year I owned a release that was at risk. " +
  "I told my manager the same day, I cut two features, and we shipped on the planned date. " +
  "Customers kept all their data, and I now plan a buffer of one week.";

async function answer(browser, wav) {
  await openCard(browser, "failed", "Tell me about a time you failed");
  await (await shown(browser, "practice-start")).click();
  const toggle = await shown(browser, "record-toggle");
  await toggle.waitForEnabled({ timeout: 30_000 });
  await toggle.click();
  await shown(browser, "level-meter");
  await sleep(600);
  playIntoMic(wav);
  await sleep(500);
  await toggle.click();
  await shown(browser, "report", 60_000);
}

/** Waits until the recording has loaded and can play; returns the milliseconds waited. */
async function waitPlayable(browser, timeout = 60_000) {
  const started = Date.now();
  await browser.$('[data-testid="replay-waveform"][data-ready="true"]').waitForExist({
    timeout,
    timeoutMsg: `the recording did not load within ${timeout} ms`,
  });
  return Date.now() - started;
}

/** Seconds shown by the replay clock ("12.3 / 45.0 s" → 12.3). */
async function replaySeconds(browser) {
  const t = await byTestId(browser, "replay-time").getText();
  return Number(t.match(/\d+(\.\d+)?/)[0]);
}

async function currentWordIndex(browser) {
  const words = await allByTestId(browser, "replay-word");
  for (let i = 0; i < words.length; i++) {
    if ((await words[i].getAttribute("aria-current")) === "true") return i;
  }
  return -1;
}

test("history, replay with notes across a restart, progress and compare", async () => {
  const dataDir = newDataDir({ withModel: true });
  const first = synthesize(FIRST, join(artifacts, "replay-first.wav"));
  const second = synthesize(SECOND, join(artifacts, "replay-second.wav"));
  let { browser } = await launchApp({ dataDir });
  try {
    await answer(browser, first);
    await (await shown(browser, "nav-library")).click();
    await answer(browser, second);

    await (await shown(browser, "nav-history")).click();
    await shown(browser, "attempt-item");
    await sleep(300);
    const rows = await allByTestId(browser, "attempt-item");
    assert.equal(rows.length, 2, "both attempts are listed");
    await screenshotThemes(browser, "history");

    // Compare the two.
    for (const row of rows) await (await row.$('input[type="checkbox"]')).click();
    await (await shown(browser, "compare-selected")).click();
    await shown(browser, "compare");
    const changes = await allByTestId(browser, "compare-change");
    assert.ok(changes.length >= 5, `metrics compared (${changes.length})`);
    const changeText = await changes[0].getText();
    assert.match(changeText, /[+−-]?\d/, `a change is shown: ${changeText}`);
    await screenshotThemes(browser, "compare");

    // Replay the newest attempt.
    await (await shown(browser, "nav-history")).click();
    await (await shown(browser, "attempt-replay")).click();
    const play = await shown(browser, "replay-play");
    const words = await allByTestId(browser, "replay-word");
    await words[0].waitForDisplayed({ timeout: 10_000 });
    assert.ok(words.length > 20, `the transcript's words are shown (${words.length})`);
    await waitPlayable(browser);
    await play.click();
    await sleep(3000);
    const t1 = await replaySeconds(browser);
    const w1 = await currentWordIndex(browser);
    await sleep(2000);
    const t2 = await replaySeconds(browser);
    const w2 = await currentWordIndex(browser);
    console.log(`playing: ${t1} s (word ${w1}) → ${t2} s (word ${w2})`);
    assert.ok(t2 > t1 + 1, "the audio plays: the clock advances");
    assert.ok(w2 > w1 && w1 >= 0, "the highlighted word advances");
    await play.click(); // pause
    await screenshotThemes(browser, "replay");

    // Click a late word: playback jumps there.
    const target = words[words.length - 5];
    await target.scrollIntoView();
    await target.click();
    await sleep(400);
    const t3 = await replaySeconds(browser);
    const w3 = await currentWordIndex(browser);
    console.log(`after clicking word ${words.length - 5}: ${t3} s, highlighted word ${w3}`);
    assert.ok(t3 > t2, "a click on a word seeks to it");
    // The clock lands on the word's start; the highlight may sit on its neighbour at the edge.
    assert.ok(Math.abs(w3 - (words.length - 5)) <= 1, `highlight at the clicked word (${w3})`);

    // A note at this moment.
    await (await shown(browser, "note-add")).click();
    const input = await shown(browser, "note-input");
    await input.setValue("Slow down before the result");
    await (await shown(browser, "note-save")).click();
    await shown(browser, "note-item");

    // Progress shows both attempts.
    await (await shown(browser, "nav-progress")).click();
    await shown(browser, "trend-chart");
    const charts = await allByTestId(browser, "trend-chart");
    assert.ok(charts.length >= 6, `a chart per metric (${charts.length})`);
    const page = await browser.$("main").getText();
    assert.match(page, /2 answers/, "the totals count both attempts");
    await screenshotThemes(browser, "progress");
  } finally {
    await browser.deleteSession();
  }

  // The note is still there after a restart.
  ({ browser } = await launchApp({ dataDir }));
  try {
    await (await shown(browser, "nav-history")).click();
    await (await shown(browser, "attempt-replay")).click();
    const note = await shown(browser, "note-item");
    assert.match(await note.getText(), /Slow down before the result/);
  } finally {
    await browser.deleteSession();
  }
});

test("a 10-minute answer's replay is usable quickly", async () => {
  const dataDir = newDataDir({ withModel: true });
  // Ten minutes of real speech: the answer above, repeated, analysed and stored by the CLI.
  const one = synthesize(SECOND, join(artifacts, "long-one.wav"));
  const long = join(artifacts, "long-10min.wav");
  const parts = Array(Math.ceil(600 / 11)).fill(one);
  execFileSync("sox", [...parts, long, "trim", "0", "600"]);
  const cli = process.env.REHEARSE_CLI;
  if (!cli) throw new Error("REHEARSE_CLI is not set: run through `cargo xtask test`");
  const started = Date.now();
  execFileSync(cli, ["analyze", long, "--question", "tell-me-about-a-time-you-failed", "--model", "tiny.en", "--threads", "2", "--save"], {
    env: { ...process.env, REHEARSE_DATA_DIR: dataDir },
    stdio: ["ignore", "ignore", "inherit"],
  });
  console.log(`analysing the 10-minute answer took ${((Date.now() - started) / 1000).toFixed(0)} s`);

  const { browser } = await launchApp({ dataDir });
  try {
    await (await shown(browser, "nav-history")).click();
    const replay = await shown(browser, "attempt-replay");
    const opened = Date.now();
    await replay.click();
    const play = await shown(browser, "replay-play");
    await play.waitForEnabled({ timeout: 10_000 });
    await (await allByTestId(browser, "replay-word"))[0].waitForDisplayed();
    const shownAt = Date.now() - opened;
    const playableAt = shownAt + (await waitPlayable(browser));
    await play.click();
    let t = 0;
    for (let i = 0; i < 20 && t <= 0.3; i++) {
      await sleep(500);
      t = await replaySeconds(browser);
    }
    console.log(
      `10-minute replay: controls and transcript after ${shownAt} ms, playable after ${playableAt} ms (goal 1000 ms); played to ${t} s`,
    );
    assert.ok(t > 0.3, "it plays");
    await screenshotThemes(browser, "replay-10min");
  } finally {
    await browser.deleteSession();
  }
});
