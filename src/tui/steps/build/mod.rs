//! 3 Build: the editable strings of the swagger with their marks, the editor with live rule
//! feedback (opened beside its row), and the findings of the whole check (errors first;
//! Enter jumps to the field). Without a connector yet, a start panel: open a folder, start
//! blank, or import an OpenAPI or Swagger file. Operations and parameters are added, changed,
//! copied and deleted through forms; a response schema comes from a pasted sample.
//!
//! - [`edit`]: the minimal edit that writes one string back,
//! - [`findings`]: the order and columns of the findings pane,
//! - [`form`]: the forms (an operation, a parameter, the facts of a new connector, a sample),
//! - [`ops`]: what the forms of operations and parameters do, deleting, the sample response,
//! - [`start`]: the start panel, the blank connector and writing a new connector's files,
//! - [`import`]: the file to import, the pick list of its operations, the conversion's notes.

pub mod edit;
pub mod findings;
pub mod form;
pub mod import;
pub mod ops;
pub mod start;

use super::common::{ask_path, export_status, load_job, preview_generated};
use crate::generate::blank::MarkerAt;
use crate::rules::Severity;
use crate::tui::action::{Cmd, Effect, FormKey, LoadedConnector, PathPurpose, Pending, Work};
use crate::tui::editor::{EditTarget, Editor};
use crate::tui::fields::{self, EditField};
use crate::tui::list::{ListId, ListNav, Pane};
use crate::tui::shared::{Popup, Shared};
use std::path::PathBuf;

#[derive(Debug, Default)]
pub struct State {
    /// The editable strings of the swagger, in document order.
    pub fields: Vec<EditField>,
    pub fields_nav: ListNav,
    pub findings_nav: ListNav,
    pub focus: Pane,
    /// Show only the errors among the findings.
    pub errors_only: bool,
    /// The findings shown, as indexes into the workspace's findings, errors first.
    pub order: Vec<usize>,
    order_key: (u64, usize, bool),
    /// No connector is shown (none read yet, or the folder holds no swagger): the start panel.
    pub start: bool,
    pub start_nav: ListNav,
    /// The folder that was read and holds no swagger yet.
    pub empty_folder: Option<PathBuf>,
    /// The open form (over the fields).
    pub form: Option<form::Form>,
    /// The operations of a file to import, to pick from.
    pub pick: Option<import::Pick>,
    /// A conversion waiting for the facts form.
    pub import: Option<Box<import::Draft>>,
    /// The `[TODO: …]` markers of the swagger and apiProperties.json: (file, marker).
    pub markers: Vec<(String, MarkerAt)>,
}

/// What 3 Build shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Fields,
    /// No connector yet: open, start blank or import.
    Start,
    /// The operations of a file to import.
    Pick,
    Form,
}

pub fn mode(st: &State) -> Mode {
    if st.form.is_some() {
        Mode::Form
    } else if st.pick.is_some() {
        Mode::Pick
    } else if st.start {
        Mode::Start
    } else {
        Mode::Fields
    }
}

impl State {
    /// Selects the field at `pointer`, when there is one.
    pub fn select_pointer(&mut self, pointer: &str) -> bool {
        match self.fields.iter().position(|f| f.pointer == pointer) {
            Some(i) => {
                self.fields_nav.selected = i;
                true
            }
            None => false,
        }
    }

    /// The finding selected in the findings pane.
    pub fn selected_finding(&self) -> Option<usize> {
        self.order.get(self.findings_nav.selected).copied()
    }
}

pub fn list(st: &State) -> (ListId, usize) {
    match (mode(st), st.focus) {
        (Mode::Form, _) => (ListId::Form, st.form.as_ref().map_or(0, |f| f.rows.len())),
        (Mode::Pick, _) => (ListId::Pick, st.pick.as_ref().map_or(0, |p| p.shown.len())),
        (Mode::Start, _) => (ListId::Start, start::ROWS.len()),
        (Mode::Fields, Pane::Side) => (ListId::Findings, st.order.len()),
        (Mode::Fields, Pane::Main) => (ListId::Fields, st.fields.len()),
    }
}

/// Recomputes the order of the findings when the folder or the filter changed, and whether
/// the start panel shows.
pub fn sync(st: &mut State, sh: &Shared) {
    st.start = sh.workspace.connector.is_none() && !sh.workspace.loading;
    let key = (
        sh.workspace.generation,
        sh.workspace.breaking.len(),
        st.errors_only,
    );
    if key != st.order_key {
        st.order_key = key;
        st.order = findings::order(&sh.workspace, st.errors_only);
        st.findings_nav.clamp(st.order.len());
    }
}

