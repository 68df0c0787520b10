//! Creating or switching to a branch of the checkout through the `git` command.

use super::ExportError;
use crate::util::git::{self as runner, GitError};
use std::path::Path;
use std::process::Output;

/// What [`switch_branch`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BranchOutcome {
    /// The branch did not exist: it was created from the current HEAD and checked out.
    Created,
    /// The branch existed and is now checked out.
    Switched,
    /// The branch was already checked out.
    AlreadyOn,
}

fn git(repo: &Path, args: &[&str]) -> Result<Output, ExportError> {
    runner::run(Some(repo), args).map_err(|e| match e {
        GitError::Missing => ExportError::Git(format!(
            "{e}; or create the branch yourself and leave out --branch"
        )),
        GitError::Io(_) => ExportError::Git(e.to_string()),
    })
}

fn stderr_of(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).trim().to_string()
}

/// Creates branch `name` from the current HEAD and checks it out, or checks it out when it
/// exists. Refuses names git does not accept; git's own message is passed on when it refuses
/// (e.g. local changes that the switch would overwrite).
pub fn switch_branch(repo: &Path, name: &str) -> Result<BranchOutcome, ExportError> {
    let valid = git(repo, &["check-ref-format", "--branch", name])?;
    if !valid.status.success() || name.starts_with('-') {
        return Err(ExportError::Git(format!(
            "`{name}` is not a valid branch name (see `git check-ref-format --help`); use letters, digits, '-' and '/', e.g. hubspot-crm"
        )));
    }
    let head = git(repo, &["symbolic-ref", "--quiet", "--short", "HEAD"])?;
    if head.status.success() && String::from_utf8_lossy(&head.stdout).trim() == name {
        return Ok(BranchOutcome::AlreadyOn);
    }
    let exists = git(
        repo,
        &[
            "show-ref",
            "--verify",
            "--quiet",
            &format!("refs/heads/{name}"),
        ],
    )?
    .status
    .success();
    let (args, outcome): (Vec<&str>, _) = if exists {
        (vec!["checkout", name, "--"], BranchOutcome::Switched)
    } else {
        (vec!["checkout", "-b", name], BranchOutcome::Created)
    };
    let out = git(repo, &args)?;
    if !out.status.success() {
        return Err(ExportError::Git(format!(
            "git could not {} branch `{name}` in {}: {}",
            if exists { "switch to" } else { "create" },
            repo.display(),
            stderr_of(&out)
        )));
    }
    Ok(outcome)
}
