//! The delivery section: how the answer was said, metric by metric, each with its norm and tip.

use super::document::{
    counts, norm_and_tip, score_tone, secs, text, Block, Callout, Inline, Line, Section, Tone,
};
use crate::analysis::delivery::{DeliveryReport, FillerSource, LengthVerdict, PaceVerdict};

pub(crate) fn section(d: &DeliveryReport) -> Section {
    let mut b = Vec::new();
    if !d.speech_found {
        b.push(Block::Callout(
            Callout::Norm,
            text("No speech was found in the recording, so delivery could not be judged."),
        ));
    }
    if !d.notes.is_empty() {
        b.push(Block::Subheading("Caveats".into()));
        b.push(Block::List(
            d.notes.iter().map(|n| text(n.as_str())).collect(),
        ));
    }
    if !d.score.breakdown.is_empty() {
        b.push(Block::Table {
            head: vec!["Aspect", "Score", "Weight", "Detail"],
            rows: d
                .score
                .breakdown
                .iter()
                .map(|p| {
                    vec![
                        text(aspect(&p.metric)),
                        vec![Inline::Badge(score_tone(p.score), p.score.to_string())],
                        text(format!("{:.0} %", p.weight * 100.0)),
                        text(p.detail.as_str()),
                    ]
                })
                .collect(),
        });
    }
    pace(&mut b, d);
    fillers(&mut b, d);
    pauses(&mut b, d);
    hedges(&mut b, d);
    repetitions(&mut b, d);
    length(&mut b, d);
    pitch(&mut b, d);
    energy(&mut b, d);
    Section {
        id: "delivery",
        title: "Delivery",
        blocks: b,
    }
}

fn aspect(metric: &str) -> String {
    match metric {
        "pace" => "Pace".into(),
        "fillers" => "Fillers".into(),
        "pauses" => "Pauses".into(),
        "hedges" => "Hedges".into(),
        "repetitions" => "Repetitions".into(),
        "length" => "Length".into(),
        "pitch" => "Pitch".into(),
        "energy" => "Energy".into(),
        other => other.to_owned(),
    }
}

fn pace(b: &mut Vec<Block>, d: &DeliveryReport) {
    let p = &d.pace;
    let verdict = match p.verdict {
        PaceVerdict::Slow => Inline::Badge(Tone::Warn, "slow".into()),
        PaceVerdict::Ok => Inline::Badge(Tone::Good, "in the band".into()),
        PaceVerdict::Fast => Inline::Badge(Tone::Warn, "fast".into()),
    };
    b.push(Block::Subheading("Pace".into()));
    let mut line = vec![
        Inline::Strong(format!("{:.0} words per minute", p.wpm)),
        Inline::Text(format!(
            " against a band of {:.0}–{:.0} ",
            p.band_wpm[0], p.band_wpm[1]
        )),
        verdict,
        Inline::Text(format!(
            "; {:.0} per minute of speaking time (pauses left out).",
            p.articulation_wpm
        )),
    ];
    if p.fast_share > 0.0 || p.slow_share > 0.0 {
        line.push(Inline::Text(format!(
            " Fast in {:.0} % of the answer, slow in {:.0} %.",
            p.fast_share * 100.0,
            p.slow_share * 100.0
        )));
    }
    b.push(Block::Para(line));
    norm_and_tip(b, &p.norm, &p.tip);
}

/// "00:03 um, 00:10 uh": where each item was said.
fn timeline<'a>(items: impl Iterator<Item = (f64, &'a str)>) -> Line {
    let mut line = Vec::new();
    for (i, (t, what)) in items.enumerate() {
        if i > 0 {
            line.push(Inline::Text(", ".into()));
        }
        line.push(Inline::Time(t));
        line.push(Inline::Text(format!(" {what}")));
    }
    line
}

fn fillers(b: &mut Vec<Block>, d: &DeliveryReport) {
    let f = &d.fillers;
    b.push(Block::Subheading("Fillers".into()));
    let mut line = vec![Inline::Strong(format!(
        "{} filler{}, {:.1} per minute",
        f.count,
        plural(f.count),
        f.per_minute
    ))];
    if !f.by_word.is_empty() {
        line.push(Inline::Text(format!(": {}.", counts(&f.by_word))));
    }
    b.push(Block::Para(line));
    if !f.items.is_empty() {
        let labelled: Vec<String> = f
            .items
            .iter()
            .map(|i| match i.source {
                FillerSource::Audio => {
                    format!("{} (heard in the audio)", i.text)
                }
                FillerSource::Transcript => i.text.clone(),
            })
            .collect();
        let mut when = text("When: ");
        when.extend(timeline(
            f.items
                .iter()
                .zip(&labelled)
                .map(|(i, l)| (i.start_s, l.as_str())),
        ));
        b.push(Block::Para(when));
    }
    norm_and_tip(b, &f.norm, &f.tip);
}

