//! Turning an answer into sentences of content words, typed or transcribed.
//!
//! Transcripts often lack punctuation, so sentences are also cut before clause starters
//! ("and then", "so", "as a result", "i learned") once the current sentence has enough words,
//! and at silent pauses when word times are known. Typed answers go through the same cuts, so
//! a typed answer and its transcript split alike and score alike.

use super::evidence::Phrases;
use super::verbs;
use crate::domain::{is_filled_pause, Word};
use crate::questions::cues::{tokenize, Break, Token};
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// A silence at least this long between words ends a sentence.
const PAUSE_BREAK_S: f64 = 0.7;
/// A clause starter only cuts a sentence that already has this many words.
const MIN_WORDS_BEFORE_STARTER: usize = 5;
/// A subject + past-tense verb only cuts a sentence that already has this many words.
const MIN_WORDS_BEFORE_CLAUSE: usize = 6;
/// Cut unpunctuated run-ons at the next "and"/"but" + subject after this many words.
const LONG_SENTENCE: usize = 28;

/// The answer after normalisation: content words (fillers dropped), their spans, and sentences.
#[derive(Debug, Clone)]
pub struct Answer {
    /// Normalised content words.
    pub words: Vec<String>,
    /// Character span of each content word in the original text.
    pub spans: Vec<(usize, usize)>,
    /// Time of each content word when word times were given and aligned.
    pub times: Vec<Option<(f64, f64)>>,
    /// The punctuation after each content word.
    pub breaks: Vec<Break>,
    pub sentences: Vec<Sentence>,
    /// The original text's characters, to quote exact words.
    chars: Vec<char>,
}

/// A run of content words `[first, last_word)` with its place in the original text.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Sentence {
    pub index: usize,
    #[serde(skip)]
    pub first: usize,
    #[serde(skip)]
    pub last_word: usize,
    /// The original text of the sentence (fillers included), characters `[start, end)`.
    pub text: String,
    pub start: usize,
    pub end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_s: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_s: Option<f64>,
}

impl Answer {
    pub fn parse(text: &str, words: Option<&[Word]>) -> Answer {
        let chars: Vec<char> = text.chars().collect();
        let tokens = tokenize(text);
        let filler = filler_mask(&tokens);
        let all_times = words.map(|w| align_times(&tokens, w));
        let mut answer = Answer {
            words: Vec::new(),
            spans: Vec::new(),
            times: Vec::new(),
            breaks: Vec::new(),
            sentences: Vec::new(),
            chars,
        };
        for (k, tok) in tokens.iter().enumerate() {
            if filler[k] {
                // A break after a dropped filler still separates the words around it.
                if let Some(last) = answer.breaks.last_mut() {
                    *last = (*last).max(tok.break_after);
                }
                continue;
            }
            answer.words.push(tok.norm.clone());
            answer.spans.push((tok.start, tok.end));
            answer.times.push(all_times.as_ref().and_then(|t| t[k]));
            answer.breaks.push(tok.break_after);
        }
        answer.split();
        answer
    }

    pub fn word_count(&self) -> usize {
        self.words.len()
    }

    /// The original characters `[start, end)`.
    pub fn quote(&self, start: usize, end: usize) -> String {
        self.chars[start.min(self.chars.len())..end.min(self.chars.len())]
            .iter()
            .collect()
    }

    /// Char span of content words `[first, end)`.
    pub fn span_of(&self, first: usize, end: usize) -> (usize, usize) {
        (self.spans[first].0, self.spans[end - 1].1)
    }

    /// The sentence holding content word `w`.
    pub fn sentence_of(&self, w: usize) -> usize {
        self.sentences
            .iter()
            .position(|s| w < s.last_word)
            .unwrap_or(self.sentences.len().saturating_sub(1))
    }

    pub fn sentence_words(&self, s: &Sentence) -> &[String] {
        &self.words[s.first..s.last_word]
    }

    /// The first content word of the clause holding word `w` (after the last comma or stop).
    pub fn clause_start(&self, w: usize) -> usize {
        (0..w)
            .rev()
            .find(|&k| self.breaks[k] >= Break::Clause)
            .map_or(0, |k| k + 1)
    }

