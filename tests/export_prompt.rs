//! `connector-wizard export` at a terminal: the y/N questions, answered through a
//! pseudo-terminal like a person would.

use connector_wizard::session::{ConnectorKind, SessionStore};
use portable_pty::{native_pty_system, CommandBuilder, PtySize};
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const IP: &str = "independent-publisher-connectors";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/generate")
        .join(name)
}

/// A running export in a pseudo-terminal, with its output collected on a thread.
struct Term {
    rx: mpsc::Receiver<Vec<u8>>,
    seen: String,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    /// Kept open as long as the reader and writer are used.
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Term {
    fn start(home: &Path, repo: &Path, extra: &[&str]) -> Term {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 40,
                cols: 200,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_connector-wizard"));
        cmd.args(["export", "--session", "Larkspur Tasks", "--repo"]);
        cmd.arg(repo);
        cmd.args(extra);
        cmd.env("CONNECTOR_WIZARD_HOME", home);
        cmd.env("NO_COLOR", "1");
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if tx.send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        Term {
            rx,
            seen: String::new(),
            writer,
            child,
            _master: pty.master,
        }
    }

    /// Waits until `text` has appeared in the output (generous timeout for slow CI).
    fn wait_for(&mut self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while !self.seen.contains(text) {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(bytes) => self.seen.push_str(&String::from_utf8_lossy(&bytes)),
                Err(_) => panic!("`{text}` did not appear; output so far:\n{}", self.seen),
            }
        }
    }

    fn answer(&mut self, line: &str) {
        self.writer.write_all(line.as_bytes()).unwrap();
        self.writer.write_all(b"\r").unwrap();
        self.writer.flush().unwrap();
    }

    fn exit_code(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            // Drain output so the child never blocks on a full pty buffer.
            while let Ok(bytes) = self.rx.try_recv() {
                self.seen.push_str(&String::from_utf8_lossy(&bytes));
            }
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            assert!(Instant::now() < deadline, "no exit; output:\n{}", self.seen);
            std::thread::sleep(Duration::from_millis(20));
        }
    }
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
    let mut t = Term::start(home.path(), repo.path(), &[]);
    t.wait_for("Write 4 new files into independent-publisher-connectors/Larkspur Tasks? [y/N]");
    t.answer("n");
    t.wait_for("Nothing was written.");
    assert_eq!(t.exit_code(), 1);
    assert!(!target.exists());

    // "Yes": written.
    let mut t = Term::start(home.path(), repo.path(), &[]);
    t.wait_for("[y/N]");
    t.answer("y");
    t.wait_for("wrote");
    assert_eq!(t.exit_code(), 0);
    assert_eq!(fs::read_dir(&target).unwrap().count(), 4);

    // Two changed files: each gets its own question.
    fs::write(wc.path().join("readme.md"), "# Larkspur Tasks\n\nMore.\n").unwrap();
    let sw = wc.path().join("apiDefinition.swagger.json");
    let text = fs::read_to_string(&sw)
        .unwrap()
        .replace("List tasks", "List all tasks");
    fs::write(&sw, &text).unwrap();
    let mut t = Term::start(home.path(), repo.path(), &[]);
    t.wait_for("Replace apiDefinition.swagger.json in the checkout (diff above)? [y/N]");
    t.answer("yes");
    t.wait_for("Replace readme.md in the checkout (diff above)? [y/N]");
    t.answer("");
    t.wait_for("(not replaced)");
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
