//! `l`: every message of this run, in full, oldest first.

use super::super::{wrap, Theme};
use crate::tui::app::App;
use crate::tui::list::{HitMap, Scroll};
use crate::tui::theme::FAIL;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear};
use ratatui::Frame;

pub fn render(
    f: &mut Frame,
    area: Rect,
    app: &App,
    scroll: &Scroll,
    theme: Theme,
    hits: &mut HitMap,
) {
    f.render_widget(Clear, area);
    let block = Block::default().borders(Borders::ALL).title(Span::styled(
        " Messages — Esc closes, ↑↓ scroll ",
        theme.heading(),
    ));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = (inner.width as usize).saturating_sub(12);
    let mut lines = Vec::new();
    for m in &app.shared.messages.log {
        for (i, l) in wrap(&m.text, w).into_iter().enumerate() {
            let head = if i > 0 {
                " ".repeat(11)
            } else if m.error {
                format!("{} {FAIL} ", m.at)
            } else {
                format!("{}   ", m.at)
            };
            lines.push(Line::from(vec![
                Span::styled(head, if m.error { theme.error() } else { theme.dim() }),
                Span::raw(l),
            ]));
        }
    }
    if lines.is_empty() {
        lines.push(Line::styled("No messages yet.", theme.dim()));
    }
    super::super::text_pane(f, inner, lines, scroll, hits);
}
