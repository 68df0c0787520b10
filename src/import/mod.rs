//! Import an API description (OpenAPI 3.0/3.1 or Swagger 2.0, JSON or YAML) as a Swagger
//! 2.0 document, the only version Power Platform accepts. Pure functions: reading a file is
//! [`read_source`]; everything else works on memory and never writes.
//!
//! ```no_run
//! use connector_wizard::import::{convert, read_source, ImportOptions};
//! let doc = read_source(std::path::Path::new("openapi.yaml"))?;
//! let imported = convert(&doc, &ImportOptions { operations: vec!["GetTask".into()] })?;
//! for note in &imported.notes {
//!     eprintln!("{}:{}: {}", doc.name, note.line, note.message);
//! }
//! # Ok::<(), connector_wizard::import::ImportError>(())
//! ```
//!
//! - [`source`]: size limit, encoding, JSON or YAML into a tree that keeps lines,
//! - [`yaml`]: the YAML reader, guarded against alias bombs, loops and deep nesting,
//! - [`openapi3`], [`schema`], [`security`]: the OpenAPI 3 → Swagger 2.0 conversion,
//! - [`swagger2`]: a Swagger 2.0 document kept as it is, its operations selected,
//! - [`refs`]: `$ref` checks and the pruning of what no kept operation uses,
//! - [`names`]: operationIds, summaries and descriptions derived from method and path.
//!
//! Nothing is dropped in silence: what Swagger 2.0 cannot express is a [`Note`] with its
//! JSON pointer and line in the source; what the importer invents is a note to review.

pub mod enrich;
pub mod names;
pub mod openapi3;
pub mod refs;
pub mod schema;
pub mod security;
pub mod source;
pub mod swagger2;
pub mod yaml;

pub use source::{parse_source, read_source, Format, SNode, SValue, SourceDoc, MAX_IMPORT_BYTES};

use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;

/// Whether `key` names an operation of a path item of the source document: one of the HTTP
/// methods of Swagger 2.0 ([`HTTP_METHODS`](crate::document::HTTP_METHODS), the program's one
/// list), or `trace`, which OpenAPI 3.x adds and Swagger 2.0 cannot express.
pub fn is_method(key: &str) -> bool {
    crate::document::HTTP_METHODS.contains(&key) || key == "trace"
}

/// Why a document cannot be imported, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// The file, as shown to the user.
    pub file: String,
    /// 1-based line and column; 0 when the problem is the file as a whole.
    pub line: usize,
    pub column: usize,
    /// JSON pointer of the offending value ("" when none).
    pub pointer: String,
    pub message: String,
    /// What to do about it.
    pub help: String,
}

impl ImportError {
    pub(crate) fn file(file: &str, message: String, help: &str) -> ImportError {
        ImportError::at(file, 0, 0, "", message, help)
    }

    pub(crate) fn at(
        file: &str,
        line: usize,
        column: usize,
        pointer: &str,
        message: String,
        help: &str,
    ) -> ImportError {
        ImportError {
            file: file.to_string(),
            line,
            column,
            pointer: pointer.to_string(),
            message,
            help: help.to_string(),
        }
    }

    /// An error about a value of the document, located by its pointer.
    pub(crate) fn in_doc(doc: &SourceDoc, pointer: &str, message: String, help: &str) -> Self {
        ImportError::at(&doc.name, doc.line_of(pointer), 0, pointer, message, help)
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        write!(f, ": {}", self.message)?;
        if !self.pointer.is_empty() {
            write!(f, " [{}]", self.pointer)?;
        }
        if !self.help.is_empty() {
            write!(f, "\n  help: {}", self.help)?;
        }
        Ok(())
    }
}

impl std::error::Error for ImportError {}

/// What kind of remark a [`Note`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoteKind {
    /// Left out: Swagger 2.0 (or Power Platform) cannot express it.
    NotConverted,
    /// Converted, with a change the author should know about.
    Changed,
    /// Invented by the importer (an operationId, a summary, …): review it.
    Review,
}

impl NoteKind {
    pub fn label(self) -> &'static str {
        match self {
            NoteKind::NotConverted => "not converted",
            NoteKind::Changed => "changed",
            NoteKind::Review => "review",
        }
    }
}

/// One remark of the conversion, located in the source document.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Note {
    pub kind: NoteKind,
    /// JSON pointer into the source document.
    pub pointer: String,
    /// 1-based line of that value in the source.
    pub line: usize,
    pub message: String,
}

/// Collects notes; repeated remarks of one kind are grouped into one note with a count.
pub struct Notes<'a> {
    doc: &'a SourceDoc,
    list: Vec<Note>,
    groups: BTreeMap<String, (NoteKind, String, String, usize)>,
}

