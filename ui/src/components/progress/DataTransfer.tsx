// "Export all data…" and "Import…": every attempt to or from a file, through the system dialogs.
import { useState } from "react";
import { open, save } from "@tauri-apps/plugin-dialog";
import { Download, Upload } from "lucide-react";
import { api } from "../../api";

/** JSON unless the chosen file name ends in .csv (the save dialog's filter is only a hint). */
export function exportFormat(path: string): "json" | "csv" {
  return /\.csv$/i.test(path) ? "csv" : "json";
}

export function importSummary(r: { imported: number; skipped_existing: number; notes: number }): string {
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const parts = [`Imported ${plural(r.imported, "answer", "answers")}`];
  if (r.notes > 0) parts.push(`with ${plural(r.notes, "note", "notes")}`);
  let text = parts.join(" ");
  if (r.skipped_existing > 0) text += `; ${plural(r.skipped_existing, "answer was", "answers were")} already here and left as they were`;
  return `${text}.`;
}

export function DataTransfer({ onImported }: { onImported: () => void }) {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function exportAll() {
    setMessage(null);
    try {
      const today = new Date().toISOString().slice(0, 10);
      const path = await save({
        defaultPath: `rehearse-answers-${today}.json`,
        filters: [
          { name: "JSON (everything, can be imported again)", extensions: ["json"] },
          { name: "CSV (one row per answer, for spreadsheets)", extensions: ["csv"] },
        ],
      });
      if (!path) return;
      setBusy(true);
      const format = exportFormat(path);
      const n = await api.exportData(path, format);
      setMessage({ ok: true, text: `Exported ${n} ${n === 1 ? "answer" : "answers"} as ${format.toUpperCase()} to ${path}` });
    } catch (e) {
      setMessage({ ok: false, text: String(e) });
    } finally {
      setBusy(false);
    }
  }

  async function importAll() {
    setMessage(null);
    try {
      const path = await open({
        multiple: false,
        directory: false,
        filters: [{ name: "Rehearse export (JSON)", extensions: ["json"] }],
      });
      if (!path) return;
      setBusy(true);
      const result = await api.importData(path);
      setMessage({ ok: true, text: importSummary(result) });
      onImported();
    } catch (e) {
      setMessage({ ok: false, text: String(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="hist-transfer">
      <div className="row">
        <button type="button" className="btn small" data-testid="export-data" disabled={busy} onClick={() => void exportAll()}>
          <Download size={16} aria-hidden="true" /> Export all data…
        </button>
        <button type="button" className="btn small" data-testid="import-data" disabled={busy} onClick={() => void importAll()}>
          <Upload size={16} aria-hidden="true" /> Import…
        </button>
      </div>
      {message && (
        <p className={`callout small ${message.ok ? "ok" : "error"}`} role={message.ok ? "status" : "alert"}>
          {message.text}
        </p>
      )}
    </div>
  );
}
