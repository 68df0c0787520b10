//! The certification rules engine. It reads a [`Connector`] and returns [`Finding`]s; it
//! knows nothing about terminals or output formats.
//!
//! - [`registry`]: every rule's ID, severity, summary and source (one table),
//! - [`field`]: the rules of one text field (title, summary, …), cheap enough to run on
//!   every keystroke — the editor calls [`check_field`],
//! - [`swagger`], [`operations`], [`properties`], [`files`]: the rules of the whole connector,
//! - [`fix`]: applying the safe, mechanical fixes with the minimal-diff writer.

pub mod field;
pub mod files;
pub mod fix;
pub mod operations;
pub mod properties;
pub mod registry;
pub mod swagger;
pub mod text;

pub use field::{check_field, Field, FieldContext, FieldIssue};
pub use registry::{rule, Rule, RULES};

use crate::document::{Connector, ConnectorKind, SourceFile};
use crate::json::{Node, TextEdit};
use std::path::PathBuf;

/// How serious a finding is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A mechanical repair: edits to one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Fix {
    pub path: PathBuf,
    pub description: String,
    pub edits: Vec<TextEdit>,
}

/// One problem found in a connector.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    /// The file, as the user named it.
    pub file: String,
    /// 1-based line and column (0 when the problem is the file as a whole).
    pub line: usize,
    pub column: usize,
    /// JSON pointer into the file ("" for the whole file or non-JSON files).
    pub pointer: String,
    pub message: String,
    pub help: String,
    #[serde(skip)]
    pub fix: Option<Fix>,
}

/// Options for a whole-connector check.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// A PR title to check along with the files (PR-TITLE / PROPOSAL-TITLE).
    pub pr_title: Option<String>,
    /// The PR updates an existing connector (PR-TITLE only needs the suffix somewhere).
    pub is_update: bool,
}

/// Runs every rule on a connector. Findings are sorted by file, line, column.
pub fn check(connector: &Connector, opts: &CheckOptions) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some(sw) = &connector.swagger {
        let mut sink = Sink::new(sw, connector.kind, &mut out);
        swagger::check(connector, &mut sink);
        if let Some(root) = sw.json() {
            operations::check(root, &mut sink);
        }
    }
    if !connector.lone_file {
        properties::check(connector, &mut out);
        files::check(connector, &mut out);
    }
    if let Some(title) = &opts.pr_title {
        files::check_pr_title(connector, title, opts.is_update, &mut out);
    }
    sort(&mut out);
    out
}

/// Sorts findings by file, position, then rule.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.rule).cmp(&(&b.file, b.line, b.column, b.rule))
    });
}

/// Counts of findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn of(findings: &[Finding]) -> Summary {
        let mut s = Summary::default();
        for f in findings {
            match f.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }
}

/// Collects findings for one file, turning spans into line, column and pointer.
pub struct Sink<'a> {
    pub file: &'a SourceFile,
    pub kind: ConnectorKind,
    pub out: &'a mut Vec<Finding>,
}

impl<'a> Sink<'a> {
    pub fn new(file: &'a SourceFile, kind: ConnectorKind, out: &'a mut Vec<Finding>) -> Self {
        Sink { file, kind, out }
    }

    /// A finding at byte `offset` with the rule's default severity.
    pub fn at(
        &mut self,
        id: &'static str,
        offset: usize,
        pointer: &str,
        message: String,
        help: &str,
    ) {
        let sev = rule(id).severity;
        self.at_sev(id, sev, offset, pointer, message, help.to_string(), None);
    }

    /// A finding with everything spelled out.
    #[allow(clippy::too_many_arguments)]
    pub fn at_sev(
        &mut self,
        id: &'static str,
        severity: Severity,
        offset: usize,
        pointer: &str,
        message: String,
        help: String,
        fix: Option<Fix>,
    ) {
        let (line, column) = self.file.line_col(offset);
        self.out.push(Finding {
            rule: id,
            severity,
            file: self.file.display.clone(),
            line,
            column,
            pointer: pointer.to_string(),
            message,
            help,
            fix,
        });
    }

    /// A finding on a node.
    pub fn node(
        &mut self,
        id: &'static str,
        node: &Node,
        pointer: &str,
        message: String,
        help: &str,
    ) {
        self.at(id, node.span.start, pointer, message, help);
    }

