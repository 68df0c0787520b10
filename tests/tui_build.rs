//! 3 Build from scratch, driven by keys without a terminal: the start panel, a connector
//! started blank (the facts asked in a form, the files written all or none, the markers
//! reported), an OpenAPI file imported (its operations picked, the notes shown), operations
//! and parameters added, changed, copied and deleted through forms, and a response schema
//! from a pasted sample. Each test checks the model and the bytes of the files: only what
//! was asked for changes.

mod tui_support;

use connector_wizard::generate::blank::{blank_connector, json_markers};
use connector_wizard::generate::operation::{OpField, ParamField};
use connector_wizard::json::splice::edit_between;
use connector_wizard::tui::action::{Action, FactKey, FormKey, SampleKey};
use connector_wizard::tui::editor::EditTarget;
use connector_wizard::tui::shared::Popup;
use connector_wizard::tui::steps::build::form::Model;
use connector_wizard::tui::steps::build::{mode, Mode};
use std::fs;
use std::path::{Path, PathBuf};
use tui_support::*;

/// Selects the form's row `key`.
fn row(h: &mut Harness, key: FormKey) {
    let i = h
        .app()
        .build
        .form
        .as_ref()
        .expect("a form is open")
        .rows
        .iter()
        .position(|k| *k == key)
        .unwrap_or_else(|| panic!("no row {key:?}"));
    h.go_row(i);
}

/// Types `text` into the form's row `key` (its old text cleared).
fn type_row(h: &mut Harness, key: FormKey, text: &str) {
    row(h, key);
    h.keys("<enter>");
    assert!(
        matches!(h.app().shared.editor.as_ref().map(|e| &e.target), Some(EditTarget::Form(k)) if *k == key),
        "no editor for {key:?}"
    );
    h.clear_editor();
    h.keys(text);
    h.keys("<enter>");
    assert!(
        h.app().shared.editor.is_none(),
        "{:?}",
        h.app().shared.messages.current
    );
}

/// Cycles the choice row `key` until it holds `value`.
fn choose(h: &mut Harness, key: FormKey, value: &str) {
    row(h, key);
    for _ in 0..12 {
        let f = h.app().build.form.as_ref().unwrap();
        if f.value(key) == value {
            return;
        }
        h.keys("<space>");
    }
    panic!("{key:?} never became {value}");
}

fn problem(h: &Harness, key: FormKey) -> Option<String> {
    let f = h.app().build.form.as_ref()?;
    let i = f.rows.iter().position(|k| *k == key)?;
    f.checks[i].problem.clone()
}

fn message(h: &Harness) -> String {
    h.status()
}

fn swagger_of(folder: &Path) -> String {
    fs::read_to_string(folder.join("apiDefinition.swagger.json")).unwrap()
}

/// What a change replaced and what it put in its place.
fn diff(old: &str, new: &str) -> (String, String) {
    let e = edit_between(old, new);
    (old[e.span.start..e.span.end].to_string(), e.replacement)
}

/// The publisher and the stack owner, typed into the facts form.
fn publisher(h: &mut Harness) {
    type_row(h, FormKey::Fact(FactKey::Publisher), "Ada Example");
    type_row(h, FormKey::Fact(FactKey::StackOwner), "Larkspur Ltd");
}

/// A session on 3 Build with the facts form of a blank start open.
fn blank_form(name: &str) -> (Harness, PathBuf) {
    let mut h = started(name);
    h.keys("3");
    assert_eq!(mode(&h.app().build), Mode::Start);
    h.keys("b");
    assert_eq!(mode(&h.app().build), Mode::Form);
    let folder = h.path("work/Larkspur");
    type_row(
        &mut h,
        FormKey::Fact(FactKey::Folder),
        &folder.display().to_string(),
    );
    (h, folder)
}

/// A connector started blank (no sign-in) and written: the fields on screen, the markers in
/// the files.
fn blank_written() -> (Harness, PathBuf) {
    let (mut h, folder) = blank_form("Larkspur Tasks");
    type_row(&mut h, FormKey::Fact(FactKey::Host), "api.larkspur.example");
    publisher(&mut h);
    h.keys("<c-s>");
    assert_eq!(mode(&h.app().build), Mode::Fields, "{}", message(&h));
    (h, folder)
}

