//! The dates of steps 2 and 4–6 as named slots, and the checks that keep them possible: an
//! event is something that happened, so it is not in the future, and the events follow the
//! process (a feedback round comes after the submission, certification after the merge).

use super::model::{Events, Session};
use chrono::NaiveDate;

/// One recorded date of a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventSlot {
    ProposalOpened,
    Submitted,
    Round(usize),
    Merged,
    Certified,
    DeploymentStarted,
    PreviewTestStart,
    Deployed,
}

impl EventSlot {
    pub fn id(self) -> String {
        match self {
            EventSlot::ProposalOpened => "events.proposal_opened".into(),
            EventSlot::Submitted => "events.submitted".into(),
            EventSlot::Round(i) => format!("events.feedback_rounds.{i}"),
            EventSlot::Merged => "events.merged".into(),
            EventSlot::Certified => "events.certified".into(),
            EventSlot::DeploymentStarted => "events.deployment_started".into(),
            EventSlot::PreviewTestStart => "events.preview_test_start".into(),
            EventSlot::Deployed => "events.deployed".into(),
        }
    }

    /// The slot with that identifier.
    pub fn from_id(id: &str) -> Option<EventSlot> {
        if let Some(i) = id.strip_prefix("events.feedback_rounds.") {
            return i.parse().ok().map(EventSlot::Round);
        }
        [
            EventSlot::ProposalOpened,
            EventSlot::Submitted,
            EventSlot::Merged,
            EventSlot::Certified,
            EventSlot::DeploymentStarted,
            EventSlot::PreviewTestStart,
            EventSlot::Deployed,
        ]
        .into_iter()
        .find(|s| s.id() == id)
    }

    pub fn label(self) -> String {
        match self {
            EventSlot::ProposalOpened => "Proposal PR opened".into(),
            EventSlot::Submitted => "Submitted (\"Proposal -\" dropped)".into(),
            EventSlot::Round(i) => format!("Feedback round {}", i + 1),
            EventSlot::Merged => "PR merged".into(),
            EventSlot::Certified => "Certified (OneVet done)".into(),
            EventSlot::DeploymentStarted => "Deployment started (train)".into(),
            EventSlot::PreviewTestStart => "Preview test credentials received".into(),
            EventSlot::Deployed => "Deployed to all regions".into(),
        }
    }

    pub fn get(self, s: &Session) -> Option<NaiveDate> {
        self.get_in(&s.events)
    }

    fn get_in(self, e: &Events) -> Option<NaiveDate> {
        match self {
            EventSlot::ProposalOpened => e.proposal_opened,
            EventSlot::Submitted => e.submitted,
            EventSlot::Round(i) => e.feedback_rounds.get(i).map(|r| r.date),
            EventSlot::Merged => e.merged,
            EventSlot::Certified => e.certified,
            EventSlot::DeploymentStarted => e.deployment_started,
            EventSlot::PreviewTestStart => e.preview_test_start,
            EventSlot::Deployed => e.deployed,
        }
    }

    /// Sets (or, with `None`, clears) the date. Clearing a round deletes it.
    pub fn set(self, s: &mut Session, d: Option<NaiveDate>) {
        self.set_in(&mut s.events, d)
    }

    fn set_in(self, e: &mut Events, d: Option<NaiveDate>) {
        let slot = match self {
            EventSlot::ProposalOpened => &mut e.proposal_opened,
            EventSlot::Submitted => &mut e.submitted,
            EventSlot::Round(i) => {
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
            EventSlot::Merged => &mut e.merged,
            EventSlot::Certified => &mut e.certified,
            EventSlot::DeploymentStarted => &mut e.deployment_started,
            EventSlot::PreviewTestStart => &mut e.preview_test_start,
            EventSlot::Deployed => &mut e.deployed,
        };
        *slot = d;
    }
}

/// Why a date cannot be right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventProblem {
    pub slot: EventSlot,
    /// The whole sentence.
    pub message: String,
    /// A few words for beside the date ("after today", "before Submitted").
    pub short: String,
}