/// Entering the step: read the folder when it was not read yet; without one, the start
/// panel shows what can be done.
pub fn enter(st: &mut State, sh: &mut Shared, fx: &mut Vec<Effect>) {
    if sh.workspace.connector.is_some() || sh.workspace.loading || st.empty_folder.is_some() {
        return;
    }
    if let Some(dir) = sh.session().and_then(|s| s.connector_dir.clone()) {
        let e = load_job(sh, dir, None, None);
        fx.push(e);
    }
}

/// Esc while a form or the pick list is open: closes it (a changed form asks first).
/// Whether it was one of them.
pub fn back(st: &mut State, sh: &mut Shared) -> bool {
    match mode(st) {
        Mode::Form => {
            if st.form.as_ref().is_some_and(form::Form::changed) {
                sh.popup = Some(Popup::Confirm {
                    title: "Discard the form?".into(),
                    body: vec![
                        "What was typed into the form is not written.".into(),
                        "Discard it? n goes back to the form.".into(),
                    ],
                    on_yes: Pending::DiscardForm,
                });
            } else {
                st.form = None;
                sh.quiet();
            }
            true
        }
        Mode::Pick => {
            st.pick = None;
            st.import = None;
            sh.say("Import cancelled; nothing was written.");
            true
        }
        Mode::Start | Mode::Fields => false,
    }
}

/// A form with changes that are not written, worded for the quit question and the farewell.
pub fn unwritten_form(st: &State) -> Option<String> {
    let f = st.form.as_ref().filter(|f| f.changed())?;
    Some(format!(
        "the form \"{}\" is not written (3 Build, ^S writes it)",
        f.title
    ))
}

/// A form's row was saved from its editor.
pub fn form_row_saved(st: &mut State, sh: &mut Shared, key: FormKey, text: String) {
    let root = sh
        .workspace
        .connector
        .as_ref()
        .and_then(|c| c.swagger_json());
    let (Some(f), Some(s)) = (st.form.as_mut(), sh.session.as_ref()) else {
        return;
    };
    f.set(key, text);
    f.refresh(root, s.session());
}

/// The problem of a text typed into a form's row (live).
pub fn form_row_problem(st: &State, sh: &Shared, key: FormKey, text: &str) -> Option<String> {
    let root = sh
        .workspace
        .connector
        .as_ref()
        .and_then(|c| c.swagger_json());
    let f = st.form.as_ref()?;
    f.problem_if(key, text, root, sh.session()?)
}

fn form_command(st: &mut State, sh: &mut Shared, cmd: Cmd, fx: &mut Vec<Effect>) {
    let Some(f) = st.form.as_mut() else { return };
    let Some(key) = f.selected() else { return };
    match cmd {
        Cmd::Toggle | Cmd::Activate if f.cycle(key) => {
            let root = sh
                .workspace
                .connector
                .as_ref()
                .and_then(|c| c.swagger_json());
            if let Some(s) = sh.session.as_ref() {
                f.refresh(root, s.session());
            }
        }
        Cmd::Activate | Cmd::Toggle => sh.editor = Some(f.editor(key)),
        Cmd::Save => match &f.model {
            form::Model::Facts(_) => start::save(st, sh, fx),
            _ => ops::save(st, sh, fx),
        },
        _ => {}
    }
}

fn pick_command(st: &mut State, sh: &mut Shared, cmd: Cmd, fx: &mut Vec<Effect>) {
    let Some(p) = st.pick.as_mut() else { return };
    match cmd {
        Cmd::Toggle => p.toggle(),
        Cmd::SelectAll => p.set_shown(true),
        Cmd::SelectNone => p.set_shown(false),
        Cmd::EditQuery => import::edit_filter(st, sh),
        Cmd::Activate => import::convert(st, sh, fx),
        _ => {}
    }
}

fn start_command(st: &mut State, sh: &mut Shared, cmd: Cmd) {
    match cmd {
        Cmd::Activate => start::activate(st, sh),
        Cmd::OpenFolder => ask_path(sh, PathPurpose::ConnectorFolder),
        Cmd::StartBlank => start::start_blank(st, sh),
        Cmd::Import => ask_path(sh, PathPurpose::ImportSource),
        _ => {}
    }
}

