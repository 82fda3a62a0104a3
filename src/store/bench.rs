//! Scale benchmark helpers for `cargo xtask bench`: seed a store with many realistic attempts,
//! then time the queries the app runs on every screen. The goal is each query under 50 ms with
//! 10,000 attempts; timing assertions live in the bench, never in tests.

use std::time::{Duration, Instant};

use chrono::Utc;
use rusqlite::params;
use serde::Serialize;
use serde_json::json;

use super::attempts::{new_uid, put_data};
use super::error::Result;
use super::{AttemptFilter, AttemptId, ProgressQuery, Store, APP_VERSION};
use crate::domain::{Transcript, Word};

/// Distinct cards the seeded attempts spread over.
pub const SEED_CARDS: usize = 40;

/// Adds `n` finished attempts spread over the past year, with full transcripts (~250 words),
/// reports and a note on every tenth attempt. Deterministic for a given `seed`.
pub fn seed(store: &Store, n: usize, seed: u64) -> Result<()> {
    let mut rng = SplitMix(seed);
    let now = Utc::now().timestamp_millis();
    let year_ms = 365 * 86_400_000i64;
    let tx = store.conn.unchecked_transaction()?;
    {
        let mut insert = tx.prepare(
            "INSERT INTO attempts (uid, card_id, question, started_at_ms, ended_at_ms, status,
                 recording_path, model, app_version, duration_s, wpm, articulation_wpm, filler_count,
                 fillers_per_min, pause_count, long_pause_count, long_pauses_per_min, delivery_score,
                 content_score, overall_score, local_day)
             VALUES (?1, ?2, ?3, ?4, ?5, 'done', ?6, 'tiny.en', ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,
                 ?15, ?16, ?17, ?18, ?4 / 1000 / 86400)",
        )?;
        let mut note = tx.prepare(
            "INSERT INTO notes (attempt_id, at_s, text, created_at_ms, updated_at_ms) VALUES (?1, ?2, ?3, ?4, ?4)",
        )?;
        for i in 0..n {
            let card = format!("seed-card-{}", rng.below(SEED_CARDS as u64));
            let started = now - (rng.below(year_ms as u64) as i64);
            let duration_s = 60.0 + rng.unit() * 120.0;
            let transcript = transcript(&mut rng, duration_s);
            let words = transcript.words.len() as f64;
            let wpm = words * 60.0 / duration_s;
            let fillers = transcript.words.iter().filter(|w| w.filler).count() as i64;
            let long_pauses = rng.below(6) as i64;
            let (delivery, content) = (40.0 + rng.unit() * 60.0, 30.0 + rng.unit() * 70.0);
            let overall = (delivery + content) / 2.0;
            let report = json!({
                "schema": "rehearse.report/1",
                "question": {"id": card, "text": "Seeded question"},
                "model": "tiny.en",
                "audio": {"duration_s": duration_s},
                "transcript": transcript,
                "delivery": {"wpm": wpm, "articulation_wpm": wpm * 1.08,
                             "fillers": {"count": fillers, "per_minute": fillers as f64 * 60.0 / duration_s},
                             "score": delivery},
                "content": {"score": content},
                "overall": {"score": overall}
            });
            insert.execute(params![
                new_uid(),
                card,
                format!("Seeded question for {card}"),
                started,
                started + (duration_s * 1000.0) as i64,
                format!("recordings/seed-{i}.wav"),
                APP_VERSION,
                duration_s,
                wpm,
                wpm * 1.08,
                fillers,
                fillers as f64 * 60.0 / duration_s,
                long_pauses + rng.below(10) as i64,
                long_pauses,
                long_pauses as f64 * 60.0 / duration_s,
                delivery,
                content,
                overall
            ])?;
            let id = AttemptId(tx.last_insert_rowid());
            put_data(
                &tx,
                id,
                Some(&transcript.text),
                Some(&serde_json::to_string(&transcript).expect("serialises")),
                Some(&report.to_string()),
            )?;
            if i % 10 == 0 {
                note.execute(params![
                    id.0,
                    rng.unit() * duration_s,
                    "seeded note",
                    started
                ])?;
            }
        }
    }
    tx.commit()?;
    Ok(())
}

