//! Shared by the TUI tests: a wizard without a terminal (sessions in a temporary folder, a
//! fixed date, jobs run at once), key sequences written like `"Calendly<enter>"`, and
//! rendering into ratatui's TestBackend.
#![allow(dead_code)]

use connector_wizard::session::SessionStore;
use connector_wizard::tui::app::App;
use connector_wizard::tui::runtime::Runtime;
use connector_wizard::tui::views;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::path::{Path, PathBuf};

/// The date the tests pretend it is (a Thursday).
pub fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2025, 11, 20).unwrap()
}

pub struct Harness {
    pub rt: Runtime,
    pub dir: tempfile::TempDir,
}

impl Harness {
    pub fn new() -> Harness {
        let dir = tempfile::tempdir().unwrap();
        Harness::in_dir(dir)
    }

    /// A wizard over the sessions of `dir` (to reopen what another harness saved).
    pub fn in_dir(dir: tempfile::TempDir) -> Harness {
        let rt = runtime(dir.path());
        let mut h = Harness { rt, dir };
        h.rt.perform_all(vec![connector_wizard::tui::action::Effect::ListSessions]);
        h
    }

    pub fn app(&self) -> &App {
        &self.rt.app
    }

    pub fn session(&self) -> &connector_wizard::session::Session {
        self.rt.app.session().expect("a session is open")
    }

    /// Types a key sequence: characters, or `<enter>`, `<esc>`, `<tab>`, `<up>`, `<down>`,
    /// `<left>`, `<right>`, `<bs>`, `<space>`, `<pgdn>`, `<pgup>`, `<c-x>` (Ctrl), `<a-enter>`.
    pub fn keys(&mut self, spec: &str) {
        for k in parse_keys(spec) {
            self.rt.key(k);
        }
    }

    /// Renders the screen at `w`×`h` into text (one line per row, trailing spaces cut).
    pub fn render(&mut self, w: u16, h: u16) -> String {
        self.rt.app.size = (w, h);
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        let mut hits = Default::default();
        term.draw(|f| hits = views::draw(f, &self.rt.app)).unwrap();
        self.rt.app.hits = hits;
        buffer_text(term.backend().buffer())
    }

    /// Deletes the text of the open editor, key by key.
    pub fn clear_editor(&mut self) {
        let n = self
            .app()
            .shared
            .editor
            .as_ref()
            .map(|e| e.text().chars().count())
            .unwrap_or(0);
        for _ in 0..n {
            self.keys("<bs>");
        }
    }

    /// Selects row `i` of the list on screen (`g`, then `j` as often as needed).
    pub fn go_row(&mut self, i: usize) {
        self.keys("g");
        for _ in 0..i {
            self.keys("j");
        }
    }

    /// The status line ("" when there is none).
    pub fn status(&self) -> String {
        self.rt
            .app
            .shared
            .messages
            .current
            .as_ref()
            .map(|m| m.text.clone())
            .unwrap_or_default()
    }

    /// The problem the open editor shows ("" when none).
    pub fn editor_problem(&self) -> String {
        self.rt
            .app
            .shared
            .editor
            .as_ref()
            .and_then(|e| e.problem.clone())
            .unwrap_or_default()
    }

    /// The rules the text of the open editor breaks.
    pub fn editor_rules(&self) -> Vec<&'static str> {
        self.rt
            .app
            .shared
            .editor
            .as_ref()
            .map(|e| e.issues.iter().map(|i| i.rule.as_str()).collect())
            .unwrap_or_default()
    }

    /// A path in the harness's folder.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }
}

pub fn runtime(dir: &Path) -> Runtime {
    let store = SessionStore::new(dir.join("sessions"));
    let now = chrono::Utc::now();
    let mut app = App::new(true, false, now, today());
    app.shared.catalog_dir = dir.join("catalog");
    Runtime::new(app, store, None, false)
}

