//! Writing edits back to a JSON file of a connector with the minimal-diff writer
//! ([`crate::json::apply_edits`]): only the edited bytes change, a byte-order mark is kept, the
//! file is written atomically, and nothing is written when the file changed on disk since the
//! edits were computed or when the result would not be JSON. The CLI (`check --fix`) and the
//! wizard (its editor and "fix all") both write through here; the rules only compute edits.

use super::SourceFile;
use crate::json::{apply_edits, TextEdit};
use std::path::PathBuf;

/// Edits to one JSON file, in passes: the spans of each pass are offsets into the text the
/// previous pass produced (a fix can reveal another, and overlapping fixes wait a pass).
#[derive(Debug, Clone, PartialEq)]
pub struct FileEdits {
    pub path: PathBuf,
    /// The text the first pass was computed on (without the byte-order mark).
    pub base: String,
    /// The file started with a byte-order mark.
    pub bom: bool,
    pub passes: Vec<Vec<TextEdit>>,
}

/// Why edits were not written.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("{path} changed on disk since it was read; read it again (nothing was written)")]
    Changed { path: PathBuf },
    #[error("{path}: cannot read it: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: the edits overlap; nothing was written")]
    Overlap { path: PathBuf },
    #[error("{path}: the edit would break the JSON ({message}); nothing was written")]
    Broken { path: PathBuf, message: String },
    /// The error names the file (nothing of the set was left half-written).
    #[error("not written: {0}")]
    Write(#[source] std::io::Error),
}

impl FileEdits {
    /// No edits yet to `file` (whose text must be exactly its bytes: see
    /// [`SourceFile::is_editable`]).
    pub fn new(file: &SourceFile) -> FileEdits {
        FileEdits {
            path: file.path.clone(),
            base: file.text.clone(),
            bom: file.bom,
            passes: Vec::new(),
        }
    }

    /// The text after every pass, from `base`. Overlapping edits are an error.
    pub fn result(&self) -> Result<String, SaveError> {
        let mut text = self.base.clone();
        for pass in &self.passes {
            let (next, dropped) = apply_edits(&text, pass);
            if dropped > 0 {
                return Err(SaveError::Overlap {
                    path: self.path.clone(),
                });
            }
            text = next;
        }
        crate::json::parse(&text).map_err(|e| SaveError::Broken {
            path: self.path.clone(),
            message: e.message,
        })?;
        Ok(text)
    }

    /// Writes the edits, when the file still holds `base`.
    pub fn write(&self) -> Result<(), SaveError> {
        write_all(std::slice::from_ref(self))
    }

    /// The bytes to write, when the file still holds `base` and the edits apply.
    fn staged(&self) -> Result<(PathBuf, Vec<u8>), SaveError> {
        let now = std::fs::read(&self.path).map_err(|source| SaveError::Read {
            path: self.path.clone(),
            source,
        })?;
        if now != with_bom(self.bom, &self.base) {
            return Err(SaveError::Changed {
                path: self.path.clone(),
            });
        }
        let text = self.result()?;
        Ok((self.path.clone(), with_bom(self.bom, &text)))
    }
}

fn with_bom(bom: bool, text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + 3);
    if bom {
        out.extend_from_slice(b"\xEF\xBB\xBF");
    }
    out.extend_from_slice(text.as_bytes());
    out
}

/// Writes the edits of several files, all or none: every file is checked (unchanged on disk,
/// edits that apply and keep the JSON) before the first is written, and a failed write puts
/// back the files already written ([`crate::util::fs::write_all_shared`]).
pub fn write_all(files: &[FileEdits]) -> Result<(), SaveError> {
    let staged = files
        .iter()
        .map(FileEdits::staged)
        .collect::<Result<Vec<_>, _>>()?;
    crate::util::fs::write_all_shared(&staged).map_err(SaveError::Write)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(dir: &std::path::Path, bytes: &[u8]) -> SourceFile {
        let p = dir.join("x.json");
        std::fs::write(&p, bytes).unwrap();
        SourceFile::read(&p, "x.json".into(), true).unwrap()
    }

    #[test]
    fn passes_apply_in_order_and_keep_the_bom() {
        let dir = tempfile::tempdir().unwrap();
        let f = file(dir.path(), b"\xEF\xBB\xBF{\"a\": \"x.\", \"b\": 1}");
        let node = f.json().unwrap().get("a").unwrap();
        let mut e = FileEdits::new(&f);
        e.passes
            .push(vec![TextEdit::set_string(node, "longer value")]);
        // The second pass is computed on the first pass's text.
        let after = e.result().unwrap();
        let root = crate::json::parse(&after).unwrap();
        e.passes
            .push(vec![TextEdit::set_string(root.get("a").unwrap(), "y")]);
        e.write().unwrap();
        assert_eq!(
            std::fs::read(&f.path).unwrap(),
            b"\xEF\xBB\xBF{\"a\": \"y\", \"b\": 1}"
        );
    }

    #[test]
    fn a_changed_file_or_broken_json_is_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let f = file(dir.path(), b"{\"a\": \"x\"}");
        let mut e = FileEdits::new(&f);
        e.passes.push(vec![TextEdit {
            span: crate::json::Span::new(0, 1),
            replacement: "[".into(),
        }]);
        assert!(matches!(e.write(), Err(SaveError::Broken { .. })));
        assert_eq!(std::fs::read(&f.path).unwrap(), b"{\"a\": \"x\"}");
        let node = f.json().unwrap().get("a").unwrap();
        e.passes = vec![vec![TextEdit::set_string(node, "z")]];
        std::fs::write(&f.path, b"{\"a\": \"changed\"}").unwrap();
        let err = e.write().unwrap_err();
        assert!(matches!(err, SaveError::Changed { .. }), "{err}");
        assert_eq!(std::fs::read(&f.path).unwrap(), b"{\"a\": \"changed\"}");
    }

    #[test]
    fn several_files_are_written_all_or_none() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, bytes: &[u8]| {
            let p = dir.path().join(name);
            std::fs::write(&p, bytes).unwrap();
            SourceFile::read(&p, name.into(), true).unwrap()
        };
        let a = write("a.json", b"{\"a\": \"x\"}");
        let b = write("b.json", b"{\"b\": \"x\"}");
        let edit = |f: &SourceFile, key: &str| {
            let mut e = FileEdits::new(f);
            e.passes.push(vec![TextEdit::set_string(
                f.json().unwrap().get(key).unwrap(),
                "y",
            )]);
            e
        };
        let both = [edit(&a, "a"), edit(&b, "b")];
        // The second file changed on disk: the first is not written either.
        std::fs::write(&b.path, b"{\"b\": \"changed\"}").unwrap();
        assert!(matches!(write_all(&both), Err(SaveError::Changed { .. })));
        assert_eq!(std::fs::read(&a.path).unwrap(), b"{\"a\": \"x\"}");
        std::fs::write(&b.path, b"{\"b\": \"x\"}").unwrap();
        write_all(&both).unwrap();
        assert_eq!(std::fs::read(&a.path).unwrap(), b"{\"a\": \"y\"}");
        assert_eq!(std::fs::read(&b.path).unwrap(), b"{\"b\": \"y\"}");
    }
}
