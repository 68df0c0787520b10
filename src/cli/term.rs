//! Standard output and error of the command line: everything printed passes through
//! [`crate::util::printable::terminal_safe`], so no control character, C1 control or
//! bidirectional override from a file, the catalog or the network reaches the terminal or a
//! CI log; only the program's own colours pass, and only on a stream that takes colour.
//!
//! `println!`, `print!`, `eprintln!` and `eprint!` inside `cli` are this module's (see the
//! macros at the top of `cli/mod.rs`); larger blocks use [`write_stdout`], streams
//! [`Stdout`].
//!
//! A failed write to standard output is never a panic and never lost: the first failure is
//! kept, later writes are skipped, and [`exit_code`] turns it into the exit status when the
//! subcommand returns: a closed pipe (`| head`) ends quietly with status 0, as ripgrep does;
//! any other failure (a full disk) is reported with status 2. Writes to standard error that
//! fail are ignored: there is nowhere left to report them.

use super::color::ColorChoice;
use crate::util::printable::terminal_safe;
use std::fmt;
use std::io::{self, IsTerminal, Write};
use std::sync::OnceLock;

/// (stdout takes colour, stderr takes colour), decided once.
static COLOUR: OnceLock<(bool, bool)> = OnceLock::new();

/// Records the `--color` choice; call once before printing. Later calls change nothing.
pub fn init(choice: ColorChoice) {
    let _ = COLOUR.set((choice.stdout(), choice.stderr()));
}

fn colour() -> (bool, bool) {
    *COLOUR.get_or_init(|| (ColorChoice::Auto.stdout(), ColorChoice::Auto.stderr()))
}

/// The first write to standard output that failed: its kind and message.
static STDOUT_FAILED: OnceLock<(io::ErrorKind, String)> = OnceLock::new();

/// Whether a write to standard output has failed (later writes are skipped).
pub fn stdout_failed() -> bool {
    STDOUT_FAILED.get().is_some()
}

fn record(e: &io::Error) {
    let _ = STDOUT_FAILED.set((e.kind(), e.to_string()));
}

/// Writes bytes to standard output as they are (a file's bytes redirected by the user),
/// recording a failure. Returns the error so a long job can stop early.
pub fn write_stdout_raw(bytes: &[u8]) -> io::Result<()> {
    if let Some((kind, msg)) = STDOUT_FAILED.get() {
        return Err(io::Error::new(*kind, msg.clone()));
    }
    let mut w = io::stdout().lock();
    let r = w.write_all(bytes).and_then(|()| w.flush());
    if let Err(e) = &r {
        record(e);
    }
    r
}

/// Writes text to standard output through the printable filter; see [`write_stdout_raw`].
pub fn try_write_stdout(text: &str) -> io::Result<()> {
    write_stdout_raw(terminal_safe(text, colour().0).as_bytes())
}

/// Writes to standard output (the `print!` family of `cli`).
pub fn out(args: fmt::Arguments<'_>) {
    let _ = try_write_stdout(&args.to_string());
}

/// Writes to standard error (the `eprint!` family of `cli`).
pub fn err(args: fmt::Arguments<'_>) {
    let mut w = io::stderr().lock();
    let _ = w.write_all(terminal_safe(&args.to_string(), colour().1).as_bytes());
    let _ = w.flush();
}

/// Writes a block of text to standard output.
pub fn write_stdout(text: &str) {
    let _ = try_write_stdout(text);
}

/// Standard output as a buffered stream for long outputs (every string through the
/// printable filter, written in blocks of 64 KiB); the first failure stops it.
#[derive(Default)]
pub struct Stdout {
    buf: String,
}

impl Stdout {
    pub fn push(&mut self, text: &str) -> io::Result<()> {
        self.buf.push_str(text);
        if self.buf.len() >= 64 * 1024 {
            self.flush()?;
        }
        Ok(())
    }

    pub fn flush(&mut self) -> io::Result<()> {
        let r = try_write_stdout(&self.buf);
        self.buf.clear();
        r
    }
}

/// Whether `e` (or what caused it) is a closed pipe.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// The exit status once a subcommand returned `code`: a closed standard output ends quietly
/// with 0 (the reader wanted no more, as `| head` does); any other failed write is
/// reported, with 2.
pub fn exit_code(code: u8, color: ColorChoice) -> u8 {
    match STDOUT_FAILED.get() {
        None => code,
        Some((io::ErrorKind::BrokenPipe, _)) => super::EXIT_OK,
        Some((_, msg)) => {
            err(format_args!(
                "{}\n",
                super::color::error_prefix(
                    color,
                    &format!("cannot write to standard output: {msg}; the output is incomplete")
                )
            ));
            super::EXIT_USAGE
        }
    }
}

/// Rewrites the current line of standard error with `text` (a progress count), when
/// standard error is a terminal; prints nothing otherwise. `done` ends the line.
pub fn progress(text: &str, done: bool) {
    let mut e = io::stderr().lock();
    if !e.is_terminal() {
        return;
    }
    let _ = write!(e, "\r\x1b[K{}", terminal_safe(text, false));
    if done {
        let _ = writeln!(e);
    }
    let _ = e.flush();
}
