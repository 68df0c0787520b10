//! A file about to be written, or a plan about to be applied: scrollable, then yes or no.

use super::super::Theme;
use super::centered;
use crate::tui::action::Cmd;
use crate::tui::app::{Hit, HitMap, ListId};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;
use std::cell::Cell;

#[allow(clippy::too_many_arguments)]
pub fn render(
    f: &mut Frame,
    area: Rect,
    title: &str,
    text: &str,
    scroll: &Cell<u16>,
    can_write: bool,
    yes_label: &str,
    theme: Theme,
    hits: &mut HitMap,
) {
    let rect = centered(area, area.width, area.height);
    f.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {title} "), theme.heading()));
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    let body_h = inner.height.saturating_sub(1);
    let total = text.lines().count() as u16;
    let max = total.saturating_sub(body_h);
    if scroll.get() > max {
        scroll.set(max);
    }
    let lines: Vec<Line> = text
        .lines()
        .skip(scroll.get() as usize)
        .take(body_h as usize)
        .map(|l| {
            let style = if l.starts_with('+') && !l.starts_with("+++") {
                theme.ok()
            } else if l.starts_with('-') && !l.starts_with("---") {
                theme.error()
            } else {
                ratatui::style::Style::default()
            };
            // The file's own text: shown, never obeyed.
            let l = crate::util::printable::printable(&l.replace('\t', "    ")).into_owned();
            Line::styled(l, style)
        })
        .collect();
    f.render_widget(
        Paragraph::new(lines),
        Rect {
            height: body_h,
            ..inner
        },
    );
    hits.add(
        Rect {
            height: body_h,
            ..inner
        },
        Hit::List {
            list: ListId::Preview,
            offset: 0,
        },
    );
    let pos = format!(
        " lines {}–{} of {total} ",
        scroll.get() + 1,
        (scroll.get() + body_h).min(total)
    );
    let mut spans = Vec::new();
    if can_write {
        spans.push(Span::styled(" y ", theme.selected()));
        spans.push(Span::raw(format!(" {yes_label}   ")));
        spans.push(Span::styled(" n ", theme.selected()));
        spans.push(Span::raw(" cancel   "));
    } else {
        spans.push(Span::styled(" Esc ", theme.selected()));
        spans.push(Span::raw(" close   "));
    }
    spans.push(Span::styled(pos, theme.dim()));
    let y = inner.y + body_h;
    f.render_widget(
        Paragraph::new(Line::from(spans)),
        Rect {
            y,
            height: 1,
            ..inner
        },
    );
    if can_write {
        let yes_w = yes_label.chars().count() as u16 + 6;
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
                x: inner.x + yes_w,
                y,
                width: 3,
                height: 1,
            },
            Hit::Key(Cmd::No),
        );
    } else {
        hits.add(
            Rect {
                x: inner.x,
                y,
                width: 5,
                height: 1,
            },
            Hit::Key(Cmd::No),
        );
    }
}
