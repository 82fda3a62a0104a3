// The window opens with the bundled UI and the UI reaches Rust.
import { test } from "node:test";
import assert from "node:assert/strict";
import { launchApp, screenshot, byTestId } from "./harness.mjs";

test("the app window opens and the UI talks to the Rust side", async () => {
  const started = Date.now();
  const { browser, dataDir } = await launchApp();
  try {
    const ready = await byTestId(browser, "backend-ready");
    await ready.waitForDisplayed({ timeout: 20_000 });
    console.log(`window to backend-ready: ${Date.now() - started} ms`);
    const title = await browser.getTitle();
    assert.equal(title, "Rehearse");
    // app_info returns the data dir the app was started with: proof that the command ran in Rust.
    const status = await byTestId(browser, "backend-status").getText();
    assert.ok(status.includes(dataDir), `status "${status}" should show the data dir ${dataDir}`);
    const version = await byTestId(browser, "app-version").getText();
    assert.match(version, /^v\d+\.\d+\.\d+/);
    await screenshot(browser, "shell");
  } finally {
    await browser.deleteSession();
  }
});
