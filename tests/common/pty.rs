//! The real binary in a pseudo-terminal, typed at like a person. The output is read on a
//! background thread, kept raw (for escape sequences and prompts) and fed to a vt100 screen;
//! every wait is for text to appear (generous timeouts for slow CI), never a fixed sleep.

use portable_pty::{native_pty_system, CommandBuilder, MasterPty, PtySize};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

pub const TIMEOUT: Duration = Duration::from_secs(60);

pub struct Pty {
    rx: mpsc::Receiver<Vec<u8>>,
    parser: vt100::Parser,
    /// Everything the program wrote, as bytes.
    pub raw: Vec<u8>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
}

impl Pty {
    /// Starts `connector-wizard` with `args` in `cwd`, its data in `home`, no colour, no
    /// browser and no user git configuration; `env` adds variables.
    pub fn start(
        home: &Path,
        cwd: &Path,
        args: &[&str],
        env: &[(&str, &str)],
        (cols, rows): (u16, u16),
    ) -> Pty {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_connector-wizard"));
        cmd.args(args);
        cmd.cwd(cwd);
        cmd.env("CONNECTOR_WIZARD_HOME", home);
        cmd.env("NO_COLOR", "1");
        cmd.env("TERM", "xterm-256color");
        cmd.env("BROWSER", "true");
        cmd.env("GIT_CONFIG_GLOBAL", "/dev/null");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
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
        Pty {
            rx,
            parser: vt100::Parser::new(rows, cols, 0),
            raw: Vec::new(),
            writer,
            child,
            master: pty.master,
        }
    }

    fn pump(&mut self, wait: Duration) -> bool {
        match self.rx.recv_timeout(wait) {
            Ok(bytes) => {
                self.parser.process(&bytes);
                self.raw.extend_from_slice(&bytes);
                while let Ok(more) = self.rx.try_recv() {
                    self.parser.process(&more);
                    self.raw.extend_from_slice(&more);
                }
                true
            }
            Err(_) => false,
        }
    }

    /// The screen as text.
    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Everything written so far, as text.
    pub fn output(&self) -> String {
        String::from_utf8_lossy(&self.raw).into_owned()
    }

    /// Waits until the screen satisfies `ok`.
    pub fn wait_until(&mut self, what: &str, ok: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        while !ok(&self.screen()) {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() || (!self.pump(left) && Instant::now() >= deadline) {
                panic!("timed out waiting for {what}; screen:\n{}", self.screen());
            }
        }
    }

    /// Waits until `text` is on the screen.
    pub fn wait_for(&mut self, text: &str) {
        self.wait_until(&format!("`{text}`"), |s| s.contains(text));
    }

    /// Waits until `text` has appeared in the output (line-oriented programs: prompts).
    pub fn wait_for_output(&mut self, text: &str) {
        let deadline = Instant::now() + TIMEOUT;
        while !self.output().contains(text) {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() || (!self.pump(left) && Instant::now() >= deadline) {
                panic!("`{text}` did not appear; output so far:\n{}", self.output());
            }
        }
    }

    pub fn send(&mut self, text: &str) {
        self.writer.write_all(text.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Types a line and Enter.
    pub fn answer(&mut self, line: &str) {
        self.send(&format!("{line}\r"));
    }

    /// Waits for the program to end (reading what is left) and returns its exit code.
    pub fn exit_code(&mut self) -> u32 {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            self.pump(Duration::from_millis(20));
            if let Some(status) = self.child.try_wait().unwrap() {
                while self.pump(Duration::from_millis(50)) {}
                return status.exit_code();
            }
            assert!(
                Instant::now() < deadline,
                "no exit; screen:\n{}",
                self.screen()
            );
        }
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        self.parser.screen_mut().set_size(rows, cols);
    }

    /// The terminal modes the wizard must undo on the way out.
    pub fn assert_restored(&self) {
        assert!(
            !self.parser.screen().alternate_screen(),
            "still on the alternate screen"
        );
        let raw = self.output();
        assert!(
            raw.contains("\x1b[?1049l"),
            "the alternate screen was not left"
        );
        assert!(
            raw.contains("\x1b[?1000l"),
            "mouse capture was not turned off"
        );
        assert!(
            raw.contains("\x1b[?2004l"),
            "bracketed paste was not turned off"
        );
        assert!(raw.contains("\x1b[?25h"), "the cursor was not shown again");
    }
}
