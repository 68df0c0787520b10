//! Shared by the breaking-change tests: a swagger to change, git repositories in a temporary
//! folder, and checks that a finding points at a real place of the new file.
#![allow(dead_code)]

use connector_wizard::json::{self, Node};
use connector_wizard::rules::Finding;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A swagger exercising what the comparison resolves: `$ref`s to parameters, definitions and
/// responses, path-level parameters, a body schema, nested and recursive response fields,
/// a trigger.
pub fn base() -> Value {
    json!({
      "swagger": "2.0",
      "info": {"title": "Contoso Tasks", "description": "Manage tasks in Contoso Tasks.", "version": "1.0"},
      "host": "api.contoso.com",
      "basePath": "/v1",
      "schemes": ["https"],
      "consumes": ["application/json"],
      "produces": ["application/json"],
      "paths": {
        "/tasks": {
          "get": {
            "operationId": "ListTasks",
            "summary": "List tasks",
            "x-ms-visibility": "important",
            "parameters": [
              {"name": "top", "in": "query", "type": "integer", "format": "int32", "required": false},
              {"name": "status", "in": "query", "type": "string", "x-ms-visibility": "advanced"},
              {"$ref": "#/parameters/ApiVersion"}
            ],
            "responses": {
              "200": {"description": "The tasks.", "schema": {"$ref": "#/definitions/TaskList"}},
              "default": {"description": "Failed."}
            }
          },
          "post": {
            "operationId": "CreateTask",
            "summary": "Create a task",
            "parameters": [
              {"name": "body", "in": "body", "required": true, "schema": {"$ref": "#/definitions/NewTask"}}
            ],
            "responses": {"201": {"description": "Created.", "schema": {"$ref": "#/definitions/Task"}}}
          }
        },
        "/tasks/{taskId}": {
          "parameters": [{"name": "taskId", "in": "path", "required": true, "type": "string"}],
          "get": {
            "operationId": "GetTask",
            "summary": "Get a task",
            "responses": {"200": {"$ref": "#/responses/TaskResponse"}}
          },
          "delete": {
            "operationId": "DeleteTask",
            "summary": "Delete a task",
            "parameters": [{"name": "X-Reason", "in": "header", "type": "string"}],
            "responses": {"204": {"description": "Deleted."}}
          }
        },
        "/hooks": {
          "post": {
            "operationId": "OnTaskCreated",
            "summary": "When a task is created",
            "x-ms-trigger": "single",
            "parameters": [{"name": "body", "in": "body", "required": true, "schema": {
              "type": "object", "required": ["url"],
              "properties": {"url": {"type": "string", "x-ms-notification-url": true, "x-ms-visibility": "internal"}}
            }}],
            "responses": {"201": {"description": "Created.", "schema": {"$ref": "#/definitions/Task"}}}
          }
        }
      },
      "parameters": {
        "ApiVersion": {"name": "api-version", "in": "query", "type": "string", "required": false, "default": "1.0"}
      },
      "definitions": {
        "Task": {"type": "object", "properties": {
          "id": {"type": "string"},
          "title": {"type": "string"},
          "due": {"type": "string", "format": "date-time"},
          "owner": {"$ref": "#/definitions/User"},
          "tags": {"type": "array", "items": {"type": "string"}},
          "subtasks": {"type": "array", "items": {"$ref": "#/definitions/Task"}}
        }},
        "User": {"type": "object", "properties": {"name": {"type": "string"}, "email": {"type": "string"}}},
        "TaskList": {"type": "object", "properties": {"value": {"type": "array", "items": {"$ref": "#/definitions/Task"}}}},
        "NewTask": {"type": "object", "required": ["title"], "properties": {
          "title": {"type": "string"},
          "notes": {"type": "string"},
          "owner": {"type": "object", "properties": {"email": {"type": "string"}}}
        }}
      },
      "responses": {
        "TaskResponse": {"description": "The task.", "schema": {"$ref": "#/definitions/Task"}}
      },
      "x-ms-connector-metadata": [{"propertyName": "Website", "propertyValue": "https://contoso.com"}]
    })
}

pub fn text(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap()
}

/// The value at `ptr` (must exist).
pub fn at<'a>(v: &'a mut Value, ptr: &str) -> &'a mut Value {
    v.pointer_mut(ptr)
        .unwrap_or_else(|| panic!("fixture has no {ptr}"))
}

