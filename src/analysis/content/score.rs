//! The content score: fixed weights per part, penalties for what hurts an answer, and flags.
//!
//! Everything is additive and reported, so a user can see where each point came from.

use super::evidence::Evidence;
use super::keypoints::{KeyPointResult, MistakeHit};
use super::signals::{Impact, LessonSignal, Ownership, Vagueness};
use super::star::StarAnalysis;
use crate::questions::{Card, Category};
use serde::{Deserialize, Serialize};

/// Typed answers have no timing; spoken answers run at about this rate.
pub const TYPED_WORDS_PER_MINUTE: f64 = 150.0;

/// One line of the score's breakdown. Penalties have `max` 0 and negative `points`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ScorePart {
    pub id: String,
    pub label: String,
    pub points: f64,
    pub max: f64,
    pub detail: String,
}

/// A problem worth naming, with the words it is about when there are any.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Flag {
    pub id: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
}

/// Everything scoring looked at, for the breakdown, flags and tips.
pub struct Findings<'a> {
    pub card: &'a Card,
    /// Content words (fillers excluded).
    pub word_count: usize,
    pub duration_s: f64,
    pub star: &'a StarAnalysis,
    pub key_points: &'a [KeyPointResult],
    pub mistakes: &'a [MistakeHit],
    pub impact: &'a Impact,
    pub ownership: &'a Ownership,
    pub blame: &'a [Evidence],
    pub lesson: &'a LessonSignal,
    pub vagueness: &'a Vagueness,
    pub humble_brag: &'a [Evidence],
}

/// Weights of the positive parts; a card without a STAR story puts them on key points.
struct Weights {
    structure: f64,
    key_points: f64,
    impact: f64,
    ownership: f64,
    lesson: f64,
    length: f64,
}

fn weights(card: &Card) -> Weights {
    if card.star {
        Weights {
            structure: 30.0,
            key_points: 30.0,
            impact: 10.0,
            ownership: 10.0,
            lesson: 10.0,
            length: 10.0,
        }
    } else {
        Weights {
            structure: 0.0,
            key_points: 65.0,
            impact: 15.0,
            ownership: 0.0,
            lesson: 0.0,
            length: 20.0,
        }
    }
}

fn part(id: &'static str, label: &'static str, points: f64, max: f64, detail: String) -> ScorePart {
    ScorePart {
        id: id.into(),
        label: label.into(),
        points: (points * 10.0).round() / 10.0,
        max,
        detail,
    }
}

pub fn pct(x: f64) -> String {
    format!("{:.0} %", x * 100.0)
}

/// Categories where a trivial or disguised failure defeats the question.
fn wants_real_failure(card: &Card) -> bool {
    matches!(
        card.category,
        Category::Failure | Category::Weakness | Category::Feedback | Category::Learning
    )
}

/// Blame words already counted as a card mistake are not penalised twice.
fn overlaps(a: &Evidence, b: &Evidence) -> bool {
    a.start < b.end && b.start < a.end
}

/// Words it takes to tell a story at all; a shorter answer gets a share of the structure and
/// ownership points ("I failed." has an action, but it is not a STAR story).
const STORY_WORDS: f64 = 80.0;

fn substance(f: &Findings) -> f64 {
    (f.word_count as f64 / STORY_WORDS).min(1.0)
}

