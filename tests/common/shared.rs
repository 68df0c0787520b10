//! Where the read-only `shared/` folder is (the corpus of real connectors, the rules
//! reference, the data): the one lookup of every test and bench. Tests include it through
//! `tests/common/mod.rs` or by path; benches by path (`#[path = "../tests/common/shared.rs"]`).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// `CW_SHARED_DIR` when it is set, else `../shared` beside the crate; `None` when that folder
/// does not exist.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("CW_SHARED_DIR").filter(|v| !v.is_empty()) {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"),
    };
    dir.is_dir().then_some(dir)
}

/// `shared/<sub>` (a folder or a file), or `None` after printing why `test` skips.
pub fn shared_or_skip(test: &str, sub: &str) -> Option<PathBuf> {
    match shared_dir() {
        Some(d) if d.join(sub).exists() => Some(d.join(sub)),
        Some(d) => {
            eprintln!("SKIP {test}: {} is absent", d.join(sub).display());
            None
        }
        None => {
            eprintln!(
                "SKIP {test}: ../shared is absent (set CW_SHARED_DIR to the shared folder to run it)"
            );
            None
        }
    }
}

/// The corpus folder, or `None` after printing why `test` skips.
pub fn corpus_or_skip(test: &str) -> Option<PathBuf> {
    shared_or_skip(test, "corpus")
}
