//! `rehearse questions …`: browse the bank, manage custom cards, import and export.

use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand, ValueEnum};
use rehearse::questions::import_export::{export_json, export_markdown, read_cards_file};
use rehearse::questions::{
    self, parse, Card, Category, CustomCards, Difficulty, LeadershipPrinciple, Origin,
};
use serde::Serialize;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum QuestionsCommand {
    /// List cards (built-in and custom), optionally filtered.
    List(ListArgs),
    /// Show one card.
    Show {
        id: String,
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
        /// Same as --format json.
        #[arg(long)]
        json: bool,
    },
    /// Import custom cards from a .toml, .json or .md file (all or nothing).
    Import {
        file: PathBuf,
        /// Overwrite custom cards that already exist with the same id.
        #[arg(long)]
        replace: bool,
    },
    /// Export cards as JSON or Markdown.
    Export {
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
        /// Write to this file instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Only the custom cards.
        #[arg(long)]
        custom: bool,
        /// Only these card ids (repeatable).
        #[arg(long = "id")]
        ids: Vec<String>,
    },
    /// Create a custom card from a .toml, .json or .md file holding one card.
    New {
        #[arg(long)]
        from: PathBuf,
    },
    /// Replace a custom card with the card in a file (the ids must match).
    Edit {
        id: String,
        #[arg(long)]
        from: PathBuf,
    },
    /// Delete a custom card.
    Delete { id: String },
    /// Check a card file without importing it.
    Check { file: PathBuf },
    /// Print the folder that holds custom cards.
    Dir,
}

#[derive(Args)]
pub struct ListArgs {
    #[arg(long)]
    json: bool,
    /// Only this category (e.g. Failure, Conflict).
    #[arg(long)]
    category: Option<String>,
    /// Only cards tagged with this leadership principle (e.g. "Dive Deep").
    #[arg(long)]
    principle: Option<String>,
    #[arg(long, value_enum)]
    difficulty: Option<DifficultyArg>,
    /// Only cards whose question, id or tags contain this text.
    #[arg(long)]
    search: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
    Toml,
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Json,
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum DifficultyArg {
    Easy,
    Medium,
    Hard,
}

pub fn run(c: QuestionsCommand) -> Result<()> {
    match c {
        QuestionsCommand::List(a) => list(a),
        QuestionsCommand::Show { id, format, json } => {
            show(&id, if json { ShowFormat::Json } else { format })
        }
        QuestionsCommand::Import { file, replace } => import(&file, replace),
        QuestionsCommand::Export {
            format,
            out,
            custom,
            ids,
        } => export(format, out, custom, &ids),
        QuestionsCommand::New { from } => {
            let card = one_card(&from)?;
            let path = CustomCards::open().create(&card)?;
            println!("created {} ({})", card.id, path.display());
            Ok(())
        }
        QuestionsCommand::Edit { id, from } => {
            let card = one_card(&from)?;
            if card.id.as_str() != id {
                bail!(
                    "{}: the card's id is {:?} but you asked to edit {id:?}",
                    from.display(),
                    card.id.as_str()
                );
            }
            let path = CustomCards::open().update(&card)?;
            println!("updated {} ({})", card.id, path.display());
            Ok(())
        }
        QuestionsCommand::Delete { id } => {
            CustomCards::open().delete(&id)?;
            println!("deleted {id}");
            Ok(())
        }
        QuestionsCommand::Check { file } => {
            let cards = read_cards_file(&file)?;
            println!("{}: {} valid card(s)", file.display(), cards.len());
            Ok(())
        }
        QuestionsCommand::Dir => {
            println!("{}", CustomCards::open().dir().display());
            Ok(())
        }
    }
}

fn one_card(path: &std::path::Path) -> Result<Card> {
    let mut cards = read_cards_file(path)?;
    if cards.len() != 1 {
        bail!(
            "{}: holds {} cards; give a file with exactly one",
            path.display(),
            cards.len()
        );
    }
    Ok(cards.remove(0))
}

/// All cards, warning (not failing) about custom files that do not load.
fn all_cards() -> Result<Vec<(Card, Origin)>> {
    let library = questions::all()?;
    for p in library.problems {
        eprintln!("warning: skipped a custom card: {p}");
    }
    Ok(library.cards)
}

#[derive(Serialize)]
struct ListItem<'a> {
    id: &'a str,
    question: &'a str,
    category: Category,
    difficulty: Difficulty,
    leadership_principles: &'a [LeadershipPrinciple],
    tags: Vec<&'a str>,
    star: bool,
    origin: Origin,
}

