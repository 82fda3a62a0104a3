//! `rehearse devices` and `rehearse record`.

use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use rehearse::audio::capture::{self, CaptureEvent, Recorder, RecorderOptions};
use rehearse::audio::levels::SILENCE_DB;

#[derive(clap::Args)]
pub struct DevicesArgs {
    /// Print the devices as JSON on stdout.
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct RecordArgs {
    /// Stop after this many seconds of audio (default: until Ctrl-C).
    #[arg(long, value_parser = positive_seconds)]
    seconds: Option<f64>,
    /// The WAV file to write (16 kHz mono 16-bit PCM); with --save it goes to the data dir.
    #[arg(long, required_unless_present = "save")]
    out: Option<PathBuf>,
    /// Analyse the answer and keep it in the history (the attempt is written before audio starts).
    #[arg(long)]
    save: bool,
    /// The question card being answered (with --save: enables content scoring).
    #[arg(long)]
    question: Option<String>,
    /// The Whisper model for --save (name or path).
    #[arg(long, default_value = "tiny.en")]
    model: String,
    /// Input device name or id (see `rehearse devices`); default: the system default input.
    #[arg(long)]
    device: Option<String>,
    /// Print the recording summary as JSON on stdout.
    #[arg(long)]
    json: bool,
}

fn positive_seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v > 0.0 && v.is_finite() => Ok(v),
        _ => Err(format!("expected a positive number of seconds, got {s:?}")),
    }
}

pub fn devices(a: DevicesArgs) -> Result<()> {
    let devices = capture::list_input_devices()?;
    if a.json {
        println!("{}", serde_json::to_string_pretty(&devices)?);
        return Ok(());
    }
    if devices.is_empty() {
        println!("no input devices found");
        return Ok(());
    }
    for d in &devices {
        let mark = if d.is_default { "*" } else { " " };
        let id = if d.id == d.name {
            String::new()
        } else {
            format!(" [{}]", d.id)
        };
        println!(
            "{mark} {}{id}  {} Hz, {} ch, {}",
            d.name, d.default_rate, d.channels, d.sample_format
        );
    }
    Ok(())
}

