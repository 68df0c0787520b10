//! The part of `update` that belongs to each step: what Enter, Space and the step's own keys
//! do, what entering a step starts, and the step statuses. Like `update`, it changes the
//! model and returns effects; it never draws and never blocks.

use super::action::{Cmd, Effect, Job, Outcome, PathPurpose};
use super::app::*;
use super::update::{edit_swagger_field, note_position};
use crate::catalog::Status as HitStatus;
use crate::rules::{Field, Severity};
use crate::session::{DuplicateOutcome, FeedbackRound, Session, Step, StepStatus};

/// Sets up a step's selection when a session is opened.
pub fn reset(app: &mut App) {
    app.prereq_nav = ListNav::default();
    app.propose_nav = ListNav::default();
    app.submit_nav = ListNav::default();
    app.track_nav = ListNav::default();
    app.verify.nav = ListNav::default();
    app.verify.hits.clear();
    app.verify.query = app
        .session()
        .map(|s| s.duplicate.query.clone())
        .unwrap_or_default();
}

/// What entering a step starts: the catalog for Verify, the folder for Build.
pub fn enter(app: &mut App, fx: &mut Vec<Effect>) {
    match app.step {
        Step::Verify => {
            if app.verify.catalog.is_none() && !app.verify.loading {
                app.verify.loading = true;
                fx.push(Effect::Job(Job::LoadCatalog {
                    dir: app.catalog_dir.clone(),
                }));
            }
            let (query, fresh, read_only) = match app.session.as_ref() {
                Some(o) => (
                    if o.duplicate.query.is_empty() {
                        o.name.clone()
                    } else {
                        o.duplicate.query.clone()
                    },
                    o.duplicate.query.is_empty() && o.duplicate.outcome.is_none(),
                    o.is_read_only(),
                ),
                None => return,
            };
            app.verify.query = query.clone();
            run_search(app);
            // Never searched yet: the name field takes the typing at once.
            if fresh && !read_only {
                app.editor = Some(query_editor(&query));
            }
        }
        Step::Build if app.build.connector.is_none() && !app.build.loading => {
            match app.session().and_then(|s| s.connector_dir.clone()) {
                Some(dir) => {
                    app.build.loading = true;
                    fx.push(load_job(app, dir, None, None));
                }
                None => ask_path(app, PathPurpose::ConnectorFolder),
            }
        }
        _ => {}
    }
}

/// The name field of step 1, its text selected so that typing replaces it.
fn query_editor(query: &str) -> Editor {
    let mut ed = Editor::new(
        EditTarget::Query,
        "Connector name (↑↓ picks a match)",
        query,
        false,
    );
    ed.area.select_all();
    ed
}

/// The selected item's identifier, saved in the session so that resuming returns to it.
pub fn field_id(app: &App) -> Option<String> {
    let s = app.session()?;
    Some(match app.step {
        Step::Prerequisites => Prereq::ALL.get(app.prereq_nav.selected)?.id().to_string(),
        Step::Verify => "verify.query".into(),
        Step::Propose => ProposeRow::all().get(app.propose_nav.selected)?.id(),
        Step::Build => {
            if app.build.fields.is_empty() {
                return s.ui.field.clone().filter(|f| f.starts_with("build:"));
            }
            format!(
                "build:{}",
                app.build.fields.get(app.build.fields_nav.selected)?.pointer
            )
        }
        Step::Submit => submit_rows(app).get(app.submit_nav.selected)?.id(),
        Step::Certify | Step::Deploy => track_rows(app.step, s).get(app.track_nav.selected)?.id(),
    })
}

/// Selects the item saved as `id` (after resuming).
pub fn restore_field(app: &mut App, id: &str) {
    let Some(s) = app.session() else { return };
    match app.step {
        Step::Prerequisites => {
            if let Some(i) = Prereq::ALL.iter().position(|p| p.id() == id) {
                app.prereq_nav.selected = i;
            }
        }
        Step::Propose => {
            if let Some(i) = ProposeRow::all().iter().position(|r| r.id() == id) {
                app.propose_nav.selected = i;
            }
        }
        Step::Submit => {
            if let Some(i) = submit_rows(app).iter().position(|r| r.id() == id) {
                app.submit_nav.selected = i;
            }
        }
        Step::Certify | Step::Deploy => {
            if let Some(i) = track_rows(app.step, s).iter().position(|r| r.id() == id) {
                app.track_nav.selected = i;
            }
        }
        // Build selects its field once the folder is read (see `after_load`).
        Step::Build | Step::Verify => {}
    }
}

