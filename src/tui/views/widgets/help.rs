//! `?`: every key (from the keymap) and every rule (from the registry).

use super::super::{pad, wrap, Theme};
use crate::tui::keymap;
use crate::tui::list::{HitMap, Scroll};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear};
use ratatui::Frame;

/// The help text, for a width.
pub fn lines(width: usize, theme: Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for (title, keys) in keymap::help_sections() {
        if keys.is_empty() {
            continue;
        }
        out.push(Line::styled(title.to_string(), theme.accent()));
        for (k, text) in keys {
            let first = width.saturating_sub(14);
            for (i, l) in wrap(text, first).into_iter().enumerate() {
                let key = if i == 0 { pad(&k, 12) } else { " ".repeat(12) };
                out.push(Line::from(vec![
                    Span::raw("  "),
                    Span::styled(key, theme.heading()),
                    Span::raw(l),
                ]));
            }
        }
        out.push(Line::raw(""));
    }
    out.push(Line::styled(
        "Rules (connector-wizard rules lists them too)",
        theme.accent(),
    ));
    let mut family = None;
    for r in crate::rules::RULES {
        if family != Some(r.family) {
            family = Some(r.family);
            out.push(Line::styled(
                format!("  {}", r.family.label()),
                theme.heading(),
            ));
        }
        let sev = match r.severity {
            crate::rules::Severity::Error => "E",
            crate::rules::Severity::Warning => "W",
            crate::rules::Severity::Info => "I",
        };
        let mark = if r.check == crate::rules::Check::Manual {
            " (manual)"
        } else if r.fixable() {
            " (fix)"
        } else {
            ""
        };
        let head = format!("  {sev} {}{mark} ", r.id);
        let rest = width.saturating_sub(head.chars().count() + 1).max(20);
        let wrapped = wrap(r.summary, rest);
        for (i, l) in wrapped.into_iter().enumerate() {
            if i == 0 {
                out.push(Line::from(vec![
                    Span::styled(head.clone(), theme.severity(r.severity)),
                    Span::raw(l),
                ]));
            } else {
                out.push(Line::raw(format!(
                    "{}{l}",
                    " ".repeat(head.chars().count())
                )));
            }
        }
    }
    out
}

pub fn render(f: &mut Frame, area: Rect, scroll: &Scroll, theme: Theme, hits: &mut HitMap) {
    // The whole area is cleared: nothing of the screen beneath shows at the edges.
    f.render_widget(Clear, area);
    let rect = super::centered(area, area.width.min(100), area.height);
    let block = Block::default().borders(Borders::ALL).title(Span::styled(
        " Help — Esc closes, ↑↓ PgUp PgDn g G scroll ",
        theme.heading(),
    ));
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    let all = lines(inner.width as usize, theme);
    super::super::text_pane(f, inner, all, scroll, hits);
}