/// Median wall time of each screen's query, over `runs` runs.
#[derive(Debug, Clone, Serialize)]
pub struct QueryTimes {
    pub attempts: u64,
    pub history_ms: f64,
    pub history_card_ms: f64,
    pub history_search_ms: f64,
    pub progress_ms: f64,
    pub card_attempts_ms: f64,
    pub practise_next_ms: f64,
    pub get_attempt_ms: f64,
}

impl QueryTimes {
    /// The slowest of the measured queries.
    pub fn slowest_ms(&self) -> f64 {
        [
            self.history_ms,
            self.history_card_ms,
            self.history_search_ms,
            self.progress_ms,
            self.card_attempts_ms,
            self.practise_next_ms,
            self.get_attempt_ms,
        ]
        .into_iter()
        .fold(0.0, f64::max)
    }
}

pub fn time_queries(store: &Store, runs: usize) -> Result<QueryTimes> {
    let attempts: i64 = store
        .conn
        .query_row("SELECT COUNT(*) FROM attempts", [], |r| r.get(0))?;
    let cards: Vec<String> = (0..SEED_CARDS).map(|i| format!("seed-card-{i}")).collect();
    let newest = store.list(&AttemptFilter {
        limit: Some(1),
        ..Default::default()
    })?;
    let query = ProgressQuery::default();
    Ok(QueryTimes {
        attempts: attempts as u64,
        history_ms: median(runs, || {
            store.list(&AttemptFilter {
                limit: Some(50),
                ..Default::default()
            })
        })?,
        history_card_ms: median(runs, || {
            store.list(&AttemptFilter {
                card_id: Some(cards[0].clone()),
                limit: Some(50),
                ..Default::default()
            })
        })?,
        history_search_ms: median(runs, || {
            store.list(&AttemptFilter {
                search: Some("customer".into()),
                limit: Some(50),
                ..Default::default()
            })
        })?,
        progress_ms: median(runs, || store.progress(&query))?,
        card_attempts_ms: median(runs, || store.card_attempts(&cards[0]))?,
        practise_next_ms: median(runs, || store.practise_next(&cards, Utc::now()))?,
        get_attempt_ms: match newest.first() {
            Some(a) => median(runs, || store.get(a.id))?,
            None => 0.0,
        },
    })
}

fn median<T>(runs: usize, mut f: impl FnMut() -> Result<T>) -> Result<f64> {
    let mut times: Vec<Duration> = Vec::with_capacity(runs.max(1));
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        std::hint::black_box(f()?);
        times.push(t.elapsed());
    }
    times.sort();
    Ok(times[times.len() / 2].as_secs_f64() * 1000.0)
}

const WORDS: &[&str] = &[
    "I",
    "led",
    "the",
    "team",
    "to",
    "ship",
    "a",
    "customer",
    "feature",
    "we",
    "measured",
    "results",
    "and",
    "learned",
    "that",
    "ownership",
    "matters",
    "when",
    "deadlines",
    "slip",
    "so",
    "next",
    "time",
    "I",
    "would",
    "escalate",
    "earlier",
    "because",
    "data",
    "showed",
    "thirty",
    "percent",
];

fn transcript(rng: &mut SplitMix, duration_s: f64) -> Transcript {
    let n = (duration_s * 2.2) as usize;
    let mut words = Vec::with_capacity(n);
    let mut t = 0.3;
    for _ in 0..n {
        let filler = rng.below(25) == 0;
        let text = if filler {
            "um"
        } else {
            WORDS[rng.below(WORDS.len() as u64) as usize]
        };
        let len = 0.15 + rng.unit() * 0.3;
        words.push(Word {
            text: text.to_owned(),
            start_s: t,
            end_s: t + len,
            probability: 0.9,
            filler,
        });
        t += len + rng.unit() * 0.2;
    }
    let text = words
        .iter()
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    Transcript { text, words }
}

/// A tiny deterministic generator; seeding needs no cryptographic or statistical quality.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}
