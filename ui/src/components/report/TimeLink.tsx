// A moment in the recording: a button that seeks there when the host can seek, plain text otherwise.
import { formatDuration } from "../../format";

export type SeekFn = (atS: number) => void;

export function TimeLink({ at, onSeek, label }: { at: number | null | undefined; onSeek?: SeekFn; label?: string }) {
  if (at == null || !Number.isFinite(at)) return null;
  const text = formatDuration(at);
  if (!onSeek) return <span className="rpc-time muted small">{text}</span>;
  return (
    <button
      type="button"
      className="rpc-time-link small"
      onClick={() => onSeek(at)}
      aria-label={`${label ? `${label}: ` : ""}listen from ${text}`}
    >
      {text}
    </button>
  );
}
