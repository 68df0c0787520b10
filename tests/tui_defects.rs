//! One test per defect of the walkthrough in issue 13, each typed like a person through the
//! wizard without a terminal (update level) or drawn on ratatui's TestBackend.

mod tui_support;

use connector_wizard::session::{
    ConnectorKind, DuplicateOutcome, FeedbackRound, SessionStore, Step, StepStatus,
};
use connector_wizard::tui::action::{Action, Done, Outcome, Work};
use connector_wizard::tui::editor::EditTarget;
use connector_wizard::tui::keymap::Ctx;
use connector_wizard::tui::shared::Popup;
use std::fs;
use tui_support::*;

fn editing(h: &Harness) -> Option<EditTarget> {
    h.app().shared.editor.as_ref().map(|e| e.target.clone())
}

fn status(h: &Harness) -> (String, bool) {
    h.app()
        .shared
        .messages
        .current
        .as_ref()
        .map(|m| (m.text.clone(), m.error))
        .unwrap_or_default()
}

fn day(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A session written straight into the store of `h` (as an older build or another tool would
/// have left it), then opened in the wizard.
fn open_with(h: &mut Harness, name: &str, f: impl FnOnce(&mut connector_wizard::session::Session)) {
    let store = SessionStore::new(h.dir.path().join("sessions"));
    store
        .create_and_open(name, ConnectorKind::IndependentPublisher)
        .unwrap()
        .update(f)
        .unwrap();
    h.rt.perform_all(vec![connector_wizard::tui::action::Effect::OpenSession {
        name: name.into(),
        read_only: false,
    }]);
}

/// Defect 1: 2 Propose, `x` with no folder: the folder prompt is drawn and what is typed shows.
#[test]
fn d01_the_intro_folder_prompt_is_drawn() {
    let mut h = started("Contoso Tasks");
    h.keys("2x");
    assert_eq!(
        editing(&h),
        Some(EditTarget::Path(
            connector_wizard::tui::action::PathPurpose::IntroFolder
        ))
    );
    h.keys("/tmp/some-folder");
    for (w, ht) in [(100, 30), (60, 16)] {
        let screen = h.render(w, ht);
        assert!(
            screen.contains("/tmp/some-folder"),
            "the typed path is not on screen at {w}×{ht}:\n{screen}"
        );
    }
}

/// Defect 2: The checkout path is kept in the session (and found from git with `--from`).
#[test]
fn d02_the_checkout_path_is_kept_and_inferred() {
    let Some((mut h, _folder, repo)) = building_with_checkout("d02") else {
        return;
    };
    h.keys(&format!("4x{}<enter>", repo.display()));
    assert!(matches!(h.app().shared.popup, Some(Popup::Preview { .. })));
    h.keys("n");
    assert_eq!(h.session().checkout.dir.as_deref(), Some(repo.as_path()));
    // Resumed (another run): x plans at once, nothing is asked.
    h.keys("q");
    let dir = std::mem::replace(&mut h.dir, tempfile::tempdir().unwrap());
    drop(h);
    let mut again = Harness::in_dir(dir);
    again.keys("j<enter>");
    assert_eq!(again.app().step, Step::Submit);
    again.keys("x");
    assert_eq!(editing(&again), None, "the checkout was asked again");
    assert!(matches!(
        again.app().shared.popup,
        Some(Popup::Preview { .. })
    ));

    // `--from` a folder inside a checkout: the checkout is that repository.
    let tmp = tempfile::tempdir().unwrap();
    let repo = checkout(tmp.path());
    let folder = repo.join("independent-publisher-connectors/Contoso Tasks");
    fs::create_dir_all(&folder).unwrap();
    fs::write(folder.join("apiDefinition.swagger.json"), swagger()).unwrap();
    let store = SessionStore::new(tmp.path().join("sessions"));
    let name = connector_wizard::tui::start_from(&store, &folder).unwrap();
    let s = store.open_read_only(&name).unwrap();
    assert_eq!(
        s.checkout.dir.as_deref(),
        Some(fs::canonicalize(&repo).unwrap().as_path())
    );
}

/// Defect 3: Export onto another connector's branch: the plan names the branch and warns; y switches
/// (creating the branch), k keeps it.
#[test]
fn d03_export_onto_another_connectors_branch_is_warned() {
    let Some((mut h, _folder, repo)) = building_with_checkout("d03") else {
        return;
    };
    git(&repo, &["checkout", "-q", "-b", "acme-invoices"]);
    h.keys(&format!("4x{}<enter>", repo.display()));
    match &h.app().shared.popup {
        Some(Popup::Preview {
            text, alt, title, ..
        }) => {
            assert!(
                text.contains("Branch: the checkout is on `acme-invoices`, which is not this connector's branch (`contoso-tasks`)"),
                "{text}"
            );
            assert!(alt.is_some(), "no way to keep the branch");
            // The errors left are counted in the plan.
            assert!(title.contains("3 errors left"), "{title}");
            assert!(text.contains("Errors: the check of the working copy finds 3 errors"));
        }
        other => panic!("{other:?}"),
    }
    assert!(h.app().contexts().contains(&Ctx::BranchChoice));
    h.keys("y");
    assert_eq!(
        git(&repo, &["rev-parse", "--abbrev-ref", "HEAD"]),
        "contoso-tasks"
    );
    let target = repo.join("independent-publisher-connectors/Contoso Tasks");
    assert!(target.join("apiDefinition.swagger.json").is_file());
    assert_eq!(
        h.session().checkout.branch.as_deref(),
        Some("contoso-tasks")
    );

    // k: the export stays on the branch checked out.
    let (mut h, _folder) = building(false);
    let repo = checkout(h.dir.path());
    git(&repo, &["checkout", "-q", "-b", "acme-invoices"]);
    h.keys(&format!("4x{}<enter>k", repo.display()));
    assert_eq!(
        git(&repo, &["rev-parse", "--abbrev-ref", "HEAD"]),
        "acme-invoices"
    );
    assert!(repo
        .join("independent-publisher-connectors/Contoso Tasks/readme.md")
        .is_file());
    assert_eq!(
        h.session().checkout.branch.as_deref(),
        Some("acme-invoices")
    );
}

/// Defect 4: An editor box shows only its text: nothing of the screen beneath.
#[test]
fn d04_the_editor_clears_its_area() {
    let mut h = Harness::new();
    let tmp = tempfile::tempdir().unwrap();
    let folder = fixture(tmp.path(), false);
    open_with(&mut h, "Contoso Tasks", |s| {
        s.is_update = true;
        s.duplicate.outcome = Some(DuplicateOutcome::ExtendExisting {
            name: "Contoso Tasks".into(),
        });
        s.connector_dir = Some(folder.clone());
    });
    h.keys("4");
    // PRT-1's detail says "updates the existing connector"; the checkout row is edited.
    let rows = h.app().submit.rows.clone();
    let repo_row = rows
        .iter()
        .position(|r| *r == connector_wizard::tui::steps::submit::Row::Repo)
        .unwrap();
    h.go_row(repo_row);
    h.keys("<enter>");
    for (w, ht) in [(100, 30), (80, 24), (60, 16)] {
        let screen = h.render(w, ht);
        let lines: Vec<&str> = screen.lines().collect();
        let top = lines
            .iter()
            .position(|l| l.contains("Checkout of microsoft"))
            .expect("the editor is on screen");
        // The box: its top border, one row of text (empty), its bottom border.
        let text_row = lines[top + 1];
        let inside: String = text_row
            .split('│')
            .nth(if text_row.matches('│').count() > 2 {
                2
            } else {
                1
            })
            .unwrap_or("")
            .to_string();
        assert!(
            inside.trim().is_empty(),
            "leftover text inside the editor at {w}×{ht}: {text_row:?}\n{screen}"
        );
    }
}

/// Defect 5: Step 1 opens on the matches: `2`, `j`, `k` are keys, not typed into the name.
#[test]
fn d05_verify_opens_in_list_mode() {
    let mut h = started("Scheduler");
    h.keys("1");
    assert_eq!(editing(&h), None);
    h.keys("jk");
    assert_eq!(h.app().verify.query, "Scheduler");
    h.keys("2");
    assert_eq!(h.app().step, Step::Propose);
    assert_eq!(h.session().duplicate.query, "");
    // `/` or `e` edit the name.
    h.keys("1e");
    assert_eq!(editing(&h), Some(EditTarget::Query));
}

/// Defect 6: Invalid proposal input is not saved; the message shown while typing holds at save.
#[test]
fn d06_invalid_proposal_input_is_not_saved() {
    let mut h = started("Contoso Tasks");
    h.keys("2");
    let row = |h: &Harness, id: &str| {
        h.app()
            .propose
            .rows
            .iter()
            .position(|r| r.id() == id)
            .unwrap()
    };
    let go = |h: &mut Harness, id: &str| {
        let i = row(h, id);
        h.go_row(i);
    };
    for (id, bad, good) in [
        (
            "proposal.website_url",
            "acme.example",
            "https://acme.example",
        ),
        ("proposal.contact_email", "bob", "bob@acme.example"),
        ("proposal.categories", "productivity\nfun", "productivity"),
    ] {
        go(&mut h, id);
        h.keys("<enter>");
        h.rt.dispatch(Action::Paste(bad.to_string()));
        let problem = h.app().shared.editor.as_ref().unwrap().problem.clone();
        assert!(problem.is_some(), "{id}: no message while typing {bad:?}");
        h.keys("<enter>");
        let ed = h.app().shared.editor.as_ref().expect("still editing");
        assert_eq!(ed.problem, problem, "{id}: the message changed at save");
        assert!(status(&h).1);
        // Replace the text with a valid one.
        h.keys("<esc>y<enter>");
        h.rt.dispatch(Action::Paste(good.to_string()));
        h.keys("<enter>");
        assert_eq!(editing(&h), None, "{id}: {good:?} was refused");
    }
    let p = &h.session().proposal;
    assert_eq!(p.website_url, "https://acme.example");
    assert_eq!(p.contact_email, "bob@acme.example");
    assert_eq!(
        p.categories,
        ["Productivity"],
        "stored with its documented spelling"
    );

    // A session that holds an invalid value is not done, and the value is marked.
    let mut h = Harness::new();
    open_with(&mut h, "Acme", |s| {
        s.proposal.contact_email = "bob".into();
        s.events.proposal_opened = Some(day("2025-11-01"));
    });
    h.keys("2");
    assert_eq!(h.session().status(Step::Propose), StepStatus::InProgress);
    let screen = h.render(100, 30);
    let line = screen
        .lines()
        .find(|l| l.contains("Contact email"))
        .unwrap();
    assert!(line.contains("✗ bob"), "{line}");
}

/// Defect 7: Impossible dates are refused (and those already saved are not shown done).
#[test]
fn d07_impossible_dates_are_refused() {
    let mut h = started("Contoso Tasks");
    h.keys("5");
    let slot_row = |h: &Harness, id: &str| {
        h.app()
            .track
            .rows
            .iter()
            .position(|r| r.id() == id)
            .unwrap()
    };
    let go = |h: &mut Harness, id: &str| {
        let i = slot_row(h, id);
        h.go_row(i);
    };
    let type_date = |h: &mut Harness, text: &str| {
        h.keys("<enter>");
        h.clear_editor();
        h.keys(&format!("{text}<enter>"));
    };
    // A merge date with no submission, a merge date in the future.
    go(&mut h, "events.merged");
    h.keys("t");
    assert_eq!(h.session().events.merged, None);
    go(&mut h, "events.submitted");
    type_date(&mut h, "2025-11-10");
    assert_eq!(h.session().events.submitted, Some(day("2025-11-10")));
    go(&mut h, "events.merged");
    type_date(&mut h, "2026-01-05");
    assert_eq!(
        editing(&h),
        Some(EditTarget::Date(
            connector_wizard::session::EventSlot::Merged
        ))
    );
    let ed = h.app().shared.editor.as_ref().unwrap();
    assert!(
        ed.problem.as_deref().unwrap().contains("after today"),
        "{ed:?}"
    );
    assert_eq!(h.session().events.merged, None);
    h.keys("<esc>y");
    // A feedback round before the submission, or in the future.
    h.keys("a");
    let round = "events.feedback_rounds.0";
    go(&mut h, round);
    type_date(&mut h, "2025-11-01 too early");
    assert!(h.app().shared.editor.is_some());
    assert!(status(&h).0.contains("before"), "{:?}", status(&h));
    h.keys("<esc>y");
    type_date(&mut h, "2025-12-01 too late");
    assert!(status(&h).0.contains("after today"), "{:?}", status(&h));
    h.keys("<esc>y");
    assert_eq!(h.session().events.feedback_rounds[0].date, today());
    // Certified with no merge date.
    go(&mut h, "events.certified");
    h.keys("t");
    assert_eq!(h.session().events.certified, None);
    assert!(
        status(&h).0.contains("\"PR merged\" first"),
        "{:?}",
        status(&h)
    );

    // Saved by an older build: shown with ✗ and why, and the step is not done.
    let mut h = Harness::new();
    open_with(&mut h, "Old", |s| {
        s.events.submitted = Some(day("2025-11-10"));
        s.events.feedback_rounds.push(FeedbackRound {
            date: day("2025-12-24"),
            note: String::new(),
        });
        s.events.certified = Some(day("2025-11-15"));
    });
    h.keys("5");
    assert_ne!(h.session().status(Step::Certify), StepStatus::Done);
    let screen = h.render(120, 40);
    let round = screen
        .lines()
        .find(|l| l.contains("Feedback round 1"))
        .unwrap();
    assert!(
        round.contains("[✗]") && round.contains("after today"),
        "{round}"
    );
    let cert = screen
        .lines()
        .find(|l| l.contains("Certified (OneVet"))
        .unwrap();
    assert!(cert.contains("[✗]") && cert.contains("first"), "{cert}");
}

/// Defect 8: 6 Deploy: one train (the timeline's), regions before "all regions", ranges with years.
#[test]
fn d08_deploy_dates_agree() {
    let mut h = Harness::new();
    open_with(&mut h, "Contoso Tasks", |s| {
        s.events.submitted = Some(day("2025-10-20"));
        s.events.merged = Some(day("2025-11-10"));
        s.events.certified = Some(day("2025-11-12"));
    });
    h.keys("6");
    let screen = h.render(120, 40);
    assert!(!screen.contains("Next Friday train:"), "{screen}");
    let trains: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains("Next production deployment train"))
        .collect();
    assert_eq!(trains.len(), 1, "{screen}");
    let e = &h.app().track.entries;
    let all = e
        .iter()
        .find(|x| x.label == "Deployed to all regions")
        .unwrap()
        .when
        .first();
    for r in e.iter().filter(|x| x.label.starts_with("Region")) {
        assert!(r.when.first() <= all, "{} after all regions", r.label);
    }
    // The train on the strip is the train of the list.
    let train = e
        .iter()
        .find(|x| x.label == "Next production deployment train")
        .unwrap()
        .when
        .first();
    assert_eq!(
        h.app().track.calendar.mark(train),
        Some(connector_wizard::tui::theme::DayMark::Train)
    );
    // Ranges carry the year.
    let mut h = Harness::new();
    open_with(&mut h, "Acme", |s| s.events.submitted = Some(today()));
    h.keys("5");
    let screen = h.render(120, 40);
    assert!(
        screen.contains("Thu 2025-11-27 – Thu 2025-12-04"),
        "{screen}"
    );
}

/// Defect 9: Unexported edits are known from the files: after the session is reopened, quitting
/// still asks.
#[test]
fn d09_the_quit_question_follows_the_files() {
    let Some((mut h, _folder, repo)) = building_with_checkout("d09") else {
        return;
    };
    h.keys(&format!("4x{}<enter>y", repo.display()));
    assert!(h.app().shared.unexported().is_empty());
    h.keys("3");
    select_field(&mut h, "/paths/~1tasks~1{taskId}/get/summary");
    h.keys("<enter> now<enter>");
    // Home and back.
    h.keys("<esc>j<enter>");
    assert_eq!(h.app().step, Step::Build);
    h.keys("q");
    match &h.app().shared.popup {
        Some(Popup::Confirm { body, .. }) => assert!(
            body.iter()
                .any(|l| l.contains("apiDefinition.swagger.json")),
            "{body:?}"
        ),
        other => panic!("no question: {other:?}"),
    }
    // And in another run.
    h.keys("y");
    let dir = std::mem::replace(&mut h.dir, tempfile::tempdir().unwrap());
    drop(h);
    let mut again = Harness::in_dir(dir);
    again.keys("j<enter>q");
    assert!(matches!(
        again.app().shared.popup,
        Some(Popup::Confirm { .. })
    ));
}

/// Defect 10: Messages do not outlive what they are about.
#[test]
fn d10_stale_messages_go() {
    let mut h = started("Contoso Tasks");
    h.keys("5j<enter>next week<enter>");
    assert!(status(&h).1);
    h.keys("<esc>y<enter>");
    h.rt.dispatch(Action::Paste("2025-11-19".into()));
    h.keys("<enter>");
    let (text, error) = status(&h);
    assert!(!error && text.starts_with("Saved: Submitted"), "{text}");

    // The plan replaces "Planning the export…".
    if has_git() {
        let (mut h, _) = building(false);
        let repo = checkout(h.dir.path());
        h.keys(&format!("4x{}<enter>", repo.display()));
        assert!(!status(&h).0.contains("Planning"), "{:?}", status(&h));
    }

    // A browser error stays with its step.
    h.rt.dispatch(Action::Done(Done {
        ticket: Default::default(),
        outcome: Outcome::OpenFailed {
            url: "https://example.com/x".into(),
            error: "no browser".into(),
        },
    }));
    assert!(status(&h).1);
    h.keys("2");
    assert_eq!(status(&h).0, "");
}

/// Defect 11: Space on an item the program decides stores nothing and says why; the person's items
/// tick and show.
#[test]
fn d11_checklist_items_of_the_program_are_not_ticked_by_hand() {
    let (mut h, _folder) = building(false);
    h.keys("4");
    // PRT-3 is not met: CreateTask has no description.
    let at = |h: &Harness, id: &str| {
        h.app()
            .submit
            .items
            .iter()
            .position(|i| i.id == id)
            .unwrap()
    };
    let i = at(&h, "PRT-3");
    h.go_row(i);
    h.keys("<space>");
    assert!(
        h.session().checklist.is_empty(),
        "{:?}",
        h.session().checklist
    );
    assert!(
        status(&h).0.contains("decided by the program"),
        "{:?}",
        status(&h)
    );
    let i = at(&h, "PRT-2");
    h.go_row(i);
    h.keys("<space>");
    assert_eq!(h.session().checklist.get("PRT-2"), Some(&true));
    let item = &h.app().submit.items[i];
    assert_eq!(item.tick, connector_wizard::generate::Tick::Confirmed);
    let screen = h.render(120, 40);
    assert!(screen.contains("[x] PRT-2"), "{screen}");
}

/// Defect 12: An update says update things: the PR body, the Submit step, the step reached.
#[test]
fn d12_updates_are_worded_as_updates() {
    let dir = tempfile::tempdir().unwrap();
    let folder = fixture(dir.path(), false);
    let store = SessionStore::new(dir.path().join("sessions"));
    let name = connector_wizard::tui::start_from(&store, &folder).unwrap();
    let list = store.list().unwrap();
    assert_eq!(list[0].current_step, Some(Step::Build));
    let mut h = Harness::in_dir(dir);
    let screen = h.render(100, 30);
    assert!(screen.contains("3 Build"), "{screen}");
    assert!(!screen.contains("Prerequisites ·"), "{screen}");
    h.rt.perform_all(vec![connector_wizard::tui::action::Effect::OpenSession {
        name,
        read_only: false,
    }]);
    h.keys("4");
    let screen = h.render(120, 40);
    assert!(screen.contains("push the update"), "{screen}");
    assert!(!screen.contains("drop \"Proposal -\""), "{screen}");
    assert!(screen.contains("[-] PRT-1"), "{screen}");
    let s = h.session();
    let body =
        connector_wizard::generate::pr_body(s, h.app().shared.workspace.connector.as_ref(), None);
    let prt1 = body
        .lines()
        .find(|l| l.contains("does not exist yet"))
        .unwrap();
    assert!(prt1.starts_with("- [ ] ~~"), "{prt1}");
    // The proposal does not apply to an update.
    let screen = h.render(120, 40);
    assert!(screen.contains("– 2 Propose"), "{screen}");
}

/// Defect 13: The pull request's number is recorded and used for the links.
#[test]
fn d13_the_pull_request_is_recorded() {
    let mut h = started("Calendly");
    // The catalog (step 1) knows Calendly's pull request: it is suggested.
    h.keys("14");
    let i = h
        .app()
        .submit
        .rows
        .iter()
        .position(|r| *r == connector_wizard::tui::steps::submit::Row::PullRequest)
        .unwrap();
    h.go_row(i);
    h.keys("<enter>");
    let suggestions = h.app().shared.editor.as_ref().unwrap().suggestions.clone();
    assert!(!suggestions.is_empty(), "no pull request suggested");
    h.keys("<down>");
    assert_eq!(
        h.app().shared.editor.as_ref().unwrap().text(),
        suggestions[0].0
    );
    // Something else is refused; a number is taken.
    h.keys("<esc>y<enter>soon<enter>");
    assert!(h.app().shared.editor.is_some());
    h.keys("<esc>y<enter>#4242<enter>");
    assert_eq!(h.session().pr.number, Some(4242));
    h.keys("o");
    assert_eq!(
        h.rt.opened.last().unwrap(),
        "https://github.com/microsoft/PowerPlatformConnectors/pull/4242"
    );
    h.keys("5");
    let screen = h.render(120, 40);
    assert!(screen.contains("PR #4242"), "{screen}");
    assert!(screen.contains("pull/4242"), "{screen}");
}

/// Defect 14: Files the wizard writes get the umask's permissions, like git's.
#[cfg(unix)]
#[test]
fn d14_written_files_follow_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let (mut h, folder) = building(false);
    let want = umask_mode(h.dir.path());
    h.keys("my");
    let mode = fs::metadata(folder.join("readme.md"))
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, want);
    assert_ne!(mode, 0o600);
    if has_git() {
        let repo = checkout(h.dir.path());
        h.keys(&format!("4x{}<enter>y", repo.display()));
        let target = repo.join("independent-publisher-connectors/Contoso Tasks");
        for e in fs::read_dir(target).unwrap() {
            let m = e.unwrap().metadata().unwrap().permissions().mode() & 0o777;
            assert_eq!(m, want);
        }
    }
}

