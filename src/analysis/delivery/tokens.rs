//! The transcript as tokens for the context rules: normalised words with their times and the
//! boundaries (punctuation or silence) around them.

use crate::domain::{is_filled_pause, Word};

/// What separates a token from the next one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Boundary {
    None,
    /// Comma, semicolon, colon, dash, or a silent gap where the recogniser wrote no comma.
    Clause,
    /// Full stop, question or exclamation mark.
    Sentence,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token {
    /// Lower-case letters, digits and apostrophes only ("Don’t," → "don't").
    pub norm: String,
    pub start_s: f64,
    pub end_s: f64,
    pub after: Boundary,
    /// The boundary written after the token (punctuation only, silence ignored).
    pub punct: Boundary,
    /// Ends with a question mark: tag questions ("…, right?").
    pub question: bool,
    /// The word was cut off ("th-", "we—").
    pub cut_off: bool,
    /// um, uh, er, ah, hmm, mm (by spelling or flagged by the recogniser).
    pub filled_pause: bool,
    /// Words as spoken: "62%" is two ("sixty-two percent"), "," is none.
    pub spoken: u32,
}

pub(crate) fn tokenize(words: &[Word], boundary_gap_s: f64) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(words.len());
    for w in words {
        let raw = w.text.trim();
        let trailing: String = raw
            .chars()
            .rev()
            .take_while(|c| !c.is_alphanumeric())
            .collect();
        let norm = normalise(raw);
        if norm.is_empty() {
            // Bare punctuation ("," or "—") belongs to the previous token's boundary.
            if let Some(prev) = out.last_mut() {
                prev.after = prev.after.max(boundary_of(&trailing));
                prev.punct = prev.punct.max(boundary_of(&trailing));
                prev.question |= trailing.contains('?');
            }
            continue;
        }
        if let Some(prev) = out.last_mut() {
            if prev.after == Boundary::None && w.start_s - prev.end_s >= boundary_gap_s {
                prev.after = Boundary::Clause;
            }
        }
        let filled_pause = w.filler || is_filled_pause(&norm);
        // Keep starts in order (a recogniser glitch can put a word before its predecessor):
        // later lookups search by time.
        let start_s = out.last().map_or(w.start_s, |p| w.start_s.max(p.start_s));
        out.push(Token {
            spoken: spoken_words(raw),
            cut_off: raw.ends_with(['-', '—']),
            after: boundary_of(&trailing),
            punct: boundary_of(&trailing),
            question: trailing.contains('?'),
            filled_pause,
            start_s,
            end_s: w.end_s.max(start_s),
            norm,
        });
    }
    out
}

fn boundary_of(trailing: &str) -> Boundary {
    if trailing.contains(['.', '?', '!']) {
        Boundary::Sentence
    } else if trailing.contains([',', ';', ':', '—', '–']) || trailing.ends_with('-') {
        Boundary::Clause
    } else {
        Boundary::None
    }
}

pub(crate) fn normalise(word: &str) -> String {
    word.chars()
        .map(|c| if c == '’' || c == '‘' { '\'' } else { c })
        .filter(|c| c.is_alphanumeric() || *c == '\'')
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .trim_matches('\'')
        .to_string()
}

/// How many words a written token takes to say. Numbers and symbols are read out: "62%" is
/// "sixty-two percent" (two words, a hyphenated number being one), "$5" "five dollars",
/// "2019" "twenty nineteen", "3.5" "three point five". Plain words are one, punctuation none.
pub fn spoken_words(token: &str) -> u32 {
    let t = token.trim();
    if !t.chars().any(|c| c.is_alphanumeric()) {
        return u32::from(t.contains('&'));
    }
    if !t.chars().any(|c| c.is_ascii_digit()) {
        // "state-of-the-art" is written as one token and said as four words; "e-mail" is one.
        let parts = t
            .split(['-', '/'])
            .filter(|p| p.chars().filter(|c| c.is_alphabetic()).count() > 1)
            .count() as u32;
        return parts.max(1);
    }
    let mut words = 0;
    let mut rest = t;
    let symbol_words = |c: char| match c {
        '%' | '$' | '£' | '€' | '+' | '&' | '#' | '@' => 1,
        _ => 0,
    };
    words += rest.chars().map(symbol_words).sum::<u32>();
    // Suffixes read as words: 10k, 5M, 3x, 1st, 2nd, 1990s, 4am.
    let digits_end = rest
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_ascii_digit())
        .map(|(i, _)| i + 1)
        .unwrap_or(0);
    let suffix: String = rest[digits_end..]
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    let ordinal = matches!(suffix.as_str(), "st" | "nd" | "rd" | "th" | "s");
    if !suffix.is_empty() && !ordinal {
        words += 1;
    }
    rest = &rest[..digits_end];
    let number: String = rest
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .filter(|c| c.is_ascii_digit() || *c == '.' || *c == ',' || *c == '-' || *c == ':')
        .collect();
    // Ranges and times ("2-3", "10:30") are two numbers.
    for part in number.split(['-', ':']).filter(|p| !p.is_empty()) {
        words += number_words(part);
    }
    words.max(1)
}

