//! What every step reads and changes: the open session, the connector folder as last read
//! and checked, the text being edited, the popup, the messages, the clock and the jobs in
//! flight. The steps take it by reference, so they never need the whole [`App`](super::app).

use super::action::{Effect, ExportStatus, Job, Latest, Pending, Ticket, Work};
use super::editor::Editor;
use super::list::Scroll;
use crate::document::Connector;
use crate::generate::Stale;
use crate::rules::{Finding, Severity, Summary};
use crate::session::{progress, OpenSession, Session, Step};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// How many messages the log keeps.
const LOG_LEN: usize = 200;

/// One message of the status line and the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
    /// When it was said (local time of day, for the log).
    pub at: String,
}

/// The status line (the latest message) and the log of every message of this run.
#[derive(Debug, Default)]
pub struct Messages {
    pub current: Option<Message>,
    pub log: Vec<Message>,
}

/// The connector folder as last read and checked.
#[derive(Debug, Default)]
pub struct Workspace {
    pub connector: Option<Connector>,
    pub findings: Vec<Finding>,
    /// Breaking changes against the committed version (folders inside a git checkout).
    pub breaking: Vec<Finding>,
    /// Counts of the findings and the breaking changes together.
    pub summary: Summary,
    pub loading: bool,
    pub error: Option<String>,
    /// Counts the folder reads (what is computed from the folder follows it).
    pub generation: u64,
    /// Generated files that are out of date with the swagger or the session.
    pub stale: Vec<Stale>,
    /// (session revision, generation) the stale files were computed for.
    pub stale_key: (u64, u64),
}

impl Workspace {
    /// Findings plus breaking changes.
    pub fn all_findings(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().chain(self.breaking.iter())
    }

    pub fn finding(&self, i: usize) -> Option<&Finding> {
        match self.findings.get(i) {
            Some(f) => Some(f),
            None => self.breaking.get(i - self.findings.len()),
        }
    }

    pub fn findings_len(&self) -> usize {
        self.findings.len() + self.breaking.len()
    }

    /// How many findings carry a safe fix.
    pub fn fixable(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.safe_fix().is_some())
            .count()
    }

    /// Errors of the check (breaking changes included), when the folder was checked.
    pub fn errors(&self) -> Option<usize> {
        self.connector.as_ref().map(|_| self.summary.errors)
    }

    pub fn recount(&mut self) {
        let all: Vec<Finding> = self.all_findings().cloned().collect();
        self.summary = Summary::of(&all);
    }
}

/// The catalog of existing connectors (step 1, and the pull requests of step 4).
#[derive(Debug, Default)]
pub struct CatalogState {
    pub catalog: Option<Arc<crate::catalog::Catalog>>,
    pub loading: bool,
    pub error: Option<String>,
    /// Problems with the user's catalog cache (the embedded list is used instead).
    pub warnings: Vec<String>,
}

/// What is exported, derived from the files (the checkout against the working copy).
#[derive(Debug, Default)]
pub struct ExportState {
    /// The last comparison of the checkout with the working copy; `None` until one ran.
    pub status: Option<ExportStatus>,
    /// The working copy was changed during this run (used when no checkout is known).
    pub edited_this_run: bool,
}

/// Issues tickets and recognises stale results.
#[derive(Debug, Default)]
pub struct Jobs {
    /// Changes whenever a session is opened or closed.
    pub epoch: u64,
    seq: u64,
    latest: HashMap<Latest, u64>,
    /// Background jobs still running.
    pub running: usize,
    /// Results dropped as stale (for the log and the tests).
    pub dropped: usize,
}

impl Jobs {
    /// A ticket for a request from `session`.
    pub fn ticket(&mut self, session: Option<&str>, latest: Option<Latest>) -> Ticket {
        self.seq += 1;
        if let Some(kind) = latest {
            self.latest.insert(kind, self.seq);
        }
        Ticket {
            session: session.map(str::to_string),
            epoch: self.epoch,
            seq: self.seq,
        }
    }

    /// Opening or closing a session: every result still in flight is stale.
    pub fn new_epoch(&mut self) {
        self.epoch += 1;
        self.latest.clear();
    }

