//! Synthetic spoken answers with known ground truth, for the delivery analysis's accuracy
//! (used via `#[path]` from tests and from the `pipeline` bench that `cargo xtask bench` runs).
//!
//! Each answer is a script rendered with espeak-ng: phrases are synthesized one by one and
//! joined with silences of known length, and filled pauses ("um", "uh", …) are synthesized as
//! their own short segments from phonemes, held on one note the way people hesitate. The truth
//! (word count, answer span, every pause, every filler and its place) follows from the
//! concatenation, not from any analysis.
//!
//! Script markup: plain words with punctuation; `{um}` a filled pause (um, uh, er, ah, hmm,
//! mm); `[you know,]` words that are a discourse filler; `<0.8>` a silence of 0.8 s. A comma
//! adds 0.12 s of silence and a sentence end 0.4 s, unless an explicit silence follows.

//!
//! `render` makes one answer, `scripts` holds the standard set, `accuracy` scores reports
//! against the truth and prints the table `cargo xtask bench` shows.

// Each test uses part of this shared module.
#![allow(dead_code, unused_imports)]

mod accuracy;
mod render;
mod scripts;

pub use accuracy::*;
pub use render::*;
pub use scripts::*;

use std::fmt;

use rehearse::{Transcript, Word};

pub const SR: usize = 16_000;

pub(crate) const COMMA_S: f64 = 0.12;
pub(crate) const SENTENCE_S: f64 = 0.4;
pub(crate) const EDGE_S: f64 = 0.6;
/// Filled pauses are said no faster than this, whatever the voice's rate: people slow down
/// when they hesitate.
pub(crate) const FILLER_MAX_WPM: u32 = 150;
/// Labels a filled pause may be reported under: the audio cannot tell "er" from "uh".
pub(crate) const FILLED: &[&str] = &["um", "uh", "er", "ah", "hmm", "mm"];

/// Unstressed espeak phonemes: held vowels or hums with a level pitch.
pub(crate) fn filled_pause_phonemes(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "um" => "[[V:m]]",
        "uh" => "[[V::]]",
        "er" => "[[3::]]",
        "ah" => "[[A::]]",
        "hmm" => "[[h@m]]",
        "mm" => "[[m-:]]",
        _ => return None,
    })
}

#[derive(Debug)]
pub struct SynthError(pub String);

impl fmt::Display for SynthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SynthError {}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Voice {
    /// espeak-ng voice, e.g. "en-us", "en-gb-x-rp", "en-us+f3".
    pub name: &'static str,
    /// espeak-ng rate, words per minute.
    pub wpm: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TruthWord {
    /// As written in the script, punctuation kept (for the oracle transcript).
    pub text: String,
    pub start_s: f64,
    pub end_s: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TruthFiller {
    /// "um", "uh", … for filled pauses; "you know", "like", … for discourse fillers.
    pub kind: String,
    pub start_s: f64,
    pub end_s: f64,
    /// A filled pause (its own segment), not a discourse word.
    pub filled: bool,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Truth {
    /// Words of the phrases; times inside a phrase are spread by length (only the phrase's
    /// edges are exact).
    pub words: Vec<TruthWord>,
    pub fillers: Vec<TruthFiller>,
    /// Every silence between speech, with exact edges.
    pub pauses: Vec<(f64, f64)>,
    /// Words spoken, filled pauses included.
    pub spoken_words: u32,
    /// First sound to last sound.
    pub start_s: f64,
    pub end_s: f64,
}

impl Truth {
    pub fn wpm(&self) -> f64 {
        self.spoken_words as f64 * 60.0 / (self.end_s - self.start_s)
    }
}

#[derive(Debug, Clone)]
pub struct Synth {
    pub name: String,
    pub voice: Voice,
    pub samples: Vec<f32>,
    pub truth: Truth,
}

impl Synth {
    /// A transcript a perfect recogniser would give: the script's words at their times. With
    /// `keep_filled_pauses` false the "um"s are left out, as Whisper often does, so only the
    /// acoustic detector can find them.
    pub fn oracle_transcript(&self, keep_filled_pauses: bool) -> Transcript {
        let mut words: Vec<Word> = self
            .truth
            .words
            .iter()
            .map(|w| Word {
                text: format!(" {}", w.text),
                start_s: w.start_s,
                end_s: w.end_s,
                probability: 1.0,
                filler: false,
            })
            .collect();
        if keep_filled_pauses {
            for f in self.truth.fillers.iter().filter(|f| f.filled) {
                words.push(Word {
                    text: format!(" {},", f.kind),
                    start_s: f.start_s,
                    end_s: f.end_s,
                    probability: 1.0,
                    filler: true,
                });
            }
            words.sort_by(|a, b| a.start_s.total_cmp(&b.start_s));
        }
        let text = words
            .iter()
            .map(|w| w.text.trim())
            .collect::<Vec<_>>()
            .join(" ");
        Transcript { text, words }
    }
}
