//! Repetitions ("I I", "the the") and restarts ("we went we went", "th- the"): the speaker
//! stalls and says it again.

use super::fillers::Hit;
use super::tokens::Token;

/// Words whose doubling is grammatical or emphatic ("had had", "that that", "very very").
const LEGIT_DOUBLES: &[&str] = &[
    "had", "that", "is", "very", "really", "so", "no", "yes", "yeah", "bye", "ha", "more", "again",
    "far", "too", "many", "much", "over", "now", "well", "okay", "ok", "do",
];

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Repeat {
    /// "repetition" for a doubled word, "restart" for a doubled phrase or a cut-off word.
    pub kind: &'static str,
    /// Token range of the stalled part and the resumption, e.g. "we went we went".
    pub first: usize,
    pub last: usize,
}

/// Finds repeats, ignoring filled pauses and fillers between the two copies ("I, um, I").
pub(crate) fn find(toks: &[Token], fillers: &[Hit]) -> Vec<Repeat> {
    let in_filler = super::spans::mask(toks.len(), fillers.iter().map(|h| (h.first, h.last)));
    let filler = |k: usize| in_filler[k];
    // Indices of content tokens: the sequence a listener hears the repetition in.
    let content: Vec<usize> = (0..toks.len()).filter(|&k| !filler(k)).collect();
    let norm = |c: usize| toks[content[c]].norm.as_str();
    let mut out = Vec::new();
    let mut c = 0;
    while c < content.len() {
        // Longest doubled phrase first, so "we went we went" is one restart.
        let found = (1..=3).rev().find(|&n| {
            c + 2 * n <= content.len()
                && (0..n).all(|k| norm(c + k) == norm(c + n + k))
                && !(n == 1 && LEGIT_DOUBLES.contains(&norm(c)))
                && !norm(c).chars().all(|ch| ch.is_ascii_digit())
                // A sentence boundary between the copies is a new thought, not a stall.
                && toks[content[c + n - 1]].after != super::tokens::Boundary::Sentence
        });
        if let Some(n) = found {
            out.push(Repeat {
                kind: if n == 1 { "repetition" } else { "restart" },
                first: content[c],
                last: content[c + 2 * n - 1],
            });
            c += 2 * n;
            continue;
        }
        let t = &toks[content[c]];
        if t.cut_off && c + 1 < content.len() {
            let stem = t.norm.as_str();
            if !stem.is_empty() && norm(c + 1).starts_with(stem) {
                out.push(Repeat {
                    kind: "restart",
                    first: content[c],
                    last: content[c + 1],
                });
                c += 2;
                continue;
            }
        }
        c += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{fillers, tokens::tokenize};
    use super::*;
    use crate::domain::Word;

    fn repeats(text: &str) -> Vec<(String, &'static str)> {
        let words: Vec<Word> = text
            .split_whitespace()
            .enumerate()
            .map(|(i, t)| Word {
                text: format!(" {t}"),
                start_s: i as f64 * 0.3,
                end_s: i as f64 * 0.3 + 0.25,
                probability: 1.0,
                filler: false,
            })
            .collect();
        let toks = tokenize(&words, 0.4);
        let f = fillers::find(&toks);
        find(&toks, &f)
            .into_iter()
            .map(|r| {
                let text: Vec<&str> = (r.first..=r.last).map(|k| toks[k].norm.as_str()).collect();
                (text.join(" "), r.kind)
            })
            .collect()
    }

    #[test]
    fn repeated_words_and_phrases() {
        assert_eq!(
            repeats("I I decided to leave."),
            [("i i".into(), "repetition")]
        );
        assert_eq!(
            repeats("We fixed the the bug."),
            [("the the".into(), "repetition")]
        );
        assert_eq!(
            repeats("Then we went we went to the client."),
            [("we went we went".into(), "restart")]
        );
        assert_eq!(
            repeats("I, um, I decided."),
            [("i um i".into(), "repetition")]
        );
        assert_eq!(
            repeats("Th- the team agreed."),
            [("th the".into(), "restart")]
        );
    }

    #[test]
    fn grammatical_and_emphatic_doubles_are_not_stalls() {
        assert!(repeats("We knew that that was wrong.").is_empty());
        assert!(repeats("It was very very slow.").is_empty());
        assert!(repeats("We shipped. We shipped again later.").is_empty());
        assert!(repeats("It happened in 2019 2019.").is_empty());
        assert!(repeats("We measured the latency.").is_empty());
    }
}
