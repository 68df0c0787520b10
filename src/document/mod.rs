//! A connector folder as the rules see it: the swagger, apiProperties.json, readme, intro,
//! script and the names of every other file, each text with its line index and (for JSON)
//! its span-aware tree. Reading never panics on bad input: problems are kept on the file
//! (`decode`, `json`) for the rules to report, and only I/O failures are errors.
//!
//! [`openapi`] is the typed view of the swagger every module walks; [`save`] writes edits
//! back with the minimal-diff writer.

pub mod facts;
mod file;
mod kind;
pub mod openapi;
pub mod save;

pub use file::{Decode, SourceFile, MAX_FILE_BYTES};
pub use kind::ConnectorKind;
pub use openapi::{OpenApi, HTTP_METHODS};

use std::fs;
use std::path::{Path, PathBuf};

/// Why a path could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: no such file or folder; check the path")]
    NotFound { path: PathBuf },
    #[error("{path}: cannot read it: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A file that is not read because it could hang or exhaust the checker, or lead
    /// outside the folder (a FIFO, a device, a link out of the folder).
    #[error("{path}: not read: {reason}")]
    Refused { path: PathBuf, reason: String },
    #[error("{path}: the folder holds no *.swagger.json file, and no folder below it does (outside what .gitignore leaves out); is this a connector folder or a checkout?")]
    NoSwagger { path: PathBuf },
}

/// The files of one connector.
#[derive(Debug, Clone)]
pub struct Connector {
    /// The folder (for a lone swagger file, its parent).
    pub root: PathBuf,
    /// What the user named on the command line, for display.
    pub display_root: String,
    pub kind: ConnectorKind,
    /// Only a swagger file was given: folder rules (readme, apiProperties, icon) are skipped.
    pub lone_file: bool,
    pub swagger: Option<SourceFile>,
    /// The swagger's file name is not `apiDefinition.swagger.json` (any case).
    pub swagger_misnamed: bool,
    pub api_properties: Option<SourceFile>,
    pub readme: Option<SourceFile>,
    pub intro: Option<SourceFile>,
    pub script: Option<SourceFile>,
    /// Names of all entries of the folder (files and sub-folders), as found.
    pub entries: Vec<String>,
    /// The entries that are folders.
    pub dirs: Vec<String>,
    /// The entries of those folders, one level down, as `folder/name` (at most
    /// [`MAX_NESTED`] per folder; dot-folders are not read): how the rules see another
    /// connector's files or an image folder.
    pub nested: Vec<String>,
}

/// How many entries of a sub-folder are listed.
pub const MAX_NESTED: usize = 64;

/// The entries of the sub-folders of `path`, as `folder/name`.
fn nested_entries(path: &Path, dirs: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for d in dirs.iter().filter(|d| !d.starts_with('.')) {
        let Ok(rd) = fs::read_dir(path.join(d)) else {
            continue;
        };
        let mut names: Vec<String> = rd
            .filter_map(|e| e.ok())
            .take(MAX_NESTED)
            .map(|e| format!("{d}/{}", e.file_name().to_string_lossy()))
            .collect();
        names.sort();
        out.extend(names);
    }
    out
}

