//! Slow work on threads: reading the catalog, reading and checking a connector folder, git,
//! the export. Each job reports back once, as an [`Outcome`] that `update` handles like any
//! other action; a keystroke never waits for one.

use super::action::{Job, LoadedConnector, Outcome};
use crate::document::{Connector, ConnectorKind};
use crate::rules::{check, CheckOptions};
use crate::util::git::{is_base_branch, output_line as git};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::sync::Arc;

/// Runs `job` on a thread of its own; `send` delivers the outcome to the main loop.
pub fn spawn<M: Send + 'static>(job: Job, tx: Sender<M>, wrap: fn(Outcome) -> M) {
    let name = format!("job-{}", job_name(&job));
    let spawned = std::thread::Builder::new().name(name).spawn({
        let tx = tx.clone();
        let job = job.clone();
        move || {
            let out = run(job);
            let _ = tx.send(wrap(out));
        }
    });
    if let Err(e) = spawned {
        let _ = tx.send(wrap(failed(&job, format!("could not start a thread: {e}"))));
    }
}

fn job_name(job: &Job) -> &'static str {
    match job {
        Job::LoadCatalog { .. } => "catalog",
        Job::LoadConnector { .. } => "connector",
        Job::Breaking { .. } => "breaking",
        Job::CompareUrl { .. } => "compare",
        Job::ExportPlan { .. } => "plan",
        Job::ExportApply { .. } => "export",
    }
}

fn failed(job: &Job, e: String) -> Outcome {
    match job {
        Job::LoadCatalog { .. } => Outcome::CatalogLoaded(Err(e)),
        Job::LoadConnector { path, keep, .. } => Outcome::ConnectorLoaded {
            path: path.clone(),
            result: Err(e),
            keep: keep.clone(),
            note: None,
        },
        Job::Breaking { .. } => Outcome::Breaking(Err(e)),
        Job::CompareUrl { .. } => Outcome::CompareUrl(Err(e)),
        Job::ExportPlan { .. } => Outcome::ExportPlanned(Err(e)),
        Job::ExportApply { .. } => Outcome::Exported(Err(e)),
    }
}

/// Does the work of a job on the calling thread (tests call it directly).
pub fn run(job: Job) -> Outcome {
    match job {
        Job::LoadCatalog { dir } => {
            let report = crate::catalog::Catalog::load_from(&dir);
            Outcome::CatalogLoaded(Ok((Arc::new(report.catalog), report.warnings)))
        }
        Job::LoadConnector {
            path,
            keep,
            note,
            kind,
        } => Outcome::ConnectorLoaded {
            result: load_connector(&path, kind).map(Box::new),
            path,
            keep,
            note,
        },
        Job::Breaking { swagger, display } => Outcome::Breaking(breaking(&swagger, display)),
        Job::CompareUrl {
            session,
            title,
            body,
            repo,
        } => Outcome::CompareUrl(compare_url(&session, &title, &body, repo.as_deref())),
        Job::ExportPlan { session, repo } => {
            Outcome::ExportPlanned(super::export_jobs::plan(&session, &repo).map(Box::new))
        }
        Job::ExportApply { view, overwrite } => {
            Outcome::Exported(super::export_jobs::apply(&view, overwrite))
        }
    }
}

/// Breaking changes of the swagger against its committed version (the default base of the
/// checkout). Read from disk again: the job owns what it compares.
fn breaking(
    swagger: &Path,
    display: String,
) -> Result<Option<(String, Vec<crate::rules::Finding>)>, String> {
    let file =
        crate::document::SourceFile::read(swagger, display, true).map_err(|e| e.to_string())?;
    let cmp = crate::breaking::check_against(&file, "").map_err(|e| e.to_string())?;
    Ok(cmp.map(|c| (c.label, c.findings)))
}

/// Reads a connector folder and runs every rule on it.
pub fn load_connector(path: &Path, kind: Option<ConnectorKind>) -> Result<LoadedConnector, String> {
    let connector = Connector::load(path, kind).map_err(|e| e.to_string())?;
    let findings = check(&connector, &CheckOptions::default());
    Ok(LoadedConnector {
        connector,
        findings,
    })
}

/// The GitHub owner in a remote URL (`https://github.com/OWNER/…`, `git@github.com:OWNER/…`).
pub fn github_owner(remote: &str) -> Option<String> {
    let rest = remote
        .split_once("github.com/")
        .or_else(|| remote.split_once("github.com:"))
        .map(|(_, r)| r)?;
    let owner = rest.split('/').next()?.trim();
    (!owner.is_empty()).then(|| owner.to_string())
}

/// The compare URL for the session's pull request: the fork's owner from the checkout's
/// `origin` (or `git config github.user`), the checkout's branch when it is not the base.
fn compare_url(
    session: &crate::session::Session,
    title: &str,
    body: &str,
    repo: Option<&Path>,
) -> Result<String, String> {
    let owner = repo
        .and_then(|r| git(Some(r), &["remote", "get-url", "origin"]))
        .and_then(|u| github_owner(&u))
        .filter(|o| !o.eq_ignore_ascii_case("microsoft"))
        .or_else(|| git(None, &["config", "github.user"]))
        .ok_or_else(|| {
            "the GitHub account of your fork is unknown: export into your fork's checkout first (4 Submit), or run `git config --global github.user YOU`".to_string()
        })?;
    let branch = repo
        .and_then(|r| git(Some(r), &["rev-parse", "--abbrev-ref", "HEAD"]))
        .filter(|b| !is_base_branch(b) && b != "HEAD");
    let url = crate::generate::compare_url(session, title, body, &owner, branch.as_deref());
    Ok(url.url)
}

/// The folder a path names, made absolute.
pub fn absolute(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owner_from_remotes() {
        assert_eq!(
            github_owner("https://github.com/ada/PowerPlatformConnectors.git").as_deref(),
            Some("ada")
        );
        assert_eq!(
            github_owner("git@github.com:ada/PowerPlatformConnectors.git").as_deref(),
            Some("ada")
        );
        assert_eq!(github_owner("/srv/git/ppc.git"), None);
    }
}
