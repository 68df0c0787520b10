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
mod swar;

pub use edit::{apply_edits, encode_string, TextEdit};
pub use lines::LineIndex;
pub use parse::{parse, parse_observed, parse_with_limits, Limits, Observer, ParseError};

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
    String(compact_str::CompactString),
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
    pub key: compact_str::CompactString,
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

    /// The keys an object repeats: each later member whose key an earlier one already has,
    /// with that first member (JSON allows it, most readers keep the last silently, so the
    /// tree keeps every member and this reports them). Empty for a non-object.
    pub fn repeated_keys(&self) -> Vec<(&Member, &Member)> {
        repeated_keys(self.as_object().unwrap_or(&[]))
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
            Value::String(s) => serde_json::Value::String(s.to_string()),
            Value::Array(a) => serde_json::Value::Array(a.iter().map(Node::to_serde).collect()),
            Value::Object(m) => {
                let mut map = serde_json::Map::new();
                for member in m {
                    map.insert(member.key.to_string(), member.value.to_serde());
                }
                serde_json::Value::Object(map)
            }
        }
    }
}

/// The keys a list of object members repeats: each later member whose key an earlier one
/// already has, with that first member (see [`Node::repeated_keys`]).
pub fn repeated_keys(members: &[Member]) -> Vec<(&Member, &Member)> {
    let mut out = Vec::new();
    if members.len() <= 16 {
        // Keys that differ in length and first byte cannot repeat: one bit per (length,
        // first byte) settles most objects without comparing keys.
        let mut bits = 0u64;
        let mut clash = false;
        for m in members {
            let b = (m.key.len() * 31
                + usize::from(m.key.as_bytes().first().copied().unwrap_or(0)))
                % 64;
            clash |= bits & (1 << b) != 0;
            bits |= 1 << b;
        }
        if !clash {
            return out;
        }
        for (i, m) in members.iter().enumerate() {
            // Most keys differ in length or first byte: test those before the bytes.
            let (len, b0) = (m.key.len(), m.key.as_bytes().first());
            if let Some(first) = members[..i]
                .iter()
                .find(|f| f.key.len() == len && f.key.as_bytes().first() == b0 && f.key == m.key)
            {
                out.push((first, m));
            }
        }
    } else {
        let mut seen: std::collections::HashMap<&str, &Member> =
            std::collections::HashMap::with_capacity(members.len());
        for m in members {
            match seen.entry(m.key.as_str()) {
                std::collections::hash_map::Entry::Occupied(e) => out.push((*e.get(), m)),
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(m);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_keys_are_reported_with_the_first() {
        let t = r#"{"operationId": "A", "summary": "s", "operationId": "B", "x": {"k": 1, "k": 2, "k": 3}}"#;
        let root = parse(t).unwrap();
        let reps = root.repeated_keys();
        assert_eq!(reps.len(), 1);
        let (first, again) = reps[0];
        assert_eq!(first.key, "operationId");
        assert_eq!(first.value.as_str(), Some("A"));
        assert_eq!(again.value.as_str(), Some("B"));
        assert!(first.key_span.start < again.key_span.start);
        // Nested objects are their own: three "k" are two repeats of the first.
        let inner = root.get("x").unwrap().repeated_keys();
        assert_eq!(inner.len(), 2);
        assert!(inner.iter().all(|(f, _)| f.value.as_f64() == Some(1.0)));
        // A large object goes through a map and finds the same.
        let mut big = String::from("{");
        for i in 0..40 {
            big.push_str(&format!("\"k{i}\": {i}, "));
        }
        big.push_str("\"k7\": true}");
        let big = parse(&big).unwrap();
        let reps = big.repeated_keys();
        assert_eq!(reps.len(), 1);
        assert_eq!(reps[0].0.value.as_f64(), Some(7.0));
        assert!(parse("[1, 1]").unwrap().repeated_keys().is_empty());
    }
}
