//! The metric columns of an attempt, taken from its report JSON ("rehearse.report/1").
//!
//! Extraction is tolerant: a missing or mistyped field becomes `None` (SQL NULL) rather than an
//! error, so a report from an older or newer analysis still stores, and queries skip the gap.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::error::{Result, StoreError};

/// Every metric kept as a real column. All optional: a failed or partial analysis has gaps.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    pub duration_s: Option<f64>,
    pub wpm: Option<f64>,
    pub articulation_wpm: Option<f64>,
    pub filler_count: Option<i64>,
    pub fillers_per_min: Option<f64>,
    /// Silent pauses of 0.25 s or more.
    pub pause_count: Option<i64>,
    pub long_pause_count: Option<i64>,
    pub long_pauses_per_min: Option<f64>,
    pub delivery_score: Option<f64>,
    pub content_score: Option<f64>,
    pub overall_score: Option<f64>,
}

impl Metrics {
    /// Reads the metrics out of a report. Only a report that is not a JSON object is refused.
    pub fn from_report(report: &Value) -> Result<Metrics> {
        if !report.is_object() {
            return Err(StoreError::ReportNotObject {
                found: json_kind(report),
            });
        }
        let num = |ptr: &str| {
            report
                .pointer(ptr)
                .and_then(Value::as_f64)
                .filter(|v| v.is_finite())
        };
        let count = |ptr: &str| {
            report
                .pointer(ptr)
                .and_then(|v| v.as_i64().or_else(|| v.as_f64().map(|f| f.round() as i64)))
        };
        let duration_s = num("/audio/duration_s");
        let pauses = report.pointer("/delivery/pauses").and_then(|p| match p {
            Value::Array(items) => Some(items),
            // Tolerate an object wrapping the list, as `fillers` wraps its items.
            Value::Object(o) => o.get("items").and_then(Value::as_array),
            _ => None,
        });
        let pause_count = pauses.map(|p| p.len() as i64);
        let long_pause_count = pauses.map(|p| {
            p.iter()
                .filter(|item| item.get("long").and_then(Value::as_bool) == Some(true))
                .count() as i64
        });
        let long_pauses_per_min = num("/delivery/long_pauses_per_minute").or_else(|| {
            match (long_pause_count, duration_s) {
                (Some(n), Some(d)) if d > 0.0 => Some(n as f64 * 60.0 / d),
                _ => None,
            }
        });
        Ok(Metrics {
            duration_s,
            wpm: num("/delivery/wpm"),
            articulation_wpm: num("/delivery/articulation_wpm"),
            filler_count: count("/delivery/fillers/count"),
            fillers_per_min: num("/delivery/fillers/per_minute"),
            pause_count,
            long_pause_count,
            long_pauses_per_min,
            delivery_score: score(report, "delivery"),
            content_score: score(report, "content"),
            overall_score: score(report, "overall"),
        })
    }
}

/// `<section>.score`, which may be a number or an object with its own `score` field.
fn score(report: &Value, section: &str) -> Option<f64> {
    let v = report.get(section)?.get("score")?;
    let v = match v {
        Value::Object(o) => o.get("score")?,
        other => other,
    };
    v.as_f64().filter(|s| s.is_finite())
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_every_metric_of_the_documented_report() {
        let report = json!({
            "schema": "rehearse.report/1",
            "audio": {"duration_s": 120.0},
            "delivery": {
                "wpm": 141.0, "articulation_wpm": 150.2,
                "fillers": {"count": 7, "per_minute": 6.3},
                "pauses": [
                    {"start_s": 2.0, "end_s": 3.5, "long": true},
                    {"start_s": 9.0, "end_s": 9.4, "long": false},
                    {"start_s": 20.0, "end_s": 22.0, "long": true}
                ],
                "score": {"score": 81, "pace": 90}
            },
            "content": {"score": 72},
            "overall": {"score": 68}
        });
        let m = Metrics::from_report(&report).unwrap();
        assert_eq!(m.duration_s, Some(120.0));
        assert_eq!(m.wpm, Some(141.0));
        assert_eq!(m.articulation_wpm, Some(150.2));
        assert_eq!(m.filler_count, Some(7));
        assert_eq!(m.fillers_per_min, Some(6.3));
        assert_eq!(m.pause_count, Some(3));
        assert_eq!(m.long_pause_count, Some(2));
        assert_eq!(m.long_pauses_per_min, Some(1.0));
        assert_eq!(m.delivery_score, Some(81.0));
        assert_eq!(m.content_score, Some(72.0));
        assert_eq!(m.overall_score, Some(68.0));
    }

    #[test]
    fn missing_fields_become_none_and_plain_scores_are_accepted() {
        let m = Metrics::from_report(&json!({"delivery": {"score": 55.5}, "overall": {}})).unwrap();
        assert_eq!(m.delivery_score, Some(55.5));
        assert_eq!(m.overall_score, None);
        assert_eq!(m.wpm, None);
        assert_eq!(m.pause_count, None);
        assert_eq!(m.long_pauses_per_min, None);
    }

    #[test]
    fn a_report_that_is_not_an_object_is_refused() {
        let e = Metrics::from_report(&json!([1, 2])).unwrap_err();
        assert_eq!(
            e.to_string(),
            "the report is not a JSON object (found an array)"
        );
    }
}
