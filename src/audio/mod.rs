//! Audio input and output: WAV reading, resampling, capture, levels, voice activity, pitch.

pub mod capture;
pub mod levels;
pub mod pitch;
pub mod resample;
pub mod vad;
pub mod wav;
pub mod writer;
