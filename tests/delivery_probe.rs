#[path = "support/delivery_synth.rs"]
mod delivery_synth;
use rehearse::asr::engine::{Engine, TranscribeOptions};
#[test]
fn probe() {
    let set = delivery_synth::standard_set().unwrap();
    let engine = Engine::load(std::path::Path::new(&std::env::var("REHEARSE_TEST_MODEL").unwrap())).unwrap();
    for s in set.iter() {
        eprintln!("=== {}", s.name);
        for f in s.truth.fillers.iter() { eprintln!("truth {} {:.2}-{:.2}", f.kind.replace(' ', "_"), f.start_s, f.end_s); }
        for (a,b) in &s.truth.pauses { if b - a >= 0.5 { eprintln!("pause {:.2}-{:.2}", a, b); } }
        let t = engine.transcribe(&s.samples, &TranscribeOptions::default()).unwrap();
        for w in &t.words { eprintln!("word {:.2}-{:.2} {:?} {:.2} {}", w.start_s, w.end_s, w.text, w.probability, w.filler); }
        let json = serde_json::to_string(&t).unwrap();
        std::fs::write(format!("/tmp/delivery-model/{}.json", s.name.replace('/', "_")), json).unwrap();
    }
}
