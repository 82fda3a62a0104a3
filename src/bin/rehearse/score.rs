//! `rehearse score`: content scoring of a typed answer against a card.

use anyhow::{Context, Result};
use clap::Args;
use rehearse::analysis::content::{score_answer, ContentReport};
use rehearse::questions;
use serde_json::json;
use std::path::PathBuf;

#[derive(Args)]
pub struct ScoreArgs {
    /// The card id (see `rehearse questions list`).
    #[arg(long)]
    question: String,
    /// The answer text.
    #[arg(
        long,
        conflicts_with = "text_file",
        required_unless_present = "text_file"
    )]
    text: Option<String>,
    /// A file holding the answer text.
    #[arg(long)]
    text_file: Option<PathBuf>,
    /// Print `{"question": {...}, "content": {...}}` as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(a: ScoreArgs) -> Result<()> {
    let (card, _) = questions::find(&a.question)?;
    let text = match (a.text, &a.text_file) {
        (Some(t), _) => t,
        (None, Some(path)) => std::fs::read_to_string(path)
            .with_context(|| format!("reading the answer from {}", path.display()))?,
        (None, None) => unreachable!("clap requires --text or --text-file"),
    };
    let report = score_answer(&card, &text, None);
    if a.json {
        let out = json!({
            "question": {"id": card.id, "text": card.question, "category": card.category},
            "content": report,
        });
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        print_report(&card.question, &report);
    }
    Ok(())
}

fn mark(b: bool) -> &'static str {
    if b {
        "✓"
    } else {
        "✗"
    }
}

fn print_report(question: &str, r: &ContentReport) {
    println!("{question}\n");
    println!("Content score: {}/100\n", r.score);
    for p in &r.breakdown {
        if p.max > 0.0 {
            println!(
                "  {:<28} {:>5.1} / {:<3}  {}",
                p.label, p.points, p.max, p.detail
            );
        } else {
            println!("  {:<28} {:>5.1}        {}", p.label, p.points, p.detail);
        }
    }
    let s = &r.structure.shares;
    println!(
        "\nSTAR  situation {} {:.0}%  task {} {:.0}%  action {} {:.0}%  result {} {:.0}%  lesson {} {:.0}%",
        mark(r.star.situation),
        s.situation * 100.0,
        mark(r.star.task),
        s.task * 100.0,
        mark(r.star.action),
        s.action * 100.0,
        mark(r.star.result),
        s.result * 100.0,
        mark(r.star.lesson),
        s.lesson * 100.0
    );
    println!("\nKey points");
    for k in &r.key_points {
        match &k.evidence {
            Some(e) => println!(
                "  {} {}  — \"{}\" (sentence {})",
                mark(true),
                k.text,
                e.quote,
                e.sentence + 1
            ),
            None => println!("  {} {}", mark(false), k.text),
        }
    }
    if !r.flags.is_empty() {
        println!("\nFlags");
        for f in &r.flags {
            println!("  ! {}", f.message);
        }
    }
    if !r.tips.is_empty() {
        println!("\nNext time");
        for (k, t) in r.tips.iter().enumerate() {
            match &t.evidence {
                Some(e) => println!(
                    "  {}. {} (+{:.0})  at: \"{}\"",
                    k + 1,
                    t.text,
                    t.gain,
                    e.quote
                ),
                None => println!("  {}. {} (+{:.0})", k + 1, t.text, t.gain),
            }
        }
    }
}
