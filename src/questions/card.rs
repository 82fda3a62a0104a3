//! The card: one interview question with its guidance and the rubric content scoring uses.
//!
//! Every rule of the card format is checked while deserialising, so a bad file fails at the
//! line of the bad value (TOML and JSON report positions) and the error names the field.

use super::cues::Cue;
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// An interview question with its guidance. See the card format in the questions module docs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Card {
    pub id: Slug,
    #[serde(deserialize_with = "text")]
    pub question: String,
    #[serde(deserialize_with = "text")]
    pub prompt: String,
    pub category: Category,
    pub difficulty: Difficulty,
    #[serde(deserialize_with = "principles")]
    pub leadership_principles: Vec<LeadershipPrinciple>,
    pub tags: Vec<Tag>,
    /// Whether a STAR story is expected (false for e.g. "Why this company?").
    pub star: bool,
    #[serde(deserialize_with = "text")]
    pub why_asked: String,
    #[serde(deserialize_with = "steps")]
    pub how_to_answer: Vec<String>,
    #[serde(deserialize_with = "text")]
    pub sample_answer: String,
    #[serde(deserialize_with = "follow_ups")]
    pub follow_ups: Vec<String>,
    pub target_length: TargetLength,
    #[serde(deserialize_with = "key_points")]
    pub key_points: Vec<RubricItem>,
    #[serde(deserialize_with = "mistakes")]
    pub mistakes: Vec<RubricItem>,
}

/// A key point to cover or a mistake to avoid, with the phrases that show it in an answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RubricItem {
    pub id: Slug,
    #[serde(deserialize_with = "text")]
    pub text: String,
    #[serde(deserialize_with = "cues")]
    pub cues: Vec<Cue>,
}

