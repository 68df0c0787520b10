//! 5 Certify and 6 Deploy: the dates recorded so far (each checked: nothing in the future,
//! nothing before what it follows), the dates that follow from them, and the calendar strip
//! that places them all on a picture of the weeks.

use crate::session::{event_problems, EventProblem, EventSlot, FeedbackRound, Session, Step};
use crate::timeline::{EntryState, Milestone, TimelineEntry, When};
use crate::tui::action::{Cmd, Effect, Pending};
use crate::tui::editor::{EditTarget, Editor};
use crate::tui::list::{ListId, ListNav, Pane, Scroll};
use crate::tui::shared::{Popup, Shared};
use crate::tui::theme::DayMark;
use chrono::{Datelike, Duration, NaiveDate};

/// The rows of steps 5 and 6.
pub fn rows(step: Step, s: &Session) -> Vec<EventSlot> {
    match step {
        Step::Certify => {
            // An update has no proposal PR.
            let mut v = if s.is_update && s.events.proposal_opened.is_none() {
                vec![EventSlot::Submitted]
            } else {
                vec![EventSlot::ProposalOpened, EventSlot::Submitted]
            };
            v.extend((0..s.events.feedback_rounds.len()).map(EventSlot::Round));
            v.extend([EventSlot::Merged, EventSlot::Certified]);
            v
        }
        Step::Deploy => vec![
            EventSlot::DeploymentStarted,
            EventSlot::PreviewTestStart,
            EventSlot::Deployed,
        ],
        _ => Vec::new(),
    }
}

/// The days of the calendar strip, each with what it shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    /// A Monday.
    pub start: NaiveDate,
    /// One mark per day from `start`, whole weeks.
    pub days: Vec<DayMark>,
    /// The first day worth showing when not everything fits (the earliest of today and what
    /// is still expected).
    pub focus: NaiveDate,
    pub today: NaiveDate,
}

impl Calendar {
    pub fn date(&self, i: usize) -> NaiveDate {
        self.start + Duration::days(i as i64)
    }

    /// What shows on a day (the most important mark of that day).
    pub fn mark(&self, d: NaiveDate) -> Option<DayMark> {
        let i = (d - self.start).num_days();
        (i >= 0)
            .then(|| self.days.get(i as usize).copied())
            .flatten()
    }
}

#[derive(Debug, Default)]
pub struct State {
    pub nav: ListNav,
    pub focus: Pane,
    /// The timeline pane (the strip and the list of dates).
    pub timeline: Scroll,
    pub step: Option<Step>,
    pub rows: Vec<EventSlot>,
    /// The timeline entries that belong to this step.
    pub entries: Vec<TimelineEntry>,
    /// Impossible dates among the recorded ones.
    pub problems: Vec<EventProblem>,
    pub calendar: Calendar,
    key: String,
}

impl State {
    /// A few words on what is wrong with a recorded date.
    pub fn problem(&self, slot: EventSlot) -> Option<&str> {
        self.problems
            .iter()
            .find(|p| p.slot == slot)
            .map(|p| p.short.as_str())
    }
}

pub fn list(st: &State) -> (ListId, usize) {
    (ListId::Track, st.rows.len())
}

fn relevant(step: Step, m: &Milestone) -> bool {
    match step {
        Step::Certify => matches!(
            m,
            Milestone::ProposalOpened
                | Milestone::Submitted
                | Milestone::FeedbackRound { .. }
                | Milestone::FirstFeedback
                | Milestone::NextFeedback
                | Milestone::Merged
                | Milestone::Certified
        ),
        _ => !matches!(
            m,
            Milestone::ProposalOpened | Milestone::Submitted | Milestone::FeedbackRound { .. }
        ),
    }
}

