//! `rehearse`: the headless command-line interface over the rehearse library.

use anyhow::Result;
use clap::{Parser, Subcommand};

mod analyze;
mod audio_cmds;
mod history;
mod models;
mod progress;
mod questions;
mod score;
mod transcribe;

#[derive(Parser)]
#[command(
    name = "rehearse",
    version,
    about = "Local-first mock-interview coach (headless CLI)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List audio input devices.
    Devices(audio_cmds::DevicesArgs),
    /// Record from a microphone to a 16 kHz mono WAV file.
    Record(audio_cmds::RecordArgs),
    /// Analyse a recorded answer: transcript, delivery, content (with --question), scores.
    Analyze(analyze::AnalyzeArgs),
    /// Repair, analyse and keep answers an interrupted recording left behind.
    Recover(analyze::RecoverArgs),
    /// Transcribe a WAV file with Whisper.
    Transcribe(transcribe::TranscribeArgs),
    /// Manage Whisper models (list, fetch, path, verify, import, import-ct2, delete).
    #[command(subcommand)]
    Models(models::ModelsCommand),
    /// List stored attempts, newest first.
    History(history::HistoryArgs),
    /// Progress over time: trends, personal bests, streak, what to practise next.
    Progress(history::ProgressArgs),
    /// Export every attempt (metrics, transcripts, reports, notes) to JSON or CSV.
    Export(history::ExportArgs),
    /// Import a file written by `rehearse export`.
    Import(history::ImportArgs),
    /// Show or delete stored attempts and manage their notes.
    #[command(subcommand)]
    Attempts(history::AttemptsCommand),
    /// Browse question cards; create, edit, delete, import and export custom cards.
    #[command(subcommand)]
    Questions(questions::QuestionsCommand),
    /// Score a typed answer's content against a question card.
    Score(score::ScoreArgs),
}

fn main() -> Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("REHEARSE_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match cli.command {
        Command::Devices(a) => audio_cmds::devices(a),
        Command::Record(a) => audio_cmds::record(a),
        Command::Analyze(a) => analyze::run(a),
        Command::Recover(a) => analyze::recover(a),
        Command::Transcribe(a) => transcribe::run(a),
        Command::Models(c) => models::run(c),
        Command::History(a) => history::history(a),
        Command::Progress(a) => history::progress(a),
        Command::Export(a) => history::export(a),
        Command::Import(a) => history::import(a),
        Command::Questions(c) => questions::run(c),
        Command::Score(a) => score::run(a),
        Command::Attempts(c) => history::attempts(c),
    }
}
