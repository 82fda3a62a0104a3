//! The real-time side: a cpal input stream whose callback converts any sample format to f32,
//! averages the channels and hands the buffer to the worker without blocking.

use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, SyncSender};
use std::sync::Arc;

use cpal::traits::DeviceTrait;
use cpal::{FromSample, SampleFormat, SizedSample};

use super::worker::Shared;

pub(super) enum BuildError {
    Format(SampleFormat),
    Cpal(cpal::Error),
}

pub(super) fn build_stream(
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

fn typed<T>(
    (device, config, tx, pool, shared, name): BuildArgs<'_>,
) -> Result<cpal::Stream, BuildError>
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
                buf.extend(
                    data.chunks_exact(channels).map(|frame| {
                        frame.iter().map(|&s| f32::from_sample_(s)).sum::<f32>() * scale
                    }),
                );
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
