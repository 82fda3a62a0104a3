// First run: no model installed, so the app opens on the onboarding that gets one; the shell's
// navigation and every top-level screen render (screenshots in light and dark).
import { test } from "node:test";
import assert from "node:assert/strict";
import { byTestId, launchApp, newDataDir, screenshotThemes, shown } from "./harness.mjs";

test("first run without a model opens the onboarding; the other screens render", async () => {
  const { browser } = await launchApp({ dataDir: newDataDir() });
  try {
    assert.equal(await browser.getTitle(), "Rehearse");
    await shown(browser, "onboarding-download");
    assert.match(await byTestId(browser, "app-version").getText(), /^v\d+\.\d+\.\d+/);
    await screenshotThemes(browser, "onboarding");
    for (const [nav, name] of [
      ["nav-settings", "settings"],
      ["nav-mock", "mock-setup"],
      ["nav-progress", "progress-empty"],
      ["nav-history", "history-empty"],
      ["nav-library", "library-first-run"],
    ]) {
      await (await shown(browser, nav)).click();
      await browser.pause(400);
      await screenshotThemes(browser, name);
    }
  } finally {
    await browser.deleteSession();
  }
});
