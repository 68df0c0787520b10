//! `catalog refresh --repo PATH`: scan a local checkout of microsoft/PowerPlatformConnectors.
//!
//! For every folder of `certified-connectors/`, `independent-publisher-connectors/` and
//! `custom-connectors/`: the title and operation count from the swagger
//! (`apiDefinition.swagger.json` in any case, else the folder's lone `*.swagger.json`),
//! publisher and stack owner from `apiProperties.json`. Files are read leniently: a UTF-8
//! byte-order mark is skipped, text that is not UTF-8 is read as Windows-1252, and when a
//! file is not valid JSON the title (or publisher) is picked out of the text; failing that
//! the folder name is the title. Each lenient read leaves a note.

use super::store::{CatalogFile, ConnectorRecord, FORMAT};
use super::Kind;
use crate::document::OpenApi;
use crate::document::MAX_FILE_BYTES;
use crate::json::{self, LineIndex, Node};
use crate::util::bounded::read_file_within;
use anyhow::bail;
use chrono::Utc;
use std::path::{Path, PathBuf};

/// The three connector folders of the repository and their kinds.
pub const FOLDERS: [(&str, Kind); 3] = [
    ("certified-connectors", Kind::Certified),
    (
        "independent-publisher-connectors",
        Kind::IndependentPublisher,
    ),
    ("custom-connectors", Kind::CustomSample),
];

/// Progress of a scan: `done` of `total` folders of `dir`.
#[derive(Debug, Clone, Copy)]
pub struct Progress<'a> {
    pub dir: &'a str,
    pub done: usize,
    pub total: usize,
    pub folder: &'a str,
}

/// What a scan found.
#[derive(Debug, Clone)]
pub struct RepoScan {
    pub connectors: Vec<ConnectorRecord>,
    /// `git rev-parse HEAD` of the checkout, when git is installed and it is a repository.
    pub commit: Option<String>,
    /// Committer date of that commit.
    pub commit_date: Option<String>,
    /// Files read leniently and folders without a swagger.
    pub notes: Vec<String>,
    /// Which of the three folders were present.
    pub dirs: Vec<&'static str>,
}

impl RepoScan {
    /// The cache file for this scan.
    pub fn to_file(&self, root: &Path) -> CatalogFile {
        CatalogFile {
            format: FORMAT,
            origin: Some("repo".into()),
            refreshed_at: Some(Utc::now()),
            repo_path: Some(root.display().to_string()),
            commit: self.commit.clone(),
            commit_date: self.commit_date.clone(),
            connectors: self.connectors.clone(),
            ..CatalogFile::default()
        }
    }
}

fn git(root: &Path, args: &[&str]) -> Option<String> {
    crate::util::git::output_line(Some(root), args)
}

/// Decodes a file: UTF-8 without its byte-order mark, else Windows-1252.
pub fn decode(bytes: &[u8]) -> (String, Option<&'static str>) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), None),
        Err(_) => (
            bytes.iter().map(|&b| cp1252(b)).collect(),
            Some("not UTF-8, read as Windows-1252"),
        ),
    }
}

fn cp1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// Finds `"key": "value"` in text that is not valid JSON, after byte `from`.
pub fn find_string_value(text: &str, key: &str, from: usize) -> Option<String> {
    let needle = format!("\"{key}\"");
    let mut at = from;
    while let Some(p) = text.get(at..)?.find(&needle) {
        let after = at + p + needle.len();
        let rest = text[after..].trim_start();
        if let Some(rest) = rest.strip_prefix(':') {
            let rest = rest.trim_start();
            if rest.starts_with('"') {
                // Find the closing quote, honouring escapes.
                let bytes = rest.as_bytes();
                let mut i = 1;
                while i < bytes.len() {
                    match bytes[i] {
                        b'\\' => i += 2,
                        b'"' => {
                            let lit = &rest[..=i];
                            return serde_json::from_str::<String>(lit)
                                .ok()
                                .or_else(|| Some(lit[1..lit.len() - 1].to_string()));
                        }
                        b'\n' => break,
                        _ => i += 1,
                    }
                }
            }
        }
        at = after;
    }
    None
}

fn count_operations(swagger: &Node) -> Option<u32> {
    swagger.get("paths")?.as_object()?;
    Some(OpenApi::new(swagger).operations().count() as u32)
}

fn find_file(dir: &Path, exact: &str, suffix: Option<&str>) -> Option<PathBuf> {
    let mut names: Vec<(String, PathBuf)> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        // Links too: the bounded reader then says what one is ("a device", "a link to …
        // outside the folder") instead of the folder seeming to have no swagger.
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file() || t.is_symlink()))
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .collect();
    names.sort();
    if let Some((_, p)) = names.iter().find(|(n, _)| n.eq_ignore_ascii_case(exact)) {
        return Some(p.clone());
    }
    let suffix = suffix?;
    let matching: Vec<&PathBuf> = names
        .iter()
        .filter(|(n, _)| n.to_ascii_lowercase().ends_with(suffix))
        .map(|(_, p)| p)
        .collect();
    (matching.len() == 1).then(|| matching[0].clone())
}

fn rel(root: &Path, p: &Path) -> String {
    p.strip_prefix(root).unwrap_or(p).display().to_string()
}

