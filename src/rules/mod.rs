//! The certification rules engine. It reads a [`Connector`] and returns [`Finding`]s; it
//! knows nothing about terminals, output formats or writing files.
//!
//! - [`registry`]: every rule's identity ([`RuleId`]), severity, fix, source and summary, in
//!   one table; [`docs`]: their long explanations (`src/rules/docs/*.md`);
//! - [`field`]: the rules of one text field (title, summary, …), cheap enough to run on
//!   every keystroke — the editor calls [`check_field`];
//! - one module per family, named like the IDs it emits: [`document`] (`SWAGGER-2.0`,
//!   `JSON-VALID`, `SIZE-1MB`, `EXT-PREFIX`, `MIME`, `FILE-SWAGGER-NAME`), [`info`]
//!   (`TITLE-*`, `DESC-*`), [`host`] (`HOST-*`, `BASEPATH`, `SCHEMES`), [`contact`]
//!   (`CONTACT-*`), [`metadata`] (`METADATA-*`), [`security`] (`SECURITY-DEFS`),
//!   [`operations`] (`OP-*`, `OPID-*`, `TRIG-*`, `ACTION-SUMMARY`), [`parameters`]
//!   (`PARAM-*`), [`responses`] (`RESPONSE-*`, `RESP-*`), [`readme`] (`README-*`), [`intro`]
//!   (`INTRO-SECTIONS`), [`api_properties`] (`AP-*`, `IP-BRAND-COLOR`, `CERT-BAD-COLOR`),
//!   [`folder`] (`FILE-EXTRA`, `IP-NO-ICON`), [`script`] (`SCRIPT-CSX`), [`pull_request`]
//!   (`PR-TITLE`, `PROPOSAL-TITLE`); the `BREAKING-*` rules are in [`crate::breaking`];
//! - [`fix`]: the edits of the mechanical fixes, computed without writing anything.

pub mod api_properties;
pub mod cap;
pub mod contact;
pub mod docs;
pub mod document;
mod dynamic;
pub mod field;
pub mod fix;
pub mod folder;
pub mod host;
pub mod info;
pub mod intro;
pub mod metadata;
pub mod operations;
pub mod parameters;
mod paths;
mod placeholder;
mod product;
pub mod pull_request;
pub mod readme;
pub mod registry;
pub mod responses;
pub mod script;
pub mod security;
pub mod spelling;
pub mod text;
mod tree;
pub mod walk;

pub use cap::MAX_PER_RULE;
pub use field::{check_field, check_field_live, Field, FieldContext, FieldIssue};
pub use registry::{Applicability, Check, Family, Rule, RuleId, RULES};
pub use security::is_http_token;

use crate::document::{Connector, ConnectorKind, OpenApi, SourceFile};
use crate::json::{Node, TextEdit, Value};
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
    /// Safe or unsafe: the rule's applicability in the registry.
    pub applicability: Applicability,
}

impl Fix {
    /// `--fix` applies it without `--unsafe-fixes`.
    pub fn is_safe(&self) -> bool {
        self.applicability == Applicability::Safe
    }
}

/// One problem found in a connector.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Finding {
    /// Serializes as the ID string (`TITLE-MAX-30`).
    pub rule: RuleId,
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

impl Finding {
    /// A finding about a whole file (or the PR title): no position, no pointer, the rule's
    /// default severity.
    pub fn whole_file(
        rule: RuleId,
        file: impl Into<String>,
        message: String,
        help: impl Into<String>,
    ) -> Finding {
        Finding {
            rule,
            severity: rule.severity(),
            file: file.into(),
            line: 0,
            column: 0,
            pointer: String::new(),
            message,
            help: help.into(),
            fix: None,
        }
        .registered()
    }

    /// Whether the registry allows this finding: a rule `check` runs, a severity the rule may
    /// emit, a fix only on a fixable rule.
    pub fn is_registered(&self) -> bool {
        let r = self.rule.rule();
        r.check == Check::Automatic
            && r.allows(self.severity)
            && (self.fix.is_none() || r.fixable())
    }

    /// The finding, asserted against the registry in debug builds (tests run them): a rule
    /// that emits what the registry does not say fails its tests.
    pub(crate) fn registered(self) -> Finding {
        debug_assert!(
            self.is_registered(),
            "{} is emitted as {:?}{}, which the registry does not allow",
            self.rule,
            self.severity,
            if self.fix.is_some() {
                " with a fix"
            } else {
                ""
            }
        );
        self
    }