/// Defect 15: A late result for another session, or for a request since replaced, is dropped.
#[test]
fn d15_stale_results_are_dropped() {
    let (mut h, folder) = building(false);
    let job =
        h.rt.started
            .iter()
            .rev()
            .find(|j| matches!(j.work, Work::LoadConnector { .. }))
            .unwrap()
            .clone();
    let late = |path: &std::path::Path| Outcome::ConnectorLoaded {
        path: path.to_path_buf(),
        result: Ok(Box::new(
            connector_wizard::tui::jobs::load_connector(path, None).unwrap(),
        )),
        keep: None,
        note: None,
        edited: false,
    };
    // Another session is open when A's folder comes back.
    h.keys("<esc><enter>Fabrikam Notes<enter>3O");
    h.rt.dispatch(Action::Done(Done {
        ticket: job.ticket.clone(),
        outcome: late(&folder),
    }));
    assert_eq!(h.app().shared.jobs.dropped, 1);
    assert!(h.app().shared.workspace.connector.is_none());
    assert_eq!(h.session().connector_dir, None);
    // In one session, an older request of the same kind is stale once a newer one was made.
    let other = fixture(&h.dir.path().join("other"), false);
    h.keys(&format!("{}<enter>", folder.display()));
    let first =
        h.rt.started
            .iter()
            .rev()
            .find(|j| matches!(j.work, Work::LoadConnector { .. }))
            .unwrap()
            .clone();
    h.keys("r");
    h.rt.dispatch(Action::Done(Done {
        ticket: first.ticket,
        outcome: late(&other),
    }));
    assert_eq!(h.app().shared.jobs.dropped, 2);
    assert_eq!(h.session().connector_dir.as_deref(), Some(folder.as_path()));
}

