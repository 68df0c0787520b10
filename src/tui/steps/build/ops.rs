//! Operations and parameters edited in 3 Build: the forms that add, change and copy them, the
//! questions before one is deleted, and the response schema from a sample. Every change is
//! computed here from the swagger as it was read (the library's minimal-diff writer) and
//! written by the same job as a field's text, which refuses when the file changed on disk.

use super::form::{Form, Model, Sample};
use super::State;
use crate::generate::operation::{
    self, deletes_path, operation_of, parameter_of, split_op_pointer, OperationSpec, ParamSpec,
    METHODS,
};
use crate::generate::schema::{response_schema_edits, schema_from_sample_text, ResponseMode};
use crate::json::splice::edit_between;
use crate::json::{Node, TextEdit};
use crate::tui::action::{Effect, Pending, SampleKey, Work};
use crate::tui::shared::{Popup, Shared};

/// The swagger as read, when it can be edited here: (its text, its tree); else says why.
fn editable(sh: &mut Shared) -> Option<(String, Node)> {
    if sh.refuse_read_only() {
        return None;
    }
    let Some(c) = sh.workspace.connector.as_ref() else {
        sh.warn("No connector is open: O opens a folder, b starts one blank, i imports one.");
        return None;
    };
    let Some(sw) = c.swagger.as_ref() else {
        sh.warn("The folder has no swagger: b starts one blank, i imports one.");
        return None;
    };
    if !sw.is_editable() {
        let m = format!(
            "{} is not valid UTF-8; fix the file before editing it here",
            sw.display
        );
        sh.warn(m);
        return None;
    }
    match sw.json() {
        Some(root) => Some((sw.text.clone(), root.clone())),
        None => {
            let m = format!(
                "{} is not valid JSON; fix it first (see the findings)",
                sw.display
            );
            sh.warn(m);
            None
        }
    }
}

/// The pointer of the selected field.
fn selected(st: &State) -> Option<&str> {
    st.fields
        .get(st.fields_nav.selected)
        .map(|f| f.pointer.as_str())
}

fn op_label(root: &Node, op: &str) -> String {
    let spec = OperationSpec::read(root, op).unwrap_or_default();
    let call = format!("{} {}", spec.method.to_uppercase(), spec.path);
    if spec.operation_id.is_empty() {
        call
    } else {
        format!("{} ({call})", spec.operation_id)
    }
}

/// `n`: the form of a new operation.
pub fn add_operation(st: &mut State, sh: &mut Shared) {
    let Some((_, root)) = editable(sh) else {
        return;
    };
    let Some(s) = sh.session() else { return };
    let spec = OperationSpec {
        method: "get".into(),
        path: "/".into(),
        ..OperationSpec::default()
    };
    open(
        st,
        sh,
        Form::new(
            Model::Op {
                spec,
                editing: None,
                copy_of: None,
            },
            "New operation",
            s,
        ),
        &root,
    );
    sh.say("A new operation: Enter edits a row, Space cycles a choice, ^S writes it, Esc cancels.");
}

/// `E`: the selected operation or parameter in its form.
pub fn edit_item(st: &mut State, sh: &mut Shared) {
    let Some((_, root)) = editable(sh) else {
        return;
    };
    let Some(ptr) = selected(st).map(str::to_string) else {
        return;
    };
    let Some(s) = sh.session() else { return };
    if let Some(param) = parameter_of(&ptr) {
        let Some(p) = root.pointer(&param) else {
            return;
        };
        let spec = ParamSpec::read(p);
        let title = format!("Parameter {}", spec.name);
        let form = Form::new(
            Model::Param {
                spec,
                op: operation_of(&param),
                editing: Some(param),
            },
            title,
            s,
        );
        return open(st, sh, form, &root);
    }
    match operation_of(&ptr).and_then(|op| OperationSpec::read(&root, &op).map(|s| (op, s))) {
        Some((op, spec)) => {
            let title = format!("Operation {}", op_label(&root, &op));
            let form = Form::new(
                Model::Op {
                    spec,
                    editing: Some(op),
                    copy_of: None,
                },
                title,
                s,
            );
            open(st, sh, form, &root);
        }
        None => sh.say("E edits an operation or a parameter: select one of its rows first."),
    }
}

