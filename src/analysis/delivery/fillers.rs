//! Fillers in the transcript, decided in context: "I like Python", "a kind of bug" and
//! "so that we could" are not fillers; "So, um," opening a clause is two.

use super::context::{Ctx, AUXILIARIES, BE_FORMS, DETERMINERS, INTENSIFIERS, SUBJECTS};
use super::tokens::{Boundary, Token};

/// A run of tokens `first..=last` the rules matched, with its label ("um", "you know", …).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Hit {
    pub label: &'static str,
    pub first: usize,
    pub last: usize,
}

/// The canonical spelling of a filled pause: "Ummm," → "um", "hm" → "hmm", "erm" → "er".
pub(crate) fn filled_pause_label(norm: &str) -> &'static str {
    let mut collapsed = String::new();
    for c in norm.chars().filter(|c| c.is_alphabetic()) {
        if !collapsed.ends_with(c) {
            collapsed.push(c);
        }
    }
    match collapsed.as_str() {
        "um" | "uhm" => "um",
        "er" | "erm" => "er",
        "ah" => "ah",
        "hm" | "hmm" => "hmm",
        "m" | "mhm" => "mm",
        // "eh" and anything the recogniser flagged are the neutral hesitation vowel.
        _ => "uh",
    }
}

/// Every filler in the transcript, in order. Multi-word fillers are one hit.
pub(crate) fn find(toks: &[Token]) -> Vec<Hit> {
    let cx = Ctx::new(toks);
    let mut hits = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let hit = if toks[i].filled_pause {
            Some(Hit {
                label: filled_pause_label(&toks[i].norm),
                first: i,
                last: i,
            })
        } else {
            discourse(&cx, i, &hits)
        };
        match hit {
            Some(h) => {
                i = h.last + 1;
                hits.push(h);
            }
            None => i += 1,
        }
    }
    hits
}

/// The user's own filler phrases wherever they occur, as (phrase, first, last) token runs that
/// do not overlap a built-in filler. Phrases are matched on normalised words.
pub(crate) fn find_phrases(
    toks: &[Token],
    phrases: &[String],
    taken: &[Hit],
) -> Vec<(String, usize, usize)> {
    let overlaps = |a: usize, b: usize| taken.iter().any(|h| h.first <= b && a <= h.last);
    let mut out: Vec<(String, usize, usize)> = Vec::new();
    for phrase in phrases {
        let words: Vec<String> = phrase
            .split_whitespace()
            .map(|w| {
                w.chars()
                    .filter(|c| c.is_alphanumeric() || *c == '\'')
                    .flat_map(char::to_lowercase)
                    .collect::<String>()
            })
            .filter(|w| !w.is_empty())
            .collect();
        if words.is_empty() || words.len() > toks.len() {
            continue;
        }
        let label = words.join(" ");
        for first in 0..=toks.len() - words.len() {
            let last = first + words.len() - 1;
            let matches = words
                .iter()
                .zip(&toks[first..=last])
                .all(|(w, t)| *w == t.norm);
            let clashes =
                overlaps(first, last) || out.iter().any(|(_, a, b)| *a <= last && first <= *b);
            if matches && !clashes {
                out.push((label.clone(), first, last));
            }
        }
    }
    out
}

fn one(label: &'static str, i: usize) -> Option<Hit> {
    Some(Hit {
        label,
        first: i,
        last: i,
    })
}

/// Whether the hit just before `i` is a filler that ends right before it ("um like").
fn follows_filler(prior: &[Hit], i: usize) -> bool {
    prior.last().is_some_and(|h| h.last + 1 == i)
}