#[test]
fn starting_blank_asks_for_what_is_missing_and_writes_both_files() {
    let (mut h, folder) = blank_form("Larkspur Tasks");
    // What the session cannot say is asked for; saving is refused until it is given.
    for k in [FactKey::Host, FactKey::Publisher, FactKey::StackOwner] {
        assert_eq!(
            problem(&h, FormKey::Fact(k)).as_deref(),
            Some("needed"),
            "{k:?}"
        );
    }
    h.keys("<c-s>");
    assert!(message(&h).starts_with("Not written"), "{}", message(&h));
    assert!(!folder.exists(), "nothing is written");
    // An API key: its header is asked for too.
    choose(&mut h, FormKey::Fact(FactKey::Auth), "api-key");
    assert_eq!(
        problem(&h, FormKey::Fact(FactKey::ApiKeyName)).as_deref(),
        Some("needed")
    );
    // A host with a scheme is refused while typing.
    row(&mut h, FormKey::Fact(FactKey::Host));
    h.keys("<enter>https://api.larkspur.example");
    assert!(h.editor_problem().contains("without https://"));
    h.clear_editor();
    h.keys("api.larkspur.example<enter>");
    type_row(&mut h, FormKey::Fact(FactKey::ApiKeyName), "X-Api-Key");
    publisher(&mut h);
    assert!(h
        .app()
        .build
        .form
        .as_ref()
        .unwrap()
        .first_problem()
        .is_none());
    h.keys("<c-s>");
    // Written, read and checked: the fields are on screen.
    assert_eq!(mode(&h.app().build), Mode::Fields, "{}", message(&h));
    assert!(
        message(&h).starts_with("Started blank: 6 places marked [TODO: …]"),
        "{}",
        message(&h)
    );
    let s = h.session().clone();
    assert_eq!(
        s.connector_dir.as_deref(),
        Some(folder.canonicalize().unwrap().as_path())
    );
    assert_eq!(s.proposal.auth, connector_wizard::session::AuthKind::ApiKey);
    assert_eq!(s.proposal.publisher, "Ada Example");
    // The files are the library's blank connector, byte for byte.
    let mut facts = connector_wizard::generate::blank::BlankFacts::from_session(&s);
    facts.host = Some("api.larkspur.example".into());
    facts.auth = connector_wizard::generate::blank::Auth::ApiKey {
        name: Some("X-Api-Key".into()),
        location: "header".into(),
    };
    let expected = blank_connector(&s, &facts).unwrap();
    assert_eq!(swagger_of(&folder), expected.swagger);
    assert_eq!(
        fs::read_to_string(folder.join("apiProperties.json")).unwrap(),
        expected.api_properties
    );
    // Every marker is on screen and reported by the check at its pointer.
    let markers = &h.app().build.markers;
    assert_eq!(markers.len(), json_markers(&expected.swagger).len());
    let findings = &h.app().shared.workspace.findings;
    for (_, m) in markers {
        assert!(
            findings.iter().any(|f| f.pointer == m.pointer),
            "the marker at {} is not reported",
            m.pointer
        );
    }
    let screen = h.render(100, 30);
    assert!(
        screen.contains("6 [TODO: …] markers to fill in"),
        "{screen}"
    );
}

#[test]
fn a_blank_start_never_replaces_a_swagger() {
    // A folder with a swagger: b refuses.
    let (mut h, folder) = building(false);
    let before = swagger_of(&folder);
    h.keys("b");
    assert!(h.app().build.form.is_none());
    assert!(
        message(&h).contains("has a swagger already"),
        "{}",
        message(&h)
    );
    // A swagger that appears after the form opened is not replaced either.
    let (mut h, folder) = blank_form("Larkspur Tasks");
    type_row(&mut h, FormKey::Fact(FactKey::Host), "api.larkspur.example");
    publisher(&mut h);
    fs::create_dir_all(&folder).unwrap();
    fs::write(folder.join("apiDefinition.swagger.json"), &before).unwrap();
    fs::write(folder.join("apiProperties.json"), "{\"mine\": true}").unwrap();
    h.keys("<c-s>");
    assert!(
        message(&h).contains("exists already and is not replaced"),
        "{}",
        message(&h)
    );
    assert_eq!(swagger_of(&folder), before);
    assert_eq!(
        fs::read_to_string(folder.join("apiProperties.json")).unwrap(),
        "{\"mine\": true}"
    );
    assert!(h.app().build.form.is_some(), "the form stays open");
}

