//! Delivery accuracy on synthetic answers with known truth (espeak-ng, several voices, 110–200
//! wpm, inserted pauses and fillers of every kind). No model needed: the transcripts are the
//! scripts' own words, with the filled pauses left out so the audio detector must find them.

#[path = "support/delivery_synth/mod.rs"]
mod delivery_synth;

use delivery_synth::{accuracy_table_on, standard_set, Transcripts};
use rehearse::analysis::delivery::{analyze_delivery, DeliverySettings, FillerSource};

#[test]
fn synthetic_set_meets_the_accuracy_goals() {
    let set = standard_set().expect("espeak-ng renders the synthetic set");
    assert_eq!(set.len(), 12);

    let table = accuracy_table_on(
        &set,
        Transcripts::Oracle {
            keep_filled_pauses: false,
        },
    )
    .expect("analysis runs");
    eprintln!("{table}");
    assert!(
        table.max_wpm_error() <= 0.05,
        "wpm error {:.3}",
        table.max_wpm_error()
    );
    let p = table.pauses();
    assert!(p.f1() >= 0.95, "pause F1 {:.3} ({p:?})", p.f1());
    assert!(
        table.max_pause_length_error() <= 0.3,
        "pause length error {:.3}",
        table.max_pause_length_error()
    );
    assert!(
        table.filler_recall() >= 0.9,
        "filler recall {:.3}",
        table.filler_recall()
    );
    assert!(
        table.filler_precision() >= 0.9,
        "filler precision {:.3}",
        table.filler_precision()
    );
    for (kind, (found, total)) in table.filler_recall_by_kind() {
        assert!(found * 10 >= total * 7, "{kind}: found {found} of {total}");
    }

    // With the um/uh in the transcript, the same fillers come from the transcript instead.
    let table = accuracy_table_on(
        &set,
        Transcripts::Oracle {
            keep_filled_pauses: true,
        },
    )
    .expect("analysis runs");
    eprintln!("{table}");
    assert!(table.filler_recall() >= 0.95 && table.filler_precision() >= 0.95);
}

#[test]
fn fillers_found_in_the_audio_are_marked_as_such() {
    let s = delivery_synth::render(
        "um-uh",
        "We shipped the fix on time. <0.3> {um} <0.3> Then we wrote the tests. <0.3> {uh} <0.3> \
         And the team agreed.",
        delivery_synth::Voice {
            name: "en-us",
            wpm: 150,
        },
    )
    .unwrap();
    let settings = DeliverySettings::default();
    let without = analyze_delivery(&s.oracle_transcript(false), &s.samples, &settings, None);
    let audio: Vec<_> = without
        .fillers
        .items
        .iter()
        .filter(|f| f.source == FillerSource::Audio)
        .collect();
    assert_eq!(audio.len(), 2, "{:?}", without.fillers.items);
    for (found, truth) in audio.iter().zip(s.truth.fillers.iter()) {
        assert!(
            found.start_s < truth.end_s && found.end_s > truth.start_s,
            "{found:?} vs {truth:?}"
        );
    }
    assert_eq!(
        without.fillers.by_word.get("um"),
        Some(&1),
        "{:?}",
        without.fillers.by_word
    );

    let with = analyze_delivery(&s.oracle_transcript(true), &s.samples, &settings, None);
    assert_eq!(with.fillers.count, 2);
    assert!(with
        .fillers
        .items
        .iter()
        .all(|f| f.source == FillerSource::Transcript));
    // Counted once either way, so pace does not depend on which path found them.
    assert_eq!(with.word_count, without.word_count);
}
