//! Synthetic spoken answers with known ground truth, for the delivery analysis's accuracy
//! (used via `#[path]` from tests and from the `pipeline` bench that `cargo xtask bench` runs).
//!
//! Each answer is a script rendered with espeak-ng: phrases are synthesized one by one and
//! joined with silences of known length, and filled pauses ("um", "uh", …) are synthesized as
//! their own short segments from phonemes, held on one note the way people hesitate. The truth
//! (word count, answer span, every pause, every filler and its place) follows from the
//! concatenation, not from any analysis.
//!
//! Script markup: plain words with punctuation; `{um}` a filled pause (um, uh, er, ah, hmm,
//! mm); `[you know,]` words that are a discourse filler; `<0.8>` a silence of 0.8 s. A comma
//! adds 0.12 s of silence and a sentence end 0.4 s, unless an explicit silence follows.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fmt;
use std::process::Command;

use rehearse::analysis::delivery::{analyze_delivery, DeliveryReport, DeliverySettings};
use rehearse::{Transcript, Word};

pub const SR: usize = 16_000;

const COMMA_S: f64 = 0.12;
const SENTENCE_S: f64 = 0.4;
const EDGE_S: f64 = 0.6;
/// Filled pauses are said no faster than this, whatever the voice's rate: people slow down
/// when they hesitate.
const FILLER_MAX_WPM: u32 = 150;
/// Labels a filled pause may be reported under: the audio cannot tell "er" from "uh".
const FILLED: &[&str] = &["um", "uh", "er", "ah", "hmm", "mm"];

/// Unstressed espeak phonemes: held vowels or hums with a level pitch.
fn filled_pause_phonemes(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "um" => "[[V:m]]",
        "uh" => "[[V::]]",
        "er" => "[[3::]]",
        "ah" => "[[A::]]",
        "hmm" => "[[h@m]]",
        "mm" => "[[m-:]]",
        _ => return None,
    })
}

#[derive(Debug)]
pub struct SynthError(pub String);

