//! The card's own rubric: key points covered (and where), common mistakes made (and where).

use super::evidence::{negated, Evidence};
use super::sentences::Answer;
use crate::questions::{Card, RubricItem};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KeyPointResult {
    pub id: String,
    pub text: String,
    pub covered: bool,
    /// The words that cover the point; their `sentence` is the covering sentence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
    /// How many of the point's cues were heard.
    pub cues_matched: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MistakeHit {
    pub id: String,
    pub text: String,
    pub evidence: Evidence,
}

/// All matches of an item's cues as (first word, word count), earliest first.
fn matches(answer: &Answer, item: &RubricItem) -> Vec<(usize, usize, usize)> {
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    for (c, cue) in item.cues.iter().enumerate() {
        for (at, len) in cue.find_all(&answer.words) {
            found.push((at, len, c));
        }
    }
    found.sort();
    found
}

/// Each key point is covered by its first cue heard; the evidence points at the sentence that
/// heard the most distinct cues of the point, since that sentence is the one that makes it.
pub fn key_points(answer: &Answer, card: &Card) -> Vec<KeyPointResult> {
    card.key_points
        .iter()
        .map(|kp| {
            let found = matches(answer, kp);
            let mut distinct: Vec<usize> = found.iter().map(|m| m.2).collect();
            distinct.sort();
            distinct.dedup();
            let best = found.iter().max_by_key(|(at, _, _)| {
                let s = answer.sentence_of(*at);
                let mut in_sentence: Vec<usize> = found
                    .iter()
                    .filter(|m| answer.sentence_of(m.0) == s)
                    .map(|m| m.2)
                    .collect();
                in_sentence.sort();
                in_sentence.dedup();
                // Most distinct cues wins; the earliest sentence breaks ties.
                (in_sentence.len(), std::cmp::Reverse(*at))
            });
            KeyPointResult {
                id: kp.id.to_string(),
                text: kp.text.clone(),
                covered: best.is_some(),
                evidence: best.map(|&(at, len, _)| Evidence::words(answer, at, at + len)),
                cues_matched: distinct.len(),
            }
        })
        .collect()
}

/// The card's common mistakes that the answer makes. A negated cue ("rather than blaming the
/// vendor") does not count.
pub fn mistakes(answer: &Answer, card: &Card) -> Vec<MistakeHit> {
    let mut hits = Vec::new();
    for m in &card.mistakes {
        let first = matches(answer, m).into_iter().find(|&(at, _, _)| {
            let s = &answer.sentences[answer.sentence_of(at)];
            !negated(answer, s.first, at)
        });
        if let Some((at, len, _)) = first {
            hits.push(MistakeHit {
                id: m.id.to_string(),
                text: m.text.clone(),
                evidence: Evidence::words(answer, at, at + len),
            });
        }
    }
    hits
}
