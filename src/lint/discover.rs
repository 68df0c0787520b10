//! The connector folders under a path: a connector folder or a lone swagger file is taken
//! as it is; any other folder (a checkout of the connectors repository, a group folder like
//! `independent-publisher-connectors`) is walked, `.gitignore` (and `.ignore`) respected,
//! hidden folders and `.git` skipped. A connector folder is one that holds a
//! `*.swagger.json` file; the walk does not go inside it.

use std::path::{Path, PathBuf};

/// Whether `dir` holds an entry named `*.swagger.json` (any case; reading it says when it
/// is not a regular file).
pub fn is_connector_folder(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|rd| {
        rd.flatten().any(|e| {
            e.file_name()
                .to_string_lossy()
                .to_ascii_lowercase()
                .ends_with(".swagger.json")
        })
    })
}

/// What a path given to `check` stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// A connector folder or a file: checked as it is.
    Itself,
    /// A folder above connector folders: the folders found, sorted.
    Walked(Vec<PathBuf>),
}

/// The connector folders `path` stands for. A path that does not exist, a file, and a
/// connector folder are [`Found::Itself`] (reading them reports what is wrong).
pub fn find(path: &Path) -> Found {
    if !path.is_dir() || is_connector_folder(path) {
        return Found::Itself;
    }
    let mut out = Vec::new();
    let walker = ignore::WalkBuilder::new(path)
        .hidden(true)
        .git_ignore(true)
        .git_global(false)
        .git_exclude(true)
        .ignore(true)
        .parents(true)
        // A plain copy of a checkout (no .git) still has its .gitignore respected.
        .require_git(false)
        .follow_links(false)
        .filter_entry(|e| e.file_name() != ".git")
        .build();
    let mut skip_under: Option<PathBuf> = None;
    for entry in walker.flatten() {
        let p = entry.path();
        if skip_under.as_deref().is_some_and(|s| p.starts_with(s)) {
            continue;
        }
        if entry.file_type().is_some_and(|t| t.is_dir())
            && entry.depth() > 0
            && is_connector_folder(p)
        {
            // `check .` names `x/y`, not `./x/y`.
            let shown = if path == Path::new(".") {
                p.strip_prefix(".").unwrap_or(p)
            } else {
                p
            };
            out.push(shown.to_path_buf());
            skip_under = Some(p.to_path_buf());
        }
    }
    out.sort();
    Found::Walked(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn touch(root: &Path, rel: &str) {
        let p = root.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, "{}").unwrap();
    }

    #[test]
    fn walks_a_checkout() {
        let d = tempfile::tempdir().unwrap();
        let r = d.path();
        touch(
            r,
            "independent-publisher-connectors/A/apiDefinition.swagger.json",
        );
        touch(
            r,
            "independent-publisher-connectors/B/apiDefinition.swagger.json",
        );
        // A folder inside a connector folder is not another connector.
        touch(r, "independent-publisher-connectors/B/old/x.swagger.json");
        touch(r, "certified-connectors/C/apiDefinition.swagger.json");
        touch(r, "ignored/D/apiDefinition.swagger.json");
        touch(r, ".git/E/apiDefinition.swagger.json");
        touch(r, ".hidden/F/apiDefinition.swagger.json");
        touch(r, "templates/readme.md");
        fs::write(r.join(".gitignore"), "ignored/\n").unwrap();
        let Found::Walked(found) = find(r) else {
            panic!("walked")
        };
        let rel: Vec<String> = found
            .iter()
            .map(|p| {
                p.strip_prefix(r)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        assert_eq!(
            rel,
            [
                "certified-connectors/C",
                "independent-publisher-connectors/A",
                "independent-publisher-connectors/B"
            ]
        );
        assert_eq!(find(&r.join("certified-connectors/C")), Found::Itself);
        assert_eq!(find(&r.join("nope")), Found::Itself);
        assert_eq!(find(&r.join("templates")), Found::Walked(vec![]));
    }
}