/// `C`: a copy of the selected operation, on the first method its path does not use yet.
pub fn duplicate(st: &mut State, sh: &mut Shared) {
    let Some((_, root)) = editable(sh) else {
        return;
    };
    let Some(op) = selected(st).and_then(operation_of) else {
        sh.say("C copies an operation: select one of its rows first.");
        return;
    };
    let Some(mut spec) = OperationSpec::read(&root, &op) else {
        return;
    };
    let Some(s) = sh.session() else { return };
    let taken = |m: &str| {
        root.pointer(&operation::op_pointer(&spec.path, m))
            .is_some()
    };
    if let Some(m) = METHODS.iter().find(|m| !taken(m)) {
        spec.method = m.to_string();
    }
    spec.operation_id = format!("{}Copy", spec.operation_id);
    let title = format!("Copy of {}", op_label(&root, &op));
    let form = Form::new(
        Model::Op {
            spec,
            editing: None,
            copy_of: Some(op),
        },
        title,
        s,
    );
    open(st, sh, form, &root);
    sh.say("The copy needs its own method or path and operationId; ^S writes it.");
}

/// `p`: the form of a new parameter of the selected operation.
pub fn add_parameter(st: &mut State, sh: &mut Shared) {
    let Some((_, root)) = editable(sh) else {
        return;
    };
    let Some(op) = selected(st).and_then(operation_of) else {
        sh.say("p adds a parameter to an operation: select one of its rows first.");
        return;
    };
    let Some(s) = sh.session() else { return };
    let title = format!("New parameter of {}", op_label(&root, &op));
    let form = Form::new(
        Model::Param {
            spec: ParamSpec::new_query(),
            op: Some(op),
            editing: None,
        },
        title,
        s,
    );
    open(st, sh, form, &root);
}

/// `R`: a response schema from a sample, for the selected operation; the editor opens on
/// the sample so that a paste goes straight in.
pub fn sample(st: &mut State, sh: &mut Shared) {
    let Some((_, root)) = editable(sh) else {
        return;
    };
    let Some(op) = selected(st).and_then(operation_of) else {
        sh.say("R writes an operation's response from a sample: select one of its rows first.");
        return;
    };
    let id = OperationSpec::read(&root, &op)
        .map(|s| s.operation_id)
        .unwrap_or_default();
    if id.trim().is_empty() {
        sh.warn("The operation has no operationId: give it one first (E).");
        return;
    }
    let Some(s) = sh.session() else { return };
    let title = format!("Response of {id} from a sample");
    let form = Form::new(
        Model::Sample(Sample {
            op,
            operation_id: id,
            mode: "extend".into(),
            ..Sample::default()
        }),
        title,
        s,
    );
    open(st, sh, form, &root);
    if let Some(f) = st.form.as_ref() {
        sh.editor = Some(f.editor(crate::tui::action::FormKey::Sample(SampleKey::Text)));
    }
    sh.say("Paste the sample response (or type it), then Enter; Esc leaves the editor for the file row.");
}

fn open(st: &mut State, sh: &Shared, mut form: Form, root: &Node) {
    if let Some(s) = sh.session() {
        form.refresh(Some(root), s);
    }
    st.form = Some(form);
}

/// `/parameters/NAME` of a pointer at or inside a shared parameter.
fn shared_parameter_of(ptr: &str) -> Option<String> {
    let rest = ptr.strip_prefix("/parameters/")?;
    let token = rest.split('/').next().filter(|t| !t.is_empty())?;
    Some(format!("/parameters/{token}"))
}