#[test]
fn a_folder_without_a_swagger_opens_the_start_panel() {
    let mut h = started("Larkspur Tasks");
    let folder = h.path("Larkspur");
    fs::create_dir_all(&folder).unwrap();
    // An apiProperties.json of the author's own is kept.
    fs::write(folder.join("apiProperties.json"), "{\"mine\": true}").unwrap();
    h.keys(&format!("3O{}<enter>", folder.display()));
    assert_eq!(mode(&h.app().build), Mode::Start);
    assert!(
        message(&h).contains("holds no swagger yet"),
        "{}",
        message(&h)
    );
    assert_eq!(h.session().connector_dir.as_deref(), Some(folder.as_path()));
    let screen = h.render(80, 24);
    assert!(screen.contains("holds no swagger yet"), "{screen}");
    assert!(
        screen.contains("Start blank from the session's facts"),
        "{screen}"
    );
    // Enter on "Start blank": the form writes into that folder.
    h.keys("j<enter>");
    let Some(Model::Facts(f)) = h.app().build.form.as_ref().map(|f| f.model.clone()) else {
        panic!("no facts form");
    };
    assert_eq!(f.folder, folder.display().to_string());
    type_row(&mut h, FormKey::Fact(FactKey::Host), "api.larkspur.example");
    publisher(&mut h);
    h.keys("<c-s>");
    assert_eq!(mode(&h.app().build), Mode::Fields, "{}", message(&h));
    assert!(message(&h).contains("Kept the existing"), "{}", message(&h));
    assert_eq!(
        fs::read_to_string(folder.join("apiProperties.json")).unwrap(),
        "{\"mine\": true}"
    );
    assert!(folder.join("apiDefinition.swagger.json").is_file());
}

const GET_TASK: &str = "/paths/~1tasks~1{taskId}/get";

#[test]
fn operations_are_added_changed_copied_and_deleted_through_forms() {
    let (mut h, folder) = building(false);
    let original = swagger_of(&folder);
    h.keys("n");
    assert_eq!(mode(&h.app().build), Mode::Form);
    type_row(&mut h, FormKey::Op(OpField::Path), "/tasks/{taskId}/notes");
    choose(&mut h, FormKey::Op(OpField::Method), "post");
    type_row(&mut h, FormKey::Op(OpField::OperationId), "AddNote");
    // Live rule feedback on the summary.
    row(&mut h, FormKey::Op(OpField::Summary));
    h.keys("<enter>Add note.");
    let rules = h.editor_rules();
    assert!(rules.contains(&"OP-SUMMARY-END-ALNUM"), "{rules:?}");
    h.keys("<bs><enter>");
    let f = h.app().build.form.as_ref().unwrap();
    assert!(
        f.checks.iter().all(|c| c.problem.is_none()),
        "{:?}",
        f.checks
    );
    h.keys("<c-s>");
    assert_eq!(mode(&h.app().build), Mode::Fields, "{}", message(&h));
    let added = swagger_of(&folder);
    let (removed, inserted) = diff(&original, &added);
    assert_eq!(removed, "", "only an insertion");
    assert!(
        inserted.contains("\"operationId\": \"AddNote\""),
        "{inserted}"
    );
    // The new operation's fields are listed, its summary selected, its findings shown.
    let new_op = "/paths/~1tasks~1{taskId}~1notes/post";
    let sel = &h.app().build.fields[h.app().build.fields_nav.selected];
    assert_eq!(sel.pointer, format!("{new_op}/summary"));
    assert!(h
        .app()
        .shared
        .workspace
        .findings
        .iter()
        .any(|f| f.rule == "OP-DESC-PRESENT" && f.pointer == new_op));

    // E: its visibility, cycled with Space; one member is added.
    h.keys("E");
    choose(&mut h, FormKey::Op(OpField::Visibility), "important");
    h.keys("<c-s>");
    let visible = swagger_of(&folder);
    let (removed, inserted) = diff(&added, &visible);
    assert_eq!(removed, "");
    let member = "\"x-ms-visibility\": \"important\",\n        ";
    assert_eq!(inserted.len(), member.len(), "{inserted}");
    assert!(
        visible.contains(&format!("{member}\"parameters\"")),
        "{visible}"
    );

    // C: a copy, on the next free method, with its own operationId.
    select_field(&mut h, &format!("{new_op}/summary"));
    h.keys("C");
    let f = h.app().build.form.as_ref().unwrap();
    assert_eq!(f.value(FormKey::Op(OpField::Method)), "get");
    assert_eq!(f.value(FormKey::Op(OpField::OperationId)), "AddNoteCopy");
    type_row(&mut h, FormKey::Op(OpField::OperationId), "ListNotes");
    h.keys("<c-s>");
    let copied = swagger_of(&folder);
    let v: serde_json::Value = serde_json::from_str(&copied).unwrap();
    let item = &v["paths"]["/tasks/{taskId}/notes"];
    assert_eq!(item["get"]["operationId"], "ListNotes");
    assert_eq!(item["post"]["operationId"], "AddNote");
    assert_eq!(item["get"]["x-ms-visibility"], "important");

    // d on the copy: asked first; n keeps it, y deletes it: the file is back as it was.
    select_field(&mut h, "/paths/~1tasks~1{taskId}~1notes/get/summary");
    h.keys("d");
    match &h.app().shared.popup {
        Some(Popup::Confirm { body, .. }) => assert!(
            body[0].contains("ListNotes (GET /tasks/{taskId}/notes)"),
            "{body:?}"
        ),
        other => panic!("no question: {other:?}"),
    }
    h.keys("n");
    assert_eq!(swagger_of(&folder), copied);
    h.keys("dy");
    assert_eq!(swagger_of(&folder), visible);

    // A clash is refused, the form stays open, nothing is written.
    h.keys("n");
    type_row(&mut h, FormKey::Op(OpField::Path), "/tasks");
    type_row(&mut h, FormKey::Op(OpField::OperationId), "gettask");
    type_row(&mut h, FormKey::Op(OpField::Summary), "List tasks");
    assert!(problem(&h, FormKey::Op(OpField::OperationId))
        .unwrap()
        .contains("already"));
    h.keys("<c-s>");
    assert!(message(&h).starts_with("Not written"), "{}", message(&h));
    assert_eq!(swagger_of(&folder), visible);
    // Esc on a changed form asks; y closes it.
    h.keys("<esc>");
    assert!(matches!(h.app().shared.popup, Some(Popup::Confirm { .. })));
    h.keys("y");
    assert_eq!(mode(&h.app().build), Mode::Fields);
}

