//! `update(&mut App, Action) -> Vec<Effect>`: the only place the model changes. It routes
//! keys to the popup, the editor or the step on screen (each step's own keys live in its
//! module under [`steps`](super::steps)), handles the outcome of every job in one exhaustive
//! match, and recomputes what the step on screen shows. No drawing and no file I/O here:
//! saving, reading and writing files are effects, slow work is a job.

use super::action::{Action, Cmd, Done, Effect, Outcome, PathPurpose, Pending, SessionOpenError};
use super::app::{App, Screen};
use super::editor::{EditTarget, Editor};
use super::keymap;
use super::list::{Hit, ListId, Pane};
use super::shared::{Popup, Workspace};
use super::steps::{build, common, home, prerequisites, propose, submit, track, verify};
use crate::session::{Draft, Step};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, MouseEventKind};

/// Rows moved by PageUp/PageDown and by one turn of the mouse wheel.
const PAGE: isize = 10;
const WHEEL: isize = 3;
/// The draft of the open editor is saved at most this often while typing.
const DRAFT_EVERY_MS: i64 = 1000;

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
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => update(
                app,
                Action::Scroll {
                    column: m.column,
                    row: m.row,
                    down: m.kind == MouseEventKind::ScrollDown,
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
        None if app.shared.editor.is_some() && app.shared.popup.is_none() => {
            update(app, Action::EditKey(key))
        }
        None => Vec::new(),
    }
}

/// Handles one action.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let mut fx = Vec::new();
    let mut force_draft = false;
    match action {
        Action::Cmd(cmd) => {
            force_draft = cmd == Cmd::ForceQuit;
            command(app, cmd, &mut fx)
        }
        Action::EditKey(key) => edit_key(app, key, &mut fx),
        Action::Paste(text) => {
            if let Some(ed) = app.shared.editor.as_mut() {
                // Terminals send line breaks in a paste as CRLF, LF or a lone CR.
                let text = if ed.multiline {
                    text.replace("\r\n", "\n").replace('\r', "\n")
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
        Action::Tick => {}
        Action::Terminate => {
            force_draft = true;
            save_ui(app, &mut fx);
            fx.push(Effect::Quit);
        }
        Action::Done(done) => finished(app, done, &mut fx),
    }
    keep_draft(app, &mut fx, force_draft);
    sync(app);
    fx
}

/// Recomputes what the step on screen shows (the checklist, the preview, the timeline) and
/// the generated files that fell behind: in update, never while drawing.
fn sync(app: &mut App) {
    let sh = &mut app.shared;
    if sh.workspace.connector.is_some()
        && sh.workspace.stale_key != (sh.revision, sh.workspace.generation)
    {
        sh.workspace.stale_key = (sh.revision, sh.workspace.generation);
        if let (Some(s), Some(c)) = (sh.session.as_ref(), sh.workspace.connector.as_ref()) {
            sh.workspace.stale = crate::generate::stale_files(s, c);
        }
    }
    if app.screen != Screen::Wizard {
        return;
    }
    match app.step {
        Step::Propose => propose::sync(&mut app.propose, &app.shared),
        Step::Build => build::sync(&mut app.build, &app.shared),
        Step::Submit => submit::sync(&mut app.submit, &app.shared),
        Step::Certify | Step::Deploy => track::sync(&mut app.track, &app.shared, app.step),
        Step::Prerequisites | Step::Verify => {}
    }
}

fn command(app: &mut App, cmd: Cmd, fx: &mut Vec<Effect>) {
    if cmd == Cmd::ForceQuit {
        save_ui(app, fx);
        fx.push(Effect::Quit);
        return;
    }
    if app.shared.popup.is_some() {
        return popup_command(app, cmd, fx);
    }
    if app.shared.editor.is_some() {
        return editor_command(app, cmd, fx);
    }
    match cmd {
        Cmd::Quit => {
            let mut pending = app.shared.unexported();
            if let Some(f) = build::unwritten_form(&app.build) {
                pending.insert(0, f);
            }
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
                app.shared.popup = Some(Popup::Confirm {
                    title: "Quit?".into(),
                    body,
                    on_yes: Pending::Quit,
                });
            }
        }
        Cmd::Help => {
            app.shared.popup = Some(Popup::Help {
                scroll: Default::default(),
            })
        }
        Cmd::MessageLog => {
            let scroll = super::list::Scroll::default();
            scroll.end();
            app.shared.popup = Some(Popup::Log { scroll });
        }
        Cmd::CopyLink => match app.shared.last_link.clone() {
            Some(url) => {
                fx.push(Effect::Copy(url.clone()));
                app.shared
                    .say(format!("Copied to the clipboard (OSC 52): {url}"));
            }
            None => app.shared.say("No link was opened yet: nothing to copy."),
        },
        Cmd::ToggleSidebar => app.sidebar = Some(!app.sidebar_shown()),
        Cmd::Back => back(app, fx),
        Cmd::Up | Cmd::Down | Cmd::PageUp | Cmd::PageDown | Cmd::First | Cmd::Last
            if text_pane_focused(app) =>
        {
            step_command(app, cmd, fx)
        }
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
            Screen::Home => home::command(&mut app.home, &mut app.shared, cmd, fx),
            Screen::Wizard => step_command(app, cmd, fx),
        },
    }
}

