//! Reading ggml Whisper files with bounds checks that name the file and the field.

use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use super::{tensor_data_len, GgmlError, GgmlHeader, GgmlLayout, TensorInfo, GGML_MAGIC};

/// A reader that knows its file's name and length, so every failure names both.
pub(crate) struct Cursor {
    path: PathBuf,
    inner: BufReader<File>,
    pos: u64,
    len: u64,
}

impl Cursor {
    pub(crate) fn open(path: &Path) -> Result<Self, GgmlError> {
        let io = |source| GgmlError::Io {
            path: path.to_path_buf(),
            source,
        };
        let file = File::open(path).map_err(io)?;
        let len = file.metadata().map_err(io)?.len();
        Ok(Self {
            path: path.to_path_buf(),
            inner: BufReader::with_capacity(1 << 20, file),
            pos: 0,
            len,
        })
    }

    fn need(&self, n: u64, what: &str) -> Result<(), GgmlError> {
        if self.pos + n > self.len {
            return Err(GgmlError::Truncated {
                path: self.path.clone(),
                what: what.to_owned(),
                needed: n,
                offset: self.pos,
                file_len: self.len,
            });
        }
        Ok(())
    }

    pub(crate) fn bytes(&mut self, n: u64, what: &str) -> Result<Vec<u8>, GgmlError> {
        self.need(n, what)?;
        let mut buf = vec![0u8; n as usize];
        self.inner
            .read_exact(&mut buf)
            .map_err(|source| GgmlError::Io {
                path: self.path.clone(),
                source,
            })?;
        self.pos += n;
        Ok(buf)
    }

    fn i32(&mut self, what: &str) -> Result<i32, GgmlError> {
        let b = self.bytes(4, what)?;
        Ok(i32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn skip(&mut self, n: u64, what: &str) -> Result<(), GgmlError> {
        self.need(n, what)?;
        self.inner
            .seek_relative(n as i64)
            .map_err(|source| GgmlError::Io {
                path: self.path.clone(),
                source,
            })?;
        self.pos += n;
        Ok(())
    }

    pub(crate) fn seek(&mut self, offset: u64) -> Result<(), GgmlError> {
        self.inner
            .seek(SeekFrom::Start(offset))
            .map_err(|source| GgmlError::Io {
                path: self.path.clone(),
                source,
            })?;
        self.pos = offset;
        Ok(())
    }

    fn corrupt(&self, reason: String) -> GgmlError {
        GgmlError::Corrupt {
            path: self.path.clone(),
            reason,
        }
    }
}

/// Reads magic and hparams, then the filterbank and vocabulary sizes; leaves the cursor at the
/// first tensor record.
fn read_prelude(c: &mut Cursor) -> Result<(GgmlHeader, u32, u32, u32), GgmlError> {
    let magic = c.i32("the magic number")? as u32;
    if magic != GGML_MAGIC {
        return Err(GgmlError::BadMagic {
            path: c.path.clone(),
            found: magic,
        });
    }
    let mut fields = [0i32; GgmlHeader::FIELDS];
    for f in fields.iter_mut() {
        *f = c.i32("the hyperparameters")?;
    }
    let header = GgmlHeader::from_fields(fields);
    if fields[..10].iter().any(|&v| v <= 0) {
        return Err(c.corrupt(format!("non-positive hyperparameter in {header:?}")));
    }
    let n_mel = c.i32("the mel filterbank size")?;
    let n_fft = c.i32("the mel filterbank size")?;
    if n_mel <= 0 || n_fft <= 0 || n_mel > 1024 || n_fft > 4096 {
        return Err(c.corrupt(format!("implausible mel filterbank size {n_mel}×{n_fft}")));
    }
    c.skip(n_mel as u64 * n_fft as u64 * 4, "the mel filterbank")?;
    let n_tokens = c.i32("the vocabulary size")?;
    if n_tokens < 0 || n_tokens > header.n_vocab {
        return Err(c.corrupt(format!(
            "{n_tokens} stored tokens for a vocabulary of {}",
            header.n_vocab
        )));
    }
    for i in 0..n_tokens {
        let len = c.i32("a token length")? as u32;
        if len > 1024 {
            return Err(c.corrupt(format!("token {i} claims {len} bytes")));
        }
        c.skip(u64::from(len), "a token")?;
    }
    Ok((header, n_mel as u32, n_fft as u32, n_tokens as u32))
}

/// Reads only the hparams (and checks the filterbank and vocabulary are all there).
pub fn read_header(path: &Path) -> Result<GgmlHeader, GgmlError> {
    let mut c = Cursor::open(path)?;
    read_prelude(&mut c).map(|(h, ..)| h)
}

/// Walks the whole file: every tensor record's header is parsed and its data length checked
/// against the file, so truncation or garbage anywhere is found without loading the model.
pub fn read_layout(path: &Path) -> Result<GgmlLayout, GgmlError> {
    let mut c = Cursor::open(path)?;
    let (header, n_mel_filters, n_fft_bins, n_tokens) = read_prelude(&mut c)?;
    let tensors_offset = c.pos;
    let mut tensors = Vec::new();
    while c.pos < c.len {
        let n_dims = c.i32("a tensor header")?;
        let name_len = c.i32("a tensor header")?;
        let ggml_type = c.i32("a tensor header")? as u32;
        let index = tensors.len();
        if !(1..=4).contains(&n_dims) || !(1..=256).contains(&name_len) {
            return Err(c.corrupt(format!(
                "tensor #{index} at offset {} has {n_dims} dimensions and a {name_len}-byte name",
                c.pos - 12
            )));
        }
        let mut ne = Vec::with_capacity(n_dims as usize);
        for _ in 0..n_dims {
            let d = c.i32("tensor dimensions")?;
            if d <= 0 {
                return Err(c.corrupt(format!("tensor #{index} has dimension {d}")));
            }
            ne.push(d as u64);
        }
        let name_bytes = c.bytes(name_len as u64, "a tensor name")?;
        let name = String::from_utf8(name_bytes)
            .map_err(|_| c.corrupt(format!("tensor #{index}'s name is not UTF-8")))?;
        let data_len = tensor_data_len(ggml_type, &ne)
            .map_err(|reason| c.corrupt(format!("tensor '{name}': {reason}")))?;
        let data_offset = c.pos;
        c.skip(data_len, &format!("the data of tensor '{name}'"))?;
        tensors.push(TensorInfo {
            name,
            ne,
            ggml_type,
            data_offset,
            data_len,
        });
    }
    Ok(GgmlLayout {
        header,
        n_mel_filters,
        n_fft_bins,
        n_tokens,
        tensors_offset,
        tensors,
        file_len: c.len,
    })
}