fn list(a: ListArgs) -> Result<()> {
    let category = match &a.category {
        Some(c) => Some(Category::from_name(c).with_context(|| {
            let names: Vec<&str> = Category::ALL.iter().map(|c| c.name()).collect();
            format!("unknown category {c:?}; one of: {}", names.join(", "))
        })?),
        None => None,
    };
    let principle = match &a.principle {
        Some(p) => Some(LeadershipPrinciple::from_name(p).with_context(|| {
            let names: Vec<&str> = LeadershipPrinciple::ALL.iter().map(|p| p.name()).collect();
            format!(
                "unknown leadership principle {p:?}; one of: {}",
                names.join("; ")
            )
        })?),
        None => None,
    };
    let difficulty = a.difficulty.map(|d| match d {
        DifficultyArg::Easy => Difficulty::Easy,
        DifficultyArg::Medium => Difficulty::Medium,
        DifficultyArg::Hard => Difficulty::Hard,
    });
    let search = a.search.as_deref().map(str::to_lowercase);
    let cards = all_cards()?;
    let items: Vec<ListItem> = cards
        .iter()
        .filter(|(c, _)| category.is_none_or(|x| c.category == x))
        .filter(|(c, _)| principle.is_none_or(|p| c.leadership_principles.contains(&p)))
        .filter(|(c, _)| difficulty.is_none_or(|d| c.difficulty == d))
        .filter(|(c, _)| {
            search.as_deref().is_none_or(|s| {
                c.question.to_lowercase().contains(s)
                    || c.id.as_str().contains(s)
                    || c.tags.iter().any(|t| t.as_str().contains(s))
            })
        })
        .map(|(c, origin)| ListItem {
            id: c.id.as_str(),
            question: &c.question,
            category: c.category,
            difficulty: c.difficulty,
            leadership_principles: &c.leadership_principles,
            tags: c.tags.iter().map(|t| t.as_str()).collect(),
            star: c.star,
            origin: *origin,
        })
        .collect();
    if a.json {
        println!("{}", serde_json::to_string_pretty(&items)?);
        return Ok(());
    }
    let width = items.iter().map(|i| i.id.len()).max().unwrap_or(0);
    for i in &items {
        let mark = if i.origin == Origin::Custom {
            " (custom)"
        } else {
            ""
        };
        println!(
            "{:width$}  {:<14} {:<6}  {}{mark}",
            i.id,
            i.category.name(),
            i.difficulty.as_str(),
            i.question
        );
    }
    eprintln!("{} card(s)", items.len());
    Ok(())
}

fn show(id: &str, format: ShowFormat) -> Result<()> {
    let (card, origin) = questions::find(id)?;
    match format {
        ShowFormat::Json => println!("{}", serde_json::to_string_pretty(&card)?),
        ShowFormat::Toml => print!("{}", parse::to_toml(&card)),
        ShowFormat::Markdown => print!("{}", export_markdown(std::slice::from_ref(&card))),
        ShowFormat::Text => print_card(&card, origin),
    }
    Ok(())
}

fn print_card(c: &Card, origin: Origin) {
    println!("{}\n", c.question);
    println!("id: {}   ({:?})", c.id, origin);
    println!(
        "category: {}   difficulty: {}",
        c.category,
        c.difficulty.as_str()
    );
    let lps: Vec<&str> = c.leadership_principles.iter().map(|p| p.name()).collect();
    if !lps.is_empty() {
        println!("leadership principles: {}", lps.join("; "));
    }
    println!(
        "target: {}–{} s{}",
        c.target_length.min_s,
        c.target_length.max_s,
        if c.star { ", STAR story expected" } else { "" }
    );
    println!(
        "\n{}\n\nWhy interviewers ask this\n  {}\n",
        c.prompt, c.why_asked
    );
    println!("How to answer");
    for (k, s) in c.how_to_answer.iter().enumerate() {
        println!("  {}. {s}", k + 1);
    }
    println!("\nKey points to cover");
    for k in &c.key_points {
        println!("  - {}", k.text);
    }
    println!("\nCommon mistakes");
    for m in &c.mistakes {
        println!("  - {}", m.text);
    }
    println!("\nSample answer\n{}\n", c.sample_answer.trim());
    println!("Follow-up questions");
    for q in &c.follow_ups {
        println!("  - {q}");
    }
}

fn import(file: &std::path::Path, replace: bool) -> Result<()> {
    let cards = read_cards_file(file)?;
    let outcome = CustomCards::open().import(&cards, replace)?;
    for id in &outcome.unchanged_builtin {
        eprintln!("skipped {id}: identical to the built-in card");
    }
    println!(
        "imported {} card(s) into {}",
        outcome.written.len(),
        CustomCards::open().dir().display()
    );
    Ok(())
}

fn export(format: ExportFormat, out: Option<PathBuf>, custom: bool, ids: &[String]) -> Result<()> {
    let cards: Vec<Card> = all_cards()?
        .into_iter()
        .filter(|(_, o)| !custom || *o == Origin::Custom)
        .filter(|(c, _)| ids.is_empty() || ids.iter().any(|i| c.id == **i))
        .map(|(c, _)| c)
        .collect();
    if let Some(missing) = ids.iter().find(|i| !cards.iter().any(|c| c.id == ***i)) {
        bail!("no card with id {missing:?}");
    }
    let text = match format {
        ExportFormat::Json => export_json(&cards) + "\n",
        ExportFormat::Markdown => export_markdown(&cards),
    };
    match out {
        Some(path) => {
            std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
            eprintln!("exported {} card(s) to {}", cards.len(), path.display());
        }
        None => print!("{text}"),
    }
    Ok(())
}
