//! Reading back the Markdown that `export_markdown` writes.
//!
//! The document is turned into the same field tree a JSON card has, remembering the line each
//! field came from, and then checked by the one card deserialiser, so Markdown cards obey
//! exactly the rules TOML and JSON cards do and errors still point at a line.

use super::card::Card;
use super::parse::CardError;
use serde_json::{json, Map, Value};
use std::collections::HashMap;

struct Builder<'a> {
    source_name: &'a str,
    fields: Map<String, Value>,
    lines: HashMap<String, usize>,
    heading_line: usize,
}

impl Builder<'_> {
    fn set(&mut self, path: &str, value: Value, line: usize) {
        self.fields.insert(path.to_string(), value);
        self.lines.insert(path.to_string(), line);
    }

    fn error(&self, line: usize, field: &str, message: impl Into<String>) -> CardError {
        CardError::Invalid {
            source_name: self.source_name.to_string(),
            line,
            column: 1,
            field: field.to_string(),
            message: message.into(),
        }
    }

    fn finish(self) -> Result<Card, CardError> {
        let value = Value::Object(self.fields.clone());
        serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            let mut probe = path.as_str();
            // Walk up `key_points[1].cues[3]` -> `key_points[1].cues` -> `key_points[1]` ...
            let line = loop {
                if let Some(&line) = self.lines.get(probe) {
                    break line;
                }
                match probe.rfind(['.', '[']) {
                    Some(cut) => probe = &probe[..cut],
                    None => break self.heading_line,
                }
            };
            let field = if path == "." {
                "(card)".to_string()
            } else {
                path
            };
            self.error(line, &field, e.into_inner().to_string())
        })
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Section {
    Meta,
    Text(&'static str),
    Steps,
    Rubric(&'static str),
    FollowUps,
}

/// Parses every card of a Markdown document in the export format.
pub fn parse_markdown(source_name: &str, src: &str) -> Result<Vec<Card>, CardError> {
    let lines: Vec<&str> = src.lines().collect();
    let mut cards = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim_end();
        if let Some(question) = line.strip_prefix("# ") {
            let end = (i + 1..lines.len())
                .find(|&k| lines[k].starts_with("# "))
                .unwrap_or(lines.len());
            cards.push(parse_card(source_name, &lines, i, end, question.trim())?);
            i = end;
        } else if line.trim().is_empty() || line.trim() == "---" {
            i += 1;
        } else {
            return Err(CardError::Invalid {
                source_name: source_name.to_string(),
                line: i + 1,
                column: 1,
                field: "(document)".to_string(),
                message: "expected a card starting with a `# question` heading".to_string(),
            });
        }
    }
    Ok(cards)
}

fn parse_card(
    source_name: &str,
    lines: &[&str],
    start: usize,
    end: usize,
    question: &str,
) -> Result<Card, CardError> {
    let mut b = Builder {
        source_name,
        fields: Map::new(),
        lines: HashMap::new(),
        heading_line: start + 1,
    };
    b.set("question", json!(question), start + 1);
    let mut section = Section::Meta;
    let mut body: Vec<(usize, &str)> = Vec::new();
    let mut section_line = start + 1;
    for (k, raw) in lines.iter().enumerate().take(end).skip(start + 1) {
        let line = raw.trim_end();
        if let Some(title) = line.strip_prefix("## ") {
            flush(&mut b, section, section_line, &body)?;
            body.clear();
            section_line = k + 1;
            section = match title.trim().to_ascii_lowercase().as_str() {
                "prompt" => Section::Text("prompt"),
                "why interviewers ask this" => Section::Text("why_asked"),
                "how to answer" => Section::Steps,
                "key points" => Section::Rubric("key_points"),
                "sample answer" => Section::Text("sample_answer"),
                "common mistakes" => Section::Rubric("mistakes"),
                "follow-up questions" => Section::FollowUps,
                other => {
                    return Err(b.error(k + 1, "(section)", format!("unknown section {other:?}")))
                }
            };
        } else if line.trim() != "---" {
            body.push((k + 1, line));
        }
    }
    flush(&mut b, section, section_line, &body)?;
    b.finish()
}

fn flush(
    b: &mut Builder,
    section: Section,
    section_line: usize,
    body: &[(usize, &str)],
) -> Result<(), CardError> {
    match section {
        Section::Meta => meta(b, body),
        Section::Text(field) => {
            b.set(field, json!(paragraphs(body)), section_line);
            Ok(())
        }
        Section::Steps => {
            let items = list_items(body, true);
            b.set("how_to_answer", json!(strings(&items)), section_line);
            Ok(())
        }
        Section::FollowUps => {
            let items = list_items(body, false);
            b.set("follow_ups", json!(strings(&items)), section_line);
            Ok(())
        }
        Section::Rubric(field) => rubric(b, field, section_line, body),
    }
}

fn strings(items: &[(usize, String)]) -> Vec<&str> {
    items.iter().map(|(_, s)| s.as_str()).collect()
}

/// A text section as written: lines kept (so an export reads back unchanged), blank lines
/// around it dropped.
fn paragraphs(body: &[(usize, &str)]) -> String {
    let lines: Vec<&str> = body.iter().map(|(_, l)| l.trim_end()).collect();
    let first = lines
        .iter()
        .position(|l| !l.is_empty())
        .unwrap_or(lines.len());
    let last = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(first, |k| k + 1);
    lines[first..last].join("\n")
}

/// List items ("- x" or "1. x"), continuation lines folded into the item.
fn list_items(body: &[(usize, &str)], numbered: bool) -> Vec<(usize, String)> {
    let mut items: Vec<(usize, String)> = Vec::new();
    for &(n, line) in body {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let marker = if let Some(rest) = t.strip_prefix("- ").or_else(|| t.strip_prefix("* ")) {
            Some(rest)
        } else if numbered {
            t.split_once(". ")
                .filter(|(num, _)| !num.is_empty() && num.chars().all(|c| c.is_ascii_digit()))
                .map(|(_, rest)| rest)
        } else {
            None
        };
        match (marker, items.last_mut()) {
            (Some(rest), _) => items.push((n, rest.trim().to_string())),
            (None, Some((_, item))) => {
                item.push(' ');
                item.push_str(t);
            }
            (None, None) => items.push((n, t.to_string())),
        }
    }
    items
}

fn ticked(value: &str) -> Vec<String> {
    value
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

fn meta(b: &mut Builder, body: &[(usize, &str)]) -> Result<(), CardError> {
    for (n, line) in list_items(body, false) {
        let Some((key, value)) = line.split_once(':') else {
            return Err(b.error(n, "(metadata)", "expected `- name: value`"));
        };
        let value = value.trim();
        match key.trim().to_ascii_lowercase().as_str() {
            "id" => b.set("id", json!(value.trim_matches('`')), n),
            "category" => b.set("category", json!(value), n),
            "difficulty" => b.set("difficulty", json!(value), n),
            "leadership principles" => {
                if !value.is_empty() && !value.contains('`') {
                    return Err(b.error(
                        n,
                        "leadership_principles",
                        "wrap each principle in backticks: `Ownership`, `Dive Deep`",
                    ));
                }
                b.set("leadership_principles", json!(ticked(value)), n)
            }
            "tags" => {
                let tags: Vec<String> = if value.contains('`') {
                    ticked(value)
                } else {
                    value
                        .split(',')
                        .map(|t| t.trim().to_string())
                        .filter(|t| !t.is_empty())
                        .collect()
                };
                b.set("tags", json!(tags), n)
            }
            "star answer" => {
                let star = match value.to_ascii_lowercase().as_str() {
                    "yes" | "true" => true,
                    "no" | "false" => false,
                    _ => return Err(b.error(n, "star", "expected yes or no")),
                };
                b.set("star", json!(star), n)
            }
            "target length" => {
                let range = value.trim_end_matches('s').trim();
                let parsed = range
                    .split_once(['-', '–'])
                    .and_then(|(lo, hi)| Some((lo.trim().parse().ok()?, hi.trim().parse().ok()?)));
                let Some((min_s, max_s)) = parsed else {
                    return Err(b.error(n, "target_length", "expected e.g. `90-180 s`"));
                };
                let min_s: u32 = min_s;
                let max_s: u32 = max_s;
                b.set("target_length", json!({"min_s": min_s, "max_s": max_s}), n)
            }
            other => return Err(b.error(n, "(metadata)", format!("unknown field {other:?}"))),
        }
    }
    Ok(())
}

fn rubric(
    b: &mut Builder,
    field: &str,
    section_line: usize,
    body: &[(usize, &str)],
) -> Result<(), CardError> {
    let mut items: Vec<Value> = Vec::new();
    for &(n, line) in body {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        if let Some(item) = t.strip_prefix("- ") {
            let Some((id, text)) = item
                .strip_prefix("**")
                .and_then(|rest| rest.split_once("**:"))
            else {
                return Err(b.error(
                    n,
                    field,
                    "expected `- **id**: text` then `  cues: \"a\", \"b\"`",
                ));
            };
            b.lines.insert(format!("{field}[{}]", items.len()), n);
            items.push(json!({"id": id.trim(), "text": text.trim(), "cues": []}));
        } else if let Some(cues) = t.strip_prefix("cues:") {
            let Some(k) = items.len().checked_sub(1) else {
                return Err(b.error(n, field, "cues come after their `- **id**: text` line"));
            };
            b.lines.insert(format!("{field}[{k}].cues"), n);
            items[k]["cues"] = json!(quoted(cues));
        } else if let Some(item) = items.last_mut() {
            // A wrapped description continues the item's text.
            let text = format!("{} {t}", item["text"].as_str().unwrap_or_default());
            item["text"] = json!(text);
        } else {
            return Err(b.error(n, field, "expected `- **id**: text`"));
        }
    }
    b.set(field, Value::Array(items), section_line);
    Ok(())
}

fn quoted(list: &str) -> Vec<String> {
    list.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}
