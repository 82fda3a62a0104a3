//! The standard synthetic set: scripts and voices.

use super::{render, Synth, SynthError, Voice};

/// Interview answers with fillers of every kind at known places, and words that look like
/// fillers but are not ("I like working", "a kind of bug", "so that we could", "do you know").
pub const SCRIPTS: &[(&str, &str)] = &[
    (
        "payments",
        "[So,] {um} last year I was leading the payments team at a small startup. <0.9> \
         We had a hard deadline, and {uh} the database migration kept failing. <0.6> \
         I like working under pressure, but this was a kind of bug we had never seen. <1.2> \
         It was, [like,] really stressful. [You know,] we had no <0.7> rollback plan at all.",
    ),
    (
        "search",
        "{er} The project was [basically] a rewrite of our search service. <0.8> \
         I decided to split the work so that we could ship every week. <1.0> \
         [I mean,] the old code was [literally] impossible to test. {hmm} <0.5> \
         We wrote contract tests first, <0.6> and then we moved one endpoint at a time. \
         [Right?] That gave us a safe path.",
    ),
    (
        "mobile",
        "[Okay,] so the situation was that our mobile app crashed on older phones. <0.7> \
         {ah} I owned the release, so I took the lead on the fix. <1.5> \
         We [sort of] rebuilt the crash reporting from scratch. {mm} <0.4> \
         Within two weeks the crash rate dropped by half. \
         [Actually,] it dropped even further the next month.",
    ),
    (
        "client",
        "Do you know the answer to a hard question like that? <0.6> \
         I think the honest answer is that I was wrong. <0.9> \
         {um} I pushed the team to launch before the data was ready. <1.1> \
         We [kind of] rushed it. [Basically,] we lost a week of trust with the client. \
         After that, {uh} I set up a weekly review <0.8> with the client and the team. \
         It was the right call, and we never missed a date again.",
    ),
    (
        "mentor",
        "My manager asked me to mentor two new engineers. <0.7> \
         [So,] {er} I made a plan for their first month. <0.5> \
         We paired every morning, <1.3> and I reviewed every pull request myself. \
         {ah} It was, [you know,] a lot of work. <0.6> \
         But both of them shipped features in their second week, [right?] \
         {mm} I learned to delegate earlier.",
    ),
    (
        "deadline",
        "The hardest part was the deadline. <0.8> We had, [like,] really no slack. \
         {uh} <0.6> I wrote down every risk <0.9> and shared it with the director. \
         [I mean,] {um} nobody had done that before. \
         It looks like a small thing, but it changed how we plan. \
         [Okay,] {hmm} that is the story.",
    ),
];

/// Voices and rates from 110 to 200 wpm.
pub const VOICES: &[Voice] = &[
    Voice {
        name: "en-us",
        wpm: 110,
    },
    Voice {
        name: "en-gb-x-rp",
        wpm: 170,
    },
    Voice {
        name: "en-us+f3",
        wpm: 140,
    },
    Voice {
        name: "en",
        wpm: 200,
    },
    Voice {
        name: "en-us",
        wpm: 150,
    },
    Voice {
        name: "en-us+f3",
        wpm: 190,
    },
    Voice {
        name: "en-gb-x-rp",
        wpm: 125,
    },
    Voice {
        name: "en",
        wpm: 160,
    },
    Voice {
        name: "en-us",
        wpm: 180,
    },
    Voice {
        name: "en-us+f3",
        wpm: 115,
    },
    Voice {
        name: "en-gb-x-rp",
        wpm: 200,
    },
    Voice {
        name: "en",
        wpm: 135,
    },
];

/// The whole synthetic set: every script in two voices at two rates, rendered on two threads.
pub fn standard_set() -> Result<Vec<Synth>, SynthError> {
    let jobs: Vec<(String, &str, Voice)> = SCRIPTS
        .iter()
        .enumerate()
        .flat_map(|(i, (name, script))| {
            [
                VOICES[(2 * i) % VOICES.len()],
                VOICES[(2 * i + 1) % VOICES.len()],
            ]
            .into_iter()
            .map(move |v| (format!("{name}/{}@{}", v.name, v.wpm), *script, v))
        })
        .collect();
    let (a, b) = jobs.split_at(jobs.len() / 2);
    let run = |part: &[(String, &str, Voice)]| -> Result<Vec<Synth>, SynthError> {
        part.iter().map(|(n, s, v)| render(n, s, *v)).collect()
    };
    let (ra, rb) = std::thread::scope(|sc| {
        let h = sc.spawn(|| run(a));
        let rb = run(b);
        (h.join().expect("synthesis thread"), rb)
    });
    let mut out = ra?;
    out.extend(rb?);
    Ok(out)
}
