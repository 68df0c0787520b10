//! `update(&mut App, Action) -> Vec<Effect>`: the only place the model changes. No drawing
//! and no blocking I/O here; saving, writing files and slow work are handed back as effects.

use super::action::{Action, Cmd, Effect, Outcome, SessionOpenError};
use super::app::*;
use super::fields;
use super::keymap;
use super::steps;
use crate::json::{encode_string, TextEdit};
use crate::rules::{Severity, Summary};
use crate::session::Step;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, MouseEventKind};
use std::cell::Cell;

/// Rows moved by PageUp/PageDown and by one turn of the mouse wheel.
const PAGE: isize = 10;
const WHEEL: isize = 3;

/// Turns a terminal event into actions and runs them.
pub fn on_event(app: &mut App, ev: Event) -> Vec<Effect> {
    match ev {
        Event::Key(k) => on_key(app, k),
        Event::Paste(s) => update(app, Action::Paste(s)),
        Event::Mouse(m) if app.mouse => match m.kind {
            MouseEventKind::Down(crossterm::event::MouseButton::Left) => update(
                app,
                Action::Click {
                    column: m.column,
                    row: m.row,
                },
            ),
            MouseEventKind::ScrollDown => update(
                app,
                Action::Scroll {
                    column: m.column,
                    row: m.row,
                    down: true,
                },
            ),
            MouseEventKind::ScrollUp => update(
                app,
                Action::Scroll {
                    column: m.column,
                    row: m.row,
                    down: false,
                },
            ),
            _ => Vec::new(),
        },
        Event::Resize(w, h) => update(app, Action::Resize(w, h)),
        _ => Vec::new(),
    }
}

/// A key press: looked up in the keymap for the active contexts, else typed into the editor.
/// Key releases and repeats of other kinds are ignored (Windows sends both).
pub fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    if key.kind != KeyEventKind::Press {
        return Vec::new();
    }
    match keymap::resolve(&app.contexts(), &key) {
        Some(cmd) => update(app, Action::Cmd(cmd)),
        None if app.editor.is_some() && app.popup.is_none() => update(app, Action::EditKey(key)),
        None => Vec::new(),
    }
}

/// Handles one action.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let mut fx = Vec::new();
    match action {
        Action::Cmd(cmd) => command(app, cmd, &mut fx),
        Action::EditKey(key) => edit_key(app, key, &mut fx),
        Action::Paste(text) => {
            if let Some(ed) = app.editor.as_mut() {
                let text = if ed.multiline {
                    text.replace("\r\n", "\n")
                } else {
                    text.replace(['\r', '\n'], " ")
                };
                ed.area.insert_str(&text);
                after_edit(app, &mut fx);
            }
        }
        Action::Click { column, row } => click(app, column, row, &mut fx),
        Action::Scroll { column, row, down } => scroll(app, column, row, down),
        Action::Resize(w, h) => app.size = (w, h),
        Action::Terminate => {
            save_ui(app, &mut fx);
            fx.push(Effect::Quit);
        }
        Action::Done(outcome) => done(app, outcome, &mut fx),
    }
    fx
}

