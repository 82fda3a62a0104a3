//! Scoring analysed answers against their truth, and the accuracy table.

use std::collections::BTreeMap;
use std::fmt;

use rehearse::analysis::delivery::{analyze_delivery, DeliveryReport, DeliverySettings};
use rehearse::Transcript;

use super::{standard_set, Synth, SynthError, FILLED};

/// Hits, false alarms and misses.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    pub tp: u32,
    pub fp: u32,
    pub fn_: u32,
}

impl Counts {
    pub fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

fn ratio(a: u32, b: u32) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// How one analysed answer compares with its truth.
#[derive(Debug, Clone)]
pub struct Evaluation {
    pub name: String,
    pub truth_wpm: f64,
    pub wpm: f64,
    /// Pauses of at least 0.5 s.
    pub pauses: Counts,
    /// |found − true| length of each matched pause ≥ 0.5 s.
    pub pause_length_errors: Vec<f64>,
    /// Per true filler kind: (found, total).
    pub filler_recall: BTreeMap<String, (u32, u32)>,
    /// Per reported label: (correct, reported).
    pub filler_precision: BTreeMap<String, (u32, u32)>,
    /// Reported fillers that match nothing, as "label@time" for diagnosis.
    pub false_fillers: Vec<String>,
    pub missed_fillers: Vec<String>,
}

impl Evaluation {
    pub fn wpm_error(&self) -> f64 {
        (self.wpm - self.truth_wpm).abs() / self.truth_wpm
    }
}

pub fn evaluate(s: &Synth, r: &DeliveryReport) -> Evaluation {
    const LONG: f64 = 0.5;
    let mut pauses = Counts::default();
    let mut errors = Vec::new();
    let overlaps = |a: (f64, f64), b: (f64, f64)| a.0 < b.1 && b.0 < a.1;
    for &t in s.truth.pauses.iter().filter(|p| p.1 - p.0 >= LONG) {
        let best = r
            .pauses
            .iter()
            .filter(|p| overlaps(t, (p.start_s, p.end_s)))
            .max_by(|a, b| a.length_s.total_cmp(&b.length_s));
        match best {
            Some(p) => {
                pauses.tp += 1;
                errors.push((p.length_s - (t.1 - t.0)).abs());
            }
            None => pauses.fn_ += 1,
        }
    }
    pauses.fp = r
        .pauses
        .iter()
        .filter(|p| p.length_s >= LONG)
        .filter(|p| {
            !s.truth
                .pauses
                .iter()
                .any(|&t| overlaps(t, (p.start_s, p.end_s)))
        })
        .count() as u32;

    let mut used = vec![false; r.fillers.items.len()];
    let mut recall: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    let mut missed = Vec::new();
    for t in &s.truth.fillers {
        let tol = if t.filled { 0.3 } else { 0.6 };
        let centre = (t.start_s + t.end_s) / 2.0;
        let candidate = r
            .fillers
            .items
            .iter()
            .enumerate()
            .filter(|(i, d)| {
                !used[*i]
                    && d.start_s <= t.end_s + tol
                    && d.end_s >= t.start_s - tol
                    && if t.filled {
                        FILLED.contains(&d.text.as_str())
                    } else {
                        d.text == t.kind
                    }
            })
            .min_by(|(_, a), (_, b)| {
                let da = ((a.start_s + a.end_s) / 2.0 - centre).abs();
                let db = ((b.start_s + b.end_s) / 2.0 - centre).abs();
                da.total_cmp(&db)
            })
            .map(|(i, _)| i);
        let e = recall.entry(t.kind.clone()).or_default();
        e.1 += 1;
        match candidate {
            Some(i) => {
                used[i] = true;
                e.0 += 1;
            }
            None => missed.push(format!("{}@{:.2}", t.kind, t.start_s)),
        }
    }
    let mut precision: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    let mut false_fillers = Vec::new();
    for (d, ok) in r.fillers.items.iter().zip(&used) {
        let e = precision.entry(d.text.clone()).or_default();
        e.1 += 1;
        if *ok {
            e.0 += 1;
        } else {
            false_fillers.push(format!("{}@{:.2}({:?})", d.text, d.start_s, d.source));
        }
    }
    Evaluation {
        name: s.name.clone(),
        truth_wpm: s.truth.wpm(),
        wpm: r.wpm,
        pauses,
        pause_length_errors: errors,
        filler_recall: recall,
        filler_precision: precision,
        false_fillers,
        missed_fillers: missed,
    }
}

/// Accuracy over a set of answers, printable as a table.
#[derive(Debug, Clone)]
pub struct AccuracyTable {
    /// What produced the transcripts ("oracle transcript without um/uh", "tiny.en", …).
    pub transcripts: String,
    pub rows: Vec<Evaluation>,
}

impl AccuracyTable {
    pub fn max_wpm_error(&self) -> f64 {
        self.rows.iter().map(|r| r.wpm_error()).fold(0.0, f64::max)
    }
    pub fn mean_wpm_error(&self) -> f64 {
        self.rows.iter().map(|r| r.wpm_error()).sum::<f64>() / self.rows.len().max(1) as f64
    }
    pub fn pauses(&self) -> Counts {
        let mut c = Counts::default();
        self.rows.iter().for_each(|r| c.add(r.pauses));
        c
    }
    pub fn max_pause_length_error(&self) -> f64 {
        self.rows
            .iter()
            .flat_map(|r| r.pause_length_errors.iter().copied())
            .fold(0.0, f64::max)
    }
    pub fn mean_pause_length_error(&self) -> f64 {
        let all: Vec<f64> = self
            .rows
            .iter()
            .flat_map(|r| r.pause_length_errors.iter().copied())
            .collect();
        all.iter().sum::<f64>() / all.len().max(1) as f64
    }
    /// Per true kind (found, total), over all answers.
    pub fn filler_recall_by_kind(&self) -> BTreeMap<String, (u32, u32)> {
        merge(self.rows.iter().map(|r| &r.filler_recall))
    }
    /// Per reported label (correct, reported), over all answers.
    pub fn filler_precision_by_label(&self) -> BTreeMap<String, (u32, u32)> {
        merge(self.rows.iter().map(|r| &r.filler_precision))
    }
    pub fn filler_recall(&self) -> f64 {
        let (a, b) = sum(&self.filler_recall_by_kind());
        ratio(a, b)
    }
    pub fn filler_precision(&self) -> f64 {
        let (a, b) = sum(&self.filler_precision_by_label());
        ratio(a, b)
    }
}

fn merge<'a>(
    maps: impl Iterator<Item = &'a BTreeMap<String, (u32, u32)>>,
) -> BTreeMap<String, (u32, u32)> {
    let mut out: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    for m in maps {
        for (k, (a, b)) in m {
            let e = out.entry(k.clone()).or_default();
            e.0 += a;
            e.1 += b;
        }
    }
    out
}

