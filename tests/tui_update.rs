//! The wizard driven by key sequences, without a terminal: each test types like a person and
//! checks the model, the session file and the connector files.

mod tui_support;

use connector_wizard::rules::Field;
use connector_wizard::session::{DuplicateOutcome, Step, StepStatus};
use connector_wizard::tui::app::Screen;
use connector_wizard::tui::editor::EditTarget;
use connector_wizard::tui::list::Pane;
use connector_wizard::tui::shared::Popup;
use std::fs;
use tui_support::*;

#[test]
fn new_connector_creates_a_saved_session() {
    let mut h = Harness::new();
    h.keys("<enter>");
    assert!(h.app().shared.editor.is_some());
    // `q` types while a field is edited.
    h.keys("Acme Queue<enter>");
    assert_eq!(h.session().name, "Acme Queue");
    assert_eq!(h.app().step, Step::Prerequisites);
    let file = h.path("sessions/acme-queue.json");
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.contains("\"name\": \"Acme Queue\""), "{text}");
}

#[test]
fn prerequisites_tick_and_save() {
    let mut h = started("Contoso Tasks");
    h.keys("<space>");
    assert!(h.session().prerequisites.repository);
    assert_eq!(
        h.session().status(Step::Prerequisites),
        StepStatus::InProgress
    );
    h.keys("j<space>j<space>");
    assert!(h.session().prerequisites.all_done());
    assert_eq!(h.session().status(Step::Prerequisites), StepStatus::Done);
    assert_eq!(h.session().current_step, Step::Verify);
    let saved = fs::read_to_string(h.path("sessions/contoso-tasks.json")).unwrap();
    assert!(saved.contains("\"manifesto\": true"), "{saved}");
    // o opens the selected item's link (recorded, not opened, in tests).
    h.keys("o");
    assert!(h.rt.opened.last().unwrap().contains("Manifesto"));
}

#[test]
fn verify_finds_a_known_duplicate_as_you_type() {
    let mut h = started("Scheduler");
    h.keys("1");
    // The step opens on the matches: keys are keys, not typing (`j`, `q`, `2` are not typed
    // into the name).
    assert!(h.app().shared.editor.is_none());
    assert_eq!(h.app().verify.query, "Scheduler");
    // `/` types the name, its text selected so that typing replaces it.
    h.keys("/");
    assert!(matches!(
        h.app().shared.editor.as_ref().map(|e| &e.target),
        Some(EditTarget::Query)
    ));
    h.keys("Cal");
    let after_three: Vec<String> = h.app().verify.hits.iter().map(|x| x.name.clone()).collect();
    h.keys("endly");
    let hits = &h.app().verify.hits;
    assert_eq!(hits[0].name, "Calendly", "{hits:?}");
    assert!(hits[0].duplicate);
    assert_ne!(after_three.first().map(String::as_str), None);
    // Save the name, choose the first match: on the platform, cannot build.
    h.keys("<enter>");
    assert_eq!(h.session().duplicate.query, "Calendly");
    h.keys("<enter>");
    assert_eq!(
        h.session().duplicate.outcome,
        Some(DuplicateOutcome::CannotBuild)
    );
    assert_eq!(h.session().status(Step::Verify), StepStatus::Blocked);
    // "No duplicate" while a match is judged the same service asks first.
    h.keys("n");
    assert!(matches!(h.app().shared.popup, Some(Popup::Confirm { .. })));
    h.keys("n");
    assert_eq!(
        h.session().duplicate.outcome,
        Some(DuplicateOutcome::CannotBuild)
    );
    h.keys("ny");
    assert_eq!(
        h.session().duplicate.outcome,
        Some(DuplicateOutcome::NoDuplicate)
    );
    assert_eq!(h.session().status(Step::Verify), StepStatus::Done);
    h.keys("o");
    assert!(
        h.rt.opened.last().unwrap().contains("pulls?q="),
        "{:?}",
        h.rt.opened
    );
}

#[test]
fn verify_escape_restores_the_query() {
    let mut h = started("Scheduler");
    h.keys("1/Calendly<esc>");
    // A changed text asks before it is thrown away.
    assert!(matches!(h.app().shared.popup, Some(Popup::Confirm { .. })));
    h.keys("y");
    assert_eq!(h.app().verify.query, "Scheduler");
    assert!(h.app().shared.editor.is_none());
    assert_eq!(h.session().duplicate.query, "");
}

