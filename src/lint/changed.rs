//! `--changed-since REV`: the connector folders that differ from a git revision, the
//! natural step of a pull request's CI (`--changed-since origin/dev`). A folder differs
//! when a file in it was added, changed or deleted since REV: committed, staged, in the
//! working tree, or new and not ignored.

use crate::breaking::git::{repo_root, resolve};
use crate::util::git;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

fn git_paths(top: &Path, args: &[&str]) -> Result<Vec<PathBuf>, String> {
    let out = git::run(Some(top), args).map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!(
            "git {} failed in {}: {}",
            args.join(" "),
            top.display(),
            git::stderr_text(&out)
        ));
    }
    Ok(out
        .stdout
        .split(|b| *b == 0)
        .filter(|p| !p.is_empty())
        .map(|p| top.join(String::from_utf8_lossy(p).as_ref()))
        .collect())
}

/// The paths (files and their folders) that differ from `rev` in the checkout holding
/// `inside`, absolute.
pub fn changed_paths(inside: &Path, rev: &str) -> Result<HashSet<PathBuf>, String> {
    let top = repo_root(inside).ok_or_else(|| {
        format!(
            "{}: not inside a git checkout, so --changed-since has nothing to compare with",
            inside.display()
        )
    })?;
    let commit = resolve(&top, rev).map_err(|e| e.to_string())?;
    let mut files = git_paths(
        &top,
        &["diff", "--name-only", "-z", "--no-renames", &commit, "--"],
    )?;
    files.extend(git_paths(
        &top,
        &["ls-files", "-z", "--others", "--exclude-standard"],
    )?);
    let mut out = HashSet::new();
    for f in files {
        for a in f.ancestors() {
            if a == top || !out.insert(a.to_path_buf()) {
                break;
            }
        }
    }
    Ok(out)
}

/// The folders (or files) of `targets` that differ from `rev`, in their order.
pub fn changed_since(targets: &[PathBuf], rev: &str) -> Result<Vec<PathBuf>, String> {
    let Some(first) = targets.first() else {
        return Ok(Vec::new());
    };
    let changed = changed_paths(first, rev)?;
    Ok(targets
        .iter()
        .filter(|t| std::fs::canonicalize(t).is_ok_and(|c| changed.contains(&c)))
        .cloned()
        .collect())
}
