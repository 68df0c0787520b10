//! Percent-encoding (RFC 3986): the one encoder behind every URL and SARIF path the program
//! builds. Letters, digits and `-`, `.`, `_`, `~` stay as they are; every other byte of the
//! UTF-8 text becomes `%XX`.

use std::fmt::Write;

/// Encodes a URL component (a query value, a path segment): `/`, `&`, `=`, spaces … all become
/// `%XX`.
pub fn component(s: &str) -> String {
    encode(s, b"", false)
}

/// Encodes a path, keeping its `/` separators.
pub fn path(s: &str) -> String {
    encode(s, b"/", false)
}

/// Encodes a form value (`application/x-www-form-urlencoded`, as GitHub's search links use):
/// a space becomes `+`.
pub fn form(s: &str) -> String {
    encode(s, b"", true)
}

fn encode(s: &str, keep: &[u8], plus_for_space: bool) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') || keep.contains(&b)
        {
            out.push(b as char);
        } else if b == b' ' && plus_for_space {
            out.push('+');
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_reserved_and_unicode() {
        assert_eq!(component("a b&c=d/é#"), "a%20b%26c%3Dd%2F%C3%A9%23");
        assert_eq!(component("-._~"), "-._~");
        assert_eq!(component("\n[x]"), "%0A%5Bx%5D");
        assert_eq!(path("My Conn/api.json"), "My%20Conn/api.json");
        assert_eq!(form("is:pr \"A & B\""), "is%3Apr+%22A+%26+B%22");
    }
}
