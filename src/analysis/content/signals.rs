//! Content signals: impact, ownership, blame, lesson and change, vagueness, humble-brags.

use super::evidence::{listed, negated, Evidence, Phrases};
use super::sentences::Answer;
use super::star::{past_actions, StarAnalysis, StarPart};
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// Quantified results: numbers with a unit, money, percentages, multipliers.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Impact {
    /// A number with a unit in a result sentence, or next to an outcome verb.
    pub quantified: bool,
    /// An outcome verb ("reduced", "launched", "saved") even without a number.
    pub qualitative: bool,
    pub items: Vec<Evidence>,
}

/// Who did the work: "I" against "we" as the subject of actions.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Ownership {
    pub i_actions: usize,
    pub we_actions: usize,
    /// Share of "I" among "I"/"we" actions, 0..=1 (None when no actions were found).
    pub i_share: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LessonSignal {
    /// "I learned…", "it taught me…", "looking back…".
    pub lesson: Option<Evidence>,
    /// A concrete change kept since: "since then I…", "I now…", "I introduced a checklist".
    pub change: Option<Evidence>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Vagueness {
    pub count: usize,
    pub per_100_words: f64,
    pub items: Vec<Evidence>,
    /// Habitual or hypothetical talk ("I would", "I usually") instead of one real instance.
    pub hypothetical: Vec<Evidence>,
}

const NUMBER_WORDS: &str = "\
    two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty \
    sixty seventy eighty ninety hundred hundreds thousand thousands million millions billion \
    half dozen dozens double doubled triple tripled twice quarter one zero single";

const UNITS: &str = "\
    percent dollars euros pounds k x times hours hour days day weeks week months month minutes \
    minute seconds second years customers users people clients points tickets errors bugs \
    incidents engineers records accounts orders sales deals revenue million thousand billion ms \
    milliseconds requests calls complaints sprints releases per headcount members stores sites \
    servers cost";

static OUTCOME: LazyLock<Phrases> = LazyLock::new(|| {
    Phrases::new(
        "\
        reduc* | increas* | improv* | saved | saving | grew | cut | dropped | decreas* | \
        doubled | tripled | went down | went up | went from | lower* | raised | boosted | \
        shortened | recovered | launched | delivered | shipped | finished | completed | \
        achieved | exceeded | won | retained | renewed | avoided | prevented | hit | met the | \
        on time | ahead of | instead of | resulted | led to | ended up | generated | closed | \
        promoted | adopted | rated | score | resolv* | compared with | compared to | down from | \
        up from | faster | fewer | less than | in under | within",
    )
});

/// Finds quantities: a number (digits or number word) followed within two words by a unit,
/// or a bare multi-digit number. "One" alone ("one of my colleagues") is not a quantity.
fn quantities(words: &[String]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i].as_str();
        let digits = w.starts_with(|c: char| c.is_ascii_digit());
        if digits || listed(NUMBER_WORDS, w) {
            let mut end = i + 1;
            while end < words.len() && listed(NUMBER_WORDS, &words[end]) {
                end += 1;
            }
            let unit = (end..(end + 2).min(words.len())).find(|&k| listed(UNITS, &words[k]));
            let standalone = matches!(
                w,
                "double" | "doubled" | "triple" | "tripled" | "twice" | "half"
            );
            if let Some(u) = unit {
                found.push((i, u + 1 - i));
                i = u + 1;
                continue;
            }
            if (digits && w.len() >= 2) || standalone {
                found.push((i, end - i));
                i = end;
                continue;
            }
            i = end;
        } else {
            i += 1;
        }
    }
    found
}

/// Quantities that show an outcome. For a story (`story`), only numbers in the result or next
/// to an outcome verb count ("a two-day delay" in the set-up is not impact); for a general
/// question any concrete number ("four years building inventory tools") counts as a specific.
pub fn impact(answer: &Answer, star: &StarAnalysis, story: bool) -> Impact {
    let mut items = Vec::new();
    let mut qualitative = false;
    for (s, l) in answer.sentences.iter().zip(&star.labels) {
        let words = answer.sentence_words(s);
        let outcome = OUTCOME.find(words);
        let is_result = l.evidence && matches!(l.label, StarPart::Result | StarPart::Lesson);
        if !outcome.is_empty() && (is_result || l.label == StarPart::Action) {
            qualitative = true;
        }
        if !story || is_result || !outcome.is_empty() {
            for (at, len) in quantities(words) {
                items.push(Evidence::words(answer, s.first + at, s.first + at + len));
            }
        }
    }
    Impact {
        quantified: !items.is_empty(),
        qualitative: qualitative || !items.is_empty(),
        items,
    }
}

