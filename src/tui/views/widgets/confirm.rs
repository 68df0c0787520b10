//! A yes/no question over the screen (destructive actions, quitting with work pending).

use super::super::{wrap, Theme};
use super::centered;
use crate::tui::action::Cmd;
use crate::tui::list::{Hit, HitMap};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

pub fn render(
    f: &mut Frame,
    area: Rect,
    title: &str,
    body: &[String],
    theme: Theme,
    hits: &mut HitMap,
) {
    let w = area.width.saturating_sub(4).min(76);
    let inner_w = w.saturating_sub(4) as usize;
    let mut lines: Vec<Line> = body
        .iter()
        .flat_map(|l| wrap(l, inner_w))
        .map(Line::raw)
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled(" y ", theme.selected()),
        Span::raw(" yes    "),
        Span::styled(" n ", theme.selected()),
        Span::raw(" no"),
    ]));
    let h = (lines.len() as u16 + 2).min(area.height);
    let rect = centered(area, w, h);
    // A blank margin around the box, so that no half-word of the screen beneath touches it.
    let margin = Rect {
        x: rect.x.saturating_sub(1),
        y: rect.y.saturating_sub(1),
        width: rect.width + 2,
        height: rect.height + 2,
    }
    .intersection(area);
    f.render_widget(Clear, margin);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {title} "), theme.heading()));
    let inner = block.inner(rect);
    f.render_widget(Paragraph::new(lines).block(block), rect);
    let y = inner.y + inner.height.saturating_sub(1);
    hits.add(
        Rect {
            x: inner.x,
            y,
            width: 3,
            height: 1,
        },
        Hit::Key(Cmd::Yes),
    );
    hits.add(
        Rect {
            x: inner.x + 10,
            y,
            width: 3,
            height: 1,
        },
        Hit::Key(Cmd::No),
    );
}