    /// The issues of a text field reported at the string node that holds it.
    pub fn field_issues(&mut self, node: &Node, pointer: &str, issues: Vec<FieldIssue>) {
        for i in issues {
            let fix = i.fix.filter(|_| self.file.is_editable()).map(|value| Fix {
                path: self.file.path.clone(),
                description: format!("{}: {}", pointer_label(pointer), i.fix_label),
                edits: vec![TextEdit::set_string(node, &value)],
            });
            self.at_sev(
                i.rule,
                i.severity,
                node.span.start,
                pointer,
                i.message,
                i.help,
                fix,
            );
        }
    }

    /// A fix that edits this file.
    pub fn fix(&self, description: String, edits: Vec<TextEdit>) -> Option<Fix> {
        self.file.is_editable().then(|| Fix {
            path: self.file.path.clone(),
            description,
            edits,
        })
    }
}

fn pointer_label(pointer: &str) -> String {
    if pointer.is_empty() {
        "/".to_string()
    } else {
        pointer.to_string()
    }
}

#[cfg(test)]
#[allow(dead_code)]
pub(crate) mod testutil {
    //! Helpers for rule tests: build a connector in a temporary folder.
    use super::*;

    pub struct Fixture {
        pub dir: tempfile::TempDir,
        pub connector: Connector,
    }

    /// A connector from file contents.
    pub fn connector(files: &[(&str, &str)], kind: ConnectorKind) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            let p = dir.path().join(name);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        let connector = Connector::load(dir.path(), Some(kind)).unwrap();
        Fixture { dir, connector }
    }

    /// The rule IDs of a swagger-only check of `swagger` (with the other files valid).
    pub fn swagger_findings(swagger: &str) -> Vec<Finding> {
        let f = connector(
            &[("apiDefinition.swagger.json", swagger)],
            ConnectorKind::IndependentPublisher,
        );
        check(&f.connector, &CheckOptions::default())
            .into_iter()
            .filter(|f| f.file.ends_with("apiDefinition.swagger.json"))
            .collect()
    }

    pub fn ids(findings: &[Finding]) -> Vec<&'static str> {
        findings.iter().map(|f| f.rule).collect()
    }

    /// A swagger that passes every rule; tests change one thing at a time.
    pub fn good_swagger() -> serde_json::Value {
        serde_json::json!({
          "swagger": "2.0",
          "info": {
            "title": "Contoso Tasks",
            "description": "Manage tasks, projects and reminders in Contoso Tasks from your flows.",
            "version": "1.0",
            "contact": {"name": "Ada Lovelace", "url": "https://example.com/support", "email": "ada@example.com"}
          },
          "host": "api.contoso.com",
          "basePath": "/v1",
          "schemes": ["https"],
          "consumes": ["application/json"],
          "produces": ["application/json"],
          "paths": {
            "/tasks/{taskId}": {
              "get": {
                "summary": "Get task by ID",
                "description": "Retrieves one task by its identifier.",
                "operationId": "GetTask",
                "x-ms-visibility": "important",
                "parameters": [{
                  "name": "taskId", "in": "path", "required": true, "type": "string",
                  "x-ms-summary": "Task ID", "description": "The identifier of the task.",
                  "x-ms-url-encoding": "single"
                }],
                "responses": {
                  "200": {"description": "The task.", "schema": {"type": "object", "properties": {
                    "id": {"type": "string", "x-ms-summary": "Task ID", "description": "The identifier of the task."}
                  }}},
                  "default": {"description": "Operation failed."}
                }
              }
            }
          },
          "securityDefinitions": {"api_key": {"type": "apiKey", "in": "header", "name": "X-Key"}},
          "security": [{"api_key": []}],
          "x-ms-connector-metadata": [
            {"propertyName": "Website", "propertyValue": "https://contoso.com"},
            {"propertyName": "Privacy policy", "propertyValue": "https://contoso.com/privacy"},
            {"propertyName": "Categories", "propertyValue": "Productivity;Collaboration"}
          ]
        })
    }

    /// Pretty JSON text of a value.
    pub fn text(v: &serde_json::Value) -> String {
        serde_json::to_string_pretty(v).unwrap()
    }
}
