//! Generated artefacts: structure checked against the reference (§2.7, §3.2, §3.4) by the
//! tests themselves, and by the rules engine on the rule IDs that concern each file.

use connector_wizard::document::{Connector, ConnectorKind as DocKind};
use connector_wizard::generate::{self, Tick};
use connector_wizard::json;
use connector_wizard::rules::{self, check_field, CheckOptions, Field, FieldContext, Finding};
use connector_wizard::session::{AuthKind, ConnectorKind, DuplicateOutcome, Session};
use std::fs;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/generate")
        .join(name)
}

#[path = "common/shared.rs"]
mod shared;

fn session(auth: AuthKind) -> Session {
    let mut s = Session::new("Larkspur Tasks", ConnectorKind::IndependentPublisher);
    s.proposal.service_description =
        "Larkspur Tasks keeps the to-do lists of small teams. Teams share lists and due dates."
            .into();
    s.proposal.website_url = "https://larkspur.example".into();
    s.proposal.publisher = "Ada Example".into();
    s.proposal.stack_owner = "Larkspur Ltd".into();
    s.proposal.contact_email = "ada@larkspur.example".into();
    s.proposal.collaborators_welcome = true;
    s.proposal.auth = auth;
    s.proposal.operations = vec!["List tasks".into(), "Create a task".into()];
    s
}

fn load(dir: &Path) -> Connector {
    Connector::load(dir, Some(DocKind::IndependentPublisher)).unwrap()
}

/// Markdown headings outside code fences: (level, text).
fn headings(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        let level = line.chars().take_while(|c| *c == '#').count();
        if (1..=6).contains(&level) && line[level..].starts_with(' ') {
            out.push((level, line[level..].trim().to_string()));
        }
    }
    out
}

/// README-SECTIONS as the reference states it: `# <Title>` with one paragraph of 2–3
/// sentences, then `## Publisher: <name>`, `## Prerequisites`, `## Supported Operations`
/// (a `###` per operation), `## Obtaining Credentials`, `## Known Issues and Limitations`, in
/// order; only the optional sections may come in between.
fn assert_readme_template(readme: &str, title: &str, publisher: &str, ops: &[String]) {
    let hs = headings(readme);
    assert_eq!(hs[0], (1, title.to_string()), "{readme}");
    assert_eq!(hs.iter().filter(|h| h.0 == 1).count(), 1, "one H1");
    // The paragraph under the title: one paragraph, two or three sentences.
    let after_title: Vec<&str> = readme
        .split("\n\n")
        .skip(1)
        .take_while(|p| !p.starts_with('#'))
        .collect();
    assert_eq!(
        after_title.len(),
        1,
        "one paragraph under the title: {after_title:?}"
    );
    let sentences = after_title[0]
        .split_inclusive(['.', '!', '?'])
        .filter(|s| !s.trim().is_empty())
        .count();
    assert!(
        (2..=3).contains(&sentences),
        "{sentences} sentences: {}",
        after_title[0]
    );

    let h2: Vec<&str> = hs
        .iter()
        .filter(|h| h.0 == 2)
        .map(|h| h.1.as_str())
        .collect();
    let required = [
        format!("Publisher: {publisher}"),
        "Prerequisites".to_string(),
        "Supported Operations".to_string(),
        "Obtaining Credentials".to_string(),
        "Known Issues and Limitations".to_string(),
    ];
    let optional = [
        "Getting Started",
        "Frequently Asked Questions",
        "Deployment Instructions",
    ];
    let mut next = 0;
    for h in &h2 {
        if next < required.len() && *h == required[next] {
            next += 1;
        } else {
            assert!(
                optional.contains(h),
                "unexpected or misplaced section `## {h}` in\n{readme}"
            );
        }
    }
    assert_eq!(
        next,
        required.len(),
        "sections missing or out of order: {h2:?}"
    );

    // Each operation: a ### under Supported Operations, followed by a paragraph.
    let start = hs
        .iter()
        .position(|h| h.1 == "Supported Operations")
        .unwrap();
    let end = hs
        .iter()
        .position(|h| h.1 == "Obtaining Credentials")
        .unwrap();
    let op_headings: Vec<&str> = hs[start + 1..end]
        .iter()
        .map(|h| {
            assert_eq!(h.0, 3, "only ### inside Supported Operations");
            h.1.as_str()
        })
        .collect();
    assert_eq!(
        op_headings,
        ops.iter().map(String::as_str).collect::<Vec<_>>()
    );
    for op in ops {
        let at = readme.find(&format!("### {op}\n\n")).unwrap();
        let para = readme[at..].split("\n\n").nth(1).unwrap();
        assert!(
            !para.starts_with('#') && !para.trim().is_empty(),
            "{op} has no description"
        );
    }
}

