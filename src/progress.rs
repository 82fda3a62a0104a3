//! Progress reporting and cancellation for long work (downloads, conversion, transcription).
//! The library reports through a callback; the CLI draws indicatif bars, the app emits events.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// One progress update: `done` out of `total` units (bytes, samples, tensors…) of `stage`.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Progress {
    pub stage: &'static str,
    pub done: u64,
    pub total: Option<u64>,
}

/// A sink for progress updates. `&mut |p| {}` ignores them.
pub type ProgressFn<'a> = &'a mut (dyn FnMut(Progress) + Send);

/// A cheap, cloneable cancellation flag shared between the caller and the worker.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}
