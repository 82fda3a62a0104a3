// The speech models: which is active, which are installed, download / delete / import / convert.
import { useEffect, useState } from "react";
import { open } from "@tauri-apps/plugin-dialog";
import { CircleCheck, Download as DownloadIcon, FileUp, FolderOpen, Trash } from "lucide-react";
import { api } from "../../api";
import { formatBytes } from "../../format";
import { useApp } from "../../state";
import type { ModelStatus } from "../../types";
import { DownloadProgress } from "./DownloadProgress";
import { isActive, useDownloads } from "./downloads";
import "./settings-parts.css";

type Notice = { kind: "ok" | "error"; text: string } | null;

export function ModelManager({
  onChooseModel,
}: {
  /** Makes a model the one practice uses (saves the settings). */
  onChooseModel: (name: string) => Promise<void>;
}) {
  const models = useApp((s) => s.models);
  const reloadModels = useApp((s) => s.reloadModels);
  const activeSetting = useApp((s) => s.settings?.model ?? null);
  const downloads = useDownloads((s) => s.byName);
  const { start, cancel, dismiss } = useDownloads();
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice>(null);

  useEffect(() => {
    reloadModels().catch((e) => setNotice({ kind: "error", text: String(e) }));
  }, [reloadModels]);

  const afterInstall = async (verb: string, status: ModelStatus) => {
    await reloadModels();
    const size = status.size ? ` (${formatBytes(status.size)})` : "";
    setNotice({
      kind: "ok",
      text: `${verb} ${status.name}${size}. Choose it under “Use” to practise with it.`,
    });
  };

  const importFile = async () => {
    setNotice(null);
    const path = await open({
      title: "Import a Whisper model file",
      filters: [{ name: "Whisper ggml model", extensions: ["bin"] }],
    });
    if (typeof path !== "string") return;
    setBusy("Importing the model file…");
    try {
      await afterInstall("Imported", await api.importModel(path));
    } catch (e) {
      setNotice({ kind: "error", text: String(e) });
    } finally {
      setBusy(null);
    }
  };

  const convertFolder = async () => {
    setNotice(null);
    const dir = await open({ title: "Choose a faster-whisper model folder", directory: true });
    if (typeof dir !== "string") return;
    setBusy("Converting the faster-whisper model… this can take a minute.");
    try {
      await afterInstall("Converted and installed", await api.convertModel(dir));
    } catch (e) {
      setNotice({ kind: "error", text: String(e) });
    } finally {
      setBusy(null);
    }
  };

  const remove = async (name: string) => {
    setConfirmDelete(null);
    setNotice(null);
    try {
      await api.deleteModel(name);
      await reloadModels();
      setNotice({ kind: "ok", text: `Deleted ${name}.` });
    } catch (e) {
      setNotice({ kind: "error", text: String(e) });
    }
  };

  const choose = async (name: string) => {
    setNotice(null);
    try {
      await onChooseModel(name);
    } catch (e) {
      setNotice({ kind: "error", text: String(e) });
    }
  };

  if (!models) return <p className="muted">Loading the model list…</p>;

  return (
    <div className="set-models">
      <p className="small muted">
        A speech model turns your answer into text on this computer. Smaller models are faster;
        larger ones make fewer mistakes. Models are stored in <code>{models.models_dir}</code>.
      </p>
      <table className="set-model-table">
        <caption className="visually-hidden">Speech models</caption>
        <thead>
          <tr>
            <th scope="col">Use</th>
            <th scope="col">Model</th>
            <th scope="col">Size</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {models.models.map((m) => {
            const d = downloads[m.name];
            const running = isActive(d);
            // The saved setting is the truth; models.active lags until the list is reloaded.
            const isActiveModel = m.installed && (activeSetting ?? models.active) === m.name;
            return (
              <tr key={m.name} data-testid="model-row" aria-current={isActiveModel ? "true" : undefined}>
                <td>
                  <input
                    type="radio"
                    name="active-model"
                    aria-label={`Use ${m.name} for practice`}
                    checked={isActiveModel}
                    disabled={!m.installed}
                    onChange={() => void choose(m.name)}
                  />
                </td>
                <td>
                  <div className="set-model-name">{m.name}</div>
                  {m.description && <div className="small muted">{m.description}</div>}
                  {running && d && (
                    <DownloadProgress name={m.name} download={d} onCancel={() => void cancel(m.name)} />
                  )}
                  {d?.state === "failed" && (
                    <div className="callout error small set-row-msg" role="alert">
                      The download of {m.name} did not finish: {d.error}
                      <button type="button" className="btn ghost small" onClick={() => dismiss(m.name)}>
                        Dismiss
                      </button>
                    </div>
                  )}
                  {d?.state === "cancelled" && (
                    <p className="small muted set-row-msg" role="status">
                      Download cancelled.
                    </p>
                  )}
                </td>
                <td className="set-num">{m.size ? formatBytes(m.size) : "—"}</td>
                <td>
                  {m.installed ? (
                    <span className="set-status installed">
                      <CircleCheck size={16} aria-hidden="true" /> Installed
                      {isActiveModel && <strong> · in use</strong>}
                    </span>
                  ) : m.partial_bytes ? (
                    <span className="set-status">Partly downloaded ({formatBytes(m.partial_bytes)})</span>
                  ) : (
                    <span className="set-status muted">Not installed</span>
                  )}
                </td>
                <td className="set-actions">
                  {!m.installed && m.in_catalog && !running && (
                    <button
                      type="button"
                      className="btn small"
                      data-testid="model-download"
                      onClick={() => void start(m.name)}
                    >
                      <DownloadIcon size={14} aria-hidden="true" />
                      {m.partial_bytes ? "Resume" : "Download"}
                    </button>
                  )}
                  {m.installed && confirmDelete !== m.name && (
                    <button
                      type="button"
                      className="btn small ghost"
                      onClick={() => setConfirmDelete(m.name)}
                      disabled={isActiveModel}
                      title={isActiveModel ? "Choose another model first" : undefined}
                      aria-label={`Delete ${m.name}`}
                    >
                      <Trash size={14} aria-hidden="true" /> Delete
                    </button>
                  )}
                  {confirmDelete === m.name && (
                    <span className="set-confirm" role="group" aria-label={`Delete ${m.name}?`}>
                      <span className="small">Delete {m.size ? formatBytes(m.size) : "this file"}?</span>
                      <button type="button" className="btn small danger" onClick={() => void remove(m.name)}>
                        Delete
                      </button>
                      <button type="button" className="btn small" onClick={() => setConfirmDelete(null)}>
                        Keep
                      </button>
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="row">
        <button type="button" className="btn" onClick={() => void importFile()} disabled={busy !== null}>
          <FileUp size={16} aria-hidden="true" /> Import a model file…
        </button>
        <button type="button" className="btn" onClick={() => void convertFolder()} disabled={busy !== null}>
          <FolderOpen size={16} aria-hidden="true" /> Convert a faster-whisper folder…
        </button>
      </div>
      <div aria-live="polite" className="set-notice-slot">
        {busy && <p className="muted small">{busy}</p>}
        {notice?.kind === "ok" && <p className="callout ok small">{notice.text}</p>}
      </div>
      {notice?.kind === "error" && (
        <p className="callout error small" role="alert">
          {notice.text}
        </p>
      )}
    </div>
  );
}
