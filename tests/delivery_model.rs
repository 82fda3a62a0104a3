//! Delivery accuracy with the real Whisper model on the synthetic set: the recogniser's own
//! words, word times and kept (or dropped) fillers. Needs REHEARSE_TEST_MODEL (a ggml tiny.en);
//! skipped with a message without it unless REHEARSE_REQUIRE_MODEL=1.

#[path = "support/delivery_synth/mod.rs"]
mod delivery_synth;

use delivery_synth::{accuracy_table_on, standard_set, Transcripts};
use rehearse::asr::engine::{Engine, TranscribeOptions};

#[path = "support/test_model.rs"]
mod test_model;
use test_model::model;

#[test]
fn synthetic_set_with_whisper_transcripts() {
    let Some(model) = model() else { return };
    let engine = Engine::load(&model).expect("model loads");
    let set = standard_set().expect("espeak-ng renders the synthetic set");
    let mut transcribe = |samples: &[f32]| {
        engine
            .transcribe(samples, &TranscribeOptions::default())
            .map_err(|e| e.to_string())
    };
    let table = accuracy_table_on(
        &set,
        Transcripts::Model {
            name: model.file_name().unwrap().to_string_lossy().into_owned(),
            transcribe: &mut transcribe,
        },
    )
    .expect("transcription and analysis run");
    eprintln!("{table}");
    // Pace is counted from the recogniser's words: on one answer tiny.en hears "I owned" as
    // "I don't know" and adds words, 7.5 % off (measured); on exact words the analysis is
    // within 2 % (delivery_synthetic). Hold the mean to the goal and each answer to 10 %.
    let (mean, max) = (table.mean_wpm_error(), table.max_wpm_error());
    assert!(mean <= 0.05, "mean wpm error {mean:.3}");
    assert!(max <= 0.10, "wpm error {max:.3}");
    let p = table.pauses();
    assert!(p.f1() >= 0.95, "pause F1 {:.3} ({p:?})", p.f1());
    assert!(table.max_pause_length_error() <= 0.3);
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
}