/// Whether the arrows scroll a text pane of the step (a preview, the detail, the timeline).
fn text_pane_focused(app: &App) -> bool {
    app.screen == Screen::Wizard
        && app.focus() == Pane::Side
        && matches!(
            app.step,
            Step::Propose | Step::Submit | Step::Certify | Step::Deploy
        )
}

/// The keys of the step on screen.
fn step_command(app: &mut App, cmd: Cmd, fx: &mut Vec<Effect>) {
    if app.shared.session.is_none() {
        return;
    }
    let sh = &mut app.shared;
    match app.step {
        Step::Prerequisites => prerequisites::command(&mut app.prereqs, sh, cmd, fx),
        Step::Verify => verify::command(&mut app.verify, sh, cmd, fx),
        Step::Propose => propose::command(&mut app.propose, sh, cmd, fx),
        Step::Build => build::command(&mut app.build, sh, cmd, fx),
        Step::Submit => submit::command(&mut app.submit, sh, cmd, fx),
        Step::Certify | Step::Deploy => track::command(&mut app.track, sh, app.step, cmd, fx),
    }
    note_position(app);
}

fn popup_command(app: &mut App, cmd: Cmd, fx: &mut Vec<Effect>) {
    let Some(popup) = app.shared.popup.as_ref() else {
        return;
    };
    if let Popup::Help { scroll } | Popup::Log { scroll } | Popup::Preview { scroll, .. } = popup {
        if scroll.on(cmd) {
            return;
        }
    }
    match cmd {
        Cmd::Yes => {
            let pending = match app.shared.popup.take() {
                Some(Popup::Confirm { on_yes, .. }) => Some(on_yes),
                Some(Popup::Preview { on_yes, .. }) => on_yes,
                _ => None,
            };
            if let Some(p) = pending {
                run_pending(app, p, fx);
            }
        }
        Cmd::Alt => {
            if let Some(Popup::Preview { alt: Some(_), .. }) = &app.shared.popup {
                if let Some(Popup::Preview {
                    alt: Some((_, p)), ..
                }) = app.shared.popup.take()
                {
                    run_pending(app, p, fx);
                }
            }
        }
        Cmd::No | Cmd::Back => {
            let popup = app.shared.popup.take();
            match popup {
                Some(Popup::Confirm {
                    on_yes: Pending::DiscardEdit,
                    ..
                }) => app
                    .shared
                    .say("Still editing: Enter saves, Esc asks again."),
                Some(Popup::Confirm {
                    on_yes: Pending::CreateSession(_),
                    ..
                }) => app.shared.say("Edit the name, then Enter."),
                Some(Popup::Confirm {
                    on_yes: Pending::DiscardForm,
                    ..
                }) => app
                    .shared
                    .say("Back to the form: ^S writes it, Esc asks again."),
                Some(Popup::Preview {
                    on_yes: Some(Pending::ImportFacts),
                    ..
                }) => app
                    .shared
                    .say("Nothing was written: pick other operations, or Esc cancels the import."),
                Some(Popup::Confirm { .. })
                | Some(Popup::Preview {
                    on_yes: Some(_), ..
                }) => app.shared.say("Nothing was changed."),
                _ => {}
            }
        }
        _ => {}
    }
}

