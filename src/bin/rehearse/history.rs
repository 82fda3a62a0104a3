//! `rehearse history`, `progress`, `export`, `import` and `attempts …`: the stored attempts.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use chrono::{Local, Utc};
use rehearse::analysis::report::Report;
use rehearse::audio::writer::WavWriter;
use rehearse::render::{self, DocumentFormat, DocumentInput};
use rehearse::store::{
    AttemptFilter, AttemptId, AttemptSummary, ExportFormat, MetricKind, NewAttempt, NoteId,
    NoteUpdate, ProgressQuery, ProgressReport, Store, SuggestionKind,
};

#[derive(clap::Args)]
pub struct HistoryArgs {
    /// Only attempts at this card.
    #[arg(long)]
    card: Option<String>,
    /// Only attempts whose question, card id, transcript or notes contain this text.
    #[arg(long)]
    search: Option<String>,
    /// At most this many attempts, newest first (0: all).
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// Print a JSON array of attempts on stdout.
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct ProgressArgs {
    /// Only attempts at this card.
    #[arg(long)]
    card: Option<String>,
    /// Only the last N days.
    #[arg(long)]
    days: Option<u32>,
    /// Print the progress report (and the practise-next list) as JSON on stdout.
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct ExportArgs {
    /// json (everything, nested) or csv (one row per attempt after a header).
    #[arg(long, default_value = "json")]
    format: ExportFormat,
    /// The file to write.
    #[arg(long)]
    out: PathBuf,
}

#[derive(clap::Args)]
pub struct ImportArgs {
    /// A file written by `rehearse export` (JSON or CSV, detected from its content).
    file: PathBuf,
}

#[derive(clap::Subcommand)]
pub enum AttemptsCommand {
    /// Show one attempt in full (transcript, notes; the report with --json).
    Show {
        id: AttemptId,
        #[arg(long)]
        json: bool,
    },
    /// Delete an attempt, its notes and its recording.
    Delete { id: AttemptId },
    /// Write an attempt's report, with its notes, as a document to keep or send to a mentor.
    Export {
        id: AttemptId,
        /// markdown (or md), or html (one self-contained page).
        #[arg(long)]
        format: DocumentFormat,
        /// The file to write.
        #[arg(long)]
        out: PathBuf,
    },
    /// Notes on an attempt: list, add, edit, delete.
    #[command(subcommand)]
    Notes(NotesCommand),
    /// Test support: begin an attempt and write a synthetic recording in real time, as the app
    /// does, so a test can kill the process mid-recording.
    #[command(hide = true)]
    SimulateRecording {
        #[arg(long, default_value_t = 30.0)]
        seconds: f64,
        #[arg(long)]
        card: Option<String>,
    },
}

#[derive(clap::Subcommand)]
pub enum NotesCommand {
    /// List an attempt's notes.
    List { attempt: AttemptId },
    /// Add a note, optionally at a moment of the recording.
    Add {
        attempt: AttemptId,
        text: String,
        /// Seconds from the recording's start.
        #[arg(long)]
        at: Option<f64>,
    },
    /// Change a note's text or moment.
    Edit {
        note: NoteId,
        #[arg(long)]
        text: Option<String>,
        #[arg(long, conflicts_with = "general")]
        at: Option<f64>,
        /// Detach the note from its moment.
        #[arg(long)]
        general: bool,
    },
    /// Delete a note.
    Delete { note: NoteId },
}

pub fn open_store() -> Result<Store> {
    let store = Store::open_default()?;
    if let Some(backup) = &store.open_report().recovered_from {
        eprintln!(
            "warning: the database was unusable ({}); it was moved to {} and a fresh one started",
            store
                .open_report()
                .reason
                .as_deref()
                .unwrap_or("unknown reason"),
            backup.display()
        );
    }
    Ok(store)
}

pub fn history(a: HistoryArgs) -> Result<()> {
    let store = open_store()?;
    let attempts = store.list(&AttemptFilter {
        card_id: a.card,
        search: a.search,
        limit: (a.limit > 0).then_some(a.limit),
        ..Default::default()
    })?;
    if a.json {
        println!("{}", serde_json::to_string_pretty(&attempts)?);
        return Ok(());
    }
    if attempts.is_empty() {
        println!("no attempts yet");
        return Ok(());
    }
    println!(
        "{:>6}  {:<16}  {:<40}  {:<9}  {:>6}  {:>5}  {:>8}  {:>7}",
        "id", "started", "card", "status", "length", "wpm", "fillers", "overall"
    );
    for s in &attempts {
        print_row(s);
    }
    Ok(())
}

fn print_row(s: &AttemptSummary) {
    let m = &s.metrics;
    let num = |v: Option<f64>, digits: usize| v.map_or("-".to_owned(), |v| format!("{v:.digits$}"));
    let card = s.card_id.as_deref().unwrap_or("(free practice)");
    println!(
        "{:>6}  {:<16}  {:<40}  {:<9}  {:>6}  {:>5}  {:>8}  {:>7}",
        s.id,
        s.started_at.with_timezone(&Local).format("%Y-%m-%d %H:%M"),
        truncate(card, 40),
        s.status,
        m.duration_s.map_or("-".to_owned(), |d| format!(
            "{}:{:02}",
            (d / 60.0) as u64,
            (d % 60.0) as u64
        )),
        num(m.wpm, 0),
        num(m.fillers_per_min, 1),
        num(m.overall_score, 0),
    );
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        s.chars().take(n - 1).chain(['…']).collect()
    }
}

pub fn progress(a: ProgressArgs) -> Result<()> {
    let store = open_store()?;
    let mut q = ProgressQuery {
        card_id: a.card,
        ..Default::default()
    };
    if let Some(days) = a.days {
        q.since = Some(q.now - chrono::Duration::days(i64::from(days)));
    }
    let report = store.progress(&q)?;
    let cards: Vec<String> = match rehearse::questions::all() {
        Ok(library) => library
            .cards
            .into_iter()
            .map(|(c, _)| c.id.as_str().to_owned())
            .collect(),
        Err(e) => {
            tracing::warn!(error = %e, "custom cards could not be listed; suggesting bank cards only");
            rehearse::questions::bank::cards()
                .iter()
                .map(|c| c.id.as_str().to_owned())
                .collect()
        }
    };
    let next = store.practise_next(&cards, Utc::now())?;
    if a.json {
        let out = serde_json::json!({"progress": report, "practise_next": next});
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(());
    }
    let t = &report.totals;
    println!(
        "{} finished attempts at {} cards, {:.0} min of answers",
        t.attempts,
        t.cards,
        t.practice_s / 60.0
    );
    let s = &report.streak;
    println!(
        "streak: {} day(s) now, longest {} day(s)",
        s.current_days, s.longest_days
    );
    if !report.bests.is_empty() {
        println!("\npersonal bests:");
        for b in &report.bests {
            println!(
                "  {:<20} {:>7.1}  (attempt {}, {})",
                b.metric.column(),
                b.value,
                b.attempt_id,
                b.at.with_timezone(&Local).format("%Y-%m-%d")
            );
        }
    }
    if t.attempts > 0 {
        print_trends(&report);
    }
    println!("\npractise next:");
    for s in next
        .iter()
        .filter(|s| s.kind != SuggestionKind::Upcoming)
        .take(5)
    {
        let why = match s.kind {
            SuggestionKind::New => "never practised".to_owned(),
            _ => format!(
                "due (last score {}, every {} day(s))",
                s.last_score.map_or("-".to_owned(), |v| format!("{v:.0}")),
                s.interval_days
            ),
        };
        println!("  {:<45} {why}", s.card_id);
    }
    Ok(())
}

fn print_trends(report: &ProgressReport) {
    println!("\nweekly means (last 8 weeks with attempts):");
    let shown = [
        MetricKind::OverallScore,
        MetricKind::Wpm,
        MetricKind::FillersPerMin,
        MetricKind::LongPausesPerMin,
    ];
    for trend in report.trends.iter().filter(|t| shown.contains(&t.metric)) {
        let weeks = &trend.by_week[trend.by_week.len().saturating_sub(8)..];
        let cells: Vec<String> = weeks
            .iter()
            .map(|p| format!("{} {:.1}", p.start.format("%m-%d"), p.mean))
            .collect();
        println!("  {:<20} {}", trend.metric.column(), cells.join(" | "));
    }
}

pub fn export(a: ExportArgs) -> Result<()> {
    let store = open_store()?;
    let n = store.export(a.format, &a.out)?;
    eprintln!("exported {n} attempts to {}", a.out.display());
    Ok(())
}

pub fn import(a: ImportArgs) -> Result<()> {
    let store = open_store()?;
    let r = store.import(&a.file)?;
    eprintln!(
        "imported {} attempts ({} notes); {} already present were skipped",
        r.imported, r.notes, r.skipped_existing
    );
    Ok(())
}

pub fn attempts(c: AttemptsCommand) -> Result<()> {
    match c {
        AttemptsCommand::Show { id, json } => show(id, json),
        AttemptsCommand::Delete { id } => {
            let d = open_store()?.delete_attempt(id)?;
            match d.recording_removed {
                Some(p) => eprintln!("deleted attempt {id} and its recording {}", p.display()),
                None => eprintln!("deleted attempt {id}"),
            }
            Ok(())
        }
        AttemptsCommand::Export { id, format, out } => export_attempt(id, format, &out),
        AttemptsCommand::Notes(n) => notes(n),
        AttemptsCommand::SimulateRecording { seconds, card } => simulate_recording(seconds, card),
    }
}

fn show(id: AttemptId, json: bool) -> Result<()> {
    let a = open_store()?.get(id)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&a)?);
        return Ok(());
    }
    let s = &a.summary;
    println!(
        "attempt {} ({}) at {}",
        s.id,
        s.status,
        s.started_at
            .with_timezone(&Local)
            .format("%Y-%m-%d %H:%M:%S")
    );
    println!("question: {}", s.question);
    if let Some(e) = &s.error {
        println!("error: {e}");
    }
    if let Some(p) = &s.recording_path {
        println!("recording: {p}");
    }
    if let Some(t) = &a.transcript {
        println!("transcript: {}", t.text);
    }
    for n in &a.notes {
        let at = n.at_s.map_or(String::new(), |t| format!(" @ {t:.1} s"));
        println!("note {}{at}: {}", n.id, n.text);
    }
    Ok(())
}

