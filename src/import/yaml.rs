//! YAML 1.2 (core schema) into the line-aware tree, built from saphyr's event stream with an
//! explicit stack, so that hostile input cannot exhaust the stack or the memory:
//!
//! - nesting deeper than [`MAX_DEPTH`] is refused,
//! - an alias is expanded by copying its anchor's value, and the values produced in all (the
//!   copies included) may not exceed [`MAX_VALUES`]: "billion laughs" documents stop early,
//! - an alias that points into the value still being built (`&a [*a]`, a loop) is refused,
//! - only one document per file; keys must be scalars and unique; `<<` merge keys are honoured.

use super::source::{SNode, SValue};
use saphyr_parser::{Event, Parser, ScalarStyle, Span, Tag};
use serde_json::Number;
use std::collections::HashMap;

/// Maximum nesting of sequences and mappings.
pub const MAX_DEPTH: usize = 256;
/// Maximum number of values a document may produce once its aliases are expanded.
pub const MAX_VALUES: usize = 5_000_000;

/// Why a text is not usable YAML, and where (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub help: String,
}

fn err(span: &Span, message: String, help: &str) -> YamlError {
    YamlError {
        line: span.start.line(),
        column: span.start.col() + 1,
        message,
        help: help.to_string(),
    }
}

enum Frame {
    Seq {
        line: usize,
        anchor: usize,
        items: Vec<SNode>,
    },
    Map {
        line: usize,
        anchor: usize,
        members: Vec<(String, SNode)>,
        /// Values of `<<` merge keys, applied when the mapping ends.
        merges: Vec<SNode>,
        /// The pending key and its line (a value is located at its key).
        key: Option<(String, usize)>,
    },
}

enum Anchor {
    /// Started but not finished: an alias to it is a loop.
    Open,
    Done(SNode),
}

struct Builder {
    stack: Vec<Frame>,
    anchors: HashMap<usize, Anchor>,
    produced: usize,
    root: Option<SNode>,
}

/// Parses one YAML document.
pub fn parse(text: &str) -> Result<SNode, YamlError> {
    let mut b = Builder {
        stack: Vec::new(),
        anchors: HashMap::new(),
        produced: 0,
        root: None,
    };
    let mut documents = 0;
    for item in Parser::new_from_str(text) {
        let (event, span) = item.map_err(|e| {
            let deep = e.info().contains("recursion limit");
            YamlError {
                line: e.marker().line(),
                column: e.marker().col() + 1,
                message: if deep {
                    "the document is nested too deeply to be an API description".into()
                } else {
                    format!("invalid YAML: {}", e.info())
                },
                help: if deep {
                    "Check the file: no API description nests this deep.".into()
                } else {
                    "Fix the YAML at that position (indentation, a missing colon or quote).".into()
                },
            }
        })?;
        match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(err(
                        &span,
                        "the file holds more than one YAML document".into(),
                        "Keep only the API description (remove the extra `---` documents).",
                    ));
                }
            }
            Event::Scalar(value, style, anchor, tag) => {
                let line = span.start.line();
                if b.expects_key() {
                    let key = value.into_owned();
                    if anchor != 0 {
                        let node = SNode::new(line, SValue::String(key.clone()));
                        b.anchors.insert(anchor, Anchor::Done(node));
                    }
                    b.set_key(key, &span)?;
                    continue;
                }
                let node = SNode::new(line, scalar(&value, style, tag.as_deref()));
                if anchor != 0 {
                    b.anchors.insert(anchor, Anchor::Done(node.clone()));
                }
                b.count(1, &span)?;
                b.push(node, &span)?;
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if b.expects_key() {
                    return Err(err(
                        &span,
                        "a mapping key is a list or a mapping".into(),
                        "Use plain text keys (OpenAPI keys are names, paths and status codes).",
                    ));
                }
                if b.stack.len() >= MAX_DEPTH {
                    return Err(err(
                        &span,
                        format!("the document is nested more than {MAX_DEPTH} levels deep"),
                        "Check the file: no API description nests this deep.",
                    ));
                }
                if anchor != 0 {
                    b.anchors.insert(anchor, Anchor::Open);
                }
                let line = span.start.line();
                b.count(1, &span)?;
                b.stack.push(if matches!(event, Event::SequenceStart(..)) {
                    Frame::Seq {
                        line,
                        anchor,
                        items: Vec::new(),
                    }
                } else {
                    Frame::Map {
                        line,
                        anchor,
                        members: Vec::new(),
                        merges: Vec::new(),
                        key: None,
                    }
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = b.stack.pop() else {
                    continue;
                };
                let (node, anchor) = match frame {
                    Frame::Seq {
                        line,
                        anchor,
                        items,
                    } => (SNode::new(line, SValue::Array(items)), anchor),
                    Frame::Map {
                        line,
                        anchor,
                        mut members,
                        merges,
                        ..
                    } => {
                        merge(&mut members, merges, &span)?;
                        (SNode::new(line, SValue::Object(members)), anchor)
                    }
                };
                if anchor != 0 {
                    b.anchors.insert(anchor, Anchor::Done(node.clone()));
                }
                b.push(node, &span)?;
            }
            Event::Alias(id) => {
                let node = match b.anchors.get(&id) {
                    Some(Anchor::Done(n)) => n.clone_with_line(span.start.line()),
                    Some(Anchor::Open) => {
                        return Err(err(
                            &span,
                            "an alias refers to the value that contains it (an anchor loop)".into(),
                            "Remove the alias or point it at a value defined before it.",
                        ))
                    }
                    None => {
                        return Err(err(
                            &span,
                            "an alias refers to an unknown anchor".into(),
                            "Define the anchor (&name) before the alias (*name).",
                        ))
                    }
                };
                if b.expects_key() {
                    match node.value {
                        SValue::String(s) => {
                            b.set_key(s, &span)?;
                            continue;
                        }
                        _ => {
                            return Err(err(
                                &span,
                                "an alias used as a mapping key is not text".into(),
                                "Use plain text keys.",
                            ))
                        }
                    }
                }
                b.count(node.size(), &span)?;
                b.push(node, &span)?;
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
        }
    }
    b.root.ok_or_else(|| YamlError {
        line: 1,
        column: 1,
        message: "the file holds no YAML document".into(),
        help: "Give an OpenAPI 3 or Swagger 2.0 document.".into(),
    })
}

