// Shared E2E plumbing: start the real app through tauri-driver, fresh data dir per session,
// screenshots into the run's artifacts folder.
import { remote } from "webdriverio";
import { mkdtempSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const artifacts = process.env.REHEARSE_ARTIFACTS ?? join(process.cwd(), "artifacts");
mkdirSync(artifacts, { recursive: true });

/** Launches the app with its own empty data dir (or the given one) and returns the browser. */
export async function launchApp({ dataDir } = {}) {
  const application = process.env.REHEARSE_APP;
  if (!application) throw new Error("REHEARSE_APP is not set: run through `cargo xtask test`");
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), "rehearse-e2e-"));
  const browser = await remote({
    hostname: "127.0.0.1",
    port: Number(process.env.REHEARSE_WEBDRIVER_PORT ?? 4444),
    logLevel: "warn",
    capabilities: {
      "tauri:options": { application, args: ["--data-dir", dir] },
    },
  });
  return { browser, dataDir: dir };
}

export async function screenshot(browser, name) {
  const file = join(artifacts, `${name}.png`);
  await browser.saveScreenshot(file);
  return file;
}

export function byTestId(browser, id) {
  return browser.$(`[data-testid="${id}"]`);
}
