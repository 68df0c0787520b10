//! Defect 5: two processes could both hold a session's lock. Now the operating system's
//! file lock decides. Two processes race for the lock many rounds; each holder marks its
//! time inside with a file only one can create, so an overlap cannot go unnoticed.

use connector_wizard::session::lock::LockGuard;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ROUNDS: usize = 40;
const CHILD_ENV: &str = "CW_TEST_LOCK_RACE_DIR";

/// One racer: waits for the start signal, then takes the lock (trying again while it is
/// held), holds it briefly, and lets go; prints BOTH when it finds the other inside.
#[test]
#[ignore = "run as a child process by lock_race_never_has_two_holders"]
fn lock_racer() {
    let Some(dir) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let dir = Path::new(&dir);
    let go = dir.join("go");
    let deadline = Instant::now() + Duration::from_secs(20);
    while !go.exists() {
        assert!(Instant::now() < deadline, "no start signal");
        std::hint::spin_loop();
    }
    let lock = dir.join("s.lock");
    let guard = loop {
        match LockGuard::acquire(&lock) {
            Ok(g) => break g,
            Err(_) => assert!(Instant::now() < deadline, "never got the lock"),
        }
    };
    let inside = dir.join("inside");
    match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&inside)
    {
        Ok(_) => {
            std::thread::sleep(Duration::from_millis(3));
            fs::remove_file(&inside).unwrap();
            println!("HELD");
        }
        Err(_) => println!("BOTH"),
    }
    drop(guard);
}

#[test]
fn lock_race_never_has_two_holders() {
    let exe = std::env::current_exe().unwrap();
    for round in 0..ROUNDS {
        let dir = tempfile::tempdir().unwrap();
        let racers: Vec<_> = (0..2)
            .map(|_| {
                Command::new(&exe)
                    .args(["--exact", "lock::lock_racer", "--ignored", "--nocapture"])
                    .args(["--test-threads=1", "--quiet"])
                    .env(CHILD_ENV, dir.path())
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        // Both are started and spinning: go.
        std::thread::sleep(Duration::from_millis(20));
        fs::write(dir.path().join("go"), "").unwrap();
        for r in racers {
            let out = r.wait_with_output().unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(
                out.status.success(),
                "round {round}: {stdout}{}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(
                !stdout.contains("BOTH"),
                "round {round}: two holders at once"
            );
            assert!(stdout.contains("HELD"), "round {round}: {stdout}");
        }
    }
}

#[test]
fn two_session_new_at_once_create_it_once() {
    for round in 0..15 {
        let home = tempfile::tempdir().unwrap();
        let racers: Vec<_> = (0..2)
            .map(|_| {
                let mut c = Command::new(env!("CARGO_BIN_EXE_connector-wizard"));
                c.env("CONNECTOR_WIZARD_HOME", home.path())
                    .env("NO_COLOR", "1")
                    .args(["session", "new", "Racy Name"])
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped());
                c.spawn().unwrap()
            })
            .collect();
        let outs: Vec<_> = racers
            .into_iter()
            .map(|r| r.wait_with_output().unwrap())
            .collect();
        let created = outs.iter().filter(|o| o.status.success()).count();
        let why: Vec<String> = outs
            .iter()
            .map(|o| String::from_utf8_lossy(&o.stderr).into_owned())
            .collect();
        assert_eq!(created, 1, "round {round}: {why:?}");
        assert!(
            why.iter()
                .any(|e| e.contains("already exists") || e.contains("is in use by")),
            "round {round}: {why:?}"
        );
    }
}