    /// Whether a result still answers what the wizard shows: the same session, the same
    /// epoch, and (for kinds where only the latest request counts) the latest request.
    pub fn is_current(
        &self,
        ticket: &Ticket,
        session: Option<&str>,
        latest: Option<Latest>,
    ) -> bool {
        if ticket.session.is_some()
            && (ticket.epoch != self.epoch || ticket.session.as_deref() != session)
        {
            return false;
        }
        match latest {
            Some(kind) => self.latest.get(&kind).is_none_or(|s| *s == ticket.seq),
            None => true,
        }
    }
}

/// A window over the screen.
#[derive(Debug)]
pub enum Popup {
    Help {
        scroll: Scroll,
    },
    /// Every message of this run.
    Log {
        scroll: Scroll,
    },
    Confirm {
        title: String,
        body: Vec<String>,
        on_yes: Pending,
    },
    /// A file about to be written, a plan about to be applied, or (with no `on_yes`) a text
    /// to read.
    Preview {
        title: String,
        text: String,
        scroll: Scroll,
        on_yes: Option<Pending>,
        yes_label: String,
        /// A third answer (`k`): its label and what it does.
        alt: Option<(String, Pending)>,
    },
}

/// The state every step shares.
pub struct Shared {
    pub session: Option<OpenSession>,
    pub workspace: Workspace,
    pub catalog: CatalogState,
    pub export: ExportState,
    pub editor: Option<Editor>,
    pub popup: Option<Popup>,
    pub messages: Messages,
    pub jobs: Jobs,
    /// The clock, set by the runner before each update (fixed in tests).
    pub now: DateTime<Utc>,
    pub today: NaiveDate,
    /// Where the sessions are kept (shown on the home screen).
    pub sessions_dir: PathBuf,
    /// Where the user's catalog caches are.
    pub catalog_dir: PathBuf,
    /// The UI position changed since the last save (saved with the next change or on quit).
    pub ui_dirty: bool,
    /// The last link opened (or that failed to open), for copying.
    pub last_link: Option<String>,
    /// When the draft of the open editor was last saved.
    pub draft_saved: Option<DateTime<Utc>>,
    /// The draft changed since it was last saved (the runner wakes up to save it).
    pub draft_dirty: bool,
    /// A draft found when the session was opened, waiting for its field to be shown.
    pub pending_draft: Option<crate::session::Draft>,
    /// Counts the changes of the session (what is computed from it follows it).
    pub revision: u64,
    /// The folder the wizard was started in, read once at start: where a new connector's
    /// folder goes by default.
    pub work_dir: PathBuf,
}

