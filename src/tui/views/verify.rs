//! 1 Verify: type the name, see the matches update as you type, choose the outcome.

use super::widgets::editor;
use super::{clip, list, pad, title_line, wrap, Theme};
use crate::catalog::{thousands, Verdict, STALE_DAYS};
use crate::tui::app::App;
use crate::tui::editor::EditTarget;
use crate::tui::list::{HitMap, ListId};
use crate::tui::steps::verify::status_label;
use crate::tui::theme::FAIL;
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
    // What was searched and how old the list is, in place of the reminder line. Ages count
    // in days from today (the date the wizard runs on).
    let today = app.shared.today.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
    let mut head_lines = vec![title_line(
        "1 Verify",
        "is the connector already built?",
        theme,
    )];
    match (&app.shared.catalog.catalog, today) {
        (Some(c), Some(now)) => {
            let counts = c.counts();
            let text = format!(
                "Searched {} connectors and {} open PRs; {}.",
                thousands(counts.connectors),
                thousands(counts.pull_requests),
                c.freshness(now)
            );
            let old = c.refresh_advice(now).is_some();
            let style = if old { theme.warning() } else { theme.dim() };
            for l in wrap(&text, area.width as usize).into_iter().take(2) {
                head_lines.push(Line::styled(l, style));
            }
            if old {
                head_lines.push(Line::styled(
                    format!("Over {STALE_DAYS} days old: run `connector-wizard catalog refresh`."),
                    style,
                ));
            }
        }
        _ => head_lines.push(Line::styled(
            "Reviewers close new PRs for services that already have a connector.",
            theme.dim(),
        )),
    }
    let [head, name, rows, detail] = Layout::vertical([
        Constraint::Length(head_lines.len() as u16),
        Constraint::Length(name_h),
        Constraint::Min(3),
        Constraint::Length(7),
    ])
    .areas(area);
    super::put(f, head, head_lines);
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
    // Mark (2), name, what (28), score (5), verdict (7), the list's own marker (2).
    let name_w = w.saturating_sub(2 + 1 + 28 + 5 + 7 + 2).clamp(8, 44);
    let mut lines = Vec::new();
    for h in &app.verify.hits {
        let what = match h.pr_number {
            Some(n) => format!("{} #{n}", status_label(h.status)),
            None => format!("{} · {}", h.kind, status_label(h.status)),
        };
        let style = match h.verdict {
            Verdict::Same => theme.error(),
            Verdict::Likely => theme.warning(),
            _ => theme.accent(),
        };
        let label = match h.verdict {
            Verdict::Different => String::new(),
            v => format!(" {v}"),
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", h.verdict.mark()), style),
            Span::raw(pad(&h.display_name(), name_w)),
            Span::raw(" "),
            Span::styled(pad(&what, 28), theme.dim()),
            Span::raw(format!("{:>4.0}%", h.score_shown() * 100.0)),
            Span::styled(label, style),
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
            "Matches for \"{}\" (= same · ≈ likely · ~ vendor)",
            clip(&app.verify.query, 20)
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
    // The answer (the decision table over every match) while the first match is selected;
    // the selected match's own advice otherwise.
    let selected = app.verify.nav.selected;
    let text = match (&app.shared.catalog.catalog, app.verify.hits.get(selected)) {
        (Some(c), Some(_)) if selected == 0 => {
            Some(c.answer(&app.verify.hits).summary(&app.verify.hits))
        }
        (_, Some(h)) => Some(h.advice_text()),
        _ => None,
    };
    if let Some(text) = text {
        for l in wrap(&text, detail.width as usize).into_iter().take(3) {
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
