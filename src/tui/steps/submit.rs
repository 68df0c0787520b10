//! 4 Submit: the PR checklist (ticked by the program where it verified the item, by the
//! person where only they can vouch for it), the final PR title and body, the pull request's
//! number, the checkout (kept in the session), the export onto the connector's branch and the
//! PR page.

use super::common::{
    ask_path, edit_date, export_status, open_compare, open_link, rename_editor, today_or_clear,
};
use crate::generate::{self, ChecklistItem, Tick};
use crate::rules::{check_field, Field, FieldContext, FieldIssue};
use crate::session::EventSlot;
use crate::tui::action::{
    BranchChoice, Cmd, Effect, ExportPlanView, Exported, PathPurpose, Pending, Work,
};
use crate::tui::editor::{EditTarget, Editor};
use crate::tui::list::{ListId, ListNav, Pane, Scroll};
use crate::tui::shared::{Popup, Shared};

/// The rows of step 4.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A PR template item (its index in the checklist).
    Check(usize),
    Title,
    Body,
    PullRequest,
    Repo,
    Export,
    Compare,
    Submitted,
}

#[derive(Debug, Default)]
pub struct State {
    pub nav: ListNav,
    pub focus: Pane,
    /// The detail pane under the list.
    pub detail: Scroll,
    pub rows: Vec<Row>,
    /// The PR template checklist, as the generator decides it.
    pub items: Vec<ChecklistItem>,
    pub title: String,
    pub title_issues: Vec<FieldIssue>,
    key: String,
}

impl State {
    pub fn row_id(&self, row: &Row) -> String {
        match row {
            Row::Check(i) => format!(
                "checklist.{}",
                self.items.get(*i).map(|i| i.id).unwrap_or("?")
            ),
            Row::Title => "submit.title".into(),
            Row::Body => "submit.body".into(),
            Row::PullRequest => "submit.pr".into(),
            Row::Repo => "submit.repo".into(),
            Row::Export => "submit.export".into(),
            Row::Compare => "submit.compare".into(),
            Row::Submitted => "events.submitted".into(),
        }
    }
}

pub fn list(st: &State) -> (ListId, usize) {
    (ListId::Submit, st.rows.len())
}

/// Recomputes the checklist, the rows and the title checks when the session or the folder
/// changed (in update, never while drawing).
pub fn sync(st: &mut State, sh: &Shared) {
    let Some(s) = sh.session() else { return };
    let key = format!(
        "{}|{}|{:?}|{}|{:?}|{:?}|{:?}",
        sh.workspace.generation,
        sh.workspace.breaking.len(),
        s.checklist,
        s.name,
        s.kind,
        s.is_update,
        s.duplicate.outcome
    );
    if key == st.key {
        return;
    }
    st.key = key;
    let c = sh.workspace.connector.as_ref();
    let findings = c.map(|_| sh.workspace.findings.as_slice());
    st.items = generate::checklist(s, c, findings);
    st.rows = (0..st.items.len()).map(Row::Check).collect();
    st.rows.extend([
        Row::Title,
        Row::Body,
        Row::PullRequest,
        Row::Repo,
        Row::Export,
        Row::Compare,
        Row::Submitted,
    ]);
    st.nav.clamp(st.rows.len());
    st.title = generate::pr_title(s);
    let ctx = FieldContext {
        is_update: s.is_update,
        ..Default::default()
    };
    st.title_issues = check_field(Field::PrTitle, &st.title, &ctx);
}

pub fn command(st: &mut State, sh: &mut Shared, cmd: Cmd, fx: &mut Vec<Effect>) {
    if cmd == Cmd::NextPane {
        st.focus = st.focus.other();
        return;
    }
    if st.focus == Pane::Side && st.detail.on(cmd) {
        return;
    }
    let Some(row) = st.rows.get(st.nav.selected).cloned() else {
        return;
    };
    match (cmd, &row) {
        (Cmd::Toggle | Cmd::Activate, Row::Check(i)) => {
            let Some(item) = st.items.get(*i).cloned() else {
                return;
            };
            tick(sh, &item, fx);
        }
        (Cmd::Toggle | Cmd::Activate, Row::Title) => rename_editor(sh),
        (Cmd::Toggle | Cmd::Activate, Row::Body) => {
            let Some(s) = sh.session() else { return };
            let c = sh.workspace.connector.as_ref();
            let body = generate::pr_body(s, c, c.map(|_| sh.workspace.findings.as_slice()));
            sh.popup = Some(Popup::Preview {
                title: "PR body (read only: o opens the PR page with it)".into(),
                text: body,
                scroll: Default::default(),
                on_yes: None,
                yes_label: String::new(),
                alt: None,
            });
        }
        (Cmd::Toggle | Cmd::Activate, Row::PullRequest) => pr_editor(sh),
        (Cmd::Toggle | Cmd::Activate, Row::Repo) => ask_path(sh, PathPurpose::ExportRepo),
        (Cmd::Toggle | Cmd::Activate, Row::Export) | (Cmd::Export, _) => match sh.checkout() {
            Some(repo) => plan(sh, repo, fx),
            None => ask_path(sh, PathPurpose::ExportRepo),
        },
        (Cmd::Toggle | Cmd::Activate, Row::Compare) | (Cmd::Open, _) => {
            match sh.session().and_then(|s| pr_url(&s.pr)) {
                Some(url) => {
                    sh.say("Opening the pull request on GitHub.");
                    open_link(sh, url, fx);
                }
                None => open_compare(sh, false, fx),
            }
        }
        (Cmd::Activate, Row::Submitted) => edit_date(sh, EventSlot::Submitted),
        (Cmd::Toggle, Row::Submitted) | (Cmd::Today, _) => {
            match today_or_clear(sh, EventSlot::Submitted, fx) {
                Some(true) => {
                    sh.say("Recorded: submitted today. Step 5 shows when to expect feedback.")
                }
                Some(false) => sh.say("Cleared the submission date."),
                None => {}
            }
        }
        _ => {}
    }
}

