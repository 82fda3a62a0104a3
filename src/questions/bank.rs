//! The built-in question bank: the card files under `src/questions/bank/`, embedded at build time.

use super::card::Card;
use super::parse::{line_starting_with, parse_toml, CardError};
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/bank_files.rs"));

/// The embedded card files as (file name, contents), sorted by file name.
pub fn files() -> &'static [(&'static str, &'static str)] {
    BANK_FILES
}

/// Parses and checks every embedded card: format rules, id = file stem, ids unique.
/// Returns every problem found, not only the first.
pub fn load() -> Result<Vec<Card>, Vec<CardError>> {
    let mut cards: Vec<(&str, Card)> = Vec::new();
    let mut problems = Vec::new();
    for (name, src) in files() {
        let card = match parse_toml(name, src) {
            Ok(card) => card,
            Err(e) => {
                problems.push(e);
                continue;
            }
        };
        let stem = name.trim_end_matches(".toml");
        if card.id.as_str() != stem {
            problems.push(CardError::IdNotFileName {
                source_name: name.to_string(),
                line: line_starting_with(src, "id"),
                id: card.id.to_string(),
                stem: stem.to_string(),
            });
        }
        if let Some((other, _)) = cards.iter().find(|(_, c)| c.id == card.id) {
            problems.push(CardError::DuplicateId {
                source_name: name.to_string(),
                line: line_starting_with(src, "id"),
                id: card.id.to_string(),
                other: other.to_string(),
            });
        }
        cards.push((name, card));
    }
    if problems.is_empty() {
        Ok(cards.into_iter().map(|(_, c)| c).collect())
    } else {
        Err(problems)
    }
}

/// The bank's cards, parsed once. A card that fails its checks is left out and logged;
/// the bank test keeps that from shipping.
pub fn cards() -> &'static [Card] {
    static CARDS: OnceLock<Vec<Card>> = OnceLock::new();
    CARDS.get_or_init(|| {
        let mut cards = Vec::new();
        for (name, src) in files() {
            match parse_toml(name, src) {
                Ok(card) if cards.iter().any(|c: &Card| c.id == card.id) => {
                    tracing::error!(file = name, id = %card.id, "duplicate card id in the bank; skipped");
                }
                Ok(card) => cards.push(card),
                Err(e) => tracing::error!("skipping a bad bank card: {e}"),
            }
        }
        cards
    })
}

/// A built-in card by id.
pub fn get(id: &str) -> Option<&'static Card> {
    cards().iter().find(|c| c.id == *id)
}