fn command(app: &mut App, cmd: Cmd, fx: &mut Vec<Effect>) {
    if cmd == Cmd::ForceQuit {
        save_ui(app, fx);
        fx.push(Effect::Quit);
        return;
    }
    if app.popup.is_some() {
        return popup_command(app, cmd, fx);
    }
    if app.editor.is_some() {
        return editor_command(app, cmd, fx);
    }
    match cmd {
        Cmd::Quit => {
            let pending = app.unexported.describe();
            if pending.is_empty() {
                save_ui(app, fx);
                fx.push(Effect::Quit);
            } else {
                let mut body = vec!["Work not exported yet:".to_string()];
                body.extend(pending.into_iter().map(|p| format!("• {p}")));
                body.push(String::new());
                body.push(
                    "Everything is saved in the session; you can resume later. Quit now?".into(),
                );
                app.popup = Some(Popup::Confirm {
                    title: "Quit?".into(),
                    body,
                    on_yes: Pending::Quit,
                });
            }
        }
        Cmd::Help => {
            app.popup = Some(Popup::Help {
                scroll: Cell::new(0),
            })
        }
        Cmd::Back => back(app, fx),
        Cmd::Up => move_sel(app, -1),
        Cmd::Down => move_sel(app, 1),
        Cmd::PageUp => move_sel(app, -PAGE),
        Cmd::PageDown => move_sel(app, PAGE),
        Cmd::First => move_sel(app, isize::MIN / 2),
        Cmd::Last => move_sel(app, isize::MAX / 2),
        Cmd::GoStep(n) => {
            if let Some(step) = Step::ALL.get(n as usize) {
                go_step(app, *step, fx);
            }
        }
        Cmd::NextStep => {
            if let Some(s) = app.step.next() {
                go_step(app, s, fx);
            }
        }
        Cmd::PrevStep => {
            if let Some(s) = app.step.prev() {
                go_step(app, s, fx);
            }
        }
        _ => match app.screen {
            Screen::Home => home_command(app, cmd, fx),
            Screen::Wizard => steps::command(app, cmd, fx),
        },
    }
}

fn home_command(app: &mut App, cmd: Cmd, fx: &mut Vec<Effect>) {
    match cmd {
        Cmd::Activate => {
            let sel = app.sessions_nav.selected;
            if sel == 0 {
                app.editor = Some(Editor::new(
                    EditTarget::NewSession,
                    "Name of the new connector",
                    "",
                    false,
                ));
            } else if let Some(s) = app.sessions.get(sel - 1) {
                if let Some(problem) = &s.problem {
                    app.warn(format!("{} cannot be opened: {problem}", s.path.display()));
                } else {
                    fx.push(Effect::OpenSession {
                        name: s.name.clone(),
                        read_only: false,
                    });
                }
            }
        }
        Cmd::DeleteSession => {
            let sel = app.sessions_nav.selected;
            if let Some(s) = sel.checked_sub(1).and_then(|i| app.sessions.get(i)) {
                app.popup = Some(Popup::Confirm {
                    title: "Delete session?".into(),
                    body: vec![
                        format!("Delete the session \"{}\"?", s.name),
                        format!(
                            "Its file {} is removed. The connector files are not touched.",
                            s.path.display()
                        ),
                    ],
                    on_yes: Pending::DeleteSession(s.name.clone()),
                });
            }
        }
        _ => {}
    }
}

fn popup_command(app: &mut App, cmd: Cmd, fx: &mut Vec<Effect>) {
    let Some(popup) = app.popup.as_ref() else {
        return;
    };
    match popup {
        Popup::Help { scroll } | Popup::Preview { scroll, .. } => {
            let delta: i32 = match cmd {
                Cmd::Up => -1,
                Cmd::Down => 1,
                Cmd::PageUp => -(PAGE as i32),
                Cmd::PageDown => PAGE as i32,
                _ => 0,
            };
            if delta != 0 {
                scroll.set((scroll.get() as i32 + delta).max(0) as u16);
                return;
            }
        }
        Popup::Confirm { .. } => {}
    }
    match cmd {
        Cmd::Yes => {
            let popup = app.popup.take();
            let pending = match popup {
                Some(Popup::Confirm { on_yes, .. }) => Some(on_yes),
                Some(Popup::Preview { on_yes, .. }) => on_yes,
                _ => None,
            };
            if let Some(p) = pending {
                run_pending(app, p, fx);
            }
        }
        Cmd::No | Cmd::Back => {
            if matches!(
                app.popup,
                Some(Popup::Preview { .. }) | Some(Popup::Confirm { .. })
            ) {
                app.say("Nothing was changed.");
            }
            app.popup = None;
        }
        _ => {}
    }
}