#[test]
fn moving_an_operation_to_another_path_keeps_its_bytes() {
    let (mut h, folder) = building(false);
    let original = swagger_of(&folder);
    select_field(&mut h, &format!("{GET_TASK}/summary"));
    h.keys("E");
    type_row(
        &mut h,
        FormKey::Op(OpField::Path),
        "/projects/{projectId}/tasks/{taskId}",
    );
    h.keys("<c-s>");
    let moved = swagger_of(&folder);
    let v: serde_json::Value = serde_json::from_str(&moved).unwrap();
    let op = &v["paths"]["/projects/{projectId}/tasks/{taskId}"]["get"];
    assert_eq!(op["operationId"], "GetTask");
    assert_eq!(
        op["parameters"][1]["name"], "projectId",
        "the new path parameter"
    );
    assert!(v["paths"].get("/tasks/{taskId}").is_none());
    // The response schema moved with it untouched.
    let old: serde_json::Value = serde_json::from_str(&original).unwrap();
    assert_eq!(
        op["responses"],
        old["paths"]["/tasks/{taskId}"]["get"]["responses"]
    );
    let at = original.find("\"paths\"").unwrap();
    assert_eq!(moved[..at], original[..at]);
}

#[test]
fn parameters_are_added_changed_and_deleted() {
    let (mut h, folder) = building(true);
    let original = swagger_of(&folder);
    select_field(&mut h, &format!("{GET_TASK}/summary"));
    h.keys("p");
    type_row(&mut h, FormKey::Param(ParamField::Name), "top");
    choose(&mut h, FormKey::Param(ParamField::Type), "integer");
    choose(&mut h, FormKey::Param(ParamField::Format), "int32");
    type_row(&mut h, FormKey::Param(ParamField::Summary), "Top");
    type_row(
        &mut h,
        FormKey::Param(ParamField::Description),
        "How many tasks to return.",
    );
    choose(&mut h, FormKey::Param(ParamField::Visibility), "advanced");
    // A default that is not a whole number is refused while typing.
    row(&mut h, FormKey::Param(ParamField::Default));
    h.keys("<enter>ten");
    assert!(h.editor_problem().contains("whole number"));
    h.clear_editor();
    h.keys("10<enter>");
    type_row(&mut h, FormKey::Param(ParamField::Enum), "10, 50, 100");
    h.keys("<c-s>");
    assert_eq!(mode(&h.app().build), Mode::Fields, "{}", message(&h));
    let with = swagger_of(&folder);
    assert!(with.starts_with('\u{feff}'), "the BOM is kept");
    let (removed, inserted) = diff(&original, &with);
    assert_eq!(removed, "");
    assert!(inserted.starts_with(",\n          {\n            \"name\": \"top\",\n            \"in\": \"query\",\n            \"type\": \"integer\",\n            \"format\": \"int32\",\n            \"default\": 10,\n            \"enum\": [\n"), "{inserted}");
    let p = format!("{GET_TASK}/parameters/1");
    let sel = &h.app().build.fields[h.app().build.fields_nav.selected];
    assert_eq!(sel.pointer, format!("{p}/x-ms-summary"));
    assert!(
        !h.app()
            .shared
            .workspace
            .findings
            .iter()
            .any(|f| f.pointer.starts_with(&p)),
        "the new parameter passes every rule"
    );

    // E on one of its rows: the form of the parameter; a new summary changes only its bytes.
    h.keys("E");
    let f = h.app().build.form.as_ref().unwrap();
    assert_eq!(f.value(FormKey::Param(ParamField::Enum)), "10, 50, 100");
    type_row(&mut h, FormKey::Param(ParamField::Summary), "Top Count");
    h.keys("<c-s>");
    let changed = swagger_of(&folder);
    assert_eq!(diff(&with, &changed), (String::new(), " Count".to_string()));

    // d: asked, then gone; the parameter's bytes only.
    select_field(&mut h, &format!("{p}/description"));
    h.keys("d");
    match &h.app().shared.popup {
        Some(Popup::Confirm { body, .. }) => assert!(
            body[0].contains("query parameter \"top\" of GetTask"),
            "{body:?}"
        ),
        other => panic!("no question: {other:?}"),
    }
    h.keys("y");
    assert_eq!(swagger_of(&folder), original);
}