/// Recomputes the rows, the problems, the timeline and the calendar.
pub fn sync(st: &mut State, sh: &Shared, step: Step) {
    let Some(s) = sh.session() else { return };
    let key = format!("{step:?}|{}|{:?}", sh.today, s.events);
    if key == st.key {
        return;
    }
    st.key = key;
    if st.step != Some(step) {
        st.nav = ListNav::default();
        st.timeline = Scroll::default();
        st.step = Some(step);
    }
    st.rows = rows(step, s);
    st.nav.clamp(st.rows.len());
    st.problems = event_problems(&s.events, sh.today);
    let all = crate::timeline::expected_dates(s, sh.today);
    st.calendar = calendar(&all, sh.today);
    st.entries = all
        .into_iter()
        .filter(|e| relevant(step, &e.milestone))
        .collect();
}

/// Places every entry of the timeline on the days.
pub fn calendar(entries: &[TimelineEntry], today: NaiveDate) -> Calendar {
    let first = entries
        .iter()
        .map(|e| e.when.first())
        .chain([today])
        .min()
        .unwrap_or(today);
    let last = entries
        .iter()
        .map(|e| e.when.last())
        .chain([today])
        .max()
        .unwrap_or(today);
    let monday = |d: NaiveDate| d - Duration::days(d.weekday().num_days_from_monday() as i64);
    let start = monday(first);
    let end = monday(last) + Duration::days(13);
    let n = (end - start).num_days() as usize + 1;
    let mut days: Vec<DayMark> = (0..n)
        .map(|i| {
            let d = start + Duration::days(i as i64);
            if crate::timeline::observed_holiday(d).is_some() {
                DayMark::Holiday
            } else if d.weekday().number_from_monday() >= 6 {
                DayMark::Weekend
            } else {
                DayMark::Plain
            }
        })
        .collect();
    let mut put = |d: NaiveDate, m: DayMark| {
        let i = (d - start).num_days();
        if let Some(slot) = usize::try_from(i).ok().and_then(|i| days.get_mut(i)) {
            if m < *slot {
                *slot = m;
            }
        }
    };
    for e in entries {
        let mark = match e.milestone {
            Milestone::ProposalOpened => DayMark::Proposal,
            Milestone::Submitted => DayMark::Submitted,
            Milestone::FeedbackRound { .. } => DayMark::Feedback,
            Milestone::FirstFeedback | Milestone::NextFeedback => DayMark::Expected,
            Milestone::Merged => DayMark::Merged,
            Milestone::Certified => DayMark::Certified,
            Milestone::NotifyDeadline => DayMark::Notify,
            Milestone::DeploymentTrain | Milestone::DeploymentStarted => DayMark::Train,
            Milestone::RegionLive { region } => {
                let n = crate::timeline::Region::ALL
                    .iter()
                    .position(|r| *r == region)
                    .unwrap_or(0);
                DayMark::Region(n as u8 + 1)
            }
            Milestone::PreviewTestStart => DayMark::Preview,
            Milestone::PreviewTestEnd => DayMark::PreviewEnd,
            Milestone::DeploymentExpected | Milestone::Deployed => DayMark::Deployed,
        };
        match e.when {
            When::On { date } => put(date, mark),
            When::Between { earliest, latest } => {
                let mut d = earliest;
                while d <= latest {
                    if crate::timeline::is_business_day(d) {
                        put(d, mark);
                    }
                    d += Duration::days(1);
                }
            }
        }
    }
    // The preview window: the business days from the credentials to the go-live deadline.
    let preview = entries
        .iter()
        .find(|e| e.milestone == Milestone::PreviewTestStart)
        .map(|e| e.when.first());
    let go_live = entries
        .iter()
        .find(|e| e.milestone == Milestone::PreviewTestEnd)
        .map(|e| e.when.first());
    if let (Some(a), Some(b)) = (preview, go_live) {
        let mut d = a;
        while d < b {
            if crate::timeline::is_business_day(d) {
                put(d, DayMark::Preview);
            }
            d += Duration::days(1);
        }
    }
    let focus = entries
        .iter()
        .filter(|e| matches!(e.state, EntryState::Expected | EntryState::Overdue))
        .map(|e| e.when.first())
        .chain([today])
        .min()
        .unwrap_or(today);
    Calendar {
        start,
        days,
        focus: monday(focus.min(today)),
        today,
    }
}

