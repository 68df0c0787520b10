//! Calibration of the error rules on merged connectors (`connector-wizard bench calibrate`).
//!
//! Every folder of the calibration set (`shared/calibration`: independent-publisher connectors
//! merged into microsoft/PowerPlatformConnectors, with their merge dates) passed Microsoft's
//! validators and a reviewer. An error means "this pull request will be sent back", so an
//! error rule that fires on many of them is stricter than practice, unless its explanation
//! gives a written reason ([`OverTarget`]): a message of the validator, or a rule newer than
//! the folders it fires on.
//!
//! The targets: no error rule fires on more than [`RULE_TARGET_PERCENT`] of the folders, and
//! at most [`YEAR_TARGET_PERCENT`] of the folders merged in [`TARGET_YEAR`] have an error of a
//! rule without such a reason.

use crate::document::Connector;
use crate::rules::docs::OverTarget;
use crate::rules::{self, CheckOptions, RuleId, Severity};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// No error rule fires on more than this share of the calibration folders.
pub const RULE_TARGET_PERCENT: f64 = 5.0;
/// At most this share of the folders merged in [`TARGET_YEAR`] have an error.
pub const YEAR_TARGET_PERCENT: f64 = 10.0;
/// The most recent year of the calibration set.
pub const TARGET_YEAR: &str = "2023";

/// Where the connector folders of a calibration set are, below its root.
pub const FOLDERS: &str = "independent-publisher-connectors";
/// The merge date of each folder, below the root.
pub const DATES: &str = "merged-dates.json";

/// Why a calibration set cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum CalibrationError {
    #[error("{path}: cannot read it: {source}; pass the calibration folder (the one holding {DATES} and {FOLDERS}/)")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{path}: not a JSON object of folder names and dates (\"Name\": \"2023-02-28\"): {message}"
    )]
    Dates { path: PathBuf, message: String },
}

/// One folder of the set and the error rules that fire on it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FolderResult {
    pub name: String,
    /// `YYYY-MM-DD`, or empty when the dates file does not list the folder.
    pub merged: String,
    pub errors: BTreeSet<RuleId>,
    /// Why the folder could not be checked at all.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

impl FolderResult {
    /// The year of the merge date ("" when unknown).
    pub fn year(&self) -> &str {
        self.merged.get(..4).unwrap_or("")
    }
}

/// The figures of one error rule.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RuleFigures {
    pub rule: RuleId,
    /// Folders the rule reports an error on.
    pub folders: usize,
    pub percent: f64,
    /// Folders by merge year, newest year first.
    pub by_year: Vec<(String, usize)>,
    /// The written reason the rule may cross the target, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub over_target: Option<OverTarget>,
    /// Folders merged on or after the `newer than` date (when the reason is one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since_folders: Option<(usize, usize)>,
    /// The rule crosses the target without a reason that holds.
    pub fails_target: bool,
}

/// Folders with at least one error.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Share {
    pub folders: usize,
    pub with_error: usize,
    pub percent: f64,
}

impl Share {
    fn of(with_error: usize, folders: usize) -> Share {
        Share {
            folders,
            with_error,
            percent: percent(with_error, folders),
        }
    }
}

/// The whole calibration.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Report {
    pub version: u32,
    pub root: String,
    pub rule_target_percent: f64,
    pub year_target_percent: f64,
    pub target_year: &'static str,
    /// Every folder with any error.
    pub all: Share,
    /// Folders merged in the target year with any error.
    pub year: Share,
    /// Folders merged in the target year with an error of a rule that has no written reason.
    pub year_unexplained: Share,
    /// The error rules that fire, most folders first.
    pub rules: Vec<RuleFigures>,
    /// Folders that could not be checked.
    pub problems: Vec<String>,
    /// What misses a target, in words (empty when every target holds).
    pub failures: Vec<String>,
    #[serde(skip)]
    pub folders: Vec<FolderResult>,
}

fn percent(n: usize, of: usize) -> f64 {
    if of == 0 {
        0.0
    } else {
        (n as f64 * 1000.0 / of as f64).round() / 10.0
    }
}