#[test]
fn a_delete_answered_after_the_file_changed_writes_nothing() {
    let (mut h, folder) = building(false);
    select_field(&mut h, &format!("{GET_TASK}/parameters/0/description"));
    h.keys("d");
    assert!(matches!(h.app().shared.popup, Some(Popup::Confirm { .. })));
    // Someone edits the file while the question is open.
    let edited = swagger_of(&folder).replace("Get task by ID", "Get one task");
    fs::write(folder.join("apiDefinition.swagger.json"), &edited).unwrap();
    h.keys("y");
    assert!(message(&h).contains("changed on disk"), "{}", message(&h));
    assert_eq!(swagger_of(&folder), edited);
}

const SAMPLE: &str = "{\n  \"id\": \"t1\",\n  \"title\": \"Write the report\",\n  \"dueDate\": \"2025-03-01\",\n  \"done\": false\n}";

#[test]
fn a_pasted_sample_becomes_the_success_response() {
    let (mut h, folder) = building(false);
    let original = swagger_of(&folder);
    select_field(&mut h, "/paths/~1tasks/post/summary");
    h.keys("R");
    // The sample's editor opens at once: a paste goes in.
    assert!(matches!(
        h.app().shared.editor.as_ref().map(|e| &e.target),
        Some(EditTarget::Form(FormKey::Sample(SampleKey::Text)))
    ));
    h.rt.dispatch(Action::Paste("{\"id\": \"t1\",\n \"title\": ".into()));
    assert!(h.editor_problem().contains("not valid JSON"));
    h.clear_editor();
    // Some terminals send the line breaks of a paste as CR.
    h.rt.dispatch(Action::Paste(SAMPLE.replace('\n', "\r")));
    assert_eq!(h.app().shared.editor.as_ref().unwrap().problem, None);
    h.keys("<enter>");
    let f = h.app().build.form.as_ref().unwrap();
    assert_eq!(f.value(FormKey::Sample(SampleKey::Text)), SAMPLE);
    assert!(f
        .shown(FormKey::Sample(SampleKey::Text))
        .starts_with("6 lines"));
    h.keys("<c-s>");
    assert_eq!(mode(&h.app().build), Mode::Fields, "{}", message(&h));
    assert!(
        message(&h).contains("Added 4 properties"),
        "{}",
        message(&h)
    );
    let with = swagger_of(&folder);
    let (removed, inserted) = diff(&original, &with);
    assert_eq!(removed, "", "the old schema is extended, not rewritten");
    assert!(
        inserted.contains("\"x-ms-summary\": \"Due Date\""),
        "{inserted}"
    );
    let v: serde_json::Value = serde_json::from_str(&with).unwrap();
    let schema = &v["paths"]["/tasks"]["post"]["responses"]["200"]["schema"];
    assert_eq!(schema["properties"]["dueDate"]["format"], "date");
    // The descriptions to write are markers on screen.
    assert_eq!(h.app().build.markers.len(), 4);

    // From a file, replacing: the same schema.
    let file = h.path("sample.json");
    fs::write(
        &file,
        SAMPLE.replace("\"done\": false", "\"done\": false, \"n\": 2"),
    )
    .unwrap();
    h.keys("R<esc>");
    type_row(
        &mut h,
        FormKey::Sample(SampleKey::File),
        &file.display().to_string(),
    );
    choose(&mut h, FormKey::Sample(SampleKey::Mode), "replace");
    h.keys("<c-s>");
    assert!(
        message(&h).contains("Replaced the schema"),
        "{}",
        message(&h)
    );
    let v: serde_json::Value = serde_json::from_str(&swagger_of(&folder)).unwrap();
    let schema = &v["paths"]["/tasks"]["post"]["responses"]["200"]["schema"];
    assert_eq!(schema["properties"]["n"]["format"], "int32");
    // A file that is not there is said, nothing written.
    let before = swagger_of(&folder);
    h.keys("R<esc>");
    type_row(
        &mut h,
        FormKey::Sample(SampleKey::File),
        "/nonexistent/sample.json",
    );
    h.keys("<c-s>");
    assert!(
        message(&h).contains("/nonexistent/sample.json"),
        "{}",
        message(&h)
    );
    assert_eq!(swagger_of(&folder), before);
}

