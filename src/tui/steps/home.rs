//! The home screen: start a new connector (its name checked with the title rules), resume a
//! saved session, delete one.

use super::common::{name_errors, name_problem};
use crate::rules::Field;
use crate::session::SessionSummary;
use crate::tui::action::{Cmd, Effect, Pending};
use crate::tui::editor::{EditTarget, Editor};
use crate::tui::fields::FieldCtx;
use crate::tui::list::ListNav;
use crate::tui::shared::{Popup, Shared};

#[derive(Debug, Default)]
pub struct State {
    pub sessions: Vec<SessionSummary>,
    /// Row 0 is "+ New connector", then the sessions.
    pub nav: ListNav,
    pub error: Option<String>,
}

impl State {
    /// The rows: "+ New connector" and the sessions.
    pub fn rows(&self) -> usize {
        self.sessions.len() + 1
    }
}

pub fn command(st: &mut State, sh: &mut Shared, cmd: Cmd, fx: &mut Vec<Effect>) {
    match cmd {
        Cmd::Activate => {
            let sel = st.nav.selected;
            if sel == 0 {
                let ed = Editor::new(
                    EditTarget::NewSession,
                    "Name of the new connector",
                    "",
                    false,
                )
                .with_rules(Field::Title, FieldCtx::default());
                sh.editor = Some(ed);
            } else if let Some(s) = st.sessions.get(sel - 1) {
                if let Some(problem) = &s.problem {
                    sh.warn(format!("{} cannot be opened: {problem}", s.path.display()));
                } else {
                    fx.push(Effect::OpenSession {
                        name: s.name.clone(),
                        read_only: false,
                    });
                }
            }
        }
        Cmd::DeleteSession => {
            let sel = st.nav.selected;
            if let Some(s) = sel.checked_sub(1).and_then(|i| st.sessions.get(i)) {
                sh.popup = Some(Popup::Confirm {
                    title: "Delete session?".into(),
                    body: vec![
                        format!("Delete the session \"{}\"?", s.name),
                        format!(
                            "Its file {} is removed. The connector files are not touched.",
                            s.path.display()
                        ),
                    ],
                    on_yes: Pending::DeleteSession(s.name.clone()),
                });
            }
        }
        _ => {}
    }
}

/// Saving the name of a new connector: a name that cannot be a folder keeps the editor open;
/// one that breaks title rules asks first.
pub fn save_name(sh: &mut Shared, ed: Editor, fx: &mut Vec<Effect>) {
    let name = ed.text().trim().to_string();
    if let Some(p) = name_problem(&name) {
        sh.warn(format!("Not created: {p}."));
        let mut ed = ed;
        ed.problem = Some(p);
        sh.editor = Some(ed);
        return;
    }
    let errors = name_errors(&ed);
    if errors.is_empty() {
        fx.push(Effect::CreateSession { name });
        return;
    }
    let mut body = vec![format!("\"{name}\" breaks these title rules:")];
    body.extend(errors.into_iter().map(|e| format!("• {e}")));
    body.push(String::new());
    body.push("Reviewers reject such names. Create the session anyway? (n: edit the name)".into());
    sh.editor = Some(ed);
    sh.popup = Some(Popup::Confirm {
        title: "Create with this name?".into(),
        body,
        on_yes: Pending::CreateSession(name),
    });
}

/// The session list arrived.
pub fn listed(st: &mut State, list: Result<Vec<SessionSummary>, String>) {
    match list {
        Ok(list) => {
            st.sessions = list;
            st.error = None;
            st.nav.clamp(st.rows());
        }
        Err(e) => st.error = Some(e),
    }
}
