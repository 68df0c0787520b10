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
