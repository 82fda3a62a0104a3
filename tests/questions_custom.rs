//! Custom cards: errors that name field and line, the card store, import and export.

use rehearse::questions::import_export::{
    export_json, export_markdown, parse_cards, parse_markdown, read_cards_file, Format,
};
use rehearse::questions::parse::{parse_json, parse_toml, to_toml};
use rehearse::questions::{bank, Card, CardError, CustomCards, Slug};

const SEED: &str = "tell-me-about-a-time-you-failed";

fn seed_src() -> &'static str {
    bank::files()
        .iter()
        .find(|(n, _)| *n == format!("{SEED}.toml"))
        .expect("seed card file")
        .1
}

/// A custom card: the seed card under a new id.
fn custom(id: &str) -> Card {
    let mut c = bank::get(SEED).unwrap().clone();
    c.id = Slug::parse(id).unwrap();
    c.question = format!("Custom question {id}?");
    c
}

fn line_of(src: &str, needle: &str) -> usize {
    src.lines().position(|l| l.contains(needle)).expect(needle) + 1
}

fn invalid(e: CardError) -> (usize, String, String) {
    match e {
        CardError::Invalid {
            line,
            field,
            message,
            ..
        } => (line, field, message),
        other => panic!("expected an Invalid error, got {other}"),
    }
}

#[test]
fn toml_errors_name_the_field_and_line() {
    let src = seed_src();
    // An upper-case cue, deep inside the second key point.
    let bad = src.replacen("\"i informed\"", "\"I Informed\"", 1);
    let (line, field, message) = invalid(parse_toml("bad.toml", &bad).unwrap_err());
    assert_eq!(line, line_of(&bad, "I Informed"));
    assert_eq!(field, "key_points[1].cues[1]");
    assert!(message.contains("lower case"), "{message}");

    // A misspelt leadership principle.
    let bad = src.replacen("\"Customer Obsession\"", "\"Customer Obsesion\"", 1);
    let (line, field, message) = invalid(parse_toml("bad.toml", &bad).unwrap_err());
    assert_eq!(
        (line, field.as_str()),
        (line_of(&bad, "Obsesion"), "leadership_principles[1]")
    );
    assert!(message.contains("Customer Obsesion"), "{message}");

    // Too few follow-ups.
    let start = src.find("follow_ups = [").unwrap();
    let end = start + src[start..].find("]\n").unwrap() + 2;
    let bad = format!("{}follow_ups = [\"Why?\"]\n{}", &src[..start], &src[end..]);
    let (line, field, message) = invalid(parse_toml("bad.toml", &bad).unwrap_err());
    assert_eq!(
        (line, field.as_str()),
        (line_of(&bad, "follow_ups ="), "follow_ups")
    );
    assert!(
        message.contains("has 1 follow-up questions; a card needs 2 to 3"),
        "{message}"
    );

    // A missing required field, and a syntax error.
    let bad: String = src
        .lines()
        .filter(|l| !l.starts_with("why_asked"))
        .map(|l| format!("{l}\n"))
        .collect();
    let (_, _, message) = invalid(parse_toml("bad.toml", &bad).unwrap_err());
    assert!(message.contains("missing field `why_asked`"), "{message}");
    let bad = src.replacen("difficulty = \"medium\"", "difficulty = medium", 1);
    let (line, field, _) = invalid(parse_toml("bad.toml", &bad).unwrap_err());
    assert_eq!(
        (line, field.as_str()),
        (line_of(&bad, "difficulty = medium"), "(syntax)")
    );

    // The Display form carries all of it.
    let bad = src.replacen("\"i informed\"", "\"i*nformed\"", 1);
    let text = parse_toml("cards/x.toml", &bad).unwrap_err().to_string();
    assert!(
        text.starts_with(&format!(
            "cards/x.toml: line {}, column",
            line_of(&bad, "i*nformed")
        )),
        "{text}"
    );
    assert!(text.contains("key_points[1].cues[1]"), "{text}");
}

