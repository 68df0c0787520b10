//! Export a session's connector into a checkout of microsoft/PowerPlatformConnectors:
//! [`plan`] → show → confirm → [`Plan::apply`].
//!
//! The plan lists every file the target folder would get, each new, changed (with a unified
//! diff) or unchanged, and every file of the working copy that is left out, with the reason.
//! Nothing is written until [`Plan::apply`]; it writes each file atomically and, when a write
//! fails half-way, puts back what it had already written so the checkout is as it was.

mod git;
mod safe_path;

pub use git::{switch_branch, BranchOutcome};

use crate::document::{Connector, LoadError, MAX_FILE_BYTES};
use crate::generate;
use crate::session::{ConnectorKind, Session};
use crate::util::fs::atomic_write;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The folder of independent-publisher connectors in the repository.
pub const IP_FOLDER: &str = "independent-publisher-connectors";
/// The folder of certified connectors in the repository.
pub const CERTIFIED_FOLDER: &str = "certified-connectors";
/// The exact name the swagger must have in the repository.
pub const SWAGGER_NAME: &str = "apiDefinition.swagger.json";

/// Why an export cannot be planned or applied. Every message names the path and what to do.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{}: no such folder; pass the folder of your clone of microsoft/PowerPlatformConnectors with --repo", .repo.display())]
    RepoNotFound { repo: PathBuf },

    #[error("{} is not a checkout of microsoft/PowerPlatformConnectors: it has no {missing}. Clone your fork (git clone https://github.com/YOU/PowerPlatformConnectors) and pass that folder with --repo", .repo.display())]
    NotACheckout { repo: PathBuf, missing: String },

    #[error("cannot export `{name}`: the connector name {reason}. Rename the session's connector (the name becomes the folder {IP_FOLDER}/<Name>/)")]
    InvalidName { name: String, reason: String },

    #[error("session `{session}` has no connector folder yet: build the connector first, or pass the folder with --dir")]
    NoConnectorDir { session: String },

    #[error(transparent)]
    Load(#[from] LoadError),

    #[error("{}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    #[error("cannot export into {}:\n{}", .target.display(), .problems.iter().map(|p| format!("  - {p}")).collect::<Vec<_>>().join("\n"))]
    Blocked {
        target: PathBuf,
        problems: Vec<String>,
    },

    #[error("cannot export into {}: {problem}. Nothing was written", .target.display())]
    UnsafeTarget {
        target: PathBuf,
        problem: safe_path::Unsafe,
    },

    #[error("{} changed since the plan was made, so the export stopped and put back what it had written: the checkout is as it was. Run the export again to see the new plan", .path.display())]
    ChangedSincePlan { path: PathBuf },

    #[error("{}", write_failed_message(.path, .source, .not_restored))]
    WriteFailed {
        path: PathBuf,
        #[source]
        source: io::Error,
        /// Files that could not be put back as they were (empty: the checkout is unchanged).
        not_restored: Vec<PathBuf>,
    },

    #[error("{0}")]
    Git(String),
}

fn write_failed_message(path: &Path, source: &io::Error, not_restored: &[PathBuf]) -> String {
    if not_restored.is_empty() {
        format!(
            "cannot write {}: {source}. The files written before it were put back: the checkout is as it was",
            path.display()
        )
    } else {
        let list: Vec<String> = not_restored
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        format!(
            "cannot write {}: {source}. These files could not be put back and need a look (git status, git checkout -- FILE): {}",
            path.display(),
            list.join(", ")
        )
    }
}

/// Where a planned file's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Copied byte for byte from the working copy.
    Copied { from: PathBuf },
    /// Generated from the session, because the working copy has no such file.
    Generated,
}

/// How a planned file compares with what the checkout holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// The checkout has no such file.
    New,
    /// The checkout's file differs: a unified diff from the checkout's to the export's.
    Changed { diff: String },
    /// The checkout already holds exactly these bytes.
    Unchanged,
}

