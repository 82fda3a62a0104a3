//! Crash recovery: a recording process killed with SIGKILL loses at most the last second, and
//! the attempt is recovered on the next start; attempts another live instance holds are left
//! alone; attempts whose recording is missing or unusable are marked failed.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rehearse::store::{AttemptId, AttemptStatus, NewAttempt, Store};
use rehearse::Transcript;
use serde_json::json;

#[cfg(unix)]
#[test]
fn a_sigkilled_recording_is_repaired_and_loses_at_most_the_last_second() {
    use std::os::unix::process::ExitStatusExt;

    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_rehearse"))
        .args([
            "attempts",
            "simulate-recording",
            "--seconds",
            "30",
            "--card",
            "failure",
        ])
        .env("REHEARSE_DATA_DIR", dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn rehearse");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    // The child starts its clock before printing this line, so it has recorded at least as long
    // as we measure from here.
    let started = Instant::now();
    assert!(
        line.starts_with("recording attempt "),
        "unexpected output {line:?}"
    );
    let id: AttemptId = line.split_whitespace().nth(2).unwrap().parse().unwrap();

    std::thread::sleep(Duration::from_millis(3_600));
    let recorded_s = started.elapsed().as_secs_f64();
    child.kill().unwrap(); // SIGKILL on Unix: no destructor, no flush
    let status = child.wait().unwrap();
    assert_eq!(status.signal(), Some(9), "{status:?}");

    let store = Store::open(dir.path().join("rehearse.db")).unwrap();
    let left = store.summary(id).unwrap();
    assert_eq!(left.status, AttemptStatus::Recording);
    assert_eq!(left.card_id.as_deref(), Some("failure"));

    let report = store.recover().unwrap();
    assert!(
        report.failed.is_empty() && report.in_use.is_empty(),
        "{report:?}"
    );
    assert_eq!(report.resumable.len(), 1);
    let r = &report.resumable[0];
    assert_eq!(r.attempt.id, id);
    assert_eq!(r.attempt.status, AttemptStatus::Analysing);
    assert_eq!(r.attempt.metrics.duration_s, Some(r.duration_s));
    eprintln!(
        "recorded {recorded_s:.2} s before SIGKILL, recovered {:.2} s",
        r.duration_s
    );
    assert!(
        r.duration_s >= recorded_s - 1.0 && r.duration_s <= recorded_s + 0.5,
        "recovered {:.2} s of {recorded_s:.2} s recorded",
        r.duration_s
    );

    // A strict reader (hound) opens the repaired file, and it holds the tone that was recorded.
    let wav = hound::WavReader::open(&r.wav).unwrap();
    assert_eq!(wav.duration() as f64 / 16_000.0, r.duration_s);
    let audio = rehearse::audio::wav::read(&r.wav).unwrap();
    assert!(!audio.info.truncated);
    let rms =
        (audio.samples.iter().map(|s| s * s).sum::<f32>() / audio.samples.len() as f32).sqrt();
    assert!((rms - 0.3 / 2f32.sqrt()).abs() < 0.01, "rms {rms}");

    // The caller analyses it and finishes it like any attempt.
    let t = Transcript::default();
    store
        .finish_attempt(
            id,
            &json!({"audio": {"duration_s": r.duration_s}, "overall": {"score": 61}}),
            &t,
        )
        .unwrap();
    assert_eq!(store.summary(id).unwrap().status, AttemptStatus::Done);
    // Nothing is left to recover.
    assert_eq!(store.recover().unwrap(), Default::default());
}

#[test]
fn recovery_leaves_another_instances_live_attempt_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rehearse.db");
    let recorder = Store::open(&path).unwrap();
    let rel = recorder.new_recording_path(None).unwrap();
    let id = recorder
        .begin_attempt(&NewAttempt {
            question: "q".into(),
            recording_rel_path: Some(rel),
            ..Default::default()
        })
        .unwrap();

    let other = Store::open(&path).unwrap();
    let report = other.recover().unwrap();
    assert_eq!(report.in_use, [id]);
    assert!(report.failed.is_empty() && report.resumable.is_empty());
    assert_eq!(other.summary(id).unwrap().status, AttemptStatus::Recording);
    // The recorder's own recovery does not touch its attempt either.
    assert_eq!(recorder.recover().unwrap(), Default::default());

    // Once the recorder is gone (its locks with it), the attempt is recoverable; it never wrote
    // its WAV, so it is marked failed.
    drop(recorder);
    let report = other.recover().unwrap();
    assert_eq!(report.failed.len(), 1, "{report:?}");
    assert!(report.failed[0].reason.contains("is missing"), "{report:?}");
    let s = other.summary(id).unwrap();
    assert_eq!(s.status, AttemptStatus::Failed);
    assert!(s
        .error
        .unwrap()
        .starts_with("interrupted, and its recording"));
}

#[test]
fn unusable_or_absent_recordings_mark_the_attempt_failed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rehearse.db");
    let (garbage, no_path, header_only) = {
        let store = Store::open(&path).unwrap();
        let begin = |rel: Option<std::path::PathBuf>| {
            store
                .begin_attempt(&NewAttempt {
                    question: "q".into(),
                    recording_rel_path: rel,
                    ..Default::default()
                })
                .unwrap()
        };
        let rel = store.new_recording_path(Some("garbage")).unwrap();
        std::fs::write(dir.path().join(&rel), b"definitely not a RIFF file at all").unwrap();
        let garbage = begin(Some(rel));
        let no_path = begin(None);
        let rel = store.new_recording_path(Some("empty")).unwrap();
        // A writer killed before its first second of audio reached the disk leaves a header.
        drop(rehearse::audio::writer::WavWriter::create(dir.path().join(&rel)).unwrap());
        let header_only = begin(Some(rel));
        // The process "dies": its attempt locks go with it.
        drop(store);
        (garbage, no_path, header_only)
    };
    let store = Store::open(&path).unwrap();
    let report = store.recover().unwrap();
    let reason = |id| {
        report
            .failed
            .iter()
            .find(|f| f.id == id)
            .map(|f| f.reason.clone())
            .unwrap_or_else(|| panic!("{id} not failed: {report:?}"))
    };
    assert!(
        reason(garbage).contains("could not be repaired"),
        "{}",
        reason(garbage)
    );
    assert_eq!(reason(no_path), "it has no recording path");
    assert!(
        reason(header_only).contains("holds no audio"),
        "{}",
        reason(header_only)
    );
    assert!(report.resumable.is_empty());
    for id in [garbage, no_path, header_only] {
        assert_eq!(store.summary(id).unwrap().status, AttemptStatus::Failed);
    }
}
