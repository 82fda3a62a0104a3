#[path = "support/delivery_synth.rs"]
mod delivery_synth;
use delivery_synth::{accuracy_table_on, standard_set, Transcripts};
#[test]
fn probe_cached() {
    let set = standard_set().unwrap();
    let names: Vec<String> = set.iter().map(|s| s.name.replace('/', "_")).collect();
    let mut i = 0;
    let mut transcribe = |_: &[f32]| {
        let t: rehearse::Transcript = serde_json::from_str(
            &std::fs::read_to_string(format!("/tmp/delivery-model/{}.json", names[i])).unwrap(),
        )
        .unwrap();
        i += 1;
        Ok(t)
    };
    let table = accuracy_table_on(
        &set,
        Transcripts::Model {
            name: "cached tiny.en".into(),
            transcribe: &mut transcribe,
        },
    )
    .unwrap();
    eprintln!("{table}");
}
#[test]
fn probe_no_transcript() {
    let set = standard_set().unwrap();
    let mut transcribe = |_: &[f32]| Ok(rehearse::Transcript::default());
    let table = accuracy_table_on(
        &set,
        Transcripts::Model {
            name: "none".into(),
            transcribe: &mut transcribe,
        },
    )
    .unwrap();
    eprintln!("{table}");
}
#[test]
fn probe_one() {
    let set = standard_set().unwrap();
    let name = std::env::var("ONE").unwrap();
    let s = set
        .iter()
        .find(|s| s.name.replace('/', "_") == name)
        .unwrap();
    let t: rehearse::Transcript = serde_json::from_str(
        &std::fs::read_to_string(format!("/tmp/delivery-model/{}.json", name)).unwrap(),
    )
    .unwrap();
    for f in &s.truth.fillers {
        eprintln!("truth {} {:.2}-{:.2}", f.kind, f.start_s, f.end_s);
    }
    for p in &s.truth.pauses {
        eprintln!("tpause {:.2}-{:.2}", p.0, p.1);
    }
    let r =
        rehearse::analysis::delivery::analyze_delivery(&t, &s.samples, &Default::default(), None);
    for f in &r.fillers.items {
        eprintln!(
            "item {} {:.2}-{:.2} {:?}",
            f.text, f.start_s, f.end_s, f.source
        );
    }
}
#[test]
fn probe_speed() {
    let x: Vec<f32> = (0..16000 * 60)
        .map(|i| (i as f32 * 0.05).sin() * 0.3 + (i as f32 * 0.011).sin() * 0.2)
        .collect();
    let t = std::time::Instant::now();
    let va = rehearse::audio::vad::detect(&x, 16000, &Default::default());
    eprintln!("vad 60 s: {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let p = rehearse::audio::pitch::track(&x, 16000, 0.01, &Default::default(), None);
    eprintln!("pitch 60 s ({} frames): {:?}", p.frames.len(), t.elapsed());
    let mut yin = rehearse::audio::pitch::Yin::new(8000, &Default::default());
    let buf = vec![0.1f32; yin.span()];
    let t = std::time::Instant::now();
    for _ in 0..1000 {
        yin.estimate(&buf);
    }
    eprintln!("1000 estimates: {:?}", t.elapsed());
    let _ = va;
}
#[test]
fn probe_one_oracle() {
    let set = standard_set().unwrap();
    let name = std::env::var("ONE").unwrap();
    let s = set
        .iter()
        .find(|s| s.name.replace('/', "_") == name)
        .unwrap();
    let t = s.oracle_transcript(false);
    for f in &s.truth.fillers {
        eprintln!("truth {} {:.2}-{:.2}", f.kind, f.start_s, f.end_s);
    }
    let r =
        rehearse::analysis::delivery::analyze_delivery(&t, &s.samples, &Default::default(), None);
    for f in &r.fillers.items {
        eprintln!(
            "item {} {:.2}-{:.2} {:?}",
            f.text, f.start_s, f.end_s, f.source
        );
    }
}
