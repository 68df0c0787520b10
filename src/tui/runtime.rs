//! Carries out the effects `update` returns: saving the session, writing files with the
//! minimal-diff writer, opening links, starting jobs. Works without a terminal, so tests drive
//! the whole wizard through it with key events.

use super::action::{Action, Effect, Job, LoadedConnector, Outcome, SessionOpenError};
use super::app::App;
use super::update::{on_event, on_key, update};
use crate::session::{ConnectorKind, SessionError, SessionStore};
use crate::util::fs::atomic_write;
use crossterm::event::{Event, KeyEvent};
use std::collections::VecDeque;
use std::path::Path;
use std::sync::mpsc::Sender;

/// What reaches the main loop: terminal input, signals, finished jobs.
#[derive(Debug)]
pub enum Msg {
    Term(super::terminal::Incoming),
    Job(Outcome),
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
}

impl Runtime {
    pub fn new(
        mut app: App,
        store: SessionStore,
        jobs: Option<Sender<Msg>>,
        open_links: bool,
    ) -> Runtime {
        app.sessions_dir = store.dir().to_path_buf();
        Runtime {
            app,
            store,
            jobs,
            open_links,
            opened: Vec::new(),
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
            if let Some(outcome) = self.perform(e) {
                queue.extend(update(&mut self.app, Action::Done(outcome)));
            }
        }
    }

    fn perform(&mut self, effect: Effect) -> Option<Outcome> {
        let app = &mut self.app;
        match effect {
            Effect::SaveSession => {
                if let Some(open) = app.session.as_mut() {
                    if !open.is_read_only() {
                        if let Err(e) = open.save() {
                            app.warn(format!("The session was not saved: {e}"));
                        }
                    }
                }
                None
            }
            Effect::ListSessions => {
                // Leaving a session: let its lock go.
                app.session = None;
                Some(Outcome::Sessions(
                    self.store.list().map_err(|e| e.to_string()),
                ))
            }
            Effect::CreateSession { name } => {
                let r = self
                    .store
                    .create_and_open(&name, ConnectorKind::IndependentPublisher);
                Some(Outcome::SessionCreated(r.map(Box::new).map_err(open_error)))
            }
            Effect::OpenSession { name, read_only } => {
                app.session = None;
                let r = if read_only {
                    self.store.open_read_only(&name)
                } else {
                    self.store.open(&name)
                };
                Some(Outcome::SessionOpened(r.map(Box::new).map_err(open_error)))
            }
            Effect::DeleteSession { name } => Some(Outcome::SessionDeleted(
                self.store
                    .remove(&name)
                    .map(|_| name)
                    .map_err(|e| e.to_string()),
            )),
            Effect::Open(url) => {
                if self.open_links {
                    if let Err(e) = open::that_detached(&url) {
                        app.warn(format!(
                            "Could not open a browser ({e}); the address is {url}"
                        ));
                    }
                }
                self.opened.push(url);
                None
            }
            Effect::EditSwagger {
                path,
                edits,
                keep,
                label,
            } => {
                let result = write_swagger(app, &path, &edits).and_then(|()| {
                    app.unexported.swagger = true;
                    reload(app)
                });
                let note = format!(
                    "Saved {label}: only that string changed in {}.",
                    file_name(&path)
                );
                Some(loaded(app, result, Some(keep), note))
            }
            Effect::ApplyFixes => {
                let c = app.build.connector.as_ref()?;
                let opts = crate::rules::CheckOptions::default();
                // The engine plans the safe fixes; they are written here (minimal-diff writer).
                let written = crate::rules::fix::plan(c, &opts, false)
                    .map_err(|e| e.to_string())
                    .and_then(|plan| {
                        crate::document::save::write_all(&plan.files).map_err(|e| e.to_string())?;
                        let connector = c.reload().map_err(|e| e.to_string())?;
                        Ok((connector, plan))
                    });
                match written {
                    Ok((connector, plan)) => {
                        if !plan.files.is_empty() {
                            app.unexported.swagger = true;
                        }
                        let findings = crate::rules::check(&connector, &opts);
                        let names: Vec<String> =
                            plan.files.iter().map(|f| file_name(&f.path)).collect();
                        let note = format!(
                            "Applied {} safe fix(es) to {}.",
                            plan.applied.len(),
                            if names.is_empty() {
                                "no file".to_string()
                            } else {
                                names.join(", ")
                            }
                        );
                        Some(loaded(
                            app,
                            Ok(LoadedConnector {
                                connector,
                                findings,
                            }),
                            None,
                            note,
                        ))
                    }
                    Err(e) => {
                        app.warn(e.to_string());
                        None
                    }
                }
            }
            Effect::WriteFile { path, bytes, label } => {
                let r = path
                    .parent()
                    .map(std::fs::create_dir_all)
                    .transpose()
                    .and_then(|_| atomic_write(&path, &bytes))
                    .map(|()| format!("Wrote {label} ({}).", path.display()))
                    .map_err(|e| format!("{}: not written: {e}", path.display()));
                Some(Outcome::Wrote { path, result: r })
            }
            Effect::Job(job) => self.job(job),
            Effect::Quit => {
                app.quit = true;
                None
            }
        }
    }

    fn job(&mut self, job: Job) -> Option<Outcome> {
        match &self.jobs {
            Some(tx) => {
                self.app.jobs_running += 1;
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

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Applies edits to the swagger as it was read, checks that the result is still JSON and
/// writes it atomically, keeping a BOM when the file had one.
fn write_swagger(app: &App, path: &Path, edits: &[crate::json::TextEdit]) -> Result<(), String> {
    let c = app
        .build
        .connector
        .as_ref()
        .ok_or("no connector folder is open")?;
    let sw = c
        .swagger
        .as_ref()
        .filter(|s| s.path == path)
        .ok_or_else(|| format!("{} is no longer the open swagger; press r", path.display()))?;
    // Written like the fixes: nothing when the file changed on disk since it was read (the
    // spans would be wrong) or when the result would not be JSON.
    let mut file = crate::document::save::FileEdits::new(sw);
    file.passes.push(edits.to_vec());
    file.write().map_err(|e| match e {
        crate::document::save::SaveError::Changed { .. } => format!(
            "{} changed on disk since it was read; press r to read it again (nothing was written)",
            path.display()
        ),
        other => other.to_string(),
    })
}

/// Reads the open folder again and checks it (after a save: the user sees the result at once).
fn reload(app: &App) -> Result<LoadedConnector, String> {
    let c = app
        .build
        .connector
        .as_ref()
        .ok_or("no connector folder is open")?;
    let root = if c.lone_file {
        c.swagger
            .as_ref()
            .map(|s| s.path.clone())
            .unwrap_or_default()
    } else {
        c.root.clone()
    };
    super::jobs::load_connector(&root, Some(c.kind))
}

fn loaded(
    app: &App,
    result: Result<LoadedConnector, String>,
    keep: Option<String>,
    note: String,
) -> Outcome {
    let path = app
        .build
        .connector
        .as_ref()
        .map(|c| c.root.clone())
        .unwrap_or_default();
    Outcome::ConnectorLoaded {
        path,
        result: result.map(Box::new),
        keep,
        note: Some(note),
    }
}