/// Reads one connector folder.
fn read_connector(
    root: &Path,
    folder: &Path,
    kind: Kind,
    source: &str,
    notes: &mut Vec<String>,
) -> ConnectorRecord {
    let folder_name = folder
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut name = None;
    let mut operations = None;
    match find_file(folder, "apiDefinition.swagger.json", Some(".swagger.json")) {
        None => notes.push(format!(
            "{}: no swagger; the folder name is the title",
            rel(root, folder)
        )),
        Some(path) => match read_file_within(&path, folder, MAX_FILE_BYTES) {
            Err(e) => notes.push(format!("{}: cannot read: {e}", rel(root, &path))),
            Ok(bytes) => {
                let (text, enc) = decode(&bytes);
                if let Some(enc) = enc {
                    notes.push(format!("{}: {enc}", rel(root, &path)));
                }
                match json::parse(&text) {
                    Ok(node) => {
                        name = node
                            .pointer("/info/title")
                            .and_then(Node::as_str)
                            .map(|s| s.trim().to_string());
                        operations = count_operations(&node);
                    }
                    Err(e) => {
                        let (line, col) = LineIndex::new(&text).line_col(&text, e.offset);
                        let from = text.find("\"info\"").unwrap_or(0);
                        name = find_string_value(&text, "title", from);
                        notes.push(format!(
                            "{}: not valid JSON (line {line}, column {col}: {}); {}",
                            rel(root, &path),
                            e.message,
                            if name.is_some() {
                                "title picked out of the text"
                            } else {
                                "the folder name is the title"
                            }
                        ));
                    }
                }
            }
        },
    }
    let mut publisher = None;
    let mut stack_owner = None;
    if let Some(path) = find_file(folder, "apiProperties.json", None) {
        if let Ok(bytes) = read_file_within(&path, folder, MAX_FILE_BYTES) {
            let (text, _) = decode(&bytes);
            match json::parse(&text) {
                Ok(node) => {
                    let get = |k: &str| {
                        node.get("properties")
                            .and_then(|p| p.get(k))
                            .and_then(Node::as_str)
                            .map(|s| s.trim().to_string())
                            .filter(|s| !s.is_empty())
                    };
                    publisher = get("publisher");
                    stack_owner = get("stackOwner");
                }
                Err(e) => {
                    let (line, col) = LineIndex::new(&text).line_col(&text, e.offset);
                    publisher = find_string_value(&text, "publisher", 0);
                    stack_owner = find_string_value(&text, "stackOwner", 0);
                    notes.push(format!(
                        "{}: not valid JSON (line {line}, column {col}: {}); publisher picked out of the text",
                        rel(root, &path),
                        e.message
                    ));
                }
            }
        }
    }
    ConnectorRecord {
        name: name
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| folder_name.clone()),
        folder: Some(folder_name),
        kind,
        publisher,
        stack_owner,
        operations,
        source: source.to_string(),
        api_name: None,
    }
}

/// Scans the checkout at `root`, calling `progress` after each folder.
pub fn scan(root: &Path, progress: &mut dyn FnMut(Progress<'_>)) -> anyhow::Result<RepoScan> {
    if !root.is_dir() {
        bail!(
            "{} is not a directory; give the path of a checkout of microsoft/PowerPlatformConnectors",
            root.display()
        );
    }
    let present: Vec<(&'static str, Kind)> = FOLDERS
        .iter()
        .copied()
        .filter(|(d, _)| root.join(d).is_dir())
        .collect();
    if present.is_empty() {
        bail!(
            "{} does not look like a checkout of microsoft/PowerPlatformConnectors: none of certified-connectors/, independent-publisher-connectors/, custom-connectors/ is in it",
            root.display()
        );
    }
    let commit = git(root, &["rev-parse", "HEAD"]);
    let commit_date = commit
        .as_ref()
        .and_then(|_| git(root, &["log", "-1", "--format=%cI"]));
    let source = match &commit {
        Some(c) => format!("PowerPlatformConnectors@{}", &c[..c.len().min(8)]),
        None => format!("checkout {}", root.display()),
    };
    let mut connectors = Vec::new();
    let mut notes = Vec::new();
    for (dir, kind) in &present {
        let mut folders: Vec<PathBuf> = std::fs::read_dir(root.join(dir))?
            .filter_map(Result::ok)
            .filter(|e| e.file_type().map(|t| t.is_dir()).unwrap_or(false))
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .map(|e| e.path())
            .collect();
        folders.sort();
        let total = folders.len();
        for (i, folder) in folders.iter().enumerate() {
            connectors.push(read_connector(root, folder, *kind, &source, &mut notes));
            progress(Progress {
                dir,
                done: i + 1,
                total,
                folder: &connectors
                    .last()
                    .map(|c| c.name.clone())
                    .unwrap_or_default(),
            });
        }
        if total == 0 {
            progress(Progress {
                dir,
                done: 0,
                total: 0,
                folder: "",
            });
        }
    }
    Ok(RepoScan {
        connectors,
        commit,
        commit_date,
        notes,
        dirs: present.iter().map(|(d, _)| *d).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lenient_title_from_broken_text() {
        let text = "{ \"swagger\": \"2.0\", \"info\": { \"title\": \"Foo \\\"Bar\\\"\", }, }";
        assert_eq!(
            find_string_value(text, "title", text.find("\"info\"").unwrap()),
            Some("Foo \"Bar\"".to_string())
        );
        assert_eq!(find_string_value("{\"title\": 3}", "title", 0), None);
    }

    #[test]
    fn cp1252_and_bom_decode() {
        let (s, enc) = decode(b"\xEF\xBB\xBF{\"a\":1}");
        assert_eq!(s, "{\"a\":1}");
        assert!(enc.is_none());
        let (s, enc) = decode(b"Br\xf8nn\xf8ysund \x80");
        assert_eq!(s, "Brønnøysund €");
        assert!(enc.is_some());
    }
}
