//! `connector-wizard check`: run the rules on connector folders, lone swagger files, or every
//! connector folder under a path (a checkout), and stream the findings out.
//!
//! The run: find the folders ([`crate::lint::discover`]), keep the changed ones
//! (`--changed-since`), choose the rules ([`crate::lint::select::Policy`] from the config
//! and the command line), check the folders in parallel and write each one's findings in
//! order as soon as it and the ones before it are done ([`ordered`]); a baseline leaves out
//! the known findings. Memory holds a few connectors at a time, whatever the number of
//! findings.

use super::color::{ColorChoice, Paint};
use super::output::{self, Emitter, Format, Item, Out, SrcRoot, Totals};
use super::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};
use crate::document::{Connector, ConnectorKind, SourceFile, MAX_FILE_BYTES};
use crate::lint::baseline::{Baseline, Recorder};
use crate::lint::config::{self, Config};
use crate::lint::discover::{self, Found};
use crate::lint::select::{Layer, Policy, Selector};
use crate::rules::{self, CheckOptions, Finding, Severity};
use crate::util::printable::printable;
use anyhow::Context;
use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Condvar, Mutex};
use std::time::Instant;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit status: 0 no error findings (see --fail-on, --exit-zero), 1 findings at or above --fail-on, 2 a path, the config or the baseline could not be read, an output could not be written, or the arguments are wrong.\n\nExamples:\n  connector-wizard check independent-publisher-connectors/Contoso\n  connector-wizard check .                                  every connector folder of a checkout\n  connector-wizard check --changed-since origin/dev .       only the folders a pull request changes\n  connector-wizard check --format sarif -o results.sarif .\n  connector-wizard check --select OP-,TITLE- --ignore OP-SUMMARY-CASE .\n  connector-wizard check --fix ."
)]
pub struct Args {
    /// Connector folders, lone swagger files, or folders above connector folders (a checkout:
    /// walked, .gitignore respected). `-` reads a swagger from standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The kind of connector (default: inferred from the path, else independent-publisher).
    #[arg(long, value_enum)]
    pub kind: Option<ConnectorKind>,
    /// Output format.
    #[arg(long, alias = "output-format", value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write the output to FILE (replaced atomically once complete) instead of standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Only these rules: IDs or prefixes (`OP-`, `README-`, `ALL`), comma-separated.
    /// Replaces the config's choice.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub select: Option<Vec<String>>,
    /// Also these rules (IDs or prefixes), on top of the config's and --select's choice.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub extend_select: Vec<String>,
    /// Not these rules (IDs or prefixes). The most specific of select and ignore wins.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Read the rule choice from this file instead of the nearest connector-wizard.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore every connector-wizard.toml.
    #[arg(long)]
    pub isolated: bool,
    /// Leave out the findings recorded in this baseline (matched by rule, file and JSON pointer).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record today's findings as a baseline in FILE (and report nothing else).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["baseline", "fix", "statistics", "output"])]
    pub write_baseline: Option<PathBuf>,
    /// Only the connector folders that differ from this git revision (committed, staged,
    /// changed or new); their swaggers are also compared with it (as --against REV).
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
    /// Print the number of findings per rule instead of the findings (text or JSON).
    #[arg(long)]
    pub statistics: bool,
    /// Print the findings only: no summary line, no messages about the run.
    #[arg(short, long)]
    pub quiet: bool,
    /// Exit with 0 even when there are findings (2 still means a problem).
    #[arg(long)]
    pub exit_zero: bool,
    /// Exit with 1 when a finding is at or above this severity.
    #[arg(long, value_enum, default_value_t = Level::Error, value_name = "SEVERITY")]
    pub fail_on: Level,
    /// The path standard input stands for (`-`): names it in the output, infers the kind,
    /// finds the config.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
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
    #[arg(long, value_enum, default_value_t = Level::Info, value_name = "SEVERITY")]
    pub min_severity: Level,
}

/// A severity threshold on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Level {
    Error,
    Warning,
    Info,
}

impl Level {
    pub fn severity(self) -> Severity {
        match self {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
            Level::Info => Severity::Info,
        }
    }
}

/// What is checked: a path, or standard input under a name.
#[derive(Debug, Clone)]
enum Target {
    Path(PathBuf),
    Stdin(PathBuf),
}

/// One connector, checked.
#[derive(Default)]
struct Checked {
    items: Vec<Item>,
    fixed: Vec<(String, String)>,
    /// Messages for standard error (the breaking-change comparison).
    notes: Vec<String>,
    problem: Option<String>,
}