impl Connector {
    /// Reads a connector folder or a lone swagger file. `kind` overrides the kind inferred
    /// from the path.
    pub fn load(path: &Path, kind: Option<ConnectorKind>) -> Result<Connector, LoadError> {
        let meta = fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => LoadError::NotFound {
                path: path.to_path_buf(),
            },
            _ => LoadError::Io {
                path: path.to_path_buf(),
                source: e,
            },
        })?;
        let kind = kind.unwrap_or_else(|| ConnectorKind::infer(path));
        // Anything but a folder is read as a lone swagger file; reading refuses FIFOs,
        // devices and links leading out of the file's folder.
        if !meta.is_dir() {
            let swagger = SourceFile::read(path, path.display().to_string(), true)?;
            return Ok(Connector::lone(swagger, kind));
        }
        let mut entries = Vec::new();
        let mut dirs = Vec::new();
        let listing = fs::read_dir(path).map_err(|e| LoadError::Io {
            path: path.to_path_buf(),
            source: e,
        })?;
        for e in listing.filter_map(|e| e.ok()) {
            let name = e.file_name().to_string_lossy().into_owned();
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                dirs.push(name.clone());
            }
            entries.push(name);
        }
        entries.sort();
        dirs.sort();
        let find = |want: &str| {
            entries
                .iter()
                .find(|n| n.eq_ignore_ascii_case(want))
                .cloned()
        };
        let display = |name: &str| path.join(name).display().to_string();
        let (swagger_name, misnamed) = match find("apiDefinition.swagger.json") {
            Some(n) => (Some(n), false),
            None => (
                entries
                    .iter()
                    .find(|n| n.to_ascii_lowercase().ends_with(".swagger.json"))
                    .cloned(),
                true,
            ),
        };
        let Some(swagger_name) = swagger_name else {
            return Err(LoadError::NoSwagger {
                path: path.to_path_buf(),
            });
        };
        let read = |name: Option<String>, json: bool| -> Result<Option<SourceFile>, LoadError> {
            match name {
                Some(n) => SourceFile::read_in(&path.join(&n), path, display(&n), json).map(Some),
                None => Ok(None),
            }
        };
        Ok(Connector {
            root: path.to_path_buf(),
            display_root: path.display().to_string(),
            kind,
            lone_file: false,
            swagger: read(Some(swagger_name), true)?,
            swagger_misnamed: misnamed,
            api_properties: read(find("apiProperties.json"), true)?,
            readme: read(find("readme.md"), false)?,
            intro: read(find("intro.md"), false)?,
            script: read(find("script.csx"), false)?,
            nested: nested_entries(path, &dirs),
            entries,
            dirs,
        })
    }

    /// A lone swagger file (folder rules are skipped).
    pub fn lone(swagger: SourceFile, kind: ConnectorKind) -> Connector {
        let root = swagger
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        Connector {
            display_root: root.display().to_string(),
            root,
            kind,
            lone_file: true,
            swagger_misnamed: !is_swagger_name(&swagger.path),
            swagger: Some(swagger),
            api_properties: None,
            readme: None,
            intro: None,
            script: None,
            entries: Vec::new(),
            dirs: Vec::new(),
            nested: Vec::new(),
        }
    }

    /// A lone swagger given as bytes (standard input), named `path`; the kind, when not
    /// given, is inferred from that name.
    pub fn from_bytes(path: &Path, bytes: Vec<u8>, kind: Option<ConnectorKind>) -> Connector {
        let kind = kind.unwrap_or_else(|| ConnectorKind::infer(path));
        let swagger = if bytes.len() as u64 > MAX_FILE_BYTES {
            SourceFile::too_large(
                path.to_path_buf(),
                path.display().to_string(),
                bytes.len() as u64,
            )
        } else {
            SourceFile::from_bytes(path.to_path_buf(), path.display().to_string(), bytes, true)
        };
        Connector::lone(swagger, kind)
    }

    /// The parsed swagger, when it is readable JSON.
    pub fn swagger_json(&self) -> Option<&crate::json::Node> {
        self.swagger.as_ref().and_then(SourceFile::json)
    }

    /// The parsed apiProperties.json, when present and readable JSON.
    pub fn api_properties_json(&self) -> Option<&crate::json::Node> {
        self.api_properties.as_ref().and_then(SourceFile::json)
    }

    /// Reads every file again from disk (after an edit).
    pub fn reload(&self) -> Result<Connector, LoadError> {
        if self.lone_file {
            if let Some(s) = &self.swagger {
                return Connector::load(&s.path, Some(self.kind));
            }
        }
        Connector::load(&self.root, Some(self.kind))
    }
}

fn is_swagger_name(path: &Path) -> bool {
    path.file_name().is_some_and(|n| {
        n.to_string_lossy()
            .eq_ignore_ascii_case("apiDefinition.swagger.json")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(files: &[(&str, &[u8])]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, bytes) in files {
            fs::write(dir.path().join(name), bytes).unwrap();
        }
        dir
    }

    #[test]
    fn reads_files_case_insensitively() {
        let d = folder(&[
            ("apidefinition.Swagger.json", b"{\"swagger\":\"2.0\"}"),
            ("ApiProperties.json", b"{}"),
            ("README.md", b"# T"),
            ("icon.png", b"\x89PNG"),
        ]);
        let c = Connector::load(d.path(), None).unwrap();
        assert!(!c.swagger_misnamed);
        assert!(c.swagger_json().is_some());
        assert!(c.api_properties.is_some());
        assert_eq!(c.readme.as_ref().unwrap().text, "# T");
        assert!(c.intro.is_none());
        assert!(c.entries.contains(&"icon.png".to_string()));
    }

    #[test]
    fn misnamed_swagger_is_found_and_flagged() {
        let d = folder(&[("My.swagger.json", b"{}")]);
        let c = Connector::load(d.path(), None).unwrap();
        assert!(c.swagger_misnamed);
        assert!(c.swagger.is_some());
    }

    #[test]
    fn missing_and_empty_folders_are_errors() {
        let err = Connector::load(Path::new("/no/such/folder"), None).unwrap_err();
        assert!(matches!(err, LoadError::NotFound { .. }), "{err}");
        let d = folder(&[("readme.md", b"x")]);
        let err = Connector::load(d.path(), None).unwrap_err();
        assert!(err.to_string().contains("no *.swagger.json"), "{err}");
    }

    #[test]
    fn lone_file_is_accepted() {
        let d = folder(&[("x.json", b"{}")]);
        let c = Connector::load(&d.path().join("x.json"), None).unwrap();
        assert!(c.lone_file);
        assert!(c.swagger_misnamed);
    }
}
