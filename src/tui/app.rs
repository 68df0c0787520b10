//! The model: which screen and step are shown, what is selected, the open popup and the text
//! being edited. Drawing reads it; only [`update`](super::update) changes it.

use super::action::{Cmd, PathPurpose};
use super::fields::{EditField, FieldCtx};
use super::keymap::Ctx;
use crate::document::Connector;
use crate::rules::{check_field, Field, FieldIssue, Finding, Summary};
use crate::session::{OpenSession, Session, SessionSummary, Step};
use chrono::{DateTime, NaiveDate, Utc};
use ratatui::layout::Rect;
use ratatui_textarea::TextArea;
use std::cell::Cell;
use std::path::PathBuf;

/// Smallest terminal the layout is drawn for; below it a single "enlarge" message shows.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Home,
    Wizard,
}

/// A selectable list: the selection and the first row shown (kept by the view so that the
/// selection stays visible).
#[derive(Debug, Default)]
pub struct ListNav {
    pub selected: usize,
    pub offset: Cell<usize>,
}

impl ListNav {
    /// Moves the selection by `delta` within `len` items.
    pub fn step(&mut self, delta: isize, len: usize) {
        if len == 0 {
            self.selected = 0;
            return;
        }
        let max = len as isize - 1;
        self.selected = (self.selected as isize + delta).clamp(0, max) as usize;
    }

    pub fn clamp(&mut self, len: usize) {
        if self.selected >= len {
            self.selected = len.saturating_sub(1);
        }
    }

    /// The offset that keeps the selection visible in `height` rows.
    pub fn visible_offset(&self, height: usize, len: usize) -> usize {
        let mut off = self.offset.get();
        if height == 0 {
            return off;
        }
        if self.selected < off {
            off = self.selected;
        } else if self.selected >= off + height {
            off = self.selected + 1 - height;
        }
        off = off.min(len.saturating_sub(height));
        self.offset.set(off);
        off
    }
}

/// Which list a clickable row belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListId {
    Sessions,
    Prereqs,
    Matches,
    Propose,
    Fields,
    Findings,
    Submit,
    Track,
    Help,
    Preview,
}

/// Something on screen a click can reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    Step(Step),
    /// A list area: the row clicked is `offset + (row - area.y)`.
    List {
        list: ListId,
        offset: usize,
    },
    /// A key of the key bar.
    Key(Cmd),
    /// The editor: a click keeps it.
    Editor,
}

/// Where things were drawn in the last frame, for mouse clicks.
#[derive(Debug, Default, Clone)]
pub struct HitMap {
    pub areas: Vec<(Rect, Hit)>,
}

impl HitMap {
    pub fn add(&mut self, area: Rect, hit: Hit) {
        self.areas.push((area, hit));
    }

    /// The top-most thing at a cell, with the row inside its area.
    pub fn at(&self, column: u16, row: u16) -> Option<(Hit, u16)> {
        self.areas
            .iter()
            .rev()
            .find(|(r, _)| {
                column >= r.x && column < r.x + r.width && row >= r.y && row < r.y + r.height
            })
            .map(|(r, h)| (*h, row - r.y))
    }
}

/// A line of the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// The fields of step 2 (the proposal and intro.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PropField {
    Service,
    Operations,
    Auth,
    Collaborators,
    Contact,
    Website,
    Privacy,
    Publisher,
    StackOwner,
    Categories,
}

impl PropField {
    pub const ALL: [PropField; 10] = [
        PropField::Service,
        PropField::Operations,
        PropField::Auth,
        PropField::Collaborators,
        PropField::Contact,
        PropField::Website,
        PropField::Privacy,
        PropField::Publisher,
        PropField::StackOwner,
        PropField::Categories,
    ];

