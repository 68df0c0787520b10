//! The session data model: everything the wizard knows about one connector's journey.
//!
//! Stored as versioned JSON (`"version": 1`). Every field has a serde default so that a file
//! written by a newer build of the same format version (with fields this build does not
//! know) still loads; unknown top-level fields are kept and written back on save. Enum values
//! this build does not know load as the field's default instead of failing.

use chrono::{DateTime, NaiveDate, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

/// The session file format version this build reads and writes.
pub const SESSION_VERSION: u32 = 1;

/// Deserializes a value, falling back to its default when the value has a shape this build
/// does not know (e.g. an enum variant added by a newer build). `null` also gives the default.
pub(crate) fn lenient<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned + Default,
{
    let v = serde_json::Value::deserialize(d)?;
    Ok(T::deserialize(v).unwrap_or_default())
}

pub use crate::document::ConnectorKind;

/// The prerequisites and the six steps of the certification process.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Step {
    #[default]
    Prerequisites,
    Verify,
    Propose,
    Build,
    Submit,
    Certify,
    Deploy,
}

impl Step {
    /// Every step, in order.
    pub const ALL: [Step; 7] = [
        Step::Prerequisites,
        Step::Verify,
        Step::Propose,
        Step::Build,
        Step::Submit,
        Step::Certify,
        Step::Deploy,
    ];

    /// The label shown in the sidebar: "Prerequisites", "1 Verify", … "6 Deploy".
    pub fn label(self) -> &'static str {
        match self {
            Step::Prerequisites => "Prerequisites",
            Step::Verify => "1 Verify",
            Step::Propose => "2 Propose",
            Step::Build => "3 Build",
            Step::Submit => "4 Submit",
            Step::Certify => "5 Certify",
            Step::Deploy => "6 Deploy",
        }
    }

    /// The title without its number: "Verify".
    pub fn title(self) -> &'static str {
        match self {
            Step::Prerequisites => "Prerequisites",
            Step::Verify => "Verify",
            Step::Propose => "Propose",
            Step::Build => "Build",
            Step::Submit => "Submit",
            Step::Certify => "Certify",
            Step::Deploy => "Deploy",
        }
    }

    /// The identifier used in files: "prerequisites", "verify", ….
    pub fn id(self) -> &'static str {
        match self {
            Step::Prerequisites => "prerequisites",
            Step::Verify => "verify",
            Step::Propose => "propose",
            Step::Build => "build",
            Step::Submit => "submit",
            Step::Certify => "certify",
            Step::Deploy => "deploy",
        }
    }

    /// The step number (1–6), `None` for the prerequisites.
    pub fn number(self) -> Option<u8> {
        let i = self.index();
        (i > 0).then_some(i as u8)
    }

    /// Position in [`Step::ALL`].
    pub fn index(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// The following step, `None` after Deploy.
    pub fn next(self) -> Option<Step> {
        Step::ALL.get(self.index() + 1).copied()
    }

    /// The previous step, `None` before Prerequisites.
    pub fn prev(self) -> Option<Step> {
        self.index().checked_sub(1).map(|i| Step::ALL[i])
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl FromStr for Step {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_lowercase();
        Step::ALL
            .iter()
            .copied()
            .find(|st| {
                st.id() == t
                    || st.label().eq_ignore_ascii_case(&t)
                    || st.number().map(|n| n.to_string()) == Some(t.clone())
            })
            .ok_or_else(|| {
                format!("unknown step `{s}`: use one of prerequisites, verify, propose, build, submit, certify, deploy")
            })
    }
}

/// Where a step stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepStatus {
    #[default]
    NotStarted,
    InProgress,
    Done,
    /// Cannot go on (e.g. the connector already exists on the platform).
    Blocked,
}

impl StepStatus {
    pub fn label(self) -> &'static str {
        match self {
            StepStatus::NotStarted => "not started",
            StepStatus::InProgress => "in progress",
            StepStatus::Done => "done",
            StepStatus::Blocked => "blocked",
        }
    }
}