fn run_pending(app: &mut App, pending: Pending, fx: &mut Vec<Effect>) {
    match pending {
        Pending::Quit => {
            save_ui(app, fx);
            fx.push(Effect::Quit);
        }
        Pending::DeleteSession(name) => fx.push(Effect::DeleteSession { name }),
        Pending::OpenReadOnly(name) => fx.push(Effect::OpenSession {
            name,
            read_only: true,
        }),
        Pending::ApplyFixes => fx.push(Effect::ApplyFixes),
        Pending::WriteFile { path, bytes, label } => {
            fx.push(Effect::WriteFile { path, bytes, label })
        }
        other => steps::pending(app, other, fx),
    }
}

fn back(app: &mut App, fx: &mut Vec<Effect>) {
    match app.screen {
        Screen::Home => {}
        Screen::Wizard => {
            if app.step == Step::Build && app.build.findings_focus {
                app.build.findings_focus = false;
                return;
            }
            save_ui(app, fx);
            // Saved before the session (and its lock) is let go.
            fx.push(Effect::ListSessions);
            app.screen = Screen::Home;
        }
    }
}

/// Saves the session when the on-screen position changed.
pub fn save_ui(app: &mut App, fx: &mut Vec<Effect>) {
    if app.ui_dirty && app.session.as_ref().is_some_and(|s| !s.is_read_only()) {
        app.ui_dirty = false;
        fx.push(Effect::SaveSession);
    }
}

/// Remembers the step and field on screen in the session (saved with the next change).
pub fn note_position(app: &mut App) {
    let field = steps::field_id(app);
    let step = app.step;
    if let Some(open) = app.session.as_mut() {
        let ui = &open.session_mut().ui;
        if ui.step != Some(step) || ui.field != field {
            let s = open.session_mut();
            s.ui.step = Some(step);
            s.ui.field = field;
            app.ui_dirty = true;
        }
    }
}

pub fn go_step(app: &mut App, step: Step, fx: &mut Vec<Effect>) {
    if app.session.is_none() {
        return;
    }
    if app.step != step {
        // Certify and Deploy share the list of dates: start at the top of each.
        app.track_nav = ListNav::default();
    }
    app.step = step;
    app.build.findings_focus = false;
    note_position(app);
    // Moving between steps is a change worth keeping at once.
    save_ui(app, fx);
    steps::enter(app, fx);
}

fn move_sel(app: &mut App, delta: isize) {
    let Some((list, len)) = current_list(app) else {
        return;
    };
    if let Some(nav) = nav_mut(app, list) {
        nav.step(delta, len);
    }
    note_position(app);
}

/// The list the arrow keys move in, with its length.
pub fn current_list(app: &App) -> Option<(ListId, usize)> {
    match app.screen {
        Screen::Home => Some((ListId::Sessions, app.sessions.len() + 1)),
        Screen::Wizard => steps::current_list(app),
    }
}

pub fn nav_mut(app: &mut App, list: ListId) -> Option<&mut ListNav> {
    Some(match list {
        ListId::Sessions => &mut app.sessions_nav,
        ListId::Prereqs => &mut app.prereq_nav,
        ListId::Propose => &mut app.propose_nav,
        ListId::Fields => &mut app.build.fields_nav,
        ListId::Findings => &mut app.build.findings_nav,
        ListId::Submit => &mut app.submit_nav,
        ListId::Track => &mut app.track_nav,
        ListId::Matches => return steps::matches_nav(app),
        ListId::Help | ListId::Preview => return None,
    })
}

