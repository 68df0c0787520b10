//! The session store: one JSON file per session in a directory, a lock file per open session,
//! atomic saves, and damaged files moved aside rather than overwritten.

use super::lock::{self, LockError, LockGuard};
use super::model::{ConnectorKind, ParseProblem, Session, Step, StepStatus};
use super::slug::slugify;
use crate::util::bounded::ReadError;
use crate::util::fs::{atomic_write_with, move_aside};
use crate::util::printable::shorten;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::fs;
use std::io;
use std::ops::Deref;
use std::path::{Path, PathBuf};

/// Prefix of the temporary files of [`crate::util::fs::atomic_write`].
const TEMP_PREFIX: &str = ".cw-tmp-";
/// Age after which a leftover temporary file is certainly not a save in progress.
pub const STALE_TEMP_AGE: std::time::Duration = std::time::Duration::from_secs(600);

/// Largest session file read; a real one is a few kilobytes.
pub const MAX_SESSION_BYTES: u64 = 4 * 1024 * 1024;

/// Reads a session file: a regular file (links followed) of at most [`MAX_SESSION_BYTES`].
fn read_session_file(path: &Path) -> Result<Vec<u8>, ReadError> {
    crate::util::bounded::read_file(path, MAX_SESSION_BYTES)
}

/// How much of a refused or unknown name a message repeats.
const NAME_ECHO_CHARS: usize = 60;

/// Longest connector name accepted, in characters.
pub const MAX_NAME_CHARS: usize = 128;

/// What can go wrong with sessions. Every message names the session or file and says what to do.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error("invalid session name `{}`: {reason}", shorten(.name, NAME_ECHO_CHARS))]
    InvalidName { name: String, reason: String },

    #[error("{}", not_found_message(.name, .dir, .suggestions))]
    NotFound {
        name: String,
        dir: PathBuf,
        /// Names of saved sessions that look like the one asked for.
        suggestions: Vec<String>,
    },

    #[error("a session named `{name}` already exists ({}); resume it, or remove it first with `connector-wizard session rm`", .path.display())]
    AlreadyExists { name: String, path: PathBuf },

    #[error("session `{name}` is in use by {} (lock file {}); close it there, or open it read-only", holder(*.pid), .lock.display())]
    InUse {
        name: String,
        pid: u32,
        lock: PathBuf,
    },

    #[error("{}", corrupt_message(.path, .problem, .moved_to.as_deref()))]
    Corrupt {
        path: PathBuf,
        /// serde_json's position (1-based; 0 when unknown).
        line: usize,
        column: usize,
        problem: String,
        /// Where the damaged file now is (`None` when it was left in place, read-only).
        moved_to: Option<PathBuf>,
    },

    #[error("{}: format version {version} is newer than this build supports ({supported}); upgrade connector-wizard (the file was left untouched)", .path.display())]
    TooNew {
        path: PathBuf,
        version: u64,
        supported: u32,
    },

    #[error("session `{name}` is open read-only; the change was not saved")]
    ReadOnly { name: String },

    #[error("{}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// "pid 1234", or "another process" when the holder had not written its pid yet (0).
fn holder(pid: u32) -> String {
    if pid == 0 {
        "another process".to_string()
    } else {
        format!("pid {pid}")
    }
}

fn not_found_message(name: &str, dir: &Path, suggestions: &[String]) -> String {
    let mut msg = format!(
        "no session named `{}` in {}",
        shorten(name, NAME_ECHO_CHARS),
        dir.display()
    );
    if !suggestions.is_empty() {
        let list: Vec<String> = suggestions.iter().map(|s| format!("`{s}`")).collect();
        msg.push_str(&format!("; did you mean {}?", list.join(" or ")));
    }
    msg.push_str(" Run `connector-wizard session list` to see the saved sessions.");
    msg
}

fn corrupt_message(path: &Path, problem: &str, moved_to: Option<&Path>) -> String {
    match moved_to {
        Some(m) => format!(
            "session file {} cannot be read ({problem}); it was moved aside to {} (nothing was overwritten). Repair and move it back, or start the session again",
            path.display(),
            m.display()
        ),
        None => format!(
            "session file {} cannot be read ({problem}); it was left in place (opened read-only). Repair it, or open it normally to move it aside",
            path.display()
        ),
    }
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> SessionError + '_ {
    move |source| SessionError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// One line of `session list`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionSummary {
    /// The connector name (the file's slug when the file cannot be read).
    pub name: String,
    pub slug: String,
    pub path: PathBuf,
    pub kind: Option<ConnectorKind>,
    pub current_step: Option<Step>,
    pub current_status: Option<StepStatus>,
    /// Last change: the session's `updated`, or the file's modification time when unreadable.
    pub updated: DateTime<Utc>,
    /// The pid of the process that has the session open, if one does.
    pub in_use_by: Option<u32>,
    /// Why the file cannot be loaded; `None` for a healthy session.
    pub problem: Option<String>,
}

