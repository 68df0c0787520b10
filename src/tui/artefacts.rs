//! The generated files and the pull request, as the steps use them: previews of intro.md,
//! apiProperties.json and readme.md before they are written, the PR checklist, title and body
//! of step 4, compare URLs and the export into a checkout. Text comes from
//! [`crate::generate`]; writing and git are effects and jobs.

use super::action::{Cmd, Effect, Job, Outcome, PathPurpose};
use super::app::*;
use crate::generate;
use crate::session::Step;
use std::cell::Cell;
use std::path::{Path, PathBuf};

/// The rows of step 4.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubmitRow {
    /// A PR template item: (id, ticked by the program).
    Check {
        id: &'static str,
        verified: bool,
    },
    Title,
    Body,
    Repo,
    Export,
    Compare,
    Submitted,
}

impl SubmitRow {
    pub fn id(&self) -> String {
        match self {
            SubmitRow::Check { id, .. } => format!("checklist.{id}"),
            SubmitRow::Title => "submit.title".into(),
            SubmitRow::Body => "submit.body".into(),
            SubmitRow::Repo => "submit.repo".into(),
            SubmitRow::Export => "submit.export".into(),
            SubmitRow::Compare => "submit.compare".into(),
            SubmitRow::Submitted => "events.submitted".into(),
        }
    }
}

/// The PR template checklist of the session, as the generator decides it.
pub fn checklist(app: &App) -> Vec<generate::ChecklistItem> {
    let Some(s) = app.session() else {
        return Vec::new();
    };
    let findings = app
        .build
        .connector
        .as_ref()
        .map(|_| app.build.findings.as_slice());
    generate::checklist(s, app.build.connector.as_ref(), findings)
}

pub fn submit_rows(app: &App) -> Vec<SubmitRow> {
    submit_rows_from(&checklist(app))
}

/// The rows of step 4 for a checklist already computed.
pub fn submit_rows_from(items: &[generate::ChecklistItem]) -> Vec<SubmitRow> {
    let mut v: Vec<SubmitRow> = items
        .iter()
        .map(|i| SubmitRow::Check {
            id: i.id,
            verified: i.tick == generate::Tick::Verified,
        })
        .collect();
    v.extend([
        SubmitRow::Title,
        SubmitRow::Body,
        SubmitRow::Repo,
        SubmitRow::Export,
        SubmitRow::Compare,
        SubmitRow::Submitted,
    ]);
    v
}

/// The PR body as it would be opened.
pub fn pr_body(app: &App) -> String {
    let Some(s) = app.session() else {
        return String::new();
    };
    let findings = app
        .build
        .connector
        .as_ref()
        .map(|_| app.build.findings.as_slice());
    generate::pr_body(s, app.build.connector.as_ref(), findings)
}

pub fn submit_command(app: &mut App, cmd: Cmd, fx: &mut Vec<Effect>) {
    let rows = submit_rows(app);
    let Some(row) = rows.get(app.submit_nav.selected).cloned() else {
        return;
    };
    match (cmd, &row) {
        (Cmd::Toggle | Cmd::Activate, SubmitRow::Check { id, verified }) => {
            if *verified {
                app.say(format!(
                    "{id} is verified by the program; it follows the files and the session."
                ));
                return;
            }
            if app.session.as_ref().is_some_and(|s| s.is_read_only()) {
                app.warn("This session is open read-only: nothing can be changed here.");
                return;
            }
            let id = id.to_string();
            if let Some(open) = app.session.as_mut() {
                let s = open.session_mut();
                let v = !s.checked(&id);
                s.checklist.insert(id, v);
            }
            super::steps::refresh_statuses(app);
            fx.push(Effect::SaveSession);
        }
        (Cmd::Toggle | Cmd::Activate, SubmitRow::Title) => {
            app.say("The PR title follows the connector's name (and whether it is an update); it is checked against PR-TITLE.");
        }
        (Cmd::Toggle | Cmd::Activate, SubmitRow::Body) => {
            let body = pr_body(app);
            app.popup = Some(Popup::Preview {
                title: "PR body".into(),
                text: body,
                scroll: Cell::new(0),
                on_yes: None,
                yes_label: String::new(),
            });
        }
        (Cmd::Toggle | Cmd::Activate, SubmitRow::Repo) => {
            super::steps::ask_path(app, PathPurpose::ExportRepo)
        }
        (Cmd::Toggle | Cmd::Activate, SubmitRow::Export) | (Cmd::Export, _) => {
            match app.export_repo.clone() {
                Some(repo) => start_export_plan(app, repo, fx),
                None => super::steps::ask_path(app, PathPurpose::ExportRepo),
            }
        }
        (Cmd::Toggle | Cmd::Activate, SubmitRow::Compare) | (Cmd::Open, _) => {
            open_compare(app, false, fx)
        }
        (Cmd::Toggle | Cmd::Activate, SubmitRow::Submitted) | (Cmd::Today, _) => {
            if app.session.as_ref().is_some_and(|s| s.is_read_only()) {
                return;
            }
            let today = app.today;
            let set = app.session().is_some_and(|s| s.events.submitted.is_none());
            if let Some(open) = app.session.as_mut() {
                open.session_mut().events.submitted = set.then_some(today);
            }
            super::steps::refresh_statuses(app);
            fx.push(Effect::SaveSession);
            app.say(if set {
                "Recorded: submitted today. Step 5 shows when to expect feedback."
            } else {
                "Cleared the submission date."
            });
        }
        _ => {}
    }
}

