//! The content section: what the answer said against its card, every finding with its quote.

use super::document::{evidence, text, Block, Inline, Line, Section, Tone};
use crate::analysis::content::{ContentReport, Evidence, StarPart};

pub(crate) fn section(c: &ContentReport) -> Section {
    let mut b = vec![Block::Table {
        head: vec!["Part", "Points", "Detail"],
        rows: c
            .breakdown
            .iter()
            .map(|p| {
                let points = if p.max > 0.0 {
                    format!("{:.1} / {:.0}", p.points, p.max)
                } else {
                    // Penalties have no maximum, only what they took away.
                    format!("{:.1}", p.points)
                };
                vec![
                    text(p.label.as_str()),
                    text(points),
                    text(p.detail.as_str()),
                ]
            })
            .collect(),
    }];
    star(&mut b, c);
    key_points(&mut b, c);
    signals(&mut b, c);
    if !c.flags.is_empty() {
        b.push(Block::Subheading("Flags".into()));
        b.push(Block::List(
            c.flags
                .iter()
                .map(|f| with_quote(text(f.message.as_str()), f.evidence.as_ref()))
                .collect(),
        ));
    }
    if !c.tips.is_empty() {
        b.push(Block::Subheading("Content tips".into()));
        b.push(Block::List(
            c.tips
                .iter()
                .map(|t| with_quote(text(t.text.as_str()), t.evidence.as_ref()))
                .collect(),
        ));
    }
    Section {
        id: "content",
        title: "Content",
        blocks: b,
    }
}

fn with_quote(mut line: Line, e: Option<&Evidence>) -> Line {
    if let Some(e) = e {
        line.push(Inline::Text(" — ".into()));
        line.extend(evidence(e));
    }
    line
}

fn star(b: &mut Vec<Block>, c: &ContentReport) {
    b.push(Block::Subheading("STAR structure".into()));
    let present = |p: StarPart| match p {
        StarPart::Situation => c.star.situation,
        StarPart::Task => c.star.task,
        StarPart::Action => c.star.action,
        StarPart::Result => c.star.result,
        StarPart::Lesson => c.star.lesson,
    };
    let s = &c.structure.shares;
    let share = |p: StarPart| match p {
        StarPart::Situation => s.situation,
        StarPart::Task => s.task,
        StarPart::Action => s.action,
        StarPart::Result => s.result,
        StarPart::Lesson => s.lesson,
    };
    b.push(Block::Checklist(
        StarPart::ALL
            .iter()
            .map(|&p| {
                (
                    present(p),
                    text(format!(
                        "{}: {:.0} % of the answer",
                        p.name(),
                        share(p) * 100.0
                    )),
                )
            })
            .collect(),
    ));
    if !c.structure.order.is_empty() {
        let order: Vec<&str> = c.structure.order.iter().map(|p| p.name()).collect();
        b.push(Block::Para(vec![
            Inline::Text(format!("Told in this order: {} ", order.join(" → "))),
            if c.structure.in_order {
                Inline::Badge(Tone::Good, "the usual order".into())
            } else {
                Inline::Badge(Tone::Warn, "out of order".into())
            },
        ]));
    }
}

fn key_points(b: &mut Vec<Block>, c: &ContentReport) {
    if c.key_points.is_empty() {
        return;
    }
    let covered = c.key_points.iter().filter(|k| k.covered).count();
    b.push(Block::Subheading(format!(
        "Key points: {covered} of {} covered",
        c.key_points.len()
    )));
    b.push(Block::Checklist(
        c.key_points
            .iter()
            .map(|k| {
                (
                    k.covered,
                    with_quote(text(k.text.as_str()), k.evidence.as_ref()),
                )
            })
            .collect(),
    ));
    if !c.mistakes.is_empty() {
        b.push(Block::Subheading("Common mistakes heard".into()));
        b.push(Block::List(
            c.mistakes
                .iter()
                .map(|m| with_quote(text(m.text.as_str()), Some(&m.evidence)))
                .collect(),
        ));
    }
}

fn quotes(items: &[Evidence]) -> Block {
    Block::List(items.iter().map(evidence).collect())
}

fn signals(b: &mut Vec<Block>, c: &ContentReport) {
    b.push(Block::Subheading("Impact".into()));
    let i = &c.impact;
    let (tone, what) = match (i.quantified, i.qualitative) {
        (true, _) => (Tone::Good, "quantified"),
        (false, true) => (Tone::Warn, "described, without numbers"),
        (false, false) => (Tone::Bad, "not stated"),
    };
    b.push(Block::Para(vec![
        Inline::Text("The result is ".into()),
        Inline::Badge(tone, what.into()),
    ]));
    if !i.items.is_empty() {
        b.push(quotes(&i.items));
    }

    b.push(Block::Subheading("Ownership".into()));
    let o = &c.ownership;
    let mut line = text(format!(
        "{} action{} with “I”, {} with “we”",
        o.i_actions,
        if o.i_actions == 1 { "" } else { "s" },
        o.we_actions
    ));
    if let Some(share) = o.i_share {
        line.push(Inline::Text(format!(" ({:.0} % “I”).", share * 100.0)));
    } else {
        line.push(Inline::Text(".".into()));
    }
    b.push(Block::Para(line));
    if !c.blame.is_empty() {
        b.push(Block::Para(vec![Inline::Badge(
            Tone::Bad,
            "blame or excuses".into(),
        )]));
        b.push(quotes(&c.blame));
    }

    b.push(Block::Subheading("Lesson and change".into()));
    let l = &c.lesson;
    b.push(Block::Checklist(vec![
        (
            l.lesson.is_some(),
            with_quote(text("A lesson learned"), l.lesson.as_ref()),
        ),
        (
            l.change.is_some(),
            with_quote(text("A change made since"), l.change.as_ref()),
        ),
    ]));

    let v = &c.vagueness;
    if v.count > 0 || !v.hypothetical.is_empty() {
        b.push(Block::Subheading("Vague or hypothetical".into()));
        b.push(Block::Para(text(format!(
            "{} vague phrase{} ({:.1} per 100 words), {} hypothetical.",
            v.count,
            if v.count == 1 { "" } else { "s" },
            v.per_100_words,
            v.hypothetical.len()
        ))));
        let all: Vec<Evidence> = v.items.iter().chain(&v.hypothetical).cloned().collect();
        b.push(quotes(&all));
    }
    if !c.humble_brag.is_empty() {
        b.push(Block::Subheading("Humble-brags".into()));
        b.push(quotes(&c.humble_brag));
    }
}
