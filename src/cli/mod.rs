//! Command-line front end: argument parsing and one module per subcommand.
//! Each subcommand returns an exit code: 0 fine, 1 findings/refusal, 2 usage or I/O problem.

// Every `println!`, `print!`, `eprintln!` and `eprint!` of the command line (this file and
// the modules declared below it) goes through `term`, which makes text from files, the
// catalog or the network printable (see `crate::util::printable`). These definitions shadow
// the standard macros on purpose: a new subcommand is covered without having to remember.
macro_rules! println {
    () => { $crate::cli::term::out(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::cli::term::out(format_args!("{}\n", format_args!($($arg)*))) };
}
macro_rules! print {
    ($($arg:tt)*) => { $crate::cli::term::out(format_args!($($arg)*)) };
}
macro_rules! eprintln {
    () => { $crate::cli::term::err(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::cli::term::err(format_args!("{}\n", format_args!($($arg)*))) };
}
macro_rules! eprint {
    ($($arg:tt)*) => { $crate::cli::term::err(format_args!($($arg)*)) };
}

pub mod term;

pub mod bench;
mod bench_whole;
pub mod catalog;
pub mod check;
pub mod export;
pub mod generate;
pub mod import;
pub mod new;
pub mod output;
pub mod rules_cmd;
pub mod sample;
pub mod search;
pub mod session;
pub mod workcopy;

use clap::{CommandFactory, Parser, Subcommand};
use std::process::ExitCode;

// Colour decisions and exit codes live in `util`, shared with the wizard; the subcommands
// reach them as `super::color` and `super::EXIT_*`.
pub use crate::util::color;
pub use crate::util::exit::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};

#[derive(Debug, Parser)]
#[command(
    name = "connector-wizard",
    version = version_text(),
    about = "From an idea to a certified Power Platform connector: checks every rule offline and walks you through the six steps.",
    long_about = None,
    after_help = "Run without a subcommand to open the terminal wizard."
)]
pub struct Cli {
    /// When to use colours: auto (default, off when NO_COLOR is set or output is not a terminal), always, never.
    #[arg(long, global = true, value_enum, default_value_t = color::ColorChoice::Auto)]
    pub color: color::ColorChoice,

    /// Open the wizard on a saved session (the most recent one when NAME is left out).
    #[arg(long, value_name = "NAME", num_args = 0..=1, default_missing_value = "")]
    pub resume: Option<String>,

    /// Start a session from an existing connector folder of a checkout (an update).
    #[arg(long, value_name = "PATH")]
    pub from: Option<std::path::PathBuf>,

    /// Do not capture the mouse (lets the terminal select text).
    #[arg(long)]
    pub no_mouse: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check connector folders (or lone swagger files) against the certification rules.
    Check(check::Args),
    /// List the rules (ID, severity, what it checks, source), or explain one: `rules TITLE-MAX-30`.
    Rules(rules_cmd::Args),
    /// Search existing connectors and pull requests for duplicates of a name.
    Search(search::Args),
    /// Manage the connector catalog (refresh from a checkout or GitHub, show info).
    Catalog(catalog::Args),
    /// Create, list, show or remove wizard sessions.
    Session(session::Args),
    /// Generate intro.md, readme.md, apiProperties.json, PR title or body from a session, or a response schema from a sample.
    Generate(generate::Args),
    /// Start a connector blank: a swagger and apiProperties.json from a session's facts.
    New(new::Args),
    /// Import an OpenAPI 3 or Swagger 2.0 description (JSON or YAML) as the connector's swagger.
    Import(import::Args),
    /// Export a session's connector into a checkout of microsoft/PowerPlatformConnectors.
    Export(export::Args),
    /// Print shell completions.
    Completions {
        /// The shell to generate completions for.
        shell: clap_complete::Shell,
    },
    /// Measure check, search and per-keystroke costs on a corpus and print the figures.
    Bench(bench::Args),
}

fn version_text() -> &'static str {
    // Computed once; clap wants a &'static str.
    static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEXT.get_or_init(|| {
        format!(
            "{}\ndata directory: {}",
            env!("CARGO_PKG_VERSION"),
            crate::util::paths::data_dir().display()
        )
    })
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
            // `--help > /dev/full` is a failed write like any other; `--help | head` is not.
            return match e.print() {
                Err(w) if w.kind() != std::io::ErrorKind::BrokenPipe => {
                    eprintln!("error: cannot write the help: {w}");
                    ExitCode::from(EXIT_USAGE)
                }
                _ => ExitCode::from(code),
            };
        }
    };
    let color = cli.color;
    term::init(color);
    let result = match cli.command {
        None => crate::tui::run(crate::tui::Options {
            resume: cli.resume,
            from: cli.from,
            mouse: !cli.no_mouse,
        })
        .map(|()| EXIT_OK),
        Some(Command::Check(a)) => check::run(a, color),
        Some(Command::Rules(a)) => rules_cmd::run(a, color),
        Some(Command::Search(a)) => search::run(a, color),
        Some(Command::Catalog(a)) => catalog::run(a, color),
        Some(Command::Session(a)) => session::run(a, color),
        Some(Command::Generate(a)) => generate::run(a, color),
        Some(Command::New(a)) => new::run(a, color),
        Some(Command::Import(a)) => import::run(a, color),
        Some(Command::Export(a)) => export::run(a, color),
        Some(Command::Bench(a)) => bench::run(a, color),
        Some(Command::Completions { shell }) => {
            let mut cmd = Cli::command();
            // Into memory first: clap_complete panics when its writer fails.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut cmd, "connector-wizard", &mut script);
            let _ = term::write_stdout_raw(&script);
            Ok(EXIT_OK)
        }
    };
    let code = match result {
        Ok(code) => code,
        // A subcommand that stopped on a failed write to standard output: `exit_code` says it.
        Err(_) if term::stdout_failed() => EXIT_USAGE,
        Err(e) if term::is_broken_pipe(&e) => EXIT_OK,
        Err(e) => {
            eprintln!("{}", color::error_prefix(color, &format!("{e:#}")));
            EXIT_USAGE
        }
    };
    ExitCode::from(term::exit_code(code, color))
}