impl fmt::Display for StepStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The status of each step. A struct rather than a map so that a step added by a newer build
/// is ignored instead of failing the load.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct StepStatuses {
    #[serde(deserialize_with = "lenient")]
    pub prerequisites: StepStatus,
    #[serde(deserialize_with = "lenient")]
    pub verify: StepStatus,
    #[serde(deserialize_with = "lenient")]
    pub propose: StepStatus,
    #[serde(deserialize_with = "lenient")]
    pub build: StepStatus,
    #[serde(deserialize_with = "lenient")]
    pub submit: StepStatus,
    #[serde(deserialize_with = "lenient")]
    pub certify: StepStatus,
    #[serde(deserialize_with = "lenient")]
    pub deploy: StepStatus,
}

impl StepStatuses {
    pub fn get(&self, step: Step) -> StepStatus {
        match step {
            Step::Prerequisites => self.prerequisites,
            Step::Verify => self.verify,
            Step::Propose => self.propose,
            Step::Build => self.build,
            Step::Submit => self.submit,
            Step::Certify => self.certify,
            Step::Deploy => self.deploy,
        }
    }

    pub fn set(&mut self, step: Step, status: StepStatus) {
        let slot = match step {
            Step::Prerequisites => &mut self.prerequisites,
            Step::Verify => &mut self.verify,
            Step::Propose => &mut self.propose,
            Step::Build => &mut self.build,
            Step::Submit => &mut self.submit,
            Step::Certify => &mut self.certify,
            Step::Deploy => &mut self.deploy,
        };
        *slot = status;
    }
}

/// The three prerequisites of the seed article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Prerequisites {
    /// Has a GitHub account and a fork/clone of microsoft/PowerPlatformConnectors.
    pub repository: bool,
    /// Has gone through the learning content (custom connector docs).
    pub learning_content: bool,
    /// Has read and agreed to the Independent Publisher Manifesto.
    pub manifesto: bool,
}

impl Prerequisites {
    pub fn all_done(&self) -> bool {
        self.repository && self.learning_content && self.manifesto
    }
}

/// The outcome chosen after the duplicate search (step 1's decision table).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum DuplicateOutcome {
    /// Nothing similar exists: go on with a new connector.
    NoDuplicate,
    /// Already on the platform: a new connector cannot be built.
    CannotBuild,
    /// Already an independent-publisher connector: add operations to it.
    ExtendExisting { name: String },
    /// An open proposal PR exists: contact its publisher to collaborate.
    ContactProposal { pr: u64 },
    /// An open (non-proposal) PR exists: wait until it is deployed, then submit an update.
    WaitForOpenPr { pr: u64 },
}

impl DuplicateOutcome {
    /// Whether the journey can go on to step 2 with a new connector.
    pub fn allows_new_connector(&self) -> bool {
        matches!(self, DuplicateOutcome::NoDuplicate)
    }

    pub fn label(&self) -> String {
        match self {
            DuplicateOutcome::NoDuplicate => "no duplicate: build a new connector".into(),
            DuplicateOutcome::CannotBuild => "already on the platform: cannot build".into(),
            DuplicateOutcome::ExtendExisting { name } => {
                format!("extend the existing connector {name}")
            }
            DuplicateOutcome::ContactProposal { pr } => {
                format!("contact the publisher of proposal PR #{pr}")
            }
            DuplicateOutcome::WaitForOpenPr { pr } => {
                format!("wait for PR #{pr} to be deployed, then submit an update")
            }
        }
    }
}

/// Step 1: the duplicate search and the decision taken.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DuplicateDecision {
    /// The query typed in the search.
    pub query: String,
    /// The chosen outcome; `None` until the author decides.
    #[serde(deserialize_with = "lenient")]
    pub outcome: Option<DuplicateOutcome>,
    /// Name of the match the decision is about, if any.
    pub match_name: Option<String>,
    /// URL of that match (connector docs page or PR).
    pub match_url: Option<String>,
}

/// How the connector authenticates against the service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AuthKind {
    #[default]
    None,
    ApiKey,
    Basic,
    #[serde(rename = "oauth2")]
    OAuth2,
}

