//! 3 Build without a connector yet: why (no folder, or one with no swagger) and the three
//! ways to start, each with its key.

use super::super::{list, title_line, Theme};
use crate::tui::app::App;
use crate::tui::list::{HitMap, ListId};
use crate::tui::steps::build::start::ROWS;
use crate::tui::theme::{ACTION, FAIL};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::Frame;

pub fn render(f: &mut Frame, area: Rect, app: &App, theme: Theme, hits: &mut HitMap) {
    let st = &app.build;
    let ws = &app.shared.workspace;
    let why = match (&st.empty_folder, &ws.error) {
        (Some(dir), _) => format!("{} holds no swagger yet.", dir.display()),
        (None, Some(_)) => "The connector folder could not be read.".to_string(),
        (None, None) => "Connector folder: none yet.".to_string(),
    };
    let mut head = vec![
        title_line("3 Build", "build your connector", theme),
        Line::raw(why),
    ];
    if let Some(e) = &ws.error {
        head.extend(
            super::super::wrap(&format!("{FAIL} {e}"), area.width as usize)
                .into_iter()
                .take(2)
                .map(|l| Line::styled(l, theme.error())),
        );
    }
    head.push(Line::styled("How do you want to start?", theme.heading()));
    let head_h = (head.len() as u16).min(area.height);
    super::super::put(
        f,
        Rect {
            height: head_h,
            ..area
        },
        head,
    );
    let rows: Vec<Line<'static>> = ROWS
        .iter()
        .map(|r| {
            Line::from(vec![
                Span::styled(ACTION, theme.accent()),
                Span::raw(r.label()),
                Span::styled(format!("  ({})", r.key()), theme.dim()),
            ])
        })
        .collect();
    let rest = super::super::below(area, head_h);
    let list_area = Rect {
        height: rest.height.min(ROWS.len() as u16),
        ..rest
    };
    list(
        f,
        list_area,
        rows,
        &st.start_nav,
        app.shared.editor.is_none(),
        ListId::Start,
        theme,
        hits,
    );
    let notes = "Blank: a Swagger 2.0 file and apiProperties.json from the session's facts; what it cannot know is a [TODO: …] marker that check reports until you replace it.\nImport: OpenAPI 3.0/3.1 or Swagger 2.0, JSON or YAML; you pick the operations, and the conversion's notes name each place in the source.";
    let below = super::super::below(rest, list_area.height + 1);
    super::super::put(
        f,
        below,
        super::super::wrap(notes, below.width as usize)
            .into_iter()
            .map(|n| Line::styled(n, theme.dim()))
            .collect(),
    );
    if let Some(ed) = app.shared.editor.as_ref() {
        super::super::widgets::editor::render_beside(f, rest, 0, None, ed, theme, hits);
    }
}
