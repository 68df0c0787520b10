//! Which branch of the checkout an export goes onto, and where the checkout is: an export
//! onto another connector's branch would mix two connectors in one pull request.

use std::path::{Path, PathBuf};

/// The branches of microsoft/PowerPlatformConnectors a pull request starts from.
pub use crate::util::git::BASE_BRANCHES;

/// How the checkout's current branch relates to the connector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BranchVerdict {
    /// On a base branch (dev, main, master): the export switches to the connector's branch.
    OnBase,
    /// Already on the connector's branch.
    OnConnector,
    /// On a branch of something else (another connector, most likely).
    OnOther,
    /// No branch (detached HEAD) or git could not tell.
    Unknown,
}

/// The checkout's branch against the connector's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BranchCheck {
    /// The branch checked out now.
    pub current: Option<String>,
    /// The connector's branch: the one of the last export, else one named after it.
    pub wanted: String,
    pub verdict: BranchVerdict,
}

impl BranchCheck {
    /// One line for the plan: which branch the export goes onto.
    pub fn describe(&self) -> String {
        let cur = self.current.as_deref().unwrap_or("(no branch)");
        match self.verdict {
            BranchVerdict::OnBase => format!(
                "Branch: the checkout is on `{cur}`; the export first switches to `{}` (created when missing).",
                self.wanted
            ),
            BranchVerdict::OnConnector => format!("Branch: `{cur}`, this connector's branch."),
            BranchVerdict::OnOther => format!(
                "Branch: the checkout is on `{cur}`, which is not this connector's branch (`{}`): exporting there mixes two connectors in one pull request.",
                self.wanted
            ),
            BranchVerdict::Unknown => format!(
                "Branch: git cannot tell the checkout's branch ({cur}); the export switches to `{}`.",
                self.wanted
            ),
        }
    }
}

/// The checkout's current branch (`None` when detached or git is missing).
pub fn current_branch(repo: &Path) -> Option<String> {
    crate::util::git::output_line(Some(repo), &["symbolic-ref", "--quiet", "--short", "HEAD"])
}

/// Compares the checkout's branch with `wanted`, the connector's branch.
pub fn check_branch(repo: &Path, wanted: &str) -> BranchCheck {
    let current = current_branch(repo);
    let verdict = verdict(current.as_deref(), wanted);
    BranchCheck {
        current,
        wanted: wanted.to_string(),
        verdict,
    }
}

/// The verdict for a branch name (pure: the tests call it directly).
pub fn verdict(current: Option<&str>, wanted: &str) -> BranchVerdict {
    match current {
        None => BranchVerdict::Unknown,
        Some(c) if BASE_BRANCHES.contains(&c) => BranchVerdict::OnBase,
        Some(c) if c == wanted => BranchVerdict::OnConnector,
        Some(_) => BranchVerdict::OnOther,
    }
}

/// The checkout of microsoft/PowerPlatformConnectors that holds `dir`, if any: the nearest
/// folder above it with a `.git` and a connectors folder.
pub fn checkout_of(dir: &Path) -> Option<PathBuf> {
    let abs = std::fs::canonicalize(dir).ok()?;
    abs.ancestors()
        .find(|a| {
            a.join(".git").exists()
                && (a.join(super::IP_FOLDER).is_dir() || a.join(super::CERTIFIED_FOLDER).is_dir())
        })
        .map(Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        assert_eq!(verdict(Some("dev"), "contoso"), BranchVerdict::OnBase);
        assert_eq!(
            verdict(Some("contoso"), "contoso"),
            BranchVerdict::OnConnector
        );
        assert_eq!(
            verdict(Some("acme-invoices"), "contoso"),
            BranchVerdict::OnOther
        );
        assert_eq!(verdict(None, "contoso"), BranchVerdict::Unknown);
        let c = BranchCheck {
            current: Some("acme-invoices".into()),
            wanted: "contoso".into(),
            verdict: BranchVerdict::OnOther,
        };
        assert!(c.describe().contains("not this connector's branch"));
    }

    #[test]
    fn checkout_is_found_above_a_connector_folder() {
        let d = tempfile::tempdir().unwrap();
        let folder = d.path().join("independent-publisher-connectors/Acme");
        std::fs::create_dir_all(&folder).unwrap();
        assert_eq!(checkout_of(&folder), None);
        std::fs::create_dir(d.path().join(".git")).unwrap();
        assert_eq!(
            checkout_of(&folder),
            Some(std::fs::canonicalize(d.path()).unwrap())
        );
    }
}
