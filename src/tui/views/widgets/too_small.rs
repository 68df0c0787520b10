//! Below the minimum size: one clear line instead of a broken layout.

use super::super::Theme;
use crate::tui::app::{MIN_HEIGHT, MIN_WIDTH};
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

pub fn render(f: &mut Frame, area: Rect, theme: Theme) {
    let text = vec![
        Line::styled("Enlarge the terminal", theme.heading()),
        Line::raw(format!(
            "to at least {MIN_WIDTH}×{MIN_HEIGHT} (now {}×{}).",
            area.width, area.height
        )),
        Line::raw("q quits."),
    ];
    let area = area.intersection(f.area());
    f.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}