pub fn current_list(app: &App) -> Option<(ListId, usize)> {
    let s = app.session()?;
    Some(match app.step {
        Step::Prerequisites => (ListId::Prereqs, Prereq::ALL.len()),
        Step::Verify => (ListId::Matches, app.verify.hits.len()),
        Step::Propose => (ListId::Propose, ProposeRow::all().len()),
        Step::Build if app.build.findings_focus => (ListId::Findings, app.build.findings_len()),
        Step::Build => (ListId::Fields, app.build.fields.len()),
        Step::Submit => (ListId::Submit, submit_rows(app).len()),
        Step::Certify | Step::Deploy => (ListId::Track, track_rows(app.step, s).len()),
    })
}

pub fn matches_nav(app: &mut App) -> Option<&mut ListNav> {
    Some(&mut app.verify.nav)
}

fn read_only(app: &mut App) -> bool {
    if app.session.as_ref().is_some_and(|s| s.is_read_only()) {
        app.warn("This session is open read-only: nothing can be changed here.");
        return true;
    }
    false
}

/// Changes the session, refreshes the statuses and saves it.
fn change(app: &mut App, fx: &mut Vec<Effect>, f: impl FnOnce(&mut Session)) {
    if read_only(app) {
        return;
    }
    if let Some(open) = app.session.as_mut() {
        f(open.session_mut());
    }
    note_position(app);
    refresh_statuses(app);
    app.ui_dirty = false;
    fx.push(Effect::SaveSession);
}

/// Keys of the step on screen.
pub fn command(app: &mut App, cmd: Cmd, fx: &mut Vec<Effect>) {
    match app.step {
        Step::Prerequisites => prereqs(app, cmd, fx),
        Step::Verify => verify(app, cmd, fx),
        Step::Propose => propose(app, cmd, fx),
        Step::Build => build(app, cmd, fx),
        Step::Submit => submit(app, cmd, fx),
        Step::Certify | Step::Deploy => track(app, cmd, fx),
    }
}

// ---- Prerequisites ----

fn prereqs(app: &mut App, cmd: Cmd, fx: &mut Vec<Effect>) {
    let Some(item) = Prereq::ALL.get(app.prereq_nav.selected).copied() else {
        return;
    };
    match cmd {
        Cmd::Toggle | Cmd::Activate => {
            change(app, fx, |s| item.toggle(s));
            if app.session().is_some_and(|s| s.prerequisites.all_done())
                && app.step == Step::Prerequisites
            {
                app.say("All three prerequisites done. Press 1 (or →) for step 1, Verify.");
            }
        }
        Cmd::Open => {
            fx.push(Effect::Open(item.url().to_string()));
            app.say(format!("Opening {}", item.url()));
        }
        _ => {}
    }
}

// ---- 1 Verify ----

/// Runs the search for the current query (fast: the catalog is in memory).
pub fn run_search(app: &mut App) {
    let hits = match &app.verify.catalog {
        Some(c) if !app.verify.query.trim().is_empty() => c.search(&app.verify.query, MATCHES),
        _ => Vec::new(),
    };
    app.verify.hits = hits;
    app.verify.nav.selected = 0;
    app.verify.nav.offset.set(0);
}

/// Every keystroke in the name field: the matches follow.
pub fn query_changed(app: &mut App, text: &str) {
    app.verify.query = text.to_string();
    run_search(app);
}

/// The decision-table outcome a match implies.
pub fn outcome_for(hit: &crate::catalog::SearchHit) -> DuplicateOutcome {
    let pr = hit.pr_number.unwrap_or(0);
    match hit.status {
        HitStatus::Platform => DuplicateOutcome::CannotBuild,
        HitStatus::IndependentPublisher => DuplicateOutcome::ExtendExisting {
            name: hit.name.clone(),
        },
        HitStatus::ProposalPr => DuplicateOutcome::ContactProposal { pr },
        HitStatus::OpenPr => DuplicateOutcome::WaitForOpenPr { pr },
    }
}