/// `d`: asks before deleting the selected parameter, else its operation, else a shared
/// parameter no operation uses.
pub fn ask_delete(st: &State, sh: &mut Shared) {
    let Some((text, root)) = editable(sh) else {
        return;
    };
    let Some(ptr) = selected(st) else { return };
    let (change, body, title) =
        if let Some(param) = parameter_of(ptr).filter(|p| operation_of(p).is_some()) {
            let spec = root
                .pointer(&param)
                .map(ParamSpec::read)
                .unwrap_or_default();
            let op = operation_of(&param).unwrap_or_default();
            let body = vec![format!(
                "Delete the {} parameter \"{}\" of {}?",
                spec.location,
                spec.name,
                op_label(&root, &op)
            )];
            (
                operation::delete_parameter(&text, &param),
                body,
                "Delete the parameter?",
            )
        } else if let Some(op) = operation_of(ptr) {
            let mut body = vec![format!("Delete the operation {}?", op_label(&root, &op))];
            if deletes_path(&root, &op) {
                let (path, _) = split_op_pointer(&op).unwrap_or_default();
                body.push(format!(
                    "No other operation uses the path {path}: it goes too."
                ));
            }
            body.push("Flows that use it stop working once the connector is updated.".into());
            (
                operation::delete_operation(&text, &op),
                body,
                "Delete the operation?",
            )
        } else if let Some(shared) = shared_parameter_of(ptr) {
            let name = crate::json::pointer::unescape_token(&shared["/parameters/".len()..]);
            (
                operation::delete_shared_parameter(&text, &shared),
                vec![
                    format!("Delete the shared parameter \"{name}\"?"),
                    "No operation refers to it.".into(),
                ],
                "Delete the shared parameter?",
            )
        } else {
            sh.say("d deletes a parameter or an operation: select one of its rows first.");
            return;
        };
    match change {
        Ok(c) => {
            let note = format!(
                "Deleted: {}",
                body[0].trim_start_matches("Delete ").trim_end_matches('?')
            );
            sh.popup = Some(Popup::Confirm {
                title: title.into(),
                body,
                on_yes: Pending::SwaggerChange {
                    from: text,
                    text: c.text,
                    keep: c.pointer,
                    note,
                },
            });
        }
        Err(e) => sh.warn(format!("Not deleted: {e}.")),
    }
}

/// The job that writes a changed swagger text (one minimal edit from the text as read).
pub fn write_text(
    sh: &mut Shared,
    from: &str,
    to: &str,
    keep: String,
    note: String,
    fx: &mut Vec<Effect>,
) {
    let edit = edit_between(from, to);
    write_edits(sh, from, vec![edit], keep, String::new(), Some(note), fx);
}

/// The job that writes `edits`, computed on `base` (the swagger as it was read), then reads
/// the folder again. Nothing is written when the file no longer holds `base`.
pub fn write_edits(
    sh: &mut Shared,
    base: &str,
    edits: Vec<TextEdit>,
    keep: String,
    label: String,
    note: Option<String>,
    fx: &mut Vec<Effect>,
) {
    let Some(c) = sh.workspace.connector.as_ref() else {
        return;
    };
    let Some(sw) = c.swagger.as_ref() else { return };
    let mut file = crate::document::save::FileEdits::new(sw);
    file.base = base.to_string();
    file.passes.push(edits);
    let work = Work::EditSwagger {
        root: if c.lone_file {
            sw.path.clone()
        } else {
            c.root.clone()
        },
        file,
        kind: c.kind,
        keep,
        label,
        note,
    };
    let e = sh.job(work);
    fx.push(e);
}

