//! 3 Build: the fields of the swagger with their marks, the editor beside the field being
//! edited, and the findings of the whole check, errors first (Enter jumps to the field).
//! Without a connector yet, the start panel ([`start`]); a form over the fields ([`form`]);
//! the operations of a file to import ([`pick`]).

mod form;
mod pick;
mod start;

use super::widgets::editor;
use super::{clip, pad, title_line, Theme};
use crate::rules::Severity;
use crate::tui::app::App;
use crate::tui::list::{HitMap, ListId, Pane};
use crate::tui::shared::count;
use crate::tui::steps::build::findings::{rule_width, short_file, starts_group};
use crate::tui::steps::build::{mode, Mode};
use crate::tui::theme::{field_mark, severity_mark, severity_plural, FAIL};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::Frame;

pub fn render(f: &mut Frame, area: Rect, app: &App, theme: Theme, hits: &mut HitMap) {
    match mode(&app.build) {
        Mode::Start => return start::render(f, area, app, theme, hits),
        Mode::Pick => return pick::render(f, area, app, theme, hits),
        Mode::Form => return form::render(f, area, app, theme, hits),
        Mode::Fields => {}
    }
    let Some(s) = app.session() else { return };
    let ws = &app.shared.workspace;
    let st = &app.build;
    let folder = s
        .connector_dir
        .as_ref()
        .map(|d| d.display().to_string())
        .unwrap_or_else(|| "no folder yet".into());
    let mut stale: Vec<String> = ws
        .stale
        .iter()
        .filter(|x| x.name != "intro.md")
        .flat_map(|x| {
            let key = if x.name == "readme.md" { "m" } else { "a" };
            super::wrap(
                &format!("! {}: {key} regenerates it.", x.reason),
                area.width as usize,
            )
        })
        .take(2)
        .collect();
    // What the wizard could not know: each marker until it is replaced.
    if let Some((file, first)) = st.markers.first() {
        let n = st.markers.len();
        stale.insert(
            0,
            clip(
                &format!(
                    "! {n} [TODO: …] marker{} to fill in, first {file}:{} {} ({})",
                    if n == 1 { "" } else { "s" },
                    first.line,
                    first.pointer,
                    first.what
                ),
                area.width as usize,
            ),
        );
        stale.truncate(2);
    }
    let head_h = 2 + stale.len() as u16;
    let find_h = if ws.connector.is_some() {
        (area.height / 3).clamp(3, 12)
    } else {
        0
    };
    let [head, rows, finds] = Layout::vertical([
        Constraint::Length(head_h),
        Constraint::Min(3),
        Constraint::Length(find_h),
    ])
    .areas(area);
    let summary = if ws.loading {
        vec![Span::styled("reading and checking…", theme.dim())]
    } else if let Some((e, w, i)) = app.shared.counts() {
        vec![
            Span::styled(
                count(e, Severity::Error),
                if e > 0 { theme.error() } else { theme.ok() },
            ),
            Span::styled(
                format!(" · {}", count(w, Severity::Warning)),
                theme.warning(),
            ),
            Span::styled(format!(" · {}", count(i, Severity::Info)), theme.dim()),
            Span::styled(
                format!(
                    " · {} fields · {} safe fixes",
                    st.fields.len(),
                    ws.fixable()
                ),
                theme.dim(),
            ),
        ]
    } else {
        vec![Span::styled("O opens a connector folder", theme.dim())]
    };
    let mut head_lines = vec![
        title_line(
            "3 Build",
            &clip(&folder, (head.width as usize).saturating_sub(10)),
            theme,
        ),
        Line::from(summary),
    ];
    head_lines.extend(stale.into_iter().map(|l| Line::styled(l, theme.warning())));
    super::put(f, head, head_lines);
    let rows = if let Some(e) = &ws.error {
        super::put(
            f,
            Rect { height: 1, ..rows },
            vec![Line::styled(format!("{FAIL} {e}"), theme.error())],
        );
        super::below(rows, 1)
    } else {
        rows
    };

    let group_w = (rows.width as usize / 5).clamp(10, 24);
    let key_w = 16;
    let value_w = (rows.width as usize).saturating_sub(group_w + key_w + 6);
    let field_row = |i: usize| {
        let fl = &st.fields[i];
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
                format!("{} ", field_mark(fl.mark)),
                fl.mark.map(|m| theme.severity(m)).unwrap_or_default(),
            ),
            Span::styled(pad(&group, group_w), theme.heading()),
            Span::raw(" "),
            Span::styled(pad(fl.key_label(), key_w), theme.dim()),
            value,
        ])
    };
    let editing = app.shared.editor.as_ref();
    let at = super::list_lazy(
        f,
        rows,
        st.fields.len(),
        field_row,
        &st.fields_nav,
        st.focus == Pane::Main && editing.is_none(),
        ListId::Fields,
        theme,
        hits,
    );
    if find_h > 0 {
        findings(f, finds, app, theme, hits);
    }
    if let Some(ed) = editing {
        editor::render_beside(f, rows, finds.height, at, ed, theme, hits);
    }
}

