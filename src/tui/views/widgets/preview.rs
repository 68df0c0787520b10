//! A file about to be written, a plan about to be applied (yes, no, and for a plan on another
//! branch a third answer), or a text to read: scrollable.

use super::super::Theme;
use super::centered;
use crate::tui::action::Cmd;
use crate::tui::list::{Hit, HitMap, ListId, Scroll};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

/// What the preview shows.
pub struct Shown<'a> {
    pub title: &'a str,
    pub text: &'a str,
    pub scroll: &'a Scroll,
    /// The label of the yes (`None`: a text to read).
    pub yes: Option<&'a str>,
    /// The label of the third answer (`k`).
    pub alt: Option<&'a str>,
}

pub fn render(f: &mut Frame, area: Rect, p: Shown, theme: Theme, hits: &mut HitMap) {
    let rect = centered(area, area.width, area.height);
    f.render_widget(Clear, rect);
    let block = Block::default().borders(Borders::ALL).title(Span::styled(
        format!(
            " {} ",
            super::super::clip(p.title, rect.width.saturating_sub(4) as usize)
        ),
        theme.heading(),
    ));
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    let body_h = inner.height.saturating_sub(1);
    // Long lines wrap (a URL, a note, the branch warning); each piece keeps the line's style.
    let all: Vec<Line> = p
        .text
        .lines()
        .flat_map(|l| {
            let style = if l.starts_with('+') && !l.starts_with("+++") {
                theme.ok()
            } else if l.starts_with('-') && !l.starts_with("---") {
                theme.error()
            } else if l.starts_with("Branch:") || l.starts_with("Errors:") {
                theme.warning()
            } else {
                ratatui::style::Style::default()
            };
            // The file's own text: shown, never obeyed (wrap makes it printable).
            super::super::wrap(&l.replace('\t', "    "), inner.width as usize)
                .into_iter()
                .map(move |piece| Line::styled(piece, style))
        })
        .collect();
    let total = all.len();
    let top = p.scroll.clamp(total, body_h as usize);
    let lines: Vec<Line> = all.into_iter().skip(top).take(body_h as usize).collect();
    let body = Rect {
        height: body_h,
        ..inner
    };
    f.render_widget(Paragraph::new(lines), body);
    hits.add(
        body,
        Hit::List {
            list: ListId::Text,
            offset: 0,
        },
    );
    let pos = format!(
        " lines {}–{} of {total} ",
        (top + 1).min(total.max(1)),
        (top + body_h as usize).min(total)
    );
    let y = inner.y + body_h;
    let mut spans = Vec::new();
    let mut x = inner.x;
    let mut key = |spans: &mut Vec<Span<'static>>, k: &str, label: &str, cmd: Cmd| {
        let w = k.chars().count() as u16 + 2;
        hits.add(
            Rect {
                x,
                y,
                width: w,
                height: 1,
            },
            Hit::Key(cmd),
        );
        spans.push(Span::styled(format!(" {k} "), theme.selected()));
        spans.push(Span::raw(format!(" {label}   ")));
        x += w + label.chars().count() as u16 + 4;
    };
    match p.yes {
        Some(yes) => {
            key(&mut spans, "y", yes, Cmd::Yes);
            if let Some(alt) = p.alt {
                key(&mut spans, "k", alt, Cmd::Alt);
            }
            key(&mut spans, "n", "cancel", Cmd::No);
        }
        None => key(&mut spans, "Esc", "close", Cmd::No),
    }
    spans.push(Span::styled(pos, theme.dim()));
    f.render_widget(
        Paragraph::new(Line::from(spans)),
        Rect {
            y,
            height: 1,
            ..inner
        },
    );
}
