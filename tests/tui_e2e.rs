//! The real binary in a pseudo-terminal, typed at like a person: a known duplicate shows up,
//! a fixture connector opens, a summary is edited with the rule message appearing and
//! disappearing, the edit is saved, the connector is exported into a temporary git
//! repository, and the files on disk are checked. Also: the terminal is restored after
//! Ctrl-C and SIGTERM, and a too-small terminal gets one clear message.
//!
//! The output is read on a background thread into a vt100 screen; every step waits for text
//! to appear (generous timeouts), never for a fixed time.

mod common;
mod tui_support;

use common::pty::Pty;
use std::fs;
use std::path::Path;
use tui_support::{git, has_git};

fn wizard(home: &Path, cwd: &Path, args: &[&str], size: (u16, u16)) -> Pty {
    Pty::start(home, cwd, args, &[], size)
}

#[test]
fn a_connector_from_name_to_export() {
    if !has_git() {
        eprintln!("skipped: git is not installed");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    let folder = tui_support::fixture(tmp.path(), false);
    let repo = tui_support::checkout(tmp.path());

    let mut t = wizard(&home, tmp.path(), &[], (120, 40));
    t.wait_for("+ New connector");
    t.send("\r");
    t.wait_for("Name of the new connector");
    t.send("Contoso Tasks\r");
    t.wait_for("Tick the prerequisites");

    // 1 Verify: the step opens on the matches; `/` types the name, and a known connector
    // shows up as the same service.
    t.send("1");
    t.wait_for("1 Verify");
    t.send("/");
    t.wait_for("Connector name");
    t.send("Calendly");
    t.wait_until("the Calendly match", |s| {
        s.lines()
            .any(|l| l.contains("= Calendly") && l.contains("same"))
    });
    t.send("\r");
    t.wait_for("Name: Calendly");

    // 3 Build: open the fixture folder.
    t.send("3");
    t.wait_for("How do you want to start?");
    t.send("O");
    t.wait_for("Connector folder (");
    t.send(&format!("{}\r", folder.display()));
    t.wait_for("Folder opened and checked.");
    t.wait_for("Get task by ID");

    // Edit the summary: a final period breaks a rule, removing it clears the message.
    t.send("jj\r");
    t.wait_for("GetTask · summary");
    t.send(".");
    t.wait_for("OP-SUMMARY-END-ALNUM");
    t.send("\x7f");
    t.wait_until("the rule message to go", |s| {
        !s.contains("OP-SUMMARY-END-ALNUM") && s.contains("passes every rule")
    });
    t.send(" now\r");
    t.wait_for("Saved GetTask summary");
    let swagger = fs::read_to_string(folder.join("apiDefinition.swagger.json")).unwrap();
    assert_eq!(
        tui_support::changed_lines(tui_support::swagger(), &swagger).len(),
        1
    );

    // 4 Submit: export into the checkout, plan first.
    t.send("4");
    t.wait_for("4 Submit");
    t.send("x");
    t.wait_for("Checkout of microsoft/PowerPlatformConnectors");
    t.send(&format!("{}\r", repo.display()));
    t.wait_for("Export into independent-publisher-connectors/Contoso Tasks");
    t.send("y");
    t.wait_for("Exported 4 file(s)");
    t.send("q");
    assert_eq!(t.exit_code(), 0, "screen:\n{}", t.screen());
    t.assert_restored();

    let target = repo.join("independent-publisher-connectors/Contoso Tasks");
    let exported = fs::read_to_string(target.join("apiDefinition.swagger.json")).unwrap();
    assert!(exported.contains("\"summary\": \"Get task by ID now\","));
    assert_eq!(exported, swagger);
    for name in ["apiProperties.json", "readme.md", "intro.md"] {
        assert!(target.join(name).is_file(), "{name} not exported");
    }
    assert_eq!(
        git(&repo, &["rev-parse", "--abbrev-ref", "HEAD"]),
        "contoso-tasks"
    );
    let status = git(&repo, &["status", "--porcelain"]);
    assert!(
        status.contains("independent-publisher-connectors/Contoso Tasks/"),
        "{status}"
    );
    // The session remembers where the author was, the checkout and the branch.
    let session = fs::read_to_string(home.join("sessions/contoso-tasks.json")).unwrap();
    assert!(session.contains("\"step\": \"submit\""), "{session}");
    assert!(
        session.contains("\"branch\": \"contoso-tasks\""),
        "{session}"
    );

    // Another connector's branch is checked out meanwhile.
    git(&repo, &["checkout", "-q", "-b", "acme-invoices"]);

    // A restart: the checkout path is not asked again.
    let mut t = wizard(&home, tmp.path(), &["--resume"], (120, 40));
    t.wait_for("Resumed \"Contoso Tasks\" at 4 Submit");
    t.send("3");
    t.wait_for("Get task by ID now");
    t.send("jj\r");
    t.wait_for("GetTask · summary");
    t.send("!\x7f2\r");
    t.wait_for("Saved GetTask summary");
    t.send("4x");
    // The plan names the branch and warns that it is not this connector's.
    t.wait_for("not this connector's branch");
    assert!(
        t.screen().contains("`acme-invoices`"),
        "screen:\n{}",
        t.screen()
    );
    assert!(
        !t.screen()
            .contains("Checkout of microsoft/PowerPlatformConnectors"),
        "the checkout was asked again:\n{}",
        t.screen()
    );
    // y switches to the connector's branch, then asks before replacing the changed file.
    t.send("y");
    t.wait_for("Replace changed files?");
    t.send("y");
    t.wait_for("on branch contoso-tasks");
    t.send("q");
    assert_eq!(t.exit_code(), 0, "screen:\n{}", t.screen());
    assert_eq!(
        git(&repo, &["rev-parse", "--abbrev-ref", "HEAD"]),
        "contoso-tasks"
    );
    let exported = fs::read_to_string(target.join("apiDefinition.swagger.json")).unwrap();
    assert!(exported.contains("\"summary\": \"Get task by ID now2\","));
}

/// From nothing to a connector that passes `check`, typed like a person: a new session, a
/// blank start (the facts asked in the form), an operation with a parameter, a sample
/// response pasted (bracketed paste), the readme; `check` reports exactly the markers the
/// wizard said it left, and nothing once they are filled in.
#[test]
fn a_connector_from_scratch_passes_check() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    let mut t = wizard(&home, tmp.path(), &[], (120, 40));
    t.wait_for("+ New connector");
    t.send("\r");
    t.wait_for("Name of the new connector");
    t.send("Larkspur Tasks\r");
    t.wait_for("Tick the prerequisites");

    // 3 Build: no folder yet; b starts blank. The folder is the one offered (the current
    // folder, named after the connector).
    t.send("3");
    t.wait_for("How do you want to start?");
    t.send("b");
    t.wait_for("Start blank");
    t.wait_for("Host              —  ✗ needed");
    t.send("j\r");
    t.wait_for("Start blank · Host");
    t.send("api.larkspur.example\r");
    t.wait_for("Host              api.larkspur.example");
    t.send("jjj\r");
    t.wait_for("Start blank · Publisher");
    t.send("Ada Example\r");
    t.send("j\r");
    t.wait_for("Start blank · Stack owner");
    t.send("Larkspur Ltd\r");
    t.wait_for("ready: ^S writes it");
    t.send("\x13");
    t.wait_for("Started blank: 6 places marked [TODO: …]");
    t.wait_for("6 [TODO: …] markers to fill in");
    let folder = tmp.path().join("Larkspur Tasks");
    assert!(folder.join("apiDefinition.swagger.json").is_file());

    // n: an operation; its path template gives it its path parameter.
    t.send("n");
    t.wait_for("New operation");
    t.send("j\r");
    t.wait_for("New operation · Path");
    t.send("tasks/{taskId}\r");
    t.send("j\r");
    t.wait_for("New operation · operationId");
    t.send("GetTask\r");
    t.send("j\r");
    t.wait_for("New operation · Summary");
    t.send("Get task by ID.");
    t.wait_for("OP-SUMMARY-END-ALNUM");
    t.send("\x7f\r");
    t.send("j\r");
    t.wait_for("New operation · Description");
    t.send("Retrieves one task by its identifier.\r");
    t.send("j ");
    t.wait_for("‹important›");
    t.send("\x13");
    t.wait_for("Added the operation GetTask");

    // p: a parameter of it.
    t.send("p");
    t.wait_for("New parameter of GetTask");
    t.send("\r");
    t.send("top\r");
    t.send("jj ");
    t.wait_for("‹integer›");
    t.send("jjj\r");
    t.wait_for("· x-ms-summary");
    t.send("Top\r");
    t.send("j\r");
    t.wait_for("· Description");
    t.send("How many tasks to return.\r");
    t.send("\x13");
    t.wait_for("Added the query parameter top");
    // The path parameter's description (the row above the new parameter's summary).
    t.send("k\r");
    t.wait_for("GetTask › taskId · description");
    t.send("The identifier of the task.\r");
    t.wait_for("Saved");

    // R: the response from a pasted sample.
    t.send("R");
    t.wait_for("Response of GetTask from a sample");
    t.send("\x1b[200~{\"id\": \"t1\",\n \"title\": \"Write the report\",\n \"dueDate\": \"2025-03-01\"}\x1b[201~");
    t.wait_for("\"dueDate\": \"2025-03-01\"}");
    t.send("\r");
    t.wait_for("3 lines");
    t.send("\x13");
    t.wait_for("from the sample: 3 description(s) marked [TODO: …]");

    // m: the readme, previewed, then written.
    t.send("m");
    t.wait_for("New readme.md");
    t.send("y");
    t.wait_for("Wrote readme.md");
    t.send("q");
    t.wait_for("Quit?");
    t.send("y");
    assert_eq!(t.exit_code(), 0, "screen:\n{}", t.screen());
    t.assert_restored();

    // check reports the markers the wizard left, and nothing else that is an error.
    let check = |dir: &Path| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_connector-wizard"))
            .args(["check", "--format", "json"])
            .arg(dir)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
        (out.status.code(), v)
    };
    let (code, v) = check(&folder);
    assert_eq!(code, Some(1), "{v:#}");
    let findings = v["findings"].as_array().expect("findings");
    let errors: Vec<&serde_json::Value> = findings
        .iter()
        .filter(|f| f["severity"] == "error")
        .collect();
    let swagger = fs::read_to_string(folder.join("apiDefinition.swagger.json")).unwrap();
    let markers = connector_wizard::generate::blank::json_markers(&swagger);
    let readme = fs::read_to_string(folder.join("readme.md")).unwrap();
    for e in &errors {
        let file = e["file"].as_str().unwrap();
        let at_marker = if file.ends_with("apiDefinition.swagger.json") {
            markers
                .iter()
                .any(|m| Some(m.pointer.as_str()) == e["pointer"].as_str())
        } else if file.ends_with("readme.md") {
            let line = e["line"].as_u64().unwrap_or(0) as usize;
            // The readme takes the support address from the swagger, still a marker.
            (e["rule"] == "README-CONTACT"
                && markers.iter().any(|m| m.pointer == "/info/contact/email"))
                || readme
                    .lines()
                    .nth(line.saturating_sub(1))
                    .is_some_and(|l| l.contains("[TODO: "))
        } else {
            false
        };
        assert!(at_marker, "an error that is not a marker: {e:#}");
    }
    assert!(errors.len() >= 6, "{errors:#?}");
    // Filled in: no error at all.
    for name in [
        "apiDefinition.swagger.json",
        "apiProperties.json",
        "readme.md",
    ] {
        common::fill_markers(&folder.join(name));
    }
    let (code, v) = check(&folder);
    assert_eq!(code, Some(0), "{v:#}");
}

