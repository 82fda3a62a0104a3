//! Checks a whisper.cpp ggml model file before whisper.cpp sees it.
//!
//! whisper.cpp trusts its input: a truncated or foreign file can make it read garbage or abort
//! the whole process. Walking the file's structure in Rust first turns those cases into errors.

use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::Path;

pub const GGML_MAGIC: u32 = 0x6767_6d6c;

#[derive(Debug, thiserror::Error)]
pub enum ModelFileError {
    #[error("model file not found: {0}")]
    NotFound(String),
    #[error("cannot read model file {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} is not a whisper.cpp ggml model (magic {found:#010x}, expected 0x67676d6c)")]
    NotGgml { path: String, found: u32 },
    #[error("{path} is truncated: {what} ends at byte {needed} but the file has {len} bytes")]
    Truncated {
        path: String,
        what: String,
        needed: u64,
        len: u64,
    },
    #[error("{path} is corrupt: {detail}")]
    Corrupt { path: String, detail: String },
}

/// The hyper-parameters at the head of a whisper ggml file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Hparams {
    pub n_vocab: i32,
    pub n_audio_ctx: i32,
    pub n_audio_state: i32,
    pub n_audio_head: i32,
    pub n_audio_layer: i32,
    pub n_text_ctx: i32,
    pub n_text_state: i32,
    pub n_text_head: i32,
    pub n_text_layer: i32,
    pub n_mels: i32,
    pub ftype: i32,
}

impl Hparams {
    pub fn is_multilingual(&self) -> bool {
        self.n_vocab >= 51865
    }
}

/// What a full walk of the file found.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ModelSummary {
    pub hparams: Hparams,
    pub tensors: usize,
    pub bytes: u64,
}

/// Bytes of `n` elements of ggml type `ttype`, for the types whisper files use.
fn tensor_bytes(ttype: i32, n: u64) -> Option<u64> {
    let (block, size) = match ttype {
        0 => (1, 4),  // f32
        1 => (1, 2),  // f16
        2 => (32, 18), // q4_0
        3 => (32, 20), // q4_1
        6 => (32, 22), // q5_0
        7 => (32, 24), // q5_1
        8 => (32, 34), // q8_0
        _ => return None,
    };
    (n % block == 0).then_some(n / block * size)
}

struct Walker<R> {
    r: R,
    pos: u64,
    len: u64,
    path: String,
}

impl<R: Read + Seek> Walker<R> {
    fn need(&self, n: u64, what: &str) -> Result<(), ModelFileError> {
        if self.pos + n > self.len {
            return Err(ModelFileError::Truncated {
                path: self.path.clone(),
                what: what.to_string(),
                needed: self.pos + n,
                len: self.len,
            });
        }
        Ok(())
    }

    fn i32(&mut self, what: &str) -> Result<i32, ModelFileError> {
        self.need(4, what)?;
        let mut b = [0u8; 4];
        self.r.read_exact(&mut b).map_err(|e| self.io(e))?;
        self.pos += 4;
        Ok(i32::from_le_bytes(b))
    }

    fn skip(&mut self, n: u64, what: &str) -> Result<(), ModelFileError> {
        self.need(n, what)?;
        self.r
            .seek(SeekFrom::Current(n as i64))
            .map_err(|e| self.io(e))?;
        self.pos += n;
        Ok(())
    }

    fn bytes(&mut self, n: u64, what: &str) -> Result<Vec<u8>, ModelFileError> {
        self.need(n, what)?;
        let mut v = vec![0u8; n as usize];
        self.r.read_exact(&mut v).map_err(|e| self.io(e))?;
        self.pos += n;
        Ok(v)
    }

    fn io(&self, source: std::io::Error) -> ModelFileError {
        ModelFileError::Io {
            path: self.path.clone(),
            source,
        }
    }

    fn corrupt(&self, detail: String) -> ModelFileError {
        ModelFileError::Corrupt {
            path: self.path.clone(),
            detail,
        }
    }
}

/// Reads only the magic and hyper-parameters.
pub fn read_hparams(path: &Path) -> Result<Hparams, ModelFileError> {
    let mut w = open(path)?;
    header(&mut w)
}

