//! `connector-wizard search [--json] [--limit N] QUERY...`: step 1, is the connector already
//! built? Searches the embedded connector list, the user caches and the known pull
//! requests, and answers with one of four verdicts (same, likely, vendor, different) and
//! the action of the decision table. Exit status 1 when the answer is `same`.

use super::color::{ColorChoice, Paint};
use super::{EXIT_FINDINGS, EXIT_OK};
use crate::catalog::{self, Answer, Catalog, SearchHit, Status, Verdict};
use crate::util::printable::{json_pretty, printable};
use anyhow::bail;
use chrono::{DateTime, Utc};

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Verdicts: same (this service exists), likely (probably the same: look), vendor (other products of the vendor you name exist), different.\nExit status: 1 when the answer is `same`, 0 otherwise (likely, vendor, different), 2 on a usage problem.\nThe list is built in; `connector-wizard catalog refresh` adds a checkout's connectors and GitHub's open pull requests."
)]
pub struct Args {
    /// Print the hits as a JSON array of {name, kind, folder, status, score, duplicate, verdict, advice, url, matchedAs, vendor}.
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
    let catalog = &report.catalog;
    let hits = catalog.search(&query, args.limit);
    let answer = catalog.answer(&hits);
    let now = Utc::now();
    if args.json {
        // The JSON stays an array of hits; the list's age goes to stderr.
        if let Some(advice) = catalog.refresh_advice(now) {
            eprintln!(
                "{}: {}. {advice}",
                warn.blue("note"),
                catalog.freshness(now)
            );
        }
        super::term::write_stdout(&(json_pretty(&hits)? + "\n"));
    } else {
        let paint = Paint::new(color.stdout());
        super::term::write_stdout(&render(&query, catalog, &hits, &answer, now, paint));
    }
    Ok(if answer.verdict == Verdict::Same {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
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

/// The list searched: what it holds, the date and age of each source, and what to run when
/// it is old. Shared with `catalog info`.
pub fn list_lines(catalog: &Catalog, now: DateTime<Utc>, paint: Paint) -> String {
    match catalog.refresh_advice(now) {
        Some(advice) => format!(
            "List: {}. {}\n",
            catalog.freshness(now),
            paint.yellow(&advice)
        ),
        None => format!("List: {}.\n", catalog.freshness(now)),
    }
}

/// The text output: what was searched, a table of hits, then the answer and what to do.
pub fn render(
    query: &str,
    catalog: &Catalog,
    hits: &[SearchHit],
    answer: &Answer,
    now: DateTime<Utc>,
    paint: Paint,
) -> String {
    let mut s = format!("Searched {} for \"{query}\".\n", catalog.counts().text());
    s.push_str(&list_lines(catalog, now, paint));
    s.push('\n');
    if hits.is_empty() {
        s.push_str("Nothing comes close.\n");
    } else {
        let name_w = hits
            .iter()
            .map(|h| printable(&h.display_name()).chars().count().min(44))
            .max()
            .unwrap_or(4)
            .max(4);
        s.push_str(&paint.bold(&format!(
            "{}  {}  {}  {}  {}\n",
            pad("SCORE", 5),
            pad("VERDICT", 9),
            pad("STATUS", 21),
            pad("NAME", name_w),
            "WHERE"
        )));
        for h in hits {
            let verdict = pad(h.verdict.as_str(), 9);
            let verdict = match h.verdict {
                Verdict::Same => paint.red(&verdict),
                Verdict::Likely => paint.yellow(&verdict),
                Verdict::Vendor => paint.blue(&verdict),
                Verdict::Different => verdict,
            };
            let status = pad(h.status.as_str(), 21);
            let status = match (h.verdict.is_match(), h.status) {
                (false, _) => status,
                (true, Status::Platform) => paint.red(&status),
                (true, _) => paint.yellow(&status),
            };
            let name = pad(&truncate(&printable(&h.display_name()), 44), name_w);
            let name = if h.verdict.is_match() {
                paint.bold(&name)
            } else {
                name
            };
            s.push_str(&format!(
                "{:>5.2}  {verdict}  {status}  {name}  {}\n",
                h.score_shown(),
                paint.dim(&printable(h.url.as_deref().unwrap_or(h.kind.as_str())))
            ));
        }
        s.push('\n');
    }
    let text = printable(&answer.text(hits)).into_owned();
    let text = match answer.verdict {
        Verdict::Same => paint.red(&text),
        Verdict::Likely => paint.yellow(&text),
        Verdict::Vendor => paint.blue(&text),
        Verdict::Different => text,
    };
    s.push_str(&text);
    s.push('\n');
    s.push_str(if answer.verdict == Verdict::Different {
        "Before you go on, also look at the pull requests on GitHub, open and closed:\n"
    } else {
        "The pull requests on GitHub, open and closed:\n"
    });
    s.push_str(&format!(
        "{}\n",
        paint.dim(&format!("  {}", catalog::pr_search_url(query)))
    ));
    s
}
