//! Step 1 (Verify) of the wizard shows the four verdicts apart, the answer of the decision
//! table, and what was searched with the list's age.

mod tui_support;

use connector_wizard::catalog::Verdict;
use tui_support::*;

fn verify(query: &str) -> Harness {
    let mut h = Harness::new();
    h.keys(&format!("<enter>Scheduler<enter>1/{query}"));
    h
}

/// The right-hand pane as one line of words (wrapped text reads whole again).
fn pane_text(screen: &str) -> String {
    screen
        .lines()
        .map(|l| l.split_once('│').map_or("", |(_, r)| r))
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The rows of the match list (between the "Matches for" header and the first empty line).
fn rows(screen: &str) -> Vec<String> {
    screen
        .lines()
        .skip_while(|l| !l.contains("Matches for"))
        .skip(1)
        .map(|l| l.split_once('│').map_or(l, |(_, r)| r).to_string())
        .take_while(|l| !l.trim().is_empty())
        .collect()
}

#[test]
fn the_four_verdicts_are_marked_apart() {
    let mut h = verify("adobe sign");
    let hits = &h.app().verify.hits;
    let verdicts: Vec<Verdict> = hits.iter().map(|x| x.verdict).collect();
    for v in [
        Verdict::Same,
        Verdict::Likely,
        Verdict::Vendor,
        Verdict::Different,
    ] {
        assert!(verdicts.contains(&v), "{v} missing: {hits:?}");
    }
    let screen = h.render(120, 40);
    assert!(
        screen.contains("Matches for \"adobe sign\" (= same · ≈ likely · ~ vendor)"),
        "{screen}"
    );
    let rows = rows(&screen);
    let row = |name: &str| {
        rows.iter()
            .find(|r| r.contains(name))
            .unwrap_or_else(|| panic!("{name} not listed:\n{screen}"))
            .clone()
    };
    let acrobat = row("Adobe Acrobat Sign (API name: shared_adobes");
    assert!(
        acrobat.trim_start().starts_with("= ") && acrobat.ends_with(" same"),
        "{acrobat}"
    );
    let sandbox = row("Adobe Acrobat Sign Sandbox");
    assert!(
        sandbox.trim_start().starts_with("≈ ") && sandbox.ends_with(" likely"),
        "{sandbox}"
    );
    let pdf = row("Adobe PDF Services");
    assert!(
        pdf.trim_start().starts_with("~ ") && pdf.ends_with(" vendor"),
        "{pdf}"
    );
    let docusign = row("Docusign");
    assert!(
        docusign.ends_with('%'),
        "no verdict word for a different service: {docusign}"
    );
    // The answer: the same service, on the platform.
    assert!(
        pane_text(&screen).contains(
            "Same service: Adobe Acrobat Sign (API name: shared_adobesign), on the platform: you cannot build it"
        ),
        "{screen}"
    );
}

#[test]
fn the_answer_follows_the_decision_table_and_the_list_age_is_shown() {
    let mut h = verify("Basecamp");
    let hits = &h.app().verify.hits;
    assert_eq!(
        hits[0].status,
        connector_wizard::catalog::Status::Platform,
        "{hits:?}"
    );
    let screen = h.render(100, 30);
    let text = pane_text(&screen);
    assert!(
        text.contains("Same service: Basecamp 3 (API name: shared_basecamp), on the platform: you cannot build it"),
        "{screen}"
    );
    // What was searched and how old the list is (the harness pretends it is 2025-11-20).
    let counts = connector_wizard::catalog::Catalog::embedded().counts();
    let searched = format!(
        "Searched {} connectors and {} open PRs; built-in list of 2024-10-23 (393 days old). Over 30 days old: run `connector-wizard catalog refresh`.",
        connector_wizard::catalog::thousands(counts.connectors),
        counts.pull_requests
    );
    assert!(text.contains(&searched), "{screen}");
    // A vendor answer for a product the list lacks.
    let mut h = verify("hubspot tickets");
    let screen = h.render(100, 30);
    assert!(
        pane_text(&screen).contains("Not this service, but 9 other HubSpot connectors exist."),
        "{screen}"
    );
}

#[test]
fn enter_on_another_product_of_the_vendor_decides_nothing() {
    let mut h = verify("adobe sign");
    let i = h
        .app()
        .verify
        .hits
        .iter()
        .position(|x| x.verdict == Verdict::Vendor && x.name == "Adobe PDF Services")
        .expect("Adobe PDF Services is a vendor hit");
    // Leave the name editor, walk down to the vendor hit and press Enter.
    h.keys("<tab>");
    for _ in 0..i {
        h.keys("j");
    }
    assert_eq!(h.app().verify.nav.selected, i);
    h.keys("<enter>");
    assert_eq!(
        h.session().duplicate.outcome,
        None,
        "a vendor's other product must not record \"cannot build\""
    );
    let screen = h.render(120, 40);
    assert!(screen.contains("is another product (vendor)"), "{screen}");
    // The same service does decide.
    for _ in 0..i {
        h.keys("k");
    }
    assert_eq!(h.app().verify.nav.selected, 0);
    h.keys("<enter>");
    assert_eq!(
        h.session().duplicate.outcome,
        Some(connector_wizard::session::DuplicateOutcome::CannotBuild)
    );
}
