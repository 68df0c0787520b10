//! Prerequisites: the three items of the seed article, ticked by the person.

use super::{list, title_line, wrap, Theme};
use crate::session::Prerequisite as Prereq;
use crate::tui::app::App;
use crate::tui::list::{HitMap, ListId};
use crate::tui::theme::{check_box, PASS};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

pub fn render(f: &mut Frame, area: Rect, app: &App, theme: Theme, hits: &mut HitMap) {
    let Some(s) = app.session() else { return };
    let [head, rows, detail] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(4),
        Constraint::Min(1),
    ])
    .areas(area);
    super::put(
        f,
        head,
        vec![
            title_line("Prerequisites", "before step 1", theme),
            Line::styled(
                "Independent publishers do not own the service they connect to.",
                theme.dim(),
            ),
        ],
    );
    let lines = Prereq::ALL
        .iter()
        .map(|p| {
            let done = p.get(s);
            Line::from(vec![
                Span::styled(
                    check_box(done),
                    if done { theme.ok() } else { theme.heading() },
                ),
                Span::raw(p.label()),
            ])
        })
        .collect();
    list(
        f,
        rows,
        lines,
        &app.prereqs.nav,
        true,
        ListId::Prereqs,
        theme,
        hits,
    );
    if let Some(p) = Prereq::ALL.get(app.prereqs.nav.selected) {
        let w = detail.width as usize;
        let mut out = vec![Line::raw("")];
        out.extend(wrap(p.detail(), w).into_iter().map(Line::raw));
        out.push(Line::styled(format!("o opens {}", p.url()), theme.dim()));
        if s.prerequisites.all_done() {
            out.push(Line::raw(""));
            out.push(Line::styled(
                format!("{PASS} All done. Next: 1 Verify (press 1)."),
                theme.ok(),
            ));
        }
        f.render_widget(ratatui::widgets::Clear, detail);
        f.render_widget(Paragraph::new(out), detail);
    }
}
