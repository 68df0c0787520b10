//! The one place where text from files, the catalog or the network is made safe to show.
//!
//! A swagger title can hold `ESC]0;…BEL` (retitles the window), `ESC[2J` (clears it), C1
//! controls, a right-to-left override (U+202E, reorders what follows) or a newline that
//! starts a line of its own, which GitHub Actions then reads as a workflow command. Every
//! front end passes such text through this module:
//!
//! - [`printable`]: one value on one line: every control character, bidirectional control
//!   and line separator is shown as an escape (`\u{1b}`, `\n`, `\u{202e}`), never obeyed;
//! - [`printable_text`]: a block of text (a file's lines): the same, but line breaks and tabs
//!   stay (CRLF becomes LF);
//! - [`shorten`]: [`printable`] cut to a length, for echoing names in messages;
//! - [`terminal_safe`]: the last filter before a stream, used by the command line for every
//!   line it prints: like [`printable_text`], and the colour sequences (SGR, `ESC[…m`) that
//!   the program itself adds pass when colour is on;
//! - [`json_pretty`] / [`json_compact`]: JSON whose strings escape the same characters as
//!   `\uXXXX`, so the document stays valid, decodes to the original text, and no raw control
//!   or bidi character reaches a terminal or a log.
//!
//! Backslashes are left as they are (Windows paths stay readable).

use serde::Serialize;
use std::borrow::Cow;
use std::fmt::Write as _;
use std::io;

/// Whether `c` must not reach a terminal as is: C0 and C1 controls, DEL, the bidirectional
/// controls (embeddings, overrides, isolates, marks) and the Unicode line and paragraph
/// separators.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// Every byte is printable ASCII (or, with `breaks`, a newline or a tab): nothing to escape.
/// The common case, checked a byte at a time without decoding characters.
#[inline]
fn plain_ascii(s: &str, breaks: bool) -> bool {
    s.bytes()
        .all(|b| (0x20..0x7f).contains(&b) || (breaks && (b == b'\n' || b == b'\t')))
}

fn push_escape(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        _ => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
}

/// Escapes the characters for which `escape` says yes; borrows when there are none.
fn escape_where(s: &str, escape: impl Fn(char) -> bool) -> Cow<'_, str> {
    let Some(first) = s.find(&escape) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str(&s[..first]);
    for c in s[first..].chars() {
        if escape(c) {
            push_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// One value, on one line: every unsafe character (newline and tab included) is shown as
/// an escape. `"a\u{1b}[2Jb\nc"` becomes `a\u{1b}[2Jb\nc` with the backslashes visible.
pub fn printable(s: &str) -> Cow<'_, str> {
    if plain_ascii(s, false) {
        return Cow::Borrowed(s);
    }
    escape_where(s, is_unsafe)
}

/// A block of text: like [`printable`], but line breaks and tabs stay, and CRLF line ends
/// become LF (a lone CR is escaped: it would let a line overwrite itself).
pub fn printable_text(s: &str) -> Cow<'_, str> {
    let keep = |c: char| c == '\n' || c == '\t';
    if plain_ascii(s, true) || !s.contains(|c: char| is_unsafe(c) && !keep(c)) {
        return Cow::Borrowed(s);
    }
    let s = s.replace("\r\n", "\n");
    Cow::Owned(escape_where(&s, |c| is_unsafe(c) && !keep(c)).into_owned())
}

/// [`printable`], cut to at most `max` characters (plus `…`), for echoing a name that may be
/// thousands of characters long.
pub fn shorten(s: &str, max: usize) -> String {
    let p = printable(s);
    let n = p.chars().count();
    if n <= max {
        return p.into_owned();
    }
    let mut out: String = p.chars().take(max.saturating_sub(1)).collect();
    let _ = write!(out, "… ({n} characters)");
    out
}

/// The last filter before standard output or error: [`printable_text`], except that the
/// colour sequences `ESC [ digits/; m` pass when `allow_colour` (the program's own styling;
/// they can only change colours, never move the cursor, retitle or clear).
pub fn terminal_safe(s: &str, allow_colour: bool) -> Cow<'_, str> {
    if !allow_colour || !s.contains('\x1b') {
        return printable_text(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('\x1b') {
        out.push_str(&printable_text(&rest[..i]));
        let tail = &rest[i + 1..];
        let sgr_len = tail.strip_prefix('[').and_then(|t| {
            let params = t.bytes().take_while(|b| b.is_ascii_digit() || *b == b';');
            let n = params.count();
            (t.as_bytes().get(n) == Some(&b'm')).then_some(n + 2)
        });
        match sgr_len {
            Some(n) => {
                out.push('\x1b');
                out.push_str(&tail[..n]);
                rest = &tail[n..];
            }
            None => {
                push_escape(&mut out, '\x1b');
                rest = tail;
            }
        }
    }
    out.push_str(&printable_text(rest));
    Cow::Owned(out)
}

/// A serde_json formatter that writes every unsafe character of a string as `\uXXXX`
/// (serde_json already does so for C0 controls), around an inner formatter for the layout.
struct SafeStrings<F>(F);

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for SafeStrings<F> {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // serde_json has escaped the C0 controls, quotes and backslashes already.
        if fragment.bytes().all(|b| b < 0x7f) {
            return w.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if is_unsafe(c) {
                w.write_all(&fragment.as_bytes()[start..i])?;
                // Every unsafe character is in the Basic Multilingual Plane.
                write!(w, "\\u{:04x}", c as u32)?;
                start = i + c.len_utf8();
            }
        }
        w.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

fn to_json<T: Serialize + ?Sized, F: serde_json::ser::Formatter>(
    value: &T,
    formatter: F,
) -> serde_json::Result<String> {
    let mut out = Vec::with_capacity(256);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, SafeStrings(formatter));
    value.serialize(&mut ser)?;
    // The serializer writes UTF-8 only.
    Ok(String::from_utf8(out).expect("serde_json writes UTF-8"))
}

/// `serde_json::to_string_pretty`, with every unsafe character of every string escaped.
pub fn json_pretty<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    to_json(value, serde_json::ser::PrettyFormatter::new())
}

