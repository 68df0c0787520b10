//! Slow work on threads: reading the catalog, reading and checking a connector folder,
//! writing the swagger and the safe fixes, git, the export. Each job reports back once, as an
//! [`Outcome`] with the [`Ticket`](super::action::Ticket) it was issued with, which `update`
//! handles like any other action; a keystroke never waits for one.

use super::action::{Done, Job, LoadedConnector, Outcome, Work};
use crate::document::save::{FileEdits, SaveError};
use crate::document::{Connector, ConnectorKind};
use crate::rules::{check, CheckOptions};
use crate::util::git::output_line as git;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::sync::Arc;

/// Test hook: every job waits this many milliseconds before it starts (the end-to-end test
/// of stale results uses it to finish a job after the author moved on).
const DELAY_ENV: &str = "CONNECTOR_WIZARD_JOB_DELAY_MS";

/// Runs `job` on a thread of its own; `send` delivers the outcome to the main loop.
pub fn spawn<M: Send + 'static>(job: Job, tx: Sender<M>, wrap: fn(Done) -> M) {
    let name = format!("job-{}", job_name(&job.work));
    let delay = std::env::var(DELAY_ENV)
        .ok()
        .and_then(|v| v.parse::<u64>().ok());
    let spawned = std::thread::Builder::new().name(name).spawn({
        let tx = tx.clone();
        let job = job.clone();
        move || {
            if let Some(ms) = delay {
                std::thread::sleep(std::time::Duration::from_millis(ms));
            }
            let _ = tx.send(wrap(run(job)));
        }
    });
    if let Err(e) = spawned {
        let _ = tx.send(wrap(Done {
            outcome: failed(&job.work, format!("could not start a thread: {e}")),
            ticket: job.ticket,
        }));
    }
}

fn job_name(work: &Work) -> &'static str {
    match work {
        Work::LoadCatalog { .. } => "catalog",
        Work::LoadConnector { .. } => "connector",
        Work::EditSwagger { .. } => "save",
        Work::ApplyFixes { .. } => "fixes",
        Work::Breaking { .. } => "breaking",
        Work::ReadImport { .. } => "import-read",
        Work::ConvertImport { .. } => "import-convert",
        Work::CompareUrl { .. } => "compare",
        Work::ExportPlan { .. } => "plan",
        Work::ExportApply { .. } => "export",
        Work::ExportStatus { .. } => "export-status",
    }
}

fn failed(work: &Work, e: String) -> Outcome {
    let loaded = |path: &PathBuf| Outcome::ConnectorLoaded {
        path: path.clone(),
        result: Err(e.clone()),
        keep: None,
        note: None,
        edited: false,
    };
    match work {
        Work::LoadCatalog { .. } => Outcome::CatalogLoaded(Err(e)),
        Work::LoadConnector { path, .. } => loaded(path),
        Work::EditSwagger { root, .. } | Work::ApplyFixes { root, .. } => loaded(root),
        Work::Breaking { .. } => Outcome::Breaking(Err(e)),
        Work::ReadImport { .. } => Outcome::ImportRead(Err(e)),
        Work::ConvertImport { .. } => Outcome::Converted(Err(e)),
        Work::CompareUrl { .. } => Outcome::CompareUrl(Err(e)),
        Work::ExportPlan { .. } => Outcome::ExportPlanned(Err(e)),
        Work::ExportApply { .. } => Outcome::Exported(Err(e)),
        Work::ExportStatus { .. } => Outcome::ExportStatus(Err(e)),
    }
}

