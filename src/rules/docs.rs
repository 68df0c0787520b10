//! The long explanation of every rule: what it checks, why, an example that fails and one that
//! passes. They are written in `src/rules/docs/<module>.md`, one file per rule module (the
//! `BREAKING-*` rules in `breaking.md`), one section per rule:
//!
//! ````markdown
//! ## TITLE-MAX-30
//!
//! What: info.title is at most 30 characters long.
//!
//! Why: the validator rejects longer titles …
//!
//! Fails:
//! ```json patch
//! {"info": {"title": "Contoso Tasks and Projects Manager"}}
//! ```
//!
//! Passes:
//! ```json patch
//! {"info": {"title": "Contoso Tasks"}}
//! ```
//! ````
//!
//! The info string of an example says what it is, so a test can run it through the checker
//! (see [`ExampleKind`]); an example with another info string only illustrates. A test fails
//! when a rule of the registry has no section, a section names no rule, or a part is missing.

use super::RuleId;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The explanation files (path, text), one per rule module.
pub const FILES: &[(&str, &str)] = &[
    (
        "src/rules/docs/document.md",
        include_str!("docs/document.md"),
    ),
    ("src/rules/docs/info.md", include_str!("docs/info.md")),
    ("src/rules/docs/host.md", include_str!("docs/host.md")),
    ("src/rules/docs/contact.md", include_str!("docs/contact.md")),
    (
        "src/rules/docs/metadata.md",
        include_str!("docs/metadata.md"),
    ),
    (
        "src/rules/docs/security.md",
        include_str!("docs/security.md"),
    ),
    (
        "src/rules/docs/operations.md",
        include_str!("docs/operations.md"),
    ),
    (
        "src/rules/docs/parameters.md",
        include_str!("docs/parameters.md"),
    ),
    (
        "src/rules/docs/responses.md",
        include_str!("docs/responses.md"),
    ),
    ("src/rules/docs/readme.md", include_str!("docs/readme.md")),
    ("src/rules/docs/intro.md", include_str!("docs/intro.md")),
    (
        "src/rules/docs/api_properties.md",
        include_str!("docs/api_properties.md"),
    ),
    ("src/rules/docs/folder.md", include_str!("docs/folder.md")),
    ("src/rules/docs/script.md", include_str!("docs/script.md")),
    (
        "src/rules/docs/pull_request.md",
        include_str!("docs/pull_request.md"),
    ),
    (
        "src/rules/docs/placeholder.md",
        include_str!("docs/placeholder.md"),
    ),
    ("src/rules/docs/tree.md", include_str!("docs/tree.md")),
    ("src/rules/docs/dynamic.md", include_str!("docs/dynamic.md")),
    ("src/rules/docs/paths.md", include_str!("docs/paths.md")),
    ("src/rules/docs/product.md", include_str!("docs/product.md")),
    (
        "src/rules/docs/breaking.md",
        include_str!("docs/breaking.md"),
    ),
];

/// What an example is, from its info string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExampleKind {
    /// `json patch`: a JSON merge patch (RFC 7386) of a swagger that passes every rule.
    SwaggerPatch,
    /// `json api-properties`: a merge patch of an apiProperties.json that passes.
    ApiPropertiesPatch,
    /// `markdown readme`: the whole readme.md.
    Readme,
    /// `markdown intro`: the whole intro.md.
    Intro,
    /// `text pr-title`: a pull-request title.
    PrTitle,
    /// `text swagger`: the whole swagger file.
    SwaggerText,
    /// `csharp script`: the whole script.csx.
    Script,
    /// Anything else: an illustration, not run.
    Illustration,
}

impl ExampleKind {
    /// What the example's code is, for a reader ("" for an illustration).
    pub fn describe(self) -> &'static str {
        match self {
            ExampleKind::SwaggerPatch => "changes to a swagger that passes every rule",
            ExampleKind::ApiPropertiesPatch => "changes to an apiProperties.json that passes",
            ExampleKind::Readme => "readme.md",
            ExampleKind::Intro => "intro.md",
            ExampleKind::PrTitle => "pull-request title",
            ExampleKind::SwaggerText => "the swagger file",
            ExampleKind::Script => "script.csx",
            ExampleKind::Illustration => "",
        }
    }

    /// " (what it is)", or nothing for an illustration.
    pub fn suffix(self) -> String {
        match self.describe() {
            "" => String::new(),
            d => format!(" ({d})"),
        }
    }

    fn of(info: &str) -> ExampleKind {
        match info.split_whitespace().collect::<Vec<_>>().as_slice() {
            ["json", "patch"] => ExampleKind::SwaggerPatch,
            ["json", "api-properties"] => ExampleKind::ApiPropertiesPatch,
            ["markdown", "readme"] => ExampleKind::Readme,
            ["markdown", "intro"] => ExampleKind::Intro,
            ["text", "pr-title"] => ExampleKind::PrTitle,
            ["text", "swagger"] => ExampleKind::SwaggerText,
            ["csharp", "script"] => ExampleKind::Script,
            _ => ExampleKind::Illustration,
        }
    }
}