    pub fn id(self) -> &'static str {
        match self {
            PropField::Service => "proposal.service_description",
            PropField::Operations => "proposal.operations",
            PropField::Auth => "proposal.auth",
            PropField::Collaborators => "proposal.collaborators_welcome",
            PropField::Contact => "proposal.contact_email",
            PropField::Website => "proposal.website_url",
            PropField::Privacy => "proposal.privacy_policy_url",
            PropField::Publisher => "proposal.publisher",
            PropField::StackOwner => "proposal.stack_owner",
            PropField::Categories => "proposal.categories",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PropField::Service => "What the service is",
            PropField::Operations => "Planned operations",
            PropField::Auth => "Authentication",
            PropField::Collaborators => "Collaborators welcome",
            PropField::Contact => "Contact email",
            PropField::Website => "Website",
            PropField::Privacy => "Privacy policy",
            PropField::Publisher => "Publisher (you)",
            PropField::StackOwner => "Stack owner",
            PropField::Categories => "Categories",
        }
    }

    /// Whether the field holds several lines (one item per line).
    pub fn multiline(self) -> bool {
        matches!(
            self,
            PropField::Service | PropField::Operations | PropField::Categories
        )
    }

    /// Whether Space/Enter cycles it instead of editing text.
    pub fn is_choice(self) -> bool {
        matches!(self, PropField::Auth | PropField::Collaborators)
    }

    /// The text of the field in a session.
    pub fn get(self, s: &Session) -> String {
        let p = &s.proposal;
        match self {
            PropField::Service => p.service_description.clone(),
            PropField::Operations => p.operations.join("\n"),
            PropField::Auth => p.auth.label().to_string(),
            PropField::Collaborators => {
                if p.collaborators_welcome { "yes" } else { "no" }.to_string()
            }
            PropField::Contact => p.contact_email.clone(),
            PropField::Website => p.website_url.clone(),
            PropField::Privacy => p.privacy_policy_url.clone(),
            PropField::Publisher => p.publisher.clone(),
            PropField::StackOwner => p.stack_owner.clone(),
            PropField::Categories => p.categories.join("\n"),
        }
    }

    /// Stores edited text into a session.
    pub fn set(self, s: &mut Session, text: &str) {
        let lines = || -> Vec<String> {
            text.lines()
                .map(|l| l.trim().trim_start_matches(['-', '*']).trim().to_string())
                .filter(|l| !l.is_empty())
                .collect()
        };
        let p = &mut s.proposal;
        match self {
            PropField::Service => p.service_description = text.trim().to_string(),
            PropField::Operations => p.operations = lines(),
            PropField::Contact => p.contact_email = text.trim().to_string(),
            PropField::Website => p.website_url = text.trim().to_string(),
            PropField::Privacy => p.privacy_policy_url = text.trim().to_string(),
            PropField::Publisher => p.publisher = text.trim().to_string(),
            PropField::StackOwner => p.stack_owner = text.trim().to_string(),
            PropField::Categories => {
                p.categories = text
                    .split(['\n', ';', ','])
                    .map(|c| c.trim().to_string())
                    .filter(|c| !c.is_empty())
                    .collect()
            }
            PropField::Auth | PropField::Collaborators => {}
        }
    }

    /// A short check of the text, for live feedback (the generators take it as it is).
    pub fn problem(self, text: &str) -> Option<String> {
        let t = text.trim();
        match self {
            PropField::Contact if !(t.is_empty() || t.contains('@') && t.contains('.')) => {
                Some("this does not look like an email address".into())
            }
            PropField::Website | PropField::Privacy
                if !(t.is_empty() || t.starts_with("https://") || t.starts_with("http://")) =>
            {
                Some("write the full URL, starting with https://".into())
            }
            _ => None,
        }
    }
}

/// The rows of step 2: the proposal title, the fields, then the actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProposeRow {
    Title,
    Field(PropField),
    ExportIntro,
    OpenCompare,
    Opened,
}

impl ProposeRow {
    pub fn all() -> Vec<ProposeRow> {
        let mut v = vec![ProposeRow::Title];
        v.extend(PropField::ALL.iter().map(|f| ProposeRow::Field(*f)));
        v.extend([
            ProposeRow::ExportIntro,
            ProposeRow::OpenCompare,
            ProposeRow::Opened,
        ]);
        v
    }

    pub fn id(self) -> String {
        match self {
            ProposeRow::Title => "propose.title".into(),
            ProposeRow::Field(f) => f.id().into(),
            ProposeRow::ExportIntro => "propose.export".into(),
            ProposeRow::OpenCompare => "propose.compare".into(),
            ProposeRow::Opened => "propose.opened".into(),
        }
    }
}

/// The three prerequisites of the seed article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prereq {
    Repository,
    Learning,
    Manifesto,
}

impl Prereq {
    pub const ALL: [Prereq; 3] = [Prereq::Repository, Prereq::Learning, Prereq::Manifesto];

