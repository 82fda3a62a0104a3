//! Microphone capture with cpal.
//!
//! The device is opened at its own rate, channel count and sample format. The real-time
//! callback only converts to f32, averages the channels and hands the buffer over a bounded
//! channel; buffers travel back for reuse, so steady-state capture allocates nothing there and
//! never blocks. A worker thread resamples to 16 kHz, appends to a [`WavWriter`], computes meter
//! levels (~20 Hz) and broadcasts [`CaptureEvent`]s to subscribers.
//!
//! A device that disappears (a fatal stream error, or no audio for [`STALL_TIMEOUT`]) ends the
//! recording: the WAV is finished with the audio so far, a [`CaptureEvent::Error`] goes out and
//! [`RecordingSummary::interrupted`] says why. A full disk does the same.

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use cpal::traits::{DeviceTrait, StreamTrait};
use cpal::SampleFormat;

use super::resample::StreamResampler;
use super::wav::{AudioError, TARGET_RATE};
use super::writer::WavWriter;

mod devices;
mod stream;
mod worker;

use devices::{device_name, pick_device};
pub use devices::{list_input_devices, InputDevice};
use stream::{build_stream, BuildError};
use worker::{Shared, Worker, WorkerResult};

/// A capture device that delivers nothing for this long is treated as gone.
pub const STALL_TIMEOUT: Duration = Duration::from_secs(3);
/// How long `stop` waits for the audio backend to close the stream.
const STREAM_CLOSE_GRACE: Duration = Duration::from_secs(2);
/// Callback buffers the worker may fall behind by before audio is dropped (~2.5 s at 10 ms).
const QUEUE_BUFFERS: usize = 256;

/// What happens during a recording, broadcast to every subscriber.
#[derive(Debug, Clone, PartialEq)]
pub enum CaptureEvent {
    /// Meter reading, about 20 a second (see [`Meter`](crate::audio::levels::Meter)).
    Level {
        rms_db: f32,
        peak_db: f32,
        clipped: bool,
    },
    /// The next piece of the recording as 16 kHz mono f32, exactly as written to the WAV.
    Audio(Vec<f32>),
    /// The recording ended early; the WAV keeps the audio up to here.
    Error(String),
}

/// How to record.
#[derive(Debug, Clone)]
pub struct RecorderOptions {
    /// Device name or id; `None` records from the system default input.
    pub device: Option<String>,
    /// The WAV file to write (16 kHz mono 16-bit). Parent folders are created.
    pub out: PathBuf,
    /// A subscriber registered before capture starts, so it misses nothing.
    pub events: Option<Sender<CaptureEvent>>,
}

impl RecorderOptions {
    pub fn new(out: impl Into<PathBuf>) -> Self {
        Self {
            device: None,
            out: out.into(),
            events: None,
        }
    }
}

/// The result of a recording.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RecordingSummary {
    pub path: PathBuf,
    pub duration_s: f64,
    /// 16 kHz samples in the file.
    pub samples: u64,
    pub device: String,
    pub device_rate: u32,
    pub device_channels: u16,
    pub sample_format: String,
    /// Device frames lost because the worker fell behind (normally 0).
    pub dropped_frames: u64,
    /// Why the recording ended before `stop()`, if it did.
    pub interrupted: Option<String>,
}

/// A running recording. Dropping it stops and finishes the file like [`Recorder::stop`].
pub struct Recorder {
    stream: Option<cpal::Stream>,
    worker: Option<JoinHandle<WorkerResult>>,
    shared: Arc<Shared>,
    path: PathBuf,
    device: String,
    rate: u32,
    channels: u16,
    format: SampleFormat,
}

// The app keeps a running recording in its shared state, which must be Send.
const _: fn() = || {
    fn assert_send<T: Send>() {}
    assert_send::<Recorder>();
};

impl std::fmt::Debug for Recorder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recorder")
            .field("path", &self.path)
            .field("device", &self.device)
            .field("rate", &self.rate)
            .field("channels", &self.channels)
            .finish()
    }
}

