//! Drawing: a pure function of the [`App`]. It returns where things were drawn so that mouse
//! clicks can find them. One file per screen, mirroring [`steps`](super::steps); `widgets/`
//! holds the pieces they share. Views read the state only: what they show is computed in
//! update, and the marks come from the [`theme`](super::theme).

mod build;
mod calendar;
mod home;
mod prerequisites;
mod propose;
mod submit;
mod track;
mod verify;
pub mod widgets;

pub use super::theme::Theme;

use super::app::{App, Screen, MIN_HEIGHT, MIN_WIDTH};
use super::list::{Hit, HitMap, ListId, ListNav};
use super::shared::Popup;
use super::theme::CURSOR;
use crate::session::Step;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

/// Width of the steps sidebar.
const SIDEBAR_WIDTH: u16 = 19;

/// Draws the whole screen; returns the clickable areas.
pub fn draw(f: &mut Frame, app: &App) -> HitMap {
    let mut hits = HitMap::default();
    let area = f.area();
    let theme = Theme { color: app.color };
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        widgets::too_small::render(f, area, theme);
        return hits;
    }
    let status_h = widgets::status::height(app, area.width);
    let [head, body, status, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(status_h),
        Constraint::Length(1),
    ])
    .areas(area);
    header(f, head, app, theme);
    match app.screen {
        Screen::Home => home::render(f, body, app, theme, &mut hits),
        Screen::Wizard => {
            let main = if app.sidebar_shown() {
                let [side, main] =
                    Layout::horizontal([Constraint::Length(SIDEBAR_WIDTH), Constraint::Min(1)])
                        .areas(body);
                widgets::sidebar::render(f, side, app, theme, &mut hits);
                let block = Block::default()
                    .borders(Borders::LEFT)
                    .border_style(theme.dim());
                let inner = block.inner(main);
                f.render_widget(block, main);
                Rect {
                    x: inner.x + 1,
                    width: inner.width.saturating_sub(1),
                    ..inner
                }
            } else {
                body
            };
            // A blocked journey says why on every later step.
            let main = match app.shared.blocked(app.step) {
                Some(why) => {
                    let lines = wrap(
                        &format!("{} {why}", super::theme::FAIL),
                        main.width as usize,
                    );
                    let h = (lines.len() as u16).min(2);
                    let banner = Rect { height: h, ..main };
                    put(
                        f,
                        banner,
                        lines
                            .into_iter()
                            .take(h as usize)
                            .map(|l| Line::styled(l, theme.error()))
                            .collect(),
                    );
                    Rect {
                        y: main.y + h,
                        height: main.height.saturating_sub(h),
                        ..main
                    }
                }
                None => main,
            };
            match app.step {
                Step::Prerequisites => prerequisites::render(f, main, app, theme, &mut hits),
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
    match &app.shared.popup {
        Some(Popup::Help { scroll }) => widgets::help::render(f, body, scroll, theme, &mut hits),
        Some(Popup::Log { scroll }) => widgets::log::render(f, body, app, scroll, theme, &mut hits),
        Some(Popup::Confirm {
            title, body: text, ..
        }) => widgets::confirm::render(f, body, title, text, theme, &mut hits),
        Some(Popup::Preview {
            title,
            text,
            scroll,
            on_yes,
            yes_label,
            alt,
        }) => widgets::preview::render(
            f,
            body,
            widgets::preview::Shown {
                title,
                text,
                scroll,
                yes: on_yes.as_ref().map(|_| yes_label.as_str()),
                alt: alt.as_ref().map(|(l, _)| l.as_str()),
            },
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
        // Narrow: the step goes where the kind was.
        if app.sidebar_shown() {
            spans.push(Span::styled(
                format!("  {kind}{}", if s.is_update { " · update" } else { "" }),
                theme.dim(),
            ));
        } else if s.is_update {
            spans.push(Span::styled("  update", theme.dim()));
        }
        if let Some(n) = s.pr.number {
            spans.push(Span::styled(format!("  PR #{n}"), theme.dim()));
        }
        if app.shared.is_read_only() {
            spans.push(Span::styled("  [read-only]", theme.warning()));
        }
        if !app.sidebar_shown() {
            let status = s.status(app.step);
            spans.push(Span::styled(
                format!(
                    "  {} {} (s: steps)",
                    super::theme::status_mark(status),
                    app.step.label()
                ),
                theme.status(status),
            ));
        }
    }
    if app.shared.jobs.running > 0 {
        spans.push(Span::styled("  working…", theme.dim()));
    }
    put(f, area, vec![Line::from(spans)]);
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
) -> Option<u16> {
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
    )
}

/// A dated event row: ticked with its date once it happened, else what to press.
pub fn event_row(
    date: Option<chrono::NaiveDate>,
    done: impl FnOnce(chrono::NaiveDate) -> String,
    todo: &str,
    theme: Theme,
) -> Line<'static> {
    use crate::tui::theme::check_box;
    match date {
        Some(d) => Line::from(vec![
            Span::styled(check_box(true), theme.ok()),
            Span::raw(done(d)),
        ]),
        None => Line::from(vec![
            Span::styled(check_box(false), theme.heading()),
            Span::raw(format!("{todo} (t: today, Enter: a date)")),
        ]),
    }
}

/// Like [`list`], building only the rows that are shown (long lists: the fields and
/// findings of a large swagger). Returns the screen row of the selection, when shown.
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
) -> Option<u16> {
    let height = area.height as usize;
    let offset = nav.visible_offset(height, len);
    let mut lines = Vec::with_capacity(height);
    let mut at = None;
    for i in (offset..len).take(height) {
        let selected = i == nav.selected;
        let mut spans = vec![Span::raw(if selected && focused { CURSOR } else { "  " })];
        spans.extend(row(i).spans);
        let mut line = fit(Line::from(spans), area.width as usize);
        if selected {
            at = Some(area.y + (i - offset) as u16);
            line = line.style(if focused {
                theme.selected()
            } else {
                theme.selected_unfocused()
            });
        }
        lines.push(line);
    }
    f.render_widget(Clear, area);
    f.render_widget(Paragraph::new(lines), area);
    hits.add(area, Hit::List { list: id, offset });
    at
}