pub fn ownership(answer: &Answer) -> Ownership {
    let (i_actions, we_actions) = past_actions(&answer.words);
    let total = i_actions + we_actions;
    Ownership {
        i_actions,
        we_actions,
        i_share: (total > 0).then(|| i_actions as f64 / total as f64),
    }
}

static BLAME: LazyLock<Phrases> = LazyLock::new(|| {
    Phrases::new(
        "\
        not my fault | wasnt my fault | wasnt really my fault | their fault | his fault | \
        her fault | the vendors fault | blame them | blamed them | blame the | blamed the | \
        because of them | because of my manager | because of my boss | they didnt | they never | \
        they failed | they dropped the ball | he dropped the ball | she dropped the ball | \
        he didnt | she didnt | nobody told me | no one told me | nothing i could do | \
        out of my control | outside my control | beyond my control | not my responsibility | \
        wasnt my responsibility | wasnt my job | not my job | if they had | if only they | \
        management didnt | my manager didnt | my boss didnt | the vendor didnt | \
        the vendor was | the other team didnt | the other team was | the client kept | \
        unrealistic deadline | i wasnt given | didnt give me | threw me under | poorly managed | \
        their mistake | his mistake | her mistake | wasnt on me | not on me",
    )
});

static EXCUSE_OWNER: LazyLock<Phrases> = LazyLock::new(|| {
    Phrases::new(
        "\
        i take the blame | i took the blame | i blame myself | i took responsibility",
    )
});

/// Blame and excuses aimed at others. "Rather than blaming the vendor" is not blame.
pub fn blame(answer: &Answer) -> Vec<Evidence> {
    let owned = EXCUSE_OWNER.find(&answer.words);
    let mut items = Vec::new();
    for s in &answer.sentences {
        let words = answer.sentence_words(s);
        let mut floor = s.first;
        for (at, len) in BLAME.find(words) {
            let abs = s.first + at;
            let inside_owned = owned.iter().any(|&(o, ol)| abs >= o && abs < o + ol);
            if !inside_owned && !negated(answer, floor, abs) {
                items.push(Evidence::words(answer, abs, abs + len));
            }
            floor = abs + len;
        }
    }
    items
}

static LESSON: LazyLock<Phrases> = LazyLock::new(|| {
    Phrases::new(
        "\
        i learned | i learnt | i have learned | ive learned | learned that | the lesson | \
        a lesson | my lesson | lesson i | lessons | taught me | takeaway | took away | \
        i realized that | i realised that | made me realize | made me realise | it showed me | \
        showed me that | looking back | in hindsight | i understand now | now i understand | \
        reminded me | i discovered that | what i took from",
    )
});

static CHANGE: LazyLock<Phrases> = LazyLock::new(|| {
    Phrases::new(
        "\
        since then | ever since | from then on | going forward | these days | now i | i now | \
        i always | i make sure | i started | i introduced | i implemented | i created a | \
        i set up | i changed | i added | we adopted | we now | i began | i built a | i still | \
        next time | to prevent | so that it | never again | i put in place | we introduced | \
        we changed | i made it a | i made a habit | made it a rule | i started using | today i | \
        i do now | i block | i check | i schedule | i ask | i write | i keep",
    )
});

/// A named lesson, and a change kept since (told late in the answer or as a habit).
pub fn lesson(answer: &Answer, star: &StarAnalysis) -> LessonSignal {
    let mut lesson = None;
    let mut change = None;
    let total = answer.word_count().max(1);
    for (s, l) in answer.sentences.iter().zip(&star.labels) {
        let words = answer.sentence_words(s);
        if lesson.is_none() {
            if let Some(&(at, len)) = LESSON.find(words).first() {
                lesson = Some(Evidence::words(answer, s.first + at, s.first + at + len));
            }
        }
        let late = s.first * 2 >= total || matches!(l.label, StarPart::Lesson | StarPart::Result);
        if change.is_none() && late {
            if let Some(&(at, len)) = CHANGE.find(words).first() {
                change = Some(Evidence::words(answer, s.first + at, s.first + at + len));
            }
        }
    }
    LessonSignal { lesson, change }
}

static VAGUE: LazyLock<Phrases> = LazyLock::new(|| {
    Phrases::new(
        "\
        stuff | things | something | somehow | kind of | sort of | basically | a lot | lots of | \
        various | etc | et cetera | and so on | whatever | pretty much | i guess | i suppose | \
        some point | someone | somebody | at some | or something | and everything | all that | \
        a bunch | whatnot | some issues | some problems | it depends | in general | generally | \
        stuff like that",
    )
});