#[test]
fn json_errors_name_the_card_field_and_line() {
    let cards = vec![custom("first-card"), custom("second-card")];
    let json = export_json(&cards);
    assert_eq!(parse_json("x.json", &json).unwrap(), cards);
    let bad = json.replacen("\"difficulty\": \"medium\"", "\"difficulty\": \"medum\"", 2);
    let bad = bad.replacen("\"difficulty\": \"medum\"", "\"difficulty\": \"medium\"", 1);
    let (line, field, message) = invalid(parse_json("x.json", &bad).unwrap_err());
    let second = bad.match_indices("\"medum\"").next().unwrap().0;
    assert_eq!(line, bad[..second].matches('\n').count() + 1);
    assert_eq!(field, "cards[1].difficulty");
    assert!(message.contains("unknown variant `medum`"), "{message}");
}

#[test]
fn custom_cards_are_created_edited_and_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let store = CustomCards::at(dir.path().join("cards"));
    assert!(store.load().unwrap().cards.is_empty());

    let card = custom("my-own-failure");
    let path = store.create(&card).unwrap();
    assert_eq!(path, dir.path().join("cards/my-own-failure.toml"));
    assert_eq!(store.get("my-own-failure").unwrap(), card);
    assert!(matches!(
        store.create(&card),
        Err(CardError::AlreadyExists(_))
    ));

    let mut edited = card.clone();
    edited.difficulty = rehearse::questions::Difficulty::Hard;
    store.update(&edited).unwrap();
    assert_eq!(
        store.get("my-own-failure").unwrap().difficulty,
        edited.difficulty
    );
    assert!(matches!(
        store.update(&custom("not-there")),
        Err(CardError::NotFound(_))
    ));

    // Built-in ids are off limits for every operation.
    let builtin = bank::get(SEED).unwrap().clone();
    assert!(matches!(
        store.create(&builtin),
        Err(CardError::CollidesWithBank(_))
    ));
    assert!(matches!(store.delete(SEED), Err(CardError::BuiltIn(_))));
    assert!(matches!(
        store.get("../escape"),
        Err(CardError::NotFound(_))
    ));

    store.delete("my-own-failure").unwrap();
    assert!(matches!(
        store.get("my-own-failure"),
        Err(CardError::NotFound(_))
    ));
    assert!(matches!(
        store.delete("my-own-failure"),
        Err(CardError::NotFound(_))
    ));
}

#[test]
fn a_bad_custom_file_is_reported_with_its_line_and_the_others_still_load() {
    let dir = tempfile::tempdir().unwrap();
    let store = CustomCards::at(dir.path());
    store.create(&custom("good-card")).unwrap();
    let bad = to_toml(&custom("bad-card")).replacen("star = true", "star = \"yes\"", 1);
    std::fs::write(dir.path().join("bad-card.toml"), &bad).unwrap();
    let misnamed = to_toml(&custom("real-id"));
    std::fs::write(dir.path().join("other-name.toml"), &misnamed).unwrap();

    let loaded = store.load().unwrap();
    assert_eq!(loaded.cards.len(), 1);
    assert_eq!(loaded.problems.len(), 2);
    let text: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
    let star_line = line_of(&bad, "star = \"yes\"");
    assert!(
        text[0].contains(&format!("bad-card.toml: line {star_line}, column")),
        "{}",
        text[0]
    );
    assert!(text[0].contains(": star: "), "{}", text[0]);
    assert!(
        text[1].contains("id \"real-id\" must equal the file name \"other-name\""),
        "{}",
        text[1]
    );
}

