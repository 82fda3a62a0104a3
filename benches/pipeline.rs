//! `cargo xtask bench`: speed against a peer measured in the same run, and accuracy tables.
//! Run through xtask, which provides the model, the CT2 folder and the peer's Python venv.

// Shared with the integration tests; the bench uses only part of it.
#[allow(dead_code)]
#[path = "../tests/support/espeak.rs"]
mod espeak;

// The synthetic answers with known ground truth that the delivery tests use.
#[path = "../tests/support/delivery_synth/mod.rs"]
mod delivery_synth;

use rehearse::asr::engine::{Engine, TranscribeOptions};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn env_path(name: &str) -> PathBuf {
    PathBuf::from(std::env::var_os(name).unwrap_or_else(|| {
        panic!("{name} is not set: run the benchmarks through `cargo xtask bench`")
    }))
}

/// About 60 s of clear speech made of varied sentences.
fn sixty_seconds(dir: &Path) -> Vec<f32> {
    const TEXT: &[&str] = &[
        "In my last role I owned the release process for our mobile app.",
        "One Friday a configuration change I approved took down sign in for a third of our users.",
        "I rolled the change back within twenty minutes and posted an update for the support team.",
        "Then I wrote a short incident report that named my mistake and the gap in our checks.",
        "We added an automated test for every configuration flag and a second reviewer for risky changes.",
        "Over the next quarter we shipped twelve releases without a single rollback.",
        "What I learned is that speed matters, but a fast undo matters more than a fast change.",
        "Today I ask what the rollback plan is before I ask when we can ship.",
    ];
    let mut audio = Vec::new();
    let mut i = 0;
    while audio.len() < 60 * espeak::SR {
        audio.extend(espeak::speak(TEXT[i % TEXT.len()], "en-us", 160, dir));
        audio.extend(espeak::silence(0.4));
        i += 1;
    }
    audio.truncate(60 * espeak::SR);
    audio
}

fn time_ours(model: &Path, audio: &[f32], threads: usize, beam: i32) -> (f64, String) {
    let engine = Engine::load_with_threads(model, threads).expect("model loads");
    let opts = TranscribeOptions {
        beam_size: beam,
        ..Default::default()
    };
    let mut best = f64::INFINITY;
    let mut text = String::new();
    for _ in 0..2 {
        let t = Instant::now();
        text = engine.transcribe(audio, &opts).expect("transcribes").text;
        best = best.min(t.elapsed().as_secs_f64());
    }
    (best, text)
}

fn time_peer(python: &Path, ct2: &Path, wav: &Path, threads: usize, beam: i32) -> Option<f64> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/peers/faster_whisper_peer.py");
    let out = Command::new(python)
        .arg(script)
        .arg(ct2)
        .arg(wav)
        .arg(threads.to_string())
        .arg("int8")
        .arg(beam.to_string())
        .output()
        .ok()?;
    if !out.status.success() {
        eprintln!("peer failed: {}", String::from_utf8_lossy(&out.stderr));
        return None;
    }
    let line = String::from_utf8_lossy(&out.stdout);
    let v: serde_json::Value = serde_json::from_str(line.lines().last()?).ok()?;
    v["seconds"].as_f64()
}

fn transcription_speed() {
    let model = env_path("REHEARSE_TEST_MODEL");
    let ct2 = env_path("REHEARSE_TEST_CT2_DIR");
    let python = env_path("REHEARSE_BENCH_PYTHON");
    let dir = tempfile::tempdir().unwrap();
    let audio = sixty_seconds(dir.path());
    let wav = dir.path().join("sixty.wav");
    rehearse::audio::wav::write_16k_mono(&wav, &audio).unwrap();
    println!("\n## Transcription of a 60 s answer (tiny.en), best of 2 runs");
    println!(
        "peer: faster-whisper (CTranslate2, int8) on the same weights, same audio, same run\n"
    );
    println!("| decoding | threads | rehearse (whisper.cpp f16) | peer | ratio ours/peer | real-time factor |");
    println!("|---|---|---|---|---|---|");
    for (label, beam) in [("greedy", 1), ("beam 5 (app default)", 5)] {
        for threads in [1, 2] {
            let (ours, _) = time_ours(&model, &audio, threads, beam);
            let peer = time_peer(&python, &ct2, &wav, threads, beam);
            let (peer_s, ratio) = match peer {
                Some(p) => (format!("{p:.2} s"), format!("{:.2}", ours / p)),
                None => ("n/a".into(), "n/a".into()),
            };
            println!(
                "| {label} | {threads} | {ours:.2} s | {peer_s} | {ratio} | {:.3} |",
                ours / 60.0
            );
        }
    }
}

