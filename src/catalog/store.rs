//! The catalog file format, shared by the embedded list (`assets/connectors.json`) and the
//! two user caches (`connectors.json` from `catalog refresh --repo`, `pull-requests.json`
//! from `catalog refresh --github`, both in [`crate::util::paths::catalog_dir`]).
//!
//! ```json
//! {
//!   "format": 1,
//!   "origin": "embedded" | "repo" | "github",
//!   …metadata…,
//!   "connectors": [ {"name", "folder", "kind", "publisher", "stackOwner", "operations", "source", "apiName"}, … ],
//!   "pullRequests": [ {"title", "number", "state", "proposal", "url", "author", …}, … ]
//! }
//! ```
//!
//! Files are written one record per line so that a regenerated asset diffs line by line.

use super::{Kind, PrState};
use anyhow::Context;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The current file format number.
pub const FORMAT: u32 = 1;

/// File name of the repository cache inside the catalog directory.
pub const REPO_CACHE: &str = "connectors.json";
/// File name of the GitHub pull-request cache inside the catalog directory.
pub const GITHUB_CACHE: &str = "pull-requests.json";

/// Largest cache file read (the real ones are a few megabytes); also the most the GitHub
/// refresh keeps of one answer.
pub const MAX_CACHE_BYTES: u64 = 64 * 1024 * 1024;

/// The bytes of a cache file: a regular file (links followed) of at most
/// [`MAX_CACHE_BYTES`]; anything else is an error that says why.
pub fn read_cache_bytes(path: &Path) -> Result<Vec<u8>, crate::util::bounded::ReadError> {
    crate::util::bounded::read_file(path, MAX_CACHE_BYTES)
}

/// One connector, facts only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectorRecord {
    pub name: String,
    pub folder: Option<String>,
    pub kind: Kind,
    pub publisher: Option<String>,
    pub stack_owner: Option<String>,
    pub operations: Option<u32>,
    pub source: String,
    /// The platform's API name (`shared_office365`), also the Learn URL slug.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_name: Option<String>,
}

/// One pull request of microsoft/PowerPlatformConnectors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PullRequest {
    pub title: String,
    pub number: u64,
    pub state: PrState,
    /// The title starts with "Proposal" (step 2 of the process).
    pub proposal: bool,
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    /// For merged pull requests, when known (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_at: Option<String>,
}

/// A whole catalog file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogFile {
    pub format: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<String>,
    /// Embedded list: the repository snapshot, e.g. `microsoft/PowerPlatformConnectors@8bff86ea`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot: Option<String>,
    /// Embedded list: the date of that snapshot (YYYY-MM-DD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot_date: Option<String>,
    /// Embedded list: what the pull-request states are as of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pull_requests_as_of: Option<String>,
    /// Caches: when the refresh ran.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refreshed_at: Option<DateTime<Utc>>,
    /// Repository cache: the checkout that was scanned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repo_path: Option<String>,
    /// Repository cache: `git rev-parse HEAD` of the checkout, when git could tell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commit: Option<String>,
    /// Repository cache: the committer date of that commit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commit_date: Option<String>,
    /// GitHub cache: the API base URL used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_url: Option<String>,
    /// GitHub cache: owner/name of the repository.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repository: Option<String>,
    #[serde(default)]
    pub connectors: Vec<ConnectorRecord>,
    #[serde(default)]
    pub pull_requests: Vec<PullRequest>,
}

impl CatalogFile {
    /// Reads a catalog file from text. The error names the line and column.
    pub fn from_text(text: &str) -> anyhow::Result<CatalogFile> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let file: CatalogFile = serde_json::from_str(text).map_err(|e| {
            anyhow::anyhow!(
                "line {}, column {}: {}",
                e.line(),
                e.column(),
                strip_pos(&e)
            )
        })?;
        if file.format != FORMAT {
            anyhow::bail!(
                "format {} is not known to this version of connector-wizard (it reads format {FORMAT})",
                file.format
            );
        }
        Ok(file)
    }

    /// Serialises with one connector or pull request per line.
    pub fn to_text(&self) -> String {
        let mut header = self.clone();
        header.connectors.clear();
        header.pull_requests.clear();
        let value = serde_json::to_value(&header).expect("catalog header serialises");
        let mut out = String::from("{\n");
        if let serde_json::Value::Object(map) = value {
            for (k, v) in map {
                if k == "connectors" || k == "pullRequests" {
                    continue;
                }
                out.push_str(&format!("  {}: {},\n", serde_json::Value::String(k), v));
            }
        }
        fn array<T: Serialize>(out: &mut String, key: &str, items: &[T], last: bool) {
            out.push_str(&format!("  \"{key}\": ["));
            for (i, item) in items.iter().enumerate() {
                out.push_str(if i == 0 { "\n    " } else { ",\n    " });
                out.push_str(&serde_json::to_string(item).expect("record serialises"));
            }
            out.push_str(if items.is_empty() { "]" } else { "\n  ]" });
            out.push_str(if last { "\n" } else { ",\n" });
        }
        array(&mut out, "connectors", &self.connectors, false);
        array(&mut out, "pullRequests", &self.pull_requests, true);
        out.push_str("}\n");
        out
    }
}

/// serde_json's message without its " at line X column Y" tail (we print those first).
fn strip_pos(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(p) => s[..p].to_string(),
        None => s,
    }
}

/// Writes a cache file atomically, creating the catalog directory.
pub fn write_cache(dir: &Path, name: &str, file: &CatalogFile) -> anyhow::Result<PathBuf> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the catalog directory {}", dir.display()))?;
    let path = dir.join(name);
    crate::util::fs::atomic_write(&path, file.to_text().as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path)
}
