// "Export this report" as Markdown or a self-contained HTML page, through the system save dialog.
import { useState } from "react";
import { save } from "@tauri-apps/plugin-dialog";
import { FileDown } from "lucide-react";
import { api } from "../../api";

type Format = "markdown" | "html";

/** A file name a person recognises later: the question's first words and the day. */
export function suggestedReportName(question: string, startedAt: string, format: Format): string {
  const slug = question
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .split("-")
    .slice(0, 6)
    .join("-");
  const day = startedAt.slice(0, 10);
  return `rehearse-${slug || "answer"}-${day}.${format === "markdown" ? "md" : "html"}`;
}

export function ExportReport({ attemptId, question, startedAt }: { attemptId: number; question: string; startedAt: string }) {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function exportAs(format: Format) {
    setMessage(null);
    try {
      const path = await save({
        defaultPath: suggestedReportName(question, startedAt, format),
        filters:
          format === "markdown"
            ? [{ name: "Markdown", extensions: ["md"] }]
            : [{ name: "Web page", extensions: ["html"] }],
      });
      if (!path) return;
      setBusy(true);
      await api.exportReport(attemptId, path, format);
      setMessage({ ok: true, text: `Saved the report to ${path}` });
    } catch (e) {
      setMessage({ ok: false, text: String(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="rep-export">
      <div className="row">
        <button type="button" className="btn small" data-testid="export-markdown" disabled={busy} onClick={() => void exportAs("markdown")}>
          <FileDown size={16} aria-hidden="true" /> Export Markdown…
        </button>
        <button type="button" className="btn small" data-testid="export-html" disabled={busy} onClick={() => void exportAs("html")}>
          <FileDown size={16} aria-hidden="true" /> Export HTML…
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
