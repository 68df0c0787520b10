//! The dates that follow from what has happened so far in a session.

use super::calendar::{
    expected_deployment, feedback_after, first_feedback, next_train_at, preview_test_window,
    region_rollout, DateRange, Region, DEPLOYMENT_BUSINESS_DAYS, TRAIN_HOUR_PACIFIC,
};
use crate::session::{Events, Session};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;

/// When an entry happens: one day, or a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum When {
    On {
        date: NaiveDate,
    },
    Between {
        earliest: NaiveDate,
        latest: NaiveDate,
    },
}

impl When {
    pub fn first(&self) -> NaiveDate {
        match *self {
            When::On { date } => date,
            When::Between { earliest, .. } => earliest,
        }
    }
    pub fn last(&self) -> NaiveDate {
        match *self {
            When::On { date } => date,
            When::Between { latest, .. } => latest,
        }
    }
}

impl From<DateRange> for When {
    fn from(r: DateRange) -> When {
        When::Between {
            earliest: r.earliest,
            latest: r.latest,
        }
    }
}

/// Whether an entry happened, is expected, or is late.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntryState {
    /// Recorded in the session.
    Done,
    /// Expected today or later.
    Expected,
    /// Expected before today and not recorded: worth asking about.
    Overdue,
    /// A date computed from the schedule that is now past (not something the author records).
    Past,
}

/// What an entry is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "milestone", rename_all = "kebab-case")]
pub enum Milestone {
    ProposalOpened,
    Submitted,
    /// A recorded feedback round (1-based).
    FeedbackRound {
        n: usize,
    },
    /// The first feedback after submission.
    FirstFeedback,
    /// The reviewers' answer to the author's latest update.
    NextFeedback,
    Merged,
    Certified,
    /// Deadline to tell the Microsoft contact, 24 h before the train.
    NotifyDeadline,
    /// The next Friday production deployment train.
    DeploymentTrain,
    DeploymentStarted,
    RegionLive {
        region: Region,
    },
    PreviewTestStart,
    /// Last day to test in the preview region and confirm "Go live".
    PreviewTestEnd,
    /// All regions, on average 15 business days after certification.
    DeploymentExpected,
    Deployed,
}

/// One line of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimelineEntry {
    #[serde(flatten)]
    pub milestone: Milestone,
    pub label: String,
    pub when: When,
    pub state: EntryState,
    /// Extra detail (a feedback note, the time of day, advice).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The timeline of a session as of `today` (trains are computed from the start of `today`,
/// Pacific time).
pub fn expected_dates(session: &Session, today: NaiveDate) -> Vec<TimelineEntry> {
    timeline_at(&session.events, today.and_time(NaiveTime::MIN))
}

