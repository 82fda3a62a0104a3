//! A recording transcribed while it is made: the microphone is written to the WAV as usual,
//! and a second thread transcribes each piece between pauses, so the words appear as the user
//! speaks and the report is ready about a second after they stop.

pub mod segmenter;

use crate::asr::engine::{Engine, EngineError, TranscribeOptions};
use crate::audio::capture::{CaptureEvent, Recorder, RecorderOptions, RecordingSummary};
use crate::audio::wav::AudioError;
use crate::domain::{Transcript, Word};
use crate::progress::Cancel;
use segmenter::{next_cut, Cut, Levels, RATE};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum LiveError {
    #[error(transparent)]
    Audio(#[from] AudioError),
    #[error(transparent)]
    Engine(#[from] EngineError),
    #[error("the live transcription stopped unexpectedly")]
    WorkerPanicked,
}

/// What a running recording reports, in the order it happens.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LiveEvent {
    Level {
        rms_db: f32,
        peak_db: f32,
        clipped: bool,
        elapsed_s: f64,
    },
    /// The transcript so far (everything transcribed, not just the newest piece).
    Transcript {
        text: String,
        words: Vec<Word>,
        covered_s: f64,
    },
    /// The recording ended by itself (device lost, disk full); the audio so far is kept.
    Interrupted { reason: String },
}

pub type EventSink = Arc<dyn Fn(LiveEvent) + Send + Sync>;

#[derive(Debug, Clone)]
pub struct LiveOptions {
    /// Device id; `None` is the system default.
    pub device: Option<String>,
    pub out: PathBuf,
    pub transcribe: TranscribeOptions,
}

/// The finished recording with its transcript.
#[derive(Debug)]
pub struct Finished {
    pub summary: RecordingSummary,
    pub samples: Vec<f32>,
    pub transcript: Transcript,
    /// Seconds of audio still untranscribed when the user stopped (what stop waited for).
    pub tail_s: f64,
}

#[derive(Default)]
struct Audio {
    samples: Vec<f32>,
    levels: Levels,
}

pub struct LiveRecording {
    recorder: Recorder,
    audio: Arc<Mutex<Audio>>,
    collector: JoinHandle<()>,
    transcriber: JoinHandle<Result<(Transcript, f64), EngineError>>,
    last_piece: Arc<AtomicBool>,
    cancel: Cancel,
}

impl LiveRecording {
    /// Opens the microphone and starts recording and transcribing.
    pub fn start(
        engine: Arc<Engine>,
        opts: LiveOptions,
        on_event: EventSink,
    ) -> Result<LiveRecording, LiveError> {
        let (tx, rx) = mpsc::channel();
        let recorder = Recorder::start(RecorderOptions {
            device: opts.device.clone(),
            out: opts.out.clone(),
            events: Some(tx),
        })?;
        let audio = Arc::new(Mutex::new(Audio::default()));
        let collector = {
            let audio = audio.clone();
            let on_event = on_event.clone();
            thread::Builder::new()
                .name("live-collector".into())
                .spawn(move || collect(rx, &audio, &*on_event))
                .expect("spawning the live collector")
        };
        let last_piece = Arc::new(AtomicBool::new(false));
        let cancel = Cancel::new();
        let transcriber = {
            let audio = audio.clone();
            let last_piece = last_piece.clone();
            let cancel = cancel.clone();
            thread::Builder::new()
                .name("live-transcriber".into())
                .spawn(move || {
                    transcribe_loop(
                        &engine,
                        &opts.transcribe,
                        &audio,
                        &last_piece,
                        &cancel,
                        &*on_event,
                    )
                })
                .expect("spawning the live transcriber")
        };
        Ok(LiveRecording {
            recorder,
            audio,
            collector,
            transcriber,
            last_piece,
            cancel,
        })
    }

    pub fn device(&self) -> &str {
        self.recorder.device()
    }

    pub fn elapsed_s(&self) -> f64 {
        self.recorder.elapsed_s()
    }

    /// True once the recording ended by itself; call [`finish`](Self::finish) to keep it.
    pub fn is_finished(&self) -> bool {
        self.recorder.is_finished()
    }

    /// Stops recording, transcribes what is left and returns everything.
    pub fn finish(self) -> Result<Finished, LiveError> {
        let summary = self.recorder.stop()?;
        // The collector ends when the recorder's channel closes, after the last audio.
        self.collector
            .join()
            .map_err(|_| LiveError::WorkerPanicked)?;
        self.last_piece.store(true, Ordering::SeqCst);
        let (transcript, tail_s) = self
            .transcriber
            .join()
            .map_err(|_| LiveError::WorkerPanicked)??;
        let samples =
            std::mem::take(&mut self.audio.lock().unwrap_or_else(|p| p.into_inner()).samples);
        Ok(Finished {
            summary,
            samples,
            transcript,
            tail_s,
        })
    }

    /// Stops recording and transcribing; returns the WAV path for the caller to remove.
    pub fn cancel(self) -> PathBuf {
        self.cancel.cancel();
        self.last_piece.store(true, Ordering::SeqCst);
        let path = self.recorder.path().to_path_buf();
        if let Err(e) = self.recorder.stop() {
            tracing::warn!(error = %e, "stopping a cancelled recording");
        }
        let _ = self.collector.join();
        let _ = self.transcriber.join();
        path
    }
}

fn collect(rx: mpsc::Receiver<CaptureEvent>, audio: &Mutex<Audio>, on_event: &dyn Fn(LiveEvent)) {
    let mut samples_seen = 0usize;
    for ev in rx {
        match ev {
            CaptureEvent::Audio(chunk) => {
                samples_seen += chunk.len();
                let mut a = audio.lock().unwrap_or_else(|p| p.into_inner());
                a.samples.extend_from_slice(&chunk);
                let Audio { samples, levels } = &mut *a;
                levels.update(samples);
            }
            CaptureEvent::Level {
                rms_db,
                peak_db,
                clipped,
            } => on_event(LiveEvent::Level {
                rms_db,
                peak_db,
                clipped,
                elapsed_s: samples_seen as f64 / RATE as f64,
            }),
            CaptureEvent::Error(reason) => on_event(LiveEvent::Interrupted { reason }),
        }
    }
}

/// Every core: capture needs little CPU, and a piece must be transcribed faster than it is
/// spoken for the transcript to keep up. Measured on the 2-core test machine: a 6.5 s piece
/// took 7.3 s on one core, 4.5 s on two; in the app under the E2E run, stop-to-report was
/// 8.1 s with two threads and 10.9 s with one (pieces queue up behind a slow transcriber).
fn live_threads() -> Option<usize> {
    thread::available_parallelism().ok().map(|n| n.get())
}

/// A smaller encoder context for a short piece: about half the encoder time for pieces up to
/// 12 s. Measured with tiny.en: a context just covering the audio (600 for 12 s) makes the
/// decoder repeat itself, 750 with a quarter to spare does not; so 750 at least, plus 25 %.
pub fn piece_audio_ctx(samples: usize) -> Option<i32> {
    // 1500 positions cover 30 s: 50 per second.
    let needed = (samples as f64 / RATE as f64 * 50.0 * 1.25) as i32 + 150;
    let ctx = needed.max(750);
    (ctx < 1500).then_some(ctx)
}

fn transcribe_loop(
    engine: &Engine,
    opts: &TranscribeOptions,
    audio: &Mutex<Audio>,
    last_piece: &AtomicBool,
    cancel: &Cancel,
    on_event: &dyn Fn(LiveEvent),
) -> Result<(Transcript, f64), EngineError> {
    let mut transcript = Transcript::default();
    let mut done = 0usize;
    loop {
        if cancel.is_cancelled() {
            return Err(EngineError::Cancelled);
        }
        // Read before deciding, so audio that arrived before the flag is included.
        let last = last_piece.load(Ordering::SeqCst);
        let (cut, piece) = {
            let a = audio.lock().unwrap_or_else(|p| p.into_inner());
            let cut = next_cut(&a.levels, a.samples.len(), done, last);
            let piece = match cut {
                Cut::Transcribe { at } => a.samples[done..at].to_vec(),
                _ => Vec::new(),
            };
            (cut, piece)
        };
        let tail_s = piece.len() as f64 / RATE as f64;
        match cut {
            Cut::Wait => {
                thread::sleep(Duration::from_millis(200));
                continue;
            }
            Cut::Skip { at } => done = at,
            Cut::Transcribe { at } => {
                let piece_opts = TranscribeOptions {
                    offset_s: opts.offset_s + done as f64 / RATE as f64,
                    threads: opts.threads.or_else(live_threads),
                    audio_ctx: opts.audio_ctx.or(piece_audio_ctx(piece.len())),
                    ..opts.clone()
                };
                let part = engine.transcribe_with(&piece, &piece_opts, &mut |_| {}, cancel)?;
                tracing::debug!(
                    from_s = done as f64 / RATE as f64,
                    len_s = tail_s,
                    words = part.words.len(),
                    "live piece transcribed"
                );
                transcript.extend(part);
                done = at;
                on_event(LiveEvent::Transcript {
                    text: transcript.text.clone(),
                    words: transcript.words.clone(),
                    covered_s: done as f64 / RATE as f64,
                });
            }
        }
        if last {
            return Ok((transcript, tail_s));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_pieces_get_a_smaller_encoder_context_with_room_to_spare() {
        assert_eq!(piece_audio_ctx(6 * RATE), Some(750));
        // 12 s needs 600 positions; it gets a quarter more plus a margin.
        assert_eq!(piece_audio_ctx(12 * RATE), Some(900));
        assert_eq!(piece_audio_ctx(20 * RATE), Some(1400));
        // Long pieces use the model's full context.
        assert_eq!(piece_audio_ctx(25 * RATE), None);
    }
}
