//! SessionStore: create, list, open, save, locks, damaged and newer files, killed writers.

use connector_wizard::session::{
    ConnectorKind, OpenSession, SessionError, SessionStore, Step, StepStatus,
};
use std::fs;
use std::io;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn store() -> (tempfile::TempDir, SessionStore) {
    let dir = tempfile::tempdir().unwrap();
    let store = SessionStore::new(dir.path().join("sessions"));
    (dir, store)
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn create_open_update_and_reload() {
    let (_t, store) = store();
    let s = store
        .create("HubSpot CRM", ConnectorKind::IndependentPublisher)
        .unwrap();
    assert_eq!(s.name, "HubSpot CRM");
    assert_eq!(s.version, 1);
    let path = store.dir().join("hubspot-crm.json");
    assert!(path.is_file());
    // The lock taken while creating is gone.
    assert_eq!(files_in(store.dir()), ["hubspot-crm.json"]);

    let mut open = store.open("HubSpot CRM").unwrap();
    assert!(!open.is_read_only());
    assert!(store.dir().join("hubspot-crm.lock").is_file());
    let before = open.updated;
    open.update(|s| {
        s.current_step = Step::Propose;
        s.set_status(Step::Verify, StepStatus::Done);
        s.proposal.contact_email = "me@example.com".into();
    })
    .unwrap();
    assert!(open.updated >= before);
    // Saved at once: a read-only view sees the change while the session is still open.
    let ro = store.open_read_only("hubspot crm").unwrap();
    assert_eq!(ro.current_step, Step::Propose);
    assert_eq!(ro.status(Step::Verify), StepStatus::Done);
    assert_eq!(ro.proposal.contact_email, "me@example.com");
    drop(open);
    assert!(!store.dir().join("hubspot-crm.lock").exists());
}

#[test]
fn create_refuses_existing_and_bad_names() {
    let (_t, store) = store();
    store.create("Acme", ConnectorKind::Certified).unwrap();
    let err = store
        .create("  ACME ", ConnectorKind::Certified)
        .unwrap_err();
    assert!(matches!(err, SessionError::AlreadyExists { .. }), "{err}");
    assert!(err.to_string().contains("already exists"));
    for bad in ["", "   ", "../..", "a\nb", "/"] {
        let err = store.create(bad, ConnectorKind::Certified).unwrap_err();
        assert!(
            matches!(err, SessionError::InvalidName { .. }),
            "{bad:?}: {err}"
        );
    }
    // Path separators never escape the directory.
    store
        .create("../evil/name", ConnectorKind::IndependentPublisher)
        .unwrap();
    assert!(store.dir().join("evil-name.json").is_file());
    assert_eq!(files_in(store.dir()), ["acme.json", "evil-name.json"]);
}

#[test]
fn list_is_most_recent_first_and_shows_problems() {
    let (_t, store) = store();
    assert!(
        store.list().unwrap().is_empty(),
        "absent directory lists nothing"
    );
    store
        .create("First", ConnectorKind::IndependentPublisher)
        .unwrap();
    std::thread::sleep(Duration::from_millis(5));
    store.create("Second", ConnectorKind::Certified).unwrap();
    std::thread::sleep(Duration::from_millis(5));
    let mut first = store.open("First").unwrap();
    first.update(|s| s.current_step = Step::Build).unwrap();
    fs::write(store.dir().join("broken.json"), "{\"name\": \"Broken\",").unwrap();
    fs::write(
        store.dir().join("future.json"),
        r#"{"version": 7, "name": "Future"}"#,
    )
    .unwrap();
    // Temporary files of interrupted saves are not sessions.
    fs::write(store.dir().join(".cw-tmp-abc"), "{").unwrap();

    let list = store.list().unwrap();
    let healthy: Vec<_> = list.iter().filter(|s| s.problem.is_none()).collect();
    assert_eq!(
        healthy.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(),
        ["First", "Second"]
    );
    assert_eq!(healthy[0].current_step, Some(Step::Build));
    assert_eq!(healthy[0].in_use_by, Some(std::process::id()));
    assert_eq!(healthy[1].in_use_by, None);
    assert_eq!(healthy[1].kind, Some(ConnectorKind::Certified));
    let broken = list.iter().find(|s| s.slug == "broken").unwrap();
    assert!(
        broken.problem.as_ref().unwrap().contains("line 1"),
        "{broken:?}"
    );
    let future = list.iter().find(|s| s.slug == "future").unwrap();
    assert!(future.problem.as_ref().unwrap().contains("version 7"));
    assert_eq!(list.len(), 4);
    // Listing changes nothing.
    assert!(store.dir().join("broken.json").exists());
    assert_eq!(store.most_recent().unwrap().unwrap().name, "First");
}

#[test]
fn second_open_is_refused_while_first_is_alive_read_only_works() {
    let (_t, store) = store();
    store
        .create("Busy", ConnectorKind::IndependentPublisher)
        .unwrap();
    let mut first = store.open("Busy").unwrap();
    let err = store.open("Busy").unwrap_err();
    match &err {
        SessionError::InUse { pid, .. } => assert_eq!(*pid, std::process::id()),
        other => panic!("{other:?}"),
    }
    assert!(
        err.to_string()
            .contains(&format!("in use by pid {}", std::process::id())),
        "{err}"
    );
    assert!(err.to_string().contains("read-only"));

    let mut ro = store.open_read_only("Busy").unwrap();
    assert!(ro.is_read_only());
    let err = ro.update(|s| s.is_update = true).unwrap_err();
    assert!(matches!(err, SessionError::ReadOnly { .. }));
    assert!(!ro.is_update, "a refused change is not applied");
    assert!(matches!(ro.save(), Err(SessionError::ReadOnly { .. })));

    // Removal is refused too while in use.
    assert!(matches!(
        store.remove("Busy"),
        Err(SessionError::InUse { .. })
    ));
    first.update(|s| s.is_update = true).unwrap();
    drop(first);
    let second = store.open("Busy").unwrap();
    assert!(second.is_update);
}

#[cfg(target_os = "linux")]
#[test]
fn lock_of_a_dead_process_is_taken_over() {
    let (_t, store) = store();
    store
        .create("Stale", ConnectorKind::IndependentPublisher)
        .unwrap();
    // A real process that has exited: its pid is free.
    let mut child = Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    let lock = store.dir().join("stale.lock");
    fs::write(&lock, format!("{pid}\n")).unwrap();
    let list = store.list().unwrap();
    assert_eq!(
        list[0].in_use_by, None,
        "a dead owner is not shown as using it"
    );
    let open = store.open("Stale").unwrap();
    assert_eq!(
        fs::read_to_string(&lock).unwrap().lines().next().unwrap(),
        std::process::id().to_string()
    );
    drop(open);
    assert!(!lock.exists());
}

#[test]
fn corrupt_file_is_moved_aside_with_position() {
    let (_t, store) = store();
    store
        .create("Damaged", ConnectorKind::IndependentPublisher)
        .unwrap();
    let path = store.dir().join("damaged.json");
    let bad = "{\n  \"version\": 1,\n  \"name\": \"Damaged\",\n  \"is_update\": yes\n}\n";
    fs::write(&path, bad).unwrap();

    // Read-only leaves it in place.
    let err = store.open_read_only("Damaged").unwrap_err();
    assert!(
        matches!(err, SessionError::Corrupt { moved_to: None, .. }),
        "{err}"
    );
    assert!(path.exists());

    let err = store.open("Damaged").unwrap_err();
    let SessionError::Corrupt {
        path: p,
        line,
        column,
        moved_to: Some(moved),
        ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(p, &path);
    assert_eq!(*line, 4);
    assert!(*column > 0);
    assert!(!path.exists(), "the damaged file is no longer in the way");
    assert_eq!(
        fs::read_to_string(moved).unwrap(),
        bad,
        "bytes kept as they were"
    );
    let msg = err.to_string();
    assert!(msg.contains(&path.display().to_string()), "{msg}");
    assert!(msg.contains("line 4, column"), "{msg}");
    assert!(msg.contains(&moved.display().to_string()), "{msg}");
    assert_eq!(store.moved_aside(), vec![moved.clone()]);
    // No lock left behind, and the name can be used again.
    assert!(!store.dir().join("damaged.lock").exists());
    store
        .create("Damaged", ConnectorKind::IndependentPublisher)
        .unwrap();
    assert_eq!(fs::read_to_string(moved).unwrap(), bad);
}

#[test]
fn wrong_types_and_non_utf8_are_corrupt_too() {
    let (_t, store) = store();
    fs::create_dir_all(store.dir()).unwrap();
    fs::write(
        store.dir().join("typed.json"),
        "{\"name\": \"Typed\",\n\"checklist\": {\"PRT-2\": \"yes\"}}",
    )
    .unwrap();
    let err = store.open("typed").unwrap_err();
    assert!(
        matches!(err, SessionError::Corrupt { line: 2, .. }),
        "{err:?}"
    );
    fs::write(store.dir().join("bin.json"), b"{\"name\": \"\xff\"}").unwrap();
    let err = store.open("bin").unwrap_err();
    assert!(err.to_string().contains("UTF-8"), "{err}");
    fs::write(store.dir().join("empty.json"), b"").unwrap();
    assert!(matches!(
        store.open("empty").unwrap_err(),
        SessionError::Corrupt { .. }
    ));
}

#[test]
fn newer_version_is_refused_and_left_untouched() {
    let (_t, store) = store();
    fs::create_dir_all(store.dir()).unwrap();
    let path = store.dir().join("next.json");
    let text = r#"{"version": 2, "name": "Next", "wholly_new": true}"#;
    fs::write(&path, text).unwrap();
    let err = store.open("Next").unwrap_err();
    assert!(
        matches!(
            err,
            SessionError::TooNew {
                version: 2,
                supported: 1,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("upgrade"));
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    assert!(store.moved_aside().is_empty());
    assert!(!store.dir().join("next.lock").exists());
}

#[test]
fn unknown_names_suggest_close_ones() {
    let (_t, store) = store();
    store
        .create("HubSpot Marketing", ConnectorKind::IndependentPublisher)
        .unwrap();
    let err = store.open("HubSpot").unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, SessionError::NotFound { .. }));
    assert!(msg.contains("did you mean `HubSpot Marketing`"), "{msg}");
    assert!(msg.contains("connector-wizard session list"), "{msg}");
    assert!(store
        .open("Zendesk")
        .unwrap_err()
        .to_string()
        .contains("no session named `Zendesk`"));
}

#[test]
fn edited_display_name_still_resolves() {
    let (_t, store) = store();
    store
        .create("Old Name", ConnectorKind::IndependentPublisher)
        .unwrap();
    store
        .open("Old Name")
        .unwrap()
        .update(|s| s.name = "New Name".into())
        .unwrap();
    assert_eq!(store.open("New Name").unwrap().name, "New Name");
    assert_eq!(store.open("old-name").unwrap().name, "New Name");
}

#[test]
fn remove_deletes_file_and_lock() {
    let (_t, store) = store();
    store
        .create("Gone", ConnectorKind::IndependentPublisher)
        .unwrap();
    let removed = store.remove("gone").unwrap();
    assert_eq!(removed, store.dir().join("gone.json"));
    assert!(files_in(store.dir()).is_empty());
    assert!(matches!(
        store.remove("gone"),
        Err(SessionError::NotFound { .. })
    ));
}

#[test]
fn unknown_fields_survive_a_save() {
    let (_t, store) = store();
    fs::create_dir_all(store.dir()).unwrap();
    let path = store.dir().join("keep.json");
    fs::write(
        &path,
        r#"{"version": 1, "name": "Keep", "added_later": {"x": 1}, "proposal": {"website_url": "https://k.example"}}"#,
    )
    .unwrap();
    store
        .open("Keep")
        .unwrap()
        .update(|s| s.is_update = true)
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(v["added_later"]["x"], 1);
    assert_eq!(v["is_update"], true);
    assert_eq!(v["proposal"]["website_url"], "https://k.example");
}

/// Simulates a crash between writing the temporary file and the rename.
#[test]
fn crash_before_rename_keeps_previous_session() {
    let (_t, store) = store();
    store
        .create("Crashy", ConnectorKind::IndependentPublisher)
        .unwrap();
    let mut open = store.open("Crashy").unwrap();
    open.update(|s| s.proposal.service_description = "first".into())
        .unwrap();
    let path = open.path().to_path_buf();
    let saved = fs::read_to_string(&path).unwrap();

    open.session_mut().proposal.service_description = "second".repeat(1000);
    let mut seen_tmp = None;
    let err = open
        .save_with(|tmp| {
            // The temporary file is complete before the rename…
            let text = fs::read_to_string(tmp)?;
            assert!(text.contains("secondsecond"));
            assert!(text.ends_with("}\n"));
            seen_tmp = Some(tmp.to_path_buf());
            // …and the process "dies" here.
            Err(io::Error::other("killed"))
        })
        .unwrap_err();
    assert!(err.to_string().contains("killed"));
    assert!(seen_tmp.unwrap().parent() == Some(store.dir()));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        saved,
        "old session intact"
    );
    drop(open);
    let reopened = store.open("Crashy").unwrap();
    assert_eq!(reopened.proposal.service_description, "first");
    assert_eq!(store.list().unwrap().len(), 1);
}

#[test]
fn leftover_temp_files_of_killed_saves_are_cleaned_when_old() {
    let (_t, store) = store();
    store
        .create("Tidy", ConnectorKind::IndependentPublisher)
        .unwrap();
    let old = store.dir().join(".cw-tmp-old");
    let fresh = store.dir().join(".cw-tmp-fresh");
    fs::write(&old, "{\"half\": ").unwrap();
    fs::write(&fresh, "{\"half\": ").unwrap();
    let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(&old)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    let _open = store.open("Tidy").unwrap();
    assert!(!old.exists(), "an hour-old temporary file is removed");
    assert!(fresh.exists(), "a fresh one may be a save in progress");
}

/// Child side of `killed_writer_never_corrupts`: saves in a loop until killed.
#[test]
#[ignore = "run as a child process by killed_writer_never_corrupts"]
fn child_save_loop() {
    let Some(dir) = std::env::var_os("CW_TEST_SAVE_LOOP_DIR") else {
        return;
    };
    let store = SessionStore::new(dir);
    let mut open: OpenSession = store.open("Killed").unwrap();
    let mut i: u64 = 0;
    loop {
        i += 1;
        open.update(|s| {
            s.proposal.service_description = format!("{i} ").repeat((i % 300) as usize + 1);
            s.checklist
                .insert(format!("ITEM-{}", i % 40), i.is_multiple_of(2));
            s.proposal.operations.push(format!("op {i}"));
            if s.proposal.operations.len() > 200 {
                s.proposal.operations.clear();
            }
        })
        .unwrap();
    }
}

/// A child process saving in a loop is killed (SIGKILL) at varying moments; the session
/// always loads, readers during the loop never see a partial file, and the lock of the dead
/// writer is taken over.
#[test]
fn killed_writer_never_corrupts() {
    let (_t, store) = store();
    store
        .create("Killed", ConnectorKind::IndependentPublisher)
        .unwrap();
    let exe = std::env::current_exe().unwrap();
    let path = store.dir().join("killed.json");
    for round in 0..6u64 {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "child_save_loop",
                "--ignored",
                "--test-threads=1",
            ])
            .env("CW_TEST_SAVE_LOOP_DIR", store.dir())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Wait until the child is saving (its lock appears and the file changes).
        let start_len = fs::read_to_string(&path).unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut reads = 0;
        loop {
            let text = fs::read_to_string(&path).unwrap();
            // Every read during the loop is a complete session.
            let parsed = connector_wizard::session::Session::from_json(&text);
            assert!(
                parsed.is_ok(),
                "round {round}: partial file seen: {parsed:?}"
            );
            reads += 1;
            if text != start_len && reads > 20 + round * 10 {
                break;
            }
            assert!(Instant::now() < deadline, "child never started saving");
            if let Some(status) = child.try_wait().unwrap() {
                panic!("child exited early: {status}");
            }
        }
        std::thread::sleep(Duration::from_millis(round * 3));
        child.kill().unwrap();
        child.wait().unwrap();

        let open = store
            .open("Killed")
            .unwrap_or_else(|e| panic!("round {round}: {e}"));
        assert_eq!(open.name, "Killed");
        assert!(!open.proposal.service_description.is_empty());
        drop(open);
        let list = store.list().unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].problem, None);
    }
    assert!(store.moved_aside().is_empty());
}
