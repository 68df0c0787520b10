//! The terminal wizard.

use std::path::PathBuf;

/// How the wizard was started.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub resume: Option<String>,
    pub from: Option<PathBuf>,
    pub mouse: bool,
}

/// Runs the wizard until the user quits.
pub fn run(_opts: Options) -> anyhow::Result<u8> {
    anyhow::bail!("the terminal wizard is being built; use the subcommands (see --help)")
}