    pub fn id(self) -> &'static str {
        match self {
            Prereq::Repository => "prerequisites.repository",
            Prereq::Learning => "prerequisites.learning_content",
            Prereq::Manifesto => "prerequisites.manifesto",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Prereq::Repository => {
                "A GitHub account and a fork of microsoft/PowerPlatformConnectors"
            }
            Prereq::Learning => "Read the custom connector learning content",
            Prereq::Manifesto => "Read and agree to the Independent Publisher Manifesto",
        }
    }

    pub fn detail(self) -> &'static str {
        match self {
            Prereq::Repository => "Fork the repository and clone it: the Submit step exports into that checkout.",
            Prereq::Learning => "How to build, test and certify a custom connector; the rules this program checks come from there.",
            Prereq::Manifesto => "Community content under MIT, premium licence, community support; you agree to maintain the connector.",
        }
    }

    pub fn url(self) -> &'static str {
        match self {
            Prereq::Repository => "https://github.com/microsoft/PowerPlatformConnectors",
            Prereq::Learning => "https://learn.microsoft.com/en-us/connectors/custom-connectors/",
            Prereq::Manifesto => "https://github.com/microsoft/PowerPlatformConnectors/wiki/Independent-Publisher-Connector-Group-%22Manifesto%22",
        }
    }

    pub fn get(self, s: &Session) -> bool {
        match self {
            Prereq::Repository => s.prerequisites.repository,
            Prereq::Learning => s.prerequisites.learning_content,
            Prereq::Manifesto => s.prerequisites.manifesto,
        }
    }

    pub fn toggle(self, s: &mut Session) {
        let p = &mut s.prerequisites;
        let slot = match self {
            Prereq::Repository => &mut p.repository,
            Prereq::Learning => &mut p.learning_content,
            Prereq::Manifesto => &mut p.manifesto,
        };
        *slot = !*slot;
    }
}

/// Step 3: the connector folder, its fields and the findings of the whole check.
#[derive(Debug, Default)]
pub struct BuildState {
    pub connector: Option<Connector>,
    pub fields: Vec<EditField>,
    pub findings: Vec<Finding>,
    /// Breaking changes against the committed version (folders inside a git checkout).
    pub breaking: Vec<Finding>,
    pub summary: Summary,
    pub fields_nav: ListNav,
    pub findings_nav: ListNav,
    pub findings_focus: bool,
    pub loading: bool,
    pub error: Option<String>,
    /// Counts the folder reads (caches of generated text follow it).
    pub generation: u64,
}

impl BuildState {
    /// Findings plus breaking changes, as listed.
    pub fn all_findings(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().chain(self.breaking.iter())
    }

    pub fn findings_len(&self) -> usize {
        self.findings.len() + self.breaking.len()
    }

    pub fn finding(&self, i: usize) -> Option<&Finding> {
        match self.findings.get(i) {
            Some(f) => Some(f),
            None => self.breaking.get(i - self.findings.len()),
        }
    }

    /// How many findings carry a safe fix.
    pub fn fixable(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.safe_fix().is_some())
            .count()
    }

    /// Selects the field at `pointer`, when there is one.
    pub fn select_pointer(&mut self, pointer: &str) -> bool {
        match self.fields.iter().position(|f| f.pointer == pointer) {
            Some(i) => {
                self.fields_nav.selected = i;
                true
            }
            None => false,
        }
    }
}

/// Step 1: the duplicate search.
#[derive(Debug, Default)]
pub struct VerifyState {
    pub catalog: Option<std::sync::Arc<crate::catalog::Catalog>>,
    pub loading: bool,
    pub error: Option<String>,
    /// Problems with the user's catalog cache (the embedded list is used instead).
    pub warnings: Vec<String>,
    /// The name the matches are for (follows the typing).
    pub query: String,
    pub hits: Vec<crate::catalog::SearchHit>,
    pub nav: ListNav,
}

/// How many matches the search shows.
pub const MATCHES: usize = 8;

/// The rows of steps 5 and 6.
pub fn track_rows(step: Step, s: &Session) -> Vec<DateSlot> {
    match step {
        Step::Certify => {
            let mut v = vec![DateSlot::ProposalOpened, DateSlot::Submitted];
            v.extend((0..s.events.feedback_rounds.len()).map(DateSlot::Round));
            v.extend([DateSlot::Merged, DateSlot::Certified]);
            v
        }
        Step::Deploy => vec![
            DateSlot::DeploymentStarted,
            DateSlot::PreviewTestStart,
            DateSlot::Deployed,
        ],
        _ => Vec::new(),
    }
}

