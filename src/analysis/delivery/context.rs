//! Small predicates over a token's neighbourhood, shared by the filler, hedge and repetition
//! rules. They stand in for a parser: punctuation and silence mark where clauses begin and end.

use super::tokens::{Boundary, Token};

pub(crate) const SUBJECTS: &[&str] = &[
    "i", "you", "we", "they", "he", "she", "people", "everyone", "who", "i'd", "we'd", "you'd",
    "they'd", "i'll", "we'll",
];
pub(crate) const AUXILIARIES: &[&str] = &[
    "do", "does", "did", "don't", "doesn't", "didn't", "would", "wouldn't", "will", "won't", "to",
    "might", "may", "could", "should", "can", "can't", "i'd", "we'd", "you'd", "they'd",
];
pub(crate) const DETERMINERS: &[&str] = &[
    "a",
    "an",
    "the",
    "this",
    "that",
    "these",
    "those",
    "what",
    "which",
    "some",
    "any",
    "no",
    "one",
    "every",
    "each",
    "all",
    "my",
    "our",
    "your",
    "his",
    "her",
    "their",
    "its",
    "same",
    "different",
    "other",
    "another",
    "many",
    "whatever",
    "what's",
    "new",
    "right",
    "wrong",
];
pub(crate) const CONJUNCTIONS: &[&str] = &["and", "but", "or", "because", "then", "cause"];
pub(crate) const INTENSIFIERS: &[&str] = &[
    "really",
    "so",
    "totally",
    "super",
    "very",
    "just",
    "literally",
    "basically",
    "completely",
    "crazy",
    "insanely",
    "way",
    "pretty",
    "honestly",
    "seriously",
    "everywhere",
];
pub(crate) const BE_FORMS: &[&str] = &[
    "is", "was", "were", "are", "be", "been", "being", "it's", "that's", "i'm", "we're", "they're",
    "he's", "she's",
];

/// Discourse markers that may stack with a filler ("so like", "okay so") without a comma.
pub(crate) const MARKERS: &[&str] = &[
    "so",
    "like",
    "well",
    "okay",
    "ok",
    "right",
    "basically",
    "actually",
    "yeah",
];

pub(crate) struct Ctx<'a> {
    pub toks: &'a [Token],
}

impl<'a> Ctx<'a> {
    pub fn new(toks: &'a [Token]) -> Self {
        Self { toks }
    }

    pub fn word(&self, i: usize) -> Option<&str> {
        self.toks.get(i).map(|t| t.norm.as_str())
    }

    /// The word before `i`, when nothing (punctuation or silence) separates them.
    pub fn joined_prev(&self, i: usize) -> Option<&str> {
        let p = i.checked_sub(1)?;
        (self.toks[p].after == Boundary::None && !self.toks[p].filled_pause)
            .then_some(self.toks[p].norm.as_str())
    }

    /// The word after `i`, when nothing separates them.
    pub fn joined_next(&self, i: usize) -> Option<&str> {
        let t = self.toks.get(i + 1)?;
        (self.toks[i].after == Boundary::None && !t.filled_pause).then_some(t.norm.as_str())
    }

    /// A clause may start at `i`: the answer's start, after punctuation or silence, after a
    /// filled pause, or after a conjunction or marker that itself starts a clause.
    pub fn opens(&self, i: usize) -> bool {
        if i == 0 {
            return true;
        }
        let p = &self.toks[i - 1];
        if p.after != Boundary::None || p.filled_pause {
            return true;
        }
        (CONJUNCTIONS.contains(&p.norm.as_str()) || MARKERS.contains(&p.norm.as_str()))
            && self.opens(i - 1)
    }

    /// Something breaks off after `i`: punctuation, silence, a filled pause or the end.
    pub fn closes(&self, i: usize) -> bool {
        match self.toks.get(i) {
            None => true,
            Some(t) if t.after != Boundary::None => true,
            Some(_) => self.toks.get(i + 1).is_none_or(|n| n.filled_pause),
        }
    }

    /// A quantity starts at `i`: "20 people", "three weeks", "a hundred", "a couple".
    pub fn is_number(&self, i: usize) -> bool {
        let numeric = |w: &str| {
            w.chars().next().is_some_and(|c| c.is_ascii_digit()) || NUMBER_WORDS.contains(&w)
        };
        match self.word(i) {
            Some("a" | "an") => self.word(i + 1).is_some_and(numeric),
            Some(w) => numeric(w),
            None => false,
        }
    }
}

const NUMBER_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "fifteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "half",
    "dozen",
    "dozens",
    "couple",
];
