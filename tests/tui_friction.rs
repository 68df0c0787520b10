//! The friction of issue 13, removed: each behaviour typed through the wizard without a
//! terminal, or drawn on ratatui's TestBackend.

mod tui_support;

use connector_wizard::session::{ConnectorKind, SessionStore, Step};
use connector_wizard::tui::action::{Action, Done, Outcome};
use connector_wizard::tui::editor::EditTarget;
use connector_wizard::tui::list::Pane;
use connector_wizard::tui::shared::Popup;
use std::fs;
use tui_support::*;

fn status(h: &Harness) -> String {
    h.status()
}

/// Messages wrap onto up to three lines; `l` shows them all in full; a link no browser could
/// open is shown whole and `c` copies it (OSC 52).
#[test]
fn messages_wrap_the_log_keeps_them_and_links_can_be_copied() {
    let mut h = started("Contoso Tasks");
    let url = "https://github.com/microsoft/PowerPlatformConnectors/compare/dev...ada:contoso-tasks?quick_pull=1&title=Contoso%20Tasks%20%28Independent%20Publisher%29";
    h.rt.dispatch(Action::Done(Done {
        ticket: Default::default(),
        outcome: Outcome::OpenFailed {
            url: url.into(),
            error: "no browser found".into(),
        },
    }));
    let screen = h.render(100, 30);
    let lines: Vec<&str> = screen.lines().collect();
    // The status sits above the key bar, on several lines, with the whole address.
    let status_rows: String = lines[lines.len() - 4..lines.len() - 1].join("");
    assert!(
        status_rows
            .replace(' ', "")
            .contains("Contoso%20Tasks%20%28Independent"),
        "{screen}"
    );
    h.keys("c");
    assert_eq!(h.rt.copied, [url.to_string()]);
    // The log has every message of the run, in full.
    h.keys("l");
    assert!(matches!(h.app().shared.popup, Some(Popup::Log { .. })));
    let log: Vec<String> = h
        .app()
        .shared
        .messages
        .log
        .iter()
        .map(|m| m.text.clone())
        .collect();
    assert!(log
        .iter()
        .any(|m| m.starts_with("Started \"Contoso Tasks\"")));
    assert!(log.iter().any(|m| m.contains(url)));
    let screen = h.render(100, 30);
    assert!(screen.contains("Messages"), "{screen}");
    h.keys("<esc>");
    assert!(h.app().shared.popup.is_none());
}

/// Findings: errors first, grouped by severity, counted in the header; `e` shows the errors
/// alone.
#[test]
fn findings_show_errors_first_and_can_be_filtered() {
    let (mut h, _folder) = building(false);
    let ws = &h.app().shared.workspace;
    let order = &h.app().build.order;
    let sev: Vec<_> = order
        .iter()
        .map(|i| ws.finding(*i).unwrap().severity)
        .collect();
    let mut sorted = sev.clone();
    sorted.sort();
    assert_eq!(sev, sorted, "errors first, then warnings, then infos");
    let screen = h.render(120, 40);
    assert!(
        screen.contains("3 errors · 2 warnings · 0 infos"),
        "{screen}"
    );
    assert!(screen.contains("errors   ✗"), "{screen}");
    assert!(screen.contains("warnings !"), "{screen}");
    h.keys("e");
    assert!(h.app().build.errors_only);
    assert_eq!(h.app().build.focus, Pane::Side);
    assert_eq!(h.app().build.order.len(), 3);
    assert!(h.app().build.order.iter().all(|i| h
        .app()
        .shared
        .workspace
        .finding(*i)
        .unwrap()
        .severity
        == connector_wizard::rules::Severity::Error));
    h.keys("e");
    assert_eq!(h.app().build.order.len(), 5);
}

