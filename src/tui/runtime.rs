//! Carries out the effects `update` returns: saving the session, writing and reading files,
//! checking paths, opening links, copying to the clipboard, starting jobs. Works without a
//! terminal, so tests drive the whole wizard through it with key events.

use super::action::{
    Action, Done, Effect, Existing, FilePreview, Job, NewFile, Outcome, SessionOpenError, Ticket,
};
use super::app::App;
use super::update::{on_event, on_key, update};
use crate::session::{ConnectorKind, SessionError, SessionStore};
use crate::util::fs::atomic_write_shared;
use crossterm::event::{Event, KeyEvent};
use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;

/// What reaches the main loop: terminal input, signals, finished jobs.
#[derive(Debug)]
pub enum Msg {
    Term(super::terminal::Incoming),
    Job(Done),
}

/// The app, the session store and the way jobs run.
pub struct Runtime {
    pub app: App,
    pub store: SessionStore,
    /// Jobs run on threads reporting to this channel; `None` runs them at once (tests).
    jobs: Option<Sender<Msg>>,
    /// Open links in the browser (off in tests: they are recorded in `opened`).
    pub open_links: bool,
    pub opened: Vec<String>,
    /// Texts to copy to the clipboard; the event loop writes them to the terminal.
    pub copied: Vec<String>,
    /// Jobs in the order they were started (tests look at their tickets).
    pub started: Vec<Job>,
}

impl Runtime {
    pub fn new(
        mut app: App,
        store: SessionStore,
        jobs: Option<Sender<Msg>>,
        open_links: bool,
    ) -> Runtime {
        app.shared.sessions_dir = store.dir().to_path_buf();
        Runtime {
            app,
            store,
            jobs,
            open_links,
            opened: Vec::new(),
            copied: Vec::new(),
            started: Vec::new(),
        }
    }

    /// A key press.
    pub fn key(&mut self, key: KeyEvent) {
        let fx = on_key(&mut self.app, key);
        self.perform_all(fx);
    }

    /// A terminal event.
    pub fn event(&mut self, ev: Event) {
        let fx = on_event(&mut self.app, ev);
        self.perform_all(fx);
    }

    /// Any action.
    pub fn dispatch(&mut self, action: Action) {
        let fx = update(&mut self.app, action);
        self.perform_all(fx);
    }

    /// Carries out effects, and the effects of their results, in order.
    pub fn perform_all(&mut self, fx: Vec<Effect>) {
        let mut queue: VecDeque<Effect> = fx.into();
        while let Some(e) = queue.pop_front() {
            if let Some(done) = self.perform(e) {
                queue.extend(update(&mut self.app, Action::Done(done)));
            }
        }
    }

    fn perform(&mut self, effect: Effect) -> Option<Done> {
        // What an effect reports answers the state it was asked in: never stale.
        let now = |outcome| {
            Some(Done {
                ticket: Ticket::default(),
                outcome,
            })
        };
        let sh = &mut self.app.shared;
        match effect {
            Effect::SaveSession => {
                if let Some(open) = sh.session.as_mut() {
                    if !open.is_read_only() {
                        if let Err(e) = open.save() {
                            sh.warn(format!("The session was not saved: {e}"));
                        }
                    }
                }
                None
            }
            Effect::ListSessions => {
                // Leaving a session: let its lock go.
                sh.session = None;
                now(Outcome::Sessions(
                    self.store.list().map_err(|e| e.to_string()),
                ))
            }
            Effect::CreateSession { name } => {
                let r = self
                    .store
                    .create_and_open(&name, ConnectorKind::IndependentPublisher);
                now(Outcome::SessionOpened {
                    result: r.map(Box::new).map_err(open_error),
                    created: true,
                })
            }
            Effect::OpenSession { name, read_only } => {
                sh.session = None;
                let r = if read_only {
                    self.store.open_read_only(&name)
                } else {
                    self.store.open(&name)
                };
                now(Outcome::SessionOpened {
                    result: r.map(Box::new).map_err(open_error),
                    created: false,
                })
            }
            Effect::DeleteSession { name } => now(Outcome::SessionDeleted(
                self.store
                    .remove(&name)
                    .map(|_| name)
                    .map_err(|e| e.to_string()),
            )),
            Effect::Open(url) => {
                self.opened.push(url.clone());
                if self.open_links {
                    if let Err(e) = open::that_detached(&url) {
                        return now(Outcome::OpenFailed {
                            url,
                            error: e.to_string(),
                        });
                    }
                }
                None
            }
            Effect::Copy(text) => {
                self.copied.push(text);
                None
            }
            Effect::WriteFile { path, bytes, label } => {
                let r = path
                    .parent()
                    .map(std::fs::create_dir_all)
                    .transpose()
                    .and_then(|_| atomic_write_shared(&path, &bytes))
                    .map(|()| format!("Wrote {label} ({}).", path.display()))
                    .map_err(|e| format!("{}: not written: {e}", path.display()));
                let fingerprint = crate::generate::fingerprint(&String::from_utf8_lossy(&bytes));
                now(Outcome::Wrote {
                    path,
                    result: r,
                    fingerprint,
                })
            }
            Effect::PreviewFile { dir, name, text } => {
                let path = existing_name(&dir, name);
                let existing = std::fs::read(&path).ok();
                now(Outcome::FilePreview(Box::new(FilePreview {
                    path,
                    what: name,
                    text,
                    existing,
                })))
            }
            Effect::CheckPath {
                purpose,
                text,
                save,
            } => {
                let path = super::steps::common::expand_home(text.trim());
                let problem = path_problem(purpose, &path, text.trim().is_empty());
                now(Outcome::PathChecked {
                    purpose,
                    path,
                    problem,
                    save,
                })
            }
            Effect::CreateConnector { dir, files, note } => {
                let result = create_connector(&dir, &files, note);
                let dir = std::fs::canonicalize(&dir).unwrap_or(dir);
                now(Outcome::Created { dir, result })
            }
            Effect::ReadSample { path } => now(Outcome::SampleRead(read_sample(&path))),
            Effect::MoveFolder { from, to } => now(Outcome::FolderMoved(move_folder(&from, &to))),
            Effect::Job(job) => self.job(job),
            Effect::Quit => {
                self.app.quit = true;
                None
            }
        }
    }

