//! Importing an OpenAPI 3.0/3.1 or Swagger 2.0 file in 3 Build: the file is read by a job, its
//! operations are picked from a list (vendor specs have hundreds: filtered by words, every
//! shown one ticked or unticked at once, Space ticks one), a job converts the picked ones,
//! the conversion's notes are shown with their place in the source, and the facts form asks
//! for what the connector still needs before the files are written.

use super::form::{Facts, Form, Model};
use super::State;
use crate::import::{Imported, NoteKind, OperationInfo};
use crate::tui::action::{Effect, ImportSource, Pending, Work};
use crate::tui::editor::{EditTarget, Editor};
use crate::tui::list::ListNav;
use crate::tui::shared::{Popup, Shared};
use std::path::PathBuf;

/// The operations of a document to import, and which are ticked.
#[derive(Debug)]
pub struct Pick {
    pub source: ImportSource,
    pub chosen: Vec<bool>,
    /// The words every operation shown contains (case ignored).
    pub filter: String,
    /// The operations shown (indexes into `source.operations`).
    pub shown: Vec<usize>,
    pub nav: ListNav,
}

impl Pick {
    pub fn new(source: ImportSource) -> Pick {
        let n = source.operations.len();
        let mut p = Pick {
            source,
            chosen: vec![true; n],
            filter: String::new(),
            shown: Vec::new(),
            nav: ListNav::default(),
        };
        p.refilter();
        p
    }

    /// The operation of row `i` of the list.
    pub fn row(&self, i: usize) -> Option<(&OperationInfo, bool)> {
        let k = *self.shown.get(i)?;
        Some((&self.source.operations[k], self.chosen[k]))
    }

    pub fn chosen_count(&self) -> usize {
        self.chosen.iter().filter(|c| **c).count()
    }

    /// Applies the filter: every word in the operationId, method, path or summary.
    pub fn refilter(&mut self) {
        let words: Vec<String> = self
            .filter
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        self.shown = self
            .source
            .operations
            .iter()
            .enumerate()
            .filter(|(_, o)| {
                let hay = format!(
                    "{} {} {} {}",
                    o.operation_id,
                    o.method,
                    o.path,
                    o.summary.as_deref().unwrap_or("")
                )
                .to_lowercase();
                words.iter().all(|w| hay.contains(w))
            })
            .map(|(i, _)| i)
            .collect();
        self.nav.clamp(self.shown.len());
    }

    /// Ticks or unticks the selected operation.
    pub fn toggle(&mut self) {
        if let Some(k) = self.shown.get(self.nav.selected) {
            self.chosen[*k] = !self.chosen[*k];
        }
    }

    /// Ticks (or unticks) every operation shown.
    pub fn set_shown(&mut self, on: bool) {
        for k in &self.shown {
            self.chosen[*k] = on;
        }
    }

    /// The operationIds of the ticked operations, in document order.
    pub fn chosen_ids(&self) -> Vec<String> {
        self.source
            .operations
            .iter()
            .zip(&self.chosen)
            .filter(|(_, c)| **c)
            .map(|(o, _)| o.operation_id.clone())
            .collect()
    }
}

/// A conversion waiting for its facts.
#[derive(Debug)]
pub struct Draft {
    pub imported: Imported,
    /// The file, as shown.
    pub source: String,
}

/// The path was checked: the job that reads and parses the file.
pub fn read(sh: &mut Shared, path: PathBuf, fx: &mut Vec<Effect>) {
    sh.say(format!("Reading {}…", path.display()));
    let e = sh.job(Work::ReadImport { path });
    fx.push(e);
}

/// The file was read: its operations to pick from.
pub fn source_read(st: &mut State, sh: &mut Shared, result: Result<Box<ImportSource>, String>) {
    match result {
        Ok(src) => {
            let n = src.operations.len();
            sh.say(format!(
                "{n} operation(s) in {} ({}), all ticked: Space ticks one, / filters, a ticks and n unticks the ones shown, Enter imports.",
                src.path.display(),
                src.version.label()
            ));
            st.pick = Some(Pick::new(*src));
        }
        Err(e) => sh.warn(e),
    }
}

