//! Standard output and error of the command line: everything printed passes through
//! [`crate::util::printable::terminal_safe`], so no control character, C1 control or
//! bidirectional override from a file, the catalog or the network reaches the terminal or a
//! CI log; only the program's own colours pass, and only on a stream that takes colour.
//!
//! `println!`, `print!`, `eprintln!` and `eprint!` inside `cli` are this module's (see the
//! macros at the top of `cli/mod.rs`); larger blocks use [`write_stdout`]. Write errors
//! (a closed pipe, `| head`) are ignored rather than turned into a panic.

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

fn emit(mut w: impl Write, text: &str, allow_colour: bool) {
    let _ = w.write_all(terminal_safe(text, allow_colour).as_bytes());
    let _ = w.flush();
}

/// Writes to standard output (the `print!` family of `cli`).
pub fn out(args: fmt::Arguments<'_>) {
    emit(io::stdout().lock(), &args.to_string(), colour().0);
}

/// Writes to standard error (the `eprint!` family of `cli`).
pub fn err(args: fmt::Arguments<'_>) {
    emit(io::stderr().lock(), &args.to_string(), colour().1);
}

/// Writes a block of text to standard output.
pub fn write_stdout(text: &str) {
    emit(io::stdout().lock(), text, colour().0);
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