pub fn breakdown(f: &Findings) -> Vec<ScorePart> {
    let w = weights(f.card);
    let mut parts = Vec::new();
    let st = f.star;
    if w.structure > 0.0 {
        let p = st.presence;
        let context = match (p.situation, p.task) {
            (true, true) => 7.0,
            (true, false) | (false, true) => 5.0,
            _ => 0.0,
        };
        let action = if p.action { 9.0 } else { 0.0 };
        let result = if p.result { 8.0 } else { 0.0 };
        let told = [p.situation || p.task, p.action, p.result]
            .iter()
            .filter(|x| **x)
            .count();
        let order = if st.in_order && told >= 2 {
            3.0
        } else if told >= 2 {
            1.0
        } else {
            0.0
        };
        let action_share = 3.0 * (st.shares.action / 0.35).min(1.0);
        let names: Vec<&str> = st.order.iter().map(|x| x.name()).collect();
        parts.push(part(
            "structure",
            "STAR structure",
            (context + action + result + order + action_share) * substance(f),
            w.structure,
            format!(
                "told: {}; action {} of the answer",
                if names.is_empty() {
                    "nothing recognisable".to_string()
                } else {
                    names.join(" → ")
                },
                pct(st.shares.action)
            ),
        ));
    }
    let covered = f.key_points.iter().filter(|k| k.covered).count();
    let total = f.key_points.len().max(1);
    parts.push(part(
        "key_points",
        "Key points covered",
        w.key_points * covered as f64 / total as f64,
        w.key_points,
        format!("{covered} of {} key points", f.key_points.len()),
    ));
    let (impact, detail) = if f.impact.quantified {
        (w.impact, format!("quantified: {}", f.impact.items[0].quote))
    } else if f.impact.qualitative {
        (w.impact * 0.5, "an outcome, but no number".to_string())
    } else {
        (0.0, "no outcome stated".to_string())
    };
    let label = if f.card.star {
        "Quantified impact"
    } else {
        "Concrete specifics"
    };
    parts.push(part("impact", label, impact, w.impact, detail));
    if w.ownership > 0.0 {
        let o = f.ownership;
        // Full marks need both a majority of "I" and a few actions told, not one "I did".
        let points = match o.i_share {
            Some(s) => 2.0 + 8.0 * (s / 0.6).min(1.0) * (o.i_actions as f64 / 3.0).min(1.0),
            None => 2.0,
        };
        parts.push(part(
            "ownership",
            "Ownership (I, not only we)",
            points * w.ownership / 10.0 * substance(f),
            w.ownership,
            format!(
                "{} actions with \"I\", {} with \"we\"",
                o.i_actions, o.we_actions
            ),
        ));
    }
    if w.lesson > 0.0 {
        let l = f.lesson;
        let points =
            if l.lesson.is_some() { 6.0 } else { 0.0 } + if l.change.is_some() { 4.0 } else { 0.0 };
        let detail = match (&l.lesson, &l.change) {
            (Some(_), Some(_)) => "a lesson and a change made",
            (Some(_), None) => "a lesson, but no change made since",
            (None, Some(_)) => "a change, but the lesson is not named",
            (None, None) => "no lesson",
        };
        parts.push(part(
            "lesson",
            "Lesson and change",
            points * w.lesson / 10.0,
            w.lesson,
            detail.to_string(),
        ));
    }
    let ratio = f.duration_s / f.card.target_length.min_s as f64;
    let too_long = f.duration_s > 1.5 * f.card.target_length.max_s as f64;
    let length = if too_long {
        0.6 * w.length
    } else {
        w.length * (ratio / 0.6).min(1.0)
    };
    parts.push(part(
        "length",
        "Length",
        length,
        w.length,
        format!(
            "about {:.0} s for a target of {}–{} s",
            f.duration_s, f.card.target_length.min_s, f.card.target_length.max_s
        ),
    ));
    parts.extend(penalties(f));
    parts
}

fn penalties(f: &Findings) -> Vec<ScorePart> {
    let mut parts = Vec::new();
    if !f.blame.is_empty() {
        let n = f.blame.len() as f64;
        parts.push(part(
            "blame",
            "Blame and excuses",
            -(8.0 + 4.0 * (n - 1.0)).min(15.0),
            0.0,
            format!("\"{}\"", f.blame[0].quote),
        ));
    }
    let mistakes: Vec<&MistakeHit> = f
        .mistakes
        .iter()
        .filter(|m| !f.blame.iter().any(|b| overlaps(&m.evidence, b)))
        .collect();
    if !mistakes.is_empty() {
        let ids: Vec<&str> = mistakes.iter().map(|m| m.id.as_str()).collect();
        parts.push(part(
            "mistakes",
            "The card's common mistakes",
            -(4.0 * mistakes.len() as f64).min(12.0),
            0.0,
            ids.join(", "),
        ));
    }
    if let Some(first) = f.humble_brag.first() {
        let p = if wants_real_failure(f.card) {
            10.0
        } else {
            5.0
        };
        parts.push(part(
            "humble_brag",
            "Humble-brag",
            -p,
            0.0,
            format!("\"{}\"", first.quote),
        ));
    }
    let v = f.vagueness;
    if v.per_100_words > 2.0 && v.count >= 2 {
        parts.push(part(
            "vagueness",
            "Vague wording",
            -((v.per_100_words - 2.0) * 2.0).min(8.0),
            0.0,
            format!("{} vague words ({:.1} per 100)", v.count, v.per_100_words),
        ));
    }
    if hypothetical(f) {
        parts.push(part(
            "hypothetical",
            "No specific instance",
            -8.0,
            0.0,
            format!("\"{}\" instead of what you did", v.hypothetical[0].quote),
        ));
    }
    parts
}