#[test]
fn editing_a_summary_gives_live_feedback_and_writes_one_string() {
    let (mut h, folder) = building(false);
    let file = folder.join("apiDefinition.swagger.json");
    let before = fs::read_to_string(&file).unwrap();
    select_field(&mut h, "/paths/~1tasks~1{taskId}/get/summary");
    h.keys("<enter>");
    let ed = h.app().shared.editor.as_ref().unwrap();
    assert_eq!(ed.field, Some(Field::OpSummary));
    assert!(ed.issues.is_empty());
    // A final period breaks OP-SUMMARY-END-ALNUM at once …
    h.keys(".");
    let rules = h.editor_rules();
    assert!(rules.contains(&"OP-SUMMARY-END-ALNUM"), "{rules:?}");
    // … and removing it clears the message.
    h.keys("<bs>");
    assert!(h.app().shared.editor.as_ref().unwrap().issues.is_empty());
    h.keys(" now<enter>");
    assert!(h.app().shared.editor.is_none());
    let after = fs::read_to_string(&file).unwrap();
    assert_eq!(
        changed_lines(&before, &after),
        vec![(
            "        \"summary\": \"Get task by ID\",".to_string(),
            "        \"summary\": \"Get task by ID now\",".to_string()
        )]
    );
    // The field list was read again and keeps the selection.
    let f = &h.app().build.fields[h.app().build.fields_nav.selected];
    assert_eq!(f.value.as_deref(), Some("Get task by ID now"));
    assert!(!h.app().shared.unexported().is_empty());
}

