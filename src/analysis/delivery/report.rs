//! The `delivery` object of the report (`rehearse.report/1`). The first four fields are fixed
//! by DESIGN.md; the rest are ours. Every metric carries the norm it is judged against and a
//! concrete tip.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeliveryReport {
    /// All spoken words (fillers included) per minute from the first word to the last.
    pub wpm: f64,
    /// The same words per minute of speaking time, silent pauses excluded.
    pub articulation_wpm: f64,
    pub fillers: Fillers,
    /// Every silent pause of at least `min_pause_s` inside the answer.
    pub pauses: Vec<Pause>,
    /// False when the recording holds no speech; the metrics are then zero and `notes` say why.
    pub speech_found: bool,
    /// Words as spoken (see `spoken_words`), fillers found only in the audio included.
    pub word_count: u32,
    /// From the first word's start to the last word's end.
    pub answer: Span,
    /// Answer time minus silent pauses.
    pub speaking_time_s: f64,
    pub pace: Pace,
    pub pausing: Pausing,
    pub hedges: Hedges,
    pub repetitions: Repetitions,
    /// Answer length against the card's target window; `None` without a target.
    pub length: Option<Length>,
    pub energy: Energy,
    pub pitch: Pitch,
    pub score: Score,
    /// Caveats about the input (clipping, no speech, too short to judge).
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Span {
    pub start_s: f64,
    pub end_s: f64,
    pub duration_s: f64,
}

/// Where a filler was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FillerSource {
    /// A word of the transcript, judged in context.
    Transcript,
    /// A filled pause heard in the audio where the transcript has no word.
    Audio,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FillerItem {
    /// Canonical label: "um", "uh", "er", "ah", "hmm", "mm", "like", "you know", …
    pub text: String,
    pub start_s: f64,
    pub end_s: f64,
    pub source: FillerSource,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fillers {
    pub count: u32,
    pub per_minute: f64,
    pub by_word: BTreeMap<String, u32>,
    pub items: Vec<FillerItem>,
    pub norm: String,
    pub tip: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pause {
    pub start_s: f64,
    pub end_s: f64,
    pub length_s: f64,
    /// At or above the long-pause threshold.
    pub long: bool,
    /// Inside a clause (no punctuation before it, no conjunction after it): the pauses that
    /// hurt fluency most. False when the transcript cannot tell.
    pub mid_sentence: bool,
}

/// Pace verdict against the band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PaceVerdict {
    Slow,
    Ok,
    Fast,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PacePoint {
    pub start_s: f64,
    pub end_s: f64,
    pub wpm: f64,
    pub verdict: PaceVerdict,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pace {
    pub wpm: f64,
    pub articulation_wpm: f64,
    pub band_wpm: [f64; 2],
    pub verdict: PaceVerdict,
    /// Rolling-window pace over the answer; shows rushing and dragging.
    pub timeline: Vec<PacePoint>,
    /// Share of timeline points above / below the band.
    pub fast_share: f64,
    pub slow_share: f64,
    pub norm: String,
    pub tip: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pausing {
    pub count: u32,
    pub per_minute: f64,
    pub long_count: u32,
    pub mid_sentence_count: u32,
    pub longest_s: f64,
    pub total_s: f64,
    pub norm: String,
    pub tip: String,
}

/// A stretch of the transcript a finding is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextItem {
    pub text: String,
    pub start_s: f64,
    pub end_s: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hedges {
    pub count: u32,
    pub per_minute: f64,
    pub by_phrase: BTreeMap<String, u32>,
    pub items: Vec<TextItem>,
    pub norm: String,
    pub tip: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RepetitionItem {
    pub text: String,
    /// "repetition" ("the the") or "restart" ("we went we went", "th- the").
    pub kind: String,
    pub start_s: f64,
    pub end_s: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Repetitions {
    pub count: u32,
    pub per_minute: f64,
    pub items: Vec<RepetitionItem>,
    pub norm: String,
    pub tip: String,
}

/// The card's target answer length, seconds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TargetWindow {
    pub min_s: f64,
    pub max_s: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LengthVerdict {
    Short,
    Within,
    Long,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Length {
    pub duration_s: f64,
    pub target: TargetWindow,
    pub verdict: LengthVerdict,
    pub norm: String,
    pub tip: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Energy {
    /// Standard deviation of syllable peak levels, dB: how much loudness moves.
    pub variation_db: Option<f64>,
    /// Median level drop at sentence ends against the rest of the sentence, dB.
    pub end_drop_db: Option<f64>,
    pub sentences_checked: u32,
    pub fading: bool,
    pub norm: String,
    pub tip: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pitch {
    pub median_hz: Option<f64>,
    /// Standard deviation of F0 over voiced speech, semitones.
    pub variation_semitones: Option<f64>,
    /// 5th to 95th percentile of F0, semitones.
    pub range_semitones: Option<f64>,
    pub voiced_s: f64,
    pub monotone: bool,
    pub norm: String,
    pub tip: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreComponent {
    pub metric: String,
    pub score: u8,
    /// Share of the total, after leaving out what could not be measured; sums to 1.
    pub weight: f64,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Score {
    /// 0–100.
    pub score: u8,
    pub breakdown: Vec<ScoreComponent>,
}