impl Shared {
    pub fn new(now: DateTime<Utc>, today: NaiveDate) -> Shared {
        Shared {
            session: None,
            workspace: Workspace::default(),
            catalog: CatalogState::default(),
            export: ExportState::default(),
            editor: None,
            popup: None,
            messages: Messages::default(),
            jobs: Jobs::default(),
            now,
            today,
            sessions_dir: crate::util::paths::sessions_dir(),
            catalog_dir: crate::util::paths::catalog_dir(),
            ui_dirty: false,
            last_link: None,
            draft_saved: None,
            draft_dirty: false,
            pending_draft: None,
            revision: 0,
            work_dir: std::env::current_dir().unwrap_or_default(),
        }
    }

    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref().map(|o| o.session())
    }

    pub fn session_name(&self) -> Option<&str> {
        self.session().map(|s| s.name.as_str())
    }

    pub fn is_read_only(&self) -> bool {
        self.session.as_ref().is_some_and(|s| s.is_read_only())
    }

    fn push(&mut self, text: String, error: bool) {
        let at = self
            .now
            .with_timezone(&chrono::Local)
            .format("%H:%M:%S")
            .to_string();
        let m = Message { text, error, at };
        self.messages.log.push(m.clone());
        if self.messages.log.len() > LOG_LEN {
            self.messages.log.remove(0);
        }
        self.messages.current = Some(m);
    }

    /// Sets the status line (and logs it).
    pub fn say(&mut self, text: impl Into<String>) {
        self.push(text.into(), false);
    }

    /// Sets the status line to a problem (and logs it).
    pub fn warn(&mut self, text: impl Into<String>) {
        self.push(text.into(), true);
    }

    /// Clears the status line (the log keeps the message).
    pub fn quiet(&mut self) {
        self.messages.current = None;
    }

    /// Refuses a change in a read-only session, saying so.
    pub fn refuse_read_only(&mut self) -> bool {
        if self.is_read_only() {
            self.warn("This session is open read-only: nothing can be changed here.");
            return true;
        }
        false
    }

    /// A job for the open session.
    pub fn job(&mut self, work: Work) -> Effect {
        let session = self.session_name().map(str::to_string);
        let ticket = self.jobs.ticket(session.as_deref(), work.latest());
        Effect::Job(Job { ticket, work })
    }

    /// A job that serves whatever session is open (the catalog): never stale.
    pub fn global_job(&mut self, work: Work) -> Effect {
        let ticket = self.jobs.ticket(None, work.latest());
        Effect::Job(Job { ticket, work })
    }

    /// Changes the session, refreshes the statuses and saves it. Refused (with a message)
    /// when the session is read-only; returns whether the change was made.
    pub fn change(&mut self, fx: &mut Vec<Effect>, f: impl FnOnce(&mut Session)) -> bool {
        if self.refuse_read_only() {
            return false;
        }
        let Some(open) = self.session.as_mut() else {
            return false;
        };
        f(open.session_mut());
        self.revision += 1;
        self.refresh_statuses();
        self.ui_dirty = false;
        fx.push(Effect::SaveSession);
        true
    }

    /// Recomputes the step statuses from the session and the files; whether they changed.
    pub fn refresh_statuses(&mut self) -> bool {
        let facts = progress::FileFacts {
            build_errors: self.workspace.errors(),
            exported: self
                .export
                .status
                .as_ref()
                .is_some_and(|s| s.pending.is_empty()),
        };
        let today = self.today;
        match self.session.as_mut() {
            Some(open) if !open.is_read_only() => {
                progress::refresh(open.session_mut(), facts, today)
            }
            _ => false,
        }
    }

    /// The checkout the session exports into.
    pub fn checkout(&self) -> Option<PathBuf> {
        self.session().and_then(|s| s.checkout.dir.clone())
    }

    /// What is not exported yet, worded for the quit question and the farewell.
    pub fn unexported(&self) -> Vec<String> {
        let mut v = Vec::new();
        match &self.export.status {
            Some(st) if !st.pending.is_empty() => v.push(format!(
                "the checkout's {} lacks the working copy's {} (4 Submit, x exports)",
                st.target,
                list_names(&st.pending)
            )),
            Some(_) => {}
            None if self.export.edited_this_run => v.push(
                "the connector's edits are saved in the working copy but not exported into a repository checkout (4 Submit, x)".to_string(),
            ),
            None => {}
        }
        if self.workspace.stale.iter().any(|s| s.name == "intro.md") {
            v.push(
                "intro.md is out of date with the proposal fields (2 Propose, x regenerates it)"
                    .to_string(),
            );
        }
        v
    }

    /// The step that blocks the journey, for the banner of the later steps.
    pub fn blocked(&self, step: Step) -> Option<String> {
        let s = self.session()?;
        let (by, why) = progress::blocked_by(s)?;
        (step > by).then(|| {
            format!(
                "Blocked at {}: {why}. Go back to {} (press {}) to choose another way.",
                by.label(),
                by.label(),
                by.index()
            )
        })
    }

    /// The severity counts of the check, for headers.
    pub fn counts(&self) -> Option<(usize, usize, usize)> {
        self.workspace.connector.as_ref()?;
        let s = self.workspace.summary;
        Some((s.errors, s.warnings, s.infos))
    }
}

fn list_names(names: &[String]) -> String {
    if names.len() <= 3 {
        names.join(", ")
    } else {
        format!("{} and {} more", names[..3].join(", "), names.len() - 3)
    }
}

/// "1 error", "3 warnings".
pub fn count(n: usize, s: Severity) -> String {
    let word = match (s, n) {
        (Severity::Error, 1) => "error",
        (Severity::Error, _) => "errors",
        (Severity::Warning, 1) => "warning",
        (Severity::Warning, _) => "warnings",
        (Severity::Info, 1) => "info",
        (Severity::Info, _) => "infos",
    };
    format!("{n} {word}")
}
