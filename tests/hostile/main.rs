//! Hostile input (issue 15): a pull request's files cannot reach outside the checkout,
//! exhaust the machine, or drive the terminal; the GitHub token stays with its origin; the
//! session lock holds under races. One test binary, one module per defect.

#[path = "../common/mod.rs"]
mod common;
#[path = "../tui_support/mod.rs"]
mod tui_support;

mod escapes;
mod export;
mod github;
mod lock;
mod property;
mod reads;

use std::path::{Path, PathBuf};

/// A fixture folder of the generate tests.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/generate")
        .join(name)
}

/// The program, with its data in `home`, no colour, no terminal.
pub fn cw(home: &Path) -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("connector-wizard").unwrap();
    c.env("CONNECTOR_WIZARD_HOME", home)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("GITHUB_TOKEN")
        .env_remove("GITHUB_API_URL");
    c
}
