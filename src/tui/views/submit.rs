//! 4 Submit: the PR checklist (ticked by the program where it verified the item, by the
//! person elsewhere), the final PR title and body, the export and the PR page.

use super::{clip, list, pad, title_line, wrap, Theme};
use crate::generate::Tick;
use crate::rules::{check_field, Field, FieldContext};
use crate::tui::app::{App, HitMap, ListId};
use crate::tui::artefacts::{checklist, submit_rows_from, SubmitRow};
use crate::tui::update::severity_mark;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

pub fn render(f: &mut Frame, area: Rect, app: &App, theme: Theme, hits: &mut HitMap) {
    let Some(s) = app.session() else { return };
    let [head, rows, detail] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(5),
        Constraint::Length(4),
    ])
    .areas(area);
    super::put(
        f,
        head,
        vec![
            title_line(
                "4 Submit",
                "push to the proposal PR, drop \"Proposal -\"",
                theme,
            ),
            Line::styled(
                "[v] verified by the program   [x] ticked by you   [ ] to do",
                theme.dim(),
            ),
        ],
    );
    let items = checklist(app);
    let title = crate::generate::pr_title(s);
    let ctx = FieldContext {
        is_update: s.is_update,
        ..Default::default()
    };
    let title_issues = check_field(Field::PrTitle, &title, &ctx);
    let w = rows.width as usize;
    let mut lines = Vec::new();
    let rows_now = submit_rows_from(&items);
    for row in &rows_now {
        let line = match row {
            SubmitRow::Check { id, .. } => {
                let item = items.iter().find(|i| i.id == *id);
                let (mark, style) = match item.map(|i| i.tick) {
                    Some(Tick::Verified) => ("[v] ", theme.ok()),
                    Some(Tick::Confirmed) => ("[x] ", theme.ok()),
                    _ => ("[ ] ", theme.heading()),
                };
                Line::from(vec![
                    Span::styled(mark, style),
                    Span::styled(pad(id, 9), theme.dim()),
                    Span::raw(clip(
                        item.map(|i| i.text).unwrap_or(""),
                        w.saturating_sub(16),
                    )),
                ])
            }
            SubmitRow::Title => Line::from(vec![
                Span::styled(pad("PR title", 14), theme.heading()),
                Span::raw(clip(&title, w.saturating_sub(20))),
                match title_issues.first() {
                    Some(i) => Span::styled(
                        format!(" {}", severity_mark(i.severity)),
                        theme.severity(i.severity),
                    ),
                    None => Span::styled(" ✓", theme.ok()),
                },
            ]),
            SubmitRow::Body => Line::from(vec![
                Span::styled(pad("PR body", 14), theme.heading()),
                Span::styled("Enter shows it", theme.dim()),
            ]),
            SubmitRow::Repo => Line::from(vec![
                Span::styled(pad("Checkout", 14), theme.heading()),
                match &app.export_repo {
                    Some(p) => Span::raw(clip(&p.display().to_string(), w.saturating_sub(20))),
                    None => Span::styled(
                        "your clone of microsoft/PowerPlatformConnectors (Enter)",
                        theme.dim(),
                    ),
                },
            ]),
            SubmitRow::Export => Line::styled(
                if app.exported {
                    "» Export into the checkout (x) — done this run"
                } else {
                    "» Export into the checkout (x): plan first, then asks"
                },
                theme.accent(),
            ),
            SubmitRow::Compare => {
                Line::styled("» Open the pull-request page on GitHub (o)", theme.accent())
            }
            SubmitRow::Submitted => match s.events.submitted {
                Some(d) => Line::from(vec![
                    Span::styled("[x] ", theme.ok()),
                    Span::raw(format!("Submitted on {d}")),
                ]),
                None => Line::from(vec![
                    Span::styled("[ ] ", theme.heading()),
                    Span::raw("Submitted (t: today)"),
                ]),
            },
        };
        lines.push(line);
    }
    list(
        f,
        rows,
        lines,
        &app.submit_nav,
        app.editor.is_none(),
        ListId::Submit,
        theme,
        hits,
    );
    let mut out = Vec::new();
    match rows_now.get(app.submit_nav.selected) {
        Some(SubmitRow::Check { id, .. }) => {
            if let Some(i) = items.iter().find(|i| i.id == *id) {
                for l in wrap(&i.note, detail.width as usize).into_iter().take(3) {
                    out.push(Line::styled(l, theme.dim()));
                }
            }
        }
        Some(SubmitRow::Title) => {
            for i in &title_issues {
                out.push(Line::styled(
                    format!("{} {} {}", severity_mark(i.severity), i.rule, i.message),
                    theme.severity(i.severity),
                ));
            }
        }
        _ => {}
    }
    f.render_widget(
        Paragraph::new(out),
        Rect {
            y: detail.y + 1,
            height: detail.height.saturating_sub(1),
            ..detail
        },
    );
    if let Some(ed) = app.editor.as_ref() {
        super::widgets::editor::render(f, detail, ed, theme, hits);
    }
}
