//! Defect 1: export follows a linked connector or group folder out of the checkout.

use connector_wizard::export::{self, ExportError, IP_FOLDER};
use connector_wizard::session::{ConnectorKind, Session, SessionStore};
use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;

fn checkout() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    fs::create_dir(d.path().join(".git")).unwrap();
    d
}

fn working_copy() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    fs::copy(
        super::fixture("basic").join("apiDefinition.swagger.json"),
        d.path().join("apiDefinition.swagger.json"),
    )
    .unwrap();
    d
}

fn session(wc: &Path) -> Session {
    let mut s = Session::new("Acme", ConnectorKind::IndependentPublisher);
    s.connector_dir = Some(wc.to_path_buf());
    s
}

fn is_empty(dir: &Path) -> bool {
    fs::read_dir(dir).unwrap().next().is_none()
}

#[test]
fn a_linked_group_folder_is_refused_and_nothing_is_written() {
    let repo = checkout();
    let outside = tempfile::tempdir().unwrap();
    symlink(outside.path(), repo.path().join(IP_FOLDER)).unwrap();
    let wc = working_copy();
    let err = export::plan(&session(wc.path()), None, repo.path()).unwrap_err();
    assert!(matches!(err, ExportError::UnsafeTarget { .. }), "{err}");
    let msg = err.to_string();
    assert!(
        msg.contains(IP_FOLDER) && msg.contains("symbolic link"),
        "{msg}"
    );
    assert!(msg.contains("Nothing was written"), "{msg}");
    assert!(is_empty(outside.path()), "nothing may be written outside");
}

#[test]
fn a_linked_connector_folder_is_refused_even_inside_the_checkout() {
    let repo = checkout();
    fs::create_dir(repo.path().join(IP_FOLDER)).unwrap();
    let outside = tempfile::tempdir().unwrap();
    symlink(outside.path(), repo.path().join(IP_FOLDER).join("Acme")).unwrap();
    let wc = working_copy();
    let err = export::plan(&session(wc.path()), None, repo.path()).unwrap_err();
    assert!(
        err.to_string().contains("Acme: is a symbolic link to"),
        "{err}"
    );
    assert!(is_empty(outside.path()));

    // A link into the checkout's own .git (hooks!) is refused as well.
    fs::remove_file(repo.path().join(IP_FOLDER).join("Acme")).unwrap();
    fs::create_dir(repo.path().join(".git/hooks")).unwrap();
    symlink("../.git/hooks", repo.path().join(IP_FOLDER).join("Acme")).unwrap();
    let err = export::plan(&session(wc.path()), None, repo.path()).unwrap_err();
    assert!(matches!(err, ExportError::UnsafeTarget { .. }), "{err}");
    assert!(is_empty(&repo.path().join(".git/hooks")));
}

#[test]
fn a_link_made_after_the_plan_stops_the_write() {
    let repo = checkout();
    fs::create_dir(repo.path().join(IP_FOLDER)).unwrap();
    let wc = working_copy();
    let plan = export::plan(&session(wc.path()), None, repo.path()).unwrap();
    // Between the plan and the yes, the folder becomes a link.
    let outside = tempfile::tempdir().unwrap();
    symlink(outside.path(), repo.path().join(IP_FOLDER).join("Acme")).unwrap();
    let err = plan.apply(true).unwrap_err();
    assert!(matches!(err, ExportError::UnsafeTarget { .. }), "{err}");
    assert!(is_empty(outside.path()));
}

#[test]
fn a_linked_file_in_the_target_blocks_the_export() {
    let repo = checkout();
    let target = repo.path().join(IP_FOLDER).join("Acme");
    fs::create_dir_all(&target).unwrap();
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim");
    fs::write(&victim, "keep me").unwrap();
    symlink(&victim, target.join("apiDefinition.swagger.json")).unwrap();
    let wc = working_copy();
    let plan = export::plan(&session(wc.path()), None, repo.path()).unwrap();
    assert!(
        plan.problems
            .iter()
            .any(|p| p.contains("apiDefinition.swagger.json is a symbolic link")),
        "{:?}",
        plan.problems
    );
    assert!(plan.apply(true).is_err());
    assert_eq!(fs::read_to_string(&victim).unwrap(), "keep me");
}

#[test]
fn the_command_says_so_and_writes_nothing() {
    let home = tempfile::tempdir().unwrap();
    let repo = checkout();
    let outside = tempfile::tempdir().unwrap();
    symlink(outside.path(), repo.path().join(IP_FOLDER)).unwrap();
    let wc = working_copy();
    let store = SessionStore::new(home.path().join("sessions"));
    let mut open = store
        .create_and_open("Acme", ConnectorKind::IndependentPublisher)
        .unwrap();
    open.update(|s| s.connector_dir = Some(wc.path().to_path_buf()))
        .unwrap();
    drop(open);
    let out = super::cw(home.path())
        .args(["export", "--session", "Acme", "--yes", "--repo"])
        .arg(repo.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("is a symbolic link"), "{stderr}");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("wrote"));
    assert!(is_empty(outside.path()));
}