fn findings(f: &mut Frame, area: Rect, app: &App, theme: Theme, hits: &mut HitMap) {
    let ws = &app.shared.workspace;
    let st = &app.build;
    let focused = st.focus == Pane::Side;
    let (e, w, i) = app.shared.counts().unwrap_or_default();
    let shown = if st.errors_only {
        format!("errors only ({}) · e: all", st.order.len())
    } else {
        "errors first · e: errors only".to_string()
    };
    let title = Line::from(vec![
        Span::styled("Findings ", theme.heading()),
        Span::styled(
            format!(
                "{e} {} · {w} {} · {i} {}",
                severity_mark(Severity::Error),
                severity_mark(Severity::Warning),
                severity_mark(Severity::Info)
            ),
            if e > 0 { theme.error() } else { theme.ok() },
        ),
        Span::styled(
            format!(
                "  {shown} · {}",
                if focused {
                    "Enter: go to the field · Tab: back"
                } else {
                    "Tab: go to the findings"
                }
            ),
            theme.dim(),
        ),
    ]);
    super::put(f, Rect { height: 1, ..area }, vec![title]);
    // The selected finding in full (message and fix) under the list, when focused.
    let detail_h = if focused && !st.order.is_empty() {
        2
    } else {
        0
    };
    let list_area = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(1 + detail_h),
        ..area
    };
    if let Some(fi) = st
        .selected_finding()
        .and_then(|i| ws.finding(i))
        .filter(|_| detail_h > 0)
    {
        let text = format!("{} {}: {} → {}", fi.rule, fi.file, fi.message, fi.help);
        let lines: Vec<Line> = super::wrap(&text, area.width as usize)
            .into_iter()
            .take(detail_h as usize)
            .map(|l| Line::styled(l, theme.dim()))
            .collect();
        let d = Rect {
            y: list_area.y + list_area.height,
            height: detail_h,
            ..area
        };
        super::put(f, d, lines);
    }
    let rule_w = rule_width(st.order.iter().filter_map(|i| ws.finding(*i)));
    let group_w = 9;
    let loc_w = 17;
    let finding_row = |pos: usize| {
        let Some(fi) = st.order.get(pos).and_then(|i| ws.finding(*i)) else {
            return Line::raw("");
        };
        let file = short_file(&fi.file);
        let loc = if fi.line > 0 {
            format!("{}:{}", clip(&file, 12), fi.line)
        } else {
            clip(&file, 16)
        };
        let group = if starts_group(ws, &st.order, pos) {
            severity_plural(fi.severity)
        } else {
            ""
        };
        let msg_w = (area.width as usize).saturating_sub(2 + group_w + 2 + rule_w + 1 + loc_w);
        Line::from(vec![
            Span::styled(pad(group, group_w), theme.heading()),
            Span::styled(
                format!("{} ", severity_mark(fi.severity)),
                theme.severity(fi.severity),
            ),
            Span::styled(
                format!("{} ", pad(fi.rule.as_str(), rule_w)),
                theme.severity(fi.severity),
            ),
            Span::styled(pad(&loc, loc_w), theme.dim()),
            Span::raw(clip(&fi.message, msg_w)),
        ])
    };
    super::list_lazy(
        f,
        list_area,
        st.order.len(),
        finding_row,
        &st.findings_nav,
        focused,
        ListId::Findings,
        theme,
        hits,
    );
}