#[test]
fn saving_keeps_a_bom_and_escapes_quotes() {
    let (mut h, folder) = building(true);
    let file = folder.join("apiDefinition.swagger.json");
    select_field(&mut h, "/paths/~1tasks~1{taskId}/get/description");
    h.keys("<enter><c-u>");
    // Replace the text: select all is not bound, so delete it character by character.
    h.clear_editor();
    h.keys("Retrieves the \"task\" by its ID.<enter>");
    let bytes = fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(
        text.contains(r#""description": "Retrieves the \"task\" by its ID.","#),
        "{text}"
    );
    assert_eq!(changed_lines(swagger(), &text).len(), 1);
}

#[test]
fn a_missing_field_is_inserted_as_one_member() {
    let (mut h, folder) = building(false);
    let file = folder.join("apiDefinition.swagger.json");
    select_field(&mut h, "/paths/~1tasks/post/description");
    assert_eq!(
        h.app().build.fields[h.app().build.fields_nav.selected].value,
        None
    );
    h.keys("<enter>Creates a task in a project.<enter>");
    let text = fs::read_to_string(&file).unwrap();
    let root = connector_wizard::json::parse(&text).unwrap();
    assert_eq!(
        root.pointer("/paths/~1tasks/post/description")
            .and_then(|n| n.as_str()),
        Some("Creates a task in a project.")
    );
    // Everything before the insertion point is byte-identical.
    let at = text.find("\"description\": \"Creates").unwrap();
    let prefix_end = text[..at].rfind(",").unwrap();
    assert_eq!(&text[..prefix_end], &swagger()[..prefix_end]);
}

#[test]
fn escape_cancels_an_edit_without_writing() {
    let (mut h, folder) = building(false);
    let file = folder.join("apiDefinition.swagger.json");
    h.keys("<enter>XYZ<esc>");
    // Esc in a changed editor asks; n goes on editing, y discards.
    assert!(matches!(h.app().shared.popup, Some(Popup::Confirm { .. })));
    h.keys("n");
    assert!(h
        .app()
        .shared
        .editor
        .as_ref()
        .unwrap()
        .text()
        .ends_with("XYZ"));
    h.keys("<esc>y");
    assert!(h.app().shared.editor.is_none());
    assert_eq!(fs::read_to_string(&file).unwrap(), swagger());
}

#[test]
fn enter_on_a_finding_jumps_to_its_field() {
    let mut h = started("Contoso Tasks");
    let folder = fixture(h.dir.path(), false);
    let file = folder.join("apiDefinition.swagger.json");
    fs::write(
        &file,
        swagger().replace(
            "\"title\": \"Contoso Tasks\"",
            "\"title\": \"Contoso Tasks.\"",
        ),
    )
    .unwrap();
    h.keys(&format!("3O{}<enter>", folder.display()));
    let i = h
        .app()
        .shared
        .workspace
        .findings
        .iter()
        .position(|f| f.rule == "TITLE-END-ALNUM")
        .expect("the check reports the final period");
    // The field carries the finding's mark.
    assert_eq!(
        h.app().build.fields[0].mark,
        Some(connector_wizard::rules::Severity::Error)
    );
    jump(&mut h, i);
}

fn jump(h: &mut Harness, i: usize) {
    h.keys("<tab>");
    assert!(h.app().build.focus == Pane::Side);
    // The findings are shown errors first: find the row of finding `i`.
    let pos = h.app().build.order.iter().position(|x| *x == i).unwrap();
    h.go_row(pos);
    let f = h.app().shared.workspace.finding(i).unwrap().clone();
    h.keys("<enter>");
    let ed = h
        .app()
        .shared
        .editor
        .as_ref()
        .expect("the field opens for editing");
    match &ed.target {
        EditTarget::Swagger { pointer } => assert!(
            pointer == &f.pointer || pointer.starts_with(&f.pointer),
            "{pointer} vs {}",
            f.pointer
        ),
        other => panic!("{other:?}"),
    }
    assert!(h.app().build.focus == Pane::Main);
}

#[test]
fn safe_fixes_ask_then_change_only_the_values() {
    let mut h = started("Contoso Tasks");
    let folder = fixture(h.dir.path(), false);
    let file = folder.join("apiDefinition.swagger.json");
    let broken = swagger().replace(
        "\"title\": \"Contoso Tasks\"",
        "\"title\": \"Contoso Tasks. \"",
    );
    fs::write(&file, &broken).unwrap();
    h.keys(&format!("3O{}<enter>", folder.display()));
    assert!(
        h.app().shared.workspace.fixable() >= 1,
        "{:?}",
        h.app().shared.workspace.findings
    );
    h.keys("F");
    assert!(matches!(h.app().shared.popup, Some(Popup::Confirm { .. })));
    h.keys("n");
    assert_eq!(fs::read_to_string(&file).unwrap(), broken);
    h.keys("Fy");
    let fixed = fs::read_to_string(&file).unwrap();
    assert!(fixed.contains("\"title\": \"Contoso Tasks\""), "{fixed}");
    assert_eq!(changed_lines(&broken, &fixed).len(), 1);
    assert!(h
        .app()
        .shared
        .messages
        .current
        .as_ref()
        .unwrap()
        .text
        .contains("Applied"));
}

#[test]
fn generated_readme_is_previewed_then_written_and_overwrite_asks() {
    let (mut h, folder) = building(false);
    h.keys("m");
    match &h.app().shared.popup {
        Some(Popup::Preview { title, text, .. }) => {
            assert!(title.starts_with("New readme.md"), "{title}");
            assert!(text.contains("## Supported Operations"));
        }
        other => panic!("{other:?}"),
    }
    h.keys("y");
    let readme = folder.join("readme.md");
    assert!(readme.is_file());
    // The folder was checked again: README-PRESENT is gone.
    assert!(!h
        .app()
        .shared
        .workspace
        .findings
        .iter()
        .any(|f| f.rule == "README-PRESENT"));
    // Changed by hand: the preview is a diff and asks before overwriting.
    fs::write(&readme, "# Mine\n").unwrap();
    h.keys("m");
    match &h.app().shared.popup {
        Some(Popup::Preview { title, text, .. }) => {
            assert!(title.contains("exists and differs"), "{title}");
            assert!(text.contains("-# Mine"), "{text}");
        }
        other => panic!("{other:?}"),
    }
    h.keys("n");
    assert_eq!(fs::read_to_string(&readme).unwrap(), "# Mine\n");
    h.keys("a");
    assert!(matches!(h.app().shared.popup, Some(Popup::Preview { .. })));
    h.keys("y");
    let props = fs::read_to_string(folder.join("apiProperties.json")).unwrap();
    assert!(props.contains("#da3b01"), "{props}");
}

#[test]
fn quitting_with_unexported_work_asks() {
    let (mut h, _folder) = building(false);
    select_field(&mut h, "/paths/~1tasks~1{taskId}/get/summary");
    h.keys("<enter>s<enter>");
    h.keys("q");
    assert!(matches!(h.app().shared.popup, Some(Popup::Confirm { .. })));
    h.keys("n");
    assert!(!h.app().quit);
    h.keys("qy");
    assert!(h.app().quit);
}

#[test]
fn ctrl_c_quits_at_once_even_while_typing_and_says_what_was_lost() {
    let (mut h, _folder) = building(false);
    h.keys("<enter>abc<c-c>");
    assert!(h.app().quit);
    let words = connector_wizard::tui::farewell(h.app());
    assert!(
        words.iter().any(|w| w.contains("was not saved")),
        "{words:?}"
    );
}

#[test]
fn quit_without_pending_work_needs_no_answer() {
    let mut h = started("Quiet");
    h.keys("q");
    assert!(h.app().quit);
    assert!(h.app().shared.popup.is_none());
}

#[test]
fn resume_returns_to_the_same_step_and_field() {
    let (mut h, _folder) = building(false);
    select_field(
        &mut h,
        "/paths/~1tasks~1{taskId}/get/parameters/0/description",
    );
    h.keys("q");
    let dir = std::mem::replace(&mut h.dir, tempfile::tempdir().unwrap());
    drop(h);
    let mut again = Harness::in_dir(dir);
    // Most recent session first.
    assert_eq!(again.app().home.sessions[0].name, "Contoso Tasks");
    again.keys("j<enter>");
    assert_eq!(again.app().step, Step::Build);
    let b = &again.app().build;
    assert_eq!(
        b.fields[b.fields_nav.selected].pointer,
        "/paths/~1tasks~1{taskId}/get/parameters/0/description"
    );
}

#[test]
fn a_session_in_use_opens_read_only_after_asking() {
    let mut a = started("Shared");
    a.keys("<space>");
    let mut b = runtime(a.dir.path());
    b.perform_all(vec![connector_wizard::tui::action::Effect::ListSessions]);
    for k in parse_keys("j<enter>") {
        b.key(k);
    }
    assert!(
        matches!(b.app.shared.popup, Some(Popup::Confirm { .. })),
        "{:?}",
        b.app.shared.messages.current
    );
    for k in parse_keys("y") {
        b.key(k);
    }
    let open = b.app.shared.session.as_ref().unwrap();
    assert!(open.is_read_only());
    assert!(open.prerequisites.repository);
    // Changes are refused, the file stays as the other process wrote it.
    for k in parse_keys("j<space>") {
        b.key(k);
    }
    assert!(b.app.shared.messages.current.as_ref().unwrap().error);
    assert!(!b.app.session().unwrap().prerequisites.learning_content);
}

#[test]
fn mouse_clicks_go_to_steps_and_rows() {
    let (mut h, _folder) = building(false);
    h.render(120, 40);
    // The sidebar lists the steps from its third row: row 2 is Prerequisites, 5 is 3 Build.
    let sidebar_row = |step: usize| 1 + 2 + step as u16;
    h.rt.dispatch(connector_wizard::tui::action::Action::Click {
        column: 3,
        row: sidebar_row(4),
    });
    assert_eq!(h.app().step, Step::Submit);
    h.render(120, 40);
    h.rt.dispatch(connector_wizard::tui::action::Action::Click {
        column: 3,
        row: sidebar_row(3),
    });
    assert_eq!(h.app().step, Step::Build);
    h.render(120, 40);
    // The first field row sits below the two title rows of the pane.
    let hits = h.app().hits.clone();
    let (rect, _) = hits
        .areas
        .iter()
        .find(|(_, hit)| {
            matches!(
                hit,
                connector_wizard::tui::list::Hit::List {
                    list: connector_wizard::tui::list::ListId::Fields,
                    ..
                }
            )
        })
        .unwrap();
    h.rt.dispatch(connector_wizard::tui::action::Action::Click {
        column: rect.x + 5,
        row: rect.y + 2,
    });
    assert_eq!(h.app().build.fields_nav.selected, 2);
    // A second click on the selected row edits it.
    h.rt.dispatch(connector_wizard::tui::action::Action::Click {
        column: rect.x + 5,
        row: rect.y + 2,
    });
    assert!(h.app().shared.editor.is_some());
    h.keys("<esc>");
    h.rt.dispatch(connector_wizard::tui::action::Action::Scroll {
        column: rect.x + 5,
        row: rect.y + 2,
        down: true,
    });
    assert_eq!(h.app().build.fields_nav.selected, 5);
}

#[test]
fn proposal_fields_feed_the_preview_and_intro_md() {
    let mut h = started("Contoso Tasks");
    let folder = h.path("work/Contoso");
    fs::create_dir_all(h.path("work")).unwrap();
    h.keys("2");
    // Row 6 is the contact email (name, title, service, operations, auth, collaborators,
    // contact).
    h.keys("jjjjjj<enter>ada@example<enter>");
    // Not an address yet: the editor stays open with the message, nothing is saved.
    let ed = h.app().shared.editor.as_ref().expect("still editing");
    assert!(ed
        .problem
        .as_deref()
        .unwrap()
        .contains("not an e-mail address"));
    assert_eq!(h.session().proposal.contact_email, "");
    h.keys(".com<enter>");
    assert!(h.app().shared.editor.is_none());
    assert_eq!(h.session().proposal.contact_email, "ada@example.com");
    // Space cycles a choice.
    h.keys("kk<space>");
    assert_eq!(
        h.session().proposal.auth,
        connector_wizard::session::AuthKind::ApiKey
    );
    h.keys("x");
    // No folder yet: the wizard asks for one (it is created), and the prompt is drawn.
    assert!(matches!(
        h.app().shared.editor.as_ref().map(|e| &e.target),
        Some(EditTarget::Path(_))
    ));
    let screen = h.render(100, 30);
    assert!(
        screen.contains("Connector folder for intro.md"),
        "the folder prompt is on screen:\n{screen}"
    );
    h.keys(&format!("{}<enter>", folder.display()));
    match &h.app().shared.popup {
        Some(Popup::Preview { text, .. }) => assert!(text.contains("ada@example.com"), "{text}"),
        other => panic!("{other:?}"),
    }
    h.keys("y");
    let intro = fs::read_to_string(folder.join("intro.md")).unwrap();
    assert!(intro.contains("## Prerequisites"));
    // The wizard remembers what it wrote, to tell later whether intro.md fell behind.
    assert_eq!(
        h.session().generated.get("intro.md"),
        Some(&connector_wizard::generate::fingerprint(&intro))
    );
    assert_eq!(h.session().connector_dir.as_deref(), Some(folder.as_path()));
}

#[test]
fn certify_and_deploy_record_dates() {
    let mut h = started("Contoso Tasks");
    h.keys("5");
    // Row 1: submitted.
    h.keys("jt");
    assert_eq!(h.session().events.submitted, Some(today()));
    h.keys("a");
    assert_eq!(h.session().events.feedback_rounds.len(), 1);
    h.keys("<enter>");
    h.clear_editor();
    h.keys("2025-11-20 add response schemas<enter>");
    let r = &h.session().events.feedback_rounds[0];
    assert_eq!(r.date.to_string(), "2025-11-20");
    assert_eq!(r.note, "add response schemas");
    // A bad date is refused with a message and nothing changes.
    h.keys("j<enter>next week<enter>");
    assert!(h.app().shared.editor.is_some());
    assert!(h.app().shared.messages.current.as_ref().unwrap().error);
    h.keys("<esc>y");
    h.keys("d");
    assert!(
        h.app().shared.popup.is_none(),
        "nothing to clear on an empty date"
    );
    h.keys("kd");
    assert!(matches!(h.app().shared.popup, Some(Popup::Confirm { .. })));
    h.keys("y");
    assert!(h.session().events.feedback_rounds.is_empty());
    assert_eq!(h.session().status(Step::Certify), StepStatus::InProgress);
    // Certified before merged is refused: each date follows the one before.
    h.keys("jt");
    assert_eq!(h.session().events.certified, None);
    assert!(h.app().shared.messages.current.as_ref().unwrap().error);
    h.keys("kt");
    assert_eq!(h.session().events.merged, Some(today()));
    h.keys("jt");
    assert_eq!(h.session().events.certified, Some(today()));
    assert_eq!(h.session().status(Step::Certify), StepStatus::Done);
    h.keys("6t");
    assert_eq!(h.session().events.deployment_started, Some(today()));
    assert_eq!(h.session().status(Step::Deploy), StepStatus::InProgress);
}

#[test]
fn from_path_starts_an_update_on_build() {
    let dir = tempfile::tempdir().unwrap();
    let folder = fixture(dir.path(), false);
    let store = connector_wizard::session::SessionStore::new(dir.path().join("sessions"));
    let name = connector_wizard::tui::start_from(&store, &folder).unwrap();
    assert_eq!(name, "Contoso Tasks");
    let mut h = Harness::in_dir(dir);
    h.rt.perform_all(vec![connector_wizard::tui::action::Effect::OpenSession {
        name,
        read_only: false,
    }]);
    assert_eq!(h.app().step, Step::Build);
    assert!(h.session().is_update);
    assert!(matches!(
        h.session().duplicate.outcome,
        Some(DuplicateOutcome::ExtendExisting { .. })
    ));
    assert!(h.app().shared.workspace.connector.is_some());
    assert!(connector_wizard::generate::pr_title(h.session()).contains("update"));
}

#[test]
fn too_small_terminal_shows_one_message() {
    let mut h = started("Contoso Tasks");
    let text = h.render(40, 10);
    assert!(text.contains("Enlarge the terminal"), "{text}");
    assert!(!text.contains("Prerequisites"));
    // Keys still work, and the next draw at a good size is whole again.
    h.keys("1");
    let text = h.render(80, 24);
    assert!(text.contains("1 Verify"));
}

#[test]
fn help_lists_keys_and_rules() {
    let mut h = started("Contoso Tasks");
    h.keys("?");
    assert!(matches!(h.app().shared.popup, Some(Popup::Help { .. })));
    let all: Vec<String> = connector_wizard::tui::views::widgets::help::lines(
        90,
        connector_wizard::tui::views::Theme { color: false },
    )
    .iter()
    .map(|l| {
        l.spans
            .iter()
            .map(|s| s.content.to_string())
            .collect::<String>()
    })
    .collect();
    for rule in connector_wizard::rules::RULES {
        assert!(
            all.iter().any(|l| l.contains(rule.id.as_str())),
            "{} missing from the help",
            rule.id
        );
    }
    assert!(all.iter().any(|l| l.contains("apply the safe fixes")));
    h.keys("<esc>");
    assert!(h.app().shared.popup.is_none());
}

#[test]
fn deleting_a_session_asks_first() {
    let mut h = started("Doomed");
    h.keys("<esc>");
    assert_eq!(h.app().screen, Screen::Home);
    assert_eq!(h.app().home.sessions.len(), 1);
    h.keys("jd");
    assert!(matches!(h.app().shared.popup, Some(Popup::Confirm { .. })));
    h.keys("n");
    assert!(h.path("sessions/doomed.json").exists());
    h.keys("dy");
    assert!(!h.path("sessions/doomed.json").exists());
    assert!(h.app().home.sessions.is_empty());
}

#[test]
fn key_releases_are_ignored() {
    let mut h = Harness::new();
    let mut k = crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Enter,
        crossterm::event::KeyModifiers::NONE,
    );
    k.kind = crossterm::event::KeyEventKind::Release;
    h.rt.key(k);
    assert!(h.app().shared.editor.is_none());
}