    fn job(&mut self, job: Job) -> Option<Done> {
        self.started.push(job.clone());
        match &self.jobs {
            Some(tx) => {
                self.app.shared.jobs.running += 1;
                super::jobs::spawn(job, tx.clone(), Msg::Job);
                None
            }
            None => Some(super::jobs::run(job)),
        }
    }
}

fn open_error(e: SessionError) -> SessionOpenError {
    match e {
        SessionError::InUse { name, pid, .. } => SessionOpenError::InUse { name, pid },
        other => SessionOpenError::Other(other.to_string()),
    }
}

/// The file of that name in `dir`, keeping the case it already has (README.md, Readme.md).
fn existing_name(dir: &Path, name: &str) -> PathBuf {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.eq_ignore_ascii_case(name))
        .map(|n| dir.join(n))
        .unwrap_or_else(|| dir.join(name))
}

/// What is wrong with a folder (or, to import, a file) typed for `purpose`.
fn path_problem(purpose: super::action::PathPurpose, p: &Path, empty: bool) -> Option<String> {
    if purpose == super::action::PathPurpose::ImportSource {
        return if empty {
            Some("type the path of an OpenAPI or Swagger file".into())
        } else if p.is_file() {
            None
        } else if p.is_dir() {
            Some(format!("{} is a folder; give the file", p.display()))
        } else {
            Some(format!("{} does not exist", p.display()))
        };
    }
    if empty {
        return Some("type the path of a folder".into());
    }
    if p.is_dir() {
        return None;
    }
    if p.exists() {
        return Some(format!("{} is a file, not a folder", p.display()));
    }
    match purpose {
        // intro.md may start a new folder, next to existing ones.
        super::action::PathPurpose::IntroFolder
            if p.parent()
                .is_some_and(|d| d.as_os_str().is_empty() || d.is_dir()) =>
        {
            None
        }
        _ => Some(format!("{} does not exist", p.display())),
    }
}

/// Writes a new connector's files into `dir` (created when missing), all or none. A file the
/// folder holds already is replaced only when the author said so, kept when it may be kept,
/// else nothing is written.
fn create_connector(dir: &Path, files: &[NewFile], note: String) -> Result<String, String> {
    if dir.exists() && !dir.is_dir() {
        return Err(format!(
            "{} is a file; give the folder that will hold apiDefinition.swagger.json (nothing was written)",
            dir.display()
        ));
    }
    let mut writes = Vec::new();
    let mut kept = Vec::new();
    for f in files {
        let path = existing_name(dir, f.name);
        if path.exists() {
            match f.existing {
                Existing::Replace => {}
                Existing::Keep => {
                    kept.push(path.display().to_string());
                    continue;
                }
                Existing::Refuse => {
                    return Err(format!(
                        "{} exists already and is not replaced: nothing was written; open the folder (O) to edit it, or choose another folder",
                        path.display()
                    ))
                }
            }
        }
        writes.push((path, f.bytes.clone()));
    }
    crate::util::fs::write_all_shared(&writes)
        .map_err(|e| format!("not written: {e} (nothing was changed)"))?;
    let mut msg = note;
    for k in kept {
        msg.push_str(&format!(
            " Kept the existing {k}: check that its connectionParameters match the swagger."
        ));
    }
    Ok(msg)
}

/// A sample response from a file (at most 16 MB, UTF-8).
fn read_sample(path: &Path) -> Result<String, String> {
    const MAX: u64 = 16 * 1024 * 1024;
    let meta = std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if !meta.is_file() {
        return Err(format!("{} is not a file", path.display()));
    }
    if meta.len() > MAX {
        return Err(format!(
            "{}: {} bytes; a sample response of at most 16 MB is enough",
            path.display(),
            meta.len()
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{}: not UTF-8 text (byte {}); save the sample as UTF-8",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

/// Renames the working copy folder; refuses to replace anything.
fn move_folder(from: &Path, to: &Path) -> Result<PathBuf, String> {
    if to.exists() {
        return Err(format!(
            "{} already exists; move {} yourself",
            to.display(),
            from.display()
        ));
    }
    std::fs::rename(from, to)
        .map(|()| to.to_path_buf())
        .map_err(|e| format!("{} → {}: {e}", from.display(), to.display()))
}