/// The editor opens beside its row, wraps long text, and names the operation.
#[test]
fn the_editor_opens_beside_its_row() {
    let (mut h, _folder) = building(false);
    select_field(
        &mut h,
        "/paths/~1tasks~1{taskId}/get/parameters/0/description",
    );
    h.keys("<enter>");
    let title = h.app().shared.editor.as_ref().unwrap().title.clone();
    assert_eq!(title, "GetTask › taskId · description");
    h.rt.dispatch(Action::Paste(
        " It is the identifier the service gives each task when it is created, and it never changes afterwards.".into(),
    ));
    let screen = h.render(100, 30);
    let lines: Vec<&str> = screen.lines().collect();
    let top = lines
        .iter()
        .position(|l| l.contains("GetTask › taskId"))
        .unwrap();
    // The row just above the box is the field being edited.
    assert!(lines[top - 1].contains("↳ taskId") || lines[top - 1].contains("description"));
    // The text wraps onto more than one row inside the box.
    assert!(lines[top + 1].contains('│') && lines[top + 2].contains('│'));
    assert!(!lines[top + 2].contains('└'), "{screen}");
    assert!(lines[top + 2].contains("changes"), "{screen}");
}

/// Below 90 columns the sidebar is hidden (the header names the step); `s` shows it.
#[test]
fn the_sidebar_gives_way_on_narrow_terminals() {
    let (mut h, _folder) = building(false);
    let narrow = h.render(80, 24);
    assert!(!narrow.contains("○ Prerequisites"), "{narrow}");
    assert!(narrow
        .lines()
        .next()
        .unwrap()
        .contains("3 Build (s: steps)"));
    // The values get the room.
    assert!(
        narrow.contains("Manage tasks, projects and reminders"),
        "{narrow}"
    );
    h.keys("s");
    assert!(h.render(80, 24).contains("○ Prerequisites"));
    // Hidden by hand: hidden at any width.
    h.keys("s");
    assert!(!h.render(120, 40).contains("○ Prerequisites"));
    let mut h = building(false).0;
    assert!(h.render(120, 40).contains("○ Prerequisites"));
}

/// readme.md that the wizard wrote and nobody edited falls behind the swagger: it is said,
/// and m regenerates it. A hand-written one is compared with the operations.
#[test]
fn out_of_date_readme_is_detected() {
    let (mut h, folder) = building(false);
    h.keys("my");
    assert!(h.app().shared.workspace.stale.is_empty());
    select_field(&mut h, "/paths/~1tasks~1{taskId}/get/summary");
    let n = "Get task by ID".len() - "Get task".len();
    h.keys("<enter>");
    for _ in 0..n {
        h.keys("<bs>");
    }
    h.keys("<enter>");
    let stale = &h.app().shared.workspace.stale;
    assert_eq!(stale.len(), 1, "{stale:?}");
    assert_eq!(stale[0].name, "readme.md");
    let screen = h.render(120, 40);
    assert!(screen.contains("readme.md is out of date"), "{screen}");
    assert!(screen.contains("regenerates it."), "{screen}");
    h.keys("m");
    match &h.app().shared.popup {
        Some(Popup::Preview { text, .. }) => assert!(text.contains("+### Get task"), "{text}"),
        other => panic!("{other:?}"),
    }
    h.keys("y");
    assert!(h.app().shared.workspace.stale.is_empty());

    // Hand-written, no record: an operation heading the swagger no longer has.
    fs::write(
        folder.join("readme.md"),
        "# Contoso Tasks\n\n## Supported Operations\n\n### Get task by ID\n\nOne task.\n\n### Create task\n\nA task.\n",
    )
    .unwrap();
    h.rt.app
        .shared
        .session
        .as_mut()
        .unwrap()
        .session_mut()
        .generated
        .clear();
    h.keys("r");
    let stale = &h.app().shared.workspace.stale;
    assert!(
        stale
            .iter()
            .any(|s| s.reason.contains("\"Get task by ID\"")),
        "{stale:?}"
    );
}

/// API-key connectors: a field says where the key is created; readme.md uses it.
#[test]
fn the_api_key_field_fills_the_readme() {
    let (mut h, folder) = building(false);
    h.keys("2");
    assert!(!h
        .app()
        .propose
        .rows
        .iter()
        .any(|r| r.id() == "proposal.api_key_help"));
    // Authentication: none → API key.
    let auth = h
        .app()
        .propose
        .rows
        .iter()
        .position(|r| r.id() == "proposal.auth")
        .unwrap();
    h.go_row(auth);
    h.keys("<space>j<enter>Settings > API keys<enter>");
    assert_eq!(h.session().proposal.api_key_help, "Settings > API keys");
    h.keys("3my");
    let readme = fs::read_to_string(folder.join("readme.md")).unwrap();
    assert!(readme.contains("2. Open Settings > API keys."), "{readme}");
    assert!(!readme.contains("where in the account the API key"));
}