fn sum(m: &BTreeMap<String, (u32, u32)>) -> (u32, u32) {
    m.values().fold((0, 0), |(a, b), (x, y)| (a + x, b + y))
}

impl fmt::Display for AccuracyTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Delivery accuracy on {} synthetic answers ({})",
            self.rows.len(),
            self.transcripts
        )?;
        writeln!(
            f,
            "{:<32} {:>8} {:>8} {:>7} {:>9} {:>9} {:>9}",
            "answer", "true wpm", "wpm", "err %", "pause tp", "pause fp", "pause fn"
        )?;
        for r in &self.rows {
            writeln!(
                f,
                "{:<32} {:>8.1} {:>8.1} {:>7.1} {:>9} {:>9} {:>9}",
                r.name,
                r.truth_wpm,
                r.wpm,
                r.wpm_error() * 100.0,
                r.pauses.tp,
                r.pauses.fp,
                r.pauses.fn_
            )?;
        }
        let p = self.pauses();
        writeln!(
            f,
            "wpm error: mean {:.1} %, max {:.1} % (goal ±5 %)",
            self.mean_wpm_error() * 100.0,
            self.max_wpm_error() * 100.0
        )?;
        writeln!(
            f,
            "pauses ≥ 0.5 s: precision {:.3}, recall {:.3}, F1 {:.3} (goal ≥ 0.95); length error mean {:.3} s, max {:.3} s (goal ±0.3 s)",
            p.precision(),
            p.recall(),
            p.f1(),
            self.mean_pause_length_error(),
            self.max_pause_length_error()
        )?;
        writeln!(
            f,
            "{:<14} {:>6} {:>6} {:>8}",
            "filler kind", "found", "true", "recall"
        )?;
        for (k, (a, b)) in self.filler_recall_by_kind() {
            writeln!(f, "{:<14} {:>6} {:>6} {:>8.3}", k, a, b, ratio(a, b))?;
        }
        writeln!(
            f,
            "{:<14} {:>6} {:>8} {:>9}",
            "reported as", "right", "reported", "precision"
        )?;
        for (k, (a, b)) in self.filler_precision_by_label() {
            writeln!(f, "{:<14} {:>6} {:>8} {:>9.3}", k, a, b, ratio(a, b))?;
        }
        writeln!(
            f,
            "fillers overall: recall {:.3}, precision {:.3} (goal ≥ 0.9 each)",
            self.filler_recall(),
            self.filler_precision()
        )?;
        let misses: Vec<String> = self
            .rows
            .iter()
            .flat_map(|r| {
                r.missed_fillers
                    .iter()
                    .map(move |m| format!("{}:{m}", r.name))
            })
            .collect();
        let falses: Vec<String> = self
            .rows
            .iter()
            .flat_map(|r| {
                r.false_fillers
                    .iter()
                    .map(move |m| format!("{}:{m}", r.name))
            })
            .collect();
        if !misses.is_empty() {
            writeln!(f, "missed: {}", misses.join(", "))?;
        }
        if !falses.is_empty() {
            writeln!(f, "false: {}", falses.join(", "))?;
        }
        Ok(())
    }
}

