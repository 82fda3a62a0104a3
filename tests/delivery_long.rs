//! A 30-minute answer (a synthesized answer repeated): the analysis finishes, reports progress
//! and keeps its memory bounded. Alone in its own test binary so the process's peak memory is
//! this test's.

#[path = "support/delivery_synth/mod.rs"]
mod delivery_synth;

use delivery_synth::{render, Voice, SR};
use rehearse::analysis::delivery::{analyze_delivery_with_progress, DeliverySettings};
use rehearse::progress::Progress;
use rehearse::{Transcript, Word};
use std::time::Instant;

fn status_kb(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("Linux /proc");
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("{field} missing from /proc/self/status"))
}

#[test]
fn thirty_minutes_run_in_bounded_memory_with_progress() {
    let one = render(
        "long",
        "So, {um} I led the migration of our billing system. <0.9> We had, like, really no \
         slack, and the the tests kept failing. <0.6> I think we could have probably planned \
         better. <1.2> {uh} In the end we shipped one day late.",
        Voice {
            name: "en-us",
            wpm: 160,
        },
    )
    .unwrap();
    let piece = one.oracle_transcript(true);
    let target = 30 * 60 * SR;
    let mut samples: Vec<f32> = Vec::with_capacity(target);
    let mut words: Vec<Word> = Vec::new();
    let mut repeats = 0u32;
    while samples.len() + one.samples.len() <= target {
        let offset = samples.len() as f64 / SR as f64;
        words.extend(piece.words.iter().map(|w| Word {
            start_s: w.start_s + offset,
            end_s: w.end_s + offset,
            ..w.clone()
        }));
        samples.extend_from_slice(&one.samples);
        repeats += 1;
    }
    samples.resize(target, 0.0);
    let transcript = Transcript {
        text: words
            .iter()
            .map(|w| w.text.trim())
            .collect::<Vec<_>>()
            .join(" "),
        words,
    };
    let input_mb = (samples.len() * 4) as f64 / 1e6;

    // Reset the peak-memory mark so it measures the analysis alone.
    std::fs::write("/proc/self/clear_refs", "5").expect("reset peak RSS");
    let before_kb = status_kb("VmRSS:");
    let mut updates: Vec<Progress> = Vec::new();
    let t0 = Instant::now();
    let r = analyze_delivery_with_progress(
        &transcript,
        &samples,
        &DeliverySettings::default(),
        None,
        &mut |p| updates.push(p),
    );
    let took = t0.elapsed();
    let peak_kb = status_kb("VmHWM:");
    let grew_mb = (peak_kb.saturating_sub(before_kb)) as f64 / 1024.0;
    eprintln!(
        "30 min ({input_mb:.0} MB of samples, {repeats} repeats): {:.1} s, peak memory +{grew_mb:.1} MB, \
         {} progress updates, wpm {}, {} pauses, {} fillers",
        took.as_secs_f64(),
        updates.len(),
        r.wpm,
        r.pauses.len(),
        r.fillers.count
    );
    assert!(
        grew_mb < 64.0,
        "analysis grew memory by {grew_mb:.1} MB on {input_mb:.0} MB of input"
    );

    // Progress moves forward through the stages and ends complete.
    assert!(updates.len() >= 10, "{} updates", updates.len());
    let pitch: Vec<&Progress> = updates.iter().filter(|p| p.stage == "pitch").collect();
    assert!(pitch.windows(2).all(|w| w[0].done <= w[1].done));
    let last = updates.last().unwrap();
    assert_eq!(Some(last.done), last.total);

    // The repeated answer is measured the same way throughout.
    assert!(r.speech_found);
    let per_piece_long = one.truth.pauses.iter().filter(|p| p.1 - p.0 >= 0.5).count() as u32;
    let long = r.pauses.iter().filter(|p| p.length_s >= 0.5).count() as u32;
    // Each repeat adds its own long pauses plus the silence joining it to the next.
    assert!(
        long >= per_piece_long * repeats,
        "{long} long pauses for {repeats} repeats"
    );
    assert!(
        (r.fillers.count as f64 / repeats as f64 - 4.0).abs() < 0.5,
        "{} fillers",
        r.fillers.count
    );
    assert_eq!(r.repetitions.count, repeats, "one \"the the\" per repeat");
    assert!(r.pace.timeline.len() > 300);
}
