//! The model: which screen and step are shown, the state of each step, the shared state and
//! where things were drawn. Drawing reads it; only [`update`](super::update) changes it.

use super::editor::EditTarget;
use super::keymap::Ctx;
use super::list::{HitMap, ListId, ListNav, Pane};
use super::shared::{Popup, Shared};
use super::steps::{build, home, prerequisites, propose, submit, track, verify};
use crate::session::Step;
use chrono::{DateTime, NaiveDate, Utc};

/// Smallest terminal the layout is drawn for; below it a single "enlarge" message shows.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;
/// Below this width the steps sidebar is hidden (`s` shows it).
pub const SIDEBAR_MIN_WIDTH: u16 = 90;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Home,
    Wizard,
}

/// The whole state of the wizard.
pub struct App {
    pub shared: Shared,
    pub screen: Screen,
    /// The step on screen.
    pub step: Step,
    pub home: home::State,
    pub prereqs: prerequisites::State,
    pub verify: verify::State,
    pub propose: propose::State,
    pub build: build::State,
    pub submit: submit::State,
    pub track: track::State,
    pub size: (u16, u16),
    pub mouse: bool,
    /// Colours allowed (`NO_COLOR` unset). Selection never relies on colour.
    pub color: bool,
    /// The sidebar as the author set it with `s`; `None` follows the width.
    pub sidebar: Option<bool>,
    pub hits: HitMap,
    /// Set when the runner should leave.
    pub quit: bool,
}

impl App {
    pub fn new(mouse: bool, color: bool, now: DateTime<Utc>, today: NaiveDate) -> App {
        App {
            shared: Shared::new(now, today),
            screen: Screen::Home,
            step: Step::Prerequisites,
            home: home::State::default(),
            prereqs: prerequisites::State::default(),
            verify: verify::State::default(),
            propose: propose::State::default(),
            build: build::State::default(),
            submit: submit::State::default(),
            track: track::State::default(),
            size: (80, 24),
            mouse,
            color,
            sidebar: None,
            hits: HitMap::default(),
            quit: false,
        }
    }

    pub fn session(&self) -> Option<&crate::session::Session> {
        self.shared.session()
    }

    pub fn too_small(&self) -> bool {
        self.size.0 < MIN_WIDTH || self.size.1 < MIN_HEIGHT
    }

    /// Whether the steps sidebar is drawn at the current width.
    pub fn sidebar_shown(&self) -> bool {
        self.sidebar.unwrap_or(self.size.0 >= SIDEBAR_MIN_WIDTH)
    }

    /// The focus of the step on screen.
    pub fn focus(&self) -> Pane {
        match self.step {
            Step::Propose => self.propose.focus,
            Step::Build => self.build.focus,
            Step::Submit => self.submit.focus,
            Step::Certify | Step::Deploy => self.track.focus,
            Step::Prerequisites | Step::Verify => Pane::Main,
        }
    }

    /// The active key contexts, most specific first.
    pub fn contexts(&self) -> Vec<Ctx> {
        match &self.shared.popup {
            Some(Popup::Help { .. }) => return vec![Ctx::Help, Ctx::Viewer, Ctx::Always],
            Some(Popup::Log { .. }) => return vec![Ctx::Log, Ctx::Viewer, Ctx::Always],
            Some(Popup::Confirm { .. }) => return vec![Ctx::Confirm, Ctx::Always],
            Some(Popup::Preview {
                on_yes: None,
                alt: None,
                ..
            }) => return vec![Ctx::Viewer, Ctx::Always],
            Some(Popup::Preview { alt: Some(_), .. }) => {
                return vec![Ctx::Preview, Ctx::BranchChoice, Ctx::Viewer, Ctx::Always]
            }
            Some(Popup::Preview { .. }) => return vec![Ctx::Preview, Ctx::Viewer, Ctx::Always],
            None => {}
        }
        if let Some(ed) = &self.shared.editor {
            let mut v = vec![Ctx::Editor];
            if ed.target == EditTarget::Query {
                v.insert(0, Ctx::QueryEditor);
            }
            if ed.field.is_some() {
                v.push(Ctx::FieldRules);
            }
            v.push(Ctx::Always);
            return v;
        }
        match self.screen {
            Screen::Home => vec![Ctx::Home, Ctx::List, Ctx::Global, Ctx::Always],
            Screen::Wizard => {
                let side = self.focus() == Pane::Side;
                let mut v = match self.step {
                    Step::Prerequisites => vec![Ctx::Prereqs],
                    Step::Verify => vec![Ctx::Verify],
                    Step::Propose if side => vec![Ctx::PreviewPane, Ctx::Propose],
                    Step::Propose => vec![Ctx::Propose],
                    Step::Build => match build::mode(&self.build) {
                        build::Mode::Form => vec![Ctx::Form],
                        build::Mode::Pick => vec![Ctx::Pick],
                        build::Mode::Start => vec![Ctx::BuildStart],
                        build::Mode::Fields if side => vec![Ctx::Findings, Ctx::Build],
                        build::Mode::Fields => vec![Ctx::Build],
                    },
                    Step::Submit if side => vec![Ctx::PreviewPane, Ctx::Submit],
                    Step::Submit => vec![Ctx::Submit],
                    Step::Certify if side => vec![Ctx::PreviewPane, Ctx::Track, Ctx::Rounds],
                    Step::Certify => vec![Ctx::Track, Ctx::Rounds],
                    Step::Deploy if side => vec![Ctx::PreviewPane, Ctx::Track],
                    Step::Deploy => vec![Ctx::Track],
                };
                v.extend([Ctx::List, Ctx::Wizard, Ctx::Global, Ctx::Always]);
                v
            }
        }
    }

    /// The list the arrow keys move in, with its length.
    pub fn current_list(&self) -> Option<(ListId, usize)> {
        match self.screen {
            Screen::Home => Some((ListId::Sessions, self.home.rows())),
            Screen::Wizard => {
                self.shared.session()?;
                Some(match self.step {
                    Step::Prerequisites => prerequisites::list(&self.prereqs),
                    Step::Verify => verify::list(&self.verify),
                    Step::Propose => propose::list(&self.propose),
                    Step::Build => build::list(&self.build),
                    Step::Submit => submit::list(&self.submit),
                    Step::Certify | Step::Deploy => track::list(&self.track),
                })
            }
        }
    }

    pub fn nav_mut(&mut self, list: ListId) -> Option<&mut ListNav> {
        Some(match list {
            ListId::Sessions => &mut self.home.nav,
            ListId::Prereqs => &mut self.prereqs.nav,
            ListId::Matches => &mut self.verify.nav,
            ListId::Propose => &mut self.propose.nav,
            ListId::Fields => &mut self.build.fields_nav,
            ListId::Findings => &mut self.build.findings_nav,
            ListId::Submit => &mut self.submit.nav,
            ListId::Track => &mut self.track.nav,
            ListId::Start => &mut self.build.start_nav,
            ListId::Form => return self.build.form.as_mut().map(|f| &mut f.nav),
            ListId::Pick => return self.build.pick.as_mut().map(|p| &mut p.nav),
            ListId::Text => return None,
        })
    }
}