/// Answering how one would act instead of telling what one did.
pub fn hypothetical(f: &Findings) -> bool {
    f.card.star && f.vagueness.hypothetical.len() >= 2 && f.ownership.i_actions <= 1
}

pub fn total(parts: &[ScorePart]) -> u8 {
    parts
        .iter()
        .map(|p| p.points)
        .sum::<f64>()
        .round()
        .clamp(0.0, 100.0) as u8
}

pub fn flags(f: &Findings) -> Vec<Flag> {
    let mut flags = Vec::new();
    let mut flag = |id: &str, message: String, evidence: Option<&Evidence>| {
        flags.push(Flag {
            id: id.to_string(),
            message,
            evidence: evidence.cloned(),
        })
    };
    if let Some(b) = f.blame.first() {
        flag(
            "blame",
            format!("Blames others or makes excuses: \"{}\"", b.quote),
            Some(b),
        );
    }
    let st = f.star;
    if f.card.star {
        if !st.presence.situation && !st.presence.task {
            flag(
                "no_context",
                "No situation or task sets up the story".into(),
                None,
            );
        }
        if !st.presence.action {
            flag("no_action", "No actions of your own are told".into(), None);
        }
        if !st.presence.result {
            flag(
                "no_result",
                "The story has no result: say how it ended".into(),
                None,
            );
        }
        if f.lesson.lesson.is_none() && !st.presence.lesson {
            flag("no_lesson", "No lesson learned is named".into(), None);
        } else if f.lesson.change.is_none() {
            flag(
                "no_change",
                "A lesson, but no concrete change made since".into(),
                None,
            );
        }
        if !st.in_order {
            flag(
                "out_of_order",
                "The parts of the story are out of order".into(),
                None,
            );
        }
        if let Some(s) = f.ownership.i_share {
            if s < 0.4 && f.ownership.we_actions >= 2 {
                flag(
                    "we_not_i",
                    format!(
                        "Mostly \"we\" ({} of {} actions): say what you did",
                        f.ownership.we_actions,
                        f.ownership.we_actions + f.ownership.i_actions
                    ),
                    None,
                );
            }
        }
        if hypothetical(f) {
            let e = f.vagueness.hypothetical.first();
            flag(
                "hypothetical",
                "Talks about what you would do, not one real time".into(),
                e,
            );
        }
    }
    if !f.impact.quantified {
        let message = if f.card.star {
            "No number shows the impact"
        } else {
            "No concrete number or specific backs the answer"
        };
        flag("no_impact", message.into(), None);
    }
    if let Some(h) = f.humble_brag.first() {
        flag(
            "humble_brag",
            format!("A disguised success: \"{}\"", h.quote),
            Some(h),
        );
    }
    if f.vagueness.per_100_words > 2.0 && f.vagueness.count >= 2 {
        flag(
            "vague",
            format!("{} vague words", f.vagueness.count),
            f.vagueness.items.first(),
        );
    }
    for m in f.mistakes {
        flag(
            &format!("mistake:{}", m.id),
            m.text.clone(),
            Some(&m.evidence),
        );
    }
    if f.duration_s < 0.5 * f.card.target_length.min_s as f64 {
        flag(
            "too_short",
            format!(
                "About {:.0} s; aim for {}–{} s",
                f.duration_s, f.card.target_length.min_s, f.card.target_length.max_s
            ),
            None,
        );
    } else if f.duration_s > 1.5 * f.card.target_length.max_s as f64 {
        flag(
            "too_long",
            format!(
                "About {:.0} s; aim for {}–{} s",
                f.duration_s, f.card.target_length.min_s, f.card.target_length.max_s
            ),
            None,
        );
    }
    flags
}
