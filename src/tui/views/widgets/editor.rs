//! The field being edited: the text (ratatui-textarea), a character counter against the
//! field's limit, and each rule the text breaks with its message and fix, live.

use super::super::{wrap, Theme};
use crate::tui::app::{Editor, Hit, HitMap};
use crate::tui::update::severity_mark;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

/// Rows of text shown for the field.
fn text_rows(ed: &Editor) -> u16 {
    if ed.multiline {
        4
    } else {
        1
    }
}

/// The feedback lines under the text.
fn feedback(ed: &Editor, width: usize, theme: Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    if let Some(p) = &ed.problem {
        out.push(Line::from(vec![
            Span::styled("✗ ", theme.error()),
            Span::raw(crate::util::printable::printable(p).into_owned()),
        ]));
    }
    for i in &ed.issues {
        let head = format!("{} {} ", severity_mark(i.severity), i.rule);
        let w = width.saturating_sub(head.chars().count()).max(20);
        for (n, l) in wrap(&i.message, w).into_iter().enumerate() {
            if n == 0 {
                out.push(Line::from(vec![
                    Span::styled(head.clone(), theme.severity(i.severity)),
                    Span::raw(l),
                ]));
            } else {
                out.push(Line::raw(format!(
                    "{}{l}",
                    " ".repeat(head.chars().count())
                )));
            }
        }
        let fix = if i.fix.is_some() {
            format!("  → {} (^F applies it)", i.help)
        } else {
            format!("  → {}", i.help)
        };
        for l in wrap(&fix, width.saturating_sub(4).max(20)) {
            out.push(Line::styled(format!("  {}", l.trim_start()), theme.dim()));
        }
    }
    if ed.field.is_some() && ed.issues.is_empty() && ed.problem.is_none() {
        out.push(Line::styled(
            "✓ passes every rule of this field",
            theme.ok(),
        ));
    }
    out
}

/// The height the editor wants at `width`.
pub fn height(ed: &Editor, width: u16, theme: Theme) -> u16 {
    text_rows(ed) + 2 + feedback(ed, width as usize, theme).len() as u16
}

pub fn render(f: &mut Frame, area: Rect, ed: &Editor, theme: Theme, hits: &mut HitMap) {
    let area = area.intersection(f.area());
    let box_h = (text_rows(ed) + 2).min(area.height);
    let count = ed.char_count();
    let counter = match ed.field.and_then(|fl| fl.max_len()) {
        Some(max) if count > max => Span::styled(format!(" {count}/{max} ✗ "), theme.error()),
        Some(max) => Span::raw(format!(" {count}/{max} ")),
        None => Span::styled(format!(" {count} chars "), theme.dim()),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.accent())
        .title(Span::styled(format!(" {} ", ed.title), theme.heading()))
        .title_top(Line::from(counter).right_aligned());
    let rect = Rect {
        height: box_h,
        ..area
    };
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    let mut ta = ed.area.clone();
    ta.set_cursor_style(Style::default().add_modifier(Modifier::REVERSED));
    f.render_widget(&ta, inner);
    hits.add(rect, Hit::Editor);
    let fb = feedback(ed, area.width as usize, theme);
    let rest = Rect {
        y: rect.y + box_h,
        height: area.height.saturating_sub(box_h),
        ..area
    };
    f.render_widget(Paragraph::new(fb), rest);
}
