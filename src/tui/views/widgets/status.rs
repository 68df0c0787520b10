//! The status line: what just happened, or what went wrong, wrapped onto up to three lines
//! (`l` shows every message in full).

use super::super::{clip, wrap, Theme};
use crate::tui::app::App;
use crate::tui::theme::{FAIL, NOTE};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

/// Most lines the status takes.
pub const MAX_LINES: usize = 3;

fn lines_of(text: &str, width: u16) -> Vec<String> {
    wrap(text, (width as usize).saturating_sub(3))
}

/// The rows the status needs at `width` (at least one).
pub fn height(app: &App, width: u16) -> u16 {
    match &app.shared.messages.current {
        Some(m) => lines_of(&m.text, width).len().clamp(1, MAX_LINES) as u16,
        None => 1,
    }
}

pub fn render(f: &mut Frame, area: Rect, app: &App, theme: Theme) {
    f.render_widget(Clear, area);
    let Some(s) = &app.shared.messages.current else {
        return;
    };
    let mut lines = lines_of(&s.text, area.width);
    if lines.len() > MAX_LINES {
        lines.truncate(MAX_LINES);
        let last = lines.pop().unwrap_or_default();
        let w = (area.width as usize).saturating_sub(3 + 10);
        lines.push(format!("{} (l: all)", clip(&format!("{last} …"), w)));
    }
    let (mark, mark_style, text_style) = if s.error {
        (format!("{FAIL} "), theme.error(), theme.error())
    } else {
        (
            NOTE.to_string(),
            theme.ok(),
            ratatui::style::Style::default(),
        )
    };
    let out: Vec<Line> = lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            Line::from(vec![
                Span::styled(if i == 0 { mark.clone() } else { "  ".into() }, mark_style),
                Span::styled(l, text_style),
            ])
        })
        .collect();
    f.render_widget(Paragraph::new(out), area);
}
