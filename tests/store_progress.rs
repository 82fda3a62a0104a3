//! Progress numbers on a hand-made set of attempts with known times and metrics, loaded into a
//! real SQLite file through the import path.

use chrono::{DateTime, NaiveDate, Utc};
use rehearse::store::{
    MetricKind, ProgressQuery, ProgressReport, Store, SuggestionKind, TrendPoint,
};
use serde_json::{json, Value};

struct A {
    card: Option<&'static str>,
    at: &'static str,
    status: &'static str,
    duration_s: f64,
    overall: Option<f64>,
    wpm: Option<f64>,
    fillers: Option<f64>,
    long: Option<f64>,
    delivery: Option<f64>,
    content: Option<f64>,
}

const fn done(card: &'static str, at: &'static str, duration_s: f64, m: [f64; 6]) -> A {
    A {
        card: Some(card),
        at,
        status: "done",
        duration_s,
        overall: Some(m[0]),
        wpm: Some(m[1]),
        fillers: Some(m[2]),
        long: Some(m[3]),
        delivery: Some(m[4]),
        content: Some(m[5]),
    }
}

/// Mon 2026-03-02 … Thu 2026-03-12; metrics are [overall, wpm, fillers/min, long pauses/min,
/// delivery, content].
const SET: &[A] = &[
    done(
        "a",
        "2026-03-02T10:00:00Z",
        90.0,
        [60.0, 120.0, 6.0, 2.0, 55.0, 65.0],
    ),
    done(
        "a",
        "2026-03-03T10:00:00Z",
        100.0,
        [80.0, 140.0, 3.0, 0.3, 78.0, 82.0],
    ),
    // Too short for a rate record, though its fillers and long pauses are the lowest.
    done(
        "a",
        "2026-03-03T18:00:00Z",
        20.0,
        [70.0, 160.0, 0.0, 0.0, 72.0, 68.0],
    ),
    done(
        "b",
        "2026-03-04T09:00:00Z",
        120.0,
        [90.0, 150.0, 1.0, 0.7, 88.0, 92.0],
    ),
    done(
        "b",
        "2026-03-10T09:00:00Z",
        110.0,
        [85.0, 145.0, 2.0, 1.5, 84.0, 86.0],
    ),
    A {
        card: None,
        at: "2026-03-11T08:00:00Z",
        status: "done",
        duration_s: 60.0,
        overall: Some(50.0),
        wpm: Some(130.0),
        fillers: None,
        long: None,
        delivery: None,
        content: None,
    },
    A {
        card: Some("c"),
        at: "2026-03-11T09:00:00Z",
        status: "failed",
        duration_s: 0.0,
        overall: None,
        wpm: None,
        fillers: None,
        long: None,
        delivery: None,
        content: None,
    },
    done(
        "a",
        "2026-03-12T07:00:00Z",
        95.0,
        [76.0, 138.0, 2.5, 0.8, 74.0, 78.0],
    ),
];

fn time(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn load(set: &[A]) -> (tempfile::TempDir, Store) {
    load_at_offset(set, 0)
}

/// Loads the set as practised where local time is `offset_s` ahead of UTC.
fn load_at_offset(set: &[A], offset_s: i32) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let attempts: Vec<Value> = set
        .iter()
        .enumerate()
        .map(|(i, a)| {
            json!({
                "id": i + 1, "uid": format!("uid-{i}"), "card_id": a.card, "question": "q",
                "started_at": a.at, "utc_offset_s": offset_s, "ended_at": null, "status": a.status, "error": null,
                "recording_path": null, "model": "tiny.en", "app_version": "0.1.0",
                "metrics": {"duration_s": a.duration_s, "wpm": a.wpm, "fillers_per_min": a.fillers,
                            "long_pauses_per_min": a.long, "delivery_score": a.delivery,
                            "content_score": a.content, "overall_score": a.overall},
                "transcript": null, "report": null, "notes": []
            })
        })
        .collect();
    let file = json!({"schema": "rehearse.export/1", "exported_at": "2026-03-12T12:00:00Z",
                      "app_version": "0.1.0", "attempts": attempts});
    let path = dir.path().join("set.json");
    std::fs::write(&path, file.to_string()).unwrap();
    let store = Store::open(dir.path().join("rehearse.db")).unwrap();
    assert_eq!(store.import(&path).unwrap().imported, set.len());
    (dir, store)
}

