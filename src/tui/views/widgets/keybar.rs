//! The key bar: the keys that work here, from the one keymap.

use super::super::Theme;
use crate::tui::app::App;
use crate::tui::keymap;
use crate::tui::list::{Hit, HitMap};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

pub fn render(f: &mut Frame, area: Rect, app: &App, theme: Theme, hits: &mut HitMap) {
    let contexts = app.contexts();
    let mut spans = Vec::new();
    let mut x = area.x;
    let all = keymap::bar(&contexts);
    // The keys that work everywhere (help, back, quit) always fit: the step's own keys give
    // way first.
    let is_global = |word: &str| {
        keymap::BINDINGS
            .iter()
            .any(|b| matches!(b.ctx, keymap::Ctx::Global) && b.bar == Some(word))
    };
    // " {keys} " then "{word}  ".
    let width = |k: &str, w: &str| (k.chars().count() + w.chars().count() + 4) as u16;
    let global_w: u16 = all
        .iter()
        .filter(|(_, w)| is_global(w))
        .map(|(k, w)| width(k, w))
        .sum();
    let (local, global): (Vec<_>, Vec<_>) = all.into_iter().partition(|(_, w)| !is_global(w));
    let mut shown = Vec::new();
    let mut used = 0;
    for (k, w) in local {
        if used + width(&k, w) + global_w > area.width {
            break;
        }
        used += width(&k, w);
        shown.push((k, w));
    }
    shown.extend(global);
    let end = area.x + area.width;
    for (keys, word) in shown {
        let cmd = keymap::BINDINGS
            .iter()
            .find(|b| contexts.contains(&b.ctx) && b.bar == Some(word))
            .map(|b| b.cmd);
        let w = width(&keys, word);
        if x + w > end {
            break;
        }
        if let Some(cmd) = cmd {
            hits.add(
                Rect {
                    x,
                    y: area.y,
                    width: w - 2,
                    height: 1,
                },
                Hit::Key(cmd),
            );
        }
        spans.push(Span::styled(format!(" {keys} "), theme.selected()));
        spans.push(Span::raw(format!("{word}  ")));
        x += w;
    }
    f.render_widget(Clear, area);
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}
