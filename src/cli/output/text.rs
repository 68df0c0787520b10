//! The human formats: `text` (grouped by file, help lines, a summary), `concise` (one line
//! per finding) and `--statistics` (a count per rule).

use super::{plural, Emitter, Item, Out, Totals};
use crate::rules::{Finding, RuleId, Severity};
use crate::util::color::Paint;
use crate::util::printable::{json_pretty, printable};
use std::borrow::Cow;
use std::fmt::Write as _;
use std::io;

fn sev_label(p: &Paint, s: Severity) -> String {
    match s {
        Severity::Error => p.red("error"),
        Severity::Warning => p.yellow("warning"),
        Severity::Info => p.blue("info"),
    }
}

/// A file path to start a line with: printable, and never read by GitHub Actions as a
/// workflow command (a folder named `::error::x` gets `./` in front).
pub(super) fn line_start_path(file: &str) -> Cow<'_, str> {
    let p = printable(file);
    if p.trim_start().starts_with("::") {
        Cow::Owned(format!("./{p}"))
    } else {
        p
    }
}

/// The summary line of the human formats.
fn summary(paint: &Paint, t: &Totals) -> String {
    let mut line = t.line();
    let _ = write!(line, " ({:.2} s)", t.seconds);
    if t.baselined > 0 {
        let _ = write!(line, "; {} in the baseline not shown", t.baselined);
    }
    if t.errors > 0 {
        paint.red(&line)
    } else {
        paint.green(&line)
    }
}

/// Human-readable output, grouped by file.
pub struct Text {
    pub paint: Paint,
    pub quiet: bool,
    current: Option<String>,
}

impl Text {
    pub fn new(paint: Paint, quiet: bool) -> Text {
        Text {
            paint,
            quiet,
            current: None,
        }
    }
}

impl Emitter for Text {
    fn connector(
        &mut self,
        out: &mut Out,
        items: &[Item],
        fixed: &[(String, String)],
    ) -> io::Result<()> {
        let paint = &self.paint;
        let mut s = String::new();
        for (file, what) in fixed {
            let _ = writeln!(
                s,
                "{} {}: {}",
                paint.green("fixed"),
                printable(file),
                printable(what)
            );
        }
        if !fixed.is_empty() {
            s.push('\n');
        }
        for Item { f, .. } in items {
            if self.current.as_deref() != Some(f.file.as_str()) {
                if self.current.is_some() {
                    s.push('\n');
                }
                let _ = writeln!(s, "{}", paint.bold(&line_start_path(&f.file)));
                self.current = Some(f.file.clone());
            }
            let pos = if f.line > 0 {
                format!("{}:{}", f.line, f.column)
            } else {
                "-".into()
            };
            let pad = 7usize.saturating_sub(f.severity.as_str().len());
            let _ = writeln!(
                s,
                "  {pos:>9}  {}{}  {}  {}",
                sev_label(paint, f.severity),
                " ".repeat(pad),
                paint.bold(f.rule.as_str()),
                printable(&f.message)
            );
            let mut help = format!("help: {}", printable(&f.help));
            if !f.pointer.is_empty() {
                let _ = write!(help, "  [{}]", printable(&f.pointer));
            }
            match &f.fix {
                Some(x) if x.is_safe() => help.push_str("  (fixable with --fix)"),
                Some(_) => help.push_str("  (fixable with --fix --unsafe-fixes)"),
                None => {}
            }
            let _ = writeln!(s, "  {:>9}  {}", "", paint.dim(&help));
        }
        out.put(&s)
    }

    fn end(&mut self, out: &mut Out, t: &Totals) -> io::Result<()> {
        let mut s = String::new();
        if t.fix_requested && t.fixes == 0 && t.connectors > 0 {
            s.push_str("no fixes applied: nothing had a safe fix\n");
        }
        // Nothing was read: the errors on stderr say why; a "0 errors" line would mislead.
        let nothing_read = t.connectors == 0 && !t.problems.is_empty();
        if !self.quiet && !nothing_read {
            if t.findings() > 0 {
                s.push('\n');
            }
            let _ = writeln!(s, "{}", summary(&self.paint, t));
        }
        out.put(&s)
    }
}

/// `file:line:col: severity RULE message`, one finding a line (ruff's `concise`); a
/// finding about a whole file is at 1:1.
pub fn concise_line(f: &Finding) -> String {
    let (line, col) = if f.line > 0 {
        (f.line, f.column.max(1))
    } else {
        (1, 1)
    };
    format!(
        "{}:{line}:{col}: {} {} {}\n",
        line_start_path(&f.file),
        f.severity.as_str(),
        f.rule,
        printable(&f.message)
    )
}

/// One line per finding, then the summary line.
pub struct Concise {
    pub paint: Paint,
    pub quiet: bool,
}

