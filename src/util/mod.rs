//! Small helpers shared by every module: atomic file writes, bounded reads of untrusted
//! files, printable text for terminals and logs, the data directory, colour and exit codes,
//! the git command, percent-encoding.

pub mod bounded;
pub mod color;
pub mod exit;
pub mod fs;
pub mod git;
pub mod paths;
pub mod percent;
pub mod printable;

/// Whether `NO_COLOR` is set to a non-empty value (<https://no-color.org>); the command
/// output and the wizard both follow it.
pub fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}
