// Importing custom cards from JSON or Markdown files and exporting them again.
import { useState } from "react";
import { open, save } from "@tauri-apps/plugin-dialog";
import { Download, Upload } from "lucide-react";
import { api } from "../../api";
import { useApp } from "../../state";

type Notice = { kind: "ok" | "error"; text: string } | null;

export function useCardFiles(customIds: string[]) {
  const reloadCards = useApp((s) => s.reloadCards);
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);

  const importCards = async () => {
    setNotice(null);
    const path = await open({
      title: "Import question cards",
      filters: [{ name: "Question cards", extensions: ["json", "md"] }],
    });
    if (typeof path !== "string") return;
    setBusy(true);
    try {
      const ids = await api.importCards(path);
      await reloadCards();
      setNotice({
        kind: "ok",
        text:
          ids.length === 0
            ? "The file held no cards, so nothing was imported."
            : `Imported ${ids.length === 1 ? "1 card" : `${ids.length} cards`}: ${ids.join(", ")}.`,
      });
    } catch (e) {
      setNotice({ kind: "error", text: `Nothing was imported. ${String(e)}` });
    } finally {
      setBusy(false);
    }
  };

  const exportCards = async () => {
    setNotice(null);
    const path = await save({
      title: "Export my cards",
      defaultPath: "rehearse-cards.json",
      filters: [
        { name: "JSON", extensions: ["json"] },
        { name: "Markdown", extensions: ["md"] },
      ],
    });
    if (!path) return;
    setBusy(true);
    try {
      const n = await api.exportCards(path, customIds);
      setNotice({ kind: "ok", text: `Exported ${n === 1 ? "1 card" : `${n} cards`} to ${path}.` });
    } catch (e) {
      setNotice({ kind: "error", text: `The cards were not exported. ${String(e)}` });
    } finally {
      setBusy(false);
    }
  };

  return { notice, busy, importCards, exportCards, dismiss: () => setNotice(null) };
}

export function CardFileButtons({
  files,
  customCount,
}: {
  files: ReturnType<typeof useCardFiles>;
  customCount: number;
}) {
  return (
    <>
      <button type="button" className="btn" onClick={() => void files.importCards()} disabled={files.busy}>
        <Upload size={16} aria-hidden="true" /> Import cards…
      </button>
      <button
        type="button"
        className="btn"
        onClick={() => void files.exportCards()}
        disabled={files.busy || customCount === 0}
        title={customCount === 0 ? "Create or import a card first; bank cards ship with the app" : undefined}
      >
        <Download size={16} aria-hidden="true" />
        {customCount === 0 ? "Export…" : `Export ${customCount === 1 ? "1 card" : `${customCount} cards`}…`}
      </button>
    </>
  );
}

export function CardFileNotice({ files }: { files: ReturnType<typeof useCardFiles> }) {
  if (!files.notice) return null;
  return (
    <div
      className={`callout ${files.notice.kind} small lib-notice`}
      role={files.notice.kind === "error" ? "alert" : "status"}
    >
      <span>{files.notice.text}</span>
      <button type="button" className="btn ghost small" onClick={files.dismiss}>
        Dismiss
      </button>
    </div>
  );
}
