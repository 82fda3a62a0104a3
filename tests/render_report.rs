//! Report documents (Markdown and HTML) rendered from the UI's fixture report: the real
//! `rehearse.report/1` JSON as the analysis writes it.

use chrono::{DateTime, Utc};
use rehearse::analysis::delivery::{FillerItem, FillerSource, TextItem};
use rehearse::analysis::report::Report;
use rehearse::domain::{Transcript, Word};
use rehearse::render::{self, DocumentFormat, DocumentInput, RenderError};
use rehearse::store::{AttemptId, Note, NoteId};

fn fixture() -> Report {
    let json = include_str!("../ui/src/fixtures/report.json");
    let de = &mut serde_json::Deserializer::from_str(json);
    serde_path_to_error::deserialize(de).expect("the fixture is a rehearse.report/1 report")
}

fn taken_at() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2025-03-04T23:30:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn note(id: i64, at_s: Option<f64>, text: &str) -> Note {
    Note {
        id: NoteId(id),
        attempt_id: AttemptId(1),
        at_s,
        text: text.into(),
        created_at: taken_at(),
        updated_at: taken_at(),
    }
}

fn input<'a>(report: &'a Report, notes: &'a [Note]) -> DocumentInput<'a> {
    DocumentInput {
        report,
        taken_at: Some(taken_at()),
        utc_offset_s: 3600,
        notes,
    }
}

/// Both documents, for checks that hold for either.
fn both(input: &DocumentInput) -> [(&'static str, String); 2] {
    [
        ("markdown", render::markdown(input)),
        ("html", render::html(input)),
    ]
}

#[test]
fn both_formats_carry_the_whole_report() {
    let mut report = fixture();
    // The fixture has no long pause; make one so the pause list and chip show.
    report.delivery.pauses[1].long = true;
    let notes = [
        note(1, Some(12.5), "Slow down here"),
        note(2, None, "Good story overall"),
    ];
    let input = input(&report, &notes);
    for (format, doc) in both(&input) {
        let has = |s: &str| assert!(doc.contains(s), "{format} lacks {s:?}:\n{doc}");
        has("Tell me about a time you failed.");
        has("2025-03-05 00:30 (UTC+01:00)");
        has("tiny.en");
        // Scores and verdict.
        has("79");
        has("66");
        has("92");
        has("Solid: a couple of things will lift it");
        // Every "next time" tip, every metric's norm and tip.
        // Report texts as each format writes them (HTML escapes its quotes).
        let said = |s: &str| match format {
            "html" => s.replace('"', "&quot;").replace('\'', "&#39;"),
            _ => s.to_owned(),
        };
        for t in &report.next_time {
            has(&said(&t.text));
        }
        let d = &report.delivery;
        for s in [
            &d.pace.norm,
            &d.pace.tip,
            &d.pausing.tip,
            &d.hedges.tip,
            &d.repetitions.tip,
            &d.length.as_ref().unwrap().tip,
            &d.pitch.tip,
            &d.energy.tip,
        ] {
            has(&said(s));
        }
        has("176 words per minute");
        has("100–165");
        has("6.6 per minute");
        for f in &d.fillers.items {
            has(&format!(" {}", f.text));
        }
        has("so ×1, uh ×1, um ×1");
        // The long pause: when and how long.
        has("00:10");
        has("0.4 s");
        has("27 s");
        has("90–180 s");
        has("1.6 semitones");
        // Content: STAR shares, every key point with its quote, impact, flags.
        has("Action: 46 % of the answer");
        has("Task → Action → Result → Lesson");
        let c = report.content.as_ref().unwrap();
        for k in &c.key_points {
            has(&k.text);
            has(&k.evidence.as_ref().unwrap().quote);
        }
        has("zero-day");
        has("About 27 s; aim for 90–180 s");
        has("5 actions with “I”, 2 with “we” (71 % “I”)");
        // Notes with their times.
        has("00:12");
        has("Slow down here");
        has("Whole attempt");
        has("Good story overall");
    }
}

#[test]
fn markdown_marks_fillers_in_bold_and_long_pauses_inline() {
    let mut report = fixture();
    report.delivery.pauses[1].long = true;
    let md = render::markdown(&input(&report, &[]));
    assert!(
        md.starts_with("# Tell me about a time you failed.\n"),
        "{md}"
    );
    assert!(md.contains("**So,** **um,** in my second year"), "{md}");
    assert!(
        md.contains("missed it three weeks. `⏸ 0.4 s` **Uh,** I told"),
        "{md}"
    );
    assert!(
        md.contains("*Legend:* **bold** = filler, _italic_ = hedge"),
        "{md}"
    );
    assert!(md.contains("| 00:10 | 0.4 s | *long* |"), "{md}");
    assert!(md.contains("When: 00:00 so, 00:00 um, 00:10 uh"), "{md}");
    assert!(
        md.contains(
            "- [x] Owns the failure personally instead of deflecting blame — “I owned” at 00:02"
        ),
        "{md}"
    );
    assert!(md.contains("- [ ] Situation: 0 % of the answer"), "{md}");
    assert!(md.contains("- **Overall: 79 / 100** — Solid"), "{md}");
}

#[test]
fn html_is_one_self_contained_page_with_marks_and_chips() {
    let mut report = fixture();
    report.delivery.pauses[1].long = true;
    let html = render::html(&input(&report, &[]));
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.trim_end().ends_with("</html>"));
    assert!(
        html.contains("<mark class=\"filler\">So,</mark> <mark class=\"filler\">um,</mark> in my")
    );
    assert!(html.contains(
        "three weeks. <span class=\"pause\">⏸ 0.4 s</span> <mark class=\"filler\">Uh,</mark>"
    ));
    assert!(html.contains("@media (prefers-color-scheme: dark)"));
    assert!(html.contains("@media print"));
    assert!(html.contains("<q>I owned</q>"));
    // Nothing runs and nothing is fetched.
    let lower = html.to_lowercase();
    for banned in [
        "<script",
        "<link",
        "<img",
        "<iframe",
        "http://",
        "https://",
        "url(",
        "@import",
        "@font-face",
    ] {
        assert!(!lower.contains(banned), "HTML contains {banned:?}");
    }
    assert_eq!(lower.matches("<style>").count(), 1);
}