impl SNode {
    /// A copy whose top line is `line` (an alias is reported where it is used).
    fn clone_with_line(&self, line: usize) -> SNode {
        let mut n = self.clone();
        n.line = line;
        n
    }
}

impl Builder {
    fn expects_key(&self) -> bool {
        matches!(self.stack.last(), Some(Frame::Map { key: None, .. }))
    }

    fn set_key(&mut self, key: String, span: &Span) -> Result<(), YamlError> {
        if let Some(Frame::Map {
            members, key: k, ..
        }) = self.stack.last_mut()
        {
            let line = span.start.line();
            if key != "<<" && members.iter().any(|(m, _)| *m == key) {
                return Err(err(
                    span,
                    format!("the key \"{key}\" appears twice in the same mapping"),
                    "Remove one of them: YAML keys must be unique.",
                ));
            }
            *k = Some((key, line));
        }
        Ok(())
    }

    fn count(&mut self, n: usize, span: &Span) -> Result<(), YamlError> {
        self.produced = self.produced.saturating_add(n);
        if self.produced > MAX_VALUES {
            return Err(err(
                span,
                format!(
                    "the document expands to more than {MAX_VALUES} values (aliases repeating aliases: a \"billion laughs\" file?)"
                ),
                "Check the file's anchors (&) and aliases (*); a real API description never expands this much.",
            ));
        }
        Ok(())
    }

    fn push(&mut self, node: SNode, span: &Span) -> Result<(), YamlError> {
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                members,
                merges,
                key,
                ..
            }) => match key.take() {
                Some((k, _)) if k == "<<" => merges.push(node),
                Some((k, line)) => members.push((k, SNode { line, ..node })),
                None => {
                    return Err(err(
                        span,
                        "a mapping value has no key".into(),
                        "Check the indentation around this line.",
                    ))
                }
            },
        }
        Ok(())
    }
}

/// Applies `<<` merge keys: members of the merged mappings that the mapping does not set.
fn merge(
    members: &mut Vec<(String, SNode)>,
    merges: Vec<SNode>,
    span: &Span,
) -> Result<(), YamlError> {
    for m in merges {
        let sources = match m.value {
            SValue::Object(o) => vec![o],
            SValue::Array(items) => items
                .into_iter()
                .map(|i| match i.value {
                    SValue::Object(o) => Ok(o),
                    _ => Err(()),
                })
                .collect::<Result<_, _>>()
                .map_err(|_| {
                    err(
                        span,
                        "a `<<` merge list holds something other than mappings".into(),
                        "Merge only mappings.",
                    )
                })?,
            _ => {
                return Err(err(
                    span,
                    "a `<<` merge key's value is not a mapping".into(),
                    "Merge only mappings.",
                ))
            }
        };
        for source in sources {
            for (k, v) in source {
                if !members.iter().any(|(m, _)| *m == k) {
                    members.push((k, v));
                }
            }
        }
    }
    Ok(())
}