/// The findings of the rules that concern generated files.
fn relevant(findings: &[Finding]) -> Vec<&Finding> {
    findings
        .iter()
        .filter(|f| {
            f.rule.as_str().starts_with("README-")
                || f.rule.as_str().starts_with("AP-")
                || matches!(
                    f.rule.as_str(),
                    "IP-BRAND-COLOR"
                        | "INTRO-SECTIONS"
                        | "PR-TITLE"
                        | "PROPOSAL-TITLE"
                        | "IP-NO-ICON"
                        | "FILE-EXTRA"
                )
        })
        .collect()
}

/// Writes the generated files next to a copy of the fixture's swagger and checks the folder.
fn generate_into_folder(fixture_name: &str, s: &Session) -> (tempfile::TempDir, Vec<Finding>) {
    let src = fixture(fixture_name);
    let c = load(&src);
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        src.join("apiDefinition.swagger.json"),
        dir.path().join("apiDefinition.swagger.json"),
    )
    .unwrap();
    fs::write(
        dir.path().join("readme.md"),
        generate::readme_md(s, Some(&c)),
    )
    .unwrap();
    fs::write(dir.path().join("intro.md"), generate::intro_md(s, Some(&c))).unwrap();
    fs::write(
        dir.path().join("apiProperties.json"),
        generate::api_properties_json(s, Some(&c)),
    )
    .unwrap();
    let folder = load(dir.path());
    let findings = rules::check(
        &folder,
        &CheckOptions {
            pr_title: Some(generate::pr_title(s)),
            ..Default::default()
        },
    );
    (dir, findings)
}

const FIXTURE_OPS: [&str; 3] = ["List tasks", "Create a task", "Close a task"];

#[test]
fn generated_files_pass_their_rules_for_every_auth_kind() {
    for (name, auth) in [
        ("apikey", AuthKind::ApiKey),
        ("oauth", AuthKind::OAuth2),
        ("basic", AuthKind::Basic),
        ("noauth", AuthKind::None),
    ] {
        let s = session(auth);
        let (dir, findings) = generate_into_folder(name, &s);
        let hits = relevant(&findings);
        assert!(hits.is_empty(), "{name}: {hits:#?}");
        let readme = fs::read_to_string(dir.path().join("readme.md")).unwrap();
        let ops: Vec<String> = FIXTURE_OPS.iter().map(|s| s.to_string()).collect();
        assert_readme_template(&readme, "Larkspur Tasks", "Ada Example", &ops);
        assert!(
            !readme.contains("### Ping"),
            "internal operations are left out"
        );
        assert!(readme.contains("ada@larkspur.example"));
        let oauth_steps = readme.contains(generate::REDIRECT_URLS[0])
            && readme.contains(generate::REDIRECT_URLS[1]);
        assert_eq!(
            oauth_steps,
            name == "oauth",
            "{name}: redirect URLs only for OAuth"
        );
    }
}

#[test]
fn oauth_readme_scaffolds_app_registration_steps() {
    let s = session(AuthKind::OAuth2);
    let c = load(&fixture("oauth"));
    let readme = generate::readme_md(&s, Some(&c));
    let creds = &readme[readme.find("## Obtaining Credentials").unwrap()
        ..readme.find("## Getting Started").unwrap()];
    let steps: Vec<&str> = creds
        .lines()
        .filter(|l| {
            l.split_once(". ")
                .is_some_and(|(n, _)| n.parse::<u32>().is_ok())
        })
        .collect();
    assert!(steps.len() >= 5, "{creds}");
    for want in [
        generate::REDIRECT_URLS[0],
        generate::REDIRECT_URLS[1],
        "`tasks.read`",
        "`tasks.write`",
        "https://auth.larkspur.example/authorize",
        "https://auth.larkspur.example/token",
        "client ID",
        "client secret",
    ] {
        assert!(creds.contains(want), "missing {want} in\n{creds}");
    }
    // What the swagger cannot say is a visible marker, listed by `todos`.
    let todos = generate::todos(creds);
    assert_eq!(todos.len(), 2, "{todos:?}");
    assert!(todos[0].contains("developer portal"));

    // The session alone (no swagger yet) says OAuth: the scaffold is there too.
    let readme = generate::readme_md(&s, None);
    assert!(readme.contains(generate::REDIRECT_URLS[1]));
    assert!(generate::todos(&readme).iter().any(|t| t == "token URL"));
}

