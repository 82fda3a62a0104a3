//! Reader for CTranslate2's `model.bin` (binary versions 4–6, as written by
//! `ctranslate2/specs/model_spec.py::_serialize`).
//!
//! Layout, little-endian: `u32 version`, string spec name, `u32 revision`, `u32 n_vars`; per
//! variable: string name, `u8 rank`, `u32` dims, `u8 dtype`, `u32 n_bytes`, data; then
//! `u32 n_aliases` and (alias, target) string pairs. A string is `u16 len` (including a
//! terminating NUL) followed by the bytes. Only the index is read up front; tensor data is read
//! on demand, so large models never sit in memory whole.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use half::bf16;

use super::{le, ConvertError};

/// Binary versions whose variable records have the layout above (v4 introduced dtype ids).
pub const SUPPORTED_BINARY_VERSIONS: std::ops::RangeInclusive<u32> = 4..=6;

/// CTranslate2's `DataType` ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dtype {
    F32,
    I8,
    I16,
    I32,
    F16,
    Bf16,
}

impl Dtype {
    fn from_id(id: u8) -> Option<Self> {
        Some(match id {
            0 => Self::F32,
            1 => Self::I8,
            2 => Self::I16,
            3 => Self::I32,
            4 => Self::F16,
            5 => Self::Bf16,
            _ => return None,
        })
    }

    pub fn size(self) -> u64 {
        match self {
            Self::I8 => 1,
            Self::I16 | Self::F16 | Self::Bf16 => 2,
            Self::F32 | Self::I32 => 4,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::F32 => "float32",
            Self::I8 => "int8",
            Self::I16 => "int16",
            Self::I32 => "int32",
            Self::F16 => "float16",
            Self::Bf16 => "bfloat16",
        }
    }
}

/// One variable's place in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VarInfo {
    pub name: String,
    pub shape: Vec<u64>,
    pub dtype: Dtype,
    pub offset: u64,
    pub n_bytes: u64,
}

/// An opened `model.bin`: its index plus a handle to read variables from.
pub struct Ct2Model {
    path: PathBuf,
    pub binary_version: u32,
    pub spec: String,
    pub revision: u32,
    vars: HashMap<String, VarInfo>,
    aliases: HashMap<String, String>,
}

/// Bounds-checked little-endian reads that name the file and the field on failure.
struct IndexReader<'a> {
    path: &'a Path,
    r: &'a mut BufReader<File>,
    pos: u64,
    len: u64,
}

