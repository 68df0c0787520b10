//! `connector-wizard export` at a terminal: the y/N questions, answered through a
//! pseudo-terminal like a person would.

mod common;

use common::pty::Pty;
use connector_wizard::session::{ConnectorKind, SessionStore};
use std::fs;
use std::path::{Path, PathBuf};

const IP: &str = "independent-publisher-connectors";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/generate")
        .join(name)
}

/// `connector-wizard export` for the session, in a pseudo-terminal.
fn start(home: &Path, repo: &Path) -> Pty {
    let repo = repo.display().to_string();
    Pty::start(
        home,
        home,
        &["export", "--session", "Larkspur Tasks", "--repo", &repo],
        &[],
        (200, 40),
    )
}

fn setup() -> Option<(tempfile::TempDir, tempfile::TempDir, tempfile::TempDir)> {
    let repo = tempfile::tempdir().unwrap();
    let ok = std::process::Command::new("git")
        .arg("-C")
        .arg(repo.path())
        .args(["init", "-q"])
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        return None;
    }
    fs::create_dir(repo.path().join(IP)).unwrap();
    let wc = tempfile::tempdir().unwrap();
    fs::copy(
        fixture("noauth").join("apiDefinition.swagger.json"),
        wc.path().join("apiDefinition.swagger.json"),
    )
    .unwrap();
    fs::write(wc.path().join("readme.md"), "# Larkspur Tasks\n").unwrap();
    let home = tempfile::tempdir().unwrap();
    let mut open = SessionStore::new(home.path().join("sessions"))
        .create_and_open("Larkspur Tasks", ConnectorKind::IndependentPublisher)
        .unwrap();
    open.update(|s| s.connector_dir = Some(wc.path().to_path_buf()))
        .unwrap();
    Some((home, repo, wc))
}

#[test]
fn questions_at_a_terminal_decide_what_is_written() {
    let Some((home, repo, wc)) = setup() else {
        eprintln!("skipped: git is not installed");
        return;
    };
    let target = repo.path().join(IP).join("Larkspur Tasks");

    // "No" to the new files: nothing is written.
    let mut t = start(home.path(), repo.path());
    t.wait_for_output(
        "Write 4 new files into independent-publisher-connectors/Larkspur Tasks? [y/N]",
    );
    t.answer("n");
    t.wait_for_output("Nothing was written.");
    assert_eq!(t.exit_code(), 1);
    assert!(!target.exists());

    // "Yes": written.
    let mut t = start(home.path(), repo.path());
    t.wait_for_output("[y/N]");
    t.answer("y");
    t.wait_for_output("wrote");
    assert_eq!(t.exit_code(), 0);
    assert_eq!(fs::read_dir(&target).unwrap().count(), 4);

    // Two changed files: each gets its own question.
    fs::write(wc.path().join("readme.md"), "# Larkspur Tasks\n\nMore.\n").unwrap();
    let sw = wc.path().join("apiDefinition.swagger.json");
    let text = fs::read_to_string(&sw)
        .unwrap()
        .replace("List tasks", "List all tasks");
    fs::write(&sw, &text).unwrap();
    let mut t = start(home.path(), repo.path());
    t.wait_for_output("Replace apiDefinition.swagger.json in the checkout (diff above)? [y/N]");
    t.answer("yes");
    t.wait_for_output("Replace readme.md in the checkout (diff above)? [y/N]");
    t.answer("");
    t.wait_for_output("(not replaced)");
    assert_eq!(t.exit_code(), 0);
    assert_eq!(
        fs::read_to_string(target.join("apiDefinition.swagger.json")).unwrap(),
        text
    );
    assert_eq!(
        fs::read_to_string(target.join("readme.md")).unwrap(),
        "# Larkspur Tasks\n",
        "readme.md was kept: the answer was no"
    );
}