#[test]
fn api_properties_match_the_security_definitions() {
    let props = |name: &str| {
        let s = session(AuthKind::None);
        let text = generate::api_properties_json(&s, Some(&load(&fixture(name))));
        assert!(text.ends_with("}\n"), "final newline");
        assert!(
            text.starts_with("{\n  \"properties\": {\n    \""),
            "2-space indent: {text}"
        );
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        v["properties"].clone()
    };

    let p = props("apikey");
    assert_eq!(p["iconBrandColor"], "#da3b01");
    assert_eq!(p["publisher"], "Ada Example");
    assert_eq!(p["stackOwner"], "Larkspur Ltd");
    let keys: Vec<&String> = p["connectionParameters"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(keys, ["api_key"]);
    let k = &p["connectionParameters"]["api_key"];
    assert_eq!(k["type"], "securestring");
    assert_eq!(k["uiDefinition"]["displayName"], "X-Larkspur-Key");

    let p = props("basic");
    let cp = p["connectionParameters"].as_object().unwrap();
    assert_eq!(cp.keys().collect::<Vec<_>>(), ["username", "password"]);
    assert!(cp.values().all(|v| v["type"] == "securestring"));

    let p = props("oauth");
    let o = &p["connectionParameters"]["token"];
    assert_eq!(o["type"], "oauthSetting");
    let settings = &o["oAuthSettings"];
    assert_eq!(settings["identityProvider"], "oauth2");
    assert_eq!(settings["clientId"], generate::DUMMY_CLIENT_ID);
    assert_eq!(settings["redirectMode"], "Global");
    assert_eq!(settings["redirectUrl"], generate::REDIRECT_URLS[0]);
    assert_eq!(
        settings["scopes"],
        serde_json::json!(["tasks.read", "tasks.write"])
    );
    assert_eq!(
        settings["customParameters"]["tokenUrl"]["value"],
        "https://auth.larkspur.example/token"
    );

    let p = props("noauth");
    assert_eq!(p["connectionParameters"], serde_json::json!({}));
}

#[test]
fn api_properties_without_swagger_follow_the_session() {
    let mut s = session(AuthKind::ApiKey);
    s.proposal.publisher = String::new();
    let text = generate::api_properties_json(&s, None);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        v["properties"]["connectionParameters"]["api_key"]["type"],
        "securestring"
    );
    // A missing publisher is a marker, never an invented name.
    assert_eq!(generate::todos(&text), ["your name, or your company's"]);
}

#[test]
fn intro_has_the_sections_of_the_reference_and_the_proposal_facts() {
    let s = session(AuthKind::ApiKey);
    let intro = generate::intro_md(&s, None);
    assert!(
        !intro.starts_with('#'),
        "opening paragraph without a heading"
    );
    let h2: Vec<String> = headings(&intro)
        .into_iter()
        .filter(|h| h.0 == 2)
        .map(|h| h.1)
        .collect();
    assert_eq!(
        h2,
        [
            "Prerequisites",
            "How to get credentials",
            "Get started with your connector",
            "Known issues and limitations",
            "Common errors and remedies",
            "FAQ"
        ]
    );
    assert!(
        intro.contains("will offer these operations"),
        "planned, no swagger yet"
    );
    assert!(intro.contains("- List tasks\n- Create a task\n"));
    assert!(intro.contains("API key"), "authentication is described");
    assert!(intro.contains("collaborators are welcome"));
    assert!(intro.contains("ada@larkspur.example"));
    assert!(
        generate::todos(&intro)
            .iter()
            .all(|t| t.contains("API key")),
        "only the key's location is left to write"
    );

    let mut alone = session(AuthKind::None);
    alone.proposal.collaborators_welcome = false;
    alone.proposal.contact_email = String::new();
    let intro = generate::intro_md(&alone, None);
    assert!(!intro.contains("collaborators are welcome"));
    assert!(generate::todos(&intro).contains(&"your contact e-mail address".to_string()));
}

#[test]
fn titles_pass_pr_title_and_proposal_title() {
    let s = session(AuthKind::None);
    let c = load(&fixture("apikey"));
    for (title, rule) in [
        (generate::pr_title(&s), "PR-TITLE"),
        (generate::proposal_pr_title(&s), "PROPOSAL-TITLE"),
    ] {
        let fs = rules::check(
            &c,
            &CheckOptions {
                pr_title: Some(title.clone()),
                ..Default::default()
            },
        );
        assert!(!fs.iter().any(|f| f.rule == rule), "{title}: {fs:#?}");
    }
    assert_eq!(
        generate::pr_title(&s),
        "Larkspur Tasks (Independent Publisher)"
    );

    let mut upd = s.clone();
    upd.is_update = true;
    let t = generate::pr_title(&upd);
    assert_ne!(t, generate::pr_title(&s));
    let ctx = FieldContext {
        is_update: true,
        ..FieldContext::default()
    };
    assert!(check_field(Field::PrTitle, &t, &ctx).is_empty(), "{t}");
}