impl<'a> Notes<'a> {
    pub fn new(doc: &'a SourceDoc) -> Notes<'a> {
        Notes {
            doc,
            list: Vec::new(),
            groups: BTreeMap::new(),
        }
    }

    /// A note at `pointer` of the source.
    pub fn add(&mut self, kind: NoteKind, pointer: &str, message: String) {
        self.list.push(Note {
            kind,
            line: self.doc.line_of(pointer),
            pointer: pointer.to_string(),
            message,
        });
    }

    /// A remark that may repeat: the first place is kept and the others counted.
    pub fn group(&mut self, kind: NoteKind, key: &str, pointer: &str, message: &str) {
        self.groups
            .entry(key.to_string())
            .and_modify(|g| g.3 += 1)
            .or_insert_with(|| (kind, pointer.to_string(), message.to_string(), 1));
    }

    /// The notes in source order (grouped ones say how many places they cover).
    pub fn finish(mut self) -> Vec<Note> {
        for (_, (kind, pointer, message, count)) in std::mem::take(&mut self.groups) {
            let message = if count > 1 {
                format!("{message} ({count} places; the first is here)")
            } else {
                message
            };
            self.add(kind, &pointer, message);
        }
        let mut list = self.list;
        list.sort_by(|a, b| (a.line, &a.pointer, a.kind).cmp(&(b.line, &b.pointer, b.kind)));
        list
    }
}

/// The version of the source document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum SpecVersion {
    #[serde(rename = "2.0")]
    Swagger2,
    #[serde(rename = "3.0")]
    OpenApi30,
    #[serde(rename = "3.1")]
    OpenApi31,
}

impl SpecVersion {
    pub fn label(self) -> &'static str {
        match self {
            SpecVersion::Swagger2 => "Swagger 2.0",
            SpecVersion::OpenApi30 => "OpenAPI 3.0",
            SpecVersion::OpenApi31 => "OpenAPI 3.1",
        }
    }
}

/// Which version a document is, or why it is not an API description at all.
pub fn spec_version(doc: &SourceDoc) -> Result<SpecVersion, ImportError> {
    let SValue::Object(members) = &doc.root.value else {
        return Err(ImportError::in_doc(
            doc,
            "",
            "not an OpenAPI or Swagger document: the file is not a JSON/YAML object".into(),
            "Give an OpenAPI 3.0/3.1 or Swagger 2.0 description of the API.",
        ));
    };
    let get = |k: &str| members.iter().find(|(m, _)| m == k).map(|(_, v)| v);
    let text = |n: &SNode| match &n.value {
        SValue::String(s) => s.clone(),
        SValue::Number(n) => n.to_string(),
        _ => String::new(),
    };
    if let Some(v) = get("openapi") {
        let t = text(v);
        return if t.starts_with("3.0") {
            Ok(SpecVersion::OpenApi30)
        } else if t.starts_with("3.1") {
            Ok(SpecVersion::OpenApi31)
        } else {
            Err(ImportError::in_doc(
                doc,
                "/openapi",
                format!("OpenAPI version \"{t}\" is not supported"),
                "Give an OpenAPI 3.0 or 3.1 document (or Swagger 2.0).",
            ))
        };
    }
    if let Some(v) = get("swagger") {
        let t = text(v);
        return if t == "2.0" {
            Ok(SpecVersion::Swagger2)
        } else {
            Err(ImportError::in_doc(
                doc,
                "/swagger",
                format!("Swagger version \"{t}\" is not supported"),
                "Give a Swagger 2.0 or OpenAPI 3 document.",
            ))
        };
    }
    Err(ImportError::in_doc(
        doc,
        "",
        "not an OpenAPI or Swagger document: it has neither an \"openapi\" nor a \"swagger\" key"
            .into(),
        "Give an OpenAPI 3.0/3.1 or Swagger 2.0 description of the API.",
    ))
}

/// One operation of the source, with the operationId it gets in the connector.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OperationInfo {
    /// The operationId in the connector (the source's, made acceptable, or derived).
    pub operation_id: String,
    /// The source's operationId, when it had one.
    pub source_id: Option<String>,
    pub method: String,
    pub path: String,
    /// The source's summary, when it had one.
    pub summary: Option<String>,
    /// JSON pointer of the operation in the source.
    pub pointer: String,
}

impl OperationInfo {
    /// Whether `wanted` names this operation: its connector or source operationId (any case),
    /// or `METHOD /path`.
    pub fn matches(&self, wanted: &str) -> bool {
        let w = wanted.trim();
        self.operation_id.eq_ignore_ascii_case(w)
            || self
                .source_id
                .as_deref()
                .is_some_and(|s| s.eq_ignore_ascii_case(w))
            || w.split_once(' ')
                .is_some_and(|(m, p)| m.eq_ignore_ascii_case(&self.method) && p.trim() == self.path)
    }
}

