//! The steps, each with its status mark; a click goes to the step.

use super::super::{clip, Theme};
use crate::session::{Step, StepStatus};
use crate::tui::app::{App, Hit, HitMap};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// The mark of a status (the status is never shown by colour alone).
pub fn mark(s: StepStatus) -> &'static str {
    match s {
        StepStatus::NotStarted => "○",
        StepStatus::InProgress => "◐",
        StepStatus::Done => "✓",
        StepStatus::Blocked => "✗",
    }
}

pub fn render(f: &mut Frame, area: Rect, app: &App, theme: Theme, hits: &mut HitMap) {
    let Some(s) = app.session() else { return };
    let mut lines = vec![Line::styled(" Steps", theme.heading()), Line::raw("")];
    for (i, step) in Step::ALL.iter().enumerate() {
        let status = s.status(*step);
        let style = match status {
            StepStatus::Done => theme.ok(),
            StepStatus::Blocked => theme.error(),
            StepStatus::InProgress => theme.warning(),
            StepStatus::NotStarted => theme.dim(),
        };
        let here = *step == app.step;
        let label = clip(step.label(), area.width.saturating_sub(5) as usize);
        let mut line = Line::from(vec![
            Span::raw(if here { "▶" } else { " " }),
            Span::styled(format!("{} ", mark(status)), style),
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
    lines.push(Line::styled(" ✓ done ◐ doing", theme.dim()));
    lines.push(Line::styled(" ○ to do ✗ blocked", theme.dim()));
    f.render_widget(Paragraph::new(lines), area.intersection(f.area()));
}
