//! Byte offset → 1-based line and column (columns count characters, as editors do). Lines
//! end at LF, CRLF or a lone CR.

/// Start offsets of every line of a text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl Default for LineIndex {
    /// The index of an empty text: one empty line.
    fn default() -> Self {
        LineIndex { starts: vec![0] }
    }
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 32 + 1);
        starts.push(0);
        let bytes = text.as_bytes();
        // Every file of a check is indexed, so this is a measurable part of the whole
        // check: a vectorised search for the line breaks (memchr).
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // LF, CRLF (counted at its LF) and a lone CR (old Mac files) each end a line.
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                starts.push(i + 1);
            }
        }
        LineIndex { starts }
    }

    /// Number of lines (a text ending in a newline has an empty last line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 1-based line and column of byte `offset` in `text`.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line];
        let col = text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(offset - start);
        (line + 1, col + 1)
    }

    /// Byte range of 1-based line `line`, without its line break.
    pub fn line_span(&self, text: &str, line: usize) -> Option<(usize, usize)> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let mut end = self.starts.get(line).map(|e| e - 1).unwrap_or(text.len());
        if end > start && text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        Some((start, end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let t = "ab\ncdé\r\nx";
        let idx = LineIndex::new(t);
        assert_eq!(idx.line_col(t, 0), (1, 1));
        assert_eq!(idx.line_col(t, 3), (2, 1));
        assert_eq!(idx.line_col(t, 7), (2, 4));
        assert_eq!(idx.line_col(t, 9), (3, 1));
        assert_eq!(idx.line_span(t, 2), Some((3, 7)));
        assert_eq!(idx.line_count(), 3);
        assert_eq!(LineIndex::default().line_col("", 0), (1, 1));
    }

    #[test]
    fn line_starts_match_a_byte_by_byte_scan() {
        // Line breaks at every position of an eight-byte word, and at the end of a text.
        let texts = [
            "0123456\n89abcdef\r\n0123\r567\n".to_string(),
            "a\nbcdefgh\rijklmnop\r\nqrstuvw\r".to_string(),
            format!("{}\n{}", "x".repeat(17), "é".repeat(9)),
            "\r\n\r\n\r\r\n\n\n".to_string(),
            "no break at all in this text".to_string(),
        ];
        for t in &texts {
            let b = t.as_bytes();
            let mut want = vec![0];
            for (i, &c) in b.iter().enumerate() {
                if c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n')) {
                    want.push(i + 1);
                }
            }
            assert_eq!(LineIndex::new(t).starts, want, "{t:?}");
        }
    }

    /// The line starts of `bytes[from..to]`, byte by byte: LF, CRLF (counted at its LF) and a
    /// lone CR (old Mac files) each end a line.
    fn scalar(bytes: &[u8], from: usize, to: usize, starts: &mut Vec<usize>) {
        for i in from..to {
            let b = bytes[i];
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                starts.push(i + 1);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_indexed_like_a_byte_by_byte_scan(t in "[a\\r\\né\\t ]{0,80}") {
            let mut want = vec![0];
            scalar(t.as_bytes(), 0, t.len(), &mut want);
            proptest::prop_assert_eq!(LineIndex::new(&t).starts, want);
        }
    }

    #[test]
    fn cr_only_line_ends() {
        let t = "{\r  \"a\": 1,\r  \"b\": x\r}";
        let idx = LineIndex::new(t);
        assert_eq!(idx.line_count(), 4);
        let x = t.find('x').unwrap();
        assert_eq!(idx.line_col(t, x), (3, 8));
        assert_eq!(idx.line_span(t, 2), Some((2, 11)));
        assert_eq!(&t[2..11], "  \"a\": 1,");
        // Mixed: CR, CRLF, LF.
        let t = "a\rb\r\nc\nd";
        let idx = LineIndex::new(t);
        assert_eq!(idx.line_count(), 4);
        assert_eq!(idx.line_col(t, t.find('d').unwrap()), (4, 1));
        assert_eq!(idx.line_span(t, 2), Some((2, 3)));
        assert_eq!(idx.line_span(t, 1), Some((0, 1)));
    }
}
