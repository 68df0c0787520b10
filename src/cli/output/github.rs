//! GitHub Actions: workflow commands (`::error file=…,line=…,endLine=…,col=…,endColumn=…,
//! title=RULE::message`) and the job summary (`$GITHUB_STEP_SUMMARY`).
//!
//! GitHub shows at most 10 annotations of each kind (error, warning, notice) per step: the
//! first [`ANNOTATIONS_PER_KIND`] of each kind become annotations, written at the end with
//! the errors first; the rest are plain log lines as they come (concise format), and the
//! last lines say how many were not annotated and point at the job summary.

use super::text::concise_line;
use super::{plural, Emitter, Item, Out, Totals};
use crate::rules::Severity;
use crate::util::printable::printable;
use std::fmt::Write as _;
use std::io;

/// Annotations GitHub shows per kind and step.
pub const ANNOTATIONS_PER_KIND: usize = 10;

/// A value for a workflow command: printable on one line (a newline in a finding must not
/// start a line GitHub would read as a command of its own), then GitHub's own escapes.
fn escape_data(s: &str) -> String {
    // After `printable` no CR or LF is left for GitHub's %0D/%0A.
    printable(s).replace('%', "%25")
}

fn escape_prop(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn kind(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// One finding as a workflow command.
pub fn annotation(i: &Item) -> String {
    let f = &i.f;
    let mut props = format!("file={}", escape_prop(&f.file));
    if f.line > 0 {
        let start = (f.line, f.column.max(1));
        let _ = write!(props, ",line={}", f.line);
        // GitHub's end column is the last column of the range.
        if let Some((el, ec)) = i.end.filter(|e| *e > start) {
            let _ = write!(props, ",endLine={el}");
            if el == f.line {
                let _ = write!(
                    props,
                    ",col={},endColumn={}",
                    start.1,
                    (ec - 1).max(start.1)
                );
            } else {
                let _ = write!(props, ",col={}", start.1);
            }
        } else {
            let _ = write!(props, ",col={}", start.1);
        }
    }
    let _ = write!(props, ",title={}", escape_prop(f.rule.as_str()));
    format!(
        "::{} {props}::{}\n",
        kind(f.severity),
        escape_data(&format!("{} — {}", f.message, f.help))
    )
}

fn rank(s: Severity) -> usize {
    s as usize
}

pub struct Github {
    /// The annotations kept for the end, per kind.
    kept: [Vec<String>; 3],
    /// Whether the job summary is written (`$GITHUB_STEP_SUMMARY` is set).
    summary_file: bool,
}

impl Github {
    pub fn new(summary_file: bool) -> Github {
        Github {
            kept: Default::default(),
            summary_file,
        }
    }
}

impl Emitter for Github {
    fn connector(
        &mut self,
        out: &mut Out,
        items: &[Item],
        _: &[(String, String)],
    ) -> io::Result<()> {
        let mut s = String::new();
        for i in items {
            let k = &mut self.kept[rank(i.f.severity)];
            if k.len() < ANNOTATIONS_PER_KIND {
                k.push(annotation(i));
            } else {
                s.push_str(&concise_line(&i.f));
            }
        }
        out.put(&s)
    }

    fn end(&mut self, out: &mut Out, t: &Totals) -> io::Result<()> {
        let mut s = String::new();
        for k in &self.kept {
            for a in k {
                s.push_str(a);
            }
        }
        let _ = writeln!(s, "connector-wizard: {}", t.line());
        let (e, w, n) = not_annotated(t);
        if e + w + n > 0 {
            let _ = writeln!(
                s,
                "connector-wizard: {} not annotated (GitHub shows {ANNOTATIONS_PER_KIND} of each kind per step); they are listed above{}",
                not_annotated_text(t),
                if self.summary_file {
                    ", and the job summary counts them per rule"
                } else {
                    ""
                }
            );
        }
        out.put(&s)
    }
}

/// Errors, warnings and notices beyond the annotations.
fn not_annotated(t: &Totals) -> (usize, usize, usize) {
    let over = |n: usize| n.saturating_sub(ANNOTATIONS_PER_KIND);
    (over(t.errors), over(t.warnings), over(t.infos))
}

fn not_annotated_text(t: &Totals) -> String {
    let (e, w, n) = not_annotated(t);
    let mut parts = Vec::new();
    if e > 0 {
        parts.push(plural(e, "error", "errors"));
    }
    if w > 0 {
        parts.push(plural(w, "warning", "warnings"));
    }
    if n > 0 {
        parts.push(plural(n, "info", "infos"));
    }
    parts.join(", ")
}

/// The job summary (Markdown, appended to `$GITHUB_STEP_SUMMARY`): the totals, what was not
/// annotated, and the count per rule. Only our own text (IDs, counts, registry summaries)
/// goes in: nothing from the checked files.
pub fn step_summary(t: &Totals) -> String {
    let mut s = String::from("### connector-wizard check\n\n");
    let _ = writeln!(s, "**{}**", t.line());
    if t.baselined > 0 {
        let _ = writeln!(
            s,
            "\n{} in the baseline are not counted.",
            plural(t.baselined, "finding", "findings")
        );
    }
    if !t.problems.is_empty() {
        let _ = writeln!(
            s,
            "\n{} could not be read (see the log).",
            plural(t.problems.len(), "path", "paths")
        );
    }
    let (e, w, n) = not_annotated(t);
    if e + w + n > 0 {
        let _ = writeln!(
            s,
            "\n{} not annotated: GitHub shows {ANNOTATIONS_PER_KIND} annotations of each kind per step; the step's log lists every finding.",
            not_annotated_text(t)
        );
    }
    let rows = super::text::by_count(t);
    if !rows.is_empty() {
        s.push_str("\n| rule | severity | findings | what it checks |\n|---|---|---:|---|\n");
        for (r, sev, count) in rows {
            let _ = writeln!(
                s,
                "| `{r}` | {} | {count} | {} |",
                sev.as_str(),
                r.rule().summary.replace('|', "\\|")
            );
        }
    }
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{Finding, RuleId};

    fn item(sev: Severity, line: usize, end: Option<(usize, usize)>) -> Item {
        Item {
            f: Finding {
                rule: RuleId::TitleNoApi,
                severity: sev,
                file: "My Conn/apiDefinition.swagger.json".into(),
                line,
                column: 3,
                pointer: "/info/title".into(),
                message: "the title \"A, B: API\" contains \"API\"".into(),
                help: "Remove it.\nNow.".into(),
                fix: None,
            },
            end,
        }
    }

    #[test]
    fn annotations_escape_and_carry_the_end() {
        let a = annotation(&item(Severity::Error, 4, Some((4, 12))));
        assert!(a.starts_with("::error file=My Conn/apiDefinition.swagger.json,line=4,endLine=4,col=3,endColumn=11,title=TITLE-NO-API::the title \"A, B: API\""), "{a}");
        assert!(a.contains("Remove it.\\nNow."), "{a}");
        assert_eq!(a.lines().count(), 1);
        let a = annotation(&item(Severity::Info, 0, None));
        assert!(
            a.starts_with("::notice file=My Conn/apiDefinition.swagger.json,title="),
            "{a}"
        );
    }
}
