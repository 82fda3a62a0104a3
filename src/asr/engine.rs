//! The Whisper engine: 16 kHz mono f32 in, a `Transcript` of timed words out.
//!
//! Decoding defaults keep filled pauses: Whisper is trained to drop "um"/"uh", and measurements
//! on this project (TESTING.md) showed that only timestamp-free decoding with a disfluent prompt
//! and beam search keeps them. Word times then come from DTW token alignment.

use super::chunking::{self, SAMPLE_RATE};
use super::convert::ggml::{self, GgmlError, GgmlHeader as Hparams};
use crate::domain::{is_filled_pause, Transcript, Word};
use crate::progress::{Cancel, Progress, ProgressFn};
use std::path::{Path, PathBuf};
use whisper_rs::{
    DtwMode, DtwModelPreset, DtwParameters, FullParams, SamplingStrategy, WhisperContext,
    WhisperContextParameters,
};

/// Primes the decoder to write hesitations down instead of cleaning them up.
pub const DISFLUENT_PROMPT: &str =
    "Umm, let me think like, hmm… Okay, here's what I'm, like, thinking.";

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error("model file not found: {0} (run `rehearse models fetch tiny.en`, or import one)")]
    NotFound(String),
    #[error(transparent)]
    Model(#[from] GgmlError),
    #[error("whisper.cpp could not load {path} ({detail}); the file may be damaged — verify or re-fetch it")]
    Load { path: String, detail: String },
    #[error("transcription failed: {0}")]
    Decode(String),
    #[error("transcription cancelled")]
    Cancelled,
}

/// Decoding choices. The defaults are the filler-keeping settings described in the module docs.
#[derive(Debug, Clone)]
pub struct TranscribeOptions {
    /// Timestamp-free decoding with the disfluent prompt (keeps "um"/"uh").
    pub keep_fillers: bool,
    /// Beam width; 1 means greedy.
    pub beam_size: i32,
    /// Seconds added to every time (for a chunk that starts later in a recording).
    pub offset_s: f64,
    /// Decoder threads for this call instead of the engine's (e.g. every core once a
    /// recording has stopped and nothing else competes).
    pub threads: Option<usize>,
    /// Encoder positions to use instead of the full 1500 (30 s). Fewer are much faster for a
    /// short piece; too few for the audio make tiny models repeat themselves.
    pub audio_ctx: Option<i32>,
}

impl Default for TranscribeOptions {
    fn default() -> Self {
        Self {
            keep_fillers: true,
            beam_size: 5,
            offset_s: 0.0,
            threads: None,
            audio_ctx: None,
        }
    }
}

/// Default decoder threads: leave a core free. whisper.cpp's workers spin, and with every core
/// busy another process on the machine made it 30× slower (TESTING.md).
pub fn default_threads() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get().saturating_sub(1).max(1))
        .unwrap_or(1)
}

pub struct Engine {
    ctx: WhisperContext,
    path: PathBuf,
    hparams: Hparams,
    threads: usize,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("path", &self.path)
            .field("hparams", &self.hparams)
            .field("threads", &self.threads)
            .finish()
    }
}

fn dtw_preset(h: &Hparams) -> Option<DtwModelPreset> {
    let multi = h.is_multilingual();
    Some(match (h.n_text_layer, h.n_text_state, multi) {
        (4, 384, false) => DtwModelPreset::TinyEn,
        (4, 384, true) => DtwModelPreset::Tiny,
        (6, 512, false) => DtwModelPreset::BaseEn,
        (6, 512, true) => DtwModelPreset::Base,
        (12, 768, false) => DtwModelPreset::SmallEn,
        (12, 768, true) => DtwModelPreset::Small,
        (24, 1024, false) => DtwModelPreset::MediumEn,
        (24, 1024, true) => DtwModelPreset::Medium,
        (4, 1280, true) => DtwModelPreset::LargeV3Turbo,
        (32, 1280, true) => DtwModelPreset::LargeV3,
        _ => return None,
    })
}

impl Engine {
    /// Loads a ggml model after checking the whole file, so a bad file is an error, not an abort.
    pub fn load(path: &Path) -> Result<Self, EngineError> {
        Self::load_with_threads(path, default_threads())
    }