fn number_words(num: &str) -> u32 {
    let (int, frac) = match num.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (num, None),
    };
    let digits: String = int.chars().filter(|c| c.is_ascii_digit()).collect();
    let mut words = match digits.parse::<u64>() {
        Ok(n) if !int.contains(',') && (1100..2100).contains(&n) && n % 100 != 0 => {
            // Years are read in pairs: "twenty nineteen", "nineteen oh five" (three).
            if n % 100 < 10 && n >= 2000 {
                integer_words(n) // "two thousand five"
            } else if n % 100 < 10 {
                3
            } else {
                2
            }
        }
        Ok(n) => integer_words(n),
        // Too long to be read as a number: read digit by digit.
        Err(_) => digits.len() as u32,
    };
    if let Some(f) = frac {
        words += 1 + f.chars().filter(|c| c.is_ascii_digit()).count() as u32; // "point five"
    }
    words
}

/// Words in the English reading of `n`, a hyphenated tens-unit ("sixty-two") counting as one.
fn integer_words(n: u64) -> u32 {
    fn below_thousand(n: u64) -> u32 {
        let (h, r) = (n / 100, n % 100);
        u32::from(h > 0) * 2 + u32::from(r > 0)
    }
    if n == 0 {
        return 1;
    }
    let mut words = 0;
    let mut n = n;
    let mut group = 0;
    while n > 0 {
        let chunk = n % 1000;
        if chunk > 0 {
            words += below_thousand(chunk) + u32::from(group > 0);
        }
        n /= 1000;
        group += 1;
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(text: &str, start: f64, end: f64) -> Word {
        Word {
            text: text.into(),
            start_s: start,
            end_s: end,
            probability: 1.0,
            filler: false,
        }
    }

    #[test]
    fn numbers_and_symbols_count_as_spoken() {
        for (t, n) in [
            ("62%", 2),
            ("Python,", 1),
            ("—", 0),
            (",", 0),
            ("$5", 2),
            ("2019", 2),
            ("2005", 3),
            ("2000", 2),
            ("1,500", 4),
            ("3.5", 3),
            ("10k", 2),
            ("1st", 1),
            ("1990s", 2),
            ("100", 2),
            ("42", 1),
            ("2-3", 2),
            ("state-of-the-art", 4),
            ("e-mail", 1),
            ("&", 1),
            ("don't", 1),
        ] {
            assert_eq!(spoken_words(t), n, "{t}");
        }
    }

    #[test]
    fn boundaries_come_from_punctuation_and_silence() {
        let toks = tokenize(
            &[
                w(" So,", 0.0, 0.2),
                w(" um", 0.3, 0.5),
                w(" we", 0.6, 0.7),
                w(" shipped", 1.5, 1.9),
                w(" it", 1.9, 2.0),
                w(".", 2.0, 2.0),
                w(" Right?", 2.5, 2.8),
            ],
            0.4,
        );
        let norms: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(norms, ["so", "um", "we", "shipped", "it", "right"]);
        assert_eq!(toks[0].after, Boundary::Clause);
        assert_eq!(toks[1].after, Boundary::None);
        assert!(toks[1].filled_pause);
        assert_eq!(toks[2].after, Boundary::Clause, "0.8 s gap");
        assert_eq!(toks[2].punct, Boundary::None, "no comma was written");
        assert_eq!(toks[4].after, Boundary::Sentence, "bare full stop");
        assert!(toks[5].question);
        assert_eq!(normalise("Don’t,"), "don't");
    }
}