/// Where the transcripts for the accuracy table come from.
pub enum Transcripts<'a> {
    /// The script's own words at their times; `keep_filled_pauses` false leaves the um/uh out
    /// (as Whisper often does), so they must be found in the audio.
    Oracle { keep_filled_pauses: bool },
    /// A real recogniser, e.g. the Whisper engine: samples in, transcript out.
    Model {
        name: String,
        transcribe: &'a mut dyn FnMut(&[f32]) -> Result<Transcript, String>,
    },
}

/// Renders the standard set, analyses every answer with default settings and scores it.
pub fn accuracy_table(transcripts: Transcripts) -> Result<AccuracyTable, SynthError> {
    let set = standard_set()?;
    accuracy_table_on(&set, transcripts)
}

/// As [`accuracy_table`] on answers already rendered.
pub fn accuracy_table_on(
    set: &[Synth],
    mut transcripts: Transcripts,
) -> Result<AccuracyTable, SynthError> {
    let settings = DeliverySettings::default();
    let mut rows = Vec::new();
    for s in set {
        let t = match &mut transcripts {
            Transcripts::Oracle { keep_filled_pauses } => s.oracle_transcript(*keep_filled_pauses),
            Transcripts::Model { transcribe, .. } => {
                transcribe(&s.samples).map_err(|e| SynthError(format!("{}: {e}", s.name)))?
            }
        };
        let report = analyze_delivery(&t, &s.samples, &settings, None);
        rows.push(evaluate(s, &report));
    }
    let label = match &transcripts {
        Transcripts::Oracle {
            keep_filled_pauses: true,
        } => "oracle transcripts with um/uh".into(),
        Transcripts::Oracle {
            keep_filled_pauses: false,
        } => "oracle transcripts without um/uh: filled pauses from the audio".into(),
        Transcripts::Model { name, .. } => format!("transcripts from {name}"),
    };
    Ok(AccuracyTable {
        transcripts: label,
        rows,
    })
}