fn run_pending(app: &mut App, pending: Pending, fx: &mut Vec<Effect>) {
    let sh = &mut app.shared;
    match pending {
        Pending::Quit => {
            keep_draft(app, fx, true);
            save_ui(app, fx);
            fx.push(Effect::Quit);
        }
        Pending::DeleteSession(name) => fx.push(Effect::DeleteSession { name }),
        Pending::OpenReadOnly(name) => fx.push(Effect::OpenSession {
            name,
            read_only: true,
        }),
        Pending::CreateSession(name) => {
            sh.editor = None;
            fx.push(Effect::CreateSession { name });
        }
        Pending::Rename { name, move_folder } => {
            let n = name.clone();
            if sh.change(fx, |s| s.name = n) {
                sh.say(format!("Renamed to \"{name}\"."));
                if let Some((from, to)) = move_folder {
                    fx.push(Effect::MoveFolder { from, to });
                }
            }
        }
        Pending::ApplyFixes => build::apply_fixes(sh, fx),
        Pending::WriteFile { path, bytes, label } => {
            fx.push(Effect::WriteFile { path, bytes, label })
        }
        Pending::ExportApply {
            view,
            overwrite,
            branch,
        } => submit::apply(sh, view, overwrite, branch, fx),
        Pending::ClearDate(slot) => track::clear(&mut app.track, sh, slot, fx),
        Pending::NoDuplicate => verify::choose_no_duplicate(&app.verify, sh, fx),
        Pending::DiscardEdit => close_editor(app),
        Pending::SwaggerChange {
            from,
            text,
            keep,
            note,
        } => build::ops::write_text(sh, &from, &text, keep, note, fx),
        Pending::DiscardForm => {
            app.build.form = None;
            sh.say("Form closed; nothing was written.");
        }
        Pending::ImportFacts => build::import::ask_facts(&mut app.build, sh),
    }
}

fn back(app: &mut App, fx: &mut Vec<Effect>) {
    match app.screen {
        Screen::Home => {}
        Screen::Wizard => {
            if app.step == Step::Build && build::back(&mut app.build, &mut app.shared) {
                return;
            }
            let side = app.focus() == Pane::Side;
            if side {
                match app.step {
                    Step::Propose => app.propose.focus = Pane::Main,
                    Step::Build => app.build.focus = Pane::Main,
                    Step::Submit => app.submit.focus = Pane::Main,
                    _ => app.track.focus = Pane::Main,
                }
                return;
            }
            save_ui(app, fx);
            // Saved before the session (and its lock) is let go; what is still running for
            // it is stale from now on.
            app.shared.jobs.new_epoch();
            app.shared.workspace = Workspace::default();
            app.shared.quiet();
            fx.push(Effect::ListSessions);
            app.screen = Screen::Home;
        }
    }
}

/// Saves the session when the on-screen position changed.
pub fn save_ui(app: &mut App, fx: &mut Vec<Effect>) {
    if app.shared.ui_dirty && !app.shared.is_read_only() && app.shared.session.is_some() {
        app.shared.ui_dirty = false;
        fx.push(Effect::SaveSession);
    }
}

/// The identifier of the selected item, saved so that resuming returns to it.
fn field_id(app: &App) -> Option<String> {
    Some(match app.step {
        Step::Prerequisites => prerequisites::field_id(&app.prereqs)?,
        Step::Verify => "verify.query".into(),
        Step::Propose => propose::field_id(&app.propose)?,
        Step::Build => build::field_id(&app.build, &app.shared)?,
        Step::Submit => submit::field_id(&app.submit)?,
        Step::Certify | Step::Deploy => track::field_id(&app.track)?,
    })
}

/// Remembers the step and field on screen in the session (saved with the next change).
pub fn note_position(app: &mut App) {
    if app.screen != Screen::Wizard {
        return;
    }
    let field = field_id(app);
    let step = app.step;
    if let Some(open) = app.shared.session.as_mut() {
        let ui = &open.session().ui;
        if ui.step != Some(step) || ui.field != field {
            let s = open.session_mut();
            s.ui.step = Some(step);
            s.ui.field = field;
            app.shared.ui_dirty = true;
        }
    }
}

