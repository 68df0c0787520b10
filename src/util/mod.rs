//! Small helpers shared by every module: atomic file writes, bounded reads of untrusted
//! files, printable text for terminals and logs, the data directory.

pub mod bounded;
pub mod fs;
pub mod paths;
pub mod printable;

/// Whether `NO_COLOR` is set to a non-empty value (<https://no-color.org>); the command
/// output and the wizard both follow it.
pub fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}