impl AuthKind {
    pub const ALL: [AuthKind; 4] = [
        AuthKind::None,
        AuthKind::ApiKey,
        AuthKind::Basic,
        AuthKind::OAuth2,
    ];

    pub fn id(self) -> &'static str {
        match self {
            AuthKind::None => "none",
            AuthKind::ApiKey => "api-key",
            AuthKind::Basic => "basic",
            AuthKind::OAuth2 => "oauth2",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AuthKind::None => "No authentication",
            AuthKind::ApiKey => "API key",
            AuthKind::Basic => "Basic authentication",
            AuthKind::OAuth2 => "OAuth 2.0",
        }
    }
}

impl fmt::Display for AuthKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for AuthKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s
            .trim()
            .to_ascii_lowercase()
            .replace(['_', ' '], "-")
            .as_str()
        {
            "none" | "no" => Ok(AuthKind::None),
            "api-key" | "apikey" | "key" => Ok(AuthKind::ApiKey),
            "basic" => Ok(AuthKind::Basic),
            "oauth2" | "oauth" | "oauth-2" | "oauth-2.0" => Ok(AuthKind::OAuth2),
            other => Err(format!(
                "unknown authentication `{other}`: use none, api-key, basic or oauth2"
            )),
        }
    }
}

/// Step 2: what goes into the proposal (intro.md) and later into apiProperties.json.
/// Empty strings mean "not given yet".
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Proposal {
    /// What the service is and what the connector does.
    pub service_description: String,
    /// The service's website.
    pub website_url: String,
    /// The service's privacy policy.
    pub privacy_policy_url: String,
    /// The operations the connector will offer, one line each (e.g. "Get contact").
    pub operations: Vec<String>,
    #[serde(deserialize_with = "lenient")]
    pub auth: AuthKind,
    /// Whether other people are welcome to collaborate.
    pub collaborators_welcome: bool,
    /// Contact email for collaborators and Microsoft.
    pub contact_email: String,
    /// The publisher's name (the person or company), for apiProperties.json.
    pub publisher: String,
    /// Who maintains the service (stackOwner).
    pub stack_owner: String,
    /// Connector categories (e.g. "Productivity", "IT Operations").
    pub categories: Vec<String>,
    /// API-key connectors: where in the service's account the key is created or shown
    /// ("Settings > API keys"), for readme.md and intro.md.
    pub api_key_help: String,
}

/// The pull request on microsoft/PowerPlatformConnectors (the proposal PR is reused for the
/// final submission).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PullRequest {
    pub number: Option<u64>,
    pub url: Option<String>,
}

/// One round of reviewer feedback.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackRound {
    pub date: NaiveDate,
    #[serde(default)]
    pub note: String,
}

/// Dates of what has happened so far. `None` = not yet.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Events {
    /// The proposal PR was opened (step 2).
    pub proposal_opened: Option<NaiveDate>,
    /// The artefacts were pushed and "Proposal -" dropped from the title (step 4).
    pub submitted: Option<NaiveDate>,
    /// Each feedback round from reviewers, oldest first.
    pub feedback_rounds: Vec<FeedbackRound>,
    /// The PR was merged.
    pub merged: Option<NaiveDate>,
    /// Certification passed / OneVet verification done (step 5).
    pub certified: Option<NaiveDate>,
    /// The Microsoft contact confirmed the deployment started (a Friday train).
    pub deployment_started: Option<NaiveDate>,
    /// Preview-region test credentials arrived (start of the 2-business-day window).
    pub preview_test_start: Option<NaiveDate>,
    /// Deployed to all production regions.
    pub deployed: Option<NaiveDate>,
}

/// Where the TUI was, so that resuming returns to the same place.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct UiState {
    /// The step on screen (may differ from the step reached).
    #[serde(deserialize_with = "lenient")]
    pub step: Option<Step>,
    /// The focused field, as an identifier owned by the TUI (e.g. "proposal.contact_email").
    pub field: Option<String>,
    /// The text of an editor that was open and not saved (restored on resume, e.g. after a
    /// crash).
    pub draft: Option<Draft>,
}

