//! `connector-wizard search`, end to end on the embedded catalog (empty data directory).

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn cw(home: &std::path::Path) -> Command {
    let mut c = Command::cargo_bin("connector-wizard").unwrap();
    c.env("CONNECTOR_WIZARD_HOME", home)
        .env_remove("CLICOLOR_FORCE")
        .env_remove("NO_COLOR");
    c
}

/// The text output of `connector-wizard ARGS`, which must exit with `code`.
fn text(home: &std::path::Path, args: &[&str], code: i32) -> String {
    let out = cw(home)
        .args(args)
        .assert()
        .code(code)
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

/// The hits of `connector-wizard search --json ARGS`, which must exit with `code`.
fn json(home: &std::path::Path, args: &[&str], code: i32) -> Value {
    let args: Vec<&str> = ["search", "--json"].iter().chain(args).copied().collect();
    serde_json::from_str(&text(home, &args, code)).unwrap()
}

#[test]
fn json_has_the_issue_shape() {
    let home = tempfile::tempdir().unwrap();
    let v = json(home.path(), &["calendly"], 1);
    let hits = v.as_array().unwrap();
    assert!((3..=10).contains(&hits.len()), "{v}");
    for h in hits {
        let keys: Vec<&str> = h.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "name",
                "kind",
                "folder",
                "status",
                "score",
                "duplicate",
                "verdict",
                "advice",
                "url",
                "matchedAs",
                "vendor"
            ]
        );
        assert!(["same", "likely", "vendor", "different"].contains(&h["verdict"].as_str().unwrap()));
        assert_eq!(h["duplicate"], h["verdict"] == "same");
        let score = h["score"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score));
        assert!([
            "platform",
            "independent-publisher",
            "proposal-pr",
            "open-pr"
        ]
        .contains(&h["status"].as_str().unwrap()));
    }
    assert_eq!(hits[0]["name"], "Calendly");
    assert_eq!(hits[0]["status"], "platform");
    assert_eq!(hits[0]["score"], 1.0);
    assert_eq!(hits[0]["duplicate"], true);
    assert!(hits[0]["advice"].as_str().unwrap().contains("cannot build"));
    // Verdicts never weaken… then get stronger down the list; within a verdict other than
    // same/likely, scores never rise.
    let rank = |h: &Value| {
        ["same", "likely", "vendor", "different"]
            .iter()
            .position(|v| h["verdict"] == *v)
            .unwrap()
    };
    for w in hits.windows(2) {
        assert!(rank(&w[0]) <= rank(&w[1]), "{v}");
        if rank(&w[0]) == rank(&w[1]) && rank(&w[0]) >= 2 {
            assert!(w[0]["score"].as_f64() >= w[1]["score"].as_f64());
        }
    }
}

/// The cases of issue 11, as a new user types them.
#[test]
fn twitter_is_x() {
    let home = tempfile::tempdir().unwrap();
    let v = json(home.path(), &["twitter"], 1);
    assert_eq!(v[0]["name"], "X", "{v}");
    assert_eq!(v[0]["verdict"], "same");
    assert_eq!(v[0]["status"], "platform");
    assert_eq!(v[0]["matchedAs"]["name"], "Twitter");
    assert_eq!(v[0]["matchedAs"]["what"], "former name");
    // Nothing unrelated rides along ("HTTP With Microsoft Entra ID" used to score 47%).
    for h in v.as_array().unwrap().iter().skip(1) {
        assert!(h["score"].as_f64().unwrap() < 0.4, "{v}");
    }
    // The API name used in flow definitions finds it too.
    let v = json(home.path(), &["shared_twitter"], 1);
    assert_eq!(v[0]["name"], "X");
    cw(home.path())
        .args(["search", "twitter"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "Same service: X (former name: Twitter), on the platform: you cannot build it",
        ));
}

#[test]
fn hubspot_alone_is_probably_one_of_its_connectors() {
    let home = tempfile::tempdir().unwrap();
    let v = json(home.path(), &["hubspot"], 0);
    let hits = v.as_array().unwrap();
    let likely: Vec<&str> = hits
        .iter()
        .filter(|h| h["verdict"] == "likely")
        .map(|h| h["name"].as_str().unwrap())
        .collect();
    assert!(likely.len() >= 6, "{v}");
    assert!(likely.iter().all(|n| n.starts_with("HubSpot")), "{v}");
    assert!(likely.contains(&"HubSpot CRM"));
    assert_eq!(hits[0]["status"], "independent-publisher");
    cw(home.path())
        .args(["search", "hubspot"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "Probably the same service: HubSpot",
        ))
        .stdout(predicate::str::contains(
            "add the operations you need to it",
        ))
        .stdout(predicate::str::contains("Nothing here looks like the same service").not());
}

