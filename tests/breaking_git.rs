//! Breaking changes found on real git repositories: commit a swagger, change it in the
//! working tree, compare with a revision.

#[path = "breaking_common/mod.rs"]
mod common;

use common::{assert_located, at, base, remove, rename_key, reordered, text, Repo};
use connector_wizard::breaking::{self, git, Error};
use connector_wizard::document::SourceFile;
use connector_wizard::rules::{Finding, Severity};
use serde_json::{json, Value};

const SWAGGER: &str = "independent-publisher-connectors/Contoso Tasks/apiDefinition.swagger.json";

/// Commits `old` in a new repository, writes `new` over it and compares with HEAD.
/// `None` when git is missing.
fn compare_via_git(old: &Value, new: &Value) -> Option<(Vec<Finding>, String)> {
    let repo = Repo::new("main")?;
    repo.write(SWAGGER, text(old).as_bytes());
    repo.commit("add connector");
    let new_text = text(new);
    let path = repo.write(SWAGGER, new_text.as_bytes());
    let file = SourceFile::read(&path, SWAGGER.to_string(), true).unwrap();
    let cmp = breaking::check_against(&file, "HEAD")
        .unwrap()
        .expect("the file is in HEAD");
    assert_eq!(cmp.label, format!("{SWAGGER} at HEAD"));
    assert_eq!(cmp.operations, 5);
    for f in &cmp.findings {
        assert_eq!(f.severity, Severity::Error);
        assert_eq!(f.file, SWAGGER);
        assert!(f.rule.as_str().starts_with("BREAKING-"));
        assert!(!f.help.is_empty());
        assert_located(f, &new_text);
    }
    Some((cmp.findings, new_text))
}

/// Changes the base swagger with `change`, and expects exactly the findings `expected`:
/// (rule, operation named in the message, pointer of the finding).
fn case(change: impl FnOnce(&mut Value), expected: &[(&str, &str, &str)]) -> Vec<Finding> {
    let old = base();
    let mut new = base();
    change(&mut new);
    let Some((findings, _)) = compare_via_git(&old, &new) else {
        return Vec::new();
    };
    let got: Vec<(&str, &str)> = findings
        .iter()
        .map(|f| (f.rule.as_str(), f.pointer.as_str()))
        .collect();
    assert_eq!(
        findings.len(),
        expected.len(),
        "expected {expected:?}, got {got:?}: {:#?}",
        findings.iter().map(|f| &f.message).collect::<Vec<_>>()
    );
    for (rule, op, pointer) in expected {
        let f = findings
            .iter()
            .find(|f| f.rule == *rule && f.message.contains(op) && f.pointer == *pointer)
            .unwrap_or_else(|| panic!("no {rule} for {op} at {pointer}; got {got:?}"));
        assert!(
            f.message.starts_with(op) || f.message.contains(&format!(" {op} ")),
            "{}",
            f.message
        );
    }
    findings
}

#[test]
fn operation_removed() {
    let f = case(
        |v| remove(v, "/paths/~1tasks~1{taskId}/delete"),
        &[(
            "BREAKING-OP-REMOVED",
            "DeleteTask",
            "/paths/~1tasks~1{taskId}",
        )],
    );
    if let Some(f) = f.first() {
        assert!(
            f.message.contains("DELETE /tasks/{taskId}"),
            "{}",
            f.message
        );
    }
}

#[test]
fn whole_path_removed_points_at_paths() {
    case(
        |v| remove(v, "/paths/~1hooks"),
        &[("BREAKING-OP-REMOVED", "OnTaskCreated", "/paths")],
    );
}

#[test]
fn renamed_operation_id_is_a_removal() {
    let f = case(
        |v| *at(v, "/paths/~1tasks~1{taskId}/get/operationId") = json!("FetchTask"),
        &[(
            "BREAKING-OP-REMOVED",
            "GetTask",
            "/paths/~1tasks~1{taskId}/get/operationId",
        )],
    );
    if let Some(f) = f.first() {
        assert!(f.message.contains("renamed to FetchTask"), "{}", f.message);
        assert!(f.message.contains("removes GetTask"), "{}", f.message);
    }
}

#[test]
fn path_template_changed() {
    let f = case(
        |v| rename_key(v, "/paths/~1hooks", "/webhooks"),
        &[(
            "BREAKING-PATH-CHANGED",
            "OnTaskCreated",
            "/paths/~1webhooks",
        )],
    );
    if let Some(f) = f.first() {
        assert!(
            f.message.contains("from /hooks to /webhooks"),
            "{}",
            f.message
        );
    }
}

