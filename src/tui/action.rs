//! Everything a key, a click or a finished job can ask for, and the effects `update` hands back
//! to the runner (saving, opening a link, starting a job).

use crate::document::Connector;
use crate::json::TextEdit;
use crate::rules::Finding;
use crossterm::event::KeyEvent;
use std::path::PathBuf;

/// What a key means, looked up in the [`keymap`](super::keymap). `Copy` so that one table can
/// hold them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cmd {
    /// `q`: quit (asks when work is unsaved or not exported).
    Quit,
    /// Ctrl-C: quit at once.
    ForceQuit,
    Help,
    /// Esc: close a popup, leave a pane, go back to the home screen.
    Back,
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    /// Enter: edit the field, open the session, choose the match.
    Activate,
    /// Space: tick or untick, cycle a choice.
    Toggle,
    /// Tab: the next pane (fields/findings, form/preview).
    NextPane,
    /// Go to a step by its number (0 = prerequisites).
    GoStep(u8),
    NextStep,
    PrevStep,
    /// Home: delete the selected session (asks).
    DeleteSession,
    /// Open the link of the selected item, or the step's URL.
    Open,
    /// Verify: none of the matches is this connector.
    NoDuplicate,
    /// Verify: edit the name searched for.
    EditQuery,
    /// Propose: write intro.md into the connector folder.
    ExportIntro,
    /// Propose / Certify / Deploy / Submit: record today for the selected event.
    Today,
    /// Build: pick the connector folder.
    OpenFolder,
    /// Build: apply the safe fixes (asks).
    ApplyFixes,
    /// Build: write apiProperties.json from the generator (preview first).
    WriteApiProperties,
    /// Build: write readme.md from the generator (preview first).
    WriteReadme,
    /// Build: read the folder again and re-check.
    Recheck,
    /// Submit: export into a repository checkout (plan first).
    Export,
    /// Certify: add a feedback round.
    AddRound,
    /// Certify: delete the selected feedback round or date (asks).
    Delete,
    /// Editor: save the text.
    Save,
    /// Editor: put a line break (multi-line fields).
    Newline,
    /// Editor: replace the text with the first fix the rules offer.
    FixField,
    /// Popup: yes.
    Yes,
    /// Popup: no.
    No,
}

/// Which folder a path prompt is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathPurpose {
    /// Build: the connector folder (working copy).
    ConnectorFolder,
    /// Submit: the checkout of microsoft/PowerPlatformConnectors to export into.
    ExportRepo,
    /// Propose: the connector folder intro.md goes into (created when missing).
    IntroFolder,
}

/// Something `update` is asked to handle.
#[derive(Debug)]
pub enum Action {
    Cmd(Cmd),
    /// A key for the text being edited.
    EditKey(KeyEvent),
    /// Pasted text (bracketed paste).
    Paste(String),
    Click {
        column: u16,
        row: u16,
    },
    Scroll {
        column: u16,
        row: u16,
        down: bool,
    },
    Resize(u16, u16),
    /// SIGTERM/SIGHUP: save and leave.
    Terminate,
    /// The result of an effect or a job.
    Done(Outcome),
}

impl From<Cmd> for Action {
    fn from(c: Cmd) -> Self {
        Action::Cmd(c)
    }
}

/// The result of an effect the runner carried out, or of a background job.
#[derive(Debug)]
pub enum Outcome {
    Sessions(Result<Vec<crate::session::SessionSummary>, String>),
    SessionOpened(Result<Box<crate::session::OpenSession>, SessionOpenError>),
    SessionCreated(Result<Box<crate::session::OpenSession>, SessionOpenError>),
    SessionDeleted(Result<String, String>),
    /// A connector folder was read and checked.
    ConnectorLoaded {
        path: PathBuf,
        result: Result<Box<LoadedConnector>, String>,
        /// The pointer to select afterwards (after a save).
        keep: Option<String>,
        /// What happened, for the status line.
        note: Option<String>,
    },
    /// Breaking changes against the committed version: (where that version comes from, the
    /// findings), `None` when there is no committed version (a new connector).
    Breaking(Result<Option<(String, Vec<Finding>)>, String>),
    CompareUrl(Result<String, String>),
    ExportPlanned(Result<Box<ExportPlanView>, String>),
    Exported(Result<String, String>),
    /// A file was written (or not): the message for the status line.
    Wrote {
        path: PathBuf,
        result: Result<String, String>,
    },
    CatalogLoaded(Result<(std::sync::Arc<crate::catalog::Catalog>, Vec<String>), String>),
}

/// An export plan as shown before anything is written.
#[derive(Debug, Clone)]
pub struct ExportPlanView {
    pub title: String,
    /// Each file new / changed (with its diff) / unchanged, skipped files, notes, problems.
    pub text: String,
    pub repo: PathBuf,
    /// Files that exist and differ (replacing them needs a yes of its own).
    pub changed: usize,
    /// Whether applying the plan writes anything.
    pub writes: bool,
    pub plan: Box<crate::export::Plan>,
    /// The branch to switch to first (the checkout is on its base branch).
    pub branch: Option<String>,
}

/// Why opening a session failed.
#[derive(Debug)]
pub enum SessionOpenError {
    /// Another process has it: may be opened read-only.
    InUse {
        name: String,
        pid: u32,
    },
    Other(String),
}

/// A connector folder read and checked in the background.
#[derive(Debug)]
pub struct LoadedConnector {
    pub connector: Connector,
    pub findings: Vec<Finding>,
}

/// What `update` asks the runner to do. Fast effects run at once on the main thread; slow
/// ones become [`Job`]s.
#[derive(Debug)]
pub enum Effect {
    /// Save the open session (after every change).
    SaveSession,
    /// Reload the home screen's session list.
    ListSessions,
    CreateSession {
        name: String,
    },
    OpenSession {
        name: String,
        read_only: bool,
    },
    DeleteSession {
        name: String,
    },
    /// Open a URL (or a file) in the browser.
    Open(String),
    /// Write one string of the swagger with the minimal-diff writer, then read the folder again.
    EditSwagger {
        path: PathBuf,
        edits: Vec<TextEdit>,
        keep: String,
        label: String,
    },
    /// Apply the safe fixes of the connector in the Build step.
    ApplyFixes,
    /// Write a file (generated artefact) atomically.
    WriteFile {
        path: PathBuf,
        bytes: Vec<u8>,
        label: String,
    },
    Job(Job),
    Quit,
}

/// Slow work, run on a thread; reports back as an [`Outcome`].
#[derive(Debug, Clone)]
pub enum Job {
    /// The catalog: the embedded list with the user's caches in `dir`.
    LoadCatalog { dir: PathBuf },
    LoadConnector {
        path: PathBuf,
        keep: Option<String>,
        note: Option<String>,
        kind: Option<crate::document::ConnectorKind>,
    },
    /// Compare the swagger at `swagger` with its committed version (git).
    Breaking { swagger: PathBuf, display: String },
    /// The compare URL needs the fork's owner and branch (git).
    CompareUrl {
        session: Box<crate::session::Session>,
        title: String,
        body: String,
        repo: Option<PathBuf>,
    },
    ExportPlan {
        session: Box<crate::session::Session>,
        repo: PathBuf,
    },
    ExportApply {
        view: Box<ExportPlanView>,
        overwrite: bool,
    },
}
