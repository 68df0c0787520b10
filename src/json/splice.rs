//! Whole members and elements inserted into, or deleted from, a JSON text with the fewest
//! bytes changed. An inserted node takes the file's own indentation (spaces or tabs, and how
//! many), its line breaks (LF or CRLF), the layout of its container (one item a line, or all
//! on one line) and a key order learned from its siblings; a deleted node goes with its
//! separating comma, and the line it stood on when it had one of its own. Every other byte of
//! the file stays where it was.
//!
//! A text with a byte-order mark is edited without it (as [`parse`](super::parse) reads it);
//! the writer puts it back (see `SourceFile::bytes_for`).

use super::edit::{encode_string, TextEdit};
use super::{Node, Span, Value};
use serde_json::{Map, Value as J};

/// How a JSON text indents and breaks its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Style {
    /// One level of indentation: the white space of the first indented line ("  ", "\t").
    pub unit: String,
    /// "\r\n" when the file uses it, else "\n".
    pub newline: &'static str,
    /// The file puts its values on lines of their own (a one-line file stays on one line).
    pub pretty: bool,
}

impl Style {
    pub fn of(text: &str) -> Style {
        let unit = text
            .lines()
            .map(|l| &l[..l.len() - l.trim_start().len()])
            .find(|w| !w.is_empty())
            .unwrap_or("  ")
            .to_string();
        let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
        Style {
            unit,
            newline,
            pretty: text.trim_end().contains('\n'),
        }
    }

    /// A value over several lines, its continuation lines indented from `base`.
    pub fn render(&self, v: &J, base: &str) -> String {
        let mut buf = Vec::new();
        let fmt = serde_json::ser::PrettyFormatter::with_indent(self.unit.as_bytes());
        let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
        serde::Serialize::serialize(v, &mut ser).expect("a JSON value always serializes");
        let s = String::from_utf8(buf).expect("serde_json writes UTF-8");
        s.replace('\n', &format!("{}{base}", self.newline))
    }
}

