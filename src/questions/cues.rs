//! Cue phrases and the text normalisation they are matched against.
//!
//! The card format promises that cues match "normalised text": lower case, punctuation removed,
//! whitespace collapsed, at word boundaries, with `word*` as the only wildcard. Answers arrive
//! both typed and transcribed, so the tokenizer keeps each word's character span in the original
//! text (findings point at exact words) and maps symbols a recogniser may spell out either way
//! ("40%" / "40 percent", "$5" / "5 dollars") onto the same words.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What separates a token from the next one in the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Break {
    /// Only whitespace (or nothing).
    None,
    /// A comma, colon, dash or similar clause mark.
    Clause,
    /// A full stop, question or exclamation mark, semicolon or a line break.
    Sentence,
}

/// One normalised word with its span in the original text, in characters (Unicode scalar values).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub norm: String,
    pub start: usize,
    pub end: usize,
    /// The punctuation between this token and the next.
    pub break_after: Break,
}

/// Splits text into normalised word tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens: Vec<Token> = Vec::new();
    let mut i = 0;
    let mark = |tokens: &mut Vec<Token>, b: Break| {
        if let Some(last) = tokens.last_mut() {
            last.break_after = last.break_after.max(b);
        }
    };
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphanumeric() {
            let start = i;
            let mut norm = String::new();
            while i < chars.len() {
                let c = chars[i];
                let next_is_alnum = chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
                let prev_is_digit = i > start && chars[i - 1].is_ascii_digit();
                let next_is_digit = chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
                if c.is_alphanumeric() {
                    norm.extend(c.to_lowercase());
                } else if is_apostrophe(c) && next_is_alnum {
                    // "didn't" and "didnt" are the same word once punctuation is removed.
                } else if c == ',' && prev_is_digit && next_is_digit {
                    // Thousands separator: "20,000" is one number.
                } else if c == '.' && prev_is_digit && next_is_digit {
                    norm.push('.');
                } else {
                    break;
                }
                i += 1;
            }
            tokens.push(Token {
                norm,
                start,
                end: i,
                break_after: Break::None,
            });
            continue;
        }
        let symbol_word = match c {
            '%' => Some("percent"),
            '$' => Some("dollars"),
            '€' => Some("euros"),
            '£' => Some("pounds"),
            '&' => Some("and"),
            _ => None,
        };
        if let Some(word) = symbol_word {
            tokens.push(Token {
                norm: word.to_string(),
                start: i,
                end: i + 1,
                break_after: Break::None,
            });
        } else {
            match c {
                '.' | '!' | '?' | ';' | '\n' | '…' => mark(&mut tokens, Break::Sentence),
                ',' | ':' | '—' | '–' | '(' | ')' => mark(&mut tokens, Break::Clause),
                _ => {}
            }
        }
        i += 1;
    }
    // "$5" is said "five dollars": put the currency after its number.
    for k in 0..tokens.len().saturating_sub(1) {
        let is_currency = matches!(tokens[k].norm.as_str(), "dollars" | "euros" | "pounds");
        if is_currency
            && tokens[k].end == tokens[k + 1].start
            && tokens[k + 1].norm.starts_with(|c: char| c.is_ascii_digit())
        {
            let (a, b) = tokens.split_at_mut(k + 1);
            std::mem::swap(&mut a[k].norm, &mut b[0].norm);
        }
    }
    tokens
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘')
}

/// Normalises a phrase the way answers are normalised: words joined by single spaces.
pub fn normalise(text: &str) -> String {
    tokenize(text)
        .into_iter()
        .map(|t| t.norm)
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum CueWord {
    Exact(String),
    Prefix(String),
}

/// A validated cue phrase. Serialised as the phrase the card author wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Cue {
    raw: String,
    words: Vec<CueWord>,
}

/// Why a cue phrase is not well-formed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CueError {
    #[error("cue is empty")]
    Empty,
    #[error("cue {0:?} must be lower case")]
    NotLowercase(String),
    #[error("cue {0:?} has leading, trailing or repeated spaces")]
    Spacing(String),
    #[error(
        "cue {cue:?} contains {ch:?}; cues are plain words, with `*` only at the end of a word"
    )]
    BadCharacter { cue: String, ch: char },
    #[error("cue {0:?}: a `*` prefix needs at least 3 letters before it")]
    ShortPrefix(String),
}