pub fn command(st: &mut State, sh: &mut Shared, cmd: Cmd, fx: &mut Vec<Effect>) {
    match mode(st) {
        Mode::Form => return form_command(st, sh, cmd, fx),
        Mode::Pick => return pick_command(st, sh, cmd, fx),
        Mode::Start if cmd != Cmd::Recheck => return start_command(st, sh, cmd),
        _ => {}
    }
    match cmd {
        Cmd::AddOperation => ops::add_operation(st, sh),
        Cmd::AddParameter => ops::add_parameter(st, sh),
        Cmd::EditItem => ops::edit_item(st, sh),
        Cmd::Duplicate => ops::duplicate(st, sh),
        Cmd::Delete => ops::ask_delete(st, sh),
        Cmd::SampleResponse => ops::sample(st, sh),
        Cmd::StartBlank => start::start_blank(st, sh),
        Cmd::Import => ask_path(sh, PathPurpose::ImportSource),
        Cmd::NextPane => st.focus = st.focus.other(),
        Cmd::ErrorsOnly => {
            st.errors_only = !st.errors_only;
            st.findings_nav = ListNav::default();
            sync(st, sh);
            st.focus = Pane::Side;
            sh.say(if st.errors_only {
                format!(
                    "Showing the {} error(s) only; e shows every finding.",
                    st.order.len()
                )
            } else {
                "Showing every finding, errors first.".to_string()
            });
        }
        Cmd::Activate if st.focus == Pane::Side => {
            let Some(f) = st
                .selected_finding()
                .and_then(|i| sh.workspace.finding(i))
                .cloned()
            else {
                return;
            };
            match fields::field_of(&st.fields, &f) {
                Some(i) => {
                    st.fields_nav.selected = i;
                    st.focus = Pane::Main;
                    edit_field(st, sh, i);
                }
                None if edit_swagger_string(sh, &f) => {}
                None => {
                    let at = if f.line > 0 {
                        format!("{}:{}", f.file, f.line)
                    } else {
                        f.file.clone()
                    };
                    sh.say(format!(
                        "{} is not about a text field of the swagger ({at}): {} Fix it in your editor (or with a and m here), then press r.",
                        f.rule,
                        f.help.trim_end_matches('.').to_string() + "."
                    ))
                }
            }
        }
        Cmd::Activate => {
            if sh.workspace.connector.is_none() {
                ask_path(sh, PathPurpose::ConnectorFolder);
            } else {
                edit_field(st, sh, st.fields_nav.selected);
            }
        }
        Cmd::OpenFolder => ask_path(sh, PathPurpose::ConnectorFolder),
        Cmd::Recheck => {
            if let Some(dir) = sh.session().and_then(|s| s.connector_dir.clone()) {
                st.empty_folder = None;
                let e = load_job(sh, dir, None, Some("Re-read and re-checked.".into()));
                fx.push(e);
            }
        }
        Cmd::ApplyFixes => ask_fixes(sh),
        Cmd::WriteApiProperties => {
            preview_generated(sh, "apiProperties.json", PathPurpose::ConnectorFolder, fx)
        }
        Cmd::WriteReadme => preview_generated(sh, "readme.md", PathPurpose::ConnectorFolder, fx),
        _ => {}
    }
}

fn ask_fixes(sh: &mut Shared) {
    if sh.refuse_read_only() {
        return;
    }
    let fixes: Vec<String> = sh
        .workspace
        .findings
        .iter()
        .filter_map(|f| {
            f.safe_fix()
                .map(|x| format!("• {} — {}", f.rule, x.description))
        })
        .collect();
    if fixes.is_empty() {
        sh.say("No safe fixes to apply.");
        return;
    }
    let n = fixes.len();
    let mut body = vec![format!(
        "Apply {n} safe fix(es)? Only the bytes of these values change:"
    )];
    body.extend(fixes.into_iter().take(12));
    if n > 12 {
        body.push(format!("… and {} more", n - 12));
    }
    sh.popup = Some(Popup::Confirm {
        title: "Apply safe fixes".into(),
        body,
        on_yes: Pending::ApplyFixes,
    });
}

/// The job that applies the safe fixes (after the yes).
pub fn apply_fixes(sh: &mut Shared, fx: &mut Vec<Effect>) {
    let Some(c) = sh.workspace.connector.as_ref() else {
        return;
    };
    let root = if c.lone_file {
        c.swagger
            .as_ref()
            .map(|s| s.path.clone())
            .unwrap_or_default()
    } else {
        c.root.clone()
    };
    let kind = c.kind;
    let e = sh.job(Work::ApplyFixes { root, kind });
    fx.push(e);
    sh.say("Applying the safe fixes…");
}

