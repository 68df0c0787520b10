//! File paths as configs, baselines and SARIF name them: absolute without touching the file
//! system (no link resolved, so a deleted file still has a path), and relative to a folder
//! with `/` separators.

use std::path::{Component, Path, PathBuf};

/// `path` made absolute against the current folder, with `.` and `..` resolved lexically.
pub fn absolute(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// `path` relative to the folder `base` (both made [`absolute`]), `/`-separated; `None` when
/// it is not inside `base`.
pub fn relative_to(path: &Path, base: &Path) -> Option<String> {
    let rel = absolute(path)
        .strip_prefix(absolute(base))
        .ok()?
        .to_path_buf();
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Some(parts.join("/"))
}

/// `path` relative to `base` when it is inside it, else absolute; `/`-separated.
pub fn relative_or_absolute(path: &Path, base: &Path) -> String {
    relative_to(path, base).unwrap_or_else(|| absolute(path).to_string_lossy().replace('\\', "/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_paths() {
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(absolute(Path::new("./a/../b/./c")), cwd.join("b/c"));
        assert_eq!(
            relative_to(Path::new("x/./y/z.json"), Path::new("x")).as_deref(),
            Some("y/z.json")
        );
        assert_eq!(
            relative_to(Path::new("x"), Path::new("x")).as_deref(),
            Some("")
        );
        assert_eq!(relative_to(Path::new("/elsewhere/f"), Path::new("x")), None);
        assert_eq!(
            relative_or_absolute(Path::new("/elsewhere/f"), Path::new("x")),
            "/elsewhere/f"
        );
    }
}
