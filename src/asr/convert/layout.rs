//! How a CTranslate2 `WhisperSpec` maps onto whisper.cpp's tensors.
//!
//! Every hyperparameter is read from `model.bin` itself (tensor shapes, layer counts and the
//! `num_heads` attributes), so any Whisper size with OpenAI's layout converts, and every
//! variable is checked against the shape whisper.cpp will demand before anything is written.

use super::ct2::Ct2Model;
use super::ggml::GgmlHeader;
use super::ConvertError;

/// How a tensor is stored in the ggml file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Storage {
    /// Biases, norms, positional embeddings: whisper.cpp creates these as f32.
    F32,
    /// Weight matrices and convolution kernels.
    F16,
}

/// One whisper.cpp tensor and where its values come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutTensor {
    pub name: String,
    pub source: String,
    /// A range of the source's first dimension, for the fused attention projections.
    pub rows: Option<(u64, u64)>,
    /// ggml dimensions, fastest-varying first.
    pub ne: Vec<u64>,
    pub storage: Storage,
    /// whisper.cpp's quantize touches 2-D weight matrices only (not conv kernels, not
    /// positional embeddings), and creates exactly those with the model's weight type.
    pub quantizable: bool,
}

/// Reads the hyperparameters from the model's variables; `ftype` is left at 1 (f16).
pub fn infer_header(m: &Ct2Model) -> Result<GgmlHeader, ConvertError> {
    let conv1 = m.var("encoder/conv1/weight")?;
    let [n_audio_state, n_mels, kernel] = conv1.shape[..] else {
        return Err(shape_err(&conv1.name, "[state, n_mels, 3]", &conv1.shape));
    };
    if kernel != 3 {
        return Err(shape_err(&conv1.name, "[state, n_mels, 3]", &conv1.shape));
    }
    let enc_pos = m.var("encoder/position_encodings/encodings")?;
    let n_audio_ctx = first_dim(&enc_pos.name, &enc_pos.shape)?;
    let emb = m.var("decoder/embeddings/weight")?;
    let [n_vocab, n_text_state] = emb.shape[..] else {
        return Err(shape_err(&emb.name, "[n_vocab, state]", &emb.shape));
    };
    let dec_pos = m.var("decoder/position_encodings/encodings")?;
    let n_text_ctx = first_dim(&dec_pos.name, &dec_pos.shape)?;
    if n_text_state != n_audio_state {
        return Err(ConvertError::UnsupportedSpec {
            reason: format!(
                "decoder width {n_text_state} differs from encoder width {n_audio_state}; \
                 whisper.cpp requires them equal"
            ),
        });
    }
    let header = GgmlHeader {
        n_vocab: to_i32("decoder/embeddings/weight", n_vocab)?,
        n_audio_ctx: to_i32("encoder/position_encodings/encodings", n_audio_ctx)?,
        n_audio_state: to_i32("encoder/conv1/weight", n_audio_state)?,
        n_audio_head: heads(m, "encoder/num_heads", n_audio_state)?,
        n_audio_layer: count_layers(m, "encoder")?,
        n_text_ctx: to_i32("decoder/position_encodings/encodings", n_text_ctx)?,
        n_text_state: to_i32("decoder/embeddings/weight", n_text_state)?,
        n_text_head: heads(m, "decoder/num_heads", n_text_state)?,
        n_text_layer: count_layers(m, "decoder")?,
        n_mels: to_i32("encoder/conv1/weight", n_mels)?,
        ftype: 1,
    };
    check_attributes(m)?;
    Ok(header)
}

/// whisper.cpp hard-codes OpenAI's decoder: pre-norm, unscaled embeddings, no ALiBi.
fn check_attributes(m: &Ct2Model) -> Result<(), ConvertError> {
    for (name, want) in [
        ("decoder/scale_embeddings", 0),
        ("decoder/alibi", 0),
        ("decoder/pre_norm", 1),
    ] {
        if m.get(name).is_some() {
            let got = m.scalar_int(name)?;
            if got != want {
                return Err(ConvertError::UnsupportedSpec {
                    reason: format!("{name} is {got}, whisper.cpp's Whisper decoder needs {want}"),
                });
            }
        }
    }
    Ok(())
}

fn first_dim(name: &str, shape: &[u64]) -> Result<u64, ConvertError> {
    match shape {
        [n, _] => Ok(*n),
        _ => Err(shape_err(name, "[positions, state]", shape)),
    }
}

fn to_i32(name: &str, v: u64) -> Result<i32, ConvertError> {
    i32::try_from(v).map_err(|_| ConvertError::UnsupportedSpec {
        reason: format!("{name} has a dimension of {v}, beyond whisper.cpp's 32-bit sizes"),
    })
}

