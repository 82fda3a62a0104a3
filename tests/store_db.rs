//! The attempt store on a real SQLite file: migrations at open, CRUD, notes, faults (damaged
//! and foreign files, a full disk), concurrent writers, export → import round trips.

use std::path::{Path, PathBuf};

use rehearse::store::{
    AttemptFilter, AttemptId, AttemptStatus, ExportFormat, NewAttempt, NoteUpdate, Store,
    StoreError,
};
use rehearse::{Transcript, Word};
use rusqlite::Connection;
use serde_json::{json, Value};

fn db_in(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("rehearse.db")
}

fn transcript(words: &[(&str, f64, f64, bool)]) -> Transcript {
    Transcript {
        text: words.iter().map(|w| w.0).collect::<Vec<_>>().join(" "),
        words: words
            .iter()
            .map(|&(text, start_s, end_s, filler)| Word {
                text: text.into(),
                start_s,
                end_s,
                probability: 0.9,
                filler,
            })
            .collect(),
    }
}

fn report(card: &str, overall: f64) -> Value {
    json!({
        "schema": "rehearse.report/1",
        "question": {"id": card, "text": "Tell me about a time you failed."},
        "model": "tiny.en",
        "audio": {"duration_s": 90.0},
        "delivery": {
            "wpm": 141.5, "articulation_wpm": 150.25,
            "fillers": {"count": 3, "per_minute": 2.0},
            "pauses": [{"start_s": 1.0, "end_s": 2.5, "long": true}, {"start_s": 5.0, "end_s": 5.3, "long": false}],
            "score": {"score": 70}
        },
        "content": {"score": 65},
        "overall": {"score": overall}
    })
}

/// Begins and finishes one attempt with a recording file on disk.
fn finished_attempt(store: &Store, card: &str, overall: f64) -> AttemptId {
    let rel = store.new_recording_path(Some(card)).unwrap();
    let id = store
        .begin_attempt(&NewAttempt {
            card_id: Some(card.into()),
            question: "Tell me about a time you failed.".into(),
            model: None,
            recording_rel_path: Some(rel.clone()),
        })
        .unwrap();
    rehearse::audio::wav::write_16k_mono(store.data_dir().join(&rel), &vec![0.1; 16_000]).unwrap();
    let t = transcript(&[
        ("So", 0.3, 0.5, false),
        ("um", 0.6, 0.9, true),
        ("we", 1.0, 1.2, false),
    ]);
    store
        .finish_attempt(id, &report(card, overall), &t)
        .unwrap();
    id
}

fn pragma<T: rusqlite::types::FromSql>(path: &Path, name: &str) -> T {
    Connection::open(path)
        .unwrap()
        .query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn fresh_database_is_migrated_and_reopening_keeps_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    let store = Store::open(&path).unwrap();
    assert!(store.open_report().created);
    assert_eq!(store.open_report().recovered_from, None);
    let id = finished_attempt(&store, "failure", 80.0);
    drop(store);

    assert_eq!(
        pragma::<i64>(&path, "user_version"),
        rehearse::store::schema_version()
    );
    assert_eq!(
        pragma::<i32>(&path, "application_id"),
        rehearse::store::APPLICATION_ID
    );
    assert_eq!(pragma::<String>(&path, "journal_mode"), "wal");

    let again = Store::open(&path).unwrap();
    assert!(!again.open_report().created);
    assert_eq!(again.open_report().recovered_from, None);
    let a = again.get(id).unwrap();
    assert_eq!(a.summary.status, AttemptStatus::Done);
    assert_eq!(a.summary.metrics.overall_score, Some(80.0));
}

