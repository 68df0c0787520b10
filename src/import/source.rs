//! Reading an API description: a size limit, the encoding, JSON or YAML, into a small tree
//! that remembers the line of every value so that a problem found later in the conversion
//! can point at the source (`line_of`).

use super::yaml;
use super::ImportError;
use crate::json::{LineIndex, Node, Value as JValue};
use serde_json::{Map, Number, Value};
use std::io::Read;
use std::path::Path;

/// Files larger than this are refused before they are read. The largest public API
/// descriptions (GitHub's, Stripe's) stay well under it.
pub const MAX_IMPORT_BYTES: u64 = 32_000_000;

/// The syntax the document was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Yaml,
}

/// A value of the source with its 1-based line.
#[derive(Debug, Clone, PartialEq)]
pub struct SNode {
    pub line: usize,
    pub value: SValue,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SValue {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<SNode>),
    /// Members in source order; keys are unique.
    Object(Vec<(String, SNode)>),
}

impl SNode {
    pub fn new(line: usize, value: SValue) -> SNode {
        SNode { line, value }
    }

    /// The number of values in this subtree (itself included).
    pub fn size(&self) -> usize {
        1 + match &self.value {
            SValue::Array(items) => items.iter().map(SNode::size).sum(),
            SValue::Object(members) => members.iter().map(|(_, v)| v.size()).sum(),
            _ => 0,
        }
    }

    /// The value as `serde_json` (key order kept).
    pub fn to_serde(&self) -> Value {
        match &self.value {
            SValue::Null => Value::Null,
            SValue::Bool(b) => Value::Bool(*b),
            SValue::Number(n) => Value::Number(n.clone()),
            SValue::String(s) => Value::String(s.clone()),
            SValue::Array(items) => Value::Array(items.iter().map(SNode::to_serde).collect()),
            SValue::Object(members) => {
                let mut map = Map::with_capacity(members.len());
                for (k, v) in members {
                    map.insert(k.clone(), v.to_serde());
                }
                Value::Object(map)
            }
        }
    }

    /// The line of the value at an RFC 6901 pointer, or of its deepest existing ancestor.
    pub fn line_of(&self, pointer: &str) -> usize {
        let mut node = self;
        if pointer.is_empty() {
            return node.line;
        }
        for raw in pointer.trim_start_matches('/').split('/') {
            let token = crate::json::pointer::unescape_token(raw);
            let next = match &node.value {
                SValue::Object(members) => members.iter().find(|(k, _)| *k == token).map(|m| &m.1),
                SValue::Array(items) => token.parse::<usize>().ok().and_then(|i| items.get(i)),
                _ => None,
            };
            match next {
                Some(n) => node = n,
                None => break,
            }
        }
        node.line
    }
}

/// A parsed API description.
#[derive(Debug, Clone)]
pub struct SourceDoc {
    /// The file as shown to the user.
    pub name: String,
    pub format: Format,
    pub root: SNode,
}

impl SourceDoc {
    /// The line of a pointer into the document (see [`SNode::line_of`]).
    pub fn line_of(&self, pointer: &str) -> usize {
        self.root.line_of(pointer)
    }
}