fn export_attempt(id: AttemptId, format: DocumentFormat, out: &Path) -> Result<()> {
    let a = open_store()?.get(id)?;
    let Some(stored) = a.report else {
        bail!(
            "attempt {id} has no report to export (status: {})",
            a.summary.status
        );
    };
    let report: Report = serde_path_to_error::deserialize(stored)
        .with_context(|| format!("attempt {id}: the stored report cannot be read"))?;
    // The date reads as the clock on the wall when the attempt was taken.
    let input = DocumentInput {
        report: &report,
        taken_at: Some(a.summary.started_at),
        utc_offset_s: a.summary.utc_offset_s,
        notes: &a.notes,
    };
    render::write_document(&input, format, out)?;
    eprintln!("wrote attempt {id} as {format} to {}", out.display());
    Ok(())
}

fn notes(c: NotesCommand) -> Result<()> {
    let store = open_store()?;
    match c {
        NotesCommand::List { attempt } => {
            store.summary(attempt)?;
            for n in store.notes(attempt)? {
                let at = n.at_s.map_or("     -".to_owned(), |t| format!("{t:6.1}"));
                println!("{:>5}  {at}  {}", n.id, n.text);
            }
        }
        NotesCommand::Add { attempt, text, at } => {
            let n = store.add_note(attempt, at, &text)?;
            println!("{}", n.id);
        }
        NotesCommand::Edit {
            note,
            text,
            at,
            general,
        } => {
            if text.is_none() && at.is_none() && !general {
                bail!("nothing to change: give --text, --at or --general");
            }
            let at_s = if general { Some(None) } else { at.map(Some) };
            store.update_note(note, &NoteUpdate { text, at_s })?;
        }
        NotesCommand::Delete { note } => store.delete_note(note)?,
    }
    Ok(())
}

