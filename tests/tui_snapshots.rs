//! Every screen rendered with ratatui's TestBackend at 60×16 (the smallest layout: no
//! sidebar), 80×24 and 120×40 (and the "enlarge" message at 20×5), compared with insta snapshots. Temporary paths are masked as `[TMP]`;
//! the date is fixed (Thursday 2025-11-20) and colours are off, so the text is stable.
//! Accept new snapshots with `INSTA_UPDATE=always cargo test --test tui_snapshots`.

mod tui_support;

use std::fs;
use tui_support::*;

const SIZES: [(u16, u16); 3] = [(60, 16), (80, 24), (120, 40)];

fn mask(h: &Harness, text: String) -> String {
    let tmp = h.dir.path().display().to_string();
    let canon = fs::canonicalize(h.dir.path())
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| tmp.clone());
    text.replace(&canon, "[TMP]").replace(&tmp, "[TMP]")
}

/// Snapshots of the current screen at both sizes.
fn screens(h: &mut Harness, name: &str) {
    for (w, ht) in SIZES {
        let text = h.render(w, ht);
        let text = mask(h, text);
        insta::assert_snapshot!(format!("{name}_{w}x{ht}"), text);
    }
}

fn building() -> Harness {
    tui_support::building(false).0
}

#[test]
fn home_empty() {
    let mut h = Harness::new();
    screens(&mut h, "home_empty");
}

#[test]
fn home_new_connector_name() {
    let mut h = Harness::new();
    h.keys("<enter>Contoso Ta");
    screens(&mut h, "home_new_name");
}

#[test]
fn home_with_sessions() {
    let mut h = started("Contoso Tasks");
    h.keys("<esc><enter>Fabrikam Invoices<enter><space><esc>");
    screens(&mut h, "home_sessions");
}

#[test]
fn prerequisites() {
    let mut h = started("Contoso Tasks");
    h.keys("<space>j");
    screens(&mut h, "prerequisites");
}

#[test]
fn verify_typing() {
    let mut h = started("Scheduler");
    h.keys("1/Calendly");
    screens(&mut h, "verify_typing");
}

#[test]
fn verify_decided() {
    let mut h = started("Scheduler");
    h.keys("1/Calendly<enter>j<enter>");
    screens(&mut h, "verify_decided");
}

#[test]
fn propose_editing() {
    let mut h = started("Contoso Tasks");
    h.keys("2jj<enter>Contoso Tasks keeps the to-do lists of small teams.<enter>");
    h.keys("jjjj<enter>ada@example");
    screens(&mut h, "propose_editing");
}

#[test]
fn build_fields() {
    let mut h = building();
    screens(&mut h, "build_fields");
}

#[test]
fn build_editing_with_a_rule_message() {
    let mut h = building();
    h.keys("jj<enter>.");
    screens(&mut h, "build_editing");
}

#[test]
fn build_findings() {
    let mut h = building();
    h.keys("<tab>");
    screens(&mut h, "build_findings");
}

#[test]
fn build_readme_preview() {
    let mut h = building();
    h.keys("m");
    screens(&mut h, "build_preview");
}

#[test]
fn build_start_panel() {
    let mut h = started("Larkspur Tasks");
    h.keys("3");
    screens(&mut h, "build_start");
}

/// The facts form of a blank start, its folder set, the sign-in an API key.
fn blank_form() -> Harness {
    let mut h = started("Larkspur Tasks");
    h.keys("3b<enter>");
    h.clear_editor();
    let folder = h.path("Larkspur");
    h.keys(&format!("{}<enter>jjj<space>", folder.display()));
    h
}

#[test]
fn build_blank_form() {
    let mut h = blank_form();
    screens(&mut h, "build_blank_form");
}

#[test]
fn build_blank_written_with_markers() {
    let mut h = blank_form();
    h.keys("gj<enter>api.larkspur.example<enter>");
    h.keys("jjj<enter>X-Api-Key<enter>jj<enter>Ada Example<enter>j<enter>Larkspur Ltd<enter><c-s>");
    screens(&mut h, "build_blank_written");
}

#[test]
fn build_operation_form_with_a_rule_message() {
    let mut h = building();
    h.keys("n");
    h.keys("j<enter><bs>/tasks/{taskId}/notes<enter>j<enter>AddNote<enter>j<enter>Add note.");
    screens(&mut h, "build_operation_form");
}

#[test]
fn build_parameter_form() {
    let mut h = building();
    h.keys("jjp<enter>top<enter>jj<space>jj<space>");
    screens(&mut h, "build_parameter_form");
}

#[test]
fn build_sample_form() {
    let mut h = building();
    h.keys("jjR");
    h.rt.dispatch(connector_wizard::tui::action::Action::Paste(
        "{\"id\": \"t1\", \"dueDate\": \"2025-03-01\"}".into(),
    ));
    h.keys("<enter>");
    screens(&mut h, "build_sample_form");
}

/// The import of the Larkspur fixture (copied beside the sessions, so that its path is
/// masked), its operations listed.
fn importing() -> Harness {
    let mut h = started("Larkspur Tasks");
    let file = h.path("larkspur.openapi.yaml");
    fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/import/larkspur.openapi.yaml"),
        &file,
    )
    .unwrap();
    h.keys(&format!("3i{}<enter>", file.display()));
    h
}

#[test]
fn build_import_pick() {
    let mut h = importing();
    h.keys("jj<space>");
    screens(&mut h, "build_import_pick");
}

#[test]
fn build_import_notes() {
    let mut h = importing();
    h.keys("<enter>");
    screens(&mut h, "build_import_notes");
}

#[test]
fn submit_checklist() {
    let mut h = building();
    h.keys("4j<space>");
    screens(&mut h, "submit");
}

#[test]
fn certify_dates() {
    let mut h = started("Contoso Tasks");
    h.keys("5t");
    h.keys("jt");
    h.keys("a");
    screens(&mut h, "certify");
}

#[test]
fn deploy_dates() {
    let mut h = started("Contoso Tasks");
    h.keys("5jtjtjt");
    h.keys("6");
    screens(&mut h, "deploy");
}

#[test]
fn help_popup() {
    let mut h = started("Contoso Tasks");
    h.keys("?");
    screens(&mut h, "help");
}

#[test]
fn quit_question() {
    let mut h = building();
    h.keys("jj<enter>s<enter>q");
    screens(&mut h, "quit_question");
}

#[test]
fn too_small() {
    let mut h = started("Contoso Tasks");
    let text = h.render(20, 5);
    insta::assert_snapshot!("too_small_20x5", mask(&h, text));
}