/// Opens the editor for the field at `index`, beside its row.
pub fn edit_field(st: &State, sh: &mut Shared, index: usize) {
    let Some(f) = st.fields.get(index) else {
        return;
    };
    if let Some(t) = f.not_string {
        let msg = format!(
            "{} holds a {t}, not text; edit it in a text editor",
            f.pointer
        );
        sh.warn(msg);
        return;
    }
    if sh.refuse_read_only() {
        return;
    }
    let text = f.value.clone().unwrap_or_default();
    let ed = Editor::new(
        EditTarget::Swagger {
            pointer: f.pointer.clone(),
        },
        f.title(),
        &text,
        f.multiline(),
    )
    .with_rules(f.field, f.ctx.clone());
    sh.editor = Some(ed);
}

/// A finding on a string of the swagger that is not in the field list (a contact URL, a
/// metadata value, a schema description — where `new` and `import` leave `[TODO: …]`
/// markers): opens an editor on that string. False when the finding is not on one.
fn edit_swagger_string(sh: &mut Shared, f: &crate::rules::Finding) -> bool {
    let Some(sw) = sh
        .workspace
        .connector
        .as_ref()
        .and_then(|c| c.swagger.as_ref())
    else {
        return false;
    };
    if f.file != sw.display || f.pointer.is_empty() {
        return false;
    }
    let Some(text) = sw
        .json()
        .and_then(|root| root.pointer(&f.pointer))
        .and_then(|n| n.as_str())
        .map(str::to_string)
    else {
        return false;
    };
    if sh.refuse_read_only() {
        return true;
    }
    let title = f
        .pointer
        .trim_start_matches('/')
        .split('/')
        .map(crate::json::pointer::unescape_token)
        .collect::<Vec<_>>()
        .join(" › ");
    sh.editor = Some(Editor::new(
        EditTarget::Swagger {
            pointer: f.pointer.clone(),
        },
        title,
        &text,
        text.contains('\n') || f.pointer.ends_with("/description"),
    ));
    true
}

/// Opens the editor for the field at `pointer` (a restored draft).
pub fn edit_pointer(st: &mut State, sh: &mut Shared, pointer: &str) -> bool {
    if !st.select_pointer(pointer) {
        return false;
    }
    edit_field(st, sh, st.fields_nav.selected);
    sh.editor.is_some()
}

/// Saving a swagger field: the minimal edit, written by a job that reads the folder again.
pub fn save_swagger(st: &State, sh: &mut Shared, pointer: &str, ed: &Editor, fx: &mut Vec<Effect>) {
    if !ed.changed() {
        sh.quiet();
        return;
    }
    let Some(c) = sh.workspace.connector.as_ref() else {
        sh.warn("No connector folder is open.");
        return;
    };
    let text = ed.text();
    let edits = match edit::swagger_edit(c, &st.fields, pointer, &text) {
        Ok(Some(e)) => e,
        Ok(None) => return,
        Err(e) => return sh.warn(e),
    };
    let Some(sw) = c.swagger.as_ref() else { return };
    let label = st
        .fields
        .iter()
        .find(|f| f.pointer == pointer)
        .map(|f| format!("{} {}", f.group.trim_start_matches("↳ "), f.key))
        .unwrap_or_else(|| pointer.to_string());
    let base = sw.text.clone();
    ops::write_edits(sh, &base, edits, pointer.to_string(), label, None, fx);
}

