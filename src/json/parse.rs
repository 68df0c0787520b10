//! A strict RFC 8259 parser that records spans. Errors carry a byte offset; callers turn
//! it into a line and column with [`super::LineIndex`].

use super::{swar, Member, Node, Span, Value};
use compact_str::CompactString;
use std::fmt;

/// Limits that keep a hostile or broken file from exhausting the stack.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Maximum nesting of arrays and objects.
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_depth: 256 }
    }
}

/// Why a text is not JSON, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub message: String,
    /// Byte offset of the problem.
    pub offset: usize,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (byte {})", self.message, self.offset)
    }
}

impl std::error::Error for ParseError {}

/// Told about each object and string as the reader finishes it, while they are fresh in
/// the cache: a reader of the whole tree can collect what it needs here instead of walking
/// every value again.
pub trait Observer {
    /// An object, with its members in order (repeated keys included).
    fn object(&mut self, _span: Span, _members: &[Member]) {}
    /// A string value (not a key), decoded.
    fn string(&mut self, _span: Span, _value: &str) {}
}

/// An observer that notes nothing.
pub struct Unobserved;

impl Observer for Unobserved {}

/// Parses `text` with the default [`Limits`].
pub fn parse(text: &str) -> Result<Node, ParseError> {
    parse_with_limits(text, Limits::default())
}

/// Parses `text`. A leading UTF-8 byte-order mark must be removed by the caller.
pub fn parse_with_limits(text: &str, limits: Limits) -> Result<Node, ParseError> {
    parse_observed(text, limits, &mut Unobserved)
}

/// Parses `text`, telling `observer` about each object and string value.
pub fn parse_observed<O: Observer>(
    text: &str,
    limits: Limits,
    observer: &mut O,
) -> Result<Node, ParseError> {
    let mut p = Parser {
        s: text.as_bytes(),
        text,
        i: 0,
        depth: 0,
        limits,
        observer,
    };
    p.ws();
    if p.i >= p.s.len() {
        return Err(p.err_at(p.i, "the file is empty: expected a JSON value"));
    }
    let node = p.value()?;
    p.ws();
    if p.i < p.s.len() {
        return Err(p.err_at(
            p.i,
            "unexpected content after the end of the JSON value (a stray bracket or a missing comma earlier?)",
        ));
    }
    Ok(node)
}

struct Parser<'a, 'o, O: Observer> {
    s: &'a [u8],
    text: &'a str,
    i: usize,
    depth: usize,
    limits: Limits,
    observer: &'o mut O,
}

