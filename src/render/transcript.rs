//! The transcript with its fillers and hedges marked and long pauses shown where they fell.
//!
//! The delivery analysis times its findings on words re-aligned to the audio, so they can sit
//! half a second or more away from the recogniser's word times. A finding is therefore placed
//! on the words that spell it, nearest in time, not on whatever word overlaps its time.

use crate::analysis::delivery::{DeliveryReport, FillerSource};
use crate::domain::{is_filled_pause, Transcript, Word};

/// A finding further than this from every word spelling it is not marked in the text.
const MAX_SHIFT_S: f64 = 3.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    None,
    Filler,
    Hedge,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Piece {
    /// A run of words with one mark; `space_before` is false before punctuation.
    Words {
        text: String,
        mark: Mark,
        space_before: bool,
    },
    /// A long silent pause, seconds.
    Pause(f64),
    /// A filler heard in the audio that the transcript has no word for.
    Heard(String),
}

/// Lower-case letters, digits and apostrophes: how findings and words are compared.
fn norm(s: &str) -> String {
    s.chars()
        .map(|c| if c == '’' { '\'' } else { c })
        .filter(|c| c.is_alphanumeric() || *c == '\'')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The words a finding's label spells; labels may carry a note ("like (approximately)").
fn label_words(label: &str) -> Vec<String> {
    let bare = label.split(" (").next().unwrap_or(label);
    bare.split_whitespace()
        .map(norm)
        .filter(|w| !w.is_empty())
        .collect()
}

/// Finds where `label` is spelled by unmarked words, nearest to `at_s`. Filled pauses match
/// any spelling ("ummm" for "um") when no exact spelling is near.
fn locate(
    words: &[Word],
    normed: &[String],
    marked: &[bool],
    label: &str,
    at_s: f64,
) -> Option<usize> {
    let want = label_words(label);
    if want.is_empty() || want.len() > words.len() {
        return None;
    }
    let nearest = |same: &dyn Fn(&str, &str) -> bool| {
        (0..=words.len() - want.len())
            .filter(|&k| {
                want.iter()
                    .enumerate()
                    .all(|(j, w)| !marked[k + j] && same(&normed[k + j], w))
            })
            .map(|k| (k, (words[k].start_s - at_s).abs()))
            .filter(|&(_, d)| d <= MAX_SHIFT_S)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(k, _)| k)
    };
    nearest(&|have, w| have == w)
        .or_else(|| nearest(&|have, w| is_filled_pause(w) && is_filled_pause(have)))
}

/// A word's mark and the finding it belongs to, so adjacent findings stay apart.
type Tag = Option<(Mark, usize)>;

/// Consecutive words with the same tag, shown as one piece.
struct Run {
    tag: Tag,
    text: String,
    space_before: bool,
}

impl Run {
    fn piece(self) -> Piece {
        Piece::Words {
            text: self.text,
            mark: self.tag.map_or(Mark::None, |t| t.0),
            space_before: self.space_before,
        }
    }
}

struct Finding<'a> {
    label: &'a str,
    start_s: f64,
    mark: Mark,
    /// Tells adjacent findings apart, so "um um" stays two marks.
    id: usize,
}

fn place(words: &[Word], normed: &[String], marks: &mut [Tag], f: Finding) {
    let taken: Vec<bool> = marks.iter().map(Option::is_some).collect();
    match locate(words, normed, &taken, f.label, f.start_s) {
        Some(k) => {
            for m in &mut marks[k..k + label_words(f.label).len()] {
                *m = Some((f.mark, f.id));
            }
        }
        None => tracing::debug!(f.label, f.start_s, "finding not found in the transcript"),
    }
}

