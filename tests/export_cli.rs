//! `connector-wizard export` end to end: a real git checkout, sessions in a temporary
//! `CONNECTOR_WIZARD_HOME`, and no terminal on standard input (as in CI and scripts).

use assert_cmd::Command;
use connector_wizard::session::{AuthKind, ConnectorKind, SessionStore};
use predicates::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

const IP: &str = "independent-publisher-connectors";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/generate")
        .join(name)
}

fn git(repo: &Path, args: &[&str]) -> Option<String> {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(args)
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com")
        .output()
        .ok()?;
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8(out.stdout).unwrap())
}

struct Setup {
    home: tempfile::TempDir,
    repo: tempfile::TempDir,
    wc: tempfile::TempDir,
}

/// A session named `name` on a working copy (swagger + icon + settings.json), and an empty
/// checkout. `None` when git is missing.
fn setup(name: &str) -> Option<Setup> {
    let repo = tempfile::tempdir().unwrap();
    git(repo.path(), &["init", "-q"])?;
    fs::create_dir(repo.path().join(IP)).unwrap();
    let wc = tempfile::tempdir().unwrap();
    fs::copy(
        fixture("basic").join("apiDefinition.swagger.json"),
        wc.path().join("apiDefinition.swagger.json"),
    )
    .unwrap();
    fs::write(wc.path().join("icon.png"), b"\x89PNG").unwrap();
    fs::write(wc.path().join("settings.json"), "{}").unwrap();
    let home = tempfile::tempdir().unwrap();
    let store = SessionStore::new(home.path().join("sessions"));
    let mut open = store
        .create_and_open(name, ConnectorKind::IndependentPublisher)
        .unwrap();
    open.update(|s| {
        s.connector_dir = Some(wc.path().to_path_buf());
        s.proposal.publisher = "Ada Example".into();
        s.proposal.stack_owner = "Larkspur Ltd".into();
        s.proposal.auth = AuthKind::Basic;
    })
    .unwrap();
    Some(Setup { home, repo, wc })
}

impl Setup {
    fn export(&self, session: &str) -> Command {
        let mut c = Command::cargo_bin("connector-wizard").unwrap();
        c.env("CONNECTOR_WIZARD_HOME", self.home.path())
            .env("NO_COLOR", "1")
            .env_remove("CLICOLOR_FORCE")
            .args(["export", "--session", session, "--repo"])
            .arg(self.repo.path());
        c
    }
    fn target(&self) -> PathBuf {
        self.repo.path().join(IP).join("Larkspur Tasks")
    }
}

macro_rules! setup_or_skip {
    ($name:expr) => {
        match setup($name) {
            Some(s) => s,
            None => {
                eprintln!("skipped: git is not installed");
                return;
            }
        }
    };
}

#[test]
fn without_a_terminal_new_files_need_yes() {
    let s = setup_or_skip!("Larkspur Tasks");
    s.export("Larkspur Tasks")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "new       apiDefinition.swagger.json",
        ))
        .stdout(predicate::str::contains("skip icon.png"))
        .stdout(predicate::str::contains("skip settings.json"))
        .stderr(predicate::str::contains(
            "4 new files need a yes: add --yes",
        ));
    assert!(!s.target().exists(), "nothing was written");

    s.export("Larkspur Tasks")
        .arg("--dry-run")
        .assert()
        .success()
        .stdout(predicate::str::contains("dry run: nothing was written"));
    assert!(!s.target().exists());

    s.export("Larkspur Tasks")
        .arg("--yes")
        .assert()
        .success()
        .stdout(predicate::str::contains("wrote"))
        .stdout(predicate::str::contains("git -C"));
    let mut names: Vec<String> = fs::read_dir(s.target())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "apiDefinition.swagger.json",
            "apiProperties.json",
            "intro.md",
            "readme.md"
        ]
    );

    // The exported folder passes the rules of the generated files.
    let out = Command::cargo_bin("connector-wizard")
        .unwrap()
        .env("NO_COLOR", "1")
        .args(["check", "--format", "json"])
        .arg(s.target())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("\"findings\""), "check ran: {text}");
    for rule in [
        "README-",
        "AP-",
        "IP-BRAND-COLOR",
        "INTRO-SECTIONS",
        "IP-NO-ICON",
        "FILE-EXTRA",
    ] {
        assert!(!text.contains(&format!("\"{rule}")), "{rule} in {text}");
    }

    s.export("Larkspur Tasks")
        .assert()
        .success()
        .stdout(predicate::str::contains("Nothing to write"));
}

#[test]
fn re_export_of_a_changed_file_needs_force() {
    let s = setup_or_skip!("Larkspur Tasks");
    s.export("Larkspur Tasks").arg("--yes").assert().success();
    let sw = s.wc.path().join("apiDefinition.swagger.json");
    let edited = fs::read_to_string(&sw).unwrap().replace(
        "\"summary\": \"List tasks\"",
        "\"summary\": \"List open tasks\"",
    );
    fs::write(&sw, &edited).unwrap();
    let target = s.target().join("apiDefinition.swagger.json");
    let before = fs::read(&target).unwrap();

    for extra in [&[][..], &["--yes"][..]] {
        s.export("Larkspur Tasks")
            .args(extra)
            .assert()
            .code(1)
            .stdout(predicate::str::contains(
                "changed   apiDefinition.swagger.json",
            ))
            .stdout(predicate::str::contains(
                "+        \"summary\": \"List open tasks\",",
            ))
            .stderr(predicate::str::contains(
                "apiDefinition.swagger.json differs from what the checkout holds: add --force",
            ));
        assert_eq!(fs::read(&target).unwrap(), before, "kept without --force");
    }

    s.export("Larkspur Tasks")
        .arg("--force")
        .assert()
        .success()
        .stdout(predicate::str::contains("wrote"));
    assert_eq!(fs::read_to_string(&target).unwrap(), edited);
}

#[test]
fn branch_flag_creates_the_branch() {
    let s = setup_or_skip!("Larkspur Tasks");
    s.export("Larkspur Tasks")
        .args(["--yes", "--branch", "larkspur-tasks"])
        .assert()
        .success()
        .stdout(predicate::str::contains("created branch `larkspur-tasks`"));
    let head = git(s.repo.path(), &["symbolic-ref", "--short", "HEAD"]).unwrap();
    assert_eq!(head.trim(), "larkspur-tasks");
    s.export("Larkspur Tasks")
        .args(["--branch", "no good"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a valid branch name"));
}

#[test]
fn unsafe_names_and_wrong_folders_are_refused() {
    let s = setup_or_skip!("../../Larkspur");
    s.export("../../Larkspur")
        .arg("--yes")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("path separator"));
    assert_eq!(fs::read_dir(s.repo.path().join(IP)).unwrap().count(), 0);

    let mut c = Command::cargo_bin("connector-wizard").unwrap();
    c.env("CONNECTOR_WIZARD_HOME", s.home.path())
        .args(["export", "--session", "../../Larkspur", "--yes", "--repo"])
        .arg(s.wc.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "is not a checkout of microsoft/PowerPlatformConnectors",
        ));
}
