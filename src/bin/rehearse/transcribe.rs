//! `rehearse transcribe F.wav [--json] [--model NAME|PATH] [--threads N]`.

use crate::progress::Bar;
use anyhow::{Context, Result};
use rehearse::asr::engine::{default_threads, Engine, TranscribeOptions};
use rehearse::progress::Cancel;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct TranscribeArgs {
    /// The recording (WAV in any common layout).
    pub file: PathBuf,
    /// Print JSON: {"text", "words": [{"text","start_s","end_s","filler","probability"}]}.
    #[arg(long)]
    pub json: bool,
    /// A model name from `rehearse models list`, or a path to a ggml file.
    #[arg(long, default_value = "tiny.en")]
    pub model: String,
    /// Decoder threads (default: all cores but one).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Greedy decoding instead of beam search (faster, drops more fillers).
    #[arg(long)]
    pub greedy: bool,
}

pub fn run(a: TranscribeArgs) -> Result<()> {
    let model = rehearse::asr::manager::ModelManager::open_default().resolve(&a.model)?;
    let samples = rehearse::audio::wav::read_16k_mono(&a.file)
        .with_context(|| format!("reading {}", a.file.display()))?;
    let engine = Engine::load_with_threads(&model, a.threads.unwrap_or_else(default_threads))?;
    let opts = TranscribeOptions {
        beam_size: if a.greedy { 1 } else { 5 },
        ..Default::default()
    };
    let mut bar = Bar::new();
    let started = std::time::Instant::now();
    let transcript =
        engine.transcribe_with(&samples, &opts, &mut |p| bar.update(p), &Cancel::new())?;
    bar.finish();
    tracing::info!(
        seconds = started.elapsed().as_secs_f64(),
        audio_s = samples.len() as f64 / 16_000.0,
        "transcribed"
    );
    if a.json {
        println!("{}", serde_json::to_string_pretty(&transcript)?);
    } else {
        println!("{}", transcript.text);
    }
    Ok(())
}
