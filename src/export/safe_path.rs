//! Where an export may write: only into real folders of the checkout.
//!
//! git stores symbolic links, so a pull request (or a mistake) can turn
//! `independent-publisher-connectors` or `independent-publisher-connectors/Acme` into a link
//! to anywhere: `~/.ssh`, the checkout's own `.git/hooks`, another project. Export never
//! writes through a link: every folder from the checkout's top down to the target must be a
//! real folder (or not exist yet, to be created), every file it replaces a real file, and the
//! resolved target must still be inside the resolved checkout.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// Why the target cannot be written safely.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsafe {
    /// The path that is not a real folder or file of the checkout.
    pub path: PathBuf,
    pub reason: String,
}

impl std::fmt::Display for Unsafe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.reason)
    }
}

fn link_target(path: &Path) -> String {
    match fs::read_link(path) {
        Ok(t) => format!(" to {}", t.display()),
        Err(_) => String::new(),
    }
}

/// Checks that `target_dir` (a folder under `repo`) can be written without leaving the
/// checkout: each of its components below `repo` is a real folder or absent, and what
/// exists resolves inside `repo`.
pub fn check_target_dir(repo: &Path, target_dir: &Path) -> Result<(), Unsafe> {
    let unsafe_at = |path: &Path, reason: String| Unsafe {
        path: path.to_path_buf(),
        reason,
    };
    let rel = target_dir.strip_prefix(repo).map_err(|_| {
        unsafe_at(
            target_dir,
            format!("is not inside the checkout {}", repo.display()),
        )
    })?;
    let root = fs::canonicalize(repo)
        .map_err(|e| unsafe_at(repo, format!("cannot resolve the checkout: {e}")))?;
    let mut at = repo.to_path_buf();
    for component in rel.components() {
        let Component::Normal(name) = component else {
            return Err(unsafe_at(
                target_dir,
                "holds `..` or another special component; export writes only below the checkout"
                    .into(),
            ));
        };
        at.push(name);
        match fs::symlink_metadata(&at) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => break,
            Err(e) => return Err(unsafe_at(&at, format!("cannot be examined: {e}"))),
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(unsafe_at(
                    &at,
                    format!(
                        "is a symbolic link{}; export writes only into real folders of the checkout. Replace the link with a folder (or remove it) and export again",
                        link_target(&at)
                    ),
                ))
            }
            Ok(meta) if !meta.is_dir() => {
                return Err(unsafe_at(
                    &at,
                    "is a file where a folder should be: move it away".into(),
                ))
            }
            Ok(_) => {
                let resolved = fs::canonicalize(&at)
                    .map_err(|e| unsafe_at(&at, format!("cannot be resolved: {e}")))?;
                if !resolved.starts_with(&root) {
                    return Err(unsafe_at(
                        &at,
                        format!(
                            "resolves to {}, outside the checkout {}",
                            resolved.display(),
                            root.display()
                        ),
                    ));
                }
            }
        }
    }
    Ok(())
}

/// What is at a target file's path: nothing, a real file, or something export must not
/// replace (a link, a folder, a device) with the reason.
pub enum TargetFile {
    Absent,
    File,
    NotAFile(String),
}

/// Examines a target file without following a link.
pub fn target_file(path: &Path) -> io::Result<TargetFile> {
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(TargetFile::Absent),
        Err(e) => Err(e),
        Ok(m) if m.file_type().is_symlink() => Ok(TargetFile::NotAFile(format!(
            "is a symbolic link{} in the checkout; export does not write through links: remove it",
            link_target(path)
        ))),
        Ok(m) if m.is_dir() => Ok(TargetFile::NotAFile(
            "is a folder in the checkout where a file goes: move it away".into(),
        )),
        Ok(m) if !m.is_file() => Ok(TargetFile::NotAFile(
            "is not a regular file (a FIFO or a device): remove it".into(),
        )),
        Ok(_) => Ok(TargetFile::File),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn real_and_missing_folders_pass() {
        let repo = tempfile::tempdir().unwrap();
        fs::create_dir(repo.path().join("group")).unwrap();
        let t = repo.path().join("group").join("Acme");
        assert_eq!(check_target_dir(repo.path(), &t), Ok(()));
        fs::create_dir(&t).unwrap();
        assert_eq!(check_target_dir(repo.path(), &t), Ok(()));
    }

    #[test]
    fn links_at_any_depth_are_refused() {
        let repo = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        // The group folder is a link.
        symlink(elsewhere.path(), repo.path().join("group")).unwrap();
        let t = repo.path().join("group").join("Acme");
        let e = check_target_dir(repo.path(), &t).unwrap_err();
        assert_eq!(e.path, repo.path().join("group"));
        assert!(e.reason.contains("symbolic link"), "{e}");
        // The connector folder is a link, even one that stays inside the checkout.
        fs::remove_file(repo.path().join("group")).unwrap();
        fs::create_dir_all(repo.path().join("group")).unwrap();
        fs::create_dir_all(repo.path().join(".git/hooks")).unwrap();
        symlink("../.git/hooks", &t).unwrap();
        let e = check_target_dir(repo.path(), &t).unwrap_err();
        assert_eq!(e.path, t);
        // `..` is never accepted.
        let e = check_target_dir(repo.path(), &repo.path().join("group/../../x")).unwrap_err();
        assert!(e.reason.contains(".."), "{e}");
    }

    #[test]
    fn target_files_are_examined_without_following_links() {
        let d = tempfile::tempdir().unwrap();
        assert!(matches!(
            target_file(&d.path().join("a")).unwrap(),
            TargetFile::Absent
        ));
        fs::write(d.path().join("a"), b"x").unwrap();
        assert!(matches!(
            target_file(&d.path().join("a")).unwrap(),
            TargetFile::File
        ));
        symlink("/etc/hostname", d.path().join("l")).unwrap();
        match target_file(&d.path().join("l")).unwrap() {
            TargetFile::NotAFile(r) => assert!(r.contains("/etc/hostname"), "{r}"),
            _ => panic!("a link is not a file"),
        }
    }
}
