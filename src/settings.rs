//! The user's preferences (microphone, voice, model, thresholds, theme), kept as JSON in the
//! data folder. A damaged file is set aside, never overwritten, so nothing the user chose is
//! silently lost.

use crate::analysis::delivery::DeliverySettings;
use crate::questions::TargetLength;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "settings.json";

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("could not read the settings file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the settings file {path} is damaged ({detail})")]
    Parse { path: PathBuf, detail: String },
    #[error("could not save the settings to {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{field}: {problem}")]
    Invalid {
        field: &'static str,
        problem: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Input device id; `None` records from the system default.
    pub microphone: Option<String>,
    pub speak_questions: bool,
    /// Voice id from the speech engine; `None` uses its default.
    pub voice: Option<String>,
    /// Multiple of the engine's normal rate, 0.5–2.0.
    pub speech_rate: f32,
    /// Whisper model name (see the model manager).
    pub model: String,
    /// Seconds to think before recording starts; 0 turns the think timer off.
    pub think_time_s: u32,
    pub long_pause_s: f64,
    /// Replaces every card's target length when set.
    pub target_length: Option<TargetLength>,
    pub extra_fillers: Vec<String>,
    pub ignored_fillers: Vec<String>,
    pub theme: Theme,
    /// Mock interviews ask one of the card's follow-ups after each answer.
    pub follow_ups: bool,
    pub mock_questions: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            microphone: None,
            speak_questions: true,
            voice: None,
            speech_rate: 1.0,
            model: "tiny.en".to_string(),
            think_time_s: 0,
            long_pause_s: DeliverySettings::default().long_pause_s,
            target_length: None,
            extra_fillers: Vec::new(),
            ignored_fillers: Vec::new(),
            theme: Theme::System,
            follow_ups: true,
            mock_questions: 5,
        }
    }
}

impl Settings {
    /// Checks every value a user can type; the message names the setting.
    pub fn validate(&self) -> Result<(), SettingsError> {
        let invalid = |field, problem: String| Err(SettingsError::Invalid { field, problem });
        if !(0.5..=2.0).contains(&self.speech_rate) {
            return invalid(
                "speech rate",
                format!("{} is outside 0.5–2.0", self.speech_rate),
            );
        }
        if self.model.trim().is_empty() {
            return invalid("model", "choose a speech model".into());
        }
        if !(0.3..=10.0).contains(&self.long_pause_s) {
            return invalid(
                "long pause",
                format!("{} s is outside 0.3–10 s", self.long_pause_s),
            );
        }
        if self.think_time_s > 600 {
            return invalid(
                "think time",
                format!("{} s is over the 600 s limit", self.think_time_s),
            );
        }
        if !(1..=20).contains(&self.mock_questions) {
            return invalid(
                "mock interview questions",
                format!("{} is outside 1–20", self.mock_questions),
            );
        }
        if let Some(t) = self.target_length {
            if t.min_s == 0 || t.min_s >= t.max_s || t.max_s > 1800 {
                return invalid(
                    "target length",
                    format!(
                        "{}–{} s: the minimum must be above 0 and below the maximum (at most 1800 s)",
                        t.min_s, t.max_s
                    ),
                );
            }
        }
        for w in self.extra_fillers.iter().chain(&self.ignored_fillers) {
            if w.trim().is_empty() || w.len() > 60 {
                return invalid(
                    "filler words",
                    format!("{w:?} is not a word or short phrase"),
                );
            }
        }
        Ok(())
    }

    /// The delivery analysis settings these preferences imply.
    pub fn delivery(&self) -> DeliverySettings {
        DeliverySettings {
            long_pause_s: self.long_pause_s,
            very_long_pause_s: self.long_pause_s * 3.0,
            extra_fillers: self.extra_fillers.clone(),
            ignored_fillers: self.ignored_fillers.clone(),
            ..DeliverySettings::default()
        }
    }