static HYPOTHETICAL: LazyLock<Phrases> = LazyLock::new(|| {
    Phrases::new(
        "\
        i would | id probably | i usually | i generally | i typically | i tend to | i normally | \
        what i do is | i always try | i try to | i like to | if i were | i would probably | \
        you would | you should | you have to | you need to | i believe in | my approach is | \
        my style is",
    )
});

pub fn vagueness(answer: &Answer, star: &StarAnalysis) -> Vagueness {
    let mut items = Vec::new();
    let mut hypothetical = Vec::new();
    for (s, l) in answer.sentences.iter().zip(&star.labels) {
        let words = answer.sentence_words(s);
        for (at, len) in VAGUE.find(words) {
            items.push(Evidence::words(answer, s.first + at, s.first + at + len));
        }
        // Lessons are told as habits ("now I always…"); that is not hypothetical.
        if l.label != StarPart::Lesson {
            for (at, len) in HYPOTHETICAL.find(words) {
                hypothetical.push(Evidence::words(answer, s.first + at, s.first + at + len));
            }
        }
    }
    let words = answer.word_count();
    Vagueness {
        count: items.len(),
        per_100_words: if words == 0 {
            0.0
        } else {
            items.len() as f64 * 100.0 / words as f64
        },
        items,
        hypothetical,
    }
}

static HUMBLE_BRAG: LazyLock<Phrases> = LazyLock::new(|| {
    Phrases::new(
        "\
        work too hard | worked too hard | working too hard | too hard working | \
        too hardworking | perfectionist | care too much | cared too much | too detail oriented | \
        too detail-oriented | too dedicated | too passionate | too committed | too honest | \
        take on too much | took on too much | cant say no | couldnt say no | too organized | \
        my standards are too high | standards were too high | expect too much of myself | \
        never really failed | never failed | i dont really fail | cant think of a failure | \
        cant think of a time | too much of a team player | work too many hours | \
        worked too many hours | i just care | too invested | too thorough",
    )
});

/// Disguised successes: "my failure is that I work too hard".
pub fn humble_brag(answer: &Answer) -> Vec<Evidence> {
    HUMBLE_BRAG
        .find(&answer.words)
        .into_iter()
        .filter(|&(at, _)| !negated(answer, answer.sentences[answer.sentence_of(at)].first, at))
        .map(|(at, len)| Evidence::words(answer, at, at + len))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::content::star;

    fn parse(text: &str) -> (Answer, StarAnalysis) {
        let a = Answer::parse(text, None);
        let s = star::analyse(&a);
        (a, s)
    }

    #[test]
    fn quantities_need_a_unit_or_several_digits() {
        let w = |t: &str| t.split(' ').map(String::from).collect::<Vec<_>>();
        assert_eq!(quantities(&w("we cut costs by 40 percent")), vec![(4, 2)]);
        assert_eq!(quantities(&w("one of my colleagues")), vec![]);
        assert_eq!(
            quantities(&w("a one day delay instead of two")),
            vec![(1, 2)]
        );
        assert_eq!(
            quantities(&w("saved twenty thousand dollars")),
            vec![(1, 3)]
        );
        assert_eq!(
            quantities(&w("in 2021 we doubled revenue")),
            vec![(1, 1), (3, 2)]
        );
    }

    #[test]
    fn negated_blame_is_not_blame() {
        let (a, _) = parse("I owned it rather than blaming the vendor. It was not my fault though, the vendor didnt deliver.");
        let quotes: Vec<_> = blame(&a).into_iter().map(|e| e.quote).collect();
        assert_eq!(quotes, ["not my fault", "the vendor didnt"]);
    }

    #[test]
    fn impact_lesson_and_change_point_at_their_words() {
        let text = "I led the rollout. As a result we cut support tickets by 30%. \
            I learned to test with real data, and since then I always run a pilot first.";
        let (a, s) = parse(text);
        let imp = impact(&a, &s, true);
        assert!(imp.quantified);
        assert_eq!(imp.items[0].quote, "30%");
        let chars: Vec<char> = text.chars().collect();
        let e = &imp.items[0];
        assert_eq!(chars[e.start..e.end].iter().collect::<String>(), "30%");
        let l = lesson(&a, &s);
        assert_eq!(l.lesson.unwrap().quote, "I learned");
        assert_eq!(l.change.unwrap().quote, "since then");
    }

    #[test]
    fn humble_brags_and_hypotheticals_are_found() {
        let (a, s) = parse("Honestly my biggest failure is that I work too hard. I would usually just stay late and fix stuff.");
        assert_eq!(humble_brag(&a)[0].quote, "work too hard");
        let v = vagueness(&a, &s);
        assert_eq!(v.hypothetical[0].quote, "I would");
        assert_eq!(v.items[0].quote, "stuff");
    }
}