/// An example of an explanation.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Example {
    /// The info string of the code block (`json patch`, `markdown readme`, …).
    pub info: String,
    pub kind: ExampleKind,
    pub code: String,
}

/// A rule's long explanation.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Explanation {
    /// What the rule checks.
    pub what: String,
    /// Why it matters.
    pub why: String,
    /// An example that fails the rule.
    pub fails: Example,
    /// The same thing written so that it passes.
    pub passes: Example,
    /// Why the rule has its severity: the sources, Microsoft's validator messages and what
    /// merged connectors do (the `Evidence:` paragraph; optional).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// Why an error rule may fire on more merged connectors than the calibration target
    /// allows (the `Over target:` paragraph; see [`OverTarget`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub over_target: Option<OverTarget>,
    /// The file it is written in (`src/rules/docs/info.md`).
    #[serde(skip)]
    pub file: &'static str,
}

impl Explanation {
    /// The explanation as Markdown (SARIF `help.markdown`).
    pub fn markdown(&self) -> String {
        format!(
            "{}\n\n**Why:** {}{}\n\n**Fails:**{}\n```{}\n{}\n```\n\n**Passes:**{}\n```{}\n{}\n```\n",
            self.what,
            self.why,
            self.evidence
                .as_deref()
                .map(|e| format!("\n\n**Evidence:** {e}"))
                .unwrap_or_default(),
            self.fails.kind.suffix(),
            fence_lang(&self.fails.info),
            self.fails.code,
            self.passes.kind.suffix(),
            fence_lang(&self.passes.info),
            self.passes.code
        )
    }

    /// The explanation as plain text (SARIF `help.text`).
    pub fn text(&self) -> String {
        format!(
            "{}\n\nWhy: {}{}\n\nFails{}:\n{}\n\nPasses{}:\n{}\n",
            self.what,
            self.why,
            self.evidence
                .as_deref()
                .map(|e| format!("\n\nEvidence: {e}"))
                .unwrap_or_default(),
            self.fails.kind.suffix(),
            indent(&self.fails.code),
            self.passes.kind.suffix(),
            indent(&self.passes.code)
        )
    }
}

/// The language of an info string (`json patch` → `json`).
fn fence_lang(info: &str) -> &str {
    info.split_whitespace().next().unwrap_or("")
}

fn indent(code: &str) -> String {
    code.lines()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The written reason an error rule may fire on more merged connectors than the calibration
/// target allows (`bench calibrate`): a message of Microsoft's validator that rejects what
/// those connectors do, or a rule newer than them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum OverTarget {
    /// `Over target: validator "<message>" (<source>)`: the validator's own words.
    Validator { message: String, text: String },
    /// `Over target: newer than YYYY-MM-DD (<source>)`: the rule applies to connectors merged
    /// from that date on; the calibration holds it to the target on those only.
    Newer { since: String, text: String },
}

impl OverTarget {
    /// The paragraph as written.
    pub fn text(&self) -> &str {
        match self {
            OverTarget::Validator { text, .. } | OverTarget::Newer { text, .. } => text,
        }
    }

    fn parse(text: &str) -> Result<OverTarget, String> {
        if let Some(rest) = text.strip_prefix("validator ") {
            let quoted = rest
                .strip_prefix('"')
                .and_then(|r| r.split_once('"'))
                .map(|(m, _)| m.trim())
                .filter(|m| !m.is_empty());
            return match quoted {
                Some(m) => Ok(OverTarget::Validator {
                    message: m.to_string(),
                    text: text.to_string(),
                }),
                None => Err("Over target: validator needs the message in double quotes".into()),
            };
        }
        if let Some(rest) = text.strip_prefix("newer than ") {
            let date: String = rest.chars().take(10).collect();
            let ok = date.len() == 10
                && date.chars().enumerate().all(|(i, c)| {
                    if i == 4 || i == 7 {
                        c == '-'
                    } else {
                        c.is_ascii_digit()
                    }
                });
            return if ok {
                Ok(OverTarget::Newer {
                    since: date,
                    text: text.to_string(),
                })
            } else {
                Err("Over target: newer than needs a date YYYY-MM-DD".into())
            };
        }
        Err("Over target: starts with `validator \"…\"` or `newer than YYYY-MM-DD`".into())
    }
}

/// A problem in an explanation file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for DocError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

struct Parsed {
    by_rule: HashMap<RuleId, Explanation>,
    errors: Vec<DocError>,
}

fn parsed() -> &'static Parsed {
    static PARSED: OnceLock<Parsed> = OnceLock::new();
    PARSED.get_or_init(|| {
        let mut by_rule = HashMap::new();
        let mut errors = Vec::new();
        for &(file, text) in FILES {
            for section in parse(file, text, &mut errors) {
                match RuleId::from_id(&section.0) {
                    None => errors.push(DocError {
                        file: file.to_string(),
                        line: section.1,
                        message: format!("## {} names no rule of the registry", section.0),
                    }),
                    Some(id) if id.as_str() != section.0 => errors.push(DocError {
                        file: file.to_string(),
                        line: section.1,
                        message: format!("write the ID as {id}"),
                    }),
                    Some(id) => {
                        if by_rule.insert(id, section.2).is_some() {
                            errors.push(DocError {
                                file: file.to_string(),
                                line: section.1,
                                message: format!("{id} is explained twice"),
                            });
                        }
                    }
                }
            }
        }
        Parsed { by_rule, errors }
    })
}

