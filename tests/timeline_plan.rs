//! The timeline that follows from a session's recorded events.

use chrono::NaiveDate;
use connector_wizard::session::{ConnectorKind, FeedbackRound, Session};
use connector_wizard::timeline::{
    expected_dates, timeline_at, EntryState, Milestone, Region, TimelineEntry, When,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn session() -> Session {
    Session::new("Acme", ConnectorKind::IndependentPublisher)
}

fn find(t: &[TimelineEntry], m: Milestone) -> &TimelineEntry {
    t.iter()
        .find(|e| e.milestone == m)
        .unwrap_or_else(|| panic!("no {m:?} in {t:#?}"))
}

fn has(t: &[TimelineEntry], m: Milestone) -> bool {
    t.iter().any(|e| e.milestone == m)
}

#[test]
fn nothing_recorded_gives_nothing() {
    assert!(expected_dates(&session(), d(2025, 3, 3)).is_empty());
}

#[test]
fn submitted_gives_first_feedback_range() {
    let mut s = session();
    s.events.proposal_opened = Some(d(2025, 2, 20));
    s.events.submitted = Some(d(2025, 3, 3));
    let t = expected_dates(&s, d(2025, 3, 5));
    assert_eq!(find(&t, Milestone::ProposalOpened).state, EntryState::Done);
    let f = find(&t, Milestone::FirstFeedback);
    assert_eq!(
        f.when,
        When::Between {
            earliest: d(2025, 3, 10),
            latest: d(2025, 3, 17)
        }
    );
    assert_eq!(f.state, EntryState::Expected);
    // Two and a half weeks later with nothing recorded: overdue.
    let t = expected_dates(&s, d(2025, 3, 20));
    assert_eq!(
        find(&t, Milestone::FirstFeedback).state,
        EntryState::Overdue
    );
    // No deployment dates before certification.
    assert!(!has(&t, Milestone::DeploymentTrain));
}

#[test]
fn each_feedback_round_moves_the_next_answer() {
    let mut s = session();
    s.events.submitted = Some(d(2025, 12, 1));
    s.events.feedback_rounds = vec![
        FeedbackRound {
            date: d(2025, 12, 10),
            note: "add response schemas".into(),
        },
        FeedbackRound {
            date: d(2025, 12, 24),
            note: String::new(),
        },
    ];
    let t = expected_dates(&s, d(2025, 12, 26));
    assert!(!has(&t, Milestone::FirstFeedback));
    let r1 = find(&t, Milestone::FeedbackRound { n: 1 });
    assert_eq!(r1.note.as_deref(), Some("add response schemas"));
    assert_eq!(r1.state, EntryState::Done);
    let next = find(&t, Milestone::NextFeedback);
    // Across the year end.
    assert_eq!(
        next.when,
        When::Between {
            earliest: d(2025, 12, 31),
            latest: d(2026, 1, 7)
        }
    );
    // Entries are in date order.
    let firsts: Vec<_> = t.iter().map(|e| e.when.first()).collect();
    let mut sorted = firsts.clone();
    sorted.sort();
    assert_eq!(firsts, sorted);
}

#[test]
fn certified_before_thanksgiving_gives_train_regions_and_deployment() {
    let mut s = session();
    s.events.submitted = Some(d(2025, 10, 20));
    s.events.merged = Some(d(2025, 11, 17));
    s.events.certified = Some(d(2025, 11, 17));
    // Today Monday 24 November 2025 (Thanksgiving on Thursday 27).
    let t = expected_dates(&s, d(2025, 11, 24));
    assert!(!has(&t, Milestone::FirstFeedback), "review is over");
    let notify = find(&t, Milestone::NotifyDeadline);
    assert_eq!(
        notify.when,
        When::On {
            date: d(2025, 11, 27)
        }
    );
    assert!(notify.note.as_deref().unwrap().contains("08:00 Pacific"));
    let train = find(&t, Milestone::DeploymentTrain);
    assert_eq!(
        train.when,
        When::On {
            date: d(2025, 11, 28)
        }
    );
    let regions: Vec<_> = t
        .iter()
        .filter_map(|e| match e.milestone {
            Milestone::RegionLive { region } => Some((region, e.when.first())),
            _ => None,
        })
        .collect();
    assert_eq!(regions.len(), 6);
    assert_eq!(regions[0], (Region::Testing, d(2025, 11, 28)));
    assert_eq!(regions[5], (Region::AustraliaUkUs, d(2025, 12, 5)));
    // 15 business days after 17 November, skipping Thanksgiving: 9 December.
    let dep = find(&t, Milestone::DeploymentExpected);
    assert_eq!(
        dep.when,
        When::On {
            date: d(2025, 12, 9)
        }
    );
    assert_eq!(dep.state, EntryState::Expected);
}

#[test]
fn christmas_week_train_and_rollout_cross_the_year() {
    let mut s = session();
    s.events.certified = Some(d(2026, 12, 18));
    // Monday 21 December 2026: Christmas (25th) and New Year's Day (1st) are Fridays.
    let t = expected_dates(&s, d(2026, 12, 21));
    assert_eq!(
        find(&t, Milestone::DeploymentTrain).when,
        When::On {
            date: d(2027, 1, 8)
        }
    );
    assert_eq!(
        find(&t, Milestone::NotifyDeadline).when,
        When::On {
            date: d(2027, 1, 7)
        }
    );
    // Last region Friday 15 January 2027; 15 business days after 18 Dec 2026 is
    // Tuesday 12 January 2027, earlier, so the rollout end wins.
    assert_eq!(
        find(&t, Milestone::DeploymentExpected).when,
        When::On {
            date: d(2027, 1, 15)
        }
    );
}

#[test]
fn thursday_after_the_deadline_takes_next_weeks_train() {
    let mut s = session();
    s.events.certified = Some(d(2025, 3, 3));
    let morning = d(2025, 3, 13).and_hms_opt(7, 0, 0).unwrap();
    let noon = d(2025, 3, 13).and_hms_opt(12, 0, 0).unwrap();
    let train = |t: Vec<TimelineEntry>| find(&t, Milestone::DeploymentTrain).when.first();
    assert_eq!(train(timeline_at(&s.events, morning)), d(2025, 3, 14));
    assert_eq!(train(timeline_at(&s.events, noon)), d(2025, 3, 21));
}

#[test]
fn recorded_deployment_start_and_preview_window() {
    let mut s = session();
    s.events.certified = Some(d(2025, 12, 10));
    s.events.deployment_started = Some(d(2025, 12, 19));
    s.events.preview_test_start = Some(d(2025, 12, 22));
    let t = expected_dates(&s, d(2025, 12, 29));
    assert_eq!(
        find(&t, Milestone::DeploymentStarted).state,
        EntryState::Done
    );
    assert!(!has(&t, Milestone::DeploymentTrain), "train already taken");
    let end = find(&t, Milestone::PreviewTestEnd);
    assert_eq!(
        end.when,
        When::On {
            date: d(2025, 12, 23)
        }
    );
    assert_eq!(end.state, EntryState::Overdue);
    // Rollout regions before today are past, later ones expected.
    let live: Vec<_> = t
        .iter()
        .filter(|e| matches!(e.milestone, Milestone::RegionLive { .. }))
        .map(|e| (e.when.first(), e.state))
        .collect();
    assert_eq!(live[0], (d(2025, 12, 19), EntryState::Past));
    assert_eq!(live[5], (d(2025, 12, 29), EntryState::Expected));
    // 15 business days after Wednesday 10 Dec 2025, skipping 25 Dec and 1 Jan: Friday
    // 2 January 2026, after the last region (29 December).
    let dep = find(&t, Milestone::DeploymentExpected);
    assert_eq!(
        dep.when,
        When::On {
            date: d(2026, 1, 2)
        }
    );
    assert!(dep.note.as_deref().unwrap().contains("15 business days"));
}

#[test]
fn deployed_closes_the_timeline() {
    let mut s = session();
    s.events.submitted = Some(d(2025, 1, 6));
    s.events.certified = Some(d(2025, 2, 3));
    s.events.deployed = Some(d(2025, 2, 24));
    let t = expected_dates(&s, d(2025, 3, 1));
    assert!(t.iter().all(|e| e.state == EntryState::Done), "{t:#?}");
    assert_eq!(t.last().unwrap().milestone, Milestone::Deployed);
}

#[test]
fn certified_in_the_future_trains_from_certification() {
    let mut s = session();
    s.events.certified = Some(d(2025, 3, 20));
    let t = expected_dates(&s, d(2025, 3, 3));
    assert_eq!(
        find(&t, Milestone::DeploymentTrain).when,
        When::On {
            date: d(2025, 3, 21)
        }
    );
}

#[test]
fn serializes_for_json_output() {
    let mut s = session();
    s.events.certified = Some(d(2025, 3, 3));
    let t = expected_dates(&s, d(2025, 3, 3));
    let v = serde_json::to_value(&t).unwrap();
    let train = v
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["milestone"] == "deployment-train")
        .unwrap();
    assert_eq!(train["when"]["date"], "2025-03-07");
    assert_eq!(train["state"], "expected");
    let region = v
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["milestone"] == "region-live")
        .unwrap();
    assert_eq!(region["region"], "testing");
}
