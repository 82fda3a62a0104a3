//! Findings turned into report sections, each with its norm and a concrete tip.

use std::collections::BTreeMap;

use super::pace::{per_minute, round1};
use super::report::{
    FillerItem, FillerSource, Fillers, Hedges, Length, LengthVerdict, Pause, Pausing,
    RepetitionItem, Repetitions, TargetWindow, TextItem,
};
use super::DeliverySettings;

pub(crate) fn fillers(items: Vec<FillerItem>, minutes: f64, s: &DeliverySettings) -> Fillers {
    let mut by_word: BTreeMap<String, u32> = BTreeMap::new();
    for f in &items {
        *by_word.entry(f.text.clone()).or_default() += 1;
    }
    let count = items.len() as u32;
    let rate = per_minute(count as f64, minutes * 60.0);
    let max = s.fillers_max_per_minute;
    let top = by_word.iter().max_by_key(|(_, n)| **n);
    let audio_only = items
        .iter()
        .filter(|f| f.source == FillerSource::Audio)
        .count();
    let tip = match top {
        None => "No fillers. Keep pausing silently when you need a moment.".to_string(),
        Some((word, n)) if rate > max => {
            let mut t = format!(
                "{count} fillers ({rate:.1} a minute, \"{word}\" {n}×). When you feel one \
                 coming, close your mouth and pause silently instead: a pause sounds \
                 deliberate, a filler sounds unsure."
            );
            if audio_only > 0 {
                t.push_str(&format!(
                    " {audio_only} of them were heard in the audio, not in the transcript."
                ));
            }
            t
        }
        Some((word, _)) => {
            format!("{count} filler(s) ({rate:.1} a minute, mostly \"{word}\"): within the norm.")
        }
    };
    Fillers {
        count,
        per_minute: round1(rate),
        by_word,
        items,
        norm: format!("≤ {max:.0} per minute (coaching norm, issue 3)"),
        tip,
    }
}

pub(crate) fn pausing(pauses: &[Pause], minutes: f64, s: &DeliverySettings) -> Pausing {
    let long = pauses.iter().filter(|p| p.long).count() as u32;
    let mid: Vec<&Pause> = pauses.iter().filter(|p| p.mid_sentence).collect();
    let longest = pauses.iter().map(|p| p.length_s).fold(0.0, f64::max);
    let total: f64 = pauses.iter().map(|p| p.length_s).sum();
    let very_long = pauses
        .iter()
        .filter(|p| p.length_s >= s.very_long_pause_s)
        .count();
    let tip = if very_long > 0 {
        format!(
            "{very_long} pause(s) of {:.0} s or more (longest {longest:.1} s). Before answering, \
             fix the order of your points (situation, action, result) so you never stop to \
             look for the next one.",
            s.very_long_pause_s
        )
    } else if mid.len() >= 2 {
        let first = mid[0];
        format!(
            "{} pauses fell inside sentences (e.g. at {:.1} s). Pause at the full stop, not \
             mid-clause: finish the thought, then breathe.",
            mid.len(),
            first.start_s
        )
    } else if pauses.is_empty() && minutes > 0.5 {
        "No pauses at all: give the listener a beat after each key point.".into()
    } else {
        "Pauses fall between thoughts. Good: they let the point land.".into()
    };
    Pausing {
        count: pauses.len() as u32,
        per_minute: round1(per_minute(pauses.len() as f64, minutes * 60.0)),
        long_count: long,
        mid_sentence_count: mid.len() as u32,
        longest_s: longest,
        total_s: (total * 1000.0).round() / 1000.0,
        norm: format!(
            "pauses ≥ {:.2} s counted (De Jong & Bosker 2013); long ≥ {:.1} s (Campione & \
             Véronis 2002); mid-clause pauses mark disfluency (Tavakoli 2011)",
            s.min_pause_s, s.long_pause_s
        ),
        tip,
    }
}

pub(crate) fn hedges(items: Vec<TextItem>, minutes: f64, s: &DeliverySettings) -> Hedges {
    let mut by_phrase: BTreeMap<String, u32> = BTreeMap::new();
    for h in &items {
        *by_phrase.entry(h.text.clone()).or_default() += 1;
    }
    let rate = per_minute(items.len() as f64, minutes * 60.0);
    let tip = match by_phrase.iter().max_by_key(|(_, n)| **n) {
        Some((p, n)) if rate > s.hedges_max_per_minute => format!(
            "\"{p}\" {n}× and {} hedge(s) in all. State what you did and what happened; keep \
             \"I think\" for real uncertainty.",
            items.len()
        ),
        Some(_) => "A hedge or two: fine when you really are unsure.".into(),
        None => "No hedging: you state your work plainly.".into(),
    };
    Hedges {
        count: items.len() as u32,
        per_minute: round1(rate),
        by_phrase,
        items,
        norm: format!(
            "≤ {:.0} per minute (our heuristic; no published norm); \"kind of\" and \"sort of\" \
             are counted under fillers",
            s.hedges_max_per_minute
        ),
        tip,
    }
}

pub(crate) fn repetitions(
    items: Vec<RepetitionItem>,
    minutes: f64,
    s: &DeliverySettings,
) -> Repetitions {
    let rate = per_minute(items.len() as f64, minutes * 60.0);
    let tip = match items.first() {
        Some(first) if rate > s.repetitions_max_per_minute => format!(
            "{} repetition(s) or restart(s), e.g. \"{}\" at {:.1} s. When you stumble, pause \
             and start the sentence once, slowly.",
            items.len(),
            first.text,
            first.start_s
        ),
        Some(_) => "An occasional repeated word: normal in speech.".into(),
        None => "No stumbles or restarts.".into(),
    };
    Repetitions {
        count: items.len() as u32,
        per_minute: round1(rate),
        items,
        norm: format!(
            "≤ {:.0} per minute (heuristic; conversation averages ~6 disfluencies per 100 \
             words, Bortfeld et al. 2001)",
            s.repetitions_max_per_minute
        ),
        tip,
    }
}

pub(crate) fn length(duration_s: f64, target: TargetWindow) -> Length {
    let verdict = if duration_s < target.min_s {
        LengthVerdict::Short
    } else if duration_s > target.max_s {
        LengthVerdict::Long
    } else {
        LengthVerdict::Within
    };
    let tip = match verdict {
        LengthVerdict::Short => format!(
            "{duration_s:.0} s is under the {:.0}–{:.0} s target. Add the result in numbers and \
             what you learned.",
            target.min_s, target.max_s
        ),
        LengthVerdict::Long => format!(
            "{duration_s:.0} s is over the {:.0}–{:.0} s target. Cut the situation to two \
             sentences and spend the time on your actions.",
            target.min_s, target.max_s
        ),
        LengthVerdict::Within => format!(
            "{duration_s:.0} s is within the {:.0}–{:.0} s target.",
            target.min_s, target.max_s
        ),
    };
    Length {
        duration_s: (duration_s * 100.0).round() / 100.0,
        target,
        verdict,
        norm: format!(
            "the card's target of {:.0}–{:.0} s",
            target.min_s, target.max_s
        ),
        tip,
    }
}