/// The explanation of a rule, `None` when its section is missing or incomplete.
pub fn explanation(id: RuleId) -> Option<&'static Explanation> {
    parsed().by_rule.get(&id)
}

/// Every problem of the explanation files: sections that name no rule, explain one twice, or
/// lack a part; rules without a section.
pub fn problems() -> Vec<String> {
    let p = parsed();
    let mut out: Vec<String> = p.errors.iter().map(ToString::to_string).collect();
    for id in RuleId::ALL {
        if !p.by_rule.contains_key(id) {
            out.push(format!(
                "{id} has no explanation: add a section \"## {id}\" with What, Why, Fails and Passes to src/rules/docs/"
            ));
        }
    }
    out
}

/// The sections of one file: (ID, line of the heading, explanation).
fn parse(
    file: &'static str,
    text: &str,
    errors: &mut Vec<DocError>,
) -> Vec<(String, usize, Explanation)> {
    let lines: Vec<&str> = text.lines().collect();
    // Where the sections start: `## ` headings outside code blocks (a readme example has
    // headings of its own).
    let mut starts = Vec::new();
    let mut fenced = false;
    for (i, l) in lines.iter().enumerate() {
        if l.starts_with("```") {
            fenced = !fenced;
        } else if !fenced && l.starts_with("## ") {
            starts.push(i);
        }
    }
    let mut out = Vec::new();
    for (k, &start) in starts.iter().enumerate() {
        let id = lines[start].trim_start_matches("## ").trim();
        let end = starts.get(k + 1).copied().unwrap_or(lines.len());
        match section(&lines[start + 1..end]) {
            Ok(p) => out.push((
                id.to_string(),
                start + 1,
                Explanation {
                    what: p.what,
                    why: p.why,
                    fails: p.fails,
                    passes: p.passes,
                    evidence: p.evidence,
                    over_target: p.over_target,
                    file,
                },
            )),
            Err(message) => errors.push(DocError {
                file: file.to_string(),
                line: start + 1,
                message: format!("## {id}: {message}"),
            }),
        }
    }
    out
}

/// The parts of one section.
struct Parts {
    what: String,
    why: String,
    fails: Example,
    passes: Example,
    evidence: Option<String>,
    over_target: Option<OverTarget>,
}

/// The paragraphs a section may have, by their label.
const PARAGRAPHS: [&str; 4] = ["What:", "Why:", "Evidence:", "Over target:"];

/// The parts of one section: `What:` and `Why:` paragraphs, `Fails:` and `Passes:` code
/// blocks, and the optional `Evidence:` and `Over target:` paragraphs.
fn section(lines: &[&str]) -> Result<Parts, String> {
    let mut paragraphs: [Option<String>; 4] = Default::default();
    let mut fails = None;
    let mut passes = None;
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i];
        if let Some((k, rest)) = PARAGRAPHS
            .iter()
            .enumerate()
            .find_map(|(k, label)| l.strip_prefix(label).map(|r| (k, r)))
        {
            let mut para = vec![rest.trim()];
            i += 1;
            while i < lines.len() && !lines[i].trim().is_empty() {
                para.push(lines[i].trim());
                i += 1;
            }
            paragraphs[k] = Some(para.join(" ").trim().to_string());
            continue;
        }
        if l.starts_with("Fails:") || l.starts_with("Passes:") {
            let open = (i + 1..lines.len())
                .find(|&k| !lines[k].trim().is_empty())
                .ok_or("an example without a code block")?;
            let info = lines[open]
                .strip_prefix("```")
                .ok_or("an example must be a ``` code block")?
                .trim()
                .to_string();
            let close = (open + 1..lines.len())
                .find(|&k| lines[k].starts_with("```"))
                .ok_or("a code block is not closed")?;
            let example = Example {
                kind: ExampleKind::of(&info),
                info,
                code: lines[open + 1..close].join("\n"),
            };
            if l.starts_with("Fails:") {
                fails = Some(example);
            } else {
                passes = Some(example);
            }
            i = close + 1;
            continue;
        }
        i += 1;
    }
    let nonempty = |s: Option<String>, what: &str| {
        s.filter(|s| !s.is_empty())
            .ok_or_else(|| format!("no {what} paragraph"))
    };
    let example = |e: Option<Example>, what: &str| {
        e.filter(|e| !e.code.trim().is_empty())
            .ok_or_else(|| format!("no {what} example"))
    };
    let [what, why, evidence, over] = paragraphs;
    Ok(Parts {
        what: nonempty(what, "What:")?,
        why: nonempty(why, "Why:")?,
        fails: example(fails, "Fails:")?,
        passes: example(passes, "Passes:")?,
        evidence: evidence.filter(|e| !e.is_empty()),
        over_target: over.map(|o| OverTarget::parse(&o)).transpose()?,
    })
}

#[cfg(test)]
mod tests;
