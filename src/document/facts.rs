//! What the reader notices in a JSON file while it reads it (a [`json::Observer`]): the few
//! facts the rules about every value of a swagger need (repeated keys, `$ref`s, strings with
//! a bracket, values of the wrong type, dynamic extensions), collected while each object is
//! fresh in the cache instead of by a second walk over the whole tree. The rules find a
//! fact's value and pointer again with [`json::pointer::locate`].

use crate::json::{self, Member, Node, Observer, Span, Value};

/// The facts of one JSON file.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// Keys an object repeats: the key span of the first and of the repetition.
    pub repeated: Vec<(Span, Span)>,
    /// Every `$ref` whose value is a string: the value's span and text.
    pub refs: Vec<(Span, String)>,
    /// String values that hold a `[` (where placeholders are).
    pub bracketed: Vec<Span>,
    /// `default`, `enum` items, `example` and `x-example` values that are not of their
    /// object's `type`.
    pub mistyped: Vec<Mistyped>,
    /// The `x-ms-dynamic-*` members: key span and key.
    pub dynamic: Vec<(Span, String)>,
}

/// A value that is not of its object's `type`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mistyped {
    /// The value (for `enum`, the first item that is not of the type).
    pub value: Span,
    /// `default`, `enum`, `example` or `x-example`.
    pub key: &'static str,
    /// The object's `type`.
    pub kind: JsonKind,
}

/// The JSON shapes of the OpenAPI 2.0 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonKind {
    String,
    Integer,
    Number,
    Boolean,
    Array,
    Object,
}

impl JsonKind {
    pub fn of_type(ty: &str) -> Option<JsonKind> {
        Some(match ty {
            "string" => JsonKind::String,
            "integer" => JsonKind::Integer,
            "number" => JsonKind::Number,
            "boolean" => JsonKind::Boolean,
            "array" => JsonKind::Array,
            "object" => JsonKind::Object,
            _ => return None,
        })
    }

    /// The type's name in OpenAPI.
    pub fn name(self) -> &'static str {
        match self {
            JsonKind::String => "string",
            JsonKind::Integer => "integer",
            JsonKind::Number => "number",
            JsonKind::Boolean => "boolean",
            JsonKind::Array => "array",
            JsonKind::Object => "object",
        }
    }

    /// Whether a value is of this kind (`null` is accepted: a nullable value).
    pub fn accepts(self, v: &Node) -> bool {
        match (&v.value, self) {
            (Value::Null, _) => true,
            (Value::String(_), JsonKind::String) => true,
            (Value::Number(x), JsonKind::Integer) => x.fract() == 0.0,
            (Value::Number(_), JsonKind::Number) => true,
            (Value::Bool(_), JsonKind::Boolean) => true,
            (Value::Array(_), JsonKind::Array) => true,
            (Value::Object(_), JsonKind::Object) => true,
            _ => false,
        }
    }

    /// Whether a value is a string that reads as a value of this kind ("1000" for an
    /// integer, "false" for a boolean).
    pub fn accepts_quoted(self, v: &Node) -> bool {
        let Some(s) = v.as_str().map(str::trim) else {
            return false;
        };
        match self {
            JsonKind::Boolean => matches!(s, "true" | "false"),
            JsonKind::Integer => s.parse::<i64>().is_ok(),
            JsonKind::Number => s.parse::<f64>().is_ok_and(f64::is_finite),
            _ => false,
        }
    }
}

/// The members whose type is checked, in the order of [`Mistyped::key`]'s values.
const VALUE_KEYS: [&str; 4] = ["default", "enum", "example", "x-example"];

impl Observer for Facts {
    fn object(&mut self, _span: Span, members: &[Member]) {
        if members.len() > 1 {
            for (first, again) in json::repeated_keys(members) {
                self.repeated.push((first.key_span, again.key_span));
            }
        }
        let mut ty = None;
        let mut values: [Option<&Node>; 4] = [None; 4];
        for m in members {
            let k = m.key.as_str();
            // Dispatch on the first byte: most keys stop here.
            match k.as_bytes().first() {
                Some(b'$') if k == "$ref" => {
                    if let Some(r) = m.value.as_str() {
                        self.refs.push((m.value.span, r.to_string()));
                    }
                }
                Some(b't') if k == "type" => ty = m.value.as_str(),
                Some(b'd') if k == "default" => values[0] = Some(&m.value),
                Some(b'e') if k == "enum" => values[1] = Some(&m.value),
                Some(b'e') if k == "example" => values[2] = Some(&m.value),
                Some(b'x') if k == "x-example" => values[3] = Some(&m.value),
                Some(b'x') if k.starts_with("x-ms-dynamic-") => {
                    self.dynamic.push((m.key_span, k.to_string()));
                }
                _ => {}
            }
        }
        let Some(kind) = ty.and_then(JsonKind::of_type) else {
            return;
        };
        for (key, v) in VALUE_KEYS.into_iter().zip(values) {
            let Some(v) = v else { continue };
            let bad = match (key, v.as_array()) {
                ("enum", Some(items)) => items.iter().find(|i| !kind.accepts(i)),
                _ => (!kind.accepts(v)).then_some(v),
            };
            if let Some(bad) = bad {
                self.mistyped.push(Mistyped {
                    value: bad.span,
                    key,
                    kind,
                });
            }
        }
    }

    fn string(&mut self, span: Span, value: &str) {
        if value.as_bytes().contains(&b'[') {
            self.bracketed.push(span);
        }
    }
}

/// Parses a JSON text and collects its facts.
pub fn parse(text: &str) -> (Result<Node, json::ParseError>, Facts) {
    let mut facts = Facts::default();
    let parsed = json::parse_observed(text, json::Limits::default(), &mut facts);
    (parsed, facts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reader_notes_what_the_rules_need() {
        let t = r##"{"a": 1, "a": 2, "p": {"$ref": "#/definitions/X"},
            "s": {"type": "boolean", "default": "true", "enum": [true, 3]},
            "d": "[TODO: x]", "q": {"x-ms-dynamic-values": {}}}"##;
        let (root, f) = parse(t);
        let root = root.unwrap();
        assert_eq!(f.repeated.len(), 1);
        assert_eq!(&t[f.repeated[0].1.start..f.repeated[0].1.end], "\"a\"");
        assert_eq!(f.refs, [(f.refs[0].0, "#/definitions/X".to_string())]);
        assert_eq!(f.bracketed.len(), 1);
        assert_eq!(
            &t[f.bracketed[0].start..f.bracketed[0].end],
            "\"[TODO: x]\""
        );
        let m: Vec<(&str, &str)> = f
            .mistyped
            .iter()
            .map(|m| (m.key, &t[m.value.start..m.value.end]))
            .collect();
        assert_eq!(m, [("default", "\"true\""), ("enum", "3")]);
        assert_eq!(f.dynamic[0].1, "x-ms-dynamic-values");
        // Each fact leads back to its value and pointer.
        let (p, n) = json::pointer::locate(&root, f.refs[0].0.start).unwrap();
        assert_eq!(
            (p.as_str(), n.as_str()),
            ("/p/$ref", Some("#/definitions/X"))
        );
        assert!(JsonKind::Boolean.accepts_quoted(&Node {
            value: Value::String("false".into()),
            span: Span::default()
        }));
    }
}