/// The name is checked with the title rules when the session is created, and a rename moves
/// the working copy that carries the old name.
#[test]
fn names_are_checked_and_a_rename_moves_the_working_copy() {
    let mut h = Harness::new();
    h.keys("<enter>Acme/Invoices: v2<enter>");
    assert!(h.app().shared.editor.is_some(), "a name with / was taken");
    assert!(h.app().home.sessions.is_empty());
    let n = "Acme/Invoices: v2".len();
    for _ in 0..n {
        h.keys("<bs>");
    }
    h.keys("Acme Invoices API Connector<enter>");
    match &h.app().shared.popup {
        Some(Popup::Confirm { body, .. }) => {
            assert!(body.iter().any(|l| l.contains("TITLE-NO-API")), "{body:?}")
        }
        other => panic!("{other:?}"),
    }
    h.keys("n");
    assert_eq!(
        h.app().shared.editor.as_ref().unwrap().text(),
        "Acme Invoices API Connector"
    );
    h.keys("<esc>y");

    // A rename: the working copy named after the connector moves along.
    let mut h = started("Contoso Tasks");
    let folder = h.path("work/Contoso Tasks");
    fs::create_dir_all(&folder).unwrap();
    fs::write(folder.join("apiDefinition.swagger.json"), swagger()).unwrap();
    h.keys(&format!("3O{}<enter>", folder.display()));
    h.keys("2<enter>");
    assert_eq!(
        h.app().shared.editor.as_ref().map(|e| e.target.clone()),
        Some(EditTarget::Rename)
    );
    for _ in 0.."Tasks".len() {
        h.keys("<bs>");
    }
    h.keys("Todo<enter>");
    match &h.app().shared.popup {
        Some(Popup::Confirm { body, .. }) => {
            assert!(body.iter().any(|l| l.contains("moves to")), "{body:?}")
        }
        other => panic!("{other:?}"),
    }
    h.keys("y");
    let moved = h.path("work/Contoso Todo");
    assert_eq!(h.session().name, "Contoso Todo");
    assert!(moved.join("apiDefinition.swagger.json").is_file());
    assert!(!folder.exists());
    assert_eq!(h.session().connector_dir.as_deref(), Some(moved.as_path()));
    assert!(h.app().shared.workspace.connector.is_some());
    assert_eq!(
        connector_wizard::generate::proposal_pr_title(h.session()),
        "Proposal - Contoso Todo (Independent Publisher)"
    );
    // The session is found under its new name.
    let store = SessionStore::new(h.dir.path().join("sessions"));
    h.keys("q");
    drop(h.rt);
    assert!(store.open_read_only("Contoso Todo").is_ok());
}

/// Typed text is kept: in the session while the editor is open (back after a crash).
#[test]
fn the_text_of_an_open_editor_survives_a_crash() {
    let (mut h, _folder) = building(false);
    select_field(&mut h, "/paths/~1tasks~1{taskId}/get/summary");
    h.keys("<enter> and its notes");
    // Saved at most once a second while typing: a second later (the runner ticks) it is.
    let saved = fs::read_to_string(h.path("sessions/contoso-tasks.json")).unwrap();
    assert!(
        saved.contains("\"text\": \"Get task by ID \""),
        "the first key is saved at once"
    );
    h.rt.app.shared.now += chrono::Duration::seconds(2);
    h.rt.dispatch(Action::Tick);
    let saved = fs::read_to_string(h.path("sessions/contoso-tasks.json")).unwrap();
    assert!(
        saved.contains("Get task by ID and its notes"),
        "the draft is not saved"
    );
    // The process dies: no quit, no save.
    let dir = std::mem::replace(&mut h.dir, tempfile::tempdir().unwrap());
    drop(h);
    let mut again = Harness::in_dir(dir);
    again.keys("j<enter>");
    let ed = again
        .app()
        .shared
        .editor
        .as_ref()
        .expect("the editor is back");
    assert_eq!(ed.text(), "Get task by ID and its notes");
    assert!(status(&again).contains("Restored the text"));
    again.keys("<enter>");
    assert_eq!(
        again.session().ui.draft,
        None,
        "the draft is gone once saved"
    );
    let f = &again.app().build.fields[again.app().build.fields_nav.selected];
    assert_eq!(f.value.as_deref(), Some("Get task by ID and its notes"));
}

