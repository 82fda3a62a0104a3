//! Question cards: the bank and the user's own, import/export, and what to practise next.

use super::{blocking, msg, CmdResult};
use crate::state::{lock, AppState};
use rehearse::questions::{self, import_export, Card, CustomCards, Origin};
use rehearse::store::Suggestion;
use serde::Serialize;
use std::path::PathBuf;
use tauri::State;

#[derive(Debug, Serialize)]
pub struct LibraryCard {
    pub card: Card,
    pub origin: Origin,
}

#[tauri::command]
pub async fn list_cards() -> CmdResult<Vec<LibraryCard>> {
    blocking(|| {
        let lib = questions::all().map_err(msg)?;
        for p in &lib.problems {
            // A broken custom file must not hide the library; it is logged and left on disk.
            tracing::warn!(problem = %p, "a custom card file did not load");
        }
        Ok(lib
            .cards
            .into_iter()
            .map(|(card, origin)| LibraryCard { card, origin })
            .collect())
    })
    .await
}

/// Creates a custom card or replaces one with the same id.
#[tauri::command]
pub async fn save_card(card: serde_json::Value) -> CmdResult<LibraryCard> {
    blocking(move || {
        let card: Card = serde_path_to_error::deserialize(card)
            .map_err(|e| format!("the card is not valid: {e}"))?;
        let custom = CustomCards::open();
        let exists = custom.get(card.id.as_str()).is_ok();
        if exists {
            custom.update(&card).map_err(msg)?;
        } else {
            custom.create(&card).map_err(msg)?;
        }
        Ok(LibraryCard {
            card,
            origin: Origin::Custom,
        })
    })
    .await
}

#[tauri::command]
pub async fn delete_card(id: String) -> CmdResult<()> {
    blocking(move || CustomCards::open().delete(&id).map_err(msg)).await
}

/// Imports every card of a JSON or Markdown file, all or nothing; returns the new ids.
#[tauri::command]
pub async fn import_cards(path: PathBuf) -> CmdResult<Vec<String>> {
    blocking(move || {
        let cards = import_export::read_cards_file(&path).map_err(msg)?;
        let outcome = CustomCards::open().import(&cards, false).map_err(msg)?;
        Ok(outcome
            .written
            .iter()
            .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .collect())
    })
    .await
}

/// Writes cards (all custom ones, or the given ids) as JSON, or Markdown for a `.md` path.
#[tauri::command]
pub async fn export_cards(path: PathBuf, ids: Option<Vec<String>>) -> CmdResult<usize> {
    blocking(move || {
        let lib = questions::all().map_err(msg)?;
        let cards: Vec<Card> = lib
            .cards
            .into_iter()
            .filter(|(c, origin)| match &ids {
                Some(ids) => ids.iter().any(|i| i == c.id.as_str()),
                None => *origin == Origin::Custom,
            })
            .map(|(c, _)| c)
            .collect();
        if cards.is_empty() {
            return Err("there are no cards to export".into());
        }
        let markdown = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
        let text = if markdown {
            import_export::export_markdown(&cards)
        } else {
            import_export::export_json(&cards)
        };
        std::fs::write(&path, text)
            .map_err(|e| format!("could not write {}: {e}", path.display()))?;
        Ok(cards.len())
    })
    .await
}

/// The review schedule over every card: due ones first, then new ones.
#[tauri::command]
pub async fn practise_next(state: State<'_, AppState>, limit: usize) -> CmdResult<Vec<Suggestion>> {
    let ids: Vec<String> = questions::all()
        .map_err(msg)?
        .cards
        .into_iter()
        .map(|(c, _)| c.id.to_string())
        .collect();
    let store = lock(&state.store);
    let mut s = store.practise_next(&ids, chrono::Utc::now()).map_err(msg)?;
    s.truncate(limit);
    Ok(s)
}
