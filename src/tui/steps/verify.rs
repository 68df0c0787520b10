//! 1 Verify: is the connector already built? The name is searched in the catalog as it is
//! typed; choosing a match takes the decision-table outcome.

use super::common::open_link;
use crate::catalog::{SearchHit, Status as HitStatus};
use crate::session::DuplicateOutcome;
use crate::tui::action::{Cmd, Effect, Pending, Work};
use crate::tui::editor::{EditTarget, Editor};
use crate::tui::list::{ListId, ListNav};
use crate::tui::shared::{Popup, Shared};

/// How many matches the search shows.
pub const MATCHES: usize = 8;

#[derive(Debug, Default)]
pub struct State {
    /// The name the matches are for (follows the typing).
    pub query: String,
    pub hits: Vec<SearchHit>,
    pub nav: ListNav,
}

pub fn list(st: &State) -> (ListId, usize) {
    (ListId::Matches, st.hits.len())
}

/// Entering the step: the catalog is read once; the step opens on the matches (list mode),
/// `/` or Tab types the name.
pub fn enter(st: &mut State, sh: &mut Shared, fx: &mut Vec<Effect>) {
    if sh.catalog.catalog.is_none() && !sh.catalog.loading {
        sh.catalog.loading = true;
        let dir = sh.catalog_dir.clone();
        let e = sh.global_job(Work::LoadCatalog { dir });
        fx.push(e);
    }
    let Some(s) = sh.session() else { return };
    let fresh = s.duplicate.query.is_empty() && s.duplicate.outcome.is_none();
    st.query = if s.duplicate.query.is_empty() {
        s.name.clone()
    } else {
        s.duplicate.query.clone()
    };
    run_search(st, sh);
    if fresh && !sh.is_read_only() {
        sh.say("Matches for the session's name. / (or Tab) types another name; Enter chooses a match, n says none is yours.");
    }
}

/// Runs the search for the current query (fast: the catalog is in memory).
pub fn run_search(st: &mut State, sh: &Shared) {
    st.hits = match &sh.catalog.catalog {
        Some(c) if !st.query.trim().is_empty() => c.search(&st.query, MATCHES),
        _ => Vec::new(),
    };
    st.nav.selected = 0;
    st.nav.offset.set(0);
}

/// The name field, its text selected so that typing replaces it.
fn query_editor(query: &str) -> Editor {
    let mut ed = Editor::new(
        EditTarget::Query,
        "Connector name (↑↓ picks a match, Tab back to the matches)",
        query,
        false,
    );
    ed.select_all();
    ed
}

pub fn edit_query(st: &State, sh: &mut Shared) {
    if sh.refuse_read_only() {
        return;
    }
    sh.editor = Some(query_editor(&st.query));
}

/// The decision-table outcome a match implies.
pub fn outcome_for(hit: &SearchHit) -> DuplicateOutcome {
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

pub fn status_label(s: HitStatus) -> &'static str {
    match s {
        HitStatus::Platform => "on the platform",
        HitStatus::IndependentPublisher => "independent publisher",
        HitStatus::ProposalPr => "proposal PR",
        HitStatus::OpenPr => "open PR",
    }
}

