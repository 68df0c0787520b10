//! 2 Propose: the connector's name (checked with the title rules, renamed here), the proposal
//! PR title, the intro.md fields with a live preview, writing intro.md and opening the
//! proposal PR.

use super::common::{edit_date, open_compare, preview_generated, rename_editor, today_or_clear};
use crate::generate;
use crate::rules::{check_field, Field, FieldContext, FieldIssue};
use crate::session::{AuthKind, EventSlot, ProposalField, Session};
use crate::tui::action::{Cmd, Effect, PathPurpose};
use crate::tui::editor::{EditTarget, Editor};
use crate::tui::list::{ListId, ListNav, Pane, Scroll};
use crate::tui::shared::Shared;

/// The rows of step 2: the name, the proposal title, the fields, then the actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Name,
    Title,
    Field(ProposalField),
    ExportIntro,
    OpenCompare,
    Opened,
}

impl Row {
    pub fn id(self) -> String {
        match self {
            Row::Name => "propose.name".into(),
            Row::Title => "propose.title".into(),
            Row::Field(f) => f.id().into(),
            Row::ExportIntro => "propose.export".into(),
            Row::OpenCompare => "propose.compare".into(),
            Row::Opened => "propose.opened".into(),
        }
    }
}

/// The rows for a session (the API-key field only for API-key connectors).
pub fn rows(s: &Session) -> Vec<Row> {
    let mut v = vec![Row::Name, Row::Title];
    v.extend(
        ProposalField::ALL
            .iter()
            .filter(|f| f.applies(s))
            .map(|f| Row::Field(*f)),
    );
    v.extend([Row::ExportIntro, Row::OpenCompare, Row::Opened]);
    v
}

#[derive(Debug, Default)]
pub struct State {
    pub nav: ListNav,
    pub focus: Pane,
    /// The intro.md preview pane.
    pub preview: Scroll,
    pub rows: Vec<Row>,
    pub name: String,
    /// The title rules on the connector's name.
    pub name_issues: Vec<FieldIssue>,
    pub title: String,
    pub title_issues: Vec<FieldIssue>,
    /// Problems of the saved proposal fields (a session from an older build may hold them).
    pub problems: Vec<(ProposalField, String)>,
    /// intro.md as it would be written, following the typing.
    pub intro: String,
    pub todos: usize,
    key: String,
}

pub fn list(st: &State) -> (ListId, usize) {
    (ListId::Propose, st.rows.len())
}

/// Recomputes what the view shows: the rows, the titles and their rules, the preview.
pub fn sync(st: &mut State, sh: &Shared) {
    let Some(s) = sh.session() else { return };
    let typing = sh.editor.as_ref().and_then(|ed| match ed.target {
        EditTarget::Proposal(f) => Some((f, ed.text())),
        _ => None,
    });
    let key = format!(
        "{}|{}|{}|{:?}|{:?}|{:?}|{:?}",
        sh.workspace.generation,
        s.name,
        s.is_update,
        s.kind,
        s.proposal,
        s.duplicate.outcome,
        typing
    );
    st.rows = rows(s);
    st.nav.clamp(st.rows.len());
    if key == st.key {
        return;
    }
    st.key = key;
    st.name = generate::connector_name(s);
    let ctx = FieldContext {
        kind: s.kind,
        is_update: s.is_update,
        ..Default::default()
    };
    st.name_issues = check_field(Field::Title, &st.name, &ctx);
    st.title = generate::proposal_pr_title(s);
    st.title_issues = check_field(Field::ProposalTitle, &st.title, &Default::default());
    st.problems = ProposalField::ALL
        .iter()
        .filter_map(|f| f.problem(&f.get(s)).map(|p| (*f, p)))
        .collect();
    // The preview follows the typing.
    let shown = match &typing {
        Some((f, text)) => {
            let mut shown = s.clone();
            f.set(&mut shown, text);
            std::borrow::Cow::Owned(shown)
        }
        None => std::borrow::Cow::Borrowed(s),
    };
    st.intro = generate::intro_md(&shown, sh.workspace.connector.as_ref());
    st.todos = generate::todos(&st.intro).len();
}

