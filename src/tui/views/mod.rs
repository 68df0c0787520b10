//! Drawing: a pure function of the [`App`]. It returns where things were drawn so that mouse
//! clicks can find them. One file per screen; `widgets/` holds the pieces they share.

mod build;
mod home;
mod prereqs;
mod propose;
mod submit;
mod track;
mod verify;
pub mod widgets;

use super::app::{App, HitMap, ListId, ListNav, Screen};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

/// Styles, with and without colour. Meaning never rests on colour alone: selection is
/// reversed and bold, problems carry a mark (✗ ! i).
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn selected(self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }
    pub fn error(self) -> Style {
        if self.color {
            Style::default().fg(Color::Red).add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::BOLD)
        }
    }
    pub fn warning(self) -> Style {
        if self.color {
            Style::default().fg(Color::Yellow)
        } else {
            Style::default()
        }
    }
    pub fn ok(self) -> Style {
        if self.color {
            Style::default().fg(Color::Green)
        } else {
            Style::default()
        }
    }
    pub fn dim(self) -> Style {
        if self.color {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default()
        }
    }
    pub fn accent(self) -> Style {
        if self.color {
            Style::default()
                .fg(Color::Cyan)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::BOLD)
        }
    }
    pub fn heading(self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }
    pub fn severity(self, s: crate::rules::Severity) -> Style {
        match s {
            crate::rules::Severity::Error => self.error(),
            crate::rules::Severity::Warning => self.warning(),
            crate::rules::Severity::Info => self.dim(),
        }
    }
}