fn discourse(cx: &Ctx, i: usize, prior: &[Hit]) -> Option<Hit> {
    let w = cx.word(i)?;
    let next = cx.word(i + 1);
    let opens = cx.opens(i) || follows_filler(prior, i);
    match (w, next) {
        ("you", Some("know")) => you_know(cx, i, opens),
        ("i", Some("mean")) => i_mean(cx, i, opens),
        ("kind" | "sort", Some("of")) => kind_of_is_adverb(cx, i).then(|| Hit {
            label: if w == "kind" { "kind of" } else { "sort of" },
            first: i,
            last: i + 1,
        }),
        ("kinda" | "sorta", _) => kind_of_is_adverb(cx, i)
            .then(|| one(if w == "kinda" { "kind of" } else { "sort of" }, i))
            .flatten(),
        ("like", _) => like(cx, i, opens, prior).then(|| one("like", i)).flatten(),
        ("basically", _) => one("basically", i),
        ("literally", _) => one("literally", i),
        ("actually", _) => (opens || cx.closes(i))
            .then(|| one("actually", i))
            .flatten(),
        ("so", _) => so(cx, i, opens).then(|| one("so", i)).flatten(),
        ("right", _) => marker(cx, i, opens).then(|| one("right", i)).flatten(),
        ("okay" | "ok", _) => marker(cx, i, opens).then(|| one("okay", i)).flatten(),
        _ => None,
    }
}

/// "you know" is a filler when set off ("…, you know, …", "You know, …", "…, you know.") and
/// not a question or a verb with an object ("do you know the answer", "you know how").
fn you_know(cx: &Ctx, i: usize, opens: bool) -> Option<Hit> {
    const ASKING: &[&str] = &[
        "do", "did", "does", "don't", "didn't", "if", "whether", "as", "what", "how", "when",
        "would", "could", "that", "where", "why", "who", "let",
    ];
    if cx.joined_prev(i).is_some_and(|p| ASKING.contains(&p)) || cx.toks[i + 1].question {
        return None;
    }
    let set_off_after = cx.closes(i + 1) || cx.joined_next(i + 1) == Some("like");
    // "You know we had no plan" opening a sentence: in an answer that is the filler, the
    // recogniser having left out the comma.
    let sentence_start = i == 0 || cx.toks[i - 1].punct == Boundary::Sentence;
    let subject_next = cx.joined_next(i + 1).is_some_and(|n| {
        matches!(
            n,
            "i" | "we" | "they" | "he" | "she" | "it" | "it's" | "there"
        )
    });
    (opens && (set_off_after || (sentence_start && subject_next))).then_some(Hit {
        label: "you know",
        first: i,
        last: i + 1,
    })
}

/// "I mean" is a filler when it opens a clause and is set off or followed by a new subject
/// ("I mean, we…", "I mean we shipped"); not in "what I mean is" or "I mean it".
fn i_mean(cx: &Ctx, i: usize, opens: bool) -> Option<Hit> {
    const NEW_SUBJECT: &[&str] = &[
        "i", "we", "they", "he", "she", "you", "there", "the", "that's", "it's", "it", "this",
    ];
    if !opens {
        return None;
    }
    let filler = cx.closes(i + 1)
        || cx.joined_next(i + 1).is_some_and(|n| {
            // "I mean it." is sincere; "I mean it was fine" restarts the thought.
            NEW_SUBJECT.contains(&n) && !(n == "it" && cx.closes(i + 2))
        });
    filler.then_some(Hit {
        label: "i mean",
        first: i,
        last: i + 1,
    })
}

/// "kind of" after a determiner names a type ("a kind of bug", "what sort of team"); anywhere
/// else it is the vague adverb ("we kind of rushed it"), a filler by issue 3's list. It hedges
/// too, but is counted once, here.
fn kind_of_is_adverb(cx: &Ctx, i: usize) -> bool {
    !cx.joined_prev(i).is_some_and(|p| DETERMINERS.contains(&p))
}