fn click(app: &mut App, column: u16, row: u16, fx: &mut Vec<Effect>) {
    let Some((hit, dy)) = app.hits.at(column, row) else {
        return;
    };
    if app.popup.is_some() {
        if let Hit::Key(cmd) = hit {
            command(app, cmd, fx);
        }
        return;
    }
    if app.editor.is_some() {
        if let Hit::Key(cmd) = hit {
            command(app, cmd, fx);
        }
        return;
    }
    match hit {
        Hit::Step(step) => go_step(app, step, fx),
        Hit::Key(cmd) => command(app, cmd, fx),
        Hit::Editor => {}
        Hit::List { list, offset } => {
            let index = offset + dy as usize;
            // The findings pane takes the focus when clicked, the fields pane likewise.
            if list == ListId::Findings {
                app.build.findings_focus = true;
            } else if list == ListId::Fields {
                app.build.findings_focus = false;
            }
            let Some((current, len)) = current_list(app) else {
                return;
            };
            if current != list || index >= len {
                return;
            }
            let Some(nav) = nav_mut(app, list) else {
                return;
            };
            if nav.selected == index {
                let cmd = match (app.screen, app.step) {
                    (Screen::Wizard, Step::Prerequisites) => Cmd::Toggle,
                    (Screen::Wizard, Step::Submit) => Cmd::Toggle,
                    _ => Cmd::Activate,
                };
                command(app, cmd, fx);
            } else {
                nav.selected = index;
                note_position(app);
            }
        }
    }
}

fn scroll(app: &mut App, column: u16, row: u16, down: bool) {
    let delta = if down { WHEEL } else { -WHEEL };
    if let Some(Popup::Help { scroll } | Popup::Preview { scroll, .. }) = &app.popup {
        scroll.set((scroll.get() as i32 + delta as i32).max(0) as u16);
        return;
    }
    if app.popup.is_some() || app.editor.is_some() {
        return;
    }
    if let Some((Hit::List { list, .. }, _)) = app.hits.at(column, row) {
        if list == ListId::Findings {
            app.build.findings_focus = true;
        } else if list == ListId::Fields {
            app.build.findings_focus = false;
        }
    }
    move_sel(app, delta);
}

// ---- editing ----

fn edit_key(app: &mut App, key: KeyEvent, fx: &mut Vec<Effect>) {
    let Some(ed) = app.editor.as_mut() else {
        return;
    };
    // Enter is Save (keymap); a single-line field never gets a line break.
    if !ed.multiline && matches!(key.code, KeyCode::Enter) {
        return;
    }
    // Typing a name in step 1: the arrows pick a match.
    if ed.target == EditTarget::Query && matches!(key.code, KeyCode::Up | KeyCode::Down) {
        let len = app.verify.hits.len();
        app.verify
            .nav
            .step(if key.code == KeyCode::Up { -1 } else { 1 }, len);
        return;
    }
    if ed.area.input(key) {
        after_edit(app, fx);
    }
}

/// After every change of the text: the live feedback.
fn after_edit(app: &mut App, _fx: &mut Vec<Effect>) {
    let Some(ed) = app.editor.as_mut() else {
        return;
    };
    ed.recheck();
    let text = ed.text();
    ed.problem = problem_of(&ed.target, &text);
    let target = ed.target.clone();
    if target == EditTarget::Query {
        steps::query_changed(app, &text);
    }
}

fn date_problem(text: &str) -> Option<String> {
    let t = text.trim();
    if t.is_empty() || chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").is_ok() {
        None
    } else {
        Some("write the date as YYYY-MM-DD (empty clears it)".into())
    }
}

/// What is wrong with a text the TUI checks itself (the rules check the swagger fields).
fn problem_of(target: &EditTarget, text: &str) -> Option<String> {
    match target {
        EditTarget::Proposal(f) => f.problem(text),
        EditTarget::Date(_) => date_problem(text),
        EditTarget::Path(purpose) => path_problem(*purpose, text),
        _ => None,
    }
}

fn path_problem(purpose: super::action::PathPurpose, text: &str) -> Option<String> {
    let t = text.trim();
    if t.is_empty() {
        return Some("type the path of a folder".into());
    }
    let p = expand_home(t);
    if p.is_dir() {
        return None;
    }
    if p.exists() {
        return Some(format!("{} is a file, not a folder", p.display()));
    }
    match purpose {
        // intro.md may start a new folder, next to existing ones.
        super::action::PathPurpose::IntroFolder
            if p.parent()
                .is_some_and(|d| d.as_os_str().is_empty() || d.is_dir()) =>
        {
            None
        }
        _ => Some(format!("{} does not exist", p.display())),
    }
}