/// Draws the whole screen; returns the clickable areas.
pub fn draw(f: &mut Frame, app: &App) -> HitMap {
    let mut hits = HitMap::default();
    let area = f.area();
    let theme = Theme { color: app.color };
    if area.width < super::app::MIN_WIDTH || area.height < super::app::MIN_HEIGHT {
        widgets::too_small::render(f, area, theme);
        return hits;
    }
    let [head, body, status, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    header(f, head, app, theme);
    match app.screen {
        Screen::Home => home::render(f, body, app, theme, &mut hits),
        Screen::Wizard => {
            let [side, main] =
                Layout::horizontal([Constraint::Length(19), Constraint::Min(1)]).areas(body);
            widgets::sidebar::render(f, side, app, theme, &mut hits);
            let block = Block::default()
                .borders(Borders::LEFT)
                .border_style(theme.dim());
            let inner = block.inner(main);
            f.render_widget(block, main);
            let main = Rect {
                x: inner.x + 1,
                width: inner.width.saturating_sub(1),
                ..inner
            };
            use crate::session::Step;
            match app.step {
                Step::Prerequisites => prereqs::render(f, main, app, theme, &mut hits),
                Step::Verify => verify::render(f, main, app, theme, &mut hits),
                Step::Propose => propose::render(f, main, app, theme, &mut hits),
                Step::Build => build::render(f, main, app, theme, &mut hits),
                Step::Submit => submit::render(f, main, app, theme, &mut hits),
                Step::Certify | Step::Deploy => track::render(f, main, app, theme, &mut hits),
            }
        }
    }
    widgets::status::render(f, status, app, theme);
    widgets::keybar::render(f, keys, app, theme, &mut hits);
    match &app.popup {
        Some(super::app::Popup::Help { scroll }) => {
            widgets::help::render(f, body, scroll, theme, &mut hits)
        }
        Some(super::app::Popup::Confirm {
            title, body: text, ..
        }) => widgets::confirm::render(f, body, title, text, theme, &mut hits),
        Some(super::app::Popup::Preview {
            title,
            text,
            scroll,
            on_yes,
            yes_label,
        }) => widgets::preview::render(
            f,
            body,
            title,
            text,
            scroll,
            on_yes.is_some(),
            yes_label,
            theme,
            &mut hits,
        ),
        None => {}
    }
    hits
}

fn header(f: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let mut spans = vec![Span::styled(" connector-wizard ", theme.selected())];
    if let (Screen::Wizard, Some(s)) = (app.screen, app.session()) {
        spans.push(Span::raw("  "));
        spans.push(Span::styled(s.name.clone(), theme.heading()));
        let kind = match s.kind {
            crate::session::ConnectorKind::IndependentPublisher => "independent publisher",
            crate::session::ConnectorKind::Certified => "certified",
        };
        spans.push(Span::styled(
            format!("  {kind}{}", if s.is_update { " · update" } else { "" }),
            theme.dim(),
        ));
        if app.session.as_ref().is_some_and(|o| o.is_read_only()) {
            spans.push(Span::styled("  [read-only]", theme.warning()));
        }
    }
    if app.jobs_running > 0 {
        spans.push(Span::styled("  working…", theme.dim()));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Draws the rows of a list that fit, the selected one reversed with a `▶`, and registers
/// the area for clicks.
#[allow(clippy::too_many_arguments)]
pub fn list(
    f: &mut Frame,
    area: Rect,
    rows: Vec<Line<'static>>,
    nav: &ListNav,
    focused: bool,
    id: ListId,
    theme: Theme,
    hits: &mut HitMap,
) {
    let len = rows.len();
    let mut rows = rows.into_iter().map(Some).collect::<Vec<_>>();
    list_lazy(
        f,
        area,
        len,
        |i| rows[i].take().unwrap_or_default(),
        nav,
        focused,
        id,
        theme,
        hits,
    );
}

/// Like [`list`], building only the rows that are shown (long lists: the fields and
/// findings of a large swagger).
#[allow(clippy::too_many_arguments)]
pub fn list_lazy(
    f: &mut Frame,
    area: Rect,
    len: usize,
    mut row: impl FnMut(usize) -> Line<'static>,
    nav: &ListNav,
    focused: bool,
    id: ListId,
    theme: Theme,
    hits: &mut HitMap,
) {
    let height = area.height as usize;
    let offset = nav.visible_offset(height, len);
    let mut lines = Vec::with_capacity(height);
    for i in (offset..len).take(height) {
        let selected = i == nav.selected;
        let mut spans = vec![Span::raw(if selected && focused { "▶ " } else { "  " })];
        spans.extend(row(i).spans);
        let mut line = fit(Line::from(spans), area.width as usize);
        if selected && focused {
            line = line.style(theme.selected());
        } else if selected {
            line = line.style(Style::default().add_modifier(Modifier::UNDERLINED));
        }
        lines.push(line);
    }
    f.render_widget(Paragraph::new(lines), area);
    hits.add(area, super::app::Hit::List { list: id, offset });
}

/// Cuts a line to `width` characters, ending in `…` when something was cut.
pub fn fit(line: Line<'static>, width: usize) -> Line<'static> {
    let total: usize = line.spans.iter().map(|s| s.content.chars().count()).sum();
    if total <= width {
        return line;
    }
    let mut left = width.saturating_sub(1);
    let mut spans = Vec::new();
    for span in line.spans.clone() {
        if left == 0 {
            break;
        }
        let n = span.content.chars().count();
        if n <= left {
            left -= n;
            spans.push(span);
        } else {
            let cut: String = span.content.chars().take(left).collect();
            spans.push(Span::styled(cut, span.style));
            left = 0;
        }
    }
    spans.push(Span::raw("…"));
    Line { spans, ..line }
}

/// Draws lines, each cut to the width of `area`.
pub fn put(f: &mut Frame, area: Rect, lines: Vec<Line<'static>>) {
    let w = area.width as usize;
    let lines: Vec<Line> = lines.into_iter().map(|l| fit(l, w)).collect();
    f.render_widget(Paragraph::new(lines), area);
}

/// Cuts `s` to `n` characters with an ellipsis.
pub fn clip(s: &str, n: usize) -> String {
    // Text from files and the catalog: line breaks as ⏎, other controls and bidi overrides
    // shown as escapes (ratatui would silently drop them).
    let s = crate::util::printable::printable(&s.replace(['\n', '\r'], " ⏎ ")).into_owned();
    if s.chars().count() <= n {
        s
    } else if n == 0 {
        String::new()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// `s` padded with spaces (or clipped) to exactly `n` characters.
pub fn pad(s: &str, n: usize) -> String {
    let c = clip(s, n);
    let len = c.chars().count();
    format!("{c}{}", " ".repeat(n.saturating_sub(len)))
}

/// Wraps text into lines of at most `width` characters (on spaces).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(8);
    let mut out = Vec::new();
    for para in crate::util::printable::printable_text(text).split('\n') {
        let mut line = String::new();
        for word in para.split(' ') {
            let wl = word.chars().count();
            let ll = line.chars().count();
            if ll > 0 && ll + 1 + wl > width {
                out.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            if wl > width {
                let mut chars: Vec<char> = word.chars().collect();
                while chars.len() > width {
                    let rest = chars.split_off(width);
                    out.push(chars.iter().collect());
                    chars = rest;
                }
                line.push_str(&chars.iter().collect::<String>());
            } else {
                line.push_str(word);
            }
        }
        out.push(line);
    }
    out
}

/// The title line of a step.
pub fn title_line(text: &str, detail: &str, theme: Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(text.to_string(), theme.accent()),
        Span::styled(
            if detail.is_empty() {
                String::new()
            } else {
                format!("  {detail}")
            },
            theme.dim(),
        ),
    ])
}