    fn split(&mut self) {
        let breaks = &self.breaks;
        let n = self.words.len();
        let mut cuts = vec![false; n];
        let mut since = 0;
        for i in 0..n {
            if i > 0 {
                let pause = match (self.times[i - 1], self.times[i]) {
                    (Some((_, prev_end)), Some((start, _))) => start - prev_end >= PAUSE_BREAK_S,
                    _ => false,
                };
                let starter = starter_len(&self.words, i).is_some();
                let long_join = since >= LONG_SENTENCE && joins_clause(&self.words, i);
                // Unpunctuated speech: "…his own fault i told him…" starts a new clause.
                let new_clause =
                    since >= MIN_WORDS_BEFORE_CLAUSE && verbs::clause_starts_at(&self.words, i);
                let punct = breaks[i - 1] == Break::Sentence;
                let clause_mark = breaks[i - 1] == Break::Clause;
                let cut = punct
                    || (pause && since >= 3)
                    || (starter && since >= MIN_WORDS_BEFORE_STARTER)
                    || (starter && clause_mark && since >= 3)
                    || new_clause
                    || long_join;
                if cut {
                    // "…, and since then" starts at "and", not after it.
                    let conj = matches!(self.words[i - 1].as_str(), "and" | "but" | "so");
                    if !punct && conj && since > 3 && breaks[i - 1] == Break::None {
                        cuts[i - 1] = true;
                        since = 1;
                    } else {
                        cuts[i] = true;
                        since = 0;
                    }
                }
            }
            since += 1;
        }
        let mut starts: Vec<usize> = (0..n).filter(|&i| i == 0 || cuts[i]).collect();
        starts.push(n);
        for w in starts.windows(2) {
            if w[1] > w[0] {
                self.push_sentence(w[0], w[1]);
            }
        }
    }

    fn push_sentence(&mut self, first: usize, last_word: usize) {
        let (start, end) = self.span_of(first, last_word);
        let start_s = self.times[first..last_word]
            .iter()
            .flatten()
            .map(|t| t.0)
            .next();
        let end_s = self.times[first..last_word]
            .iter()
            .flatten()
            .map(|t| t.1)
            .next_back();
        self.sentences.push(Sentence {
            index: self.sentences.len(),
            first,
            last_word,
            text: self.quote(start, end),
            start,
            end,
            start_s,
            end_s,
        });
    }
}

/// Phrases that open a new clause of a story. Longest first so "and then" wins over "and".
static STARTERS: LazyLock<Phrases> = LazyLock::new(|| {
    Phrases::new(
        "\
        and as a result | as a result | because of that | because of this | after that | \
        and then | and so | in the end | at the end | by the end | in hindsight | looking back | \
        since then | ever since | from then on | going forward | what i learned | the lesson | \
        my lesson | the result | the outcome | that taught | this taught | that experience | \
        this experience | i learned | i learnt | my task | my job | my role | my goal | \
        the goal | the problem | the challenge | the issue | at that point | at the time | \
        first i | first we | then i | then we | next i | finally | eventually | ultimately | \
        afterwards | so i | so we | so the | so that meant | but i | but we | however | when i | \
        once i | i decided | i realized | i realised",
    )
});

/// The length of the clause starter at word `i`, if one begins there.
pub fn starter_len(words: &[String], i: usize) -> Option<usize> {
    STARTERS.longest_at(words, i)
}

/// "and i", "but we", "and the": where a long run-on can be cut.
fn joins_clause(words: &[String], i: usize) -> bool {
    matches!(words[i].as_str(), "and" | "but" | "which" | "so")
        && words.get(i + 1).is_some_and(|w| {
            matches!(
                w.as_str(),
                "i" | "we" | "they" | "the" | "it" | "that" | "this" | "he" | "she" | "my" | "our"
            )
        })
}

