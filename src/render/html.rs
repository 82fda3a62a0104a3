//! HTML backend: one self-contained page with inline styles only (no scripts, fonts or remote
//! URLs), light and dark via `prefers-color-scheme`, and print styles.
//!
//! Every piece of text passes through [`esc`]. A Content-Security-Policy that forbids all
//! scripts backs that up should a browser ever read user text as markup.

use std::fmt::Write;

use super::document::{
    clock, score_tone, secs, Block, Callout, Document, Inline, Line, Section, Tone,
};
use super::transcript::{Mark, Piece};

const STYLE: &str = include_str!("report.css");

pub(crate) fn render(doc: &Document) -> String {
    let mut out = String::with_capacity(32 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" \
         content=\"default-src 'none'; style-src 'unsafe-inline'\">\n",
    );
    out.push_str("<meta name=\"color-scheme\" content=\"light dark\">\n");
    let _ = writeln!(out, "<title>{} — Rehearse report</title>", esc(&doc.title));
    let _ = writeln!(out, "<style>\n{STYLE}</style>\n</head>\n<body>\n<main>");
    out.push_str("<header>\n<p class=\"eyebrow\">Rehearse practice report</p>\n");
    let _ = writeln!(out, "<h1>{}</h1>\n<dl class=\"meta\">", esc(&doc.title));
    for (label, value) in &doc.meta {
        let _ = writeln!(
            out,
            "<div><dt>{}</dt><dd>{}</dd></div>",
            esc(label),
            esc(value)
        );
    }
    out.push_str("</dl>\n</header>\n");
    for s in &doc.sections {
        section(&mut out, s);
    }
    out.push_str(
        "<footer>Made by Rehearse on the speaker's own computer. Scores are coaching \
         heuristics, not a hiring verdict.</footer>\n</main>\n</body>\n</html>\n",
    );
    out
}

fn section(out: &mut String, s: &Section) {
    let _ = writeln!(
        out,
        "<section id=\"{}\">\n<h2>{}</h2>",
        esc(s.id),
        esc(s.title)
    );
    for b in &s.blocks {
        block(out, b);
    }
    out.push_str("</section>\n");
}

fn tone_class(t: Tone) -> &'static str {
    match t {
        Tone::Good => "good",
        Tone::Warn => "warn",
        Tone::Bad => "bad",
        Tone::Plain => "plain",
    }
}

