//! "Practise next": a simple spaced-repetition rule over each card's finished attempts.
//!
//! The rule: an attempt is *good* when its overall score (else content, else delivery score) is
//! at least [`GOOD_SCORE`]; an attempt without any score counts as weak. After `k` good attempts
//! in a row the card is due `2^k` days after its last attempt (2, 4, 8, … capped at
//! [`MAX_INTERVAL_DAYS`]); after a weak attempt the run resets and the card is due one day later.
//!
//! Suggestions come in this order: cards that are due (most overdue first; on a tie the weaker
//! last score first), then cards never practised (in the order given), then cards not yet due
//! (soonest first).

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use super::error::Result;
use super::{to_time, Store};

/// A score at or above this doubles the card's review interval.
pub const GOOD_SCORE: f64 = 75.0;
pub const MAX_INTERVAL_DAYS: u32 = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SuggestionKind {
    Due,
    New,
    Upcoming,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    pub card_id: String,
    pub kind: SuggestionKind,
    /// `None` for a card never practised.
    pub due_at: Option<DateTime<Utc>>,
    pub interval_days: u32,
    pub last_practised: Option<DateTime<Utc>>,
    pub last_score: Option<f64>,
    pub attempts: u32,
}

#[derive(Default)]
struct CardState {
    attempts: u32,
    good_run: u32,
    last_ms: i64,
    last_score: Option<f64>,
}

impl Store {
    /// Orders `all_card_ids` by what to practise next (see the module docs for the rule).
    /// Attempts of cards not in the list are ignored.
    pub fn practise_next<S: AsRef<str>>(
        &self,
        all_card_ids: &[S],
        now: DateTime<Utc>,
    ) -> Result<Vec<Suggestion>> {
        // A plain pass over the covering index in day order, folded per card here: cheaper than
        // window functions, which sort.
        let mut stmt = self.conn.prepare_cached(
            "SELECT card_id, started_at_ms, COALESCE(overall_score, content_score, delivery_score)
             FROM attempts WHERE status = 'done' AND card_id IS NOT NULL
             ORDER BY local_day, started_at_ms, id",
        )?;
        let mut states: HashMap<String, CardState> = HashMap::new();
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let card = r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
            let (at_ms, score): (i64, Option<f64>) = (r.get(1)?, r.get(2)?);
            let s = match states.get_mut(card) {
                Some(s) => s,
                None => states.entry(card.to_owned()).or_default(),
            };
            s.attempts += 1;
            s.last_ms = at_ms;
            s.last_score = score;
            s.good_run = match score {
                Some(v) if v >= GOOD_SCORE => s.good_run + 1,
                _ => 0,
            };
        }

        let mut due = Vec::new();
        let mut new = Vec::new();
        let mut upcoming = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for id in all_card_ids {
            let id = id.as_ref();
            if !seen.insert(id) {
                continue;
            }
            let Some(s) = states.get(id) else {
                new.push(Suggestion {
                    card_id: id.to_owned(),
                    kind: SuggestionKind::New,
                    due_at: None,
                    interval_days: 0,
                    last_practised: None,
                    last_score: None,
                    attempts: 0,
                });
                continue;
            };
            let interval_days = interval_days(s.good_run);
            let last = to_time(s.last_ms);
            let due_at = last + Duration::days(i64::from(interval_days));
            let kind = if due_at <= now {
                SuggestionKind::Due
            } else {
                SuggestionKind::Upcoming
            };
            let suggestion = Suggestion {
                card_id: id.to_owned(),
                kind,
                due_at: Some(due_at),
                interval_days,
                last_practised: Some(last),
                last_score: s.last_score,
                attempts: s.attempts,
            };
            match kind {
                SuggestionKind::Due => due.push(suggestion),
                _ => upcoming.push(suggestion),
            }
        }
        due.sort_by(|a, b| {
            a.due_at.cmp(&b.due_at).then_with(|| {
                let (x, y) = (a.last_score.unwrap_or(0.0), b.last_score.unwrap_or(0.0));
                x.total_cmp(&y)
            })
        });
        upcoming.sort_by_key(|s| s.due_at);
        due.extend(new);
        due.extend(upcoming);
        Ok(due)
    }
}

/// 1 day after a weak attempt, `2^k` days after `k` good ones in a row.
pub fn interval_days(good_run: u32) -> u32 {
    if good_run == 0 {
        1
    } else {
        2u32.saturating_pow(good_run).min(MAX_INTERVAL_DAYS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_double_and_cap() {
        let got: Vec<u32> = (0..9).map(interval_days).collect();
        assert_eq!(got, [1, 2, 4, 8, 16, 32, 64, 64, 64]);
        assert_eq!(interval_days(40), MAX_INTERVAL_DAYS);
    }
}