fn verify(app: &mut App, cmd: Cmd, fx: &mut Vec<Effect>) {
    match cmd {
        Cmd::EditQuery => {
            if read_only(app) {
                return;
            }
            let q = app.verify.query.clone();
            app.editor = Some(query_editor(&q));
        }
        Cmd::Activate => {
            let Some(hit) = app.verify.hits.get(app.verify.nav.selected).cloned() else {
                app.say("No match selected. Type a name (/), or press n if nothing matches.");
                return;
            };
            let outcome = outcome_for(&hit);
            let label = outcome.label();
            let query = app.verify.query.clone();
            change(app, fx, |s| {
                s.is_update = matches!(outcome, DuplicateOutcome::ExtendExisting { .. });
                s.duplicate.query = query;
                s.duplicate.match_name = Some(hit.name.clone());
                s.duplicate.match_url = hit.url.clone();
                s.duplicate.outcome = Some(outcome);
            });
            app.say(format!("Decision: {label}."));
        }
        Cmd::NoDuplicate => {
            if let Some(dup) = app.verify.hits.iter().find(|h| h.duplicate) {
                app.popup = Some(Popup::Confirm {
                    title: "No duplicate?".into(),
                    body: vec![
                        format!(
                            "\"{}\" ({}) looks like the same service.",
                            dup.name,
                            status_label(dup.status)
                        ),
                        "Reviewers close new PRs that duplicate an existing connector.".into(),
                        "Build a new connector anyway?".into(),
                    ],
                    on_yes: Pending::NoDuplicate,
                });
            } else {
                choose_no_duplicate(app, fx);
            }
        }
        Cmd::Open => {
            let url = crate::catalog::pr_search_url(&app.verify.query);
            app.say("Opening the pull-request search on GitHub.");
            fx.push(Effect::Open(url));
        }
        Cmd::OpenFolder => {
            if let Some(url) = app
                .verify
                .hits
                .get(app.verify.nav.selected)
                .and_then(|h| h.url.clone())
            {
                fx.push(Effect::Open(url));
            }
        }
        _ => {}
    }
}

fn choose_no_duplicate(app: &mut App, fx: &mut Vec<Effect>) {
    let query = app.verify.query.clone();
    change(app, fx, |s| {
        s.is_update = false;
        s.duplicate.query = query;
        s.duplicate.match_name = None;
        s.duplicate.match_url = None;
        s.duplicate.outcome = Some(DuplicateOutcome::NoDuplicate);
    });
    app.say("Decision: no duplicate. Next: 2 Propose.");
}

pub fn status_label(s: HitStatus) -> &'static str {
    match s {
        HitStatus::Platform => "on the platform",
        HitStatus::IndependentPublisher => "independent publisher",
        HitStatus::ProposalPr => "proposal PR",
        HitStatus::OpenPr => "open PR",
    }
}

// ---- 2 Propose ----

fn propose(app: &mut App, cmd: Cmd, fx: &mut Vec<Effect>) {
    let rows = ProposeRow::all();
    let Some(row) = rows.get(app.propose_nav.selected).copied() else {
        return;
    };
    match (cmd, row) {
        (Cmd::Activate | Cmd::Toggle, ProposeRow::Field(f)) if f.is_choice() => {
            change(app, fx, |s| match f {
                PropField::Auth => {
                    let all = crate::session::AuthKind::ALL;
                    let i = all.iter().position(|a| *a == s.proposal.auth).unwrap_or(0);
                    s.proposal.auth = all[(i + 1) % all.len()];
                }
                _ => s.proposal.collaborators_welcome = !s.proposal.collaborators_welcome,
            });
            app.unexported.intro = true;
        }
        (Cmd::Activate, ProposeRow::Field(f)) => {
            if read_only(app) {
                return;
            }
            let text = app.session().map(|s| f.get(s)).unwrap_or_default();
            let mut ed = Editor::new(EditTarget::Proposal(f), f.label(), &text, f.multiline());
            ed.problem = f.problem(&text);
            app.editor = Some(ed);
        }
        (Cmd::Activate, ProposeRow::Title) => {
            app.say("The proposal title follows the connector's name; it is checked against PROPOSAL-TITLE.");
        }
        (Cmd::Activate, ProposeRow::ExportIntro) | (Cmd::ExportIntro, _) => {
            super::artefacts::preview_intro(app)
        }
        (Cmd::Activate, ProposeRow::OpenCompare) | (Cmd::Open, _) => {
            super::artefacts::open_proposal(app, fx)
        }
        (Cmd::Activate | Cmd::Toggle, ProposeRow::Opened) | (Cmd::Today, _) => {
            let today = app.today;
            let set = app
                .session()
                .is_some_and(|s| s.events.proposal_opened.is_none());
            change(app, fx, |s| s.events.proposal_opened = set.then_some(today));
            app.say(if set {
                "Recorded: proposal PR opened today."
            } else {
                "Cleared the proposal date."
            });
        }
        _ => {}
    }
}

