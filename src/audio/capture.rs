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
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, SyncSender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use cpal::traits::{DeviceTrait, HostTrait, StreamTrait};
use cpal::{FromSample, SampleFormat, SizedSample};

use super::levels::Meter;
use super::resample::StreamResampler;
use super::wav::{AudioError, TARGET_RATE};
use super::writer::WavWriter;

/// A capture device that delivers nothing for this long is treated as gone.
pub const STALL_TIMEOUT: Duration = Duration::from_secs(3);
/// Callback buffers the worker may fall behind by before audio is dropped (~2.5 s at 10 ms).
const QUEUE_BUFFERS: usize = 256;

/// An audio input device as the user can pick it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct InputDevice {
    /// Human-readable name.
    pub name: String,
    /// The host's identifier (on ALSA the PCM name, e.g. `default`, `pulse`, `hw:0,0`).
    pub id: String,
    pub is_default: bool,
    pub default_rate: u32,
    pub channels: u16,
    pub sample_format: String,
}

/// Lists the input devices that can be opened, default first.
pub fn list_input_devices() -> Result<Vec<InputDevice>, AudioError> {
    let host = cpal::default_host();
    let default_id = host.default_input_device().and_then(|d| d.id().ok());
    let devices = host.input_devices().map_err(|e| AudioError::NoInputDevice {
        detail: format!(" ({} host: {e})", host.id().name()),
    })?;
    let mut out = Vec::new();
    for d in devices {
        let Ok(id) = d.id() else { continue };
        let config = match d.default_input_config() {
            Ok(c) => c,
            Err(e) => {
                tracing::debug!(device = %id, error = %e, "skipping input device without a usable config");
                continue;
            }
        };
        out.push(InputDevice {
            name: device_name(&d),
            id: id.id().to_owned(),
            is_default: default_id.as_ref() == Some(&id),
            default_rate: config.sample_rate(),
            channels: config.channels(),
            sample_format: config.sample_format().to_string(),
        });
    }
    out.sort_by_key(|d| !d.is_default);
    Ok(out)
}

fn device_name(d: &cpal::Device) -> String {
    d.description()
        .map(|desc| desc.name().to_owned())
        .or_else(|_| d.id().map(|id| id.id().to_owned()))
        .unwrap_or_else(|_| "unknown device".to_owned())
}