fn pauses(b: &mut Vec<Block>, d: &DeliveryReport) {
    let p = &d.pausing;
    b.push(Block::Subheading("Pauses".into()));
    b.push(Block::Para(vec![
        Inline::Strong(format!(
            "{} pause{}, {:.1} per minute",
            p.count,
            plural(p.count),
            p.per_minute
        )),
        Inline::Text(format!(
            ": {} long, {} mid-sentence; the longest {}, {} in all.",
            p.long_count,
            p.mid_sentence_count,
            secs(p.longest_s),
            secs(p.total_s)
        )),
    ]));
    let notable: Vec<Vec<Line>> = d
        .pauses
        .iter()
        .filter(|x| x.long || x.mid_sentence)
        .map(|x| {
            let kind = match (x.long, x.mid_sentence) {
                (true, true) => "long, mid-sentence",
                (true, false) => "long",
                _ => "mid-sentence",
            };
            vec![
                vec![Inline::Time(x.start_s)],
                text(secs(x.length_s)),
                vec![Inline::Badge(Tone::Warn, kind.into())],
            ]
        })
        .collect();
    if notable.is_empty() {
        b.push(Block::Para(text("No long or mid-sentence pauses.")));
    } else {
        b.push(Block::Table {
            head: vec!["At", "Length", "Kind"],
            rows: notable,
        });
    }
    norm_and_tip(b, &p.norm, &p.tip);
}

fn hedges(b: &mut Vec<Block>, d: &DeliveryReport) {
    let h = &d.hedges;
    b.push(Block::Subheading("Hedges".into()));
    let mut line = vec![Inline::Strong(format!(
        "{} hedge{}, {:.1} per minute",
        h.count,
        plural(h.count),
        h.per_minute
    ))];
    if !h.by_phrase.is_empty() {
        line.push(Inline::Text(format!(": {}.", counts(&h.by_phrase))));
    }
    b.push(Block::Para(line));
    if !h.items.is_empty() {
        let mut when = text("When: ");
        when.extend(timeline(
            h.items.iter().map(|i| (i.start_s, i.text.as_str())),
        ));
        b.push(Block::Para(when));
    }
    norm_and_tip(b, &h.norm, &h.tip);
}

fn repetitions(b: &mut Vec<Block>, d: &DeliveryReport) {
    let r = &d.repetitions;
    b.push(Block::Subheading("Repetitions and restarts".into()));
    b.push(Block::Para(vec![Inline::Strong(format!(
        "{} repetition{} or restart{}, {:.1} per minute",
        r.count,
        plural(r.count),
        plural(r.count),
        r.per_minute
    ))]));
    if !r.items.is_empty() {
        b.push(Block::List(
            r.items
                .iter()
                .map(|i| {
                    vec![
                        Inline::Time(i.start_s),
                        Inline::Text(" ".into()),
                        Inline::Quote(i.text.clone()),
                        Inline::Text(format!(" ({})", i.kind)),
                    ]
                })
                .collect(),
        ));
    }
    norm_and_tip(b, &r.norm, &r.tip);
}

fn length(b: &mut Vec<Block>, d: &DeliveryReport) {
    let Some(l) = &d.length else { return };
    let verdict = match l.verdict {
        LengthVerdict::Short => Inline::Badge(Tone::Warn, "short".into()),
        LengthVerdict::Within => Inline::Badge(Tone::Good, "within the target".into()),
        LengthVerdict::Long => Inline::Badge(Tone::Warn, "long".into()),
    };
    b.push(Block::Subheading("Length".into()));
    b.push(Block::Para(vec![
        Inline::Strong(format!("{:.0} s", l.duration_s)),
        Inline::Text(format!(
            " against a target of {:.0}–{:.0} s ",
            l.target.min_s, l.target.max_s
        )),
        verdict,
    ]));
    norm_and_tip(b, &l.norm, &l.tip);
}

fn pitch(b: &mut Vec<Block>, d: &DeliveryReport) {
    let p = &d.pitch;
    b.push(Block::Subheading("Pitch".into()));
    let line = match (p.variation_semitones, p.median_hz) {
        (Some(var), median) => {
            let mut line = vec![
                Inline::Strong(format!("Varies by {var:.1} semitones")),
                Inline::Text(" ".into()),
                if p.monotone {
                    Inline::Badge(Tone::Warn, "monotone".into())
                } else {
                    Inline::Badge(Tone::Good, "lively".into())
                },
            ];
            let mut rest = Vec::new();
            if let Some(m) = median {
                rest.push(format!("median {m:.0} Hz"));
            }
            if let Some(r) = p.range_semitones {
                rest.push(format!("range {r:.1} semitones"));
            }
            rest.push(format!("{} of voiced speech", secs(p.voiced_s)));
            line.push(Inline::Text(format!("; {}.", rest.join(", "))));
            line
        }
        (None, _) => text("Pitch could not be measured (too little voiced speech)."),
    };
    b.push(Block::Para(line));
    norm_and_tip(b, &p.norm, &p.tip);
}

fn energy(b: &mut Vec<Block>, d: &DeliveryReport) {
    let e = &d.energy;
    b.push(Block::Subheading("Energy".into()));
    let line = match e.end_drop_db {
        Some(drop) => {
            let mut line = vec![
                Inline::Strong(format!("Sentence ends {drop:.1} dB quieter")),
                Inline::Text(" ".into()),
                if e.fading {
                    Inline::Badge(Tone::Warn, "fading".into())
                } else {
                    Inline::Badge(Tone::Good, "steady".into())
                },
            ];
            let mut rest = vec![format!(
                "{} sentence{} checked",
                e.sentences_checked,
                plural(e.sentences_checked)
            )];
            if let Some(v) = e.variation_db {
                rest.insert(0, format!("loudness varies by {v:.1} dB"));
            }
            line.push(Inline::Text(format!("; {}.", rest.join(", "))));
            line
        }
        None => text("Loudness could not be judged (clipped or too short a recording)."),
    };
    b.push(Block::Para(line));
    norm_and_tip(b, &e.norm, &e.tip);
}

fn plural(n: u32) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
