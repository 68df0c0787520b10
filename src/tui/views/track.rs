//! 5 Certify and 6 Deploy: the dates recorded so far and the dates that follow from them
//! (first feedback, next Friday train and the deadline to notify, preview test window).

use super::widgets::editor;
use super::{clip, list, pad, title_line, Theme};
use crate::session::Step;
use crate::timeline::{EntryState, Milestone, When};
use crate::tui::app::{track_rows, App, DateSlot, HitMap, ListId};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::Frame;

fn when(w: &When) -> String {
    match w {
        When::On { date } => date.format("%a %Y-%m-%d").to_string(),
        When::Between { earliest, latest } => format!(
            "{} – {}",
            earliest.format("%a %m-%d"),
            latest.format("%a %m-%d")
        ),
    }
}

pub fn render(f: &mut Frame, area: Rect, app: &App, theme: Theme, hits: &mut HitMap) {
    let Some(s) = app.session() else { return };
    let rows_data = track_rows(app.step, s);
    let editing = app.editor.as_ref();
    let ed_h = editing
        .map(|e| editor::height(e, area.width, theme))
        .unwrap_or(0);
    let list_h = rows_data.len() as u16 + 1;
    let [head, rows, ed_area, timeline] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(list_h),
        Constraint::Length(ed_h),
        Constraint::Min(3),
    ])
    .areas(area);
    let (t, d) = match app.step {
        Step::Certify => ("5 Certify", "reviews, feedback rounds, OneVet verification"),
        _ => ("6 Deploy", "Friday trains, regions, preview test"),
    };
    super::put(
        f,
        head,
        vec![
            title_line(t, d, theme),
            Line::styled(
                "Record what happened; the dates below follow from it.",
                theme.dim(),
            ),
        ],
    );
    let lines = rows_data
        .iter()
        .map(|slot| {
            let date = slot.get(s);
            let mut spans = vec![
                Span::styled(
                    if date.is_some() { "[x] " } else { "[ ] " },
                    if date.is_some() {
                        theme.ok()
                    } else {
                        theme.heading()
                    },
                ),
                Span::raw(pad(&slot.label(), 36)),
                match date {
                    Some(d) => Span::raw(d.format("%a %Y-%m-%d").to_string()),
                    None => Span::styled("—", theme.dim()),
                },
            ];
            if let DateSlot::Round(i) = slot {
                let note = &s.events.feedback_rounds[*i].note;
                if !note.is_empty() {
                    spans.push(Span::styled(format!("  {}", clip(note, 30)), theme.dim()));
                }
            }
            Line::from(spans)
        })
        .collect();
    list(
        f,
        rows,
        lines,
        &app.track_nav,
        editing.is_none(),
        ListId::Track,
        theme,
        hits,
    );
    if let Some(ed) = editing {
        editor::render(f, ed_area, ed, theme, hits);
    }

    let entries = crate::timeline::expected_dates(s, app.today);
    let relevant = |m: &Milestone| match app.step {
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
    };
    let mut out = vec![Line::styled(
        format!("Timeline (today {})", app.today.format("%a %Y-%m-%d")),
        theme.heading(),
    )];
    let w = timeline.width as usize;
    for e in entries.iter().filter(|e| relevant(&e.milestone)) {
        let (mark, style) = match e.state {
            EntryState::Done => ("✓", theme.ok()),
            EntryState::Expected => ("→", theme.accent()),
            EntryState::Overdue => ("!", theme.warning()),
            EntryState::Past => ("·", theme.dim()),
        };
        let mut spans = vec![
            Span::styled(format!("{mark} "), style),
            Span::raw(pad(&when(&e.when), 22)),
            Span::raw(clip(&e.label, w.saturating_sub(26))),
        ];
        if let Some(n) = &e.note {
            let room = w.saturating_sub(26 + e.label.chars().count() + 2);
            if room > 8 {
                spans.push(Span::styled(format!("  {}", clip(n, room)), theme.dim()));
            }
        }
        out.push(Line::from(spans));
    }
    if app.step == Step::Deploy {
        let train = crate::timeline::next_train(app.today);
        out.push(Line::raw(""));
        out.push(Line::from(vec![
            Span::styled("Next Friday train: ", theme.heading()),
            Span::raw(train.friday.format("%a %Y-%m-%d").to_string()),
            Span::styled(
                format!(
                    "  tell your Microsoft contact by {} Pacific",
                    train.notify_by.format("%a %m-%d %H:%M")
                ),
                theme.dim(),
            ),
        ]));
    }
    if out.len() == 1 {
        out.push(Line::styled(
            "Nothing recorded yet: t sets the selected date to today.",
            theme.dim(),
        ));
    }
    super::put(f, timeline, out);
}