#[test]
fn pr_body_ticks_what_was_verified_and_leaves_the_rest() {
    let mut s = session(AuthKind::ApiKey);
    s.duplicate.query = "larkspur".into();
    s.duplicate.outcome = Some(DuplicateOutcome::NoDuplicate);
    s.checklist.insert("PRT-2".into(), true);
    // Even if answered in the wizard, screenshots are not in the body: never pre-ticked.
    s.checklist.insert("PRT-IP-2".into(), true);
    let (dir, findings) = generate_into_folder("apikey", &s);
    let c = load(dir.path());
    let items = generate::checklist(&s, Some(&c), Some(&findings));
    let tick = |id: &str| items.iter().find(|i| i.id == id).unwrap().tick;
    assert_eq!(tick("PRT-1"), Tick::Verified);
    assert_eq!(tick("PRT-2"), Tick::Confirmed);
    assert_eq!(tick("PRT-3"), Tick::Verified);
    assert_eq!(tick("PRT-4"), Tick::Verified);
    assert_eq!(tick("PRT-5"), Tick::Open);
    assert_eq!(tick("PRT-6"), Tick::Verified);
    assert_eq!(tick("PRT-IP-1"), Tick::Verified);
    assert_eq!(tick("PRT-IP-2"), Tick::Open);
    assert_eq!(tick("PRT-IP-3"), Tick::Open);
    assert_eq!(tick("PRT-IP-4"), Tick::Verified, "not OAuth");
    assert_eq!(items.len(), 10);
    // Only what the person can vouch for is theirs to tick in the wizard.
    let confirmable: Vec<&str> = items
        .iter()
        .filter(|i| i.confirmable)
        .map(|i| i.id)
        .collect();
    assert_eq!(confirmable, ["PRT-2", "PRT-5"]);

    let body = generate::pr_body(&s, Some(&c), Some(&findings));
    let ticked = body.lines().filter(|l| l.starts_with("- [x] ")).count();
    let open = body.lines().filter(|l| l.starts_with("- [ ] ")).count();
    assert_eq!((ticked, open), (7, 3), "{body}");
    assert!(body.contains("paste the screenshots"));
    assert!(body.contains("## Screenshots"));
    for op in ["List tasks", "Create a task", "Close a task", "Ping"] {
        assert!(body.contains(&format!("- **{op}**")), "{op} listed");
    }
    assert!(body.contains("`connector-wizard check`"));
    assert!(!body.contains("## What changes"));
}

#[test]
fn pr_body_leaves_unverifiable_items_open() {
    // No description on an operation, no response schema, an icon, OAuth steps with TODOs.
    let dir = tempfile::tempdir().unwrap();
    let sw = fs::read_to_string(fixture("oauth").join("apiDefinition.swagger.json")).unwrap();
    let root = json::parse(&sw).unwrap();
    let desc = root.pointer("/paths/~1tasks/get/description").unwrap();
    let mut edits = vec![json::TextEdit::set_string(desc, "")];
    let schema = root
        .pointer("/paths/~1tasks/post/responses/201/schema")
        .unwrap();
    edits.push(json::TextEdit {
        span: schema.span,
        replacement: "{}".into(),
    });
    let (sw, dropped) = json::apply_edits(&sw, &edits);
    assert_eq!(dropped, 0);
    fs::write(dir.path().join("apiDefinition.swagger.json"), sw).unwrap();
    fs::write(dir.path().join("icon.png"), b"\x89PNG").unwrap();
    let s = session(AuthKind::OAuth2);
    let c = load(dir.path());
    let items = generate::checklist(&s, Some(&c), None);
    let item = |id: &str| items.iter().find(|i| i.id == id).unwrap().clone();
    assert_eq!(item("PRT-1").tick, Tick::Open, "no duplicate search yet");
    assert!(item("PRT-1").note.contains("pulls?q="));
    assert_eq!(item("PRT-3").tick, Tick::Open);
    assert!(
        item("PRT-3").note.contains("List tasks"),
        "{}",
        item("PRT-3").note
    );
    assert_eq!(item("PRT-4").tick, Tick::Open);
    assert!(item("PRT-4").note.contains("Create a task"));
    assert_eq!(item("PRT-6").tick, Tick::Open);
    assert!(item("PRT-6").note.contains("icon.png"));
    assert_eq!(item("PRT-IP-4").tick, Tick::Open);
    assert!(item("PRT-IP-4").note.contains("TODO"));
}

