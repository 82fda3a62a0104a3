//! The `rehearse questions` and `rehearse score` commands, run as a user would.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn rehearse(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rehearse"))
        .args(args)
        .env("REHEARSE_DATA_DIR", data)
        .output()
        .expect("run rehearse")
}

fn ok(data: &Path, args: &[&str]) -> String {
    let out = rehearse(data, args);
    assert!(
        out.status.success(),
        "rehearse {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn fails(data: &Path, args: &[&str]) -> String {
    let out = rehearse(data, args);
    assert!(!out.status.success(), "rehearse {args:?} should fail");
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn list_show_and_score_from_the_command_line() {
    let data = tempfile::tempdir().unwrap();
    let list: Value =
        serde_json::from_str(&ok(data.path(), &["questions", "list", "--json"])).unwrap();
    let list = list.as_array().unwrap();
    assert!(list.len() >= 60, "{}", list.len());
    let seed = list
        .iter()
        .find(|c| c["id"] == "tell-me-about-a-time-you-failed")
        .unwrap();
    assert_eq!(seed["question"], "Tell me about a time you failed.");
    assert_eq!(seed["category"], "Failure");
    assert!(seed["leadership_principles"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p == "Ownership"));

    let filtered: Value = serde_json::from_str(&ok(
        data.path(),
        &["questions", "list", "--json", "--principle", "dive deep"],
    ))
    .unwrap();
    let filtered = filtered.as_array().unwrap();
    assert!(!filtered.is_empty() && filtered.len() < list.len());
    assert!(filtered.iter().all(|c| c["leadership_principles"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p == "Dive Deep")));

    let shown: Value = serde_json::from_str(&ok(
        data.path(),
        &[
            "questions",
            "show",
            "tell-me-about-a-time-you-failed",
            "--json",
        ],
    ))
    .unwrap();
    assert!(shown["key_points"].as_array().unwrap().len() >= 3);
    let text = ok(
        data.path(),
        &["questions", "show", "tell-me-about-a-time-you-failed"],
    );
    assert!(text.contains("Why interviewers ask this") && text.contains("Sample answer"));

    let answer = data.path().join("answer.txt");
    std::fs::write(
        &answer,
        "It wasn't my fault. The vendor didn't deliver and my manager didn't help.",
    )
    .unwrap();
    let scored: Value = serde_json::from_str(&ok(
        data.path(),
        &[
            "score",
            "--question",
            "tell-me-about-a-time-you-failed",
            "--text-file",
            answer.to_str().unwrap(),
            "--json",
        ],
    ))
    .unwrap();
    assert_eq!(scored["question"]["id"], "tell-me-about-a-time-you-failed");
    let content = &scored["content"];
    assert!(
        content["score"].as_u64().unwrap() < 30,
        "{}",
        content["score"]
    );
    for part in ["situation", "task", "action", "result", "lesson"] {
        assert!(content["star"][part].is_boolean(), "star.{part}");
    }
    assert!(content["flags"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["id"] == "blame"));
    assert_eq!(content["tips"].as_array().unwrap().len(), 3);

    let human = ok(
        data.path(),
        &[
            "score",
            "--question",
            "tell-me-about-a-time-you-failed",
            "--text",
            "I failed.",
        ],
    );
    assert!(human.contains("Content score:"), "{human}");
    let err = fails(
        data.path(),
        &["score", "--question", "no-such-card", "--text", "hi"],
    );
    assert!(err.contains("no card with id \"no-such-card\""), "{err}");
}

#[test]
fn custom_cards_from_the_command_line() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    // Start from a built-in card in TOML, under a new id.
    let toml = ok(
        d,
        &[
            "questions",
            "show",
            "conflict-with-a-coworker",
            "--format",
            "toml",
        ],
    )
    .replacen(
        "id = \"conflict-with-a-coworker\"",
        "id = \"my-conflict\"",
        1,
    );
    let file = d.join("my-conflict.toml");
    std::fs::write(&file, &toml).unwrap();
    ok(d, &["questions", "new", "--from", file.to_str().unwrap()]);
    assert!(d.join("cards/my-conflict.toml").exists());
    let err = fails(d, &["questions", "new", "--from", file.to_str().unwrap()]);
    assert!(err.contains("already exists"), "{err}");

    let edited = toml.replacen("difficulty = \"medium\"", "difficulty = \"hard\"", 1);
    std::fs::write(&file, &edited).unwrap();
    ok(
        d,
        &[
            "questions",
            "edit",
            "my-conflict",
            "--from",
            file.to_str().unwrap(),
        ],
    );
    let shown: Value =
        serde_json::from_str(&ok(d, &["questions", "show", "my-conflict", "--json"])).unwrap();
    assert_eq!(shown["difficulty"], "hard");

    // Export the custom cards as Markdown, delete, and import them back.
    let md = d.join("mine.md");
    ok(
        d,
        &[
            "questions",
            "export",
            "--custom",
            "--format",
            "markdown",
            "--out",
            md.to_str().unwrap(),
        ],
    );
    assert!(std::fs::read_to_string(&md)
        .unwrap()
        .contains("# Tell me about a time you had a conflict"));
    ok(d, &["questions", "delete", "my-conflict"]);
    assert!(!d.join("cards/my-conflict.toml").exists());
    ok(d, &["questions", "import", md.to_str().unwrap()]);
    let shown: Value =
        serde_json::from_str(&ok(d, &["questions", "show", "my-conflict", "--json"])).unwrap();
    assert_eq!(shown["difficulty"], "hard");

    // A bad import names the file, line and field, and writes nothing.
    let bad = d.join("bad.json");
    let json = ok(
        d,
        &["questions", "export", "--custom", "--id", "my-conflict"],
    )
    .replace("\"my-conflict\"", "\"second-card\"")
    .replacen("\"star\": true", "\"star\": \"yes\"", 1);
    std::fs::write(&bad, &json).unwrap();
    let err = fails(d, &["questions", "import", bad.to_str().unwrap()]);
    let line = json
        .lines()
        .position(|l| l.contains("\"star\": \"yes\""))
        .unwrap()
        + 1;
    assert!(
        err.contains(&format!("bad.json: line {line}, column")),
        "{err}"
    );
    assert!(err.contains("cards[0].star"), "{err}");
    assert!(!d.join("cards/second-card.toml").exists());

    let err = fails(
        d,
        &["questions", "delete", "tell-me-about-a-time-you-failed"],
    );
    assert!(err.contains("built in"), "{err}");
}
