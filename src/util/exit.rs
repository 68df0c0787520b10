//! The exit codes of the program, for every front end: the CLI subcommands and the wizard.

/// Success: no error findings, or the command did what was asked.
pub const EXIT_OK: u8 = 0;
/// At least one error finding, or the command refused to act.
pub const EXIT_FINDINGS: u8 = 1;
/// A usage, input or I/O problem.
pub const EXIT_USAGE: u8 = 2;
