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

/// A swagger that passes the field rules, with one operation missing its description and
/// visibility (CreateTask), written into `dir/Contoso`.
pub const SWAGGER: &str = r#"{
  "swagger": "2.0",
  "info": {
    "title": "Contoso Tasks",
    "description": "Manage tasks, projects and reminders in Contoso Tasks from your flows.",
    "version": "1.0",
    "contact": {"name": "Ada Lovelace", "url": "https://example.com/support", "email": "ada@example.com"}
  },
  "host": "api.contoso.com",
  "basePath": "/v1",
  "schemes": ["https"],
  "consumes": ["application/json"],
  "produces": ["application/json"],
  "paths": {
    "/tasks/{taskId}": {
      "get": {
        "summary": "Get task by ID",
        "description": "Retrieves one task by its identifier.",
        "operationId": "GetTask",
        "x-ms-visibility": "important",
        "parameters": [{
          "name": "taskId", "in": "path", "required": true, "type": "string",
          "x-ms-summary": "Task ID", "description": "The identifier of the task.",
          "x-ms-url-encoding": "single"
        }],
        "responses": {
          "200": {"description": "The task.", "schema": {"type": "object", "properties": {
            "id": {"type": "string", "x-ms-summary": "Task ID", "description": "The identifier of the task."}
          }}},
          "default": {"description": "Operation failed."}
        }
      }
    },
    "/tasks": {
      "post": {
        "summary": "Create task",
        "operationId": "CreateTask",
        "parameters": [{"name": "body", "in": "body", "required": true, "schema": {"type": "object"}, "x-ms-summary": "Task", "description": "The task to create."}],
        "responses": {"200": {"description": "Created.", "schema": {"type": "object"}}}
      }
    }
  },
  "securityDefinitions": {"api_key": {"type": "apiKey", "in": "header", "name": "X-Key"}},
  "security": [{"api_key": []}],
  "x-ms-connector-metadata": [
    {"propertyName": "Website", "propertyValue": "https://contoso.com"},
    {"propertyName": "Privacy policy", "propertyValue": "https://contoso.com/privacy"},
    {"propertyName": "Categories", "propertyValue": "Productivity;Collaboration"}
  ]
}
"#;

/// Writes the fixture connector (swagger only, or with `bom`) and returns its folder.
pub fn fixture(dir: &Path, bom: bool) -> PathBuf {
    let folder = dir.join("Contoso");
    std::fs::create_dir_all(&folder).unwrap();
    let mut bytes = Vec::new();
    if bom {
        bytes.extend_from_slice(b"\xEF\xBB\xBF");
    }
    bytes.extend_from_slice(SWAGGER.as_bytes());
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