/// A directory of sessions.
#[derive(Debug, Clone)]
pub struct SessionStore {
    dir: PathBuf,
}

impl SessionStore {
    /// A store over `dir` (created when the first session is).
    pub fn new(dir: impl Into<PathBuf>) -> SessionStore {
        SessionStore { dir: dir.into() }
    }

    /// The store in [`crate::util::paths::sessions_dir`] (`CONNECTOR_WIZARD_HOME` overrides).
    pub fn default_location() -> SessionStore {
        SessionStore::new(crate::util::paths::sessions_dir())
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file slug for a name, or why the name cannot be a session.
    pub fn slug_for(name: &str) -> Result<String, SessionError> {
        let invalid = |reason: &str| SessionError::InvalidName {
            name: name.to_string(),
            reason: reason.to_string(),
        };
        if name.chars().any(char::is_control) {
            return Err(invalid("it contains control characters"));
        }
        if name.trim().chars().count() > MAX_NAME_CHARS {
            return Err(invalid(&format!(
                "it is longer than {MAX_NAME_CHARS} characters"
            )));
        }
        slugify(name).ok_or_else(|| invalid("it needs at least one letter or digit"))
    }

    /// The file a session of that name is stored in (whether or not it exists).
    pub fn path_for(&self, name: &str) -> Result<PathBuf, SessionError> {
        Ok(self.file_for_slug(&Self::slug_for(name)?))
    }

    fn file_for_slug(&self, slug: &str) -> PathBuf {
        self.dir.join(format!("{slug}.json"))
    }

    fn lock_for_slug(&self, slug: &str) -> PathBuf {
        self.dir.join(format!("{slug}.lock"))
    }

    /// Whether a session file exists for that name.
    pub fn exists(&self, name: &str) -> bool {
        self.resolve(name).is_ok()
    }

    /// Creates and saves a new session; refuses when one with the same file name exists.
    pub fn create(&self, name: &str, kind: ConnectorKind) -> Result<Session, SessionError> {
        Ok(self.create_and_open(name, kind)?.into_session())
    }

    /// Creates a new session and keeps it open (locked) for further changes.
    pub fn create_and_open(
        &self,
        name: &str,
        kind: ConnectorKind,
    ) -> Result<OpenSession, SessionError> {
        let name = name.trim();
        let slug = Self::slug_for(name)?;
        fs::create_dir_all(&self.dir).map_err(io_err(&self.dir))?;
        let path = self.file_for_slug(&slug);
        let exists = || SessionError::AlreadyExists {
            name: name.to_string(),
            path: path.clone(),
        };
        if path.exists() {
            return Err(exists());
        }
        let lock = self.lock(name, &slug)?;
        // Checked again under the lock: another process may have created it meanwhile.
        if path.exists() {
            return Err(exists());
        }
        let mut open = OpenSession {
            session: Session::new(name, kind),
            path,
            lock: Some(lock),
        };
        open.write(|_| Ok(()))?;
        Ok(open)
    }

    fn lock(&self, name: &str, slug: &str) -> Result<LockGuard, SessionError> {
        let lock_path = self.lock_for_slug(slug);
        LockGuard::acquire(&lock_path).map_err(|e| match e {
            LockError::Held(owner) => SessionError::InUse {
                name: name.to_string(),
                pid: owner.pid,
                lock: lock_path.clone(),
            },
            LockError::Io(source) => SessionError::Io {
                path: lock_path.clone(),
                source,
            },
        })
    }

    /// Finds the slug of an existing session: by the slug of `name`, else by a saved session
    /// whose display name has the same slug (the name may have been edited since).
    fn resolve(&self, name: &str) -> Result<String, SessionError> {
        let slug = Self::slug_for(name)?;
        if self.file_for_slug(&slug).is_file() {
            return Ok(slug);
        }
        let summaries = self.list().unwrap_or_default();
        if let Some(s) = summaries
            .iter()
            .find(|s| s.problem.is_none() && slugify(&s.name).as_deref() == Some(&slug))
        {
            return Ok(s.slug.clone());
        }
        let needle = slug.replace('-', "");
        let suggestions = summaries
            .iter()
            .filter(|s| {
                let other = s.slug.replace('-', "");
                !needle.is_empty() && (other.contains(&needle) || needle.contains(&other))
            })
            .map(|s| s.name.clone())
            .take(3)
            .collect();
        Err(SessionError::NotFound {
            name: name.to_string(),
            dir: self.dir.clone(),
            suggestions,
        })
    }

    /// The file of an existing session (found by name, slug or edited display name), without
    /// reading it.
    pub fn locate(&self, name: &str) -> Result<PathBuf, SessionError> {
        Ok(self.file_for_slug(&self.resolve(name)?))
    }

    /// The pid of the live process holding a session's lock, if any.
    pub fn in_use_by(&self, name: &str) -> Result<Option<u32>, SessionError> {
        let slug = self.resolve(name)?;
        Ok(lock::live_owner(&self.lock_for_slug(&slug)).map(|o| o.pid))
    }

    /// Opens a session for changes, taking its lock. A damaged file is moved aside and
    /// reported; a file from a newer build is left untouched.
    pub fn open(&self, name: &str) -> Result<OpenSession, SessionError> {
        let slug = self.resolve(name)?;
        let lock = self.lock(name, &slug)?;
        self.remove_stale_temp_files();
        let path = self.file_for_slug(&slug);
        let session = self.load(name, &path, true)?;
        Ok(OpenSession {
            session,
            path,
            lock: Some(lock),
        })
    }

    /// Opens a session without its lock, for reading while another process has it open.
    /// Nothing is written: saves fail with [`SessionError::ReadOnly`], a damaged file stays.
    pub fn open_read_only(&self, name: &str) -> Result<OpenSession, SessionError> {
        let slug = self.resolve(name)?;
        let path = self.file_for_slug(&slug);
        let session = self.load(name, &path, false)?;
        Ok(OpenSession {
            session,
            path,
            lock: None,
        })
    }

    fn load(&self, name: &str, path: &Path, move_corrupt: bool) -> Result<Session, SessionError> {
        let bytes = match read_session_file(path) {
            Ok(b) => b,
            Err(ReadError::NotFound) => {
                return Err(SessionError::NotFound {
                    name: name.to_string(),
                    dir: self.dir.clone(),
                    suggestions: vec![],
                })
            }
            Err(ReadError::Io(e)) => return Err(io_err(path)(e)),
            Err(e) => return Err(io_err(path)(io::Error::other(e.to_string()))),
        };
        let parsed = match String::from_utf8(bytes) {
            Ok(text) => Session::from_json(&text),
            Err(e) => Err(ParseProblem::Invalid {
                line: 0,
                column: 0,
                message: format!(
                    "not UTF-8 text (invalid byte at offset {})",
                    e.utf8_error().valid_up_to()
                ),
            }),
        };
        match parsed {
            Ok(s) => Ok(s),
            Err(ParseProblem::TooNew { version }) => Err(SessionError::TooNew {
                path: path.to_path_buf(),
                version,
                supported: super::model::SESSION_VERSION,
            }),
            Err(problem @ ParseProblem::Invalid { line, column, .. }) => {
                let moved_to = if move_corrupt {
                    Some(move_aside(path).map_err(io_err(path))?)
                } else {
                    None
                };
                Err(SessionError::Corrupt {
                    path: path.to_path_buf(),
                    line,
                    column,
                    problem: problem.to_string(),
                    moved_to,
                })
            }
        }
    }

    /// Every session file, most recently updated first. Files that cannot be loaded are
    /// listed with a `problem` rather than hidden. An absent directory gives an empty list.
    pub fn list(&self) -> Result<Vec<SessionSummary>, SessionError> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(vec![]),
            Err(e) => return Err(io_err(&self.dir)(e)),
        };
        let mut out = Vec::new();
        for entry in entries {
            let entry = entry.map_err(io_err(&self.dir))?;
            let path = entry.path();
            let Some(file_name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            let Some(slug) = file_name.strip_suffix(".json") else {
                continue;
            };
            if slug.starts_with('.') || !path.is_file() {
                continue;
            }
            out.push(self.summarize(slug, &path));
        }
        out.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.slug.cmp(&b.slug)));
        Ok(out)
    }

    fn summarize(&self, slug: &str, path: &Path) -> SessionSummary {
        let in_use_by = lock::live_owner(&self.lock_for_slug(slug)).map(|o| o.pid);
        let mtime = fs::metadata(path)
            .and_then(|m| m.modified())
            .map(DateTime::<Utc>::from)
            .unwrap_or_default();
        let problem_summary = |problem: String| SessionSummary {
            name: slug.to_string(),
            slug: slug.to_string(),
            path: path.to_path_buf(),
            kind: None,
            current_step: None,
            current_status: None,
            updated: mtime,
            in_use_by,
            problem: Some(problem),
        };
        let text = match read_session_file(path) {
            Ok(b) => b,
            Err(e) => return problem_summary(format!("cannot read: {e}")),
        };
        let text = match String::from_utf8(text) {
            Ok(t) => t,
            Err(_) => return problem_summary("not UTF-8 text".into()),
        };
        match Session::from_json(&text) {
            Ok(s) => SessionSummary {
                name: s.name.clone(),
                slug: slug.to_string(),
                path: path.to_path_buf(),
                kind: Some(s.kind),
                current_step: Some(s.current_step),
                current_status: Some(s.status(s.current_step)),
                updated: s.updated,
                in_use_by,
                problem: None,
            },
            Err(p) => problem_summary(p.to_string()),
        }
    }

    /// The most recently updated healthy session.
    pub fn most_recent(&self) -> Result<Option<SessionSummary>, SessionError> {
        Ok(self.list()?.into_iter().find(|s| s.problem.is_none()))
    }

    /// Damaged session files that were moved aside (`*.json.corrupt-*`), oldest name first.
    pub fn moved_aside(&self) -> Vec<PathBuf> {
        let mut out: Vec<PathBuf> = fs::read_dir(&self.dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.contains(".json.corrupt-"))
            })
            .collect();
        out.sort();
        out
    }

    /// Removes temporary files of saves that were interrupted (process killed between write
    /// and rename), when older than [`STALE_TEMP_AGE`]: a save in progress takes milliseconds.
    /// Returns how many were removed. Best effort: errors are ignored.
    pub fn remove_stale_temp_files(&self) -> usize {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return 0;
        };
        let now = std::time::SystemTime::now();
        let mut removed = 0;
        for entry in entries.flatten() {
            let is_temp = entry
                .file_name()
                .to_str()
                .is_some_and(|n| n.starts_with(TEMP_PREFIX));
            let old = entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| now.duration_since(t).ok())
                .is_some_and(|age| age >= STALE_TEMP_AGE);
            if is_temp && old && fs::remove_file(entry.path()).is_ok() {
                removed += 1;
            }
        }
        removed
    }

    /// Deletes a session file (refused while another process has it open). Returns its path.
    pub fn remove(&self, name: &str) -> Result<PathBuf, SessionError> {
        let slug = self.resolve(name)?;
        let _lock = self.lock(name, &slug)?;
        let path = self.file_for_slug(&slug);
        fs::remove_file(&path).map_err(io_err(&path))?;
        Ok(path)
    }
}