fn heads(m: &Ct2Model, name: &str, state: u64) -> Result<i32, ConvertError> {
    let n = m.scalar_int(name)?;
    if n <= 0 || state % n as u64 != 0 {
        return Err(ConvertError::UnsupportedSpec {
            reason: format!("{name} is {n}, which does not divide the width {state}"),
        });
    }
    Ok(n as i32)
}

fn count_layers(m: &Ct2Model, side: &str) -> Result<i32, ConvertError> {
    let n = (0..)
        .take_while(|i| {
            m.get(&format!("{side}/layer_{i}/ffn/linear_0/weight"))
                .is_some()
        })
        .count();
    if n == 0 {
        return Err(ConvertError::MissingVariable {
            path: m.path().to_path_buf(),
            name: format!("{side}/layer_0/ffn/linear_0/weight"),
        });
    }
    Ok(n as i32)
}

fn shape_err(name: &str, expected: &str, found: &[u64]) -> ConvertError {
    ConvertError::UnsupportedSpec {
        reason: format!("variable '{name}' has shape {found:?}, expected {expected}"),
    }
}

/// Accumulates the plan, checking each source variable's shape as it goes.
struct Planner<'a> {
    m: &'a Ct2Model,
    out: Vec<OutTensor>,
}

impl Planner<'_> {
    /// A whole variable. `shape` is the CT2 (row-major) shape; ggml's `ne` is its reverse.
    fn whole(
        &mut self,
        name: String,
        source: String,
        shape: &[u64],
        storage: Storage,
    ) -> Result<(), ConvertError> {
        self.m.var_shaped(&source, shape)?;
        let ne: Vec<u64> = shape.iter().rev().copied().collect();
        let quantizable = storage == Storage::F16 && ne.len() == 2;
        self.out.push(OutTensor {
            name,
            source,
            rows: None,
            ne,
            storage,
            quantizable,
        });
        Ok(())
    }

    /// Part `part` of `parts` equal row blocks of a fused variable of shape `fused`.
    fn slice(
        &mut self,
        name: String,
        source: &str,
        fused: &[u64],
        (part, parts): (u64, u64),
        storage: Storage,
    ) -> Result<(), ConvertError> {
        self.m.var_shaped(source, fused)?;
        let n = fused[0] / parts;
        let ne: Vec<u64> = match fused {
            [_, cols] => vec![*cols, n],
            _ => vec![n],
        };
        self.out.push(OutTensor {
            name,
            source: source.to_owned(),
            rows: Some((part * n, (part + 1) * n)),
            quantizable: ne.len() == 2,
            ne,
            storage,
        });
        Ok(())
    }

    fn norm(&mut self, out: &str, src: &str, s: u64) -> Result<(), ConvertError> {
        self.whole(
            format!("{out}.weight"),
            format!("{src}/gamma"),
            &[s],
            Storage::F32,
        )?;
        self.whole(
            format!("{out}.bias"),
            format!("{src}/beta"),
            &[s],
            Storage::F32,
        )
    }

    fn linear(&mut self, out: &str, src: &str, rows: u64, cols: u64) -> Result<(), ConvertError> {
        self.whole(
            format!("{out}.weight"),
            format!("{src}/weight"),
            &[rows, cols],
            Storage::F16,
        )?;
        self.whole(
            format!("{out}.bias"),
            format!("{src}/bias"),
            &[rows],
            Storage::F32,
        )
    }

    fn mlp(&mut self, out: &str, src: &str, s: u64) -> Result<(), ConvertError> {
        self.norm(
            &format!("{out}.mlp_ln"),
            &format!("{src}/ffn/layer_norm"),
            s,
        )?;
        self.linear(
            &format!("{out}.mlp.0"),
            &format!("{src}/ffn/linear_0"),
            4 * s,
            s,
        )?;
        self.linear(
            &format!("{out}.mlp.2"),
            &format!("{src}/ffn/linear_1"),
            s,
            4 * s,
        )
    }

    /// Self-attention: CT2 fuses Q, K and V into one `[3s, s]` projection. Whisper's key has no
    /// bias; CT2 stores zeros there, and any value would cancel in the softmax anyway.
    fn self_attention(&mut self, out: &str, src: &str, s: u64) -> Result<(), ConvertError> {
        let sa = format!("{src}/self_attention");
        self.norm(&format!("{out}.attn_ln"), &format!("{sa}/layer_norm"), s)?;
        let (w, b) = (
            format!("{sa}/linear_0/weight"),
            format!("{sa}/linear_0/bias"),
        );
        for (part, role) in [(0, "query"), (1, "key"), (2, "value")] {
            self.slice(
                format!("{out}.attn.{role}.weight"),
                &w,
                &[3 * s, s],
                (part, 3),
                Storage::F16,
            )?;
            if role != "key" {
                self.slice(
                    format!("{out}.attn.{role}.bias"),
                    &b,
                    &[3 * s],
                    (part, 3),
                    Storage::F32,
                )?;
            }
        }
        self.linear(&format!("{out}.attn.out"), &format!("{sa}/linear_1"), s, s)
    }

    /// Cross-attention: query alone, then K and V fused into `[2s, s]`, then the output.
    fn cross_attention(&mut self, out: &str, src: &str, s: u64) -> Result<(), ConvertError> {
        let ca = format!("{src}/attention");
        self.norm(
            &format!("{out}.cross_attn_ln"),
            &format!("{ca}/layer_norm"),
            s,
        )?;
        self.linear(
            &format!("{out}.cross_attn.query"),
            &format!("{ca}/linear_0"),
            s,
            s,
        )?;
        let (w, b) = (
            format!("{ca}/linear_1/weight"),
            format!("{ca}/linear_1/bias"),
        );
        self.slice(
            format!("{out}.cross_attn.key.weight"),
            &w,
            &[2 * s, s],
            (0, 2),
            Storage::F16,
        )?;
        self.slice(
            format!("{out}.cross_attn.value.weight"),
            &w,
            &[2 * s, s],
            (1, 2),
            Storage::F16,
        )?;
        self.slice(
            format!("{out}.cross_attn.value.bias"),
            &b,
            &[2 * s],
            (1, 2),
            Storage::F32,
        )?;
        self.linear(
            &format!("{out}.cross_attn.out"),
            &format!("{ca}/linear_2"),
            s,
            s,
        )
    }
}