#[test]
fn attempt_lifecycle_stores_transcript_metrics_and_report() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(db_in(&dir)).unwrap();
    let id = store
        .begin_attempt(&NewAttempt {
            card_id: Some("failure".into()),
            question: "Tell me about a time you failed.".into(),
            model: Some("base.en".into()),
            recording_rel_path: Some("recordings/x.wav".into()),
        })
        .unwrap();
    let begun = store.get(id).unwrap();
    assert_eq!(begun.summary.status, AttemptStatus::Recording);
    assert_eq!(
        begun.summary.recording_path.as_deref(),
        Some("recordings/x.wav")
    );
    assert_eq!(begun.summary.app_version, env!("CARGO_PKG_VERSION"));
    assert!(
        begun.summary.ended_at.is_none() && begun.transcript.is_none() && begun.report.is_none()
    );

    store.mark_analysing(id, Some(90.0)).unwrap();
    assert_eq!(store.summary(id).unwrap().status, AttemptStatus::Analysing);
    let t = transcript(&[("So", 0.3, 0.5, false), ("um", 0.6, 0.9, true)]);
    store
        .finish_attempt(id, &report("failure", 68.0), &t)
        .unwrap();

    let a = store.get(id).unwrap();
    let s = &a.summary;
    assert_eq!(s.status, AttemptStatus::Done);
    assert!(s.ended_at.unwrap() >= s.started_at);
    // The attempt's own model wins over the report's.
    assert_eq!(s.model.as_deref(), Some("base.en"));
    let m = &s.metrics;
    assert_eq!(
        (
            m.duration_s,
            m.wpm,
            m.articulation_wpm,
            m.filler_count,
            m.fillers_per_min
        ),
        (Some(90.0), Some(141.5), Some(150.25), Some(3), Some(2.0))
    );
    assert_eq!((m.pause_count, m.long_pause_count), (Some(2), Some(1)));
    assert!((m.long_pauses_per_min.unwrap() - 60.0 / 90.0).abs() < 1e-12);
    assert_eq!(
        (m.delivery_score, m.content_score, m.overall_score),
        (Some(70.0), Some(65.0), Some(68.0))
    );
    assert_eq!(a.transcript.as_ref(), Some(&t));
    assert_eq!(a.report.as_ref(), Some(&report("failure", 68.0)));

    // A closed attempt cannot be finished or failed again.
    let e = store.fail_attempt(id, "late").unwrap_err();
    assert!(
        matches!(
            e,
            StoreError::AttemptNotOpen {
                status: AttemptStatus::Done,
                ..
            }
        ),
        "{e}"
    );
    assert_eq!(
        e.to_string(),
        format!("attempt {id} is done; failing it needs an attempt that is still recording or analysing")
    );
    assert!(matches!(
        store.get(AttemptId(9999)),
        Err(StoreError::AttemptNotFound(AttemptId(9999)))
    ));
}

#[test]
fn failing_keeps_the_reason_and_bad_recording_paths_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(db_in(&dir)).unwrap();
    let id = store
        .begin_attempt(&NewAttempt {
            question: "Free practice".into(),
            ..Default::default()
        })
        .unwrap();
    store.fail_attempt(id, "microphone unplugged").unwrap();
    let s = store.summary(id).unwrap();
    assert_eq!(
        (s.status, s.error.as_deref()),
        (AttemptStatus::Failed, Some("microphone unplugged"))
    );
    assert!(s.ended_at.is_some());

    for bad in ["/tmp/x.wav", "../outside.wav"] {
        let e = store
            .begin_attempt(&NewAttempt {
                question: "q".into(),
                recording_rel_path: Some(bad.into()),
                ..Default::default()
            })
            .unwrap_err();
        assert!(matches!(e, StoreError::RecordingPath { .. }), "{bad}: {e}");
    }
    // Nothing was written for the refused ones.
    assert_eq!(store.list(&AttemptFilter::default()).unwrap().len(), 1);
}

