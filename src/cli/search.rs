//! `connector-wizard search [--json] [--limit N] QUERY...`: step 1, is the connector already
//! built? Searches the embedded connector list, the user caches and the known pull
//! requests. Exit status 1 when a hit is judged to be the same service.

use super::color::{ColorChoice, Paint};
use super::{EXIT_FINDINGS, EXIT_OK};
use crate::catalog::{self, Catalog, SearchHit, Status};
use crate::util::printable::{json_pretty, printable};
use anyhow::bail;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit status: 0 when nothing looks like the same service, 1 when a hit is judged a duplicate, 2 on a usage problem.\nThe list is built in; `connector-wizard catalog refresh` adds a checkout's connectors and GitHub's open pull requests."
)]
pub struct Args {
    /// Print the hits as a JSON array of {name, kind, folder, status, score, duplicate, advice, url}.
    #[arg(long)]
    pub json: bool,
    /// Show at most N hits.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub limit: usize,
    /// The name of the connector you want to build (several words are joined).
    #[arg(value_name = "QUERY", required = true, num_args = 1..)]
    pub query: Vec<String>,
}

pub fn run(args: Args, color: ColorChoice) -> anyhow::Result<u8> {
    let query = args.query.join(" ");
    if query.trim().is_empty() || !query.chars().any(char::is_alphanumeric) {
        bail!("the search needs a name with letters or digits, e.g. `connector-wizard search HubSpot CRM`");
    }
    if args.limit == 0 {
        bail!("--limit must be at least 1");
    }
    let report = Catalog::load();
    let warn = Paint::new(color.stderr());
    for w in &report.warnings {
        eprintln!("{}: {}", warn.yellow("warning"), printable(w));
    }
    let hits = report.catalog.search(&query, args.limit);
    let duplicate = hits.iter().any(|h| h.duplicate);
    if args.json {
        super::term::write_stdout(&(json_pretty(&hits)? + "\n"));
    } else {
        let paint = Paint::new(color.stdout());
        super::term::write_stdout(&render(&query, &report.catalog, &hits, paint));
    }
    Ok(if duplicate { EXIT_FINDINGS } else { EXIT_OK })
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn pad(s: &str, n: usize) -> String {
    let len = s.chars().count();
    format!("{s}{}", " ".repeat(n.saturating_sub(len)))
}

/// The text output: a table of hits, then what to do.
pub fn render(query: &str, catalog: &Catalog, hits: &[SearchHit], paint: Paint) -> String {
    let mut s = String::new();
    let connectors = catalog
        .searchable()
        .filter(|e| e.pr_number.is_none())
        .count();
    let prs = catalog.searchable().count() - connectors;
    s.push_str(&format!(
        "Searched {connectors} connectors and {prs} pull requests for \"{query}\".\n\n"
    ));
    if hits.is_empty() {
        s.push_str("Nothing comes close.\n");
    } else {
        let name_w = hits
            .iter()
            .map(|h| printable(&h.name).chars().count().min(40))
            .max()
            .unwrap_or(4)
            .max(4);
        s.push_str(&paint.bold(&format!(
            "{}  {}  {}  {}  {}\n",
            pad("SCORE", 5),
            pad("", 9),
            pad("STATUS", 21),
            pad("NAME", name_w),
            "WHERE"
        )));
        for h in hits {
            let verdict = if h.duplicate { "duplicate" } else { "" };
            let status = pad(h.status.as_str(), 21);
            let status = match (h.duplicate, h.status) {
                (false, _) => status,
                (true, Status::Platform) => paint.red(&status),
                (true, _) => paint.yellow(&status),
            };
            let name = pad(&truncate(&printable(&h.name), 40), name_w);
            let name = if h.duplicate { paint.bold(&name) } else { name };
            s.push_str(&format!(
                "{:>5.2}  {}  {status}  {name}  {}\n",
                h.score,
                if h.duplicate {
                    paint.red(&pad(verdict, 9))
                } else {
                    pad(verdict, 9)
                },
                paint.dim(&printable(h.url.as_deref().unwrap_or(h.kind.as_str())))
            ));
        }
        s.push('\n');
    }
    match hits.iter().find(|h| h.duplicate) {
        Some(h) => s.push_str(&format!(
            "{} {}\n",
            paint.bold(&format!("{}:", printable(&h.name))),
            h.advice.text()
        )),
        None => s.push_str(
            "Nothing here looks like the same service. Before you go on, also look at the pull requests on GitHub, open and closed:\n",
        ),
    }
    s.push_str(&format!(
        "{}\n",
        paint.dim(&format!("  {}", catalog::pr_search_url(query)))
    ));
    s
}