pub fn record(a: RecordArgs) -> Result<()> {
    let interrupted = Arc::new(AtomicBool::new(false));
    let flag = interrupted.clone();
    ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst))
        .context("cannot install the Ctrl-C handler")?;

    // With --save, everything that can fail is checked and the attempt row written before
    // any audio, so a crash mid-answer leaves something to recover.
    let saving = if a.save {
        let card = match &a.question {
            Some(id) => Some(rehearse::questions::find(id)?.0),
            None => None,
        };
        let model = rehearse::asr::manager::ModelManager::open_default().resolve(&a.model)?;
        let engine = rehearse::asr::engine::Engine::load(&model)?;
        let store = crate::history::open_store()?;
        let recovered = rehearse::practice::recover(&store, &engine, &a.model)?;
        if !recovered.finished.is_empty() {
            eprintln!(
                "recovered {} interrupted attempt(s) into the history",
                recovered.finished.len()
            );
        }
        let started = rehearse::practice::begin(&store, card.as_ref(), &a.model)?;
        Some((store, engine, card, started))
    } else {
        None
    };
    let out = match (&saving, &a.out) {
        (Some((_, _, _, started)), _) => started.recording.clone(),
        (None, Some(out)) => out.clone(),
        (None, None) => anyhow::bail!("--out is required without --save"),
    };
    let (tx, events) = mpsc::channel();
    let mut opts = RecorderOptions::new(&out);
    opts.device = a.device.clone();
    opts.events = Some(tx);
    let recorder = Recorder::start(opts)?;
    eprintln!(
        "recording from {:?} to {} — Ctrl-C to stop",
        recorder.device(),
        out.display()
    );

    let mut line = LevelLine::default();
    loop {
        match events.recv_timeout(Duration::from_millis(100)) {
            Ok(CaptureEvent::Level {
                rms_db,
                peak_db,
                clipped,
            }) => line.update(rms_db, peak_db, clipped),
            Ok(CaptureEvent::Audio(_)) => {}
            Ok(CaptureEvent::Error(e)) => {
                eprintln!();
                eprintln!("error: {e}");
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
        let elapsed = recorder.elapsed_s();
        line.draw(elapsed);
        if interrupted.load(Ordering::SeqCst)
            || recorder.is_finished()
            || a.seconds.is_some_and(|s| elapsed >= s)
        {
            break;
        }
    }
    let summary = recorder.stop()?;
    eprintln!();
    if a.json {
        println!("{}", serde_json::to_string_pretty(&summary)?);
    } else {
        println!(
            "wrote {} ({:.1} s, device {} at {} Hz, {} ch, {})",
            summary.path.display(),
            summary.duration_s,
            summary.device,
            summary.device_rate,
            summary.device_channels,
            summary.sample_format
        );
    }
    if summary.dropped_frames > 0 {
        eprintln!(
            "warning: {} device frames were dropped because the machine was too busy",
            summary.dropped_frames
        );
    }
    if let Some((store, engine, card, started)) = saving {
        let report = rehearse::pipeline::analyze_file(
            &engine,
            &a.model,
            &started.recording,
            card.as_ref(),
            &rehearse::analysis::delivery::DeliverySettings::default(),
            &mut |_| {},
            &rehearse::progress::Cancel::new(),
        );
        match report {
            Ok(report) => {
                rehearse::practice::finish(&store, started.id, &report)?;
                println!(
                    "saved attempt {}: overall {}/100, {:.0} wpm, {} fillers",
                    started.id,
                    report.overall.score,
                    report.delivery.wpm,
                    report.delivery.fillers.count
                );
            }
            Err(e) => {
                store.fail_attempt(started.id, &e.to_string())?;
                return Err(e).context("analysing the recording (the audio is kept)");
            }
        }
    }
    if let Some(why) = summary.interrupted {
        anyhow::bail!("the recording ended early: {why} (the audio up to then is saved)");
    }
    Ok(())
}

/// The live status line: elapsed time, a bar for the RMS level, the peak and a clip marker.
struct LevelLine {
    rms_db: f32,
    peak_db: f32,
    clip_until: Option<Instant>,
    last_draw: Option<Instant>,
}

impl Default for LevelLine {
    fn default() -> Self {
        Self {
            rms_db: SILENCE_DB,
            peak_db: SILENCE_DB,
            clip_until: None,
            last_draw: None,
        }
    }
}

impl LevelLine {
    fn update(&mut self, rms_db: f32, peak_db: f32, clipped: bool) {
        self.rms_db = rms_db;
        self.peak_db = peak_db;
        if clipped {
            // Keep the marker up long enough to be seen.
            self.clip_until = Some(Instant::now() + Duration::from_secs(1));
        }
    }

    fn draw(&mut self, elapsed_s: f64) {
        if self
            .last_draw
            .is_some_and(|t| t.elapsed() < Duration::from_millis(100))
        {
            return;
        }
        self.last_draw = Some(Instant::now());
        const WIDTH: usize = 30;
        // -60 dBFS .. 0 dBFS fills the bar.
        let filled = (((self.rms_db + 60.0) / 60.0).clamp(0.0, 1.0) * WIDTH as f32) as usize;
        let bar: String = "#".repeat(filled) + &"-".repeat(WIDTH - filled);
        let clip = if self.clip_until.is_some_and(|t| Instant::now() < t) {
            " CLIP"
        } else {
            "     "
        };
        let mins = (elapsed_s / 60.0).floor();
        let secs = elapsed_s - mins * 60.0;
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "\r{:02}:{:04.1} [{bar}] rms {:6.1} dB  peak {:6.1} dB{clip}",
            mins as u64, secs, self.rms_db, self.peak_db
        );
        let _ = err.flush();
    }
}