/// A loaded session. Opened normally it holds the session's lock (released on drop) and
/// every [`OpenSession::update`] is saved at once; opened read-only it refuses to save.
#[derive(Debug)]
pub struct OpenSession {
    session: Session,
    path: PathBuf,
    lock: Option<LockGuard>,
}

impl OpenSession {
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The session file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn is_read_only(&self) -> bool {
        self.lock.is_none()
    }

    /// Changes the session and saves it at once. Read-only: nothing changes, `ReadOnly`.
    /// When the save fails the change stays in memory and the error says why.
    pub fn update<R>(&mut self, change: impl FnOnce(&mut Session) -> R) -> Result<R, SessionError> {
        self.check_writable()?;
        let r = change(&mut self.session);
        self.save()?;
        Ok(r)
    }

    /// Direct access for several changes; call [`OpenSession::save`] afterwards.
    pub fn session_mut(&mut self) -> &mut Session {
        &mut self.session
    }

    /// Saves the session atomically (temp file, fsync, rename), stamping `updated`.
    pub fn save(&mut self) -> Result<(), SessionError> {
        self.save_with(|_| Ok(()))
    }

    /// [`OpenSession::save`] with a hook run between writing the temporary file and the
    /// rename; tests use it to simulate a crash at the worst moment.
    pub fn save_with(
        &mut self,
        before_rename: impl FnOnce(&Path) -> io::Result<()>,
    ) -> Result<(), SessionError> {
        self.check_writable()?;
        self.session.updated = Utc::now();
        self.write(before_rename)
    }

    fn write(
        &mut self,
        before_rename: impl FnOnce(&Path) -> io::Result<()>,
    ) -> Result<(), SessionError> {
        let text = self.session.to_json();
        atomic_write_with(&self.path, text.as_bytes(), before_rename).map_err(io_err(&self.path))
    }

    fn check_writable(&self) -> Result<(), SessionError> {
        if self.is_read_only() {
            return Err(SessionError::ReadOnly {
                name: self.session.name.clone(),
            });
        }
        Ok(())
    }

    /// The session, releasing the lock.
    pub fn into_session(self) -> Session {
        self.session
    }
}

impl Deref for OpenSession {
    type Target = Session;
    fn deref(&self) -> &Session {
        &self.session
    }
}
