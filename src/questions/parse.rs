//! Reading cards from TOML and JSON with errors that name the file, line and field.

use super::card::Card;
use serde::Deserialize;
use std::path::PathBuf;

/// Anything that can go wrong reading, validating or storing cards.
#[derive(Debug, thiserror::Error)]
pub enum CardError {
    /// A value is missing, malformed or breaks a rule of the card format.
    #[error("{source_name}: line {line}, column {column}: {field}: {message}")]
    Invalid {
        source_name: String,
        line: usize,
        column: usize,
        /// The path of the field, e.g. `key_points[1].cues[3]` (`cards[2].id` in a list).
        field: String,
        message: String,
    },
    #[error("{source_name}: line {line}: id {id:?} must equal the file name {stem:?}")]
    IdNotFileName {
        source_name: String,
        line: usize,
        id: String,
        stem: String,
    },
    #[error("{source_name}: line {line}: id {id:?} is used by another card ({other})")]
    DuplicateId {
        source_name: String,
        line: usize,
        id: String,
        other: String,
    },
    #[error("card id {0:?} belongs to a built-in card; give the custom card another id")]
    CollidesWithBank(String),
    #[error("a custom card with id {0:?} already exists; edit it instead")]
    AlreadyExists(String),
    #[error("the import holds two cards with id {0:?}; nothing was imported")]
    DuplicateInImport(String),
    #[error("no card with id {0:?}")]
    NotFound(String),
    #[error("card {0:?} is built in and cannot be changed or deleted; copy it under a new id")]
    BuiltIn(String),
    #[error("{0}: unknown card file type; use .toml, .json or .md")]
    UnknownFormat(String),
    #[error("{0}: the file holds no cards")]
    NoCards(String),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl CardError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> CardError {
        CardError::Io {
            path: path.into(),
            source,
        }
    }
}

/// 1-based line and column of a byte offset.
pub(crate) fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(src.len());
    let before = &src[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

/// The line of the first line that, trimmed, starts with `needle` (1 if none does).
pub(crate) fn line_starting_with(src: &str, needle: &str) -> usize {
    src.lines()
        .position(|l| l.trim_start().starts_with(needle))
        .map_or(1, |i| i + 1)
}

fn field_path(path: &serde_path_to_error::Path) -> String {
    let p = path.to_string();
    if p == "." || p.is_empty() {
        "(card)".to_string()
    } else {
        p
    }
}

/// Parses one card in the bank's TOML format.
pub fn parse_toml(source_name: &str, src: &str) -> Result<Card, CardError> {
    let de = toml::Deserializer::parse(src).map_err(|e| toml_error(source_name, src, e, None))?;
    serde_path_to_error::deserialize(de).map_err(|e| {
        let field = field_path(e.path());
        toml_error(source_name, src, e.into_inner(), Some(field))
    })
}

fn toml_error(
    source_name: &str,
    src: &str,
    e: toml::de::Error,
    field: Option<String>,
) -> CardError {
    let (line, column) = e.span().map_or((1, 1), |s| line_col(src, s.start));
    CardError::Invalid {
        source_name: source_name.to_string(),
        line,
        column,
        field: field.unwrap_or_else(|| "(syntax)".to_string()),
        message: e.message().trim().to_string(),
    }
}

/// Parses JSON holding one card, an array of cards, or `{"cards": [...]}` (the export format).
pub fn parse_json(source_name: &str, src: &str) -> Result<Vec<Card>, CardError> {
    // Decide the shape first so errors inside a card carry the right path prefix.
    let shape: serde_json::Value =
        serde_json::from_str(src).map_err(|e| json_error(source_name, e, None))?;
    match shape {
        serde_json::Value::Array(_) => parse_json_as(source_name, src),
        serde_json::Value::Object(ref map) if map.contains_key("cards") => {
            #[derive(Deserialize)]
            struct Wrapped {
                cards: Vec<Card>,
            }
            Ok(parse_json_as::<Wrapped>(source_name, src)?.cards)
        }
        _ => parse_json_as::<Card>(source_name, src).map(|c| vec![c]),
    }
}

fn parse_json_as<'a, T: Deserialize<'a>>(source_name: &str, src: &'a str) -> Result<T, CardError> {
    let mut de = serde_json::Deserializer::from_str(src);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let field = field_path(e.path());
        json_error(source_name, e.into_inner(), Some(field))
    })?;
    de.end().map_err(|e| json_error(source_name, e, None))?;
    Ok(value)
}

fn json_error(source_name: &str, e: serde_json::Error, field: Option<String>) -> CardError {
    // serde_json appends " at line L column C" to its message; the numbers have their own fields.
    let message = e.to_string();
    let message = match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message,
    };
    CardError::Invalid {
        source_name: source_name.to_string(),
        line: e.line().max(1),
        column: e.column().max(1),
        field: field.unwrap_or_else(|| "(syntax)".to_string()),
        message,
    }
}

/// Serialises a card in the bank's TOML format.
pub fn to_toml(card: &Card) -> String {
    toml::to_string(card).expect("a card always serialises to TOML")
}