/// The merge dates of a calibration set.
pub fn read_dates(root: &Path) -> Result<BTreeMap<String, String>, CalibrationError> {
    let path = root.join(DATES);
    let text = std::fs::read_to_string(&path).map_err(|source| CalibrationError::Io {
        path: path.clone(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|e| CalibrationError::Dates {
        path,
        message: e.to_string(),
    })
}

/// Checks one folder: the error rules that fire.
fn check_folder(dir: &Path, name: &str, merged: String) -> FolderResult {
    let (errors, problem) = match Connector::load(dir, None) {
        Ok(c) => (
            rules::check(&c, &CheckOptions::default())
                .into_iter()
                .filter(|f| f.severity == Severity::Error)
                .map(|f| f.rule)
                .collect(),
            None,
        ),
        Err(e) => (BTreeSet::new(), Some(e.to_string())),
    };
    FolderResult {
        name: name.to_string(),
        merged,
        errors,
        problem,
    }
}

/// Checks every folder of the set (on every core) and computes the figures.
pub fn run(root: &Path) -> Result<Report, CalibrationError> {
    let dates = read_dates(root)?;
    let base = root.join(FOLDERS);
    let listing = std::fs::read_dir(&base).map_err(|source| CalibrationError::Io {
        path: base.clone(),
        source,
    })?;
    let mut names: Vec<String> = listing
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, names.len().max(1));
    let mut folders: Vec<Option<FolderResult>> = vec![None; names.len()];
    std::thread::scope(|s| {
        let chunk = names.len().div_ceil(threads).max(1);
        for (slots, names) in folders.chunks_mut(chunk).zip(names.chunks(chunk)) {
            let (base, dates) = (&base, &dates);
            s.spawn(move || {
                for (slot, name) in slots.iter_mut().zip(names) {
                    let merged = dates.get(name).cloned().unwrap_or_default();
                    *slot = Some(check_folder(&base.join(name), name, merged));
                }
            });
        }
    });
    let folders = folders.into_iter().flatten().collect();
    Ok(summarise(root, folders))
}

/// The figures of checked folders, with the reasons of the rules' explanations.
pub fn summarise(root: &Path, folders: Vec<FolderResult>) -> Report {
    summarise_with(root, folders, |rule| {
        rule.rule()
            .explanation()
            .and_then(|e| e.over_target.clone())
    })
}

/// The figures of checked folders, with the reasons `reason_of` gives.
pub fn summarise_with(
    root: &Path,
    folders: Vec<FolderResult>,
    reason_of: impl Fn(RuleId) -> Option<OverTarget>,
) -> Report {
    let total = folders.len();
    let mut per_rule: BTreeMap<RuleId, Vec<&FolderResult>> = BTreeMap::new();
    for f in &folders {
        for r in &f.errors {
            per_rule.entry(*r).or_default().push(f);
        }
    }
    let mut rules: Vec<RuleFigures> = per_rule
        .iter()
        .map(|(rule, hits)| figures(*rule, hits, &folders, reason_of(*rule)))
        .collect();
    rules.sort_by(|a, b| {
        b.folders
            .cmp(&a.folders)
            .then(a.rule.as_str().cmp(b.rule.as_str()))
    });
    // A reason explains a rule's error on a folder: a validator message on every folder, a
    // rule newer than the folder only on folders merged before it.
    let reasons: BTreeMap<RuleId, &OverTarget> = rules
        .iter()
        .filter(|r| !r.fails_target)
        .filter_map(|r| r.over_target.as_ref().map(|o| (r.rule, o)))
        .collect();
    let explained = |f: &FolderResult, r: &RuleId| match reasons.get(r) {
        Some(OverTarget::Validator { .. }) => true,
        Some(OverTarget::Newer { since, .. }) => f.merged.as_str() < since.as_str(),
        None => false,
    };
    let in_year: Vec<&FolderResult> = folders.iter().filter(|f| f.year() == TARGET_YEAR).collect();
    let all = Share::of(
        folders.iter().filter(|f| !f.errors.is_empty()).count(),
        total,
    );
    let year = Share::of(
        in_year.iter().filter(|f| !f.errors.is_empty()).count(),
        in_year.len(),
    );
    let year_unexplained = Share::of(
        in_year
            .iter()
            .filter(|f| f.errors.iter().any(|r| !explained(f, r)))
            .count(),
        in_year.len(),
    );
    let mut failures = Vec::new();
    for r in rules.iter().filter(|r| r.fails_target) {
        failures.push(match (&r.over_target, r.since_folders) {
            (Some(OverTarget::Newer { since, .. }), Some((hit, of))) => format!(
                "{}: fires on {hit} of the {of} folders merged since {since} ({:.1}%, target {RULE_TARGET_PERCENT}%), so being newer does not explain it",
                r.rule,
                percent(hit, of)
            ),
            _ => format!(
                "{}: fires on {} folders ({:.1}%, target {RULE_TARGET_PERCENT}%) and its explanation gives no \"Over target:\" reason",
                r.rule, r.folders, r.percent
            ),
        });
    }
    if year_unexplained.percent > YEAR_TARGET_PERCENT {
        failures.push(format!(
            "{} of the {} folders merged in {TARGET_YEAR} ({:.1}%, target {YEAR_TARGET_PERCENT}%) have an error of a rule without a written reason",
            year_unexplained.with_error, year_unexplained.folders, year_unexplained.percent
        ));
    }
    let problems = folders
        .iter()
        .filter_map(|f| f.problem.as_ref().map(|p| format!("{}: {p}", f.name)))
        .collect();
    Report {
        version: 1,
        root: root.display().to_string(),
        rule_target_percent: RULE_TARGET_PERCENT,
        year_target_percent: YEAR_TARGET_PERCENT,
        target_year: TARGET_YEAR,
        all,
        year,
        year_unexplained,
        rules,
        problems,
        failures,
        folders,
    }
}

fn figures(
    rule: RuleId,
    hits: &[&FolderResult],
    all: &[FolderResult],
    over_target: Option<OverTarget>,
) -> RuleFigures {
    let mut years: BTreeMap<&str, usize> = BTreeMap::new();
    for f in hits {
        *years.entry(f.year()).or_default() += 1;
    }
    let by_year = years
        .into_iter()
        .rev()
        .map(|(y, n)| (if y.is_empty() { "?" } else { y }.to_string(), n))
        .collect();
    let pct = percent(hits.len(), all.len());
    let mut since_folders = None;
    let fails_target = pct > RULE_TARGET_PERCENT
        && match &over_target {
            None => true,
            Some(OverTarget::Validator { .. }) => false,
            Some(OverTarget::Newer { since, .. }) => {
                // Being newer explains the folders merged before the rule, not the others.
                let of = all
                    .iter()
                    .filter(|f| f.merged.as_str() >= since.as_str())
                    .count();
                let hit = hits
                    .iter()
                    .filter(|f| f.merged.as_str() >= since.as_str())
                    .count();
                since_folders = Some((hit, of));
                percent(hit, of) > RULE_TARGET_PERCENT
            }
        };
    RuleFigures {
        rule,
        folders: hits.len(),
        percent: pct,
        by_year,
        over_target,
        since_folders,
        fails_target,
    }
}

/// The report as text: one line per error rule, then the shares and the verdict.
pub fn text(r: &Report) -> String {
    use std::fmt::Write;
    let mut years: BTreeSet<&str> = BTreeSet::new();
    for f in &r.folders {
        years.insert(if f.year().is_empty() { "?" } else { f.year() });
    }
    let years: Vec<&str> = years.into_iter().rev().collect();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "calibration: {} folders of {} (merged connectors; an error rule should fire on at most {}% of them)",
        r.all.folders, r.root, r.rule_target_percent
    );
    let _ = write!(out, "\n{:<28} {:>7} {:>6}", "error rule", "folders", "%");
    for y in &years {
        let _ = write!(out, " {y:>5}");
    }
    out.push('\n');
    for f in &r.rules {
        let _ = write!(
            out,
            "{:<28} {:>7} {:>5.1}%",
            f.rule.as_str(),
            f.folders,
            f.percent
        );
        for y in &years {
            let n = f
                .by_year
                .iter()
                .find(|(fy, _)| fy == y)
                .map(|(_, n)| *n)
                .unwrap_or(0);
            let _ = write!(out, " {n:>5}");
        }
        match (&f.over_target, f.fails_target) {
            (_, true) => out.push_str("  OVER TARGET"),
            (Some(o), false) if f.percent > r.rule_target_percent => {
                let _ = write!(out, "  over target: {}", first_words(o.text(), 12));
            }
            _ => {}
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "\nfolders with any error: {} of {} ({:.1}%)",
        r.all.with_error, r.all.folders, r.all.percent
    );
    let _ = writeln!(
        out,
        "merged in {}: {} of {} ({:.1}%) have an error; {} ({:.1}%) of a rule without a written reason (target {}%)",
        r.target_year,
        r.year.with_error,
        r.year.folders,
        r.year.percent,
        r.year_unexplained.with_error,
        r.year_unexplained.percent,
        r.year_target_percent
    );
    for p in &r.problems {
        let _ = writeln!(out, "not checked: {p}");
    }
    if r.failures.is_empty() {
        out.push_str("every target holds\n");
    } else {
        for f in &r.failures {
            let _ = writeln!(out, "target missed: {f}");
        }
    }
    out
}

fn first_words(s: &str, n: usize) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut t = words[..words.len().min(n)].join(" ");
    if words.len() > n {
        t.push('…');
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(name: &str, merged: &str, errors: &[RuleId]) -> FolderResult {
        FolderResult {
            name: name.into(),
            merged: merged.into(),
            errors: errors.iter().copied().collect(),
            problem: None,
        }
    }

    #[test]
    fn shares_by_rule_and_year() {
        // 20 folders: DESC-PRESENT fires on 2 (10%): over target, no reason.
        let mut fs: Vec<FolderResult> = (0..18)
            .map(|i| folder(&format!("f{i}"), "2022-05-01", &[]))
            .collect();
        fs.push(folder("a", "2023-01-02", &[RuleId::DescPresent]));
        fs.push(folder("b", "2021-01-02", &[RuleId::DescPresent]));
        let r = summarise(Path::new("x"), fs);
        assert_eq!(r.rules.len(), 1);
        let d = &r.rules[0];
        assert_eq!((d.folders, d.percent), (2, 10.0));
        assert_eq!(d.by_year, [("2023".into(), 1), ("2021".into(), 1)]);
        assert!(d.fails_target);
        assert_eq!(r.year.folders, 1);
        assert_eq!(r.year.with_error, 1);
        assert_eq!(r.failures.len(), 2, "{:?}", r.failures);
        assert!(r.failures[0].contains("DESC-PRESENT"), "{:?}", r.failures);
        let t = text(&r);
        assert!(t.contains("DESC-PRESENT"), "{t}");
        assert!(t.contains("OVER TARGET"), "{t}");
        assert!(t.contains("folders with any error: 2 of 20 (10.0%)"), "{t}");
    }

    #[test]
    fn a_newer_rule_explains_older_folders_only() {
        let newer = |_: RuleId| {
            Some(OverTarget::Newer {
                since: "2023-06-01".into(),
                text: "newer than 2023-06-01".into(),
            })
        };
        // 2 of 20 folders (10%) break the rule, both merged before it: explained.
        let mut fs: Vec<FolderResult> = (0..18)
            .map(|i| folder(&format!("f{i}"), "2023-09-01", &[]))
            .collect();
        fs.push(folder("a", "2023-01-02", &[RuleId::DescPresent]));
        fs.push(folder("b", "2023-02-02", &[RuleId::DescPresent]));
        let r = summarise_with(Path::new("x"), fs.clone(), newer);
        assert!(!r.rules[0].fails_target);
        assert_eq!(r.rules[0].since_folders, Some((0, 18)));
        assert_eq!(r.year.with_error, 2);
        assert_eq!(r.year_unexplained.with_error, 0);
        assert!(r.failures.is_empty(), "{:?}", r.failures);
        // One merged after the rule still counts, and two of 18 since the date miss it.
        fs[0].errors.insert(RuleId::DescPresent);
        fs[1].errors.insert(RuleId::DescPresent);
        let r = summarise_with(Path::new("x"), fs, newer);
        assert_eq!(r.rules[0].since_folders, Some((2, 18)));
        assert!(r.rules[0].fails_target);
        assert!(
            r.failures[0].contains("since 2023-06-01"),
            "{:?}",
            r.failures
        );
        // A validator message explains every folder.
        let mut fs: Vec<FolderResult> = (0..9)
            .map(|i| folder(&format!("f{i}"), "2023-09-01", &[]))
            .collect();
        fs.push(folder("a", "2023-10-02", &[RuleId::DescPresent]));
        let r = summarise_with(Path::new("x"), fs, |_| {
            Some(OverTarget::Validator {
                message: "m".into(),
                text: "validator \"m\"".into(),
            })
        });
        assert!(!r.rules[0].fails_target);
        assert_eq!(r.year_unexplained.with_error, 0);
    }

    #[test]
    fn a_rule_under_target_passes() {
        let mut fs: Vec<FolderResult> = (0..40)
            .map(|i| folder(&format!("f{i}"), "2023-05-01", &[]))
            .collect();
        fs.push(folder("a", "2023-01-02", &[RuleId::DescPresent]));
        let r = summarise(Path::new("x"), fs);
        assert!(!r.rules[0].fails_target);
        assert!(r.failures.is_empty(), "{:?}", r.failures);
        assert!(text(&r).contains("every target holds"));
    }
}