#[test]
fn import_is_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = CustomCards::at(dir.path().join("cards"));
    let files = tempfile::tempdir().unwrap();

    // One invalid card among valid ones: nothing is written, and the error names it.
    let good = [
        custom("import-one"),
        custom("import-two"),
        custom("import-three"),
    ];
    let json = export_json(&good).replacen("\"text\": \"Owns", "\"text\": \"\", \"x\": \"Owns", 1);
    let path = files.path().join("cards.json");
    std::fs::write(&path, &json).unwrap();
    let err = read_cards_file(&path).unwrap_err();
    let (_, field, _) = invalid(err);
    assert_eq!(field, "cards[0].key_points[0].text");
    assert!(!store.dir().exists() || store.load().unwrap().cards.is_empty());

    // Valid cards, but one collides with a built-in card: nothing is written.
    let mut clash = bank::get(SEED).unwrap().clone();
    clash.question = "A changed question".into();
    let err = store
        .import(&[good[0].clone(), clash, good[1].clone()], false)
        .unwrap_err();
    assert!(
        matches!(err, CardError::CollidesWithBank(ref id) if id == SEED),
        "{err}"
    );
    assert!(!store.dir().exists() || store.load().unwrap().cards.is_empty());

    // The same id twice in one import is refused too.
    let err = store
        .import(&[good[0].clone(), good[0].clone()], false)
        .unwrap_err();
    assert!(matches!(err, CardError::DuplicateInImport(_)), "{err}");

    // A clean import writes everything; again without --replace writes nothing.
    let out = store.import(&good, false).unwrap();
    assert_eq!(out.written.len(), 3);
    let mut again = good.to_vec();
    again[2].difficulty = rehearse::questions::Difficulty::Easy;
    again.push(custom("import-four"));
    assert!(matches!(
        store.import(&again, false),
        Err(CardError::AlreadyExists(_))
    ));
    assert_eq!(store.load().unwrap().cards.len(), 3);
    assert!(store.get("import-four").is_err());
    let out = store.import(&again, true).unwrap();
    assert_eq!(out.written.len(), 4);
    assert_eq!(
        store.get("import-three").unwrap().difficulty,
        again[2].difficulty
    );
    // No temporary files are left behind.
    let leftovers: Vec<_> = std::fs::read_dir(store.dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".toml") || n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // Re-importing an export of the whole library skips the unchanged built-in cards.
    let whole: Vec<Card> = bank::cards()
        .iter()
        .take(3)
        .cloned()
        .chain([custom("import-five")])
        .collect();
    let out = store.import(&whole, false).unwrap();
    assert_eq!((out.written.len(), out.unchanged_builtin.len()), (1, 3));
}

#[test]
fn every_bank_card_round_trips_through_json_markdown_and_toml() {
    let cards: Vec<Card> = bank::cards().to_vec();
    assert_eq!(parse_json("all.json", &export_json(&cards)).unwrap(), cards);
    let md = export_markdown(&cards);
    assert_eq!(parse_markdown("all.md", &md).unwrap(), cards);
    for c in &cards {
        assert_eq!(&parse_toml("c.toml", &to_toml(c)).unwrap(), c);
    }
    // A single card as a JSON object also reads.
    let one = serde_json::to_string(&cards[0]).unwrap();
    assert_eq!(
        parse_cards("one.json", &one, Format::Json).unwrap(),
        vec![cards[0].clone()]
    );
}

#[test]
fn markdown_errors_point_at_the_line() {
    let md = export_markdown(&[custom("md-one"), custom("md-two")]);
    // Break the second card's difficulty and a cue of its first mistake.
    let second = md.find("# Custom question md-two?").unwrap();
    let (head, tail) = md.split_at(second);
    let bad = format!(
        "{head}{}",
        tail.replacen("- difficulty: medium", "- difficulty: impossible", 1)
    );
    let (line, field, message) = invalid(parse_markdown("x.md", &bad).unwrap_err());
    assert_eq!(line, head.lines().count() + line_of(tail, "- difficulty:"));
    assert_eq!(field, "difficulty");
    assert!(message.contains("impossible"), "{message}");

    let bad_tail = tail.replacen("\"their fault\"", "\"Their Fault\"", 1);
    let bad = format!("{head}{bad_tail}");
    let (line, field, _) = invalid(parse_markdown("x.md", &bad).unwrap_err());
    assert_eq!(
        line,
        head.lines().count() + line_of(&bad_tail, "Their Fault")
    );
    assert_eq!(field, "mistakes[1].cues[1]");

    let bad = md.replacen("## Sample answer", "## Sample answr", 1);
    let (line, _, message) = invalid(parse_markdown("x.md", &bad).unwrap_err());
    assert_eq!(line, line_of(&bad, "## Sample answr"));
    assert!(message.contains("unknown section"), "{message}");
}
