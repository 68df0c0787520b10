//! `connector-wizard check`: run the rules on connector folders or lone swagger files.

use super::color::{ColorChoice, Paint};
use super::output::{self, Format, Report};
use super::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};
use crate::document::{Connector, ConnectorKind};
use crate::rules::{self, CheckOptions, Finding, Severity};
use crate::util::printable::printable;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit status: 0 no errors, 1 at least one error finding, 2 a path could not be read or the arguments are wrong.\n\nExamples:\n  connector-wizard check independent-publisher-connectors/Contoso\n  connector-wizard check --format sarif independent-publisher-connectors/* > results.sarif\n  connector-wizard check --fix ."
)]
pub struct Args {
    /// Connector folders or lone swagger files.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The kind of connector (default: inferred from the path, else independent-publisher).
    #[arg(long, value_enum)]
    pub kind: Option<ConnectorKind>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Apply the safe, mechanical fixes (only the repaired bytes change), then report what is left.
    #[arg(long)]
    pub fix: bool,
    /// With --fix, also apply the unsafe fixes: they may change what the connector does at run
    /// time (e.g. how a path parameter is encoded), so review the diff.
    #[arg(long, requires = "fix")]
    pub unsafe_fixes: bool,
    /// Also check this pull-request title (PR-TITLE, or PROPOSAL-TITLE when it starts with "Proposal -").
    #[arg(long, value_name = "TITLE")]
    pub pr_title: Option<String>,
    /// The PR updates an existing connector: the PR title only needs "(Independent Publisher)" somewhere.
    #[arg(long)]
    pub update: bool,
    /// Also report breaking changes against the swagger at this git revision or in this older
    /// file ("" or "auto": the merge base with dev/master/main, else HEAD).
    #[arg(long, value_name = "REV|FILE", num_args = 0..=1, default_missing_value = "")]
    pub against: Option<String>,
    /// Only report findings at or above this severity.
    #[arg(long, value_enum, default_value_t = MinSeverity::Info)]
    pub min_severity: MinSeverity,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MinSeverity {
    Error,
    Warning,
    Info,
}

impl MinSeverity {
    fn keeps(self, s: Severity) -> bool {
        match self {
            MinSeverity::Error => s == Severity::Error,
            MinSeverity::Warning => s != Severity::Info,
            MinSeverity::Info => true,
        }
    }
}

/// The outcome of checking one path.
enum One {
    Findings(Vec<Finding>, Vec<(String, String)>),
    Problem(String),
}

fn check_one(path: &std::path::Path, args: &Args, opts: &CheckOptions) -> One {
    let c = match Connector::load(path, args.kind) {
        Ok(c) => c,
        Err(e) => return One::Problem(e.to_string()),
    };
    let (c, mut findings, fixed) = if args.fix {
        // The engine plans the edits; they are written here, with the minimal-diff writer.
        let written = rules::fix::plan(&c, opts, args.unsafe_fixes)
            .map_err(|e| e.to_string())
            .and_then(|plan| {
                crate::document::save::write_all(&plan.files).map_err(|e| e.to_string())?;
                Ok(plan.applied)
            });
        let applied = match written {
            Ok(a) => a,
            Err(e) => return One::Problem(e),
        };
        let after = match c.reload() {
            Ok(after) => after,
            Err(e) => return One::Problem(e.to_string()),
        };
        let fixed = applied
            .into_iter()
            .map(|(p, d)| (p.display().to_string(), d))
            .collect();
        let f = rules::check(&after, opts);
        (after, f, fixed)
    } else {
        let f = rules::check(&c, opts);
        (c, f, Vec::new())
    };
    if let (Some(against), Some(sw)) = (&args.against, &c.swagger) {
        let rev = if against == "auto" {
            ""
        } else {
            against.as_str()
        };
        match crate::breaking::check_against(sw, rev) {
            Ok(Some(cmp)) => {
                eprintln!(
                    "compared {} with {} ({} operations)",
                    printable(&sw.display),
                    printable(&cmp.label),
                    cmp.operations
                );
                findings.extend(cmp.findings);
            }
            Ok(None) => eprintln!(
                "{}: new at that revision, no breaking-change comparison",
                printable(&sw.display)
            ),
            Err(e) => return One::Problem(e.to_string()),
        }
        rules::sort(&mut findings);
    }
    One::Findings(findings, fixed)
}

pub fn run(args: Args, color: ColorChoice) -> anyhow::Result<u8> {
    let start = Instant::now();
    let opts = CheckOptions {
        pr_title: args.pr_title.clone(),
        is_update: args.update,
    };
    let n = args.paths.len();
    let progress = n > 20 && std::io::stderr().is_terminal();
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(n)
        .max(1);
    let done = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<Option<One>> = (0..n).map(|_| None).collect();
    std::thread::scope(|s| {
        let chunk = n.div_ceil(threads);
        for (slots, paths) in results.chunks_mut(chunk).zip(args.paths.chunks(chunk)) {
            let (args, opts, done) = (&args, &opts, &done);
            s.spawn(move || {
                for (slot, p) in slots.iter_mut().zip(paths) {
                    *slot = Some(check_one(p, args, opts));
                    let k = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                    if progress && (k % 10 == 0 || k == n) {
                        super::term::progress(&format!("checked {k}/{n}"), k == n);
                    }
                }
            });
        }
    });
    let mut report = Report {
        seconds: 0.0,
        fix_requested: args.fix,
        ..Default::default()
    };
    for r in results.into_iter().flatten() {
        match r {
            One::Findings(fs, fixed) => {
                report.connectors += 1;
                report.findings.extend(
                    fs.into_iter()
                        .filter(|f| args.min_severity.keeps(f.severity)),
                );
                report.fixed.extend(fixed);
            }
            One::Problem(p) => report.problems.push(p),
        }
    }
    report.seconds = start.elapsed().as_secs_f64();
    let text = match args.format {
        Format::Text => output::text(&report, Paint::new(color.stdout())),
        Format::Json => output::json(&report),
        Format::Github => output::github(&report),
        Format::Sarif => output::sarif(&report),
    };
    // A closed pipe (`| head`) is not an error worth a message.
    super::term::write_stdout(&text);
    for p in &report.problems {
        eprintln!("{}", super::color::error_prefix(color, &printable(p)));
    }
    Ok(if !report.problems.is_empty() {
        EXIT_USAGE
    } else if report
        .findings
        .iter()
        .any(|f| f.severity == Severity::Error)
    {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}
