//! One text file of a connector: raw facts (size, BOM, encoding) and its decoded text.

use super::facts::Facts;
use super::LoadError;
use crate::json::{LineIndex, Node, ParseError};
use crate::util::bounded::{self, ReadError};
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
    /// For JSON files: what the reader noticed while reading (see [`Facts`]).
    pub facts: Facts,
}

impl SourceFile {
    /// Reads and decodes `path`; parses it when `json`. A link must stay inside the file's
    /// folder (see [`SourceFile::read_in`]).
    pub fn read(path: &Path, display: String, json: bool) -> Result<SourceFile, LoadError> {
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        SourceFile::read_in(path, folder, display, json)
    }

    /// Reads and decodes `path`, a file of `folder`; parses it when `json`.
    ///
    /// Hostile files are refused with [`LoadError::Refused`] before they are opened: anything
    /// but a regular file once links are resolved (a FIFO would block, `/dev/zero` never
    /// ends), and a link leading out of `folder`. The read stops at [`MAX_FILE_BYTES`]; a
    /// larger file is kept as [`Decode::TooLarge`] with no text.
    pub fn read_in(
        path: &Path,
        folder: &Path,
        display: String,
        json: bool,
    ) -> Result<SourceFile, LoadError> {
        let refused = |e: ReadError| match e {
            ReadError::NotFound => LoadError::NotFound {
                path: path.to_path_buf(),
            },
            ReadError::Io(source) => LoadError::Io {
                path: path.to_path_buf(),
                source,
            },
            other => LoadError::Refused {
                path: path.to_path_buf(),
                reason: other.to_string(),
            },
        };
        match bounded::read_file_within(path, folder, MAX_FILE_BYTES) {
            Ok(bytes) => Ok(SourceFile::from_bytes(
                path.to_path_buf(),
                display,
                bytes,
                json,
            )),
            Err(ReadError::TooLarge { size, .. }) => Ok(SourceFile::too_large(
                path.to_path_buf(),
                display,
                size.unwrap_or(MAX_FILE_BYTES + 1),
            )),
            Err(e) => Err(refused(e)),
        }
    }

    /// A file over [`MAX_FILE_BYTES`]: not read, kept as [`Decode::TooLarge`] with no text.
    pub fn too_large(path: PathBuf, display: String, size: u64) -> SourceFile {
        SourceFile {
            path,
            display,
            size,
            bom: false,
            decode: Decode::TooLarge,
            text: String::new(),
            lines: LineIndex::default(),
            parsed: None,
            facts: Facts::default(),
        }
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
        let (parsed, facts) = if json {
            let (p, f) = super::facts::parse(&text);
            (Some(p), f)
        } else {
            (None, Facts::default())
        };
        SourceFile {
            path,
            display,
            size,
            bom,
            decode,
            text,
            lines,
            parsed,
            facts,
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
