//! The aggregate queries behind [`Store::progress`](super::Store::progress): totals, per-metric
//! means by day and week, and personal bests. Each is one pass over the `attempts_progress`
//! covering index, which is already in day order, so nothing is sorted.

use chrono::{Duration, NaiveDate};
use rusqlite::{Connection, ToSql};

use super::progress::{MetricKind, PersonalBest, ProgressQuery, Totals, TrendPoint};
use super::progress::{MetricTrend, MIN_BEST_RATE_DURATION_S};
use super::{to_time, AttemptId};

/// The attempts a progress query covers, as SQL and its named parameters.
pub(crate) struct Filter<'q> {
    sql: String,
    args: Vec<(&'static str, &'q dyn ToSql)>,
    since: i64,
    until: i64,
}

impl<'q> Filter<'q> {
    pub(crate) fn new(q: &'q ProgressQuery) -> Self {
        let mut f = Filter {
            sql: "status = 'done' AND started_at_ms >= :since AND started_at_ms < :until".into(),
            args: Vec::new(),
            since: q.since.map_or(i64::MIN, |t| t.timestamp_millis()),
            until: q.until.map_or(i64::MAX, |t| t.timestamp_millis()),
        };
        if let Some(card) = &q.card_id {
            f.sql += " AND card_id = :card";
            f.args.push((":card", card));
        }
        f
    }

    /// The named parameters of a statement that uses the filter.
    fn params(&self) -> Vec<(&str, &dyn ToSql)> {
        let mut p: Vec<(&str, &dyn ToSql)> = vec![(":since", &self.since), (":until", &self.until)];
        p.extend(self.args.iter().copied());
        p
    }
}

/// Sums for one period; weeks are merged from days, so both come from one pass.
#[derive(Clone, Copy, Default)]
struct Acc {
    count: i64,
    sum: f64,
    min: f64,
    max: f64,
}

impl Acc {
    fn merge(&mut self, o: &Acc) {
        if o.count == 0 {
            return;
        }
        if self.count == 0 {
            *self = *o;
            return;
        }
        self.count += o.count;
        self.sum += o.sum;
        self.min = self.min.min(o.min);
        self.max = self.max.max(o.max);
    }

    fn point(&self, start: NaiveDate) -> Option<TrendPoint> {
        (self.count > 0).then(|| TrendPoint {
            start,
            mean: self.sum / self.count as f64,
            min: self.min,
            max: self.max,
            count: self.count as u32,
        })
    }
}

/// Totals and every metric's means by day and by week (weeks start on Monday).
pub(crate) fn totals_and_trends(
    conn: &Connection,
    f: &Filter<'_>,
) -> rusqlite::Result<(Totals, Vec<MetricTrend>)> {
    let aggregates: Vec<String> = MetricKind::ALL
        .iter()
        .map(|m| {
            let c = m.column();
            format!("COUNT({c}), TOTAL({c}), MIN({c}), MAX({c})")
        })
        .collect();
    let sql = format!(
        "SELECT local_day, COUNT(*), TOTAL(duration_s), MIN(started_at_ms), MAX(started_at_ms), {}
         FROM attempts WHERE {} GROUP BY local_day ORDER BY local_day",
        aggregates.join(", "),
        f.sql
    );
    let mut totals = Totals::default();
    let n = MetricKind::ALL.len();
    let mut days: Vec<(i64, Vec<Acc>)> = Vec::new();
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(f.params().as_slice())?;
    while let Some(r) = rows.next()? {
        totals.attempts += r.get::<_, i64>(1)? as u64;
        totals.practice_s += r.get::<_, f64>(2)?;
        let (first, last) = (to_time(r.get(3)?), to_time(r.get(4)?));
        totals.first_at = Some(totals.first_at.map_or(first, |t| t.min(first)));
        totals.last_at = Some(totals.last_at.map_or(last, |t| t.max(last)));
        let mut accs = Vec::with_capacity(n);
        for i in 0..n {
            let col = 5 + 4 * i;
            let count: i64 = r.get(col)?;
            accs.push(if count == 0 {
                Acc::default()
            } else {
                Acc {
                    count,
                    sum: r.get(col + 1)?,
                    min: r.get(col + 2)?,
                    max: r.get(col + 3)?,
                }
            });
        }
        days.push((r.get(0)?, accs));
    }
    let card_sql = format!(
        "SELECT COUNT(DISTINCT card_id) FROM attempts WHERE {}",
        f.sql
    );
    totals.cards = conn
        .prepare_cached(&card_sql)?
        .query_row(f.params().as_slice(), |r| r.get::<_, i64>(0))? as u64;

    // Day d's week starts on day 7·floor((d + 3) / 7) − 3: 1970-01-01 was a Thursday.
    let week_of = |d: i64| (d + 3).div_euclid(7) * 7 - 3;
    let mut weeks: Vec<(i64, Vec<Acc>)> = Vec::new();
    for (day, accs) in &days {
        let start = week_of(*day);
        match weeks.last_mut() {
            Some((w, sums)) if *w == start => {
                sums.iter_mut().zip(accs).for_each(|(s, a)| s.merge(a))
            }
            _ => weeks.push((start, accs.clone())),
        }
    }
    let series = |periods: &[(i64, Vec<Acc>)], i: usize| -> Vec<TrendPoint> {
        periods
            .iter()
            .filter_map(|(start, accs)| accs[i].point(epoch_day(*start)))
            .collect()
    };
    let trends = MetricKind::ALL
        .iter()
        .enumerate()
        .map(|(i, &metric)| MetricTrend {
            metric,
            by_day: series(&days, i),
            by_week: series(&weeks, i),
        })
        .collect();
    Ok((totals, trends))
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
                format!(" AND duration_s >= {MIN_BEST_RATE_DURATION_S:?}"),
            )
        };
        // A top-1 ORDER BY … LIMIT 1 is a single pass that keeps one row: no sort.
        let sql = format!(
            "SELECT id, card_id, started_at_ms, {c} FROM attempts
             WHERE {} AND {c} IS NOT NULL{min_length}
             ORDER BY {c} {order}, started_at_ms, id LIMIT 1",
            f.sql
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(f.params().as_slice())?;
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
    fn epoch_days_are_calendar_days() {
        assert_eq!(epoch_day(0), NaiveDate::from_ymd_opt(1970, 1, 1).unwrap());
        assert_eq!(
            epoch_day(20_520),
            NaiveDate::from_ymd_opt(2026, 3, 8).unwrap()
        );
    }
}
