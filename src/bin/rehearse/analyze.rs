//! `rehearse analyze F.wav [--question ID] [--model NAME|PATH] [--json]`: the full report.

use crate::progress::Bar;
use anyhow::{Context, Result};
use rehearse::analysis::delivery::DeliverySettings;
use rehearse::analysis::report::Report;
use rehearse::asr::engine::Engine;
use rehearse::asr::manager::ModelManager;
use rehearse::progress::Cancel;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct AnalyzeArgs {
    /// The recording (WAV in any common layout).
    pub file: PathBuf,
    /// The question card answered (see `rehearse questions list`); enables content scoring.
    #[arg(long)]
    pub question: Option<String>,
    /// A model name from `rehearse models list`, or a path to a ggml file.
    #[arg(long, default_value = "tiny.en")]
    pub model: String,
    /// Print the report as JSON (schema rehearse.report/1).
    #[arg(long)]
    pub json: bool,
    /// Keep the attempt in the history (the WAV is copied into the data dir).
    #[arg(long)]
    pub save: bool,
    /// Decoder threads (default: all cores but one).
    #[arg(long)]
    pub threads: Option<usize>,
}

pub fn run(a: AnalyzeArgs) -> Result<()> {
    let card = match &a.question {
        Some(id) => Some(rehearse::questions::find(id)?.0),
        None => None,
    };
    let model_path = ModelManager::open_default().resolve(&a.model)?;
    let engine = Engine::load_with_threads(
        &model_path,
        a.threads
            .unwrap_or_else(rehearse::asr::engine::default_threads),
    )?;
    let mut bar = Bar::new();
    let report = rehearse::pipeline::analyze_file(
        &engine,
        &a.model,
        &a.file,
        card.as_ref(),
        &DeliverySettings::default(),
        &mut |p| bar.update(p),
        &Cancel::new(),
    )
    .with_context(|| format!("analysing {}", a.file.display()))?;
    bar.finish();
    if a.save {
        let id = save(&a, card.as_ref(), &report)?;
        eprintln!("saved as attempt {id}");
    }
    if a.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_summary(&report);
    }
    Ok(())
}

fn print_summary(r: &Report) {
    if let Some(q) = &r.question {
        println!("Question: {}", q.text);
    }
    println!(
        "Overall {}/100 — {}   (delivery {}{})",
        r.overall.score,
        r.overall.verdict,
        r.overall.delivery_score,
        r.overall
            .content_score
            .map(|c| format!(", content {c}"))
            .unwrap_or_default()
    );
    let d = &r.delivery;
    println!(
        "\nLength {:.0} s · {} words · pace {:.0} wpm ({:.0} wpm while speaking)",
        r.audio.duration_s, d.word_count, d.wpm, d.articulation_wpm
    );
    println!("  {}", d.pace.tip);
    let kinds: Vec<String> = d
        .fillers
        .by_word
        .iter()
        .map(|(w, n)| format!("{w} ×{n}"))
        .collect();
    println!(
        "Fillers {} ({:.1}/min){}",
        d.fillers.count,
        d.fillers.per_minute,
        if kinds.is_empty() {
            String::new()
        } else {
            format!(": {}", kinds.join(", "))
        }
    );
    let long = d.pauses.iter().filter(|p| p.long).count();
    println!("Pauses {} ({} long)", d.pauses.len(), long);
    if let Some(c) = &r.content {
        let s = &c.star;
        let mark = |b: bool| if b { "✓" } else { "✗" };
        println!(
            "\nSTAR  Situation {} · Task {} · Action {} · Result {} · Lesson {}",
            mark(s.situation),
            mark(s.task),
            mark(s.action),
            mark(s.result),
            mark(s.lesson)
        );
    }
    if !r.next_time.is_empty() {
        println!("\nNext time:");
        for (i, t) in r.next_time.iter().enumerate() {
            println!("  {}. {}", i + 1, t.text);
            if let Some(q) = &t.quote {
                println!("     “{q}”");
            }
        }
    }
    println!("\nTranscript:\n{}", r.transcript.text);
}

/// Copies the recording in and stores the attempt with its report.
fn save(
    a: &AnalyzeArgs,
    card: Option<&rehearse::questions::Card>,
    report: &Report,
) -> Result<rehearse::store::AttemptId> {
    let store = crate::history::open_store()?;
    let card_id = card.map(|c| c.id.to_string());
    let rel = store.copy_recording_in(&a.file, card_id.as_deref())?;
    let id = store.begin_attempt(&rehearse::store::NewAttempt {
        card_id,
        question: card.map(|c| c.question.clone()).unwrap_or_default(),
        model: Some(a.model.clone()),
        recording_rel_path: Some(rel),
    })?;
    rehearse::practice::finish(&store, id, report)?;
    Ok(id)
}

#[derive(clap::Args)]
pub struct RecoverArgs {
    /// The Whisper model used to analyse recovered answers (name or path).
    #[arg(long, default_value = "tiny.en")]
    pub model: String,
}

/// Repairs, analyses and keeps answers a killed recording left behind.
pub fn recover(a: RecoverArgs) -> Result<()> {
    let store = crate::history::open_store()?;
    let model = ModelManager::open_default().resolve(&a.model)?;
    let engine = Engine::load(&model)?;
    let r = rehearse::practice::recover(&store, &engine, &a.model)?;
    for id in &r.finished {
        println!("recovered attempt {id}");
    }
    for (id, why) in &r.failed {
        println!("attempt {id} could not be recovered: {why}");
    }
    if r.finished.is_empty() && r.failed.is_empty() {
        println!("nothing to recover");
    }
    Ok(())
}