impl DateSlot {
    pub fn id(self) -> String {
        match self {
            DateSlot::ProposalOpened => "events.proposal_opened".into(),
            DateSlot::Submitted => "events.submitted".into(),
            DateSlot::Round(i) => format!("events.feedback_rounds.{i}"),
            DateSlot::Merged => "events.merged".into(),
            DateSlot::Certified => "events.certified".into(),
            DateSlot::DeploymentStarted => "events.deployment_started".into(),
            DateSlot::PreviewTestStart => "events.preview_test_start".into(),
            DateSlot::Deployed => "events.deployed".into(),
        }
    }

    pub fn label(self) -> String {
        match self {
            DateSlot::ProposalOpened => "Proposal PR opened".into(),
            DateSlot::Submitted => "Submitted (\"Proposal -\" dropped)".into(),
            DateSlot::Round(i) => format!("Feedback round {}", i + 1),
            DateSlot::Merged => "PR merged".into(),
            DateSlot::Certified => "Certified (OneVet done)".into(),
            DateSlot::DeploymentStarted => "Deployment started (train)".into(),
            DateSlot::PreviewTestStart => "Preview test credentials received".into(),
            DateSlot::Deployed => "Deployed to all regions".into(),
        }
    }

    pub fn get(self, s: &Session) -> Option<NaiveDate> {
        let e = &s.events;
        match self {
            DateSlot::ProposalOpened => e.proposal_opened,
            DateSlot::Submitted => e.submitted,
            DateSlot::Round(i) => e.feedback_rounds.get(i).map(|r| r.date),
            DateSlot::Merged => e.merged,
            DateSlot::Certified => e.certified,
            DateSlot::DeploymentStarted => e.deployment_started,
            DateSlot::PreviewTestStart => e.preview_test_start,
            DateSlot::Deployed => e.deployed,
        }
    }

    /// Sets (or, with `None`, clears) the date. Clearing a round deletes it.
    pub fn set(self, s: &mut Session, d: Option<NaiveDate>) {
        let e = &mut s.events;
        let slot = match self {
            DateSlot::ProposalOpened => &mut e.proposal_opened,
            DateSlot::Submitted => &mut e.submitted,
            DateSlot::Round(i) => {
                match d {
                    Some(d) => {
                        if let Some(r) = e.feedback_rounds.get_mut(i) {
                            r.date = d;
                        }
                    }
                    None => {
                        if i < e.feedback_rounds.len() {
                            e.feedback_rounds.remove(i);
                        }
                    }
                }
                return;
            }
            DateSlot::Merged => &mut e.merged,
            DateSlot::Certified => &mut e.certified,
            DateSlot::DeploymentStarted => &mut e.deployment_started,
            DateSlot::PreviewTestStart => &mut e.preview_test_start,
            DateSlot::Deployed => &mut e.deployed,
        };
        *slot = d;
    }
}

/// What the text being edited is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditTarget {
    /// Home: the name of a new connector.
    NewSession,
    /// Verify: the name searched for.
    Query,
    Proposal(PropField),
    /// Build: the field at this pointer.
    Swagger {
        pointer: String,
    },
    /// Submit: the final PR title.
    PrTitle,
    /// A folder path.
    Path(PathPurpose),
    /// Certify/Deploy: a date.
    Date(DateSlot),
    /// Certify: the note of a feedback round.
    RoundNote(usize),
}

/// The dates of steps 5 and 6.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSlot {
    ProposalOpened,
    Submitted,
    Round(usize),
    Merged,
    Certified,
    DeploymentStarted,
    PreviewTestStart,
    Deployed,
}

/// A text being edited in a ratatui-textarea, with the live feedback of its rules.
pub struct Editor {
    pub target: EditTarget,
    pub area: TextArea<'static>,
    /// The rules that apply (swagger fields and PR titles).
    pub field: Option<Field>,
    pub ctx: FieldCtx,
    pub issues: Vec<FieldIssue>,
    /// A problem the TUI itself sees (email, URL, date format).
    pub problem: Option<String>,
    pub original: String,
    pub multiline: bool,
    pub title: String,
}