    /// Reads the settings; a missing file gives the defaults.
    pub fn load(path: &Path) -> Result<Settings, SettingsError> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Settings::default()),
            Err(source) => {
                return Err(SettingsError::Read {
                    path: path.to_path_buf(),
                    source,
                })
            }
        };
        let parse_err = |detail: String| SettingsError::Parse {
            path: path.to_path_buf(),
            detail,
        };
        let de = &mut serde_json::Deserializer::from_str(&text);
        let s: Settings =
            serde_path_to_error::deserialize(de).map_err(|e| parse_err(e.to_string()))?;
        s.validate().map_err(|e| parse_err(e.to_string()))?;
        Ok(s)
    }

    /// Reads the settings, or, when the file is damaged, moves it aside (keeping it for the
    /// user) and returns the defaults with a message saying where it went.
    pub fn load_or_recover(path: &Path) -> (Settings, Option<String>) {
        match Settings::load(path) {
            Ok(s) => (s, None),
            Err(e @ SettingsError::Parse { .. }) => {
                let aside = path.with_extension(format!(
                    "damaged-{}.json",
                    chrono::Utc::now().format("%Y%m%d-%H%M%S")
                ));
                let moved = std::fs::rename(path, &aside).is_ok();
                tracing::warn!(error = %e, moved, "settings reset to defaults");
                let msg = if moved {
                    format!(
                        "{e}. Defaults are in use; the old file was kept as {}.",
                        aside.display()
                    )
                } else {
                    format!("{e}. Defaults are in use.")
                };
                (Settings::default(), Some(msg))
            }
            Err(e) => (
                Settings::default(),
                Some(format!("{e}. Defaults are in use.")),
            ),
        }
    }

    /// Validates and writes atomically (temp file + rename), so a full disk never leaves a
    /// half-written file.
    pub fn save(&self, path: &Path) -> Result<(), SettingsError> {
        self.validate()?;
        let write_err = |source| SettingsError::Write {
            path: path.to_path_buf(),
            source,
        };
        let dir = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(write_err)?;
        let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(write_err)?;
        let json = serde_json::to_vec_pretty(self).expect("settings always serialise");
        tmp.write_all(&json).map_err(write_err)?;
        tmp.as_file().sync_all().map_err(write_err)?;
        tmp.persist(path).map_err(|e| write_err(e.error))?;
        Ok(())
    }

    /// The card's target, or the user's override.
    pub fn target_for(&self, card_target: TargetLength) -> TargetLength {
        self.target_length.unwrap_or(card_target)
    }
}

/// Where the settings live in a data folder.
pub fn path_in(data_dir: &Path) -> PathBuf {
    data_dir.join(FILE_NAME)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_round_trip_and_missing_file_gives_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let p = path_in(dir.path());
        assert_eq!(Settings::load(&p).unwrap(), Settings::default());
        let s = Settings {
            microphone: Some("hw:1,0".into()),
            theme: Theme::Dark,
            extra_fillers: vec!["to be honest".into()],
            target_length: Some(TargetLength {
                min_s: 60,
                max_s: 120,
            }),
            ..Settings::default()
        };
        s.save(&p).unwrap();
        assert_eq!(Settings::load(&p).unwrap(), s);
    }

    #[test]
    fn invalid_values_name_the_setting() {
        let s = Settings {
            speech_rate: 3.0,
            ..Settings::default()
        };
        assert!(s
            .validate()
            .unwrap_err()
            .to_string()
            .starts_with("speech rate"));
        let s = Settings {
            target_length: Some(TargetLength {
                min_s: 120,
                max_s: 60,
            }),
            ..Settings::default()
        };
        assert!(s
            .validate()
            .unwrap_err()
            .to_string()
            .starts_with("target length"));
    }

    #[test]
    fn a_damaged_file_is_kept_aside_and_defaults_used() {
        let dir = tempfile::tempdir().unwrap();
        let p = path_in(dir.path());
        std::fs::write(&p, b"{\"theme\": \"purple\"}").unwrap();
        let err = Settings::load(&p).unwrap_err().to_string();
        assert!(err.contains("theme"), "{err}");
        let (s, msg) = Settings::load_or_recover(&p);
        assert_eq!(s, Settings::default());
        assert!(msg.unwrap().contains("kept as"));
        assert!(!p.exists());
        let kept: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(kept.len(), 1, "the damaged file is still there");
    }

    #[test]
    fn delivery_settings_follow_the_preferences() {
        let s = Settings {
            long_pause_s: 2.0,
            ignored_fillers: vec!["so".into()],
            ..Settings::default()
        };
        let d = s.delivery();
        assert_eq!(d.long_pause_s, 2.0);
        assert_eq!(d.very_long_pause_s, 6.0);
        assert_eq!(d.ignored_fillers, vec!["so".to_string()]);
    }
}
