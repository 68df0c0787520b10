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

fn json(home: &std::path::Path, args: &[&str], code: i32) -> Value {
    let out = cw(home)
        .arg("search")
        .arg("--json")
        .args(args)
        .assert()
        .code(code)
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

#[test]
fn json_has_the_issue_shape() {
    let home = tempfile::tempdir().unwrap();
    let v = json(home.path(), &["calendly"], 1);
    let hits = v.as_array().unwrap();
    assert_eq!(hits.len(), 10);
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
                "advice",
                "url"
            ]
        );
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
    // Scores never rise down the list.
    for w in hits.windows(2) {
        assert!(w[0]["score"].as_f64() >= w[1]["score"].as_f64());
    }
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
    ] {
        let v = json(home.path(), &["--limit", "3", q], 1);
        assert_eq!(v[0]["name"], want, "{q}: {v}");
        assert_eq!(v[0]["duplicate"], true, "{q}: {v}");
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
    let v = json(home.path(), &["--limit", "1", "Notion V2"], 1);
    assert_eq!(v[0]["name"], "NotionV2");
    assert_eq!(v[0]["status"], "open-pr");
    assert!(v[0]["advice"].as_str().unwrap().contains("wait"));
}

#[test]
fn a_new_service_is_not_a_duplicate() {
    let home = tempfile::tempdir().unwrap();
    let v = json(home.path(), &["--limit", "5", "Zarquilo", "Analytics"], 0);
    assert!(v
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["duplicate"] == false));
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
    let out = cw(home.path())
        .args(["search", "--limit", "3", "docusign"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(!text.contains('\x1b'), "{text}");
    assert!(text.contains("SCORE"), "{text}");
    assert!(text.contains(" 1.00  duplicate  platform"), "{text}");
    assert!(text.contains("Docusign: Already on the platform"), "{text}");
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
