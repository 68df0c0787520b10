//! Atomic file writes: a temporary file in the same directory, fsync, then rename.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically: readers see either the old file or the new one,
/// never a half-written file, whatever happens to the process in between.
/// A new file is readable only by its owner (sessions, caches); a file that exists keeps its
/// permissions.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    atomic_write_with(path, bytes, |_| Ok(()))
}

/// [`atomic_write`] for files people share (connector files, exports): a new file gets the
/// permissions the umask gives (0644 with the usual umask 022), as git and editors do; a file
/// that exists keeps its permissions.
pub fn atomic_write_shared(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomically(path, bytes, true, |_| Ok(()))
}

/// Like [`atomic_write`], with a hook that runs after the temporary file is written and
/// synced but before the rename. Tests use it to simulate a crash at the worst moment.
pub fn atomic_write_with(
    path: &Path,
    bytes: &[u8],
    before_rename: impl FnOnce(&Path) -> io::Result<()>,
) -> io::Result<()> {
    write_atomically(path, bytes, false, before_rename)
}

fn write_atomically(
    path: &Path,
    bytes: &[u8],
    shared: bool,
    before_rename: impl FnOnce(&Path) -> io::Result<()>,
) -> io::Result<()> {
    let mut f = AtomicFile::create(path, shared)?;
    f.write_all(bytes)?;
    f.commit_with(before_rename)
}

/// A file written as a stream and put in place atomically: the bytes go to a temporary
/// file in the same folder, and [`AtomicFile::commit`] syncs it and renames it over `path`.
/// Dropped without a commit (a write failed), the temporary file is removed and `path` is
/// left as it was.
pub struct AtomicFile {
    path: PathBuf,
    dir: PathBuf,
    tmp: io::BufWriter<tempfile::NamedTempFile>,
}

impl AtomicFile {
    /// Starts writing `path`. `shared`: a new file gets the umask's permissions (files
    /// people share), else it is readable by its owner only.
    pub fn create(path: &Path, shared: bool) -> io::Result<AtomicFile> {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let mut builder = tempfile::Builder::new();
        builder.prefix(".cw-tmp-");
        #[cfg(unix)]
        if shared {
            use std::os::unix::fs::PermissionsExt;
            // The mode asked of open(2); the kernel takes the umask off it.
            builder.permissions(fs::Permissions::from_mode(0o666));
        }
        #[cfg(not(unix))]
        let _ = shared;
        let tmp = builder.tempfile_in(&dir)?;
        Ok(AtomicFile {
            path: path.to_path_buf(),
            dir,
            tmp: io::BufWriter::with_capacity(64 * 1024, tmp),
        })
    }

    /// Syncs the file and renames it over the target.
    pub fn commit(self) -> io::Result<()> {
        self.commit_with(|_| Ok(()))
    }

    fn commit_with(self, before_rename: impl FnOnce(&Path) -> io::Result<()>) -> io::Result<()> {
        let tmp = self.tmp.into_inner().map_err(|e| e.into_error())?;
        tmp.as_file().sync_all()?;
        // Keep the permissions of the file we replace.
        if let Ok(meta) = fs::metadata(&self.path) {
            let _ = fs::set_permissions(tmp.path(), meta.permissions());
        }
        before_rename(tmp.path())?;
        tmp.persist(&self.path).map_err(|e| e.error)?;
        // Make the rename itself durable.
        if let Ok(d) = File::open(&self.dir) {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.tmp.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.tmp.flush()
    }
}

/// Writes several files people share all-or-nothing: each is staged as a temporary file
/// beside its target (written and synced, with the permissions the umask gives) before the
/// first is renamed into place; when a rename fails, the files already renamed get their
/// old bytes back (or go, when they were new). Folders are created when missing. The error
/// names the file.
pub fn write_all_shared(files: &[(PathBuf, Vec<u8>)]) -> io::Result<()> {
    let named = |p: &Path, e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", p.display()));
    let mut staged = Vec::new();
    for (path, bytes) in files {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&dir).map_err(|e| named(&dir, e))?;
        let mut builder = tempfile::Builder::new();
        builder.prefix(".cw-tmp-");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(fs::Permissions::from_mode(0o666));
        }
        let mut tmp = builder.tempfile_in(&dir).map_err(|e| named(&dir, e))?;
        tmp.write_all(bytes)
            .and_then(|_| tmp.as_file().sync_all())
            .map_err(|e| named(path, e))?;
        if let Ok(meta) = fs::metadata(path) {
            let _ = fs::set_permissions(tmp.path(), meta.permissions());
        }
        staged.push((tmp, path));
    }
    let mut done: Vec<(&PathBuf, Option<Vec<u8>>)> = Vec::new();
    for (tmp, path) in staged {
        let old = fs::read(path).ok();
        if let Err(e) = tmp.persist(path) {
            for (p, old) in done.into_iter().rev() {
                let _ = match old {
                    Some(bytes) => atomic_write_shared(p, &bytes),
                    None => fs::remove_file(p),
                };
            }
            return Err(named(path, e.error));
        }
        done.push((path, old));
    }
    Ok(())
}