// ---- 3 Build ----

fn build(app: &mut App, cmd: Cmd, fx: &mut Vec<Effect>) {
    match cmd {
        Cmd::NextPane => {
            app.build.findings_focus = !app.build.findings_focus;
        }
        Cmd::Activate if app.build.findings_focus => {
            let Some(f) = app.build.finding(app.build.findings_nav.selected).cloned() else {
                return;
            };
            match super::fields::field_of(&app.build.fields, &f) {
                Some(i) => {
                    app.build.fields_nav.selected = i;
                    app.build.findings_focus = false;
                    note_position(app);
                    edit_swagger_field(app, i);
                }
                None => app.say(format!(
                    "{} is not an editable text field: {}:{} ({}). Fix it in your editor, then press r.",
                    f.rule, f.file, f.line, f.help
                )),
            }
        }
        Cmd::Activate => {
            if app.build.connector.is_none() {
                ask_path(app, PathPurpose::ConnectorFolder);
            } else {
                edit_swagger_field(app, app.build.fields_nav.selected);
            }
        }
        Cmd::OpenFolder => ask_path(app, PathPurpose::ConnectorFolder),
        Cmd::Recheck => {
            if let Some(dir) = app.session().and_then(|s| s.connector_dir.clone()) {
                app.build.loading = true;
                fx.push(load_job(
                    app,
                    dir,
                    None,
                    Some("Re-read and re-checked.".into()),
                ));
            }
        }
        Cmd::ApplyFixes => {
            if read_only(app) {
                return;
            }
            let fixes: Vec<String> = app
                .build
                .findings
                .iter()
                .filter_map(|f| {
                    f.safe_fix()
                        .map(|x| format!("• {} — {}", f.rule, x.description))
                })
                .collect();
            if fixes.is_empty() {
                app.say("No safe fixes to apply.");
                return;
            }
            let mut body = vec![format!(
                "Apply {} safe fix(es)? Only the bytes of these values change:",
                fixes.len()
            )];
            body.extend(fixes.into_iter().take(12));
            if app.build.fixable() > 12 {
                body.push(format!("… and {} more", app.build.fixable() - 12));
            }
            app.popup = Some(Popup::Confirm {
                title: "Apply safe fixes".into(),
                body,
                on_yes: Pending::ApplyFixes,
            });
        }
        Cmd::WriteApiProperties => super::artefacts::preview_api_properties(app),
        Cmd::WriteReadme => super::artefacts::preview_readme(app),
        _ => {}
    }
}

/// The job that reads and checks a connector folder, with the session's kind.
pub fn load_job(
    app: &App,
    path: std::path::PathBuf,
    keep: Option<String>,
    note: Option<String>,
) -> Effect {
    let kind = app.session().map(|s| s.kind);
    Effect::Job(Job::LoadConnector {
        path,
        keep,
        note,
        kind,
    })
}

