//! The embedded question bank obeys the card format, and covers what the product promises.

use rehearse::questions::{bank, Category, LeadershipPrinciple};
use std::collections::BTreeSet;

#[test]
fn every_bank_card_is_valid() {
    let cards = match bank::load() {
        Ok(cards) => cards,
        Err(problems) => {
            let list: Vec<String> = problems.iter().map(|p| format!("  {p}")).collect();
            panic!(
                "{} problem(s) in the bank:\n{}",
                problems.len(),
                list.join("\n")
            );
        }
    };
    // The rules serde cannot see: the sample answer's length and the story it tells.
    let mut problems = Vec::new();
    for c in &cards {
        let words = c.sample_answer.split_whitespace().count();
        if !(150..=300).contains(&words) {
            problems.push(format!(
                "{}.toml: sample_answer: {words} words; the format asks for 150–300",
                c.id
            ));
        }
        if c.star && !c.sample_answer.chars().any(|ch| ch.is_ascii_digit()) {
            let has_number_word = [
                "percent", "half", "two", "three", "four", "five", "ten", "twenty",
            ]
            .iter()
            .any(|w| c.sample_answer.to_lowercase().contains(w));
            if !has_number_word {
                problems.push(format!(
                    "{}.toml: sample_answer: no number in the result",
                    c.id
                ));
            }
        }
        if c.target_length.min_s < 30 {
            problems.push(format!(
                "{}.toml: target_length: min_s {} is too short for an answer",
                c.id, c.target_length.min_s
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(
        cards.len(),
        bank::cards().len(),
        "bank::cards() dropped a card that load() accepts"
    );
}

#[test]
fn every_card_file_in_the_folder_is_embedded() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/questions/bank");
    let on_disk: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    let embedded: BTreeSet<String> = bank::files().iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(embedded, on_disk);
    for (name, src) in bank::files() {
        assert_eq!(
            *src,
            std::fs::read_to_string(dir.join(name)).unwrap(),
            "{name} is stale in the build"
        );
    }
}

#[test]
fn bank_has_at_least_60_cards_covering_all_16_principles_and_the_common_questions() {
    let cards = bank::cards();
    assert!(
        cards.len() >= 60,
        "the bank has {} cards; it needs at least 60",
        cards.len()
    );
    let covered: BTreeSet<LeadershipPrinciple> = cards
        .iter()
        .flat_map(|c| c.leadership_principles.iter().copied())
        .collect();
    let missing: Vec<&str> = LeadershipPrinciple::ALL
        .iter()
        .filter(|p| !covered.contains(p))
        .map(|p| p.name())
        .collect();
    assert!(missing.is_empty(), "no card covers: {missing:?}");
    assert_eq!(LeadershipPrinciple::ALL.len(), 16);
    for needed in [
        Category::Failure,
        Category::Conflict,
        Category::Leadership,
        Category::Deadline,
        Category::Ambiguity,
        Category::Customer,
        Category::Data,
        Category::Disagreement,
        Category::Weakness,
        Category::Achievement,
        Category::General,
    ] {
        assert!(
            cards.iter().any(|c| c.category == needed),
            "no {needed} card"
        );
    }
    let seed = bank::get("tell-me-about-a-time-you-failed").expect("the seed card is in the bank");
    assert_eq!(seed.category, Category::Failure);
    assert!(
        cards.iter().filter(|c| !c.star).count() >= 2,
        "a few general (non-STAR) cards"
    );
}
