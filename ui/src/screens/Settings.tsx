// Settings: microphone, interviewer voice, speech models, analysis thresholds, mock interviews,
// theme, about. Most fields are saved together with Save; the theme and the model in use apply
// at once because the user expects to see (or use) them immediately.
import { useState } from "react";
import { Monitor, Moon, Save, Sun } from "lucide-react";
import { useApp } from "../state";
import type { Settings } from "../types";
import { MicTest } from "../components/settings/MicTest";
import { VoiceSettings } from "../components/settings/VoiceSettings";
import { ModelManager } from "../components/settings/ModelManager";
import { WordListInput } from "../components/settings/WordListInput";
import {
  fromDraft,
  hasChanges,
  toDraft,
  type SettingsDraft,
  type SettingsErrors,
} from "../components/settings/settingsForm";
import "./Settings.css";

const THEMES: { value: Settings["theme"]; label: string; icon: typeof Sun }[] = [
  { value: "system", label: "Same as the system", icon: Monitor },
  { value: "light", label: "Light", icon: Sun },
  { value: "dark", label: "Dark", icon: Moon },
];

function FieldError({ id, text }: { id: string; text: string | undefined }) {
  return (
    <span id={id} className="small error set-field-error">
      {text ?? ""}
    </span>
  );
}

export function SettingsScreen() {
  const settings = useApp((s) => s.settings);
  if (!settings) return <p className="muted">Loading settings…</p>;
  return <SettingsForm saved={settings} />;
}

