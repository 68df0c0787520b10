//! Defect 2: unbounded reads. A swagger or `--against` that is `/dev/zero`, a FIFO, a link
//! out of the folder or a huge git blob is refused with a message naming it; the command
//! returns (each run has a generous guard so a regression fails instead of hanging).

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

const GUARD: Duration = Duration::from_secs(120);

fn folder_with(swagger: impl FnOnce(&Path)) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    swagger(&d.path().join("apiDefinition.swagger.json"));
    d
}

fn real_swagger(p: &Path) {
    fs::copy(
        super::fixture("basic").join("apiDefinition.swagger.json"),
        p,
    )
    .unwrap();
}

fn mkfifo(p: &Path) -> bool {
    let ok = Command::new("mkfifo")
        .arg(p)
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        eprintln!("SKIP fifo case: mkfifo is not available");
    }
    ok
}

/// Runs `check ARGS`; returns (exit code, stderr).
fn check(args: &[&std::ffi::OsStr]) -> (Option<i32>, String) {
    let home = tempfile::tempdir().unwrap();
    let out = super::cw(home.path())
        .arg("check")
        .args(args)
        .timeout(GUARD)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn dev_zero_as_swagger_is_refused() {
    let d = folder_with(|p| symlink("/dev/zero", p).unwrap());
    let (code, err) = check(&[d.path().as_os_str()]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("apiDefinition.swagger.json: not read: it is a device"),
        "{err}"
    );
    // As a lone file too.
    let lone = d.path().join("apiDefinition.swagger.json");
    let (code, err) = check(&[lone.as_os_str()]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("a device"), "{err}");
}

#[test]
fn a_fifo_as_swagger_or_readme_is_refused() {
    let d = tempfile::tempdir().unwrap();
    if !mkfifo(&d.path().join("apiDefinition.swagger.json")) {
        return;
    }
    let (code, err) = check(&[d.path().as_os_str()]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("FIFO"), "{err}");

    let d = folder_with(real_swagger);
    assert!(mkfifo(&d.path().join("readme.md")));
    let (code, err) = check(&[d.path().as_os_str()]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("readme.md: not read: it is a FIFO"), "{err}");
}

#[test]
fn a_link_out_of_the_folder_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.json"), "{\"properties\": {}}").unwrap();
    let d = folder_with(real_swagger);
    symlink(
        outside.path().join("secret.json"),
        d.path().join("apiProperties.json"),
    )
    .unwrap();
    let (code, err) = check(&[d.path().as_os_str()]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("apiProperties.json: not read: it is a link to"),
        "{err}"
    );
    assert!(err.contains("links must stay inside the folder"), "{err}");
}

#[test]
fn dev_zero_and_a_fifo_as_against_are_refused() {
    let d = folder_with(real_swagger);
    let (code, err) = check(&[
        d.path().as_os_str(),
        "--against".as_ref(),
        "/dev/zero".as_ref(),
    ]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("/dev/zero: cannot read it: it is a device"),
        "{err}"
    );

    let fifo = d.path().join("old.swagger");
    if !mkfifo(&fifo) {
        return;
    }
    let (code, err) = check(&[d.path().as_os_str(), "--against".as_ref(), fifo.as_os_str()]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("FIFO"), "{err}");
}

fn git(dir: &Path, args: &[&str]) -> bool {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "T")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "T")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn a_huge_blob_at_the_revision_is_refused() {
    let d = tempfile::tempdir().unwrap();
    if !git(d.path(), &["init", "-q"]) {
        eprintln!("SKIP a_huge_blob_at_the_revision_is_refused: git is not available");
        return;
    }
    let sw = d.path().join("apiDefinition.swagger.json");
    // 17 MiB of zero bytes: compresses to almost nothing in git.
    let f = fs::File::create(&sw).unwrap();
    f.set_len(17 * 1024 * 1024).unwrap();
    drop(f);
    assert!(git(d.path(), &["add", "."]));
    assert!(git(d.path(), &["commit", "-q", "-m", "big"]));
    real_swagger(&sw);
    let (code, err) = check(&[d.path().as_os_str(), "--against".as_ref(), "HEAD".as_ref()]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains(
            "apiDefinition.swagger.json at HEAD: cannot read it: it is larger than 16777216 bytes"
        ),
        "{err}"
    );
}

#[test]
fn cr_only_line_ends_give_real_lines() {
    let text = fs::read_to_string(super::fixture("basic").join("apiDefinition.swagger.json"))
        .unwrap()
        .replace("\"Larkspur Tasks\"", "\"Larkspur Tasks API\"");
    let want = text.lines().position(|l| l.contains("Tasks API")).unwrap() + 1;
    assert!(want > 1);
    let d = folder_with(|p| fs::write(p, text.replace('\n', "\r")).unwrap());
    let home = tempfile::tempdir().unwrap();
    let out = super::cw(home.path())
        .args(["check", "--format", "json"])
        .arg(d.path().join("apiDefinition.swagger.json"))
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = v["findings"].as_array().unwrap();
    let title = findings
        .iter()
        .find(|f| f["pointer"] == "/info/title")
        .unwrap_or_else(|| panic!("a finding on the title: {v:#}"));
    assert_eq!(title["line"], want, "{title:#}");
    assert!(findings.iter().any(|f| f["line"].as_u64() > Some(1)));
}

#[test]
fn catalog_refresh_does_not_read_a_device_or_leave_the_checkout() {
    let repo = tempfile::tempdir().unwrap();
    let ip = repo.path().join("independent-publisher-connectors");
    for name in ["Good", "Zero", "Outside"] {
        fs::create_dir_all(ip.join(name)).unwrap();
    }
    real_swagger(&ip.join("Good/apiDefinition.swagger.json"));
    symlink("/dev/zero", ip.join("Zero/apiDefinition.swagger.json")).unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    real_swagger(&elsewhere.path().join("secret.json"));
    symlink(
        elsewhere.path().join("secret.json"),
        ip.join("Outside/apiDefinition.swagger.json"),
    )
    .unwrap();
    let home = tempfile::tempdir().unwrap();
    let out = super::cw(home.path())
        .args(["catalog", "refresh", "--repo"])
        .arg(repo.path())
        .timeout(GUARD)
        .output()
        .unwrap();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(0), "{all}");
    assert!(
        all.contains("Zero/apiDefinition.swagger.json: cannot read: it is a device"),
        "{all}"
    );
    assert!(
        all.contains("Outside/apiDefinition.swagger.json: cannot read: it is a link"),
        "{all}"
    );
}