/// Text typed into a field and not saved yet.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    /// The field's identifier (as in [`UiState::field`]).
    pub field: String,
    pub text: String,
}

/// The checkout of microsoft/PowerPlatformConnectors the connector is exported into.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Checkout {
    /// The checkout's folder.
    pub dir: Option<PathBuf>,
    /// The branch the last export went onto.
    pub branch: Option<String>,
}

/// The whole state of one connector's journey.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Session {
    /// File format version; see [`SESSION_VERSION`].
    pub version: u32,
    /// The connector's display name (e.g. "HubSpot CRM").
    pub name: String,
    #[serde(deserialize_with = "lenient")]
    pub kind: ConnectorKind,
    /// Updating an existing connector rather than creating a new one.
    pub is_update: bool,
    /// The step the author has reached.
    #[serde(deserialize_with = "lenient")]
    pub current_step: Step,
    pub steps: StepStatuses,
    pub prerequisites: Prerequisites,
    /// Step 1.
    pub duplicate: DuplicateDecision,
    /// Step 2.
    pub proposal: Proposal,
    /// The author's working copy of the connector files (the Build step saves there).
    pub connector_dir: Option<PathBuf>,
    /// PR template checklist answers, by item id ("PRT-2", "PRT-IP-3", …).
    pub checklist: BTreeMap<String, bool>,
    pub pr: PullRequest,
    /// Where the connector is exported (4 Submit).
    pub checkout: Checkout,
    /// Files the wizard generated, by lower-case file name: the fingerprint of the bytes it
    /// wrote (see [`crate::generate::fingerprint`]), to tell an untouched generated file that
    /// is out of date from one the author edited.
    pub generated: BTreeMap<String, String>,
    pub events: Events,
    pub ui: UiState,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
    /// Top-level fields written by a newer build, kept as they were and written back.
    #[serde(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl Default for Session {
    fn default() -> Self {
        Session {
            version: SESSION_VERSION,
            name: String::new(),
            kind: ConnectorKind::default(),
            is_update: false,
            current_step: Step::default(),
            steps: StepStatuses::default(),
            prerequisites: Prerequisites::default(),
            duplicate: DuplicateDecision::default(),
            proposal: Proposal::default(),
            connector_dir: None,
            checklist: BTreeMap::new(),
            pr: PullRequest::default(),
            checkout: Checkout::default(),
            generated: BTreeMap::new(),
            events: Events::default(),
            ui: UiState::default(),
            created: DateTime::<Utc>::default(),
            updated: DateTime::<Utc>::default(),
            extra: serde_json::Map::new(),
        }
    }
}

impl Session {
    /// A fresh session, created now.
    pub fn new(name: impl Into<String>, kind: ConnectorKind) -> Session {
        let now = Utc::now();
        Session {
            name: name.into(),
            kind,
            created: now,
            updated: now,
            ..Session::default()
        }
    }

    /// The status of a step.
    pub fn status(&self, step: Step) -> StepStatus {
        self.steps.get(step)
    }

    /// Sets the status of a step.
    pub fn set_status(&mut self, step: Step, status: StepStatus) {
        self.steps.set(step, status);
    }

    /// Marks `current_step` done and moves to the next step (marking it in progress).
    /// Returns the new current step, or `None` when already at the last step.
    pub fn advance(&mut self) -> Option<Step> {
        self.set_status(self.current_step, StepStatus::Done);
        let next = self.current_step.next()?;
        self.current_step = next;
        if self.status(next) == StepStatus::NotStarted {
            self.set_status(next, StepStatus::InProgress);
        }
        Some(next)
    }

    /// The checklist answer for an item id (false when not answered).
    pub fn checked(&self, item: &str) -> bool {
        self.checklist.get(item).copied().unwrap_or(false)
    }

