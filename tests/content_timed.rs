//! Content scoring of a transcript with word times: pauses split sentences, findings carry
//! times, and the answer's length comes from the clock rather than a word-rate estimate.

use rehearse::analysis::content::score_answer;
use rehearse::domain::Word;
use rehearse::questions::bank;

const TYPED: &str = "Last year I was the analyst responsible for our monthly revenue report. \
    My task was to move it onto a new data warehouse before the board meeting. \
    I missed a currency conversion step, so the European numbers were overstated by eight percent. \
    That was my mistake. \
    I told my manager within an hour and I fixed the query the same afternoon. \
    In the end the board had the corrected numbers two days before the meeting. \
    Since then I reconcile every region before a report goes out, and the lesson I learned is to test at the level the reader uses.";

/// Speaks the answer: lower case, no punctuation, a filler now and then, 0.3 s per word and
/// a 0.9 s pause where the typed answer ended a sentence.
fn speak(typed: &str) -> (String, Vec<Word>) {
    let mut words = Vec::new();
    let mut t = 0.5;
    for sentence in typed.split(". ") {
        let clean: String = sentence
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric() || c.is_whitespace() || *c == '\'')
            .collect();
        for (k, w) in clean.split_whitespace().enumerate() {
            if k == 2 {
                words.push(Word {
                    text: "um".into(),
                    start_s: t,
                    end_s: t + 0.3,
                    probability: 0.9,
                    filler: true,
                });
                t += 0.35;
            }
            words.push(Word {
                text: w.to_string(),
                start_s: t,
                end_s: t + 0.25,
                probability: 0.9,
                filler: false,
            });
            t += 0.3;
        }
        t += 0.9;
    }
    let text = words
        .iter()
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    (text, words)
}

#[test]
fn pauses_split_a_timed_transcript_like_punctuation_splits_text() {
    let card = bank::get("tell-me-about-a-time-you-failed").unwrap();
    let (text, words) = speak(TYPED);
    let typed = score_answer(card, TYPED, None);
    let timed = score_answer(card, &text, Some(&words));
    let untimed = score_answer(card, &text, None);
    println!(
        "typed {} timed {} untimed {}",
        typed.score, timed.score, untimed.score
    );
    assert!(typed.score.abs_diff(timed.score) <= 10);
    assert!(typed.score.abs_diff(untimed.score) <= 10);

    // Every pause became a sentence boundary, so no timed sentence spans a pause.
    for s in &timed.sentences {
        let (a, b) = (s.sentence.start_s.unwrap(), s.sentence.end_s.unwrap());
        let gaps = words
            .windows(2)
            .filter(|w| w[0].end_s >= a && w[1].start_s <= b && w[1].start_s - w[0].end_s > 0.8);
        assert_eq!(
            gaps.count(),
            0,
            "sentence {:?} spans a pause",
            s.sentence.text
        );
    }
    assert!(timed.sentences.len() >= 7, "{}", timed.sentences.len());

    // The length is the clock's: first word to last.
    let clock = words.last().unwrap().end_s - words[0].start_s;
    assert!(
        (timed.duration_s - clock).abs() < 0.1,
        "{} vs {clock}",
        timed.duration_s
    );
    assert!(
        (untimed.duration_s - clock).abs() > 1.0,
        "the estimate differs from the clock"
    );

    // Findings carry the time of their words.
    let kp = timed
        .key_points
        .iter()
        .find(|k| k.id == "ownership")
        .unwrap();
    let e = kp.evidence.as_ref().unwrap();
    let first = words.iter().find(|w| w.text == "missed").unwrap();
    assert_eq!(e.quote, "i missed");
    assert_eq!(e.end_s, Some(first.end_s));
}

#[test]
fn general_questions_are_scored_on_their_key_points_without_star() {
    let card = bank::get("why-this-company").unwrap();
    assert!(!card.star);
    let strong = "Three things draw me here. First, your customers: you build tools for small independent pharmacies, \
        and I spent four years building inventory software for a retail chain, so I know how much time staff lose to stock counts. \
        Second, the way you work. From your engineering blog and from two people on your team I know you ship small changes every week, \
        which is how I like to work; in my current role I set up a monthly customer visit and the features that came from it had twice the adoption. \
        Third, timing: you have just announced stock management, and my experience with supplier data is directly useful there. \
        So it is the mission, the way of working, and a problem where I can contribute from day one.";
    let weak = "Honestly it's a big company and the salary is good. I've heard the perks are great and it would look good on my CV. \
        I just want a new challenge really.";
    let s = score_answer(card, strong, None);
    let w = score_answer(card, weak, None);
    println!("why-this-company strong {} weak {}", s.score, w.score);
    assert!(
        s.score >= w.score + 15,
        "strong {} weak {}",
        s.score,
        w.score
    );
    assert!(
        s.breakdown.iter().all(|p| p.id != "structure"),
        "no STAR part for a general card"
    );
    assert!(!s
        .flags
        .iter()
        .any(|f| f.id == "no_result" || f.id == "no_lesson"));
}
