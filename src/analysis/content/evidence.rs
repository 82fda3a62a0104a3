//! Pointers from a finding to the exact words of the answer, and phrase lists to find them.

use super::sentences::Answer;
use crate::questions::cues::Cue;
use serde::{Deserialize, Serialize};

/// The words a finding is about: the sentence, the quoted words and their character span
/// `[start, end)` in the text that was scored (and their time when word times were given).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub sentence: usize,
    pub quote: String,
    pub start: usize,
    pub end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_s: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_s: Option<f64>,
}

impl Evidence {
    /// Evidence for content words `[first, end)`.
    pub fn words(answer: &Answer, first: usize, end: usize) -> Evidence {
        let (start, end_char) = answer.span_of(first, end);
        let times = &answer.times[first..end];
        Evidence {
            sentence: answer.sentence_of(first),
            quote: answer.quote(start, end_char),
            start,
            end: end_char,
            start_s: times.iter().flatten().map(|t| t.0).next(),
            end_s: times.iter().flatten().map(|t| t.1).next_back(),
        }
    }

    /// Evidence for a whole sentence.
    pub fn sentence(answer: &Answer, index: usize) -> Evidence {
        let s = &answer.sentences[index];
        Evidence {
            sentence: index,
            quote: s.text.clone(),
            start: s.start,
            end: s.end,
            start_s: s.start_s,
            end_s: s.end_s,
        }
    }
}

/// Whether `word` is one of the space-separated words of `list`.
pub fn listed(list: &str, word: &str) -> bool {
    list.split_whitespace().any(|w| w == word)
}

/// A fixed list of cue phrases (same syntax as card cues), parsed once.
pub struct Phrases(Vec<Cue>);

impl Phrases {
    /// Parses `"phrase | phrase | …"`. The lists are constants of this module, so a malformed
    /// phrase is a programming error caught by any test that scores an answer.
    pub fn new(list: &str) -> Phrases {
        Phrases(
            list.split('|')
                .map(str::trim)
                .map(|p| Cue::parse(p).unwrap_or_else(|e| panic!("built-in phrase {p:?}: {e}")))
                .collect(),
        )
    }

    /// Every match in `words` as (first word, word count), in order, without overlaps.
    pub fn find(&self, words: &[String]) -> Vec<(usize, usize)> {
        let mut found: Vec<(usize, usize)> = Vec::new();
        let mut i = 0;
        while i < words.len() {
            match self.longest_at(words, i) {
                Some(len) => {
                    found.push((i, len));
                    i += len;
                }
                None => i += 1,
            }
        }
        found
    }

    /// The longest phrase starting at `words[i]`, as its word count.
    pub fn longest_at(&self, words: &[String], i: usize) -> Option<usize> {
        self.0.iter().filter_map(|c| c.match_at(words, i)).max()
    }

    pub fn count(&self, words: &[String]) -> usize {
        self.find(words).len()
    }
}

/// Words that negate a following phrase: "rather than blaming the vendor", "I didn't blame them".
const NEGATORS: &str = "\
    not never without didnt dont wasnt instead rather avoid avoided no nor refused";

/// Whether the phrase starting at content word `at` is negated by a word shortly before it in
/// the same clause, not looking back past `floor` (e.g. the end of an earlier finding, whose
/// own "not" must not cancel the next one).
pub fn negated(answer: &Answer, floor: usize, at: usize) -> bool {
    let lo = at
        .saturating_sub(6)
        .max(floor)
        .max(answer.clause_start(at))
        .min(at);
    answer.words[lo..at].iter().any(|w| listed(NEGATORS, w))
}
