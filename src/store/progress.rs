//! Progress over time: per-metric trends by day and week, personal bests, streaks, and each
//! card's attempts with the change since the previous one.
//!
//! Only finished (`done`) attempts count. An attempt's day is the local calendar day it was
//! practised on (its start time plus the UTC offset recorded then), so travelling does not move
//! past attempts to other days; weeks start on Monday.

use chrono::{DateTime, Local, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::attempts::{summary_from_row, AttemptSummary, SUMMARY_COLUMNS};
use super::error::Result;
use super::{trends, AttemptId, Store};

/// A metric that progress follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricKind {
    Wpm,
    ArticulationWpm,
    FillersPerMin,
    LongPausesPerMin,
    DeliveryScore,
    ContentScore,
    OverallScore,
}

impl MetricKind {
    pub const ALL: [MetricKind; 7] = [
        MetricKind::Wpm,
        MetricKind::ArticulationWpm,
        MetricKind::FillersPerMin,
        MetricKind::LongPausesPerMin,
        MetricKind::DeliveryScore,
        MetricKind::ContentScore,
        MetricKind::OverallScore,
    ];

    /// The column name, also the metric's name in JSON.
    pub fn column(self) -> &'static str {
        match self {
            MetricKind::Wpm => "wpm",
            MetricKind::ArticulationWpm => "articulation_wpm",
            MetricKind::FillersPerMin => "fillers_per_min",
            MetricKind::LongPausesPerMin => "long_pauses_per_min",
            MetricKind::DeliveryScore => "delivery_score",
            MetricKind::ContentScore => "content_score",
            MetricKind::OverallScore => "overall_score",
        }
    }

    /// Whether a higher value is an improvement; `None` for pace, where the goal is a range.
    pub fn higher_is_better(self) -> Option<bool> {
        match self {
            MetricKind::Wpm | MetricKind::ArticulationWpm => None,
            MetricKind::FillersPerMin | MetricKind::LongPausesPerMin => Some(false),
            MetricKind::DeliveryScore | MetricKind::ContentScore | MetricKind::OverallScore => {
                Some(true)
            }
        }
    }

    fn value(self, m: &super::Metrics) -> Option<f64> {
        match self {
            MetricKind::Wpm => m.wpm,
            MetricKind::ArticulationWpm => m.articulation_wpm,
            MetricKind::FillersPerMin => m.fillers_per_min,
            MetricKind::LongPausesPerMin => m.long_pauses_per_min,
            MetricKind::DeliveryScore => m.delivery_score,
            MetricKind::ContentScore => m.content_score,
            MetricKind::OverallScore => m.overall_score,
        }
    }
}

/// A rate metric (per minute) only counts for a best when the answer lasted this long: a
/// 10-second answer without fillers is not a record.
pub const MIN_BEST_RATE_DURATION_S: f64 = 30.0;

/// What [`Store::progress`] covers.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressQuery {
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub card_id: Option<String>,
    /// Only these cards (e.g. every card of a category).
    pub card_ids: Option<Vec<String>>,
    /// The current local offset from UTC, which with `now` decides "today" for the streak.
    pub utc_offset_s: i32,
    pub now: DateTime<Utc>,
}

