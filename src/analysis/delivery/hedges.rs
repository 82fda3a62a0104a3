//! Hedges: words that soften a claim ("I think", "maybe", "probably", "more or less").
//! In an interview they read as doubt about one's own work. "kind of" and "sort of" hedge too,
//! but are counted once, as fillers (issue 3 lists them there).

use super::context::Ctx;
use super::fillers::Hit;
use super::tokens::{Boundary, Token};

/// Every hedge, skipping tokens already counted as fillers so nothing is counted twice.
pub(crate) fn find(toks: &[Token], fillers: &[Hit]) -> Vec<Hit> {
    let cx = Ctx::new(toks);
    let in_filler = super::spans::mask(toks.len(), fillers.iter().map(|h| (h.first, h.last)));
    let taken = |k: usize| in_filler[k];
    let mut hits = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if taken(i) {
            i += 1;
            continue;
        }
        match hedge_at(&cx, i) {
            Some(h) if !(h.first..=h.last).any(taken) => {
                i = h.last + 1;
                hits.push(h);
            }
            _ => i += 1,
        }
    }
    hits
}

fn span(label: &'static str, first: usize, len: usize) -> Option<Hit> {
    Some(Hit {
        label,
        first,
        last: first + len - 1,
    })
}

fn hedge_at(cx: &Ctx, i: usize) -> Option<Hit> {
    let w = cx.word(i)?;
    let w1 = cx.word(i + 1);
    let w2 = cx.word(i + 2);
    match (w, w1, w2) {
        ("maybe", ..) => span("maybe", i, 1),
        ("perhaps", ..) => span("perhaps", i, 1),
        ("probably", ..) => span("probably", i, 1),
        ("possibly", ..) => span("possibly", i, 1),
        ("somewhat", ..) => span("somewhat", i, 1),
        ("more", Some("or"), Some("less")) => span("more or less", i, 3),
        ("i'm", Some("not"), Some("sure")) => span("i'm not sure", i, 3),
        ("i", Some("think" | "guess" | "believe" | "suppose"), _) => {
            // "what I think", "I think about it" and "I think of" are not hedges.
            let about =
                matches!(w2, Some("about" | "of")) && cx.toks[i + 1].after == Boundary::None;
            let object_of = cx
                .joined_prev(i)
                .is_some_and(|p| matches!(p, "what" | "how"));
            if about || object_of || cx.toks[i + 1].question {
                return None;
            }
            let label = match w1 {
                Some("think") => "i think",
                Some("guess") => "i guess",
                Some("believe") => "i believe",
                _ => "i suppose",
            };
            span(label, i, 2)
        }
        ("i", Some("feel"), Some("like")) => span("i feel like", i, 3),
        // "like 20 people": an approximation, said to avoid committing to a number.
        ("like", ..)
            if cx.is_number(i + 1)
                && cx
                    .joined_prev(i)
                    .is_none_or(|p| !matches!(p, "i" | "we" | "they" | "you")) =>
        {
            span("like (approximately)", i, 1)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{fillers, tokens::tokenize};
    use super::*;
    use crate::domain::Word;

    fn hedges(text: &str) -> Vec<&'static str> {
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
        find(&toks, &f).into_iter().map(|h| h.label).collect()
    }

    #[test]
    fn hedges_in_context() {
        assert_eq!(hedges("I think the cache was the problem."), ["i think"]);
        assert_eq!(
            hedges("Maybe we could have probably shipped."),
            ["maybe", "probably"]
        );
        assert_eq!(
            hedges("I guess it worked, more or less."),
            ["i guess", "more or less"]
        );
        // Counted once, as a filler.
        assert!(hedges("It was sort of hard.").is_empty());
        assert_eq!(hedges("We had, like, 20 people."), ["like (approximately)"]);
        assert_eq!(hedges("I feel like we rushed it."), ["i feel like"]);
    }

    #[test]
    fn not_hedges() {
        assert!(hedges("I think about scaling every day.").is_empty());
        assert!(hedges("That is what I think.").is_empty());
        assert!(hedges("It was a kind of bug.").is_empty());
        assert!(hedges("We, sort of, rushed it.").is_empty());
        assert!(hedges("We measured it carefully.").is_empty());
    }
}
