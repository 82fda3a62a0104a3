// First run: what Rehearse does, then getting a speech model (download, import or convert).
import { useState } from "react";
import { open } from "@tauri-apps/plugin-dialog";
import { Download as DownloadIcon, FileUp, FolderOpen, Lock } from "lucide-react";
import { api } from "../api";
import { formatBytes } from "../format";
import { useApp } from "../state";
import type { ModelStatus } from "../types";
import { DownloadProgress } from "../components/settings/DownloadProgress";
import { isActive, useDownloads } from "../components/settings/downloads";
import "./Onboarding.css";

export const RECOMMENDED_MODEL = "tiny.en";

export function OnboardingScreen() {
  const models = useApp((s) => s.models);
  const settings = useApp((s) => s.settings);
  const saveSettings = useApp((s) => s.saveSettings);
  const reloadModels = useApp((s) => s.reloadModels);
  const navigate = useApp((s) => s.navigate);
  const download = useDownloads((s) => s.byName[RECOMMENDED_MODEL]);
  const { start, cancel } = useDownloads();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const recommended = models?.models.find((m) => m.name === RECOMMENDED_MODEL);
  const running = isActive(download);

  const chooseModel = async (status: ModelStatus) => {
    try {
      if (settings) await saveSettings({ ...settings, model: status.name });
      await reloadModels();
      navigate({ name: "library" });
    } catch (e) {
      setError(`${status.name} is installed, but choosing it failed: ${String(e)}`);
    }
  };

  const downloadRecommended = async () => {
    setError(null);
    const status = await start(RECOMMENDED_MODEL);
    if (status) await chooseModel(status);
  };

  const fromDisk = async (kind: "file" | "folder") => {
    setError(null);
    const path =
      kind === "file"
        ? await open({
            title: "Import a Whisper model file",
            filters: [{ name: "Whisper ggml model", extensions: ["bin"] }],
          })
        : await open({ title: "Choose a faster-whisper model folder", directory: true });
    if (typeof path !== "string") return;
    setBusy(kind === "file" ? "Importing the model file…" : "Converting the model… this can take a minute.");
    try {
      const status = kind === "file" ? await api.importModel(path) : await api.convertModel(path);
      await chooseModel(status);
    } catch (e) {
      setError(String(e));
    } finally {
      setBusy(null);
    }
  };

  const installedAlready = models?.models.filter((m) => m.installed) ?? [];

  return (
    <section className="screen onb-screen" aria-labelledby="onb-title">
      <div className="onb-intro">
        <h1 id="onb-title">Welcome to Rehearse</h1>
        <p className="lead">
          Practise interview answers out loud and get specific feedback on how you said it and what
          you said — pace, filler words, pauses and the structure of your story.
        </p>
        <p className="onb-private">
          <Lock size={16} aria-hidden="true" /> Everything runs on this computer. Your voice is never
          uploaded.
        </p>
      </div>

      <section className="panel onb-panel" aria-labelledby="onb-model-h">
        <h2 id="onb-model-h">Get a speech model</h2>
        <p>
          Rehearse needs a speech model to turn your answers into text. The recommended one is
          small and quick:
        </p>
        <div className="onb-model">
          <div>
            <div className="onb-model-name">
              {RECOMMENDED_MODEL}{" "}
              <span className="muted small">
                ~{recommended?.size ? formatBytes(recommended.size) : "75 MB"} download
              </span>
            </div>
            <div className="small muted">
              {recommended?.description ?? "Whisper tiny, English only. Fast on any computer."}
            </div>
          </div>
          {!running && (
            <button
              type="button"
              className="btn primary"
              data-testid="onboarding-download"
              onClick={() => void downloadRecommended()}
              disabled={busy !== null}
            >
              <DownloadIcon size={16} aria-hidden="true" />
              {download?.state === "failed" ? "Try the download again" : "Download"}
            </button>
          )}
        </div>
        <div className="onb-progress-slot" aria-live="polite">
          {running && download && (
            <DownloadProgress
              name={RECOMMENDED_MODEL}
              download={download}
              onCancel={() => void cancel(RECOMMENDED_MODEL)}
            />
          )}
          {download?.state === "cancelled" && <p className="small muted">Download cancelled.</p>}
          {download?.state === "done" && !error && <p className="small">Installed. Opening the questions…</p>}
          {busy && <p className="small muted">{busy}</p>}
        </div>
        {download?.state === "failed" && (
          <div className="callout error" role="alert">
            <p>
              <strong>The download did not finish.</strong> {download.error}
            </p>
            <p className="onb-tight">
              If this computer is offline, you can import a model file you already have (a
              whisper.cpp <code>ggml-*.bin</code> file) or convert a faster-whisper model folder
              below.
            </p>
          </div>
        )}
        {error && (
          <p className="callout error" role="alert">
            {error}
          </p>
        )}

        <div className="onb-alt">
          <h3>Already have a model?</h3>
          <div className="row">
            <button type="button" className="btn" onClick={() => void fromDisk("file")} disabled={busy !== null || running}>
              <FileUp size={16} aria-hidden="true" /> Import a model file…
            </button>
            <button type="button" className="btn" onClick={() => void fromDisk("folder")} disabled={busy !== null || running}>
              <FolderOpen size={16} aria-hidden="true" /> Convert a faster-whisper folder…
            </button>
          </div>
          {installedAlready.length > 0 && (
            <p className="small muted">
              Installed but not chosen yet:{" "}
              {installedAlready.map((m, i) => (
                <span key={m.name}>
                  {i > 0 && ", "}
                  <button type="button" className="btn ghost small" onClick={() => void chooseModel(m)}>
                    use {m.name}
                  </button>
                </span>
              ))}
            </p>
          )}
        </div>
      </section>
    </section>
  );
}
