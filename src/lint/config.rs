//! `connector-wizard.toml`: the rule choice of a repository, found by walking up from the
//! checked path (`--config FILE` names one, `--isolated` ignores them).
//!
//! ```toml
//! [check]
//! select = ["ALL"]                        # IDs or prefixes; default: every rule
//! extend-select = []
//! ignore = ["OP-SUMMARY-CASE", "README-"]
//!
//! [check.severity]                        # severity overrides
//! "OPID-CASE" = "error"
//!
//! [check.per-path-ignores]                # globs relative to this file's folder
//! "independent-publisher-connectors/Legacy*" = ["OP-"]
//! ```
//!
//! Unknown keys and unknown rule IDs are errors naming the line, with a suggestion.

use super::select::{Layer, PathIgnore, Selector};
use crate::rules::Severity;
use crate::util::bounded;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The file name looked for.
pub const FILE_NAME: &str = "connector-wizard.toml";

/// A config file is small; anything larger is refused before it is read.
const MAX_BYTES: u64 = 1024 * 1024;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    check: Option<RawCheck>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawCheck {
    select: Option<Vec<Spanned<String>>>,
    extend_select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    severity: Option<BTreeMap<String, Spanned<String>>>,
    per_path_ignores: Option<BTreeMap<String, Spanned<Vec<Spanned<String>>>>>,
}

/// A config file, read and checked.
#[derive(Debug, Clone)]
pub struct Config {
    pub path: PathBuf,
    pub layer: Layer,
    pub severities: Vec<(Selector, Severity)>,
    pub per_path: Vec<PathIgnore>,
}

/// Where the config of a run comes from: the file found, and the ones passed over.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Found {
    pub path: Option<PathBuf>,
    /// Files inside connector folders: never used, since a pull request could add one to
    /// switch its own rules off.
    pub skipped: Vec<PathBuf>,
}

/// The nearest `connector-wizard.toml` in `start` (a folder, or a file's folder) or a
/// folder above it, passing over any inside a connector folder (one that holds a
/// `*.swagger.json`): a repository's rule choice lives at its root or a group folder.
pub fn find(start: &Path) -> Found {
    let abs = super::paths::absolute(start);
    let first = if abs.is_dir() {
        Some(abs.as_path())
    } else {
        abs.parent()
    };
    let mut found = Found::default();
    for dir in first.into_iter().flat_map(Path::ancestors) {
        let p = dir.join(FILE_NAME);
        if !p.is_file() {
            continue;
        }
        if super::discover::is_connector_folder(dir) {
            found.skipped.push(p);
            continue;
        }
        found.path = Some(p);
        break;
    }
    found
}

/// `file:line:column: message` for a byte offset of `text`.
fn at(path: &Path, text: &str, offset: usize, msg: &str) -> String {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!("{}:{line}:{column}: {msg}", path.display())
}

/// Reads and checks a config file.
pub fn load(path: &Path) -> Result<Config, String> {
    let bytes = bounded::read_file(path, MAX_BYTES)
        .map_err(|e| format!("{}: cannot read the config: {e}", path.display()))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| format!("{}: the config is not UTF-8 text", path.display()))?;
    parse(path, &text)
}