/// Asks for a folder path.
pub fn ask_path(app: &mut App, purpose: PathPurpose) {
    if read_only(app) {
        return;
    }
    let (title, current) = match purpose {
        PathPurpose::ConnectorFolder => (
            "Connector folder (apiDefinition.swagger.json, apiProperties.json, readme.md)",
            app.session().and_then(|s| s.connector_dir.clone()),
        ),
        PathPurpose::ExportRepo => (
            "Checkout of microsoft/PowerPlatformConnectors",
            app.export_repo.clone(),
        ),
        PathPurpose::IntroFolder => (
            "Connector folder for intro.md (created when missing)",
            app.session().and_then(|s| s.connector_dir.clone()),
        ),
    };
    let text = current.map(|p| p.display().to_string()).unwrap_or_default();
    let mut ed = Editor::new(EditTarget::Path(purpose), title, &text, false);
    ed.problem = None;
    app.editor = Some(ed);
}

/// After a folder is read: the breaking-change check when it is inside a git checkout, and
/// the field to return to.
pub fn after_load(app: &mut App, path: &std::path::Path, fx: &mut Vec<Effect>) {
    if app.step == Step::Build {
        let saved = app.session().and_then(|s| s.ui.field.clone());
        if let Some(p) = saved.as_deref().and_then(|f| f.strip_prefix("build:")) {
            if app
                .build
                .fields
                .get(app.build.fields_nav.selected)
                .map(|f| f.pointer.as_str())
                != Some(p)
            {
                let p = p.to_string();
                app.build.select_pointer(&p);
            }
        }
        note_position(app);
    }
    // Updating a connector of a checkout: the breaking changes against the committed version.
    let swagger = app
        .build
        .connector
        .as_ref()
        .and_then(|c| c.swagger.as_ref())
        .map(|s| (s.path.clone(), s.display.clone()));
    match swagger {
        Some((swagger, display)) if super::artefacts::in_git_checkout(path) => {
            fx.push(Effect::Job(Job::Breaking { swagger, display }));
        }
        _ => app.build.breaking.clear(),
    }
}

// ---- 4 Submit ----

fn submit(app: &mut App, cmd: Cmd, fx: &mut Vec<Effect>) {
    super::artefacts::submit_command(app, cmd, fx);
}

/// The rows of step 4.
pub fn submit_rows(app: &App) -> Vec<super::artefacts::SubmitRow> {
    super::artefacts::submit_rows(app)
}

// ---- 5 Certify, 6 Deploy ----

fn track(app: &mut App, cmd: Cmd, fx: &mut Vec<Effect>) {
    let Some(s) = app.session() else { return };
    let rows = track_rows(app.step, s);
    let slot = rows.get(app.track_nav.selected).copied();
    match cmd {
        Cmd::Activate => {
            let Some(slot) = slot else { return };
            if read_only(app) {
                return;
            }
            let Some(s) = app.session() else { return };
            let (target, title, text) = match slot {
                DateSlot::Round(i) => {
                    let r = &s.events.feedback_rounds[i];
                    (
                        EditTarget::RoundNote(i),
                        format!("{} — date and note", slot.label()),
                        format!("{} {}", r.date, r.note).trim_end().to_string(),
                    )
                }
                _ => (
                    EditTarget::Date(slot),
                    format!("{} (YYYY-MM-DD, empty clears)", slot.label()),
                    slot.get(s).map(|d| d.to_string()).unwrap_or_default(),
                ),
            };
            app.editor = Some(Editor::new(target, title, &text, false));
        }
        Cmd::Today => {
            let Some(slot) = slot else { return };
            let today = app.today;
            change(app, fx, |s| slot.set(s, Some(today)));
            app.say(format!("{}: {today}.", slot.label()));
        }
        Cmd::AddRound => {
            let today = app.today;
            change(app, fx, |s| {
                s.events.feedback_rounds.push(FeedbackRound {
                    date: today,
                    note: String::new(),
                })
            });
            if let Some(s) = app.session() {
                let n = s.events.feedback_rounds.len();
                if let Some(i) = track_rows(Step::Certify, s)
                    .iter()
                    .position(|r| *r == DateSlot::Round(n - 1))
                {
                    if app.step == Step::Certify {
                        app.track_nav.selected = i;
                    }
                }
                app.say(format!(
                    "Feedback round {n} added, dated today. Enter edits its date and note."
                ));
            }
        }
        Cmd::Delete => {
            let Some(slot) = slot else { return };
            if app.session().is_some_and(|s| slot.get(s).is_none()) {
                return;
            }
            app.popup = Some(Popup::Confirm {
                title: "Clear?".into(),
                body: vec![match slot {
                    DateSlot::Round(_) => format!("Delete {}?", slot.label().to_lowercase()),
                    _ => format!("Clear the date of \"{}\"?", slot.label()),
                }],
                on_yes: Pending::ClearDate(slot),
            });
        }
        _ => {}
    }
}

