//! `connector-wizard rules`: list every rule from the registry.

use super::color::{ColorChoice, Paint};
use super::EXIT_OK;
use crate::rules::{Severity, RULES};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args, color: ColorChoice) -> anyhow::Result<u8> {
    let mut out = String::new();
    let all: Vec<&crate::rules::Rule> = RULES
        .iter()
        .chain(crate::breaking::BREAKING_RULES.iter())
        .collect();
    if args.json {
        out = crate::util::printable::json_pretty(&all)? + "\n";
    } else {
        let p = Paint::new(color.stdout());
        let mut family = "";
        for r in all {
            if r.family != family {
                family = r.family;
                out.push_str(&format!("\n{}\n", p.bold(family)));
            }
            let sev = match r.severity {
                Severity::Error => p.red("error  "),
                Severity::Warning => p.yellow("warning"),
                Severity::Info => p.blue("info   "),
            };
            let fix = if r.fixable { " [fix]" } else { "" };
            out.push_str(&format!(
                "  {:<24} {sev}  {}{fix}\n  {:<24}          {}\n",
                r.id,
                r.summary,
                "",
                p.dim(r.source)
            ));
        }
    }
    super::term::write_stdout(out.trim_start_matches('\n'));
    Ok(EXIT_OK)
}
