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

/// A real value for a `[TODO: …]` marker the generators write (tests fill them in to see a
/// connector pass `check`).
pub fn marker_value(marker: &str) -> &'static str {
    match marker {
        "describe the service" => {
            "Larkspur Tasks keeps the to-do lists of small teams in one shared place."
        }
        "support URL" => "https://ada.example/support",
        "e-mail" => "ada@ada.example",
        "website URL" => "https://larkspur.example",
        "privacy policy URL" => "https://larkspur.example/privacy",
        "one or two categories" => "Productivity",
        other if other.starts_with("describe the ") => "The value the service returns.",
        other
            if other.contains("operation")
                || other.contains("API key")
                || other.contains("portal")
                || other.contains("menu path")
                || other.contains("scopes")
                || other.contains("credentials")
                || other.contains("what the service is")
                || other.contains("e-mail") =>
        {
            "Sign in at https://larkspur.example and open Settings, then Developer"
        }
        other => panic!("no test value for the marker [TODO: {other}]"),
    }
}

/// Replaces every `[TODO: …]` marker of a file with a real value; how many there were.
pub fn fill_markers(path: &Path) -> usize {
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = text.clone();
    let mut n = 0;
    for what in connector_wizard::generate::todos(&text) {
        out = out.replacen(&format!("[TODO: {what}]"), marker_value(&what), 1);
        n += 1;
    }
    std::fs::write(path, out).unwrap();
    n
}