/// Removes the member or array item at `ptr`.
pub fn remove(v: &mut Value, ptr: &str) {
    let (parent, last) = ptr.rsplit_once('/').unwrap();
    let last = last.replace("~1", "/").replace("~0", "~");
    match at(v, parent) {
        Value::Object(m) => {
            m.shift_remove(&last).unwrap_or_else(|| panic!("no {ptr}"));
        }
        Value::Array(a) => {
            a.remove(last.parse::<usize>().unwrap());
        }
        _ => panic!("{parent} is not a container"),
    }
}

/// Renames the member at `ptr`, keeping its place among its siblings.
pub fn rename_key(v: &mut Value, ptr: &str, to: &str) {
    let (parent, last) = ptr.rsplit_once('/').unwrap();
    let last = last.replace("~1", "/").replace("~0", "~");
    let Value::Object(m) = at(v, parent) else {
        panic!("{parent} is not an object")
    };
    let old = std::mem::take(m);
    for (k, val) in old {
        if k == last {
            m.insert(to.to_string(), val);
        } else {
            m.insert(k, val);
        }
    }
}

/// Reverses the order of every object's keys and pretty-prints with another indentation.
pub fn reordered(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut out = serde_json::Map::new();
            for (k, val) in m.iter().rev() {
                out.insert(k.clone(), reordered(val));
            }
            Value::Object(out)
        }
        Value::Array(a) => Value::Array(a.iter().map(reordered).collect()),
        other => other.clone(),
    }
}

/// Asserts that a finding points into `new_text`: its pointer exists and its line and
/// column are where that value (or its key) starts.
pub fn assert_located(f: &Finding, new_text: &str) {
    assert!(
        f.rule.rule().family == connector_wizard::rules::Family::Breaking,
        "{} is not a breaking-change rule of the registry",
        f.rule
    );
    let root = json::parse(new_text).unwrap();
    let node = root
        .pointer(&f.pointer)
        .unwrap_or_else(|| panic!("{}: pointer {} not in the new file", f.rule, f.pointer));
    let lines = json::LineIndex::new(new_text);
    let mut places = vec![lines.line_col(new_text, node.span.start)];
    if let Some(key) = key_span(&root, &f.pointer) {
        places.push(lines.line_col(new_text, key));
    }
    assert!(
        places.contains(&(f.line, f.column)),
        "{} at {}:{} is not where {} is ({places:?})",
        f.rule,
        f.line,
        f.column,
        f.pointer
    );
}

fn key_span(root: &Node, ptr: &str) -> Option<usize> {
    let (parent, last) = ptr.rsplit_once('/')?;
    let last = last.replace("~1", "/").replace("~0", "~");
    root.pointer(parent)?
        .member(&last)
        .map(|m| m.key_span.start)
}

#[path = "../common/shared.rs"]
mod shared;
#[allow(unused_imports)]
pub use shared::corpus_or_skip;

/// A git repository in a temporary folder, with an identity that works on a bare machine.
pub struct Repo {
    pub dir: tempfile::TempDir,
}

impl Repo {
    /// A new repository whose first branch is `branch`, or `None` (printing why) when the
    /// `git` command is missing.
    pub fn new(branch: &str) -> Option<Repo> {
        if Command::new("git").arg("--version").output().is_err() {
            eprintln!("skipped: the git command is not installed");
            return None;
        }
        let repo = Repo {
            dir: tempfile::tempdir().unwrap(),
        };
        repo.git(&["init", "-q"]);
        repo.git(&["symbolic-ref", "HEAD", &format!("refs/heads/{branch}")]);
        Some(repo)
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Runs git in the repository; panics with its output on failure.
    pub fn git(&self, args: &[&str]) -> String {
        let out = Command::new("git")
            .arg("-C")
            .arg(self.dir.path())
            .args([
                "-c",
                "commit.gpgsign=false",
                "-c",
                "core.autocrlf=false",
                "-c",
                "init.defaultBranch=main",
            ])
            .args(args)
            .env("GIT_AUTHOR_NAME", "Test Author")
            .env("GIT_AUTHOR_EMAIL", "author@example.com")
            .env("GIT_COMMITTER_NAME", "Test Committer")
            .env("GIT_COMMITTER_EMAIL", "committer@example.com")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .expect("git runs");
        assert!(
            out.status.success(),
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Writes a file (creating folders) and returns its path.
    pub fn write(&self, rel: &str, content: &[u8]) -> PathBuf {
        let p = self.dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, content).unwrap();
        p
    }

    /// Stages everything and commits.
    pub fn commit(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
    }
}