/// Space on a checklist row: the person's items tick and untick; the program's items say
/// what decides them, and nothing is stored.
fn tick(sh: &mut Shared, item: &ChecklistItem, fx: &mut Vec<Effect>) {
    if !item.confirmable {
        let why = match item.tick {
            Tick::NotApplicable => format!("{} does not apply: {}.", item.id, item.note),
            Tick::Verified => format!("{} is verified by the program: {}.", item.id, item.note),
            _ => format!(
                "{} is decided by the program, not ticked by hand: {}.",
                item.id, item.note
            ),
        };
        sh.say(why);
        return;
    }
    let id = item.id.to_string();
    let now = !item.tick.is_ticked();
    if sh.change(fx, |s| {
        s.checklist.insert(id.clone(), now);
    }) {
        sh.say(format!("{id} {}.", if now { "ticked" } else { "unticked" }));
    }
}

/// The link of the pull request, from its URL or number.
pub fn pr_url(pr: &crate::session::PullRequest) -> Option<String> {
    pr.url
        .clone()
        .or_else(|| pr.number.map(crate::links::pull_request_url))
}

/// The editor of the pull request's number, with the pull requests of the catalog whose
/// title names the connector as suggestions.
pub fn pr_editor(sh: &mut Shared) {
    if sh.refuse_read_only() {
        return;
    }
    let Some(s) = sh.session() else { return };
    let text = match (s.pr.number, &s.pr.url) {
        (Some(n), _) => format!("#{n}"),
        (None, Some(u)) => u.clone(),
        _ => String::new(),
    };
    let name = generate::connector_name(s);
    let suggestions: Vec<(String, String)> = sh
        .catalog
        .catalog
        .as_ref()
        .map(|c| {
            c.search(&name, 20)
                .into_iter()
                .filter_map(|h| h.pr_number.map(|n| (format!("#{n}"), h.name)))
                .take(5)
                .collect()
        })
        .unwrap_or_default();
    let mut ed = Editor::new(
        EditTarget::PullRequest,
        "Pull request: #number or its URL (↑↓ picks one of the catalog's, empty clears)",
        &text,
        false,
    );
    ed.suggestions = suggestions;
    sh.editor = Some(ed);
}

/// Reads "#4242", "4242" or a pull request URL.
pub fn parse_pr(text: &str) -> Result<Option<(u64, String)>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let number = t
        .trim_start_matches('#')
        .parse::<u64>()
        .ok()
        .or_else(|| {
            let rest = t.split("/pull/").nth(1)?;
            rest.split(['/', '?', '#']).next()?.parse().ok()
        })
        .filter(|n| *n > 0)
        .ok_or_else(|| {
            format!("\"{t}\" is not a pull request: write its number (#4242) or its URL")
        })?;
    let url = if t.starts_with("https://") {
        t.to_string()
    } else {
        crate::links::pull_request_url(number)
    };
    Ok(Some((number, url)))
}

pub fn save_pr(sh: &mut Shared, ed: Editor, fx: &mut Vec<Effect>) {
    match parse_pr(&ed.text()) {
        Err(p) => {
            sh.warn(format!("Not saved: {p}."));
            let mut ed = ed;
            ed.problem = Some(p);
            sh.editor = Some(ed);
        }
        Ok(pr) => {
            let said = match &pr {
                Some((n, _)) => format!("Pull request #{n} recorded: o opens it."),
                None => "Pull request cleared.".to_string(),
            };
            if sh.change(fx, |s| {
                s.pr.number = pr.as_ref().map(|p| p.0);
                s.pr.url = pr.map(|p| p.1);
            }) {
                sh.say(said);
            }
        }
    }
}

