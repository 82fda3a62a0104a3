// Microphone levels and download progress as words and meter widths.
import { formatBytes } from "../../format";

/** The quietest level the meter shows; anything below reads as silence. */
export const METER_FLOOR_DB = -60;

/** Meter width (0–100 %) for a level in dBFS, linear in decibels like most audio meters. */
export function dbToPercent(db: number, floor = METER_FLOOR_DB): number {
  if (!Number.isFinite(db) || db <= floor) return 0;
  if (db >= 0) return 100;
  return ((db - floor) / -floor) * 100;
}

/** "−23 dBFS" with a real minus sign; "silence" below the meter's floor. */
export function formatDb(db: number): string {
  if (!Number.isFinite(db) || db <= METER_FLOOR_DB) return "silence";
  const rounded = Math.round(db);
  return `${rounded < 0 ? "−" : ""}${Math.abs(rounded)} dBFS`;
}

/**
 * What a speaking level means for the user. Whisper copes with a wide range; the advice is about
 * staying clear of the noise floor and of clipping.
 */
export function levelVerdict(rmsDb: number): string {
  if (!Number.isFinite(rmsDb) || rmsDb <= -50) return "no sound yet — say a few words";
  if (rmsDb < -40) return "very quiet — move closer or raise the input volume";
  if (rmsDb < -12) return "a good speaking level";
  return "very loud — move back a little or lower the input volume";
}

/** "12.3 MB of 77.7 MB — 16 %", or "12.3 MB" when the size is not known yet. */
export function formatTransfer(done: number, total: number | null): string {
  if (total === null || total <= 0) return formatBytes(done);
  const pct = Math.min(100, Math.floor((done / total) * 100));
  return `${formatBytes(done)} of ${formatBytes(total)} — ${pct} %`;
}

/** Progress as 0–100, or null when the total is unknown. */
export function transferPercent(done: number, total: number | null): number | null {
  if (total === null || total <= 0) return null;
  return Math.min(100, Math.max(0, (done / total) * 100));
}

/** A model-progress stage as a label: "download" → "Downloading". */
export function stageLabel(stage: string): string {
  switch (stage) {
    case "download":
      return "Downloading";
    case "verify":
    case "checksum":
      return "Checking the file";
    case "convert":
      return "Converting";
    case "quantize":
      return "Shrinking the model";
    case "build":
      return "Building";
    default:
      return stage ? stage.charAt(0).toUpperCase() + stage.slice(1) : "Working";
  }
}
