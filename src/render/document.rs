//! The document model both formats render: sections of simple blocks holding plain text.
//! All text stays unescaped here; each backend escapes it for its own syntax.

use chrono::{DateTime, FixedOffset, Utc};

use super::transcript::{self, Piece};
use super::{content, delivery, DocumentInput};
use crate::analysis::content::Evidence;

/// How good something is, for colour in HTML and nothing in Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tone {
    Good,
    Warn,
    Bad,
    Plain,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Inline {
    Text(String),
    Strong(String),
    /// Words of the answer, shown as a quotation.
    Quote(String),
    /// A moment of the recording, shown as mm:ss.
    Time(f64),
    /// A short verdict ("fast", "short") coloured by its tone.
    Badge(Tone, String),
}

pub(crate) type Line = Vec<Inline>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Callout {
    /// What to do about it.
    Tip,
    /// What a metric is judged against.
    Norm,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ScoreCard {
    pub label: String,
    pub score: Option<u8>,
    pub caption: String,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    Scores(Vec<ScoreCard>),
    Subheading(String),
    Para(Line),
    Callout(Callout, Line),
    List(Vec<Line>),
    /// Items that are done or not (key points covered, STAR parts told).
    Checklist(Vec<(bool, Line)>),
    Table {
        head: Vec<&'static str>,
        rows: Vec<Vec<Line>>,
    },
    Transcript(Vec<Piece>),
    /// The user's notes: a moment (or none, for the whole attempt) and free text.
    Notes(Vec<(Option<f64>, String)>),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Section {
    /// Anchor id, ASCII.
    pub id: &'static str,
    pub title: &'static str,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Document {
    pub title: String,
    /// Label and value lines under the title: date, model, recording length.
    pub meta: Vec<(&'static str, String)>,
    pub sections: Vec<Section>,
}

pub(crate) fn build(input: &DocumentInput) -> Document {
    let r = input.report;
    let title = r
        .question
        .as_ref()
        .map_or_else(|| "Free practice".to_owned(), |q| q.text.clone());
    let mut meta = Vec::new();
    if let Some(at) = input.taken_at {
        meta.push(("Date", local_time(at, input.utc_offset_s)));
    }
    meta.push(("Recording", clock(r.audio.duration_s)));
    meta.push(("Speech model", r.model.clone()));
    let mut sections = vec![summary(input), next_time(input)];
    sections.push(delivery::section(&r.delivery));
    if let Some(c) = &r.content {
        sections.push(content::section(c));
    }
    sections.push(Section {
        id: "transcript",
        title: "Transcript",
        blocks: vec![Block::Transcript(transcript::pieces(
            &r.transcript,
            &r.delivery,
        ))],
    });
    if !input.notes.is_empty() {
        sections.push(Section {
            id: "notes",
            title: "Notes",
            blocks: vec![Block::Notes(
                input
                    .notes
                    .iter()
                    .map(|n| (n.at_s, n.text.clone()))
                    .collect(),
            )],
        });
    }
    Document {
        title,
        meta,
        sections,
    }
}

fn summary(input: &DocumentInput) -> Section {
    let o = &input.report.overall;
    let content = match o.content_score {
        Some(_) => "What you said, against the card".to_owned(),
        None => "Not scored: no question card".to_owned(),
    };
    Section {
        id: "scores",
        title: "Scores",
        blocks: vec![Block::Scores(vec![
            ScoreCard {
                label: "Overall".into(),
                score: Some(o.score),
                caption: o.verdict.clone(),
            },
            ScoreCard {
                label: "Delivery".into(),
                score: Some(o.delivery_score),
                caption: "How you said it".into(),
            },
            ScoreCard {
                label: "Content".into(),
                score: o.content_score,
                caption: content,
            },
        ])],
    }
}

fn next_time(input: &DocumentInput) -> Section {
    let tips = &input.report.next_time;
    let block = if tips.is_empty() {
        Block::Para(text("Nothing stands out: keep practising this way."))
    } else {
        Block::List(
            tips.iter()
                .map(|t| {
                    let mut line = vec![
                        Inline::Badge(Tone::Plain, capitalised(&t.area)),
                        Inline::Text(format!(" {}", t.text)),
                    ];
                    if let Some(q) = &t.quote {
                        line.push(Inline::Text(" About: ".into()));
                        line.push(Inline::Quote(q.clone()));
                    }
                    line.push(Inline::Text(format!(" (about +{:.1} points)", t.gain)));
                    line
                })
                .collect(),
        )
    };
    Section {
        id: "next-time",
        title: "Next time",
        blocks: vec![block],
    }
}

/// `t` in the reader's time zone, with the offset shown so a mentor elsewhere reads it right.
pub(crate) fn local_time(t: DateTime<Utc>, utc_offset_s: i32) -> String {
    let offset = FixedOffset::east_opt(utc_offset_s).unwrap_or_else(|| {
        tracing::warn!(utc_offset_s, "UTC offset out of range; showing UTC");
        FixedOffset::east_opt(0).expect("zero offset is valid")
    });
    t.with_timezone(&offset)
        .format("%Y-%m-%d %H:%M (UTC%:z)")
        .to_string()
}

/// Seconds from the recording's start as mm:ss (minutes keep counting past the hour).
pub(crate) fn clock(t: f64) -> String {
    let whole = if t.is_finite() { t.max(0.0) as u64 } else { 0 };
    format!("{:02}:{:02}", whole / 60, whole % 60)
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

pub(crate) fn secs(t: f64) -> String {
    format!("{t:.1} s")
}

pub(crate) fn text(s: impl Into<String>) -> Line {
    vec![Inline::Text(s.into())]
}

/// The quoted words and, when known, when they were said.
pub(crate) fn evidence(e: &Evidence) -> Line {
    let mut line = vec![Inline::Quote(e.quote.clone())];
    if let Some(t) = e.start_s {
        line.push(Inline::Text(" at ".into()));
        line.push(Inline::Time(t));
    }
    line
}

/// A metric's norm and tip, the two callouts every metric ends with.
pub(crate) fn norm_and_tip(blocks: &mut Vec<Block>, norm: &str, tip: &str) {
    blocks.push(Block::Callout(Callout::Norm, text(norm)));
    blocks.push(Block::Callout(Callout::Tip, text(tip)));
}

/// "um ×2, you know ×1": counts by word, most frequent first.
pub(crate) fn counts<'a>(by: impl IntoIterator<Item = (&'a String, &'a u32)>) -> String {
    let mut v: Vec<(&String, &u32)> = by.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    v.iter()
        .map(|(w, n)| format!("{w} ×{n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn score_tone(score: u8) -> Tone {
    match score {
        75.. => Tone::Good,
        50..=74 => Tone::Warn,
        _ => Tone::Bad,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_is_minutes_and_seconds() {
        assert_eq!(clock(0.0), "00:00");
        assert_eq!(clock(10.77), "00:10");
        assert_eq!(clock(83.2), "01:23");
        assert_eq!(clock(3725.0), "62:05");
        assert_eq!(clock(-1.0), "00:00");
        assert_eq!(clock(f64::NAN), "00:00");
    }

    #[test]
    fn local_time_applies_the_offset() {
        let t = DateTime::parse_from_rfc3339("2025-03-04T23:30:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(local_time(t, 3600), "2025-03-05 00:30 (UTC+01:00)");
        assert_eq!(local_time(t, -5 * 3600), "2025-03-04 18:30 (UTC-05:00)");
        // An impossible offset falls back to UTC rather than a wrong local time.
        assert_eq!(local_time(t, 90_000), "2025-03-04 23:30 (UTC+00:00)");
    }

    #[test]
    fn counts_sort_by_frequency_then_word() {
        let m: std::collections::BTreeMap<String, u32> =
            [("uh".into(), 1), ("um".into(), 3), ("like".into(), 1)].into();
        assert_eq!(counts(&m), "um ×3, like ×1, uh ×1");
    }
}