/// Whether the session's work was exported during this run.
pub fn exported(app: &App) -> bool {
    app.exported
}

/// Whether `path` is inside a git working tree (a `.git` in it or above it).
pub fn in_git_checkout(path: &Path) -> bool {
    let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    abs.ancestors().any(|a| a.join(".git").exists())
}

/// Shows `text` as the new content of `path`: the whole text for a new file, a diff for a
/// changed one; yes writes it.
fn preview_write(app: &mut App, path: PathBuf, text: String, what: &str) {
    let label = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match std::fs::read(&path) {
        Ok(old) if old == text.as_bytes() => {
            app.say(format!("{label} is already up to date: nothing to write."));
        }
        Ok(old) => {
            let old = String::from_utf8_lossy(&old).into_owned();
            let diff = similar::TextDiff::from_lines(&old, &text)
                .unified_diff()
                .context_radius(3)
                .header(&format!("{label} (now)"), &format!("{label} (generated)"))
                .to_string();
            app.popup = Some(Popup::Preview {
                title: format!("{label} exists and differs: overwrite it?"),
                text: diff,
                scroll: Cell::new(0),
                on_yes: Some(Pending::WriteFile {
                    path,
                    bytes: text.into_bytes(),
                    label: label.clone(),
                }),
                yes_label: "overwrite".into(),
            });
        }
        Err(_) => {
            app.popup = Some(Popup::Preview {
                title: format!("New {what}: {}", path.display()),
                text: text.clone(),
                scroll: Cell::new(0),
                on_yes: Some(Pending::WriteFile {
                    path,
                    bytes: text.into_bytes(),
                    label,
                }),
                yes_label: "write".into(),
            });
        }
    }
}

/// The working copy folder, or a question for it.
fn connector_dir(app: &mut App, purpose: PathPurpose) -> Option<PathBuf> {
    match app.session().and_then(|s| s.connector_dir.clone()) {
        Some(d) => Some(d),
        None => {
            app.say("Choose the connector folder first (it is created when missing).");
            super::steps::ask_path(app, purpose);
            None
        }
    }
}

pub fn preview_intro(app: &mut App) {
    let Some(dir) = connector_dir(app, PathPurpose::IntroFolder) else {
        return;
    };
    let Some(s) = app.session() else { return };
    let text = generate::intro_md(s, app.build.connector.as_ref());
    let path = existing_name(&dir, "intro.md");
    preview_write(app, path, text, "intro.md");
}

pub fn preview_api_properties(app: &mut App) {
    let Some(dir) = connector_dir(app, PathPurpose::ConnectorFolder) else {
        return;
    };
    let Some(s) = app.session() else { return };
    let text = generate::api_properties_json(s, app.build.connector.as_ref());
    let path = existing_name(&dir, "apiProperties.json");
    preview_write(app, path, text, "apiProperties.json");
}

