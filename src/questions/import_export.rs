//! Card files in and out: TOML (one card), JSON (one card, a list, or the export object) and
//! Markdown (readable, and read back by the importer).

use super::card::Card;
use super::parse::{parse_json, parse_toml, CardError};
use serde::Serialize;
use std::fmt::Write as _;
use std::path::Path;

pub use super::markdown::parse_markdown;

/// The `schema` value of a JSON export.
pub const EXPORT_SCHEMA: &str = "rehearse.cards/1";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Json,
    Markdown,
}

impl Format {
    /// The format a file name implies.
    pub fn from_path(path: &Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "toml" => Some(Format::Toml),
            "json" => Some(Format::Json),
            "md" | "markdown" => Some(Format::Markdown),
            _ => None,
        }
    }
}

/// Reads every card in a file; the first bad value fails the whole file.
pub fn read_cards_file(path: &Path) -> Result<Vec<Card>, CardError> {
    let name = path.display().to_string();
    let format = Format::from_path(path).ok_or_else(|| CardError::UnknownFormat(name.clone()))?;
    let src = std::fs::read_to_string(path).map_err(|e| CardError::io(path, e))?;
    let cards = parse_cards(&name, &src, format)?;
    if cards.is_empty() {
        return Err(CardError::NoCards(name));
    }
    Ok(cards)
}

pub fn parse_cards(source_name: &str, src: &str, format: Format) -> Result<Vec<Card>, CardError> {
    match format {
        Format::Toml => parse_toml(source_name, src).map(|c| vec![c]),
        Format::Json => parse_json(source_name, src),
        Format::Markdown => parse_markdown(source_name, src),
    }
}

/// `{"schema": "rehearse.cards/1", "cards": [...]}`, pretty-printed.
pub fn export_json(cards: &[Card]) -> String {
    #[derive(Serialize)]
    struct Export<'a> {
        schema: &'a str,
        cards: &'a [Card],
    }
    serde_json::to_string_pretty(&Export {
        schema: EXPORT_SCHEMA,
        cards,
    })
    .expect("cards serialise to JSON")
}

/// A readable Markdown document, one `# question` section per card, that the importer reads back.
pub fn export_markdown(cards: &[Card]) -> String {
    let mut out = String::new();
    for (i, card) in cards.iter().enumerate() {
        if i > 0 {
            out.push_str("\n---\n\n");
        }
        write_card(&mut out, card);
    }
    out
}

fn ticks<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn write_card(out: &mut String, card: &Card) {
    let w = &mut *out;
    let _ = writeln!(w, "# {}\n", card.question.trim());
    let _ = writeln!(w, "- id: `{}`", card.id);
    let _ = writeln!(w, "- category: {}", card.category);
    let _ = writeln!(w, "- difficulty: {}", card.difficulty.as_str());
    let lps = ticks(card.leadership_principles.iter().map(|p| p.name()));
    let _ = writeln!(w, "- leadership principles: {lps}");
    let _ = writeln!(w, "- tags: {}", ticks(card.tags.iter().map(|t| t.as_str())));
    let _ = writeln!(w, "- STAR answer: {}", if card.star { "yes" } else { "no" });
    let _ = writeln!(
        w,
        "- target length: {}-{} s",
        card.target_length.min_s, card.target_length.max_s
    );
    let _ = writeln!(w, "\n## Prompt\n\n{}\n", card.prompt.trim());
    let _ = writeln!(
        w,
        "## Why interviewers ask this\n\n{}\n",
        card.why_asked.trim()
    );
    let _ = writeln!(w, "## How to answer\n");
    for (k, step) in card.how_to_answer.iter().enumerate() {
        let _ = writeln!(w, "{}. {}", k + 1, step.trim());
    }
    let _ = writeln!(w, "\n## Key points\n");
    write_rubric(w, &card.key_points);
    let _ = writeln!(w, "## Sample answer\n\n{}\n", card.sample_answer.trim());
    let _ = writeln!(w, "## Common mistakes\n");
    write_rubric(w, &card.mistakes);
    let _ = writeln!(w, "## Follow-up questions\n");
    for q in &card.follow_ups {
        let _ = writeln!(w, "- {}", q.trim());
    }
}

fn write_rubric(w: &mut String, items: &[super::card::RubricItem]) {
    for item in items {
        let cues: Vec<String> = item.cues.iter().map(|c| format!("\"{c}\"")).collect();
        let _ = writeln!(w, "- **{}**: {}", item.id, item.text.trim());
        let _ = writeln!(w, "  cues: {}", cues.join(", "));
    }
    w.push('\n');
}
