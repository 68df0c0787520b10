//! The one way the program runs the user's `git` (no git library: the user's configuration,
//! worktrees and sparse checkouts are respected), and the base branches of the connectors
//! repository.
//!
//! Every call gets the same environment: `LC_ALL=C` (messages are shown, never parsed, but stay
//! stable), `GIT_TERMINAL_PROMPT=0` (git never stops to ask for a password, which would hang a
//! terminal program) and `GIT_PAGER=cat` (never pages).

use std::path::Path;
use std::process::{Command, Output};

/// The branches a pull request of the connectors repository is based on, in the order they
/// are tried.
pub const BASE_BRANCHES: [&str; 3] = ["dev", "master", "main"];

/// Whether `name` is one of the [`BASE_BRANCHES`].
pub fn is_base_branch(name: &str) -> bool {
    BASE_BRANCHES.contains(&name)
}

/// Why git could not be run at all (a git that ran and failed is an [`Output`] with a failure
/// status).
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("the git command was not found: install git (https://git-scm.com) or put it on PATH")]
    Missing,
    #[error("cannot run git: {0}")]
    Io(String),
}

/// `git [-C dir] ARGS` with the environment above, ready to run or to spawn with pipes (a
/// bounded read of `git show`).
pub fn command(dir: Option<&Path>, args: &[&str]) -> Command {
    let mut cmd = Command::new("git");
    if let Some(d) = dir {
        cmd.arg("-C").arg(d);
    }
    cmd.args(args)
        .env("LC_ALL", "C")
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_PAGER", "cat");
    cmd
}

/// Runs `git [-C dir] ARGS` and waits for it.
pub fn run(dir: Option<&Path>, args: &[&str]) -> Result<Output, GitError> {
    command(dir, args).output().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => GitError::Missing,
        _ => GitError::Io(e.to_string()),
    })
}

/// The trimmed standard output of `git [-C dir] ARGS` when git ran, succeeded and printed
/// something; `None` otherwise (for optional facts: a commit, a remote, a setting).
pub fn output_line(dir: Option<&Path>, args: &[&str]) -> Option<String> {
    let out = run(dir, args).ok()?;
    out.status
        .success()
        .then(|| stdout_line(&out))
        .filter(|s| !s.is_empty())
}

/// Standard output, trimmed.
pub fn stdout_line(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// The first lines of standard error joined for a message, or the exit status when git said
/// nothing.
pub fn stderr_text(out: &Output) -> String {
    let s = String::from_utf8_lossy(&out.stderr);
    let s = s.trim();
    if s.is_empty() {
        format!("exit status {}", out.status)
    } else {
        s.lines().take(3).collect::<Vec<_>>().join("; ")
    }
}

/// Whether the `git` command can be run.
pub fn available() -> bool {
    run(None, &["--version"]).is_ok_and(|o| o.status.success())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_branches_and_a_stable_environment() {
        assert!(is_base_branch("dev") && is_base_branch("main"));
        assert!(!is_base_branch("hubspot-crm") && !is_base_branch("HEAD"));
        if !available() {
            eprintln!("SKIP base_branches_and_a_stable_environment: git is not installed");
            return;
        }
        // The environment reaches git: `git var` prints what git sees.
        let out = run(None, &["var", "GIT_PAGER"]).unwrap();
        assert_eq!(stdout_line(&out), "cat");
        let dir = tempfile::tempdir().unwrap();
        let out = run(Some(dir.path()), &["rev-parse", "--git-dir"]).unwrap();
        assert!(!out.status.success());
        assert!(
            stderr_text(&out).contains("not a git repository"),
            "{out:?}"
        );
        assert_eq!(output_line(Some(dir.path()), &["rev-parse", "HEAD"]), None);
    }
}
