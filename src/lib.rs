//! Rehearse core library: the whole practice pipeline
//! (capture → transcript → analysis → report → store) without any UI dependency.
//!
//! The Tauri shell and the `rehearse` CLI are thin layers over this crate.

pub mod analysis;
pub mod asr;
pub mod audio;
pub mod domain;
pub mod live;
pub mod paths;
pub mod pipeline;
pub mod practice;
pub mod progress;
pub mod questions;
pub mod render;
pub mod settings;
pub mod store;
pub mod voice;

pub use domain::{Transcript, Word};
