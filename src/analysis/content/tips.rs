//! The three most valuable tips: the fixes that would win back the most points, each pointing
//! at the words to change or the place to add something.

use super::evidence::Evidence;
use super::score::{hypothetical, pct, Findings};
use super::sentences::Answer;
use super::star::StarPart;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Tip {
    pub id: String,
    pub text: String,
    /// About how many points following the tip would add.
    pub gain: f64,
    /// The words the tip is about (to change, or to add something after).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
}

/// The last sentence with the given label, as evidence.
fn last_labelled(answer: &Answer, f: &Findings, part: StarPart) -> Option<Evidence> {
    f.star
        .labels
        .iter()
        .rev()
        .find(|l| l.label == part)
        .map(|l| Evidence::sentence(answer, l.sentence))
}

fn last_sentence(answer: &Answer) -> Option<Evidence> {
    answer
        .sentences
        .len()
        .checked_sub(1)
        .map(|i| Evidence::sentence(answer, i))
}

pub fn tips(answer: &Answer, f: &Findings) -> Vec<Tip> {
    if answer.word_count() == 0 {
        return vec![Tip {
            id: "empty".into(),
            text: "Nothing to score yet: answer with one real example, start to finish.".into(),
            gain: 100.0,
            evidence: None,
        }];
    }
    let mut tips: Vec<Tip> = Vec::new();
    let mut add = |id: &str, gain: f64, text: String, evidence: Option<Evidence>| {
        tips.push(Tip {
            id: id.to_string(),
            text,
            gain: (gain * 10.0).round() / 10.0,
            evidence,
        })
    };
    let star = f.card.star;
    let st = f.star;
    let after_actions =
        last_labelled(answer, f, StarPart::Action).or_else(|| last_sentence(answer));

    if let Some(b) = f.blame.first() {
        let gain = (8.0 + 4.0 * (f.blame.len() as f64 - 1.0)).min(15.0);
        add(
            "blame",
            gain,
            format!(
                "Drop the blame in \"{}\": say what you owned and what you did about it.",
                b.quote
            ),
            Some(b.clone()),
        );
    }
    if let Some(h) = f.humble_brag.first() {
        add(
            "humble_brag",
            8.0,
            format!("\"{}\" sounds like a disguised strength; pick a real failure with real consequences.", h.quote),
            Some(h.clone()),
        );
    }
    if star && hypothetical(f) {
        add(
            "hypothetical",
            8.0,
            format!(
                "Tell one real time it happened, in the past tense, instead of \"{}\".",
                f.vagueness.hypothetical[0].quote
            ),
            f.vagueness.hypothetical.first().cloned(),
        );
    }
    if star && !st.presence.result {
        let gain = 8.0 + if f.impact.quantified { 0.0 } else { 5.0 };
        add(
            "result",
            gain,
            "Finish the story: say how it ended, with a number (time saved, %, customers, money)."
                .into(),
            after_actions.clone(),
        );
    } else if !f.impact.quantified {
        let gain = if f.impact.qualitative { 5.0 } else { 10.0 };
        let at = last_labelled(answer, f, StarPart::Result).or_else(|| after_actions.clone());
        add(
            "impact",
            gain,
            if star {
                "Put a number on the outcome: how much time, money, %, or how many people.".into()
            } else {
                "Back the answer with a concrete specific: a number, a result, a named product or customer.".into()
            },
            at,
        );
    }
    if star && f.lesson.lesson.is_none() {
        add(
            "lesson",
            6.0 + if f.lesson.change.is_none() { 4.0 } else { 0.0 },
            "End with the lesson you took and the change you have made since (\"Since then I…\")."
                .into(),
            last_sentence(answer),
        );
    } else if star && f.lesson.change.is_none() {
        add(
            "change",
            4.0,
            "Name one concrete change you made after this (a checklist, a habit, a process) and keep since.".into(),
            f.lesson.lesson.clone(),
        );
    }
    if star && !st.presence.action {
        add(
            "action",
            9.0,
            "Say what you did, step by step, with \"I\" and past-tense verbs.".into(),
            last_sentence(answer),
        );
    } else if star && st.shares.action < 0.35 {
        let gain = 3.0 * (1.0 - st.shares.action / 0.35);
        let longest_setup = st
            .labels
            .iter()
            .filter(|l| matches!(l.label, StarPart::Situation | StarPart::Task))
            .max_by_key(|l| answer.sentences[l.sentence].text.len())
            .map(|l| Evidence::sentence(answer, l.sentence));
        add(
            "action_share",
            gain,
            format!(
                "Action was {} of your answer; aim for about half. Shorten the set-up and say more about what you did.",
                pct(st.shares.action)
            ),
            longest_setup.or(after_actions.clone()),
        );
    }
    if star && !st.presence.situation && !st.presence.task {
        add(
            "context",
            5.0,
            "Open with one or two sentences of context: where you were, what was at stake, what your job was.".into(),
            answer.sentences.first().map(|_| Evidence::sentence(answer, 0)),
        );
    }
    if let Some(s) = f.ownership.i_share.filter(|_| star) {
        if s < 0.6 {
            add(
                "ownership",
                8.0 * (1.0 - s / 0.6),
                format!(
                    "Say \"I\" for what you did: {} of {} actions were told as \"we\".",
                    f.ownership.we_actions,
                    f.ownership.we_actions + f.ownership.i_actions
                ),
                after_actions.clone(),
            );
        }
    }
    let missing: Vec<_> = f.key_points.iter().filter(|k| !k.covered).collect();
    let per_point = if star { 30.0 } else { 65.0 } / f.key_points.len().max(1) as f64;
    for k in &missing {
        add(
            &format!("key_point:{}", k.id),
            per_point,
            format!("Cover this point: {}.", k.text.trim_end_matches('.')),
            after_actions.clone(),
        );
    }
    for m in f.mistakes {
        if f.blame
            .iter()
            .any(|b| b.start < m.evidence.end && m.evidence.start < b.end)
        {
            continue;
        }
        add(
            &format!("mistake:{}", m.id),
            4.0,
            format!(
                "Avoid this: {} (\"{}\").",
                m.text.trim_end_matches('.'),
                m.evidence.quote
            ),
            Some(m.evidence.clone()),
        );
    }
    if f.vagueness.per_100_words > 2.0 && f.vagueness.count >= 2 {
        let first = &f.vagueness.items[0];
        add(
            "vague",
            ((f.vagueness.per_100_words - 2.0) * 2.0).min(8.0),
            format!(
                "Replace vague words like \"{}\" with the concrete thing, name or number.",
                first.quote
            ),
            Some(first.clone()),
        );
    }
    let min_s = f.card.target_length.min_s as f64;
    if f.duration_s < 0.6 * min_s {
        let w = if star { 10.0 } else { 20.0 };
        add(
            "length",
            w * (1.0 - f.duration_s / (0.6 * min_s)),
            format!(
                "At about {:.0} s the answer is short; aim for {}–{} s.",
                f.duration_s, f.card.target_length.min_s, f.card.target_length.max_s
            ),
            last_sentence(answer),
        );
    }
    tips.sort_by(|a, b| b.gain.total_cmp(&a.gain));
    tips.truncate(3);
    tips
}
