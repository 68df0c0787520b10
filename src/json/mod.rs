//! A span-aware JSON reader and a minimal-diff writer.
//!
//! [`parse`] builds a tree in which every value and every object key keeps the byte range
//! it came from. Rules use the ranges to report file, line, column and JSON pointer; the
//! editor and `check --fix` use them to change one value while every other byte of the file
//! (key order, indentation, escapes, duplicate keys) stays as it was.

pub mod edit;
pub mod lines;
pub mod parse;
pub mod pointer;
pub mod splice;

pub use edit::{apply_edits, encode_string, TextEdit};
pub use lines::LineIndex;
pub use parse::{parse, parse_with_limits, Limits, ParseError};

/// A byte range `[start, end)` in the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// A JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Node>),
    Object(Vec<Member>),
}

/// A value with the span of its source text (for strings, including the quotes).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Span,
}

/// One `"key": value` pair of an object. Duplicate keys are all kept, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub key: String,
    pub key_span: Span,
    pub value: Node,
}

impl Node {
    /// The member `key` of an object (the last one when a key is repeated, as most
    /// parsers do), or `None` for a missing key or a non-object.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.member(key).map(|m| &m.value)
    }

    /// The member (with its key span) `key` of an object.
    pub fn member(&self, key: &str) -> Option<&Member> {
        match &self.value {
            Value::Object(members) => members.iter().rev().find(|m| m.key == key),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_bool(&self) -> Option<bool> {
        match self.value {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }
    pub fn as_f64(&self) -> Option<f64> {
        match self.value {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }
    pub fn as_array(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }
    pub fn as_object(&self) -> Option<&[Member]> {
        match &self.value {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }
    pub fn is_object(&self) -> bool {
        matches!(self.value, Value::Object(_))
    }
    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }

    /// Object members with distinct keys, last occurrence winning, in first-seen order.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &Node)> {
        let members = self.as_object().unwrap_or(&[]);
        members.iter().enumerate().filter_map(move |(i, m)| {
            let later = members[i + 1..].iter().any(|n| n.key == m.key);
            (!later).then_some((m.key.as_str(), &m.value))
        })
    }

    /// Looks up an RFC 6901 JSON pointer (`/paths/~1items/get/summary`).
    pub fn pointer(&self, ptr: &str) -> Option<&Node> {
        pointer::lookup(self, ptr)
    }

    /// The JSON type name, for messages.
    pub fn type_name(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        }
    }

    /// Converts to a `serde_json::Value` (for generators and comparisons).
    pub fn to_serde(&self) -> serde_json::Value {
        match &self.value {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Number(n) => serde_json::Number::from_f64(*n)
                .map(|n| {
                    if n.as_f64()
                        .is_some_and(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
                    {
                        serde_json::Value::Number((n.as_f64().unwrap() as i64).into())
                    } else {
                        serde_json::Value::Number(n)
                    }
                })
                .unwrap_or(serde_json::Value::Null),
            Value::String(s) => serde_json::Value::String(s.clone()),
            Value::Array(a) => serde_json::Value::Array(a.iter().map(Node::to_serde).collect()),
            Value::Object(m) => {
                let mut map = serde_json::Map::new();
                for member in m {
                    map.insert(member.key.clone(), member.value.to_serde());
                }
                serde_json::Value::Object(map)
            }
        }
    }
}