pub fn command(st: &mut State, sh: &mut Shared, step: Step, cmd: Cmd, fx: &mut Vec<Effect>) {
    if cmd == Cmd::NextPane {
        st.focus = st.focus.other();
        return;
    }
    if st.focus == Pane::Side && st.timeline.on(cmd) {
        return;
    }
    let slot = st.rows.get(st.nav.selected).copied();
    match cmd {
        Cmd::Activate => {
            if let Some(slot) = slot {
                edit_slot(sh, slot);
            }
        }
        Cmd::Today => {
            let Some(slot) = slot else { return };
            let today = sh.today;
            set_date(sh, slot, Some(today), fx);
        }
        Cmd::AddRound => {
            let Some(s) = sh.session() else { return };
            let n = s.events.feedback_rounds.len();
            let problems = crate::session::events::problems_if_set(
                &{
                    let mut t = s.clone();
                    t.events.feedback_rounds.push(FeedbackRound {
                        date: sh.today,
                        note: String::new(),
                    });
                    t
                },
                EventSlot::Round(n),
                Some(sh.today),
                sh.today,
            );
            if let Some(p) = problems.first() {
                sh.warn(format!("No round added: {p}."));
                return;
            }
            let today = sh.today;
            if sh.change(fx, |s| {
                s.events.feedback_rounds.push(FeedbackRound {
                    date: today,
                    note: String::new(),
                })
            }) {
                if let Some(s) = sh.session() {
                    st.rows = rows(step, s);
                }
                if let Some(i) = st.rows.iter().position(|r| *r == EventSlot::Round(n)) {
                    st.nav.selected = i;
                }
                sh.say(format!(
                    "Feedback round {} added, dated today. Enter edits its date and note.",
                    n + 1
                ));
            }
        }
        Cmd::Delete => {
            let Some(slot) = slot else { return };
            if sh.session().is_some_and(|s| slot.get(s).is_none()) {
                return;
            }
            sh.popup = Some(Popup::Confirm {
                title: "Clear?".into(),
                body: vec![match slot {
                    EventSlot::Round(_) => format!("Delete {}?", slot.label().to_lowercase()),
                    _ => format!("Clear the date of \"{}\"?", slot.label()),
                }],
                on_yes: Pending::ClearDate(slot),
            });
        }
        _ => {}
    }
}

/// Opens the editor of a date (or of a feedback round's date and note).
pub fn edit_slot(sh: &mut Shared, slot: EventSlot) {
    if sh.refuse_read_only() {
        return;
    }
    let EventSlot::Round(i) = slot else {
        return super::common::edit_date(sh, slot);
    };
    let Some(r) = sh.session().and_then(|s| s.events.feedback_rounds.get(i)) else {
        return;
    };
    let text = format!("{} {}", r.date, r.note).trim_end().to_string();
    sh.editor = Some(Editor::new(
        EditTarget::RoundNote(i),
        format!("{} — date and note", slot.label()),
        &text,
        false,
    ));
}

/// What is wrong with a typed date (the format), for live feedback.
pub fn date_problem(text: &str) -> Option<String> {
    let t = text.trim();
    if t.is_empty() || NaiveDate::parse_from_str(t, "%Y-%m-%d").is_ok() {
        None
    } else {
        Some("write the date as YYYY-MM-DD (empty clears it)".into())
    }
}

/// Sets a date when it is possible; says why not otherwise. Returns whether it was set.
fn set_date(sh: &mut Shared, slot: EventSlot, d: Option<NaiveDate>, fx: &mut Vec<Effect>) -> bool {
    let Some(s) = sh.session() else { return false };
    if let Some(p) = crate::session::events::problems_if_set(s, slot, d, sh.today).first() {
        sh.warn(format!("Not saved: {p}."));
        return false;
    }
    let ok = sh.change(fx, |s| slot.set(s, d));
    if ok {
        sh.say(match d {
            Some(d) => format!("Saved: {} on {}.", slot.label(), d.format("%a %Y-%m-%d")),
            None => format!("Cleared: {}.", slot.label()),
        });
    }
    ok
}

