#[path = "support/delivery_synth.rs"]
mod delivery_synth;
use rehearse::analysis::delivery::{analyze_delivery, DeliverySettings};
#[test]
fn probe() {
    let set = delivery_synth::standard_set().unwrap();
    for s in set.iter() {
        eprintln!("=== {}", s.name);
        for f in s.truth.fillers.iter().filter(|f| f.filled) { eprintln!("truth {} {:.2}-{:.2}", f.kind, f.start_s, f.end_s); }
        let _ = analyze_delivery(&rehearse::Transcript::default(), &s.samples, &DeliverySettings::default(), None);
    }
}
