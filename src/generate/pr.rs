//! The pull-request body: the PR template's checklist (reference §3.2) ticked where the
//! program verified the item, the operations, the check result and room for screenshots.

use super::{is_image_name, one_line, pr_title, todo, todos, Facts, REDIRECT_URLS};
use crate::document::Connector;
use crate::rules::{check_field, Field, FieldContext, Finding, RuleId, Severity, Summary};
use crate::session::{ConnectorKind, DuplicateOutcome, Session};
use std::fmt::Write;

/// How an item of the checklist stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tick {
    /// The program checked it (session, files or check results): ticked.
    Verified,
    /// The person confirmed it in the wizard's checklist: ticked.
    Confirmed,
    /// Left for the person: not ticked, with a hint.
    Open,
    /// Does not apply to this pull request (an update: the connector exists by design).
    NotApplicable,
}

impl Tick {
    pub fn is_ticked(self) -> bool {
        matches!(self, Tick::Verified | Tick::Confirmed)
    }
}

/// One item of the PR template checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistItem {
    /// The item's id in the reference: "PRT-1" … "PRT-6", "PRT-IP-1" … "PRT-IP-4".
    pub id: &'static str,
    /// The item, as it reads in the PR body.
    pub text: &'static str,
    pub tick: Tick,
    /// What was verified, or what the person still has to do.
    pub note: String,
    /// Whether the person may tick it in the wizard. Items the program decides (from the
    /// files) and items that live in the PR itself (screenshots) are not theirs to tick.
    pub confirmable: bool,
}