#[test]
fn list_filters_by_card_and_search_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(db_in(&dir)).unwrap();
    let a = finished_attempt(&store, "failure", 60.0);
    let b = finished_attempt(&store, "conflict", 70.0);
    let c = finished_attempt(&store, "failure", 80.0);
    store
        .add_note(b, Some(1.0), "talked too fast here")
        .unwrap();

    let all: Vec<AttemptId> = store
        .list(&AttemptFilter::default())
        .unwrap()
        .iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(all, [c, b, a]);
    let failure: Vec<AttemptId> = store
        .list(&AttemptFilter {
            card_id: Some("failure".into()),
            ..Default::default()
        })
        .unwrap()
        .iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(failure, [c, a]);
    let by_note = store
        .list(&AttemptFilter {
            search: Some("TOO FAST".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(by_note.iter().map(|s| s.id).collect::<Vec<_>>(), [b]);
    let by_card = store
        .list(&AttemptFilter {
            search: Some("confl".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(by_card.len(), 1);
    // LIKE wildcards in the search text are literal.
    let none = store
        .list(&AttemptFilter {
            search: Some("%".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(none.is_empty());
    let page = store
        .list(&AttemptFilter {
            limit: Some(1),
            offset: 1,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(page.iter().map(|s| s.id).collect::<Vec<_>>(), [b]);
}

#[test]
fn notes_crud_and_delete_attempt_removes_notes_and_recording() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(db_in(&dir)).unwrap();
    let id = finished_attempt(&store, "failure", 60.0);
    let general = store.add_note(id, None, "  overall too long  ").unwrap();
    assert_eq!(general.text, "overall too long");
    let at = store.add_note(id, Some(12.5), "say the number").unwrap();
    assert_eq!(store.notes(id).unwrap(), vec![general.clone(), at.clone()]);

    let edited = store
        .update_note(
            at.id,
            &NoteUpdate {
                text: Some("say the 30% number".into()),
                at_s: None,
            },
        )
        .unwrap();
    assert_eq!(
        (edited.text.as_str(), edited.at_s),
        ("say the 30% number", Some(12.5))
    );
    assert!(edited.updated_at >= edited.created_at);
    let moved = store
        .update_note(
            at.id,
            &NoteUpdate {
                text: None,
                at_s: Some(None),
            },
        )
        .unwrap();
    assert_eq!(moved.at_s, None);
    assert!(matches!(
        store.add_note(id, None, "   "),
        Err(StoreError::EmptyNote)
    ));
    assert!(matches!(
        store.add_note(id, Some(-1.0), "x"),
        Err(StoreError::NoteTime(_))
    ));
    assert!(matches!(
        store.add_note(AttemptId(999), None, "x"),
        Err(StoreError::AttemptNotFound(_))
    ));
    store.delete_note(general.id).unwrap();
    assert!(matches!(
        store.delete_note(general.id),
        Err(StoreError::NoteNotFound(_))
    ));
    assert_eq!(store.notes(id).unwrap().len(), 1);

    let wav = store
        .recording_abs_path(
            store
                .summary(id)
                .unwrap()
                .recording_path
                .as_deref()
                .unwrap(),
        )
        .unwrap();
    assert!(wav.is_file());
    let deleted = store.delete_attempt(id).unwrap();
    assert_eq!(deleted.recording_removed.as_deref(), Some(wav.as_path()));
    assert!(!wav.exists());
    assert!(matches!(store.get(id), Err(StoreError::AttemptNotFound(_))));
    // The notes went with it (foreign key cascade).
    assert!(matches!(
        store.note(at.id),
        Err(StoreError::NoteNotFound(_))
    ));
}

#[test]
fn a_file_that_is_not_sqlite_is_moved_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    std::fs::write(
        &path,
        b"these are not the bytes of a database, just some text\n".repeat(10),
    )
    .unwrap();
    let store = Store::open(&path).unwrap();
    let report = store.open_report().clone();
    let backup = report.recovered_from.expect("moved aside");
    assert!(report.reason.unwrap().contains("not an SQLite database"));
    let name = backup.file_name().unwrap().to_str().unwrap();
    assert!(name.starts_with("rehearse.db.corrupt-"), "{name}");
    assert!(std::fs::read(&backup)
        .unwrap()
        .starts_with(b"these are not"));
    // The fresh database works.
    finished_attempt(&store, "failure", 50.0);
    assert_eq!(store.list(&AttemptFilter::default()).unwrap().len(), 1);
}

#[test]
fn a_foreign_sqlite_database_is_moved_aside_not_migrated_into() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    let other = Connection::open(&path).unwrap();
    other
        .execute_batch("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');")
        .unwrap();
    drop(other);
    let store = Store::open(&path).unwrap();
    let report = store.open_report();
    assert!(
        report
            .reason
            .as_deref()
            .unwrap()
            .contains("another application"),
        "{report:?}"
    );
    let backup = report.recovered_from.clone().unwrap();
    let kept: String = Connection::open(&backup)
        .unwrap()
        .query_row("SELECT name FROM recipes", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, "soup");
}

#[test]
fn a_database_from_a_newer_version_is_moved_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    drop(Store::open(&path).unwrap());
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let store = Store::open(&path).unwrap();
    let reason = store.open_report().reason.clone().unwrap();
    assert!(
        reason.contains("newer Rehearse (schema version 99"),
        "{reason}"
    );
    assert_eq!(
        pragma::<i64>(&path, "user_version"),
        rehearse::store::schema_version()
    );
}

#[test]
fn a_database_with_damaged_pages_is_moved_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    {
        let store = Store::open(&path).unwrap();
        for i in 0..40 {
            finished_attempt(&store, &format!("card-{i}"), 50.0);
        }
    }
    // Checkpoint the WAL into the main file, then overwrite pages after the header page.
    Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    let mut bytes = std::fs::read(&path).unwrap();
    assert!(bytes.len() > 4096 * 4, "{} bytes", bytes.len());
    for b in &mut bytes[4096..4096 * 3] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let store = Store::open(&path).unwrap();
    let report = store.open_report();
    assert!(report.recovered_from.is_some(), "{report:?}");
    assert!(
        report.reason.as_deref().unwrap().starts_with("damaged"),
        "{report:?}"
    );
    assert!(store.list(&AttemptFilter::default()).unwrap().is_empty());
}

#[test]
fn a_full_disk_fails_cleanly_and_keeps_the_database_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    let store = Store::open(&path).unwrap();
    let kept = finished_attempt(&store, "failure", 77.0);
    let id = store
        .begin_attempt(&NewAttempt {
            question: "q".into(),
            ..Default::default()
        })
        .unwrap();
    store.cap_size_for_tests(0).unwrap();
    let big = json!({"overall": {"score": 50}, "padding": "x".repeat(200_000)});
    let e = store
        .finish_attempt(id, &big, &Transcript::default())
        .unwrap_err();
    assert!(matches!(e, StoreError::DiskFull), "{e:?}");
    assert!(e.to_string().starts_with("the disk is full"), "{e}");
    // The failed write changed nothing, and the connection still works.
    assert_eq!(store.summary(id).unwrap().status, AttemptStatus::Recording);
    assert_eq!(
        store.get(kept).unwrap().summary.metrics.overall_score,
        Some(77.0)
    );
    drop(store);
    let check: String = Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

#[test]
fn two_connections_write_concurrently_without_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    // Both open the not-yet-existing database at once: creation and migration must not race.
    const EACH: usize = 60;
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let path = path.clone();
            std::thread::spawn(move || {
                let store = Store::open(&path).unwrap();
                assert_eq!(store.open_report().recovered_from, None);
                for i in 0..EACH {
                    let id = finished_attempt(&store, &format!("writer-{w}"), i as f64);
                    store
                        .add_note(id, Some(i as f64), &format!("note {i}"))
                        .unwrap();
                    if i % 3 == 0 {
                        store.list(&AttemptFilter::default()).unwrap();
                    }
                }
            })
        })
        .collect();
    for w in writers {
        w.join().expect("a writer failed");
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.list(&AttemptFilter::default()).unwrap().len(),
        2 * EACH
    );
    for w in 0..2 {
        let own = store.card_attempts(&format!("writer-{w}")).unwrap();
        let scores: Vec<f64> = own
            .iter()
            .map(|c| c.attempt.metrics.overall_score.unwrap())
            .collect();
        assert_eq!(scores, (0..EACH).map(|i| i as f64).collect::<Vec<_>>());
    }
    drop(store);
    let check: String = Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

fn round_trip(format: ExportFormat, file: &str) {
    let dir = tempfile::tempdir().unwrap();
    let source = Store::open(dir.path().join("a/rehearse.db")).unwrap();
    let done = finished_attempt(&source, "failure", 72.5);
    source
        .add_note(done, Some(3.25), "pause, then \"the result\",\nsecond line")
        .unwrap();
    source.add_note(done, None, "general").unwrap();
    let failed = source
        .begin_attempt(&NewAttempt {
            question: "Free practice, with a comma".into(),
            ..Default::default()
        })
        .unwrap();
    source.fail_attempt(failed, "no speech").unwrap();
    finished_attempt(&source, "conflict", 91.0);
    let out = dir.path().join(file);
    assert_eq!(source.export(format, &out).unwrap(), 3);

    let target = Store::open(dir.path().join("b/rehearse.db")).unwrap();
    let r = target.import(&out).unwrap();
    assert_eq!((r.imported, r.skipped_existing, r.notes), (3, 0, 2));
    assert_eq!(
        target.all_attempts().unwrap(),
        source.all_attempts().unwrap()
    );
    // Importing again (or into the source) adds nothing.
    let again = target.import(&out).unwrap();
    assert_eq!((again.imported, again.skipped_existing), (0, 3));
    assert_eq!(source.import(&out).unwrap().skipped_existing, 3);
}

#[test]
fn json_export_round_trips() {
    round_trip(ExportFormat::Json, "export.json");
}

#[test]
fn csv_export_round_trips() {
    round_trip(ExportFormat::Csv, "export.csv");
}

#[test]
fn csv_export_has_a_header_and_one_row_per_attempt() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(db_in(&dir)).unwrap();
    let id = finished_attempt(&store, "failure", 72.5);
    store.add_note(id, Some(1.0), "line one\nline two").unwrap();
    finished_attempt(&store, "conflict", 60.0);
    let out = dir.path().join("x.csv");
    store.export(ExportFormat::Csv, &out).unwrap();
    let mut rdr = csv::Reader::from_path(&out).unwrap();
    let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(&header[..4], ["id", "uid", "card_id", "question"]);
    let overall = header.iter().position(|h| h == "overall_score").unwrap();
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][overall], "72.5");
    assert_eq!(&rows[0][2], "failure");
}

