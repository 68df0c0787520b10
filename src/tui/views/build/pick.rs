//! 3 Build, importing: the operations of the file, each ticked or not, filtered by words;
//! the counts and the filter above the list.

use super::super::{clip, list_lazy, pad, title_line, Theme};
use crate::tui::app::App;
use crate::tui::list::{HitMap, ListId};
use crate::tui::theme::check_box;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::Frame;

pub fn render(f: &mut Frame, area: Rect, app: &App, theme: Theme, hits: &mut HitMap) {
    let Some(p) = app.build.pick.as_ref() else {
        return;
    };
    let src = &p.source;
    let head = vec![
        title_line(
            "3 Build · import",
            &clip(
                &format!("{} ({})", src.path.display(), src.version.label()),
                (area.width as usize).saturating_sub(20),
            ),
            theme,
        ),
        Line::from(vec![
            Span::styled(
                format!("{} of {} ticked", p.chosen_count(), src.operations.len()),
                theme.heading(),
            ),
            Span::styled(
                if p.filter.trim().is_empty() {
                    format!(" · {} shown · / filters", p.shown.len())
                } else {
                    format!(" · {} shown for \"{}\"", p.shown.len(), clip(&p.filter, 30))
                },
                theme.dim(),
            ),
        ]),
    ];
    super::super::put(f, Rect { height: 2, ..area }, head);
    let rows = super::super::below(area, 2);
    let id_w = src
        .operations
        .iter()
        .map(|o| o.operation_id.chars().count())
        .max()
        .unwrap_or(8)
        .clamp(8, (rows.width as usize / 3).max(8));
    let row = |i: usize| {
        let Some((o, on)) = p.row(i) else {
            return Line::raw("");
        };
        let path_w = (rows.width as usize).saturating_sub(id_w + 18);
        let mut spans = vec![
            Span::styled(check_box(on), if on { theme.ok() } else { theme.dim() }),
            Span::raw(pad(&o.operation_id, id_w)),
            Span::styled(format!(" {:<7} ", o.method.to_uppercase()), theme.dim()),
            Span::raw(clip(&o.path, path_w)),
        ];
        if let Some(s) = &o.summary {
            spans.push(Span::styled(format!("  {}", clip(s, 60)), theme.dim()));
        }
        Line::from(spans)
    };
    let at = list_lazy(
        f,
        rows,
        p.shown.len(),
        row,
        &p.nav,
        app.shared.editor.is_none(),
        ListId::Pick,
        theme,
        hits,
    );
    if p.shown.is_empty() {
        super::super::put(
            f,
            Rect { height: 1, ..rows },
            vec![Line::styled(
                "No operation has every word of the filter (/ changes it).",
                theme.dim(),
            )],
        );
    }
    let _ = at;
    // The filter's editor at the foot of the list, which follows each key above it.
    if let Some(ed) = app.shared.editor.as_ref() {
        let editor = super::super::widgets::editor::height(ed, rows.width, theme).min(rows.height);
        let foot = Rect {
            y: rows.y + rows.height - editor,
            height: editor,
            ..rows
        };
        super::super::widgets::editor::render(f, foot, ed, theme, hits);
    }
}
