//! Everything a key, a click or a finished job can ask for, and the effects `update` hands back
//! to the runner (saving, writing a file, starting a job). Every job carries a [`Ticket`]
//! naming the session and the request it serves, so that a result that arrives after the
//! author moved on is recognised as stale and dropped.

use crate::document::{Connector, ConnectorKind};
use crate::rules::Finding;
use crate::session::EventSlot;
use crossterm::event::KeyEvent;
use std::path::PathBuf;

/// What a key means, looked up in the [`keymap`](super::keymap). `Copy` so that one table can
/// hold them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cmd {
    /// `q`: quit (asks when work is not exported).
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
    /// Tab: the other pane of the step.
    NextPane,
    /// Go to a step by its number (0 = prerequisites).
    GoStep(u8),
    NextStep,
    PrevStep,
    /// Show or hide the steps sidebar.
    ToggleSidebar,
    /// The log of every message of this run.
    MessageLog,
    /// Copy the last link to the clipboard (OSC 52).
    CopyLink,
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
    /// Build: show only the errors among the findings.
    ErrorsOnly,
    /// Submit: export into a repository checkout (plan first).
    Export,
    /// Certify: add a feedback round.
    AddRound,
    /// Certify: delete the selected feedback round or date (asks). Build: delete the selected
    /// parameter or operation (asks).
    Delete,
    /// Build: a new operation (form).
    AddOperation,
    /// Build: a new parameter of the selected operation (form).
    AddParameter,
    /// Build: the selected operation or parameter in its form (every property).
    EditItem,
    /// Build: a copy of the selected operation (form).
    Duplicate,
    /// Build: the success response's schema from a sample (pasted or read from a file).
    SampleResponse,
    /// Build: a connector started blank from the session's facts (form).
    StartBlank,
    /// Build: an OpenAPI or Swagger file imported (path, then the operations to keep).
    Import,
    /// Build, import: tick every operation shown.
    SelectAll,
    /// Build, import: untick every operation shown.
    SelectNone,
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
    /// Popup: the third answer (export onto the branch the checkout is on).
    Alt,
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
    /// Build: the OpenAPI or Swagger file to import (a file).
    ImportSource,
}

/// A row of a Build form: what it sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FormKey {
    Op(crate::generate::operation::OpField),
    Param(crate::generate::operation::ParamField),
    Fact(FactKey),
    Sample(SampleKey),
}

/// The facts of a connector started blank or imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FactKey {
    Folder,
    Host,
    BasePath,
    Auth,
    ApiKeyName,
    ApiKeyIn,
    Provider,
    AuthorizationUrl,
    TokenUrl,
    Scopes,
    ResourceUri,
    Publisher,
    StackOwner,
}

/// The rows of the response-from-a-sample form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SampleKey {
    /// The sample, pasted or typed.
    Text,
    /// Or the file it is read from.
    File,
    /// Replace or extend an existing schema.
    Mode,
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
    /// A second passed without input (the runner sends it while a draft waits to be saved).
    Tick,
    /// SIGTERM/SIGHUP: save and leave.
    Terminate,
    /// The result of an effect or a job, with the ticket it was issued with.
    Done(Done),
}

impl From<Cmd> for Action {
    fn from(c: Cmd) -> Self {
        Action::Cmd(c)
    }
}

/// Who asked for a job: the session open at the time (`None`: no session, e.g. the catalog),
/// the session epoch (it changes whenever a session is opened or closed) and the request's
/// number (a newer request of the same kind supersedes it).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ticket {
    pub session: Option<String>,
    pub epoch: u64,
    pub seq: u64,
}

/// A result and the ticket of the request it answers.
#[derive(Debug)]
pub struct Done {
    pub ticket: Ticket,
    pub outcome: Outcome,
}

/// Kinds of requests where only the latest one counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Latest {
    Connector,
    Breaking,
    ExportPlan,
    ExportStatus,
    Compare,
    Import,
}