#[test]
fn import_refuses_foreign_files_and_unsafe_paths() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(db_in(&dir)).unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "name,age\nbob,3\n").unwrap();
    assert!(matches!(
        store.import(&bad),
        Err(StoreError::ImportFormat { .. })
    ));

    let evil = dir.path().join("evil.json");
    let file = json!({"schema": "rehearse.export/1", "exported_at": "2026-01-01T00:00:00Z", "app_version": "0",
        "attempts": [{"id": 1, "uid": "u1", "card_id": null, "question": "q",
            "started_at": "2026-01-01T00:00:00Z", "ended_at": null, "status": "done", "error": null,
            "recording_path": "../../home/user/.bashrc", "model": null, "app_version": "0",
            "metrics": {}, "transcript": null, "report": null, "notes": []}]});
    std::fs::write(&evil, file.to_string()).unwrap();
    let e = store.import(&evil).unwrap_err();
    assert!(
        matches!(e, StoreError::ImportRecord { record: 1, .. }),
        "{e}"
    );
    assert!(store.list(&AttemptFilter::default()).unwrap().is_empty());
}

#[test]
fn a_store_can_move_to_another_thread() {
    fn is_send<T: Send>(_: &T) {}
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(db_in(&dir)).unwrap();
    is_send(&store);
    let id = std::thread::spawn(move || finished_attempt(&store, "failure", 70.0))
        .join()
        .unwrap();
    assert_eq!(id, AttemptId(1));
}