/// The PR template checklist for a session. `findings` are the results of
/// [`crate::rules::check`] on the connector, when it was run; items that depend on the
/// swagger are verified from the swagger itself as well, so a check that did not run never
/// ticks anything by itself.
pub fn checklist(
    session: &Session,
    connector: Option<&Connector>,
    findings: Option<&[Finding]>,
) -> Vec<ChecklistItem> {
    let f = Facts::new(session, connector);
    let fired = |ids: &[RuleId]| -> Vec<&Finding> {
        findings
            .unwrap_or(&[])
            .iter()
            .filter(|x| ids.contains(&x.rule) && x.severity == Severity::Error)
            .collect()
    };
    let confirmed = |id: &str| session.checked(id);
    let mut items = Vec::new();

    // PRT-1: the connector does not exist yet.
    let mut prt1_confirmable = false;
    let (tick, note) = if session.is_update
        || matches!(
            session.duplicate.outcome,
            Some(DuplicateOutcome::ExtendExisting { .. } | DuplicateOutcome::WaitForOpenPr { .. })
        ) {
        (
            Tick::NotApplicable,
            "this pull request updates the existing connector".to_string(),
        )
    } else if session.duplicate.outcome == Some(DuplicateOutcome::NoDuplicate) {
        let q = session.duplicate.query.trim();
        let note = if q.is_empty() {
            "the duplicate search found no existing connector".to_string()
        } else {
            format!("the duplicate search for \"{q}\" found no existing connector")
        };
        (Tick::Verified, note)
    } else if confirmed("PRT-1") {
        prt1_confirmable = true;
        (
            Tick::Confirmed,
            "you confirmed it in the wizard".to_string(),
        )
    } else {
        prt1_confirmable = true;
        (
            Tick::Open,
            format!(
                "search the connectors and the pull requests first: {}",
                super::pr_search_url(&f.name())
            ),
        )
    };
    items.push(ChecklistItem {
        id: "PRT-1",
        text: "The connector does not exist yet: I searched the pull requests, the connectors of the platform and their documentation.",
        tick,
        note,
        confirmable: prt1_confirmable,
    });

    // PRT-2: it works, every operation tested.
    items.push(person(
        "PRT-2",
        "The connector works: every operation was deployed and tested.",
        confirmed("PRT-2"),
        "deploy it as a custom connector and call every operation (at least 10 successful calls each)",
    ));

    // PRT-3: descriptions of operations and parameters.
    let (tick, note) = match &f.swagger {
        None => (Tick::Open, "no swagger to verify yet".to_string()),
        Some(sw) if sw.operations.is_empty() => {
            (Tick::Open, "the swagger has no operations yet".to_string())
        }
        Some(sw) => {
            let mut missing = Vec::new();
            for op in &sw.operations {
                if op.description.is_none() {
                    missing.push(format!("operation {}", op.display_name()));
                }
                for p in &op.params_without_description {
                    missing.push(format!("parameter {p} of {}", op.display_name()));
                }
            }
            let rule_hits = fired(&[RuleId::OpDescPresent, RuleId::ParamDescPresent]);
            if missing.is_empty() && rule_hits.is_empty() {
                (
                    Tick::Verified,
                    format!(
                        "all {} operations and their parameters have a description",
                        sw.operations.len()
                    ),
                )
            } else if missing.is_empty() {
                (
                    Tick::Open,
                    format!(
                        "{} description findings of the check to fix",
                        rule_hits.len()
                    ),
                )
            } else {
                (
                    Tick::Open,
                    format!("no description yet: {}", short_list(&missing)),
                )
            }
        }
    };
    items.push(ChecklistItem {
        id: "PRT-3",
        text: "Every operation and parameter has a detailed description.",
        tick,
        note,
        confirmable: false,
    });

    // PRT-4: response schemas (the person may confirm that responses are dynamic).
    let mut prt4_confirmable = false;
    let (tick, note) = match &f.swagger {
        None => (Tick::Open, "no swagger to verify yet".to_string()),
        Some(sw) if sw.operations.is_empty() => {
            (Tick::Open, "the swagger has no operations yet".to_string())
        }
        Some(sw) => {
            let lacking: Vec<String> = sw
                .operations
                .iter()
                .filter(|o| o.lacks_response_schema())
                .map(|o| o.display_name())
                .collect();
            let rule_hits = fired(&[RuleId::ResponseSchema, RuleId::ResponseNoEmptySchema]);
            if lacking.is_empty() && rule_hits.is_empty() {
                (
                    Tick::Verified,
                    "every action that returns a body describes it with a schema".to_string(),
                )
            } else if confirmed("PRT-4") && !lacking.is_empty() {
                prt4_confirmable = true;
                (
                    Tick::Confirmed,
                    format!(
                        "you confirmed the responses without a schema are dynamic: {}",
                        short_list(&lacking)
                    ),
                )
            } else if lacking.is_empty() {
                (
                    Tick::Open,
                    format!(
                        "{} response-schema findings of the check to fix",
                        rule_hits.len()
                    ),
                )
            } else {
                prt4_confirmable = true;
                (
                    Tick::Open,
                    format!(
                        "no response schema: {} (tick it yourself if those responses are dynamic)",
                        short_list(&lacking)
                    ),
                )
            }
        }
    };
    items.push(ChecklistItem {
        id: "PRT-4",
        text: "Every action has a response schema, unless its response is dynamic.",
        tick,
        note,
        confirmable: prt4_confirmable,
    });

    // PRT-5: paconn validate (needs a Microsoft login: only the person can run it).
    items.push(person(
        "PRT-5",
        "I ran `paconn validate` on apiDefinition.swagger.json.",
        confirmed("PRT-5"),
        "run `paconn login`, then `paconn validate --api-def apiDefinition.swagger.json`",
    ));

    // PRT-6: no icon (independent publisher) or a valid brand colour (certified).
    match session.kind {
        ConnectorKind::IndependentPublisher => {
            let icons: Vec<String> = f
                .entries
                .iter()
                .filter(|n| is_image_name(n))
                .cloned()
                .collect();
            let (tick, note) = match connector {
                None => (Tick::Open, "no connector folder to verify yet".to_string()),
                Some(_) if !icons.is_empty() || !fired(&[RuleId::IpNoIcon]).is_empty() => (
                    Tick::Open,
                    format!(
                        "remove {} from the connector folder",
                        if icons.is_empty() {
                            "the icon".to_string()
                        } else {
                            icons.join(", ")
                        }
                    ),
                ),
                Some(_) => (
                    Tick::Verified,
                    "the connector folder holds no icon, and `connector-wizard export` never copies one"
                        .to_string(),
                ),
            };
            items.push(ChecklistItem {
                id: "PRT-6",
                text: "No icon is submitted (independent publisher).",
                tick,
                note,
                confirmable: false,
            });
        }
        ConnectorKind::Certified => {
            let color = f
                .api_properties
                .as_ref()
                .and_then(|p| p.get("iconBrandColor"))
                .and_then(|c| c.as_str())
                .map(|c| c.trim().to_ascii_lowercase());
            let (tick, note) = match color.as_deref() {
                Some(c) if !c.is_empty() && c != "#007ee5" && c != "#ffffff" => {
                    (Tick::Verified, format!("iconBrandColor is {c}"))
                }
                Some(c) if !c.is_empty() => (
                    Tick::Open,
                    format!("iconBrandColor {c} is not allowed: choose your brand's colour"),
                ),
                _ => (
                    Tick::Open,
                    "set iconBrandColor in apiProperties.json".to_string(),
                ),
            };
            items.push(ChecklistItem {
                id: "PRT-6",
                text: "The brand colour is valid: not #007ee5 and not #ffffff.",
                tick,
                note,
                confirmable: false,
            });
        }
    }

    if session.kind == ConnectorKind::Certified {
        return items;
    }

    // PRT-IP-1: the PR title.
    let title = pr_title(session);
    let ctx = FieldContext {
        is_update: session.is_update,
        ..FieldContext::default()
    };
    let issues = check_field(Field::PrTitle, &title, &ctx);
    let (tick, note) = if issues.iter().all(|i| i.severity != Severity::Error) {
        (Tick::Verified, format!("the title is \"{title}\""))
    } else {
        (
            Tick::Open,
            issues
                .first()
                .map(|i| i.message.clone())
                .unwrap_or_default(),
        )
    };
    items.push(ChecklistItem {
        id: "PRT-IP-1",
        text: "The pull request is named \"Connector Name (Independent Publisher)\".",
        tick,
        note,
        confirmable: false,
    });

    // PRT-IP-2 and PRT-IP-3: screenshots live in the body itself; only the person can add them.
    items.push(ChecklistItem {
        id: "PRT-IP-2",
        text: "The screenshots below show three different operations (actions or triggers) running in one or more flows, and the successful run of each of those flows.",
        tick: Tick::Open,
        note: "paste the screenshots under Screenshots in the pull request, then tick it there"
            .into(),
        confirmable: false,
    });
    items.push(ChecklistItem {
        id: "PRT-IP-3",
        text: "A screenshot below shows the custom connector's Test operations section.",
        tick: Tick::Open,
        note: "paste the screenshot under Screenshots in the pull request, then tick it there"
            .into(),
        confirmable: false,
    });

    // PRT-IP-4: OAuth app-creation steps in the readme.
    let (tick, note) = if !f.uses_oauth() {
        (
            Tick::Verified,
            "not an OAuth connector: no app to create".to_string(),
        )
    } else {
        let generated;
        let readme = match f.readme {
            Some(r) => r,
            None => {
                generated = super::readme_md(session, connector);
                &generated
            }
        };
        let has_urls = REDIRECT_URLS.iter().all(|u| readme.contains(u));
        let steps = readme
            .lines()
            .filter(|l| {
                let t = l.trim_start();
                t.split_once(". ")
                    .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
            })
            .count();
        let open_todos = todos(readme).len();
        let rule_hits = fired(&[RuleId::ReadmeOauth]);
        if has_urls && steps >= 3 && open_todos == 0 && rule_hits.is_empty() {
            (
                Tick::Verified,
                "readme.md has numbered app-creation steps with both redirect URLs".to_string(),
            )
        } else if !has_urls {
            (
                Tick::Open,
                format!(
                    "add the app-creation steps to readme.md, with both redirect URLs {} and {}",
                    REDIRECT_URLS[0], REDIRECT_URLS[1]
                ),
            )
        } else if open_todos > 0 {
            (
                Tick::Open,
                format!(
                    "fill in the {open_todos} [TODO] markers of readme.md (the app-creation steps must be complete)"
                ),
            )
        } else {
            (
                Tick::Open,
                "write the app-creation steps of readme.md as a numbered list".to_string(),
            )
        }
    };
    items.push(ChecklistItem {
        id: "PRT-IP-4",
        text: "OAuth connectors: readme.md has detailed steps to create the app.",
        tick,
        note,
        confirmable: false,
    });
    items
}

