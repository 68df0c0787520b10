//! Sessions: one connector's journey, saved atomically after every change, resumable.
//!
//! - [`model`]: the [`Session`] data model (versioned JSON, lenient loading),
//! - [`store`]: [`SessionStore`], one file per session, lock files, damaged files moved aside,
//! - [`slug`]: file names from connector names,
//! - [`lock`]: the pid lock file.
//!
//! ```no_run
//! use connector_wizard::session::{ConnectorKind, SessionStore, Step};
//! let store = SessionStore::default_location();
//! store.create("HubSpot CRM", ConnectorKind::IndependentPublisher)?;
//! let mut open = store.open("HubSpot CRM")?;
//! open.update(|s| s.current_step = Step::Verify)?; // saved at once
//! # Ok::<(), connector_wizard::session::SessionError>(())
//! ```

pub mod lock;
pub mod model;
pub mod slug;
pub mod store;

pub use model::{
    AuthKind, ConnectorKind, DuplicateDecision, DuplicateOutcome, Events, FeedbackRound,
    ParseProblem, Prerequisites, Proposal, PullRequest, Session, Step, StepStatus, StepStatuses,
    UiState, SESSION_VERSION,
};
pub use slug::{clean_name, slugify};
pub use store::{OpenSession, SessionError, SessionStore, SessionSummary};
