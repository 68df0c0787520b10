//! Defect 3: escape sequences, C1 controls, bidi overrides and newlines from files, the
//! catalog or the network reach no terminal or log: in every printed field of every format
//! and subcommand, stdout and stderr hold no byte below 0x20 but newline and tab, no DEL, no
//! C1 control, no bidi control, and no line that GitHub would read as a workflow command.

use connector_wizard::session::{ConnectorKind, SessionStore};
use std::fs;
use std::path::Path;

/// Escapes in JSON source form: ESC]0;…BEL (window title), ESC[2J (clear), CSI as C1,
/// NEL, RLO, and a newline followed by a workflow command.
const EVIL: &str = r"\u001b]0;pwned\u0007\u001b[2J\u009b31m\u0085\u202eevil\n::error::injected";

/// The same as text, for files that are not JSON and for session fields.
fn evil_text() -> String {
    serde_json::from_str(&format!("\"{EVIL}\"")).unwrap()
}

/// Fails when `bytes` hold anything that could drive a terminal or a CI log.
pub fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for (i, c) in text.chars().enumerate() {
        let bad = (c < ' ' && c != '\n' && c != '\t')
            || ('\u{7f}'..='\u{9f}').contains(&c)
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{2028}' | '\u{2029}');
        assert!(
            !bad,
            "{what}: U+{:04X} at char {i} reaches the output:\n{text}",
            c as u32
        );
    }
    assert!(
        !text
            .lines()
            .any(|l| l.trim_start().starts_with("::error::injected")),
        "{what}: a value started a line of its own:\n{text}"
    );
}

fn hostile_connector(parent: &Path) -> std::path::PathBuf {
    // The folder name itself holds an escape and a newline.
    let dir = parent.join("Acme\u{1b}[2J\nEvil");
    fs::create_dir(&dir).unwrap();
    let swagger = format!(
        r##"{{
  "swagger": "2.0",
  "info": {{"title": "Acme {EVIL}", "description": "Short {EVIL}", "version": "1.0",
    "contact": {{"name": "A {EVIL}", "url": "https://x.example/{EVIL}", "email": "not-an-email {EVIL}"}}}},
  "host": "api.example.com {EVIL}",
  "basePath": "/",
  "schemes": ["https"],
  "paths": {{
    "/items/{EVIL}": {{
      "get": {{
        "summary": "List {EVIL}",
        "description": "{EVIL}",
        "operationId": "List{EVIL}",
        "parameters": [{{"name": "p{EVIL}", "in": "query", "type": "string", "description": "{EVIL}"}}],
        "responses": {{"200": {{"description": "{EVIL}"}}}}
      }}
    }}
  }}
}}"##
    );
    fs::write(dir.join("apiDefinition.swagger.json"), swagger).unwrap();
    let props = format!(
        r##"{{"properties": {{"iconBrandColor": "#{EVIL}", "publisher": "{EVIL}", "stackOwner": "{EVIL}",
  "connectionParameters": {{"k{EVIL}": {{"type": "securestring", "uiDefinition": {{"displayName": "{EVIL}"}}}}}}}}}}"##
    );
    fs::write(dir.join("apiProperties.json"), props).unwrap();
    fs::write(
        dir.join("readme.md"),
        format!("# Acme {}\n\n## Publisher: {}\n", evil_text(), evil_text()),
    )
    .unwrap();
    dir
}

/// A swagger with raw control bytes inside a JSON string (not valid JSON): the parse error
/// quotes where it broke.
fn raw_bytes_connector(parent: &Path) -> std::path::PathBuf {
    let dir = parent.join("Raw");
    fs::create_dir(&dir).unwrap();
    fs::write(
        dir.join("apiDefinition.swagger.json"),
        b"{\"swagger\": \"2.0\", \"info\": {\"title\": \"a\x1b]0;x\x07\x1b[2J\xc2\x9b\"}}\r\x1b[2J",
    )
    .unwrap();
    dir
}

#[test]
fn check_prints_nothing_that_drives_the_terminal_in_any_format() {
    let parent = tempfile::tempdir().unwrap();
    let a = hostile_connector(parent.path());
    let b = raw_bytes_connector(parent.path());
    let home = tempfile::tempdir().unwrap();
    for format in ["text", "json", "sarif", "github"] {
        let out = super::cw(home.path())
            .args(["check", "--format", format, "--pr-title"])
            .arg(evil_text())
            .arg(&a)
            .arg(&b)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "{format}: error findings expected"
        );
        assert_clean(&format!("check --format {format} stdout"), &out.stdout);
        assert_clean(&format!("check --format {format} stderr"), &out.stderr);
        let stdout = String::from_utf8_lossy(&out.stdout);
        match format {
            "json" | "sarif" => {
                // Valid JSON that decodes to the exact text (the escapes are JSON's).
                let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
                assert!(v.to_string().contains("\\u001b]0;pwned"), "{format}");
                assert!(
                    stdout.contains("\\u202e") && stdout.contains("\\u009b"),
                    "{format}"
                );
            }
            _ => {
                assert!(stdout.contains("\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\u{9b}31m\\u{85}\\u{202e}evil\\n::error::injected"), "{format}: {stdout}");
                assert!(
                    stdout.contains("Acme\\u{1b}[2J\\nEvil"),
                    "{format}: the folder name: {stdout}"
                );
            }
        }
    }
    // With colour forced, the program's own colours pass and nothing else does.
    let out = super::cw(home.path())
        .args(["--color", "always", "check"])
        .arg(&a)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("\x1b[1m"), "colour is on");
    let without_sgr = strip_sgr(&text);
    assert_clean("check --color always", without_sgr.as_bytes());
}