    pub fn load_with_threads(path: &Path, threads: usize) -> Result<Self, EngineError> {
        whisper_rs::install_logging_hooks();
        if !path.is_file() {
            return Err(EngineError::NotFound(path.display().to_string()));
        }
        // whisper.cpp trusts its input and can abort the process on a damaged file: walk every
        // tensor record in Rust first.
        let hparams = ggml::read_layout(path)?.header;
        let mut params = WhisperContextParameters::default();
        match dtw_preset(&hparams) {
            Some(model_preset) => {
                params.dtw_parameters(DtwParameters {
                    mode: DtwMode::ModelPreset { model_preset },
                    ..Default::default()
                });
            }
            None => {
                // Unknown geometry: align on the top text layers instead of a preset.
                params.dtw_parameters(DtwParameters {
                    mode: DtwMode::TopMost {
                        n_top: hparams.n_text_layer.min(4),
                    },
                    ..Default::default()
                });
            }
        }
        let path_str = path.to_str().ok_or_else(|| EngineError::Load {
            path: path.display().to_string(),
            detail: "the path is not valid UTF-8".into(),
        })?;
        let ctx =
            WhisperContext::new_with_params(path_str, params).map_err(|e| EngineError::Load {
                path: path.display().to_string(),
                detail: format!("{e:?}"),
            })?;
        tracing::info!(model = %path.display(), ?hparams, threads, "whisper model loaded");
        Ok(Self {
            ctx,
            path: path.to_path_buf(),
            hparams,
            threads: threads.max(1),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn hparams(&self) -> Hparams {
        self.hparams
    }

    pub fn threads(&self) -> usize {
        self.threads
    }

    /// Transcribes a whole recording, cut into decoder windows at quiet moments.
    pub fn transcribe(
        &self,
        samples: &[f32],
        opts: &TranscribeOptions,
    ) -> Result<Transcript, EngineError> {
        self.transcribe_with(samples, opts, &mut |_| {}, &Cancel::new())
    }

    /// As [`transcribe`](Self::transcribe), reporting progress in samples and honouring `cancel`.
    pub fn transcribe_with(
        &self,
        samples: &[f32],
        opts: &TranscribeOptions,
        progress: ProgressFn,
        cancel: &Cancel,
    ) -> Result<Transcript, EngineError> {
        let total = samples.len() as u64;
        let mut out = Transcript::default();
        progress(Progress {
            stage: "transcribe",
            done: 0,
            total: Some(total),
        });
        for range in chunking::windows(samples) {
            if cancel.is_cancelled() {
                return Err(EngineError::Cancelled);
            }
            let chunk_opts = TranscribeOptions {
                offset_s: opts.offset_s + range.start as f64 / SAMPLE_RATE as f64,
                ..opts.clone()
            };
            let part = self.transcribe_segment(&samples[range.clone()], &chunk_opts, cancel)?;
            out.extend(part);
            progress(Progress {
                stage: "transcribe",
                done: range.end as u64,
                total: Some(total),
            });
        }
        Ok(out)
    }

    /// Transcribes one stretch of at most ~28 s (a live segment or a window of a file).
    pub fn transcribe_segment(
        &self,
        samples: &[f32],
        opts: &TranscribeOptions,
        cancel: &Cancel,
    ) -> Result<Transcript, EngineError> {
        // whisper.cpp pads shorter input; under ~0.1 s there is nothing to hear.
        if samples.len() < SAMPLE_RATE / 10 {
            return Ok(Transcript::default());
        }
        let mut state = self
            .ctx
            .create_state()
            .map_err(|e| EngineError::Decode(format!("creating decoder state: {e:?}")))?;
        let strategy = if opts.beam_size > 1 {
            SamplingStrategy::BeamSearch {
                beam_size: opts.beam_size,
                patience: -1.0,
            }
        } else {
            SamplingStrategy::Greedy { best_of: 1 }
        };
        let mut params = FullParams::new(strategy);
        params.set_n_threads(opts.threads.unwrap_or(self.threads).max(1) as i32);
        params.set_language(Some("en"));
        params.set_translate(false);
        params.set_print_progress(false);
        params.set_print_realtime(false);
        params.set_print_special(false);
        params.set_print_timestamps(false);
        params.set_no_context(true);
        params.set_suppress_blank(true);
        if opts.keep_fillers {
            params.set_no_timestamps(true);
            params.set_initial_prompt(DISFLUENT_PROMPT);
        }
        if let Some(ctx) = opts.audio_ctx {
            params.set_audio_ctx(ctx);
        }
        let flag = cancel.clone();
        // whisper-rs 0.16 stores the closure boxed as `Box<dyn FnMut>` but its trampoline casts
        // the pointer back to the closure's own type; passing the boxed type makes the two agree.
        let abort: Box<dyn FnMut() -> bool> = Box::new(move || flag.is_cancelled());
        params.set_abort_callback_safe(abort);
        // whisper.cpp pads every input to 30 s; a smaller audio context is faster but
        // measurably less accurate on tiny models, so the full context is kept.
        state
            .full(params, samples)
            .map_err(|e| match cancel.is_cancelled() {
                true => EngineError::Cancelled,
                false => EngineError::Decode(format!("{e:?}")),
            })?;
        let duration_s = samples.len() as f64 / SAMPLE_RATE as f64;
        let mut tokens = Vec::new();
        let eot = self.ctx.token_eot();
        for segment in state.as_iter() {
            for i in 0..segment.n_tokens() {
                let Some(tok) = segment.get_token(i) else {
                    continue;
                };
                let data = tok.token_data();
                let text = tok
                    .to_str_lossy()
                    .map(|s| s.into_owned())
                    .unwrap_or_default();
                tokens.push(RawToken {
                    text,
                    special: data.id >= eot,
                    p: data.p,
                    t_dtw: data.t_dtw,
                });
            }
        }
        let mut transcript = words_from_tokens(&tokens, opts.offset_s, duration_s);
        super::align::snap_to_speech(&mut transcript.words, samples, opts.offset_s);
        Ok(transcript)
    }
}

/// One decoded token with its DTW time in centiseconds (-1 when unknown).
#[derive(Debug, Clone)]
pub(crate) struct RawToken {
    pub text: String,
    pub special: bool,
    pub p: f32,
    pub t_dtw: i64,
}

/// Longest a single word plausibly lasts; DTW folds a following pause into the word before it.
fn max_word_len_s(text: &str) -> f64 {
    0.35 + 0.09 * text.chars().count() as f64
}

/// Groups tokens into words (a leading space starts a word; punctuation stays with its word)
/// and times each word from its first token's DTW time to the next word's.
pub(crate) fn words_from_tokens(tokens: &[RawToken], offset_s: f64, duration_s: f64) -> Transcript {
    struct Acc {
        text: String,
        start: Option<f64>,
        p_sum: f32,
        n: u32,
    }
    let mut groups: Vec<Acc> = Vec::new();
    let mut next_times: Vec<Option<f64>> = Vec::new();
    for tok in tokens.iter().filter(|t| !t.special) {
        let t = (tok.t_dtw >= 0).then(|| tok.t_dtw as f64 / 100.0);
        let starts_word = tok.text.starts_with(' ') || groups.is_empty();
        let is_punct = tok.text.trim().chars().all(|c| !c.is_alphanumeric());
        // Punctuation after a space (" ,") still belongs to the word before it.
        let attaches_to_previous = is_punct && !groups.is_empty();
        if starts_word && !attaches_to_previous {
            groups.push(Acc {
                text: String::new(),
                start: t,
                p_sum: 0.0,
                n: 0,
            });
            next_times.push(None);
        }
        let g = groups.last_mut().expect("a group exists");
        g.text.push_str(&tok.text);
        if !is_punct {
            g.p_sum += tok.p;
            g.n += 1;
        }
    }
    // A word ends where the next starts (DTW gives onsets only).
    for i in 0..groups.len() {
        next_times[i] = groups[i + 1..].iter().find_map(|g| g.start);
    }
    let mut words = Vec::new();
    let mut last_end = 0.0f64;
    for (g, next) in groups.iter().zip(next_times) {
        let text = g.text.trim().to_string();
        if text.is_empty() || text.chars().all(|c| !c.is_alphanumeric()) {
            continue;
        }
        let start = g.start.unwrap_or(last_end).clamp(last_end, duration_s);
        let natural_end = next.unwrap_or(duration_s).clamp(start, duration_s);
        let end = natural_end
            .min(start + max_word_len_s(&text))
            .max(start + 0.01);
        last_end = end.min(duration_s);
        words.push(Word {
            filler: is_filled_pause(&text),
            probability: if g.n > 0 { g.p_sum / g.n as f32 } else { 0.0 },
            text,
            start_s: round_cs(start + offset_s),
            end_s: round_cs(end + offset_s),
        });
    }
    let text = words
        .iter()
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    Transcript { text, words }
}

fn round_cs(t: f64) -> f64 {
    (t * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tok(text: &str, t: i64) -> RawToken {
        RawToken {
            text: text.into(),
            special: false,
            p: 0.9,
            t_dtw: t,
        }
    }

    #[test]
    fn tokens_group_into_timed_words() {
        let toks = vec![
            RawToken {
                text: "[_BEG_]".into(),
                special: true,
                p: 1.0,
                t_dtw: 0,
            },
            tok(" Um", 50),
            tok(",", 70),
            tok(" I", 100),
            tok(" fail", 120),
            tok("ed", 140),
            tok(".", 160),
        ];
        let t = words_from_tokens(&toks, 10.0, 5.0);
        let texts: Vec<_> = t.words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["Um,", "I", "failed."]);
        assert!(t.words[0].filler);
        assert!(!t.words[2].filler);
        assert_eq!(t.words[0].start_s, 10.5);
        assert_eq!(t.words[0].end_s, 11.0);
        assert_eq!(t.words[2].start_s, 11.2);
        assert_eq!(t.text, "Um, I failed.");
    }

    #[test]
    fn a_word_before_a_pause_does_not_swallow_it() {
        let toks = vec![tok(" So", 100), tok(" then", 600)];
        let t = words_from_tokens(&toks, 0.0, 8.0);
        assert!(t.words[0].end_s < 1.7, "{:?}", t.words[0]);
        assert!(t.words[1].end_s <= 8.0);
    }

    #[test]
    fn a_missing_model_is_an_error() {
        let e = Engine::load(Path::new("/nonexistent/ggml-tiny.en.bin")).unwrap_err();
        assert!(e.to_string().contains("not found"), "{e}");
    }
}
