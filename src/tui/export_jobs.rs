//! The export and breaking-change jobs, over the `export` and `breaking` engines.

use super::action::ExportPlanView;
use crate::rules::Finding;
use crate::session::Session;
use std::path::Path;

/// Breaking changes of the swagger in `folder` against its committed version.
pub fn breaking(_folder: &Path) -> Result<Vec<Finding>, String> {
    Err("the breaking-change engine is not in this build yet".into())
}

/// The plan of an export of `session` into `repo`.
pub fn plan(_session: &Session, _repo: &Path) -> Result<ExportPlanView, String> {
    Err("the export engine is not in this build yet; use `connector-wizard export`".into())
}

/// Applies the export.
pub fn apply(_session: &Session, _repo: &Path, _force: bool) -> Result<String, String> {
    Err("the export engine is not in this build yet".into())
}
