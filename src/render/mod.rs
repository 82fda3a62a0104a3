//! One practice report as a document to keep or send to a mentor: Markdown, or a single
//! self-contained HTML file (inline styles only, no scripts, nothing fetched).
//!
//! Both formats are rendered from the same document model ([`document`]), so they always say
//! the same things; the backends only decide how it looks.

mod content;
mod delivery;
mod document;
mod html;
mod markdown;
mod transcript;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::{DateTime, Utc};

use crate::analysis::report::Report;
use crate::store::Note;

/// Everything a document shows: the report, when the attempt was taken, and the user's notes.
#[derive(Debug, Clone, Copy)]
pub struct DocumentInput<'a> {
    pub report: &'a Report,
    pub taken_at: Option<DateTime<Utc>>,
    /// The reader's offset from UTC in seconds, so the date reads as local time.
    pub utc_offset_s: i32,
    pub notes: &'a [Note],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentFormat {
    Markdown,
    Html,
}

impl DocumentFormat {
    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            DocumentFormat::Markdown => "md",
            DocumentFormat::Html => "html",
        }
    }
}

impl FromStr for DocumentFormat {
    type Err = RenderError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "markdown" | "md" => Ok(DocumentFormat::Markdown),
            "html" => Ok(DocumentFormat::Html),
            _ => Err(RenderError::UnknownFormat(s.to_owned())),
        }
    }
}

impl std::fmt::Display for DocumentFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            DocumentFormat::Markdown => "markdown",
            DocumentFormat::Html => "html",
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("unknown document format {0:?}: expected \"markdown\" (or \"md\") or \"html\"")]
    UnknownFormat(String),
    #[error("cannot write {}: it names a folder, not a file", path.display())]
    NotAFile { path: PathBuf },
    #[error("cannot write {}: the folder {} does not exist", path.display(), folder.display())]
    MissingFolder { path: PathBuf, folder: PathBuf },
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// The report as Markdown (CommonMark with GitHub tables).
pub fn markdown(input: &DocumentInput) -> String {
    markdown::render(&document::build(input))
}

/// The report as one self-contained HTML page.
pub fn html(input: &DocumentInput) -> String {
    html::render(&document::build(input))
}

/// Renders and writes the document. The text goes to a temporary file in the same folder that
/// is renamed over `out` only once complete, so a full disk or a crash never leaves a
/// half-written document behind (or destroys the previous one).
pub fn write_document(
    input: &DocumentInput,
    format: DocumentFormat,
    out: &Path,
) -> Result<(), RenderError> {
    if out.is_dir() {
        return Err(RenderError::NotAFile { path: out.into() });
    }
    let folder = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !folder.is_dir() {
        return Err(RenderError::MissingFolder {
            path: out.into(),
            folder,
        });
    }
    let text = match format {
        DocumentFormat::Markdown => markdown(input),
        DocumentFormat::Html => html(input),
    };
    let write_err = |source| RenderError::Write {
        path: out.into(),
        source,
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".rehearse-export-")
        .suffix(".tmp")
        .tempfile_in(&folder)
        .map_err(write_err)?;
    tmp.write_all(text.as_bytes()).map_err(write_err)?;
    tmp.as_file().sync_all().map_err(write_err)?;
    // Dropping the temporary file on an error above deletes it.
    tmp.persist(out).map_err(|e| write_err(e.error))?;
    tracing::info!(path = %out.display(), %format, bytes = text.len(), "report document written");
    Ok(())
}
