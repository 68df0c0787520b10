//! Home: start a new connector, or resume a saved session (most recent first).

use super::widgets::editor;
use super::{clip, pad, Theme};
use crate::tui::app::App;
use crate::tui::editor::EditTarget;
use crate::tui::list::{HitMap, ListId};
use crate::tui::theme::FAIL;
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
        .shared
        .editor
        .as_ref()
        .filter(|e| e.target == EditTarget::NewSession);
    let [intro, rows, foot] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(1),
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
    for s in &app.home.sessions {
        let step = match (s.current_step, s.current_status) {
            (Some(st), Some(status)) => format!("{} · {}", st.label(), status.label()),
            _ => "cannot be read".to_string(),
        };
        let mut spans = vec![
            Span::raw(pad(&s.name, name_w)),
            Span::raw(" "),
            Span::raw(pad(&step, 30)),
            Span::styled(ago(app.shared.now, s.updated), theme.dim()),
        ];
        if let Some(pid) = s.in_use_by {
            spans.push(Span::styled(
                format!("  in use (pid {pid})"),
                theme.warning(),
            ));
        }
        if let Some(p) = &s.problem {
            spans.push(Span::styled(
                format!("  {FAIL} {}", clip(p, 40)),
                theme.error(),
            ));
        }
        lines.push(Line::from(spans));
    }
    let at = super::list(
        f,
        rows,
        lines,
        &app.home.nav,
        editing.is_none(),
        ListId::Sessions,
        theme,
        hits,
    );
    let mut foot_lines = Vec::new();
    if let Some(e) = &app.home.error {
        foot_lines.push(Line::styled(format!("{FAIL} {e}"), theme.error()));
    }
    foot_lines.push(Line::styled(
        format!("Sessions are kept in {}", app.shared.sessions_dir.display()),
        theme.dim(),
    ));
    f.render_widget(Paragraph::new(foot_lines), foot);
    if let Some(ed) = editing {
        editor::render_beside(f, rows, foot.height, at, ed, theme, hits);
    }
}