impl Recorder {
    /// Opens the device at its native format and starts recording to `opts.out`.
    pub fn start(opts: RecorderOptions) -> Result<Recorder, AudioError> {
        let host = cpal::default_host();
        let device = pick_device(&host, opts.device.as_deref())?;
        let name = device_name(&device);
        let dev_err = |reason: String| AudioError::Device {
            device: name.clone(),
            reason,
        };
        let supported = device
            .default_input_config()
            .map_err(|e| dev_err(format!("cannot read its input format: {e}")))?;
        let (rate, channels, format) = (
            supported.sample_rate(),
            supported.channels(),
            supported.sample_format(),
        );
        if channels == 0 {
            return Err(dev_err("it reports 0 input channels".into()));
        }
        let resampler = StreamResampler::new(rate)?;
        if let Some(parent) = opts.out.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| AudioError::Create {
                path: parent.to_owned(),
                source,
            })?;
        }
        let shared = Arc::new(Shared::new(opts.events.into_iter().collect()));
        let (tx, rx) = mpsc::sync_channel::<Vec<f32>>(QUEUE_BUFFERS);
        let (pool_tx, pool_rx) = mpsc::sync_channel::<Vec<f32>>(QUEUE_BUFFERS);
        let config = supported.config();
        let stream = build_stream(&device, format, config, tx, pool_rx, shared.clone(), &name)
            .map_err(|e| match e {
                BuildError::Format(f) => AudioError::UnsupportedSampleFormat {
                    device: name.clone(),
                    format: f.to_string(),
                },
                BuildError::Cpal(e) => dev_err(format!("cannot open an input stream: {e}")),
            })?;
        let writer = WavWriter::create(&opts.out)?;
        // A start that fails from here on leaves no empty recording behind.
        let discard = |e: AudioError| {
            let _ = std::fs::remove_file(&opts.out);
            e
        };

        let worker_shared = shared.clone();
        let worker = std::thread::Builder::new()
            .name("rehearse-capture".into())
            .spawn(move || {
                let w = Worker::new(worker_shared.clone(), resampler, writer, rate);
                let r = w.run(rx, pool_tx);
                worker_shared.finished.store(true, Ordering::SeqCst);
                r
            })
            .map_err(|e| discard(dev_err(format!("cannot start the capture thread: {e}"))))?;
        if let Err(e) = stream.play() {
            drop(stream);
            shared.stop.store(true, Ordering::SeqCst);
            let _ = worker.join();
            return Err(discard(dev_err(format!("cannot start capturing: {e}"))));
        }
        tracing::info!(device = %name, rate, channels, %format, path = %opts.out.display(), "recording started");
        Ok(Recorder {
            stream: Some(stream),
            worker: Some(worker),
            shared,
            path: opts.out,
            device: name,
            rate,
            channels,
            format,
        })
    }

    /// Adds a subscriber; it receives events from now on until the recording ends (then its
    /// channel disconnects). Drain it or drop it: it is unbounded.
    pub fn subscribe(&self) -> Receiver<CaptureEvent> {
        let (tx, rx) = mpsc::channel();
        self.shared
            .subscribers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(tx);
        rx
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn device(&self) -> &str {
        &self.device
    }

    /// Seconds of audio in the file so far.
    pub fn elapsed_s(&self) -> f64 {
        self.shared.samples.load(Ordering::Relaxed) as f64 / f64::from(TARGET_RATE)
    }

    /// True once the recording ended by itself (device lost, disk full); call `stop` to collect it.
    pub fn is_finished(&self) -> bool {
        self.shared.finished.load(Ordering::SeqCst)
    }

    /// Stops capturing, finishes the WAV and reports what was recorded.
    pub fn stop(mut self) -> Result<RecordingSummary, AudioError> {
        self.stop_inner()
    }

    fn stop_inner(&mut self) -> Result<RecordingSummary, AudioError> {
        // Dropping the stream ends the callbacks, so the worker can drain every buffer. A backend
        // whose server died can block that drop for ever (ALSA's pulse plugin does), so it runs
        // on a helper thread and the recording is finished without it after a grace period.
        if let Some(stream) = self.stream.take() {
            let (done_tx, done_rx) = mpsc::channel();
            let spawned = std::thread::Builder::new()
                .name("rehearse-capture-close".into())
                .spawn(move || {
                    drop(stream);
                    let _ = done_tx.send(());
                });
            if spawned.is_ok() && done_rx.recv_timeout(STREAM_CLOSE_GRACE).is_err() {
                tracing::warn!(device = %self.device, "the audio backend did not close the stream; finishing without it");
            }
        }
        self.shared.stop.store(true, Ordering::SeqCst);
        let worker = self.worker.take().ok_or_else(|| AudioError::Device {
            device: self.device.clone(),
            reason: "the recording was already stopped".into(),
        })?;
        let (samples, interrupted) = worker.join().map_err(|_| AudioError::WorkerPanicked {
            path: self.path.clone(),
        })??;
        let summary = RecordingSummary {
            path: self.path.clone(),
            duration_s: samples as f64 / f64::from(TARGET_RATE),
            samples,
            device: self.device.clone(),
            device_rate: self.rate,
            device_channels: self.channels,
            sample_format: self.format.to_string(),
            dropped_frames: self.shared.dropped_frames.load(Ordering::Relaxed),
            interrupted,
        };
        tracing::info!(?summary, "recording stopped");
        Ok(summary)
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        if self.worker.is_some() {
            if let Err(e) = self.stop_inner() {
                tracing::error!(error = %e, "stopping the recording on drop failed");
            }
        }
    }
}