#[test]
fn transcript_and_notes_are_escaped_in_both_formats() {
    let mut report = fixture();
    let evil = "<script>alert('x')</script>";
    report.transcript.words[2].text = evil.into();
    report.transcript.words[3].text = "R&D".into();
    let notes = [note(
        1,
        Some(3.0),
        "Ask <b>Sam</b> & <script>steal()</script>\n- not a list",
    )];
    let input = input(&report, &notes);

    let html = render::html(&input);
    assert!(!html.contains("<script"), "raw script tag in HTML");
    assert!(!html.contains("<b>Sam"), "raw tag from a note in HTML");
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; R&amp;D second"));
    assert!(html.contains(
        "Ask &lt;b&gt;Sam&lt;/b&gt; &amp; &lt;script&gt;steal()&lt;/script&gt;\n- not a list"
    ));

    let md = render::markdown(&input);
    // Every `<` is backslash-escaped, so no renderer reads a tag.
    assert!(
        !md.replace("\\<", "").contains('<'),
        "unescaped < in Markdown"
    );
    assert!(
        md.contains("\\<script\\>alert('x')\\</script\\> R\\&D second"),
        "{md}"
    );
    // The note's second line stays inside its list item and does not start a list of its own.
    assert!(md.contains("- **00:03** Ask \\<b\\>Sam\\</b\\> \\& \\<script\\>steal()\\</script\\>\\\n  \\- not a list"), "{md}");
}

fn word(text: &str, start_s: f64) -> Word {
    Word {
        text: text.into(),
        start_s,
        end_s: start_s + 0.3,
        probability: 0.9,
        filler: false,
    }
}