// ---- saving typed text ----

pub fn save_text(
    app: &mut App,
    target: EditTarget,
    text: &str,
    changed: bool,
    fx: &mut Vec<Effect>,
) {
    match target {
        EditTarget::Query => {
            let text = text.trim().to_string();
            app.verify.query = text.clone();
            if changed {
                change(app, fx, |s| s.duplicate.query = text);
            }
            if !app.verify.hits.is_empty() {
                app.say("Choose the match that is your connector (Enter), or n if none is.");
            }
        }
        EditTarget::Proposal(f) => {
            if changed {
                change(app, fx, |s| f.set(s, text));
                app.unexported.intro = true;
                app.say(format!("{} saved.", f.label()));
            }
        }
        EditTarget::Path(PathPurpose::ConnectorFolder) => {
            let path = super::update::expand_home(text.trim());
            app.build = BuildState {
                loading: true,
                generation: app.build.generation + 1,
                ..BuildState::default()
            };
            fx.push(load_job(
                app,
                path,
                None,
                Some("Folder opened and checked.".into()),
            ));
        }
        EditTarget::Path(PathPurpose::IntroFolder) => {
            let path = super::update::expand_home(text.trim());
            change(app, fx, |s| s.connector_dir = Some(path));
            super::artefacts::preview_intro(app);
        }
        EditTarget::Path(PathPurpose::ExportRepo) => {
            let path = super::update::expand_home(text.trim());
            app.export_repo = Some(path.clone());
            super::artefacts::start_export_plan(app, path, fx);
        }
        EditTarget::Date(slot) => {
            let d = chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok();
            if changed {
                change(app, fx, |s| slot.set(s, d));
            }
        }
        EditTarget::RoundNote(i) => {
            let t = text.trim();
            let (date, note) = match t.split_once(char::is_whitespace) {
                Some((d, n)) => (d, n.trim()),
                None => (t, ""),
            };
            let Ok(date) = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d") else {
                app.warn("Start with the date (YYYY-MM-DD), then the note. Nothing was saved.");
                return;
            };
            let note = note.to_string();
            change(app, fx, |s| {
                if let Some(r) = s.events.feedback_rounds.get_mut(i) {
                    r.date = date;
                    r.note = note;
                }
            });
        }
        EditTarget::NewSession | EditTarget::Swagger { .. } | EditTarget::PrTitle => {}
    }
}

/// What to do after a yes that belongs to a step.
pub fn pending(app: &mut App, p: Pending, fx: &mut Vec<Effect>) {
    match p {
        Pending::ClearDate(slot) => {
            change(app, fx, |s| slot.set(s, None));
            app.track_nav.clamp(
                app.session()
                    .map(|s| track_rows(app.step, s).len())
                    .unwrap_or(0),
            );
        }
        Pending::NoDuplicate => choose_no_duplicate(app, fx),
        Pending::ExportApply { view, overwrite } => {
            if view.changed > 0 && !overwrite {
                app.popup = Some(Popup::Confirm {
                    title: "Replace changed files?".into(),
                    body: vec![
                        format!("{} file(s) in {} differ from what the export writes (the diffs were in the plan).", view.changed, view.plan.target_relative()),
                        "Replace them? n cancels the export: nothing is written.".into(),
                    ],
                    on_yes: Pending::ExportApply { view, overwrite: true },
                });
                return;
            }
            fx.push(Effect::Job(Job::ExportApply { view, overwrite }));
            app.say("Exporting…");
        }
        _ => {}
    }
}