fn block(out: &mut String, b: &Block) {
    match b {
        Block::Scores(cards) => {
            out.push_str("<div class=\"scores\">\n");
            for c in cards {
                let (class, value) = match c.score {
                    Some(s) => (tone_class(score_tone(s)), s.to_string()),
                    None => ("plain", "–".to_owned()),
                };
                let _ = writeln!(
                    out,
                    "<div class=\"score {class}\"><p class=\"label\">{}</p>\
                     <p class=\"value\">{}<span>/100</span></p><p class=\"caption\">{}</p></div>",
                    esc(&c.label),
                    esc(&value),
                    esc(&c.caption)
                );
            }
            out.push_str("</div>\n");
        }
        Block::Subheading(t) => {
            let _ = writeln!(out, "<h3>{}</h3>", esc(t));
        }
        Block::Para(l) => {
            let _ = writeln!(out, "<p>{}</p>", line(l));
        }
        Block::Callout(Callout::Norm, l) => {
            let _ = writeln!(out, "<p class=\"norm\"><b>Norm</b> {}</p>", line(l));
        }
        Block::Callout(Callout::Tip, l) => {
            let _ = writeln!(out, "<p class=\"tip\"><b>Tip</b> {}</p>", line(l));
        }
        Block::List(items) => {
            out.push_str("<ul>\n");
            for l in items {
                let _ = writeln!(out, "<li>{}</li>", line(l));
            }
            out.push_str("</ul>\n");
        }
        Block::Checklist(items) => {
            out.push_str("<ul class=\"checklist\">\n");
            for (done, l) in items {
                let (class, sign, said) = if *done {
                    ("done", "✓", "yes")
                } else {
                    ("missing", "✗", "no")
                };
                let _ = writeln!(
                    out,
                    "<li class=\"{class}\"><span class=\"check\" aria-label=\"{said}\">{sign}</span> {}</li>",
                    line(l)
                );
            }
            out.push_str("</ul>\n");
        }
        Block::Table { head, rows } => {
            out.push_str("<table>\n<thead><tr>");
            for h in head {
                let _ = write!(out, "<th>{}</th>", esc(h));
            }
            out.push_str("</tr></thead>\n<tbody>\n");
            for r in rows {
                out.push_str("<tr>");
                for c in r {
                    let _ = write!(out, "<td>{}</td>", line(c));
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody>\n</table>\n");
        }
        Block::Transcript(pieces) => transcript(out, pieces),
        Block::Notes(notes) => {
            out.push_str("<ul class=\"notes\">\n");
            for (at, text) in notes {
                let when = at.map_or("Whole attempt".to_owned(), clock);
                let _ = writeln!(
                    out,
                    "<li><span class=\"time\">{}</span> <span class=\"note\">{}</span></li>",
                    esc(&when),
                    esc(text)
                );
            }
            out.push_str("</ul>\n");
        }
    }
}

fn transcript(out: &mut String, pieces: &[Piece]) {
    if pieces.is_empty() {
        out.push_str("<p class=\"muted\">No words were recognised.</p>\n");
        return;
    }
    out.push_str(
        "<p class=\"legend\"><mark class=\"filler\">filler</mark> \
         <mark class=\"hedge\">hedge</mark> <span class=\"pause\">⏸ long pause</span> \
         <mark class=\"filler heard\">heard in the audio only</mark></p>\n<p class=\"transcript\">",
    );
    for (i, p) in pieces.iter().enumerate() {
        let gap = if i > 0 { " " } else { "" };
        match p {
            Piece::Words {
                text,
                mark,
                space_before,
            } => {
                if *space_before && i > 0 {
                    out.push(' ');
                }
                match mark {
                    Mark::None => out.push_str(&esc(text)),
                    Mark::Filler => {
                        let _ = write!(out, "<mark class=\"filler\">{}</mark>", esc(text));
                    }
                    Mark::Hedge => {
                        let _ = write!(out, "<mark class=\"hedge\">{}</mark>", esc(text));
                    }
                }
            }
            Piece::Pause(len) => {
                let _ = write!(
                    out,
                    "{gap}<span class=\"pause\">⏸ {}</span>",
                    esc(&secs(*len))
                );
            }
            Piece::Heard(label) => {
                let _ = write!(
                    out,
                    "{gap}<mark class=\"filler heard\" title=\"heard in the audio only\">({})</mark>",
                    esc(label)
                );
            }
        }
    }
    out.push_str("</p>\n");
}

fn line(l: &Line) -> String {
    let mut out = String::new();
    for i in l {
        match i {
            Inline::Text(s) => out.push_str(&esc(s)),
            Inline::Strong(s) => {
                let _ = write!(out, "<strong>{}</strong>", esc(s));
            }
            Inline::Quote(s) => {
                let _ = write!(out, "<q>{}</q>", esc(s));
            }
            Inline::Time(t) => {
                let _ = write!(out, "<span class=\"time\">{}</span>", esc(&clock(*t)));
            }
            Inline::Badge(tone, s) => {
                let _ = write!(
                    out,
                    "<span class=\"badge {}\">{}</span>",
                    tone_class(*tone),
                    esc(s)
                );
            }
        }
    }
    out
}

/// Escapes text for element content and quoted attribute values alike.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_markup_character() {
        assert_eq!(
            esc(r#"<script>alert("x") & 'y'</script>"#),
            "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;"
        );
        assert_eq!(esc("plain ✓ text"), "plain ✓ text");
    }
}