/// After "cannot build", steps 2–6 say why.
#[test]
fn a_blocked_journey_says_so_on_later_steps() {
    let mut h = started("Scheduler");
    h.keys("1/Calendly<enter><enter>");
    assert_eq!(
        h.session().status(Step::Verify),
        connector_wizard::session::StepStatus::Blocked
    );
    for step in ["2", "3", "4", "5", "6"] {
        h.keys(step);
        if h.app().shared.editor.is_some() {
            h.keys("<esc>");
        }
        let screen = h.render(100, 30);
        assert!(
            screen.contains("Blocked at 1 Verify: already on the platform: cannot build"),
            "step {step}:\n{screen}"
        );
    }
    h.keys("1");
    assert!(!h.render(100, 30).contains("Blocked at"));
}

/// Tab moves the focus wherever a step has two panes; the arrows then scroll that pane.
#[test]
fn tab_moves_between_panes_in_every_step() {
    let (mut h, _folder) = building(false);
    h.keys("<tab>");
    assert_eq!(h.app().build.focus, Pane::Side);
    h.keys("<tab>2<tab>");
    assert_eq!(h.app().propose.focus, Pane::Side);
    h.render(100, 30);
    h.keys("jj");
    assert_eq!(h.app().propose.preview.top.get(), 2);
    assert_eq!(h.app().propose.nav.selected, 0, "the list did not move");
    h.keys("<tab>4<tab>");
    assert_eq!(h.app().submit.focus, Pane::Side);
    h.keys("<esc>");
    assert_eq!(
        h.app().submit.focus,
        Pane::Main,
        "Esc leaves the pane first"
    );
    h.keys("5<tab>");
    assert_eq!(h.app().track.focus, Pane::Side);
    h.keys("<tab>");
    // 1 Verify: Tab goes to the name and back to the matches.
    h.keys("1<tab>");
    assert_eq!(
        h.app().shared.editor.as_ref().map(|e| e.target.clone()),
        Some(EditTarget::Query)
    );
    h.keys("<tab>");
    assert!(h.app().shared.editor.is_none());
}

/// Steps 5 and 6 draw the schedule as a calendar strip above the list of dates.
#[test]
fn the_timeline_is_a_calendar_strip() {
    let mut h = Harness::new();
    let store = SessionStore::new(h.dir.path().join("sessions"));
    store
        .create_and_open("Acme", ConnectorKind::IndependentPublisher)
        .unwrap()
        .update(|s| {
            s.events.submitted = Some(chrono::NaiveDate::from_ymd_opt(2025, 11, 17).unwrap())
        })
        .unwrap();
    h.rt.perform_all(vec![connector_wizard::tui::action::Effect::OpenSession {
        name: "Acme".into(),
        read_only: false,
    }]);
    h.keys("5");
    let screen = h.render(100, 30);
    let lines: Vec<&str> = screen.lines().collect();
    let strip = lines
        .iter()
        .position(|l| l.contains("S··"))
        .expect("the strip shows the submission");
    // Mondays above the days, today marked under them, the weekend and Thanksgiving shaded,
    // the expected feedback spread over its weeks.
    assert!(lines[strip - 1].contains("17      24      01"), "{screen}");
    assert!(lines[strip - 2].contains("Nov 2025"), "{screen}");
    assert!(lines[strip].contains("S····░░ ~~~▒~░░"), "{}", lines[strip]);
    // ▲ under Thursday the 20th, the fourth day.
    let at = lines[strip].find("S····").unwrap();
    let col = lines[strip][..at].chars().count();
    let pointer: String = lines[strip + 1].chars().skip(col).collect();
    assert!(pointer.starts_with("   ▲ today"), "{pointer:?}");
    assert!(screen.contains("~ feedback expected"), "{screen}");
    // And the list of exact dates below it.
    assert!(
        screen.contains("Mon 2025-11-24 – Mon 2025-12-01  First feedback expected"),
        "{screen}"
    );
}
