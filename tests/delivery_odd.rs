//! Odd input for the delivery analysis: silence, noise, a 1-second answer, clipping, broken
//! samples. Each must give a sensible report, never a panic or made-up speech.

#[path = "support/delivery_synth/mod.rs"]
mod delivery_synth;

use delivery_synth::{render, Voice, SR};
use rehearse::analysis::delivery::{analyze_delivery, DeliverySettings, TargetWindow};
use rehearse::{Transcript, Word};

fn noise(seconds: f64, amp: f32, mut seed: u64) -> Vec<f32> {
    (0..(seconds * SR as f64) as usize)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            amp * ((seed >> 40) as f32 / (1u64 << 24) as f32 * 2.0 - 1.0)
        })
        .collect()
}

fn hallucination() -> Transcript {
    // Whisper's classic output on silence or noise.
    Transcript {
        text: "Thank you.".into(),
        words: vec![
            Word {
                text: " Thank".into(),
                start_s: 0.0,
                end_s: 0.4,
                probability: 0.3,
                filler: false,
            },
            Word {
                text: " you.".into(),
                start_s: 0.4,
                end_s: 0.8,
                probability: 0.3,
                filler: false,
            },
        ],
    }
}

#[test]
fn silence_only_has_no_speech() {
    let s = DeliverySettings::default();
    for t in [Transcript::default(), hallucination()] {
        let r = analyze_delivery(
            &t,
            &vec![0.0; 30 * SR],
            &s,
            Some(TargetWindow {
                min_s: 60.0,
                max_s: 120.0,
            }),
        );
        assert!(!r.speech_found, "{t:?}");
        assert_eq!((r.wpm, r.word_count, r.fillers.count), (0.0, 0, 0));
        assert!(r.pauses.is_empty());
        assert_eq!(r.score.score, 0);
        assert!(r.length.is_none());
        assert!(
            r.notes.iter().any(|n| n.contains("No speech")),
            "{:?}",
            r.notes
        );
    }
    let empty = analyze_delivery(&Transcript::default(), &[], &s, None);
    assert!(!empty.speech_found);
}

#[test]
fn noise_only_has_no_speech_and_no_fillers() {
    let s = DeliverySettings::default();
    for amp in [0.01f32, 0.3] {
        for t in [Transcript::default(), hallucination()] {
            let r = analyze_delivery(&t, &noise(20.0, amp, 99), &s, None);
            assert!(!r.speech_found, "noise at {amp}: {:?}", r.notes);
            assert_eq!(r.fillers.count, 0);
            assert!(r.pitch.variation_semitones.is_none());
        }
    }
}

#[test]
fn one_second_answer_gives_a_rough_but_sane_report() {
    let s = render(
        "yes",
        "Yes, we did.",
        Voice {
            name: "en-us",
            wpm: 170,
        },
    )
    .unwrap();
    // Cut to exactly one second around the speech.
    let mut x = s.samples.clone();
    let start = ((s.truth.start_s - 0.1) * SR as f64) as usize;
    x.drain(..start);
    x.resize(SR, 0.0);
    let mut t = s.oracle_transcript(true);
    for w in &mut t.words {
        w.start_s -= start as f64 / SR as f64;
        w.end_s -= start as f64 / SR as f64;
    }
    let r = analyze_delivery(&t, &x, &DeliverySettings::default(), None);
    assert!(r.speech_found);
    assert_eq!(r.word_count, 3);
    assert!(
        r.answer.duration_s > 0.5 && r.answer.duration_s <= 1.0,
        "{:?}",
        r.answer
    );
    assert!(r.wpm > 150.0 && r.wpm < 400.0, "{}", r.wpm);
    assert!(r.notes.iter().any(|n| n.contains("rough")), "{:?}", r.notes);
    assert_eq!(r.pace.timeline.len(), 1);
    assert!(r.score.score <= 100);
}

#[test]
fn clipped_audio_keeps_pauses_and_flags_loudness() {
    let voice = Voice {
        name: "en-us",
        wpm: 150,
    };
    let s = render(
        "clip",
        "We shipped the fix. <0.8> Then we wrote the tests. <1.2> It worked.",
        voice,
    )
    .unwrap();
    let t = s.oracle_transcript(true);
    let settings = DeliverySettings::default();
    let clean = analyze_delivery(&t, &s.samples, &settings, None);
    let clipped: Vec<f32> = s
        .samples
        .iter()
        .map(|x| (x * 30.0).clamp(-1.0, 1.0))
        .collect();
    let r = analyze_delivery(&t, &clipped, &settings, None);
    assert!(
        r.notes.iter().any(|n| n.contains("clipped")),
        "{:?}",
        r.notes
    );
    assert!(r.energy.variation_db.is_none() && !r.energy.fading);
    let long = |r: &rehearse::analysis::delivery::DeliveryReport| -> Vec<f64> {
        r.pauses
            .iter()
            .filter(|p| p.length_s >= 0.5)
            .map(|p| p.length_s)
            .collect()
    };
    let (a, b) = (long(&clean), long(&r));
    assert_eq!(a.len(), 2, "{a:?}");
    assert_eq!(b.len(), 2, "{b:?}");
    for (x, y) in a.iter().zip(&b) {
        assert!((x - y).abs() < 0.1, "clean {x} vs clipped {y}");
    }
    assert!((r.wpm - clean.wpm).abs() / clean.wpm < 0.05);
}

#[test]
fn broken_samples_are_treated_as_silence() {
    let s = render(
        "nan",
        "We shipped the fix on time.",
        Voice {
            name: "en-gb-x-rp",
            wpm: 150,
        },
    )
    .unwrap();
    let mut x = s.samples.clone();
    for i in (0..x.len()).step_by(997) {
        x[i] = f32::NAN;
    }
    x[10] = f32::INFINITY;
    let r = analyze_delivery(
        &s.oracle_transcript(true),
        &x,
        &DeliverySettings::default(),
        None,
    );
    assert!(r.speech_found);
    assert!(r.wpm.is_finite() && r.articulation_wpm.is_finite());
    assert!(
        r.notes.iter().any(|n| n.contains("not numbers")),
        "{:?}",
        r.notes
    );
    serde_json::to_string(&r).expect("report serialises");
}
