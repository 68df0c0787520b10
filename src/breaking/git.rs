//! Reading an older version of a file through the `git` command ([`crate::util::git`] runs
//! it: the user's own git, with their configuration, worktree or sparse checkout).

use super::Error;
use crate::document::MAX_FILE_BYTES;
use crate::util::bounded::{read_capped, read_file, read_file_within};
use crate::util::git::{self as runner, stderr_text, stdout_line, GitError};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

pub use crate::util::git::BASE_BRANCHES;

/// Runs `git -C dir ARGS`.
fn git(dir: &Path, args: &[&str]) -> Result<Output, Error> {
    runner::run(Some(dir), args).map_err(|e| match e {
        GitError::Missing => Error::GitMissing,
        GitError::Io(message) => Error::Git {
            args: args.join(" "),
            dir: dir.to_path_buf(),
            message,
        },
    })
}

/// Whether the `git` command can be run.
pub fn available() -> bool {
    runner::available()
}

/// The top folder of the git checkout that holds `path` (a file or a folder), or `None`
/// when it is not in one (or git is missing).
pub fn repo_root(path: &Path) -> Option<PathBuf> {
    let dir = existing_dir(path)?;
    let out = git(&dir, &["rev-parse", "--show-toplevel"]).ok()?;
    out.status
        .success()
        .then(|| PathBuf::from(stdout_line(&out)))
}

/// `path` itself when it is a folder, else its parent ("." for a bare file name).
fn existing_dir(path: &Path) -> Option<PathBuf> {
    if path.is_dir() {
        return Some(path.to_path_buf());
    }
    let parent = path.parent()?;
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    parent.is_dir().then(|| parent.to_path_buf())
}

/// The full commit name of `rev`, or [`Error::UnknownRevision`].
pub fn resolve(repo_dir: &Path, rev: &str) -> Result<String, Error> {
    let unknown = || Error::UnknownRevision {
        rev: rev.to_string(),
        dir: repo_dir.to_path_buf(),
    };
    // A revision is never an option: refuse "-x" rather than let git read it as one.
    if rev.is_empty() || rev.starts_with('-') {
        return Err(unknown());
    }
    let spec = format!("{rev}^{{commit}}");
    let out = git(repo_dir, &["rev-parse", "--verify", "--quiet", &spec])?;
    if out.status.success() {
        return Ok(stdout_line(&out));
    }
    // Tell "not a checkout" apart from "no such revision".
    let top = git(repo_dir, &["rev-parse", "--git-dir"])?;
    if !top.status.success() {
        return Err(Error::NotARepo {
            path: repo_dir.to_path_buf(),
        });
    }
    Err(unknown())
}

/// The text of `path_in_repo` (relative to the checkout's top, `/`-separated) at `rev`, or
/// `None` when the file did not exist at that revision.
pub fn show_file(repo_dir: &Path, rev: &str, path_in_repo: &str) -> Result<Option<String>, Error> {
    let commit = resolve(repo_dir, rev)?;
    let spec = format!("{commit}:{path_in_repo}");
    let exists = git(repo_dir, &["cat-file", "-e", &spec])?;
    if !exists.status.success() {
        return Ok(None);
    }
    // A blob of zeros compresses to almost nothing: look at its size before reading it,
    // and read no more than the limit whatever git sends.
    let label = format!("{path_in_repo} at {rev}");
    let size = git(repo_dir, &["cat-file", "-s", &spec])?;
    if let Ok(size) = stdout_line(&size).parse::<u64>() {
        if size > MAX_FILE_BYTES {
            return Err(too_large(&label));
        }
    }
    let (bytes, over, status, stderr) = git_capped(repo_dir, &["cat-file", "blob", &spec])?;
    if over {
        return Err(too_large(&label));
    }
    if !status.success() {
        return Err(Error::Git {
            args: format!("show {rev}:{path_in_repo}"),
            dir: repo_dir.to_path_buf(),
            message: stderr,
        });
    }
    super::decode(bytes, &label).map(Some)
}

fn too_large(label: &str) -> Error {
    Error::Io {
        path: PathBuf::from(label),
        message: format!(
            "it is larger than {MAX_FILE_BYTES} bytes, too large to be a connector file"
        ),
    }
}

/// Runs `git -C dir ARGS` and keeps at most [`MAX_FILE_BYTES`] of its output: the bytes,
/// whether there was more (git is then stopped), the exit status and the first lines of
/// its error output.
fn git_capped(
    dir: &Path,
    args: &[&str],
) -> Result<(Vec<u8>, bool, std::process::ExitStatus, String), Error> {
    let failed = |e: std::io::Error| Error::Git {
        args: args.join(" "),
        dir: dir.to_path_buf(),
        message: e.to_string(),
    };
    let mut child = runner::command(Some(dir), args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::GitMissing,
            _ => failed(e),
        })?;
    let stdout = child.stdout.take().expect("stdout is piped");
    let (bytes, over) = read_capped(stdout, MAX_FILE_BYTES).map_err(failed)?;
    if over {
        let _ = child.kill();
    }
    let mut err = Vec::new();
    if let Some(e) = child.stderr.take() {
        let _ = read_capped(e, 64 * 1024).map(|(b, _)| err = b);
    }
    let status = child.wait().map_err(failed)?;
    let out = Output {
        status,
        stdout: Vec::new(),
        stderr: err,
    };
    Ok((bytes, over, status, stderr_text(&out)))
}

