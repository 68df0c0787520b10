//! 1 Verify: type the name, see the matches update as you type, choose the outcome.

use super::widgets::editor;
use super::{clip, list, pad, title_line, wrap, Theme};
use crate::tui::app::App;
use crate::tui::editor::EditTarget;
use crate::tui::list::{HitMap, ListId};
use crate::tui::steps::verify::status_label;
use crate::tui::theme::{FAIL, SAME};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::Frame;

pub fn render(f: &mut Frame, area: Rect, app: &App, theme: Theme, hits: &mut HitMap) {
    let Some(s) = app.session() else { return };
    let editing = app
        .shared
        .editor
        .as_ref()
        .filter(|e| e.target == EditTarget::Query);
    let name_h = editing.map(|_| 3).unwrap_or(2);
    let [head, name, rows, detail] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(name_h),
        Constraint::Min(3),
        Constraint::Length(6),
    ])
    .areas(area);
    super::put(
        f,
        head,
        vec![
            title_line("1 Verify", "is the connector already built?", theme),
            Line::styled(
                "Reviewers close new PRs for services that already have a connector.",
                theme.dim(),
            ),
        ],
    );
    match editing {
        Some(ed) => editor::render(f, name, ed, theme, hits),
        None => super::put(
            f,
            name,
            vec![Line::from(vec![
                Span::styled("Name: ", theme.heading()),
                Span::raw(app.verify.query.clone()),
                Span::styled("   (/ or Tab to change)", theme.dim()),
            ])],
        ),
    }
    let w = rows.width as usize;
    // Mark (2), name, what (28), score (5), "same" (5), the list's own marker (2).
    let name_w = w.saturating_sub(2 + 1 + 28 + 5 + 5 + 2).clamp(8, 44);
    let mut lines = Vec::new();
    for h in &app.verify.hits {
        let what = match h.pr_number {
            Some(n) => format!("{} #{n}", status_label(h.status)),
            None => format!("{} · {}", h.kind, status_label(h.status)),
        };
        lines.push(Line::from(vec![
            Span::styled(if h.duplicate { SAME } else { "  " }, theme.error()),
            Span::raw(pad(&h.name, name_w)),
            Span::raw(" "),
            Span::styled(pad(&what, 28), theme.dim()),
            Span::raw(format!("{:>4.0}%", h.score * 100.0)),
            Span::styled(if h.duplicate { " same" } else { "" }, theme.error()),
        ]));
    }
    let header = if app.shared.catalog.loading {
        "Loading the connector catalog…".to_string()
    } else if let Some(e) = &app.shared.catalog.error {
        format!("{FAIL} catalog: {e}")
    } else if app.verify.query.trim().is_empty() {
        "Type the connector's name.".to_string()
    } else if lines.is_empty() {
        "No match: nothing with a similar name is known.".to_string()
    } else {
        format!(
            "Matches for \"{}\" (= same service)",
            clip(&app.verify.query, 30)
        )
    };
    super::put(
        f,
        Rect { height: 1, ..rows },
        vec![Line::styled(header, theme.heading())],
    );
    let list_area = Rect {
        y: rows.y + 1,
        height: rows.height.saturating_sub(1),
        ..rows
    };
    list(
        f,
        list_area,
        lines,
        &app.verify.nav,
        editing.is_none(),
        ListId::Matches,
        theme,
        hits,
    );

    let mut out = Vec::new();
    if let Some(h) = app.verify.hits.get(app.verify.nav.selected) {
        for l in wrap(&h.advice_text(), detail.width as usize)
            .into_iter()
            .take(3)
        {
            out.push(Line::raw(l));
        }
    } else {
        out.push(Line::raw(""));
    }
    let decision = match &s.duplicate.outcome {
        Some(o) => Line::from(vec![
            Span::styled("Decision: ", theme.heading()),
            Span::styled(o.label(), theme.ok()),
        ]),
        None => Line::from(vec![
            Span::styled("Decision: ", theme.heading()),
            Span::styled("none yet", theme.dim()),
        ]),
    };
    out.push(decision);
    if s.duplicate.outcome.is_none() {
        out.push(Line::styled(
            "Enter: this match is my connector · n: none of them is",
            theme.dim(),
        ));
    }
    out.push(Line::styled(
        "o: search the pull requests on GitHub",
        theme.dim(),
    ));
    super::put(
        f,
        Rect {
            y: detail.y + 1,
            height: detail.height.saturating_sub(1),
            ..detail
        },
        out,
    );
}