    /// The fix `--fix` applies without `--unsafe-fixes`, if there is one.
    pub fn safe_fix(&self) -> Option<&Fix> {
        self.fix.as_ref().filter(|f| f.is_safe())
    }
}

/// Options for a whole-connector check.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// A PR title to check along with the files (PR-TITLE / PROPOSAL-TITLE).
    pub pr_title: Option<String>,
    /// The PR updates an existing connector: PR-TITLE only needs the suffix somewhere, and
    /// hints to rename an operationId warn that it breaks existing flows.
    pub is_update: bool,
    /// Leave out the spelling of STRING-QUALITY (its dictionary is the slowest part of a
    /// check; `bench` measures the check with and without it).
    pub skip_spelling: bool,
}

/// Runs every rule on a connector. Findings are sorted by file, line, column; at most
/// [`MAX_PER_RULE`] of one rule in one file are listed, then one "and N more" (see [`cap`]).
pub fn check(connector: &Connector, opts: &CheckOptions) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some(sw) = &connector.swagger {
        let mut sink = Sink::new(sw, connector.kind, &mut out);
        if let Some(root) = document::check(connector, &mut sink) {
            let api = OpenApi::new(root);
            info::check(connector, root, &mut sink, !opts.skip_spelling);
            host::check(root, &mut sink);
            contact::check(root, &mut sink);
            metadata::check(root, &mut sink);
            document::extension_keys(root, &mut sink);
            document::mime(&api, &mut sink);
            security::check(&api, &mut sink);
            placeholder::swagger_template(root, &mut sink);
            paths::check(&api, &mut sink);
            tree::check(&api, &mut sink);
        }
        if let Some(root) = sw.json() {
            walk::check(&OpenApi::new(root), &mut sink, opts);
        }
    }
    let from = out.len();
    if !connector.lone_file {
        api_properties::check(connector, &mut out);
        folder::check(connector, &mut out);
        readme::check(connector, &mut out);
        intro::check(connector, &mut out);
        script::check(connector, &mut out);
        placeholder::check(connector, &mut out);
        security::match_api_properties(connector, &mut out);
        product::check(connector, &mut out);
    }
    if let Some(title) = &opts.pr_title {
        pull_request::check_pr_title(connector, title, opts.is_update, &mut out);
    }
    cap::cap_since(&mut out, from);
    marker_says_it(&mut out);
    sort(&mut out);
    out
}

/// A `[TODO: …]` marker is one thing to do: where PLACEHOLDER-TODO reports one, the other
/// rules' complaints about the same value ("not a valid e-mail", "28 characters") are left
/// out, so a blank connector's 6 markers read as 6 errors, not 13.
fn marker_says_it(out: &mut Vec<Finding>) {
    let marked: Vec<(String, String)> = out
        .iter()
        .filter(|f| f.rule == RuleId::PlaceholderTodo && !f.pointer.is_empty())
        .map(|f| (f.file.clone(), f.pointer.clone()))
        .collect();
    if marked.is_empty() {
        return;
    }
    out.retain(|f| {
        f.rule == RuleId::PlaceholderTodo
            || f.pointer.is_empty()
            || !marked
                .iter()
                .any(|(file, ptr)| *file == f.file && *ptr == f.pointer)
    });
}

