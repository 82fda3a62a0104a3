//! `rehearse analyze --json` end to end with the real model: the report's fixed fields
//! (DESIGN.md) are present with sensible values.

#[path = "support/espeak.rs"]
#[allow(dead_code)]
mod espeak;

use std::process::Command;

#[path = "support/test_model.rs"]
mod test_model;
use test_model::model;

#[test]
fn analyze_json_has_the_fixed_report_fields() {
    let Some(model) = model() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut audio = espeak::silence(0.4);
    audio.extend(espeak::speak(
        "Last year I led a data migration and I missed a mapping problem, so the launch slipped two days.",
        "en-us",
        150,
        dir.path(),
    ));
    audio.extend(espeak::silence(1.5)); // a long pause between sentences
    audio.extend(espeak::speak(
        "I told my manager within an hour, we fixed every record overnight, and we launched one day late. Since then I run a checklist before every migration.",
        "en-us",
        150,
        dir.path(),
    ));
    let wav = dir.path().join("answer.wav");
    rehearse::audio::wav::write_16k_mono(&wav, &audio).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_rehearse"))
        .args([
            "analyze",
            "--json",
            "--question",
            "tell-me-about-a-time-you-failed",
            "--model",
        ])
        .arg(&model)
        .arg(&wav)
        .env("REHEARSE_DATA_DIR", dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is only JSON");
    assert_eq!(r["schema"], "rehearse.report/1");
    assert_eq!(r["question"]["id"], "tell-me-about-a-time-you-failed");
    assert!(r["question"]["text"].as_str().unwrap().contains("failed"));
    let duration = r["audio"]["duration_s"].as_f64().unwrap();
    assert!((duration - audio.len() as f64 / 16_000.0).abs() < 0.05);
    let words = r["transcript"]["words"].as_array().unwrap();
    assert!(words.len() > 40, "{} words", words.len());
    for w in words {
        assert!(w["text"].is_string() && w["filler"].is_boolean());
        assert!(w["start_s"].as_f64().unwrap() <= w["end_s"].as_f64().unwrap());
    }
    let d = &r["delivery"];
    let wpm = d["wpm"].as_f64().unwrap();
    assert!((100.0..200.0).contains(&wpm), "wpm {wpm}");
    assert!(d["articulation_wpm"].as_f64().unwrap() >= wpm);
    for k in ["count", "per_minute", "by_word", "items"] {
        assert!(!d["fillers"][k].is_null(), "delivery.fillers.{k}");
    }
    let pauses = d["pauses"].as_array().unwrap();
    let long = pauses
        .iter()
        .find(|p| p["length_s"].as_f64().unwrap() > 1.0)
        .expect("the inserted 1.5 s pause is found");
    assert_eq!(long["long"], true);
    assert!(long["mid_sentence"].is_boolean());
    let content = &r["content"];
    assert!(content["score"].as_u64().unwrap() <= 100);
    for part in ["situation", "task", "action", "result"] {
        assert!(content["star"][part].is_boolean(), "content.star.{part}");
    }
    assert!(r["overall"]["score"].as_u64().unwrap() <= 100);
}

#[test]
fn analyze_rejects_a_non_wav_file_clearly() {
    let Some(model) = model() else { return };
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("notes.wav");
    std::fs::write(&bad, "these are my notes, not audio").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_rehearse"))
        .args(["analyze", "--model"])
        .arg(&model)
        .arg(&bad)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("notes.wav") && err.to_lowercase().contains("wav"),
        "{err}"
    );
}