/// What happens during a recording, broadcast to every subscriber.
#[derive(Debug, Clone, PartialEq)]
pub enum CaptureEvent {
    /// Meter reading, about 20 a second (see [`Meter`]).
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

struct Shared {
    subscribers: Mutex<Vec<Sender<CaptureEvent>>>,
    samples: AtomicU64,
    dropped_frames: AtomicU64,
    glitches: AtomicU64,
    fatal: Mutex<Option<String>>,
    stop: AtomicBool,
    finished: AtomicBool,
}

impl Shared {
    fn broadcast(&self, event: CaptureEvent) {
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

    fn stream_error(&self, device: &str, e: cpal::Error) {
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

/// A running recording. Dropping it stops and finishes the file like [`Recorder::stop`].
pub struct Recorder {
    stream: Option<cpal::Stream>,
    worker: Option<JoinHandle<Result<(u64, Option<String>), AudioError>>>,
    shared: Arc<Shared>,
    path: PathBuf,
    device: String,
    rate: u32,
    channels: u16,
    format: SampleFormat,
}

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
        let writer = WavWriter::create(&opts.out)?;

        let shared = Arc::new(Shared {
            subscribers: Mutex::new(opts.events.into_iter().collect()),
            samples: AtomicU64::new(0),
            dropped_frames: AtomicU64::new(0),
            glitches: AtomicU64::new(0),
            fatal: Mutex::new(None),
            stop: AtomicBool::new(false),
            finished: AtomicBool::new(false),
        });
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

        let worker_shared = shared.clone();
        let worker = std::thread::Builder::new()
            .name("rehearse-capture".into())
            .spawn(move || {
                let w = Worker {
                    shared: worker_shared.clone(),
                    resampler,
                    writer,
                    meter: Meter::new(rate),
                    out16: Vec::new(),
                    write_failed: false,
                };
                let r = w.run(rx, pool_tx);
                worker_shared.finished.store(true, Ordering::SeqCst);
                r
            })
            .map_err(|e| dev_err(format!("cannot start the capture thread: {e}")))?;
        stream
            .play()
            .map_err(|e| dev_err(format!("cannot start capturing: {e}")))?;
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
        // Dropping the stream ends the callbacks and their senders; the worker drains the queue.
        drop(self.stream.take());
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

fn pick_device(host: &cpal::Host, wanted: Option<&str>) -> Result<cpal::Device, AudioError> {
    let host_name = host.id().name();
    let Some(wanted) = wanted else {
        return host
            .default_input_device()
            .ok_or_else(|| AudioError::NoInputDevice {
                detail: format!(" ({host_name} host reports no default input)"),
            });
    };
    let devices: Vec<cpal::Device> = host
        .input_devices()
        .map_err(|e| AudioError::NoInputDevice {
            detail: format!(" ({host_name} host: {e})"),
        })?
        .collect();
    let key = |d: &cpal::Device| (device_name(d), d.id().map(|i| i.id().to_owned()).unwrap_or_default());
    let found = devices
        .iter()
        .position(|d| {
            let (n, i) = key(d);
            n == wanted || i == wanted
        })
        .or_else(|| {
            devices.iter().position(|d| {
                let (n, i) = key(d);
                n.eq_ignore_ascii_case(wanted) || i.eq_ignore_ascii_case(wanted)
            })
        });
    match found {
        Some(i) => Ok(devices.into_iter().nth(i).expect("index from position")),
        None => Err(AudioError::DeviceNotFound {
            name: wanted.to_owned(),
            available: devices
                .iter()
                .map(|d| {
                    let (n, i) = key(d);
                    if n == i { n } else { format!("{n} [{i}]") }
                })
                .collect(),
        }),
    }
}

enum BuildError {
    Format(SampleFormat),
    Cpal(cpal::Error),
}

fn build_stream(
    device: &cpal::Device,
    format: SampleFormat,
    config: cpal::StreamConfig,
    tx: SyncSender<Vec<f32>>,
    pool: Receiver<Vec<f32>>,
    shared: Arc<Shared>,
    name: &str,
) -> Result<cpal::Stream, BuildError> {
    use cpal::{I24, U24};
    let b = (device, config, tx, pool, shared, name);
    match format {
        SampleFormat::I8 => typed::<i8>(b),
        SampleFormat::I16 => typed::<i16>(b),
        SampleFormat::I24 => typed::<I24>(b),
        SampleFormat::I32 => typed::<i32>(b),
        SampleFormat::I64 => typed::<i64>(b),
        SampleFormat::U8 => typed::<u8>(b),
        SampleFormat::U16 => typed::<u16>(b),
        SampleFormat::U24 => typed::<U24>(b),
        SampleFormat::U32 => typed::<u32>(b),
        SampleFormat::U64 => typed::<u64>(b),
        SampleFormat::F32 => typed::<f32>(b),
        SampleFormat::F64 => typed::<f64>(b),
        other => Err(BuildError::Format(other)),
    }
}

type BuildArgs<'a> = (
    &'a cpal::Device,
    cpal::StreamConfig,
    SyncSender<Vec<f32>>,
    Receiver<Vec<f32>>,
    Arc<Shared>,
    &'a str,
);

fn typed<T>((device, config, tx, pool, shared, name): BuildArgs<'_>) -> Result<cpal::Stream, BuildError>
where
    T: SizedSample,
    f32: FromSample<T>,
{
    let channels = usize::from(config.channels);
    let scale = 1.0 / channels as f32;
    let err_shared = shared.clone();
    let err_name = name.to_owned();
    device
        .build_input_stream::<T, _, _>(
            config,
            move |data: &[T], _: &cpal::InputCallbackInfo| {
                // Real-time thread: reuse a returned buffer, never block, never log.
                let mut buf = pool.try_recv().unwrap_or_default();
                buf.clear();
                buf.extend(data.chunks_exact(channels).map(|frame| {
                    frame.iter().map(|&s| f32::from_sample_(s)).sum::<f32>() * scale
                }));
                let frames = buf.len() as u64;
                if tx.try_send(buf).is_err() {
                    shared.dropped_frames.fetch_add(frames, Ordering::Relaxed);
                }
            },
            move |e| err_shared.stream_error(&err_name, e),
            None,
        )
        .map_err(BuildError::Cpal)
}

struct Worker {
    shared: Arc<Shared>,
    resampler: StreamResampler,
    writer: WavWriter,
    meter: Meter,
    out16: Vec<f32>,
    /// Set once the writer failed; it has already cut the file back to a valid state.
    write_failed: bool,
}

impl Worker {
    /// Returns the 16 kHz samples in the file and why the recording ended early, if it did.
    fn run(
        mut self,
        rx: Receiver<Vec<f32>>,
        pool_tx: SyncSender<Vec<f32>>,
    ) -> Result<(u64, Option<String>), AudioError> {
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
            if let Some(reason) = self.shared.fatal.lock().unwrap_or_else(|p| p.into_inner()).take() {
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
            let limit = if last_audio.is_some() { STALL_TIMEOUT } else { STALL_TIMEOUT * 2 };
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
        self.shared.samples.store(self.writer.samples(), Ordering::Relaxed);
        self.write_failed = result.is_err();
        result?;
        self.shared
            .broadcast(CaptureEvent::Audio(std::mem::take(&mut self.out16)));
        Ok(())
    }

    fn finish(mut self, mut interrupted: Option<String>) -> Result<(u64, Option<String>), AudioError> {
        if !self.write_failed {
            let tail = std::mem::replace(&mut self.resampler, StreamResampler::new(TARGET_RATE)?);
            self.out16 = tail.finish()?;
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
