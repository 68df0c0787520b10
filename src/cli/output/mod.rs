//! Check results as they stream out, one connector at a time: text, concise, JSON, SARIF
//! 2.1.0, GitHub workflow commands, or the per-rule statistics. Memory does not grow with the
//! number of findings: each connector's findings are written and dropped; only counts stay.
//!
//! Findings quote the files they are about, so every field of a finding is untrusted text:
//! the text, concise and GitHub formats show each through [`printable`] (one line, controls
//! shown as `\u{1b}`), JSON and SARIF escape them with [`json_compact`].
//!
//! [`printable`]: crate::util::printable::printable
//! [`json_compact`]: crate::util::printable::json_compact

mod github;
mod json;
mod sarif;
mod text;

pub use github::Github;
pub use github::{step_summary, ANNOTATIONS_PER_KIND};
pub use json::Json;
pub use sarif::{sarif_uri, Sarif, MAX_RESULTS};
pub use text::{Concise, Statistics, Text};

use crate::rules::{Finding, RuleId, Severity};
use crate::util::fs::AtomicFile;
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::PathBuf;

/// Output format of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum Format {
    /// Grouped by file, with help lines and a summary.
    #[default]
    Text,
    /// One line per finding: `file:line:col: severity RULE message` (editors, problem matchers).
    Concise,
    Json,
    Sarif,
    /// GitHub Actions workflow commands, and the job summary when `$GITHUB_STEP_SUMMARY` is set.
    Github,
}

/// A finding as reported, with the end of the value it is about (line, column after it)
/// when the finding points into a JSON file.
#[derive(Debug, Clone)]
pub struct Item {
    pub f: Finding,
    pub end: Option<(usize, usize)>,
}

/// What a run reported so far: counts only, so a run over a whole repository stays small.
#[derive(Debug, Default)]
pub struct Totals {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Findings per rule and severity.
    pub per_rule: BTreeMap<(RuleId, Severity), usize>,
    pub connectors: usize,
    /// Paths that could not be read at all.
    pub problems: Vec<String>,
    /// Findings the baseline left out.
    pub baselined: usize,
    /// `--fix` was given, and how many fixes it applied.
    pub fix_requested: bool,
    pub fixes: usize,
    pub seconds: f64,
}

impl Totals {
    pub fn count(&mut self, f: &Finding) {
        match f.severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
        *self.per_rule.entry((f.rule, f.severity)).or_default() += 1;
    }

    pub fn findings(&self) -> usize {
        self.errors + self.warnings + self.infos
    }

    /// Reported findings at or above `level`.
    pub fn at_least(&self, level: Severity) -> usize {
        match level {
            Severity::Error => self.errors,
            Severity::Warning => self.errors + self.warnings,
            Severity::Info => self.findings(),
        }
    }

    /// "1 error, 2 warnings, 0 infos in 3 connectors".
    pub fn line(&self) -> String {
        format!(
            "{}, {}, {} in {}",
            plural(self.errors, "error", "errors"),
            plural(self.warnings, "warning", "warnings"),
            plural(self.infos, "info", "infos"),
            plural(self.connectors, "connector", "connectors"),
        )
    }
}

pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Where the output goes: standard output (through the printable filter), or a file
/// written as a stream and put in place atomically (`-o FILE`).
pub enum Out {
    Stdout(super::term::Stdout),
    File(AtomicFile),
}

impl Out {
    pub fn stdout() -> Out {
        Out::Stdout(super::term::Stdout::default())
    }

    /// Starts writing `path`; nothing replaces it until [`Out::finish`].
    pub fn file(path: &std::path::Path) -> io::Result<Out> {
        AtomicFile::create(path, true).map(Out::File)
    }

    pub fn put(&mut self, s: &str) -> io::Result<()> {
        match self {
            Out::Stdout(o) => o.push(s),
            Out::File(f) => f.write_all(s.as_bytes()),
        }
    }

    /// Flushes standard output, or syncs the file and renames it into place.
    pub fn finish(self) -> io::Result<()> {
        match self {
            Out::Stdout(mut o) => o.flush(),
            Out::File(f) => f.commit(),
        }
    }
}

/// One output format as a stream.
pub trait Emitter {
    fn begin(&mut self, _out: &mut Out) -> io::Result<()> {
        Ok(())
    }
    /// The findings of one connector (sorted by file and position) and the fixes applied.
    fn connector(
        &mut self,
        out: &mut Out,
        items: &[Item],
        fixed: &[(String, String)],
    ) -> io::Result<()>;
    fn end(&mut self, out: &mut Out, totals: &Totals) -> io::Result<()>;
}

/// Writes nothing (`--write-baseline` records instead of reporting).
pub struct Silent;

impl Emitter for Silent {
    fn connector(&mut self, _: &mut Out, _: &[Item], _: &[(String, String)]) -> io::Result<()> {
        Ok(())
    }
    fn end(&mut self, _: &mut Out, _: &Totals) -> io::Result<()> {
        Ok(())
    }
}

/// One JSON value on one line, every unsafe character escaped.
fn compact<T: serde::Serialize>(v: &T) -> io::Result<String> {
    crate::util::printable::json_compact(v).map_err(io::Error::other)
}

/// Where SARIF paths start: the top of the checkout (`%SRCROOT%`).
#[derive(Debug, Clone)]
pub struct SrcRoot(pub PathBuf);
