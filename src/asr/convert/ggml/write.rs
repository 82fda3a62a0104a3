//! Writing ggml Whisper files safely: into a partial file renamed into place when complete.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use super::{f32_bytes, tensor_data_len, GgmlError, GgmlHeader, GGML_MAGIC};

/// Writes a ggml Whisper file front to back into `<final name>.partial` beside the final path,
/// renaming it into place only in [`GgmlWriter::finish`]; dropped unfinished (an error, a panic),
/// it deletes the partial file, so a half model never sits under the final name.
pub struct GgmlWriter {
    path: PathBuf,
    final_path: PathBuf,
    out: Option<BufWriter<File>>,
    written: u64,
}

impl GgmlWriter {
    pub fn create(final_path: &Path) -> Result<Self, GgmlError> {
        let mut name = final_path
            .file_name()
            .map(|n| n.to_os_string())
            .unwrap_or_else(|| "model.bin".into());
        name.push(".partial");
        let path = final_path.with_file_name(name);
        let io = |source| GgmlError::Io {
            path: path.clone(),
            source,
        };
        if let Some(dir) = final_path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        let file = File::create(&path).map_err(io)?;
        Ok(Self {
            final_path: final_path.to_path_buf(),
            out: Some(BufWriter::with_capacity(1 << 20, file)),
            path,
            written: 0,
        })
    }

    pub fn bytes_written(&self) -> u64 {
        self.written
    }

    pub fn raw(&mut self, bytes: &[u8]) -> Result<(), GgmlError> {
        let out = self
            .out
            .as_mut()
            .expect("a writer is only used before finish");
        out.write_all(bytes).map_err(|source| GgmlError::Io {
            path: self.path.clone(),
            source,
        })?;
        self.written += bytes.len() as u64;
        Ok(())
    }

    fn i32(&mut self, v: i32) -> Result<(), GgmlError> {
        self.raw(&v.to_le_bytes())
    }

    pub fn header(&mut self, h: &GgmlHeader) -> Result<(), GgmlError> {
        self.i32(GGML_MAGIC as i32)?;
        for v in h.to_fields() {
            self.i32(v)?;
        }
        Ok(())
    }

    pub fn mel_filters(
        &mut self,
        n_mel: usize,
        n_bins: usize,
        data: &[f32],
    ) -> Result<(), GgmlError> {
        debug_assert_eq!(data.len(), n_mel * n_bins);
        self.i32(n_mel as i32)?;
        self.i32(n_bins as i32)?;
        self.raw(&f32_bytes(data))
    }

    pub fn vocab(&mut self, tokens: &[Vec<u8>]) -> Result<(), GgmlError> {
        self.i32(tokens.len() as i32)?;
        for t in tokens {
            self.i32(t.len() as i32)?;
            self.raw(t)?;
        }
        Ok(())
    }

    /// One tensor record; `ne` is fastest-varying first and `data` already in `ggml_type`.
    pub fn tensor(
        &mut self,
        name: &str,
        ne: &[u64],
        ggml_type: u32,
        data: &[u8],
    ) -> Result<(), GgmlError> {
        let expected = tensor_data_len(ggml_type, ne).map_err(|reason| GgmlError::Corrupt {
            path: self.path.clone(),
            reason: format!("refusing to write tensor '{name}': {reason}"),
        })?;
        if expected != data.len() as u64 {
            return Err(GgmlError::Corrupt {
                path: self.path.clone(),
                reason: format!(
                    "refusing to write tensor '{name}': {} data bytes for {expected} expected",
                    data.len()
                ),
            });
        }
        self.i32(ne.len() as i32)?;
        self.i32(name.len() as i32)?;
        self.i32(ggml_type as i32)?;
        for &d in ne {
            self.i32(d as i32)?;
        }
        self.raw(name.as_bytes())?;
        self.raw(data)
    }

    /// Flushes, syncs and renames the partial file to the final path; returns the file size.
    pub fn finish(mut self) -> Result<u64, GgmlError> {
        let io = |source| GgmlError::Io {
            path: self.path.clone(),
            source,
        };
        let out = self.out.take().expect("finish is called once");
        let file = out.into_inner().map_err(|e| io(e.into_error()))?;
        file.sync_all().map_err(io)?;
        drop(file);
        if let Err(source) = std::fs::rename(&self.path, &self.final_path) {
            let _ = std::fs::remove_file(&self.path);
            return Err(GgmlError::Io {
                path: self.final_path.clone(),
                source,
            });
        }
        Ok(self.written)
    }
}

impl Drop for GgmlWriter {
    fn drop(&mut self) {
        if self.out.take().is_some() {
            if let Err(e) = std::fs::remove_file(&self.path) {
                tracing::warn!(path = %self.path.display(), error = %e, "could not remove partial model file");
            }
        }
    }
}
