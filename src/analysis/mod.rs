//! Analysis of an answer: delivery metrics, content scoring, report assembly.
//! Pure functions over transcripts, audio features and cards: no I/O.

pub mod content;
pub mod delivery;
pub mod report;
