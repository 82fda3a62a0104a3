// Replay: listen to an answer with its findings marked on the waveform, the transcript following
// along, and notes pinned to moments. One primary action: listen.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { convertFileSrc } from "@tauri-apps/api/core";
import { FileText, Pause, Play, RotateCcw, RotateCw } from "lucide-react";
import { api, type AttemptDetail, type Peaks } from "../api";
import { useApp } from "../state";
import type { Note } from "../types";
import { Waveform, type WaveformHandle } from "../components/replay/Waveform";
import { ReplayTranscript } from "../components/replay/ReplayTranscript";
import { NotesPanel, sortNotes } from "../components/replay/NotesPanel";
import { Legend } from "../components/replay/Legend";
import { ExportReport } from "../components/replay/ExportReport";
import { useDelayed } from "../components/replay/useDelayed";
import {
  findingRegions,
  formatClock,
  formatPosition,
  replayKeyAction,
  skipTarget,
  starRegions,
  wordAt,
} from "../components/replay/timeline";
import { transcriptTokens } from "../components/replay/transcript";
import { exactTime, relativeTime } from "../components/progress/metrics";
import "./Replay.css";

const SPEEDS = [0.75, 1, 1.25, 1.5];
const SKIP_S = 5;

export function ReplayScreen({ attemptId, atS }: { attemptId: number; atS?: number }) {
  const navigate = useApp((s) => s.navigate);
  const [detail, setDetail] = useState<AttemptDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [peaks, setPeaks] = useState<Peaks | null>(null);
  const [peaksSettled, setPeaksSettled] = useState(false);
  const [audioError, setAudioError] = useState<string | null>(null);
  const [notes, setNotes] = useState<Note[]>([]);
  const [time, setTime] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [rate, setRate] = useState(1);
  const [draftAt, setDraftAt] = useState<number | null | undefined>(undefined);
  const wave = useRef<WaveformHandle>(null);

  useEffect(() => {
    let alive = true;
    setDetail(null);
    setLoadError(null);
    setPeaks(null);
    setPeaksSettled(false);
    setAudioError(null);
    api.getAttempt(attemptId).then(
      (d) => {
        if (!alive) return;
        setDetail(d);
        setNotes(sortNotes(d.notes));
      },
      (e: unknown) => alive && setLoadError(String(e)),
    );
    // Without peaks the waveform still works: wavesurfer then decodes the file itself, only slower.
    api.attemptPeaks(attemptId, 2000).then(
      (p) => {
        if (alive) setPeaks(p);
      },
      (e: unknown) => console.warn("replay: no waveform outline, decoding the file instead:", e),
    ).finally(() => alive && setPeaksSettled(true));
    return () => {
      alive = false;
    };
  }, [attemptId]);

  const report = detail?.report ?? null;
  const words = useMemo(() => report?.transcript.words ?? detail?.transcript?.words ?? [], [report, detail]);
  const tokens = useMemo(() => transcriptTokens(words, report?.delivery ?? null), [words, report]);
  const regions = useMemo(
    () => (report ? [...findingRegions(report), ...starRegions(report)] : []),
    [report],
  );
  // WebKitGTK's media player cannot read the asset protocol itself, so the recording is fetched
  // through it (scoped to the recordings folder) and played from memory.
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const path = detail?.recording_abs;
    setUrl(null);
    if (!path) return;
    let alive = true;
    let objectUrl: string | null = null;
    fetch(convertFileSrc(path))
      .then((r) => {
        if (!r.ok) throw new Error(`the recording could not be read (HTTP ${r.status})`);
        return r.blob();
      })
      .then((blob) => {
        if (!alive) return;
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      })
      .catch((e: unknown) => alive && setAudioError(String(e)));
    return () => {
      alive = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [detail?.recording_abs]);
  const duration = peaks?.duration_s ?? report?.audio.duration_s ?? detail?.metrics.duration_s ?? 0;
  const peakValues = useMemo(() => peaks?.peaks ?? null, [peaks]);
  const playable = url != null && audioError == null;
  const current = useMemo(() => wordAt(words, time), [words, time]);

  // Playback reports the time every frame; the screen needs it to a twentieth of a second, and
  // React skips the render when the rounded value has not changed.
  const onTime = useCallback((t: number) => setTime(Math.round(t * 20) / 20), []);

  const seek = useCallback((t: number) => {
    wave.current?.seek(t);
    setTime(t);
  }, []);

  const startDraft = useCallback(() => {
    if (playing) wave.current?.playPause();
    setDraftAt(playable ? (wave.current?.currentTime() ?? time) : null);
  }, [playing, playable, time]);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const action = replayKeyAction(e);
      if (!action) return;
      if (action === "note") {
        if (draftAt !== undefined || !detail) return;
        e.preventDefault();
        startDraft();
        return;
      }
      if (!playable) return;
      e.preventDefault();
      if (action === "toggle") wave.current?.playPause();
      else seek(skipTarget(wave.current?.currentTime() ?? time, action === "back" ? -SKIP_S : SKIP_S, duration));
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [draftAt, detail, playable, startDraft, seek, time, duration]);

  const showLoading = useDelayed(!detail && !loadError);

  if (loadError) {
    return (
      <section className="screen" aria-label="Replay">
        <h1>Replay</h1>
        <div className="callout error" role="alert">
          {loadError}
        </div>
        <div className="row">
          <button type="button" className="btn" onClick={() => navigate({ name: "history" })}>
            Back to history
          </button>
        </div>
      </section>
    );
  }

  if (!detail) {
    return (
      <section className="screen" aria-label="Replay" aria-busy="true">
        <h1>Replay</h1>
        <div className="panel rep-player rep-placeholder">
          <p className="muted" aria-live="polite">
            {showLoading ? "Loading the answer…" : " "}
          </p>
        </div>
      </section>
    );
  }

  const m = detail.metrics;
  const scores = [
    m.overall_score != null && `Overall ${Math.round(m.overall_score)}`,
    m.delivery_score != null && `Delivery ${Math.round(m.delivery_score)}`,
    m.content_score != null && `Content ${Math.round(m.content_score)}`,
  ].filter(Boolean);
  const drawWave = peaksSettled && (url != null || peakValues != null);

  return (
    <section className="screen rep" aria-label="Replay">
      <div className="screen-head">
        <div className="rep-title">
          <p className="muted small">
            Replay · <time dateTime={detail.started_at} title={exactTime(detail.started_at)}>{relativeTime(detail.started_at)}</time>
            {scores.length > 0 && <> · {scores.join(" · ")}</>}
          </p>
          <h1>{detail.question}</h1>
        </div>
        <div className="rep-head-actions">
          {report && (
            <button type="button" className="btn small" onClick={() => navigate({ name: "report", attemptId })}>
              <FileText size={16} aria-hidden="true" /> Open the report
            </button>
          )}
          {report && <ExportReport attemptId={attemptId} question={detail.question} startedAt={detail.started_at} />}
        </div>
      </div>

      {!report && (
        <div className="callout error" role="alert">
          This answer has no report{detail.error ? `: ${detail.error}` : "."} The transcript and your notes are still
          here.
        </div>
      )}
      {detail.recording_abs == null && (
        <div className="callout warn" role="status">
          The recording of this answer is no longer on disk, so there is nothing to play. The transcript and your
          notes are still here.
        </div>
      )}
      {audioError && (
        <div className="callout error" role="alert">
          The recording could not be played ({audioError}). The transcript and your notes are still here.
        </div>
      )}

      <div className="panel rep-player">
        <div className="rep-wave-box" role="group" aria-label="Waveform: click or drag to move through the answer">
          {drawWave ? (
            <Waveform
              ref={wave}
              url={url}
              peaks={peakValues}
              duration={duration}
              regions={regions}
              notes={notes}
              rate={rate}
              startAt={atS}
              onTime={onTime}
              onPlayingChange={setPlaying}
              onError={setAudioError}
            />
          ) : (
            <p className="muted small rep-wave-empty">
              {peaksSettled ? "No waveform to draw without the recording." : " "}
            </p>
          )}
        </div>
        {report && <Legend regions={regions} noteCount={notes.filter((n) => n.at_s != null).length} onSeek={playable ? seek : undefined} />}

        <div className="rep-transport">
          <button
            type="button"
            className="btn primary rep-play"
            data-testid="replay-play"
            disabled={!playable}
            onClick={() => wave.current?.playPause()}
            aria-keyshortcuts="Space"
          >
            {playing ? <Pause size={20} aria-hidden="true" /> : <Play size={20} aria-hidden="true" />}
            {playing ? "Pause" : "Play"}
          </button>
          <button
            type="button"
            className="btn"
            disabled={!playable}
            onClick={() => seek(skipTarget(wave.current?.currentTime() ?? time, -SKIP_S, duration))}
            aria-keyshortcuts="ArrowLeft"
          >
            <RotateCcw size={16} aria-hidden="true" /> 5 s <span className="visually-hidden">back</span>
          </button>
          <span className="rep-time" data-testid="replay-time" role="timer" aria-label="Position">
            {formatPosition(time, duration)}
          </span>
          <button
            type="button"
            className="btn"
            disabled={!playable}
            onClick={() => seek(skipTarget(wave.current?.currentTime() ?? time, SKIP_S, duration))}
            aria-keyshortcuts="ArrowRight"
          >
            <span className="visually-hidden">forward</span> 5 s <RotateCw size={16} aria-hidden="true" />
          </button>
          <div className="rep-speed" role="group" aria-label="Playback speed">
            {SPEEDS.map((s) => (
              <button
                key={s}
                type="button"
                className="chip"
                aria-pressed={rate === s}
                disabled={!playable}
                onClick={() => setRate(s)}
              >
                {s}×
              </button>
            ))}
          </div>
          <p className="muted small rep-keys">
            <kbd>Space</kbd> play/pause · <kbd>←</kbd>/<kbd>→</kbd> 5 s · <kbd>M</kbd> note
          </p>
        </div>
      </div>

      <div className="rep-body">
        <section className="panel rep-text" aria-labelledby="rep-text-title">
          <h2 id="rep-text-title">Transcript</h2>
          <p className="muted small">
            Click a word to hear it. <span className="rep-key is-filler">Fillers</span>,{" "}
            <span className="rep-key is-hedge">hedges</span> and <span className="rep-key is-repetition">repetitions</span>{" "}
            are marked as in the report.
          </p>
          <ReplayTranscript tokens={tokens} current={current} onSeek={playable ? seek : undefined} />
        </section>
        <NotesPanel
          attemptId={attemptId}
          notes={notes}
          onNotesChange={setNotes}
          draftAt={draftAt}
          onStartDraft={startDraft}
          onEndDraft={() => setDraftAt(undefined)}
          onSeek={playable ? seek : undefined}
          nowLabel={playable ? formatClock(time) : null}
        />
      </div>
    </section>
  );
}