/// The timeline of the recorded events as of `now` (Pacific wall-clock time, e.g.
/// [`super::pacific_now`]): recorded events as done, then what follows from them.
/// Entries are in date order.
pub fn timeline_at(e: &Events, now: NaiveDateTime) -> Vec<TimelineEntry> {
    let today = now.date();
    let mut out: Vec<TimelineEntry> = Vec::new();
    let done = |milestone, label: &str, date, note: Option<String>| TimelineEntry {
        milestone,
        label: label.to_string(),
        when: When::On { date },
        state: EntryState::Done,
        note,
    };
    // Something the author will record: late when its last day is before today.
    let expect = |milestone, label: &str, when: When, note: Option<String>| TimelineEntry {
        milestone,
        label: label.to_string(),
        state: if when.last() < today {
            EntryState::Overdue
        } else {
            EntryState::Expected
        },
        when,
        note,
    };

    if let Some(d) = e.proposal_opened {
        out.push(done(
            Milestone::ProposalOpened,
            "Proposal PR opened",
            d,
            None,
        ));
    }
    if let Some(d) = e.submitted {
        out.push(done(
            Milestone::Submitted,
            "Submitted for certification",
            d,
            None,
        ));
    }
    for (i, r) in e.feedback_rounds.iter().enumerate() {
        let note = (!r.note.trim().is_empty()).then(|| r.note.trim().to_string());
        out.push(done(
            Milestone::FeedbackRound { n: i + 1 },
            &format!("Feedback round {}", i + 1),
            r.date,
            note,
        ));
    }
    let reviewed = e.merged.is_some() || e.certified.is_some() || e.deployed.is_some();
    if !reviewed {
        match (e.feedback_rounds.last(), e.submitted) {
            (Some(last), _) => out.push(expect(
                Milestone::NextFeedback,
                "Review of your update expected",
                feedback_after(last.date).into(),
                Some("each update round adds 1–2 weeks".into()),
            )),
            (None, Some(s)) => out.push(expect(
                Milestone::FirstFeedback,
                "First feedback expected",
                first_feedback(s).into(),
                Some("1–2 weeks after submission".into()),
            )),
            (None, None) => {}
        }
    }
    if let Some(d) = e.merged {
        out.push(done(Milestone::Merged, "PR merged", d, None));
    }
    if let Some(d) = e.certified {
        out.push(done(
            Milestone::Certified,
            "Certification passed (OneVet done)",
            d,
            None,
        ));
    }

    let anchor = e.certified.or(e.merged);
    if e.deployed.is_none() && (anchor.is_some() || e.deployment_started.is_some()) {
        let rollout_start = match e.deployment_started {
            Some(d) => {
                out.push(done(
                    Milestone::DeploymentStarted,
                    "Deployment started",
                    d,
                    None,
                ));
                d
            }
            None => {
                // The next train that can still be made, not before certification.
                let from = match anchor {
                    Some(a) if a > today => a.and_time(NaiveTime::MIN),
                    _ => now,
                };
                let train = next_train_at(from);
                out.push(expect(
                    Milestone::NotifyDeadline,
                    "Tell your Microsoft contact to catch the train",
                    When::On {
                        date: train.notify_by.date(),
                    },
                    Some(format!(
                        "by {} Pacific time, 24 hours before the train",
                        train.notify_by.format("%H:%M")
                    )),
                ));
                out.push(expect(
                    Milestone::DeploymentTrain,
                    "Next production deployment train",
                    When::On { date: train.friday },
                    Some(format!(
                        "Friday morning, about {TRAIN_HOUR_PACIFIC:02}:00 Pacific time"
                    )),
                ));
                train.friday
            }
        };
        let rollout = region_rollout(rollout_start);
        for (i, (region, date)) in rollout.iter().enumerate() {
            out.push(TimelineEntry {
                milestone: Milestone::RegionLive { region: *region },
                label: format!("Region {}: {}", i + 1, region.label()),
                when: When::On { date: *date },
                state: if *date < today {
                    EntryState::Past
                } else {
                    EntryState::Expected
                },
                note: (*region == Region::UsPreview && e.preview_test_start.is_none())
                    .then(|| "test in an environment of region Preview (United States)".into()),
            });
        }
        if let Some(p) = e.preview_test_start {
            out.push(done(
                Milestone::PreviewTestStart,
                "Preview test credentials received",
                p,
                None,
            ));
            let w = preview_test_window(p);
            out.push(expect(
                Milestone::PreviewTestEnd,
                "Test and confirm \"Go live\" by",
                When::On { date: w.latest },
                Some("the preview environment expires after 2 business days".into()),
            ));
        }
        let mut all_regions = rollout.last().map(|x| x.1).unwrap_or(rollout_start);
        let mut note = "after the last region of the rollout".to_string();
        if let Some(a) = anchor {
            let avg = expected_deployment(a);
            if avg >= all_regions {
                all_regions = avg;
                note = format!(
                    "on average {DEPLOYMENT_BUSINESS_DAYS} business days after certification"
                );
            }
        }
        out.push(expect(
            Milestone::DeploymentExpected,
            "Deployed to all regions",
            When::On { date: all_regions },
            Some(note),
        ));
    }
    if let Some(d) = e.deployed {
        out.push(done(
            Milestone::Deployed,
            "Deployed to all regions",
            d,
            None,
        ));
    }
    // Date order; ties keep the logical order above.
    out.sort_by_key(|x| x.when.first());
    out
}
