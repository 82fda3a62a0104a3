//! Installing a faster-whisper (CTranslate2) model folder: converted to ggml in a staging file
//! inside the models folder, then installed under a safe name. Used by the CLI and the app.

use crate::asr::catalog;
use crate::asr::convert::{convert_ct2_dir, ConvertError, Quantization};
use crate::asr::manager::{Installed, ManagerError, ModelManager, Origin};
use crate::progress::ProgressFn;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum ImportCt2Error {
    #[error("cannot name the model after the folder {0}; give it a name")]
    Unnamed(String),
    #[error("invalid model name {0:?}: use letters, digits, '.', '_' and '-'")]
    BadName(String),
    #[error("cannot prepare the models folder {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Convert(#[from] ConvertError),
    #[error(transparent)]
    Manager(#[from] ManagerError),
}

/// The name a converted folder gets: the folder's own name, plus the quantization.
pub fn default_name(dir: &Path, quant: Option<Quantization>) -> Result<String, ImportCt2Error> {
    let base = std::path::absolute(dir)
        .ok()
        .and_then(|p| p.file_name().map(|f| f.to_string_lossy().into_owned()))
        .ok_or_else(|| ImportCt2Error::Unnamed(dir.display().to_string()))?;
    Ok(match quant {
        Some(q) => format!("{base}-{}", q.name()),
        None => base,
    })
}

/// Converts `dir` and installs it; the staging file is removed whatever happens.
pub fn import_ct2(
    manager: &ModelManager,
    dir: &Path,
    quant: Option<Quantization>,
    name: Option<String>,
    progress: ProgressFn,
) -> Result<Installed, ImportCt2Error> {
    let name = match name {
        Some(n) => n,
        None => default_name(dir, quant)?,
    };
    if !catalog::is_safe_name(&name) {
        return Err(ImportCt2Error::BadName(name));
    }
    std::fs::create_dir_all(manager.dir()).map_err(|source| ImportCt2Error::Io {
        path: manager.dir().display().to_string(),
        source,
    })?;
    let staging = manager
        .dir()
        .join(format!(".import-ct2-{}-{name}.bin", std::process::id()));
    let result = convert_ct2_dir(dir, &staging, quant, progress)
        .map_err(ImportCt2Error::from)
        .and_then(|summary| {
            let origin = Origin::ImportCt2 {
                from: std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf()),
                quantization: summary.quantization.map(|q| q.name().to_string()),
            };
            Ok(manager.install_file(&staging, &name, origin, true)?)
        });
    let _ = std::fs::remove_file(&staging);
    result
}
