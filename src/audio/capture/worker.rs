//! The capture worker: resampling, the WAV file, the meter and the subscribers, plus the state
//! it shares with the stream callbacks and the [`Recorder`](super::Recorder).

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::{CaptureEvent, STALL_TIMEOUT};
use crate::audio::levels::Meter;
use crate::audio::resample::StreamResampler;
use crate::audio::wav::AudioError;
use crate::audio::writer::WavWriter;

/// The worker's 16 kHz sample count and why the recording ended early, if it did.
pub(super) type WorkerResult = Result<(u64, Option<String>), AudioError>;

/// State shared by the stream callbacks, the worker and the [`Recorder`](super::Recorder).
pub(super) struct Shared {
    pub subscribers: Mutex<Vec<Sender<CaptureEvent>>>,
    /// 16 kHz samples in the file so far.
    pub samples: AtomicU64,
    pub dropped_frames: AtomicU64,
    glitches: AtomicU64,
    fatal: Mutex<Option<String>>,
    pub stop: AtomicBool,
    pub finished: AtomicBool,
}

impl Shared {
    pub fn new(subscribers: Vec<Sender<CaptureEvent>>) -> Self {
        Self {
            subscribers: Mutex::new(subscribers),
            samples: AtomicU64::new(0),
            dropped_frames: AtomicU64::new(0),
            glitches: AtomicU64::new(0),
            fatal: Mutex::new(None),
            stop: AtomicBool::new(false),
            finished: AtomicBool::new(false),
        }
    }

    pub fn broadcast(&self, event: CaptureEvent) {
        let mut subs = self.subscribers.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((last, rest)) = subs.split_last() {
            let mut alive = vec![true; rest.len() + 1];
            for (i, s) in rest.iter().enumerate() {
                alive[i] = s.send(event.clone()).is_ok();
            }
            alive[rest.len()] = last.send(event).is_ok();
            let mut it = alive.into_iter();
            subs.retain(|_| it.next().unwrap_or(false));
        }
    }

    pub fn stream_error(&self, device: &str, e: cpal::Error) {
        use cpal::ErrorKind as K;
        let fatal = matches!(
            e.kind(),
            K::DeviceNotAvailable | K::StreamInvalidated | K::HostUnavailable | K::PermissionDenied
        );
        if fatal {
            let mut slot = self.fatal.lock().unwrap_or_else(|p| p.into_inner());
            slot.get_or_insert_with(|| format!("audio device {device:?} stopped: {e}"));
        } else {
            let n = self.glitches.fetch_add(1, Ordering::Relaxed);
            // Some backends repeat a transient error every period; log a sample of them.
            if n.is_power_of_two() || n == 0 {
                tracing::warn!(device, error = %e, count = n + 1, "audio stream glitch");
            }
        }
    }
}

pub(super) struct Worker {
    shared: Arc<Shared>,
    resampler: StreamResampler,
    writer: WavWriter,
    meter: Meter,
    out16: Vec<f32>,
    /// Set once the writer failed; it has already cut the file back to a valid state.
    write_failed: bool,
}

impl Worker {
    pub fn new(
        shared: Arc<Shared>,
        resampler: StreamResampler,
        writer: WavWriter,
        rate: u32,
    ) -> Self {
        Self {
            shared,
            resampler,
            writer,
            meter: Meter::new(rate),
            out16: Vec::new(),
            write_failed: false,
        }
    }

    /// Returns the 16 kHz samples in the file and why the recording ended early, if it did.
    pub fn run(mut self, rx: Receiver<Vec<f32>>, pool_tx: SyncSender<Vec<f32>>) -> WorkerResult {
        let started = Instant::now();
        let mut last_audio: Option<Instant> = None;
        let mut interrupted: Option<String> = None;
        loop {
            match rx.recv_timeout(Duration::from_millis(50)) {
                Ok(buf) => {
                    last_audio = Some(Instant::now());
                    if let Err(e) = self.handle(&buf) {
                        interrupted = Some(e.to_string());
                        break;
                    }
                    let _ = pool_tx.try_send(buf);
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => break,
            }
            if let Some(reason) = self
                .shared
                .fatal
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .take()
            {
                interrupted = Some(reason);
                break;
            }
            if self.shared.stop.load(Ordering::SeqCst) {
                while let Ok(buf) = rx.try_recv() {
                    if let Err(e) = self.handle(&buf) {
                        interrupted = Some(e.to_string());
                        break;
                    }
                }
                break;
            }
            let since = last_audio.unwrap_or(started).elapsed();
            let limit = if last_audio.is_some() {
                STALL_TIMEOUT
            } else {
                STALL_TIMEOUT * 2
            };
            if since > limit {
                interrupted = Some(format!(
                    "the audio device delivered no sound for {:.1} s; it may have been disconnected",
                    since.as_secs_f64()
                ));
                break;
            }
        }
        if let Some(reason) = &interrupted {
            tracing::error!(reason, "recording interrupted");
            self.shared.broadcast(CaptureEvent::Error(reason.clone()));
        }
        self.finish(interrupted)
    }

    fn handle(&mut self, native: &[f32]) -> Result<(), AudioError> {
        let shared = &self.shared;
        self.meter.push(native, |l| {
            shared.broadcast(CaptureEvent::Level {
                rms_db: l.rms_db,
                peak_db: l.peak_db,
                clipped: l.clipped,
            })
        });
        self.out16.clear();
        self.resampler.process_into(native, &mut self.out16)?;
        self.write_out16()
    }

    fn write_out16(&mut self) -> Result<(), AudioError> {
        if self.out16.is_empty() {
            return Ok(());
        }
        let result = self.writer.append(&self.out16);
        self.shared
            .samples
            .store(self.writer.samples(), Ordering::Relaxed);
        self.write_failed = result.is_err();
        result?;
        self.shared
            .broadcast(CaptureEvent::Audio(std::mem::take(&mut self.out16)));
        Ok(())
    }

    fn finish(mut self, mut interrupted: Option<String>) -> WorkerResult {
        if !self.write_failed {
            self.out16 = self.resampler.flush()?;
            if let Err(e) = self.write_out16() {
                self.shared.broadcast(CaptureEvent::Error(e.to_string()));
                interrupted.get_or_insert(e.to_string());
            }
        }
        let samples = self.writer.samples();
        match self.writer.finish() {
            Ok(w) => Ok((w.samples, interrupted)),
            // The writer already reported its failure and left a valid file behind.
            Err(_) if self.write_failed => Ok((samples, interrupted)),
            Err(e) => Err(e),
        }
    }
}