/// A usage problem: the message is printed and the exit status is 2.
struct Usage(String);

/// The end of the JSON value a finding points at (line, column after it), when that is
/// after the finding's start.
fn end_of(c: &Connector, f: &Finding) -> Option<(usize, usize)> {
    if f.pointer.is_empty() || f.line == 0 {
        return None;
    }
    let file: &SourceFile = [&c.swagger, &c.api_properties]
        .into_iter()
        .flatten()
        .find(|s| s.display == f.file)?;
    let node = crate::json::pointer::lookup(file.json()?, &f.pointer)?;
    let end = file.line_col(node.span.end);
    (end > (f.line, f.column)).then_some(end)
}

/// Reads standard input as a swagger, stopping past the size limit.
fn read_stdin() -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    io::stdin()
        .lock()
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn load(target: &Target, args: &Args) -> Result<Connector, String> {
    match target {
        Target::Path(p) => Connector::load(p, args.kind).map_err(|e| e.to_string()),
        Target::Stdin(name) => read_stdin()
            .map(|b| Connector::from_bytes(name, b, args.kind))
            .map_err(|e| format!("standard input: cannot read it: {e}")),
    }
}

fn check_one(
    target: &Target,
    args: &Args,
    against: Option<&str>,
    opts: &CheckOptions,
    policy: &Policy,
) -> Checked {
    let mut out = Checked::default();
    let c = match load(target, args) {
        Ok(c) => c,
        Err(e) => {
            out.problem = Some(e);
            return out;
        }
    };
    let (c, mut findings) = if args.fix {
        // The engine plans the edits; they are written here, with the minimal-diff writer.
        let written = rules::fix::plan(&c, opts, args.unsafe_fixes)
            .map_err(|e| e.to_string())
            .and_then(|plan| {
                crate::document::save::write_all(&plan.files).map_err(|e| e.to_string())?;
                Ok(plan.applied)
            });
        let applied =
            match written.and_then(|a| c.reload().map(|c| (a, c)).map_err(|e| e.to_string())) {
                Ok(a) => a,
                Err(e) => {
                    out.problem = Some(e);
                    return out;
                }
            };
        out.fixed = applied
            .0
            .into_iter()
            .map(|(p, d)| (p.display().to_string(), d))
            .collect();
        let f = rules::check(&applied.1, opts);
        (applied.1, f)
    } else {
        let f = rules::check(&c, opts);
        (c, f)
    };
    if let (Some(against), Some(sw)) = (against, &c.swagger) {
        let rev = if against == "auto" { "" } else { against };
        match crate::breaking::check_against(sw, rev) {
            Ok(Some(cmp)) => {
                out.notes.push(format!(
                    "compared {} with {} ({} operations)",
                    printable(&sw.display),
                    printable(&cmp.label),
                    cmp.operations
                ));
                let from = findings.len();
                findings.extend(cmp.findings);
                rules::cap::cap_since(&mut findings, from);
            }
            Ok(None) => out.notes.push(format!(
                "{}: new at that revision, no breaking-change comparison",
                printable(&sw.display)
            )),
            Err(e) => {
                out.problem = Some(e.to_string());
                return out;
            }
        }
        rules::sort(&mut findings);
    }
    out.items = findings
        .into_iter()
        .filter_map(|f| policy.apply(f))
        .map(|f| Item {
            end: end_of(&c, &f),
            f,
        })
        .collect();
    out
}

/// Runs `work` on `0..n` in `threads` threads and hands the results to `consume` in order,
/// each as soon as it and the ones before it are done. At most `window` results wait to be
/// consumed (the memory of a run stays that of a few connectors). An error of `consume`
/// stops the run.
fn ordered<R: Send>(
    n: usize,
    threads: usize,
    window: usize,
    work: impl Fn(usize) -> R + Sync,
    mut consume: impl FnMut(R) -> io::Result<()>,
) -> io::Result<()> {
    struct Gate {
        consumed: usize,
        stop: bool,
    }
    let next = AtomicUsize::new(0);
    let gate = (
        Mutex::new(Gate {
            consumed: 0,
            stop: false,
        }),
        Condvar::new(),
    );
    let (tx, rx) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|s| {
        for _ in 0..threads.max(1) {
            let tx = tx.clone();
            let (next, gate, work) = (&next, &gate, &work);
            s.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= n {
                    break;
                }
                {
                    let mut g = gate.0.lock().unwrap_or_else(|e| e.into_inner());
                    while !g.stop && i >= g.consumed + window {
                        g = gate.1.wait(g).unwrap_or_else(|e| e.into_inner());
                    }
                    if g.stop {
                        break;
                    }
                }
                if tx.send((i, work(i))).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut pending = BTreeMap::new();
        let mut want = 0;
        let mut result = Ok(());
        for (i, r) in rx {
            pending.insert(i, r);
            while let Some(r) = pending.remove(&want) {
                result = consume(r);
                want += 1;
                let mut g = gate.0.lock().unwrap_or_else(|e| e.into_inner());
                g.consumed = want;
                g.stop = result.is_err();
                drop(g);
                gate.1.notify_all();
                if result.is_err() {
                    break;
                }
            }
            if result.is_err() {
                break;
            }
        }
        result
    })
}