impl IndexReader<'_> {
    fn take(&mut self, n: u64, what: &str) -> Result<Vec<u8>, ConvertError> {
        if self.pos + n > self.len {
            return Err(ConvertError::Truncated {
                path: self.path.to_path_buf(),
                what: what.to_owned(),
                needed: n,
                offset: self.pos,
                file_len: self.len,
            });
        }
        let mut buf = vec![0u8; n as usize];
        self.r
            .read_exact(&mut buf)
            .map_err(|source| ConvertError::Io {
                path: self.path.to_path_buf(),
                source,
            })?;
        self.pos += n;
        Ok(buf)
    }

    fn u8(&mut self, what: &str) -> Result<u8, ConvertError> {
        Ok(self.take(1, what)?[0])
    }

    fn u16(&mut self, what: &str) -> Result<u16, ConvertError> {
        let b = self.take(2, what)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    fn u32(&mut self, what: &str) -> Result<u32, ConvertError> {
        let b = self.take(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn string(&mut self, what: &str) -> Result<String, ConvertError> {
        let len = self.u16(what)?;
        let mut bytes = self.take(u64::from(len), what)?;
        if bytes.pop() != Some(0) {
            return Err(self.corrupt(format!("{what} is not NUL-terminated")));
        }
        String::from_utf8(bytes).map_err(|_| self.corrupt(format!("{what} is not UTF-8")))
    }

    fn skip(&mut self, n: u64, what: &str) -> Result<(), ConvertError> {
        if self.pos + n > self.len {
            return Err(ConvertError::Truncated {
                path: self.path.to_path_buf(),
                what: what.to_owned(),
                needed: n,
                offset: self.pos,
                file_len: self.len,
            });
        }
        self.r
            .seek_relative(n as i64)
            .map_err(|source| ConvertError::Io {
                path: self.path.to_path_buf(),
                source,
            })?;
        self.pos += n;
        Ok(())
    }

    fn corrupt(&self, reason: String) -> ConvertError {
        ConvertError::CorruptCt2 {
            path: self.path.to_path_buf(),
            reason,
        }
    }
}

impl Ct2Model {
    /// Opens `model.bin` and reads its index, checking every variable's data is present.
    pub fn open(path: &Path) -> Result<Self, ConvertError> {
        let io = |source| ConvertError::Io {
            path: path.to_path_buf(),
            source,
        };
        let file = File::open(path).map_err(io)?;
        let len = file.metadata().map_err(io)?.len();
        let mut file = BufReader::with_capacity(1 << 16, file);
        let mut r = IndexReader {
            path,
            r: &mut file,
            pos: 0,
            len,
        };

        let binary_version = r.u32("the binary version")?;
        if !SUPPORTED_BINARY_VERSIONS.contains(&binary_version) {
            return Err(ConvertError::BinaryVersion {
                path: path.to_path_buf(),
                found: binary_version,
            });
        }
        let spec = r.string("the spec name")?;
        let revision = r.u32("the spec revision")?;
        let n_vars = r.u32("the variable count")?;
        let mut vars = HashMap::with_capacity(n_vars as usize);
        for i in 0..n_vars {
            let name = r.string(&format!("the name of variable #{i}"))?;
            let rank = r.u8(&format!("the rank of '{name}'"))?;
            let mut shape = Vec::with_capacity(rank as usize);
            for _ in 0..rank {
                shape.push(u64::from(r.u32(&format!("the shape of '{name}'"))?));
            }
            let dtype_id = r.u8(&format!("the dtype of '{name}'"))?;
            let dtype = Dtype::from_id(dtype_id).ok_or_else(|| {
                r.corrupt(format!("variable '{name}' has unknown dtype id {dtype_id}"))
            })?;
            let n_bytes = u64::from(r.u32(&format!("the size of '{name}'"))?);
            let expected = shape.iter().product::<u64>() * dtype.size();
            if n_bytes != expected {
                return Err(r.corrupt(format!(
                    "variable '{name}' holds {n_bytes} bytes, but shape {shape:?} of {} needs {expected}",
                    dtype.name()
                )));
            }
            let offset = r.pos;
            r.skip(n_bytes, &format!("the data of variable '{name}'"))?;
            vars.insert(
                name.clone(),
                VarInfo {
                    name,
                    shape,
                    dtype,
                    offset,
                    n_bytes,
                },
            );
        }
        let n_aliases = r.u32("the alias count")?;
        let mut aliases = HashMap::with_capacity(n_aliases as usize);
        for i in 0..n_aliases {
            let alias = r.string(&format!("alias #{i}"))?;
            let target = r.string(&format!("the target of alias '{alias}'"))?;
            aliases.insert(alias, target);
        }
        if r.pos != len {
            tracing::warn!(path = %path.display(), trailing = len - r.pos, "model.bin has trailing bytes");
        }
        Ok(Self {
            path: path.to_path_buf(),
            binary_version,
            spec,
            revision,
            vars,
            aliases,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn n_variables(&self) -> usize {
        self.vars.len()
    }

    /// A variable by name, following aliases.
    pub fn get(&self, name: &str) -> Option<&VarInfo> {
        self.vars
            .get(name)
            .or_else(|| self.aliases.get(name).and_then(|t| self.vars.get(t)))
    }

    /// A variable that must exist.
    pub fn var(&self, name: &str) -> Result<&VarInfo, ConvertError> {
        self.get(name).ok_or_else(|| ConvertError::MissingVariable {
            path: self.path.clone(),
            name: name.to_owned(),
        })
    }

    /// A variable that must exist with exactly this shape.
    pub fn var_shaped(&self, name: &str, shape: &[u64]) -> Result<&VarInfo, ConvertError> {
        let v = self.var(name)?;
        if v.shape != shape {
            return Err(ConvertError::ShapeMismatch {
                name: name.to_owned(),
                expected: shape.to_vec(),
                found: v.shape.clone(),
            });
        }
        Ok(v)
    }

    /// A scalar integer attribute such as `encoder/num_heads`.
    pub fn scalar_int(&self, name: &str) -> Result<i64, ConvertError> {
        let v = self.var(name)?.clone();
        if !v.shape.is_empty() && v.shape != [1] {
            return Err(ConvertError::ShapeMismatch {
                name: name.to_owned(),
                expected: vec![],
                found: v.shape,
            });
        }
        let b = self.read_bytes(&v)?;
        Ok(match v.dtype {
            Dtype::I8 => i64::from(b[0] as i8),
            Dtype::I16 => i64::from(i16::from_le_bytes([b[0], b[1]])),
            Dtype::I32 => i64::from(i32::from_le_bytes([b[0], b[1], b[2], b[3]])),
            other => {
                return Err(ConvertError::UnsupportedDtype {
                    name: name.to_owned(),
                    dtype: other.name(),
                    wanted: "an integer",
                })
            }
        })
    }

    fn read_bytes(&self, v: &VarInfo) -> Result<Vec<u8>, ConvertError> {
        // A fresh handle per read keeps `&self` methods usable; the index read already proved
        // the bytes are in the file, and a CT2 model has at most a few hundred variables.
        let io = |source| ConvertError::Io {
            path: self.path.clone(),
            source,
        };
        let mut f = File::open(&self.path).map_err(io)?;
        f.seek(SeekFrom::Start(v.offset)).map_err(io)?;
        let mut buf = vec![0u8; v.n_bytes as usize];
        f.read_exact(&mut buf).map_err(io)?;
        Ok(buf)
    }

    /// A floating-point variable's values as f32, whatever float type it is stored in.
    pub fn read_f32(&self, v: &VarInfo) -> Result<Vec<f32>, ConvertError> {
        let b = self.read_bytes(v)?;
        Ok(match v.dtype {
            Dtype::F32 => le::f32s(&b),
            Dtype::F16 => le::f16_to_f32(&le::f16s(&b)),
            Dtype::Bf16 => b
                .chunks_exact(2)
                .map(|c| bf16::from_le_bytes([c[0], c[1]]).to_f32())
                .collect(),
            other => return Err(not_float(&v.name, other)),
        })
    }

    /// A floating-point variable as little-endian f16 bytes: f16 data is passed through untouched.
    pub fn read_f16_bytes(&self, v: &VarInfo) -> Result<Vec<u8>, ConvertError> {
        match v.dtype {
            Dtype::F16 => self.read_bytes(v),
            _ => Ok(le::f16_bytes(&le::f32_to_f16(&self.read_f32(v)?))),
        }
    }
}

fn not_float(name: &str, dtype: Dtype) -> ConvertError {
    ConvertError::UnsupportedDtype {
        name: name.to_owned(),
        dtype: dtype.name(),
        wanted: "float32, float16 or bfloat16 (int8/int16 CTranslate2 models are quantized: \
                 convert a float16 export instead)",
    }
}