/// `/`: the editor of the filter (the list follows each key).
pub fn edit_filter(st: &State, sh: &mut Shared) {
    let text = st
        .pick
        .as_ref()
        .map(|p| p.filter.clone())
        .unwrap_or_default();
    let mut ed = Editor::new(
        EditTarget::PickFilter,
        "Filter: words of the operationId, method, path or summary",
        &text,
        false,
    );
    ed.select_all();
    sh.editor = Some(ed);
}

/// The filter was typed into (live) or saved.
pub fn filtered(st: &mut State, text: &str) {
    if let Some(p) = st.pick.as_mut() {
        p.filter = text.to_string();
        p.refilter();
    }
}

/// Enter on the list: the job that converts the ticked operations.
pub fn convert(st: &mut State, sh: &mut Shared, fx: &mut Vec<Effect>) {
    let Some(p) = st.pick.as_ref() else { return };
    let operations = p.chosen_ids();
    if operations.is_empty() {
        sh.say("No operation is ticked: Space ticks one, a ticks every one shown.");
        return;
    }
    let doc = p.source.doc.clone();
    sh.say(format!("Converting {} operation(s)…", operations.len()));
    let e = sh.job(Work::ConvertImport { doc, operations });
    fx.push(e);
}

/// The conversion is done: its notes, each at its place in the source, before going on.
pub fn converted(st: &mut State, sh: &mut Shared, result: Result<Box<Imported>, String>) {
    let imported = match result {
        Ok(i) => *i,
        Err(e) => return sh.warn(e),
    };
    let Some(p) = st.pick.as_ref() else { return };
    let source = p.source.path.display().to_string();
    let name = p
        .source
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| source.clone());
    let total = p.source.operations.len();
    let count = |k: NoteKind| imported.notes.iter().filter(|n| n.kind == k).count();
    let mut text = vec![format!(
        "{} of {total} operation(s) from {source} ({}): {} not converted, {} changed, {} to review.",
        imported.operations.len(),
        imported.version.label(),
        count(NoteKind::NotConverted),
        count(NoteKind::Changed),
        count(NoteKind::Review)
    )];
    if let Some(c) = sh
        .workspace
        .connector
        .as_ref()
        .filter(|c| c.swagger.is_some())
    {
        text.push(format!(
            "The import replaces the swagger of {} (apiProperties.json is kept when there is one).",
            c.root.display()
        ));
    }
    for kind in [NoteKind::NotConverted, NoteKind::Changed, NoteKind::Review] {
        let of_kind: Vec<_> = imported.notes.iter().filter(|n| n.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        text.push(String::new());
        text.push(
            match kind {
                NoteKind::NotConverted => "Not converted (Swagger 2.0 cannot say it):",
                NoteKind::Changed => "Changed:",
                NoteKind::Review => "Derived, to review:",
            }
            .to_string(),
        );
        for n in of_kind {
            text.push(format!(
                "  {name}:{}  {}  [{}]",
                n.line, n.message, n.pointer
            ));
        }
    }
    text.push(String::new());
    text.push(
        "y goes on to the facts the connector needs, then writes the files; n cancels.".into(),
    );
    sh.popup = Some(Popup::Preview {
        title: format!("Import from {name}: the conversion's notes"),
        text: text.join("\n"),
        scroll: Default::default(),
        on_yes: Some(Pending::ImportFacts),
        yes_label: "continue".into(),
        alt: None,
    });
    sh.say(format!(
        "Converted {} operation(s): the notes say what changed (↓ scrolls); y goes on, n goes back to the list.",
        imported.operations.len()
    ));
    st.import = Some(Box::new(Draft { imported, source }));
}

/// After the notes: the facts form of the import.
pub fn ask_facts(st: &mut State, sh: &mut Shared) {
    let Some(draft) = st.import.as_ref() else {
        return;
    };
    let Some(s) = sh.session() else { return };
    let mut facts = Facts::of(s, super::start::default_folder(st, sh), true);
    facts.doc_has_host = draft.imported.swagger.get("host").is_some();
    if let Some(c) = sh.workspace.connector.as_ref() {
        facts.folder = c.root.display().to_string();
    }
    st.pick = None;
    st.form = Some(Form::new(
        Model::Facts(facts),
        "Import: the connector's facts",
        s,
    ));
    sh.say("Check the folder and fill the rows marked ✗, then ^S writes the files.");
}