fn selectors(list: &[String], flag: &str) -> Result<Vec<Selector>, Usage> {
    list.iter()
        .filter(|s| !s.trim().is_empty())
        .map(|s| Selector::parse(s).map_err(|e| Usage(format!("{flag}: {e}"))))
        .collect()
}

/// The rule choice: the config (unless --isolated), then the command line.
fn policy(args: &Args, first: Option<&Path>) -> Result<(Policy, Option<Config>), Usage> {
    let config = if args.isolated {
        None
    } else if let Some(p) = &args.config {
        Some(config::load(p).map_err(Usage)?)
    } else {
        let start = first
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        let found = config::find(&start);
        for p in &found.skipped {
            if !args.quiet {
                eprintln!(
                    "note: {} is not used: a config inside a connector folder could switch that connector's rules off; put it at the checkout's root, or pass --config",
                    printable(&p.display().to_string())
                );
            }
        }
        match found.path {
            Some(p) => Some(config::load(&p).map_err(Usage)?),
            None => None,
        }
    };
    let cli = Layer {
        select: args
            .select
            .as_ref()
            .map(|s| selectors(s, "--select"))
            .transpose()?,
        extend_select: selectors(&args.extend_select, "--extend-select")?,
        ignore: selectors(&args.ignore, "--ignore")?,
    };
    let empty = Layer::default();
    let file_layer = config.as_ref().map(|c| &c.layer).unwrap_or(&empty);
    let mut p = Policy::new(
        &[file_layer, &cli],
        config
            .as_ref()
            .map(|c| c.severities.as_slice())
            .unwrap_or(&[]),
        config
            .as_ref()
            .map(|c| c.per_path.clone())
            .unwrap_or_default(),
    );
    p.min_severity = args.min_severity.severity();
    Ok((p, config))
}

/// The targets the paths stand for; folders above connector folders are walked.
fn targets(args: &Args, quiet: bool) -> Result<Vec<Target>, Usage> {
    let stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
    if stdin {
        if args.paths.len() > 1 {
            return Err(Usage("`-` (standard input) must be the only path".into()));
        }
        if args.fix {
            return Err(Usage(
                "--fix cannot change standard input; give the file's path".into(),
            ));
        }
        let name = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| PathBuf::from("apiDefinition.swagger.json"));
        return Ok(vec![Target::Stdin(name)]);
    }
    if args.stdin_filename.is_some() {
        return Err(Usage(
            "--stdin-filename goes with the path `-` (standard input)".into(),
        ));
    }
    let mut out = Vec::new();
    for p in &args.paths {
        match discover::find(p) {
            // Reading it says what is wrong ("holds no *.swagger.json file").
            Found::Itself => out.push(Target::Path(p.clone())),
            Found::Walked(found) if found.is_empty() => out.push(Target::Path(p.clone())),
            Found::Walked(found) => {
                if !quiet {
                    eprintln!(
                        "found {} under {}",
                        output::plural(found.len(), "connector folder", "connector folders"),
                        printable(&p.display().to_string())
                    );
                }
                out.extend(found.into_iter().map(Target::Path));
            }
        }
    }
    Ok(out)
}

