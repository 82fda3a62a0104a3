// Shared E2E plumbing: start the real app through tauri-driver (fresh data dir per session),
// the test model, speech into the virtual microphone, what the speaker played, screenshots.
import { remote } from "webdriverio";
import { spawn, execFileSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export const artifacts = process.env.REHEARSE_ARTIFACTS ?? join(process.cwd(), "artifacts");
mkdirSync(artifacts, { recursive: true });
export { sleep };

/** A fresh data folder; with `withModel` the test model is installed in it (a link, not a copy). */
export function newDataDir({ withModel = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "rehearse-e2e-"));
  if (withModel) {
    const model = process.env.REHEARSE_TEST_MODEL;
    if (!model) throw new Error("REHEARSE_TEST_MODEL is not set: run through `cargo xtask test`");
    const models = join(dir, "models");
    mkdirSync(models);
    symlinkSync(model, join(models, "ggml-tiny.en.bin"));
    copyFileSync(join(dirname(model), "manifest.json"), join(models, "manifest.json"));
  }
  return dir;
}

/** Launches the app on `dataDir` (a new empty one by default) and returns the browser. */
export async function launchApp({ dataDir, port } = {}) {
  const application = process.env.REHEARSE_APP;
  if (!application) throw new Error("REHEARSE_APP is not set: run through `cargo xtask test`");
  const dir = dataDir ?? newDataDir();
  const browser = await remote({
    hostname: "127.0.0.1",
    port: port ?? Number(process.env.REHEARSE_WEBDRIVER_PORT ?? 4444),
    logLevel: "warn",
    capabilities: {
      "tauri:options": { application, args: ["--data-dir", dir] },
    },
  });
  return { browser, dataDir: dir };
}

/**
 * A second tauri-driver with its own environment (e.g. no PulseAudio server); the app it starts
 * inherits that environment. Returns { port, stop }.
 */
export async function startDriver(env, port = 4450) {
  const child = spawn("tauri-driver", ["--port", String(port), "--native-port", String(port + 1)], {
    env: { ...process.env, ...env },
    stdio: "ignore",
  });
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/status`);
      if (r.ok) break;
    } catch {
      // not up yet
    }
    await sleep(100);
  }
  return {
    port,
    stop: () => {
      child.kill("SIGTERM");
    },
  };
}

export async function screenshot(browser, name) {
  const file = join(artifacts, `${name}.png`);
  await browser.saveScreenshot(file);
  return file;
}

/** Screenshots in the light and the dark theme (forcing the theme the settings would set). */
export async function screenshotThemes(browser, name) {
  for (const theme of ["light", "dark"]) {
    await browser.execute((t) => {
      document.documentElement.dataset.theme = t;
    }, theme);
    await sleep(150);
    await screenshot(browser, `${name}-${theme}`);
  }
  await browser.execute(() => {
    delete document.documentElement.dataset.theme;
  });
}

export function byTestId(browser, id) {
  return browser.$(`[data-testid="${id}"]`);
}

export function allByTestId(browser, id) {
  return browser.$$(`[data-testid="${id}"]`);
}

/** Waits for an element by test id to be displayed, and returns it. */
export async function shown(browser, id, timeout = 20_000) {
  const el = byTestId(browser, id);
  await el.waitForDisplayed({ timeout, timeoutMsg: `[data-testid="${id}"] not shown in ${timeout} ms` });
  return el;
}

/**
 * Searches the library and opens the first card whose text contains `text`. The list re-renders
 * while the search filters it, so a card found a moment ago may be gone: look again.
 */
export async function openCard(browser, search, text) {
  const box = await shown(browser, "card-search");
  await box.clearValue();
  await box.setValue(search);
  for (let attempt = 0; attempt < 10; attempt++) {
    await sleep(300);
    try {
      for (const item of await allByTestId(browser, "card-item")) {
        if ((await item.getText()).includes(text)) {
          await item.click();
          return;
        }
      }
    } catch (e) {
      if (!/stale/i.test(String(e))) throw e;
    }
  }
  throw new Error(`no card with "${text}" after searching "${search}"`);
}

/** Synthesises speech with espeak-ng as a 16 kHz mono WAV (the voice the answer is "spoken" in). */
export function synthesize(text, out, { voice = "en-us", wpm = 150 } = {}) {
  const raw = `${out}.raw.wav`;
  execFileSync("espeak-ng", ["-v", voice, "-s", String(wpm), "-w", raw, text]);
  execFileSync("sox", [raw, "-r", "16000", "-c", "1", "-b", "16", out]);
  return out;
}

/** 16-bit PCM mono samples of a canonical WAV (what sox writes). */
function pcm16(file) {
  const buf = readFileSync(file);
  let off = 12;
  let rate = 16000;
  while (off + 8 <= buf.length) {
    const id = buf.toString("ascii", off, off + 4);
    const size = buf.readUInt32LE(off + 4);
    if (id === "fmt ") rate = buf.readUInt32LE(off + 12);
    if (id === "data") {
      const n = Math.floor(Math.min(size, buf.length - off - 8) / 2);
      const s = new Float32Array(n);
      for (let i = 0; i < n; i++) s[i] = buf.readInt16LE(off + 8 + 2 * i) / 32768;
      return { samples: s, rate };
    }
    off += 8 + size + (size % 2);
  }
  throw new Error(`${file}: no data chunk`);
}

/** First and last moment (s) the WAV is louder than -40 dBFS in 20 ms frames. */
export function speechSpan(file) {
  const { samples, rate } = pcm16(file);
  const frame = Math.round(rate / 50);
  let first = -1;
  let last = -1;
  for (let i = 0; i + frame <= samples.length; i += frame) {
    let sum = 0;
    for (let j = i; j < i + frame; j++) sum += samples[j] * samples[j];
    if (Math.sqrt(sum / frame) > 0.01) {
      if (first < 0) first = i;
      last = i + frame;
    }
  }
  return { start_s: first / rate, end_s: last / rate };
}

/** RMS level (dBFS) of a WAV's loudest second: how we know something was played. */
export function loudestSecondDb(file) {
  const { samples, rate } = pcm16(file);
  let best = -Infinity;
  for (let i = 0; i + rate <= samples.length; i += rate / 4) {
    let sum = 0;
    for (let j = i; j < i + rate; j++) sum += samples[j] * samples[j];
    best = Math.max(best, 10 * Math.log10(sum / rate + 1e-12));
  }
  return best;
}

/** Plays a WAV into the virtual microphone and resolves when it has been played. */
export function playIntoMic(file) {
  execFileSync("paplay", ["--device=micsink", file]);
}

/** Records what the app plays (the `speaker` sink) until stop() is called. */
export function recordSpeaker(out) {
  const child = spawn("parec", ["-d", "speaker.monitor", "--file-format=wav", "--rate=16000", "--channels=1", "--format=s16le", out], {
    stdio: "ignore",
  });
  return {
    stop: async () => {
      child.kill("SIGINT");
      await new Promise((r) => child.once("exit", r));
      return existsSync(out) ? out : null;
    },
  };
}

/** Number of words as the analysis counts them (fillers included, punctuation ignored). */
export function wordCount(text) {
  return text.split(/\s+/).filter((w) => /[a-z0-9]/i.test(w)).length;
}
