// A model download's progress: bar, "12.3 MB of 77.7 MB — 16 %", and Cancel.
import { X } from "lucide-react";
import { formatTransfer, stageLabel, transferPercent } from "./levels";
import type { Download } from "./downloads";

export function DownloadProgress({
  name,
  download,
  onCancel,
}: {
  name: string;
  download: Download;
  onCancel: () => void;
}) {
  const pct = transferPercent(download.done, download.total);
  const cancelling = download.state === "cancelling";
  return (
    <div className="set-download" data-testid="model-progress">
      <div className="set-download-text small">
        <span>{cancelling ? "Cancelling…" : `${stageLabel(download.stage)} ${name}`}</span>
        <span className="set-download-numbers">{formatTransfer(download.done, download.total)}</span>
      </div>
      <div className="set-download-bar">
        <div
          className="progressbar"
          role="progressbar"
          aria-label={`${stageLabel(download.stage)} ${name}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct === null ? undefined : Math.round(pct)}
          aria-valuetext={formatTransfer(download.done, download.total)}
        >
          <span
            className={pct === null ? "set-indeterminate" : undefined}
            style={{ width: pct === null ? "30%" : `${pct}%` }}
          />
        </div>
        <button
          type="button"
          className="btn small"
          data-testid="model-cancel"
          onClick={onCancel}
          disabled={cancelling}
        >
          <X size={14} aria-hidden="true" /> Cancel
        </button>
      </div>
      {download.error && <p className="small error">{download.error}</p>}
    </div>
  );
}
