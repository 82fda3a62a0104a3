//! Markdown backend (CommonMark plus GitHub tables and task lists).
//!
//! Transcripts and notes are user data: every character Markdown could read as syntax, or a
//! renderer could pass through as HTML (`<`, `&`), is backslash-escaped.

use std::fmt::Write;

use super::document::{clock, secs, Block, Callout, Document, Inline, Line, Section};
use super::transcript::{Mark, Piece};

pub(crate) fn render(doc: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", esc_flat(&doc.title));
    out.push_str("*Rehearse practice report*\n\n");
    for (label, value) in &doc.meta {
        let _ = writeln!(out, "- **{label}:** {}", esc_flat(value));
    }
    for s in &doc.sections {
        section(&mut out, s);
    }
    out
}

fn section(out: &mut String, s: &Section) {
    let _ = write!(out, "\n## {}\n", s.title);
    for b in &s.blocks {
        out.push('\n');
        block(out, b);
    }
}

fn block(out: &mut String, b: &Block) {
    match b {
        Block::Scores(cards) => {
            for c in cards {
                let score = c
                    .score
                    .map_or("not scored".to_owned(), |s| format!("{s} / 100"));
                let _ = writeln!(
                    out,
                    "- **{}: {score}** — {}",
                    esc_flat(&c.label),
                    esc_flat(&c.caption)
                );
            }
        }
        Block::Subheading(t) => {
            let _ = writeln!(out, "### {}", esc_flat(t));
        }
        Block::Para(l) => {
            let _ = writeln!(out, "{}", block_start(line(l)));
        }
        Block::Callout(Callout::Norm, l) => {
            let _ = writeln!(out, "*Norm:* {}", line(l));
        }
        Block::Callout(Callout::Tip, l) => {
            let _ = writeln!(out, "> **Tip:** {}", line(l));
        }
        Block::List(items) => {
            for l in items {
                let _ = writeln!(out, "- {}", block_start(line(l)));
            }
        }
        Block::Checklist(items) => {
            for (done, l) in items {
                let _ = writeln!(out, "- [{}] {}", if *done { "x" } else { " " }, line(l));
            }
        }
        Block::Table { head, rows } => {
            let _ = writeln!(out, "| {} |", head.join(" | "));
            let _ = writeln!(out, "|{}", " --- |".repeat(head.len()));
            for r in rows {
                let cells: Vec<String> = r.iter().map(cell).collect();
                let _ = writeln!(out, "| {} |", cells.join(" | "));
            }
        }
        Block::Transcript(pieces) => transcript(out, pieces),
        Block::Notes(notes) => {
            for (at, text) in notes {
                let when = at.map_or("Whole attempt".to_owned(), clock);
                let _ = writeln!(out, "- **{when}** {}", esc(text));
            }
        }
    }
}

fn transcript(out: &mut String, pieces: &[Piece]) {
    if pieces.is_empty() {
        out.push_str("*No words were recognised.*\n");
        return;
    }
    out.push_str(
        "*Legend:* **bold** = filler, _italic_ = hedge, `⏸ 1.8 s` = long pause, \
         **(um)** = filler heard in the audio only.\n\n",
    );
    let mut text = String::new();
    for (i, p) in pieces.iter().enumerate() {
        match p {
            Piece::Words {
                text: words,
                mark,
                space_before,
            } => {
                if *space_before && i > 0 {
                    text.push(' ');
                }
                let w = esc_flat(words);
                match mark {
                    Mark::None => text.push_str(&w),
                    Mark::Filler => {
                        let _ = write!(text, "**{w}**");
                    }
                    Mark::Hedge => {
                        let _ = write!(text, "_{w}_");
                    }
                }
            }
            Piece::Pause(len) => {
                let _ = write!(text, "{}`⏸ {}`", if i > 0 { " " } else { "" }, secs(*len));
            }
            Piece::Heard(label) => {
                let _ = write!(
                    text,
                    "{}**({})**",
                    if i > 0 { " " } else { "" },
                    esc_flat(label)
                );
            }
        }
    }
    out.push_str(&block_start(text));
    out.push('\n');
}

fn inline(out: &mut String, i: &Inline, flat: bool) {
    let e = |s: &str| if flat { esc_flat(s) } else { esc(s) };
    match i {
        Inline::Text(s) => out.push_str(&e(s)),
        Inline::Strong(s) => {
            let _ = write!(out, "**{}**", e(s));
        }
        Inline::Quote(s) => {
            let _ = write!(out, "“{}”", e(s));
        }
        Inline::Time(t) => out.push_str(&clock(*t)),
        Inline::Badge(_, s) => {
            let _ = write!(out, "*{}*", e(s));
        }
    }
}

fn line(l: &Line) -> String {
    let mut out = String::new();
    for i in l {
        inline(&mut out, i, false);
    }
    out
}

/// A table cell: one line only.
fn cell(l: &Line) -> String {
    let mut out = String::new();
    for i in l {
        inline(&mut out, i, true);
    }
    out
}

/// Escapes text inside a paragraph or list item; line breaks become hard breaks that stay
/// inside the item.
pub(crate) fn esc(s: &str) -> String {
    let lines: Vec<String> = s
        .split('\n')
        .enumerate()
        .map(|(i, l)| {
            let l = l.trim_end_matches('\r');
            if i == 0 {
                esc_chars(l)
            } else {
                // A continuation line starts a line of its own: indentation would make code.
                block_start(esc_chars(l.trim_start()))
            }
        })
        .collect();
    lines.join("\\\n  ")
}

/// Escapes text that must stay on one line (headings, table cells, the transcript).
pub(crate) fn esc_flat(s: &str) -> String {
    esc_chars(&s.replace(['\r', '\n'], " "))
}

fn esc_chars(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes what would make a block out of text at the start of a line: "- ", "+ ", "1. " or
/// "1) " start a list, "=" underlines a heading.
pub(crate) fn block_start(s: String) -> String {
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    let at = match s.chars().next() {
        Some('-' | '+' | '=') => 0,
        _ if digits > 0 && {
            let mut rest = s[digits..].chars();
            matches!(rest.next(), Some('.' | ')')) && rest.next().is_none_or(char::is_whitespace)
        } =>
        {
            digits
        }
        _ => return s,
    };
    format!("{}\\{}", &s[..at], &s[at..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_syntax_and_html_in_user_text_are_escaped() {
        assert_eq!(
            esc("<script>alert(1)</script> & *x* _y_ [l](u) `c` | #h ~s~ a\\b"),
            "\\<script\\>alert(1)\\</script\\> \\& \\*x\\* \\_y\\_ \\[l\\](u) \\`c\\` \\| \\#h \\~s\\~ a\\\\b"
        );
        assert_eq!(block_start("- item".into()), "\\- item");
        assert_eq!(block_start("12. item".into()), "12\\. item");
        assert_eq!(block_start("3) item".into()), "3\\) item");
        assert_eq!(block_start("6.6 per minute".into()), "6.6 per minute");
        assert_eq!(block_start("1% better".into()), "1% better");
        assert_eq!(esc_flat(" 6.6 per minute "), " 6.6 per minute ");
        // Line breaks stay inside the list item instead of ending it.
        assert_eq!(esc("one\n- two"), "one\\\n  \\- two");
        assert_eq!(esc_flat("one\ntwo | three"), "one two \\| three");
    }
}