/// One file of the target folder.
#[derive(Debug, Clone)]
pub struct PlannedFile {
    /// The file name in the target folder.
    pub name: String,
    pub target: PathBuf,
    pub origin: Origin,
    /// What would be written.
    pub bytes: Vec<u8>,
    /// What the checkout holds now (`None` for a new file); also the backup used to undo.
    pub existing: Option<Vec<u8>>,
    pub status: Status,
}

/// A file of the working copy that is not exported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub name: String,
    pub reason: String,
}

/// What an export would do.
#[derive(Debug, Clone)]
pub struct Plan {
    pub repo: PathBuf,
    /// The connector's folder name under [`Plan::group`].
    pub folder: String,
    /// `independent-publisher-connectors` or `certified-connectors`.
    pub group: &'static str,
    pub target_dir: PathBuf,
    pub files: Vec<PlannedFile>,
    pub skipped: Vec<Skipped>,
    /// Things worth knowing that change nothing (files kept, names adjusted, stray icons).
    pub notes: Vec<String>,
    /// Problems that stop [`Plan::apply`] (e.g. a folder where a file would go).
    pub problems: Vec<String>,
}

/// What [`Plan::apply`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    /// Files written, new or replaced.
    pub written: Vec<PathBuf>,
    /// Changed files left as they were (not chosen for overwriting).
    pub kept: Vec<PathBuf>,
}

impl Plan {
    /// Files the checkout does not have yet.
    pub fn new_files(&self) -> impl Iterator<Item = &PlannedFile> {
        self.files.iter().filter(|f| f.status == Status::New)
    }

    /// Files whose content in the checkout differs from the export.
    pub fn changed_files(&self) -> impl Iterator<Item = &PlannedFile> {
        self.files
            .iter()
            .filter(|f| matches!(f.status, Status::Changed { .. }))
    }

    /// Nothing to write: every file is already in the checkout as it would be written.
    pub fn is_up_to_date(&self) -> bool {
        self.files.iter().all(|f| f.status == Status::Unchanged)
    }

    /// The target folder relative to the repository, with `/` separators.
    pub fn target_relative(&self) -> String {
        format!("{}/{}", self.group, self.folder)
    }

    /// Writes the new files, and the changed ones when `overwrite_changed`.
    pub fn apply(&self, overwrite_changed: bool) -> Result<Applied, ExportError> {
        self.apply_selected(|f| f.status == Status::New || overwrite_changed)
    }

    /// Writes the new and changed files for which `include` says yes (unchanged files are
    /// never written). Each write is atomic; before each one the checkout's file is compared
    /// with the plan, and a failure puts back every file already written.
    pub fn apply_selected(
        &self,
        include: impl Fn(&PlannedFile) -> bool,
    ) -> Result<Applied, ExportError> {
        self.apply_with(&include, &mut |_| Ok(()))
    }