fn query(now: &str, offset_s: i32) -> ProgressQuery {
    ProgressQuery {
        since: None,
        until: None,
        card_id: None,
        card_ids: None,
        utc_offset_s: offset_s,
        now: time(now),
    }
}

fn trend(r: &ProgressReport, m: MetricKind) -> &rehearse::store::MetricTrend {
    r.trends.iter().find(|t| t.metric == m).unwrap()
}

fn means(points: &[TrendPoint]) -> Vec<(NaiveDate, f64, u32)> {
    points
        .iter()
        .map(|p| (p.start, (p.mean * 1000.0).round() / 1000.0, p.count))
        .collect()
}

#[test]
fn totals_and_trends_by_day_and_week() {
    let (_dir, store) = load(SET);
    let r = store.progress(&query("2026-03-12T12:00:00Z", 0)).unwrap();
    assert_eq!(r.totals.attempts, 7, "the failed attempt does not count");
    assert_eq!(r.totals.cards, 2);
    assert_eq!(r.totals.practice_s, 595.0);
    assert_eq!(r.totals.first_at, Some(time("2026-03-02T10:00:00Z")));
    assert_eq!(r.totals.last_at, Some(time("2026-03-12T07:00:00Z")));

    let overall = trend(&r, MetricKind::OverallScore);
    assert_eq!(
        means(&overall.by_day),
        [
            (date("2026-03-02"), 60.0, 1),
            (date("2026-03-03"), 75.0, 2),
            (date("2026-03-04"), 90.0, 1),
            (date("2026-03-10"), 85.0, 1),
            (date("2026-03-11"), 50.0, 1),
            (date("2026-03-12"), 76.0, 1),
        ]
    );
    let day3 = &overall.by_day[1];
    assert_eq!((day3.min, day3.max), (70.0, 80.0));
    assert_eq!(
        means(&overall.by_week),
        [
            (date("2026-03-02"), 75.0, 4),
            (date("2026-03-09"), 70.333, 3)
        ]
    );
    let wpm = trend(&r, MetricKind::Wpm);
    assert_eq!(
        means(&wpm.by_week),
        [
            (date("2026-03-02"), 142.5, 4),
            (date("2026-03-09"), 137.667, 3)
        ]
    );
    // Free practice has no filler metric: the week's mean is over the attempts that have one.
    let fillers = trend(&r, MetricKind::FillersPerMin);
    assert_eq!(
        means(&fillers.by_week),
        [(date("2026-03-02"), 2.5, 4), (date("2026-03-09"), 2.25, 2)]
    );
}

#[test]
fn days_are_the_local_days_the_attempts_were_practised_on() {
    // At UTC+13, 03-03 18:00Z and 03-04 09:00Z are both on the local 03-04 (03-03 10:00Z is not).
    let (_dir, store) = load_at_offset(SET, 13 * 3600);
    let r = store.progress(&query("2026-03-12T12:00:00Z", 0)).unwrap();
    let overall = trend(&r, MetricKind::OverallScore);
    let day4 = overall
        .by_day
        .iter()
        .find(|p| p.start == date("2026-03-04"))
        .unwrap();
    assert_eq!((day4.mean, day4.count), (80.0, 2));
}

