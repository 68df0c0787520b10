//! `connector-wizard rules [ID|PREFIX]`: the registry as a table, or one rule's full
//! explanation (as `ruff rule F401` prints it).

use super::color::{ColorChoice, Paint};
use super::{EXIT_OK, EXIT_USAGE};
use crate::rules::docs::Example;
use crate::rules::{Applicability, Check, Rule, RuleId, Severity, RULES};
use crate::util::printable::{json_pretty, printable};

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  connector-wizard rules                 every rule, by family\n  connector-wizard rules TITLE-MAX-30    what the rule checks, why, an example that fails and one that passes\n  connector-wizard rules OP-SUMMARY      the rules whose ID starts with OP-SUMMARY-\n  connector-wizard rules --json          every field of every rule, for scripts"
)]
pub struct Args {
    /// A rule ID (`TITLE-MAX-30`) for its full explanation, or an ID prefix (`OP-SUMMARY`,
    /// `BREAKING`) for the rules it starts. Case does not matter.
    #[arg(value_name = "ID|PREFIX")]
    pub rule: Option<String>,
    /// Print JSON instead of text: every field of the registry, with the explanation.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args, color: ColorChoice) -> anyhow::Result<u8> {
    let p = Paint::new(color.stdout());
    let selected: Vec<&'static Rule> = match &args.rule {
        None => RULES.iter().collect(),
        Some(q) => {
            let ids = RuleId::matching(q);
            if ids.is_empty() {
                let mut msg = format!("no rule has the ID or prefix `{}`", printable(q.trim()));
                let near = RuleId::nearest(q);
                if !near.is_empty() {
                    msg.push_str(&format!("; did you mean {}?", near.join(", ")));
                }
                msg.push_str(" (`connector-wizard rules` lists every rule)");
                eprintln!("{}", super::color::error_prefix(color, &msg));
                return Ok(EXIT_USAGE);
            }
            ids.into_iter().map(RuleId::rule).collect()
        }
    };
    let one = args
        .rule
        .as_deref()
        .and_then(RuleId::from_id)
        .filter(|_| selected.len() == 1);
    let out = match (args.json, one) {
        (true, Some(id)) => json_pretty(id.rule())? + "\n",
        (true, None) => json_pretty(&selected)? + "\n",
        (false, Some(id)) => explain(id.rule(), p),
        (false, None) => table(&selected, p),
    };
    super::term::write_stdout(&out);
    Ok(EXIT_OK)
}

fn severity(p: &Paint, s: Severity) -> String {
    match s {
        Severity::Error => p.red("error  "),
        Severity::Warning => p.yellow("warning"),
        Severity::Info => p.blue("info   "),
    }
}

/// The marks after a rule's summary: fix, manual check, other severities.
fn marks(r: &Rule) -> String {
    let mut m = String::new();
    match r.fix {
        Applicability::None => {}
        Applicability::Safe => m.push_str(" [fix]"),
        Applicability::Unsafe => m.push_str(" [unsafe fix]"),
    }
    if r.check == Check::Manual {
        m.push_str(" [manual]");
    }
    if !r.also.is_empty() {
        let also: Vec<&str> = r.also.iter().map(|s| s.as_str()).collect();
        m.push_str(&format!(" [also {}]", also.join(", ")));
    }
    m
}

/// The rules grouped by family: ID, severity, summary and marks, then the source.
fn table(rules: &[&Rule], p: Paint) -> String {
    let mut out = String::new();
    let mut family = None;
    for r in rules {
        if family != Some(r.family) {
            family = Some(r.family);
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&format!("{}\n", p.bold(r.family.label())));
        }
        out.push_str(&format!(
            "  {:<31} {}  {}{}\n  {:<31}          {}\n",
            r.id.as_str(),
            severity(&p, r.severity),
            r.summary,
            p.dim(&marks(r)),
            "",
            p.dim(r.source)
        ));
    }
    out.push_str(&format!(
        "\n{} rules. `connector-wizard rules ID` explains one: what, why, an example that fails and one that passes.\n",
        rules.len()
    ));
    out
}

