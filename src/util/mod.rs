//! Small helpers shared by every module: atomic file writes, the data directory, colour.

pub mod fs;
pub mod paths;