#[test]
fn pr_body_of_an_update_describes_the_update() {
    let mut s = session(AuthKind::ApiKey);
    s.is_update = true;
    let c = load(&fixture("apikey"));
    let body = generate::pr_body(&s, Some(&c), None);
    assert!(body.contains("## What changes"));
    assert!(body.contains("updates the existing Larkspur Tasks connector"));
    assert!(body.contains("breaking-change"));
    assert!(body.contains("(Independent Publisher) - update"));
    assert!(
        !body.contains("## Validation"),
        "no check results were given"
    );
    let items = generate::checklist(&s, Some(&c), None);
    assert_eq!(
        items[0].tick,
        Tick::NotApplicable,
        "an update: the connector exists by design"
    );
    // The body does not tick "does not exist yet" for an update: it is struck out.
    let line = body
        .lines()
        .find(|l| l.contains("does not exist yet"))
        .unwrap();
    assert!(line.starts_with("- [ ] ~~"), "{line}");
    assert!(line.contains("not applicable"), "{line}");
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn compare_url_carries_title_and_body_exactly() {
    let s = session(AuthKind::ApiKey);
    let c = load(&fixture("apikey"));
    let title = generate::pr_title(&s);
    let body = generate::pr_body(&s, Some(&c), None);
    let u = generate::compare_url(&s, &title, &body, "ada-example", None);
    assert!(!u.body_omitted);
    assert!(u.url.len() <= generate::MAX_URL_LEN);
    let (base, query) = u.url.split_once('?').unwrap();
    assert_eq!(
        base,
        "https://github.com/microsoft/PowerPlatformConnectors/compare/dev...ada-example:larkspur-tasks"
    );
    let params: Vec<(&str, &str)> = query
        .split('&')
        .map(|kv| kv.split_once('=').unwrap())
        .collect();
    assert_eq!(params[0], ("quick_pull", "1"));
    assert_eq!(params[1].0, "title");
    assert_eq!(percent_decode(params[1].1), title);
    assert_eq!(params[2].0, "body");
    assert_eq!(percent_decode(params[2].1), body);
    assert!(!query.contains(' ') && !query.contains('\n') && !query.contains('#'));

    let long = body.repeat(10);
    let u = generate::compare_url(&s, &title, &long, "ada-example", Some("my-branch"));
    assert!(u.body_omitted);
    assert!(!u.url.contains("&body="));
    assert!(u.url.contains(":my-branch?"));
}

#[test]
fn corpus_readmes_list_every_visible_operation() {
    let Some(root) = shared::shared_or_skip(
        "corpus_readmes_list_every_visible_operation",
        "corpus/independent-publisher-connectors",
    ) else {
        return;
    };
    let entries = fs::read_dir(&root).unwrap();
    let mut seen = 0;
    for e in entries {
        let dir = e.unwrap().path();
        let Ok(c) = Connector::load(&dir, Some(DocKind::IndependentPublisher)) else {
            continue;
        };
        let Some(sw) = c.swagger_json() else { continue };
        let facts = generate::swagger::SwaggerFacts::from_root(sw);
        let mut s = Session::new(
            dir.file_name().unwrap().to_string_lossy(),
            ConnectorKind::IndependentPublisher,
        );
        s.proposal.publisher = "Test Publisher".into();
        s.connector_dir = Some(dir.clone());
        let readme = generate::readme_md(&s, Some(&c));
        let ops: Vec<String> = facts
            .visible_operations()
            .map(|o| {
                o.display_name()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let title = facts.title.clone().unwrap_or_else(|| s.name.clone());
        if !ops.is_empty() {
            let described = facts.visible_operations().all(|o| o.description.is_some());
            if described {
                assert_readme_template(&readme, &title, "Test Publisher", &ops);
            }
            let h3 = headings(&readme).iter().filter(|h| h.0 == 3).count();
            assert_eq!(h3, ops.len(), "{}", dir.display());
        }
        // apiProperties generated for it parse and carry the IP colour.
        let ap: serde_json::Value =
            serde_json::from_str(&generate::api_properties_json(&s, Some(&c))).unwrap();
        assert_eq!(ap["properties"]["iconBrandColor"], "#da3b01");
        seen += 1;
    }
    assert!(seen >= 10, "only {seen} corpus connectors were read");
}