#[test]
fn export_shows_the_plan_then_writes_into_the_checkout() {
    let (mut h, folder) = building(false);
    let repo = checkout(h.dir.path());
    h.keys("4x");
    // The checkout is asked for first.
    assert!(matches!(
        h.app().shared.editor.as_ref().map(|e| &e.target),
        Some(EditTarget::Path(_))
    ));
    h.keys(&format!("{}<enter>", repo.display()));
    match &h.app().shared.popup {
        Some(Popup::Preview { title, text, .. }) => {
            assert!(
                title.contains("independent-publisher-connectors/Contoso Tasks"),
                "{title}"
            );
            assert!(text.contains("apiDefinition.swagger.json"), "{text}");
            assert!(
                text.contains("Branch: the checkout is on `dev`; the export first switches to `contoso-tasks`"),
                "{text}"
            );
        }
        other => panic!("{other:?} {:?}", h.app().shared.messages.current),
    }
    let target = repo.join("independent-publisher-connectors/Contoso Tasks");
    assert!(!target.exists(), "nothing is written before the yes");
    h.keys("y");
    assert!(
        h.app().shared.unexported().is_empty(),
        "{:?} {:?}",
        h.app().shared.unexported(),
        h.app().shared.messages.current
    );
    for name in [
        "apiDefinition.swagger.json",
        "apiProperties.json",
        "readme.md",
        "intro.md",
    ] {
        assert!(target.join(name).is_file(), "{name} missing");
    }
    assert_eq!(
        fs::read(target.join("apiDefinition.swagger.json")).unwrap(),
        fs::read(folder.join("apiDefinition.swagger.json")).unwrap()
    );
    let branch = std::process::Command::new("git")
        .arg("-C")
        .arg(&repo)
        .args(["rev-parse", "--abbrev-ref", "HEAD"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&branch.stdout).trim(),
        "contoso-tasks"
    );
    // The checkout and the branch are remembered in the session.
    assert_eq!(h.session().checkout.dir.as_deref(), Some(repo.as_path()));
    assert_eq!(
        h.session().checkout.branch.as_deref(),
        Some("contoso-tasks")
    );

    // Edit the summary, export again: the changed file needs its own yes.
    h.keys("3");
    select_field(&mut h, "/paths/~1tasks~1{taskId}/get/summary");
    h.keys("<enter> now<enter>");
    assert!(h.app().shared.unexported()[0].contains("apiDefinition.swagger.json"));
    // The checkout is known: x plans at once.
    h.keys("4x");
    match &h.app().shared.popup {
        Some(Popup::Preview { text, .. }) => assert!(
            text.contains("+        \"summary\": \"Get task by ID now\","),
            "{text}"
        ),
        other => panic!("{other:?}"),
    }
    h.keys("y");
    assert!(matches!(h.app().shared.popup, Some(Popup::Confirm { .. })));
    h.keys("n");
    assert!(
        !fs::read_to_string(target.join("apiDefinition.swagger.json"))
            .unwrap()
            .contains("by ID now")
    );
    h.keys("xyy");
    assert!(
        fs::read_to_string(target.join("apiDefinition.swagger.json"))
            .unwrap()
            .contains("by ID now")
    );
    // The compare URL uses the fork's owner from origin and the branch.
    h.keys("o");
    let url = h.rt.opened.last().expect("a URL was opened");
    assert!(url.contains("compare/dev...ada:contoso-tasks"), "{url}");
}

