//! 3 Build, a form: its title, one row per property (a text, or a choice cycled with Space)
//! with the mark of what its checks say, and under the rows the selected row's problem, the
//! rules its text breaks and what it is for. The editor of a text row opens beside it.

use super::super::{clip, list_lazy, pad, title_line, wrap, Theme};
use crate::tui::app::App;
use crate::tui::list::{HitMap, ListId};
use crate::tui::theme::{severity_mark, EMPTY, FAIL, PASS};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::Frame;

pub fn render(f: &mut Frame, area: Rect, app: &App, theme: Theme, hits: &mut HitMap) {
    let Some(form) = app.build.form.as_ref() else {
        return;
    };
    let problems = form.checks.iter().filter(|c| c.problem.is_some()).count();
    let status = if problems == 0 {
        Span::styled(format!("{PASS} ready: ^S writes it"), theme.ok())
    } else {
        Span::styled(
            format!("{FAIL} {problems} row(s) to fix before ^S writes it"),
            theme.error(),
        )
    };
    let head = vec![
        title_line(
            "3 Build",
            &clip(&form.title, (area.width as usize).saturating_sub(10)),
            theme,
        ),
        Line::from(vec![status]),
    ];
    super::super::put(f, Rect { height: 2, ..area }, head);
    let body = super::super::below(area, 2);
    // The selected row's checks in full, under the rows.
    let key = form.selected();
    let check = form.checks.get(form.nav.selected);
    let mut detail: Vec<Line<'static>> = Vec::new();
    let width = body.width as usize;
    if let (Some(k), Some(c)) = (key, check) {
        if let Some(p) = &c.problem {
            for l in wrap(&format!("{FAIL} {p}"), width) {
                detail.push(Line::styled(l, theme.error()));
            }
        }
        for i in &c.issues {
            for l in wrap(
                &format!(
                    "{} {} {} → {}",
                    severity_mark(i.severity),
                    i.rule,
                    i.message,
                    i.help
                ),
                width,
            ) {
                detail.push(Line::styled(l, theme.severity(i.severity)));
            }
        }
        let hint = form.hint(k);
        if !hint.is_empty() {
            for l in wrap(hint, width) {
                detail.push(Line::styled(l, theme.dim()));
            }
        }
    }
    let rows_h = (form.rows.len() as u16).min(body.height.saturating_sub(1));
    let room = body.height.saturating_sub(rows_h + 1) as usize;
    detail.truncate(room);
    let rows = Rect {
        height: rows_h,
        ..body
    };
    let label_w = 18;
    let value_w = width.saturating_sub(label_w + 4);
    let row = |i: usize| {
        let (Some(k), Some(c)) = (form.rows.get(i), form.checks.get(i)) else {
            return Line::raw("");
        };
        let shown = form.shown(*k);
        let choice = !form.choices(*k).is_empty();
        let mark = match (&c.problem, c.worst()) {
            (Some(p), _) => Span::styled(format!("  {FAIL} {p}"), theme.error()),
            (None, Some(s)) => {
                let rule = c
                    .issues
                    .iter()
                    .find(|x| x.severity == s)
                    .map(|x| x.rule.as_str())
                    .unwrap_or("");
                Span::styled(format!("  {} {rule}", severity_mark(s)), theme.severity(s))
            }
            (None, None) if form.rule(*k).is_some() => {
                Span::styled(format!("  {PASS}"), theme.ok())
            }
            (None, None) => Span::raw(""),
        };
        let room = value_w.saturating_sub(mark.content.chars().count().min(value_w / 2));
        let value = if shown.is_empty() {
            Span::styled(EMPTY.to_string(), theme.dim())
        } else if choice {
            Span::raw(format!("‹{}›", clip(&shown, room.saturating_sub(2))))
        } else {
            Span::raw(clip(&shown, room))
        };
        Line::from(vec![
            Span::styled(pad(form.label(*k), label_w), theme.heading()),
            value,
            mark,
        ])
    };
    let editing = app.shared.editor.as_ref();
    let at = list_lazy(
        f,
        rows,
        form.rows.len(),
        row,
        &form.nav,
        editing.is_none(),
        ListId::Form,
        theme,
        hits,
    );
    let detail_area = super::super::below(body, rows_h + 1);
    super::super::put(f, detail_area, detail);
    if let Some(ed) = editing {
        super::super::widgets::editor::render_beside(
            f,
            rows,
            body.height.saturating_sub(rows_h),
            at,
            ed,
            theme,
            hits,
        );
    }
}
