//! `connector-wizard bench`: measures the engine on a corpus of real connectors and prints
//! the figures (the README quotes them). Speed targets are checked here, never in unit tests.
//! `bench calibrate` measures the verdicts instead: how many merged connectors each error
//! rule fires on (see [`crate::calibration`]).

use super::color::ColorChoice;
use super::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};
use crate::calibration;
use crate::document::Connector;
use crate::rules::{self, CheckOptions, Field, FieldContext};
use crate::util::printable::json_pretty;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<BenchCommand>,
    /// The corpus: a folder whose sub-folders (or sub-sub-folders) are connector folders.
    #[arg(long, value_name = "DIR", default_value = "../shared/corpus")]
    pub corpus: PathBuf,
    /// How many times each measurement runs (the median is reported).
    #[arg(long, default_value_t = 15)]
    pub runs: usize,
    /// Also time the whole `check` of every connector folder under these folders end to end
    /// (see `bench_whole`); missing folders are skipped.
    #[arg(long, value_name = "DIR", num_args = 1.., default_values = ["../shared/calibration", "../shared/corpus"])]
    pub whole: Vec<PathBuf>,
    /// Leave out the whole-check timing.
    #[arg(long, conflicts_with = "whole")]
    pub no_whole: bool,
}

#[derive(Debug, clap::Subcommand)]
pub enum BenchCommand {
    /// Run every rule over merged connectors and print, per error rule, the folders it fires
    /// on (by merge year, newest first) against the targets: exit 0 when every target holds,
    /// 1 when one is missed, 2 when the folder cannot be read.
    Calibrate(CalibrateArgs),
}

#[derive(Debug, clap::Args)]
pub struct CalibrateArgs {
    /// The calibration set: a folder holding merged-dates.json and
    /// independent-publisher-connectors/.
    #[arg(value_name = "DIR", default_value = "../shared/calibration")]
    pub path: PathBuf,
    /// Print the figures as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `bench calibrate`.
fn calibrate(args: CalibrateArgs, color: ColorChoice) -> anyhow::Result<u8> {
    let report = match calibration::run(&args.path) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{}", super::color::error_prefix(color, &e.to_string()));
            return Ok(EXIT_USAGE);
        }
    };
    let out = if args.json {
        json_pretty(&report)? + "\n"
    } else {
        calibration::text(&report)
    };
    super::term::write_stdout(&out);
    Ok(if report.failures.is_empty() {
        EXIT_OK
    } else {
        EXIT_FINDINGS
    })
}

/// Connector folders under `dir` (one or two levels deep).
pub fn connector_folders(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in rd.flatten() {
        let p = e.path();
        if !p.is_dir() {
            continue;
        }
        let has_swagger = std::fs::read_dir(&p)
            .map(|r| {
                r.flatten().any(|f| {
                    f.file_name()
                        .to_string_lossy()
                        .to_ascii_lowercase()
                        .ends_with(".swagger.json")
                })
            })
            .unwrap_or(false);
        if has_swagger {
            out.push(p);
        } else {
            out.extend(connector_folders(&p));
        }
    }
    out.sort();
    out
}

/// The JSON files of the folders (swaggers and apiProperties), as bytes.
pub fn json_files(folders: &[PathBuf]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for f in folders {
        for e in std::fs::read_dir(f).into_iter().flatten().flatten() {
            let n = e.file_name().to_string_lossy().to_ascii_lowercase();
            if n.ends_with(".swagger.json") || n == "apiproperties.json" {
                if let Ok(b) = std::fs::read(e.path()) {
                    out.push(b);
                }
            }
        }
    }
    out
}

/// The baseline: read and parse every JSON file with serde_json (BOM stripped, invalid
/// files counted as parsed up to the error).
pub fn serde_parse_all(folders: &[PathBuf]) -> usize {
    let mut ok = 0;
    for b in json_files(folders) {
        let b = b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&b);
        if serde_json::from_slice::<serde_json::Value>(b).is_ok() {
            ok += 1;
        }
    }
    ok
}

/// The whole check: read every folder and run every rule.
#[inline(never)]
pub fn check_all(folders: &[PathBuf]) -> usize {
    check_all_with(folders, &CheckOptions::default())
}

