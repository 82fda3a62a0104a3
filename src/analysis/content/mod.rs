//! Content scoring: what an answer says, judged against its card. Deterministic and explainable:
//! every number in the report comes with the words it was computed from.
//!
//! Works on typed text and on transcripts alike (lower case, no punctuation, fillers): sentences
//! are found from punctuation, clause starters and, when word times are given, pauses.

mod evidence;
mod keypoints;
mod score;
mod sentences;
mod signals;
mod star;
mod tips;
mod verbs;

pub use evidence::Evidence;
pub use keypoints::{KeyPointResult, MistakeHit};
pub use score::{Flag, ScorePart, TYPED_WORDS_PER_MINUTE};
pub use sentences::Sentence;
pub use signals::{Impact, LessonSignal, Ownership, Vagueness};
pub use star::{Labelled, StarAnalysis, StarPart, StarPresence, StarShares};
pub use tips::Tip;

use crate::domain::Word;
use crate::questions::Card;
use serde::{Deserialize, Serialize};

/// A sentence of the answer with its STAR label.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LabelledSentence {
    #[serde(flatten)]
    pub sentence: Sentence,
    pub label: StarPart,
    /// False when the sentence had no cue of its own and continues the previous label.
    pub labelled_by_evidence: bool,
}

/// The content half of a report.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ContentReport {
    /// 0–100.
    pub score: u8,
    /// Where the score came from: parts with their maximum, and penalties (negative points).
    pub breakdown: Vec<ScorePart>,
    /// Which STAR parts the answer tells (Lesson included).
    pub star: StarPresence,
    /// Shares of the answer per part, the order told, and whether that order is the usual one.
    pub structure: StarStructure,
    pub sentences: Vec<LabelledSentence>,
    pub key_points: Vec<KeyPointResult>,
    /// The card's common mistakes found in the answer.
    pub mistakes: Vec<MistakeHit>,
    pub impact: Impact,
    pub ownership: Ownership,
    /// Blame of others and excuses.
    pub blame: Vec<Evidence>,
    pub lesson: LessonSignal,
    pub vagueness: Vagueness,
    pub humble_brag: Vec<Evidence>,
    pub flags: Vec<Flag>,
    /// The three most valuable tips, best first.
    pub tips: Vec<Tip>,
    /// Content words (fillers excluded).
    pub word_count: usize,
    /// From word times when given, else estimated at a typical speaking rate.
    pub duration_s: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StarStructure {
    pub shares: StarShares,
    pub order: Vec<StarPart>,
    pub in_order: bool,
}

/// Scores an answer (typed text, or a transcript's text with its timed words) against a card.
///
/// `words`, when given, are the recogniser's words for `text`; their times split sentences at
/// pauses, time each finding, and measure the answer's length.
pub fn score_answer(card: &Card, text: &str, words: Option<&[Word]>) -> ContentReport {
    let answer = sentences::Answer::parse(text, words);
    let star = star::analyse(&answer);
    let key_points = keypoints::key_points(&answer, card);
    let mistakes = keypoints::mistakes(&answer, card);
    let impact = signals::impact(&answer, &star, card.star);
    let ownership = signals::ownership(&answer);
    let blame = signals::blame(&answer);
    let lesson = signals::lesson(&answer, &star);
    let vagueness = signals::vagueness(&answer, &star);
    let humble_brag = signals::humble_brag(&answer);
    let duration_s = duration(&answer, words);
    let findings = score::Findings {
        card,
        word_count: answer.word_count(),
        duration_s,
        star: &star,
        key_points: &key_points,
        mistakes: &mistakes,
        impact: &impact,
        ownership: &ownership,
        blame: &blame,
        lesson: &lesson,
        vagueness: &vagueness,
        humble_brag: &humble_brag,
    };
    let breakdown = score::breakdown(&findings);
    let flags = score::flags(&findings);
    let tips = tips::tips(&answer, &findings);
    let score = if answer.word_count() == 0 {
        0
    } else {
        score::total(&breakdown)
    };
    let sentences = answer
        .sentences
        .iter()
        .zip(&star.labels)
        .map(|(s, l)| LabelledSentence {
            sentence: s.clone(),
            label: l.label,
            labelled_by_evidence: l.evidence,
        })
        .collect();
    ContentReport {
        score,
        breakdown,
        star: star.presence,
        structure: StarStructure {
            shares: star.shares,
            order: star.order.clone(),
            in_order: star.in_order,
        },
        sentences,
        key_points,
        mistakes,
        impact,
        ownership,
        blame,
        lesson,
        vagueness,
        humble_brag,
        flags,
        tips,
        word_count: answer.word_count(),
        duration_s: (duration_s * 10.0).round() / 10.0,
    }
}

fn duration(answer: &sentences::Answer, words: Option<&[Word]>) -> f64 {
    let timed = words.filter(|w| !w.is_empty()).map(|w| {
        let first = w.iter().map(|x| x.start_s).fold(f64::INFINITY, f64::min);
        let last = w.iter().map(|x| x.end_s).fold(f64::NEG_INFINITY, f64::max);
        (last - first).max(0.0)
    });
    timed.unwrap_or(answer.word_count() as f64 * 60.0 / TYPED_WORDS_PER_MINUTE)
}
