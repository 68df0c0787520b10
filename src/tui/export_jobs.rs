//! The export job, over [`crate::export`]: plan (shown before anything is written), then
//! apply, switching the checkout to the connector's branch first when it is on the base
//! branch.

use super::action::ExportPlanView;
use crate::export::{self, BranchOutcome, Status};
use crate::session::Session;
use std::path::Path;

/// The plan of an export of `session` into `repo`, as shown in the preview.
pub fn plan(session: &Session, repo: &Path) -> Result<ExportPlanView, String> {
    let plan = export::plan(session, None, repo).map_err(|e| e.to_string())?;
    let mut text = export::render_plan(&plan, crate::util::color::Paint { on: false });
    let current = crate::util::git::output_line(Some(repo), &["rev-parse", "--abbrev-ref", "HEAD"]);
    let branch = match current.as_deref() {
        Some(b) if !crate::util::git::is_base_branch(b) => None,
        _ => Some(crate::generate::default_branch(session)),
    };
    if let (Some(b), Some(c)) = (&branch, &current) {
        text.push_str(&format!("\nThe checkout is on `{c}`: the export first switches to branch `{b}` (created when missing).\n"));
    }
    let changed = plan.changed_files().count();
    let new = plan.new_files().count();
    let writes = plan.problems.is_empty() && !plan.is_up_to_date();
    let title = if !plan.problems.is_empty() {
        format!("Cannot export into {}", plan.target_relative())
    } else if plan.is_up_to_date() {
        format!("{} is up to date", plan.target_relative())
    } else {
        format!(
            "Export into {}: {new} new, {changed} changed",
            plan.target_relative()
        )
    };
    Ok(ExportPlanView {
        title,
        text,
        repo: repo.to_path_buf(),
        changed,
        writes,
        plan: Box::new(plan),
        branch,
    })
}

/// Applies a plan; changed files are replaced only when `overwrite`.
pub fn apply(view: &ExportPlanView, overwrite: bool) -> Result<String, String> {
    let mut note = String::new();
    if let Some(b) = &view.branch {
        match export::switch_branch(&view.repo, b).map_err(|e| e.to_string())? {
            BranchOutcome::Created => note = format!(" on the new branch {b}"),
            BranchOutcome::Switched | BranchOutcome::AlreadyOn => note = format!(" on branch {b}"),
        }
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
    Ok(format!(
        "Exported {} file(s) into {}{note}{kept}{}. Commit, push, then open the PR (o).",
        applied.written.len(),
        view.plan.target_relative(),
        if unchanged > 0 {
            format!(", {unchanged} unchanged")
        } else {
            String::new()
        }
    ))
}
