//! The field being edited, drawn beside its row: the text (ratatui-textarea, wrapped), a
//! character counter against the field's limit, the wizard's own check of the text, each rule
//! the text breaks with its message and fix, live, and suggestions to pick with ↑↓.

use super::super::{wrap, Theme};
use crate::tui::editor::Editor;
use crate::tui::list::{Hit, HitMap};
use crate::tui::theme::{severity_mark, CURSOR, FAIL, PASS};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

/// Most rows of text shown (more scroll inside the box).
const MAX_TEXT_ROWS: u16 = 6;

/// Rows of text shown for the field at an inner width: the wrapped text, one more for the
/// cursor at the end of a full row.
fn text_rows(ed: &Editor, inner: u16) -> u16 {
    let w = inner.max(1) as usize;
    let rows: usize = ed
        .area
        .lines()
        .iter()
        .map(|l| l.chars().count() / w + 1)
        .sum();
    let min = if ed.multiline { 3 } else { 1 };
    (rows as u16).clamp(min, MAX_TEXT_ROWS)
}

/// The feedback lines under the text.
fn feedback(ed: &Editor, width: usize, theme: Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    if let Some(p) = &ed.problem {
        // wrap() shows controls and bidi overrides as escapes, never obeyed.
        for (n, l) in wrap(p, width.saturating_sub(2)).into_iter().enumerate() {
            out.push(Line::from(vec![
                Span::styled(
                    if n == 0 {
                        format!("{FAIL} ")
                    } else {
                        "  ".into()
                    },
                    theme.error(),
                ),
                Span::styled(l, theme.error()),
            ]));
        }
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
            format!("{PASS} passes every rule of this field"),
            theme.ok(),
        ));
    }
    for (i, (value, what)) in ed.suggestions.iter().enumerate() {
        let mark = if i == ed.suggestion && ed.text() == *value {
            CURSOR
        } else {
            "  "
        };
        out.push(Line::styled(format!("{mark}{value}  {what}"), theme.dim()));
    }
    out
}

/// The height the editor wants at `width`.
pub fn height(ed: &Editor, width: u16, theme: Theme) -> u16 {
    text_rows(ed, width.saturating_sub(2)) + 2 + feedback(ed, width as usize, theme).len() as u16
}

/// Draws the editor just under the row at `row_y` of the list in `rows` (above it when there
/// is no room below), over what was there: the rest of the list and the `under` rows below it.
pub fn render_beside(
    f: &mut Frame,
    rows: Rect,
    under: u16,
    row_y: Option<u16>,
    ed: &Editor,
    theme: Theme,
    hits: &mut HitMap,
) {
    let bounds = Rect {
        height: rows.height + under,
        ..rows
    };
    if bounds.height == 0 {
        return;
    }
    let bottom = bounds.y + bounds.height;
    let want = height(ed, bounds.width, theme).min(bounds.height);
    let row = row_y.unwrap_or(bounds.y).clamp(bounds.y, bottom - 1);
    let below = bottom - (row + 1);
    let above = row - bounds.y;
    let (y, h) = if below >= want {
        (row + 1, want)
    } else if above >= want {
        (row - want, want)
    } else if below >= above && below >= 3 {
        (row + 1, below)
    } else if above >= 3 {
        (bounds.y, above)
    } else {
        (bounds.y, want)
    };
    render(
        f,
        Rect {
            y,
            height: h,
            ..bounds
        },
        ed,
        theme,
        hits,
    );
}

/// Draws the editor in `area` (clearing it first).
pub fn render(f: &mut Frame, area: Rect, ed: &Editor, theme: Theme, hits: &mut HitMap) {
    let area = area.intersection(f.area());
    if area.height == 0 || area.width < 4 {
        return;
    }
    f.render_widget(Clear, area);
    let box_h = (text_rows(ed, area.width.saturating_sub(2)) + 2).min(area.height);
    let count = ed.char_count();
    let counter = match ed.field.and_then(|fl| fl.max_len()) {
        Some(max) if count > max => Span::styled(format!(" {count}/{max} {FAIL} "), theme.error()),
        Some(max) => Span::raw(format!(" {count}/{max} ")),
        None => Span::styled(format!(" {count} chars "), theme.dim()),
    };
    let title_w = (area.width as usize).saturating_sub(count.to_string().len() + 16);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.accent())
        .title(Span::styled(
            format!(" {} ", super::super::clip(&ed.title, title_w)),
            theme.heading(),
        ))
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
