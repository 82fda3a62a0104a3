// Microphone choice and a live level test: "mic-level" events drive a fixed-size meter.
import { useCallback, useEffect, useRef, useState } from "react";
import { Mic, Square, TriangleExclamationPoint } from "lucide-react";
import { api, events, on, type LevelEvent } from "../../api";
import type { InputDevice } from "../../types";
import { dbToPercent, formatDb, levelVerdict } from "./levels";
import "./settings-parts.css";

/** How long the clipping warning stays after the last clipped block, so it can be read. */
const CLIP_HOLD_MS = 2000;

export function MicTest({
  device,
  onDeviceChange,
}: {
  device: string | null;
  onDeviceChange: (id: string | null) => void;
}) {
  const [devices, setDevices] = useState<InputDevice[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [testing, setTesting] = useState(false);
  const [level, setLevel] = useState<LevelEvent | null>(null);
  const [clippedAt, setClippedAt] = useState<number | null>(null);
  const [testError, setTestError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const unlisten = useRef<(() => void) | null>(null);
  const running = useRef(false);
  const mounted = useRef(true);

  useEffect(() => {
    api
      .listInputDevices()
      .then((d) => setDevices(d))
      .catch((e) => setListError(String(e)));
  }, []);

  const stop = useCallback(async () => {
    unlisten.current?.();
    unlisten.current = null;
    if (running.current) {
      running.current = false;
      await api.micTestStop().catch(() => undefined);
    }
    setTesting(false);
    setLevel(null);
  }, []);

  const start = useCallback(
    async (id: string | null) => {
      setTestError(null);
      setClippedAt(null);
      unlisten.current?.();
      unlisten.current = await on<LevelEvent>(events.micLevel, (l) => {
        setLevel(l);
        if (l.clipped) setClippedAt(Date.now());
        setNow(Date.now());
      });
      try {
        await api.micTestStart(id);
        running.current = true;
        // The user may have left the screen while the device was opening.
        if (!mounted.current) return void (await stop());
        setTesting(true);
      } catch (e) {
        unlisten.current?.();
        unlisten.current = null;
        setTestError(String(e));
        setTesting(false);
      }
    },
    [stop],
  );

  // Leaving the screen must release the microphone.
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      void stop();
    };
  }, [stop]);

  const changeDevice = async (id: string | null) => {
    onDeviceChange(id);
    if (testing) {
      await stop();
      await start(id);
    }
  };

  const noDevices = devices !== null && devices.length === 0;
  const selectedMissing = device !== null && devices !== null && !devices.some((d) => d.id === device);
  const clipping = clippedAt !== null && now - clippedAt < CLIP_HOLD_MS;
  const rms = level?.rms_db ?? Number.NEGATIVE_INFINITY;

  return (
    <div className="set-mic">
      <div className="field">
        <label htmlFor="set-mic-select">Input device</label>
        <select
          id="set-mic-select"
          value={device ?? ""}
          onChange={(e) => void changeDevice(e.target.value === "" ? null : e.target.value)}
          disabled={devices === null && listError === null}
        >
          <option value="">System default</option>
          {devices?.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
              {d.is_default ? " (system default)" : ""}
            </option>
          ))}
          {selectedMissing && <option value={device}>{device} (not connected)</option>}
        </select>
      </div>
      {listError && (
        <p className="callout error small" role="alert">
          Could not list the microphones: {listError}
        </p>
      )}
      {noDevices && (
        <p className="callout warn small" role="status">
          No microphone found. Plug one in (or check that the system allows this app to use it),
          then come back to this page.
        </p>
      )}
      {selectedMissing && (
        <p className="callout warn small">
          The saved microphone “{device}” is not connected. Practice will use the system default
          until it is back.
        </p>
      )}
      <div className="set-mic-test">
        <button
          type="button"
          className="btn"
          data-testid="mic-test"
          aria-pressed={testing}
          onClick={() => void (testing ? stop() : start(device))}
          disabled={noDevices}
        >
          {testing ? <Square size={16} aria-hidden="true" /> : <Mic size={16} aria-hidden="true" />}
          {testing ? "Stop test" : "Test microphone"}
        </button>
        <div className="set-meter-wrap">
          <div
            className="meter set-meter"
            data-testid="mic-test-meter"
            role="meter"
            aria-label="Microphone level"
            aria-valuemin={-60}
            aria-valuemax={0}
            aria-valuenow={Number.isFinite(rms) ? Math.round(rms) : -60}
            aria-valuetext={testing ? `${formatDb(rms)}, ${levelVerdict(rms)}` : "not testing"}
          >
            <span
              className={clipping ? "set-meter-clip" : undefined}
              style={{ width: `${testing ? dbToPercent(rms) : 0}%` }}
            />
            {testing && level && (
              <i className="set-meter-peak" style={{ left: `${dbToPercent(level.peak_db)}%` }} aria-hidden="true" />
            )}
          </div>
          <p className="small set-meter-text" aria-live="off">
            {testing
              ? level
                ? `${formatDb(rms)} — ${levelVerdict(rms)}`
                : "Listening… say a few words."
              : "Press “Test microphone” and speak as you would in an interview."}
          </p>
          <p className="small set-clip" aria-live="polite">
            {testing && clipping && (
              <>
                <TriangleExclamationPoint size={16} aria-hidden="true" /> Clipping: too loud, so the
                sound gets distorted. Move back a little or lower the input volume.
              </>
            )}
          </p>
        </div>
      </div>
      {testError && (
        <p className="callout error small" role="alert">
          The microphone test could not start: {testError}
        </p>
      )}
    </div>
  );
}