/// One rule in full.
fn explain(r: &Rule, p: Paint) -> String {
    let mut out = format!("{}  {}\n\n", p.bold(r.id.as_str()), r.summary);
    let mut sev = r.severity.as_str().to_string();
    if !r.also.is_empty() {
        let also: Vec<&str> = r.also.iter().map(|s| s.as_str()).collect();
        sev.push_str(&format!(" (also {} in the cases below)", also.join(" or ")));
    }
    let fix = match r.fix {
        Applicability::None => "none".to_string(),
        Applicability::Safe => "safe: `check --fix` repairs it".to_string(),
        Applicability::Unsafe => {
            "unsafe (may change what the connector does): `check --fix --unsafe-fixes`".to_string()
        }
    };
    let checked = match r.check {
        Check::Automatic => "by `check` and the wizard".to_string(),
        Check::Manual => "by a person: `check` does not report it (the wizard asks, or lists it in the PR checklist)".to_string(),
    };
    for (k, v) in [
        ("Severity", sev),
        ("Family", r.family.label().to_string()),
        ("Fix", fix),
        ("Checked", checked),
        ("Source", r.source.to_string()),
    ] {
        out.push_str(&format!("  {:<9} {v}\n", p.dim(k)));
    }
    match r.explanation() {
        None => out.push_str("\n(no explanation yet)\n"),
        Some(e) => {
            out.push_str(&format!(
                "\n{}\n{}\n",
                p.bold("What it checks"),
                wrap(&e.what)
            ));
            out.push_str(&format!("\n{}\n{}\n", p.bold("Why"), wrap(&e.why)));
            if let Some(ev) = &e.evidence {
                out.push_str(&format!(
                    "\n{}\n{}\n",
                    p.bold("Why this severity"),
                    wrap(ev)
                ));
            }
            if let Some(o) = &e.over_target {
                out.push_str(&format!(
                    "\n{}\n{}\n",
                    p.bold(
                        "May fire on more merged connectors than the calibration target, because"
                    ),
                    wrap(o.text())
                ));
            }
            out.push_str(&example(&p, "Example that fails", &e.fails));
            out.push_str(&example(&p, "Example that passes", &e.passes));
        }
    }
    out
}

fn example(p: &Paint, title: &str, e: &Example) -> String {
    let code: Vec<String> = e.code.lines().map(|l| format!("    {l}")).collect();
    format!(
        "\n{}{}\n{}\n",
        p.bold(title),
        p.dim(&e.kind.suffix()),
        code.join("\n")
    )
}

/// Words wrapped to 88 columns, indented by two spaces.
fn wrap(text: &str) -> String {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > 86 {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
        .iter()
        .map(|l| format!("  {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explanation_has_every_part() {
        let text = explain(RuleId::TitleNoApi.rule(), Paint::new(false));
        assert!(text.starts_with("TITLE-NO-API  "), "{text}");
        for part in [
            "Severity  error (also warning",
            "Fix       none",
            "What it checks\n  ",
            "\nWhy\n  ",
            "Example that fails",
            "Example that passes",
        ] {
            assert!(text.contains(part), "{part:?} missing from\n{text}");
        }
        assert!(
            text.contains("Why this severity\n  Of 330 merged"),
            "{text}"
        );
        assert!(text.contains("restricted words"), "{text}");
        let text = explain(RuleId::ParamPathEncoding.rule(), Paint::new(false));
        assert!(text.contains("--unsafe-fixes"), "{text}");
        let text = explain(RuleId::PrCla.rule(), Paint::new(false));
        assert!(text.contains("`check` does not report it"), "{text}");
    }

    #[test]
    fn wrapping_keeps_every_word() {
        let long = "word ".repeat(60);
        let w = wrap(&long);
        assert!(w.lines().all(|l| l.chars().count() <= 88));
        assert_eq!(w.split_whitespace().count(), 60);
    }
}