/// Where SARIF paths start (`%SRCROOT%`): the top of the checkout holding the first path,
/// else the current folder when every target is in it, else the deepest folder holding
/// every target.
fn src_root(targets: &[Target], first: Option<&Path>) -> PathBuf {
    if let Some(top) = first.and_then(crate::breaking::git::repo_root) {
        return top;
    }
    let cwd = crate::lint::paths::absolute(Path::new("."));
    if targets.iter().all(|t| {
        let (Target::Path(p) | Target::Stdin(p)) = t;
        crate::lint::paths::absolute(p).starts_with(&cwd)
    }) {
        return cwd;
    }
    let mut common: Option<PathBuf> = None;
    for t in targets {
        let (Target::Path(p) | Target::Stdin(p)) = t;
        let abs = crate::lint::paths::absolute(p);
        let dir = if abs.is_dir() {
            abs
        } else {
            abs.parent().map(Path::to_path_buf).unwrap_or(abs)
        };
        common = Some(match common {
            None => dir,
            Some(c) => c
                .ancestors()
                .find(|a| dir.starts_with(a))
                .map(Path::to_path_buf)
                .unwrap_or(c),
        });
    }
    common.unwrap_or_else(|| crate::lint::paths::absolute(Path::new(".")))
}

pub fn run(args: Args, color: ColorChoice) -> anyhow::Result<u8> {
    match run_checked(args, color) {
        Err(Failure::Usage(Usage(msg))) => {
            eprintln!("{}", super::color::error_prefix(color, &printable(&msg)));
            Ok(EXIT_USAGE)
        }
        Err(Failure::Other(e)) => Err(e),
        Ok(code) => Ok(code),
    }
}

enum Failure {
    Usage(Usage),
    Other(anyhow::Error),
}

impl From<Usage> for Failure {
    fn from(u: Usage) -> Failure {
        Failure::Usage(u)
    }
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Failure {
        Failure::Other(e)
    }
}

