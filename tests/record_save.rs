//! `rehearse record --save` through the virtual microphone: the answer is recorded, analysed
//! with the real model and kept in the history.

#[path = "support/espeak.rs"]
#[allow(dead_code)]
mod espeak;
#[path = "support/virtual_mic.rs"]
mod virtual_mic;

use std::process::Command;
use std::time::Duration;

/// One microphone: tests that play into it must not overlap.
static MIC: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[test]
fn a_recorded_answer_is_analysed_and_kept() {
    let _mic = MIC.lock().unwrap_or_else(|e| e.into_inner());
    let Some(model) = virtual_mic::prerequisites() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let answer = espeak::speak(
        "I missed a data mapping problem and our launch slipped by two days. I told my manager within an hour and we fixed it overnight.",
        "en-us",
        150,
        dir.path(),
    );
    let wav = dir.path().join("answer.wav");
    rehearse::audio::wav::write_16k_mono(&wav, &answer).unwrap();
    let answer_s = answer.len() as f64 / 16_000.0;

    let mut rec = Command::new(env!("CARGO_BIN_EXE_rehearse"))
        .args([
            "record",
            "--save",
            "--question",
            "tell-me-about-a-time-you-failed",
        ])
        .arg("--seconds")
        .arg(format!("{:.1}", answer_s + 3.0))
        .arg("--model")
        .arg(&model)
        .env("REHEARSE_DATA_DIR", &data)
        .spawn()
        .unwrap();
    // Loading the model and writing the attempt row come first; give them a moment.
    std::thread::sleep(Duration::from_millis(1500));
    virtual_mic::play(&wav);
    assert!(
        rec.wait().unwrap().success(),
        "rehearse record --save failed"
    );

    let out = Command::new(env!("CARGO_BIN_EXE_rehearse"))
        .args(["history", "--json"])
        .env("REHEARSE_DATA_DIR", &data)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let attempts = list.as_array().unwrap();
    assert_eq!(attempts.len(), 1, "{list}");
    let a = &attempts[0];
    assert_eq!(a["status"], "done", "{a}");
    assert_eq!(a["card_id"], "tell-me-about-a-time-you-failed");
    let text = serde_json::to_string(a).unwrap();
    assert!(text.contains("wpm"), "{text}");
    let rec_path = data.join(a["recording_path"].as_str().unwrap());
    let kept = rehearse::audio::wav::read_16k_mono(&rec_path).unwrap();
    assert!(
        kept.len() as f64 / 16_000.0 >= answer_s,
        "recording too short"
    );
}

#[test]
fn a_killed_recording_is_recovered_analysed_and_kept() {
    let _mic = MIC.lock().unwrap_or_else(|e| e.into_inner());
    let Some(model) = virtual_mic::prerequisites() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let answer = espeak::speak(
        "When our payment service failed during a sale I owned the incident and we restored it in forty minutes.",
        "en-us",
        150,
        dir.path(),
    );
    let wav = dir.path().join("answer.wav");
    rehearse::audio::wav::write_16k_mono(&wav, &answer).unwrap();
    let answer_s = answer.len() as f64 / 16_000.0;
    let mut rec = Command::new(env!("CARGO_BIN_EXE_rehearse"))
        .args([
            "record",
            "--save",
            "--seconds",
            "60",
            "--question",
            "tell-me-about-a-time-you-failed",
        ])
        .arg("--model")
        .arg(&model)
        .env("REHEARSE_DATA_DIR", &data)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    virtual_mic::play(&wav);
    std::thread::sleep(Duration::from_millis(1500));
    rec.kill().unwrap(); // SIGKILL: no chance to finish the file or the attempt
    rec.wait().unwrap();

    let out = Command::new(env!("CARGO_BIN_EXE_rehearse"))
        .args(["recover", "--model"])
        .arg(&model)
        .env("REHEARSE_DATA_DIR", &data)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("recovered attempt"));

    let out = Command::new(env!("CARGO_BIN_EXE_rehearse"))
        .args(["history", "--json"])
        .env("REHEARSE_DATA_DIR", &data)
        .output()
        .unwrap();
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let a = &list.as_array().unwrap()[0];
    assert_eq!(a["status"], "done", "{a}");
    let kept =
        rehearse::audio::wav::read_16k_mono(data.join(a["recording_path"].as_str().unwrap()))
            .unwrap();
    // At most the last second is lost: the answer was fully played before the kill.
    assert!(
        kept.len() as f64 / 16_000.0 >= answer_s + 1.5 - 1.0,
        "kept {:.2} s of about {:.2} s",
        kept.len() as f64 / 16_000.0,
        answer_s + 3.0
    );
    let out = Command::new(env!("CARGO_BIN_EXE_rehearse"))
        .args(["attempts", "show", &a["id"].to_string(), "--json"])
        .env("REHEARSE_DATA_DIR", &data)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_lowercase();
    assert!(text.contains("payment"), "the recovered transcript: {text}");
}