/// The checkout was chosen (and checked): remembered in the session, then the plan.
pub fn checkout_chosen(sh: &mut Shared, repo: std::path::PathBuf, fx: &mut Vec<Effect>) {
    let r = repo.clone();
    sh.change(fx, |s| s.checkout.dir = Some(r));
    plan(sh, repo, fx);
}

/// Plans the export into `repo` (a job); the plan is shown before anything is written.
pub fn plan(sh: &mut Shared, repo: std::path::PathBuf, fx: &mut Vec<Effect>) {
    let Some(s) = sh.session().cloned() else {
        return;
    };
    let errors = sh.workspace.errors().unwrap_or(0);
    let e = sh.job(Work::ExportPlan {
        session: Box::new(s),
        repo,
        errors,
    });
    fx.push(e);
    sh.say("Planning the export…");
}

/// The plan arrived: shown with the branch it goes onto and the errors left, then asked.
pub fn planned(sh: &mut Shared, result: Result<Box<ExportPlanView>, String>, fx: &mut Vec<Effect>) {
    let view = match result {
        Ok(v) => v,
        Err(e) => return sh.warn(e),
    };
    use crate::export::BranchVerdict;
    if view.plan.is_up_to_date() && view.plan.problems.is_empty() {
        sh.say(format!("{}: nothing to write.", view.title));
        export_status(sh, fx);
        return;
    }
    let mut yes_label = match view.branch.verdict {
        BranchVerdict::OnOther => format!("switch to `{}`, export", view.branch.wanted),
        _ => "export".to_string(),
    };
    if view.errors > 0 {
        yes_label.push_str(" anyway");
    }
    let alt = (view.branch.verdict == BranchVerdict::OnOther && view.writes).then(|| {
        (
            format!("keep `{}`", view.branch.current.clone().unwrap_or_default()),
            Pending::ExportApply {
                view: view.clone(),
                overwrite: false,
                branch: BranchChoice::Keep,
            },
        )
    });
    sh.say(if view.branch.verdict == BranchVerdict::OnOther {
        "The checkout is on another branch: y switches to the connector's, k keeps it, n cancels."
    } else if view.writes {
        "The plan: y exports, n cancels; nothing is written before the yes."
    } else {
        "The export cannot go ahead: the plan says why."
    });
    sh.popup = Some(Popup::Preview {
        title: view.title.clone(),
        text: view.text.clone(),
        scroll: Default::default(),
        on_yes: view.writes.then_some(Pending::ExportApply {
            view,
            overwrite: false,
            branch: BranchChoice::Connector,
        }),
        yes_label,
        alt,
    });
}

/// After the yes: changed files need a yes of their own, then the job writes.
pub fn apply(
    sh: &mut Shared,
    view: Box<ExportPlanView>,
    overwrite: bool,
    branch: BranchChoice,
    fx: &mut Vec<Effect>,
) {
    if view.changed > 0 && !overwrite {
        sh.popup = Some(Popup::Confirm {
            title: "Replace changed files?".into(),
            body: vec![
                format!(
                    "{} file(s) in {} differ from what the export writes (the diffs were in the plan).",
                    view.changed,
                    view.plan.target_relative()
                ),
                "Replace them? n cancels the export: nothing is written.".into(),
            ],
            on_yes: Pending::ExportApply {
                view,
                overwrite: true,
                branch,
            },
        });
        return;
    }
    let e = sh.job(Work::ExportApply {
        view,
        overwrite,
        branch,
    });
    fx.push(e);
    sh.say("Exporting…");
}

/// The export finished: the branch is remembered, the export status follows the files.
pub fn exported(sh: &mut Shared, result: Result<Exported, String>, fx: &mut Vec<Effect>) {
    match result {
        Ok(done) => {
            if let Some(b) = done.branch.clone() {
                sh.change(fx, |s| s.checkout.branch = Some(b));
            }
            sh.say(done.message);
            export_status(sh, fx);
        }
        Err(e) => sh.warn(e),
    }
}

pub fn field_id(st: &State) -> Option<String> {
    st.rows.get(st.nav.selected).map(|r| st.row_id(r))
}

pub fn restore_field(st: &mut State, sh: &Shared, id: &str) {
    sync(st, sh);
    if let Some(i) = st.rows.iter().position(|r| st.row_id(r) == id) {
        st.nav.selected = i;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pull_requests_are_read_from_numbers_and_urls() {
        assert_eq!(parse_pr("").unwrap(), None);
        assert_eq!(parse_pr("#4242").unwrap().unwrap().0, 4242);
        let (n, url) =
            parse_pr("https://github.com/microsoft/PowerPlatformConnectors/pull/17/files")
                .unwrap()
                .unwrap();
        assert_eq!(n, 17);
        assert!(url.ends_with("/pull/17/files"));
        assert!(parse_pr("soon").is_err());
        assert!(parse_pr("#0").is_err());
    }
}