#[test]
fn http_method_changed() {
    let f = case(
        |v| rename_key(v, "/paths/~1hooks/post", "put"),
        &[(
            "BREAKING-METHOD-CHANGED",
            "OnTaskCreated",
            "/paths/~1hooks/put",
        )],
    );
    if let Some(f) = f.first() {
        assert!(f.message.contains("from POST to PUT"), "{}", f.message);
    }
}

#[test]
fn parameter_removed() {
    let f = case(
        |v| remove(v, "/paths/~1tasks/get/parameters/1"),
        &[(
            "BREAKING-PARAM-REMOVED",
            "ListTasks",
            "/paths/~1tasks/get/parameters",
        )],
    );
    if let Some(f) = f.first() {
        assert!(
            f.message.contains("query parameter 'status'"),
            "{}",
            f.message
        );
    }
}

#[test]
fn parameter_renamed() {
    let f = case(
        |v| *at(v, "/paths/~1tasks/get/parameters/1/name") = json!("state"),
        &[(
            "BREAKING-PARAM-RENAMED",
            "ListTasks",
            "/paths/~1tasks/get/parameters/1",
        )],
    );
    if let Some(f) = f.first() {
        assert!(
            f.message.contains("'status' was renamed to 'state'"),
            "{}",
            f.message
        );
    }
}

#[test]
fn parameter_moved_to_another_location() {
    let f = case(
        |v| *at(v, "/paths/~1tasks/get/parameters/1/in") = json!("header"),
        &[(
            "BREAKING-PARAM-LOCATION",
            "ListTasks",
            "/paths/~1tasks/get/parameters/1",
        )],
    );
    if let Some(f) = f.first() {
        assert!(f.message.contains("from query to header"), "{}", f.message);
    }
}

#[test]
fn parameter_made_required() {
    case(
        |v| *at(v, "/paths/~1tasks/get/parameters/0/required") = json!(true),
        &[(
            "BREAKING-PARAM-REQUIRED",
            "ListTasks",
            "/paths/~1tasks/get/parameters/0/required",
        )],
    );
}

#[test]
fn shared_parameter_made_required_is_reported_at_its_definition() {
    case(
        |v| {
            *at(v, "/parameters/ApiVersion/required") = json!(true);
            // Without a default: with one and internal visibility, users never set it.
            remove(v, "/parameters/ApiVersion/default");
        },
        &[(
            "BREAKING-PARAM-REQUIRED",
            "ListTasks",
            "/parameters/ApiVersion/required",
        )],
    );
}

#[test]
fn new_required_parameter() {
    let f = case(
        |v| {
            let p = at(v, "/paths/~1tasks/get/parameters")
                .as_array_mut()
                .unwrap();
            p.push(json!({"name": "project", "in": "query", "type": "string", "required": true}));
            // An optional one is an addition, not a breaking change.
            p.push(json!({"name": "sort", "in": "query", "type": "string"}));
        },
        &[(
            "BREAKING-PARAM-NEW-REQUIRED",
            "ListTasks",
            "/paths/~1tasks/get/parameters/3",
        )],
    );
    if let Some(f) = f.first() {
        assert!(
            f.message.contains("query parameter 'project'"),
            "{}",
            f.message
        );
    }
}