/// Selects the item saved as `id` (after resuming).
fn restore_field(app: &mut App, id: &str) {
    let sh = &app.shared;
    match app.step {
        Step::Prerequisites => prerequisites::restore_field(&mut app.prereqs, id),
        Step::Propose => propose::restore_field(&mut app.propose, sh, id),
        Step::Submit => submit::restore_field(&mut app.submit, sh, id),
        Step::Certify | Step::Deploy => track::restore_field(&mut app.track, sh, app.step, id),
        // Build selects its field once the folder is read.
        Step::Build | Step::Verify => {}
    }
}

pub fn go_step(app: &mut App, step: Step, fx: &mut Vec<Effect>) {
    if app.shared.session.is_none() {
        return;
    }
    if app.step != step {
        // A message belongs to the step it was said in.
        app.shared.quiet();
    }
    app.step = step;
    sync(app);
    note_position(app);
    // Moving between steps is a change worth keeping at once.
    save_ui(app, fx);
    enter(app, fx);
}

/// What entering a step starts: the catalog for Verify, the folder for Build.
fn enter(app: &mut App, fx: &mut Vec<Effect>) {
    match app.step {
        Step::Verify => verify::enter(&mut app.verify, &mut app.shared, fx),
        Step::Build => build::enter(&mut app.build, &mut app.shared, fx),
        _ => {}
    }
}

fn move_sel(app: &mut App, delta: isize) {
    let Some((list, len)) = app.current_list() else {
        return;
    };
    if let Some(nav) = app.nav_mut(list) {
        nav.step(delta, len);
    }
    note_position(app);
}

/// Gives the focus to the pane a click or the wheel landed in.
fn focus_pane(app: &mut App, list: ListId) {
    let pane = match list {
        ListId::Findings | ListId::Text => Pane::Side,
        _ => Pane::Main,
    };
    match app.step {
        Step::Build if matches!(list, ListId::Fields | ListId::Findings) => app.build.focus = pane,
        Step::Propose => app.propose.focus = pane,
        Step::Submit => app.submit.focus = pane,
        Step::Certify | Step::Deploy => app.track.focus = pane,
        _ => {}
    }
}