pub fn command(st: &mut State, sh: &mut Shared, cmd: Cmd, fx: &mut Vec<Effect>) {
    match cmd {
        Cmd::EditQuery | Cmd::NextPane => edit_query(st, sh),
        Cmd::Activate => {
            let Some(hit) = st.hits.get(st.nav.selected).cloned() else {
                sh.say("No match selected. Type a name (/), or press n if nothing matches.");
                return;
            };
            // A different product (of the same vendor or not) decides nothing by itself,
            // unless it is an independent-publisher connector the author chooses to extend.
            let same_service = matches!(
                hit.verdict,
                crate::catalog::Verdict::Same | crate::catalog::Verdict::Likely
            );
            if !same_service && hit.status != HitStatus::IndependentPublisher {
                sh.say(format!(
                    "\"{}\" is another product ({}). Press n to build your own connector, or pick the same service.",
                    crate::util::printable::shorten(&hit.name, 60),
                    hit.verdict
                ));
                return;
            }
            // The process table over the whole answer: among the matches judged like this
            // one, the strongest status decides (on the platform > independent publisher >
            // proposal PR > open PR).
            let lead = st
                .hits
                .iter()
                .filter(|h| h.verdict == hit.verdict)
                .min_by_key(|h| h.status.rank())
                .filter(|lead| same_service && lead.status.rank() < hit.status.rank())
                .cloned();
            let (hit, why) = match lead {
                Some(lead) => {
                    let why = format!(
                        "\"{}\" is also {}, which decides. ",
                        crate::util::printable::shorten(&lead.name, 60),
                        status_label(lead.status)
                    );
                    (lead, why)
                }
                None => (hit, String::new()),
            };
            let outcome = outcome_for(&hit);
            let label = outcome.label();
            let query = st.query.clone();
            if sh.change(fx, |s| {
                s.is_update = matches!(outcome, DuplicateOutcome::ExtendExisting { .. });
                s.duplicate.query = query;
                s.duplicate.match_name = Some(hit.name.clone());
                s.duplicate.match_url = hit.url.clone();
                s.duplicate.outcome = Some(outcome);
            }) {
                sh.say(format!("{why}Decision: {label}."));
            }
        }
        Cmd::NoDuplicate => {
            if let Some(dup) = st.hits.iter().find(|h| h.duplicate) {
                sh.popup = Some(Popup::Confirm {
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
                choose_no_duplicate(st, sh, fx);
            }
        }
        Cmd::Open => {
            sh.say("Opening the pull-request search on GitHub.");
            open_link(sh, crate::catalog::pr_search_url(&st.query), fx);
        }
        Cmd::OpenFolder => {
            if let Some(url) = st.hits.get(st.nav.selected).and_then(|h| h.url.clone()) {
                open_link(sh, url, fx);
            }
        }
        _ => {}
    }
}

pub fn choose_no_duplicate(st: &State, sh: &mut Shared, fx: &mut Vec<Effect>) {
    let query = st.query.clone();
    if sh.change(fx, |s| {
        s.is_update = false;
        s.duplicate.query = query;
        s.duplicate.match_name = None;
        s.duplicate.match_url = None;
        s.duplicate.outcome = Some(DuplicateOutcome::NoDuplicate);
    }) {
        sh.say("Decision: no duplicate. Next: 2 Propose.");
    }
}

/// Every keystroke in the name field: the matches follow.
pub fn typed(st: &mut State, sh: &Shared, text: &str) {
    st.query = text.to_string();
    run_search(st, sh);
}

/// ↑↓ in the name field pick a match.
pub fn pick(st: &mut State, delta: isize) {
    let len = st.hits.len();
    st.nav.step(delta, len);
}

/// The name field was closed without saving: back to the name saved.
pub fn cancelled(st: &mut State, sh: &Shared, original: &str) {
    typed(st, sh, original);
}

pub fn save_query(
    st: &mut State,
    sh: &mut Shared,
    text: &str,
    changed: bool,
    fx: &mut Vec<Effect>,
) {
    let text = text.trim().to_string();
    st.query = text.clone();
    if changed {
        sh.change(fx, |s| s.duplicate.query = text);
    }
    if st.hits.is_empty() {
        sh.say("No match: press n if nothing like it exists, or o to search the pull requests.");
    } else {
        sh.say("Choose the match that is your connector (Enter), or n if none is.");
    }
}

/// The catalog arrived.
pub fn catalog_loaded(
    st: &mut State,
    sh: &mut Shared,
    result: Result<(std::sync::Arc<crate::catalog::Catalog>, Vec<String>), String>,
) {
    sh.catalog.loading = false;
    match result {
        Ok((catalog, warnings)) => {
            sh.catalog.catalog = Some(catalog);
            if let Some(w) = warnings.first() {
                sh.warn(w.clone());
            }
            sh.catalog.warnings = warnings;
            if !st.query.is_empty() {
                let q = st.query.clone();
                typed(st, sh, &q);
            }
        }
        Err(e) => sh.catalog.error = Some(e),
    }
}