fn like(cx: &Ctx, i: usize, opens: bool, prior: &[Hit]) -> bool {
    const COMPARING: &[&str] = &[
        "look",
        "looks",
        "looked",
        "looking",
        "seem",
        "seems",
        "seemed",
        "sound",
        "sounds",
        "sounded",
        "feel",
        "feels",
        "felt",
        "something",
        "anything",
        "nothing",
        "just",
        "more",
        "much",
        "things",
        "stuff",
        "exactly",
        "is",
        "was",
        "be",
        "lot",
        "little",
        "not",
        "nobody",
        "someone",
        "tastes",
        "acts",
        "act",
        "smells",
    ];
    const AS_SAID: &[&str] = &["said", "say", "mentioned", "told", "wrote"];
    let prev = cx.joined_prev(i);
    let next = cx.joined_next(i);
    let verb = prev.is_some_and(|p| {
        SUBJECTS.contains(&p)
            || AUXILIARIES.contains(&p)
            || (matches!(p, "really" | "also" | "still" | "actually" | "always")
                && i >= 2
                && SUBJECTS.contains(&cx.toks[i - 2].norm.as_str()))
    });
    // "Like I said" means "as I said".
    let as_said = opens
        && next.is_some_and(|n| SUBJECTS.contains(&n))
        && cx.word(i + 2).is_some_and(|w| AS_SAID.contains(&w));
    if verb || as_said || cx.is_number(i + 1) {
        return false;
    }
    let set_off_after = cx.closes(i);
    let intensifier_next = next.is_some_and(|n| INTENSIFIERS.contains(&n));
    if follows_filler(prior, i) || (opens && (set_off_after || intensifier_next)) {
        return true;
    }
    if prev.is_some_and(|p| COMPARING.contains(&p)) && !set_off_after && !intensifier_next {
        return false;
    }
    // "he was like, no" and "it was like really hard": the quotative and the hedging "like".
    (set_off_after && prev.is_some_and(|p| BE_FORMS.contains(&p))) || intensifier_next
}

/// "so" opening a clause and set off ("So, um, …"), or opening the whole answer; not the
/// connective in "so that" or the intensifier in "so much".
fn so(cx: &Ctx, i: usize, opens: bool) -> bool {
    const NOT_MARKER: &[&str] = &[
        "that", "much", "many", "far", "long", "good", "bad", "well", "few", "little", "often",
        "to", "as", "sure", "hard", "big", "yes",
    ];
    if !opens || cx.joined_next(i).is_some_and(|n| NOT_MARKER.contains(&n)) {
        return false;
    }
    i == 0
        || cx.closes(i)
        || cx
            .joined_next(i)
            .is_some_and(|n| n == "like" || n == "yeah")
}