/// A value on one line, with the usual spaces: `{"a": 1, "b": [true, null]}`.
pub fn inline(v: &J) -> String {
    match v {
        J::String(s) => encode_string(s),
        J::Array(a) if a.is_empty() => "[]".into(),
        J::Array(a) => format!("[{}]", a.iter().map(inline).collect::<Vec<_>>().join(", ")),
        J::Object(m) if m.is_empty() => "{}".into(),
        J::Object(m) => format!(
            "{{{}}}",
            m.iter()
                .map(|(k, v)| format!("{}: {}", encode_string(k), inline(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => other.to_string(),
    }
}

/// The leading white space of the line holding byte `at`.
pub fn indent_at(text: &str, at: usize) -> &str {
    let start = line_start(text, at);
    let line = &text[start..];
    &line[..line.len() - line.trim_start().len()]
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// The indentation before `at` when nothing else precedes it on its line.
fn own_line(text: &str, at: usize) -> Option<&str> {
    let start = line_start(text, at);
    let before = &text[start..at];
    (start > 0 && before.trim().is_empty()).then_some(before)
}

/// The line break that ends the line before the one starting at `start`.
fn break_before(text: &str, start: usize, style: &Style) -> &'static str {
    if text[..start].ends_with("\r\n") {
        "\r\n"
    } else if start > 0 {
        "\n"
    } else {
        style.newline
    }
}

/// The byte range of each item of a container: `"key": value` for members, the value for
/// elements. `None` for a scalar.
fn items(node: &Node) -> Option<Vec<Span>> {
    match &node.value {
        Value::Object(m) => Some(
            m.iter()
                .map(|m| Span::new(m.key_span.start, m.value.span.end))
                .collect(),
        ),
        Value::Array(a) => Some(a.iter().map(|n| n.span).collect()),
        _ => None,
    }
}

/// The text of an item laid out at `indent` (`None`: on one line with its neighbours).
pub type Render<'a> = dyn Fn(Option<&str>) -> String + 'a;

fn insert_item(
    text: &str,
    style: &Style,
    container: &Node,
    index: usize,
    item: &Render,
) -> Option<TextEdit> {
    let items = items(container)?;
    let index = index.min(items.len());
    if items.is_empty() {
        let span = Span::new(container.span.start + 1, container.span.end - 1);
        let replacement = if style.pretty {
            let outer = indent_at(text, container.span.start);
            let inner = format!("{outer}{}", style.unit);
            format!(
                "{nl}{inner}{}{nl}{outer}",
                item(Some(&inner)),
                nl = style.newline
            )
        } else {
            item(None)
        };
        return Some(TextEdit { span, replacement });
    }
    if index < items.len() {
        let at = items[index].start;
        let replacement = match own_line(text, at) {
            Some(indent) => format!(
                "{},{}{indent}",
                item(Some(indent)),
                break_before(text, line_start(text, at), style)
            ),
            None => format!("{}, ", item(None)),
        };
        return Some(TextEdit {
            span: Span::new(at, at),
            replacement,
        });
    }
    let last = items[items.len() - 1];
    let replacement = match own_line(text, last.start) {
        Some(indent) => format!(
            ",{}{indent}{}",
            break_before(text, line_start(text, last.start), style),
            item(Some(indent))
        ),
        None => format!(", {}", item(None)),
    };
    Some(TextEdit {
        span: Span::new(last.end, last.end),
        replacement,
    })
}

fn value_text(style: &Style, v: &J, indent: Option<&str>) -> String {
    match indent {
        Some(base) => style.render(v, base),
        None => inline(v),
    }
}

/// An edit that inserts `"key": value` into `object` before its member number `index` (at
/// the end when `index` is its length or more). `None` when `object` is not an object.
pub fn insert_member(
    text: &str,
    object: &Node,
    index: usize,
    key: &str,
    value: &J,
) -> Option<TextEdit> {
    let style = Style::of(text);
    insert_member_with(text, object, index, key, &|indent| {
        value_text(&style, value, indent)
    })
}

/// Like [`insert_member`] with the value's text written by `value` for the indentation it is
/// laid out at (`None`: on one line with its neighbours), e.g. a node's own bytes re-indented.
pub fn insert_member_with(
    text: &str,
    object: &Node,
    index: usize,
    key: &str,
    value: &Render,
) -> Option<TextEdit> {
    if !object.is_object() {
        return None;
    }
    let style = Style::of(text);
    let render = |indent: Option<&str>| format!("{}: {}", encode_string(key), value(indent));
    insert_item(text, &style, object, index, &render)
}

/// The text of `node` as it is in `text`, its continuation lines moved from the indentation
/// of the line it starts on to `indent` (`None`: kept as they are).
pub fn reindented(text: &str, node: &Node, indent: Option<&str>) -> String {
    let raw = &text[node.span.start..node.span.end];
    match indent {
        Some(to) => {
            let from = indent_at(text, node.span.start);
            raw.replace(&format!("\n{from}"), &format!("\n{to}"))
        }
        None => raw.to_string(),
    }
}

/// Like [`insert_member`], at the place `order` gives the key among the object's members.
pub fn insert_member_ordered(
    text: &str,
    object: &Node,
    key: &str,
    value: &J,
    order: &[&str],
) -> Option<TextEdit> {
    let keys: Vec<&str> = object.as_object()?.iter().map(|m| m.key.as_str()).collect();
    insert_member(text, object, ordered_index(&keys, key, order), key, value)
}

/// One edit that adds several members at the end of `object`.
pub fn append_members(text: &str, object: &Node, members: &[(String, J)]) -> Option<TextEdit> {
    if !object.is_object() || members.is_empty() {
        return None;
    }
    let style = Style::of(text);
    let pair = |k: &str, v: &J, indent: Option<&str>| {
        format!("{}: {}", encode_string(k), value_text(&style, v, indent))
    };
    let render = |indent: Option<&str>| {
        let sep = match indent {
            Some(i) => format!(",{}{i}", style.newline),
            None => ", ".to_string(),
        };
        members
            .iter()
            .map(|(k, v)| pair(k, v, indent))
            .collect::<Vec<_>>()
            .join(&sep)
    };
    insert_item(text, &style, object, usize::MAX, &render)
}

/// An edit that inserts `value` into `array` before its element number `index` (at the end
/// when `index` is its length or more). `None` when `array` is not an array.
pub fn insert_element(text: &str, array: &Node, index: usize, value: &J) -> Option<TextEdit> {
    array.as_array()?;
    let style = Style::of(text);
    let render = |indent: Option<&str>| value_text(&style, value, indent);
    insert_item(text, &style, array, index, &render)
}

/// An edit that removes item number `index` of a container (a member of an object, an
/// element of an array) with its separating comma, and its line when it had one of its own.
fn delete_item(container: &Node, index: usize) -> Option<TextEdit> {
    let items = items(container)?;
    let span = match items.len() {
        n if index >= n => return None,
        1 => Span::new(container.span.start + 1, container.span.end - 1),
        n if index + 1 < n => Span::new(items[index].start, items[index + 1].start),
        _ => Span::new(items[index - 1].end, items[index].end),
    };
    Some(TextEdit {
        span,
        replacement: String::new(),
    })
}

/// An edit that removes the member `key` of `object` (its last occurrence).
pub fn delete_member(object: &Node, key: &str) -> Option<TextEdit> {
    let index = object.as_object()?.iter().rposition(|m| m.key == key)?;
    delete_item(object, index)
}

/// An edit that removes element number `index` of `array`.
pub fn delete_element(array: &Node, index: usize) -> Option<TextEdit> {
    array.as_array()?;
    delete_item(array, index)
}

/// An edit that replaces a value: on one line when it was on one line, else over several
/// lines indented from the line it starts on.
pub fn replace_value(text: &str, node: &Node, value: &J) -> TextEdit {
    let style = Style::of(text);
    let old = &text[node.span.start..node.span.end];
    let replacement = if old.contains('\n') {
        style.render(value, indent_at(text, node.span.start))
    } else {
        inline(value)
    };
    TextEdit {
        span: node.span,
        replacement,
    }
}

/// The smallest single edit that turns `old` into `new` (their common start and end kept).
pub fn edit_between(old: &str, new: &str) -> TextEdit {
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let mut prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    while !old.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let room = a.len().min(b.len()) - prefix;
    let mut suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(room)
        .take_while(|(x, y)| x == y)
        .count();
    while !old.is_char_boundary(a.len() - suffix) || !new.is_char_boundary(b.len() - suffix) {
        suffix -= 1;
    }
    TextEdit {
        span: Span::new(prefix, a.len() - suffix),
        replacement: new[prefix..b.len() - suffix].to_string(),
    }
}

/// Where `key` goes among `existing` keys so that they follow `order`: after the last key
/// that `order` puts before it, else before the first it puts after it, else at the end.
pub fn ordered_index(existing: &[&str], key: &str, order: &[&str]) -> usize {
    let rank = |k: &str| order.iter().position(|o| *o == k);
    let Some(r) = rank(key) else {
        return existing.len();
    };
    if let Some(i) = existing
        .iter()
        .rposition(|k| rank(k).is_some_and(|x| x < r))
    {
        return i + 1;
    }
    existing
        .iter()
        .position(|k| rank(k).is_some_and(|x| x > r))
        .unwrap_or(existing.len())
}

/// The key order the file uses for objects like `siblings` (the one with most keys first,
/// the others folded in), completed with `default` for keys none of them has; where the
/// siblings leave the place of a key open, `default` decides.
pub fn learned_order(siblings: &[&Node], default: &[&str]) -> Vec<String> {
    let mut seqs: Vec<Vec<&str>> = siblings
        .iter()
        .filter_map(|n| n.as_object())
        .map(|m| m.iter().map(|m| m.key.as_str()).collect())
        .collect();
    seqs.sort_by_key(|s| std::cmp::Reverse(s.len()));
    let mut order: Vec<String> = Vec::new();
    for seq in seqs.iter().map(Vec::as_slice).chain([default]) {
        fold(&mut order, seq, default);
    }
    order
}

/// Adds the keys of `seq` that `order` lacks, between their nearest neighbours in `seq` that
/// `order` has, at the place `default` gives them there.
fn fold(order: &mut Vec<String>, seq: &[&str], default: &[&str]) {
    for (i, k) in seq.iter().enumerate() {
        if order.iter().any(|o| o == k) {
            continue;
        }
        let pos = |x: &&str| order.iter().position(|o| o == x);
        let lo = seq[..i].iter().rev().find_map(pos).map_or(0, |p| p + 1);
        let hi = seq[i + 1..]
            .iter()
            .find_map(pos)
            .filter(|h| *h >= lo)
            .unwrap_or(order.len());
        let between: Vec<&str> = order[lo..hi].iter().map(String::as_str).collect();
        let at = lo + ordered_index(&between, k, default);
        order.insert(at, k.to_string());
    }
}

/// The members of `m` in `order` (those it names), then the others as they were.
pub fn ordered(m: Map<String, J>, order: &[String]) -> Map<String, J> {
    let mut rest = m;
    let mut out = Map::with_capacity(rest.len());
    for k in order {
        if let Some(v) = rest.remove(k) {
            out.insert(k.clone(), v);
        }
    }
    out.extend(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{apply_edits, parse};
    use serde_json::json;

    fn apply(text: &str, e: TextEdit) -> String {
        let (out, dropped) = apply_edits(text, &[e]);
        assert_eq!(dropped, 0);
        parse(&out).unwrap_or_else(|e| panic!("not JSON ({}):\n{out}", e.message));
        out
    }

    fn at<'a>(root: &'a Node, ptr: &str) -> &'a Node {
        root.pointer(ptr).unwrap_or_else(|| panic!("{ptr}"))
    }

    /// Inserting at every place of a container and deleting it again gives the text back.
    fn round_trips(text: &str, ptr: &str) {
        let root = parse(text).unwrap();
        let node = at(&root, ptr);
        let n = items(node).unwrap().len();
        for i in 0..=n {
            let e = if node.is_object() {
                insert_member(text, node, i, "new", &json!({"k": [1, 2]})).unwrap()
            } else {
                insert_element(text, node, i, &json!({"k": [1, 2]})).unwrap()
            };
            let out = apply(text, e);
            let r = parse(&out).unwrap();
            let c = at(&r, ptr);
            let back = if c.is_object() {
                assert_eq!(c.as_object().unwrap()[i].key, "new", "{out}");
                delete_member(c, "new").unwrap()
            } else {
                assert_eq!(c.as_array().unwrap()[i].to_serde(), json!({"k": [1, 2]}));
                delete_element(c, i).unwrap()
            };
            assert_eq!(apply(&out, back), text, "at {i} of {ptr}");
        }
    }

    const PRETTY: &str = "{\n  \"a\": 1,\n  \"list\": [\n    \"x\",\n    \"y\"\n  ],\n  \"o\": {\n    \"k\": true\n  },\n  \"empty\": {},\n  \"none\": []\n}\n";

    #[test]
    fn inserts_and_deletes_round_trip_everywhere() {
        for ptr in ["", "/list", "/o", "/empty", "/none"] {
            round_trips(PRETTY, ptr);
        }
        let crlf = PRETTY.replace('\n', "\r\n");
        for ptr in ["", "/list", "/o", "/empty"] {
            round_trips(&crlf, ptr);
        }
        let tabs = PRETTY.replace("    ", "\t\t").replace("  ", "\t");
        for ptr in ["", "/list", "/o", "/empty"] {
            round_trips(&tabs, ptr);
        }
        let one_line = r#"{"a": 1, "list": ["x", "y"], "o": {"k": true}, "empty": {}}"#;
        for ptr in ["", "/list", "/o", "/empty"] {
            round_trips(one_line, ptr);
        }
    }

    #[test]
    fn inserted_nodes_take_the_files_style() {
        let root = parse(PRETTY).unwrap();
        // Before the first member: on its own line, at its indentation.
        let out = apply(
            PRETTY,
            insert_member(PRETTY, &root, 0, "first", &json!({"b": [1]})).unwrap(),
        );
        assert!(
            out.starts_with("{\n  \"first\": {\n    \"b\": [\n      1\n    ]\n  },\n  \"a\": 1,\n"),
            "{out}"
        );
        // After the last element of an array.
        let list = at(&root, "/list");
        let out = apply(
            PRETTY,
            insert_element(PRETTY, list, 9, &json!("z")).unwrap(),
        );
        assert!(
            out.contains("\"list\": [\n    \"x\",\n    \"y\",\n    \"z\"\n  ],"),
            "{out}"
        );
        // An empty object opens onto lines of its own.
        let out = apply(
            PRETTY,
            insert_member(PRETTY, at(&root, "/empty"), 0, "k", &json!(1)).unwrap(),
        );
        assert!(out.contains("\"empty\": {\n    \"k\": 1\n  },"), "{out}");
        // Tabs and CRLF are kept.
        let tabs = "{\r\n\t\"a\": {\r\n\t\t\"b\": 1\r\n\t}\r\n}";
        let r = parse(tabs).unwrap();
        let out = apply(
            tabs,
            insert_member(tabs, at(&r, "/a"), 1, "c", &json!({"d": 2})).unwrap(),
        );
        assert_eq!(
            out,
            "{\r\n\t\"a\": {\r\n\t\t\"b\": 1,\r\n\t\t\"c\": {\r\n\t\t\t\"d\": 2\r\n\t\t}\r\n\t}\r\n}"
        );
        // A one-line container stays on one line.
        let one = r#"{"a": [1, 2], "b": {}}"#;
        let r = parse(one).unwrap();
        let out = apply(
            one,
            insert_element(one, at(&r, "/a"), 1, &json!({"x": [true]})).unwrap(),
        );
        assert_eq!(out, r#"{"a": [1, {"x": [true]}, 2], "b": {}}"#);
        let out = apply(
            one,
            insert_member(one, at(&r, "/b"), 0, "k", &json!("v")).unwrap(),
        );
        assert_eq!(out, r#"{"a": [1, 2], "b": {"k": "v"}}"#);
        assert!(insert_member(one, at(&r, "/a"), 0, "k", &json!(1)).is_none());
        assert!(insert_element(one, at(&r, "/b"), 0, &json!(1)).is_none());
    }

    #[test]
    fn deletes_take_the_comma_and_the_line() {
        let root = parse(PRETTY).unwrap();
        // The first member.
        let out = apply(PRETTY, delete_member(&root, "a").unwrap());
        assert!(out.starts_with("{\n  \"list\": ["), "{out}");
        // The last member: the comma before it goes.
        let out = apply(PRETTY, delete_member(&root, "none").unwrap());
        assert!(out.ends_with("  \"empty\": {}\n}\n"), "{out}");
        // A middle element.
        let list = at(&root, "/list");
        let out = apply(PRETTY, delete_element(list, 0).unwrap());
        assert!(out.contains("\"list\": [\n    \"y\"\n  ],"), "{out}");
        // The only member leaves an empty object.
        let out = apply(PRETTY, delete_member(at(&root, "/o"), "k").unwrap());
        assert!(out.contains("\"o\": {},"), "{out}");
        // Everything else is byte for byte the same.
        let e = delete_element(list, 1).unwrap();
        assert_eq!(
            &PRETTY[..e.span.start],
            &apply(PRETTY, e.clone())[..e.span.start]
        );
        assert!(delete_member(&root, "nope").is_none());
        assert!(delete_element(list, 2).is_none());
        let one = r#"{"a": 1, "b": 2, "c": 3}"#;
        let r = parse(one).unwrap();
        assert_eq!(
            apply(one, delete_member(&r, "b").unwrap()),
            r#"{"a": 1, "c": 3}"#
        );
        assert_eq!(
            apply(one, delete_member(&r, "c").unwrap()),
            r#"{"a": 1, "b": 2}"#
        );
    }

    #[test]
    fn replaced_values_keep_their_layout() {
        let text = "{\n  \"enum\": [\"a\"],\n  \"o\": {\n    \"k\": 1\n  }\n}";
        let r = parse(text).unwrap();
        let out = apply(
            text,
            replace_value(text, at(&r, "/enum"), &json!(["a", "b"])),
        );
        assert!(out.contains("\"enum\": [\"a\", \"b\"],"), "{out}");
        let out = apply(
            text,
            replace_value(text, at(&r, "/o"), &json!({"k": 2, "j": 3})),
        );
        assert!(
            out.contains("\"o\": {\n    \"k\": 2,\n    \"j\": 3\n  }"),
            "{out}"
        );
    }

    #[test]
    fn a_bom_is_kept_by_the_writer() {
        let bytes = b"\xEF\xBB\xBF{\n  \"a\": 1\n}\n".to_vec();
        let file =
            crate::document::SourceFile::from_bytes("x.json".into(), "x.json".into(), bytes, true);
        let root = file.json().unwrap();
        let out = apply(
            &file.text,
            insert_member(&file.text, root, 1, "b", &json!(2)).unwrap(),
        );
        assert_eq!(
            file.bytes_for(&out),
            b"\xEF\xBB\xBF{\n  \"a\": 1,\n  \"b\": 2\n}\n"
        );
    }

    #[test]
    fn key_order_follows_the_file() {
        let existing = ["summary", "operationId", "parameters", "responses"];
        let order = crate::import::enrich::OPERATION_ORDER;
        assert_eq!(ordered_index(&existing, "description", order), 1);
        assert_eq!(ordered_index(&existing, "x-ms-visibility", order), 2);
        assert_eq!(ordered_index(&existing, "tags", order), 0);
        assert_eq!(ordered_index(&existing, "x-other", order), 4);
        // Siblings that put operationId first teach that order.
        let a = parse(r#"{"operationId": "A", "summary": "S", "responses": {}}"#).unwrap();
        let b = parse(r#"{"operationId": "B", "parameters": [], "responses": {}}"#).unwrap();
        let learned = learned_order(&[&a, &b], order);
        let pos = |k: &str| learned.iter().position(|x| x == k).unwrap();
        assert!(pos("operationId") < pos("summary"));
        assert!(pos("summary") < pos("parameters") && pos("parameters") < pos("responses"));
        assert!(pos("summary") < pos("description") && pos("description") < pos("responses"));
        let m = json!({"responses": {}, "summary": "x", "operationId": "C", "x-y": 1});
        let J::Object(m) = m else { unreachable!() };
        let keys: Vec<String> = ordered(m, &learned).keys().cloned().collect();
        assert_eq!(keys, ["operationId", "summary", "responses", "x-y"]);
    }

    #[test]
    fn the_smallest_edit_between_two_texts() {
        let e = edit_between("{\"a\": \"héllo\"}", "{\"a\": \"hallo\"}");
        assert_eq!(e.replacement, "a");
        assert_eq!(
            apply_edits("{\"a\": \"héllo\"}", &[e]).0,
            "{\"a\": \"hallo\"}"
        );
        let e = edit_between("aé", "aè");
        assert_eq!(apply_edits("aé", std::slice::from_ref(&e)).0, "aè");
        assert!(e.span.start <= 1);
        let e = edit_between("same", "same");
        assert!(e.span.is_empty() && e.replacement.is_empty());
        let e = edit_between("abcabc", "abc");
        assert_eq!(apply_edits("abcabc", &[e]).0, "abc");
    }

    /// JSON values of a few levels: objects with distinct keys, arrays, scalars.
    fn arb_json() -> impl proptest::strategy::Strategy<Value = J> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just(J::Null),
            any::<bool>().prop_map(J::Bool),
            (-1000i64..1000).prop_map(|n| json!(n)),
            "[a-zé ]{0,6}".prop_map(J::String),
        ];
        leaf.prop_recursive(3, 24, 5, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..5).prop_map(J::Array),
                proptest::collection::btree_map("[a-z]{1,4}", inner, 0..5)
                    .prop_map(|m| J::Object(m.into_iter().collect())),
            ]
        })
    }

    fn containers(node: &Node, ptr: String, out: &mut Vec<String>) {
        match &node.value {
            Value::Object(m) => {
                out.push(ptr.clone());
                for mm in m {
                    containers(&mm.value, crate::json::pointer::join(&ptr, &mm.key), out);
                }
            }
            Value::Array(a) => {
                out.push(ptr.clone());
                for (i, n) in a.iter().enumerate() {
                    containers(n, format!("{ptr}/{i}"), out);
                }
            }
            _ => {}
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(64))]
        /// Anywhere in any pretty file (spaces or tabs, LF or CRLF): an inserted node reads
        /// back as written, the rest of the document is unchanged, and deleting it again
        /// gives the file back byte for byte.
        #[test]
        fn insert_then_delete_is_the_identity(
            doc in arb_json(),
            value in arb_json(),
            tabs: bool,
            crlf: bool,
            pick: usize,
            index: usize,
        ) {
            let doc = if doc.is_object() || doc.is_array() { doc } else { json!([doc]) };
            let unit = if tabs { "\t" } else { "  " };
            let mut text = Style { unit: unit.into(), newline: "\n", pretty: true }.render(&doc, "");
            if crlf {
                text = text.replace('\n', "\r\n");
            }
            let root = parse(&text).unwrap();
            let mut ptrs = Vec::new();
            containers(&root, String::new(), &mut ptrs);
            let ptr = &ptrs[pick % ptrs.len()];
            let node = at(&root, ptr);
            let n = items(node).unwrap().len();
            let i = index % (n + 1);
            let key = "zz-new";
            let e = if node.is_object() {
                insert_member(&text, node, i, key, &value).unwrap()
            } else {
                insert_element(&text, node, i, &value).unwrap()
            };
            let out = apply(&text, e);
            proptest::prop_assert!(!crlf || !out.replace("\r\n", "").contains('\n'), "a bare LF in a CRLF file");
            let r = parse(&out).unwrap();
            let c = at(&r, ptr);
            let back = if c.is_object() {
                proptest::prop_assert_eq!(c.get(key).unwrap().to_serde(), value.clone());
                delete_member(c, key).unwrap()
            } else {
                proptest::prop_assert_eq!(c.as_array().unwrap()[i].to_serde(), value.clone());
                delete_element(c, i).unwrap()
            };
            let again = apply(&out, back);
            proptest::prop_assert_eq!(again, text);
        }
    }
}
