//! Content scoring on answers written for the purpose: strong ones beat weak ones clearly,
//! sample answers score high, specific failings are flagged, and transcripts score like text.

use rehearse::analysis::content::{score_answer, ContentReport};
use rehearse::questions::{bank, Card};

struct CardAnswers {
    id: &'static str,
    strong: [&'static str; 2],
    weak: [&'static str; 2],
    /// Recogniser slips to apply to the first strong answer (typed → heard).
    slips: &'static [(&'static str, &'static str)],
}

const FAILED: CardAnswers = CardAnswers {
    id: "tell-me-about-a-time-you-failed",
    strong: [
        "Last year I was the analyst responsible for our monthly revenue report, which goes to the leadership team and the board. \
         My task was to move the report onto our new data warehouse before the March board meeting. \
         I missed a currency conversion step in one of the new queries, so the European numbers were overstated by about eight percent, and the report went out with that error. \
         That was my mistake: I had compared the totals with the previous month but never checked each region. \
         When the finance director questioned a figure two days later, I traced it within an hour, told my manager and the director straight away that the error was mine, \
         and I fixed the query and sent a corrected report the same afternoon with a note explaining exactly what had changed. \
         I then re-ran the previous three months through both pipelines to make sure nothing else was off. \
         In the end all twelve board members had the corrected numbers two days before the meeting, and no decision was made on the wrong figures. \
         Since then I run a region by region reconciliation before every report goes out, and I added an automated check that flags any region that moves more than five percent in a month. \
         The lesson I learned is that a quick check of the totals hides errors that cancel out, so now I test at the level the reader actually uses.",
        "In my previous role I was a backend engineer, and I promised our sales team that a bulk export feature would be ready for a large client's renewal at the end of the quarter. \
         I underestimated the work badly. I had not looked at how our permissions system would handle exports, and two weeks before the date I realised we would miss it by at least three weeks. \
         I should have raised that risk much earlier. \
         As soon as I knew, I told my manager and the account lead, explained why, and proposed a workaround: a scheduled report that covered the client's main use case. \
         I built that workaround in four days, and I broke the full feature into smaller pieces with honest estimates. \
         As a result the client renewed their contract, worth about 200,000 dollars a year, and the full export shipped three weeks later. \
         Looking back, the failure was committing to a date before I understood the risky part. \
         Since then I do a short technical spike before I give any estimate, and I share estimates as ranges. \
         On my next two projects I landed within a week of my estimate.",
    ],
    weak: [
        "Honestly I can't think of a time I really failed. I guess my biggest failure is that I work too hard and I care too much about getting things perfect. \
         Sometimes I take on too much stuff and things get a bit stressful, but it usually works out.",
        "We had a big project last year and it was late. It was not my fault, the vendor kept changing the requirements and management didn't give us enough people. \
         I did my part on time but the other team dropped the ball on testing. In the end we launched about a month late. \
         I guess the lesson is that you can't rely on other teams.",
    ],
    slips: &[
        ("data warehouse", "data where house"),
        ("re-ran", "reran"),
        ("European", "the european"),
        ("reconciliation", "reconcile iation"),
        ("twelve", "12"),
        ("eight percent", "8%"),
    ],
};

const CONFLICT: CardAnswers = CardAnswers {
    id: "conflict-with-a-coworker",
    strong: [
        "In my last job I was a product designer, and I had a real conflict with one of our senior engineers, Sam, over a checkout redesign. \
         He kept pushing back on my designs in review meetings, saying they were too expensive to build, and the discussions got tense in front of the team. \
         My job was to get the redesign shipped before the holiday season, so the friction was putting the launch at risk. \
         Instead of arguing in the meeting again, I asked him for a coffee so we could talk one on one. \
         I listened first, and it turned out he was worried about a payment library the design relied on, which had caused an outage the year before. \
         I understood his concern, and we agreed on a compromise: I simplified two screens and he built a small prototype to test the library under load. \
         We presented the plan together at the next review. \
         As a result we shipped two weeks before the holidays, checkout conversion went up by six percent, and Sam and I kept working together on the next three projects. \
         I learned to take disagreements private and early, and since then I review risky designs with engineering before they reach a group meeting.",
        "Two years ago I was a data engineer sharing ownership of our nightly pipeline with another engineer, Priya. \
         We disagreed about how to handle failed jobs: she wanted every failure to page the on-call person, and I wanted automatic retries first, and the argument started to slow down every change we made. \
         My task was to cut the number of night pages, which were burning out the team. \
         I set up time with her privately, face to face, and I asked how she saw the problem. \
         From her side, retries had once hidden a data loss bug for a week, which I hadn't known. \
         We both wanted reliable data and a team that could sleep, so we agreed on a shared rule: retry twice, then page, and log every retry to a dashboard we both reviewed on Mondays. \
         I wrote the retry logic and she built the dashboard. \
         In the end night pages dropped from about twelve a month to three, and we didn't lose any data. \
         What I learned is to ask what experience sits behind someone's position before I argue with it, and now I start any disagreement by asking about the worst case the other person wants to avoid.",
    ],
    weak: [
        "I had a coworker who was honestly impossible to work with. He was lazy and never did his share, so it was really frustrating. \
         I went to my manager about it a few times and she moved him to another project. After that things were fine.",
        "I don't really have conflicts with people, I get along with everyone. If I did have a conflict, I would usually just talk to the person and try to find some common ground. \
         You have to be professional about these things and stay positive.",
    ],
    slips: &[
        ("Sam", "sam"),
        ("one on one", "one-on-one"),
        ("prototype", "proto type"),
        ("conversion", "conversation"),
        ("six percent", "6 percent"),
    ],
};

const DEADLINE: CardAnswers = CardAnswers {
    id: "tight-deadline",
    strong: [
        "Last spring I was the project lead for a client's product launch event, and three weeks before the date the client moved it forward by ten days because their CEO's schedule changed. \
         We suddenly had about five weeks of work to fit into two. \
         My job was to deliver the event on the new date without blowing the budget. \
         First I listed every task with an estimate and sorted them into must haves and nice to haves. \
         I went to the client with a recommendation to drop the printed brochures and the custom app, and they agreed. \
         Then I reused the templates from a previous event, brought in two freelancers for design, and ran a fifteen minute stand up every morning so blockers surfaced early. \
         I sent the client a short status update every Friday that highlighted anything at risk. \
         We delivered the event on the new date, about eight percent under budget, and 420 people attended, which was twenty percent above target. \
         I learned that a tight deadline is mostly a conversation about scope, and since then I agree the must haves with the client before we start any plan.",
        "In my last role I was the engineering lead on a payments integration, and a regulator brought the compliance deadline forward by a month, so we had six weeks for what normally took three months. \
         I was responsible for delivering a compliant release on the new date. \
         I broke it down into every task the regulation actually required, estimated each one with the team, and it was clear we could not build everything. \
         I prioritised the mandatory reporting features and proposed to cut the admin redesign from scope, and my director agreed with that trade off. \
         I set up a board that everyone could see, we held a short stand up each morning, and I reused our existing audit logging instead of building a new one. \
         I kept our compliance officer informed with a status note twice a week that highlighted every risk. \
         As a result we shipped three days before the deadline, passed the audit with zero findings, and the admin redesign followed a month later. \
         The lesson I learned is to separate what is required from what is wanted on day one, and now I always write the must have list before I estimate anything.",
    ],
    weak: [
        "We had a really tight deadline once on a project. Basically the whole team just worked really hard and we pulled a couple of all nighters and worked every weekend to get it done. \
         It was stressful but we got there. I think the main thing is to just push through.",
        "There was a deadline that got moved up for a report. I skipped testing on some parts and didn't tell the client because there was no time, and I hoped it would be fine. \
         It mostly was fine in the end.",
    ],
    slips: &[
        ("CEO's", "ceos"),
        ("freelancers", "free lancers"),
        ("stand up", "standup"),
        ("420", "four hundred and twenty"),
        ("must haves", "must-haves"),
    ],
};

const CUSTOMER: CardAnswers = CardAnswers {
    id: "difficult-customer",
    strong: [
        "In my previous role I was an account manager at a logistics software company, and one of our largest customers, a regional distributor, called me furious because their delivery routes had been wrong for three days. \
         Their operations director was threatening to cancel a contract worth about 300,000 dollars a year. \
         My job was to keep the account and fix the actual problem. \
         I stayed calm, I acknowledged how frustrating it was, and I apologised for the disruption. \
         Then I asked him to show me exactly which routes were wrong, and it turned out the root cause was a change in how their warehouse exported addresses, not a bug in our product. \
         I was honest that we couldn't change their export overnight, but I told him what I could do: our support engineer built a converter that same day, and I promised an update every morning until it was stable. \
         The routes were correct within 48 hours, and a month later the customer renewed for two years and agreed to be a reference. \
         I wrote up the issue for our product team, and the converter became a standard feature that three other customers now use. \
         I learned that an angry customer usually has a real problem underneath, and since then I always ask to see the problem before I answer.",
        "Last year I was a support lead at a software company, and a customer who ran a chain of dental clinics emailed our CEO saying we had lost a week of their appointment data. \
         He was angry and refused to talk to the support team. \
         My task was to find out what had happened and rebuild his trust. \
         I called him personally, I just listened for the first ten minutes, and I acknowledged that losing appointments with patients waiting would make anyone furious. \
         When I asked him to walk me through what he saw, it turned out the data wasn't lost; a sync setting had been switched off during an update on their side. \
         I was honest that the setting was on his side, but I didn't make it his problem: I stayed on a screen share until every clinic was synced, and I kept him informed by text each evening for a week. \
         All the appointments were restored within three hours and his satisfaction score went from two to nine out of ten. \
         I then gave feedback to our product team, and we added a warning when sync is turned off, which cut similar tickets by about forty percent. \
         The lesson I learned is to treat anger as information, and now I always reproduce the customer's problem before I explain anything.",
    ],
    weak: [
        "I had a customer who was just rude and honestly clueless about how the product worked. He kept shouting about things that were his own fault. \
         I told him that's our policy and there was nothing I could do about it. Eventually he calmed down and went away.",
        "A customer was unhappy about some stuff with their order. I basically gave them a discount and a bunch of free things to make them go away, whatever they wanted really. \
         They stopped complaining so I guess it worked.",
    ],
    slips: &[
        ("300,000", "three hundred thousand"),
        ("48 hours", "forty eight hours"),
        ("apologised", "apologized"),
        ("acknowledged", "acknowledge"),
        ("root cause", "route cause"),
    ],
};

/// Answers each missing exactly one thing (or blaming), in the middle of the score range.
const FLAGGED: [(&str, &str); 3] = [
    (
        "blame",
        "Last year I led the launch of our new billing page. My task was to get it live before the end of the quarter. \
         It slipped, but honestly it was not my fault: the vendor didn't deliver the payment module on time and my manager didn't give me enough people. \
         I chased the vendor every day and I rebuilt our test plan so we could move quickly once the module arrived. \
         In the end we launched three weeks late and lost about 5 percent of the quarter's signups. \
         I learned to get delivery dates from vendors in writing, and since then I always keep a buffer in the plan.",
    ),
    (
        "no_result",
        "Last year I led the launch of our new billing page. My task was to get it live before the end of the quarter. \
         I underestimated the payment integration, and two weeks before the date I realised we would miss it. \
         I told my manager the same day that the estimate was my mistake, I cut two features from scope, and I rebuilt the test plan so we could move quickly. \
         I learned to estimate the riskiest piece first, and since then I always build a small prototype before I commit to a date.",
    ),
    (
        "no_lesson",
        "Last year I led the launch of our new billing page. My task was to get it live before the end of the quarter. \
         I underestimated the payment integration, and two weeks before the date I realised we would miss it. \
         I told my manager the same day that the estimate was my mistake, I cut two features from scope, and I rebuilt the test plan so we could move quickly. \
         As a result we launched only four days late, and signups grew by 12 percent in the first month.",
    ),
];

const ALL: [&CardAnswers; 4] = [&FAILED, &CONFLICT, &DEADLINE, &CUSTOMER];

fn card(id: &str) -> &'static Card {
    bank::get(id).unwrap_or_else(|| panic!("bank card {id}"))
}

fn score(id: &str, text: &str) -> ContentReport {
    score_answer(card(id), text, None)
}

fn flag_ids(r: &ContentReport) -> Vec<&str> {
    r.flags.iter().map(|f| f.id.as_str()).collect()
}

/// The answer as a recogniser would give it: slips, lower case, no punctuation, fillers.
fn transcript_style(text: &str, slips: &[(&str, &str)]) -> String {
    let mut t = text.to_string();
    for (from, to) in slips {
        assert!(t.contains(from), "slip {from:?} not in the answer");
        t = t.replace(from, to);
    }
    let t = t
        .replace('%', " percent")
        .replace(['-', '—'], " ")
        .to_lowercase();
    let t: String = t
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect();
    let mut out: Vec<String> = Vec::new();
    for (k, w) in t.split_whitespace().enumerate() {
        match k % 29 {
            5 => out.push("um".into()),
            13 => out.extend(["you".to_string(), "know".to_string()]),
            21 => out.push("uh".into()),
            _ => {}
        }
        // Speakers restart on "I" now and then.
        if w == "i" && k % 3 == 0 {
            out.push("i".into());
        }
        out.push(w.to_string());
        if w == "and" && k % 4 == 1 {
            out.push("like".into());
        }
    }
    out.join(" ")
}

#[test]
fn strong_answers_beat_weak_answers_by_a_clear_margin() {
    let mut table = Vec::new();
    for c in ALL {
        let strong: Vec<u8> = c.strong.iter().map(|a| score(c.id, a).score).collect();
        let weak: Vec<u8> = c.weak.iter().map(|a| score(c.id, a).score).collect();
        table.push(format!("{:<34} strong {:?}  weak {:?}", c.id, strong, weak));
        for s in &strong {
            for w in &weak {
                assert!(
                    *s >= w + 15,
                    "{}: strong {s} vs weak {w} is not a clear margin\n{}",
                    c.id,
                    table.join("\n")
                );
            }
        }
    }
    println!("{}", table.join("\n"));
}

#[test]
fn sample_answers_of_the_tested_cards_score_high() {
    for c in ALL {
        let r = score(c.id, &card(c.id).sample_answer);
        assert!(
            r.score >= 75,
            "{}: sample answer scored {}: {:#?}",
            c.id,
            r.score,
            r.breakdown
        );
    }
}

#[test]
fn transcripts_score_within_10_points_of_the_typed_answer() {
    for c in ALL {
        for (k, typed) in c.strong.iter().chain(&c.weak).enumerate() {
            let slips = if k == 0 { c.slips } else { &[] };
            let heard = transcript_style(typed, slips);
            let (a, b) = (score(c.id, typed).score, score(c.id, &heard).score);
            println!("{:<34} #{k} typed {a:>3}  transcript {b:>3}", c.id);
            assert!(
                a.abs_diff(b) <= 10,
                "{} answer {k}: typed {a}, transcript {b}\n{heard}",
                c.id
            );
        }
    }
    // Mid-range answers, where no part of the score is saturated.
    for (k, (_, typed)) in FLAGGED.iter().enumerate() {
        let heard = transcript_style(
            typed,
            &[("billing page", "billing paige"), ("quarter", "quartre")],
        );
        let (a, b) = (
            score(FAILED.id, typed).score,
            score(FAILED.id, &heard).score,
        );
        println!(
            "{:<34} flagged #{k} typed {a:>3}  transcript {b:>3}",
            FAILED.id
        );
        assert!(
            a.abs_diff(b) <= 10,
            "flagged answer {k}: typed {a}, transcript {b}\n{heard}"
        );
    }
}

#[test]
fn blame_no_result_and_no_lesson_are_flagged_for_exactly_that() {
    let exclusive = ["blame", "no_result", "no_lesson"];
    let cases = FLAGGED;
    for (expected, text) in cases {
        let r = score("tell-me-about-a-time-you-failed", text);
        let flags = flag_ids(&r);
        for id in exclusive {
            assert_eq!(
                flags.contains(&id),
                id == expected,
                "answer expected to be flagged only for {expected}: flags {flags:?}"
            );
        }
        println!("{expected:<10} score {:>3} flags {flags:?}", r.score);
    }
}

#[test]
fn findings_point_at_the_exact_words() {
    let text = FAILED.weak[1];
    let r = score(FAILED.id, text);
    let chars: Vec<char> = text.chars().collect();
    let blame = &r.blame[0];
    assert_eq!(blame.quote, "not my fault");
    assert_eq!(
        chars[blame.start..blame.end].iter().collect::<String>(),
        blame.quote
    );
    assert_eq!(r.sentences[blame.sentence].sentence.text, "It was not my fault, the vendor kept changing the requirements and management didn't give us enough people");
    assert_eq!(r.tips.len(), 3);
    for tip in &r.tips {
        let e = tip.evidence.as_ref().expect("every tip points somewhere");
        assert_eq!(
            chars[e.start..e.end].iter().collect::<String>(),
            e.quote,
            "tip {}",
            tip.id
        );
    }
    // The best tip here is to drop the blame, and it quotes the blame.
    assert_eq!(r.tips[0].id, "blame");
    let strong = score(FAILED.id, FAILED.strong[0]);
    let kp = strong
        .key_points
        .iter()
        .find(|k| k.id == "ownership")
        .unwrap();
    let e = kp.evidence.as_ref().unwrap();
    assert_eq!(e.quote, "I missed");
    assert!(strong.sentences[e.sentence]
        .sentence
        .text
        .starts_with("I missed a currency conversion step"));
}

#[test]
fn every_bank_sample_answer_scores_high() {
    let mut low = Vec::new();
    let mut scores = Vec::new();
    for c in bank::cards() {
        let r = score_answer(c, &c.sample_answer, None);
        scores.push(r.score as u32);
        if r.score < 75 {
            let missing: Vec<&str> = r
                .key_points
                .iter()
                .filter(|k| !k.covered)
                .map(|k| k.id.as_str())
                .collect();
            low.push(format!(
                "{}: {} (missing key points {missing:?}, flags {:?})",
                c.id,
                r.score,
                flag_ids(&r)
            ));
        }
    }
    let mean = scores.iter().sum::<u32>() as f64 / scores.len() as f64;
    println!(
        "{} sample answers, mean {mean:.1}, min {}",
        scores.len(),
        scores.iter().min().unwrap()
    );
    assert!(
        low.is_empty(),
        "sample answers below 75:\n{}",
        low.join("\n")
    );
}

#[test]
fn empty_and_token_answers_score_near_zero() {
    let r = score(FAILED.id, "");
    assert_eq!((r.score, r.word_count, r.sentences.len()), (0, 0, 0));
    assert_eq!(r.tips[0].id, "empty");
    let r = score(FAILED.id, "um, uh... hmm");
    assert_eq!((r.score, r.word_count), (0, 0));
    let r = score(FAILED.id, "I failed.");
    assert!(r.score <= 5, "a two-word answer scored {}", r.score);
}
