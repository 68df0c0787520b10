//! The findings pane of 3 Build: errors first, grouped by severity (the check's order within a
//! group, breaking changes among the errors they are), optionally the errors alone.

use crate::rules::{Finding, Severity};
use crate::tui::shared::Workspace;

/// Indexes into the workspace's findings (see [`Workspace::finding`]), in the order shown.
pub fn order(ws: &Workspace, errors_only: bool) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..ws.findings_len())
        .filter(|i| {
            !errors_only
                || ws
                    .finding(*i)
                    .is_some_and(|f| f.severity == Severity::Error)
        })
        .collect();
    // A stable sort keeps the check's order (file, line) within a severity.
    idx.sort_by_key(|i| ws.finding(*i).map(|f| f.severity));
    idx
}

/// Whether the finding at position `pos` of `order` starts a severity group.
pub fn starts_group(ws: &Workspace, order: &[usize], pos: usize) -> bool {
    let sev = |p: usize| {
        order
            .get(p)
            .and_then(|i| ws.finding(*i))
            .map(|f| f.severity)
    };
    pos == 0 || sev(pos) != sev(pos - 1)
}

/// The width of the rule column: the longest rule ID shown, so that no ID runs into the
/// file column.
pub fn rule_width<'a>(findings: impl Iterator<Item = &'a Finding>) -> usize {
    findings
        .map(|f| f.rule.as_str().chars().count())
        .max()
        .unwrap_or(8)
        .clamp(8, 40)
}

/// A short name for a connector file ("swagger" for the swagger).
pub fn short_file(path: &str) -> String {
    let name = std::path::Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".swagger.json") {
        "swagger".into()
    } else if let Some(stem) = name.strip_suffix(".json") {
        stem.to_string()
    } else {
        name
    }
}