/// Every whisper.cpp tensor for a model with these hyperparameters, in file order.
pub fn plan(m: &Ct2Model, h: &GgmlHeader) -> Result<Vec<OutTensor>, ConvertError> {
    let s = h.n_audio_state as u64;
    let mut p = Planner { m, out: Vec::new() };
    let (a_ctx, t_ctx, mels, vocab) = (
        h.n_audio_ctx as u64,
        h.n_text_ctx as u64,
        h.n_mels as u64,
        h.n_vocab as u64,
    );

    p.whole(
        "encoder.positional_embedding".into(),
        "encoder/position_encodings/encodings".into(),
        &[a_ctx, s],
        Storage::F32,
    )?;
    p.whole(
        "encoder.conv1.weight".into(),
        "encoder/conv1/weight".into(),
        &[s, mels, 3],
        Storage::F16,
    )?;
    p.whole(
        "encoder.conv2.weight".into(),
        "encoder/conv2/weight".into(),
        &[s, s, 3],
        Storage::F16,
    )?;
    for conv in ["conv1", "conv2"] {
        let src = format!("encoder/{conv}/bias");
        p.m.var_shaped(&src, &[s])?;
        // whisper.cpp adds the bias to an [n_ctx, state] activation, so it wants it as [1, state].
        p.out.push(OutTensor {
            name: format!("encoder.{conv}.bias"),
            source: src,
            rows: None,
            ne: vec![1, s],
            storage: Storage::F32,
            quantizable: false,
        });
    }
    for i in 0..h.n_audio_layer {
        let (out, src) = (format!("encoder.blocks.{i}"), format!("encoder/layer_{i}"));
        p.self_attention(&out, &src, s)?;
        p.mlp(&out, &src, s)?;
    }
    p.norm("encoder.ln_post", "encoder/layer_norm", s)?;

    p.whole(
        "decoder.positional_embedding".into(),
        "decoder/position_encodings/encodings".into(),
        &[t_ctx, s],
        Storage::F32,
    )?;
    p.whole(
        "decoder.token_embedding.weight".into(),
        "decoder/embeddings/weight".into(),
        &[vocab, s],
        Storage::F16,
    )?;
    for i in 0..h.n_text_layer {
        let (out, src) = (format!("decoder.blocks.{i}"), format!("decoder/layer_{i}"));
        p.self_attention(&out, &src, s)?;
        p.cross_attention(&out, &src, s)?;
        p.mlp(&out, &src, s)?;
    }
    p.norm("decoder.ln", "decoder/layer_norm", s)?;

    // The positional embeddings are 2-D but whisper.cpp keeps them f32 and never quantizes them.
    for t in &mut p.out {
        if t.name.ends_with("positional_embedding") {
            t.quantizable = false;
        }
    }
    Ok(p.out)
}