impl std::fmt::Debug for Editor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Editor")
            .field("target", &self.target)
            .field("text", &self.text())
            .field(
                "issues",
                &self.issues.iter().map(|i| i.rule).collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl Editor {
    pub fn new(
        target: EditTarget,
        title: impl Into<String>,
        text: &str,
        multiline: bool,
    ) -> Editor {
        let lines: Vec<String> = if text.is_empty() {
            vec![String::new()]
        } else {
            text.split('\n').map(str::to_string).collect()
        };
        let mut area = TextArea::new(lines);
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        area.set_cursor_line_style(ratatui::style::Style::default());
        if multiline {
            area.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        }
        Editor {
            target,
            area,
            field: None,
            ctx: FieldCtx::default(),
            issues: Vec::new(),
            problem: None,
            original: text.to_string(),
            multiline,
            title: title.into(),
        }
    }

    /// With the rules of `field` run on every change.
    pub fn with_rules(mut self, field: Field, ctx: FieldCtx) -> Editor {
        self.field = Some(field);
        self.ctx = ctx;
        self.recheck();
        self
    }

    /// The text (lines joined with `\n`).
    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    pub fn changed(&self) -> bool {
        self.text() != self.original
    }

    /// Runs the field's rules on the current text: the per-keystroke path.
    pub fn recheck(&mut self) {
        if let Some(field) = self.field {
            let text = self.text();
            self.issues = check_field(field, &text, &self.ctx.as_ctx());
        }
    }

    /// Characters typed, for the counter.
    pub fn char_count(&self) -> usize {
        self.area
            .lines()
            .iter()
            .map(|l| l.chars().count())
            .sum::<usize>()
            + self.area.lines().len().saturating_sub(1)
    }

    /// Replaces the whole text.
    pub fn set_text(&mut self, text: &str) {
        let mut area = TextArea::new(text.split('\n').map(str::to_string).collect());
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        area.set_cursor_line_style(ratatui::style::Style::default());
        if self.multiline {
            area.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        }
        self.area = area;
        self.recheck();
    }
}

/// What to do when a question is answered yes.
#[derive(Debug, Clone)]
pub enum Pending {
    Quit,
    DeleteSession(String),
    OpenReadOnly(String),
    ApplyFixes,
    WriteFile {
        path: PathBuf,
        bytes: Vec<u8>,
        label: String,
    },
    ExportApply {
        view: Box<super::action::ExportPlanView>,
        overwrite: bool,
    },
    ClearDate(DateSlot),
    /// Choose "no duplicate" although a match looks like the same service.
    NoDuplicate,
}

/// A window over the screen.
#[derive(Debug)]
pub enum Popup {
    Help {
        scroll: Cell<u16>,
    },
    Confirm {
        title: String,
        body: Vec<String>,
        on_yes: Pending,
    },
    /// A file about to be written (or a plan about to be applied).
    Preview {
        title: String,
        text: String,
        scroll: Cell<u16>,
        on_yes: Option<Pending>,
        yes_label: String,
    },
}

/// Things changed during this run and not exported yet, named for the quit question.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Unexported {
    /// The swagger was edited (Build) after the last export.
    pub swagger: bool,
    /// The proposal fields changed after intro.md was last written.
    pub intro: bool,
}

impl Unexported {
    pub fn describe(&self) -> Vec<String> {
        let mut v = Vec::new();
        if self.swagger {
            v.push("the connector's edits are saved in the working copy but not exported into a repository checkout (4 Submit, x)".to_string());
        }
        if self.intro {
            v.push(
                "the proposal fields changed since intro.md was last written (2 Propose, x)"
                    .to_string(),
            );
        }
        v
    }
}

/// The whole state of the wizard.
pub struct App {
    pub screen: Screen,
    pub sessions: Vec<SessionSummary>,
    pub sessions_nav: ListNav,
    pub home_error: Option<String>,
    pub session: Option<OpenSession>,
    /// The step on screen.
    pub step: Step,
    pub prereq_nav: ListNav,
    pub verify: VerifyState,
    pub propose_nav: ListNav,
    pub build: BuildState,
    pub submit_nav: ListNav,
    pub track_nav: ListNav,
    /// Where to export (Submit); remembered for the run.
    pub export_repo: Option<PathBuf>,
    pub editor: Option<Editor>,
    pub popup: Option<Popup>,
    pub status: Option<Status>,
    pub size: (u16, u16),
    pub mouse: bool,
    /// Colours allowed (`NO_COLOR` unset). Selection never relies on colour.
    pub color: bool,
    /// The clock, set by the runner before each update (fixed in tests).
    pub now: DateTime<Utc>,
    pub today: NaiveDate,
    pub hits: HitMap,
    pub unexported: Unexported,
    /// An export into a checkout succeeded during this run.
    pub exported: bool,
    /// Background jobs still running.
    pub jobs_running: usize,
    /// The last intro.md preview and what it was made from (generating it reads the whole
    /// swagger, so it is made again only when the proposal or the folder changed).
    pub intro_cache: std::cell::RefCell<Option<(String, std::rc::Rc<String>)>>,
    /// Where the sessions are kept (shown on the home screen).
    pub sessions_dir: PathBuf,
    /// Where the user's catalog caches are.
    pub catalog_dir: PathBuf,
    /// Set when the runner should leave.
    pub quit: bool,
    /// The UI position changed since the last save (saved with the next change or on quit).
    pub ui_dirty: bool,
}