#[test]
fn an_update_in_a_checkout_shows_breaking_changes() {
    let dir = tempfile::tempdir().unwrap();
    let repo = checkout(dir.path());
    let folder = repo.join("independent-publisher-connectors/Contoso Tasks");
    fs::create_dir_all(&folder).unwrap();
    fs::write(folder.join("apiDefinition.swagger.json"), swagger()).unwrap();
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .arg("-C")
            .arg(&repo)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    git(&[
        "-c",
        "user.name=T",
        "-c",
        "user.email=t@example.com",
        "add",
        ".",
    ]);
    git(&[
        "-c",
        "user.name=T",
        "-c",
        "user.email=t@example.com",
        "commit",
        "-qm",
        "connector",
    ]);
    let store = connector_wizard::session::SessionStore::new(dir.path().join("sessions"));
    let name = connector_wizard::tui::start_from(&store, &folder).unwrap();
    let mut h = Harness::in_dir(dir);
    h.rt.perform_all(vec![connector_wizard::tui::action::Effect::OpenSession {
        name,
        read_only: false,
    }]);
    assert_eq!(h.app().step, Step::Build);
    assert!(
        h.app().shared.workspace.breaking.is_empty(),
        "{:?}",
        h.app().shared.workspace.breaking
    );
    // Renaming an operationId is a breaking change (removal plus addition).
    select_field(&mut h, "/paths/~1tasks~1{taskId}/get/operationId");
    h.keys("<enter>ById<enter>");
    let rules: Vec<&str> = h
        .app()
        .shared
        .workspace
        .breaking
        .iter()
        .map(|f| f.rule.as_str())
        .collect();
    assert!(
        !rules.is_empty() && rules.iter().all(|r| r.starts_with("BREAKING-")),
        "{rules:?} {:?}",
        h.app().shared.messages.current
    );
    assert!(h
        .app()
        .shared
        .messages
        .current
        .as_ref()
        .unwrap()
        .text
        .contains("breaking change"));
    // They are listed after the other findings, and the list counts them.
    let n = h.app().shared.workspace.findings_len();
    assert_eq!(n, h.app().shared.workspace.findings.len() + rules.len());
    assert!(h
        .app()
        .shared
        .workspace
        .finding(n - 1)
        .unwrap()
        .rule
        .as_str()
        .starts_with("BREAKING-"));
}