fn run_checked(args: Args, color: ColorChoice) -> Result<u8, Failure> {
    let start = Instant::now();
    if args.statistics && matches!(args.format, Format::Sarif | Format::Github) {
        return Err(
            Usage("--statistics prints text or JSON: use --format text or json".into()).into(),
        );
    }
    let quiet = args.quiet;
    let mut targets = targets(&args, quiet)?;
    // The config is looked for from what was named on the command line (the first path,
    // or the name given to standard input), not from the first connector folder found
    // under it.
    let first = match targets.first() {
        Some(Target::Stdin(p)) => Some(p.clone()),
        _ => args.paths.first().cloned(),
    };
    let (policy, config) = policy(&args, first.as_deref())?;
    if let (Some(c), false) = (&config, quiet) {
        eprintln!("using {}", printable(&c.path.display().to_string()));
    }
    let mut against = args.against.clone();
    if let Some(rev) = &args.changed_since {
        let paths: Vec<PathBuf> = targets
            .iter()
            .filter_map(|t| match t {
                Target::Path(p) => Some(p.clone()),
                Target::Stdin(_) => None,
            })
            .collect();
        let changed = crate::lint::changed::changed_since(&paths, rev).map_err(Usage)?;
        if !quiet {
            eprintln!(
                "{} of {} changed since {}",
                changed.len(),
                output::plural(paths.len(), "connector folder", "connector folders"),
                printable(rev)
            );
        }
        targets = changed.into_iter().map(Target::Path).collect();
        against.get_or_insert_with(|| rev.clone());
    }
    let mut baseline = match &args.baseline {
        Some(p) => Some(Baseline::load(p).map_err(Usage)?),
        None => None,
    };
    let mut recorder = args.write_baseline.as_deref().map(Recorder::new);

    let mut out = match &args.output {
        Some(p) => Out::file(p).map_err(|e| {
            Usage(format!(
                "{}: cannot write the output there: {e}",
                p.display()
            ))
        })?,
        None => Out::stdout(),
    };
    let paint = Paint::new(args.output.is_none() && color.stdout());
    let step_summary = std::env::var_os("GITHUB_STEP_SUMMARY")
        .filter(|v| !v.is_empty() && args.format == Format::Github)
        .map(PathBuf::from);
    let mut emitter: Box<dyn Emitter> = if recorder.is_some() {
        Box::new(output::Silent)
    } else if args.statistics {
        Box::new(output::Statistics {
            json: args.format == Format::Json,
            paint,
            quiet,
        })
    } else {
        match args.format {
            Format::Text => Box::new(output::Text::new(paint, quiet)),
            Format::Concise => Box::new(output::Concise { paint, quiet }),
            Format::Json => Box::new(output::Json::new()),
            Format::Sarif => Box::new(output::Sarif::new(
                SrcRoot(src_root(&targets, first.as_deref())),
                &policy,
            )),
            Format::Github => Box::new(output::Github::new(step_summary.is_some())),
        }
    };

    let opts = CheckOptions {
        pr_title: args.pr_title.clone(),
        is_update: args.update,
        ..Default::default()
    };
    let n = targets.len();
    let progress = n > 20 && io::stderr().is_terminal() && !quiet;
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(n)
        .max(1);
    let mut totals = Totals {
        fix_requested: args.fix,
        ..Default::default()
    };
    let written = emitter.begin(&mut out).and_then(|()| {
        let mut done = 0;
        ordered(
            n,
            threads,
            threads * 4,
            |i| check_one(&targets[i], &args, against.as_deref(), &opts, &policy),
            |c: Checked| {
                done += 1;
                if progress && (done % 10 == 0 || done == n) {
                    super::term::progress(&format!("checked {done}/{n}"), done == n);
                }
                if !quiet {
                    for note in &c.notes {
                        eprintln!("{note}");
                    }
                }
                if let Some(p) = c.problem {
                    totals.problems.push(p);
                    return Ok(());
                }
                totals.connectors += 1;
                totals.fixes += c.fixed.len();
                let mut items = c.items;
                if let Some(b) = &mut baseline {
                    let before = items.len();
                    items.retain(|i| !b.contains(&i.f));
                    totals.baselined += before - items.len();
                }
                for i in &items {
                    totals.count(&i.f);
                    if let Some(r) = &mut recorder {
                        r.add(&i.f);
                    }
                }
                emitter.connector(&mut out, &items, &c.fixed)
            },
        )
    });
    totals.seconds = start.elapsed().as_secs_f64();
    let written = written
        .and_then(|()| emitter.end(&mut out, &totals))
        .and_then(|()| out.finish());
    if let Err(e) = written {
        return Err(match &args.output {
            Some(p) => Usage(format!(
                "{}: cannot write the output: {e}; the file was left as it was",
                p.display()
            ))
            .into(),
            // main reports it (or ends quietly on a closed pipe).
            None => anyhow::Error::new(e)
                .context("cannot write to standard output")
                .into(),
        });
    }
    if let Some(path) = &step_summary {
        append(path, &output::step_summary(&totals)).map_err(|e| {
            Usage(format!(
                "{}: cannot write the job summary ($GITHUB_STEP_SUMMARY): {e}",
                path.display()
            ))
        })?;
    }
    if let (Some(r), Some(path)) = (&recorder, &args.write_baseline) {
        crate::util::fs::atomic_write_shared(path, r.to_json().as_bytes())
            .with_context(|| format!("{}: cannot write the baseline", path.display()))?;
        if !quiet {
            eprintln!(
                "wrote {}: {} in {}",
                printable(&path.display().to_string()),
                output::plural(r.findings, "finding", "findings"),
                output::plural(r.files(), "file", "files")
            );
        }
    }
    if let (Some(b), false) = (&baseline, quiet) {
        if b.matched > 0 && !matches!(args.format, Format::Text | Format::Concise) {
            eprintln!(
                "{} in the baseline not reported",
                output::plural(b.matched, "finding", "findings")
            );
        }
    }
    if args.format == Format::Sarif && totals.findings() > output::MAX_RESULTS {
        eprintln!(
            "{}: {} findings, but GitHub accepts at most {} results per SARIF run: the first {} were written and the rest counted in the run's notifications; narrow the run with --select, --ignore, --baseline or --changed-since",
            Paint::new(color.stderr()).yellow("warning"),
            totals.findings(),
            output::MAX_RESULTS,
            output::MAX_RESULTS
        );
    }
    for p in &totals.problems {
        eprintln!("{}", super::color::error_prefix(color, &printable(p)));
    }
    Ok(if !totals.problems.is_empty() {
        EXIT_USAGE
    } else if args.exit_zero || recorder.is_some() {
        EXIT_OK
    } else if totals.at_least(args.fail_on.severity()) > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

/// Appends `text` to a file (the job summary: other steps write to it too).
fn append(path: &Path, text: &str) -> io::Result<()> {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    f.write_all(text.as_bytes())?;
    f.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordered_keeps_the_order_and_stops_on_error() {
        let mut got = Vec::new();
        ordered(
            50,
            3,
            4,
            |i| i * 2,
            |r| {
                got.push(r);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(got, (0..50).map(|i| i * 2).collect::<Vec<_>>());
        let mut seen = 0;
        let e = ordered(
            1000,
            2,
            4,
            |i| i,
            |_| {
                seen += 1;
                if seen == 5 {
                    Err(io::Error::from(io::ErrorKind::BrokenPipe))
                } else {
                    Ok(())
                }
            },
        );
        assert!(e.is_err());
        assert_eq!(seen, 5);
    }
}
