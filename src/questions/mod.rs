//! Question cards: the model, the built-in bank, the user's custom cards, import and export.
//!
//! A card is one TOML file (`src/questions/bank/<id>.toml` for the bank, `<data dir>/cards/<id>.toml`
//! for custom cards) with `id`, `question`, `prompt`, `category`, `difficulty`,
//! `leadership_principles`, `tags`, `star`, `why_asked`, `how_to_answer` (3–6 steps),
//! `sample_answer`, `follow_ups` (2–3), `target_length = { min_s, max_s }`, and the rubric:
//! 3–6 `[[key_points]]` and 2–5 `[[mistakes]]`, each `{ id, text, cues }` with 4–12 cues.
//! Cues are lower-case phrases matched at word boundaries on normalised text; `word*` matches
//! any word starting with `word`.

pub mod bank;
pub mod card;
pub mod cues;
pub mod custom;
pub mod import_export;
mod markdown;
pub mod parse;

pub use card::{
    Card, Category, Difficulty, LeadershipPrinciple, RubricItem, Slug, Tag, TargetLength,
};
pub use custom::{CustomCards, ImportOutcome};
pub use parse::CardError;

/// Where a card comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    Bank,
    Custom,
}

/// A built-in card by id, else a custom card of the data directory.
pub fn find(id: &str) -> Result<(Card, Origin), CardError> {
    if let Some(card) = bank::get(id) {
        return Ok((card.clone(), Origin::Bank));
    }
    CustomCards::open().get(id).map(|c| (c, Origin::Custom))
}

/// Every card available: built-in and custom, with custom files that failed to load.
#[derive(Debug, Default)]
pub struct Library {
    pub cards: Vec<(Card, Origin)>,
    /// Custom card files that did not load (each error names file, line and field).
    pub problems: Vec<CardError>,
}

/// Every card: the bank's, then the custom ones that load. A bad custom file is reported in
/// `problems` so a caller can show it without losing the other cards.
pub fn all() -> Result<Library, CardError> {
    let mut cards: Vec<(Card, Origin)> = bank::cards()
        .iter()
        .map(|c| (c.clone(), Origin::Bank))
        .collect();
    let custom = CustomCards::open().load()?;
    cards.extend(custom.cards.into_iter().map(|c| (c, Origin::Custom)));
    Ok(Library {
        cards,
        problems: custom.problems,
    })
}