pub fn command(st: &mut State, sh: &mut Shared, cmd: Cmd, fx: &mut Vec<Effect>) {
    if cmd == Cmd::NextPane {
        st.focus = st.focus.other();
        return;
    }
    if st.focus == Pane::Side && st.preview.on(cmd) {
        return;
    }
    let Some(row) = st.rows.get(st.nav.selected).copied() else {
        return;
    };
    match (cmd, row) {
        (Cmd::Activate | Cmd::Toggle, Row::Field(f)) if f.is_choice() => {
            sh.change(fx, |s| match f {
                ProposalField::Auth => {
                    let all = AuthKind::ALL;
                    let i = all.iter().position(|a| *a == s.proposal.auth).unwrap_or(0);
                    s.proposal.auth = all[(i + 1) % all.len()];
                }
                _ => s.proposal.collaborators_welcome = !s.proposal.collaborators_welcome,
            });
        }
        (Cmd::Activate, Row::Field(f)) => edit_field(sh, f),
        (Cmd::Activate, Row::Name | Row::Title) => rename_editor(sh),
        (Cmd::Activate, Row::ExportIntro) | (Cmd::ExportIntro, _) => {
            preview_generated(sh, "intro.md", PathPurpose::IntroFolder, fx)
        }
        (Cmd::Activate, Row::OpenCompare) | (Cmd::Open, _) => open_compare(sh, true, fx),
        (Cmd::Activate, Row::Opened) => edit_date(sh, EventSlot::ProposalOpened),
        (Cmd::Toggle, Row::Opened) | (Cmd::Today, _) => {
            match today_or_clear(sh, EventSlot::ProposalOpened, fx) {
                Some(true) => sh.say("Recorded: proposal PR opened today."),
                Some(false) => sh.say("Cleared the proposal date."),
                None => {}
            }
        }
        _ => {}
    }
}

/// The editor of a proposal field, with the check of its text.
pub fn edit_field(sh: &mut Shared, f: ProposalField) {
    if sh.refuse_read_only() {
        return;
    }
    let text = sh.session().map(|s| f.get(s)).unwrap_or_default();
    let title = match f {
        ProposalField::ApiKeyHelp => {
            "Where the API key is created (e.g. Settings > API keys)".to_string()
        }
        ProposalField::Categories => {
            "Categories (one or two of the documented list, one a line)".to_string()
        }
        _ => f.label().to_string(),
    };
    let mut ed = Editor::new(EditTarget::Proposal(f), title, &text, f.multiline());
    ed.problem = f.problem(&text);
    sh.editor = Some(ed);
}

/// Saving a proposal field: the check that ran while typing holds at save; an invalid text
/// keeps the editor open with its message.
pub fn save_field(sh: &mut Shared, f: ProposalField, ed: Editor, fx: &mut Vec<Effect>) {
    let text = ed.text();
    if let Some(p) = f.problem(&text) {
        sh.warn(format!("{} not saved: {p}.", f.label()));
        let mut ed = ed;
        ed.problem = Some(p);
        sh.editor = Some(ed);
        return;
    }
    if !ed.changed() {
        sh.quiet();
        return;
    }
    if sh.change(fx, |s| f.set(s, &text)) {
        sh.say(format!("{} saved.", f.label()));
    }
}

pub fn field_id(st: &State) -> Option<String> {
    st.rows.get(st.nav.selected).map(|r| r.id())
}

pub fn restore_field(st: &mut State, sh: &Shared, id: &str) {
    if let Some(s) = sh.session() {
        st.rows = rows(s);
    }
    if let Some(i) = st.rows.iter().position(|r| r.id() == id) {
        st.nav.selected = i;
    }
}
