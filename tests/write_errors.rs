//! Every subcommand that prints, with its standard output closed (`| head` that stopped
//! reading) and full (`> /dev/full`): a closed pipe ends quietly with status 0, as ripgrep
//! does; a full disk is reported with status 2. Never a panic (status 101), never a silent
//! success.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_connector-wizard"))
}

fn cmd(home: &Path, args: &[String]) -> Command {
    let mut c = Command::new(bin());
    c.args(args)
        .env("CONNECTOR_WIZARD_HOME", home)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY")
        .stdin(Stdio::null())
        .stderr(Stdio::piped());
    c
}

/// Runs with standard output a pipe whose reading end is already closed.
fn closed_pipe(home: &Path, args: &[String]) -> Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    cmd(home, args).stdout(writer).output().unwrap()
}

/// Runs with standard output on /dev/full (every write fails with "no space left").
fn full_disk(home: &Path, args: &[String]) -> Output {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    cmd(home, args).stdout(full).output().unwrap()
}

fn s(args: &[&str]) -> Vec<String> {
    args.iter().map(|a| a.to_string()).collect()
}

/// A data home with one session (for `session show` and `generate`).
fn home_with_session() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let (_keep, folder) = copy_fixture("generate/apikey");
    let dir = home.path().join("connector");
    copy_dir(&folder, &dir);
    let out = cmd(home.path(), &s(&["session", "new", "Writer Test", "--dir"]))
        .arg(&dir)
        .stdout(Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    home
}

fn printing_commands() -> Vec<Vec<String>> {
    let lots = fixture("check/lots").display().to_string();
    let import = fixture("import/larkspur.openapi.yaml")
        .display()
        .to_string();
    let mut v = Vec::new();
    for format in ["text", "concise", "json", "sarif", "github"] {
        v.push(s(&["check", "--format", format, &lots]));
    }
    v.push(s(&["check", "--statistics", &lots]));
    v.push(s(&["rules"]));
    v.push(s(&["rules", "TITLE-MAX-30"]));
    v.push(s(&["rules", "--json"]));
    v.push(s(&["search", "hubspot"]));
    v.push(s(&["catalog", "info"]));
    v.push(s(&["session", "list"]));
    v.push(s(&["session", "show", "Writer Test"]));
    v.push(s(&["generate", "readme", "--session", "Writer Test"]));
    v.push(s(&["generate", "pr-title", "--session", "Writer Test"]));
    v.push(s(&["import", &import, "--list"]));
    v.push(s(&["completions", "bash"]));
    v.push(s(&["--help"]));
    v.push(s(&["--version"]));
    v
}

#[test]
fn a_closed_pipe_ends_quietly_with_status_0() {
    let home = home_with_session();
    for args in printing_commands() {
        let out = closed_pipe(home.path(), &args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
        assert!(
            !err.contains("panicked") && !err.to_lowercase().contains("broken pipe"),
            "{args:?}: {err}"
        );
    }
}

#[test]
#[cfg(target_os = "linux")]
fn a_full_disk_is_an_error_with_status_2() {
    let home = home_with_session();
    for args in printing_commands() {
        let out = full_disk(home.path(), &args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(
            err.contains("No space left on device") || err.contains("cannot write"),
            "{args:?}: {err}"
        );
    }
}

#[test]
#[cfg(target_os = "linux")]
fn output_files_that_cannot_be_written_are_errors_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let lots = fixture("check/lots");
    // The job summary on a full disk.
    let out = cmd(dir.path(), &s(&["check", "--format", "github"]))
        .arg(&lots)
        .env("GITHUB_STEP_SUMMARY", "/dev/full")
        .stdout(Stdio::null())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("cannot write the job summary"), "{err}");

    // -o into a folder that does not exist: exit 2, named.
    let missing = dir.path().join("no/such/results.sarif");
    let out = cmd(dir.path(), &s(&["check", "--format", "sarif", "-o"]))
        .arg(&missing)
        .arg(&lots)
        .stdout(Stdio::null())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("results.sarif"), "{err}");
    assert!(!missing.exists());
}
