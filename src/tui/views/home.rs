//! Home: start a new connector, or resume a saved session (most recent first).

use super::widgets::editor;
use super::{clip, list, pad, Theme};
use crate::tui::app::{App, EditTarget, HitMap, ListId};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// "3 h ago", "2 d ago".
pub fn ago(now: chrono::DateTime<chrono::Utc>, then: chrono::DateTime<chrono::Utc>) -> String {
    let d = now - then;
    if d.num_minutes() < 1 {
        "just now".into()
    } else if d.num_hours() < 1 {
        format!("{} min ago", d.num_minutes())
    } else if d.num_days() < 1 {
        format!("{} h ago", d.num_hours())
    } else if d.num_days() < 60 {
        format!("{} d ago", d.num_days())
    } else {
        then.format("%Y-%m-%d").to_string()
    }
}

pub fn render(f: &mut Frame, area: Rect, app: &App, theme: Theme, hits: &mut HitMap) {
    let area = Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(2),
        ..area
    };
    let editing = app
        .editor
        .as_ref()
        .filter(|e| e.target == EditTarget::NewSession);
    let ed_h = editing
        .map(|e| editor::height(e, area.width, theme))
        .unwrap_or(0);
    let [intro, rows, ed_area, foot] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(1),
        Constraint::Length(ed_h),
        Constraint::Length(2),
    ])
    .areas(area);
    let intro_lines = vec![
        Line::styled(
            "From an idea to a certified Power Platform connector",
            theme.heading(),
        ),
        Line::styled(
            "Start a new connector, or resume where you left off.",
            theme.dim(),
        ),
        Line::styled("Every change is saved at once.", theme.dim()),
    ];
    super::put(f, intro, intro_lines);

    // The list's marker (2), name, step (30), last change (10).
    let name_w = (area.width as usize)
        .saturating_sub(2 + 1 + 30 + 10)
        .clamp(10, 44);
    let mut lines = vec![Line::from(vec![Span::styled(
        "+ New connector",
        theme.accent(),
    )])];
    for s in &app.sessions {
        let step = match (s.current_step, s.current_status) {
            (Some(st), Some(status)) => format!("{} · {}", st.label(), status.label()),
            _ => "cannot be read".to_string(),
        };
        let mut spans = vec![
            Span::raw(pad(&s.name, name_w)),
            Span::raw(" "),
            Span::raw(pad(&step, 30)),
            Span::styled(ago(app.now, s.updated), theme.dim()),
        ];
        if let Some(pid) = s.in_use_by {
            spans.push(Span::styled(
                format!("  in use (pid {pid})"),
                theme.warning(),
            ));
        }
        if let Some(p) = &s.problem {
            spans.push(Span::styled(format!("  ✗ {}", clip(p, 40)), theme.error()));
        }
        lines.push(Line::from(spans));
    }
    list(
        f,
        rows,
        lines,
        &app.sessions_nav,
        editing.is_none(),
        ListId::Sessions,
        theme,
        hits,
    );
    if let Some(ed) = editing {
        editor::render(f, ed_area, ed, theme, hits);
    }
    let mut foot_lines = Vec::new();
    if let Some(e) = &app.home_error {
        foot_lines.push(Line::styled(format!("✗ {e}"), theme.error()));
    }
    foot_lines.push(Line::styled(
        format!("Sessions are kept in {}", app.sessions_dir.display()),
        theme.dim(),
    ));
    f.render_widget(Paragraph::new(foot_lines), foot);
}