/// Every impossible date of `e` as of `today`: dates in the future, events before the ones
/// they follow, and events whose predecessor is missing (certified with no merge date).
pub fn event_problems(e: &Events, today: NaiveDate) -> Vec<EventProblem> {
    let mut out = Vec::new();
    let mut slots = vec![EventSlot::ProposalOpened, EventSlot::Submitted];
    slots.extend((0..e.feedback_rounds.len()).map(EventSlot::Round));
    slots.extend([
        EventSlot::Merged,
        EventSlot::Certified,
        EventSlot::DeploymentStarted,
        EventSlot::PreviewTestStart,
        EventSlot::Deployed,
    ]);
    let fmt = |d: NaiveDate| d.format("%a %Y-%m-%d").to_string();
    for slot in slots {
        let Some(d) = slot.get_in(e) else { continue };
        let problem = |message: String, short: String| EventProblem {
            slot,
            message,
            short,
        };
        if d > today {
            out.push(problem(
                format!(
                    "{} is recorded as {}, after today ({}): record it when it has happened",
                    slot.label(),
                    fmt(d),
                    fmt(today)
                ),
                "after today".into(),
            ));
            continue;
        }
        // The event this one must follow (and whether that one must be recorded first).
        let (before, required) = predecessor(slot);
        let Some(before) = before else { continue };
        match before.get_in(e) {
            Some(b) if b > d => out.push(problem(
                format!(
                    "{} ({}) is before \"{}\" ({})",
                    slot.label(),
                    fmt(d),
                    before.label(),
                    fmt(b)
                ),
                format!("before \"{}\"", before.label()),
            )),
            None if required => out.push(problem(
                format!(
                    "{} needs the date of \"{}\" first",
                    slot.label(),
                    before.label()
                ),
                format!("needs \"{}\" first", before.label()),
            )),
            _ => {}
        }
    }
    out
}

/// The event a slot follows in the process, and whether it must be recorded first.
fn predecessor(slot: EventSlot) -> (Option<EventSlot>, bool) {
    match slot {
        EventSlot::ProposalOpened => (None, false),
        EventSlot::Submitted => (Some(EventSlot::ProposalOpened), false),
        EventSlot::Round(0) => (Some(EventSlot::Submitted), true),
        EventSlot::Round(i) => (Some(EventSlot::Round(i - 1)), true),
        EventSlot::Merged => (Some(EventSlot::Submitted), true),
        EventSlot::Certified => (Some(EventSlot::Merged), true),
        EventSlot::DeploymentStarted => (Some(EventSlot::Certified), true),
        EventSlot::PreviewTestStart => (Some(EventSlot::DeploymentStarted), true),
        EventSlot::Deployed => (Some(EventSlot::DeploymentStarted), true),
    }
}

/// The problems of `slot` once it is set to `d` (what saving that date would cause).
pub fn problems_if_set(
    s: &Session,
    slot: EventSlot,
    d: Option<NaiveDate>,
    today: NaiveDate,
) -> Vec<String> {
    let mut e = s.events.clone();
    slot.set_in(&mut e, d);
    event_problems(&e, today)
        .into_iter()
        .filter(|p| p.slot == slot)
        .map(|p| p.message)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{ConnectorKind, FeedbackRound};

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn impossible_dates_are_found() {
        let today = day("2025-11-20");
        let mut s = Session::new("Acme", ConnectorKind::IndependentPublisher);
        s.events.submitted = Some(day("2025-11-10"));
        s.events.feedback_rounds.push(FeedbackRound {
            date: day("2025-11-01"),
            note: String::new(),
        });
        s.events.feedback_rounds.push(FeedbackRound {
            date: day("2025-12-01"),
            note: String::new(),
        });
        s.events.certified = Some(day("2025-11-15"));
        let p = event_problems(&s.events, today);
        let slots: Vec<EventSlot> = p.iter().map(|p| p.slot).collect();
        assert_eq!(
            slots,
            [
                EventSlot::Round(0),
                EventSlot::Round(1),
                EventSlot::Certified
            ]
        );
        assert!(
            p[0].message.contains("before \"Submitted"),
            "{}",
            p[0].message
        );
        assert!(p[1].message.contains("after today"), "{}", p[1].message);
        assert!(
            p[2].message.contains("\"PR merged\" first"),
            "{}",
            p[2].message
        );
        // A merge date in the future, tested before it is saved.
        assert!(!problems_if_set(&s, EventSlot::Merged, Some(day("2026-01-05")), today).is_empty());
        assert!(problems_if_set(&s, EventSlot::Merged, Some(day("2025-11-14")), today).is_empty());
    }

    #[test]
    fn ids_round_trip() {
        for slot in [
            EventSlot::Round(3),
            EventSlot::Deployed,
            EventSlot::ProposalOpened,
        ] {
            assert_eq!(EventSlot::from_id(&slot.id()), Some(slot));
        }
        assert_eq!(EventSlot::from_id("events.nope"), None);
    }
}
