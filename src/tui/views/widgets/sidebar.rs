//! The steps, each with its status mark; a click goes to the step.

use super::super::{clip, Theme};
use crate::session::{progress, Step};
use crate::tui::app::App;
use crate::tui::list::{Hit, HitMap};
use crate::tui::theme::{status_mark, HERE, NOT_APPLICABLE};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

pub fn render(f: &mut Frame, area: Rect, app: &App, theme: Theme, hits: &mut HitMap) {
    let Some(s) = app.session() else { return };
    let mut lines = vec![Line::styled(" Steps", theme.heading()), Line::raw("")];
    for (i, step) in Step::ALL.iter().enumerate() {
        let status = s.status(*step);
        let applies = progress::applies(s, *step);
        let style = if applies {
            theme.status(status)
        } else {
            theme.dim()
        };
        let mark = if applies {
            status_mark(status)
        } else {
            NOT_APPLICABLE
        };
        let here = *step == app.step;
        let label = clip(step.label(), area.width.saturating_sub(5) as usize);
        let mut line = Line::from(vec![
            Span::raw(if here { HERE } else { " " }),
            Span::styled(format!("{mark} "), style),
            Span::raw(format!(
                "{label:<w$}",
                w = area.width.saturating_sub(4) as usize
            )),
        ]);
        if here {
            line = line.style(theme.selected());
        }
        lines.push(line);
        let y = area.y + 2 + i as u16;
        if y < area.y + area.height {
            hits.add(
                Rect {
                    x: area.x,
                    y,
                    width: area.width,
                    height: 1,
                },
                Hit::Step(*step),
            );
        }
    }
    lines.push(Line::raw(""));
    use crate::session::StepStatus::*;
    let m = status_mark;
    lines.push(Line::styled(
        format!(" {} done {} doing", m(Done), m(InProgress)),
        theme.dim(),
    ));
    lines.push(Line::styled(
        format!(" {} to do {} blocked", m(NotStarted), m(Blocked)),
        theme.dim(),
    ));
    if Step::ALL.iter().any(|st| !progress::applies(s, *st)) {
        lines.push(Line::styled(
            format!(" {NOT_APPLICABLE} not needed"),
            theme.dim(),
        ));
    }
    let area = area.intersection(f.area());
    f.render_widget(Clear, area);
    f.render_widget(Paragraph::new(lines), area);
}
