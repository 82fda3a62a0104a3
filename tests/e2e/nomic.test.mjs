// No microphone at all (no PulseAudio server, so no source): the app says so plainly, keeps
// nothing, and stays usable.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { allByTestId, launchApp, newDataDir, openCard, screenshotThemes, shown, startDriver } from "./harness.mjs";

test("no microphone: a clear message, no crash, nothing kept", async () => {
  const driver = await startDriver({ PULSE_SERVER: "unix:/nonexistent/pulse", ALSA_CARD: "none" });
  const dataDir = newDataDir({ withModel: true });
  // No interviewer voice here: speech-dispatcher, started from this app, would inherit the
  // broken sound server and stay that way for the tests after this one.
  writeFileSync(join(dataDir, "settings.json"), JSON.stringify({ speak_questions: false }));
  const { browser } = await launchApp({ dataDir, port: driver.port });
  try {
    await openCard(browser, "failed", "Tell me about a time you failed");
    await (await shown(browser, "practice-start")).click();
    const toggle = await shown(browser, "record-toggle");
    await toggle.waitForEnabled({ timeout: 30_000 });
    await toggle.click();
    const error = await shown(browser, "practice-error", 20_000);
    const text = await error.getText();
    console.log(`no-microphone message: ${JSON.stringify(text)}`);
    assert.match(text, /microphone/i);
    await screenshotThemes(browser, "practice-no-microphone");
    // Still alive and usable: the library answers.
    await (await shown(browser, "nav-library")).click();
    await shown(browser, "card-search");
    await (await shown(browser, "nav-history")).click();
    assert.equal((await allByTestId(browser, "attempt-item")).length, 0, "no attempt kept");
    const rec = join(dataDir, "recordings");
    const wavs = existsSync(rec) ? readdirSync(rec, { recursive: true }).filter((f) => String(f).endsWith(".wav")) : [];
    assert.deepEqual(wavs, [], "no recording left behind");
  } finally {
    await browser.deleteSession();
    driver.stop();
  }
});