/// `^S` on an operation or parameter form: the change, written; the form stays open with
/// the reason when it cannot be made.
pub fn save(st: &mut State, sh: &mut Shared, fx: &mut Vec<Effect>) {
    let Some((text, _)) = editable(sh) else {
        return;
    };
    let Some(form) = st.form.as_ref() else { return };
    if form.first_problem().is_some() {
        if let Some(p) = st.form.as_mut().and_then(|f| f.explain_first_problem()) {
            sh.warn(format!("Not written: {p}."));
        }
        return;
    }
    if !form.changed() && !matches!(form.model, Model::Sample(_)) {
        st.form = None;
        sh.say("Nothing was changed.");
        return;
    }
    let result = match &form.model {
        Model::Op {
            spec,
            editing,
            copy_of,
        } => {
            let r = match (editing, copy_of) {
                (Some(p), _) => operation::update_operation(&text, p, spec),
                (None, Some(from)) => operation::copy_operation(&text, from, spec),
                (None, None) => operation::add_operation(&text, spec),
            };
            r.map(|c| {
                let what = match (editing, copy_of) {
                    (Some(_), _) => "Changed",
                    (None, Some(_)) => "Copied into",
                    (None, None) => "Added",
                };
                let note = format!(
                    "{what} the operation {} ({} {}): only its bytes changed in the swagger.",
                    spec.operation_id,
                    spec.method.to_uppercase(),
                    spec.path
                );
                (c, "summary", note)
            })
        }
        Model::Param { spec, op, editing } => {
            let r = match (editing, op) {
                (Some(p), _) => operation::update_parameter(&text, p, spec),
                (None, Some(op)) => operation::add_parameter(&text, op, spec),
                (None, None) => return,
            };
            r.map(|c| {
                let note = format!(
                    "{} the {} parameter {}: only its bytes changed in the swagger.",
                    if editing.is_some() {
                        "Changed"
                    } else {
                        "Added"
                    },
                    spec.location,
                    spec.name
                );
                (c, "x-ms-summary", note)
            })
        }
        Model::Sample(smp) => return save_sample(st, sh, smp.clone(), &text, fx),
        Model::Facts(_) => return,
    };
    match result {
        Ok((c, field, note)) => {
            st.form = None;
            let keep = format!("{}/{field}", c.pointer);
            write_text(sh, &text, &c.text, keep, note, fx);
        }
        Err(e) => sh.warn(format!("Not written: {e}.")),
    }
}

/// Saving the sample form: a pasted sample is used at once; a file is read first (an effect)
/// and comes back to [`sample_read`].
fn save_sample(st: &mut State, sh: &mut Shared, smp: Sample, text: &str, fx: &mut Vec<Effect>) {
    if smp.text.trim().is_empty() {
        let path = crate::tui::steps::common::expand_home(smp.file.trim());
        fx.push(Effect::ReadSample { path });
        sh.say("Reading the sample…");
        return;
    }
    apply_sample(st, sh, &smp, text, fx);
}

/// A sample read from a file: into the form, then written like a pasted one.
pub fn sample_read(
    st: &mut State,
    sh: &mut Shared,
    result: Result<String, String>,
    fx: &mut Vec<Effect>,
) {
    let Some(Model::Sample(smp)) = st.form.as_ref().map(|f| f.model.clone()) else {
        return;
    };
    let sample_text = match result {
        Ok(t) => t,
        Err(e) => return sh.warn(e),
    };
    let Some((text, _)) = editable(sh) else {
        return;
    };
    let smp = Sample {
        text: sample_text,
        ..smp
    };
    apply_sample(st, sh, &smp, &text, fx);
}

fn apply_sample(st: &mut State, sh: &mut Shared, smp: &Sample, text: &str, fx: &mut Vec<Effect>) {
    let schema = match schema_from_sample_text(&smp.text) {
        Ok(s) => s,
        Err(e) => {
            let where_ = if smp.file.trim().is_empty() {
                "the sample".to_string()
            } else {
                smp.file.trim().to_string()
            };
            return sh.warn(format!("Not written: {where_}: {e}."));
        }
    };
    let mode = if smp.mode == "replace" {
        ResponseMode::Replace
    } else {
        ResponseMode::Extend
    };
    match response_schema_edits(text, &smp.operation_id, &schema, mode) {
        Ok(r) => {
            st.form = None;
            let markers = crate::generate::todos(&crate::generate::blank::pretty(&schema)).len();
            let did = if r.replaced {
                "Replaced the schema".to_string()
            } else if !r.added.is_empty() {
                format!("Added {} properties to the schema", r.added.len())
            } else {
                "Wrote the schema".to_string()
            };
            let note = format!(
                "{did} of {} from the sample: {markers} description(s) marked [TODO: …] to write.",
                r.response
            );
            let keep = format!("{}/summary", smp.op);
            write_edits(sh, text, r.edits, keep, String::new(), Some(note), fx);
        }
        Err(e) => sh.warn(format!("Not written: {e}.")),
    }
}