    fn apply_with(
        &self,
        include: &dyn Fn(&PlannedFile) -> bool,
        before_write: &mut dyn FnMut(&Path) -> io::Result<()>,
    ) -> Result<Applied, ExportError> {
        if !self.problems.is_empty() {
            return Err(ExportError::Blocked {
                target: self.target_dir.clone(),
                problems: self.problems.clone(),
            });
        }
        let mut applied = Applied::default();
        let mut todo = Vec::new();
        for f in &self.files {
            match f.status {
                Status::Unchanged => {}
                Status::New => {
                    if include(f) {
                        todo.push(f);
                    }
                }
                Status::Changed { .. } => {
                    if include(f) {
                        todo.push(f);
                    } else {
                        applied.kept.push(f.target.clone());
                    }
                }
            }
        }
        if todo.is_empty() {
            return Ok(applied);
        }
        // The checkout may have changed since the plan: never write through a link.
        check_target(&self.repo, &self.target_dir)?;

        // Create the target folder (and any missing parent), remembering what was created.
        let mut created_dirs = Vec::new();
        let mut dir = self.target_dir.as_path();
        while !dir.exists() {
            created_dirs.push(dir.to_path_buf());
            match dir.parent() {
                Some(p) if p.starts_with(&self.repo) && p != self.repo => dir = p,
                _ => break,
            }
        }
        if let Err(source) = fs::create_dir_all(&self.target_dir) {
            remove_dirs(&created_dirs);
            return Err(ExportError::Io {
                path: self.target_dir.clone(),
                source,
            });
        }

        let mut done: Vec<&PlannedFile> = Vec::new();
        for f in todo {
            let result = verify_unchanged(f).and_then(|()| {
                before_write(&f.target)
                    .and_then(|()| atomic_write(&f.target, &f.bytes))
                    .map_err(|source| ExportError::WriteFailed {
                        path: f.target.clone(),
                        source,
                        not_restored: Vec::new(),
                    })
            });
            match result {
                Ok(()) => done.push(f),
                Err(err) => {
                    let not_restored = undo(&done);
                    if not_restored.is_empty() {
                        remove_dirs(&created_dirs);
                    }
                    return Err(match err {
                        ExportError::WriteFailed { path, source, .. } => ExportError::WriteFailed {
                            path,
                            source,
                            not_restored,
                        },
                        ExportError::ChangedSincePlan { path } if !not_restored.is_empty() => {
                            ExportError::WriteFailed {
                                path: path.clone(),
                                source: io::Error::other(
                                    "the file changed since the plan was made",
                                ),
                                not_restored,
                            }
                        }
                        other => other,
                    });
                }
            }
        }
        applied.written = done.iter().map(|f| f.target.clone()).collect();
        Ok(applied)
    }
}

/// The one place that decides whether the target folder may be written (called when planning
/// and again before writing): every folder from the checkout down to it is real (no link)
/// and inside the checkout.
fn check_target(repo: &Path, target_dir: &Path) -> Result<(), ExportError> {
    safe_path::check_target_dir(repo, target_dir).map_err(|problem| ExportError::UnsafeTarget {
        target: target_dir.to_path_buf(),
        problem,
    })
}

/// Reads a file of the working copy or the checkout: a regular file of at most
/// [`MAX_FILE_BYTES`] that does not lead out of `folder`.
fn read_bounded(path: &Path, folder: &Path) -> Result<Vec<u8>, ExportError> {
    crate::util::bounded::read_file_within(path, folder, MAX_FILE_BYTES).map_err(|e| {
        ExportError::Io {
            path: path.to_path_buf(),
            source: match e {
                crate::util::bounded::ReadError::Io(source) => source,
                other => io::Error::other(other.to_string()),
            },
        }
    })
}

/// The checkout's file is still what the plan saw.
fn verify_unchanged(f: &PlannedFile) -> Result<(), ExportError> {
    let changed = || ExportError::ChangedSincePlan {
        path: f.target.clone(),
    };
    match fs::symlink_metadata(&f.target) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if f.existing.is_some() {
                return Err(changed());
            }
        }
        Err(source) => {
            return Err(ExportError::Io {
                path: f.target.clone(),
                source,
            })
        }
        Ok(meta) => {
            if !meta.is_file() {
                return Err(changed());
            }
            let folder = f.target.parent().unwrap_or(Path::new("."));
            let now = read_bounded(&f.target, folder)?;
            if f.existing.as_deref() != Some(now.as_slice()) {
                return Err(changed());
            }
        }
    }
    Ok(())
}

/// Puts back the files written so far (last first). Returns those that could not be.
fn undo(done: &[&PlannedFile]) -> Vec<PathBuf> {
    let mut failed = Vec::new();
    for f in done.iter().rev() {
        let ok = match &f.existing {
            Some(old) => atomic_write(&f.target, old).is_ok(),
            None => fs::remove_file(&f.target).is_ok(),
        };
        if !ok {
            failed.push(f.target.clone());
        }
    }
    failed
}

/// Removes folders created by the export (deepest first), when they are empty.
fn remove_dirs(created: &[PathBuf]) {
    for d in created {
        let _ = fs::remove_dir(d);
    }
}

