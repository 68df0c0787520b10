//! `connector-wizard catalog refresh [--repo PATH] [--github]` and `catalog info [--json]`.

use super::color::{ColorChoice, Paint};
use super::EXIT_OK;
use crate::catalog::github::{self, GithubOptions};
use crate::catalog::{repo, store, Catalog, Origin, SourceInfo, STALE_DAYS};
use crate::util::printable::{json_pretty, printable};
use anyhow::{bail, Context};
use chrono::{DateTime, Utc};
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Update the user cache: scan a checkout of microsoft/PowerPlatformConnectors and/or read its open pull requests from GitHub.
    #[command(
        after_help = "GitHub: GITHUB_TOKEN (optional) raises the rate limit; GITHUB_API_URL points at GitHub Enterprise (default https://api.github.com)."
    )]
    Refresh {
        /// A local checkout to scan (certified-connectors, independent-publisher-connectors, custom-connectors).
        #[arg(long, value_name = "PATH")]
        repo: Option<PathBuf>,
        /// Read the open pull requests through the GitHub REST API.
        #[arg(long)]
        github: bool,
    },
    /// Show each source of the catalog, its age and counts.
    Info {
        /// Print the sources as JSON.
        #[arg(long)]
        json: bool,
    },
}

pub fn run(args: Args, color: ColorChoice) -> anyhow::Result<u8> {
    match args.command {
        Command::Refresh { repo, github } => refresh(repo, github, color),
        Command::Info { json } => info(json, color),
    }
}

fn refresh(repo_path: Option<PathBuf>, github: bool, color: ColorChoice) -> anyhow::Result<u8> {
    if repo_path.is_none() && !github {
        bail!("say where to refresh from: `catalog refresh --repo PATH` (a checkout of microsoft/PowerPlatformConnectors), `--github`, or both");
    }
    let dir = crate::util::paths::catalog_dir();
    let err = Paint::new(color.stderr());
    let tty = std::io::stderr().is_terminal();
    if let Some(root) = repo_path {
        let mut last_dir = String::new();
        let mut progress = |p: repo::Progress<'_>| {
            if tty {
                let text = format!("scanning {} {}/{}", p.dir, p.done, p.total);
                super::term::progress(&text, p.done == p.total);
            } else if p.done == p.total || (p.done.is_multiple_of(100) && p.dir == last_dir) {
                eprintln!("scanning {}: {}/{}", p.dir, p.done, p.total);
            }
            last_dir = p.dir.to_string();
        };
        let scan = repo::scan(&root, &mut progress)?;
        for n in &scan.notes {
            eprintln!("{}: {}", err.blue("note"), printable(n));
        }
        let path = store::write_cache(&dir, store::REPO_CACHE, &scan.to_file(&root))?;
        let by_kind = |k| scan.connectors.iter().filter(|c| c.kind == k).count();
        println!(
            "Scanned {} connector folders of {}{}: {} certified, {} independent publisher, {} custom samples ({} read leniently).",
            scan.connectors.len(),
            root.display(),
            match (&scan.commit, &scan.commit_date) {
                (Some(c), Some(d)) => format!(" at commit {} ({d})", &c[..c.len().min(12)]),
                (Some(c), None) => format!(" at commit {}", &c[..c.len().min(12)]),
                _ => " (not a git checkout: no commit recorded)".to_string(),
            },
            by_kind(crate::catalog::Kind::Certified),
            by_kind(crate::catalog::Kind::IndependentPublisher),
            by_kind(crate::catalog::Kind::CustomSample),
            scan.notes.len(),
        );
        println!("Cache written to {}.", path.display());
    }
    if github {
        let opts = GithubOptions::from_env();
        eprintln!(
            "reading the open pull requests of {} from {}{}",
            opts.repository,
            opts.api_url,
            if opts.token.is_some() {
                " (with GITHUB_TOKEN)"
            } else {
                ""
            }
        );
        let mut progress = |page: usize, so_far: usize| {
            eprintln!("  page {page}: {so_far} pull requests so far");
        };
        let prs = github::fetch_open_pull_requests(&opts, &mut progress)
            .context("refreshing the pull requests from GitHub failed")?;
        let proposals = prs.iter().filter(|p| p.proposal).count();
        let n = prs.len();
        let path = store::write_cache(&dir, store::GITHUB_CACHE, &github::to_file(&opts, prs))?;
        println!(
            "Read {n} open pull requests ({proposals} proposals). Cache written to {}.",
            path.display()
        );
    }
    Ok(EXIT_OK)
}

