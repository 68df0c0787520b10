//! RFC 6901 JSON pointers.

use super::{Node, Value};

/// Escapes one reference token (`~` → `~0`, `/` → `~1`).
pub fn escape_token(token: &str) -> String {
    if !token.contains(['~', '/']) {
        return token.to_string();
    }
    token.replace('~', "~0").replace('/', "~1")
}

/// Undoes [`escape_token`].
pub fn unescape_token(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// Appends a token to a pointer.
pub fn join(base: &str, token: &str) -> String {
    let mut s = String::with_capacity(base.len() + token.len() + 1);
    s.push_str(base);
    s.push('/');
    s.push_str(&escape_token(token));
    s
}

/// The value whose text starts at byte `start` (a value's span, or the key span of a member:
/// then its value), found by descending through the spans, with the path to it.
pub fn locate(root: &Node, start: usize) -> Option<(String, &Node)> {
    let mut node = root;
    let mut ptr = String::new();
    loop {
        if node.span.start == start {
            return Some((ptr, node));
        }
        match &node.value {
            Value::Object(members) => {
                // Members are in text order: the last one that starts at or before `start`.
                let i = members
                    .partition_point(|m| m.key_span.start <= start)
                    .checked_sub(1)?;
                let m = &members[i];
                ptr = join(&ptr, &m.key);
                if m.key_span.start == start {
                    return Some((ptr, &m.value));
                }
                node = &m.value;
            }
            Value::Array(items) => {
                let i = items
                    .partition_point(|it| it.span.start <= start)
                    .checked_sub(1)?;
                ptr.push('/');
                ptr.push_str(&i.to_string());
                node = &items[i];
            }
            _ => return None,
        }
        if !(node.span.start..node.span.end.max(node.span.start + 1)).contains(&start) {
            return None;
        }
    }
}

/// Looks up `ptr` in `root`.
pub fn lookup<'a>(root: &'a Node, ptr: &str) -> Option<&'a Node> {
    if ptr.is_empty() {
        return Some(root);
    }
    let rest = ptr.strip_prefix('/')?;
    let mut node = root;
    for raw in rest.split('/') {
        let token = unescape_token(raw);
        node = match &node.value {
            Value::Object(_) => node.get(&token)?,
            Value::Array(items) => items.get(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(node)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_round_trips() {
        assert_eq!(escape_token("/items/{id}"), "~1items~1{id}");
        assert_eq!(unescape_token("~1a~0b"), "/a~b");
        assert_eq!(join("/paths", "/x"), "/paths/~1x");
    }

    #[test]
    fn lookup_finds_nested() {
        let doc = crate::json::parse(r#"{"paths":{"/a":{"get":{"summary":"S"}}},"l":[1,{"k":2}]}"#)
            .unwrap();
        assert_eq!(
            lookup(&doc, "/paths/~1a/get/summary").unwrap().as_str(),
            Some("S")
        );
        assert_eq!(lookup(&doc, "/l/1/k").unwrap().as_f64(), Some(2.0));
        assert!(lookup(&doc, "/l/9").is_none());
        assert!(lookup(&doc, "").is_some());
    }

    #[test]
    fn locate_finds_the_value_at_an_offset() {
        let t = r#"{"paths": {"/a": {"get": {"summary": "S", "k": [1, {"x": "[y]"}]}}}, "z": 3}"#;
        let doc = crate::json::parse(t).unwrap();
        let at = |needle: &str| t.find(needle).unwrap();
        let (p, n) = locate(&doc, at("\"S\"")).unwrap();
        assert_eq!(
            (p.as_str(), n.as_str()),
            ("/paths/~1a/get/summary", Some("S"))
        );
        let (p, n) = locate(&doc, at("\"[y]\"")).unwrap();
        assert_eq!(
            (p.as_str(), n.as_str()),
            ("/paths/~1a/get/k/1/x", Some("[y]"))
        );
        // A key's offset gives its member's value.
        let (p, n) = locate(&doc, at("\"z\"")).unwrap();
        assert_eq!((p.as_str(), n.as_f64()), ("/z", Some(3.0)));
        assert_eq!(locate(&doc, 0).unwrap().0, "");
        // An offset inside a value but at no value's start: nothing.
        assert!(locate(&doc, at("ummary")).is_none());
    }
}