pub fn buffer_text(buf: &ratatui::buffer::Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let cell = &buf[(x, y)];
            let sym = cell.symbol();
            line.push_str(sym);
            let w = unicode_width(sym);
            if w > 1 {
                skip = w - 1;
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn unicode_width(s: &str) -> usize {
    // Wide characters are not used on these screens; every symbol is one column.
    if s.is_empty() {
        0
    } else {
        1
    }
}

pub fn parse_keys(spec: &str) -> Vec<KeyEvent> {
    let mut out = Vec::new();
    let mut chars = spec.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '<' {
            let mut name = String::new();
            for d in chars.by_ref() {
                if d == '>' {
                    break;
                }
                name.push(d);
            }
            out.push(named(&name));
        } else {
            out.push(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }
    out
}

fn named(name: &str) -> KeyEvent {
    let none = KeyModifiers::NONE;
    let (code, mods) = match name {
        "enter" => (KeyCode::Enter, none),
        "a-enter" => (KeyCode::Enter, KeyModifiers::ALT),
        "esc" => (KeyCode::Esc, none),
        "tab" => (KeyCode::Tab, none),
        "s-tab" => (KeyCode::BackTab, KeyModifiers::SHIFT),
        "up" => (KeyCode::Up, none),
        "down" => (KeyCode::Down, none),
        "left" => (KeyCode::Left, none),
        "right" => (KeyCode::Right, none),
        "bs" => (KeyCode::Backspace, none),
        "space" => (KeyCode::Char(' '), none),
        "pgdn" => (KeyCode::PageDown, none),
        "pgup" => (KeyCode::PageUp, none),
        "home" => (KeyCode::Home, none),
        "end" => (KeyCode::End, none),
        "lt" => (KeyCode::Char('<'), none),
        other if other.starts_with("c-") => (
            KeyCode::Char(other.chars().nth(2).unwrap()),
            KeyModifiers::CONTROL,
        ),
        other => panic!("unknown key <{other}>"),
    };
    KeyEvent::new(code, mods)
}

/// A second operation for the good swagger of `tests/fixtures/check/good`: it misses its
/// description and visibility, so the Build step has findings to show.
const CREATE_TASK: &str = r#"{
      "post": {
        "summary": "Create task",
        "operationId": "CreateTask",
        "parameters": [{"name": "body", "in": "body", "required": true, "schema": {"type": "object"}, "x-ms-summary": "Task", "description": "The task to create."}],
        "responses": {"200": {"description": "Created.", "schema": {"type": "object"}}}
      }
    }"#;

/// The swagger the TUI tests use: the shared good fixture (`tests/fixtures/check/good`) with
/// one more operation (CreateTask) that lacks its description and visibility, added with the
/// project's own minimal-diff writer.
pub fn swagger() -> &'static str {
    static SWAGGER: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SWAGGER.get_or_init(|| {
        let good = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/check/good/apiDefinition.swagger.json"),
        )
        .expect("the good fixture");
        let root = connector_wizard::json::parse(&good).unwrap();
        let paths = root.get("paths").expect("paths");
        let edit =
            connector_wizard::json::TextEdit::insert_member(&good, paths, "/tasks", CREATE_TASK)
                .expect("paths is an object");
        let (text, dropped) = connector_wizard::json::apply_edits(&good, &[edit]);
        assert_eq!(dropped, 0);
        text
    })
}

/// Writes the fixture connector (swagger only, or with `bom`) and returns its folder.
pub fn fixture(dir: &Path, bom: bool) -> PathBuf {
    let folder = dir.join("Contoso");
    std::fs::create_dir_all(&folder).unwrap();
    let mut bytes = Vec::new();
    if bom {
        bytes.extend_from_slice(b"\xEF\xBB\xBF");
    }
    bytes.extend_from_slice(swagger().as_bytes());
    std::fs::write(folder.join("apiDefinition.swagger.json"), bytes).unwrap();
    folder
}