function SettingsForm({ saved }: { saved: Settings }) {
  const info = useApp((s) => s.info);
  const saveSettings = useApp((s) => s.saveSettings);
  const reloadModels = useApp((s) => s.reloadModels);
  const [draft, setDraft] = useState<SettingsDraft>(() => toDraft(saved));
  const [errors, setErrors] = useState<SettingsErrors>({});
  const [saveError, setSaveError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const change = (p: Partial<SettingsDraft>) => {
    setDraft((d) => ({ ...d, ...p }));
    setStatus(null);
  };

  /** Saves a few fields right away, leaving the rest of the form's edits pending. */
  const saveNow = async (patch: Partial<Settings>, draftPatch: Partial<SettingsDraft>) => {
    setSaveError(null);
    await saveSettings({ ...saved, ...patch });
    setDraft((d) => ({ ...d, ...draftPatch }));
  };

  const save = async () => {
    setSaveError(null);
    setStatus(null);
    const result = fromDraft(draft);
    if (result.errors) {
      setErrors(result.errors);
      setSaveError("Some values need fixing before they can be saved; see the fields marked below.");
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      const modelChanged = result.settings.model !== saved.model;
      await saveSettings(result.settings);
      if (modelChanged) await reloadModels();
      setStatus("Settings saved.");
    } catch (e) {
      setSaveError(String(e));
    } finally {
      setSaving(false);
    }
  };

  const dirty = hasChanges(saved, draft);
  const err = (k: keyof SettingsErrors) =>
    errors[k] ? { "aria-invalid": true as const, "aria-describedby": `set-err-${k}` } : {};

  return (
    <section className="screen set-screen" aria-labelledby="set-title">
      <div className="screen-head">
        <h1 id="set-title">Settings</h1>
      </div>

      <section className="panel set-section" aria-labelledby="set-mic-h">
        <h2 id="set-mic-h">Microphone</h2>
        <MicTest device={draft.microphone} onDeviceChange={(id) => change({ microphone: id })} />
      </section>

      <section className="panel set-section" aria-labelledby="set-voice-h">
        <h2 id="set-voice-h">Interviewer voice</h2>
        <VoiceSettings
          speak={draft.speak_questions}
          voice={draft.voice}
          rate={draft.speech_rate}
          onChange={(p) => change(p)}
        />
      </section>

      <section className="panel set-section" aria-labelledby="set-models-h">
        <h2 id="set-models-h">Speech models</h2>
        <ModelManager
          onChooseModel={async (name) => {
            await saveNow({ model: name }, { model: name });
            await reloadModels();
          }}
        />
      </section>

      <section className="panel set-section" aria-labelledby="set-analysis-h">
        <h2 id="set-analysis-h">Analysis</h2>
        <div className="set-grid">
          <div className="field">
            <label htmlFor="set-long-pause">Long pause (seconds)</label>
            <span className="hint">A silence at least this long counts as a long pause. 0.5 to 5.</span>
            <input
              id="set-long-pause"
              type="number"
              min={0.5}
              max={5}
              step={0.1}
              value={draft.long_pause_s}
              onChange={(e) => change({ long_pause_s: e.target.value })}
              {...err("long_pause_s")}
            />
            <FieldError id="set-err-long_pause_s" text={errors.long_pause_s} />
          </div>
          <div className="field">
            <label htmlFor="set-think">Think time (seconds)</label>
            <span className="hint">A countdown before recording starts; 0 turns it off.</span>
            <input
              id="set-think"
              type="number"
              min={0}
              max={300}
              step={1}
              value={draft.think_time_s}
              onChange={(e) => change({ think_time_s: e.target.value })}
              {...err("think_time_s")}
            />
            <FieldError id="set-err-think_time_s" text={errors.think_time_s} />
          </div>
        </div>
        <fieldset className="set-fieldset">
          <legend>Answer length</legend>
          <label className="set-check">
            <input
              type="checkbox"
              checked={draft.target_override}
              onChange={(e) => change({ target_override: e.target.checked })}
            />
            Use my own target length for every question (instead of each card’s)
          </label>
          <div className="row set-target">
            <label htmlFor="set-target-min">Shortest</label>
            <input
              id="set-target-min"
              type="number"
              min={10}
              max={1200}
              step={5}
              value={draft.target_min_s}
              disabled={!draft.target_override}
              onChange={(e) => change({ target_min_s: e.target.value })}
              {...err("target_length")}
            />
            <label htmlFor="set-target-max">longest</label>
            <input
              id="set-target-max"
              type="number"
              min={10}
              max={1200}
              step={5}
              value={draft.target_max_s}
              disabled={!draft.target_override}
              onChange={(e) => change({ target_max_s: e.target.value })}
              {...err("target_length")}
            />
            <span className="muted small">seconds</span>
          </div>
          <FieldError id="set-err-target_length" text={errors.target_length} />
        </fieldset>
        <div className="set-grid">
          <WordListInput
            id="set-extra-fillers"
            label="Extra filler words"
            hint="Counted as fillers on top of the built-in list (um, uh, like, you know…)."
            words={draft.extra_fillers}
            chipClass="filler"
            onChange={(w) => change({ extra_fillers: w })}
          />
          <WordListInput
            id="set-ignored-fillers"
            label="Ignored filler words"
            hint="Built-in fillers you do not want counted."
            words={draft.ignored_fillers}
            onChange={(w) => change({ ignored_fillers: w })}
          />
        </div>
      </section>

      <section className="panel set-section" aria-labelledby="set-mock-h">
        <h2 id="set-mock-h">Mock interview</h2>
        <div className="set-grid">
          <div className="field">
            <label htmlFor="set-mock-n">Questions per interview</label>
            <span className="hint">1 to 10.</span>
            <input
              id="set-mock-n"
              type="number"
              min={1}
              max={10}
              step={1}
              value={draft.mock_questions}
              onChange={(e) => change({ mock_questions: e.target.value })}
              {...err("mock_questions")}
            />
            <FieldError id="set-err-mock_questions" text={errors.mock_questions} />
          </div>
          <label className="set-check set-check-top">
            <input
              type="checkbox"
              checked={draft.follow_ups}
              onChange={(e) => change({ follow_ups: e.target.checked })}
            />
            Ask a follow-up question after each answer
          </label>
        </div>
      </section>

      <section className="panel set-section" aria-labelledby="set-theme-h">
        <h2 id="set-theme-h">Appearance</h2>
        <div className="set-themes" role="radiogroup" aria-labelledby="set-theme-h">
          {THEMES.map(({ value, label, icon: Icon }) => (
            <label key={value} className="set-theme" data-checked={saved.theme === value}>
              <input
                type="radio"
                name="theme"
                value={value}
                checked={saved.theme === value}
                onChange={() =>
                  void saveNow({ theme: value }, { theme: value }).catch((e) => setSaveError(String(e)))
                }
              />
              <Icon size={16} aria-hidden="true" /> {label}
            </label>
          ))}
        </div>
        <p className="small muted">The theme changes straight away.</p>
      </section>

      <section className="panel set-section" aria-labelledby="set-about-h">
        <h2 id="set-about-h">About</h2>
        <p>
          Rehearse {info ? `version ${info.version}` : ""}. Everything stays on this computer: your
          recordings, transcripts and scores are stored in
        </p>
        <p>
          <code className="set-path">{info?.data_dir ?? "…"}</code>
        </p>
      </section>

      <div className="set-savebar" role="region" aria-label="Save settings">
        <div className="set-savebar-msg" aria-live="polite">
          {saveError ? null : dirty ? (
            <span>You have unsaved changes.</span>
          ) : (
            <span className="muted">{status ?? "All changes are saved."}</span>
          )}
        </div>
        <button
          type="button"
          className="btn"
          disabled={!dirty || saving}
          onClick={() => {
            setDraft(toDraft(saved));
            setErrors({});
            setSaveError(null);
          }}
        >
          Discard changes
        </button>
        <button
          type="button"
          className="btn primary"
          data-testid="settings-save"
          disabled={!dirty || saving}
          onClick={() => void save()}
        >
          <Save size={16} aria-hidden="true" /> {saving ? "Saving…" : "Save settings"}
        </button>
        {saveError && (
          <p className="callout error small set-save-error" role="alert">
            {saveError}
          </p>
        )}
      </div>
    </section>
  );
}