/// The whole check without the spelling of STRING-QUALITY.
#[inline(never)]
pub fn check_all_without_spelling(folders: &[PathBuf]) -> usize {
    let opts = CheckOptions {
        skip_spelling: true,
        ..Default::default()
    };
    check_all_with(folders, &opts)
}

/// The whole check with options (e.g. without spelling).
pub fn check_all_with(folders: &[PathBuf], opts: &CheckOptions) -> usize {
    let mut n = 0;
    for f in folders {
        if let Ok(c) = Connector::load(f, None) {
            n += rules::check(&c, opts).len();
        }
    }
    n
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time(runs: usize, mut f: impl FnMut()) -> Duration {
    f(); // warm the page cache
    median(
        (0..runs.max(1))
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect(),
    )
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}

fn us(d: Duration) -> String {
    format!("{:.2} µs", d.as_secs_f64() * 1e6)
}

pub fn run(args: Args, color: ColorChoice) -> anyhow::Result<u8> {
    if let Some(BenchCommand::Calibrate(c)) = args.command {
        return calibrate(c, color);
    }
    let folders = connector_folders(&args.corpus);
    if folders.is_empty() {
        anyhow::bail!(
            "{}: no connector folders found; pass --corpus DIR (e.g. ../shared/corpus)",
            args.corpus.display()
        );
    }
    let bytes: usize = json_files(&folders).iter().map(Vec::len).sum();
    println!(
        "corpus: {} connectors, {:.1} MB of JSON, median of {} runs",
        folders.len(),
        bytes as f64 / 1e6,
        args.runs
    );
    let parse = time(args.runs, || {
        std::hint::black_box(serde_parse_all(&folders));
    });
    // The spelling dictionary loads once per process, on the first prose it checks: time
    // that apart (a fresh load), then the checks with it loaded.
    let load = Instant::now();
    std::hint::black_box(rules::spelling::Speller::load(true));
    let load = load.elapsed();
    std::hint::black_box(rules::spelling::speller());
    let check = time(args.runs, || {
        std::hint::black_box(check_all(&folders));
    });
    let check_plain = time(args.runs, || {
        std::hint::black_box(check_all_without_spelling(&folders));
    });
    println!("serde_json parse of every JSON file:  {}", ms(parse));
    println!("connector-wizard check (all rules):   {}", ms(check));
    println!("  the same without spelling:          {}", ms(check_plain));
    println!(
        "ratio check / parse:                  {:.2}x (target <= 1.5x)",
        check.as_secs_f64() / parse.as_secs_f64()
    );
    println!(
        "  without spelling:                   {:.2}x",
        check_plain.as_secs_f64() / parse.as_secs_f64()
    );
    println!(
        "spelling dictionary load (once):      {} (the first check of a process that reads prose)",
        ms(load)
    );

    // Per-keystroke field check on the largest swagger's longest summary.
    if let Some(largest) = folders.iter().max_by_key(|f| {
        std::fs::metadata(f.join("apiDefinition.swagger.json"))
            .map(|m| m.len())
            .unwrap_or(0)
    }) {
        let typed = "Convert a PDF document to PDF/A and add a watermark.";
        let ctx = FieldContext {
            operation_id: Some("ConvertToPdfA"),
            ..Default::default()
        };
        let per_key = time(args.runs, || {
            for k in 1..=typed.len() {
                std::hint::black_box(rules::check_field(Field::OpSummary, &typed[..k], &ctx));
            }
        }) / typed.len() as u32;
        println!(
            "field check per keystroke (summary):  {} ({} keystrokes)",
            us(per_key),
            typed.len()
        );
        // What the editor runs: the same with spelling (the dictionary is loaded above).
        let per_key_live = time(args.runs, || {
            for k in 1..=typed.len() {
                std::hint::black_box(rules::check_field_live(Field::OpSummary, &typed[..k], &ctx));
            }
        }) / typed.len() as u32;
        println!("  with spelling, as the editor runs:  {}", us(per_key_live));
        if let Ok(c) = Connector::load(largest, None) {
            let one = time(args.runs.min(5), || {
                std::hint::black_box(rules::check(&c, &CheckOptions::default()));
            });
            println!(
                "whole-connector re-check, largest:    {} ({})",
                ms(one),
                largest.display()
            );
        }
    }
    if !args.no_whole {
        super::bench_whole::run(&args.whole, args.runs.min(5))?;
    }
    Ok(EXIT_OK)
}
