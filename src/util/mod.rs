//! Small helpers shared by every module: atomic file writes, the data directory, colour and
//! exit codes, the git command, percent-encoding.

pub mod color;
pub mod exit;
pub mod fs;
pub mod git;
pub mod paths;
pub mod percent;