/// Checks a connector name for use as a folder name and returns it trimmed. Names with path
/// separators, `..`, control characters, characters Windows does not allow in file names
/// (`< > : " | ? *`), Windows device names (CON, NUL, COM1, …) or a trailing dot are
/// refused rather than escaped, so the folder is always the name people see.
pub fn folder_name(name: &str) -> Result<String, ExportError> {
    let refuse = |reason: &str| ExportError::InvalidName {
        name: name.to_string(),
        reason: reason.to_string(),
    };
    let n = name.trim();
    if n.is_empty() {
        return Err(refuse("is empty"));
    }
    if n.contains(['/', '\\']) {
        return Err(refuse("contains a path separator (/ or \\)"));
    }
    if n.contains("..") || n == "." {
        return Err(refuse(
            "contains `..`, which could leave the connectors folder",
        ));
    }
    if let Some(c) = n.chars().find(|c| c.is_control()) {
        return Err(refuse(&format!(
            "contains the control character U+{:04X}",
            c as u32
        )));
    }
    if let Some(c) = n.chars().find(|c| "<>:\"|?*".contains(*c)) {
        return Err(refuse(&format!(
            "contains `{c}`, which Windows does not allow in folder names"
        )));
    }
    if n.ends_with('.') {
        return Err(refuse("ends with a dot, which Windows removes"));
    }
    let stem = n.split('.').next().unwrap_or(n).trim().to_ascii_uppercase();
    let reserved = ["CON", "PRN", "AUX", "NUL"].contains(&stem.as_str())
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit()
            && stem.as_bytes()[3] != b'0');
    if reserved {
        return Err(refuse(&format!(
            "is `{stem}`, a device name Windows reserves"
        )));
    }
    if n.len() > 200 {
        return Err(refuse("is longer than 200 bytes"));
    }
    Ok(n.to_string())
}