pub fn preview_readme(app: &mut App) {
    let Some(dir) = connector_dir(app, PathPurpose::ConnectorFolder) else {
        return;
    };
    let Some(s) = app.session() else { return };
    let text = generate::readme_md(s, app.build.connector.as_ref());
    let path = existing_name(&dir, "readme.md");
    preview_write(app, path, text, "readme.md");
}

/// The file of that name in `dir`, keeping the case it already has (README.md, Readme.md).
fn existing_name(dir: &Path, name: &str) -> PathBuf {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.eq_ignore_ascii_case(name))
        .map(|n| dir.join(n))
        .unwrap_or_else(|| dir.join(name))
}

/// Step 2: open the page that creates the proposal PR.
pub fn open_proposal(app: &mut App, fx: &mut Vec<Effect>) {
    open_compare(app, true, fx);
}

/// Opens GitHub's "open a pull request" page (proposal or final), once the fork's owner is
/// known (from the checkout's `origin`, or `git config github.user`).
pub fn open_compare(app: &mut App, proposal: bool, fx: &mut Vec<Effect>) {
    let Some(s) = app.session() else { return };
    let (title, body) = if proposal {
        (
            generate::proposal_pr_title(s),
            generate::intro_md(s, app.build.connector.as_ref()),
        )
    } else {
        (generate::pr_title(s), pr_body(app))
    };
    fx.push(Effect::Job(Job::CompareUrl {
        session: Box::new(s.clone()),
        title,
        body,
        repo: app.export_repo.clone(),
    }));
    app.say("Finding your fork (git) to open the pull-request page…");
}

/// Step 4: plan the export into `repo` (a job); the plan is shown before anything is written.
pub fn start_export_plan(app: &mut App, repo: PathBuf, fx: &mut Vec<Effect>) {
    let Some(s) = app.session() else { return };
    fx.push(Effect::Job(Job::ExportPlan {
        session: Box::new(s.clone()),
        repo,
    }));
    app.say("Planning the export…");
}

/// Results of the generator-side jobs.
pub fn done(app: &mut App, outcome: Outcome, fx: &mut Vec<Effect>) {
    match outcome {
        Outcome::Wrote { path, result } => match result {
            Ok(msg) => {
                app.say(msg);
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().to_ascii_lowercase())
                    .unwrap_or_default();
                if name == "intro.md" {
                    app.unexported.intro = false;
                }
                let dir = path.parent().map(Path::to_path_buf);
                let is_working_copy =
                    dir.is_some() && app.session().and_then(|s| s.connector_dir.clone()) == dir;
                if let (true, Some(dir)) = (is_working_copy, dir) {
                    if app.build.connector.is_some() || app.step == Step::Build {
                        app.build.loading = true;
                        fx.push(super::steps::load_job(app, dir, None, None));
                    }
                }
            }
            Err(e) => app.warn(e),
        },
        Outcome::CompareUrl(Ok(url)) => {
            app.say("Opening the pull-request page on GitHub.");
            fx.push(Effect::Open(url));
        }
        Outcome::CompareUrl(Err(e)) => app.warn(e),
        Outcome::ExportPlanned(Ok(view)) => {
            if view.plan.is_up_to_date() && view.plan.problems.is_empty() {
                app.exported = true;
                app.unexported.swagger = false;
                app.unexported.intro = false;
                app.say(format!("{}: nothing to write.", view.title));
                if super::steps::refresh_statuses(app) {
                    fx.push(Effect::SaveSession);
                }
                return;
            }
            let yes_label = if view.changed > 0 {
                "export (asks before replacing)".to_string()
            } else {
                "export".to_string()
            };
            app.popup = Some(Popup::Preview {
                title: view.title.clone(),
                text: view.text.clone(),
                scroll: Cell::new(0),
                on_yes: view.writes.then_some(Pending::ExportApply {
                    view,
                    overwrite: false,
                }),
                yes_label,
            });
        }
        Outcome::ExportPlanned(Err(e)) => app.warn(e),
        Outcome::Exported(Ok(msg)) => {
            app.exported = true;
            app.unexported.swagger = false;
            app.unexported.intro = false;
            app.say(msg);
            if super::steps::refresh_statuses(app) {
                fx.push(Effect::SaveSession);
            }
        }
        Outcome::Exported(Err(e)) => app.warn(e),
        _ => {}
    }
}