/// A connector load that finishes after the author switched sessions is dropped: it does not
/// show in the other session nor change its file.
#[test]
fn a_late_result_for_another_session_is_dropped() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    let folder = tui_support::fixture(tmp.path(), false);
    let store = connector_wizard::session::SessionStore::new(home.join("sessions"));
    let kind = connector_wizard::session::ConnectorKind::IndependentPublisher;
    // B first, so that A is the most recent.
    store
        .create_and_open("Fabrikam Notes", kind)
        .unwrap()
        .update(|s| s.ui.step = Some(connector_wizard::session::Step::Build))
        .unwrap();
    store
        .create_and_open("Contoso Tasks", kind)
        .unwrap()
        .update(|s| {
            s.connector_dir = Some(folder.clone());
            s.ui.step = Some(connector_wizard::session::Step::Build);
        })
        .unwrap();
    // Every job waits before it starts: A's folder is still being read when B opens.
    let mut t = Pty::start(
        &home,
        tmp.path(),
        &["--resume", "Contoso Tasks"],
        &[("CONNECTOR_WIZARD_JOB_DELAY_MS", "1500")],
        (100, 30),
    );
    t.wait_for("Resumed \"Contoso Tasks\"");
    t.wait_for("working…");
    t.send("\x1b");
    t.wait_for("+ New connector");
    // The list: + New connector, Contoso Tasks (just left), Fabrikam Notes.
    t.send("jj\r");
    t.wait_for("Resumed \"Fabrikam Notes\"");
    t.wait_for("Connector folder");
    // A's result arrives while B is open, and is dropped.
    t.wait_until("the late job to finish", |s| !s.contains("working…"));
    let screen = t.screen();
    assert!(
        !screen.contains("Get task by ID"),
        "A's fields showed in B:\n{screen}"
    );
    assert!(screen.contains("Connector folder"), "{screen}");
    t.send("\x03");
    assert_eq!(t.exit_code(), 0);
    let b = store.open_read_only("Fabrikam Notes").unwrap();
    assert_eq!(b.connector_dir, None, "A's folder was written into B");
}