/// Checks the text of a config file (`path` names it in messages and is the base of the
/// per-path globs).
pub fn parse(path: &Path, text: &str) -> Result<Config, String> {
    let raw: Raw = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        at(path, text, offset, e.message().trim())
    })?;
    let c = raw.check.unwrap_or(RawCheck {
        select: None,
        extend_select: None,
        ignore: None,
        severity: None,
        per_path_ignores: None,
    });
    let list =
        |key: &str, v: &Option<Vec<Spanned<String>>>| -> Result<Option<Vec<Selector>>, String> {
            v.as_ref()
                .map(|items| {
                    items
                        .iter()
                        .map(|s| {
                            Selector::parse(s.get_ref()).map_err(|e| {
                                at(path, text, s.span().start, &format!("check.{key}: {e}"))
                            })
                        })
                        .collect()
                })
                .transpose()
        };
    let layer = Layer {
        select: list("select", &c.select)?,
        extend_select: list("extend-select", &c.extend_select)?.unwrap_or_default(),
        ignore: list("ignore", &c.ignore)?.unwrap_or_default(),
    };
    let mut severities = Vec::new();
    for (id, sev) in c.severity.iter().flatten() {
        let where_ = sev.span().start;
        let s = Selector::parse(id)
            .map_err(|e| at(path, text, where_, &format!("check.severity: {e}")))?;
        let level = match sev.get_ref().to_ascii_lowercase().as_str() {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            "info" => Severity::Info,
            other => {
                return Err(at(
                    path,
                    text,
                    where_,
                    &format!("check.severity: `{other}` is not a severity; use \"error\", \"warning\" or \"info\""),
                ))
            }
        };
        severities.push((s, level));
    }
    let base = super::paths::absolute(path);
    let base = base.parent().unwrap_or(Path::new("/"));
    let mut per_path = Vec::new();
    for (glob, ids) in c.per_path_ignores.iter().flatten() {
        let where_ = ids.span().start;
        let sels = list("per-path-ignores", &Some(ids.get_ref().clone()))?.unwrap_or_default();
        per_path.push(
            PathIgnore::new(glob, base, &sels)
                .map_err(|e| at(path, text, where_, &format!("check.per-path-ignores: {e}")))?,
        );
    }
    Ok(Config {
        path: path.to_path_buf(),
        layer,
        severities,
        per_path,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_config_reads_and_errors_name_the_line() {
        let p = Path::new("/repo/connector-wizard.toml");
        let c = parse(
            p,
            "[check]\nselect = [\"OP-\", \"TITLE\"]\nignore = [\"OP-SUMMARY-CASE\"]\n[check.severity]\n\"OPID-\" = \"info\"\n[check.per-path-ignores]\n\"legacy/*\" = [\"ALL\"]\n",
        )
        .unwrap();
        assert_eq!(c.layer.select.as_ref().unwrap().len(), 2);
        assert_eq!(c.layer.ignore[0].text, "OP-SUMMARY-CASE");
        assert_eq!(c.severities[0].1, Severity::Info);
        assert_eq!(c.per_path[0].pattern, "legacy/*");

        let e = parse(p, "[check]\nselect = [\"OP-\",\n  \"OPID-CASEE\"]\n").unwrap_err();
        assert!(
            e.starts_with("/repo/connector-wizard.toml:3:3: check.select: unknown rule or prefix `OPID-CASEE`; did you mean OPID-CASE"),
            "{e}"
        );
        let e = parse(p, "[check]\nselekt = []\n").unwrap_err();
        assert!(e.contains(":2:1:") && e.contains("selekt"), "{e}");
        let e = parse(p, "[check.severity]\n\"OPID-CASE\" = \"fatal\"\n").unwrap_err();
        assert!(
            e.contains(":2:15:") && e.contains("`fatal` is not a severity"),
            "{e}"
        );
        assert!(parse(p, "").unwrap().layer.select.is_none());
    }

    #[test]
    fn found_by_walking_up() {
        let d = tempfile::tempdir().unwrap();
        let deep = d.path().join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        assert_eq!(find(&deep), Found::default());
        std::fs::write(d.path().join(FILE_NAME), "").unwrap();
        let top = super::super::paths::absolute(&d.path().join(FILE_NAME));
        assert_eq!(find(&deep).path.as_ref(), Some(&top));
        assert!(find(&deep.join("x.json")).path.is_some());
        // One inside a connector folder is passed over, and said so.
        std::fs::write(deep.join("apiDefinition.swagger.json"), "{}").unwrap();
        std::fs::write(deep.join(FILE_NAME), "").unwrap();
        let f = find(&deep);
        assert_eq!(f.path, Some(top));
        assert_eq!(f.skipped.len(), 1);
    }
}