/// Walks every section and tensor record, checking that the file is a complete whisper model.
pub fn validate(path: &Path) -> Result<ModelSummary, ModelFileError> {
    let mut w = open(path)?;
    let hparams = header(&mut w)?;
    let n_mel = w.i32("mel filter header")?;
    let n_fft = w.i32("mel filter header")?;
    if !(1..=512).contains(&n_mel) || !(1..=4096).contains(&n_fft) {
        return Err(w.corrupt(format!("implausible mel filter size {n_mel}×{n_fft}")));
    }
    w.skip(4 * n_mel as u64 * n_fft as u64, "mel filters")?;
    let n_vocab = w.i32("vocabulary size")?;
    if !(1..=1_000_000).contains(&n_vocab) {
        return Err(w.corrupt(format!("implausible vocabulary size {n_vocab}")));
    }
    for i in 0..n_vocab {
        let len = w.i32("vocabulary")?;
        if !(0..=1024).contains(&len) {
            return Err(w.corrupt(format!("vocabulary entry {i} has length {len}")));
        }
        w.skip(len as u64, "vocabulary")?;
    }
    let mut tensors = 0;
    while w.pos < w.len {
        let n_dims = w.i32("tensor header")?;
        let name_len = w.i32("tensor header")?;
        let ttype = w.i32("tensor header")?;
        if !(1..=4).contains(&n_dims) || !(1..=256).contains(&name_len) {
            return Err(w.corrupt(format!(
                "tensor record {tensors} has {n_dims} dimensions and a {name_len}-byte name"
            )));
        }
        let mut elements: u64 = 1;
        for _ in 0..n_dims {
            let d = w.i32("tensor shape")?;
            if d <= 0 {
                return Err(w.corrupt(format!("tensor record {tensors} has dimension {d}")));
            }
            elements = elements.saturating_mul(d as u64);
        }
        let name = String::from_utf8_lossy(&w.bytes(name_len as u64, "tensor name")?).into_owned();
        let bytes = tensor_bytes(ttype, elements)
            .ok_or_else(|| w.corrupt(format!("tensor {name} has unsupported type {ttype}")))?;
        w.skip(bytes, &format!("tensor {name}"))?;
        tensors += 1;
    }
    // A whisper model has at least the convolutions, embeddings and one block per side.
    if tensors < 10 {
        return Err(w.corrupt(format!("only {tensors} tensors")));
    }
    Ok(ModelSummary {
        hparams,
        tensors,
        bytes: w.len,
    })
}

fn open(path: &Path) -> Result<Walker<BufReader<File>>, ModelFileError> {
    let p = path.display().to_string();
    let file = File::open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            ModelFileError::NotFound(p.clone())
        } else {
            ModelFileError::Io {
                path: p.clone(),
                source: e,
            }
        }
    })?;
    let len = file
        .metadata()
        .map_err(|e| ModelFileError::Io {
            path: p.clone(),
            source: e,
        })?
        .len();
    Ok(Walker {
        r: BufReader::with_capacity(1 << 16, file),
        pos: 0,
        len,
        path: p,
    })
}

fn header<R: Read + Seek>(w: &mut Walker<R>) -> Result<Hparams, ModelFileError> {
    if w.len < 4 {
        return Err(ModelFileError::NotGgml {
            path: w.path.clone(),
            found: 0,
        });
    }
    let magic = w.i32("magic")? as u32;
    if magic != GGML_MAGIC {
        return Err(ModelFileError::NotGgml {
            path: w.path.clone(),
            found: magic,
        });
    }
    let mut v = [0i32; 11];
    for x in v.iter_mut() {
        *x = w.i32("hyper-parameters")?;
    }
    let h = Hparams {
        n_vocab: v[0],
        n_audio_ctx: v[1],
        n_audio_state: v[2],
        n_audio_head: v[3],
        n_audio_layer: v[4],
        n_text_ctx: v[5],
        n_text_state: v[6],
        n_text_head: v[7],
        n_text_layer: v[8],
        n_mels: v[9],
        ftype: v[10],
    };
    if v[..10].iter().any(|&x| x <= 0) || h.n_audio_layer > 64 || h.n_text_layer > 64 {
        return Err(w.corrupt(format!("implausible hyper-parameters {h:?}")));
    }
    Ok(h)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn write_model(path: &Path, truncate_by: usize) {
        let mut b: Vec<u8> = Vec::new();
        b.extend(GGML_MAGIC.to_le_bytes());
        for v in [51864, 1500, 384, 6, 4, 448, 384, 6, 4, 80, 1] {
            b.extend((v as i32).to_le_bytes());
        }
        b.extend(2i32.to_le_bytes());
        b.extend(3i32.to_le_bytes());
        b.extend([0u8; 24]);
        b.extend(2i32.to_le_bytes());
        for t in ["a", "bc"] {
            b.extend((t.len() as i32).to_le_bytes());
            b.extend(t.as_bytes());
        }
        for i in 0..12 {
            let name = format!("t{i}");
            b.extend(2i32.to_le_bytes());
            b.extend((name.len() as i32).to_le_bytes());
            b.extend(1i32.to_le_bytes()); // f16
            b.extend(4i32.to_le_bytes());
            b.extend(2i32.to_le_bytes());
            b.extend(name.as_bytes());
            b.extend([0u8; 16]);
        }
        b.truncate(b.len() - truncate_by);
        std::fs::File::create(path).unwrap().write_all(&b).unwrap();
    }

    #[test]
    fn a_complete_file_validates() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("m.bin");
        write_model(&p, 0);
        let s = validate(&p).unwrap();
        assert_eq!(s.tensors, 12);
        assert_eq!(s.hparams.n_audio_layer, 4);
        assert!(!s.hparams.is_multilingual());
    }

    #[test]
    fn truncation_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("m.bin");
        write_model(&p, 5);
        let e = validate(&p).unwrap_err();
        assert!(
            matches!(&e, ModelFileError::Truncated { what, .. } if what == "tensor t11"),
            "{e}"
        );
    }

    #[test]
    fn foreign_and_missing_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.bin");
        std::fs::write(&p, b"PK\x03\x04 this is a zip").unwrap();
        assert!(matches!(validate(&p), Err(ModelFileError::NotGgml { .. })));
        std::fs::write(&p, b"").unwrap();
        assert!(matches!(validate(&p), Err(ModelFileError::NotGgml { .. })));
        assert!(matches!(
            validate(&dir.path().join("none.bin")),
            Err(ModelFileError::NotFound(_))
        ));
    }
}
