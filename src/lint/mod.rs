//! What a `check` run covers and what it reports, independent of any output format or
//! terminal:
//!
//! - [`discover`]: the connector folders under a path (a checkout or any folder above
//!   connector folders), `.gitignore` respected;
//! - [`changed`]: the connector folders that differ from a git revision (`--changed-since`);
//! - [`select`]: which rules are reported, at which severity, where (ruff's `select`,
//!   `ignore`, `extend-select`, severity overrides, per-path ignores): the [`select::Policy`];
//! - [`config`]: `connector-wizard.toml`, found by walking up from the checked path;
//! - [`baseline`]: the findings recorded earlier, matched by rule, file and JSON pointer;
//! - [`paths`]: file paths relative to a folder, for configs, baselines and SARIF.

pub mod baseline;
pub mod changed;
pub mod config;
pub mod discover;
pub mod paths;
pub mod select;
