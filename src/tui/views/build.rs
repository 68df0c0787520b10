//! 3 Build: the fields of the swagger with their marks, the editor with live rule feedback,
//! and the findings of the whole check (Enter jumps to the field).

use super::widgets::editor;
use super::{clip, pad, title_line, Theme};
use crate::tui::app::{App, EditTarget, HitMap, ListId};
use crate::tui::steps::mark;
use crate::tui::update::severity_mark;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

pub fn render(f: &mut Frame, area: Rect, app: &App, theme: Theme, hits: &mut HitMap) {
    let Some(s) = app.session() else { return };
    let b = &app.build;
    let folder = s
        .connector_dir
        .as_ref()
        .map(|d| d.display().to_string())
        .unwrap_or_else(|| "no folder yet".into());
    let editing = app
        .editor
        .as_ref()
        .filter(|e| matches!(e.target, EditTarget::Swagger { .. } | EditTarget::Path(_)));
    let ed_h = editing
        .map(|e| editor::height(e, area.width, theme).min(area.height / 2))
        .unwrap_or(0);
    let find_h = if b.connector.is_some() {
        (area.height / 3).clamp(3, 12)
    } else {
        0
    };
    let [head, rows, ed_area, finds] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(ed_h),
        Constraint::Length(find_h),
    ])
    .areas(area);
    let summary = if b.loading {
        Span::styled("reading and checking…", theme.dim())
    } else if b.connector.is_some() {
        let sm = b.summary;
        let text = format!(
            "{} errors · {} warnings · {} infos",
            sm.errors, sm.warnings, sm.infos
        );
        let text = text
            .replace("1 errors", "1 error")
            .replace("1 warnings", "1 warning")
            .replace("1 infos", "1 info");
        Span::styled(
            text,
            if sm.errors > 0 {
                theme.error()
            } else {
                theme.ok()
            },
        )
    } else {
        Span::styled("O opens a connector folder", theme.dim())
    };
    super::put(
        f,
        head,
        vec![
            title_line(
                "3 Build",
                &clip(&folder, (head.width as usize).saturating_sub(10)),
                theme,
            ),
            Line::from(vec![
                summary,
                Span::styled(
                    format!(" · {} fields · {} safe fixes", b.fields.len(), b.fixable()),
                    theme.dim(),
                ),
            ]),
        ],
    );
    if let Some(e) = &b.error {
        f.render_widget(
            Paragraph::new(Line::styled(format!("✗ {e}"), theme.error())),
            Rect { height: 1, ..rows },
        );
    }
    let rows = if b.error.is_some() {
        Rect {
            y: rows.y + 1,
            height: rows.height.saturating_sub(1),
            ..rows
        }
    } else {
        rows
    };

    let group_w = 16;
    let key_w = 16;
    let value_w = (rows.width as usize).saturating_sub(group_w + key_w + 6);
    let field_row = |i: usize| {
        let fl = &b.fields[i];
        {
            let group = if fl.group_start {
                fl.group.clone()
            } else {
                String::new()
            };
            let value = match (&fl.value, fl.not_string) {
                (_, Some(t)) => Span::styled(format!("({t})"), theme.dim()),
                (Some(v), _) if !v.is_empty() => Span::raw(clip(v, value_w)),
                (Some(_), _) => Span::styled("(empty)", theme.dim()),
                (None, _) => Span::styled("(missing)", theme.dim()),
            };
            Line::from(vec![
                Span::styled(
                    format!("{} ", mark(fl.mark)),
                    fl.mark.map(|m| theme.severity(m)).unwrap_or_default(),
                ),
                Span::styled(pad(&group, group_w), theme.heading()),
                Span::raw(" "),
                Span::styled(pad(fl.key_label(), key_w), theme.dim()),
                value,
            ])
        }
    };
    super::list_lazy(
        f,
        rows,
        b.fields.len(),
        field_row,
        &b.fields_nav,
        !b.findings_focus && editing.is_none(),
        ListId::Fields,
        theme,
        hits,
    );
    if let Some(ed) = editing {
        editor::render(f, ed_area, ed, theme, hits);
    }
    if find_h > 0 {
        let title = Line::from(vec![
            Span::styled(format!("Findings ({})", b.findings_len()), theme.heading()),
            Span::styled(
                if b.findings_focus {
                    "  Enter: go to the field · Tab: back"
                } else {
                    "  Tab: go to the findings"
                },
                theme.dim(),
            ),
        ]);
        f.render_widget(Paragraph::new(title), Rect { height: 1, ..finds });
        // The selected finding in full (message and fix) under the list, when focused.
        let detail_h = if b.findings_focus && b.findings_len() > 0 {
            2
        } else {
            0
        };
        let list_area = Rect {
            y: finds.y + 1,
            height: finds.height.saturating_sub(1 + detail_h),
            ..finds
        };
        if let Some(fi) = b.finding(b.findings_nav.selected).filter(|_| detail_h > 0) {
            let text = format!("{} → {}", fi.message, fi.help);
            let lines: Vec<Line> = super::wrap(&text, finds.width as usize)
                .into_iter()
                .take(detail_h as usize)
                .map(|l| Line::styled(l, theme.dim()))
                .collect();
            let area = Rect {
                y: list_area.y + list_area.height,
                height: detail_h,
                ..finds
            };
            super::put(f, area, lines);
        }
        let finding_row = |i: usize| {
            let fi = b.finding(i).expect("index within the findings");
            {
                let file = short_file(&fi.file);
                let loc = if fi.line > 0 {
                    format!("{}:{}", clip(&file, 12), fi.line)
                } else {
                    clip(&file, 16)
                };
                let msg_w = (finds.width as usize).saturating_sub(2 + 2 + 21 + 17);
                Line::from(vec![
                    Span::styled(
                        format!("{} ", severity_mark(fi.severity)),
                        theme.severity(fi.severity),
                    ),
                    Span::styled(pad(fi.rule.as_str(), 21), theme.severity(fi.severity)),
                    Span::styled(pad(&loc, 17), theme.dim()),
                    Span::raw(clip(&fi.message, msg_w)),
                ])
            }
        };
        super::list_lazy(
            f,
            list_area,
            b.findings_len(),
            finding_row,
            &b.findings_nav,
            b.findings_focus,
            ListId::Findings,
            theme,
            hits,
        );
    }
}

/// A short name for a connector file in the findings list ("swagger" for the swagger).
fn short_file(path: &str) -> String {
    let name = std::path::Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".swagger.json") {
        "swagger".into()
    } else if let Some(stem) = name.strip_suffix(".json") {
        stem.to_string()
    } else {
        name
    }
}
