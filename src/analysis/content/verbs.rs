//! Recognising "someone did something": a subject pronoun followed by a past-tense verb.
//!
//! Used both to find actions (STAR, ownership) and to find where a new clause starts in an
//! unpunctuated transcript ("…his own fault i told him…").

use super::evidence::listed;

/// Words that may sit between a subject and its verb without changing who acted.
const ADVERBS: &str = "\
    immediately then quickly also first personally directly just finally actually proactively \
    carefully still eventually even never really honestly basically";

/// Past-tense verbs that describe a state or a thought rather than something done.
const NOT_ACTIONS: &str = "\
    needed wanted used seemed learned learnt felt liked loved hoped preferred remembered \
    believed assumed noticed was were had thought realized realised expected supposed guessed \
    wondered";

const IRREGULAR_PAST: &str = "\
    made built set wrote ran led met took sent told spoke began brought put got found chose \
    drove held gave kept went sat did dug broke sought bought caught fought rebuilt rewrote \
    undertook oversaw stood paid won cut split spent left let drew hired taught shipped said saw \
    knew heard came";

/// The verb that follows the subject at `k`, skipping adverbs.
fn verb_after(words: &[String], k: usize) -> Option<&str> {
    words
        .get(k + 1..)?
        .iter()
        .take(3)
        .find(|v| !listed(ADVERBS, v))
        .map(String::as_str)
}

/// A past-tense verb of doing (not of being, wanting or thinking).
pub fn is_action_verb(v: &str) -> bool {
    !listed(NOT_ACTIONS, v) && (listed(IRREGULAR_PAST, v) || (v.len() > 4 && v.ends_with("ed")))
}

/// Whether the subject at `k` is followed by a past-tense action verb.
pub fn action_after(words: &[String], k: usize) -> bool {
    verb_after(words, k).is_some_and(is_action_verb)
}

/// Whether a main clause starts at `k`: a subject pronoun and a past-tense verb (of any kind),
/// not inside a relative or subordinate clause ("the bug that i missed", "because we had").
pub fn clause_starts_at(words: &[String], k: usize) -> bool {
    let subject = matches!(words[k].as_str(), "i" | "we" | "he" | "she" | "they");
    let subordinate = k > 0
        && matches!(
            words[k - 1].as_str(),
            "that"
                | "which"
                | "who"
                | "what"
                | "when"
                | "because"
                | "if"
                | "as"
                | "since"
                | "until"
                | "before"
                | "after"
                | "while"
                | "where"
                | "how"
                | "so"
                | "than"
                | "whether"
                | "once"
                | "why"
        );
    subject
        && !subordinate
        && verb_after(words, k).is_some_and(|v| {
            is_action_verb(v)
                || listed(NOT_ACTIONS, v)
                || matches!(v, "kept" | "didnt" | "couldnt" | "wasnt")
        })
}
