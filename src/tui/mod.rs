//! The terminal wizard: `connector-wizard` with no subcommand.
//!
//! Data flows one way: a terminal event becomes an [`action::Action`] (through the one
//! [`keymap`]), [`update::update`] changes the [`app::App`] and returns effects, the
//! [`runtime::Runtime`] carries them out (slow ones as [`jobs`]), and [`views::draw`] draws the
//! model. [`terminal`] is the only module that touches the terminal's modes.

pub mod action;
pub mod app;
pub mod editor;
mod export_jobs;
pub mod fields;
pub mod jobs;
pub mod keymap;
pub mod list;
pub mod runtime;
pub mod shared;
pub mod steps;
pub mod terminal;
pub mod theme;
pub mod update;
pub mod views;

use crate::session::{progress, DuplicateOutcome, SessionError, SessionStore, Step, StepStatus};
use action::Effect;
use app::App;
use runtime::{Msg, Runtime};
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::mpsc;

/// How the wizard was started.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--resume [NAME]`: open that session (empty: the most recent one).
    pub resume: Option<String>,
    /// `--from PATH`: start (or resume) a session from an existing connector folder.
    pub from: Option<PathBuf>,
    /// Capture the mouse (clicks and wheel).
    pub mouse: bool,
}

/// Runs the wizard until the user quits. Problems with the options (no session to resume, a
/// folder that is not a connector) are reported before the screen changes.
pub fn run(opts: Options) -> anyhow::Result<()> {
    let store = SessionStore::default_location();
    let initial = initial_effects(&store, &opts)?;
    let color = !crate::util::no_color_env();
    let (now, today) = clock();
    let app = App::new(opts.mouse, color, now, today);

    let mut tui = terminal::Tui::enter(opts.mouse)?;
    let (tx, rx) = mpsc::channel::<Msg>();
    tui.spawn_readers(tx.clone(), Msg::Term);
    let mut rt = Runtime::new(app, store, Some(tx), true);
    rt.app.size = tui.size();
    rt.perform_all(initial);
    if let (Some(path), Some(s)) = (&opts.from, rt.app.session()) {
        let msg = format!(
            "Updating \"{}\" from {}: the connector exists, so the wizard starts at 3 Build.",
            s.name,
            path.display()
        );
        rt.app.shared.say(msg);
    }

    let result = event_loop(&mut tui, &mut rt, &rx);
    drop(tui);
    for line in farewell(&rt.app) {
        eprintln!("{}", crate::util::printable::printable(&line));
    }
    result
}

fn event_loop(
    tui: &mut terminal::Tui,
    rt: &mut Runtime,
    rx: &mpsc::Receiver<Msg>,
) -> anyhow::Result<()> {
    loop {
        let mut hits = list::HitMap::default();
        tui.terminal.draw(|f| hits = views::draw(f, &rt.app))?;
        rt.app.hits = hits;
        for text in rt.copied.drain(..) {
            terminal::copy_to_clipboard(&text)?;
        }
        if rt.app.quit {
            return Ok(());
        }
        // While a draft waits to be saved, wake up after a second without input to save it.
        let msg = if rt.app.shared.draft_dirty {
            match rx.recv_timeout(std::time::Duration::from_secs(1)) {
                Ok(m) => Some(m),
                Err(mpsc::RecvTimeoutError::Timeout) => None,
                Err(e) => return Err(e.into()),
            }
        } else {
            Some(rx.recv()?)
        };
        let (now, today) = clock();
        rt.app.shared.now = now;
        rt.app.shared.today = today;
        match msg {
            Some(msg) => handle(rt, msg)?,
            None => rt.dispatch(action::Action::Tick),
        }
        // Take everything already waiting before drawing again (a paste, a burst of keys).
        while let Ok(msg) = rx.try_recv() {
            handle(rt, msg)?;
            if rt.app.quit {
                break;
            }
        }
        if tui.signalled.swap(false, Ordering::SeqCst) {
            rt.dispatch(action::Action::Terminate);
        }
    }
}

fn handle(rt: &mut Runtime, msg: Msg) -> anyhow::Result<()> {
    match msg {
        Msg::Term(terminal::Incoming::Input(ev)) => rt.event(ev),
        Msg::Term(terminal::Incoming::Signal) => rt.dispatch(action::Action::Terminate),
        Msg::Term(terminal::Incoming::InputClosed(e)) => {
            rt.dispatch(action::Action::Terminate);
            anyhow::bail!("the terminal input closed: {e}");
        }
        Msg::Job(done) => {
            let jobs = &mut rt.app.shared.jobs;
            jobs.running = jobs.running.saturating_sub(1);
            rt.dispatch(action::Action::Done(done));
        }
    }
    Ok(())
}

