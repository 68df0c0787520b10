//! The export jobs, over [`crate::export`]: the plan (shown before anything is written, with
//! the branch it goes onto and the errors left), applying it on the branch chosen, and the
//! quiet comparison that tells what is not exported yet.

use super::action::{BranchChoice, ExportPlanView, ExportStatus, Exported};
use crate::export::{self, BranchOutcome, BranchVerdict, Status};
use crate::session::Session;
use std::path::Path;

/// The connector's branch: the one of the last export, else one named after it.
fn wanted_branch(session: &Session) -> String {
    session
        .checkout
        .branch
        .clone()
        .unwrap_or_else(|| crate::generate::default_branch(session))
}

/// The plan of an export of `session` into `repo`, as shown in the preview.
pub fn plan(session: &Session, repo: &Path, errors: usize) -> Result<ExportPlanView, String> {
    let plan = export::plan(session, None, repo).map_err(|e| e.to_string())?;
    let branch = export::check_branch(repo, &wanted_branch(session));
    let mut text = String::new();
    text.push_str(&branch.describe());
    text.push('\n');
    if errors > 0 {
        text.push_str(&format!(
            "Errors: the check of the working copy finds {}; 3 Build lists them. Reviewers' validation rejects the pull request until they are fixed.\n",
            super::shared::count(errors, crate::rules::Severity::Error)
        ));
    }
    text.push('\n');
    text.push_str(&export::render_plan(&plan, &export::render::plain));
    let changed = plan.changed_files().count();
    let new = plan.new_files().count();
    let writes = plan.problems.is_empty() && !plan.is_up_to_date();
    let title = if !plan.problems.is_empty() {
        format!("Cannot export into {}", plan.target_relative())
    } else if plan.is_up_to_date() {
        format!("{} is up to date", plan.target_relative())
    } else {
        let mut t = format!(
            "Export into {}: {new} new, {changed} changed",
            plan.target_relative()
        );
        if errors > 0 {
            t.push_str(&format!(
                ", {} left",
                super::shared::count(errors, crate::rules::Severity::Error)
            ));
        }
        t
    };
    Ok(ExportPlanView {
        title,
        text,
        repo: repo.to_path_buf(),
        changed,
        writes,
        plan: Box::new(plan),
        branch,
        errors,
    })
}

/// Applies a plan; changed files are replaced only when `overwrite`. With
/// [`BranchChoice::Connector`] the checkout first switches to the connector's branch (created
/// when missing) unless it is on it already.
pub fn apply(
    view: &ExportPlanView,
    overwrite: bool,
    choice: BranchChoice,
) -> Result<Exported, String> {
    let mut note = String::new();
    let mut on = view.branch.current.clone();
    let switch =
        choice == BranchChoice::Connector && view.branch.verdict != BranchVerdict::OnConnector;
    if switch {
        let b = &view.branch.wanted;
        match export::switch_branch(&view.repo, b).map_err(|e| e.to_string())? {
            BranchOutcome::Created => note = format!(" on the new branch {b}"),
            BranchOutcome::Switched | BranchOutcome::AlreadyOn => note = format!(" on branch {b}"),
        }
        on = Some(b.clone());
    } else if let Some(b) = &on {
        note = format!(" on branch {b}");
    }
    let applied = view.plan.apply(overwrite).map_err(|e| e.to_string())?;
    let kept = if applied.kept.is_empty() {
        String::new()
    } else {
        format!(", {} changed file(s) kept", applied.kept.len())
    };
    let unchanged = view
        .plan
        .files
        .iter()
        .filter(|f| f.status == Status::Unchanged)
        .count();
    Ok(Exported {
        message: format!(
            "Exported {} file(s) into {}{note}{kept}{}. Commit, push, then open the PR (o).",
            applied.written.len(),
            view.plan.target_relative(),
            if unchanged > 0 {
                format!(", {unchanged} unchanged")
            } else {
                String::new()
            }
        ),
        branch: on,
    })
}

/// What an export would still write (nothing is written).
pub fn status(session: &Session, repo: &Path) -> Result<ExportStatus, String> {
    let plan = export::plan(session, None, repo).map_err(|e| e.to_string())?;
    Ok(ExportStatus {
        target: plan.target_relative(),
        pending: plan
            .files
            .iter()
            .filter(|f| f.status != Status::Unchanged)
            .map(|f| f.name.clone())
            .collect(),
    })
}