/// Draws text lines scrolled to `top` (kept within the text), and registers the area.
pub fn text_pane(
    f: &mut Frame,
    area: Rect,
    lines: Vec<Line<'static>>,
    scroll: &super::list::Scroll,
    hits: &mut HitMap,
) {
    let top = scroll.clamp(lines.len(), area.height as usize);
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(top)
        .take(area.height as usize)
        .map(|l| fit(l, area.width as usize))
        .collect();
    f.render_widget(Clear, area);
    f.render_widget(Paragraph::new(shown), area);
    hits.add(
        area,
        Hit::List {
            list: ListId::Text,
            offset: 0,
        },
    );
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

/// Draws lines, each cut to the width of `area`, over whatever was there.
pub fn put(f: &mut Frame, area: Rect, lines: Vec<Line<'static>>) {
    let area = area.intersection(f.area());
    let w = area.width as usize;
    let lines: Vec<Line> = lines.into_iter().map(|l| fit(l, w)).collect();
    f.render_widget(Clear, area);
    f.render_widget(Paragraph::new(lines), area);
}

/// Cuts `s` to `n` characters with an ellipsis (line breaks shown as ⏎).
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

/// Wraps text into lines of at most `width` characters (on spaces); a paragraph's leading
/// indentation is kept on each of its lines.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(8);
    let mut out = Vec::new();
    let text = crate::util::printable::printable_text(text);
    for para in text.split('\n') {
        let body = para.trim_start_matches(' ');
        let indent = " ".repeat((para.len() - body.len()).min(width / 2));
        let room = width - indent.len();
        let mut line = String::new();
        let push = |line: &mut String, out: &mut Vec<String>| {
            out.push(format!("{indent}{}", std::mem::take(line)));
        };
        for word in body.split(' ') {
            let wl = word.chars().count();
            let ll = line.chars().count();
            if ll > 0 && ll + 1 + wl > room {
                push(&mut line, &mut out);
            }
            if !line.is_empty() {
                line.push(' ');
            }
            if wl > room {
                let mut chars: Vec<char> = word.chars().collect();
                while chars.len() > room {
                    let rest = chars.split_off(room);
                    line.push_str(&chars.iter().collect::<String>());
                    push(&mut line, &mut out);
                    chars = rest;
                }
                line.push_str(&chars.iter().collect::<String>());
            } else {
                line.push_str(word);
            }
        }
        push(&mut line, &mut out);
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

/// The rows of `area` from `top` down (what is left under a heading).
pub fn below(area: Rect, top: u16) -> Rect {
    let top = top.min(area.height);
    Rect {
        y: area.y + top,
        height: area.height - top,
        ..area
    }
}