    /// The session as pretty JSON (with a final newline), unknown top-level fields included.
    pub fn to_json(&self) -> String {
        let mut value = serde_json::to_value(self).expect("a session always serializes");
        if let serde_json::Value::Object(map) = &mut value {
            for (k, v) in &self.extra {
                if !map.contains_key(k) {
                    map.insert(k.clone(), v.clone());
                }
            }
        }
        let mut s = serde_json::to_string_pretty(&value).expect("a JSON value always serializes");
        s.push('\n');
        s
    }
}

/// Why session text could not be turned into a [`Session`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseProblem {
    /// Not JSON, or JSON that is not a session; line and column are 1-based (0 = unknown).
    Invalid {
        line: usize,
        column: usize,
        message: String,
    },
    /// Written by a newer build with a format version this build does not support.
    TooNew { version: u64 },
}

impl fmt::Display for ParseProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseProblem::Invalid {
                line,
                column,
                message,
            } => {
                if *line > 0 {
                    write!(f, "line {line}, column {column}: {message}")
                } else {
                    f.write_str(message)
                }
            }
            ParseProblem::TooNew { version } => write!(
                f,
                "format version {version} is newer than this build supports ({SESSION_VERSION}); upgrade connector-wizard"
            ),
        }
    }
}

impl Session {
    /// Parses session JSON. Unknown fields are kept in [`Session::extra`] (top level) or
    /// ignored (nested); a newer `version` gives [`ParseProblem::TooNew`].
    pub fn from_json(text: &str) -> Result<Session, ParseProblem> {
        let invalid = |e: serde_json::Error| ParseProblem::Invalid {
            line: e.line(),
            column: e.column(),
            message: strip_position(&e.to_string()),
        };
        let value: serde_json::Value = serde_json::from_str(text).map_err(invalid)?;
        let serde_json::Value::Object(map) = &value else {
            return Err(ParseProblem::Invalid {
                line: 1,
                column: 1,
                message: "expected a JSON object (a session), found something else".into(),
            });
        };
        match map.get("version") {
            None => {}
            Some(serde_json::Value::Number(n)) if n.as_u64().is_some() => {
                let v = n.as_u64().unwrap_or(0);
                if v > u64::from(SESSION_VERSION) {
                    return Err(ParseProblem::TooNew { version: v });
                }
            }
            Some(other) => {
                return Err(ParseProblem::Invalid {
                    line: 0,
                    column: 0,
                    message: format!("`version` must be a whole number, found {other}"),
                })
            }
        }
        match map.get("name") {
            Some(serde_json::Value::String(s)) if !s.trim().is_empty() => {}
            _ => {
                return Err(ParseProblem::Invalid {
                    line: 0,
                    column: 0,
                    message: "the session has no `name`".into(),
                })
            }
        }
        // Parse from the text (not the value) so that type errors carry a line and column.
        let mut session: Session = serde_json::from_str(text).map_err(invalid)?;
        session.version = SESSION_VERSION;
        let known = serde_json::to_value(Session::default()).expect("default serializes");
        if let serde_json::Value::Object(known) = known {
            for (k, v) in map {
                if !known.contains_key(k) {
                    session.extra.insert(k.clone(), v.clone());
                }
            }
        }
        Ok(session)
    }
}