/// A folder was read and checked: the fields, their marks, the findings, the generated files
/// that fell behind; the breaking-change comparison and the export status follow.
#[allow(clippy::too_many_arguments)]
pub fn loaded(
    st: &mut State,
    sh: &mut Shared,
    path: PathBuf,
    result: Result<Box<LoadedConnector>, String>,
    keep: Option<String>,
    note: Option<String>,
    edited: bool,
    fx: &mut Vec<Effect>,
) {
    sh.workspace.loading = false;
    let loaded = match result {
        Ok(l) => *l,
        Err(e) => {
            sh.workspace.error = Some(e.clone());
            sh.warn(e);
            return;
        }
    };
    let is_update = sh.session().is_some_and(|s| s.is_update);
    let keep = keep.or_else(|| {
        st.fields
            .get(st.fields_nav.selected)
            .map(|f| f.pointer.clone())
    });
    let mut fs = match loaded.connector.swagger_json() {
        Some(root) => fields::collect(root, loaded.connector.kind, is_update),
        None => Vec::new(),
    };
    if let Some(sw) = &loaded.connector.swagger {
        fields::mark(&mut fs, &loaded.findings, &sw.display);
    }
    st.markers = [&loaded.connector.swagger, &loaded.connector.api_properties]
        .into_iter()
        .flatten()
        .flat_map(|f| {
            let name = findings::short_file(&f.display);
            crate::generate::blank::json_markers(&f.text)
                .into_iter()
                .map(move |m| (name.clone(), m))
        })
        .collect();
    st.empty_folder = None;
    let ws = &mut sh.workspace;
    ws.stale = match sh.session.as_ref() {
        Some(s) => crate::generate::stale_files(s, &loaded.connector),
        None => Vec::new(),
    };
    ws.findings = loaded.findings;
    ws.connector = Some(loaded.connector);
    ws.generation += 1;
    ws.error = None;
    ws.recount();
    st.fields = fs;
    if let Some(p) = keep {
        st.select_pointer(&p);
    }
    st.fields_nav.clamp(st.fields.len());
    if edited {
        sh.export.edited_this_run = true;
    }
    match note {
        Some(n) => sh.say(n),
        None => {
            if let Some(stale) = sh.workspace.stale.iter().find(|s| s.name != "intro.md") {
                let key = if stale.name == "readme.md" { "m" } else { "a" };
                sh.say(format!("{}: {key} regenerates it.", stale.reason));
            }
        }
    }
    let mut changed = false;
    if let Some(open) = sh.session.as_mut() {
        if open.connector_dir.as_deref() != Some(path.as_path()) && !open.is_read_only() {
            open.session_mut().connector_dir = Some(path.clone());
            changed = true;
        }
    }
    changed |= sh.refresh_statuses();
    if changed {
        fx.push(Effect::SaveSession);
    }
    // Updating a connector of a checkout: the breaking changes against the committed version.
    let swagger = sh
        .workspace
        .connector
        .as_ref()
        .and_then(|c| c.swagger.as_ref())
        .map(|s| (s.path.clone(), s.display.clone()));
    match swagger {
        Some((swagger, display)) if loaded.in_git => {
            let e = sh.job(Work::Breaking { swagger, display });
            fx.push(e);
        }
        _ => sh.workspace.breaking.clear(),
    }
    export_status(sh, fx);
}

/// The folder was read and holds no swagger yet: the start panel offers a blank start or an
/// import into it, and it becomes the session's working copy.
pub fn folder_empty(st: &mut State, sh: &mut Shared, path: PathBuf, fx: &mut Vec<Effect>) {
    let ws = &mut sh.workspace;
    ws.loading = false;
    ws.connector = None;
    ws.findings.clear();
    ws.breaking.clear();
    ws.error = None;
    ws.generation += 1;
    ws.recount();
    st.fields.clear();
    st.markers.clear();
    st.empty_folder = Some(path.clone());
    let p = path.clone();
    let read_only = sh.is_read_only();
    if !read_only
        && sh
            .session()
            .is_some_and(|s| s.connector_dir.as_deref() != Some(p.as_path()))
    {
        sh.change(fx, |s| s.connector_dir = Some(p));
    }
    sh.say(format!(
        "{} holds no swagger yet: b starts the connector blank, i imports an OpenAPI or Swagger file into it.",
        path.display()
    ));
}

/// The breaking changes arrived.
pub fn breaking(
    sh: &mut Shared,
    result: Result<Option<(String, Vec<crate::rules::Finding>)>, String>,
) {
    match result {
        Ok(Some((label, found))) if !found.is_empty() => {
            let errors = found
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .count();
            sh.warn(format!(
                "{} breaking change(s) against {label} ({}): they are listed with the findings.",
                found.len(),
                crate::tui::shared::count(errors, Severity::Error)
            ));
            sh.workspace.breaking = found;
        }
        Ok(_) => sh.workspace.breaking.clear(),
        Err(e) => sh.warn(format!("Breaking-change check not run: {e}")),
    }
    sh.workspace.recount();
    sh.refresh_statuses();
}

/// The saved field to return to (after resuming), once the folder is read.
pub fn restore_selection(st: &mut State, sh: &Shared) {
    let saved = sh.session().and_then(|s| s.ui.field.clone());
    if let Some(p) = saved.as_deref().and_then(|f| f.strip_prefix("build:")) {
        st.select_pointer(p);
    }
}

pub fn field_id(st: &State, sh: &Shared) -> Option<String> {
    if st.fields.is_empty() {
        return sh
            .session()
            .and_then(|s| s.ui.field.clone())
            .filter(|f| f.starts_with("build:"));
    }
    st.fields
        .get(st.fields_nav.selected)
        .map(|f| format!("build:{}", f.pointer))
}
