//! Voice measures on synthesized speech: monotone against lively pitch, a voice that fades at
//! sentence ends, and a pace timeline that shows a rushed stretch. No model needed.

#[path = "support/delivery_synth.rs"]
mod delivery_synth;

use delivery_synth::{espeak_with, render, Synth, Voice, SR};
use rehearse::analysis::delivery::{analyze_delivery, DeliverySettings, PaceVerdict};
use rehearse::{Transcript, Word};

const SENTENCES: &[&str] = &[
    "I led the migration of our billing system to a new database.",
    "The launch slipped by two days because I missed a mapping problem.",
    "I told the stakeholders within an hour and proposed a new plan.",
    "We checked every record overnight and launched one day late.",
    "Since then I run a data checklist before every migration.",
];

/// Sentences with 0.7 s between them; each sentence one transcript "word" spanning it, which
/// is all the voice measures need (sentence ends and the answer span).
fn sentences(make: impl Fn(&str) -> Vec<f32>) -> (Vec<f32>, Transcript, Vec<(usize, usize)>) {
    let mut x = vec![0.0f32; SR / 2];
    let mut words = Vec::new();
    let mut spans = Vec::new();
    for s in SENTENCES {
        let a = x.len();
        x.extend(make(s));
        spans.push((a, x.len()));
        words.push(Word {
            text: format!(" {s}"),
            start_s: a as f64 / SR as f64,
            end_s: x.len() as f64 / SR as f64,
            probability: 1.0,
            filler: false,
        });
        x.extend(vec![0.0; SR * 7 / 10]);
    }
    let text = SENTENCES.join(" ");
    (x, Transcript { text, words }, spans)
}

#[test]
fn flat_pitch_is_monotone_and_espeak_intonation_is_not() {
    let s = DeliverySettings::default();
    let (lively, t, _) = sentences(|text| delivery_synth::espeak(text, "en-us", 150).unwrap());
    let r = analyze_delivery(&t, &lively, &s, None);
    let v = r.pitch.variation_semitones.expect("enough voiced speech");
    eprintln!(
        "espeak intonation: {v:.2} st s.d., range {:?}",
        r.pitch.range_semitones
    );
    assert!(!r.pitch.monotone, "{:?}", r.pitch);

    let flat = |text: &str| {
        let ssml = format!("<speak><prosody range=\"0\">{text}</prosody></speak>");
        espeak_with(&ssml, "en-us", 150, &["-m"]).unwrap()
    };
    let (monotone, t, _) = sentences(flat);
    let r = analyze_delivery(&t, &monotone, &s, None);
    let m = r.pitch.variation_semitones.expect("enough voiced speech");
    eprintln!("flat prosody: {m:.2} st s.d.");
    assert!(r.pitch.monotone, "{:?}", r.pitch);
    assert!(m < v / 2.0);
    assert!(r.pitch.tip.contains("semitones"));
    let pitch_score = r
        .score
        .breakdown
        .iter()
        .find(|c| c.metric == "pitch")
        .unwrap();
    assert!(pitch_score.score < 50, "{pitch_score:?}");
}

#[test]
fn a_voice_that_fades_at_sentence_ends_is_flagged() {
    let s = DeliverySettings::default();
    let (steady, t, spans) =
        sentences(|text| delivery_synth::espeak(text, "en-gb-x-rp", 150).unwrap());
    let r = analyze_delivery(&t, &steady, &s, None);
    eprintln!(
        "steady: end drop {:?} dB over {} sentences",
        r.energy.end_drop_db, r.energy.sentences_checked
    );
    assert!(!r.energy.fading);
    assert_eq!(r.energy.sentences_checked, 5);

    // The last 0.6 s of every sentence falls away to -24 dB.
    let mut faded = steady.clone();
    for &(_, b) in &spans {
        let n = SR * 6 / 10;
        for k in 0..n {
            let gain_db = -24.0 * k as f32 / n as f32;
            faded[b - n + k] *= 10f32.powf(gain_db / 20.0);
        }
    }
    let r = analyze_delivery(&t, &faded, &s, None);
    eprintln!("faded: end drop {:?} dB", r.energy.end_drop_db);
    assert!(r.energy.fading, "{:?}", r.energy);
    assert!(r.energy.tip.contains("drops"));
}

#[test]
fn pace_timeline_shows_the_rushed_half() {
    let script = "I led the migration of our billing system to a new database. <0.5> The launch \
                  slipped by two days because I missed a mapping problem in the export. <0.5> I \
                  told the stakeholders within an hour and proposed a new plan for the week.";
    let slow = render(
        "slow",
        script,
        Voice {
            name: "en-us",
            wpm: 120,
        },
    )
    .unwrap();
    let fast = render(
        "fast",
        script,
        Voice {
            name: "en-us",
            wpm: 230,
        },
    )
    .unwrap();
    let (x, t) = join(&slow, &fast);
    let r = analyze_delivery(&t, &x, &DeliverySettings::default(), None);
    let first = r.pace.timeline.first().unwrap();
    let last = r.pace.timeline.last().unwrap();
    eprintln!(
        "pace {} wpm; first window {} wpm, last {} wpm",
        r.wpm, first.wpm, last.wpm
    );
    assert_eq!(first.verdict, PaceVerdict::Ok);
    assert_eq!(last.verdict, PaceVerdict::Fast);
    assert!(r.pace.fast_share > 0.2 && r.pace.fast_share < 0.8);
}

/// Two answers one after the other, with the second's words shifted.
fn join(a: &Synth, b: &Synth) -> (Vec<f32>, Transcript) {
    let mut x = a.samples.clone();
    let offset = x.len() as f64 / SR as f64;
    x.extend_from_slice(&b.samples);
    let mut t = a.oracle_transcript(true);
    let tb = b.oracle_transcript(true);
    t.words.extend(tb.words.into_iter().map(|w| Word {
        start_s: w.start_s + offset,
        end_s: w.end_s + offset,
        ..w
    }));
    t.text.push(' ');
    t.text.push_str(&tb.text);
    (x, t)
}