#[test]
fn a_hubspot_product_the_list_lacks_is_a_vendor_answer() {
    let home = tempfile::tempdir().unwrap();
    let v = json(home.path(), &["hubspot", "tickets"], 0);
    assert_eq!(v[0]["verdict"], "vendor", "{v}");
    assert_eq!(v[0]["vendor"], "HubSpot");
    cw(home.path())
        .args(["search", "Adobe Photoshop"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "Not this service, but other Adobe connectors exist: on the platform: Adobe Acrobat Sign",
        ))
        .stdout(predicate::str::contains("If yours adds a Adobe product they lack").or(
            predicate::str::contains("If yours adds an Adobe product they lack"),
        ));
    let v = json(home.path(), &["Zoho Books"], 0);
    assert_eq!(v[0]["verdict"], "vendor", "{v}");
    assert_eq!(v[0]["vendor"], "Zoho");
}

#[test]
fn adobe_sign_is_adobe_acrobat_sign_and_docusign_is_not() {
    let home = tempfile::tempdir().unwrap();
    let v = json(home.path(), &["adobe", "sign"], 1);
    assert_eq!(v[0]["name"], "Adobe Acrobat Sign", "{v}");
    assert_eq!(v[0]["verdict"], "same");
    let docusign = v
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["name"] == "Docusign")
        .expect("DocuSign is still listed");
    assert_eq!(docusign["verdict"], "different");
    assert!(docusign["score"].as_f64() < v[0]["score"].as_f64());
}

#[test]
fn basecamp_on_the_platform_outranks_the_open_pull_request() {
    let home = tempfile::tempdir().unwrap();
    // One hit is enough to get the decisive one.
    let v = json(home.path(), &["--limit", "1", "Basecamp"], 1);
    assert_eq!(v[0]["status"], "platform", "{v}");
    assert!(v[0]["name"].as_str().unwrap().starts_with("Basecamp "));
    let v = json(home.path(), &["Basecamp"], 1);
    let same: Vec<(&str, &str)> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["verdict"] == "same")
        .map(|h| (h["name"].as_str().unwrap(), h["status"].as_str().unwrap()))
        .collect();
    assert_eq!(same.len(), 3, "{v}");
    assert_eq!(same[2], ("Basecamp", "open-pr"));
    let text = text(home.path(), &["search", "Basecamp"], 1);
    assert!(
        text.contains("on the platform: you cannot build it"),
        "{text}"
    );
    assert!(
        text.contains("Basecamp (an open pull request, #4147)"),
        "{text}"
    );
    assert!(!text.contains("wait until it is certified"), "{text}");
}

#[test]
fn common_data_service_and_short_forms() {
    let home = tempfile::tempdir().unwrap();
    let v = json(home.path(), &["Common Data Service"], 1);
    assert_eq!(v[0]["name"], "Microsoft Dataverse (legacy)", "{v}");
    for (q, want) in [
        ("MS Teams", "Microsoft Teams"),
        ("O365 Outlook", "Office 365 Outlook"),
        ("M365 message center", "Microsoft 365 message center"),
    ] {
        let v = json(home.path(), &["--limit", "3", q], 1);
        assert_eq!(v[0]["name"], want, "{q}: {v}");
        assert_eq!(v[0]["verdict"], "same", "{q}: {v}");
    }
}

#[test]
fn the_header_gives_the_counts_and_the_age_of_the_list() {
    let home = tempfile::tempdir().unwrap();
    let text = text(home.path(), &["search", "calendly"], 1);
    let counts = connector_wizard::catalog::Catalog::embedded().counts();
    assert!(
        text.starts_with(&format!("Searched {} for \"calendly\".\n", counts.text())),
        "{text}"
    );
    assert!(
        text.contains("List: built-in list of 2024-10-23 ("),
        "{text}"
    );
    // The built-in list is years old by now: the refresh commands are named.
    assert!(text.contains("catalog refresh --repo PATH"), "{text}");
    // In JSON the array stays clean and the note goes to stderr.
    cw(home.path())
        .args(["search", "--json", "calendly"])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("["))
        .stderr(predicate::str::contains(
            "note: built-in list of 2024-10-23 (",
        ))
        .stderr(predicate::str::contains(
            "Over 30 days old: `connector-wizard catalog refresh",
        ));
}