/// Every operation of the document in source order, with unique operationIds.
pub fn list_operations(doc: &SourceDoc) -> Result<Vec<OperationInfo>, ImportError> {
    spec_version(doc)?;
    let mut out: Vec<OperationInfo> = Vec::new();
    let SValue::Object(root) = &doc.root.value else {
        return Ok(out);
    };
    let Some((_, paths)) = root.iter().find(|(k, _)| k == "paths") else {
        return Ok(out);
    };
    let SValue::Object(paths) = &paths.value else {
        return Err(ImportError::in_doc(
            doc,
            "/paths",
            "\"paths\" is not an object".into(),
            "Make paths an object of path templates.",
        ));
    };
    let mut taken: Vec<String> = Vec::new();
    for (path, item) in paths {
        let SValue::Object(methods) = &item.value else {
            continue;
        };
        for (method, op) in methods {
            if !is_method(method) {
                continue;
            }
            let SValue::Object(fields) = &op.value else {
                continue;
            };
            let field = |k: &str| {
                fields
                    .iter()
                    .find(|(f, _)| f == k)
                    .and_then(|(_, v)| match &v.value {
                        SValue::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
                        _ => None,
                    })
            };
            let source_id = field("operationId");
            let base = match &source_id {
                Some(id) => names::sanitize_operation_id(id).unwrap_or_else(|| id.clone()),
                None => names::operation_id(method, path),
            };
            let mut id = base.clone();
            let mut n = 2;
            while taken.iter().any(|t| t.eq_ignore_ascii_case(&id)) {
                id = format!("{base}{n}");
                n += 1;
            }
            taken.push(id.clone());
            out.push(OperationInfo {
                operation_id: id,
                source_id,
                method: method.clone(),
                path: path.clone(),
                summary: field("summary"),
                pointer: format!("{}/{method}", crate::json::pointer::join("/paths", path)),
            });
        }
    }
    Ok(out)
}

/// What to import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The operations to keep (operationIds or `METHOD /path`); empty keeps them all.
    pub operations: Vec<String>,
}

/// The result of an import.
#[derive(Debug, Clone)]
pub struct Imported {
    pub version: SpecVersion,
    /// The Swagger 2.0 document (key order as it should be written).
    pub swagger: Value,
    /// The operations kept, in source order.
    pub operations: Vec<OperationInfo>,
    /// What was left out, changed or invented, with its place in the source.
    pub notes: Vec<Note>,
}

impl Imported {
    /// The document as pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut s =
            serde_json::to_string_pretty(&self.swagger).expect("a JSON value always serializes");
        s.push('\n');
        s
    }
}

/// Converts a document to Swagger 2.0, keeping the operations `opts` selects. Fails on
/// anything that is not an API description, an unknown operation name, or a `$ref` that
/// does not resolve; everything else is converted or noted.
pub fn convert(doc: &SourceDoc, opts: &ImportOptions) -> Result<Imported, ImportError> {
    let version = spec_version(doc)?;
    let all = list_operations(doc)?;
    let keep = select(doc, &all, &opts.operations)?;
    let root = doc.root.to_serde();
    let mut notes = Notes::new(doc);
    let swagger = match version {
        SpecVersion::Swagger2 => swagger2::convert(doc, &root, &keep, &mut notes)?,
        SpecVersion::OpenApi30 | SpecVersion::OpenApi31 => {
            openapi3::convert(doc, &root, version, &keep, &mut notes)?
        }
    };
    Ok(Imported {
        version,
        swagger,
        operations: keep,
        notes: notes.finish(),
    })
}

/// The operations to keep: all when `wanted` is empty, else each one named (an unknown name
/// is an error that lists the close ones).
fn select(
    doc: &SourceDoc,
    all: &[OperationInfo],
    wanted: &[String],
) -> Result<Vec<OperationInfo>, ImportError> {
    if all.is_empty() {
        return Err(ImportError::in_doc(
            doc,
            "/paths",
            "the document has no operations".into(),
            "Import a document whose paths hold operations, or start blank with `connector-wizard new`.",
        ));
    }
    if wanted.is_empty() {
        return Ok(all.to_vec());
    }
    let mut unknown = Vec::new();
    for w in wanted {
        if !all.iter().any(|o| o.matches(w)) {
            unknown.push(w.clone());
        }
    }
    if !unknown.is_empty() {
        let hints: Vec<String> = unknown
            .iter()
            .flat_map(|u| {
                let u = u.to_ascii_lowercase();
                all.iter()
                    .filter(move |o| {
                        let id = o.operation_id.to_ascii_lowercase();
                        id.contains(&u) || u.contains(&id)
                    })
                    .map(|o| o.operation_id.clone())
            })
            .take(5)
            .collect();
        let help = if hints.is_empty() {
            "List the operations with --list and give their operationIds.".to_string()
        } else {
            format!(
                "Did you mean {}? --list shows every operation.",
                hints.join(", ")
            )
        };
        return Err(ImportError::file(
            &doc.name,
            format!("no operation {} in the document", unknown.join(", ")),
            &help,
        ));
    }
    Ok(all
        .iter()
        .filter(|o| wanted.iter().any(|w| o.matches(w)))
        .cloned()
        .collect())
}
