//! Domain types shared by every stage of the pipeline.

use serde::{Deserialize, Serialize};

/// One recognised word with its time span in seconds from the recording's start.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Word {
    pub text: String,
    pub start_s: f64,
    pub end_s: f64,
    /// Mean token probability reported by the recogniser, 0..=1.
    #[serde(default = "one")]
    pub probability: f32,
    /// True for filled pauses ("um", "uh", ...) recognised in the text.
    #[serde(default)]
    pub filler: bool,
}

fn one() -> f32 {
    1.0
}

/// What was said, as words with times. `text` is the recogniser's own rendering.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Transcript {
    pub text: String,
    pub words: Vec<Word>,
}

impl Transcript {
    /// Appends another transcript (e.g. the next live segment) after this one.
    pub fn extend(&mut self, other: Transcript) {
        if !other.text.trim().is_empty() {
            if !self.text.is_empty() {
                self.text.push(' ');
            }
            self.text.push_str(other.text.trim());
        }
        self.words.extend(other.words);
    }
}

/// Filled pauses that Whisper can emit as words. Discourse fillers ("like", "you know")
/// need context and are decided by the analysis, not here.
pub fn is_filled_pause(word: &str) -> bool {
    let w: String = word
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    if w.is_empty() {
        return false;
    }
    // Collapse runs so "ummm", "uhhh", "hmmm" match their base spelling.
    let mut collapsed = String::new();
    for c in w.chars() {
        if !collapsed.ends_with(c) {
            collapsed.push(c);
        }
    }
    matches!(
        collapsed.as_str(),
        "um" | "uh" | "er" | "erm" | "ah" | "hm" | "hmm" | "m" | "mhm" | "uhm" | "eh"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filled_pauses_match_their_spellings() {
        for w in [
            "um", "Umm,", "uh.", "UHHH", "er", "hmm", "Hmmmm", "mm", "ah",
        ] {
            assert!(is_filled_pause(w), "{w}");
        }
        for w in ["umbrella", "a", "I", "her", "uhuru", "", "—"] {
            assert!(!is_filled_pause(w), "{w}");
        }
    }
}
