//! A lock per session (`<slug>.lock`), so that a second process is told the session is in
//! use.
//!
//! The operating system decides who holds it: the file is locked with
//! [`File::try_lock`] (`flock` on Unix, `LockFileEx` on Windows), and the lock goes away
//! with the process, however it ends, so there is no stale lock to judge. The file also
//! holds the owner's pid and start time, read only to say who has the session open.
//!
//! On Unix the file is removed when the lock is let go, while still held. A process that
//! opened the old file just before may then lock a file that no longer has a name; so after
//! locking, the file at the path must still be the one locked, else it tries again.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What a lock file says about its owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockOwner {
    /// 0 when the owner could not be told (it had not written its pid yet).
    pub pid: u32,
    /// Process start time (Linux clock ticks since boot), to tell a reused pid from the owner.
    pub start: Option<u64>,
}

impl LockOwner {
    /// The current process.
    pub fn current() -> LockOwner {
        let pid = std::process::id();
        LockOwner {
            pid,
            start: process_start(pid),
        }
    }

    fn to_text(&self) -> String {
        match self.start {
            Some(s) => format!("{}\n{}\n", self.pid, s),
            None => format!("{}\n", self.pid),
        }
    }

    fn parse(text: &str) -> Option<LockOwner> {
        let mut lines = text.lines();
        let pid = lines.next()?.trim().parse().ok()?;
        let start = lines.next().and_then(|l| l.trim().parse().ok());
        Some(LockOwner { pid, start })
    }
}

/// Why a lock could not be taken.
#[derive(Debug)]
pub enum LockError {
    /// Another process (or another open of this process) holds it.
    Held(LockOwner),
    Io(io::Error),
}

/// A held lock; let go (and on Unix the file removed) on drop.
#[derive(Debug)]
pub struct LockGuard {
    path: PathBuf,
    file: File,
}

/// How long a busy lock is tried again before it is reported held: a look at the lock by
/// `session list` holds it for an instant.
const BUSY_RETRIES: u32 = 10;
const BUSY_PAUSE: Duration = Duration::from_millis(15);

impl LockGuard {
    /// Takes the lock at `path`, or says who holds it.
    pub fn acquire(path: &Path) -> Result<LockGuard, LockError> {
        let mut busy = 0;
        loop {
            let mut file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(path)
                .map_err(LockError::Io)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    busy += 1;
                    if busy > BUSY_RETRIES {
                        return Err(LockError::Held(owner_of(&mut file)));
                    }
                    std::thread::sleep(BUSY_PAUSE);
                    continue;
                }
                Err(TryLockError::Error(e)) => return Err(LockError::Io(e)),
            }
            // The holder before us may have removed the file after we opened it.
            if !still_named(&file, path) {
                continue;
            }
            let me = LockOwner::current();
            file.set_len(0)
                .and_then(|()| file.rewind())
                .and_then(|()| file.write_all(me.to_text().as_bytes()))
                .and_then(|()| file.flush())
                .map_err(LockError::Io)?;
            return Ok(LockGuard {
                path: path.to_path_buf(),
                file,
            });
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for LockGuard {
    fn drop(&mut self) {
        // Removed while still held; waiting processes notice (see `still_named`). On other
        // systems the file stays (Windows does not remove open files) and is reused.
        #[cfg(unix)]
        let _ = fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

/// Whether `path` still names the file that `file` has open.
#[cfg(unix)]
fn still_named(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn still_named(_file: &File, _path: &Path) -> bool {
    true
}

/// The owner written in a held lock file. The holder writes it right after locking: read a
/// few times before giving up (pid 0).
fn owner_of(file: &mut File) -> LockOwner {
    for _ in 0..5 {
        let mut text = String::new();
        let read = file
            .rewind()
            .and_then(|()| Read::by_ref(file).take(64).read_to_string(&mut text));
        if let (Ok(_), Some(owner)) = (read, LockOwner::parse(&text)) {
            return owner;
        }
        std::thread::sleep(BUSY_PAUSE);
    }
    LockOwner {
        pid: 0,
        start: None,
    }
}

/// The owner recorded in a lock file; `Ok(None)` when the file does not name one.
pub fn read_owner(path: &Path) -> io::Result<Option<LockOwner>> {
    let (bytes, _) = crate::util::bounded::read_capped(File::open(path)?, 64)?;
    Ok(LockOwner::parse(&String::from_utf8_lossy(&bytes)))
}

/// Who holds the lock at `path`, if anyone does (asked of the operating system; the file
/// only tells who).
pub fn live_owner(path: &Path) -> Option<LockOwner> {
    let mut file = File::open(path).ok()?;
    match file.try_lock_shared() {
        Ok(()) => {
            let _ = file.unlock();
            None
        }
        Err(TryLockError::WouldBlock) => Some(owner_of(&mut file)),
        Err(TryLockError::Error(_)) => None,
    }
}

#[cfg(target_os = "linux")]
fn process_start(pid: u32) -> Option<u64> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Field 22 of proc(5); the command name (field 2) may hold spaces and parentheses.
    let after = &stat[stat.rfind(')')? + 1..];
    after.split_whitespace().nth(19)?.parse().ok()
}

#[cfg(not(target_os = "linux"))]
fn process_start(_pid: u32) -> Option<u64> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_process_has_a_start_time() {
        let me = LockOwner::current();
        assert_eq!(me.pid, std::process::id());
        #[cfg(target_os = "linux")]
        assert!(me.start.is_some());
    }

    #[test]
    fn second_acquire_fails_then_succeeds_after_drop() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.lock");
        let g = LockGuard::acquire(&p).unwrap();
        assert_eq!(live_owner(&p).map(|o| o.pid), Some(std::process::id()));
        match LockGuard::acquire(&p) {
            Err(LockError::Held(o)) => assert_eq!(o, LockOwner::current()),
            other => panic!("{other:?}"),
        }
        drop(g);
        assert_eq!(live_owner(&p), None);
        let _g = LockGuard::acquire(&p).unwrap();
    }

    #[test]
    fn a_lock_file_left_behind_is_no_lock() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.lock");
        // What a killed process leaves: a file naming a live pid (ours), but no OS lock.
        fs::write(&p, LockOwner::current().to_text()).unwrap();
        assert_eq!(live_owner(&p), None);
        let g = LockGuard::acquire(&p).unwrap();
        assert_eq!(read_owner(&p).unwrap(), Some(LockOwner::current()));
        drop(g);
        // An empty or garbage file is no lock either.
        fs::write(&p, "").unwrap();
        drop(LockGuard::acquire(&p).unwrap());
        fs::write(&p, "not a pid").unwrap();
        drop(LockGuard::acquire(&p).unwrap());
    }

    #[test]
    fn threads_never_hold_it_together() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.lock");
        let inside = std::sync::atomic::AtomicUsize::new(0);
        let taken = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    for _ in 0..50 {
                        if let Ok(g) = LockGuard::acquire(&p) {
                            let n = inside.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                            assert_eq!(n, 0, "two holders at once");
                            taken.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                            inside.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
                            drop(g);
                        }
                    }
                });
            }
        });
        assert!(taken.load(std::sync::atomic::Ordering::SeqCst) > 0);
    }
}