#[test]
fn loosely_typed_names_find_the_connector() {
    let home = tempfile::tempdir().unwrap();
    for (q, want) in [
        ("hub spot crm connector", "HubSpot CRM"),
        ("HUBSPTO CRM", "HubSpot CRM"),
        ("Zoom meetigns (Independent Publisher)", "Zoom Meetings"),
        ("microsoft teams api", "Microsoft Teams"),
        ("blob storage", "Azure Blob Storage"),
        ("openweather", "OpenWeatherMap"),
        // Half remembered (issue 11).
        ("calendly integration", "Calendly"),
        ("Storage Azure Blob", "Azure Blob Storage"),
        ("Hubpsot CRM", "HubSpot CRM"),
    ] {
        let v = json(home.path(), &["--limit", "3", q], 1);
        assert_eq!(v[0]["name"], want, "{q}: {v}");
        assert_eq!(v[0]["duplicate"], true, "{q}: {v}");
    }
    // A word dropped: the same, or probably.
    for q in ["Adobe Experience", "Dynamics Business Central"] {
        let out = cw(home.path())
            .args(["search", "--json", "--limit", "3", q])
            .output()
            .unwrap();
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(
            ["same", "likely"].contains(&v[0]["verdict"].as_str().unwrap()),
            "{q}: {v}"
        );
    }
}

#[test]
fn pull_requests_of_the_sample_carry_their_status() {
    let home = tempfile::tempdir().unwrap();
    let v = json(home.path(), &["--limit", "1", "RIAN"], 1);
    assert_eq!(v[0]["status"], "proposal-pr");
    assert_eq!(v[0]["kind"], "pull-request");
    assert_eq!(
        v[0]["url"],
        "https://github.com/microsoft/PowerPlatformConnectors/pull/3729"
    );
    // The open pull request for NotionV2 is the same service as the independent publisher
    // connector Notion, which decides: add to it.
    let v = json(home.path(), &["--limit", "3", "Notion V2"], 1);
    assert_eq!(v[0]["name"], "Notion", "{v}");
    assert_eq!(v[0]["status"], "independent-publisher");
    assert_eq!(v[1]["name"], "NotionV2");
    assert_eq!(v[1]["status"], "open-pr");
    assert_eq!(v[1]["verdict"], "same");
    assert!(v[1]["advice"].as_str().unwrap().contains("wait"));
}

#[test]
fn a_new_service_is_not_a_duplicate() {
    let home = tempfile::tempdir().unwrap();
    let v = json(home.path(), &["--limit", "5", "Zarquilo", "Analytics"], 0);
    assert!(v
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["duplicate"] == false && h["verdict"] == "different"));
    cw(home.path())
        .args(["search", "Zarquilo Analytics"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Nothing here looks like the same service"))
        .stdout(predicate::str::contains(
            "https://github.com/microsoft/PowerPlatformConnectors/pulls?q=is%3Apr+%22Zarquilo+Analytics%22",
        ));
}

#[test]
fn text_output_is_a_table_coloured_only_on_request() {
    let home = tempfile::tempdir().unwrap();
    let text = text(home.path(), &["search", "--limit", "3", "docusign"], 1);
    assert!(!text.contains('\x1b'), "{text}");
    assert!(text.contains("SCORE  VERDICT"), "{text}");
    assert!(text.contains(" 1.00  same       platform"), "{text}");
    assert!(
        text.contains("Same service: Docusign, on the platform: you cannot build it"),
        "{text}"
    );
    assert_eq!(
        text.lines().filter(|l| l.contains("https://")).count(),
        4,
        "{text}"
    );

    let out = cw(home.path())
        .args(["--color", "always", "search", "--limit", "3", "docusign"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8(out).unwrap().contains("\x1b["));
    let out = cw(home.path())
        .env("NO_COLOR", "1")
        .env("CLICOLOR_FORCE", "1")
        .args(["search", "docusign"])
        .assert()
        .get_output()
        .stdout
        .clone();
    assert!(!String::from_utf8(out).unwrap().contains('\x1b'));
}

#[test]
fn bad_queries_are_usage_errors() {
    let home = tempfile::tempdir().unwrap();
    cw(home.path())
        .args(["search", "  ", "()"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "needs a name with letters or digits",
        ));
    cw(home.path()).args(["search"]).assert().code(2);
    cw(home.path())
        .args(["search", "--limit", "0", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--limit"));
}
