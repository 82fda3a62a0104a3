//! The aggregate queries behind [`Store::progress`](super::Store::progress).
//!
//! One pass over the `attempts_progress` covering index (already in day order, so nothing is
//! sorted) yields per-day sums for every metric. Weeks are merged from days; totals are summed
//! from days; each personal best is found from the days' extremes and then fetched with one
//! index seek into its day. Cost: one scan plus a few seeks, whatever the number of metrics.

use chrono::{Duration, NaiveDate};
use rusqlite::{Connection, ToSql};

use super::progress::MIN_BEST_RATE_DURATION_S;
use super::progress::{MetricKind, MetricTrend, PersonalBest, ProgressQuery, Totals, TrendPoint};
use super::{to_time, AttemptId};

/// The attempts a progress query covers, as SQL and its named parameters.
pub(crate) struct Filter<'q> {
    sql: String,
    args: Vec<(&'static str, &'q dyn ToSql)>,
    since: i64,
    until: i64,
    /// A JSON array of card ids when the query names a set of cards.
    cards: Option<String>,
}

impl<'q> Filter<'q> {
    pub(crate) fn new(q: &'q ProgressQuery) -> Self {
        let mut f = Filter {
            sql: "status = 'done' AND started_at_ms >= :since AND started_at_ms < :until".into(),
            args: Vec::new(),
            since: q.since.map_or(i64::MIN, |t| t.timestamp_millis()),
            until: q.until.map_or(i64::MAX, |t| t.timestamp_millis()),
            cards: None,
        };
        if let Some(card) = &q.card_id {
            f.sql += " AND card_id = :card";
            f.args.push((":card", card));
        }
        if let Some(ids) = &q.card_ids {
            f.sql += " AND card_id IN (SELECT value FROM json_each(:cards))";
            f.cards = Some(serde_json::to_string(ids).expect("strings serialise"));
        }
        f
    }

    /// The named parameters of a statement that uses the filter.
    fn params(&self) -> Vec<(&str, &dyn ToSql)> {
        let mut p: Vec<(&str, &dyn ToSql)> = vec![(":since", &self.since), (":until", &self.until)];
        p.extend(self.args.iter().copied());
        if let Some(cards) = &self.cards {
            p.push((":cards", cards));
        }
        p
    }
}

/// One metric's sums over a period.
#[derive(Clone, Copy, Default)]
struct Acc {
    count: i64,
    sum: f64,
    min: f64,
    max: f64,
    /// The lowest value among answers long enough for a rate record (rate metrics only).
    min_eligible: Option<f64>,
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

/// Whether the metric's record needs a long-enough answer (a rate with a lower-is-better goal).
fn is_rate(m: MetricKind) -> bool {
    m.higher_is_better() == Some(false)
}

/// Totals, every metric's means by day and by week (weeks start on Monday), and personal bests.
pub(crate) fn summarise(
    conn: &Connection,
    f: &Filter<'_>,
) -> rusqlite::Result<(Totals, Vec<MetricTrend>, Vec<PersonalBest>)> {
    let mut aggregates: Vec<String> = Vec::new();
    for m in MetricKind::ALL {
        let c = m.column();
        aggregates.push(format!("COUNT({c}), TOTAL({c}), MIN({c}), MAX({c})"));
        if is_rate(m) {
            aggregates.push(format!(
                "MIN(CASE WHEN duration_s >= {MIN_BEST_RATE_DURATION_S:?} THEN {c} END)"
            ));
        }
    }
    let sql = format!(
        "SELECT local_day, COUNT(*), TOTAL(duration_s), MIN(started_at_ms), MAX(started_at_ms), {}
         FROM attempts WHERE {} GROUP BY local_day ORDER BY local_day",
        aggregates.join(", "),
        f.sql
    );
    let mut totals = Totals::default();
    let mut days: Vec<(i64, Vec<Acc>)> = Vec::new();
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(f.params().as_slice())?;
    while let Some(r) = rows.next()? {
        totals.attempts += r.get::<_, i64>(1)? as u64;
        totals.practice_s += r.get::<_, f64>(2)?;
        let (first, last) = (to_time(r.get(3)?), to_time(r.get(4)?));
        totals.first_at = Some(totals.first_at.map_or(first, |t| t.min(first)));
        totals.last_at = Some(totals.last_at.map_or(last, |t| t.max(last)));
        let mut col = 5;
        let mut accs = Vec::with_capacity(MetricKind::ALL.len());
        for m in MetricKind::ALL {
            let count: i64 = r.get(col)?;
            let mut acc = Acc::default();
            if count > 0 {
                acc = Acc {
                    count,
                    sum: r.get(col + 1)?,
                    min: r.get(col + 2)?,
                    max: r.get(col + 3)?,
                    min_eligible: None,
                };
            }
            col += 4;
            if is_rate(m) {
                acc.min_eligible = r.get(col)?;
                col += 1;
            }
            accs.push(acc);
        }
        days.push((r.get(0)?, accs));
    }
    drop(rows);
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
    let bests = bests(conn, f, &days)?;
    Ok((totals, trends, bests))
}

/// The best value of each metric that has a better direction. Rate metrics only count answers
/// of at least [`MIN_BEST_RATE_DURATION_S`]; on a tie the earliest attempt holds the record.
fn bests(
    conn: &Connection,
    f: &Filter<'_>,
    days: &[(i64, Vec<Acc>)],
) -> rusqlite::Result<Vec<PersonalBest>> {
    let mut out = Vec::new();
    for (i, metric) in MetricKind::ALL.into_iter().enumerate() {
        let Some(higher) = metric.higher_is_better() else {
            continue;
        };
        // The first day (in day order) that reaches the best value.
        let mut best: Option<(i64, f64)> = None;
        for (day, accs) in days {
            let a = &accs[i];
            let v = match (a.count > 0, higher) {
                (false, _) => None,
                (true, true) => Some(a.max),
                (true, false) => a.min_eligible,
            };
            let Some(v) = v else { continue };
            if best.is_none_or(|(_, b)| if higher { v > b } else { v < b }) {
                best = Some((*day, v));
            }
        }
        let Some((day, value)) = best else { continue };
        let c = metric.column();
        let min_length = if higher {
            String::new()
        } else {
            format!(" AND duration_s >= {MIN_BEST_RATE_DURATION_S:?}")
        };
        let sql = format!(
            "SELECT id, card_id, started_at_ms FROM attempts
             WHERE {} AND local_day = :day AND {c} = :value{min_length}
             ORDER BY started_at_ms, id LIMIT 1",
            f.sql
        );
        let mut params = f.params();
        params.push((":day", &day));
        params.push((":value", &value));
        let found = conn
            .prepare_cached(&sql)?
            .query_row(params.as_slice(), |r| {
                Ok(PersonalBest {
                    metric,
                    value,
                    attempt_id: AttemptId(r.get(0)?),
                    card_id: r.get(1)?,
                    at: to_time(r.get(2)?),
                })
            })?;
        out.push(found);
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