impl Cue {
    pub fn parse(raw: &str) -> Result<Cue, CueError> {
        if raw.trim().is_empty() {
            return Err(CueError::Empty);
        }
        if raw.trim() != raw || raw.contains("  ") {
            return Err(CueError::Spacing(raw.to_string()));
        }
        if raw.chars().any(|c| c.is_uppercase()) {
            return Err(CueError::NotLowercase(raw.to_string()));
        }
        let mut words = Vec::new();
        for part in raw.split(' ') {
            let (body, prefix) = match part.strip_suffix('*') {
                Some(body) => (body, true),
                None => (part, false),
            };
            if let Some(ch) = body
                .chars()
                .find(|&c| !(c.is_alphanumeric() || c == '-' || is_apostrophe(c)))
            {
                return Err(CueError::BadCharacter {
                    cue: raw.to_string(),
                    ch,
                });
            }
            let norms: Vec<String> = tokenize(body).into_iter().map(|t| t.norm).collect();
            if norms.is_empty() {
                return Err(CueError::BadCharacter {
                    cue: raw.to_string(),
                    ch: body.chars().next().unwrap_or('*'),
                });
            }
            let last = norms.len() - 1;
            for (k, norm) in norms.into_iter().enumerate() {
                if prefix && k == last {
                    if norm.chars().count() < 3 {
                        return Err(CueError::ShortPrefix(raw.to_string()));
                    }
                    words.push(CueWord::Prefix(norm));
                } else {
                    words.push(CueWord::Exact(norm));
                }
            }
        }
        Ok(Cue {
            raw: raw.to_string(),
            words,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.raw
    }

    /// How many tokens the cue covers when it starts at `tokens[i]`, if it matches there.
    ///
    /// An exact cue word also matches two adjacent tokens written together, because
    /// recognisers split compounds ("stake holder", "post mortem") unpredictably.
    pub fn match_at<S: AsRef<str>>(&self, tokens: &[S], i: usize) -> Option<usize> {
        let mut at = i;
        for word in &self.words {
            let tok = tokens.get(at)?.as_ref();
            match word {
                CueWord::Prefix(p) => {
                    if !tok.starts_with(p.as_str()) {
                        return None;
                    }
                    at += 1;
                }
                CueWord::Exact(w) => {
                    if tok == w {
                        at += 1;
                    } else if w.len() > tok.len()
                        && w.starts_with(tok)
                        && tokens.get(at + 1).is_some_and(|n| {
                            tok.len() >= 2 && n.as_ref().len() >= 2 && w[tok.len()..] == *n.as_ref()
                        })
                    {
                        at += 2;
                    } else {
                        return None;
                    }
                }
            }
        }
        Some(at - i)
    }

    /// Every non-overlapping match as (first token, token count).
    pub fn find_all<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            if let Some(len) = self.match_at(tokens, i) {
                found.push((i, len));
                i += len;
            } else {
                i += 1;
            }
        }
        found
    }
}

impl TryFrom<String> for Cue {
    type Error = CueError;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Cue::parse(&raw)
    }
}

impl From<Cue> for String {
    fn from(cue: Cue) -> String {
        cue.raw
    }
}

impl fmt::Display for Cue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.norm).collect()
    }

    #[test]
    fn tokenizer_normalises_symbols_and_keeps_spans() {
        assert_eq!(
            norms("We cut costs by 40% and saved $20,000 — it didn't slip."),
            [
                "we", "cut", "costs", "by", "40", "percent", "and", "saved", "20000", "dollars",
                "it", "didnt", "slip"
            ]
        );
        let text = "Café’s owner said: “follow-up”.";
        let toks = tokenize(text);
        let chars: Vec<char> = text.chars().collect();
        let quote: String = chars[toks[0].start..toks[0].end].iter().collect();
        assert_eq!(quote, "Café’s");
        assert_eq!(toks[0].norm, "cafés");
        assert_eq!(toks[2].break_after, Break::Clause);
        assert_eq!(toks.last().unwrap().break_after, Break::Sentence);
        assert_eq!(norms("1.5 days. Then"), ["1.5", "days", "then"]);
    }

    #[test]
    fn cues_match_words_prefixes_and_split_compounds() {
        let cue = Cue::parse("i communicat* with the stakeholder").unwrap();
        let toks = norms("so I communicated with the stake holder about it");
        assert_eq!(cue.find_all(&toks), vec![(1, 6)]);
        let cue = Cue::parse("didn't").unwrap();
        assert_eq!(cue.find_all(&norms("they didnt reply")), vec![(1, 1)]);
        assert!(Cue::parse("fault")
            .unwrap()
            .find_all(&norms("default"))
            .is_empty());
    }

    #[test]
    fn malformed_cues_are_rejected_with_the_reason() {
        assert_eq!(Cue::parse(""), Err(CueError::Empty));
        assert!(matches!(
            Cue::parse("My fault"),
            Err(CueError::NotLowercase(_))
        ));
        assert!(matches!(Cue::parse(" my fault"), Err(CueError::Spacing(_))));
        assert!(matches!(Cue::parse("my  fault"), Err(CueError::Spacing(_))));
        assert!(matches!(
            Cue::parse("fault|blame"),
            Err(CueError::BadCharacter { ch: '|', .. })
        ));
        assert!(matches!(
            Cue::parse("comm*unicate"),
            Err(CueError::BadCharacter { ch: '*', .. })
        ));
        assert!(matches!(Cue::parse("i*"), Err(CueError::ShortPrefix(_))));
        assert!(Cue::parse("follow-up").is_ok());
    }
}