impl App {
    pub fn new(mouse: bool, color: bool, now: DateTime<Utc>, today: NaiveDate) -> App {
        App {
            screen: Screen::Home,
            sessions: Vec::new(),
            sessions_nav: ListNav::default(),
            home_error: None,
            session: None,
            step: Step::Prerequisites,
            prereq_nav: ListNav::default(),
            verify: VerifyState::default(),
            propose_nav: ListNav::default(),
            build: BuildState::default(),
            submit_nav: ListNav::default(),
            track_nav: ListNav::default(),
            export_repo: None,
            editor: None,
            popup: None,
            status: None,
            size: (80, 24),
            mouse,
            color,
            now,
            today,
            hits: HitMap::default(),
            unexported: Unexported::default(),
            exported: false,
            jobs_running: 0,
            quit: false,
            ui_dirty: false,
            intro_cache: std::cell::RefCell::new(None),
            sessions_dir: crate::util::paths::sessions_dir(),
            catalog_dir: crate::util::paths::catalog_dir(),
        }
    }

    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref().map(|o| o.session())
    }

    pub fn too_small(&self) -> bool {
        self.size.0 < MIN_WIDTH || self.size.1 < MIN_HEIGHT
    }

    /// The active key contexts, most specific first.
    pub fn contexts(&self) -> Vec<Ctx> {
        match &self.popup {
            Some(Popup::Help { .. }) => return vec![Ctx::Help, Ctx::Always],
            Some(Popup::Confirm { .. }) => return vec![Ctx::Confirm, Ctx::Always],
            Some(Popup::Preview { .. }) => return vec![Ctx::Preview, Ctx::Always],
            None => {}
        }
        if let Some(ed) = &self.editor {
            if ed.field.is_some() {
                return vec![Ctx::Editor, Ctx::FieldRules, Ctx::Always];
            }
            return vec![Ctx::Editor, Ctx::Always];
        }
        match self.screen {
            Screen::Home => vec![Ctx::Home, Ctx::List, Ctx::Global, Ctx::Always],
            Screen::Wizard => {
                let mut v = match self.step {
                    Step::Prerequisites => vec![Ctx::Prereqs],
                    Step::Verify => vec![Ctx::Verify],
                    Step::Propose => vec![Ctx::Propose],
                    Step::Build if self.build.findings_focus => vec![Ctx::Findings, Ctx::Build],
                    Step::Build => vec![Ctx::Build],
                    Step::Submit => vec![Ctx::Submit],
                    Step::Certify => vec![Ctx::Track, Ctx::Rounds],
                    Step::Deploy => vec![Ctx::Track],
                };
                v.extend([Ctx::List, Ctx::Wizard, Ctx::Global, Ctx::Always]);
                v
            }
        }
    }

    /// intro.md as the generator writes it for `shown` (the session with the text being
    /// typed), with the open connector's files.
    pub fn intro_preview(&self, shown: &Session) -> std::rc::Rc<String> {
        let key = format!(
            "{}|{}|{}|{}|{:?}|{:?}",
            self.build.generation,
            shown.name,
            shown.is_update,
            shown.kind,
            shown.proposal,
            shown.duplicate.outcome
        );
        if let Some((k, text)) = self.intro_cache.borrow().as_ref() {
            if *k == key {
                return text.clone();
            }
        }
        let text = std::rc::Rc::new(crate::generate::intro_md(
            shown,
            self.build.connector.as_ref(),
        ));
        *self.intro_cache.borrow_mut() = Some((key, text.clone()));
        text
    }

    /// Sets the status line.
    pub fn say(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: false,
        });
    }

    pub fn warn(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: true,
        });
    }
}
