//! Minimal-diff edits: replace the bytes of one value, insert one member, leave every
//! other byte of the file alone.

use super::{Node, Span, Value};

/// Replace `span` of a text with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEdit {
    pub span: Span,
    pub replacement: String,
}

impl TextEdit {
    /// An edit that sets a string value (span of the old literal, quotes included).
    pub fn set_string(node: &Node, value: &str) -> TextEdit {
        TextEdit {
            span: node.span,
            replacement: encode_string(value),
        }
    }

    /// An edit that adds `"key": raw_value` as the last member of `object`, following the
    /// indentation of its existing members (or a single line for an empty object).
    pub fn insert_member(
        text: &str,
        object: &Node,
        key: &str,
        raw_value: &str,
    ) -> Option<TextEdit> {
        let members = match &object.value {
            Value::Object(m) => m,
            _ => return None,
        };
        let pair = format!("{}: {}", encode_string(key), raw_value);
        match members.last() {
            None => {
                // `{}` or `{ }`: write inside the braces.
                Some(TextEdit {
                    span: Span::new(object.span.start + 1, object.span.end - 1),
                    replacement: format!(" {pair} "),
                })
            }
            Some(last) => {
                let line_start = text[..last.key_span.start]
                    .rfind('\n')
                    .map(|i| i + 1)
                    .unwrap_or(0);
                let prefix = &text[line_start..last.key_span.start];
                let same_line = !prefix.trim().is_empty();
                let sep = if same_line {
                    ", ".to_string()
                } else {
                    let newline = if text[..line_start].ends_with("\r\n") {
                        "\r\n"
                    } else {
                        "\n"
                    };
                    format!(",{newline}{prefix}")
                };
                let at = last.value.span.end;
                Some(TextEdit {
                    span: Span::new(at, at),
                    replacement: format!("{sep}{pair}"),
                })
            }
        }
    }
}

/// A JSON string literal for `s`: escapes only what JSON requires (`"`, `\`, control
/// characters), keeps every other character as it is.
pub fn encode_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Applies non-overlapping edits to `text`. Overlapping edits after the first are dropped
/// and counted in the returned number.
pub fn apply_edits(text: &str, edits: &[TextEdit]) -> (String, usize) {
    let mut sorted: Vec<&TextEdit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len() + 64);
    let mut pos = 0;
    let mut dropped = 0;
    for e in sorted {
        if e.span.start < pos || e.span.end > text.len() {
            dropped += 1;
            continue;
        }
        out.push_str(&text[pos..e.span.start]);
        out.push_str(&e.replacement);
        pos = e.span.end;
    }
    out.push_str(&text[pos..]);
    (out, dropped)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    #[test]
    fn set_string_changes_only_that_value() {
        let t = "{\n  \"info\": {\n    \"title\": \"Old \\u0041\",\n    \"x\": 1\n  }\n}\n";
        let n = parse(t).unwrap();
        let title = n.pointer("/info/title").unwrap();
        let (out, dropped) = apply_edits(t, &[TextEdit::set_string(title, "New \"q\"")]);
        assert_eq!(dropped, 0);
        assert_eq!(
            out,
            "{\n  \"info\": {\n    \"title\": \"New \\\"q\\\"\",\n    \"x\": 1\n  }\n}\n"
        );
        assert_eq!(
            parse(&out)
                .unwrap()
                .pointer("/info/title")
                .unwrap()
                .as_str(),
            Some("New \"q\"")
        );
    }

    #[test]
    fn insert_member_follows_indentation() {
        let t = "{\r\n    \"a\": 1,\r\n    \"b\": {}\r\n}";
        let n = parse(t).unwrap();
        let e = TextEdit::insert_member(t, &n, "c", "\"x\"").unwrap();
        let (out, _) = apply_edits(t, &[e]);
        assert_eq!(
            out,
            "{\r\n    \"a\": 1,\r\n    \"b\": {},\r\n    \"c\": \"x\"\r\n}"
        );
        let b = n.get("b").unwrap();
        let e = TextEdit::insert_member(t, b, "k", "true").unwrap();
        let (out, _) = apply_edits(t, &[e]);
        assert!(out.contains("\"b\": { \"k\": true }"));
        let one = "{\"a\": 1}";
        let n = parse(one).unwrap();
        let (out, _) = apply_edits(one, &[TextEdit::insert_member(one, &n, "b", "2").unwrap()]);
        assert_eq!(out, "{\"a\": 1, \"b\": 2}");
    }

    #[test]
    fn encode_escapes_controls() {
        assert_eq!(encode_string("a\u{1}b\\"), "\"a\\u0001b\\\\\"");
    }

    #[test]
    fn overlapping_edits_are_dropped() {
        let edits = vec![
            TextEdit {
                span: Span::new(0, 3),
                replacement: "X".into(),
            },
            TextEdit {
                span: Span::new(2, 4),
                replacement: "Y".into(),
            },
        ];
        let (out, dropped) = apply_edits("abcdef", &edits);
        assert_eq!(out, "Xdef");
        assert_eq!(dropped, 1);
    }
}