/// Does the work of a job on the calling thread (tests call it directly).
pub fn run(job: Job) -> Done {
    let outcome = match job.work {
        Work::LoadCatalog { dir } => {
            let report = crate::catalog::Catalog::load_from(&dir);
            Outcome::CatalogLoaded(Ok((Arc::new(report.catalog), report.warnings)))
        }
        Work::LoadConnector {
            path,
            keep,
            note,
            kind,
        } => match load(&path, kind) {
            Err(crate::document::LoadError::NoSwagger { .. }) => Outcome::FolderEmpty { path },
            result => Outcome::ConnectorLoaded {
                result: result.map(Box::new).map_err(|e| e.to_string()),
                path,
                keep,
                note,
                edited: false,
            },
        },
        Work::EditSwagger {
            root,
            file,
            kind,
            keep,
            label,
            note,
        } => {
            let swagger = &file.path;
            let written = write_swagger(&file);
            let edited = written.is_ok();
            let result = written.and_then(|()| load_connector(&root, Some(kind)));
            Outcome::ConnectorLoaded {
                path: folder_of(&root),
                result: result.map(Box::new),
                keep: Some(keep),
                note: Some(note.unwrap_or_else(|| {
                    format!(
                        "Saved {label}: only that string changed in {}.",
                        file_name(swagger)
                    )
                })),
                edited,
            }
        }
        Work::ReadImport { path } => Outcome::ImportRead(read_import(&path).map(Box::new)),
        Work::ConvertImport { doc, operations } => Outcome::Converted(
            crate::import::convert(&doc, &crate::import::ImportOptions { operations })
                .map(Box::new)
                .map_err(|e| e.to_string()),
        ),
        Work::ApplyFixes { root, kind } => apply_fixes(&root, kind),
        Work::Breaking { swagger, display } => Outcome::Breaking(breaking(&swagger, display)),
        Work::CompareUrl {
            session,
            title,
            body,
            repo,
        } => Outcome::CompareUrl(compare_url(&session, &title, &body, repo.as_deref())),
        Work::ExportPlan {
            session,
            repo,
            errors,
        } => {
            Outcome::ExportPlanned(super::export_jobs::plan(&session, &repo, errors).map(Box::new))
        }
        Work::ExportApply {
            view,
            overwrite,
            branch,
        } => Outcome::Exported(super::export_jobs::apply(&view, overwrite, branch)),
        Work::ExportStatus { session, repo } => {
            Outcome::ExportStatus(super::export_jobs::status(&session, &repo))
        }
    };
    Done {
        ticket: job.ticket,
        outcome,
    }
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The folder of a connector root (a lone swagger file's parent).
fn folder_of(root: &Path) -> PathBuf {
    if root.is_file() {
        root.parent().map(Path::to_path_buf).unwrap_or_default()
    } else {
        root.to_path_buf()
    }
}

/// Writes edits to the swagger with the minimal-diff writer ([`FileEdits::write`]): nothing
/// is written when the file changed on disk since it was read (the spans would be wrong) or
/// when the result would not be JSON.
fn write_swagger(file: &FileEdits) -> Result<(), String> {
    file.write().map_err(|e| match e {
        SaveError::Changed { path } => format!(
            "{} changed on disk since it was read; press r to read it again (nothing was written)",
            path.display()
        ),
        other => other.to_string(),
    })
}

/// Applies the safe fixes of the folder and checks it again: the engine plans the edits, they
/// are written here.
fn apply_fixes(root: &Path, kind: ConnectorKind) -> Outcome {
    let path = folder_of(root);
    let opts = CheckOptions::default();
    let result = Connector::load(root, Some(kind))
        .map_err(|e| e.to_string())
        .and_then(|c| {
            let plan = crate::rules::fix::plan(&c, &opts, false).map_err(|e| e.to_string())?;
            crate::document::save::write_all(&plan.files).map_err(|e| e.to_string())?;
            let connector = c.reload().map_err(|e| e.to_string())?;
            Ok((connector, plan))
        });
    match result {
        Ok((connector, plan)) => {
            let findings = check(&connector, &opts);
            let names: Vec<String> = plan.files.iter().map(|f| file_name(&f.path)).collect();
            let note = format!(
                "Applied {} safe fix(es) to {}.",
                plan.applied.len(),
                if names.is_empty() {
                    "no file".to_string()
                } else {
                    names.join(", ")
                }
            );
            let in_git = in_git_checkout(&path);
            Outcome::ConnectorLoaded {
                path,
                result: Ok(Box::new(LoadedConnector {
                    connector,
                    findings,
                    in_git,
                })),
                keep: None,
                note: Some(note),
                edited: !plan.files.is_empty(),
            }
        }
        Err(e) => Outcome::ConnectorLoaded {
            path,
            result: Err(e),
            keep: None,
            note: None,
            edited: false,
        },
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
    load(path, kind).map_err(|e| e.to_string())
}

fn load(
    path: &Path,
    kind: Option<ConnectorKind>,
) -> Result<LoadedConnector, crate::document::LoadError> {
    let connector = Connector::load(path, kind)?;
    let findings = check(&connector, &CheckOptions::default());
    let in_git = in_git_checkout(&connector.root);
    Ok(LoadedConnector {
        connector,
        findings,
        in_git,
    })
}

/// Reads and parses a document to import, and lists its operations.
fn read_import(path: &Path) -> Result<crate::tui::action::ImportSource, String> {
    let doc = crate::import::read_source(path).map_err(|e| e.to_string())?;
    let version = crate::import::spec_version(&doc).map_err(|e| e.to_string())?;
    let operations = crate::import::list_operations(&doc).map_err(|e| e.to_string())?;
    if operations.is_empty() {
        return Err(format!(
            "{}: the document has no operations; start blank instead (b)",
            path.display()
        ));
    }
    Ok(crate::tui::action::ImportSource {
        path: path.to_path_buf(),
        doc: Arc::new(doc),
        version,
        operations,
    })
}

/// Whether `path` is inside a git working tree (a `.git` in it or above it).
pub fn in_git_checkout(path: &Path) -> bool {
    let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    abs.ancestors().any(|a| a.join(".git").exists())
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
        .and_then(crate::export::branch::current_branch)
        .filter(|b| !crate::util::git::is_base_branch(b));
    let url = crate::generate::compare_url(session, title, body, &owner, branch.as_deref());
    Ok(url.url)
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