/// History and progress queries on 10,000 attempts against a naive peer: every attempt's
/// summary loaded and the per-day means computed in Rust, as a store without SQL aggregation
/// and indexes would.
fn store_queries() {
    use rehearse::store::{bench, AttemptFilter, Store};
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("rehearse.db")).unwrap();
    let t = Instant::now();
    bench::seed(&store, 10_000, 7).unwrap();
    let seeded_s = t.elapsed().as_secs_f64();
    let times = bench::time_queries(&store, 5).unwrap();
    let mut peer = f64::INFINITY;
    for _ in 0..3 {
        let t = Instant::now();
        let all = store
            .list(&AttemptFilter {
                limit: None,
                ..Default::default()
            })
            .unwrap();
        let mut by_day: std::collections::BTreeMap<String, (f64, u32)> = Default::default();
        for a in &all {
            if let Some(w) = a.metrics.wpm {
                let e = by_day
                    .entry(a.started_at.format("%Y-%m-%d").to_string())
                    .or_default();
                e.0 += w;
                e.1 += 1;
            }
        }
        assert!(!by_day.is_empty());
        peer = peer.min(t.elapsed().as_secs_f64() * 1000.0);
    }
    println!(
        "\n## Store queries, {} attempts (seeded in {seeded_s:.1} s), median of 5",
        times.attempts
    );
    println!("peer: load every attempt summary and aggregate in Rust (same file, same run)\n");
    println!("| query | rehearse | target | ratio to peer ({peer:.1} ms) |");
    println!("|---|---|---|---|");
    for (name, ms) in [
        ("history (newest 50)", times.history_ms),
        ("history of one card", times.history_card_ms),
        ("history search", times.history_search_ms),
        ("progress (trends, bests, streak)", times.progress_ms),
        ("card attempts with changes", times.card_attempts_ms),
        ("practise next", times.practise_next_ms),
        ("one attempt in full", times.get_attempt_ms),
    ] {
        println!(
            "| {name} | {ms:.2} ms | < 50 ms {} | {:.3} |",
            if ms < 50.0 { "✓" } else { "✗" },
            ms / peer
        );
    }
}

/// Issue 3's accuracy goals over the whole synthetic set: exact transcripts (the peer: what
/// the analysis does with perfect words) against the real Whisper model's transcripts.
fn delivery_accuracy() {
    use delivery_synth::Transcripts;
    println!("\n## Delivery accuracy on the synthetic set (known pauses, fillers, word counts)");
    println!("\n### Peer: exact script words, um/uh left out (the audio must find them)\n");
    match delivery_synth::accuracy_table(Transcripts::Oracle {
        keep_filled_pauses: false,
    }) {
        Ok(t) => println!("{t}"),
        Err(e) => println!("failed: {e}"),
    }
    let model = env_path("REHEARSE_TEST_MODEL");
    let engine = Engine::load(&model).expect("model loads");
    let opts = TranscribeOptions::default();
    let mut transcribe = |x: &[f32]| engine.transcribe(x, &opts).map_err(|e| e.to_string());
    println!("\n### Rehearse: real Whisper tiny.en transcripts\n");
    match delivery_synth::accuracy_table(Transcripts::Model {
        name: "tiny.en".into(),
        transcribe: &mut transcribe,
    }) {
        Ok(t) => println!("{t}"),
        Err(e) => println!("failed: {e}"),
    }
}

fn main() {
    // `cargo bench` passes --bench; a filter argument selects sections.
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let want = |name: &str| filter.is_empty() || filter.iter().any(|f| name.contains(f.as_str()));
    if want("delivery") {
        delivery_accuracy();
    }
    if want("store") {
        store_queries();
    }
    if want("transcription") {
        transcription_speed();
    }
}
