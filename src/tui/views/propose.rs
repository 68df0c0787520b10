//! 2 Propose: the proposal PR title, the intro.md fields with a live preview, writing
//! intro.md and opening the proposal PR.

use super::widgets::editor;
use super::{clip, list, pad, title_line, Theme};
use crate::tui::app::{App, EditTarget, HitMap, ListId, ProposeRow};
use crate::tui::steps::proposal_title_issues;
use crate::tui::update::severity_mark;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

pub fn render(f: &mut Frame, area: Rect, app: &App, theme: Theme, hits: &mut HitMap) {
    let Some(s) = app.session() else { return };
    let wide = area.width >= 96;
    let (form, preview) = if wide {
        let [a, b] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
            .areas(area);
        (a, b)
    } else {
        let [a, b] = Layout::vertical([Constraint::Min(10), Constraint::Length(area.height / 3)])
            .areas(area);
        (a, b)
    };
    let editing = app
        .editor
        .as_ref()
        .filter(|e| matches!(e.target, EditTarget::Proposal(_)));
    let ed_h = editing
        .map(|e| editor::height(e, form.width, theme).min(form.height / 2))
        .unwrap_or(0);
    let [head, rows, ed_area] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(ed_h),
    ])
    .areas(form);
    super::put(
        f,
        head,
        vec![
            title_line("2 Propose", "share a proposal PR", theme),
            Line::styled("Reuse the same PR for the final submission.", theme.dim()),
        ],
    );
    let label_w = 22;
    let value_w = (rows.width as usize).saturating_sub(label_w + 4);
    let title = crate::generate::proposal_pr_title(s);
    let issues = proposal_title_issues(&title);
    let mut lines = Vec::new();
    for row in ProposeRow::all() {
        let line = match row {
            ProposeRow::Title => Line::from(vec![
                Span::styled(pad("Proposal PR title", label_w), theme.heading()),
                Span::raw(clip(&title, value_w.saturating_sub(2))),
                match issues.first() {
                    Some(i) => Span::styled(
                        format!(" {}", severity_mark(i.severity)),
                        theme.severity(i.severity),
                    ),
                    None => Span::styled(" ✓", theme.ok()),
                },
            ]),
            ProposeRow::Field(pf) => {
                let v = pf.get(s);
                let shown = if pf.multiline() && v.contains('\n') {
                    format!(
                        "{} ({} lines)",
                        v.lines().next().unwrap_or(""),
                        v.lines().count()
                    )
                } else {
                    v.clone()
                };
                let mut spans = vec![Span::raw(pad(pf.label(), label_w))];
                if v.trim().is_empty() {
                    spans.push(Span::styled("—", theme.dim()));
                } else {
                    spans.push(Span::raw(clip(&shown, value_w)));
                }
                if pf.is_choice() {
                    spans.push(Span::styled("  (Space)", theme.dim()));
                }
                Line::from(spans)
            }
            ProposeRow::ExportIntro => Line::styled(
                "» Write intro.md into the connector folder (x)",
                theme.accent(),
            ),
            ProposeRow::OpenCompare => {
                Line::styled("» Open the proposal PR page on GitHub (o)", theme.accent())
            }
            ProposeRow::Opened => match s.events.proposal_opened {
                Some(d) => Line::from(vec![
                    Span::styled("[x] ", theme.ok()),
                    Span::raw(format!("Proposal PR opened on {d}")),
                ]),
                None => Line::from(vec![
                    Span::styled("[ ] ", theme.heading()),
                    Span::raw("Proposal PR opened (t: today)"),
                ]),
            },
        };
        lines.push(line);
    }
    list(
        f,
        rows,
        lines,
        &app.propose_nav,
        editing.is_none(),
        ListId::Propose,
        theme,
        hits,
    );
    if let Some(ed) = editing {
        editor::render(f, ed_area, ed, theme, hits);
    }

    // The preview follows the typing.
    let mut shown = s.clone();
    if let Some(ed) = editing {
        if let EditTarget::Proposal(pf) = ed.target {
            pf.set(&mut shown, &ed.text());
        }
    }
    let intro = app.intro_preview(&shown);
    let todos = crate::generate::todos(&intro).len();
    let block = Block::default()
        .borders(if wide { Borders::LEFT } else { Borders::TOP })
        .border_style(theme.dim())
        .title(Span::styled(
            format!(
                " intro.md preview{} ",
                if todos > 0 {
                    format!(" — {todos} TODO")
                } else {
                    String::new()
                }
            ),
            theme.heading(),
        ));
    let inner = block.inner(preview);
    f.render_widget(block, preview);
    let inner = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(1),
        ..inner
    };
    let lines: Vec<Line> = intro
        .lines()
        .flat_map(|l| super::wrap(l, inner.width as usize))
        .take(inner.height as usize)
        .map(|l| {
            if l.starts_with('#') {
                Line::styled(l, theme.heading())
            } else if l.contains("[TODO") {
                Line::styled(l, theme.warning())
            } else {
                Line::raw(l)
            }
        })
        .collect();
    f.render_widget(Paragraph::new(lines), inner);
}
