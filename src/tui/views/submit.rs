//! 4 Submit: the PR checklist (ticked by the program where it verified the item, by the
//! person where only they can vouch for it), the final PR title and body, the pull request,
//! the checkout, the export and the PR page; the detail of the selected row under the list.

use super::widgets::editor;
use super::{clip, pad, title_line, wrap, Theme};
use crate::session::progress;
use crate::tui::app::App;
use crate::tui::list::{HitMap, ListId, Pane};
use crate::tui::steps::submit::{pr_url, Row};
use crate::tui::theme::{severity_mark, tick_box, ACTION, PASS};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::Frame;

pub fn render(f: &mut Frame, area: Rect, app: &App, theme: Theme, hits: &mut HitMap) {
    let Some(s) = app.session() else { return };
    let st = &app.submit;
    let detail_h = if area.height >= 20 { 5 } else { 3 };
    let [head, rows, detail] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(detail_h),
    ])
    .areas(area);
    let what = if s.is_update {
        "push the update to a pull request of your fork"
    } else if progress::applies(s, crate::session::Step::Propose) {
        "push to the proposal PR, drop \"Proposal -\""
    } else {
        "open the pull request"
    };
    super::put(
        f,
        head,
        vec![
            title_line("4 Submit", what, theme),
            Line::styled(
                {
                    use crate::generate::Tick::*;
                    format!(
                        "{}verified by the program  {}ticked by you  {}to do  {}not applicable",
                        tick_box(Verified),
                        tick_box(Confirmed),
                        tick_box(Open),
                        tick_box(NotApplicable)
                    )
                },
                theme.dim(),
            ),
        ],
    );
    let w = rows.width as usize;
    let label_w = 14;
    let value_w = w.saturating_sub(label_w + 6);
    let mut lines = Vec::new();
    for row in &st.rows {
        let line = match row {
            Row::Check(i) => {
                let Some(item) = st.items.get(*i) else {
                    continue;
                };
                Line::from(vec![
                    Span::styled(tick_box(item.tick), theme.tick(item.tick)),
                    Span::styled(pad(item.id, 9), theme.dim()),
                    Span::raw(clip(item.text, w.saturating_sub(16))),
                ])
            }
            Row::Title => Line::from(vec![
                Span::styled(pad("PR title", label_w), theme.heading()),
                Span::raw(clip(&st.title, value_w.saturating_sub(2))),
                match st.title_issues.first() {
                    Some(i) => Span::styled(
                        format!(" {}", severity_mark(i.severity)),
                        theme.severity(i.severity),
                    ),
                    None => Span::styled(format!(" {PASS}"), theme.ok()),
                },
            ]),
            Row::Body => Line::from(vec![
                Span::styled(pad("PR body", label_w), theme.heading()),
                Span::styled("Enter shows it", theme.dim()),
            ]),
            Row::PullRequest => Line::from(vec![
                Span::styled(pad("Pull request", label_w), theme.heading()),
                match s.pr.number {
                    Some(n) => Span::raw(format!("#{n}")),
                    None => {
                        Span::styled("not recorded yet (Enter: its number or URL)", theme.dim())
                    }
                },
            ]),
            Row::Repo => Line::from(vec![
                Span::styled(pad("Checkout", label_w), theme.heading()),
                match &s.checkout.dir {
                    Some(p) => Span::raw(clip(&p.display().to_string(), value_w)),
                    None => Span::styled(
                        "your clone of microsoft/PowerPlatformConnectors (Enter)",
                        theme.dim(),
                    ),
                },
            ]),
            Row::Export => {
                let state = match &app.shared.export.status {
                    Some(x) if x.pending.is_empty() => "the checkout is up to date".to_string(),
                    Some(x) => format!("{} file(s) to export", x.pending.len()),
                    None => "plan first, then asks".to_string(),
                };
                Line::styled(
                    format!("{ACTION}Export into the checkout (x): {state}"),
                    theme.accent(),
                )
            }
            Row::Compare => Line::styled(
                if s.pr.number.is_some() {
                    format!("{ACTION}Open the pull request on GitHub (o)")
                } else {
                    format!("{ACTION}Open the page that creates the pull request (o)")
                },
                theme.accent(),
            ),
            Row::Submitted => super::event_row(
                s.events.submitted,
                |d| format!("Submitted on {d}"),
                "Submitted",
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
        ListId::Submit,
        theme,
        hits,
    );

    // The detail of the selected row.
    let dw = detail.width as usize;
    let mut out: Vec<Line<'static>> = Vec::new();
    let focused = st.focus == Pane::Side;
    out.push(Line::styled(
        if focused {
            "Detail (↑↓ scroll, Tab back)"
        } else {
            "Detail (Tab)"
        },
        if focused { theme.accent() } else { theme.dim() },
    ));
    let mut text = |t: String, style| {
        for l in wrap(&t, dw) {
            out.push(Line::styled(l, style));
        }
    };
    match st.rows.get(st.nav.selected) {
        Some(Row::Check(i)) => {
            if let Some(item) = st.items.get(*i) {
                let who = if item.confirmable {
                    "Yours to tick (Space)."
                } else {
                    "Decided by the program."
                };
                let note = item.note.trim_end_matches('.');
                text(format!("{note}. {who}"), theme.dim());
            }
        }
        Some(Row::Title) => {
            text(
                "The title follows the connector's name: Enter renames it.".into(),
                theme.dim(),
            );
            for i in &st.title_issues {
                text(
                    format!("{} {} {}", severity_mark(i.severity), i.rule, i.message),
                    theme.severity(i.severity),
                );
            }
        }
        Some(Row::PullRequest) => match pr_url(&s.pr) {
            Some(u) => text(u, theme.dim()),
            None => text(
                "Record the pull request (the proposal PR, reused) to link it here and in steps 5 and 6."
                    .into(),
                theme.dim(),
            ),
        },
        Some(Row::Repo | Row::Export) => {
            if let Some(b) = &s.checkout.branch {
                text(format!("Last export went onto branch `{b}`."), theme.dim());
            }
            match &app.shared.export.status {
                Some(x) if !x.pending.is_empty() => text(
                    format!("Not exported yet into {}: {}.", x.target, x.pending.join(", ")),
                    theme.warning(),
                ),
                Some(x) => text(format!("{} holds the working copy as it is.", x.target), theme.ok()),
                None => text(
                    "The plan shows the branch, every file and the errors left before anything is written."
                        .into(),
                    theme.dim(),
                ),
            }
        }
        _ => {}
    }
    super::text_pane(f, detail, out, &st.detail, hits);
    if let Some(ed) = editing {
        editor::render_beside(f, rows, detail.height, at, ed, theme, hits);
    }
}
