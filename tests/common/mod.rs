//! Shared helpers for integration tests.
#![allow(dead_code)]

pub mod pty;

use std::path::{Path, PathBuf};

/// The folder `shared/` (read-only data and the corpus of real connectors): `CW_SHARED_DIR`,
/// else `../shared` beside the crate, else `/work/shared`. `None` when absent.
pub fn shared_dir() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("CW_SHARED_DIR").map(PathBuf::from),
        Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")),
        Some(PathBuf::from("/work/shared")),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|p| p.join("corpus").is_dir())
}

/// The corpus folder, or `None` after printing why the test skips.
pub fn corpus_or_skip(test: &str) -> Option<PathBuf> {
    match shared_dir() {
        Some(d) => Some(d.join("corpus")),
        None => {
            eprintln!("SKIP {test}: ../shared/corpus is absent (set CW_SHARED_DIR to run it)");
            None
        }
    }
}

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
