//! 2 Propose: the connector's name and the proposal PR title with their rule marks, the
//! intro.md fields, and the intro.md preview (Tab scrolls it).

use super::widgets::editor;
use super::{clip, pad, title_line, Theme};
use crate::rules::FieldIssue;
use crate::session::progress;
use crate::tui::app::App;
use crate::tui::list::{HitMap, ListId, Pane};
use crate::tui::steps::propose::Row;
use crate::tui::theme::{severity_mark, ACTION, EMPTY, FAIL, PASS};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear};
use ratatui::Frame;

/// A value with the mark of the worst rule it breaks (✓ when none), cut to `width`.
fn checked(value: &str, issues: &[FieldIssue], width: usize, theme: Theme) -> Vec<Span<'static>> {
    let mark = match issues.iter().min_by_key(|i| i.severity) {
        Some(i) => Span::styled(
            format!(" {} {}", severity_mark(i.severity), i.rule),
            theme.severity(i.severity),
        ),
        None => Span::styled(format!(" {PASS}"), theme.ok()),
    };
    let room = width.saturating_sub(mark.content.chars().count());
    vec![Span::raw(clip(value, room)), mark]
}

pub fn render(f: &mut Frame, area: Rect, app: &App, theme: Theme, hits: &mut HitMap) {
    let Some(s) = app.session() else { return };
    let st = &app.propose;
    let wide = area.width >= 96;
    let (form, preview) = if wide {
        let [a, b] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
            .areas(area);
        (a, b)
    } else {
        let [a, b] =
            Layout::vertical([Constraint::Min(6), Constraint::Length(area.height / 3)]).areas(area);
        (a, b)
    };
    let [head, rows] = Layout::vertical([Constraint::Length(2), Constraint::Min(3)]).areas(form);
    let detail = if !progress::applies(s, crate::session::Step::Propose) {
        "an update needs no proposal PR: the fields still feed apiProperties.json and readme.md"
    } else {
        "Reuse the same PR for the final submission."
    };
    super::put(
        f,
        head,
        vec![
            title_line("2 Propose", "share a proposal PR", theme),
            Line::styled(detail.to_string(), theme.dim()),
        ],
    );
    let label_w = 22;
    let value_w = (rows.width as usize).saturating_sub(label_w + 4);
    let mut lines = Vec::new();
    for row in &st.rows {
        let line = match *row {
            Row::Name => {
                let mut v = vec![Span::styled(
                    pad("Connector name", label_w),
                    theme.heading(),
                )];
                v.extend(checked(&st.name, &st.name_issues, value_w, theme));
                Line::from(v)
            }
            Row::Title => {
                let mut v = vec![Span::styled(
                    pad("Proposal PR title", label_w),
                    theme.heading(),
                )];
                v.extend(checked(&st.title, &st.title_issues, value_w, theme));
                Line::from(v)
            }
            Row::Field(pf) => {
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
                let problem = st.problems.iter().any(|(f, _)| *f == pf);
                let mut spans = vec![Span::raw(pad(pf.label(), label_w))];
                if problem {
                    spans.push(Span::styled(format!("{FAIL} "), theme.error()));
                }
                if v.trim().is_empty() {
                    spans.push(Span::styled(EMPTY, theme.dim()));
                } else {
                    spans.push(Span::raw(clip(&shown, value_w.saturating_sub(2))));
                }
                if pf.is_choice() {
                    spans.push(Span::styled("  (Space)", theme.dim()));
                }
                Line::from(spans)
            }
            Row::ExportIntro => Line::styled(
                format!("{ACTION}Write intro.md into the connector folder (x)"),
                theme.accent(),
            ),
            Row::OpenCompare => Line::styled(
                format!("{ACTION}Open the proposal PR page on GitHub (o)"),
                theme.accent(),
            ),
            Row::Opened => super::event_row(
                s.events.proposal_opened,
                |d| format!("Proposal PR opened on {d}"),
                "Proposal PR opened",
                theme,
            ),
        };
        lines.push(line);
    }
    let editing = app.shared.editor.as_ref();
    let at = super::list(
        f,
        rows,
        lines,
        &st.nav,
        editing.is_none() && st.focus == Pane::Main,
        ListId::Propose,
        theme,
        hits,
    );

    // The preview follows the typing (computed in update).
    let block = Block::default()
        .borders(if wide { Borders::LEFT } else { Borders::TOP })
        .border_style(if st.focus == Pane::Side {
            theme.accent()
        } else {
            theme.dim()
        })
        .title(Span::styled(
            format!(
                " intro.md preview{}{} ",
                if st.todos > 0 {
                    format!(" — {} TODO", st.todos)
                } else {
                    String::new()
                },
                if st.focus == Pane::Side {
                    " (↑↓ scroll, Tab back)"
                } else {
                    " (Tab)"
                }
            ),
            theme.heading(),
        ));
    f.render_widget(Clear, preview);
    let inner = block.inner(preview);
    f.render_widget(block, preview);
    let inner = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(1),
        ..inner
    };
    let preview_lines: Vec<Line<'static>> = st
        .intro
        .lines()
        .flat_map(|l| super::wrap(l, inner.width as usize))
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
    super::text_pane(f, inner, preview_lines, &st.preview, hits);
    if let Some(ed) = editing {
        editor::render_beside(f, rows, 0, at, ed, theme, hits);
    }
}