#[test]
fn hedges_are_marked_and_audio_only_fillers_shown_where_heard() {
    let mut report = fixture();
    let words = vec![
        word("I", 0.5),
        word("think", 0.8),
        word("we", 1.1),
        word("shipped", 1.4),
        word("um,", 1.8),
        word("maybe", 2.2),
        word("on", 3.4),
        word("time.", 3.7),
    ];
    report.transcript = Transcript {
        text: "I think we shipped um, maybe on time.".into(),
        words,
    };
    let d = &mut report.delivery;
    d.fillers.items = vec![
        FillerItem {
            text: "um".into(),
            start_s: 1.75,
            end_s: 2.0,
            source: FillerSource::Transcript,
        },
        FillerItem {
            text: "uh".into(),
            start_s: 2.7,
            end_s: 3.1,
            source: FillerSource::Audio,
        },
    ];
    d.hedges.items = vec![
        TextItem {
            text: "i think".into(),
            start_s: 0.45,
            end_s: 1.05,
        },
        TextItem {
            text: "maybe".into(),
            start_s: 2.2,
            end_s: 2.5,
        },
    ];
    d.pauses.clear();
    let input = input(&report, &[]);
    let md = render::markdown(&input);
    assert!(
        md.contains("_I think_ we shipped **um,** _maybe_ **(uh)** on time."),
        "{md}"
    );
    let html = render::html(&input);
    assert!(
        html.contains(
            "<mark class=\"hedge\">I think</mark> we shipped <mark class=\"filler\">um,</mark> \
             <mark class=\"hedge\">maybe</mark> <mark class=\"filler heard\" title=\"heard in the audio only\">(uh)</mark> on time."
        ),
        "{html}"
    );
    assert!(html.contains("uh (heard in the audio)"));
}

#[test]
fn without_a_card_there_is_no_content_section() {
    let mut report = fixture();
    report.question = None;
    report.content = None;
    report.overall.content_score = None;
    let input = DocumentInput {
        report: &report,
        taken_at: None,
        utc_offset_s: 0,
        notes: &[],
    };
    let md = render::markdown(&input);
    assert!(md.starts_with("# Free practice\n"));
    assert!(md.contains("**Content: not scored**"));
    assert!(!md.contains("## Content"));
    assert!(!md.contains("**Date:**"));
    assert!(!md.contains("## Notes"));
    let html = render::html(&input);
    assert!(!html.contains("id=\"content\""));
    assert!(html.contains("Not scored: no question card"));
}

#[test]
fn formats_parse_by_name() {
    assert_eq!(
        "markdown".parse::<DocumentFormat>().unwrap(),
        DocumentFormat::Markdown
    );
    assert_eq!(
        "md".parse::<DocumentFormat>().unwrap(),
        DocumentFormat::Markdown
    );
    assert_eq!(
        "HTML".parse::<DocumentFormat>().unwrap(),
        DocumentFormat::Html
    );
    let err = "pdf".parse::<DocumentFormat>().unwrap_err().to_string();
    assert!(err.contains("\"pdf\"") && err.contains("markdown"), "{err}");
}

#[test]
fn write_document_writes_whole_files_and_nothing_else() {
    let report = fixture();
    let notes = [note(1, None, "keep")];
    let input = input(&report, &notes);
    let dir = tempfile::tempdir().unwrap();
    let md_path = dir.path().join("report.md");
    let html_path = dir.path().join("report.html");
    render::write_document(&input, DocumentFormat::Markdown, &md_path).unwrap();
    render::write_document(&input, DocumentFormat::Html, &html_path).unwrap();
    assert_eq!(
        std::fs::read_to_string(&md_path).unwrap(),
        render::markdown(&input)
    );
    assert_eq!(
        std::fs::read_to_string(&html_path).unwrap(),
        render::html(&input)
    );
    // Writing again replaces the file; no temporary file is left behind.
    std::fs::write(&md_path, "old and much longer content ".repeat(10_000)).unwrap();
    render::write_document(&input, DocumentFormat::Markdown, &md_path).unwrap();
    assert_eq!(
        std::fs::read_to_string(&md_path).unwrap(),
        render::markdown(&input)
    );
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["report.html", "report.md"]);
}