/// Sorts findings by file, position, then rule ID. (Stable; the keys are numbers: a check's
/// findings name a few files, compared once, and the rules' alphabetical ranks are computed
/// once.)
pub fn sort(findings: &mut [Finding]) {
    static RULE_RANK: std::sync::OnceLock<Vec<u16>> = std::sync::OnceLock::new();
    let rule_rank = RULE_RANK.get_or_init(|| {
        let mut ids: Vec<RuleId> = RuleId::ALL.to_vec();
        ids.sort_by_key(|r| r.as_str());
        let mut rank = vec![0u16; ids.len()];
        for (i, r) in ids.iter().enumerate() {
            rank[*r as usize] = i as u16;
        }
        rank
    });
    let mut files: Vec<String> = Vec::new();
    for f in findings.iter() {
        if files.last() != Some(&f.file) && !files.contains(&f.file) {
            files.push(f.file.clone());
        }
    }
    files.sort();
    findings.sort_by_cached_key(|f| {
        let file = files.binary_search(&f.file).unwrap_or(0);
        (file, f.line, f.column, rule_rank[f.rule as usize])
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

/// Collects the findings of one file, turning byte offsets into line, column and pointer.
/// Every finding of a file goes through [`Sink::at_sev`], which lists at most
/// [`MAX_PER_RULE`] of one rule; when the sink is dropped, the rest become one "and N more"
/// finding per rule (see [`cap`]).
pub struct Sink<'a> {
    pub file: &'a SourceFile,
    pub kind: ConnectorKind,
    pub out: &'a mut Vec<Finding>,
    cap: cap::RuleCap,
}

impl<'a> Sink<'a> {
    pub fn new(file: &'a SourceFile, kind: ConnectorKind, out: &'a mut Vec<Finding>) -> Self {
        Sink {
            file,
            kind,
            out,
            cap: cap::RuleCap::new(),
        }
    }

    /// A finding at byte `offset` with the rule's default severity.
    pub fn at(&mut self, id: RuleId, offset: usize, pointer: &str, message: String, help: &str) {
        self.at_sev(
            id,
            id.severity(),
            offset,
            pointer,
            message,
            help.to_string(),
            None,
        );
    }

    /// A finding with everything spelled out. A fix takes the rule's applicability.
    #[allow(clippy::too_many_arguments)]
    pub fn at_sev(
        &mut self,
        id: RuleId,
        severity: Severity,
        offset: usize,
        pointer: &str,
        message: String,
        help: String,
        fix: Option<Fix>,
    ) {
        if !self.cap.admit(id) {
            let file = self.file;
            self.cap.left_out(id, severity, || {
                let (line, column) = file.line_col(offset);
                (line, column, pointer.to_string())
            });
            return;
        }
        let (line, column) = self.file.line_col(offset);
        let fix = fix.map(|f| Fix {
            applicability: id.fix(),
            ..f
        });
        self.out.push(
            Finding {
                rule: id,
                severity,
                file: self.file.display.clone(),
                line,
                column,
                pointer: pointer.to_string(),
                message,
                help,
                fix,
            }
            .registered(),
        );
    }

    /// A finding on a node.
    pub fn node(&mut self, id: RuleId, node: &Node, pointer: &str, message: String, help: &str) {
        self.at(id, node.span.start, pointer, message, help);
    }

    /// The issues of a text field reported at the string node that holds it.
    pub fn field_issues(&mut self, node: &Node, pointer: &str, issues: Vec<FieldIssue>) {
        for i in issues {
            let fix = i.fix.filter(|_| self.file.is_editable()).map(|value| Fix {
                path: self.file.path.clone(),
                description: format!("{}: {}", pointer_label(pointer), i.fix_label),
                edits: vec![TextEdit::set_string(node, &value)],
                applicability: i.rule.fix(),
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

    /// A fix that edits this file (`None` when the file cannot be edited safely: its text is
    /// not exactly its bytes). [`Sink::at_sev`] gives it the rule's applicability.
    pub fn fix(&self, description: String, edits: Vec<TextEdit>) -> Option<Fix> {
        self.file.is_editable().then(|| Fix {
            path: self.file.path.clone(),
            description,
            edits,
            applicability: Applicability::Safe,
        })
    }
}

impl Drop for Sink<'_> {
    /// The "and N more" findings of the rules the cap cut short.
    fn drop(&mut self) {
        let more = self.cap.take_more(&self.file.display);
        self.out.extend(more);
    }
}

fn pointer_label(pointer: &str) -> String {
    if pointer.is_empty() {
        "/".to_string()
    } else {
        pointer.to_string()
    }
}

/// The path of a file of the connector's folder, as findings name it.
pub(super) fn path_in(c: &Connector, name: &str) -> String {
    c.root.join(name).display().to_string()
}

/// A value for a message: a string in quotes, anything else by its JSON type.
pub(crate) fn show(n: &Node) -> String {
    match &n.value {
        Value::String(s) => format!("\"{s}\""),
        _ => n.type_name().to_string(),
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
        findings.iter().map(|f| f.rule.as_str()).collect()
    }

    /// The rule IDs `check_field` reports for a text.
    pub fn field_ids(field: Field, v: &str) -> Vec<&'static str> {
        check_field(field, v, &FieldContext::default())
            .iter()
            .map(|i| i.rule.as_str())
            .collect()
    }

    /// The severity `check_field` gives rule `id` for a text.
    pub fn field_sev(field: Field, v: &str, id: &str) -> Option<Severity> {
        check_field(field, v, &FieldContext::default())
            .iter()
            .find(|i| i.rule == id)
            .map(|i| i.severity)
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

    /// A readme that passes every readme rule.
    pub const README: &str = "# Contoso Tasks\nContoso Tasks keeps your tasks. See https://contoso.com.\n\n## Publisher: Ada Lovelace\n\n## Prerequisites\nAn account.\n\n## Supported Operations\n### Get task by ID\nGets a task.\n\n## Obtaining Credentials\nCreate a key.\n\n## Known Issues and Limitations\nNone.\n";

    /// An intro.md that passes every intro rule.
    pub const INTRO: &str = "Contoso Tasks keeps tasks.\n\n## Prerequisites\nx\n\n## How to get credentials\nx\n\n## Known issues and limitations\nx\n";

    /// An apiProperties.json that passes every apiProperties rule.
    pub const AP: &str = r##"{"properties": {"iconBrandColor": "#da3b01", "publisher": "Ada", "stackOwner": "Contoso", "connectionParameters": {"api_key": {"type": "securestring", "uiDefinition": {"displayName": "API key"}}}}}"##;

    /// The findings outside the swagger and apiProperties.json of a folder holding a good
    /// swagger, a good apiProperties.json and `files`.
    pub fn run(files: &[(&str, &str)], kind: ConnectorKind) -> Vec<Finding> {
        let sw = text(&good_swagger());
        let mut all: Vec<(&str, &str)> = vec![
            ("apiDefinition.swagger.json", &sw),
            ("apiProperties.json", AP),
        ];
        all.extend_from_slice(files);
        let f = connector(&all, kind);
        check(&f.connector, &CheckOptions::default())
            .into_iter()
            .filter(|f| {
                !f.file.ends_with("apiDefinition.swagger.json")
                    && !f.file.ends_with("apiProperties.json")
            })
            .collect()
    }

    /// The swagger findings of a swagger.
    pub fn findings_of(v: &serde_json::Value) -> Vec<Finding> {
        swagger_findings(&text(v))
    }

    /// The swagger findings of the good swagger changed by `f`.
    pub fn with(f: impl FnOnce(&mut serde_json::Value)) -> Vec<Finding> {
        let mut v = good_swagger();
        f(&mut v);
        findings_of(&v)
    }

    /// The findings of rule `id`.
    pub fn only<'a>(fs: &'a [Finding], id: &str) -> Vec<&'a Finding> {
        fs.iter().filter(|f| f.rule == id).collect()
    }
}

#[cfg(test)]
mod marker_tests {
    use super::testutil::*;

    #[test]
    fn a_marker_is_reported_once_and_a_real_mistake_beside_it_still_is() {
        let mut v = good_swagger();
        v["info"]["contact"]["email"] = serde_json::json!("[TODO: e-mail]");
        v["info"]["contact"]["url"] = serde_json::json!("not a url");
        let text = serde_json::to_string_pretty(&v).unwrap();
        let at = |fs: &[super::Finding], ptr: &str| -> Vec<&'static str> {
            fs.iter()
                .filter(|f| f.pointer == ptr)
                .map(|f| f.rule.as_str())
                .collect()
        };
        let fs = swagger_findings(&text);
        // The marker: one finding, not also "not a valid e-mail".
        assert_eq!(
            at(&fs, "/info/contact/email"),
            ["PLACEHOLDER-TODO"],
            "{fs:#?}"
        );
        // A real mistake next to it is still reported.
        assert_eq!(at(&fs, "/info/contact/url"), ["CONTACT-URL"], "{fs:#?}");
        // Without the marker, the e-mail rule speaks.
        v["info"]["contact"]["email"] = serde_json::json!("bob");
        let fs = swagger_findings(&serde_json::to_string_pretty(&v).unwrap());
        assert_eq!(at(&fs, "/info/contact/email"), ["CONTACT-EMAIL"], "{fs:#?}");
    }
}