fn clock() -> (chrono::DateTime<chrono::Utc>, chrono::NaiveDate) {
    (chrono::Utc::now(), chrono::Local::now().date_naive())
}

/// What the wizard says on the way out: an edit that was not saved, work not exported.
pub fn farewell(app: &App) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(ed) = app.shared.editor.as_ref().filter(|e| e.changed()) {
        let kept = app
            .session()
            .and_then(|s| s.ui.draft.as_ref())
            .is_some_and(|d| d.text == ed.text());
        out.push(format!(
            "connector-wizard: the edit of \"{}\" was not saved{}.",
            ed.title,
            if kept {
                "; it is kept as a draft and comes back when you resume"
            } else {
                ""
            }
        ));
    }
    if let Some(f) = steps::build::unwritten_form(&app.build) {
        out.push(format!("connector-wizard: {f}."));
    }
    for p in app.shared.unexported() {
        out.push(format!("connector-wizard: {p}."));
    }
    if let Some(s) = app.session() {
        out.push(format!(
            "connector-wizard: resume with `connector-wizard --resume \"{}\"`.",
            s.name
        ));
    }
    out
}

/// The first effects: the session list, and the session `--resume`/`--from` asks for.
fn initial_effects(store: &SessionStore, opts: &Options) -> anyhow::Result<Vec<Effect>> {
    let mut fx = vec![Effect::ListSessions];
    if let Some(path) = &opts.from {
        let name = start_from(store, path)?;
        fx.push(Effect::OpenSession {
            name,
            read_only: false,
        });
    } else if let Some(name) = &opts.resume {
        let name = if name.trim().is_empty() {
            match store.most_recent()? {
                Some(s) => s.name,
                None => anyhow::bail!(
                    "there is no saved session to resume in {}; run `connector-wizard` without --resume to start one",
                    store.dir().display()
                ),
            }
        } else {
            if !store.exists(name) {
                // Let the store word it (with suggestions).
                store.open_read_only(name)?;
            }
            name.clone()
        };
        fx.push(Effect::OpenSession {
            name,
            read_only: false,
        });
    }
    Ok(fx)
}

/// `--from PATH`: a session for updating the connector in `path` (created when missing):
/// the connector exists, so step 1's outcome is "extend the existing connector" and the
/// wizard opens on 3 Build. Returns the session's name.
pub fn start_from(store: &SessionStore, path: &Path) -> anyhow::Result<String> {
    let dir = std::fs::canonicalize(path).map_err(|e| {
        anyhow::anyhow!(
            "{}: {e}; give the folder of an existing connector",
            path.display()
        )
    })?;
    let connector = crate::document::Connector::load(&dir, None)?;
    if connector.lone_file {
        anyhow::bail!(
            "{}: --from takes a connector folder, not a file",
            path.display()
        );
    }
    let title = connector
        .swagger_json()
        .and_then(|r| r.pointer("/info/title"))
        .and_then(|n| n.as_str())
        .map(crate::session::clean_name)
        .filter(|t| SessionStore::slug_for(t).is_ok());
    let name = title.unwrap_or_else(|| {
        dir.file_name()
            .map(|n| crate::session::clean_name(&n.to_string_lossy()))
            .unwrap_or_default()
    });
    let kind = connector.kind;
    let mut open = match store.open(&name) {
        Ok(o) => o,
        Err(SessionError::NotFound { .. }) => store.create_and_open(&name, kind)?,
        Err(e) => return Err(e.into()),
    };
    let checkout = crate::export::checkout_of(&dir);
    let s = open.session_mut();
    s.is_update = true;
    s.kind = kind;
    s.connector_dir = Some(dir);
    // A connector folder inside a checkout of the repository: that is where it is exported.
    if s.checkout.dir.is_none() {
        s.checkout.dir = checkout;
    }
    if s.duplicate.outcome.is_none() {
        s.duplicate.query = name.clone();
        s.duplicate.match_name = Some(name.clone());
        s.duplicate.outcome = Some(DuplicateOutcome::ExtendExisting { name: name.clone() });
        s.set_status(Step::Verify, StepStatus::Done);
    }
    s.ui.step = Some(Step::Build);
    s.ui.field = None;
    if s.status(Step::Build) == StepStatus::NotStarted {
        s.set_status(Step::Build, StepStatus::InProgress);
    }
    let today = chrono::Local::now().date_naive();
    progress::refresh(s, progress::FileFacts::default(), today);
    open.save()?;
    Ok(name)
}