#[test]
fn ctrl_c_restores_the_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let mut t = wizard(&tmp.path().join("home"), tmp.path(), &[], (100, 30));
    t.wait_for("+ New connector");
    t.send("\r");
    t.wait_for("Name of the new connector");
    // Ctrl-C quits at once, even while typing.
    t.send("half a na");
    t.wait_for("half a na");
    t.send("\x03");
    assert_eq!(t.exit_code(), 0);
    t.assert_restored();
}

#[cfg(unix)]
#[test]
fn sigterm_restores_the_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let mut t = wizard(&tmp.path().join("home"), tmp.path(), &[], (100, 30));
    t.wait_for("+ New connector");
    let pid = t.child.process_id().expect("a pid");
    let ok = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
    assert_eq!(t.exit_code(), 0);
    t.assert_restored();
}

#[test]
fn resizing_redraws_and_a_small_terminal_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let mut t = wizard(&tmp.path().join("home"), tmp.path(), &[], (100, 30));
    t.wait_for("+ New connector");
    t.resize(40, 10);
    t.wait_for("Enlarge the terminal");
    t.resize(90, 25);
    t.wait_until("the home screen again", |s| {
        s.contains("+ New connector") && !s.contains("Enlarge")
    });
    t.send("q");
    assert_eq!(t.exit_code(), 0);
}

#[test]
fn resume_without_sessions_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_connector-wizard"))
        .arg("--resume")
        .env("CONNECTOR_WIZARD_HOME", tmp.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no saved session to resume"), "{err}");
}