/// The revision to compare with when none is given: the merge base of `HEAD` and the
/// first of `dev`, `master`, `main` that exists (as a local branch, else as a branch of
/// `origin` or `upstream`), else `HEAD`.
pub fn default_base(repo_dir: &Path) -> String {
    base_described(repo_dir).0
}

/// [`default_base`] with a description for messages ("merge base with dev (1a2b3c4)").
pub fn base_described(repo_dir: &Path) -> (String, String) {
    for branch in BASE_BRANCHES {
        for prefix in [
            "refs/heads/",
            "refs/remotes/origin/",
            "refs/remotes/upstream/",
        ] {
            let name = format!("{prefix}{branch}");
            let Ok(out) = git(repo_dir, &["rev-parse", "--verify", "--quiet", &name]) else {
                return ("HEAD".to_string(), "HEAD".to_string());
            };
            if !out.status.success() {
                continue;
            }
            let Ok(mb) = git(repo_dir, &["merge-base", "HEAD", &name]) else {
                continue;
            };
            if mb.status.success() {
                let sha = stdout_line(&mb);
                let short = name
                    .trim_start_matches("refs/heads/")
                    .trim_start_matches("refs/remotes/");
                let description =
                    format!("the merge base with {short} ({})", &sha[..sha.len().min(7)]);
                return (sha, description);
            }
        }
    }
    ("HEAD".to_string(), "HEAD".to_string())
}

/// The path of `file` relative to the top of its checkout, `/`-separated.
fn path_in_repo(file: &Path) -> Result<(PathBuf, String), Error> {
    let dir = existing_dir(file).ok_or_else(|| Error::Io {
        path: file.to_path_buf(),
        message: "no such file or folder".to_string(),
    })?;
    let out = git(&dir, &["rev-parse", "--show-prefix"])?;
    if !out.status.success() {
        return Err(Error::NotARepo { path: dir });
    }
    let prefix = stdout_line(&out);
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| Error::Io {
            path: file.to_path_buf(),
            message: "the file name is not valid UTF-8".to_string(),
        })?;
    Ok((dir, format!("{prefix}{name}")))
}

/// The older version to compare `swagger_path` with.
///
/// `rev_or_file` is an existing file (an older swagger; a folder means the swagger inside
/// it), else a git revision of the checkout that holds `swagger_path`; an empty string
/// means [`default_base`]. Returns a label naming where the text comes from
/// ("path/in/repo at HEAD", or the file path) and the text, or `None` when the swagger did not exist at that
/// revision (a new connector: nothing to compare with).
pub fn against(swagger_path: &Path, rev_or_file: &str) -> Result<Option<(String, String)>, Error> {
    let as_path = Path::new(rev_or_file);
    if !rev_or_file.is_empty() && as_path.exists() {
        let file = if as_path.is_dir() {
            swagger_in(as_path).ok_or_else(|| Error::Io {
                path: as_path.to_path_buf(),
                message: "the folder holds no *.swagger.json file to compare with".to_string(),
            })?
        } else {
            as_path.to_path_buf()
        };
        // A folder's swagger must stay inside it; a file named on the command line is read
        // wherever it is, but only when it is a regular file of reasonable size.
        let read = if as_path.is_dir() {
            read_file_within(&file, as_path, MAX_FILE_BYTES)
        } else {
            read_file(&file, MAX_FILE_BYTES)
        };
        let bytes = read.map_err(|e| Error::Io {
            path: file.clone(),
            message: e.to_string(),
        })?;
        let label = file.display().to_string();
        return super::decode(bytes, &label).map(|t| Some((label, t)));
    }
    if !available() {
        return Err(Error::GitMissing);
    }
    let swagger_path = if swagger_path.is_dir() {
        swagger_in(swagger_path).unwrap_or_else(|| swagger_path.join("apiDefinition.swagger.json"))
    } else {
        swagger_path.to_path_buf()
    };
    let (dir, in_repo) = path_in_repo(&swagger_path)?;
    let (rev, description) = if rev_or_file.is_empty() {
        let (rev, description) = base_described(&dir);
        // A checkout without any commit yet: every file is new.
        if rev == "HEAD" && resolve(&dir, "HEAD").is_err() {
            return Ok(None);
        }
        (rev, description)
    } else {
        (rev_or_file.to_string(), rev_or_file.to_string())
    };
    let text = show_file(&dir, &rev, &in_repo)?;
    Ok(text.map(|t| (format!("{in_repo} at {description}"), t)))
}

/// The swagger of a connector folder: `apiDefinition.swagger.json` in any case, else the
/// only `*.swagger.json`.
pub fn swagger_in(dir: &Path) -> Option<PathBuf> {
    let mut found: Vec<PathBuf> = fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.to_ascii_lowercase().ends_with(".swagger.json"))
        })
        .collect();
    found.sort();
    if let Some(p) = found.iter().find(|p| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.eq_ignore_ascii_case("apiDefinition.swagger.json"))
    }) {
        return Some(p.clone());
    }
    (found.len() == 1).then(|| found.remove(0))
}