/// `~/x` → the home directory's `x`.
pub fn expand_home(t: &str) -> std::path::PathBuf {
    if let Some(rest) = t.strip_prefix("~/") {
        if let Some(home) = std::env::var_os("HOME") {
            return std::path::PathBuf::from(home).join(rest);
        }
    }
    std::path::PathBuf::from(t)
}

fn editor_command(app: &mut App, cmd: Cmd, fx: &mut Vec<Effect>) {
    match cmd {
        Cmd::Back => {
            let changed = app.editor.as_ref().is_some_and(Editor::changed);
            if let Some(ed) = app.editor.take() {
                if ed.target == EditTarget::Query {
                    steps::query_changed(app, &ed.original);
                }
            }
            if changed {
                app.say("Edit cancelled; nothing was changed.");
            }
        }
        Cmd::Newline => {
            if let Some(ed) = app.editor.as_mut() {
                if ed.multiline {
                    ed.area.insert_newline();
                    after_edit(app, fx);
                }
            }
        }
        Cmd::FixField => {
            if let Some(ed) = app.editor.as_mut() {
                match ed.issues.iter().find_map(|i| i.fix.clone()) {
                    Some(fixed) => {
                        ed.set_text(&fixed);
                        after_edit(app, fx);
                    }
                    None => {
                        app.say("No mechanical fix for this text; the messages say what to change.")
                    }
                }
            }
        }
        Cmd::Save => save_editor(app, fx),
        _ => {}
    }
}

fn save_editor(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(ed) = app.editor.as_mut() else {
        return;
    };
    ed.problem = problem_of(&ed.target, &ed.text());
    let ed = &*ed;
    if let Some(p) = &ed.problem {
        if !matches!(ed.target, EditTarget::Proposal(_)) {
            let msg = p.clone();
            app.warn(format!("Not saved: {msg}"));
            return;
        }
    }
    let text = ed.text();
    let target = ed.target.clone();
    let changed = ed.changed();
    match target {
        EditTarget::NewSession => {
            let name = text.trim().to_string();
            if name.is_empty() {
                app.warn("Type a name first (the name of the service, e.g. \"Contoso Tasks\").");
                return;
            }
            app.editor = None;
            fx.push(Effect::CreateSession { name });
        }
        EditTarget::Swagger { pointer } => {
            app.editor = None;
            if !changed {
                return;
            }
            match swagger_edit(app, &pointer, &text) {
                Ok(Some((path, edits))) => fx.push(Effect::EditSwagger {
                    path,
                    edits,
                    keep: pointer.clone(),
                    label: pointer_label(app, &pointer),
                }),
                Ok(None) => {}
                Err(e) => app.warn(e),
            }
        }
        other => {
            app.editor = None;
            steps::save_text(app, other, &text, changed, fx);
        }
    }
}

fn pointer_label(app: &App, pointer: &str) -> String {
    app.build
        .fields
        .iter()
        .find(|f| f.pointer == pointer)
        .map(|f| format!("{} {}", f.group.trim_start_matches("↳ "), f.key))
        .unwrap_or_else(|| pointer.to_string())
}

