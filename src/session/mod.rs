//! Sessions: one connector's journey, saved atomically after every change, resumable.
//!
//! - [`model`]: the [`Session`] data model (versioned JSON).

pub mod model;

pub use model::{
    AuthKind, ConnectorKind, DuplicateDecision, DuplicateOutcome, Events, FeedbackRound,
    ParseProblem, Prerequisites, Proposal, PullRequest, Session, Step, StepStatus, StepStatuses,
    UiState, SESSION_VERSION,
};
