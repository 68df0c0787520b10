//! 3 Build without a connector yet (no folder, or a folder with no swagger): open an existing
//! folder, start blank from the session's facts, or import an OpenAPI or Swagger file. The
//! facts form asks for what the session cannot say (the host, the sign-in's details, the
//! publisher); saving it writes the working copy through an effect, all files or none.

use super::form::{Facts, Form, Model};
use super::State;
use crate::generate::blank::{self, Missing};
use crate::tui::action::{Effect, Existing, NewFile, PathPurpose};
use crate::tui::shared::Shared;
use crate::tui::steps::common::{ask_path, expand_home};
use std::path::PathBuf;

/// The rows of the start panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    OpenFolder,
    Blank,
    Import,
}

pub const ROWS: [Row; 3] = [Row::OpenFolder, Row::Blank, Row::Import];

impl Row {
    pub fn label(self) -> &'static str {
        match self {
            Row::OpenFolder => "Open an existing connector folder",
            Row::Blank => "Start blank from the session's facts",
            Row::Import => "Import an OpenAPI 3 or Swagger 2.0 file (JSON or YAML)",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Row::OpenFolder => "O",
            Row::Blank => "b",
            Row::Import => "i",
        }
    }
}

/// Enter on a row of the start panel.
pub fn activate(st: &mut State, sh: &mut Shared) {
    match ROWS.get(st.start_nav.selected) {
        Some(Row::OpenFolder) => ask_path(sh, PathPurpose::ConnectorFolder),
        Some(Row::Blank) => start_blank(st, sh),
        Some(Row::Import) => ask_path(sh, PathPurpose::ImportSource),
        None => {}
    }
}

/// The folder a new connector goes into: the empty folder that was opened, the session's
/// folder, else one named after the connector in the folder the wizard runs in.
pub fn default_folder(st: &State, sh: &Shared) -> String {
    let from_session = sh.session().and_then(|s| s.connector_dir.clone());
    let dir = st.empty_folder.clone().or(from_session).or_else(|| {
        let name = sh.session().map(crate::generate::connector_name)?;
        Some(sh.work_dir.join(name))
    });
    dir.map(|d| d.display().to_string()).unwrap_or_default()
}

/// `b`: the facts form of a connector started blank (refused when the folder has a swagger).
pub fn start_blank(st: &mut State, sh: &mut Shared) {
    if sh.refuse_read_only() {
        return;
    }
    if sh
        .workspace
        .connector
        .as_ref()
        .is_some_and(|c| c.swagger.is_some())
    {
        sh.warn("The folder has a swagger already: a blank start would replace it. Edit it here, or open another folder (O).");
        return;
    }
    let Some(s) = sh.session() else { return };
    let facts = Facts::of(s, default_folder(st, sh), false);
    st.form = Some(Form::new(Model::Facts(facts), "Start blank", s));
    sh.say("What the session cannot say: fill the rows marked ✗ (Enter edits, Space cycles), then ^S writes the files.");
}

/// Saving the facts form: the files of the blank connector (or of the import), written by
/// an effect; the session keeps the sign-in, the publisher and the stack owner.
pub fn save(st: &mut State, sh: &mut Shared, fx: &mut Vec<Effect>) {
    let Some(super::form::Form {
        model: Model::Facts(facts),
        ..
    }) = st.form.as_ref()
    else {
        return;
    };
    let facts = facts.clone();
    let Some(s) = sh.session().cloned() else {
        return;
    };
    if let Some(p) = st.form.as_mut().and_then(|f| f.explain_first_problem()) {
        sh.warn(format!("Not written: {p}."));
        return;
    }
    let bf = facts.blank_facts(&s);
    let dir = expand_home(facts.folder.trim());
    let (files, note) = if facts.import {
        let Some(draft) = st.import.as_ref() else {
            return;
        };
        let mut swagger = draft.imported.swagger.clone();
        blank::apply_facts(&mut swagger, &bf);
        let text = blank::pretty(&swagger);
        let ap = blank::api_properties_for(&s, &bf, &text);
        // The swagger of the folder on screen is replaced only after the yes to the notes.
        let replace = sh
            .workspace
            .connector
            .as_ref()
            .is_some_and(|c| c.swagger.is_some() && c.root == dir);
        let note = format!(
            "Imported {} operation(s) from {}: {}.",
            draft.imported.operations.len(),
            draft.source,
            markers_note(&text)
        );
        (
            vec![
                NewFile {
                    name: "apiDefinition.swagger.json",
                    bytes: text.into_bytes(),
                    existing: if replace {
                        Existing::Replace
                    } else {
                        Existing::Refuse
                    },
                },
                NewFile {
                    name: "apiProperties.json",
                    bytes: ap.into_bytes(),
                    existing: Existing::Keep,
                },
            ],
            note,
        )
    } else {
        match blank::blank_connector(&s, &bf) {
            Ok(b) => {
                let note = format!("Started blank: {}.", markers_note(&b.swagger));
                (
                    vec![
                        NewFile {
                            name: "apiDefinition.swagger.json",
                            bytes: b.swagger.into_bytes(),
                            existing: Existing::Refuse,
                        },
                        NewFile {
                            name: "apiProperties.json",
                            bytes: b.api_properties.into_bytes(),
                            existing: Existing::Keep,
                        },
                    ],
                    note,
                )
            }
            Err(missing) => {
                let what: Vec<&str> = missing.iter().map(|m: &Missing| m.label()).collect();
                sh.warn(format!(
                    "Not written: the connector needs {}.",
                    what.join("; ")
                ));
                return;
            }
        }
    };
    // What the author told the wizard is the session's from now on.
    let (auth, publisher, stack_owner) = (facts.auth, bf.publisher, bf.stack_owner);
    let import = facts.import;
    sh.change(fx, |s| {
        if !import {
            s.proposal.auth = auth;
        }
        if let Some(p) = publisher {
            s.proposal.publisher = p;
        }
        if let Some(o) = stack_owner {
            s.proposal.stack_owner = o;
        }
    });
    fx.push(Effect::CreateConnector { dir, files, note });
    sh.say("Writing the connector's files…");
}

/// "6 places marked [TODO: …] to fill in (check reports each one)".
fn markers_note(swagger: &str) -> String {
    match blank::json_markers(swagger).len() {
        0 => "no marker left to fill in".into(),
        1 => "1 place marked [TODO: …] to fill in (check reports it)".into(),
        n => format!("{n} places marked [TODO: …] to fill in (check reports each one)"),
    }
}

/// The files were written (or not): the folder becomes the session's and is read.
pub fn created(
    st: &mut State,
    sh: &mut Shared,
    dir: PathBuf,
    result: Result<String, String>,
    fx: &mut Vec<Effect>,
) {
    match result {
        Ok(note) => {
            st.form = None;
            st.import = None;
            st.empty_folder = None;
            let d = dir.clone();
            sh.change(fx, |s| s.connector_dir = Some(d));
            sh.export.edited_this_run = true;
            let e = crate::tui::steps::common::load_job(sh, dir, None, Some(note));
            fx.push(e);
        }
        Err(e) => sh.warn(e),
    }
}
