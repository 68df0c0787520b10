//! Eight bytes at a time: the byte tests of the reader's hot loops (a string's plain run,
//! indentation), on a `u64` read little-endian from the text.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The next eight bytes of `bytes` from `at`, when there are eight.
#[inline]
pub(crate) fn word_at(bytes: &[u8], at: usize) -> Option<u64> {
    let chunk: [u8; 8] = bytes.get(at..at + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(chunk))
}

/// Whether one of the bytes of `word` ends a string's plain run: a quote, a backslash or a
/// control character (exact; one branch for the three tests).
#[inline]
pub(crate) fn has_string_special(word: u64) -> bool {
    let zero = |x: u64| x.wrapping_sub(ONES) & !x;
    (zero(word ^ (ONES * u64::from(b'"')))
        | zero(word ^ (ONES * u64::from(b'\\')))
        | (word.wrapping_sub(ONES * 0x20) & !word))
        & HIGHS
        != 0
}

/// Whether all eight bytes of `word` are spaces.
#[inline]
pub(crate) fn all_spaces(word: u64) -> bool {
    word == ONES * u64::from(b' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(b: &[u8; 8]) -> u64 {
        u64::from_le_bytes(*b)
    }

    #[test]
    fn byte_tests_match_a_scan() {
        let samples: [&[u8; 8]; 6] = [
            b"abcdefgh",
            b"abc\"efgh",
            b"\\bcdefgh",
            b"abcdefg\x1f",
            b"\xff\xfe\x80\x7f abc",
            b"\x00\x01\"\\\n\r\t ",
        ];
        for s in samples {
            let special = s.iter().any(|&c| c == b'"' || c == b'\\' || c < 0x20);
            assert_eq!(has_string_special(w(s)), special, "{s:?}");
        }
        assert!(all_spaces(w(b"        ")) && !all_spaces(w(b"       \n")));
        assert_eq!(word_at(b"0123456789", 2), Some(w(b"23456789")));
        assert_eq!(word_at(b"0123456789", 3), None);
    }
}