/// How long a spoken answer should take, in seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawTargetLength")]
pub struct TargetLength {
    pub min_s: u32,
    pub max_s: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTargetLength {
    min_s: u32,
    max_s: u32,
}

impl TryFrom<RawTargetLength> for TargetLength {
    type Error = String;
    fn try_from(raw: RawTargetLength) -> Result<Self, String> {
        if raw.min_s < 10 || raw.max_s > 1200 || raw.min_s >= raw.max_s {
            return Err(format!(
                "min_s {} and max_s {} must satisfy 10 <= min_s < max_s <= 1200",
                raw.min_s, raw.max_s
            ));
        }
        Ok(TargetLength {
            min_s: raw.min_s,
            max_s: raw.max_s,
        })
    }
}

/// A readable identifier: lower-case letters, digits and single hyphens.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

impl Slug {
    pub fn parse(s: &str) -> Result<Slug, String> {
        let ok_chars = s
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if s.is_empty() || !ok_chars || s.starts_with('-') || s.ends_with('-') || s.contains("--") {
            return Err(format!(
                "{s:?} is not a valid id: use lower-case letters, digits and single hyphens (e.g. \"tell-me-about-a-time-you-failed\")"
            ));
        }
        Ok(Slug(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Slug {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Slug::parse(&s)
    }
}

impl From<Slug> for String {
    fn from(s: Slug) -> String {
        s.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for Slug {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

/// A free lower-case tag (a competency, a theme).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Tag(String);

impl Tag {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Tag {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        if s.trim().is_empty() || s.trim() != s || s.chars().any(char::is_uppercase) {
            return Err(format!(
                "tag {s:?} must be non-empty, lower case and trimmed"
            ));
        }
        Ok(Tag(s))
    }
}

impl From<Tag> for String {
    fn from(t: Tag) -> String {
        t.0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Difficulty {
    Easy,
    Medium,
    Hard,
}

impl Difficulty {
    pub fn as_str(self) -> &'static str {
        match self {
            Difficulty::Easy => "easy",
            Difficulty::Medium => "medium",
            Difficulty::Hard => "hard",
        }
    }
}

macro_rules! named_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant,)*
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            pub fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }

            /// Looks a name up ignoring case, for command-line filters.
            pub fn from_name(name: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.name().eq_ignore_ascii_case(name.trim()))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}

named_enum!(
    /// The theme of a question.
    Category {
        Failure = "Failure",
        Conflict = "Conflict",
        Leadership = "Leadership",
        Teamwork = "Teamwork",
        Deadline = "Deadline",
        Ambiguity = "Ambiguity",
        Customer = "Customer",
        Data = "Data",
        Disagreement = "Disagreement",
        Weakness = "Weakness",
        Achievement = "Achievement",
        Initiative = "Initiative",
        Innovation = "Innovation",
        Learning = "Learning",
        Prioritization = "Prioritization",
        Influence = "Influence",
        Ethics = "Ethics",
        Feedback = "Feedback",
        Hiring = "Hiring",
        General = "General",
    }
);

named_enum!(
    /// Amazon's sixteen leadership principles, by their exact names.
    LeadershipPrinciple {
        CustomerObsession = "Customer Obsession",
        Ownership = "Ownership",
        InventAndSimplify = "Invent and Simplify",
        AreRightALot = "Are Right, A Lot",
        LearnAndBeCurious = "Learn and Be Curious",
        HireAndDevelopTheBest = "Hire and Develop the Best",
        InsistOnTheHighestStandards = "Insist on the Highest Standards",
        ThinkBig = "Think Big",
        BiasForAction = "Bias for Action",
        Frugality = "Frugality",
        EarnTrust = "Earn Trust",
        DiveDeep = "Dive Deep",
        HaveBackboneDisagreeAndCommit = "Have Backbone; Disagree and Commit",
        DeliverResults = "Deliver Results",
        StriveToBeEarthsBestEmployer = "Strive to be Earth's Best Employer",
        SuccessAndScaleBringBroadResponsibility = "Success and Scale Bring Broad Responsibility",
    }
);

fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    if s.trim().is_empty() {
        return Err(serde::de::Error::custom("must not be empty"));
    }
    Ok(s)
}

fn bounded<'de, D, T>(d: D, what: &str, min: usize, max: usize) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    let items = Vec::<T>::deserialize(d)?;
    if items.len() < min || items.len() > max {
        return Err(serde::de::Error::custom(format!(
            "has {} {what}; a card needs {min} to {max}",
            items.len()
        )));
    }
    Ok(items)
}

fn non_empty_strings<E: serde::de::Error>(items: &[String]) -> Result<(), E> {
    match items.iter().position(|s| s.trim().is_empty()) {
        Some(k) => Err(E::custom(format!("item {} is empty", k + 1))),
        None => Ok(()),
    }
}

fn steps<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let items: Vec<String> = bounded(d, "steps", 3, 6)?;
    non_empty_strings(&items)?;
    Ok(items)
}

fn follow_ups<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let items: Vec<String> = bounded(d, "follow-up questions", 2, 3)?;
    non_empty_strings(&items)?;
    Ok(items)
}

fn principles<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<LeadershipPrinciple>, D::Error> {
    let items = Vec::<LeadershipPrinciple>::deserialize(d)?;
    if let Some(dup) = first_duplicate(items.iter().map(|p| p.name())) {
        return Err(serde::de::Error::custom(format!("{dup:?} is listed twice")));
    }
    Ok(items)
}

fn rubric<'de, D: Deserializer<'de>>(
    d: D,
    what: &str,
    min: usize,
    max: usize,
) -> Result<Vec<RubricItem>, D::Error> {
    let items: Vec<RubricItem> = bounded(d, what, min, max)?;
    if let Some(dup) = first_duplicate(items.iter().map(|k| k.id.as_str())) {
        return Err(serde::de::Error::custom(format!(
            "id {dup:?} is used twice; ids must be unique within the list"
        )));
    }
    Ok(items)
}

fn key_points<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<RubricItem>, D::Error> {
    rubric(d, "key points", 3, 6)
}

fn mistakes<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<RubricItem>, D::Error> {
    rubric(d, "mistakes", 2, 5)
}

fn cues<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Cue>, D::Error> {
    let items: Vec<Cue> = bounded(d, "cues", 4, 12)?;
    if let Some(dup) = first_duplicate(items.iter().map(|c| c.as_str())) {
        return Err(serde::de::Error::custom(format!(
            "cue {dup:?} is listed twice"
        )));
    }
    Ok(items)
}

fn first_duplicate<'a>(items: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let mut seen = std::collections::HashSet::new();
    items.into_iter().find(|item| !seen.insert(*item))
}

impl Card {
    /// Every cue of the card's key points and mistakes, for checks over the whole rubric.
    pub fn all_cues(&self) -> impl Iterator<Item = &Cue> {
        self.key_points
            .iter()
            .chain(&self.mistakes)
            .flat_map(|item| &item.cues)
    }
}
