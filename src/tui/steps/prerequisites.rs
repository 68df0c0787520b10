//! Prerequisites: the three items of the seed article, ticked by the person.

use super::common::open_link;
use crate::session::Prerequisite;
use crate::tui::action::{Cmd, Effect};
use crate::tui::list::{ListId, ListNav};
use crate::tui::shared::Shared;

#[derive(Debug, Default)]
pub struct State {
    pub nav: ListNav,
}

pub fn list(_st: &State) -> (ListId, usize) {
    (ListId::Prereqs, Prerequisite::ALL.len())
}

pub fn command(st: &mut State, sh: &mut Shared, cmd: Cmd, fx: &mut Vec<Effect>) {
    let Some(item) = Prerequisite::ALL.get(st.nav.selected).copied() else {
        return;
    };
    match cmd {
        Cmd::Toggle | Cmd::Activate if sh.change(fx, |s| item.toggle(s)) => {
            if sh.session().is_some_and(|s| s.prerequisites.all_done()) {
                sh.say("All three prerequisites done. Press 1 (or →) for step 1, Verify.");
            } else {
                sh.quiet();
            }
        }
        Cmd::Open => {
            sh.say(format!("Opening {}", item.url()));
            open_link(sh, item.url().to_string(), fx);
        }
        _ => {}
    }
}

pub fn field_id(st: &State) -> Option<String> {
    Prerequisite::ALL
        .get(st.nav.selected)
        .map(|p| p.id().to_string())
}

pub fn restore_field(st: &mut State, id: &str) {
    if let Some(i) = Prerequisite::ALL.iter().position(|p| p.id() == id) {
        st.nav.selected = i;
    }
}