/// Reads and parses a file. A file over [`MAX_IMPORT_BYTES`] is refused without reading it.
pub fn read_source(path: &Path) -> Result<SourceDoc, ImportError> {
    let name = path.display().to_string();
    let io = |e: std::io::Error| {
        ImportError::file(
            &name,
            format!("cannot read it: {e}"),
            "Check the path and that the file is readable.",
        )
    };
    let mut f = std::fs::File::open(path).map_err(io)?;
    let meta = f.metadata().map_err(io)?;
    if meta.is_dir() {
        return Err(ImportError::file(
            &name,
            "is a folder, not a file".into(),
            "Give the OpenAPI or Swagger file itself (JSON or YAML).",
        ));
    }
    check_size(&name, meta.len())?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // Read one byte more than the limit, in case the file grew since the metadata.
    f.by_ref()
        .take(MAX_IMPORT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    check_size(&name, bytes.len() as u64)?;
    parse_source(&bytes, &name)
}

fn check_size(name: &str, size: u64) -> Result<(), ImportError> {
    if size > MAX_IMPORT_BYTES {
        return Err(ImportError::file(
            name,
            format!(
                "the file is {:.1} MB, over the import limit of {} MB",
                size as f64 / 1_000_000.0,
                MAX_IMPORT_BYTES / 1_000_000
            ),
            "Check that this is an API description; split a very large one and import the parts you need.",
        ));
    }
    Ok(())
}

/// Parses the bytes of an API description: JSON when it starts with `{` or `[`, else YAML.
pub fn parse_source(bytes: &[u8], name: &str) -> Result<SourceDoc, ImportError> {
    check_size(name, bytes.len() as u64)?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let offset = e.valid_up_to();
            let valid = std::str::from_utf8(&bytes[..offset]).unwrap_or("");
            let (line, column) = LineIndex::new(valid).line_col(valid, offset);
            return Err(ImportError::at(
                name,
                line,
                column,
                "",
                format!("the file is not UTF-8 (byte 0x{:02X})", bytes[offset]),
                "Save the file as UTF-8.",
            ));
        }
    };
    if text.trim().is_empty() {
        return Err(ImportError::file(
            name,
            "the file is empty".into(),
            "Give an OpenAPI 3 or Swagger 2.0 document.",
        ));
    }
    let first = text.trim_start().as_bytes()[0];
    if first == b'{' || first == b'[' {
        let lines = LineIndex::new(text);
        let node = crate::json::parse(text).map_err(|e| {
            let (line, column) = lines.line_col(text, e.offset);
            ImportError::at(
                name,
                line,
                column,
                "",
                format!("invalid JSON: {}", e.message),
                "Fix the JSON at that position.",
            )
        })?;
        Ok(SourceDoc {
            name: name.to_string(),
            format: Format::Json,
            root: from_json(&node, text, &lines),
        })
    } else {
        let root = yaml::parse(text)
            .map_err(|e| ImportError::at(name, e.line, e.column, "", e.message, &e.help))?;
        Ok(SourceDoc {
            name: name.to_string(),
            format: Format::Yaml,
            root,
        })
    }
}

fn from_json(node: &Node, text: &str, lines: &LineIndex) -> SNode {
    let line = lines.line_col(text, node.span.start).0;
    let value = match &node.value {
        JValue::Null => SValue::Null,
        JValue::Bool(b) => SValue::Bool(*b),
        JValue::Number(_) => match node.to_serde() {
            Value::Number(n) => SValue::Number(n),
            _ => SValue::Null,
        },
        JValue::String(s) => SValue::String(s.to_string()),
        JValue::Array(items) => {
            SValue::Array(items.iter().map(|i| from_json(i, text, lines)).collect())
        }
        JValue::Object(_) => SValue::Object(
            node.entries()
                .map(|(k, v)| (k.to_string(), from_json(v, text, lines)))
                .collect(),
        ),
    };
    SNode { line, value }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_and_yaml_give_the_same_tree() {
        let j = parse_source(
            b"{\n  \"a\": [1, 2.5, \"x\"],\n  \"b\": {\"c\": null, \"d\": true}\n}",
            "a.json",
        )
        .unwrap();
        let y = parse_source(
            b"a:\n  - 1\n  - 2.5\n  - x\nb:\n  c: ~\n  d: true\n",
            "a.yaml",
        )
        .unwrap();
        assert_eq!(j.format, Format::Json);
        assert_eq!(y.format, Format::Yaml);
        assert_eq!(j.root.to_serde(), y.root.to_serde());
        assert_eq!(j.line_of("/b/d"), 3);
        assert_eq!(y.line_of("/b/d"), 7);
        assert_eq!(y.line_of("/a/2"), 4);
        // A missing pointer gives its deepest existing ancestor's line.
        assert_eq!(y.line_of("/b/zzz/1"), 5);
    }

    #[test]
    fn bad_bytes_are_located() {
        let e = parse_source(b"a: 1\nb: \xff\n", "x.yaml").unwrap_err();
        assert_eq!((e.line, e.column), (2, 4));
        assert!(e.message.contains("not UTF-8"), "{e}");
        let e = parse_source(b"{\n \"a\": 1,\n}", "x.json").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("invalid JSON"), "{e}");
        let e = parse_source(b"  \n", "x.json").unwrap_err();
        assert!(e.message.contains("empty"), "{e}");
    }
}