/// Why a working-copy file is left out, or `None` when it is exported.
fn skip_reason(name: &str, kind: ConnectorKind) -> Option<String> {
    let lower = name.to_ascii_lowercase();
    if name.starts_with('.') {
        return Some("hidden file".into());
    }
    if lower == "settings.json" {
        return Some("settings.json is a local paconn file, not part of the connector".into());
    }
    if kind == ConnectorKind::IndependentPublisher && generate::is_image_name(name) {
        return Some(
            "an image: independent publishers submit no icon (IP-NO-ICON); screenshots go in the PR body"
                .into(),
        );
    }
    if lower.ends_with('~')
        || [".swp", ".swo", ".bak", ".tmp", ".orig", ".rej"]
            .iter()
            .any(|e| lower.ends_with(e))
        || lower == "thumbs.db"
        || lower == "desktop.ini"
    {
        return Some("an editor or system file".into());
    }
    None
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> ExportError + '_ {
    move |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Plans the export of a session's connector into the checkout at `repo`.
///
/// `connector_dir` overrides the session's working copy. The target is
/// `independent-publisher-connectors/<Name>/` (certified: `certified-connectors/<Name>/`),
/// where `<Name>` is the session's connector name checked by [`folder_name`] — or, when the
/// working copy already is a connector folder of this checkout, that folder. The working
/// copy's files are copied byte for byte (the swagger always as `apiDefinition.swagger.json`);
/// apiProperties.json, readme.md and intro.md are generated from the session when neither
/// the working copy nor the checkout has them. Icons (independent publisher), settings.json,
/// hidden files and sub-folders are skipped with the reason.
pub fn plan(
    session: &Session,
    connector_dir: Option<&Path>,
    repo: &Path,
) -> Result<Plan, ExportError> {
    // The checkout.
    if !repo.is_dir() {
        return Err(ExportError::RepoNotFound {
            repo: repo.to_path_buf(),
        });
    }
    if !repo.join(".git").exists() {
        return Err(ExportError::NotACheckout {
            repo: repo.to_path_buf(),
            missing: ".git (it is not a git repository)".into(),
        });
    }
    let group = match session.kind {
        ConnectorKind::IndependentPublisher => IP_FOLDER,
        ConnectorKind::Certified => CERTIFIED_FOLDER,
    };
    if !repo.join(group).is_dir() {
        return Err(ExportError::NotACheckout {
            repo: repo.to_path_buf(),
            missing: format!("{group}/ folder"),
        });
    }

    // The working copy.
    let source_dir = connector_dir
        .map(Path::to_path_buf)
        .or_else(|| session.connector_dir.clone())
        .ok_or_else(|| ExportError::NoConnectorDir {
            session: session.name.clone(),
        })?;
    let connector = Connector::load(&source_dir, Some(session.kind))?;

    // The target folder.
    let mut notes = Vec::new();
    let group_dir = repo.join(group);
    let folder = match inside_group(&source_dir, &group_dir) {
        Some(existing) => existing,
        None => folder_name(&generate::connector_name(session))?,
    };
    if let Some(title) = connector
        .swagger_json()
        .and_then(|s| s.pointer("/info/title"))
        .and_then(|t| t.as_str())
    {
        if title.trim() != folder {
            notes.push(format!(
                "the folder is named \"{folder}\" but the swagger's info.title is \"{}\"; reviewers expect them to match",
                title.trim()
            ));
        }
    }
    let target_dir = group_dir.join(&folder);
    // Before anything of the target is read: a linked folder would be read and written
    // elsewhere.
    check_target(repo, &target_dir)?;
    let mut problems = Vec::new();
    let target_entries: Vec<String> = if target_dir.is_dir() {
        let mut v: Vec<String> = fs::read_dir(&target_dir)
            .map_err(io_err(&target_dir))?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    } else {
        if target_dir.exists() {
            problems.push(format!(
                "{} is a file, not a folder: move it away",
                target_dir.display()
            ));
        }
        Vec::new()
    };
    let in_target = |want: &str| {
        target_entries
            .iter()
            .find(|n| n.eq_ignore_ascii_case(want))
            .cloned()
    };

    // Files of the working copy.
    let swagger_src = connector
        .swagger
        .as_ref()
        .map(|s| s.path.clone())
        .ok_or_else(|| {
            ExportError::Load(LoadError::NoSwagger {
                path: source_dir.clone(),
            })
        })?;
    let swagger_file_name = swagger_src
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut sources: Vec<(String, PathBuf)> = Vec::new(); // (target name, source path)
    let mut skipped = Vec::new();
    let mut listing: Vec<(String, PathBuf)> = fs::read_dir(&source_dir)
        .map_err(io_err(&source_dir))?
        .filter_map(|e| e.ok())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .collect();
    listing.sort();
    for (name, path) in listing {
        if name == swagger_file_name {
            if name != SWAGGER_NAME {
                notes.push(format!(
                    "{name} is exported as {SWAGGER_NAME}, the name the repository requires"
                ));
            }
            sources.push((SWAGGER_NAME.to_string(), path));
            continue;
        }
        let meta = fs::metadata(&path).map_err(io_err(&path))?;
        if meta.is_dir() {
            skipped.push(Skipped {
                name: format!("{name}/"),
                reason: "a folder: the connector folder holds files only (screenshots go in the PR body)"
                    .into(),
            });
            continue;
        }
        if !meta.is_file() {
            skipped.push(Skipped {
                name,
                reason: "not a regular file".into(),
            });
            continue;
        }
        if let Some(reason) = skip_reason(&name, session.kind) {
            skipped.push(Skipped { name, reason });
            continue;
        }
        if name.to_ascii_lowercase().ends_with(".swagger.json") {
            skipped.push(Skipped {
                name,
                reason: format!(
                    "a second swagger: the folder's swagger is {swagger_file_name} (one connector per folder)"
                ),
            });
            continue;
        }
        sources.push((name, path));
    }

    let mut files = Vec::new();
    for (name, path) in sources {
        let bytes = read_bounded(&path, &source_dir)?;
        files.push((name, Origin::Copied { from: path }, bytes));
    }

    // Generated files for what the working copy lacks.
    let has = |files: &[(String, Origin, Vec<u8>)], want: &str| {
        files.iter().any(|(n, _, _)| n.eq_ignore_ascii_case(want))
    };
    type Gen = fn(&Session, Option<&Connector>) -> String;
    let generated: [(&str, Gen); 3] = [
        ("apiProperties.json", generate::api_properties_json),
        ("readme.md", generate::readme_md),
        ("intro.md", generate::intro_md),
    ];
    let mut kept = Vec::new();
    for (name, make) in generated {
        if has(&files, name) {
            continue;
        }
        if let Some(existing) = in_target(name) {
            kept.push(existing);
            continue;
        }
        let text = make(session, Some(&connector));
        let todos = generate::todos(&text);
        if !todos.is_empty() {
            notes.push(format!(
                "{name} is generated with {} [TODO: …] marker{} to fill in before review",
                todos.len(),
                if todos.len() == 1 { "" } else { "s" }
            ));
        }
        files.push((name.to_string(), Origin::Generated, text.into_bytes()));
    }
    if !kept.is_empty() {
        notes.push(format!(
            "the working copy has no {}: the checkout's {} kept as {} (`connector-wizard generate` writes new ones)",
            kept.join(", "),
            if kept.len() == 1 { "is" } else { "are" },
            if kept.len() == 1 { "it is" } else { "they are" }
        ));
    }

    // Compare with the checkout.
    let mut planned = Vec::new();
    for (name, origin, bytes) in files {
        let name = match in_target(&name) {
            Some(existing) if existing != name => {
                notes.push(format!(
                    "{name} is written over the checkout's {existing} (same name in another case)"
                ));
                existing
            }
            _ => name,
        };
        let target = target_dir.join(&name);
        let (existing, status) = match safe_path::target_file(&target).map_err(io_err(&target))? {
            safe_path::TargetFile::Absent => (None, Status::New),
            safe_path::TargetFile::NotAFile(reason) => {
                problems.push(format!("{} {reason}", target.display()));
                (None, Status::New)
            }
            safe_path::TargetFile::File => {
                let old = read_bounded(&target, &target_dir)?;
                let status = if old == bytes {
                    Status::Unchanged
                } else {
                    Status::Changed {
                        diff: diff(&format!("{group}/{folder}/{name}"), &old, &bytes),
                    }
                };
                (Some(old), status)
            }
        };
        planned.push(PlannedFile {
            name,
            target,
            origin,
            bytes,
            existing,
            status,
        });
    }
    planned.sort_by_key(|f| f.name.to_ascii_lowercase());

    // Files of the checkout that should not be there.
    for name in &target_entries {
        if let Some(reason) = skip_reason(name, session.kind) {
            if !name.starts_with('.') && reason != "an editor or system file" {
                notes.push(format!(
                    "the checkout's folder holds {name}, which must not be submitted ({reason}): remove it with git rm"
                ));
            }
        }
    }

    Ok(Plan {
        repo: repo.to_path_buf(),
        folder,
        group,
        target_dir,
        files: planned,
        skipped,
        notes,
        problems,
    })
}

/// When `dir` is a direct child of `group_dir` (the same folder of this checkout), its name.
fn inside_group(dir: &Path, group_dir: &Path) -> Option<String> {
    let dir = fs::canonicalize(dir).ok()?;
    let group = fs::canonicalize(group_dir).ok()?;
    (dir.parent()? == group).then(|| dir.file_name().map(|n| n.to_string_lossy().into_owned()))?
}

/// A unified diff from `old` to `new`, or a one-line note for files that are not UTF-8 text.
pub fn diff(label: &str, old: &[u8], new: &[u8]) -> String {
    match (std::str::from_utf8(old), std::str::from_utf8(new)) {
        (Ok(a), Ok(b)) => similar::TextDiff::from_lines(a, b)
            .unified_diff()
            .context_radius(3)
            .header(&format!("a/{label}"), &format!("b/{label}"))
            .to_string(),
        _ => format!(
            "binary file {label} differs ({} bytes → {} bytes)\n",
            old.len(),
            new.len()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checkout() -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        fs::create_dir(d.path().join(".git")).unwrap();
        fs::create_dir(d.path().join(IP_FOLDER)).unwrap();
        d
    }

    fn working_copy() -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        fs::write(
            d.path().join(SWAGGER_NAME),
            "{\"swagger\": \"2.0\", \"info\": {\"title\": \"Acme\"}}\n",
        )
        .unwrap();
        fs::write(d.path().join("readme.md"), "# Acme\n").unwrap();
        fs::write(d.path().join("script.csx"), "// code\n").unwrap();
        d
    }

    #[test]
    fn names_are_refused_not_escaped() {
        assert_eq!(folder_name("  HubSpot CRM ").unwrap(), "HubSpot CRM");
        assert_eq!(
            folder_name("Brønnøysundregistrene").unwrap(),
            "Brønnøysundregistrene"
        );
        assert_eq!(
            folder_name("Influenza and Covid-19").unwrap(),
            "Influenza and Covid-19"
        );
        for bad in [
            "",
            "a/b",
            "a\\b",
            "..",
            "x..y",
            ".",
            "a\u{7}b",
            "a:b",
            "what?",
            "a*",
            "<x>",
            "\"q\"",
            "a|b",
            "CON",
            "nul",
            "Com1",
            "LPT9.txt",
            "trailing.",
        ] {
            assert!(
                matches!(folder_name(bad), Err(ExportError::InvalidName { .. })),
                "{bad:?} should be refused"
            );
        }
        assert!(folder_name("COM0").is_ok());
        assert!(folder_name("Console").is_ok());
    }

    #[test]
    fn half_way_failure_restores_everything() {
        let repo = checkout();
        let wc = working_copy();
        let mut s = Session::new("Acme", ConnectorKind::IndependentPublisher);
        s.connector_dir = Some(wc.path().to_path_buf());
        // A first export, then a change in the working copy.
        plan(&s, None, repo.path()).unwrap().apply(false).unwrap();
        let target = repo.path().join(IP_FOLDER).join("Acme");
        let before = snapshot(&target);
        fs::write(wc.path().join("readme.md"), "# Acme\n\nNew text.\n").unwrap();
        fs::write(wc.path().join("script.csx"), "// new code\n").unwrap();
        fs::write(wc.path().join("notes.txt"), "new file\n").unwrap();
        let p = plan(&s, None, repo.path()).unwrap();
        assert_eq!(p.changed_files().count(), 2);
        assert_eq!(p.new_files().count(), 1);
        // Fail on the last write.
        let mut n = 0;
        let err = p
            .apply_with(&|_| true, &mut |path| {
                n += 1;
                if path.ends_with("script.csx") {
                    Err(io::Error::other("disk full"))
                } else {
                    Ok(())
                }
            })
            .unwrap_err();
        assert_eq!(n, 3, "notes.txt and readme.md were written first");
        assert!(err.to_string().contains("disk full"), "{err}");
        assert!(err.to_string().contains("as it was"), "{err}");
        assert_eq!(snapshot(&target), before);
    }

    #[test]
    fn failure_in_a_new_folder_removes_it() {
        let repo = checkout();
        let wc = working_copy();
        let mut s = Session::new("Acme", ConnectorKind::IndependentPublisher);
        s.connector_dir = Some(wc.path().to_path_buf());
        let p = plan(&s, None, repo.path()).unwrap();
        let err = p
            .apply_with(&|_| true, &mut |path| {
                if path.ends_with("readme.md") {
                    Err(io::Error::other("boom"))
                } else {
                    Ok(())
                }
            })
            .unwrap_err();
        assert!(
            matches!(err, ExportError::WriteFailed { ref not_restored, .. } if not_restored.is_empty())
        );
        assert!(!repo.path().join(IP_FOLDER).join("Acme").exists());
    }

    fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let mut v: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    }

    #[test]
    fn diff_is_unified() {
        let d = diff("x/readme.md", b"a\nb\nc\n", b"a\nB\nc\n");
        assert!(
            d.starts_with("--- a/x/readme.md\n+++ b/x/readme.md\n"),
            "{d}"
        );
        assert!(d.contains("-b\n+B\n"), "{d}");
        assert!(diff("i.png", &[0xff, 0], &[0xfe]).starts_with("binary file"));
    }
}
