//! Shared helpers for integration tests.
#![allow(dead_code)]

pub mod pty;
mod shared;

#[allow(unused_imports)]
pub use shared::{corpus_or_skip, shared_dir, shared_or_skip};

use std::path::{Path, PathBuf};

/// Every connector folder of the corpus (two levels: kind/connector).
pub fn corpus_folders(corpus: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for kind in [
        "certified-connectors",
        "independent-publisher-connectors",
        "custom-connectors",
    ] {
        let Ok(rd) = std::fs::read_dir(corpus.join(kind)) else {
            continue;
        };
        for e in rd.flatten() {
            if e.path().is_dir() {
                out.push(e.path());
            }
        }
    }
    out.sort();
    out
}

/// A copy of a fixture folder in a temporary directory.
pub fn copy_fixture(name: &str) -> (tempfile::TempDir, PathBuf) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let dir = tempfile::tempdir().unwrap();
    let dst = dir.path().join(src.file_name().unwrap());
    copy_dir(&src, &dst);
    (dir, dst)
}

pub fn copy_dir(src: &Path, dst: &Path) {
    std::fs::create_dir_all(dst).unwrap();
    for e in std::fs::read_dir(src).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &dst.join(e.file_name()));
        } else {
            std::fs::copy(&p, dst.join(e.file_name())).unwrap();
        }
    }
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}