fn larkspur() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/larkspur.openapi.yaml")
}

#[test]
fn an_import_picks_operations_shows_the_notes_then_writes() {
    let mut h = started("Larkspur Tasks");
    h.keys("3i");
    assert!(matches!(
        h.app().shared.editor.as_ref().map(|e| &e.target),
        Some(EditTarget::Path(_))
    ));
    // A folder is not a file.
    h.keys(&format!("{}<enter>", h.dir.path().display()));
    assert!(h.editor_problem().contains("is a folder"));
    h.clear_editor();
    h.keys(&format!("{}<enter>", larkspur().display()));
    assert_eq!(mode(&h.app().build), Mode::Pick, "{}", message(&h));
    let p = h.app().build.pick.as_ref().unwrap();
    assert_eq!(p.source.operations.len(), 6);
    assert_eq!(p.chosen_count(), 6);
    // None, then a filter, then two of them.
    h.keys("n/task get");
    assert_eq!(
        h.app().build.pick.as_ref().unwrap().shown.len(),
        1,
        "filtered as typed"
    );
    h.keys("<enter><space>");
    h.keys("/");
    h.clear_editor();
    h.keys("comment<enter><space>");
    let p = h.app().build.pick.as_ref().unwrap();
    assert_eq!(p.chosen_ids(), ["GetTask", "AddComment"]);
    let screen = h.render(100, 30);
    assert!(screen.contains("2 of 6 ticked"), "{screen}");
    h.keys("<enter>");
    // The notes, located in the source.
    match &h.app().shared.popup {
        Some(Popup::Preview { text, .. }) => {
            assert!(text.starts_with("2 of 6 operation(s) from"), "{text}");
            assert!(text.contains("larkspur.openapi.yaml:"), "{text}");
        }
        other => panic!("no notes: {other:?}"),
    }
    h.keys("y");
    let folder = h.path("Larkspur");
    type_row(
        &mut h,
        FormKey::Fact(FactKey::Folder),
        &folder.display().to_string(),
    );
    publisher(&mut h);
    h.keys("<c-s>");
    assert_eq!(mode(&h.app().build), Mode::Fields, "{}", message(&h));
    assert!(
        message(&h).starts_with("Imported 2 operation(s)"),
        "{}",
        message(&h)
    );
    let v: serde_json::Value = serde_json::from_str(&swagger_of(&folder)).unwrap();
    let mut ids: Vec<String> = v["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|item| item.as_object().unwrap().values())
        .filter_map(|op| op["operationId"].as_str().map(str::to_string))
        .collect();
    ids.sort();
    assert_eq!(ids, ["AddComment", "GetTask"]);
    assert!(folder.join("apiProperties.json").is_file());
    assert_eq!(
        h.session().connector_dir.as_deref(),
        Some(folder.canonicalize().unwrap().as_path())
    );
}

#[test]
fn a_bad_import_file_is_named_and_nothing_is_written() {
    let mut h = started("Larkspur Tasks");
    let bad = h.path("bad.yaml");
    fs::write(&bad, "title: not an API\nitems: [1, 2]\n").unwrap();
    h.keys(&format!("3i{}<enter>", bad.display()));
    assert_eq!(mode(&h.app().build), Mode::Start);
    let m = message(&h);
    assert!(
        m.contains("bad.yaml") && m.contains("not an OpenAPI or Swagger document"),
        "{m}"
    );
    // Esc in the pick list cancels.
    h.keys(&format!("i{}<enter>", larkspur().display()));
    assert_eq!(mode(&h.app().build), Mode::Pick);
    h.keys("<esc>");
    assert_eq!(mode(&h.app().build), Mode::Start);
    let mut left: Vec<String> = fs::read_dir(h.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["bad.yaml", "sessions"], "nothing else was written");
}

#[test]
fn the_key_bar_and_help_show_the_new_keys() {
    let (mut h, _folder) = building(false);
    let screen = h.render(120, 40);
    for k in [" n ", " p ", " E ", " d "] {
        assert!(
            screen.lines().last().unwrap().contains(k),
            "{k} missing from the key bar:\n{screen}"
        );
    }
    h.keys("n");
    let screen = h.render(80, 24);
    let bar = screen.lines().last().unwrap();
    assert!(
        bar.contains("^S write") && bar.contains("Space cycle") && bar.contains("Esc cancel"),
        "{bar}"
    );
    h.keys("<esc>?");
    let help = connector_wizard::tui::keymap::help_sections();
    let build = help.iter().find(|(t, _)| *t == "3 Build").unwrap();
    for k in ["n", "p", "E", "C", "d/Del", "R", "i"] {
        assert!(
            build.1.iter().any(|(key, _)| key == k),
            "{k} not in the help"
        );
    }
    let form = help
        .iter()
        .find(|(t, _)| t.starts_with("3 Build: forms"))
        .unwrap();
    assert!(form.1.iter().any(|(k, _)| k == "^S/w"), "{:?}", form.1);
    let pick = help
        .iter()
        .find(|(t, _)| t.starts_with("3 Build: importing"))
        .unwrap();
    assert_eq!(pick.1.len(), 6);
}

#[test]
fn an_import_over_a_swagger_says_so_and_replaces_it_only_after_the_yes() {
    let (mut h, folder) = building(false);
    let before = swagger_of(&folder);
    h.keys(&format!("i{}<enter>", larkspur().display()));
    assert_eq!(mode(&h.app().build), Mode::Pick, "{}", message(&h));
    h.keys("<enter>");
    match &h.app().shared.popup {
        Some(Popup::Preview { text, .. }) => {
            assert!(
                text.contains("The import replaces the swagger of"),
                "{text}"
            )
        }
        other => panic!("no notes: {other:?}"),
    }
    // n: back to the list, nothing written.
    h.keys("n");
    assert_eq!(mode(&h.app().build), Mode::Pick);
    assert_eq!(swagger_of(&folder), before);
    h.keys("<enter>y");
    let Some(Model::Facts(f)) = h.app().build.form.as_ref().map(|f| f.model.clone()) else {
        panic!("no facts form");
    };
    assert_eq!(f.folder, folder.display().to_string());
    publisher(&mut h);
    h.keys("<c-s>");
    assert_eq!(mode(&h.app().build), Mode::Fields, "{}", message(&h));
    let v: serde_json::Value = serde_json::from_str(&swagger_of(&folder)).unwrap();
    assert_eq!(v["info"]["title"], "Contoso Tasks", "the session's title");
    assert!(v["paths"].get("/projects").is_some(), "the imported paths");
    assert!(
        v["paths"].get("/tasks").is_none(),
        "the old operations are gone"
    );
}

#[test]
fn quitting_with_a_changed_form_asks_and_says_it_was_not_written() {
    let (mut h, folder) = building(false);
    let before = swagger_of(&folder);
    h.keys("n");
    type_row(&mut h, FormKey::Op(OpField::Path), "/notes");
    h.keys("q");
    match &h.app().shared.popup {
        Some(Popup::Confirm { body, .. }) => assert!(
            body.iter()
                .any(|l| l.contains("the form \"New operation\" is not written")),
            "{body:?}"
        ),
        other => panic!("no question: {other:?}"),
    }
    let bye = connector_wizard::tui::farewell(h.app());
    assert!(
        bye.iter()
            .any(|l| l.contains("\"New operation\" is not written")),
        "{bye:?}"
    );
    h.keys("y");
    assert!(h.app().quit);
    assert_eq!(swagger_of(&folder), before);
}

#[test]
fn a_marker_opens_as_an_empty_editor_and_is_replaced_by_what_is_typed() {
    let (mut h, folder) = blank_written();
    let before = swagger_of(&folder);
    select_field(&mut h, "/info/description");
    h.keys("<enter>");
    // The editor starts empty; the marker is only its placeholder, on screen.
    let ed = h.app().shared.editor.as_ref().expect("an editor");
    assert_eq!(ed.text(), "");
    assert!(!ed.changed());
    let screen = h.render(100, 30);
    assert!(screen.contains("[TODO: describe the service]"), "{screen}");
    // Leaving it empty writes nothing: the marker stays.
    h.keys("<enter>");
    assert_eq!(swagger_of(&folder), before);
    // Typed text replaces the marker, and only it.
    h.keys("<enter>Larkspur Tasks keeps the tasks of small teams in one list.<enter>");
    let after = swagger_of(&folder);
    let (old, new) = diff(&before, &after);
    assert!(old.contains("[TODO: describe the service]"), "{old}");
    assert!(
        new.contains("Larkspur Tasks keeps the tasks of small teams in one list.")
            && !new.contains("TODO"),
        "{new}"
    );
}

#[test]
fn an_api_key_header_name_with_a_space_is_refused_while_typing() {
    let (mut h, folder) = blank_form("Larkspur Tasks");
    choose(&mut h, FormKey::Fact(FactKey::Auth), "api-key");
    row(&mut h, FormKey::Fact(FactKey::ApiKeyName));
    h.keys("<enter>Ada Lovelace");
    assert!(
        h.editor_problem().contains("a header name"),
        "{}",
        h.editor_problem()
    );
    h.clear_editor();
    h.keys("X-Api-Key");
    assert_eq!(h.editor_problem(), "");
    h.keys("<enter>");
    assert!(h.app().shared.editor.is_none());
    assert_eq!(problem(&h, FormKey::Fact(FactKey::ApiKeyName)), None);
    assert!(!folder.exists());
}

#[test]
fn an_unused_shared_parameter_is_deleted_after_the_yes() {
    let mut h = started("Contoso Tasks");
    let folder = fixture(h.dir.path(), false);
    // Two shared parameters: one used by an operation, one left over.
    let mut v: serde_json::Value = serde_json::from_str(&swagger_of(&folder)).unwrap();
    v["parameters"] = serde_json::json!({
        "top": {"name": "top", "in": "query", "type": "integer", "x-ms-summary": "Top", "description": "How many tasks to list."},
        "unused": {"name": "skip", "in": "query", "type": "integer", "x-ms-summary": "Skip", "description": "How many tasks to skip."}
    });
    v["paths"]["/tasks/{taskId}"]["get"]["parameters"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"$ref": "#/parameters/top"}));
    let text = serde_json::to_string_pretty(&v).unwrap();
    fs::write(folder.join("apiDefinition.swagger.json"), &text).unwrap();
    h.keys("3O");
    h.keys(&format!("{}<enter>", folder.display()));
    assert_eq!(mode(&h.app().build), Mode::Fields, "{}", message(&h));
    // The used one is refused, with the reason.
    select_field(&mut h, "/parameters/top/x-ms-summary");
    h.keys("d");
    assert!(h.app().shared.popup.is_none());
    assert!(message(&h).contains("used by 1 $ref"), "{}", message(&h));
    // The unused one: asked first, then deleted; only its bytes go.
    select_field(&mut h, "/parameters/unused/x-ms-summary");
    h.keys("d");
    match &h.app().shared.popup {
        Some(Popup::Confirm { body, .. }) => {
            assert!(body[0].contains("shared parameter \"unused\""), "{body:?}")
        }
        other => panic!("no question: {other:?}"),
    }
    h.keys("y");
    let after = swagger_of(&folder);
    let out: serde_json::Value = serde_json::from_str(&after).unwrap();
    assert!(out["parameters"].get("unused").is_none());
    assert!(out["parameters"].get("top").is_some());
    let (gone, _) = diff(&text, &after);
    assert!(
        gone.contains("\"unused\"") && !gone.contains("\"top\""),
        "{gone}"
    );
}

