//! The swagger as a document (reference §2.6, §3.1): readable UTF-8 JSON (`JSON-VALID`), at
//! most 1 MB (`SIZE-1MB`), OpenAPI 2.0 (`SWAGGER-2.0`), named `apiDefinition.swagger.json`
//! (`FILE-SWAGGER-NAME`), keys of the vocabulary or `x-` (`EXT-PREFIX`), supported MIME types
//! (`MIME`).

use super::{show, Finding, RuleId, Sink};
use crate::document::{Connector, ConnectorKind, Decode, OpenApi, SourceFile};
use crate::json::{pointer, Node};

/// Top-level keys of an OpenAPI 2.0 document.
const TOP_KEYS: &[&str] = &[
    "swagger",
    "info",
    "host",
    "basePath",
    "schemes",
    "consumes",
    "produces",
    "paths",
    "definitions",
    "parameters",
    "responses",
    "securityDefinitions",
    "security",
    "tags",
    "externalDocs",
];

/// Reports why a JSON file cannot be read (JSON-VALID), with its position. Returns true when
/// the file is readable enough for the other rules.
pub(super) fn readability(file: &SourceFile, out: &mut Vec<Finding>, kind: ConnectorKind) -> bool {
    let mut sink = Sink::new(file, kind, out);
    match file.decode {
        Decode::TooLarge => {
            let mb = file.size as f64 / 1_000_000.0;
            sink.at(
                RuleId::JsonValid,
                0,
                "",
                format!(
                    "the file is {mb:.1} MB, too large to be a connector file (limit {} MB)",
                    crate::document::MAX_FILE_BYTES / 1_000_000
                ),
                "Check that this is the right file; a swagger should stay under 1 MB.",
            );
            return false;
        }
        Decode::Invalid { byte, offset } => {
            let (line, col) = file.line_col(offset);
            sink.at(
                RuleId::JsonValid,
                offset,
                "",
                format!("the file is not UTF-8: byte 0x{byte:02X} at line {line}, column {col}"),
                "Save the file as UTF-8 (paconn and the validators read UTF-8 only).",
            );
        }
        Decode::Utf8 => {}
    }
    match &file.parsed {
        Some(Err(e)) => {
            let help = if file.size == 0 || file.text.trim().is_empty() {
                "Fill the file with the connector's JSON, or remove it."
            } else {
                "Fix the JSON at that position; the other rules run once the file parses."
            };
            sink.at(
                RuleId::JsonValid,
                e.offset,
                "",
                format!("invalid JSON: {}", e.message),
                help,
            );
            false
        }
        _ => true,
    }
}

/// The document-level rules of the swagger. Returns the root when the other swagger rules
/// can run (the file is readable JSON and an object).
pub(super) fn check<'a>(c: &Connector, sink: &mut Sink<'a>) -> Option<&'a Node> {
    let file = sink.file;
    if !readability(file, sink.out, sink.kind) {
        size(file, sink);
        return None;
    }
    size(file, sink);
    if c.swagger_misnamed && !c.lone_file {
        let name = file
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        sink.at(
            RuleId::FileSwaggerName,
            0,
            "",
            format!("the swagger is named \"{name}\""),
            "Rename it to apiDefinition.swagger.json: other names are rejected.",
        );
    }
    let root = file.json()?;
    if !root.is_object() {
        sink.node(
            RuleId::Swagger20,
            root,
            "",
            format!("the document is a JSON {}, not an object", root.type_name()),
            "The swagger must be an OpenAPI 2.0 object.",
        );
        return None;
    }
    version(root, sink);
    Some(root)
}

fn size(file: &SourceFile, sink: &mut Sink) {
    if file.size > 1_000_000 {
        sink.at(
            RuleId::Size1Mb,
            0,
            "",
            format!("the swagger is {:.2} MB; the guidance is at most 1 MB", file.size as f64 / 1_000_000.0),
            "Consider splitting the service into several connectors, or trim unused operations and schemas.",
        );
    }
}

fn version(root: &Node, sink: &mut Sink) {
    match root.get("swagger") {
        Some(v) if v.as_str() == Some("2.0") => {}
        Some(v) => sink.node(
            RuleId::Swagger20,
            v,
            "/swagger",
            format!("\"swagger\" is {}, not \"2.0\"", show(v)),
            "Set \"swagger\": \"2.0\"; only OpenAPI 2.0 is accepted.",
        ),
        None => {
            let msg = if root.get("openapi").is_some() {
                "the document is OpenAPI 3 (\"openapi\"); connectors must be OpenAPI 2.0"
                    .to_string()
            } else {
                "the \"swagger\": \"2.0\" key is missing".to_string()
            };
            sink.node(
                RuleId::Swagger20,
                root,
                "",
                msg,
                "Use an OpenAPI 2.0 document with \"swagger\": \"2.0\".",
            );
        }
    }
}

