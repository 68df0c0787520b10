//! A lock file per session (`<slug>.lock`) holding the owner's pid, so that a second process
//! is told the session is in use. A lock left by a process that no longer runs is taken over.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// What a lock file says about its owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockOwner {
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

    /// Whether the owning process still runs.
    pub fn is_alive(&self) -> bool {
        if !pid_alive(self.pid) {
            return false;
        }
        // Same pid, different start time: the pid was reused after the owner died.
        match (self.start, process_start(self.pid)) {
            (Some(recorded), Some(now)) => recorded == now,
            _ => true,
        }
    }
}

/// Why a lock could not be taken.
#[derive(Debug)]
pub enum LockError {
    /// Another live process holds it.
    Held(LockOwner),
    Io(io::Error),
}

/// A held lock; the file is removed on drop.
#[derive(Debug)]
pub struct LockGuard {
    path: PathBuf,
    owner: LockOwner,
}

impl LockGuard {
    /// Takes the lock at `path`, taking over a stale one.
    pub fn acquire(path: &Path) -> Result<LockGuard, LockError> {
        let me = LockOwner::current();
        // A few attempts: another process may take over the same stale lock at the same time.
        for _ in 0..5 {
            match OpenOptions::new().write(true).create_new(true).open(path) {
                Ok(mut f) => {
                    f.write_all(me.to_text().as_bytes())
                        .and_then(|_| f.sync_all())
                        .map_err(LockError::Io)?;
                    return Ok(LockGuard {
                        path: path.to_path_buf(),
                        owner: me,
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    match read_owner(path) {
                        Ok(Some(owner)) if owner.is_alive() => return Err(LockError::Held(owner)),
                        Ok(_) => {
                            // Stale (dead owner) or unreadable/half-written: take it over.
                            // A lock being written right now by its creator is empty for an
                            // instant; give it that instant before declaring it stale.
                            if fs::read(path).map(|b| b.is_empty()).unwrap_or(false) {
                                std::thread::sleep(std::time::Duration::from_millis(50));
                                if let Ok(Some(owner)) = read_owner(path) {
                                    if owner.is_alive() {
                                        return Err(LockError::Held(owner));
                                    }
                                }
                            }
                            match fs::remove_file(path) {
                                Ok(()) => {}
                                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                                Err(e) => return Err(LockError::Io(e)),
                            }
                        }
                        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                        Err(e) => return Err(LockError::Io(e)),
                    }
                }
                Err(e) => return Err(LockError::Io(e)),
            }
        }
        Err(LockError::Io(io::Error::other(format!(
            "could not take the lock {} (another process keeps taking it)",
            path.display()
        ))))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for LockGuard {
    fn drop(&mut self) {
        // Remove only a lock that is still ours.
        if let Ok(Some(owner)) = read_owner(&self.path) {
            if owner == self.owner {
                let _ = fs::remove_file(&self.path);
            }
        }
    }
}

/// The owner recorded in a lock file; `Ok(None)` when the file does not name one.
pub fn read_owner(path: &Path) -> io::Result<Option<LockOwner>> {
    let text = fs::read_to_string(path)?;
    Ok(LockOwner::parse(&text))
}

/// The live owner of the lock at `path`, if any.
pub fn live_owner(path: &Path) -> Option<LockOwner> {
    read_owner(path).ok().flatten().filter(LockOwner::is_alive)
}

#[cfg(target_os = "linux")]
fn pid_alive(pid: u32) -> bool {
    // A zombie has a /proc entry but is dead for our purposes.
    match fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => stat_field(&stat, 3).is_none_or(|state| state != "Z" && state != "X"),
        Err(_) => Path::new(&format!("/proc/{pid}")).exists(),
    }
}

#[cfg(all(unix, not(target_os = "linux")))]
fn pid_alive(pid: u32) -> bool {
    // `kill -0` reports whether the process exists without signalling it.
    std::process::Command::new("kill")
        .arg("-0")
        .arg(pid.to_string())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(true)
}

#[cfg(not(unix))]
fn pid_alive(pid: u32) -> bool {
    // Without a portable check, only our own pid is known for sure; assume others run.
    let _ = pid;
    true
}

/// Field `n` (1-based, as in proc(5)) of /proc/<pid>/stat; the command name may hold spaces.
#[cfg(target_os = "linux")]
fn stat_field(stat: &str, n: usize) -> Option<String> {
    let after = &stat[stat.rfind(')')? + 1..];
    after
        .split_whitespace()
        .nth(n.checked_sub(3)?)
        .map(str::to_string)
}

#[cfg(target_os = "linux")]
fn process_start(pid: u32) -> Option<u64> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat_field(&stat, 22)?.parse().ok()
}

#[cfg(not(target_os = "linux"))]
fn process_start(_pid: u32) -> Option<u64> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_process_is_alive_and_has_start_time() {
        let me = LockOwner::current();
        assert!(me.is_alive());
        #[cfg(target_os = "linux")]
        assert!(me.start.is_some());
    }

    #[test]
    fn second_acquire_fails_then_succeeds_after_drop() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.lock");
        let g = LockGuard::acquire(&p).unwrap();
        match LockGuard::acquire(&p) {
            Err(LockError::Held(o)) => assert_eq!(o.pid, std::process::id()),
            other => panic!("{other:?}"),
        }
        drop(g);
        assert!(!p.exists());
        let _g = LockGuard::acquire(&p).unwrap();
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn stale_locks_are_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.lock");
        // A pid above pid_max (4194304 at most) cannot exist.
        fs::write(&p, "99999999\n").unwrap();
        let g = LockGuard::acquire(&p).unwrap();
        assert_eq!(read_owner(&p).unwrap().unwrap().pid, std::process::id());
        drop(g);
        // Our pid with a different start time: a reused pid, so stale.
        fs::write(&p, format!("{}\n1\n", std::process::id())).unwrap();
        let _g = LockGuard::acquire(&p).unwrap();
        // Garbage in the lock file: stale.
        drop(_g);
        fs::write(&p, "not a pid").unwrap();
        let _g = LockGuard::acquire(&p).unwrap();
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn stat_fields_with_spaces_in_name() {
        let stat = "123 (a b) c) S 1 2 3";
        assert_eq!(stat_field(stat, 3).as_deref(), Some("S"));
        assert_eq!(stat_field(stat, 4).as_deref(), Some("1"));
    }
}