/// The minimal edit that sets the field at `pointer` to `value`: the bytes of that string
/// (or one new member when the field is missing). `Ok(None)` when nothing needs writing.
pub fn swagger_edit(
    app: &App,
    pointer: &str,
    value: &str,
) -> Result<Option<(std::path::PathBuf, Vec<TextEdit>)>, String> {
    let c = app
        .build
        .connector
        .as_ref()
        .ok_or("no connector folder is open")?;
    let sw = c.swagger.as_ref().ok_or("the folder has no swagger file")?;
    if !sw.is_editable() {
        return Err(format!(
            "{} is not valid UTF-8; fix the file before editing it here",
            sw.display
        ));
    }
    let root = sw.json().ok_or_else(|| {
        format!(
            "{} is not valid JSON; fix it first (see the findings)",
            sw.display
        )
    })?;
    let field = app
        .build
        .fields
        .iter()
        .find(|f| f.pointer == pointer)
        .ok_or_else(|| format!("{pointer} is no longer in the swagger; press r to re-read it"))?;
    match root.pointer(pointer) {
        Some(node) if node.as_str().is_some() => Ok(Some((
            sw.path.clone(),
            vec![TextEdit::set_string(node, value)],
        ))),
        Some(node) => Err(format!(
            "{pointer} holds a {}, not a string; edit it in a text editor",
            node.type_name()
        )),
        None if value.is_empty() => Ok(None),
        None => {
            let parent = root
                .pointer(&field.parent)
                .ok_or_else(|| format!("{} is missing from the swagger", field.parent))?;
            let edit = TextEdit::insert_member(&sw.text, parent, field.key, &encode_string(value))
                .ok_or_else(|| format!("{} is not an object", field.parent))?;
            Ok(Some((sw.path.clone(), vec![edit])))
        }
    }
}

/// Opens the editor for a swagger field.
pub fn edit_swagger_field(app: &mut App, index: usize) {
    let Some(f) = app.build.fields.get(index) else {
        return;
    };
    if let Some(t) = f.not_string {
        let msg = format!(
            "{} holds a {t}, not text; edit it in a text editor",
            f.pointer
        );
        app.warn(msg);
        return;
    }
    if app.session.as_ref().is_some_and(|s| s.is_read_only()) {
        app.warn("This session is open read-only; edits are not possible here.");
        return;
    }
    let title = format!("{} · {}", f.group.trim_start_matches("↳ "), f.key);
    let text = f.value.clone().unwrap_or_default();
    let ed = Editor::new(
        EditTarget::Swagger {
            pointer: f.pointer.clone(),
        },
        title,
        &text,
        f.multiline(),
    )
    .with_rules(f.field, f.ctx.clone());
    app.editor = Some(ed);
}

// ---- results of effects and jobs ----

