//! Small helpers shared by every module: atomic file writes, bounded reads of untrusted
//! files, printable text for terminals and logs, the data directory.

pub mod bounded;
pub mod fs;
pub mod paths;
pub mod printable;