/// Moves a file that cannot be read aside as `<name>.corrupt-<unix seconds>` and returns
/// the new path. The original bytes are kept; nothing is overwritten.
pub fn move_aside(path: &Path) -> io::Result<PathBuf> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".into());
    let mut target = path.with_file_name(format!("{name}.corrupt-{stamp}"));
    let mut n = 1;
    while target.exists() {
        target = path.with_file_name(format!("{name}.corrupt-{stamp}-{n}"));
        n += 1;
    }
    fs::rename(path, &target)?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_content() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.json");
        atomic_write(&p, b"one").unwrap();
        atomic_write(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        // No temporary files are left behind.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn shared_files_follow_the_umask_private_ones_do_not() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        // What the umask gives a plain new file here (0644 with umask 022).
        let probe = dir.path().join("probe");
        fs::write(&probe, b"").unwrap();
        let umask_mode = fs::metadata(&probe).unwrap().permissions().mode() & 0o777;
        let shared = dir.path().join("readme.md");
        atomic_write_shared(&shared, b"# A").unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&shared), umask_mode);
        assert_ne!(mode(&shared), 0o600, "umask {umask_mode:o}");
        let private = dir.path().join("s.json");
        atomic_write(&private, b"{}").unwrap();
        assert_eq!(mode(&private), 0o600);
        // Replacing keeps what the file had.
        fs::set_permissions(&shared, fs::Permissions::from_mode(0o640)).unwrap();
        atomic_write_shared(&shared, b"# B").unwrap();
        assert_eq!(mode(&shared), 0o640);
    }

    #[test]
    fn crash_before_rename_keeps_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.json");
        atomic_write(&p, b"old").unwrap();
        let err = atomic_write_with(&p, b"new", |_| Err(io::Error::other("killed"))).unwrap_err();
        assert_eq!(err.to_string(), "killed");
        assert_eq!(fs::read(&p).unwrap(), b"old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn move_aside_keeps_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.json");
        fs::write(&p, b"{broken").unwrap();
        let moved = move_aside(&p).unwrap();
        assert!(!p.exists());
        assert!(moved
            .file_name()
            .unwrap()
            .to_string_lossy()
            .contains(".corrupt-"));
        assert_eq!(fs::read(moved).unwrap(), b"{broken");
    }

    #[test]
    fn several_files_are_written_together() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("new/a.json");
        let b = dir.path().join("new/b.json");
        write_all_shared(&[(a.clone(), b"1".to_vec()), (b.clone(), b"2".to_vec())]).unwrap();
        assert_eq!(fs::read(&a).unwrap(), b"1");
        assert_eq!(fs::read(&b).unwrap(), b"2");
        // A target that cannot be written (a folder is in its place): what was renamed before
        // it gets its old bytes back, a new file goes, no temporary file is left.
        fs::create_dir(dir.path().join("new/c.json")).unwrap();
        let e = write_all_shared(&[
            (a.clone(), b"one".to_vec()),
            (dir.path().join("new/c.json"), b"3".to_vec()),
        ])
        .unwrap_err();
        assert!(e.to_string().contains("c.json"), "{e}");
        assert_eq!(fs::read(&a).unwrap(), b"1");
        let fresh = dir.path().join("new/d.json");
        write_all_shared(&[
            (fresh.clone(), b"4".to_vec()),
            (dir.path().join("new/c.json"), b"3".to_vec()),
        ])
        .unwrap_err();
        assert!(!fresh.exists());
        assert_eq!(fs::read_dir(dir.path().join("new")).unwrap().count(), 3);
    }
}