pub(crate) fn pieces(t: &Transcript, d: &DeliveryReport) -> Vec<Piece> {
    let owned: Vec<Word> = t
        .words
        .iter()
        .filter(|w| !w.text.trim().is_empty())
        .cloned()
        .collect();
    if owned.is_empty() {
        let text = t.text.trim();
        return if text.is_empty() {
            Vec::new()
        } else {
            vec![Piece::Words {
                text: text.to_owned(),
                mark: Mark::None,
                space_before: false,
            }]
        };
    }
    let normed: Vec<String> = owned.iter().map(|w| norm(&w.text)).collect();
    let mut marks: Vec<Tag> = vec![None; owned.len()];
    // Pieces to insert before word i (i == len: after the last word), with their time.
    let mut inserts: Vec<(usize, f64, Piece)> = Vec::new();
    let insert_at = |at_s: f64| owned.partition_point(|w| (w.start_s + w.end_s) / 2.0 < at_s);

    for (id, f) in d.fillers.items.iter().enumerate() {
        match f.source {
            FillerSource::Transcript => {
                let at = Finding {
                    label: &f.text,
                    start_s: f.start_s,
                    mark: Mark::Filler,
                    id,
                };
                place(&owned, &normed, &mut marks, at);
            }
            FillerSource::Audio => {
                let mid = (f.start_s + f.end_s) / 2.0;
                inserts.push((insert_at(mid), mid, Piece::Heard(f.text.clone())));
            }
        }
    }
    let first_hedge = d.fillers.items.len();
    for (id, h) in d.hedges.items.iter().enumerate() {
        let at = Finding {
            label: &h.text,
            start_s: h.start_s,
            mark: Mark::Hedge,
            id: first_hedge + id,
        };
        place(&owned, &normed, &mut marks, at);
    }
    for p in d.pauses.iter().filter(|p| p.long) {
        let mid = (p.start_s + p.end_s) / 2.0;
        inserts.push((insert_at(mid), mid, Piece::Pause(p.length_s)));
    }
    inserts.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));

    let mut out: Vec<Piece> = Vec::new();
    let mut next_insert = inserts.into_iter().peekable();
    let mut run: Option<Run> = None;
    for (i, w) in owned.iter().enumerate() {
        let text = w.text.trim();
        let mut broke = false;
        while next_insert.peek().is_some_and(|x| x.0 == i) {
            out.extend(run.take().map(Run::piece));
            out.push(next_insert.next().expect("peeked").2);
            broke = true;
        }
        let space = i > 0 && !text.starts_with([',', '.', ';', ':', '!', '?', ')', '…', '%']);
        match &mut run {
            Some(r) if r.tag == marks[i] => {
                if space {
                    r.text.push(' ');
                }
                r.text.push_str(text);
            }
            _ => {
                out.extend(run.take().map(Run::piece));
                run = Some(Run {
                    tag: marks[i],
                    text: text.to_owned(),
                    space_before: space || broke,
                });
            }
        }
    }
    out.extend(run.map(Run::piece));
    out.extend(next_insert.map(|x| x.2));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(text: &str, start_s: f64) -> Word {
        Word {
            text: text.into(),
            start_s,
            end_s: start_s + 0.3,
            probability: 1.0,
            filler: false,
        }
    }

    #[test]
    fn findings_go_to_the_words_that_spell_them_not_the_nearest_word() {
        let words = [
            w("So,", 0.6),
            w("um,", 1.2),
            w("I", 1.5),
            w("think", 1.8),
            w("um", 9.0),
        ];
        let normed: Vec<String> = words.iter().map(|x| norm(&x.text)).collect();
        let free = vec![false; words.len()];
        // The aligned time (0.67) is nearer "So," but the filler is the "um" after it.
        assert_eq!(locate(&words, &normed, &free, "um", 0.67), Some(1));
        assert_eq!(locate(&words, &normed, &free, "um", 8.5), Some(4));
        assert_eq!(locate(&words, &normed, &free, "i think", 1.4), Some(2));
        // A marked word is not marked twice; nothing else is near enough.
        let mut taken = free.clone();
        taken[1] = true;
        assert_eq!(locate(&words, &normed, &taken, "um", 0.67), None);
        // Canonical labels match other spellings of a filled pause.
        let long = [w("Ummm,", 2.0)];
        let n: Vec<String> = long.iter().map(|x| norm(&x.text)).collect();
        assert_eq!(locate(&long, &n, &[false], "um", 2.1), Some(0));
        assert_eq!(label_words("like (approximately)"), vec!["like"]);
    }
}