fn person(id: &'static str, text: &'static str, confirmed: bool, hint: &str) -> ChecklistItem {
    if confirmed {
        ChecklistItem {
            id,
            text,
            tick: Tick::Confirmed,
            note: "you confirmed it in the wizard".into(),
            confirmable: true,
        }
    } else {
        ChecklistItem {
            id,
            text,
            tick: Tick::Open,
            note: hint.to_string(),
            confirmable: true,
        }
    }
}

fn short_list(items: &[String]) -> String {
    const SHOWN: usize = 5;
    if items.len() <= SHOWN {
        items.join(", ")
    } else {
        format!(
            "{} and {} more",
            items[..SHOWN].join(", "),
            items.len() - SHOWN
        )
    }
}

/// The pull-request body: an update paragraph for updates, the checklist (see
/// [`checklist`]), the list of operations, the result of the check when `findings` is given,
/// and a place for the screenshots reviewers require.
pub fn pr_body(
    session: &Session,
    connector: Option<&Connector>,
    findings: Option<&[Finding]>,
) -> String {
    let f = Facts::new(session, connector);
    let title = f.title();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<!-- Written by connector-wizard. Ticked items were verified by the program or confirmed by you; the others are yours to do before review. -->\n"
    );
    if session.is_update {
        let _ = writeln!(out, "## What changes\n");
        let _ = writeln!(
            out,
            "This pull request updates the existing {title} connector. {}\n",
            todo("what changes: new operations, fixes, and anything existing flows could notice")
        );
        let _ = writeln!(
            out,
            "Every update goes through Microsoft's breaking-change check: removed or renamed operations and parameters, and parameters made required, need a reason here.\n"
        );
    } else {
        let what = match session.kind {
            ConnectorKind::IndependentPublisher => "independent-publisher connector",
            ConnectorKind::Certified => "connector",
        };
        let _ = writeln!(out, "This pull request adds the {title} {what}.\n");
    }

    let _ = writeln!(out, "## Checklist\n");
    for item in checklist(session, connector, findings) {
        let mark = if item.tick.is_ticked() { "x" } else { " " };
        let label = match item.tick {
            Tick::Verified => "verified",
            Tick::Confirmed => "confirmed",
            Tick::Open => "to do",
            Tick::NotApplicable => "not applicable",
        };
        let text = if item.tick == Tick::NotApplicable {
            format!("~~{}~~", item.text)
        } else {
            item.text.to_string()
        };
        let _ = writeln!(
            out,
            "- [{mark}] {text} _({label}: {})_",
            one_line(&item.note)
        );
    }
    out.push('\n');

    let _ = writeln!(out, "## Operations\n");
    match &f.swagger {
        Some(sw) if !sw.operations.is_empty() => {
            for op in &sw.operations {
                let mut line = format!("- **{}**", one_line(&op.display_name()));
                if let Some(id) = &op.operation_id {
                    let _ = write!(line, " (`{id}`)");
                }
                if op.is_trigger {
                    line.push_str(", trigger");
                }
                if op.is_internal {
                    line.push_str(", internal");
                }
                if let Some(d) = &op.description {
                    let _ = write!(line, ": {}", one_line(d));
                }
                let _ = writeln!(out, "{line}");
            }
        }
        _ => {
            let ops = f.operation_list();
            if ops.is_empty() {
                let _ = writeln!(out, "{}", todo("the operations of the connector"));
            }
            for (name, _) in ops {
                let _ = writeln!(out, "- {} (planned)", one_line(&name));
            }
        }
    }
    out.push('\n');

    if let Some(findings) = findings {
        let s = Summary::of(findings);
        let _ = writeln!(out, "## Validation\n");
        let _ = writeln!(
            out,
            "`connector-wizard check`: {} {}, {} {}, {} {}.\n",
            s.errors,
            plural(s.errors, "error", "errors"),
            s.warnings,
            plural(s.warnings, "warning", "warnings"),
            s.infos,
            plural(s.infos, "note", "notes")
        );
    }

    let _ = writeln!(out, "## Screenshots\n");
    if session.kind == ConnectorKind::IndependentPublisher {
        let _ = writeln!(
            out,
            "<!-- Paste here: three different operations running in one or more flows, the successful run of each of those flows, and the custom connector's Test operations section. -->"
        );
    } else {
        let _ = writeln!(
            out,
            "<!-- Paste here screenshots of the operations working. -->"
        );
    }
    out
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}