#[test]
fn personal_bests_take_direction_and_minimum_length_into_account() {
    let (_dir, store) = load(SET);
    let r = store.progress(&query("2026-03-12T12:00:00Z", 0)).unwrap();
    let best = |m: MetricKind| {
        r.bests
            .iter()
            .find(|b| b.metric == m)
            .map(|b| (b.value, b.attempt_id.0))
    };
    assert_eq!(best(MetricKind::OverallScore), Some((90.0, 4)));
    assert_eq!(best(MetricKind::DeliveryScore), Some((88.0, 4)));
    assert_eq!(best(MetricKind::ContentScore), Some((92.0, 4)));
    assert_eq!(best(MetricKind::FillersPerMin), Some((1.0, 4)));
    assert_eq!(best(MetricKind::LongPausesPerMin), Some((0.3, 2)));
    assert_eq!(best(MetricKind::Wpm), None, "pace has no better direction");
}

#[test]
fn streaks_count_consecutive_local_days() {
    let (_dir, store) = load(SET);
    // Days practised: 03-02, 03, 04, then 10, 11, 12.
    for (now, offset_h, current) in [
        ("2026-03-12T23:00:00Z", 0, 3),
        ("2026-03-13T12:00:00Z", 0, 3), // nothing yet today: the streak is still alive
        ("2026-03-13T23:30:00Z", 0, 3),
        ("2026-03-13T23:30:00Z", 1, 0), // already 03-14 where the user is now
        ("2026-03-14T00:30:00Z", 0, 0),
    ] {
        let s = store.progress(&query(now, offset_h * 3600)).unwrap().streak;
        assert_eq!(
            (s.current_days, s.longest_days),
            (current, 3),
            "now {now} +{offset_h}h"
        );
        assert_eq!(s.last_day, Some(date("2026-03-12")));
    }
    let empty = Store::open(tempfile::tempdir().unwrap().path().join("x.db")).unwrap();
    assert_eq!(
        empty
            .progress(&ProgressQuery::default())
            .unwrap()
            .streak
            .longest_days,
        0
    );
}

#[test]
fn range_and_card_filters() {
    let (_dir, store) = load(SET);
    let mut q = query("2026-03-12T12:00:00Z", 0);
    q.since = Some(time("2026-03-09T00:00:00Z"));
    assert_eq!(store.progress(&q).unwrap().totals.attempts, 3);
    q.until = Some(time("2026-03-11T00:00:00Z"));
    assert_eq!(store.progress(&q).unwrap().totals.attempts, 1);
    let mut q = query("2026-03-12T12:00:00Z", 0);
    q.card_id = Some("b".into());
    let r = store.progress(&q).unwrap();
    assert_eq!((r.totals.attempts, r.totals.cards), (2, 1));
    // A set of cards (a category): "b" and a card with no attempts.
    let mut q = query("2026-03-12T12:00:00Z", 0);
    q.card_ids = Some(vec!["b".into(), "nobody".into()]);
    let r = store.progress(&q).unwrap();
    assert_eq!((r.totals.attempts, r.totals.cards), (2, 1));
    q.card_ids = Some(Vec::new());
    assert_eq!(store.progress(&q).unwrap().totals.attempts, 0);
}

#[test]
fn card_attempts_show_the_change_since_the_previous_one() {
    let (_dir, store) = load(SET);
    let a = store.card_attempts("a").unwrap();
    assert_eq!(
        a.iter().map(|c| c.attempt.id.0).collect::<Vec<_>>(),
        [1, 2, 3, 8]
    );
    assert!(a[0].changes.is_empty());
    let change = |i: usize, m: MetricKind| {
        let c = a[i].changes.iter().find(|c| c.metric == m).unwrap();
        (c.previous, c.current, c.delta, c.improved)
    };
    assert_eq!(
        change(1, MetricKind::OverallScore),
        (60.0, 80.0, 20.0, Some(true))
    );
    assert_eq!(
        change(1, MetricKind::FillersPerMin),
        (6.0, 3.0, -3.0, Some(true))
    );
    assert_eq!(change(1, MetricKind::Wpm), (120.0, 140.0, 20.0, None));
    assert_eq!(
        change(2, MetricKind::OverallScore),
        (80.0, 70.0, -10.0, Some(false))
    );
    assert_eq!(
        change(2, MetricKind::LongPausesPerMin),
        (0.3, 0.0, -0.3, Some(true))
    );
    assert!(
        store.card_attempts("c").unwrap().is_empty(),
        "failed attempts are not listed"
    );
}