#[test]
fn write_document_names_the_missing_folder() {
    let report = fixture();
    let input = input(&report, &[]);
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-folder");
    let out = missing.join("report.html");
    let err = render::write_document(&input, DocumentFormat::Html, &out).unwrap_err();
    assert!(matches!(err, RenderError::MissingFolder { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains(&out.display().to_string()), "{msg}");
    assert!(msg.contains(&missing.display().to_string()), "{msg}");
    assert!(!missing.exists());

    let err = render::write_document(&input, DocumentFormat::Html, dir.path()).unwrap_err();
    assert!(matches!(err, RenderError::NotAFile { .. }), "{err:?}");
    assert!(err.to_string().contains(&dir.path().display().to_string()));
}

fn rehearse(data: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_rehearse"))
        .args(args)
        .env("REHEARSE_DATA_DIR", data)
        .env_remove("RUST_LOG")
        .output()
        .unwrap()
}

#[test]
fn cli_exports_a_stored_attempt_with_its_notes() {
    use rehearse::store::{NewAttempt, Store};
    let data = tempfile::tempdir().unwrap();
    let report = fixture();
    let (done, empty) = {
        let store = Store::open(data.path().join("rehearse.db")).unwrap();
        let new = NewAttempt {
            card_id: Some("tell-me-about-a-time-you-failed".into()),
            question: "Tell me about a time you failed.".into(),
            model: Some("tiny.en".into()),
            recording_rel_path: None,
        };
        let done = store.begin_attempt(&new).unwrap();
        let value = serde_json::to_value(&report).unwrap();
        store
            .finish_attempt(done, &value, &report.transcript)
            .unwrap();
        store
            .add_note(done, Some(12.5), "Ask <b>Sam</b> & co")
            .unwrap();
        let empty = store.begin_attempt(&new).unwrap();
        (done.to_string(), empty.to_string())
    };
    let out = data.path().join("report.html");
    let run = rehearse(
        data.path(),
        &[
            "attempts",
            "export",
            &done,
            "--format",
            "html",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("Ask &lt;b&gt;Sam&lt;/b&gt; &amp; co"));
    assert!(html.contains("<span class=\"time\">00:12</span>"));
    assert!(html.contains("<mark class=\"filler\">um,</mark>"));

    let md = data.path().join("report.md");
    let run = rehearse(
        data.path(),
        &[
            "attempts",
            "export",
            &done,
            "--format",
            "md",
            "--out",
            md.to_str().unwrap(),
        ],
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(text.contains("- **Overall: 79 / 100**"));
    assert!(text.contains("- **00:12** Ask \\<b\\>Sam\\</b\\> \\& co"));

    let missing = data.path().join("nope").join("report.md");
    let run = rehearse(
        data.path(),
        &[
            "attempts",
            "export",
            &done,
            "--format",
            "markdown",
            "--out",
            missing.to_str().unwrap(),
        ],
    );
    assert!(!run.status.success());
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains(&missing.display().to_string()), "{err}");

    let run = rehearse(
        data.path(),
        &[
            "attempts",
            "export",
            &empty,
            "--format",
            "html",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(!run.status.success());
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains(&format!("attempt {empty} has no report")),
        "{err}"
    );

    let run = rehearse(
        data.path(),
        &[
            "attempts",
            "export",
            &done,
            "--format",
            "pdf",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(!run.status.success());
    assert!(String::from_utf8_lossy(&run.stderr).contains("unknown document format \"pdf\""));
}

/// Equal JSON, numbers within float precision (word probabilities are f32 in Rust).
fn same_json(a: &serde_json::Value, b: &serde_json::Value, at: &str) {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            assert!((x - y).abs() <= 1e-6 * x.abs().max(1.0), "{at}: {x} != {y}");
        }
        (Value::Array(x), Value::Array(y)) => {
            assert_eq!(x.len(), y.len(), "{at}: lengths differ");
            for (i, (x, y)) in x.iter().zip(y).enumerate() {
                same_json(x, y, &format!("{at}[{i}]"));
            }
        }
        (Value::Object(x), Value::Object(y)) => {
            let keys = |m: &serde_json::Map<String, Value>| m.keys().cloned().collect::<Vec<_>>();
            assert_eq!(keys(x), keys(y), "{at}: fields differ");
            for (k, v) in x {
                same_json(v, &y[k], &format!("{at}.{k}"));
            }
        }
        _ => assert_eq!(a, b, "{at}"),
    }
}

#[test]
fn stored_reports_read_back_without_losing_anything() {
    let stored: serde_json::Value =
        serde_json::from_str(include_str!("../ui/src/fixtures/report.json")).unwrap();
    let report: Report = serde_json::from_value(stored.clone()).unwrap();
    same_json(&serde_json::to_value(&report).unwrap(), &stored, "report");
}