impl Emitter for Concise {
    fn connector(
        &mut self,
        out: &mut Out,
        items: &[Item],
        _: &[(String, String)],
    ) -> io::Result<()> {
        let mut s = String::new();
        for i in items {
            s.push_str(&concise_line(&i.f));
        }
        out.put(&s)
    }

    fn end(&mut self, out: &mut Out, t: &Totals) -> io::Result<()> {
        if self.quiet || (t.connectors == 0 && !t.problems.is_empty()) {
            return Ok(());
        }
        out.put(&format!("{}\n", summary(&self.paint, t)))
    }
}

/// `--statistics`: the count of findings per rule and severity, most first (text), or a
/// JSON list.
pub struct Statistics {
    pub json: bool,
    pub paint: Paint,
    pub quiet: bool,
}

/// The per-rule counts, most first, then by rule ID.
pub fn by_count(t: &Totals) -> Vec<(RuleId, Severity, usize)> {
    let mut rows: Vec<(RuleId, Severity, usize)> =
        t.per_rule.iter().map(|(&(r, s), &n)| (r, s, n)).collect();
    rows.sort_by(|a, b| {
        b.2.cmp(&a.2)
            .then(a.1.cmp(&b.1))
            .then(a.0.as_str().cmp(b.0.as_str()))
    });
    rows
}

impl Emitter for Statistics {
    fn connector(&mut self, _: &mut Out, _: &[Item], _: &[(String, String)]) -> io::Result<()> {
        Ok(())
    }

    fn end(&mut self, out: &mut Out, t: &Totals) -> io::Result<()> {
        let rows = by_count(t);
        if self.json {
            let list: Vec<serde_json::Value> = rows
                .iter()
                .map(|(r, s, n)| {
                    serde_json::json!({
                        "rule": r, "severity": s, "count": n,
                        "fixable": r.rule().fixable(), "summary": r.rule().summary,
                    })
                })
                .collect();
            let mut s = json_pretty(&list).map_err(io::Error::other)?;
            s.push('\n');
            return out.put(&s);
        }
        let width = rows
            .iter()
            .map(|(r, _, _)| r.as_str().len())
            .max()
            .unwrap_or(0);
        let mut s = String::new();
        for (r, sev, n) in &rows {
            let pad = 7usize.saturating_sub(sev.as_str().len());
            let fix = if r.rule().fixable() { "[*] " } else { "    " };
            let _ = writeln!(
                s,
                "{n:>7}  {:<width$}  {}{}  {fix}{}",
                r.as_str(),
                sev_label(&self.paint, *sev),
                " ".repeat(pad),
                r.rule().summary
            );
        }
        if !self.quiet {
            if !rows.is_empty() {
                s.push('\n');
            }
            let _ = writeln!(
                s,
                "{} of {} ({})",
                plural(t.findings(), "finding", "findings"),
                plural(rows.len(), "rule", "rules"),
                summary(&self.paint, t)
            );
        }
        out.put(&s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(file: &str, line: usize) -> Finding {
        Finding {
            rule: RuleId::TitleNoApi,
            severity: Severity::Error,
            file: file.into(),
            line,
            column: 3,
            pointer: "/info/title".into(),
            message: "the title \"A\nB\" contains \"API\"".into(),
            help: "Remove it.".into(),
            fix: None,
        }
    }

    fn render(e: &mut dyn Emitter, items: &[Item], t: &Totals) -> String {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("out");
        let mut out = Out::file(&p).unwrap();
        e.begin(&mut out).unwrap();
        e.connector(&mut out, items, &[]).unwrap();
        e.end(&mut out, t).unwrap();
        out.finish().unwrap();
        std::fs::read_to_string(p).unwrap()
    }

    #[test]
    fn text_groups_and_summarises() {
        let item = Item {
            f: finding("My Conn/apiDefinition.swagger.json", 4),
            end: None,
        };
        let mut t = Totals {
            connectors: 1,
            ..Default::default()
        };
        t.count(&item.f);
        let out = render(&mut Text::new(Paint::new(false), false), &[item], &t);
        assert!(
            out.starts_with("My Conn/apiDefinition.swagger.json\n"),
            "{out}"
        );
        assert!(
            out.contains("4:3  error    TITLE-NO-API  the title \"A\\nB\""),
            "{out}"
        );
        assert!(
            out.contains("1 error, 0 warnings, 0 infos in 1 connector"),
            "{out}"
        );
    }

    #[test]
    fn concise_lines_never_start_a_workflow_command() {
        assert_eq!(
            concise_line(&finding("a/b.json", 0)),
            "a/b.json:1:1: error TITLE-NO-API the title \"A\\nB\" contains \"API\"\n"
        );
        let l = concise_line(&finding("::error::x/b.json", 2));
        assert!(l.starts_with("./::error::x/b.json:2:3: "), "{l}");
    }
}
