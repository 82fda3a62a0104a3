//! Speech recognition: the Whisper engine, the model catalog and manager, converters.

pub mod align;
pub mod catalog;
pub mod chunking;
pub mod convert;
pub mod download;
pub mod engine;
pub mod fallback;
pub mod import_ct2;
pub mod manager;
pub mod quantize;