/// The result of an effect the runner carried out, or of a background job.
#[derive(Debug)]
pub enum Outcome {
    Sessions(Result<Vec<crate::session::SessionSummary>, String>),
    SessionOpened {
        result: Result<Box<crate::session::OpenSession>, SessionOpenError>,
        created: bool,
    },
    SessionDeleted(Result<String, String>),
    /// A connector folder was read and checked (after a load, a save or the safe fixes).
    ConnectorLoaded {
        path: PathBuf,
        result: Result<Box<LoadedConnector>, String>,
        /// The pointer to select afterwards (after a save).
        keep: Option<String>,
        /// What happened, for the status line.
        note: Option<String>,
        /// The working copy was written (a save, the safe fixes) before it was read.
        edited: bool,
    },
    /// The folder was read: it holds no swagger yet (a connector to start blank or import).
    FolderEmpty {
        path: PathBuf,
    },
    /// A file to import was read: its operations, ready to be picked.
    ImportRead(Result<Box<ImportSource>, String>),
    /// The picked operations were converted to Swagger 2.0.
    Converted(Result<Box<crate::import::Imported>, String>),
    /// The files of a connector started blank or imported were written (the message), or not.
    Created {
        dir: PathBuf,
        result: Result<String, String>,
    },
    /// A sample response was read from a file.
    SampleRead(Result<String, String>),
    /// Breaking changes against the committed version: (where that version comes from, the
    /// findings), `None` when there is no committed version (a new connector).
    Breaking(Result<Option<(String, Vec<Finding>)>, String>),
    CompareUrl(Result<String, String>),
    ExportPlanned(Result<Box<ExportPlanView>, String>),
    Exported(Result<Exported, String>),
    /// Whether the checkout holds the working copy as it is.
    ExportStatus(Result<ExportStatus, String>),
    /// A file was written (or not): the message for the status line, and the fingerprint of
    /// what was written.
    Wrote {
        path: PathBuf,
        result: Result<String, String>,
        fingerprint: String,
    },
    /// A generated file and what is on disk now, ready to be previewed.
    FilePreview(Box<FilePreview>),
    /// A path typed into a folder prompt, checked.
    PathChecked {
        purpose: PathPurpose,
        path: PathBuf,
        problem: Option<String>,
        /// The prompt was being saved (not just typed into).
        save: bool,
    },
    /// The working copy folder was renamed with the connector.
    FolderMoved(Result<PathBuf, String>),
    /// No browser could open the link.
    OpenFailed {
        url: String,
        error: String,
    },
    CatalogLoaded(Result<(std::sync::Arc<crate::catalog::Catalog>, Vec<String>), String>),
}

/// A document to import, read and parsed, with its operations.
#[derive(Debug, Clone)]
pub struct ImportSource {
    pub path: PathBuf,
    pub doc: std::sync::Arc<crate::import::SourceDoc>,
    pub version: crate::import::SpecVersion,
    pub operations: Vec<crate::import::OperationInfo>,
}

/// A file of a connector about to be created.
#[derive(Debug, Clone)]
pub struct NewFile {
    /// apiDefinition.swagger.json, apiProperties.json.
    pub name: &'static str,
    pub bytes: Vec<u8>,
    /// What to do when the folder holds it already.
    pub existing: Existing,
}

/// What to do with a file the folder already holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Nothing is written (the author did not ask to replace it).
    Refuse,
    /// It is kept, the others are written (apiProperties.json the author may have edited).
    Keep,
    /// It is replaced (the author said yes to that).
    Replace,
}

/// A generated text and the file it would replace.
#[derive(Debug, Clone)]
pub struct FilePreview {
    pub path: PathBuf,
    /// "intro.md", "readme.md", "apiProperties.json".
    pub what: &'static str,
    pub text: String,
    /// The file's bytes now; `None` when it does not exist.
    pub existing: Option<Vec<u8>>,
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
    pub branch: crate::export::BranchCheck,
    /// Errors of the check of the working copy when the plan was made.
    pub errors: usize,
}

/// A finished export.
#[derive(Debug, Clone)]
pub struct Exported {
    pub message: String,
    /// The branch the files went onto.
    pub branch: Option<String>,
}

/// What an export would still write, without writing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportStatus {
    /// "independent-publisher-connectors/<Name>".
    pub target: String,
    /// Files the checkout lacks or holds differently.
    pub pending: Vec<String>,
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
    /// The folder is inside a git checkout (breaking changes can be compared).
    pub in_git: bool,
}

/// Where an export goes when the checkout is on a branch that is not the connector's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BranchChoice {
    /// Switch to the connector's branch (created when missing) first.
    Connector,
    /// Stay on the branch the checkout is on.
    Keep,
}

/// What to do when a question is answered yes (or with its third answer).
#[derive(Debug, Clone)]
pub enum Pending {
    Quit,
    DeleteSession(String),
    OpenReadOnly(String),
    /// Create a session although its name breaks title rules.
    CreateSession(String),
    /// Rename the connector, moving the working copy folder along when it is named after it.
    Rename {
        name: String,
        move_folder: Option<(PathBuf, PathBuf)>,
    },
    ApplyFixes,
    WriteFile {
        path: PathBuf,
        bytes: Vec<u8>,
        label: String,
    },
    ExportApply {
        view: Box<ExportPlanView>,
        overwrite: bool,
        branch: BranchChoice,
    },
    ClearDate(EventSlot),
    /// Choose "no duplicate" although a match looks like the same service.
    NoDuplicate,
    /// Close the editor and forget the text typed.
    DiscardEdit,
    /// Build: write a changed swagger (a deleted operation or parameter).
    SwaggerChange {
        /// The swagger text as it was when asked.
        from: String,
        text: String,
        keep: String,
        note: String,
    },
    /// Build: close the form and forget what was typed into it.
    DiscardForm,
    /// Build: the import's notes were read; on to the facts it needs.
    ImportFacts,
}

