//! The report (`rehearse.report/1`): delivery and content put together, with an overall score
//! and the few "next time" tips worth most. Pure assembly, no I/O.

use super::content::ContentReport;
use super::delivery::{DeliveryReport, ScoreComponent};
use crate::domain::Transcript;
use crate::questions::Card;
use serde::{Deserialize, Serialize};

pub const SCHEMA: &str = "rehearse.report/1";

/// Overall = this share of delivery plus the rest of content, when both are scored.
const DELIVERY_SHARE: f64 = 0.5;
/// Delivery aspects scoring under this get a tip in "next time".
const TIP_BELOW: u8 = 75;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionRef {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AudioInfo {
    pub duration_s: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overall {
    pub score: u8,
    /// One-line meaning of the score for the person.
    pub verdict: String,
    pub delivery_score: u8,
    pub content_score: Option<u8>,
}

/// One "next time" tip: where it comes from, what to do, and about how many overall points it
/// would add.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NextTime {
    /// "delivery" or "content".
    pub area: String,
    /// The metric or content tip id it is about (e.g. "fillers", "no_result").
    pub about: String,
    pub text: String,
    pub gain: f64,
    /// The words it is about, when it points at some.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
}

/// Stored reports deserialize back into this type (e.g. to export one as a document).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Report {
    pub schema: String,
    pub question: Option<QuestionRef>,
    pub model: String,
    pub audio: AudioInfo,
    pub transcript: Transcript,
    pub delivery: DeliveryReport,
    pub content: Option<ContentReport>,
    pub overall: Overall,
    pub next_time: Vec<NextTime>,
}

/// Puts the parts together. `content` is `None` when no card was given.
pub fn assemble(
    card: Option<&Card>,
    model: &str,
    duration_s: f64,
    transcript: Transcript,
    delivery: DeliveryReport,
    content: Option<ContentReport>,
) -> Report {
    let delivery_score = delivery.score.score;
    let content_score = content.as_ref().map(|c| c.score);
    let score = match content_score {
        Some(c) => (DELIVERY_SHARE * f64::from(delivery_score)
            + (1.0 - DELIVERY_SHARE) * f64::from(c))
        .round() as u8,
        None => delivery_score,
    };
    let next_time = next_time(&delivery, content.as_ref());
    Report {
        schema: SCHEMA.into(),
        question: card.map(|c| QuestionRef {
            id: c.id.to_string(),
            text: c.question.clone(),
        }),
        model: model.into(),
        audio: AudioInfo {
            duration_s: (duration_s * 100.0).round() / 100.0,
        },
        transcript,
        delivery,
        content,
        overall: Overall {
            score,
            verdict: verdict(score).into(),
            delivery_score,
            content_score,
        },
        next_time,
    }
}

fn verdict(score: u8) -> &'static str {
    match score {
        85..=100 => "Interview-ready: polish the details",
        70..=84 => "Solid: a couple of things will lift it",
        50..=69 => "Getting there: work on the tips below",
        _ => "Early days: one tip at a time",
    }
}

fn delivery_tip(d: &DeliveryReport, metric: &str) -> Option<String> {
    Some(match metric {
        "pace" => d.pace.tip.clone(),
        "fillers" => d.fillers.tip.clone(),
        "pauses" => d.pausing.tip.clone(),
        "hedges" => d.hedges.tip.clone(),
        "repetitions" => d.repetitions.tip.clone(),
        "length" => d.length.as_ref()?.tip.clone(),
        "pitch" => d.pitch.tip.clone(),
        "energy" => d.energy.tip.clone(),
        _ => return None,
    })
}

/// The three tips worth most overall points, from both halves of the report.
fn next_time(d: &DeliveryReport, c: Option<&ContentReport>) -> Vec<NextTime> {
    let delivery_share = if c.is_some() { DELIVERY_SHARE } else { 1.0 };
    let mut tips: Vec<NextTime> = d
        .score
        .breakdown
        .iter()
        .filter(|part: &&ScoreComponent| part.score < TIP_BELOW)
        .filter_map(|part| {
            let text = delivery_tip(d, &part.metric)?;
            Some(NextTime {
                area: "delivery".into(),
                about: part.metric.clone(),
                text,
                gain: f64::from(100 - part.score) * part.weight * delivery_share,
                quote: None,
            })
        })
        .collect();
    if let Some(c) = c {
        tips.extend(c.tips.iter().map(|t| NextTime {
            area: "content".into(),
            about: t.id.clone(),
            text: t.text.clone(),
            gain: t.gain * (1.0 - DELIVERY_SHARE),
            quote: t.evidence.as_ref().map(|e| e.quote.clone()),
        }));
    }
    tips.sort_by(|a, b| b.gain.total_cmp(&a.gain));
    // Both halves can flag the same thing (answer length): keep the more valuable wording.
    let mut seen = std::collections::HashSet::new();
    tips.retain(|t| seen.insert(t.about.clone()));
    tips.truncate(3);
    for t in &mut tips {
        t.gain = (t.gain * 10.0).round() / 10.0;
    }
    tips
}
