//! Reading files that strangers control without letting them exhaust the machine.
//!
//! A pull request can hold a symbolic link to `/dev/zero` (endless), to a FIFO (blocks
//! forever on open or read) or to a file outside the folder being checked. [`read_file`]
//! refuses anything that is not a regular file once links are resolved, and reads through
//! [`read_capped`], which stops one byte past the limit whatever the file claims its size is.
//! [`read_file_within`] also refuses a link that leads out of a given folder.

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("no such file")]
    NotFound,
    /// After links are resolved, not a regular file (a FIFO, a device, a socket, a folder).
    #[error("it is {what}, not a regular file; only regular files are read (replace it with the file itself)")]
    NotRegular { what: &'static str },
    /// A symbolic link whose target is outside the folder being read.
    #[error("it is a link to {}, outside {}; links must stay inside the folder (replace it with the file itself)", .target.display(), .folder.display())]
    OutsideFolder { target: PathBuf, folder: PathBuf },
    /// Larger than the limit: nothing is kept.
    #[error("it is larger than {} bytes{}", .limit, .size.map(|s| format!(" ({s} bytes)")).unwrap_or_default())]
    TooLarge {
        limit: u64,
        /// The size on disk, when the file system told it.
        size: Option<u64>,
    },
    #[error("{0}")]
    Io(io::Error),
}

impl ReadError {
    fn from_io(e: io::Error) -> ReadError {
        if e.kind() == io::ErrorKind::NotFound {
            ReadError::NotFound
        } else {
            ReadError::Io(e)
        }
    }
}

/// What a file system object is, in words.
fn describe(t: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_dir() {
        "a folder"
    } else if t.is_symlink() {
        "a broken link"
    } else {
        "a special file"
    }
}

/// Reads at most `limit` bytes from `r`. Returns the bytes and whether there was more (in
/// which case the bytes stop at `limit`). Never holds more than `limit + 1` bytes.
pub fn read_capped(r: impl Read, limit: u64) -> io::Result<(Vec<u8>, bool)> {
    let mut bytes = Vec::new();
    r.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    let over = bytes.len() as u64 > limit;
    if over {
        bytes.truncate(limit as usize);
    }
    Ok((bytes, over))
}

/// Reads the regular file at `path` (links followed), refusing FIFOs, devices, sockets and
/// folders before opening them, and files larger than `limit` bytes.
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    // Look before opening: opening a FIFO blocks until someone writes to it.
    let meta = fs::metadata(path).map_err(ReadError::from_io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular {
            what: describe(&meta.file_type()),
        });
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            limit,
            size: Some(meta.len()),
        });
    }
    let f = File::open(path).map_err(ReadError::from_io)?;
    // The path may have been swapped between the look and the open: ask the open file.
    let opened = f.metadata().map_err(ReadError::Io)?;
    if !opened.is_file() {
        return Err(ReadError::NotRegular {
            what: describe(&opened.file_type()),
        });
    }
    let (bytes, over) = read_capped(f, limit).map_err(ReadError::Io)?;
    if over {
        return Err(ReadError::TooLarge { limit, size: None });
    }
    Ok(bytes)
}

/// [`read_file`] for a file of `folder`: a link is followed only when its target is inside
/// `folder` (both resolved), so a pull request cannot make the checker read elsewhere.
pub fn read_file_within(path: &Path, folder: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    // What it is comes first: "a device" says more about a link to /dev/zero.
    let meta = fs::metadata(path).map_err(ReadError::from_io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular {
            what: describe(&meta.file_type()),
        });
    }
    check_within(path, folder)?;
    read_file(path, limit)
}

/// Refuses `path` when it is a link (at any depth) that resolves outside `folder`.
pub fn check_within(path: &Path, folder: &Path) -> Result<(), ReadError> {
    let is_link = fs::symlink_metadata(path)
        .map_err(ReadError::from_io)?
        .file_type()
        .is_symlink();
    if !is_link {
        return Ok(());
    }
    let target = fs::canonicalize(path).map_err(ReadError::from_io)?;
    let root = fs::canonicalize(folder).map_err(ReadError::from_io)?;
    if target.starts_with(&root) {
        Ok(())
    } else {
        Err(ReadError::OutsideFolder {
            target,
            folder: root,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capped_read_stops_at_the_limit() {
        let (b, over) = read_capped(io::repeat(7), 10).unwrap();
        assert_eq!(b.len(), 10);
        assert!(over);
        let (b, over) = read_capped(&b"abc"[..], 3).unwrap();
        assert_eq!(b, b"abc");
        assert!(!over);
    }

    #[test]
    fn regular_files_are_read_and_large_ones_refused() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("a");
        fs::write(&p, b"hello").unwrap();
        assert_eq!(read_file(&p, 5).unwrap(), b"hello");
        assert!(matches!(
            read_file(&p, 4),
            Err(ReadError::TooLarge {
                limit: 4,
                size: Some(5)
            })
        ));
        assert!(matches!(
            read_file(&d.path().join("missing"), 4),
            Err(ReadError::NotFound)
        ));
        let e = read_file(d.path(), 4).unwrap_err();
        assert!(e.to_string().contains("a folder"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn devices_fifos_and_escaping_links_are_refused() {
        let d = tempfile::tempdir().unwrap();
        let zero = d.path().join("zero.json");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        let e = read_file(&zero, 1024).unwrap_err();
        assert!(e.to_string().contains("a device"), "{e}");

        let fifo = d.path().join("fifo.json");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            // Would block forever if it were opened.
            let e = read_file(&fifo, 1024).unwrap_err();
            assert!(e.to_string().contains("FIFO"), "{e}");
        } else {
            eprintln!("SKIP fifo part: mkfifo is not available");
        }

        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("secret"), b"s").unwrap();
        let link = d.path().join("link.json");
        std::os::unix::fs::symlink(outside.path().join("secret"), &link).unwrap();
        let e = read_file_within(&link, d.path(), 1024).unwrap_err();
        assert!(matches!(e, ReadError::OutsideFolder { .. }), "{e}");
        // A link that stays inside is fine.
        fs::write(d.path().join("real"), b"r").unwrap();
        let inner = d.path().join("inner.json");
        std::os::unix::fs::symlink("real", &inner).unwrap();
        assert_eq!(read_file_within(&inner, d.path(), 1024).unwrap(), b"r");
    }
}
