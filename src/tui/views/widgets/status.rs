//! The status line: what just happened, or what went wrong.

use super::super::{clip, Theme};
use crate::tui::app::App;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

pub fn render(f: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let Some(s) = &app.status else { return };
    let width = area.width.saturating_sub(3) as usize;
    let line = if s.error {
        Line::from(vec![
            Span::styled("✗ ", theme.error()),
            Span::styled(clip(&s.text, width), theme.error()),
        ])
    } else {
        Line::from(vec![
            Span::styled("• ", theme.ok()),
            Span::raw(clip(&s.text, width)),
        ])
    };
    f.render_widget(Paragraph::new(line), area);
}