/// Resolves a scalar with the YAML 1.2 core schema: quoted and block scalars are text;
/// plain ones may be null, booleans or numbers.
fn scalar(text: &str, style: ScalarStyle, tag: Option<&Tag>) -> SValue {
    if let Some(t) = tag.filter(|t| t.is_yaml_core_schema()) {
        match t.suffix.as_str() {
            "str" => return SValue::String(text.to_string()),
            "null" => return SValue::Null,
            "bool" | "int" | "float" => return plain(text),
            _ => {}
        }
    }
    if style != ScalarStyle::Plain || tag.is_some() {
        return SValue::String(text.to_string());
    }
    plain(text)
}

fn plain(text: &str) -> SValue {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return SValue::Null,
        "true" | "True" | "TRUE" => return SValue::Bool(true),
        "false" | "False" | "FALSE" => return SValue::Bool(false),
        _ => {}
    }
    if let Some(n) = number(text) {
        return SValue::Number(n);
    }
    SValue::String(text.to_string())
}

fn number(t: &str) -> Option<Number> {
    let b = t.as_bytes();
    let first = *b.first()?;
    if !(first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.')) {
        return None;
    }
    if let Some(h) = t.strip_prefix("0x") {
        return u64::from_str_radix(h, 16).ok().map(Number::from);
    }
    if let Some(o) = t.strip_prefix("0o") {
        return u64::from_str_radix(o, 8).ok().map(Number::from);
    }
    let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
    if !digits.is_empty() && digits.bytes().all(|c| c.is_ascii_digit()) {
        if let Ok(i) = t.parse::<i64>() {
            return Some(Number::from(i));
        }
        if let Ok(u) = digits.parse::<u64>() {
            if !t.starts_with('-') {
                return Some(Number::from(u));
            }
        }
    }
    // Floats: digits with a dot and/or an exponent (no `.inf`/`.nan`: JSON has none).
    let ok = digits.bytes().any(|c| c.is_ascii_digit())
        && digits
            .bytes()
            .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'-' | b'+'))
        && !digits.starts_with(['e', 'E']);
    if ok {
        return t.parse::<f64>().ok().and_then(Number::from_f64);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn v(text: &str) -> serde_json::Value {
        parse(text).unwrap().to_serde()
    }

    #[test]
    fn core_schema_scalars() {
        assert_eq!(
            v("a: 1\nb: -2.5\nc: 'x'\nd: yes\ne: ~\nf: 0x1F\ng: \"1\"\nh: 1e3\ni: .inf\nj: 1.0.1\nk: !!str 7\n"),
            json!({"a": 1, "b": -2.5, "c": "x", "d": "yes", "e": null, "f": 31, "g": "1",
                   "h": 1000.0, "i": ".inf", "j": "1.0.1", "k": "7"})
        );
        // Status codes as keys stay text.
        assert_eq!(
            v("200:\n  description: ok\n"),
            json!({"200": {"description": "ok"}})
        );
    }

    #[test]
    fn anchors_aliases_and_merge_keys() {
        let t = "base: &b\n  type: object\n  x: 1\nuse: *b\nmerged:\n  <<: *b\n  x: 2\n";
        assert_eq!(
            v(t),
            json!({"base": {"type": "object", "x": 1}, "use": {"type": "object", "x": 1},
                   "merged": {"x": 2, "type": "object"}})
        );
        let n = parse(t).unwrap();
        // The alias is located where it is used.
        assert_eq!(n.line_of("/use"), 4);
    }

    #[test]
    fn hostile_documents_are_refused_with_a_position() {
        // Billion laughs.
        let mut t = String::from("a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for i in 1..10 {
            let p = i - 1;
            t.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let e = parse(&t).unwrap_err();
        assert!(e.message.contains("billion laughs"), "{e:?}");
        assert!(e.line >= 7, "{e:?}");
        // An anchor loop.
        let e = parse("a: &x\n  b: *x\n").unwrap_err();
        assert!(e.message.contains("anchor loop"), "{e:?}");
        assert_eq!(e.line, 2);
        // Deep nesting.
        let deep = "[".repeat(MAX_DEPTH + 10);
        let e = parse(&deep).unwrap_err();
        assert!(e.message.contains("nested"), "{e:?}");
        let deep = "a:\n".to_string() + &"  - ".repeat(MAX_DEPTH + 10) + "x\n";
        assert!(parse(&deep).unwrap_err().message.contains("nested"));
        // Unknown anchors, duplicate keys, several documents, syntax errors.
        assert!(parse("a: *nope\n").unwrap_err().message.contains("anchor"));
        let e = parse("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!((e.line, e.message.contains("twice")), (3, true), "{e:?}");
        assert!(parse("a: 1\n---\nb: 2\n")
            .unwrap_err()
            .message
            .contains("more than one"));
        let e = parse("a: [1, 2\nb: 3\n").unwrap_err();
        assert!(e.message.starts_with("invalid YAML"), "{e:?}");
    }
}