fn done(app: &mut App, outcome: Outcome, fx: &mut Vec<Effect>) {
    match outcome {
        Outcome::Sessions(Ok(list)) => {
            app.sessions = list;
            app.home_error = None;
            app.sessions_nav.clamp(app.sessions.len() + 1);
        }
        Outcome::Sessions(Err(e)) => app.home_error = Some(e),
        Outcome::SessionOpened(Ok(open)) => opened(app, *open, false, fx),
        Outcome::SessionCreated(Ok(open)) => opened(app, *open, true, fx),
        Outcome::SessionOpened(Err(SessionOpenError::InUse { name, pid }))
        | Outcome::SessionCreated(Err(SessionOpenError::InUse { name, pid })) => {
            app.popup = Some(Popup::Confirm {
                title: "Session in use".into(),
                body: vec![
                    format!(
                        "The session \"{name}\" is open in another connector-wizard (pid {pid})."
                    ),
                    "Open it read-only here? Nothing you do will be saved.".into(),
                ],
                on_yes: Pending::OpenReadOnly(name),
            });
        }
        Outcome::SessionOpened(Err(SessionOpenError::Other(e)))
        | Outcome::SessionCreated(Err(SessionOpenError::Other(e))) => {
            app.screen = Screen::Home;
            app.warn(e);
            fx.push(Effect::ListSessions);
        }
        Outcome::SessionDeleted(Ok(name)) => {
            app.say(format!("Deleted the session \"{name}\"."));
            fx.push(Effect::ListSessions);
        }
        Outcome::SessionDeleted(Err(e)) => app.warn(e),
        Outcome::ConnectorLoaded {
            path,
            result,
            keep,
            note,
        } => {
            app.build.loading = false;
            match result {
                Ok(loaded) => {
                    let loaded = *loaded;
                    let is_update = app.session().is_some_and(|s| s.is_update);
                    let keep = keep.or_else(|| {
                        app.build
                            .fields
                            .get(app.build.fields_nav.selected)
                            .map(|f| f.pointer.clone())
                    });
                    let mut fs = match loaded.connector.swagger_json() {
                        Some(root) => fields::collect(root, loaded.connector.kind, is_update),
                        None => Vec::new(),
                    };
                    if let Some(sw) = &loaded.connector.swagger {
                        fields::mark(&mut fs, &loaded.findings, &sw.display);
                    }
                    app.build.summary = Summary::of(&loaded.findings);
                    app.build.fields = fs;
                    app.build.findings = loaded.findings;
                    app.build.connector = Some(loaded.connector);
                    app.build.generation += 1;
                    app.build.error = None;
                    if let Some(p) = keep {
                        app.build.select_pointer(&p);
                    }
                    app.build.fields_nav.clamp(app.build.fields.len());
                    app.build.findings_nav.clamp(app.build.findings_len());
                    if let Some(n) = note {
                        app.say(n);
                    }
                    let mut changed = false;
                    if let Some(open) = app.session.as_mut() {
                        if open.connector_dir.as_deref() != Some(path.as_path())
                            && !open.is_read_only()
                        {
                            open.session_mut().connector_dir = Some(path.clone());
                            changed = true;
                        }
                    }
                    changed |= steps::refresh_statuses(app);
                    if changed {
                        fx.push(Effect::SaveSession);
                    }
                    steps::after_load(app, &path, fx);
                }
                Err(e) => {
                    app.build.error = Some(e.clone());
                    app.warn(e);
                }
            }
        }
        Outcome::Breaking(Ok(found)) => {
            match found {
                Some((label, found)) if !found.is_empty() => {
                    app.warn(format!("{} breaking change(s) against {label}: they are at the end of the findings.", found.len()));
                    app.build.breaking = found;
                }
                _ => app.build.breaking.clear(),
            }
            app.build.findings_nav.clamp(app.build.findings_len());
        }
        Outcome::Breaking(Err(e)) => app.warn(format!("Breaking-change check not run: {e}")),
        #[allow(unreachable_patterns)]
        other => steps::done(app, other, fx),
    }
}

fn opened(app: &mut App, open: crate::session::OpenSession, created: bool, fx: &mut Vec<Effect>) {
    let read_only = open.is_read_only();
    let step = open.ui.step.unwrap_or(open.current_step);
    let field = open.ui.field.clone();
    let name = open.name.clone();
    app.build = BuildState {
        generation: app.build.generation + 1,
        ..BuildState::default()
    };
    app.unexported = Unexported::default();
    app.session = Some(open);
    app.screen = Screen::Wizard;
    app.step = step;
    steps::reset(app);
    if let Some(f) = &field {
        steps::restore_field(app, f);
    }
    if read_only {
        app.warn(format!(
            "\"{name}\" is open read-only: changes are not saved."
        ));
    } else if created {
        app.say(format!(
            "Started \"{name}\". Tick the prerequisites, then go to 1 Verify (press 1)."
        ));
    } else {
        app.say(format!("Resumed \"{name}\" at {}.", step.label()));
    }
    if steps::refresh_statuses(app) {
        fx.push(Effect::SaveSession);
    }
    steps::enter(app, fx);
    let _ = field;
    // The folder is read whatever the step, so that Submit and the statuses know the files.
    if app.step != Step::Build && app.build.connector.is_none() && !app.build.loading {
        if let Some(dir) = app.session().and_then(|s| s.connector_dir.clone()) {
            app.build.loading = true;
            fx.push(super::steps::load_job(app, dir, None, None));
        }
    }
}

/// Used by steps: the severity mark of a finding.
pub fn severity_mark(s: Severity) -> &'static str {
    match s {
        Severity::Error => "✗",
        Severity::Warning => "!",
        Severity::Info => "i",
    }
}

/// The worst issue of a field's text.
pub fn worst(issues: &[crate::rules::FieldIssue]) -> Option<Severity> {
    issues.iter().map(|i| i.severity).min()
}