/// serde_json appends " at line L column C" to its messages; we report those separately.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_in_order_with_labels() {
        let labels: Vec<_> = Step::ALL.iter().map(|s| s.label()).collect();
        assert_eq!(
            labels,
            [
                "Prerequisites",
                "1 Verify",
                "2 Propose",
                "3 Build",
                "4 Submit",
                "5 Certify",
                "6 Deploy"
            ]
        );
        assert_eq!(Step::Prerequisites.prev(), None);
        assert_eq!(Step::Prerequisites.next(), Some(Step::Verify));
        assert_eq!(Step::Certify.prev(), Some(Step::Submit));
        assert_eq!(Step::Deploy.next(), None);
        assert_eq!(Step::Deploy.number(), Some(6));
        assert_eq!(Step::Prerequisites.number(), None);
        assert_eq!("3".parse::<Step>(), Ok(Step::Build));
        assert_eq!("4 submit".parse::<Step>(), Ok(Step::Submit));
        assert!("nope".parse::<Step>().is_err());
    }

    #[test]
    fn round_trip_keeps_everything() {
        let mut s = Session::new("HubSpot CRM", ConnectorKind::IndependentPublisher);
        s.current_step = Step::Submit;
        s.set_status(Step::Verify, StepStatus::Done);
        s.duplicate.outcome = Some(DuplicateOutcome::ContactProposal { pr: 4242 });
        s.proposal.auth = AuthKind::OAuth2;
        s.proposal.operations = vec!["Get contact".into(), "List deals".into()];
        s.checklist.insert("PRT-2".into(), true);
        s.events.submitted = NaiveDate::from_ymd_opt(2025, 11, 20);
        s.events.feedback_rounds.push(FeedbackRound {
            date: NaiveDate::from_ymd_opt(2025, 12, 1).unwrap(),
            note: "add response schemas".into(),
        });
        s.ui.field = Some("proposal.contact_email".into());
        let json = s.to_json();
        assert!(json.contains("\"version\": 1"));
        assert!(json.contains("\"outcome\": \"contact-proposal\""));
        assert!(json.contains("\"auth\": \"oauth2\""));
        let back = Session::from_json(&json).unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn unknown_fields_and_values_do_not_fail() {
        let text = r#"{
            "version": 1,
            "name": "Acme",
            "kind": "some-future-kind",
            "current_step": "publish",
            "steps": {"verify": "done", "publish": "done", "build": "paused"},
            "proposal": {"auth": "mutual-tls", "website_url": "https://acme.example", "colour": 3},
            "duplicate": {"outcome": {"outcome": "merge-with", "pr": 3}},
            "future_thing": {"a": [1, 2]}
        }"#;
        let s = Session::from_json(text).unwrap();
        assert_eq!(s.name, "Acme");
        assert_eq!(s.kind, ConnectorKind::IndependentPublisher);
        assert_eq!(s.current_step, Step::Prerequisites);
        assert_eq!(s.status(Step::Verify), StepStatus::Done);
        assert_eq!(s.status(Step::Build), StepStatus::NotStarted);
        assert_eq!(s.proposal.auth, AuthKind::None);
        assert_eq!(s.proposal.website_url, "https://acme.example");
        assert_eq!(s.duplicate.outcome, None);
        // Unknown top-level fields are written back.
        let again = s.to_json();
        assert!(again.contains("\"future_thing\""), "{again}");
    }

    #[test]
    fn newer_version_is_refused() {
        let err = Session::from_json(r#"{"version": 2, "name": "X"}"#).unwrap_err();
        assert_eq!(err, ParseProblem::TooNew { version: 2 });
        assert!(err.to_string().contains("upgrade"));
    }

    #[test]
    fn invalid_json_reports_position() {
        let err =
            Session::from_json("{\n  \"name\": \"X\",\n  \"is_update\": maybe\n}").unwrap_err();
        match err {
            ParseProblem::Invalid { line, column, .. } => {
                assert_eq!(line, 3);
                assert!(column > 0);
            }
            other => panic!("{other:?}"),
        }
        let err = Session::from_json("{\"name\": \"X\", \"is_update\": \"yes\"}").unwrap_err();
        assert!(
            matches!(err, ParseProblem::Invalid { line: 1, .. }),
            "{err:?}"
        );
        assert!(Session::from_json("[]").is_err());
        assert!(Session::from_json("{}").is_err());
        assert!(Session::from_json("").is_err());
    }

    #[test]
    fn advance_marks_done_and_next_in_progress() {
        let mut s = Session::new("X", ConnectorKind::Certified);
        assert_eq!(s.advance(), Some(Step::Verify));
        assert_eq!(s.status(Step::Prerequisites), StepStatus::Done);
        assert_eq!(s.status(Step::Verify), StepStatus::InProgress);
        s.current_step = Step::Deploy;
        assert_eq!(s.advance(), None);
        assert_eq!(s.status(Step::Deploy), StepStatus::Done);
    }
}