impl Default for ProgressQuery {
    /// All time, all cards, the machine's current time zone offset.
    fn default() -> Self {
        ProgressQuery {
            since: None,
            until: None,
            card_id: None,
            card_ids: None,
            utc_offset_s: Local::now().offset().local_minus_utc(),
            now: Utc::now(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgressReport {
    pub totals: Totals,
    pub trends: Vec<MetricTrend>,
    pub bests: Vec<PersonalBest>,
    /// Over all finished attempts, whatever the query's range and card.
    pub streak: Streak,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Totals {
    pub attempts: u64,
    pub cards: u64,
    pub practice_s: f64,
    pub first_at: Option<DateTime<Utc>>,
    pub last_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricTrend {
    pub metric: MetricKind,
    pub by_day: Vec<TrendPoint>,
    /// Weeks starting on Monday; `start` is the Monday.
    pub by_week: Vec<TrendPoint>,
}

/// One period's attempts that have the metric.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendPoint {
    pub start: NaiveDate,
    pub mean: f64,
    pub min: f64,
    pub max: f64,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonalBest {
    pub metric: MetricKind,
    pub value: f64,
    pub attempt_id: AttemptId,
    pub card_id: Option<String>,
    pub at: DateTime<Utc>,
}

/// Consecutive local days with at least one finished attempt.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Streak {
    /// Ends today, or yesterday when today has no attempt yet (the streak is still alive).
    pub current_days: u32,
    pub longest_days: u32,
    pub last_day: Option<NaiveDate>,
}

/// One attempt of a card with the change of each metric since the card's previous attempt.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CardAttempt {
    pub attempt: AttemptSummary,
    /// Empty for the card's first attempt.
    pub changes: Vec<MetricChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricChange {
    pub metric: MetricKind,
    pub previous: f64,
    pub current: f64,
    pub delta: f64,
    /// `None` when the metric has no better direction (pace) or did not change.
    pub improved: Option<bool>,
}

impl Store {
    pub fn progress(&self, q: &ProgressQuery) -> Result<ProgressReport> {
        let f = trends::Filter::new(q);
        let (totals, trends, bests) = trends::summarise(&self.conn, &f)?;
        let streak = self.streak(q.utc_offset_s, q.now)?;
        Ok(ProgressReport {
            totals,
            trends,
            bests,
            streak,
        })
    }

    /// The practice streak over all finished attempts; "today" is `now` at `utc_offset_s`.
    pub fn streak(&self, utc_offset_s: i32, now: DateTime<Utc>) -> Result<Streak> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT local_day FROM attempts WHERE status = 'done' ORDER BY local_day",
        )?;
        let days: Vec<i64> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let Some(&last) = days.last() else {
            return Ok(Streak::default());
        };
        let mut longest = 0u32;
        let mut run = 0u32;
        let mut prev: Option<i64> = None;
        for &d in &days {
            run = if prev == Some(d - 1) { run + 1 } else { 1 };
            longest = longest.max(run);
            prev = Some(d);
        }
        let today = (now.timestamp() + i64::from(utc_offset_s)).div_euclid(86_400);
        // `run` is the length of the run ending at the last practised day.
        let current = if last == today || last == today - 1 {
            run
        } else {
            0
        };
        Ok(Streak {
            current_days: current,
            longest_days: longest,
            last_day: Some(trends::epoch_day(last)),
        })
    }

    /// A card's finished attempts, oldest first, each with the change since the one before.
    pub fn card_attempts(&self, card_id: &str) -> Result<Vec<CardAttempt>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {SUMMARY_COLUMNS} FROM attempts WHERE card_id = ?1 AND status = 'done'
             ORDER BY started_at_ms, id"
        ))?;
        let attempts: Vec<AttemptSummary> = stmt
            .query_map([card_id], summary_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        let mut out: Vec<CardAttempt> = Vec::with_capacity(attempts.len());
        for a in attempts {
            let changes = match out.last() {
                None => Vec::new(),
                Some(prev) => changes(&prev.attempt.metrics, &a.metrics),
            };
            out.push(CardAttempt {
                attempt: a,
                changes,
            });
        }
        Ok(out)
    }
}

fn changes(prev: &super::Metrics, cur: &super::Metrics) -> Vec<MetricChange> {
    MetricKind::ALL
        .iter()
        .filter_map(|&metric| {
            let (previous, current) = (metric.value(prev)?, metric.value(cur)?);
            let delta = current - previous;
            let improved = match metric.higher_is_better() {
                Some(_) if delta == 0.0 => None,
                Some(higher) => Some((delta > 0.0) == higher),
                None => None,
            };
            Some(MetricChange {
                metric,
                previous,
                current,
                delta,
                improved,
            })
        })
        .collect()
}