/// EXT-PREFIX: the top-level keys.
pub(super) fn extension_keys(root: &Node, sink: &mut Sink) {
    for m in root.as_object().unwrap_or(&[]) {
        if !m.key.starts_with("x-") && !TOP_KEYS.contains(&m.key.as_str()) {
            let hint = if m.key == "scriptOperations" {
                "scriptOperations belongs in apiProperties.json, not in the swagger."
            } else {
                "Remove it, or prefix extension keys with \"x-\"."
            };
            sink.at(
                RuleId::ExtPrefix,
                m.key_span.start,
                &pointer::join("", &m.key),
                format!("\"{}\" is not an OpenAPI 2.0 key", m.key),
                hint,
            );
        }
    }
}

fn mime_ok(s: &str) -> bool {
    let base = s.split(';').next().unwrap_or("").trim();
    let Some((t, sub)) = base.split_once('/') else {
        return false;
    };
    matches!(
        t,
        "application"
            | "text"
            | "multipart"
            | "image"
            | "audio"
            | "video"
            | "*"
            | "font"
            | "message"
            | "model"
    ) && !sub.is_empty()
        && !sub.contains(char::is_whitespace)
}

/// MIME on one list; `ptr` builds its pointer (only for a finding: most lists are fine).
fn mime_list(node: &Node, ptr: impl Fn() -> String, sink: &mut Sink) {
    match node.as_array() {
        Some(items) => {
            for (i, it) in items.iter().enumerate() {
                if !it.as_str().is_some_and(mime_ok) {
                    sink.node(RuleId::Mime, it, &format!("{}/{i}", ptr()), format!("{} is not a valid MIME type", show(it)), "Use a type such as application/json, text/plain, multipart/form-data or application/x-www-form-urlencoded.");
                }
            }
        }
        None => {
            let ptr = ptr();
            sink.node(
                RuleId::Mime,
                node,
                &ptr,
                format!("{ptr} is a {}, not a list", node.type_name()),
                "Use a list such as [\"application/json\"].",
            )
        }
    }
}

/// MIME: `consumes` and `produces` of the document and of each operation.
pub(super) fn mime(api: &OpenApi, sink: &mut Sink) {
    let root = api.root();
    for key in ["consumes", "produces"] {
        if let Some(n) = root.get(key) {
            mime_list(n, || format!("/{key}"), sink);
        }
    }
    for op in api.operations() {
        for key in ["consumes", "produces"] {
            if let Some(n) = op.get(key) {
                let ptr = || format!("{}/{}/{key}", pointer::join("/paths", op.path), op.method);
                mime_list(n, ptr, sink);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testutil::*;
    use serde_json::json;

    #[test]
    fn good_swagger_has_no_document_findings() {
        let fs = findings_of(&good_swagger());
        assert!(fs.is_empty(), "{fs:#?}");
    }

    #[test]
    fn invalid_json_reports_position() {
        let fs = swagger_findings("{\n  \"swagger\": \"2.0\",\n  \"info\": {}\n  \"host\": 1\n}");
        assert_eq!(ids(&fs), vec!["JSON-VALID"]);
        assert_eq!((fs[0].line, fs[0].column), (4, 3));
        let fs = swagger_findings("");
        assert_eq!(ids(&fs), vec!["JSON-VALID"]);
        assert!(fs[0].message.contains("empty"));
    }

    #[test]
    fn extension_and_mime_rules() {
        let fs = with(|v| v["scriptOperations"] = json!([]));
        assert_eq!(ids(&fs), vec!["EXT-PREFIX"]);
        assert!(fs[0].help.contains("apiProperties"));
        assert!(ids(&with(|v| v["x-custom"] = json!(1))).is_empty());
        assert_eq!(
            ids(&with(|v| v["produces"] = json!(["json"]))),
            vec!["MIME"]
        );
        let fs = with(|v| v["paths"]["/tasks/{taskId}"]["get"]["consumes"] = json!(["text"]));
        assert_eq!(ids(&fs), vec!["MIME"]);
        assert_eq!(fs[0].pointer, "/paths/~1tasks~1{taskId}/get/consumes/0");
    }

    #[test]
    fn size_and_encoding() {
        let mut v = good_swagger();
        v["x-pad"] = json!("x".repeat(1_000_100));
        let fs = findings_of(&v);
        assert_eq!(ids(&fs), vec!["SIZE-1MB"]);
        let mut bytes = text(&good_swagger()).into_bytes();
        let pos = bytes.windows(7).position(|w| w == b"Contoso").unwrap();
        bytes[pos] = 0xC9; // cp1252 'É'
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("apiDefinition.swagger.json"), &bytes).unwrap();
        let c = Connector::load(dir.path(), None).unwrap();
        let fs = crate::rules::check(&c, &Default::default());
        let enc: Vec<_> = fs.iter().filter(|f| f.rule == "JSON-VALID").collect();
        assert_eq!(enc.len(), 1);
        assert!(enc[0].message.contains("not UTF-8"), "{}", enc[0].message);
        assert_eq!(enc[0].line, 4);
    }
}
