//! What `new`, `import` and `generate schema` share: the session's working copy folder, the
//! facts given as flags, writing several files all-or-nothing, and listing the `[TODO: …]`
//! markers left in what was written.

use super::color::Paint;
use crate::generate::blank::{BlankFacts, Missing};
use crate::session::{OpenSession, Session, SessionStore};
use anyhow::anyhow;
use std::path::{Path, PathBuf};

/// Facts a session does not hold, given on the command line.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FactArgs {
    /// The API's production host name (and port), e.g. api.contoso.com.
    #[arg(long, value_name = "HOST")]
    pub host: Option<String>,
    /// The path every operation starts with, e.g. /v1.
    #[arg(long, value_name = "PATH")]
    pub base_path: Option<String>,
    /// The publisher (your name, or your company's); overrides the session's.
    #[arg(long, value_name = "NAME")]
    pub publisher: Option<String>,
    /// The company that owns the service; overrides the session's.
    #[arg(long, value_name = "NAME")]
    pub stack_owner: Option<String>,
    /// Where people get support (info.contact.url).
    #[arg(long, value_name = "URL")]
    pub contact_url: Option<String>,
}

/// Where to write and whether existing files may be replaced.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FolderArgs {
    /// The working copy folder (created when missing); it becomes the session's when the session has none.
    #[arg(long, value_name = "PATH")]
    pub dir: Option<PathBuf>,
    /// Replace files that already exist.
    #[arg(long)]
    pub force: bool,
}

fn text(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

impl FactArgs {
    /// The session's facts with the flags applied.
    pub fn facts(&self, session: &Session) -> BlankFacts {
        let mut f = BlankFacts::from_session(session);
        if let Some(h) = text(&self.host) {
            f.host = Some(h);
        }
        if let Some(b) = text(&self.base_path) {
            f.base_path = Some(b);
        }
        if let Some(p) = text(&self.publisher) {
            f.publisher = Some(p);
        }
        if let Some(s) = text(&self.stack_owner) {
            f.stack_owner = Some(s);
        }
        if let Some(u) = text(&self.contact_url) {
            f.contact_url = Some(u);
        }
        f
    }
}

/// The message for facts that are missing: each with what it is and its flag.
pub fn missing_message(session: &str, missing: &[Missing]) -> String {
    let mut m = format!(
        "session `{session}` lacks {} the connector needs; nothing was written:",
        if missing.len() == 1 {
            "a fact"
        } else {
            "facts"
        }
    );
    for x in missing {
        m.push_str(&format!("\n  {:<22} {}", x.flag(), x.label()));
    }
    m
}

/// The session, open for changes when `change` (its lock held), else read-only.
pub fn open_session(name: &str, change: bool) -> anyhow::Result<OpenSession> {
    let store = SessionStore::default_location();
    Ok(if change {
        store.open(name)?
    } else {
        store.open_read_only(name)?
    })
}

/// The session, open for changes (its lock held) only when `change` says so for it.
pub fn open_session_if(
    name: &str,
    change: impl FnOnce(&Session) -> bool,
) -> anyhow::Result<OpenSession> {
    let ro = open_session(name, false)?;
    if change(ro.session()) {
        open_session(name, true)
    } else {
        Ok(ro)
    }
}

/// Whether `--dir` becomes the session's working copy: only when it has none yet.
pub fn records_dir(session: &Session, dir: Option<&Path>) -> bool {
    dir.is_some() && session.connector_dir.is_none()
}

/// The working copy: `--dir`, else the session's folder. `Err` names how to give one.
pub fn working_dir(session: &Session, dir: Option<&Path>) -> anyhow::Result<PathBuf> {
    let dir = dir
        .map(Path::to_path_buf)
        .or_else(|| session.connector_dir.clone())
        .ok_or_else(|| {
            anyhow!(
                "session `{}` has no connector folder yet; give one with --dir PATH (it is created when missing and kept in the session)",
                session.name
            )
        })?;
    if dir.exists() && !dir.is_dir() {
        return Err(anyhow!(
            "{} is a file; --dir takes the folder that holds (or will hold) apiDefinition.swagger.json",
            dir.display()
        ));
    }
    Ok(dir)
}

/// The existing file of `dir` named `name` in any case, else `dir/name`.
pub fn file_in(dir: &Path, name: &str) -> PathBuf {
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            if e.file_name().to_string_lossy().eq_ignore_ascii_case(name) {
                return e.path();
            }
        }
    }
    dir.join(name)
}

/// Writes every file or none (see [`crate::util::fs::write_all_shared`]).
pub fn write_all(files: &[(PathBuf, String)]) -> anyhow::Result<()> {
    let files: Vec<(PathBuf, Vec<u8>)> = files
        .iter()
        .map(|(p, t)| (p.clone(), t.clone().into_bytes()))
        .collect();
    crate::util::fs::write_all_shared(&files).map_err(|e| anyhow!("cannot write {e}"))
}

/// Refuses (with the list) when some of `paths` exist and `force` is not given.
pub fn refuse_existing(paths: &[&Path], force: bool, paint: Paint) -> Option<u8> {
    let existing: Vec<&&Path> = paths.iter().filter(|p| p.exists()).collect();
    if existing.is_empty() || force {
        return None;
    }
    eprintln!(
        "{}: {} already exist{}; add --force to replace {} (nothing was written):",
        paint.red("error"),
        if existing.len() == 1 {
            "a file"
        } else {
            "files"
        },
        if existing.len() == 1 { "s" } else { "" },
        if existing.len() == 1 { "it" } else { "them" },
    );
    for p in existing {
        eprintln!("  {}", p.display());
    }
    Some(super::EXIT_FINDINGS)
}

/// Text from a file, safe for a terminal: control characters become spaces.
pub fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Like [`clean`], keeping line breaks.
pub fn clean_lines(s: &str) -> String {
    s.split('\n').map(clean).collect::<Vec<_>>().join("\n")
}

/// Prints the `[TODO: …]` markers of written JSON files with line and pointer.
pub fn print_markers(files: &[(PathBuf, String)], paint: Paint) {
    let mut lines = Vec::new();
    for (path, text) in files {
        for m in crate::generate::blank::json_markers(text) {
            lines.push(format!(
                "  {}:{}  {}  {}",
                path.display(),
                m.line,
                clean(&m.pointer),
                clean(&m.what)
            ));
        }
    }
    if lines.is_empty() {
        return;
    }
    eprintln!(
        "{}: {} marked [TODO: …] need{} your words (`connector-wizard check` reports each one):",
        paint.yellow("note"),
        if lines.len() == 1 {
            "1 place".to_string()
        } else {
            format!("{} places", lines.len())
        },
        if lines.len() == 1 { "s" } else { "" }
    );
    for l in lines {
        eprintln!("{l}");
    }
}
