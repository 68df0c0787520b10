//! 5 Certify and 6 Deploy: the dates recorded so far (an impossible one marked ✗ with why),
//! the calendar strip, and the dates that follow from them (first feedback, the Friday train
//! and the deadline to notify, the regions, the preview test window).

use super::widgets::editor;
use super::{clip, pad, title_line, Theme};
use crate::session::{EventSlot, Step};
use crate::timeline::{EntryState, When};
use crate::tui::app::App;
use crate::tui::list::{HitMap, ListId, Pane};
use crate::tui::steps::submit::pr_url;
use crate::tui::theme::{check_box, entry_mark, EMPTY, FAIL};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::Frame;

/// A date or a range, always with the year.
fn when(w: &When) -> String {
    match w {
        When::On { date } => date.format("%a %Y-%m-%d").to_string(),
        When::Between { earliest, latest } => format!(
            "{} – {}",
            earliest.format("%a %Y-%m-%d"),
            latest.format("%a %Y-%m-%d")
        ),
    }
}

pub fn render(f: &mut Frame, area: Rect, app: &App, theme: Theme, hits: &mut HitMap) {
    let Some(s) = app.session() else { return };
    let st = &app.track;
    let list_h = (st.rows.len() as u16).min(area.height / 2).max(1);
    let [head, rows, timeline] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(list_h),
        Constraint::Min(3),
    ])
    .areas(area);
    let (t, d) = match app.step {
        Step::Certify => ("5 Certify", "reviews, feedback rounds, OneVet verification"),
        _ => ("6 Deploy", "Friday trains, regions, preview test"),
    };
    let second = match pr_url(&s.pr) {
        Some(u) => format!("Pull request: {u} (4 Submit, o opens it)"),
        None => "Record what happened; the dates below follow from it.".to_string(),
    };
    super::put(
        f,
        head,
        vec![title_line(t, d, theme), Line::styled(second, theme.dim())],
    );
    let label_w = 36;
    let lines: Vec<Line<'static>> = st
        .rows
        .iter()
        .map(|slot| {
            let date = slot.get(s);
            let problem = st.problem(*slot);
            let (mark, style) = match (date, problem) {
                (Some(_), Some(_)) => (format!("[{FAIL}] "), theme.error()),
                (Some(_), None) => (check_box(true).to_string(), theme.ok()),
                (None, _) => (check_box(false).to_string(), theme.heading()),
            };
            let mut spans = vec![
                Span::styled(mark, style),
                Span::raw(pad(&slot.label(), label_w)),
                match date {
                    Some(d) => Span::raw(d.format("%a %Y-%m-%d").to_string()),
                    None => Span::styled(EMPTY, theme.dim()),
                },
            ];
            if let Some(p) = problem {
                spans.push(Span::styled(format!("  {p}"), theme.error()));
            } else if let EventSlot::Round(i) = slot {
                let note = &s.events.feedback_rounds[*i].note;
                if !note.is_empty() {
                    spans.push(Span::styled(format!("  {}", clip(note, 40)), theme.dim()));
                }
            }
            Line::from(spans)
        })
        .collect();
    let editing = app.shared.editor.as_ref();
    let at = super::list(
        f,
        rows,
        lines,
        &st.nav,
        editing.is_none() && st.focus == Pane::Main,
        ListId::Track,
        theme,
        hits,
    );

    // The timeline: the strip, then the dates.
    let focused = st.focus == Pane::Side;
    let mut out = vec![Line::from(vec![
        Span::styled(
            format!(
                "Timeline (today {})",
                app.shared.today.format("%a %Y-%m-%d")
            ),
            theme.heading(),
        ),
        Span::styled(
            if focused {
                "  ↑↓ scroll · Tab back"
            } else {
                "  Tab: scroll"
            },
            if focused { theme.accent() } else { theme.dim() },
        ),
    ])];
    if !st.entries.is_empty() {
        out.extend(super::calendar::lines(
            &st.calendar,
            timeline.width as usize,
            theme,
        ));
        out.push(Line::raw(""));
    }
    let w = timeline.width as usize;
    let when_w = 33;
    for e in &st.entries {
        let style = match e.state {
            EntryState::Done => theme.ok(),
            EntryState::Expected => theme.accent(),
            EntryState::Overdue => theme.warning(),
            EntryState::Past => theme.dim(),
        };
        let mark = entry_mark(e.state);
        let mut spans = vec![
            Span::styled(format!("{mark} "), style),
            Span::raw(pad(&when(&e.when), when_w)),
            Span::raw(e.label.clone()),
        ];
        if let Some(n) = &e.note {
            let room = w.saturating_sub(when_w + 2 + e.label.chars().count() + 2);
            if room > 8 {
                spans.push(Span::styled(format!("  {}", clip(n, room)), theme.dim()));
            }
        }
        out.push(Line::from(spans));
    }
    if st.entries.is_empty() {
        out.push(Line::styled(
            "Nothing recorded yet: t sets the selected date to today.",
            theme.dim(),
        ));
    }
    if app.step == Step::Deploy
        && !st
            .entries
            .iter()
            .any(|e| e.label.contains("train") || e.label.contains("Deployment started"))
    {
        out.push(Line::styled(
            "The Friday train is planned once the connector is certified (5 Certify).",
            theme.dim(),
        ));
    }
    super::text_pane(f, timeline, out, &st.timeline, hits);
    if let Some(ed) = editing {
        editor::render_beside(f, rows, timeline.height, at, ed, theme, hits);
    }
}
