// The interviewer's voice: on/off, which voice, how fast, and a test line.
import { useEffect, useRef, useState } from "react";
import { Square, Volume2 } from "lucide-react";
import { api } from "../../api";
import type { SpeechInfo } from "../../types";
import { describeRate, RANGES } from "./settingsForm";

export const SAMPLE_LINE = "Tell me about a time you had to act quickly when waiting would have been costly.";

export function VoiceSettings({
  speak,
  voice,
  rate,
  onChange,
}: {
  speak: boolean;
  voice: string | null;
  rate: number;
  onChange: (p: { speak_questions?: boolean; voice?: string | null; speech_rate?: number }) => void;
}) {
  const [info, setInfo] = useState<SpeechInfo | null>(null);
  const [infoError, setInfoError] = useState<string | null>(null);
  const [speaking, setSpeaking] = useState(false);
  const [testError, setTestError] = useState<string | null>(null);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    api
      .speechInfo()
      .then(setInfo)
      .catch((e) => setInfoError(String(e)));
    return () => {
      mounted.current = false;
    };
  }, []);

  // Leaving the screen silences the test line.
  useEffect(() => () => void api.stopSpeaking().catch(() => undefined), []);

  const test = async () => {
    setTestError(null);
    setSpeaking(true);
    try {
      // The chosen voice and speed, before they are saved.
      await api.speak(SAMPLE_LINE, voice, rate);
    } catch (e) {
      if (mounted.current) setTestError(String(e));
    } finally {
      if (mounted.current) setSpeaking(false);
    }
  };

  const unavailable = infoError !== null || (info !== null && !info.available);
  const reason = infoError ?? info?.reason ?? "No text-to-speech engine was found.";

  return (
    <div className="set-voice">
      <label className="set-check">
        <input
          type="checkbox"
          checked={speak}
          onChange={(e) => onChange({ speak_questions: e.target.checked })}
        />
        Read questions aloud
      </label>
      {unavailable && (
        <p className="callout warn small" role="status">
          Speech is not available: {reason} Questions will be shown as text instead.
        </p>
      )}
      <div className="set-grid">
        <div className="field">
          <label htmlFor="set-voice-select">Voice</label>
          <select
            id="set-voice-select"
            value={voice ?? ""}
            disabled={unavailable || !info}
            onChange={(e) => onChange({ voice: e.target.value === "" ? null : e.target.value })}
          >
            <option value="">The speech engine’s default</option>
            {info?.voices.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
                {v.language ? ` (${v.language})` : ""}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="set-rate">Speaking speed</label>
          <input
            id="set-rate"
            type="range"
            min={RANGES.speech_rate[0]}
            max={RANGES.speech_rate[1]}
            step={0.1}
            value={rate}
            aria-valuetext={describeRate(rate)}
            disabled={unavailable}
            onChange={(e) => onChange({ speech_rate: Number(e.target.value) })}
          />
          <span className="hint set-num">{describeRate(rate)}</span>
        </div>
      </div>
      <div className="row">
        {speaking ? (
          <button type="button" className="btn" onClick={() => void api.stopSpeaking()}>
            <Square size={16} aria-hidden="true" /> Stop
          </button>
        ) : (
          <button type="button" className="btn" onClick={() => void test()} disabled={unavailable || !info}>
            <Volume2 size={16} aria-hidden="true" /> Test voice
          </button>
        )}
      </div>
      {testError && (
        <p className="callout error small" role="alert">
          The test line could not be spoken: {testError}
        </p>
      )}
    </div>
  );
}