#[test]
fn a_marker_outside_the_field_list_is_edited_from_its_finding() {
    let (mut h, folder) = blank_written();
    let before = swagger_of(&folder);
    // The e-mail marker's finding: Enter opens an editor on that string.
    let i = h
        .app()
        .shared
        .workspace
        .findings
        .iter()
        .position(|f| f.pointer == "/info/contact/email")
        .expect("the e-mail marker is reported");
    h.keys("<tab>");
    let row = h.app().build.order.iter().position(|x| *x == i).unwrap();
    h.go_row(row);
    h.keys("<enter>");
    let ed = h
        .app()
        .shared
        .editor
        .as_ref()
        .expect("an editor on the e-mail");
    assert!(
        matches!(&ed.target, EditTarget::Swagger { pointer } if pointer == "/info/contact/email")
    );
    assert_eq!(ed.text(), "", "the marker is the placeholder");
    h.keys("ada@larkspur.example<enter>");
    let after = swagger_of(&folder);
    let (old, new) = diff(&before, &after);
    assert_eq!(
        (old.as_str(), new.as_str()),
        ("[TODO: e-mail]", "ada@larkspur.example")
    );
    assert!(!h
        .app()
        .shared
        .workspace
        .findings
        .iter()
        .any(|f| f.pointer == "/info/contact/email"));
}