impl<'a, O: Observer> Parser<'a, '_, O> {
    fn err_at(&self, offset: usize, msg: &str) -> ParseError {
        ParseError {
            message: msg.to_string(),
            offset,
        }
    }

    fn describe_here(&self) -> String {
        match self.text[self.i..].chars().next() {
            None => "the end of the file".to_string(),
            Some(c) if c.is_control() => format!("control character U+{:04X}", c as u32),
            Some(c) if c.is_whitespace() => format!("non-JSON white space U+{:04X}", c as u32),
            Some(c) => format!("'{c}'"),
        }
    }

    #[inline]
    fn ws(&mut self) {
        while let Some(&b) = self.s.get(self.i) {
            match b {
                b' ' | b'\r' | b'\t' => self.i += 1,
                b'\n' => {
                    self.i += 1;
                    // The indentation after a line break comes in runs of spaces.
                    while let Some(w) = swar::word_at(self.s, self.i) {
                        if !swar::all_spaces(w) {
                            break;
                        }
                        self.i += 8;
                    }
                }
                _ => break,
            }
        }
    }

    fn value(&mut self) -> Result<Node, ParseError> {
        let start = self.i;
        match self.s.get(self.i) {
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => {
                let s = self.string()?;
                let span = Span::new(start, self.i);
                self.observer.string(span, &s);
                Ok(Node {
                    value: Value::String(s),
                    span,
                })
            }
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.err_at(
                self.i,
                &format!("expected a value, found {}", self.describe_here()),
            )),
        }
    }

    fn enter(&mut self) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > self.limits.max_depth {
            return Err(self.err_at(
                self.i,
                &format!(
                    "nesting deeper than {} levels; a connector definition never needs this",
                    self.limits.max_depth
                ),
            ));
        }
        Ok(())
    }

    fn object(&mut self) -> Result<Node, ParseError> {
        let start = self.i;
        self.enter()?;
        self.i += 1;
        let mut members = Vec::new();
        self.ws();
        if self.s.get(self.i) == Some(&b'}') {
            self.i += 1;
            self.depth -= 1;
            let span = Span::new(start, self.i);
            self.observer.object(span, &members);
            return Ok(Node {
                value: Value::Object(members),
                span,
            });
        }
        loop {
            self.ws();
            if self.s.get(self.i) != Some(&b'"') {
                let msg = if self.s.get(self.i) == Some(&b'}') {
                    "trailing comma before '}': remove the last ','".to_string()
                } else {
                    format!(
                        "expected a property name in double quotes, found {}",
                        self.describe_here()
                    )
                };
                return Err(self.err_at(self.i, &msg));
            }
            let key_start = self.i;
            let key = self.string()?;
            let key_span = Span::new(key_start, self.i);
            self.ws();
            if self.s.get(self.i) != Some(&b':') {
                return Err(self.err_at(
                    self.i,
                    &format!(
                        "expected ':' after the property name, found {}",
                        self.describe_here()
                    ),
                ));
            }
            self.i += 1;
            self.ws();
            let value = self.value()?;
            members.push(Member {
                key,
                key_span,
                value,
            });
            self.ws();
            match self.s.get(self.i) {
                Some(b',') => {
                    self.i += 1;
                }
                Some(b'}') => {
                    self.i += 1;
                    break;
                }
                _ => {
                    return Err(self.err_at(
                        self.i,
                        &format!(
                        "expected ',' or '}}' after a property value, found {} (a missing comma?)",
                        self.describe_here()
                    ),
                    ))
                }
            }
        }
        self.depth -= 1;
        let span = Span::new(start, self.i);
        self.observer.object(span, &members);
        Ok(Node {
            value: Value::Object(members),
            span,
        })
    }

    fn array(&mut self) -> Result<Node, ParseError> {
        let start = self.i;
        self.enter()?;
        self.i += 1;
        let mut items = Vec::new();
        self.ws();
        if self.s.get(self.i) == Some(&b']') {
            self.i += 1;
            self.depth -= 1;
            return Ok(Node {
                value: Value::Array(items),
                span: Span::new(start, self.i),
            });
        }
        loop {
            self.ws();
            if self.s.get(self.i) == Some(&b']') {
                return Err(self.err_at(self.i, "trailing comma before ']': remove the last ','"));
            }
            items.push(self.value()?);
            self.ws();
            match self.s.get(self.i) {
                Some(b',') => self.i += 1,
                Some(b']') => {
                    self.i += 1;
                    break;
                }
                _ => {
                    return Err(self.err_at(
                        self.i,
                        &format!(
                            "expected ',' or ']' after an array item, found {} (a missing comma?)",
                            self.describe_here()
                        ),
                    ))
                }
            }
        }
        self.depth -= 1;
        Ok(Node {
            value: Value::Array(items),
            span: Span::new(start, self.i),
        })
    }

    fn literal(&mut self, word: &str, v: Value) -> Result<Node, ParseError> {
        let start = self.i;
        if self.s[self.i..].starts_with(word.as_bytes()) {
            self.i += word.len();
            Ok(Node {
                value: v,
                span: Span::new(start, self.i),
            })
        } else {
            Err(self.err_at(self.i, &format!("invalid literal; expected '{word}'")))
        }
    }

    fn number(&mut self) -> Result<Node, ParseError> {
        let start = self.i;
        if self.s.get(self.i) == Some(&b'-') {
            self.i += 1;
        }
        match self.s.get(self.i) {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => {
                while matches!(self.s.get(self.i), Some(b'0'..=b'9')) {
                    self.i += 1;
                }
            }
            _ => return Err(self.err_at(self.i, "invalid number: expected a digit")),
        }
        if self.s.get(self.i) == Some(&b'.') {
            self.i += 1;
            if !matches!(self.s.get(self.i), Some(b'0'..=b'9')) {
                return Err(self.err_at(self.i, "invalid number: expected a digit after '.'"));
            }
            while matches!(self.s.get(self.i), Some(b'0'..=b'9')) {
                self.i += 1;
            }
        }
        if matches!(self.s.get(self.i), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.s.get(self.i), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if !matches!(self.s.get(self.i), Some(b'0'..=b'9')) {
                return Err(self.err_at(self.i, "invalid number: expected an exponent digit"));
            }
            while matches!(self.s.get(self.i), Some(b'0'..=b'9')) {
                self.i += 1;
            }
        }
        let n: f64 = self.text[start..self.i].parse().unwrap_or(f64::NAN);
        Ok(Node {
            value: Value::Number(n),
            span: Span::new(start, self.i),
        })
    }

    /// Parses a string starting at the opening quote; leaves `i` after the closing quote.
    fn string(&mut self) -> Result<CompactString, ParseError> {
        let open = self.i;
        self.i += 1;
        let content_start = self.i;
        // Fast path: no escapes, eight bytes at a time while none ends the run (a quote, a
        // backslash or a control character); strings are most of a swagger's bytes.
        loop {
            while let Some(w) = swar::word_at(self.s, self.i) {
                if swar::has_string_special(w) {
                    break;
                }
                self.i += 8;
            }
            match self.s.get(self.i) {
                None => return Err(self.err_at(open, "unterminated string: missing closing '\"'")),
                Some(b'"') => {
                    // Short strings (most keys and values) live inline: no allocation.
                    let s = CompactString::new(&self.text[content_start..self.i]);
                    self.i += 1;
                    return Ok(s);
                }
                Some(b'\\') => break,
                Some(&b) if b < 0x20 => {
                    return Err(self.err_at(
                        self.i,
                        &format!(
                            "raw control character U+{b:04X} inside a string; write it as an escape such as \\n or \\t"
                        ),
                    ))
                }
                Some(_) => self.i += 1,
            }
        }
        let mut out = String::with_capacity(self.i - content_start + 16);
        out.push_str(&self.text[content_start..self.i]);
        loop {
            match self.s.get(self.i) {
                None => return Err(self.err_at(open, "unterminated string: missing closing '\"'")),
                Some(b'"') => {
                    self.i += 1;
                    return Ok(out.into());
                }
                Some(b'\\') => {
                    let esc_at = self.i;
                    self.i += 1;
                    let c = match self.s.get(self.i) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.i += 1;
                            let hi = self.hex4(esc_at)?;
                            let cp = if (0xD800..0xDC00).contains(&hi) {
                                if self.s.get(self.i) == Some(&b'\\')
                                    && self.s.get(self.i + 1) == Some(&b'u')
                                {
                                    self.i += 2;
                                    let lo = self.hex4(esc_at)?;
                                    if !(0xDC00..0xE000).contains(&lo) {
                                        return Err(self.err_at(esc_at, "invalid surrogate pair in \\u escape"));
                                    }
                                    0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                                } else {
                                    return Err(self.err_at(esc_at, "lone surrogate in \\u escape"));
                                }
                            } else {
                                hi
                            };
                            out.push(char::from_u32(cp).unwrap_or('\u{FFFD}'));
                            continue;
                        }
                        _ => {
                            return Err(self.err_at(
                                esc_at,
                                "invalid escape; only \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX are allowed",
                            ))
                        }
                    };
                    out.push(c);
                    self.i += 1;
                }
                Some(&b) if b < 0x20 => {
                    return Err(self.err_at(
                        self.i,
                        &format!(
                            "raw control character U+{b:04X} inside a string; write it as an escape such as \\n or \\t"
                        ),
                    ))
                }
                Some(_) => {
                    // Copy a run of plain bytes at once (always ends on a char boundary,
                    // since '"', '\\' and control bytes are ASCII).
                    let run = self.i;
                    while let Some(&b) = self.s.get(self.i) {
                        if b == b'"' || b == b'\\' || b < 0x20 {
                            break;
                        }
                        self.i += 1;
                    }
                    out.push_str(&self.text[run..self.i]);
                }
            }
        }
    }

    fn hex4(&mut self, esc_at: usize) -> Result<u32, ParseError> {
        let h = self
            .s
            .get(self.i..self.i + 4)
            .and_then(|b| std::str::from_utf8(b).ok())
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .ok_or_else(|| self.err_at(esc_at, "invalid \\u escape: expected 4 hex digits"))?;
        self.i += 4;
        Ok(h)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_cover_source() {
        let t = r#"{ "a" : "x\"y", "b": [1, -2.5e3, true, null] }"#;
        let n = parse(t).unwrap();
        let a = n.member("a").unwrap();
        assert_eq!(&t[a.key_span.start..a.key_span.end], "\"a\"");
        assert_eq!(&t[a.value.span.start..a.value.span.end], r#""x\"y""#);
        assert_eq!(a.value.as_str(), Some("x\"y"));
        let b = n.get("b").unwrap().as_array().unwrap();
        assert_eq!(b[1].as_f64(), Some(-2500.0));
        assert_eq!(n.span, Span::new(0, t.len()));
    }

    #[test]
    fn escapes_decode() {
        let n = parse(r#""\u00e9\ud83d\ude00\n\/""#).unwrap();
        assert_eq!(n.as_str(), Some("é😀\n/"));
    }

    #[test]
    fn duplicate_keys_last_wins() {
        let n = parse(r#"{"k":1,"k":2}"#).unwrap();
        assert_eq!(n.get("k").unwrap().as_f64(), Some(2.0));
        assert_eq!(n.as_object().unwrap().len(), 2);
        assert_eq!(n.entries().count(), 1);
    }

    #[test]
    fn errors_point_at_problem() {
        let e = parse("{\"a\": 1,}").unwrap_err();
        assert!(e.message.contains("trailing comma"), "{e}");
        assert_eq!(e.offset, 8);
        let e = parse("{\"a\": 1 \"b\": 2}").unwrap_err();
        assert!(e.message.contains("missing comma"), "{e}");
        assert_eq!(e.offset, 8);
        let e = parse("").unwrap_err();
        assert!(e.message.contains("empty"));
        let e = parse("{} x").unwrap_err();
        assert!(e.message.contains("after the end"));
        let e = parse("\"a\tb\"").unwrap_err();
        assert!(e.message.contains("control character"));
        assert!(parse("01").is_err());
        assert!(parse("[1,]")
            .unwrap_err()
            .message
            .contains("trailing comma"));
    }

    #[test]
    fn depth_is_limited() {
        let deep = "[".repeat(100_000);
        let e = parse(&deep).unwrap_err();
        assert!(e.message.contains("nesting deeper"), "{e}");
        let ok = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn agrees_with_serde_json() {
        let t = r#"{"a":[1,2.5,{"b":"c\u0041"}],"d":{"e":null,"f":false}}"#;
        let ours = parse(t).unwrap().to_serde();
        let theirs: serde_json::Value = serde_json::from_str(t).unwrap();
        assert_eq!(ours, theirs);
    }
}