/// What `update` asks the runner to do. Fast effects run at once on the main thread; slow
/// ones become [`Job`]s.
#[derive(Debug)]
pub enum Effect {
    /// Save the open session (after every change).
    SaveSession,
    /// Reload the home screen's session list (closing the open session).
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
    /// Copy text to the terminal's clipboard (OSC 52).
    Copy(String),
    /// Write a file (generated artefact) atomically.
    WriteFile {
        path: PathBuf,
        bytes: Vec<u8>,
        label: String,
    },
    /// Read what a generated file would replace (the file named `name` in `dir`, in any case),
    /// for the preview.
    PreviewFile {
        dir: PathBuf,
        name: &'static str,
        text: String,
    },
    /// Check a typed folder path (exists, is a folder).
    CheckPath {
        purpose: PathPurpose,
        text: String,
        save: bool,
    },
    /// Write the files of a new connector into `dir` (created when missing), all or none.
    CreateConnector {
        dir: PathBuf,
        files: Vec<NewFile>,
        /// What happened, for the status line, when it worked.
        note: String,
    },
    /// Read a sample response from a file.
    ReadSample {
        path: PathBuf,
    },
    /// Rename the working copy folder.
    MoveFolder {
        from: PathBuf,
        to: PathBuf,
    },
    Job(Job),
    Quit,
}

/// Slow work, run on a thread; reports back once as an [`Outcome`] with its ticket.
#[derive(Debug, Clone)]
pub struct Job {
    pub ticket: Ticket,
    pub work: Work,
}

/// What a [`Job`] does.
#[derive(Debug, Clone)]
pub enum Work {
    /// The catalog: the embedded list with the user's caches in `dir`.
    LoadCatalog { dir: PathBuf },
    LoadConnector {
        path: PathBuf,
        keep: Option<String>,
        note: Option<String>,
        kind: Option<ConnectorKind>,
    },
    /// Write edits into the swagger (minimal diff), then read the folder again. The edits
    /// carry the text as it was read: when the file changed on disk since, nothing is written.
    EditSwagger {
        root: PathBuf,
        file: crate::document::save::FileEdits,
        kind: ConnectorKind,
        keep: String,
        label: String,
        /// The message when it worked (default: "Saved LABEL: only that string changed…").
        note: Option<String>,
    },
    /// Apply the safe fixes of the folder, then read it again.
    ApplyFixes { root: PathBuf, kind: ConnectorKind },
    /// Compare the swagger at `swagger` with its committed version (git).
    Breaking { swagger: PathBuf, display: String },
    /// Read and parse a document to import; list its operations.
    ReadImport { path: PathBuf },
    /// Convert the picked operations of a document to Swagger 2.0.
    ConvertImport {
        doc: std::sync::Arc<crate::import::SourceDoc>,
        operations: Vec<String>,
    },
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
        errors: usize,
    },
    ExportApply {
        view: Box<ExportPlanView>,
        overwrite: bool,
        branch: BranchChoice,
    },
    /// Plan an export without showing it: which files the checkout lacks.
    ExportStatus {
        session: Box<crate::session::Session>,
        repo: PathBuf,
    },
}

impl Work {
    /// The kind of request where only the latest one counts.
    pub fn latest(&self) -> Option<Latest> {
        match self {
            Work::LoadConnector { .. } | Work::EditSwagger { .. } | Work::ApplyFixes { .. } => {
                Some(Latest::Connector)
            }
            Work::Breaking { .. } => Some(Latest::Breaking),
            Work::CompareUrl { .. } => Some(Latest::Compare),
            Work::ExportPlan { .. } => Some(Latest::ExportPlan),
            Work::ExportStatus { .. } => Some(Latest::ExportStatus),
            Work::ReadImport { .. } | Work::ConvertImport { .. } => Some(Latest::Import),
            Work::LoadCatalog { .. } | Work::ExportApply { .. } => None,
        }
    }
}

impl Outcome {
    /// The kind of request this outcome answers, when only the latest one counts.
    pub fn latest(&self) -> Option<Latest> {
        match self {
            Outcome::ConnectorLoaded { .. } | Outcome::FolderEmpty { .. } => {
                Some(Latest::Connector)
            }
            Outcome::ImportRead(_) | Outcome::Converted(_) => Some(Latest::Import),
            Outcome::Breaking(_) => Some(Latest::Breaking),
            Outcome::CompareUrl(_) => Some(Latest::Compare),
            Outcome::ExportPlanned(_) => Some(Latest::ExportPlan),
            Outcome::ExportStatus(_) => Some(Latest::ExportStatus),
            Outcome::Sessions(_)
            | Outcome::SessionOpened { .. }
            | Outcome::SessionDeleted(_)
            | Outcome::Exported(_)
            | Outcome::Wrote { .. }
            | Outcome::FilePreview(_)
            | Outcome::PathChecked { .. }
            | Outcome::FolderMoved(_)
            | Outcome::OpenFailed { .. }
            | Outcome::Created { .. }
            | Outcome::SampleRead(_)
            | Outcome::CatalogLoaded(_) => None,
        }
    }
}