#[test]
fn practise_next_puts_due_cards_first_then_new_then_upcoming() {
    const SCHEDULE: &[A] = &[
        // good, good → every 4 days; due 03-08 → overdue on 03-12.
        done(
            "steady",
            "2026-03-01T10:00:00Z",
            90.0,
            [80.0, 140.0, 2.0, 0.5, 80.0, 80.0],
        ),
        done(
            "steady",
            "2026-03-04T10:00:00Z",
            90.0,
            [85.0, 140.0, 2.0, 0.5, 80.0, 80.0],
        ),
        // good then weak → reset to 1 day; due 03-11.
        done(
            "slipping",
            "2026-03-09T10:00:00Z",
            90.0,
            [90.0, 140.0, 2.0, 0.5, 80.0, 80.0],
        ),
        done(
            "slipping",
            "2026-03-10T10:00:00Z",
            90.0,
            [40.0, 140.0, 2.0, 0.5, 80.0, 80.0],
        ),
        // weak → 1 day; due 03-08, same as "steady" but weaker, so first.
        done(
            "weak",
            "2026-03-07T10:00:00Z",
            90.0,
            [30.0, 140.0, 2.0, 0.5, 80.0, 80.0],
        ),
        // good x3 → 8 days; due 03-19.
        done(
            "strong",
            "2026-03-05T10:00:00Z",
            90.0,
            [95.0, 140.0, 2.0, 0.5, 80.0, 80.0],
        ),
        done(
            "strong",
            "2026-03-08T10:00:00Z",
            90.0,
            [95.0, 140.0, 2.0, 0.5, 80.0, 80.0],
        ),
        done(
            "strong",
            "2026-03-11T10:00:00Z",
            90.0,
            [95.0, 140.0, 2.0, 0.5, 80.0, 80.0],
        ),
        // good once → 2 days; due 03-14.
        done(
            "recent",
            "2026-03-12T08:00:00Z",
            90.0,
            [76.0, 140.0, 2.0, 0.5, 80.0, 80.0],
        ),
        // a card no longer in the bank is ignored
        done(
            "removed",
            "2026-03-01T08:00:00Z",
            90.0,
            [10.0, 140.0, 2.0, 0.5, 80.0, 80.0],
        ),
    ];
    let (_dir, store) = load(SCHEDULE);
    let cards = [
        "strong", "fresh-1", "recent", "slipping", "steady", "weak", "fresh-2",
    ];
    let next = store
        .practise_next(&cards, time("2026-03-12T12:00:00Z"))
        .unwrap();
    let got: Vec<(&str, SuggestionKind, u32)> = next
        .iter()
        .map(|s| (s.card_id.as_str(), s.kind, s.interval_days))
        .collect();
    assert_eq!(
        got,
        [
            ("weak", SuggestionKind::Due, 1),
            ("steady", SuggestionKind::Due, 4),
            ("slipping", SuggestionKind::Due, 1),
            ("fresh-1", SuggestionKind::New, 0),
            ("fresh-2", SuggestionKind::New, 0),
            ("recent", SuggestionKind::Upcoming, 2),
            ("strong", SuggestionKind::Upcoming, 8),
        ]
    );
    assert_eq!(next[0].due_at, Some(time("2026-03-08T10:00:00Z")));
    assert_eq!(next[0].last_score, Some(30.0));
    assert_eq!(next[6].due_at, Some(time("2026-03-19T10:00:00Z")));
    assert_eq!(next[6].attempts, 3);
}