/// Defect 16: The small ones.
#[test]
fn d16_small_ones() {
    let (mut h, _folder) = building(false);
    // A long rule ID does not run into the file column.
    let long = connector_wizard::rules::Finding {
        rule: connector_wizard::rules::RuleId::BreakingResponseFieldRemoved,
        severity: connector_wizard::rules::Severity::Error,
        file: "x/apiDefinition.swagger.json".into(),
        line: 12,
        column: 1,
        pointer: "/paths".into(),
        message: "a response field was removed".into(),
        help: String::new(),
        fix: None,
    };
    h.rt.app.shared.workspace.breaking.push(long);
    h.keys("<tab>");
    let screen = h.render(120, 40);
    let line = screen
        .lines()
        .find(|l| l.contains("BREAKING-RESPONSE-FIELD-REMOVED"))
        .unwrap();
    assert!(
        line.contains("BREAKING-RESPONSE-FIELD-REMOVED swagger:12"),
        "{line}"
    );
    h.keys("<tab>");

    // The help covers the screen beneath, edges included.
    h.keys("?");
    let screen = h.render(120, 40);
    // The help box is 100 wide, centred: the ten columns on each side are blank.
    for l in screen.lines().skip(1).take(35) {
        let left: String = l.chars().take(10).collect();
        assert!(
            left.trim().is_empty(),
            "the screen shows through beside the help: {l}"
        );
    }
    // End/G and Home/g move in the help.
    h.keys("G");
    let at_end = match &h.app().shared.popup {
        Some(Popup::Help { scroll }) => scroll.top.get(),
        _ => panic!(),
    };
    assert!(at_end > 0);
    h.keys("g");
    match &h.app().shared.popup {
        Some(Popup::Help { scroll }) => assert_eq!(scroll.top.get(), 0),
        _ => panic!(),
    }
    h.keys("<esc>");

    // The PR body is read only: its key bar offers no "write".
    h.keys("4");
    let i = h
        .app()
        .submit
        .rows
        .iter()
        .position(|r| *r == connector_wizard::tui::steps::submit::Row::Body)
        .unwrap();
    h.go_row(i);
    h.keys("<enter>");
    let screen = h.render(100, 30);
    let bar = screen.lines().last().unwrap();
    assert!(!bar.contains("write") && !bar.contains(" y "), "{bar}");
    assert!(h.app().contexts().contains(&Ctx::Viewer));
    assert!(!h.app().contexts().contains(&Ctx::Preview));
    h.keys("<esc>");

    // The help says what Enter does on the PR title.
    let help = connector_wizard::tui::keymap::help_sections();
    let submit = help.iter().find(|(t, _)| *t == "4 Submit").unwrap();
    assert!(submit
        .1
        .iter()
        .any(|(_, s)| s.contains("on the PR title rename the connector")));
    assert!(!submit
        .1
        .iter()
        .any(|(_, s)| s.contains("edit the PR title")));

    // "no session named …" ends its first sentence.
    let store = SessionStore::new(h.dir.path().join("sessions"));
    let err = store.open("Nope").unwrap_err().to_string();
    assert!(err.contains("sessions. Run"), "{err}");
}
