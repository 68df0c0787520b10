//! Where a session stands: the status of each step, worked out from what the session records
//! and (for Build and Submit) from the connector's files, and the step the author has
//! reached. One place for the wizard, `session list` and `--from` alike.

use super::events::event_problems;
use super::fields::ProposalField;
use super::model::{DuplicateOutcome, Session, Step, StepStatus};
use chrono::NaiveDate;

/// What the files say, for the statuses that depend on them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FileFacts {
    /// Errors of the check of the working copy, when it was checked.
    pub build_errors: Option<usize>,
    /// The checkout holds the working copy as it is (nothing left to export).
    pub exported: bool,
}

/// Whether a step is part of this session's journey: an update needs no proposal PR.
pub fn applies(s: &Session, step: Step) -> bool {
    !(s.is_update && step == Step::Propose)
}

/// The first step that applies and is not done. An update starts at 3 Build (its connector
/// exists), so the prerequisites and the proposal do not hold it back.
pub fn step_reached(s: &Session) -> Step {
    let first = if s.is_update {
        Step::Build
    } else {
        Step::Prerequisites
    };
    Step::ALL
        .iter()
        .copied()
        .filter(|st| *st >= first && applies(s, *st))
        .find(|st| s.status(*st) != StepStatus::Done)
        .unwrap_or(Step::Deploy)
}

/// The step whose decision blocks the journey, with the reason (1 Verify: "cannot build").
pub fn blocked_by(s: &Session) -> Option<(Step, String)> {
    match &s.duplicate.outcome {
        Some(o @ (DuplicateOutcome::CannotBuild | DuplicateOutcome::WaitForOpenPr { .. })) => {
            Some((Step::Verify, o.label()))
        }
        _ => None,
    }
}

/// Recomputes the status of each step and the step reached. Returns whether anything
/// changed.
pub fn refresh(s: &mut Session, files: FileFacts, today: NaiveDate) -> bool {
    let before = (s.steps, s.current_step);
    let p = &s.prerequisites;
    let prereq = match (p.repository as u8) + (p.learning_content as u8) + (p.manifesto as u8) {
        3 => StepStatus::Done,
        0 => StepStatus::NotStarted,
        _ => StepStatus::InProgress,
    };
    s.set_status(Step::Prerequisites, prereq);
    let verify = match &s.duplicate.outcome {
        None if s.duplicate.query.is_empty() => StepStatus::NotStarted,
        None => StepStatus::InProgress,
        Some(DuplicateOutcome::CannotBuild | DuplicateOutcome::WaitForOpenPr { .. }) => {
            StepStatus::Blocked
        }
        Some(_) => StepStatus::Done,
    };
    s.set_status(Step::Verify, verify);

    let problems = event_problems(&s.events, today);
    let bad = |ids: &[&str]| {
        problems
            .iter()
            .any(|p| ids.iter().any(|i| p.slot.id().starts_with(i)))
    };
    let proposal_started = s.proposal != Default::default();
    let proposal_valid = ProposalField::ALL
        .iter()
        .all(|f| f.problem(&f.get(s)).is_none());
    let propose = if !applies(s, Step::Propose) {
        StepStatus::NotStarted
    } else if s.events.proposal_opened.is_some()
        && proposal_valid
        && !bad(&["events.proposal_opened"])
    {
        StepStatus::Done
    } else if proposal_started || s.events.proposal_opened.is_some() {
        StepStatus::InProgress
    } else {
        StepStatus::NotStarted
    };
    s.set_status(Step::Propose, propose);

    if let Some(errors) = files.build_errors {
        s.set_status(
            Step::Build,
            if errors == 0 {
                StepStatus::Done
            } else {
                StepStatus::InProgress
            },
        );
    } else if s.connector_dir.is_some() && s.status(Step::Build) == StepStatus::NotStarted {
        s.set_status(Step::Build, StepStatus::InProgress);
    }

    let submitted_ok = s.events.submitted.is_some() && !bad(&["events.submitted"]);
    let submit = if submitted_ok && (files.exported || s.status(Step::Submit) == StepStatus::Done) {
        StepStatus::Done
    } else if s.events.submitted.is_some() || files.exported || s.checklist.values().any(|v| *v) {
        StepStatus::InProgress
    } else {
        StepStatus::NotStarted
    };
    s.set_status(Step::Submit, submit);

    let e = s.events.clone();
    let certify_bad = bad(&[
        "events.feedback_rounds",
        "events.merged",
        "events.certified",
    ]);
    let certify = if e.certified.is_some() && !certify_bad {
        StepStatus::Done
    } else if e.submitted.is_some()
        || !e.feedback_rounds.is_empty()
        || e.merged.is_some()
        || e.certified.is_some()
    {
        StepStatus::InProgress
    } else {
        StepStatus::NotStarted
    };
    s.set_status(Step::Certify, certify);
    let deploy_bad = bad(&[
        "events.deployment_started",
        "events.preview_test_start",
        "events.deployed",
    ]);
    let deploy = if e.deployed.is_some() && !deploy_bad {
        StepStatus::Done
    } else if e.deployment_started.is_some()
        || e.preview_test_start.is_some()
        || e.deployed.is_some()
        || (e.certified.is_some() && !certify_bad)
    {
        StepStatus::InProgress
    } else {
        StepStatus::NotStarted
    };
    s.set_status(Step::Deploy, deploy);
    s.current_step = step_reached(s);
    (s.steps, s.current_step) != before
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::ConnectorKind;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn an_update_starts_at_build_and_needs_no_proposal() {
        let mut s = Session::new("Contoso", ConnectorKind::IndependentPublisher);
        s.is_update = true;
        s.duplicate.outcome = Some(DuplicateOutcome::ExtendExisting {
            name: "Contoso".into(),
        });
        refresh(&mut s, FileFacts::default(), day("2025-11-20"));
        assert_eq!(s.current_step, Step::Build);
        assert_eq!(s.status(Step::Propose), StepStatus::NotStarted);
        assert!(!applies(&s, Step::Propose));
    }

    #[test]
    fn impossible_dates_are_not_done() {
        let mut s = Session::new("Acme", ConnectorKind::IndependentPublisher);
        // Certified with no merge date.
        s.events.submitted = Some(day("2025-11-01"));
        s.events.certified = Some(day("2025-11-10"));
        refresh(&mut s, FileFacts::default(), day("2025-11-20"));
        assert_eq!(s.status(Step::Certify), StepStatus::InProgress);
        s.events.merged = Some(day("2025-11-05"));
        refresh(&mut s, FileFacts::default(), day("2025-11-20"));
        assert_eq!(s.status(Step::Certify), StepStatus::Done);
        // An invalid e-mail keeps the proposal from being done.
        s.events.proposal_opened = Some(day("2025-10-01"));
        s.proposal.contact_email = "bob".into();
        refresh(&mut s, FileFacts::default(), day("2025-11-20"));
        assert_eq!(s.status(Step::Propose), StepStatus::InProgress);
    }

    #[test]
    fn blocked_by_cannot_build() {
        let mut s = Session::new("Calendly", ConnectorKind::IndependentPublisher);
        assert_eq!(blocked_by(&s), None);
        s.duplicate.outcome = Some(DuplicateOutcome::CannotBuild);
        let (step, why) = blocked_by(&s).unwrap();
        assert_eq!(step, Step::Verify);
        assert!(why.contains("cannot build"));
    }
}