/// "right" and "okay" as markers: "Right, so…", "…, right?", "Okay so…"; not "the right
/// choice", "right now", "it was okay".
fn marker(cx: &Ctx, i: usize, opens: bool) -> bool {
    let tag = opens && cx.toks[i].question;
    let leading = opens && cx.closes(i) && i + 1 < cx.toks.len();
    let stacked = opens
        && cx
            .joined_next(i)
            .is_some_and(|n| matches!(n, "so" | "now" | "well" | "like" | "um" | "uh"));
    tag || leading || stacked
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;
    use crate::domain::Word;

    /// The words of a sentence spaced evenly (no silent boundaries), as tokens.
    fn tokens_of(text: &str) -> Vec<Token> {
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
        tokenize(&words, 0.4)
    }

    /// Fillers of a sentence as labels.
    fn fillers(text: &str) -> Vec<String> {
        let toks = tokens_of(text);
        find(&toks)
            .into_iter()
            .map(|h| {
                let words: Vec<&str> = (h.first..=h.last).map(|k| toks[k].norm.as_str()).collect();
                format!("{}={}", h.label, words.join(" "))
            })
            .collect()
    }

    fn assert_fillers(text: &str, expected: &[&str]) {
        let got = fillers(text);
        let labels: Vec<&str> = got.iter().map(|s| s.split('=').next().unwrap()).collect();
        assert_eq!(labels, expected, "{text:?} → {got:?}");
    }

    #[test]
    fn user_phrases_are_found_anywhere_but_not_over_builtin_fillers() {
        let toks = tokens_of("To be honest, um, to be honest I think so");
        let builtin = find(&toks);
        let phrases = vec![
            "To Be honest".to_string(),
            "um".to_string(),
            "  ".to_string(),
        ];
        let got = find_phrases(&toks, &phrases, &builtin);
        // "um" is already a built-in filler, so it is not counted twice.
        assert_eq!(
            got,
            vec![
                ("to be honest".to_string(), 0, 2),
                ("to be honest".to_string(), 4, 6)
            ]
        );
    }

    #[test]
    fn filled_pauses_are_always_fillers_with_canonical_labels() {
        assert_fillers(
            "Umm, we, uh, shipped it. Hmm. Erm, mm.",
            &["um", "uh", "hmm", "er", "mm"],
        );
        assert_eq!(filled_pause_label("uhhh"), "uh");
        assert_eq!(filled_pause_label("mhm"), "mm");
    }

    #[test]
    fn like_as_a_verb_or_preposition_is_not_a_filler() {
        for s in [
            "I like Python.",
            "We really like the design.",
            "I'd like to explain.",
            "Do you like it?",
            "It looks like a race condition.",
            "Something like that.",
            "Like I said, it was late.",
            "We had things like retries and timeouts.",
            "It was like a nightmare.",
        ] {
            assert_fillers(s, &[]);
        }
    }

    #[test]
    fn like_as_a_filler() {
        assert_fillers("It was, like, really hard.", &["like"]);
        assert_fillers("Like, we had no tests.", &["like"]);
        assert_fillers("It was like really hard.", &["like"]);
        assert_fillers("And he was like, no way.", &["like"]);
        assert_fillers("Um like we tried everything.", &["um", "like"]);
        // The approximating "like" is a hedge, not a filler.
        assert_fillers("We had, like, 20 people.", &[]);
    }

    #[test]
    fn you_know_in_context() {
        assert_fillers("We had to, you know, rewrite it.", &["you know"]);
        assert_fillers("You know, it was late.", &["you know"]);
        assert_fillers("It was late, you know.", &["you know"]);
        assert_fillers("Do you know the answer?", &[]);
        assert_fillers("You know the answer.", &[]);
        assert_fillers("It was late. You know we had no plan.", &["you know"]);
        assert_fillers("I wanted to show that you know how it works.", &[]);
        assert_fillers("As you know, we ship weekly.", &[]);
    }

    #[test]
    fn i_mean_in_context() {
        assert_fillers("I mean, it worked.", &["i mean"]);
        assert_fillers("It was slow. I mean we never measured it.", &["i mean"]);
        assert_fillers("What I mean is that it was slow.", &[]);
        assert_fillers("I mean it.", &[]);
    }

    #[test]
    fn kind_of_and_sort_of_in_context() {
        assert_fillers("It was a kind of bug we had not seen.", &[]);
        assert_fillers("What sort of team was it?", &[]);
        assert_fillers("We, kind of, rushed it.", &["kind of"]);
        assert_fillers("It was hard, sort of.", &["sort of"]);
        assert_fillers("It was sort of hard.", &["sort of"]);
        assert_fillers("We kinda rushed it.", &["kind of"]);
    }

    #[test]
    fn so_in_context() {
        assert_fillers("So, um, I was leading the team.", &["so", "um"]);
        assert_fillers("So I was leading the team.", &["so"]);
        assert_fillers("We added a cache so that we could ship.", &[]);
        assert_fillers("It was so much faster.", &[]);
        assert_fillers("I think so.", &[]);
        assert_fillers("We were late. So we cut scope.", &[]);
        assert_fillers("We were late. So, we cut scope.", &["so"]);
    }

    #[test]
    fn right_and_okay_in_context() {
        assert_fillers("Right, so the service was down.", &["right"]);
        assert_fillers("It was the cache, right? We cleared it.", &["right"]);
        assert_fillers("That was the right choice.", &[]);
        assert_fillers("We fixed it right now.", &[]);
        assert_fillers("You're right.", &[]);
        assert_fillers("Okay so we started over.", &["okay"]);
        assert_fillers("The result was okay.", &[]);
        assert_fillers("OK, here is what happened.", &["okay"]);
    }

    #[test]
    fn basically_literally_actually() {
        assert_fillers("It basically crashed.", &["basically"]);
        assert_fillers("It literally stopped.", &["literally"]);
        assert_fillers("Actually, we had a backup.", &["actually"]);
        assert_fillers("What actually happened was a leak.", &[]);
    }
}