/// Saving a date: a wrong format or an impossible date keeps the editor open with its error.
pub fn save_date(sh: &mut Shared, slot: EventSlot, ed: Editor, fx: &mut Vec<Effect>) {
    let text = ed.text();
    let keep_open = |sh: &mut Shared, ed: Editor, p: String| {
        let mut ed = ed;
        ed.problem = Some(p);
        sh.editor = Some(ed);
    };
    if let Some(p) = date_problem(&text) {
        sh.warn(format!("Not saved: {p}."));
        return keep_open(sh, ed, p);
    }
    if !ed.changed() {
        sh.quiet();
        return;
    }
    let d = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok();
    if !set_date(sh, slot, d, fx) {
        let p = sh
            .messages
            .current
            .as_ref()
            .map(|m| m.text.trim_start_matches("Not saved: ").to_string())
            .unwrap_or_default();
        keep_open(sh, ed, p);
    }
}

/// Saving a feedback round: its date first, then the note.
pub fn save_round(sh: &mut Shared, i: usize, ed: Editor, fx: &mut Vec<Effect>) {
    let text = ed.text();
    let t = text.trim();
    let (date, note) = match t.split_once(char::is_whitespace) {
        Some((d, n)) => (d, n.trim()),
        None => (t, ""),
    };
    let problem = match NaiveDate::parse_from_str(date, "%Y-%m-%d") {
        Err(_) => Some("start with the date (YYYY-MM-DD), then the note".to_string()),
        Ok(d) => sh.session().and_then(|s| {
            crate::session::events::problems_if_set(s, EventSlot::Round(i), Some(d), sh.today)
                .into_iter()
                .next()
        }),
    };
    if let Some(p) = problem {
        sh.warn(format!("Not saved: {p}."));
        let mut ed = ed;
        ed.problem = Some(p);
        sh.editor = Some(ed);
        return;
    }
    let Ok(date) = NaiveDate::parse_from_str(date, "%Y-%m-%d") else {
        return;
    };
    let note = note.to_string();
    if sh.change(fx, |s| {
        if let Some(r) = s.events.feedback_rounds.get_mut(i) {
            r.date = date;
            r.note = note;
        }
    }) {
        sh.say(format!("Saved: feedback round {} on {date}.", i + 1));
    }
}

/// After the yes: clear a date or delete a round.
pub fn clear(st: &mut State, sh: &mut Shared, slot: EventSlot, fx: &mut Vec<Effect>) {
    if sh.change(fx, |s| slot.set(s, None)) {
        sh.say(format!("Cleared: {}.", slot.label()));
    }
    if let (Some(s), Some(step)) = (sh.session(), st.step) {
        st.rows = rows(step, s);
    }
    st.nav.clamp(st.rows.len());
}

pub fn field_id(st: &State) -> Option<String> {
    st.rows.get(st.nav.selected).map(|r| r.id())
}

pub fn restore_field(st: &mut State, sh: &Shared, step: Step, id: &str) {
    sync(st, sh, step);
    if let Some(i) = st.rows.iter().position(|r| r.id() == id) {
        st.nav.selected = i;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_calendar_places_events_and_shades_holidays() {
        let mut s = Session::new("Acme", crate::session::ConnectorKind::IndependentPublisher);
        s.events.submitted = Some(day("2025-11-17"));
        let today = day("2025-11-20");
        let entries = crate::timeline::expected_dates(&s, today);
        let c = calendar(&entries, today);
        assert_eq!(c.start, day("2025-11-17"), "a Monday");
        assert_eq!(c.mark(day("2025-11-17")), Some(DayMark::Submitted));
        // Today is drawn over the day's own mark; the day keeps what happens on it.
        assert_eq!(c.mark(today), Some(DayMark::Plain));
        assert_eq!(c.mark(day("2025-11-22")), Some(DayMark::Weekend));
        // First feedback expected 1–2 weeks later; Thanksgiving (Thu 27th) is shaded.
        assert_eq!(c.mark(day("2025-11-27")), Some(DayMark::Holiday));
        assert_eq!(c.mark(day("2025-11-24")), Some(DayMark::Expected));
        assert_eq!(c.days.len() % 7, 0);
    }
}