fn age(t: Option<DateTime<Utc>>, now: DateTime<Utc>) -> String {
    let Some(t) = t else {
        return "date unknown".to_string();
    };
    let d = now - t;
    let ago = if d.num_days() >= 2 {
        format!("{} days ago", d.num_days())
    } else if d.num_hours() >= 2 {
        format!("{} hours ago", d.num_hours())
    } else if d.num_minutes() >= 2 {
        format!("{} minutes ago", d.num_minutes())
    } else {
        "just now".to_string()
    };
    format!("{} ({ago})", t.format("%Y-%m-%d %H:%M UTC"))
}

fn info(json: bool, color: ColorChoice) -> anyhow::Result<u8> {
    let report = Catalog::load();
    let now = Utc::now();
    let c = &report.catalog;
    let counts = c.counts();
    let err = Paint::new(color.stderr());
    for w in &report.warnings {
        eprintln!("{}: {}", err.yellow("warning"), printable(w));
    }
    if json {
        let v = serde_json::json!({
            "catalogDir": crate::util::paths::catalog_dir(),
            "connectors": counts.connectors,
            "pullRequests": counts.pull_requests,
            "sources": c.sources().iter().map(|s| serde_json::json!({
                "origin": s.origin,
                "path": s.path,
                "description": s.description,
                "asOf": s.as_of,
                "ageDays": s.age_days(now),
                "stale": s.is_old(now),
                "commit": s.commit,
                "records": {"connectors": s.connectors, "pullRequests": s.pull_requests},
            })).collect::<Vec<_>>(),
            "refresh": c.refresh_advice(now),
            "warnings": report.warnings,
        });
        println!("{}", json_pretty(&v)?);
        return Ok(EXIT_OK);
    }
    let paint = Paint::new(color.stdout());
    println!("{}", paint.bold("Catalog sources"));
    for s in c.sources() {
        print_source(s, now, paint);
    }
    let has = |o| c.sources().iter().any(|s| s.origin == o);
    if !has(Origin::Repo) {
        println!(
            "  {}",
            paint.dim("no repository cache: `catalog refresh --repo PATH` adds connectors merged after the snapshot")
        );
    }
    if !has(Origin::Github) {
        println!(
            "  {}",
            paint.dim("no GitHub cache: `catalog refresh --github` reads the open pull requests")
        );
    }
    println!();
    println!("Searched: {}.", counts.text());
    if let Some(advice) = c.refresh_advice(now) {
        println!("{}", paint.yellow(&advice));
    }
    println!(
        "Cache directory: {}",
        crate::util::paths::catalog_dir().display()
    );
    Ok(EXIT_OK)
}

fn print_source(s: &SourceInfo, now: DateTime<Utc>, paint: Paint) {
    let label = match s.origin {
        Origin::Embedded => "built-in",
        Origin::Repo => "repository",
        Origin::Github => "GitHub",
    };
    println!(
        "  {}  {}",
        paint.bold(&format!("{label:<10}")),
        printable(&s.description)
    );
    let when = match s.origin {
        Origin::Embedded => "snapshot of",
        _ => "refreshed",
    };
    let age_text = format!("{when} {}", age(s.as_of, now));
    let age_text = if s.is_old(now) {
        paint.yellow(&format!("{age_text}: over {STALE_DAYS} days old"))
    } else {
        age_text
    };
    println!("  {:<10}  {age_text}", "");
    if let Some(commit) = &s.commit {
        println!("  {:<10}  commit {}", "", printable(commit));
    }
    if let Some(p) = &s.path {
        println!(
            "  {:<10}  {}",
            "",
            paint.dim(&printable(&p.display().to_string()))
        );
    }
}