/// `serde_json::to_string`, with every unsafe character of every string escaped.
pub fn json_compact<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    to_json(value, serde_json::ser::CompactFormatter)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str =
        "a\x1b]0;pwned\x07b\x1b[2Jc\u{9b}31m\u{85}d\u{202e}evil\u{2066}\ne\r\nf\u{7f}\tg\u{2028}";

    /// No byte below 0x20 but newline and tab, no DEL, no C1, no bidi control.
    fn is_clean(s: &str, newlines: bool) -> bool {
        !s.chars()
            .any(|c| is_unsafe(c) && !(newlines && (c == '\n' || c == '\t')))
    }

    #[test]
    fn values_are_escaped_on_one_line() {
        let p = printable(HOSTILE);
        assert!(is_clean(&p, false), "{p:?}");
        assert!(p.starts_with("a\\u{1b}]0;pwned\\u{7}b\\u{1b}[2Jc\\u{9b}31m\\u{85}d\\u{202e}evil"));
        assert!(
            p.contains("\\u{2066}\\ne\\r\\nf\\u{7f}\\tg\\u{2028}"),
            "{p}"
        );
        assert!(matches!(printable("plain – text é 日本"), Cow::Borrowed(_)));
        assert_eq!(printable(r"C:\x\y"), r"C:\x\y");
    }

    #[test]
    fn text_keeps_lines_and_tabs() {
        let p = printable_text(HOSTILE);
        assert!(is_clean(&p, true), "{p:?}");
        assert!(p.contains("\\u{2066}\ne\nf\\u{7f}\tg"), "{p}");
        assert_eq!(printable_text("a\rb"), "a\\rb");
        assert!(matches!(printable_text("a\n\tb"), Cow::Borrowed(_)));
    }

    #[test]
    fn shorten_cuts_long_names() {
        let long = "x".repeat(5000);
        let s = shorten(&long, 40);
        assert!(s.chars().count() < 80, "{s}");
        assert!(s.ends_with("(5000 characters)"), "{s}");
        assert_eq!(shorten("a\nb", 40), "a\\nb");
    }

    #[test]
    fn terminal_filter_lets_only_colour_through() {
        let ours = "\x1b[1;31merror\x1b[0m: ";
        let s = format!("{ours}{HOSTILE}");
        let on = terminal_safe(&s, true);
        assert!(on.starts_with(ours), "{on:?}");
        assert!(is_clean(&on[ours.len()..], true), "{on:?}");
        // ESC[2J is not a colour: escaped even with colour on.
        assert!(on.contains("\\u{1b}[2J"), "{on}");
        let off = terminal_safe(&s, false);
        assert!(is_clean(&off, true), "{off:?}");
        assert_eq!(terminal_safe("\x1b[", true), "\\u{1b}[");
        assert_eq!(terminal_safe("x\x1b", true), "x\\u{1b}");
    }

    #[test]
    fn json_stays_valid_and_exact() {
        let v = serde_json::json!({"title": HOSTILE, "list": [HOSTILE, 1, null]});
        for s in [json_pretty(&v).unwrap(), json_compact(&v).unwrap()] {
            assert!(is_clean(&s, true), "{s:?}");
            assert!(s.contains("\\u202e") && s.contains("\\u0085") && s.contains("\\u007f"));
            let back: serde_json::Value = serde_json::from_str(&s).unwrap();
            assert_eq!(back, v);
            // The stream filter has nothing left to do.
            assert_eq!(terminal_safe(&s, false), s);
        }
        // Same layout as serde_json's own printers.
        let plain = serde_json::json!({"a": [1, {"b": "c – é"}], "d": {}});
        assert_eq!(
            json_pretty(&plain).unwrap(),
            serde_json::to_string_pretty(&plain).unwrap()
        );
        assert_eq!(
            json_compact(&plain).unwrap(),
            serde_json::to_string(&plain).unwrap()
        );
    }
}