/// Records a 220 Hz tone in real time into a new attempt, exactly as the app writes a
/// recording, then marks the attempt failed (nothing analyses it).
fn simulate_recording(seconds: f64, card: Option<String>) -> Result<()> {
    if !(seconds > 0.0 && seconds.is_finite()) {
        bail!("--seconds must be a positive number, got {seconds}");
    }
    let store = open_store()?;
    let rel = store.new_recording_path(card.as_deref())?;
    let id = store.begin_attempt(&NewAttempt {
        card_id: card,
        question: "Simulated recording".into(),
        model: None,
        recording_rel_path: Some(rel.clone()),
    })?;
    let path = store.data_dir().join(&rel);
    let mut writer = WavWriter::create(&path).with_context(|| format!("attempt {id}"))?;
    println!("recording attempt {id} to {}", path.display());
    const RATE: usize = 16_000;
    let total = (seconds * RATE as f64) as usize;
    let chunk = RATE / 10;
    let start = Instant::now();
    let mut written = 0usize;
    while written < total {
        let n = chunk.min(total - written);
        let samples: Vec<f32> = (written..written + n)
            .map(|i| 0.3 * (2.0 * std::f32::consts::PI * 220.0 * i as f32 / RATE as f32).sin())
            .collect();
        writer.append(&samples)?;
        written += n;
        let due = Duration::from_secs_f64(written as f64 / RATE as f64);
        if let Some(wait) = due.checked_sub(start.elapsed()) {
            std::thread::sleep(wait);
        }
    }
    let wav = writer.finish()?;
    store.mark_analysing(id, Some(wav.duration_s))?;
    store.fail_attempt(id, "simulated recording: not analysed")?;
    println!("finished attempt {id}: {:.1} s", wav.duration_s);
    Ok(())
}