/// Marks tokens that carry no content: filled pauses, discourse fillers and stutters.
fn filler_mask(tokens: &[Token]) -> Vec<bool> {
    let w = |k: usize| tokens.get(k).map_or("", |t| t.norm.as_str());
    let mut mask = vec![false; tokens.len()];
    for k in 0..tokens.len() {
        let prev = if k > 0 { w(k - 1) } else { "" };
        let next = w(k + 1);
        let word = w(k);
        mask[k] = if is_filled_pause(word) {
            true
        } else if word == "you" && next == "know" {
            // "you know what I did" is content; a bare "you know" is a filler.
            !matches!(
                w(k + 2),
                "what" | "how" | "that" | "why" | "when" | "where" | "who" | "if"
            ) && !matches!(
                prev,
                "do" | "did" | "if" | "as" | "dont" | "didnt" | "would"
            )
        } else if word == "know" && prev == "you" && k > 0 && mask[k - 1] {
            true
        } else if word == "like" {
            matches!(
                prev,
                "" | "and"
                    | "so"
                    | "but"
                    | "was"
                    | "is"
                    | "were"
                    | "its"
                    | "just"
                    | "like"
                    | "um"
                    | "uh"
                    | "im"
                    | "thats"
            ) && !matches!(next, "to" | "a" | "an" | "the" | "this" | "that" | "it")
        } else if k > 0 && word == prev {
            // Stutters ("i i", "the the") are speech, not content.
            matches!(
                word,
                "i" | "the" | "a" | "we" | "and" | "to" | "it" | "so" | "that" | "my" | "of"
            )
        } else {
            false
        };
    }
    mask
}

/// Gives each text token the time of the recogniser word it came from.
///
/// Word texts are tokenized the same way and walked in step with the text; a token that does
/// not match within a short look-ahead (the text was edited, or a word split differently) stays
/// untimed rather than shifting every later time.
fn align_times(tokens: &[Token], words: &[Word]) -> Vec<Option<(f64, f64)>> {
    let timed: Vec<(String, f64, f64)> = words
        .iter()
        .flat_map(|w| {
            tokenize(&w.text)
                .into_iter()
                .map(move |t| (t.norm, w.start_s, w.end_s))
        })
        .collect();
    let mut out = vec![None; tokens.len()];
    let mut j = 0;
    for (k, tok) in tokens.iter().enumerate() {
        if let Some(off) = timed[j.min(timed.len())..]
            .iter()
            .take(4)
            .position(|(t, _, _)| *t == tok.norm)
        {
            let (_, s, e) = &timed[j + off];
            out[k] = Some((*s, *e));
            j += off + 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(a: &Answer) -> Vec<String> {
        a.sentences.iter().map(|s| s.text.clone()).collect()
    }

    #[test]
    fn punctuation_and_starters_split_alike() {
        let typed = Answer::parse(
            "I was leading a migration. I missed a mapping bug and then I told the client within an hour. As a result we launched a day late.",
            None,
        );
        let spoken = Answer::parse(
            "um i was leading a migration i i missed a mapping bug and then i told the client you know within an hour as a result we launched a day late",
            None,
        );
        assert_eq!(typed.sentences.len(), 4, "{:?}", texts(&typed));
        assert_eq!(
            typed.sentences[2].text,
            "and then I told the client within an hour"
        );
        assert_eq!(
            spoken.words,
            typed
                .words
                .iter()
                .map(|w| w.to_string())
                .collect::<Vec<_>>()
        );
        // Without punctuation the first two sentences run together; the rest split the same.
        assert_eq!(spoken.sentences.len(), 3, "{:?}", texts(&spoken));
        assert_eq!(
            spoken.sentences[1].text,
            "and then i told the client you know within an hour"
        );
    }

    #[test]
    fn pauses_split_when_word_times_are_given() {
        let text = "i was leading a migration i missed a mapping bug";
        let words: Vec<Word> = text
            .split(' ')
            .enumerate()
            .map(|(k, w)| {
                let gap = if k >= 5 { 1.0 } else { 0.0 };
                Word {
                    text: w.to_string(),
                    start_s: k as f64 * 0.3 + gap,
                    end_s: k as f64 * 0.3 + 0.25 + gap,
                    probability: 1.0,
                    filler: false,
                }
            })
            .collect();
        let a = Answer::parse(text, Some(&words));
        assert_eq!(
            texts(&a),
            ["i was leading a migration", "i missed a mapping bug"]
        );
        assert_eq!(a.sentences[1].start_s, Some(2.5));
        assert_eq!(Answer::parse(text, None).sentences.len(), 1);
    }

    #[test]
    fn fillers_are_dropped_but_content_uses_of_the_words_stay() {
        let a = Answer::parse(
            "Like, I'd like to, um, you know what I did? I was like so tired",
            None,
        );
        assert_eq!(
            a.words,
            ["id", "like", "to", "you", "know", "what", "i", "did", "i", "was", "so", "tired"]
        );
    }
}
