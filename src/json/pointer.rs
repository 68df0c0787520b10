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
}
