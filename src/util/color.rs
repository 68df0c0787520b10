//! Colour decisions for command output: `--color`, `NO_COLOR`, `CLICOLOR_FORCE`, and whether
//! the stream is a terminal.

use std::io::IsTerminal;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

pub use crate::util::no_color_env;

impl ColorChoice {
    /// Whether to colour standard output.
    pub fn stdout(self) -> bool {
        self.decide(std::io::stdout().is_terminal())
    }
    /// Whether to colour standard error.
    pub fn stderr(self) -> bool {
        self.decide(std::io::stderr().is_terminal())
    }
    fn decide(self, is_tty: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                if no_color_env() {
                    false
                } else if std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| v != "0") {
                    true
                } else {
                    is_tty
                }
            }
        }
    }
}

/// ANSI styles, empty when colour is off.
#[derive(Debug, Clone, Copy)]
pub struct Paint {
    pub on: bool,
}

impl Paint {
    pub fn new(on: bool) -> Self {
        Paint { on }
    }
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    pub fn red(&self, s: &str) -> String {
        self.wrap("1;31", s)
    }
    pub fn yellow(&self, s: &str) -> String {
        self.wrap("1;33", s)
    }
    pub fn blue(&self, s: &str) -> String {
        self.wrap("1;34", s)
    }
    pub fn green(&self, s: &str) -> String {
        self.wrap("1;32", s)
    }
    pub fn bold(&self, s: &str) -> String {
        self.wrap("1", s)
    }
    pub fn dim(&self, s: &str) -> String {
        self.wrap("2", s)
    }
}

/// "error: message", with "error" in red when standard error takes colour.
pub fn error_prefix(choice: ColorChoice, msg: &str) -> String {
    format!("{}: {msg}", Paint::new(choice.stderr()).red("error"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_choices_win() {
        assert!(ColorChoice::Always.decide(false));
        assert!(!ColorChoice::Never.decide(true));
    }

    #[test]
    fn paint_off_is_plain() {
        assert_eq!(Paint::new(false).red("x"), "x");
        assert_eq!(Paint::new(true).red("x"), "\x1b[1;31mx\x1b[0m");
    }
}
