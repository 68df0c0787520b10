//! `connector-wizard session new|list|show|rm`, with CONNECTOR_WIZARD_HOME in a tempdir.

use assert_cmd::Command;
use chrono::NaiveDate;
use connector_wizard::session::{FeedbackRound, SessionStore, Step, StepStatus};
use predicates::prelude::*;
use std::fs;
use std::path::Path;

fn cw(home: &Path) -> Command {
    let mut c = Command::cargo_bin("connector-wizard").unwrap();
    c.env("CONNECTOR_WIZARD_HOME", home)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE");
    c
}

fn store(home: &Path) -> SessionStore {
    SessionStore::new(home.join("sessions"))
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn new_list_show_rm_round_trip() {
    let home = tempfile::tempdir().unwrap();
    let folder = home.path().join("My Connector");
    fs::create_dir(&folder).unwrap();
    fs::write(folder.join("apiDefinition.swagger.json"), "{}").unwrap();

    cw(home.path())
        .args(["session", "new", "HubSpot CRM", "--dir"])
        .arg(&folder)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Created session HubSpot CRM (independent-publisher)",
        ))
        .stdout(predicate::str::contains("hubspot-crm.json"))
        .stdout(predicate::str::contains("no apiDefinition").not());
    let s = store(home.path()).open_read_only("HubSpot CRM").unwrap();
    assert_eq!(
        s.connector_dir.as_deref(),
        Some(folder.canonicalize().unwrap().as_path())
    );
    assert!(!s.is_update);

    cw(home.path())
        .args([
            "session",
            "new",
            "Acme Tools",
            "--kind",
            "certified",
            "--update",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("(certified, update)"));

    let out = cw(home.path())
        .args(["session", "list"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("NAME"), "{out}");
    assert!(
        lines[1].starts_with("Acme Tools"),
        "most recent first: {out}"
    );
    assert!(lines[1].contains("certified"));
    assert!(lines[2].starts_with("HubSpot CRM"));
    assert!(lines[2].contains("Prerequisites (not started)"));

    cw(home.path())
        .args(["session", "show", "hubspot crm"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "HubSpot CRM  Independent publisher, new connector",
        ))
        .stdout(predicate::str::contains("> Prerequisites"))
        .stdout(predicate::str::contains(format!(
            "Connector folder: {}",
            folder.canonicalize().unwrap().display()
        )))
        .stdout(predicate::str::contains("Nothing recorded yet"));

    cw(home.path())
        .args(["session", "rm", "Acme Tools", "--yes"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Removed session `Acme Tools`"));
    assert!(!home.path().join("sessions/acme-tools.json").exists());
    let list = store(home.path()).list().unwrap();
    assert_eq!(list.len(), 1);
}

#[test]
fn show_prints_state_and_timeline() {
    let home = tempfile::tempdir().unwrap();
    let st = store(home.path());
    st.create(
        "Zoho Desk",
        connector_wizard::session::ConnectorKind::IndependentPublisher,
    )
    .unwrap();
    st.open("Zoho Desk")
        .unwrap()
        .update(|s| {
            s.current_step = Step::Deploy;
            s.set_status(Step::Certify, StepStatus::Done);
            s.set_status(Step::Deploy, StepStatus::InProgress);
            s.prerequisites.manifesto = true;
            s.proposal.website_url = "https://zoho.example".into();
            s.pr.number = Some(4321);
            s.checklist.insert("PRT-2".into(), true);
            s.checklist.insert("PRT-IP-2".into(), false);
            s.events.submitted = Some(d(2025, 10, 20));
            s.events.feedback_rounds.push(FeedbackRound {
                date: d(2025, 11, 3),
                note: "add x-ms-summary".into(),
            });
            s.events.certified = Some(d(2025, 11, 17));
        })
        .unwrap();

    cw(home.path())
        .args(["session", "show", "Zoho Desk", "--today", "2025-11-24"])
        .assert()
        .success()
        .stdout(predicate::str::contains("> 6 Deploy       in progress"))
        .stdout(predicate::str::contains("5 Certify      done"))
        .stdout(predicate::str::contains("[x] manifesto agreed"))
        .stdout(predicate::str::contains(
            "website:         https://zoho.example",
        ))
        .stdout(predicate::str::contains("Pull request: #4321\n"))
        // All ten items count, not only the ones answered in the wizard.
        .stdout(predicate::str::contains(
            "PR checklist: 3 of 10 items ticked (2 verified by the program, 1 confirmed by you); to do: PRT-1,",
        ))
        .stdout(predicate::str::contains("Timeline (as of Mon 2025-11-24)"))
        .stdout(
            predicate::str::is_match(
                r"Mon 2025-11-03\s+done\s+Feedback round 1 \(add x-ms-summary\)",
            )
            .unwrap(),
        )
        .stdout(
            predicate::str::is_match(r"Thu 2025-11-27\s+expected\s+Tell your Microsoft contact")
                .unwrap(),
        )
        .stdout(
            predicate::str::is_match(
                r"Fri 2025-11-28\s+expected\s+Next production deployment train",
            )
            .unwrap(),
        )
        .stdout(
            predicate::str::is_match(r"Tue 2025-12-09\s+expected\s+Deployed to all regions")
                .unwrap(),
        );

    let out = cw(home.path())
        .args([
            "session",
            "show",
            "zoho-desk",
            "--json",
            "--today",
            "2025-11-24",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["session"]["name"], "Zoho Desk");
    assert_eq!(v["session"]["version"], 1);
    assert_eq!(v["as_of"], "2025-11-24");
    assert_eq!(v["in_use_by"], serde_json::Value::Null);
    let train = v["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["milestone"] == "deployment-train")
        .unwrap();
    assert_eq!(train["when"]["date"], "2025-11-28");
}

#[test]
fn unknown_names_and_bad_arguments() {
    let home = tempfile::tempdir().unwrap();
    cw(home.path())
        .args(["session", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("No sessions in"))
        .stdout(predicate::str::contains("session new NAME"));
    cw(home.path())
        .args(["session", "show", "Nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no session named `Nope`"))
        .stderr(predicate::str::contains("connector-wizard session list"));
    cw(home.path())
        .args(["session", "rm", "Nope", "--yes"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("session list"));
    cw(home.path())
        .args(["session", "new", "X", "--kind", "bogus"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("independent-publisher"));
    cw(home.path())
        .args(["session", "new", "///"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid session name"));
    // A missing folder leaves no session behind.
    cw(home.path())
        .args(["session", "new", "X", "--dir"])
        .arg(home.path().join("absent"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("absent"))
        .stderr(predicate::str::contains("--dir"));
    let file = home.path().join("file.txt");
    fs::write(&file, "x").unwrap();
    cw(home.path())
        .args(["session", "new", "X", "--dir"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a folder"));
    assert!(store(home.path()).list().unwrap().is_empty());

    cw(home.path())
        .args(["session", "new", "X"])
        .assert()
        .success();
    cw(home.path())
        .args(["session", "new", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
}

#[test]
fn rm_without_terminal_or_yes_refuses() {
    let home = tempfile::tempdir().unwrap();
    cw(home.path())
        .args(["session", "new", "Keep Me"])
        .assert()
        .success();
    cw(home.path())
        .args(["session", "rm", "Keep Me"])
        .write_stdin("y\n")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no terminal to ask"))
        .stderr(predicate::str::contains("--yes"));
    assert!(home.path().join("sessions/keep-me.json").exists());
}

#[test]
fn corrupt_session_is_moved_aside_by_show_and_listed_before() {
    let home = tempfile::tempdir().unwrap();
    cw(home.path())
        .args(["session", "new", "Broken"])
        .assert()
        .success();
    let path = home.path().join("sessions/broken.json");
    fs::write(&path, "{\n  \"name\": \"Broken\",\n  \"steps\": [1,\n").unwrap();

    cw(home.path())
        .args(["session", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("cannot be read:"))
        .stdout(predicate::str::contains("broken.json"));
    assert!(path.exists(), "listing changes nothing");

    let assert = cw(home.path())
        .args(["session", "show", "Broken"])
        .assert()
        .code(2);
    let err = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(err.contains(&path.display().to_string()), "{err}");
    assert!(err.contains("line 4, column"), "{err}");
    assert!(err.contains("moved aside to"), "{err}");
    assert!(!path.exists());
    let moved = store(home.path()).moved_aside();
    assert_eq!(moved.len(), 1);
    assert!(err.contains(&moved[0].display().to_string()));

    cw(home.path())
        .args(["session", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "1 damaged session file was moved aside",
        ));
}

#[test]
fn newer_version_is_left_alone() {
    let home = tempfile::tempdir().unwrap();
    fs::create_dir_all(home.path().join("sessions")).unwrap();
    let path = home.path().join("sessions/next.json");
    fs::write(&path, "{\"version\": 3, \"name\": \"Next\"}").unwrap();
    cw(home.path())
        .args(["session", "show", "next"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("format version 3 is newer"))
        .stderr(predicate::str::contains("upgrade connector-wizard"));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "{\"version\": 3, \"name\": \"Next\"}"
    );
}

#[test]
fn session_in_use_shows_read_only_and_cannot_be_removed() {
    let home = tempfile::tempdir().unwrap();
    cw(home.path())
        .args(["session", "new", "Busy"])
        .assert()
        .success();
    let st = store(home.path());
    let _held = st.open("Busy").unwrap();
    let pid = std::process::id();
    cw(home.path())
        .args(["session", "show", "Busy"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "Open in pid {pid}; shown read-only."
        )));
    cw(home.path())
        .args(["session", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("(open in pid {pid})")));
    cw(home.path())
        .args(["session", "rm", "Busy", "--yes"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("in use by pid {pid}")));
    assert!(home.path().join("sessions/busy.json").exists());
}

/// `session rm` asks on a terminal: "n" keeps the session, "y" removes it.
#[cfg(unix)]
#[test]
fn rm_asks_on_a_terminal() {
    use portable_pty::{native_pty_system, CommandBuilder, PtySize};
    use std::io::{Read, Write};
    use std::sync::mpsc;
    use std::time::{Duration, Instant};

    let home = tempfile::tempdir().unwrap();
    cw(home.path())
        .args(["session", "new", "Ask Me"])
        .assert()
        .success();
    let file = home.path().join("sessions/ask-me.json");
    let bin = assert_cmd::cargo::cargo_bin("connector-wizard");

    for (answer, removed) in [("n", false), ("y", true)] {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 200,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(&bin);
        cmd.args(["session", "rm", "Ask Me"]);
        cmd.env("CONNECTOR_WIZARD_HOME", home.path());
        cmd.env("NO_COLOR", "1");
        let mut child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let mut writer = pty.master.take_writer().unwrap();
        let (tx, rx) = mpsc::channel::<Vec<u8>>();
        std::thread::spawn(move || {
            let mut buf = [0u8; 1024];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        let mut seen = String::new();
        let wait_for = |seen: &mut String, needle: &str| {
            let deadline = Instant::now() + Duration::from_secs(30);
            while !seen.contains(needle) {
                let left = deadline.saturating_duration_since(Instant::now());
                assert!(
                    !left.is_zero(),
                    "timed out waiting for {needle:?}; saw {seen:?}"
                );
                if let Ok(chunk) = rx.recv_timeout(left.min(Duration::from_millis(200))) {
                    seen.push_str(&String::from_utf8_lossy(&chunk));
                }
            }
        };
        wait_for(&mut seen, "[y/N]");
        assert!(seen.contains("Remove session `Ask Me`"), "{seen}");
        writer.write_all(format!("{answer}\r").as_bytes()).unwrap();
        writer.flush().unwrap();
        let expected = if removed {
            "Removed session"
        } else {
            "Kept session"
        };
        wait_for(&mut seen, expected);
        let status = child.wait().unwrap();
        assert!(status.success(), "{seen}");
        assert_eq!(file.exists(), !removed, "answer {answer}: {seen}");
    }
}
