//! One text file of a connector: raw facts (size, BOM, encoding) and its decoded text.

use super::LoadError;
use crate::json::{LineIndex, Node, ParseError};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Files larger than this are not read: no connector file comes near it (the largest
/// swagger of the repository is 1.1 MB).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// How the bytes became text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decode {
    Utf8,
    /// Not UTF-8: the first bad byte and where it is; the text has U+FFFD in its place.
    Invalid {
        byte: u8,
        offset: usize,
    },
    /// Larger than [`MAX_FILE_BYTES`]: not read, the text is empty.
    TooLarge,
}

#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    /// The path as shown to the user.
    pub display: String,
    /// File size in bytes on disk.
    pub size: u64,
    /// The file started with a UTF-8 byte-order mark (removed from `text`).
    pub bom: bool,
    pub decode: Decode,
    /// The text, without the BOM. Offsets in spans are offsets into this text.
    pub text: String,
    pub lines: LineIndex,
    /// For JSON files: the tree, or why it is not JSON.
    pub parsed: Option<Result<Node, ParseError>>,
}

impl SourceFile {
    /// Reads and decodes `path`; parses it when `json`.
    pub fn read(path: &Path, display: String, json: bool) -> Result<SourceFile, LoadError> {
        let io = |e| LoadError::Io {
            path: path.to_path_buf(),
            source: e,
        };
        let mut f = fs::File::open(path).map_err(io)?;
        let size = f.metadata().map_err(io)?.len();
        if size > MAX_FILE_BYTES {
            return Ok(SourceFile {
                path: path.to_path_buf(),
                display,
                size,
                bom: false,
                decode: Decode::TooLarge,
                text: String::new(),
                lines: LineIndex::default(),
                parsed: None,
            });
        }
        let mut bytes = Vec::with_capacity(size as usize);
        f.read_to_end(&mut bytes).map_err(io)?;
        Ok(SourceFile::from_bytes(
            path.to_path_buf(),
            display,
            bytes,
            json,
        ))
    }

    /// Builds a file from bytes already in memory.
    pub fn from_bytes(
        path: PathBuf,
        display: String,
        mut bytes: Vec<u8>,
        json: bool,
    ) -> SourceFile {
        let size = bytes.len() as u64;
        let bom = bytes.starts_with(b"\xEF\xBB\xBF");
        if bom {
            bytes.drain(..3);
        }
        let (text, decode) = match String::from_utf8(bytes) {
            Ok(t) => (t, Decode::Utf8),
            Err(e) => {
                let offset = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                let byte = bytes[offset];
                // Replace each bad byte by one U+FFFD so line numbers stay right.
                let text = String::from_utf8_lossy(&bytes).into_owned();
                (text, Decode::Invalid { byte, offset })
            }
        };
        let lines = LineIndex::new(&text);
        let parsed = json.then(|| crate::json::parse(&text));
        SourceFile {
            path,
            display,
            size,
            bom,
            decode,
            text,
            lines,
            parsed,
        }
    }

    /// The JSON tree, when the file parsed.
    pub fn json(&self) -> Option<&Node> {
        match &self.parsed {
            Some(Ok(n)) => Some(n),
            _ => None,
        }
    }

    /// 1-based line and column of a byte offset of `text`.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        self.lines.line_col(&self.text, offset)
    }

    /// Whether the text is exactly the file's content (safe to edit and write back).
    pub fn is_editable(&self) -> bool {
        self.decode == Decode::Utf8
    }

    /// The bytes to write back for a new text: the BOM is kept when the file had one.
    pub fn bytes_for(&self, text: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len() + 3);
        if self.bom {
            out.extend_from_slice(b"\xEF\xBB\xBF");
        }
        out.extend_from_slice(text.as_bytes());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_removed_and_kept_for_writing() {
        let f = SourceFile::from_bytes("a".into(), "a".into(), b"\xEF\xBB\xBF{}".to_vec(), true);
        assert!(f.bom);
        assert!(f.json().is_some());
        assert_eq!(f.bytes_for("{}"), b"\xEF\xBB\xBF{}");
    }

    #[test]
    fn invalid_utf8_keeps_position() {
        let f = SourceFile::from_bytes(
            "a".into(),
            "a".into(),
            b"{\n\"a\": \"\xE6\"}".to_vec(),
            true,
        );
        assert_eq!(
            f.decode,
            Decode::Invalid {
                byte: 0xE6,
                offset: 8
            }
        );
        assert_eq!(f.line_col(8), (2, 7));
        assert!(!f.is_editable());
        assert!(f.json().is_some());
    }
}