/// Lines that differ between two texts.
pub fn changed_lines(a: &str, b: &str) -> Vec<(String, String)> {
    let la: Vec<&str> = a.lines().collect();
    let lb: Vec<&str> = b.lines().collect();
    assert_eq!(la.len(), lb.len(), "line count changed");
    la.iter()
        .zip(lb.iter())
        .filter(|(x, y)| x != y)
        .map(|(x, y)| (x.to_string(), y.to_string()))
        .collect()
}

/// A harness with a session named `name` open on the prerequisites.
pub fn started(name: &str) -> Harness {
    let mut h = Harness::new();
    h.keys(&format!("<enter>{name}<enter>"));
    assert_eq!(
        h.app().screen,
        connector_wizard::tui::app::Screen::Wizard,
        "{:?}",
        h.app().shared.messages.current
    );
    h
}

/// A harness on 3 Build with the fixture connector open.
pub fn building(bom: bool) -> (Harness, PathBuf) {
    let mut h = started("Contoso Tasks");
    let folder = fixture(h.dir.path(), bom);
    h.keys("3");
    // No folder yet: the start panel; O asks for one.
    assert_eq!(
        connector_wizard::tui::steps::build::mode(&h.app().build),
        connector_wizard::tui::steps::build::Mode::Start
    );
    h.keys("O");
    assert!(matches!(
        h.app().shared.editor.as_ref().map(|e| &e.target),
        Some(connector_wizard::tui::editor::EditTarget::Path(_))
    ));
    h.keys(&format!("{}<enter>", folder.display()));
    assert!(
        h.app().shared.workspace.connector.is_some(),
        "{:?}",
        h.app().shared.messages.current
    );
    (h, folder)
}

/// Moves the Build selection to the field at `pointer`.
pub fn select_field(h: &mut Harness, pointer: &str) {
    let i = h
        .app()
        .build
        .fields
        .iter()
        .position(|f| f.pointer == pointer)
        .expect(pointer);
    h.go_row(i);
    assert_eq!(h.app().build.fields_nav.selected, i);
}

/// Runs git in `repo`, panicking with its message when it fails; its output.
pub fn git(repo: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(["-c", "user.name=T", "-c", "user.email=t@example.com"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// A harness on 3 Build with the fixture open and a checkout beside it; `None` (after saying
/// why) when git is not installed.
pub fn building_with_checkout(test: &str) -> Option<(Harness, PathBuf, PathBuf)> {
    if !has_git() {
        eprintln!("SKIP {test}: git is not installed");
        return None;
    }
    let (h, folder) = building(false);
    let repo = checkout(h.dir.path());
    Some((h, folder, repo))
}

/// A git repository shaped like a checkout of microsoft/PowerPlatformConnectors (branch
/// `dev`, one commit, `origin` on the author's fork).
pub fn checkout(dir: &Path) -> PathBuf {
    let repo = dir.join("PowerPlatformConnectors");
    std::fs::create_dir_all(repo.join("independent-publisher-connectors")).unwrap();
    std::fs::write(repo.join("independent-publisher-connectors/.keep"), "").unwrap();
    git(&repo, &["init", "-q", "-b", "dev"]);
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-qm", "init"]);
    git(
        &repo,
        &[
            "remote",
            "add",
            "origin",
            "https://github.com/ada/PowerPlatformConnectors.git",
        ],
    );
    repo
}

/// Whether git can be run (tests that need it skip with a message otherwise).
pub fn has_git() -> bool {
    std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The permissions a plain new file gets here (0644 with the usual umask 022).
#[cfg(unix)]
pub fn umask_mode(dir: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    let probe = dir.join(".probe");
    std::fs::write(&probe, b"").unwrap();
    let mode = std::fs::metadata(&probe).unwrap().permissions().mode() & 0o777;
    std::fs::remove_file(probe).unwrap();
    mode
}