#[test]
fn body_field_made_required_removed_and_added() {
    let f = case(
        |v| {
            at(v, "/definitions/NewTask/required")
                .as_array_mut()
                .unwrap()
                .push(json!("notes"));
            remove(v, "/definitions/NewTask/properties/owner/properties/email");
            at(v, "/definitions/NewTask/properties")
                .as_object_mut()
                .unwrap()
                .insert("priority".into(), json!({"type": "integer"}));
            at(v, "/definitions/NewTask/required")
                .as_array_mut()
                .unwrap()
                .push(json!("priority"));
        },
        &[
            (
                "BREAKING-PARAM-REQUIRED",
                "CreateTask",
                "/definitions/NewTask/required/1",
            ),
            (
                "BREAKING-PARAM-REMOVED",
                "CreateTask",
                "/definitions/NewTask/properties/owner",
            ),
            (
                "BREAKING-PARAM-NEW-REQUIRED",
                "CreateTask",
                "/definitions/NewTask/properties/priority",
            ),
        ],
    );
    let msgs: Vec<&str> = f.iter().map(|f| f.message.as_str()).collect();
    if !f.is_empty() {
        assert!(
            msgs.iter()
                .any(|m| m.contains("body field 'notes' is now required")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter().any(|m| m.contains("body field 'owner.email'")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter().any(|m| m.contains("body field 'priority'")),
            "{msgs:?}"
        );
    }
}

#[test]
fn response_field_removed_in_every_operation_that_returns_it() {
    // User.email is returned by ListTasks (value[].owner.email), CreateTask, GetTask and
    // OnTaskCreated (owner.email); the nearest remaining field is owner.
    let f = case(
        |v| remove(v, "/definitions/User/properties/email"),
        &[
            (
                "BREAKING-RESPONSE-FIELD-REMOVED",
                "ListTasks",
                "/definitions/Task/properties/owner",
            ),
            (
                "BREAKING-RESPONSE-FIELD-REMOVED",
                "CreateTask",
                "/definitions/Task/properties/owner",
            ),
            (
                "BREAKING-RESPONSE-FIELD-REMOVED",
                "GetTask",
                "/definitions/Task/properties/owner",
            ),
            (
                "BREAKING-RESPONSE-FIELD-REMOVED",
                "OnTaskCreated",
                "/definitions/Task/properties/owner",
            ),
        ],
    );
    if !f.is_empty() {
        assert!(f
            .iter()
            .any(|f| f.message.contains("response field 'value[].owner.email'")));
        assert!(f
            .iter()
            .any(|f| f.message.contains("response field 'owner.email'")));
    }
}

#[test]
fn removing_an_object_reports_it_once_not_each_of_its_fields() {
    case(
        |v| {
            remove(v, "/definitions/TaskList/properties/value");
        },
        // Nothing of the response is left but its root: the operation's response schema.
        &[(
            "BREAKING-RESPONSE-FIELD-REMOVED",
            "ListTasks",
            "/paths/~1tasks/get/responses/200/schema",
        )],
    );
}

#[test]
fn type_and_format_changes() {
    let f = case(
        |v| {
            *at(v, "/paths/~1tasks/get/parameters/0/type") = json!("string");
            remove(v, "/paths/~1tasks/get/parameters/0/format");
            *at(v, "/definitions/Task/properties/due/format") = json!("date");
        },
        &[
            (
                "BREAKING-TYPE-CHANGED",
                "ListTasks",
                "/paths/~1tasks/get/parameters/0/type",
            ),
            (
                "BREAKING-TYPE-CHANGED",
                "ListTasks",
                "/definitions/Task/properties/due/format",
            ),
            (
                "BREAKING-TYPE-CHANGED",
                "CreateTask",
                "/definitions/Task/properties/due/format",
            ),
            (
                "BREAKING-TYPE-CHANGED",
                "GetTask",
                "/definitions/Task/properties/due/format",
            ),
            (
                "BREAKING-TYPE-CHANGED",
                "OnTaskCreated",
                "/definitions/Task/properties/due/format",
            ),
        ],
    );
    let msgs: Vec<&str> = f.iter().map(|f| f.message.as_str()).collect();
    if !f.is_empty() {
        assert!(
            msgs.iter()
                .any(|m| m
                    .contains("query parameter 'top' changed type from integer (int32) to string")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("response field 'due' changed format from date-time to date")),
            "{msgs:?}"
        );
    }
}

#[test]
fn array_item_type_change_is_reported() {
    let f = case(
        |v| *at(v, "/definitions/Task/properties/tags/items/type") = json!("integer"),
        &[
            (
                "BREAKING-TYPE-CHANGED",
                "ListTasks",
                "/definitions/Task/properties/tags/items/type",
            ),
            (
                "BREAKING-TYPE-CHANGED",
                "CreateTask",
                "/definitions/Task/properties/tags/items/type",
            ),
            (
                "BREAKING-TYPE-CHANGED",
                "GetTask",
                "/definitions/Task/properties/tags/items/type",
            ),
            (
                "BREAKING-TYPE-CHANGED",
                "OnTaskCreated",
                "/definitions/Task/properties/tags/items/type",
            ),
        ],
    );
    if !f.is_empty() {
        assert!(f.iter().any(|f| f
            .message
            .contains("the items of response field 'tags' changed type")));
    }
}

#[test]
fn visibility_made_internal() {
    case(
        |v| {
            *at(v, "/paths/~1tasks/get/x-ms-visibility") = json!("internal");
            *at(v, "/paths/~1tasks/get/parameters/1/x-ms-visibility") = json!("internal");
        },
        &[
            (
                "BREAKING-VISIBILITY-INTERNAL",
                "ListTasks",
                "/paths/~1tasks/get/x-ms-visibility",
            ),
            (
                "BREAKING-VISIBILITY-INTERNAL",
                "ListTasks",
                "/paths/~1tasks/get/parameters/1/x-ms-visibility",
            ),
        ],
    );
}

#[test]
fn trigger_kind_changed() {
    let f = case(
        |v| *at(v, "/paths/~1hooks/post/x-ms-trigger") = json!("batch"),
        &[(
            "BREAKING-TRIGGER-KIND",
            "OnTaskCreated",
            "/paths/~1hooks/post/x-ms-trigger",
        )],
    );
    if let Some(f) = f.first() {
        assert!(
            f.message
                .contains("from a single trigger to a batch trigger"),
            "{}",
            f.message
        );
    }
}

#[test]
fn action_becoming_a_trigger_is_a_kind_change() {
    case(
        |v| {
            at(v, "/paths/~1tasks/post")
                .as_object_mut()
                .unwrap()
                .insert("x-ms-trigger".into(), json!("single"));
        },
        &[(
            "BREAKING-TRIGGER-KIND",
            "CreateTask",
            "/paths/~1tasks/post/x-ms-trigger",
        )],
    );
}

#[test]
fn pure_additions_report_nothing() {
    case(
        |v| {
            at(v, "/paths")
                .as_object_mut()
                .unwrap()
                .insert("/projects".into(), json!({"get": {"operationId": "ListProjects", "responses": {"200": {"description": "OK"}}}}));
            at(v, "/paths/~1tasks/get/parameters")
                .as_array_mut()
                .unwrap()
                .push(json!({"name": "sort", "in": "query", "type": "string"}));
            at(v, "/definitions/Task/properties")
                .as_object_mut()
                .unwrap()
                .insert(
                    "priority".into(),
                    json!({"type": "integer", "format": "int32"}),
                );
            at(v, "/definitions/NewTask/properties")
                .as_object_mut()
                .unwrap()
                .insert("color".into(), json!({"type": "string"}));
            // A relaxation is not breaking either.
            at(v, "/paths/~1tasks~1{taskId}/delete/parameters/0")
                .as_object_mut()
                .unwrap()
                .insert("x-ms-visibility".into(), json!("advanced"));
            at(v, "/definitions/NewTask/required")
                .as_array_mut()
                .unwrap()
                .clear();
        },
        &[],
    );
}

#[test]
fn reordering_keys_reports_nothing() {
    case(|v| *v = reordered(v), &[]);
}

#[test]
fn refactoring_that_keeps_the_contract_reports_nothing() {
    case(
        |v| {
            // Path-level parameter moved into each operation.
            let p = at(v, "/paths/~1tasks~1{taskId}/parameters/0").clone();
            remove(v, "/paths/~1tasks~1{taskId}/parameters");
            at(v, "/paths/~1tasks~1{taskId}/get")
                .as_object_mut()
                .unwrap()
                .insert("parameters".into(), json!([p.clone()]));
            at(v, "/paths/~1tasks~1{taskId}/delete/parameters")
                .as_array_mut()
                .unwrap()
                .insert(0, p);
            // A $ref'd parameter written inline, and a definition renamed with its refs.
            *at(v, "/paths/~1tasks/get/parameters/2") = at(v, "/parameters/ApiVersion").clone();
            let user = at(v, "/definitions/User").clone();
            at(v, "/definitions")
                .as_object_mut()
                .unwrap()
                .insert("Person".into(), user);
            *at(v, "/definitions/Task/properties/owner") = json!({"$ref": "#/definitions/Person"});
            remove(v, "/definitions/User");
        },
        &[],
    );
}

#[test]
fn unknown_revision_is_a_clear_error() {
    let Some(repo) = Repo::new("main") else {
        return;
    };
    let path = repo.write(SWAGGER, text(&base()).as_bytes());
    repo.commit("add connector");
    let err = git::against(&path, "no-such-branch").unwrap_err();
    assert!(matches!(err, Error::UnknownRevision { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(
        msg.contains("unknown git revision 'no-such-branch'"),
        "{msg}"
    );
    // Something that looks like an option is never passed to git as one.
    assert!(matches!(
        git::against(&path, "--output=x").unwrap_err(),
        Error::UnknownRevision { .. }
    ));
}

#[test]
fn outside_a_checkout_is_a_clear_error() {
    if !git::available() {
        eprintln!("skipped: the git command is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // A folder that git would not find a repository above (unless TMPDIR is in one).
    if git::repo_root(dir.path()).is_some() {
        eprintln!("skipped: the temporary folder is inside a git checkout");
        return;
    }
    let path = dir.path().join("apiDefinition.swagger.json");
    std::fs::write(&path, text(&base())).unwrap();
    let err = git::against(&path, "HEAD").unwrap_err();
    assert!(matches!(err, Error::NotARepo { .. }), "{err:?}");
    assert!(err
        .to_string()
        .contains("--against path/to/old.swagger.json"));
}

#[test]
fn a_file_new_at_that_revision_has_nothing_to_compare() {
    let Some(repo) = Repo::new("main") else {
        return;
    };
    repo.write("README.md", b"hello\n");
    repo.commit("first");
    let path = repo.write(SWAGGER, text(&base()).as_bytes());
    assert!(git::against(&path, "HEAD").unwrap().is_none());
    let file = SourceFile::read(&path, SWAGGER.to_string(), true).unwrap();
    assert!(breaking::check_against(&file, "HEAD").unwrap().is_none());
}

#[test]
fn a_repository_without_commits_has_nothing_to_compare_by_default() {
    let Some(repo) = Repo::new("main") else {
        return;
    };
    let path = repo.write(SWAGGER, text(&base()).as_bytes());
    assert_eq!(git::default_base(repo.path()), "HEAD");
    assert!(git::against(&path, "").unwrap().is_none());
    // Asked for explicitly, HEAD does not exist yet.
    assert!(matches!(
        git::against(&path, "HEAD").unwrap_err(),
        Error::UnknownRevision { .. }
    ));
}

#[test]
fn default_base_is_the_merge_base_with_dev() {
    let Some(repo) = Repo::new("dev") else { return };
    let path = repo.write(SWAGGER, text(&base()).as_bytes());
    repo.commit("connector on dev");
    let base_sha = repo.git(&["rev-parse", "HEAD"]);
    repo.git(&["checkout", "-q", "-b", "update"]);
    let mut v = base();
    remove(&mut v, "/paths/~1tasks~1{taskId}/delete");
    repo.write(SWAGGER, text(&v).as_bytes());
    repo.commit("drop DeleteTask");
    // dev moves on after the branch point: the merge base stays the branch point.
    repo.git(&["checkout", "-q", "dev"]);
    repo.write("other.txt", b"x\n");
    repo.commit("other work on dev");
    repo.git(&["checkout", "-q", "update"]);

    assert_eq!(git::default_base(repo.path()), base_sha);
    let (label, old) = git::against(&path, "").unwrap().unwrap();
    assert!(label.starts_with(SWAGGER), "{label}");
    assert!(label.contains("merge base with dev"), "{label}");
    assert_eq!(old, text(&base()));

    let file = SourceFile::read(&path, SWAGGER.to_string(), true).unwrap();
    let cmp = breaking::check_against(&file, "").unwrap().unwrap();
    let ids: Vec<_> = cmp.findings.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(ids, ["BREAKING-OP-REMOVED"]);
    // Against HEAD (which already dropped it) there is nothing.
    assert!(breaking::check_against(&file, "HEAD")
        .unwrap()
        .unwrap()
        .findings
        .is_empty());
}

#[test]
fn default_base_without_a_base_branch_is_head() {
    let Some(repo) = Repo::new("feature") else {
        return;
    };
    repo.write(SWAGGER, text(&base()).as_bytes());
    repo.commit("first");
    assert_eq!(git::default_base(repo.path()), "HEAD");
    assert_eq!(
        git::repo_root(&repo.path().join(SWAGGER)).map(|p| p.canonicalize().unwrap()),
        Some(repo.path().canonicalize().unwrap())
    );
}

#[test]
fn show_file_reads_a_revision_and_knows_missing_files() {
    let Some(repo) = Repo::new("main") else {
        return;
    };
    repo.write("a/b.json", b"{\"v\": 1}");
    repo.commit("one");
    repo.write("a/b.json", b"{\"v\": 2}");
    repo.commit("two");
    assert_eq!(
        git::show_file(repo.path(), "HEAD~1", "a/b.json")
            .unwrap()
            .as_deref(),
        Some("{\"v\": 1}")
    );
    assert_eq!(
        git::show_file(repo.path(), "HEAD", "a/b.json")
            .unwrap()
            .as_deref(),
        Some("{\"v\": 2}")
    );
    assert_eq!(
        git::show_file(repo.path(), "HEAD", "a/c.json").unwrap(),
        None
    );
    assert!(matches!(
        git::show_file(repo.path(), "HEAD~5", "a/b.json").unwrap_err(),
        Error::UnknownRevision { .. }
    ));
}

#[test]
fn old_version_with_bom_is_read_and_broken_json_names_revision_and_line() {
    let Some(repo) = Repo::new("main") else {
        return;
    };
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(text(&base()).as_bytes());
    let path = repo.write(SWAGGER, &bytes);
    repo.commit("with BOM");
    let file = SourceFile::read(&path, SWAGGER.to_string(), true).unwrap();
    assert!(breaking::check_against(&file, "HEAD")
        .unwrap()
        .unwrap()
        .findings
        .is_empty());

    repo.write(
        SWAGGER,
        b"{\n  \"swagger\": \"2.0\",\n  \"paths\": {,}\n}\n",
    );
    repo.commit("broken");
    let path = repo.write(SWAGGER, text(&base()).as_bytes());
    let file = SourceFile::read(&path, SWAGGER.to_string(), true).unwrap();
    let err = breaking::check_against(&file, "HEAD").unwrap_err();
    let msg = err.to_string();
    assert!(
        matches!(err, Error::OldUnparseable { line: 3, .. }),
        "{err:?}"
    );
    assert!(
        msg.starts_with(&format!("{SWAGGER} at HEAD: line 3, column 13:")),
        "{msg}"
    );
}

#[test]
fn against_an_older_file_or_folder_without_git() {
    let dir = tempfile::tempdir().unwrap();
    let old_dir = dir.path().join("old");
    std::fs::create_dir_all(&old_dir).unwrap();
    let old_path = old_dir.join("apiDefinition.swagger.json");
    std::fs::write(&old_path, text(&base())).unwrap();
    let mut v = base();
    *at(&mut v, "/paths/~1hooks/post/x-ms-trigger") = json!("batch");
    let new_path = dir.path().join("apiDefinition.swagger.json");
    std::fs::write(&new_path, text(&v)).unwrap();

    let arg = old_path.to_str().unwrap();
    let (label, old) = git::against(&new_path, arg).unwrap().unwrap();
    assert_eq!(label, arg);
    assert_eq!(old, text(&base()));
    let file = SourceFile::read(&new_path, "apiDefinition.swagger.json".into(), true).unwrap();
    let cmp = breaking::check_against(&file, arg).unwrap().unwrap();
    assert_eq!(
        cmp.findings
            .iter()
            .map(|f| f.rule.as_str())
            .collect::<Vec<_>>(),
        ["BREAKING-TRIGGER-KIND"]
    );
    // A connector folder stands for the swagger inside it.
    let (label, _) = git::against(&new_path, old_dir.to_str().unwrap())
        .unwrap()
        .unwrap();
    assert!(label.ends_with("apiDefinition.swagger.json"), "{label}");
}

#[test]
fn git_missing_is_a_clear_error() {
    // Runs itself again with an empty PATH, where no git can be found.
    if std::env::var_os("CW_TEST_NO_GIT").is_some() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("apiDefinition.swagger.json");
        std::fs::write(&path, text(&base())).unwrap();
        assert!(!git::available());
        let err = git::against(&path, "HEAD").unwrap_err();
        assert!(matches!(err, Error::GitMissing), "{err:?}");
        assert!(err.to_string().contains("install git"), "{err}");
        // A file to compare with needs no git.
        assert!(git::against(&path, path.to_str().unwrap())
            .unwrap()
            .is_some());
        return;
    }
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "git_missing_is_a_clear_error",
            "--exact",
            "--test-threads",
            "1",
        ])
        .env("CW_TEST_NO_GIT", "1")
        .env("PATH", "")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 passed"));
}
