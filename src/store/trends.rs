//! The aggregate queries behind [`Store::progress`](super::Store::progress): totals, per-metric
//! means by day and week, and personal bests. SQLite aggregates (GROUP BY over the compact
//! `attempts` table), so the cost stays a few milliseconds with thousands of attempts.

use chrono::{Duration, NaiveDate};
use rusqlite::{Connection, ToSql};

use super::progress::{MetricKind, PersonalBest, ProgressQuery, Totals, TrendPoint};
use super::progress::{MetricTrend, MIN_BEST_RATE_DURATION_S};
use super::{to_time, AttemptId};

/// The attempts a progress query covers, as SQL and its named parameters.
pub(crate) struct Filter<'q> {
    sql: String,
    args: Vec<(&'static str, &'q dyn ToSql)>,
    offset_s: i64,
    since: i64,
    until: i64,
}

impl<'q> Filter<'q> {
    pub(crate) fn new(q: &'q ProgressQuery) -> Self {
        let mut f = Filter {
            sql: "status = 'done' AND started_at_ms >= :since AND started_at_ms < :until".into(),
            args: Vec::new(),
            offset_s: i64::from(q.utc_offset_s),
            since: q.since.map_or(i64::MIN, |t| t.timestamp_millis()),
            until: q.until.map_or(i64::MAX, |t| t.timestamp_millis()),
        };
        if let Some(card) = &q.card_id {
            f.sql += " AND card_id = :card";
            f.args.push((":card", card));
        }
        f
    }

    /// The named parameters for a statement that uses the filter (and `:off` if `with_offset`).
    fn params(&self, with_offset: bool) -> Vec<(&str, &dyn ToSql)> {
        let mut p: Vec<(&str, &dyn ToSql)> = vec![(":since", &self.since), (":until", &self.until)];
        p.extend(self.args.iter().copied());
        if with_offset {
            p.push((":off", &self.offset_s));
        }
        p
    }
}

pub(crate) fn totals(conn: &Connection, f: &Filter<'_>) -> rusqlite::Result<Totals> {
    let sql = format!(
        "SELECT COUNT(*), COUNT(DISTINCT card_id), TOTAL(duration_s), MIN(started_at_ms),
                MAX(started_at_ms)
         FROM attempts WHERE {}",
        f.sql
    );
    conn.prepare_cached(&sql)?
        .query_row(f.params(false).as_slice(), |r| {
            Ok(Totals {
                attempts: r.get::<_, i64>(0)? as u64,
                cards: r.get::<_, i64>(1)? as u64,
                practice_s: r.get(2)?,
                first_at: r.get::<_, Option<i64>>(3)?.map(to_time),
                last_at: r.get::<_, Option<i64>>(4)?.map(to_time),
            })
        })
}

/// Local day number since 1970-01-01 (a Thursday), in SQL.
const DAY: &str = "((started_at_ms / 1000 + :off) / 86400)";

pub(crate) fn trends(conn: &Connection, f: &Filter<'_>) -> rusqlite::Result<Vec<MetricTrend>> {
    let by_day = buckets(conn, f, DAY.to_owned(), |b| b)?;
    // Shifting by 3 days makes week numbers change on Mondays; week b starts on day 7b − 3.
    let by_week = buckets(conn, f, format!("(({DAY} + 3) / 7)"), |b| b * 7 - 3)?;
    Ok(MetricKind::ALL
        .iter()
        .zip(by_day.into_iter().zip(by_week))
        .map(|(&metric, (by_day, by_week))| MetricTrend {
            metric,
            by_day,
            by_week,
        })
        .collect())
}

/// One list of points per metric (in [`MetricKind::ALL`] order) for the given bucket expression.
fn buckets(
    conn: &Connection,
    f: &Filter<'_>,
    bucket: String,
    start_day: impl Fn(i64) -> i64,
) -> rusqlite::Result<Vec<Vec<TrendPoint>>> {
    let aggregates: Vec<String> = MetricKind::ALL
        .iter()
        .map(|m| {
            let c = m.column();
            format!("COUNT({c}), AVG({c}), MIN({c}), MAX({c})")
        })
        .collect();
    let sql = format!(
        "SELECT {bucket} AS bucket, {} FROM attempts WHERE {} GROUP BY bucket ORDER BY bucket",
        aggregates.join(", "),
        f.sql
    );
    let mut out: Vec<Vec<TrendPoint>> = vec![Vec::new(); MetricKind::ALL.len()];
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(f.params(true).as_slice())?;
    while let Some(r) = rows.next()? {
        let start = epoch_day(start_day(r.get(0)?));
        for (i, points) in out.iter_mut().enumerate() {
            let col = 1 + 4 * i;
            let count: i64 = r.get(col)?;
            if count > 0 {
                points.push(TrendPoint {
                    start,
                    mean: r.get(col + 1)?,
                    min: r.get(col + 2)?,
                    max: r.get(col + 3)?,
                    count: count as u32,
                });
            }
        }
    }
    Ok(out)
}

/// The best value of each metric that has a better direction. Rate metrics only count answers
/// of at least [`MIN_BEST_RATE_DURATION_S`]; on a tie the earliest attempt holds the record.
pub(crate) fn bests(conn: &Connection, f: &Filter<'_>) -> rusqlite::Result<Vec<PersonalBest>> {
    let mut out = Vec::new();
    for metric in MetricKind::ALL {
        let Some(higher) = metric.higher_is_better() else {
            continue;
        };
        let c = metric.column();
        let (order, min_length) = if higher {
            ("DESC", String::new())
        } else {
            (
                "ASC",
                format!(" AND duration_s >= {MIN_BEST_RATE_DURATION_S:.1}"),
            )
        };
        let sql = format!(
            "SELECT id, card_id, started_at_ms, {c} FROM attempts
             WHERE {} AND {c} IS NOT NULL{min_length}
             ORDER BY {c} {order}, started_at_ms, id LIMIT 1",
            f.sql
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(f.params(false).as_slice())?;
        if let Some(r) = rows.next()? {
            out.push(PersonalBest {
                metric,
                attempt_id: AttemptId(r.get(0)?),
                card_id: r.get(1)?,
                at: to_time(r.get(2)?),
                value: r.get(3)?,
            });
        }
    }
    Ok(out)
}

pub(crate) fn epoch_day(day: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid date") + Duration::days(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn week_numbers_start_on_monday() {
        // Day 4 is Monday 1970-01-05; days 4..=10 share a week that starts on it.
        for day in 4..=10i64 {
            let week = (day + 3) / 7;
            assert_eq!(
                epoch_day(week * 7 - 3),
                NaiveDate::from_ymd_opt(1970, 1, 5).unwrap()
            );
        }
        let sunday = 20_520; // 2026-03-08
        assert_eq!(
            epoch_day(sunday),
            NaiveDate::from_ymd_opt(2026, 3, 8).unwrap()
        );
        assert_eq!(
            epoch_day((sunday + 3) / 7 * 7 - 3),
            NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
        );
    }
}