/// Results that belong to a step.
pub fn done(app: &mut App, outcome: Outcome, fx: &mut Vec<Effect>) {
    match outcome {
        Outcome::CatalogLoaded(Ok((catalog, warnings))) => {
            app.verify.loading = false;
            app.verify.catalog = Some(catalog);
            if let Some(w) = warnings.first() {
                app.warn(w.clone());
            }
            app.verify.warnings = warnings;
            run_search(app);
        }
        Outcome::CatalogLoaded(Err(e)) => {
            app.verify.loading = false;
            app.verify.error = Some(e);
        }
        other => super::artefacts::done(app, other, fx),
    }
}

/// Recomputes the status of each step from the session (and the checked folder). Returns
/// whether anything changed.
pub fn refresh_statuses(app: &mut App) -> bool {
    let build_errors = app
        .build
        .connector
        .as_ref()
        .map(|_| app.build.summary.errors);
    let exported = super::artefacts::exported(app);
    let Some(open) = app.session.as_mut() else {
        return false;
    };
    if open.is_read_only() {
        return false;
    }
    let s = open.session_mut();
    let before = (s.steps, s.current_step);
    let p = &s.prerequisites;
    let prereq = match (p.repository as u8) + (p.learning_content as u8) + (p.manifesto as u8) {
        3 => StepStatus::Done,
        0 => StepStatus::NotStarted,
        _ => StepStatus::InProgress,
    };
    s.set_status(Step::Prerequisites, prereq);
    let verify = match &s.duplicate.outcome {
        None if s.duplicate.query.is_empty() => StepStatus::NotStarted,
        None => StepStatus::InProgress,
        Some(DuplicateOutcome::CannotBuild | DuplicateOutcome::WaitForOpenPr { .. }) => {
            StepStatus::Blocked
        }
        Some(_) => StepStatus::Done,
    };
    s.set_status(Step::Verify, verify);
    let proposal_started = s.proposal != Default::default();
    let propose = if s.events.proposal_opened.is_some() {
        StepStatus::Done
    } else if proposal_started || s.is_update {
        StepStatus::InProgress
    } else {
        StepStatus::NotStarted
    };
    s.set_status(Step::Propose, propose);
    if let Some(errors) = build_errors {
        s.set_status(
            Step::Build,
            if errors == 0 {
                StepStatus::Done
            } else {
                StepStatus::InProgress
            },
        );
    } else if s.connector_dir.is_some() && s.status(Step::Build) == StepStatus::NotStarted {
        s.set_status(Step::Build, StepStatus::InProgress);
    }
    let submit = if s.events.submitted.is_some()
        && (exported || s.status(Step::Submit) == StepStatus::Done)
    {
        StepStatus::Done
    } else if s.events.submitted.is_some() || exported || s.checklist.values().any(|v| *v) {
        StepStatus::InProgress
    } else {
        StepStatus::NotStarted
    };
    s.set_status(Step::Submit, submit);
    let e = s.events.clone();
    let certify = if e.certified.is_some() {
        StepStatus::Done
    } else if e.submitted.is_some() || !e.feedback_rounds.is_empty() || e.merged.is_some() {
        StepStatus::InProgress
    } else {
        StepStatus::NotStarted
    };
    s.set_status(Step::Certify, certify);
    let deploy = if e.deployed.is_some() {
        StepStatus::Done
    } else if e.deployment_started.is_some()
        || e.preview_test_start.is_some()
        || e.certified.is_some()
    {
        StepStatus::InProgress
    } else {
        StepStatus::NotStarted
    };
    s.set_status(Step::Deploy, deploy);
    // The step reached: the first one not done.
    s.current_step = Step::ALL
        .iter()
        .copied()
        .find(|st| s.status(*st) != StepStatus::Done)
        .unwrap_or(Step::Deploy);
    (s.steps, s.current_step) != before
}

/// The issues of the proposal title, for the Propose screen.
pub fn proposal_title_issues(title: &str) -> Vec<crate::rules::FieldIssue> {
    crate::rules::check_field(Field::ProposalTitle, title, &Default::default())
}

/// Severity mark used by the step views.
pub fn mark(s: Option<Severity>) -> &'static str {
    match s {
        Some(Severity::Error) => "✗",
        Some(Severity::Warning) => "!",
        Some(Severity::Info) => "i",
        None => " ",
    }
}