/// `text` without the colour sequences the program writes.
fn strip_sgr(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("\x1b[") {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 2..];
        let n = tail.find('m').expect("an SGR sequence ends in m");
        assert!(
            tail[..n].bytes().all(|b| b.is_ascii_digit() || b == b';'),
            "{text}"
        );
        rest = &tail[n + 1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn search_and_catalog_info_show_hostile_pull_requests_safely() {
    let home = tempfile::tempdir().unwrap();
    fs::create_dir_all(home.path().join("catalog")).unwrap();
    let cache = format!(
        r#"{{"format":1,"origin":"github","apiUrl":"http://x.example/{EVIL}","repository":"{EVIL}","pullRequests":[
{{"title":"Zyxwv Boards {EVIL}","number":9001,"state":"open","proposal":false,"url":"https://github.com/{EVIL}","author":"{EVIL}"}}]}}"#
    );
    fs::write(home.path().join("catalog/pull-requests.json"), cache).unwrap();
    for args in [
        vec!["search", "Zyxwv Boards"],
        vec!["search", "--json", "Zyxwv Boards"],
        vec!["catalog", "info"],
        vec!["catalog", "info", "--json"],
    ] {
        let out = super::cw(home.path()).args(&args).output().unwrap();
        assert_clean(&format!("{args:?} stdout"), &out.stdout);
        assert_clean(&format!("{args:?} stderr"), &out.stderr);
        let stdout = String::from_utf8_lossy(&out.stdout);
        if args.contains(&"--json") {
            serde_json::from_str::<serde_json::Value>(&stdout).unwrap();
        }
        if args[0] == "search" {
            assert!(stdout.contains("Zyxwv Boards"), "{args:?}: {stdout}");
        }
    }
}

#[test]
fn sessions_with_hostile_fields_are_shown_safely() {
    let home = tempfile::tempdir().unwrap();
    let store = SessionStore::new(home.path().join("sessions"));
    let mut open = store
        .create_and_open("Hostile", ConnectorKind::IndependentPublisher)
        .unwrap();
    let evil = evil_text();
    open.update(|s| {
        s.proposal.service_description = evil.clone();
        s.proposal.website_url = evil.clone();
        s.proposal.contact_email = evil.clone();
        s.proposal.publisher = evil.clone();
        s.proposal.operations = vec![evil.clone(), evil.clone()];
        s.proposal.categories = vec![evil.clone()];
        s.duplicate.query = evil.clone();
        s.duplicate.match_name = Some(evil.clone());
        s.duplicate.match_url = Some(evil.clone());
        s.connector_dir = Some(evil.clone().into());
        s.pr.url = Some(evil.clone());
        s.checklist.insert(evil.clone(), true);
    })
    .unwrap();
    drop(open);
    // A damaged session file whose name field is hostile, listed with its problem.
    fs::write(
        home.path().join("sessions/broken.json"),
        format!("{{\"name\": \"{EVIL}\", \u{1b}[2J"),
    )
    .unwrap();
    for args in [
        vec!["session", "show", "Hostile"],
        vec!["session", "show", "--json", "Hostile"],
        vec!["session", "list"],
        vec!["session", "list", "--json"],
    ] {
        let out = super::cw(home.path()).args(&args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_clean(&format!("{args:?} stdout"), &out.stdout);
        assert_clean(&format!("{args:?} stderr"), &out.stderr);
        let stdout = String::from_utf8_lossy(&out.stdout);
        if args.contains(&"--json") {
            serde_json::from_str::<serde_json::Value>(&stdout).unwrap();
        } else if args[1] == "show" {
            assert!(stdout.contains("\\u{1b}]0;pwned"), "{stdout}");
        }
    }
}

#[test]
fn a_very_long_session_name_is_not_echoed_in_full() {
    let home = tempfile::tempdir().unwrap();
    let name = "n".repeat(5000);
    for args in [
        vec!["session", "new", &name],
        vec!["session", "show", &name],
    ] {
        let out = super::cw(home.path()).args(&args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.len() < 600, "{} bytes: {err}", err.len());
        assert!(err.contains("(5000 characters)"), "{err}");
    }
}

#[test]
fn from_a_folder_whose_title_holds_escapes_opens_and_shows_it_safely() {
    let parent = tempfile::tempdir().unwrap();
    let dir = hostile_connector(parent.path());
    let home = tempfile::tempdir().unwrap();
    let store = SessionStore::new(home.path().join("sessions"));
    let name = connector_wizard::tui::start_from(&store, &dir).unwrap();
    assert!(!name.chars().any(char::is_control), "{name:?}");
    assert!(name.starts_with("Acme"), "{name:?}");
    // It opens again, by the same name, and `session show` shows it.
    assert_eq!(
        connector_wizard::tui::start_from(&store, &dir).unwrap(),
        name
    );
    let out = super::cw(home.path())
        .args(["session", "show", &name])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_clean("session show", &out.stdout);
    // The wizard opens it on Build and shows the file's text without obeying it.
    let mut h = super::tui_support::Harness::in_dir(home);
    h.rt.perform_all(vec![connector_wizard::tui::action::Effect::OpenSession {
        name,
        read_only: false,
    }]);
    assert!(h.app().build.connector.is_some(), "the folder opens");
    let screen = h.render(160, 50);
    assert_clean("the Build screen", screen.as_bytes());
    assert!(
        screen.contains("\\u{1b}"),
        "escapes are shown, not dropped:\n{screen}"
    );
}