impl fmt::Display for SynthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SynthError {}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Voice {
    /// espeak-ng voice, e.g. "en-us", "en-gb-x-rp", "en-us+f3".
    pub name: &'static str,
    /// espeak-ng rate, words per minute.
    pub wpm: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TruthWord {
    /// As written in the script, punctuation kept (for the oracle transcript).
    pub text: String,
    pub start_s: f64,
    pub end_s: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TruthFiller {
    /// "um", "uh", … for filled pauses; "you know", "like", … for discourse fillers.
    pub kind: String,
    pub start_s: f64,
    pub end_s: f64,
    /// A filled pause (its own segment), not a discourse word.
    pub filled: bool,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Truth {
    /// Words of the phrases; times inside a phrase are spread by length (only the phrase's
    /// edges are exact).
    pub words: Vec<TruthWord>,
    pub fillers: Vec<TruthFiller>,
    /// Every silence between speech, with exact edges.
    pub pauses: Vec<(f64, f64)>,
    /// Words spoken, filled pauses included.
    pub spoken_words: u32,
    /// First sound to last sound.
    pub start_s: f64,
    pub end_s: f64,
}

impl Truth {
    pub fn wpm(&self) -> f64 {
        self.spoken_words as f64 * 60.0 / (self.end_s - self.start_s)
    }
}

#[derive(Debug, Clone)]
pub struct Synth {
    pub name: String,
    pub voice: Voice,
    pub samples: Vec<f32>,
    pub truth: Truth,
}

impl Synth {
    /// A transcript a perfect recogniser would give: the script's words at their times. With
    /// `keep_filled_pauses` false the "um"s are left out, as Whisper often does, so only the
    /// acoustic detector can find them.
    pub fn oracle_transcript(&self, keep_filled_pauses: bool) -> Transcript {
        let mut words: Vec<Word> = self
            .truth
            .words
            .iter()
            .map(|w| Word {
                text: format!(" {}", w.text),
                start_s: w.start_s,
                end_s: w.end_s,
                probability: 1.0,
                filler: false,
            })
            .collect();
        if keep_filled_pauses {
            for f in self.truth.fillers.iter().filter(|f| f.filled) {
                words.push(Word {
                    text: format!(" {},", f.kind),
                    start_s: f.start_s,
                    end_s: f.end_s,
                    probability: 1.0,
                    filler: true,
                });
            }
            words.sort_by(|a, b| a.start_s.total_cmp(&b.start_s));
        }
        let text = words
            .iter()
            .map(|w| w.text.trim())
            .collect::<Vec<_>>()
            .join(" ");
        Transcript { text, words }
    }
}

/// One espeak-ng call: 16 kHz mono samples with leading and trailing silence cut.
pub fn espeak(text: &str, voice: &str, wpm: u32) -> Result<Vec<f32>, SynthError> {
    espeak_with(text, voice, wpm, &[])
}

/// As [`espeak`] with extra espeak-ng arguments (e.g. `-m` for SSML markup).
pub fn espeak_with(
    text: &str,
    voice: &str,
    wpm: u32,
    extra: &[&str],
) -> Result<Vec<f32>, SynthError> {
    let out = Command::new("espeak-ng")
        .args(["-v", voice, "-s", &wpm.to_string(), "--stdout"])
        .args(extra)
        .arg(text)
        .output()
        .map_err(|e| SynthError(format!("espeak-ng could not run ({e}); install espeak-ng")))?;
    if !out.status.success() {
        return Err(SynthError(format!(
            "espeak-ng failed for {text:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        )));
    }
    let (rate, pcm) = parse_wav(&out.stdout)?;
    let x = rehearse::audio::resample::to_16k(&pcm, rate)
        .map_err(|e| SynthError(format!("resampling espeak output: {e}")))?;
    Ok(trim(&x).to_vec())
}

/// espeak-ng writes 16-bit mono PCM; with --stdout the data size in the header is unknown, so
/// the data chunk runs to the end.
fn parse_wav(bytes: &[u8]) -> Result<(u32, Vec<f32>), SynthError> {
    if bytes.len() < 44 || &bytes[0..4] != b"RIFF" || &bytes[8..12] != b"WAVE" {
        return Err(SynthError("espeak-ng output is not a WAV".into()));
    }
    let mut pos = 12;
    let mut rate = 0;
    while pos + 8 <= bytes.len() {
        let id = &bytes[pos..pos + 4];
        let size = u32::from_le_bytes(bytes[pos + 4..pos + 8].try_into().unwrap()) as usize;
        if id == b"fmt " {
            rate = u32::from_le_bytes(bytes[pos + 12..pos + 16].try_into().unwrap());
        } else if id == b"data" {
            let data = &bytes[pos + 8..];
            let pcm = data
                .chunks_exact(2)
                .map(|b| i16::from_le_bytes([b[0], b[1]]) as f32 / 32768.0)
                .collect();
            return Ok((rate, pcm));
        }
        pos += 8 + size;
    }
    Err(SynthError("espeak-ng WAV has no data chunk".into()))
}

/// Cuts silence (|x| < 0.002, about −54 dBFS) off both ends.
fn trim(x: &[f32]) -> &[f32] {
    let loud = |v: &f32| v.abs() > 0.002;
    match (x.iter().position(loud), x.iter().rposition(loud)) {
        (Some(a), Some(b)) => &x[a..=b],
        _ => &[],
    }
}

enum Piece {
    /// Words of one phrase, each with its discourse-filler label if it belongs to one.
    Phrase(Vec<(String, Option<String>)>),
    Filled(String),
    Silence(f64),
}

fn parse(script: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut phrase: Vec<(String, Option<String>)> = Vec::new();
    let mut bracket: Option<Vec<String>> = None;
    let flush = |phrase: &mut Vec<(String, Option<String>)>, pieces: &mut Vec<Piece>| {
        if !phrase.is_empty() {
            pieces.push(Piece::Phrase(std::mem::take(phrase)));
        }
    };
    for raw in script.split_whitespace() {
        if let Some(inner) = raw.strip_prefix('<').and_then(|r| r.strip_suffix('>')) {
            flush(&mut phrase, &mut pieces);
            pieces.push(Piece::Silence(inner.parse().expect("silence length")));
            continue;
        }
        if let Some(inner) = raw.strip_prefix('{').and_then(|r| r.strip_suffix('}')) {
            flush(&mut phrase, &mut pieces);
            pieces.push(Piece::Filled(inner.to_string()));
            continue;
        }
        let mut word = raw.to_string();
        let opens = word.starts_with('[');
        if opens {
            word.remove(0);
            bracket = Some(Vec::new());
        }
        let closes = word.contains(']');
        word = word.replace(']', "");
        if let Some(b) = bracket.as_mut() {
            b.push(word.clone());
        }
        let label = bracket.as_ref().map(|_| String::new());
        phrase.push((word.clone(), label));
        if closes {
            // Label every word of the bracket with the whole filler ("you know").
            let words = bracket.take().unwrap();
            let label: String = words
                .iter()
                .map(|w| {
                    w.chars()
                        .filter(|c| c.is_alphanumeric() || *c == '\'')
                        .collect::<String>()
                        .to_lowercase()
                })
                .collect::<Vec<_>>()
                .join(" ");
            let n = words.len();
            let len = phrase.len();
            for item in &mut phrase[len - n..] {
                item.1 = Some(label.clone());
            }
        }
        let ends = word.ends_with(['.', '?', '!']);
        if word.ends_with(',') || ends {
            flush(&mut phrase, &mut pieces);
            pieces.push(Piece::Silence(if ends { -SENTENCE_S } else { -COMMA_S }));
        }
    }
    flush(&mut phrase, &mut pieces);
    // A punctuation pause (stored negative) gives way to an explicit silence right after it.
    let mut out: Vec<Piece> = Vec::new();
    for p in pieces {
        match (out.last(), &p) {
            (Some(Piece::Silence(prev)), Piece::Silence(_)) if *prev < 0.0 => {
                out.pop();
                out.push(p);
            }
            (Some(Piece::Silence(_)), Piece::Silence(s)) if *s < 0.0 => {}
            _ => out.push(p),
        }
    }
    out.into_iter()
        .map(|p| match p {
            Piece::Silence(s) => Piece::Silence(s.abs()),
            other => other,
        })
        .collect()
}

/// Renders `script` with `voice`: audio plus its ground truth.
pub fn render(name: &str, script: &str, voice: Voice) -> Result<Synth, SynthError> {
    let mut samples = vec![0.0f32; (EDGE_S * SR as f64) as usize];
    let mut truth = Truth::default();
    let now = |s: &Vec<f32>| s.len() as f64 / SR as f64;
    let mut last_end: Option<f64> = None;
    for piece in parse(script) {
        match piece {
            Piece::Silence(s) => samples.extend(vec![0.0; (s * SR as f64).round() as usize]),
            Piece::Filled(kind) => {
                let ph = filled_pause_phonemes(&kind)
                    .ok_or_else(|| SynthError(format!("unknown filled pause {{{kind}}}")))?;
                let audio = espeak(ph, voice.name, voice.wpm.min(FILLER_MAX_WPM))?;
                let start = now(&samples);
                if let Some(e) = last_end {
                    truth.pauses.push((e, start));
                }
                samples.extend(audio);
                let end = now(&samples);
                truth.fillers.push(TruthFiller {
                    kind,
                    start_s: start,
                    end_s: end,
                    filled: true,
                });
                truth.spoken_words += 1;
                last_end = Some(end);
            }
            Piece::Phrase(words) => {
                let text: Vec<String> = words
                    .iter()
                    .map(|(w, _)| {
                        w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
                            .to_string()
                    })
                    .collect();
                let audio = espeak(&text.join(" "), voice.name, voice.wpm)?;
                let start = now(&samples);
                if let Some(e) = last_end {
                    truth.pauses.push((e, start));
                }
                samples.extend(audio);
                let end = now(&samples);
                // Spread word times by length: a word takes about its letters plus a beat.
                let weights: Vec<f64> = text.iter().map(|w| w.len() as f64 + 2.0).collect();
                let total: f64 = weights.iter().sum();
                let mut t = start;
                for ((w, label), weight) in words.iter().zip(&weights) {
                    let d = (end - start) * weight / total;
                    truth.words.push(TruthWord {
                        text: w.clone(),
                        start_s: t,
                        end_s: t + d,
                    });
                    if let Some(l) = label {
                        match truth.fillers.last_mut() {
                            Some(f) if !f.filled && &f.kind == l && (f.end_s - t).abs() < 1e-6 => {
                                f.end_s = t + d
                            }
                            _ => truth.fillers.push(TruthFiller {
                                kind: l.clone(),
                                start_s: t,
                                end_s: t + d,
                                filled: false,
                            }),
                        }
                    }
                    t += d;
                }
                truth.spoken_words += words.len() as u32;
                last_end = Some(end);
            }
        }
    }
    let first = truth
        .words
        .iter()
        .map(|w| w.start_s)
        .chain(truth.fillers.iter().map(|f| f.start_s))
        .fold(f64::INFINITY, f64::min);
    truth.start_s = first;
    truth.end_s = last_end.unwrap_or(first);
    samples.extend(vec![0.0; (EDGE_S * SR as f64) as usize]);
    Ok(Synth {
        name: name.to_string(),
        voice,
        samples,
        truth,
    })
}

/// Interview answers with fillers of every kind at known places, and words that look like
/// fillers but are not ("I like working", "a kind of bug", "so that we could", "do you know").
pub const SCRIPTS: &[(&str, &str)] = &[
    (
        "payments",
        "[So,] {um} last year I was leading the payments team at a small startup. <0.9> \
         We had a hard deadline, and {uh} the database migration kept failing. <0.6> \
         I like working under pressure, but this was a kind of bug we had never seen. <1.2> \
         It was, [like,] really stressful. [You know,] we had no <0.7> rollback plan at all.",
    ),
    (
        "search",
        "{er} The project was [basically] a rewrite of our search service. <0.8> \
         I decided to split the work so that we could ship every week. <1.0> \
         [I mean,] the old code was [literally] impossible to test. {hmm} <0.5> \
         We wrote contract tests first, <0.6> and then we moved one endpoint at a time. \
         [Right?] That gave us a safe path.",
    ),
    (
        "mobile",
        "[Okay,] so the situation was that our mobile app crashed on older phones. <0.7> \
         {ah} I owned the release, so I took the lead on the fix. <1.5> \
         We [sort of] rebuilt the crash reporting from scratch. {mm} <0.4> \
         Within two weeks the crash rate dropped by half. \
         [Actually,] it dropped even further the next month.",
    ),
    (
        "client",
        "Do you know the answer to a hard question like that? <0.6> \
         I think the honest answer is that I was wrong. <0.9> \
         {um} I pushed the team to launch before the data was ready. <1.1> \
         We [kind of] rushed it. [Basically,] we lost a week of trust with the client. \
         After that, {uh} I set up a weekly review <0.8> with the client and the team. \
         It was the right call, and we never missed a date again.",
    ),
    (
        "mentor",
        "My manager asked me to mentor two new engineers. <0.7> \
         [So,] {er} I made a plan for their first month. <0.5> \
         We paired every morning, <1.3> and I reviewed every pull request myself. \
         {ah} It was, [you know,] a lot of work. <0.6> \
         But both of them shipped features in their second week, [right?] \
         {mm} I learned to delegate earlier.",
    ),
    (
        "deadline",
        "The hardest part was the deadline. <0.8> We had, [like,] really no slack. \
         {uh} <0.6> I wrote down every risk <0.9> and shared it with the director. \
         [I mean,] {um} nobody had done that before. \
         It looks like a small thing, but it changed how we plan. \
         [Okay,] {hmm} that is the story.",
    ),
];

/// Voices and rates from 110 to 200 wpm.
pub const VOICES: &[Voice] = &[
    Voice {
        name: "en-us",
        wpm: 110,
    },
    Voice {
        name: "en-gb-x-rp",
        wpm: 170,
    },
    Voice {
        name: "en-us+f3",
        wpm: 140,
    },
    Voice {
        name: "en",
        wpm: 200,
    },
    Voice {
        name: "en-us",
        wpm: 150,
    },
    Voice {
        name: "en-us+f3",
        wpm: 190,
    },
    Voice {
        name: "en-gb-x-rp",
        wpm: 125,
    },
    Voice {
        name: "en",
        wpm: 160,
    },
    Voice {
        name: "en-us",
        wpm: 180,
    },
    Voice {
        name: "en-us+f3",
        wpm: 115,
    },
    Voice {
        name: "en-gb-x-rp",
        wpm: 200,
    },
    Voice {
        name: "en",
        wpm: 135,
    },
];

/// The whole synthetic set: every script in two voices at two rates, rendered on two threads.
pub fn standard_set() -> Result<Vec<Synth>, SynthError> {
    let jobs: Vec<(String, &str, Voice)> = SCRIPTS
        .iter()
        .enumerate()
        .flat_map(|(i, (name, script))| {
            [
                VOICES[(2 * i) % VOICES.len()],
                VOICES[(2 * i + 1) % VOICES.len()],
            ]
            .into_iter()
            .map(move |v| (format!("{name}/{}@{}", v.name, v.wpm), *script, v))
        })
        .collect();
    let (a, b) = jobs.split_at(jobs.len() / 2);
    let run = |part: &[(String, &str, Voice)]| -> Result<Vec<Synth>, SynthError> {
        part.iter().map(|(n, s, v)| render(n, s, *v)).collect()
    };
    let (ra, rb) = std::thread::scope(|sc| {
        let h = sc.spawn(|| run(a));
        let rb = run(b);
        (h.join().expect("synthesis thread"), rb)
    });
    let mut out = ra?;
    out.extend(rb?);
    Ok(out)
}

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
