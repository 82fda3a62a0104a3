//! STAR labelling: each sentence becomes Situation, Task, Action, Result or Lesson.
//!
//! A sentence's label comes from cue phrases ("my task was", "as a result", "I learned"),
//! first-person past-tense action verbs, numbers, and its position in the answer (set-up comes
//! first, lessons last). A sentence with no evidence continues the label before it, which keeps
//! shares honest, but only sentences with evidence make a part "present".

use super::evidence::Phrases;
use super::sentences::Answer;
use super::verbs;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StarPart {
    Situation,
    Task,
    Action,
    Result,
    Lesson,
}

impl StarPart {
    pub const ALL: [StarPart; 5] = [
        StarPart::Situation,
        StarPart::Task,
        StarPart::Action,
        StarPart::Result,
        StarPart::Lesson,
    ];

    pub fn name(self) -> &'static str {
        match self {
            StarPart::Situation => "Situation",
            StarPart::Task => "Task",
            StarPart::Action => "Action",
            StarPart::Result => "Result",
            StarPart::Lesson => "Lesson",
        }
    }

    /// Where the part belongs in a story; Situation and Task share the opening.
    fn rank(self) -> u8 {
        match self {
            StarPart::Situation | StarPart::Task => 0,
            StarPart::Action => 1,
            StarPart::Result => 2,
            StarPart::Lesson => 3,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// One sentence's label and how sure it is.
#[derive(Debug, Clone, Serialize)]
pub struct Labelled {
    pub sentence: usize,
    pub label: StarPart,
    /// False when the sentence had no evidence and continues the label before it.
    pub evidence: bool,
}

/// Which parts are present (with evidence).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StarPresence {
    pub situation: bool,
    pub task: bool,
    pub action: bool,
    pub result: bool,
    pub lesson: bool,
}

/// Share of the answer's words per part, 0..=1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct StarShares {
    pub situation: f64,
    pub task: f64,
    pub action: f64,
    pub result: f64,
    pub lesson: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct StarAnalysis {
    pub labels: Vec<Labelled>,
    pub presence: StarPresence,
    pub shares: StarShares,
    /// The parts in the order they were told, runs collapsed (e.g. situation, action, result).
    pub order: Vec<StarPart>,
    /// True when the opening comes before the actions, the actions before the result, and the
    /// lesson last (counting each part's first evidence).
    pub in_order: bool,
}

static SITUATION: LazyLock<Phrases> = LazyLock::new(|| {
    Phrases::new(
        "\
        in my previous role | in my last role | in my previous job | in my last job | \
        at my previous | at my last | at my old | at my current | in my current role | \
        when i was | while i was | i was working | i worked as | i worked at | i was a | \
        i was an | i was the | i was on | i was leading | i was running | i was managing | \
        we were | there was | there were | our team | my team was | the team was | the company | \
        a few years ago | years ago | last year | at the time | back in | back when | we had | \
        the project was | the context | the situation | a client | a customer | we used | \
        we were using | it was a | this was | at the start | when i joined | i joined | \
        i had just | i had never | my first | in my first | i was new | was leaving | \
        were leaving | i was told | working at | i worked for | we were about | was about to | \
        the background",
    )
});

static TASK: LazyLock<Phrases> = LazyLock::new(|| {
    Phrases::new(
        "\
        my task | my job was | my job | my role was | my role | i was responsible | \
        i was asked | i was tasked | i was assigned | i was in charge | i needed to | i had to | \
        we needed to | we had to | my goal | the goal | our goal | the objective | \
        the challenge was | the problem was | the issue was | the task | i was supposed to | \
        i was expected to | my responsibility | i owned the | the deadline was | i wanted to | \
        i was hired to | i was brought in | someone needed to | someone had to | this had to | \
        it had to | needed to be | i was asked to | i volunteered to | the aim",
    )
});

static ACTION: LazyLock<Phrases> = LazyLock::new(|| {
    Phrases::new(
        "\
        i decided | i reached out | i set up | i started | i proposed | i scheduled | i spoke | \
        i met | i called | i wrote | i built | i went | i took | i asked | i made | i led | \
        i ran | i sat down | i pulled | i dug | so i | first i | then i | i then | \
        i immediately | i also | i personally | i worked with | i organized | i organised | \
        i created | i suggested | i presented | i escalated | i informed | i told | \
        i explained | i gathered | i analyzed | i analysed | i prioritized | i prioritised | \
        i negotiated | i coached | i delegated | i put together | i broke | i split | i gave | \
        i sent | i drafted | i paired | i volunteered | i stepped in | i jumped",
    )
});

static RESULT: LazyLock<Phrases> = LazyLock::new(|| {
    Phrases::new(
        "\
        as a result | the result | result was | resulted in | in the end | at the end | \
        by the end | eventually | ultimately | ended up | the outcome | this led to | \
        that led to | which led to | we launched | we shipped | we delivered | we hit | we met | \
        we finished | we closed | we recovered | we saved | we won | reduced | increased | \
        improved | saved | grew | cut | dropped | decreased | doubled | tripled | went down | \
        went up | went from | on time | ahead of schedule | successfully | achieved | exceeded | \
        was promoted | praised | thanked | renewed | retained | was adopted | percent | \
        the feedback | was delivered | was launched | shipped | launched | delivered | \
        completed | the impact | compared with | compared to | down from | up from | in under | \
        resolved | is still | still use | still used | still in use | over the next | \
        afterwards | the following | fewer | faster | was late | went out late | slipped by | \
        delayed by | cost us | we lost",
    )
});

static LESSON: LazyLock<Phrases> = LazyLock::new(|| {
    Phrases::new(
        "\
        i learned | i learnt | learned that | lesson | lessons | taught me | takeaway | \
        took away | i realized that | i realised that | made me realize | made me realise | \
        showed me | looking back | in hindsight | since then | ever since | from then on | \
        going forward | now i | i now | these days | today i | i always | i make sure | \
        next time | if i did it again | i would do differently | i still | reminded me | \
        i understand | i try to | it taught | that experience | this experience | from that",
    )
});

/// Counts "I/we <past-tense verb>" clauses: (by "i", by "we").
pub fn past_actions(words: &[String]) -> (usize, usize) {
    let (mut by_i, mut by_we) = (0, 0);
    for (k, w) in words.iter().enumerate() {
        if (w == "i" || w == "we") && verbs::action_after(words, k) {
            if w == "i" {
                by_i += 1;
            } else {
                by_we += 1;
            }
        }
    }
    (by_i, by_we)
}

fn has_number(words: &[String]) -> bool {
    words
        .iter()
        .any(|w| w.starts_with(|c: char| c.is_ascii_digit()))
}

/// Evidence for each part from the sentence's own words.
fn evidence(words: &[String]) -> [f64; 5] {
    let mut s = [0.0; 5];
    s[StarPart::Situation.index()] = 2.0 * SITUATION.count(words) as f64;
    s[StarPart::Task.index()] = 2.5 * TASK.count(words) as f64;
    s[StarPart::Action.index()] = 1.5 * ACTION.count(words) as f64;
    // "I cut two features" is an action; "which cut costs", "we cut it by half" are results.
    let results = RESULT
        .find(words)
        .into_iter()
        .filter(|&(at, _)| at == 0 || words[at - 1] != "i")
        .filter(|&(at, _)| {
            // "didn't deliver on time" is not a result.
            !words[at.saturating_sub(3)..at].iter().any(|w| {
                matches!(
                    w.as_str(),
                    "not" | "didnt" | "never" | "wasnt" | "couldnt" | "werent"
                )
            })
        })
        .count();
    s[StarPart::Result.index()] = 2.0 * results as f64;
    s[StarPart::Lesson.index()] = 2.5 * LESSON.count(words) as f64;
    let (by_i, by_we) = past_actions(words);
    s[StarPart::Action.index()] += 1.5 * by_i as f64 + 1.0 * by_we as f64;
    if has_number(words) {
        s[StarPart::Result.index()] += 1.0;
    }
    s
}

/// Position is a prior, not evidence: it only decides between parts that have evidence.
fn prior(position: f64, first: bool) -> [f64; 5] {
    let mut s = [0.0; 5];
    if first {
        // The opening sentence almost always sets the scene, even "I led the launch of…".
        s[StarPart::Situation.index()] += 1.5;
    }
    if position < 0.3 {
        s[StarPart::Situation.index()] += 0.6;
        s[StarPart::Task.index()] += 0.4;
    }
    if position > 0.55 {
        s[StarPart::Result.index()] += 0.6;
    }
    if position > 0.7 {
        s[StarPart::Lesson.index()] += 0.8;
    }
    if position < 0.25 {
        s[StarPart::Lesson.index()] -= 1.0;
        s[StarPart::Result.index()] -= 0.8;
    }
    s
}

/// The least score that counts as evidence for a label.
const EVIDENCE: f64 = 1.5;

pub fn analyse(answer: &Answer) -> StarAnalysis {
    let total = answer.word_count().max(1) as f64;
    let mut labels: Vec<Labelled> = Vec::new();
    let mut words_per = [0usize; 5];
    let mut presence = [false; 5];
    for s in &answer.sentences {
        let mid = (s.first + s.last_word) as f64 / 2.0 / total;
        let ev = evidence(answer.sentence_words(s));
        let pr = prior(mid, s.index == 0);
        let best = (0..5)
            .filter(|&k| ev[k] >= EVIDENCE)
            .max_by(|&a, &b| (ev[a] + pr[a]).total_cmp(&(ev[b] + pr[b])));
        let (label, evidence) = match best {
            Some(k) => (StarPart::ALL[k], true),
            None => {
                let prev = labels.last().map(|l| l.label);
                (prev.unwrap_or(StarPart::Situation), false)
            }
        };
        if evidence {
            presence[label.index()] = true;
        }
        words_per[label.index()] += s.last_word - s.first;
        labels.push(Labelled {
            sentence: s.index,
            label,
            evidence,
        });
    }
    let mut order: Vec<StarPart> = Vec::new();
    for l in labels.iter().filter(|l| l.evidence) {
        if order.last() != Some(&l.label) {
            order.push(l.label);
        }
    }
    let share = |p: StarPart| words_per[p.index()] as f64 / total;
    StarAnalysis {
        in_order: in_order(&labels),
        presence: StarPresence {
            situation: presence[0],
            task: presence[1],
            action: presence[2],
            result: presence[3],
            lesson: presence[4],
        },
        shares: StarShares {
            situation: share(StarPart::Situation),
            task: share(StarPart::Task),
            action: share(StarPart::Action),
            result: share(StarPart::Result),
            lesson: share(StarPart::Lesson),
        },
        order,
        labels,
    }
}

fn in_order(labels: &[Labelled]) -> bool {
    let mut firsts: Vec<(usize, u8)> = Vec::new();
    for part in StarPart::ALL {
        if let Some(pos) = labels.iter().position(|l| l.evidence && l.label == part) {
            firsts.push((pos, part.rank()));
        }
    }
    firsts.sort();
    firsts.windows(2).all(|w| w[0].1 <= w[1].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(text: &str) -> Vec<StarPart> {
        let a = Answer::parse(text, None);
        analyse(&a).labels.iter().map(|l| l.label).collect()
    }

    #[test]
    fn a_told_story_gets_its_parts_in_order() {
        let text = "In my last role I was the lead on a billing migration. \
            My task was to move two million invoices without downtime. \
            I wrote a dual-write plan and I reviewed it with the finance team. \
            As a result we finished a week early with zero lost invoices. \
            I learned to involve finance from day one.";
        use StarPart::*;
        // "and I reviewed…" is a clause of its own.
        assert_eq!(
            labels(text),
            [Situation, Task, Action, Action, Result, Lesson]
        );
        let a = analyse(&Answer::parse(text, None));
        assert!(a.in_order);
        assert!(a.presence.action && a.presence.lesson);
        let sum = a.shares.situation
            + a.shares.task
            + a.shares.action
            + a.shares.result
            + a.shares.lesson;
        assert!((sum - 1.0).abs() < 1e-9);
    }

    #[test]
    fn a_story_without_evidence_has_no_parts() {
        let a = analyse(&Answer::parse(
            "It was fine. Things happen. Nothing much to say.",
            None,
        ));
        assert_eq!(a.presence, StarPresence::default());
    }

    #[test]
    fn past_actions_skip_adverbs_and_states() {
        let w: Vec<String> =
            "i immediately called them and we fixed it but i was tired and i needed rest"
                .split(' ')
                .map(String::from)
                .collect();
        assert_eq!(past_actions(&w), (1, 1));
    }
}