fn click(app: &mut App, column: u16, row: u16, fx: &mut Vec<Effect>) {
    let Some((hit, dy)) = app.hits.at(column, row) else {
        return;
    };
    if app.shared.popup.is_some() || app.shared.editor.is_some() {
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
            if app.screen == Screen::Wizard {
                focus_pane(app, list);
            }
            let Some((current, len)) = app.current_list() else {
                return;
            };
            if current != list || index >= len {
                return;
            }
            let Some(nav) = app.nav_mut(list) else {
                return;
            };
            if nav.selected == index {
                let cmd = match (app.screen, app.step) {
                    (Screen::Wizard, Step::Prerequisites | Step::Submit) => Cmd::Toggle,
                    (Screen::Wizard, Step::Build) if list == ListId::Pick => Cmd::Toggle,
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
    if let Some(Popup::Help { scroll } | Popup::Log { scroll } | Popup::Preview { scroll, .. }) =
        &app.shared.popup
    {
        scroll.by(delta as i32);
        return;
    }
    if app.shared.popup.is_some() || app.shared.editor.is_some() {
        return;
    }
    if let Some((Hit::List { list, .. }, _)) = app.hits.at(column, row) {
        if app.screen == Screen::Wizard {
            focus_pane(app, list);
        }
    }
    if text_pane_focused(app) {
        let cmd = if down { Cmd::Down } else { Cmd::Up };
        for _ in 0..WHEEL {
            step_command(app, cmd, &mut Vec::new());
        }
        return;
    }
    move_sel(app, delta);
}

// ---- editing ----

fn edit_key(app: &mut App, key: KeyEvent, fx: &mut Vec<Effect>) {
    let Some(ed) = app.shared.editor.as_mut() else {
        return;
    };
    // Enter is Save (keymap); a single-line field never gets a line break.
    if !ed.multiline && matches!(key.code, KeyCode::Enter) {
        return;
    }
    let delta = match key.code {
        KeyCode::Up => Some(-1),
        KeyCode::Down => Some(1),
        _ => None,
    };
    // Typing a name in step 1: the arrows pick a match.
    if let (EditTarget::Query, Some(d)) = (&ed.target, delta) {
        return verify::pick(&mut app.verify, d);
    }
    // Filtering the operations to import: the arrows move in the list.
    if let (EditTarget::PickFilter, Some(d)) = (&ed.target, delta) {
        if let Some(p) = app.build.pick.as_mut() {
            let len = p.shown.len();
            p.nav.step(d, len);
        }
        return;
    }
    // The pull request: the arrows pick one of the catalog's.
    if let (EditTarget::PullRequest, Some(d), false) =
        (&ed.target, delta, ed.suggestions.is_empty())
    {
        let n = ed.suggestions.len() as isize;
        let next = (ed.suggestion as isize + d).rem_euclid(n) as usize;
        ed.suggestion = next;
        let text = ed.suggestions[next].0.clone();
        ed.set_text(&text);
        return after_edit(app, fx);
    }
    if ed.area.input(key) {
        after_edit(app, fx);
    }
}

/// After every change of the text: the live feedback.
fn after_edit(app: &mut App, fx: &mut Vec<Effect>) {
    // A form's row and the import filter are checked against the step's state.
    match app
        .shared
        .editor
        .as_ref()
        .map(|e| (e.target.clone(), e.text()))
    {
        Some((EditTarget::Form(key), text)) => {
            let problem = build::form_row_problem(&app.build, &app.shared, key, &text);
            if let Some(ed) = app.shared.editor.as_mut() {
                ed.recheck();
                ed.problem = problem;
            }
            return;
        }
        Some((EditTarget::PickFilter, text)) => {
            return build::import::filtered(&mut app.build, &text);
        }
        _ => {}
    }
    let Some(ed) = app.shared.editor.as_mut() else {
        return;
    };
    ed.recheck();
    let text = ed.text();
    ed.problem = match &ed.target {
        EditTarget::Proposal(f) => f.problem(&text),
        EditTarget::Date(_) => track::date_problem(&text),
        EditTarget::NewSession | EditTarget::Rename => common::name_problem(&text),
        EditTarget::PullRequest => submit::parse_pr(&text).err(),
        EditTarget::Path(purpose) => {
            // Whether the folder exists is asked of the runner.
            fx.push(Effect::CheckPath {
                purpose: *purpose,
                text: text.clone(),
                save: false,
            });
            ed.problem.take()
        }
        EditTarget::Query
        | EditTarget::Swagger { .. }
        | EditTarget::RoundNote(_)
        | EditTarget::Form(_)
        | EditTarget::PickFilter => None,
    };
    if ed.target == EditTarget::Query {
        verify::typed(&mut app.verify, &app.shared, &text);
    }
}

fn editor_command(app: &mut App, cmd: Cmd, fx: &mut Vec<Effect>) {
    match cmd {
        Cmd::Back => {
            // The filter follows each key: leaving it keeps what was typed.
            let filter = app
                .shared
                .editor
                .as_ref()
                .is_some_and(|e| e.target == EditTarget::PickFilter);
            let changed = !filter && app.shared.editor.as_ref().is_some_and(Editor::changed);
            if changed {
                let title = app
                    .shared
                    .editor
                    .as_ref()
                    .map(|e| e.title.clone())
                    .unwrap_or_default();
                app.shared.popup = Some(Popup::Confirm {
                    title: "Discard the change?".into(),
                    body: vec![
                        format!("The text of \"{title}\" was changed and is not saved."),
                        "Discard it? n goes on editing.".into(),
                    ],
                    on_yes: Pending::DiscardEdit,
                });
            } else {
                close_editor(app);
            }
        }
        Cmd::Newline => {
            if let Some(ed) = app.shared.editor.as_mut() {
                if ed.multiline {
                    ed.area.insert_newline();
                    after_edit(app, fx);
                }
            }
        }
        Cmd::FixField => {
            if let Some(ed) = app.shared.editor.as_mut() {
                match ed.issues.iter().find_map(|i| i.fix.clone()) {
                    Some(fixed) => {
                        ed.set_text(&fixed);
                        after_edit(app, fx);
                    }
                    None => app
                        .shared
                        .say("No mechanical fix for this text; the messages say what to change."),
                }
            }
        }
        Cmd::Save | Cmd::NextPane => save_editor(app, fx),
        _ => {}
    }
}

/// Closes the editor without saving (the name searched for goes back to the saved one).
fn close_editor(app: &mut App) {
    if let Some(ed) = app.shared.editor.take() {
        if ed.target == EditTarget::Query {
            verify::cancelled(&mut app.verify, &app.shared, &ed.original);
        }
        if ed.changed() {
            app.shared.say("Edit cancelled; nothing was changed.");
        }
    }
}

fn save_editor(app: &mut App, fx: &mut Vec<Effect>) {
    // Paths are checked by the runner first; the editor stays open until the answer.
    if let Some(ed) = app.shared.editor.as_ref() {
        if let EditTarget::Path(purpose) = ed.target {
            fx.push(Effect::CheckPath {
                purpose,
                text: ed.text(),
                save: true,
            });
            return;
        }
    }
    let Some(ed) = app.shared.editor.take() else {
        return;
    };
    let sh = &mut app.shared;
    match ed.target.clone() {
        EditTarget::NewSession => home::save_name(sh, ed, fx),
        EditTarget::Rename => common::save_rename(sh, ed),
        EditTarget::Query => {
            let text = ed.text();
            verify::save_query(&mut app.verify, sh, &text, ed.changed(), fx)
        }
        EditTarget::Proposal(f) => propose::save_field(sh, f, ed, fx),
        EditTarget::Swagger { pointer } => build::save_swagger(&app.build, sh, &pointer, &ed, fx),
        EditTarget::PullRequest => submit::save_pr(sh, ed, fx),
        EditTarget::Date(slot) => track::save_date(sh, slot, ed, fx),
        EditTarget::RoundNote(i) => track::save_round(sh, i, ed, fx),
        EditTarget::Form(key) => build::form_row_saved(&mut app.build, sh, key, ed.text()),
        EditTarget::PickFilter => build::import::filtered(&mut app.build, &ed.text()),
        EditTarget::Path(_) => {}
    }
}

/// Keeps the text of an open, changed editor in the session (restored on resume, e.g. after
/// a crash): saved at most once a second while typing, at once when leaving. A closed or
/// unchanged editor clears it.
fn keep_draft(app: &mut App, fx: &mut Vec<Effect>, force: bool) {
    let sh = &mut app.shared;
    let Some(open) = sh.session.as_mut() else {
        return;
    };
    if open.is_read_only() {
        return;
    }
    let draft = sh
        .editor
        .as_ref()
        .filter(|e| e.changed() && e.target.keeps_draft())
        .map(|e| Draft {
            field: e.target.id(),
            text: e.text(),
        });
    if open.ui.draft != draft {
        sh.draft_dirty = true;
        open.session_mut().ui.draft = draft;
        // The editor closed (saved or cancelled): the draft goes at once.
        if sh.editor.is_none() {
            sh.draft_saved = None;
            sh.draft_dirty = false;
            fx.push(Effect::SaveSession);
            return;
        }
    }
    if !sh.draft_dirty {
        return;
    }
    let due = sh
        .draft_saved
        .is_none_or(|t| (sh.now - t).num_milliseconds() >= DRAFT_EVERY_MS);
    if force || due {
        sh.draft_saved = Some(sh.now);
        sh.draft_dirty = false;
        fx.push(Effect::SaveSession);
    }
}

/// Opens the editor of a draft found in the session, once its field can be shown.
fn restore_draft(app: &mut App) {
    let Some(draft) = app.shared.pending_draft.clone() else {
        return;
    };
    if app.shared.editor.is_some() || app.shared.popup.is_some() {
        return;
    }
    let Some(target) = EditTarget::from_id(&draft.field) else {
        app.shared.pending_draft = None;
        return;
    };
    let sh = &mut app.shared;
    match &target {
        EditTarget::Swagger { pointer } => {
            if app.build.fields.is_empty() {
                // Waits for the folder to be read.
                return;
            }
            if app.step != Step::Build || !build::edit_pointer(&mut app.build, sh, pointer) {
                sh.pending_draft = None;
                return;
            }
        }
        EditTarget::Proposal(f) => propose::edit_field(sh, *f),
        EditTarget::Query => verify::edit_query(&app.verify, sh),
        EditTarget::Date(slot) => track::edit_slot(sh, *slot),
        EditTarget::RoundNote(i) => track::edit_slot(sh, crate::session::EventSlot::Round(*i)),
        EditTarget::Rename => common::rename_editor(sh),
        EditTarget::PullRequest => submit::pr_editor(sh),
        EditTarget::Path(p) => common::ask_path(sh, *p),
        EditTarget::NewSession | EditTarget::Form(_) | EditTarget::PickFilter => {}
    }
    sh.pending_draft = None;
    if let Some(ed) = sh.editor.as_mut() {
        ed.set_text(&draft.text);
        let title = ed.title.clone();
        sh.say(format!(
            "Restored the text you had typed into \"{title}\" (not saved yet): Enter saves, Esc discards."
        ));
    }
    let mut ignore = Vec::new();
    after_edit(app, &mut ignore);
}

// ---- results of effects and jobs ----

/// Every outcome, in one exhaustive match. A result for a session or a request the author
/// has left behind is dropped first.
fn finished(app: &mut App, done: Done, fx: &mut Vec<Effect>) {
    let Done { ticket, outcome } = done;
    let current = app
        .shared
        .jobs
        .is_current(&ticket, app.shared.session_name(), outcome.latest());
    if !current {
        app.shared.jobs.dropped += 1;
        return;
    }
    let sh = &mut app.shared;
    match outcome {
        Outcome::Sessions(list) => home::listed(&mut app.home, list),
        Outcome::SessionOpened {
            result: Ok(open),
            created,
        } => opened(app, *open, created, fx),
        Outcome::SessionOpened {
            result: Err(SessionOpenError::InUse { name, pid }),
            ..
        } => {
            sh.popup = Some(Popup::Confirm {
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
        Outcome::SessionOpened {
            result: Err(SessionOpenError::Other(e)),
            ..
        } => {
            app.screen = Screen::Home;
            sh.warn(e);
            fx.push(Effect::ListSessions);
        }
        Outcome::SessionDeleted(Ok(name)) => {
            sh.say(format!("Deleted the session \"{name}\"."));
            fx.push(Effect::ListSessions);
        }
        Outcome::SessionDeleted(Err(e)) => sh.warn(e),
        Outcome::ConnectorLoaded {
            path,
            result,
            keep,
            note,
            edited,
        } => {
            let restoring = keep.is_none();
            build::loaded(&mut app.build, sh, path, result, keep, note, edited, fx);
            if app.step == Step::Build && restoring {
                build::restore_selection(&mut app.build, &app.shared);
            }
            note_position(app);
            restore_draft(app);
        }
        Outcome::FolderEmpty { path } => build::folder_empty(&mut app.build, sh, path, fx),
        Outcome::ImportRead(result) => build::import::source_read(&mut app.build, sh, result),
        Outcome::Converted(result) => build::import::converted(&mut app.build, sh, result),
        Outcome::Created { dir, result } => {
            build::start::created(&mut app.build, sh, dir, result, fx)
        }
        Outcome::SampleRead(result) => build::ops::sample_read(&mut app.build, sh, result, fx),
        Outcome::Breaking(result) => build::breaking(sh, result),
        Outcome::CompareUrl(Ok(url)) => {
            sh.say("Opening the pull-request page on GitHub.");
            common::open_link(sh, url, fx);
        }
        Outcome::CompareUrl(Err(e)) => sh.warn(e),
        Outcome::ExportPlanned(result) => submit::planned(sh, result, fx),
        Outcome::Exported(result) => submit::exported(sh, result, fx),
        Outcome::ExportStatus(Ok(status)) => {
            sh.export.status = Some(status);
            if sh.refresh_statuses() {
                fx.push(Effect::SaveSession);
            }
        }
        Outcome::ExportStatus(Err(_)) => sh.export.status = None,
        Outcome::Wrote {
            path,
            result,
            fingerprint,
        } => wrote(sh, path, result, fingerprint, fx),
        Outcome::FilePreview(p) => common::show_preview(sh, *p),
        Outcome::PathChecked {
            purpose,
            path,
            problem,
            save,
        } => path_checked(app, purpose, path, problem, save, fx),
        Outcome::FolderMoved(Ok(to)) => {
            let t = to.clone();
            sh.change(fx, |s| s.connector_dir = Some(t));
            sh.say(format!("The working copy moved to {}.", to.display()));
            sh.workspace = Workspace {
                generation: sh.workspace.generation + 1,
                ..Workspace::default()
            };
            common::reload(sh, fx);
        }
        Outcome::FolderMoved(Err(e)) => sh.warn(format!(
            "The connector was renamed, but its working copy folder was not moved: {e}"
        )),
        Outcome::OpenFailed { url, error } => {
            sh.last_link = Some(url.clone());
            sh.warn(format!(
                "No browser could open the link ({error}). The address is {url} (c copies it)."
            ));
        }
        Outcome::CatalogLoaded(result) => verify::catalog_loaded(&mut app.verify, sh, result),
    }
}

/// A generated file was written: remembered by its fingerprint (to tell later whether it fell
/// behind), and the folder read again.
fn wrote(
    sh: &mut super::shared::Shared,
    path: std::path::PathBuf,
    result: Result<String, String>,
    fingerprint: String,
    fx: &mut Vec<Effect>,
) {
    match result {
        Ok(msg) => {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            if crate::generate::GENERATED.contains(&name.as_str()) {
                let n = name.clone();
                sh.change(fx, |s| {
                    s.generated.insert(n, fingerprint);
                });
            }
            sh.say(msg);
            let dir = path.parent().map(std::path::Path::to_path_buf);
            let working_copy = sh.session().and_then(|s| s.connector_dir.clone());
            if dir.is_some() && dir == working_copy {
                common::reload(sh, fx);
            }
        }
        Err(e) => sh.warn(e),
    }
}

/// A typed folder was checked: live feedback while typing; at save, the folder is used.
fn path_checked(
    app: &mut App,
    purpose: PathPurpose,
    path: std::path::PathBuf,
    problem: Option<String>,
    save: bool,
    fx: &mut Vec<Effect>,
) {
    let sh = &mut app.shared;
    let Some(ed) = sh.editor.as_mut() else { return };
    if ed.target != EditTarget::Path(purpose) {
        return;
    }
    if !save {
        if common::expand_home(ed.text().trim()) == path {
            ed.problem = problem;
        }
        return;
    }
    if let Some(p) = problem {
        ed.problem = Some(p.clone());
        sh.warn(format!("Not saved: {p}."));
        return;
    }
    sh.editor = None;
    match purpose {
        PathPurpose::ConnectorFolder => {
            app.build = build::State::default();
            sh.workspace = Workspace {
                generation: sh.workspace.generation + 1,
                ..Workspace::default()
            };
            let e = common::load_job(sh, path, None, Some("Folder opened and checked.".into()));
            fx.push(e);
        }
        PathPurpose::IntroFolder => {
            sh.change(fx, |s| s.connector_dir = Some(path));
            common::preview_generated(sh, "intro.md", purpose, fx);
        }
        PathPurpose::ExportRepo => submit::checkout_chosen(sh, path, fx),
        PathPurpose::ImportSource => build::import::read(sh, path, fx),
    }
}

fn opened(app: &mut App, open: crate::session::OpenSession, created: bool, fx: &mut Vec<Effect>) {
    let read_only = open.is_read_only();
    let name = open.name.clone();
    let step = open.ui.step.unwrap_or(open.current_step);
    let field = open.ui.field.clone();
    let draft = open.ui.draft.clone();
    let sh = &mut app.shared;
    sh.jobs.new_epoch();
    sh.workspace = Workspace {
        generation: sh.workspace.generation + 1,
        ..Workspace::default()
    };
    sh.export = Default::default();
    sh.editor = None;
    sh.popup = None;
    sh.session = Some(open);
    sh.pending_draft = draft;
    sh.revision += 1;
    app.prereqs = Default::default();
    app.verify = Default::default();
    app.propose = Default::default();
    app.build = Default::default();
    app.submit = Default::default();
    app.track = Default::default();
    app.screen = Screen::Wizard;
    app.step = step;
    sync(app);
    if let Some(f) = &field {
        restore_field(app, f);
    }
    let sh = &mut app.shared;
    if read_only {
        sh.warn(format!(
            "\"{name}\" is open read-only: changes are not saved."
        ));
    } else if created {
        sh.say(format!(
            "Started \"{name}\". Tick the prerequisites, then go to 1 Verify (press 1)."
        ));
    } else {
        sh.say(format!("Resumed \"{name}\" at {}.", step.label()));
    }
    if sh.refresh_statuses() {
        fx.push(Effect::SaveSession);
    }
    enter(app, fx);
    let sh = &mut app.shared;
    // The folder is read whatever the step, so that Submit and the statuses know the files.
    if app.step != Step::Build && sh.workspace.connector.is_none() && !sh.workspace.loading {
        if let Some(dir) = sh.session().and_then(|s| s.connector_dir.clone()) {
            let e = common::load_job(sh, dir, None, None);
            fx.push(e);
        }
    }
    restore_draft(app);
}
