//! `connector-wizard generate`: intro.md, readme.md, apiProperties.json, PR title and body,
//! and the GitHub URLs, from a saved session.

use super::color::{ColorChoice, Paint};
use super::{EXIT_FINDINGS, EXIT_OK};
use crate::document::Connector;
use crate::generate;
use crate::session::{Session, SessionStore};
use anyhow::{anyhow, Context};
use std::path::{Path, PathBuf};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Artefact {
    /// intro.md for the proposal PR and the connector package.
    Intro,
    /// readme.md from the independent-publisher template.
    Readme,
    /// apiProperties.json matching the swagger's security definitions.
    ApiProperties,
    /// The PR title (`--proposal`: the proposal PR's title).
    PrTitle,
    /// The PR body: the template checklist, ticked where verified, and the operations.
    PrBody,
    /// The GitHub page that opens the PR with title and body filled in.
    CompareUrl,
    /// The search of existing pull requests for the connector's name (step 1).
    SearchUrl,
    /// A response schema from a sample response (--from-sample FILE).
    Schema,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to generate.
    #[arg(value_enum)]
    pub what: Artefact,

    /// The session to generate from (see `connector-wizard session list`).
    #[arg(long, value_name = "NAME")]
    pub session: Option<String>,

    /// schema: the sample response (JSON) to describe.
    #[arg(long, value_name = "FILE")]
    pub from_sample: Option<PathBuf>,

    /// schema: put it into this operation's success response in the session's swagger.
    #[arg(long, value_name = "ID", requires = "from_sample")]
    pub operation: Option<String>,

    /// schema --operation: replace the response's existing schema.
    #[arg(long, conflicts_with = "extend")]
    pub replace: bool,

    /// schema --operation: add the properties the existing schema lacks.
    #[arg(long)]
    pub extend: bool,

    /// Write to FILE instead of standard output; an existing FILE is kept unless --force.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Replace FILE when it exists.
    #[arg(long)]
    pub force: bool,

    /// pr-title and compare-url: the proposal PR ("Proposal - <Name> (Independent Publisher)",
    /// with intro.md as the body).
    #[arg(long)]
    pub proposal: bool,

    /// Read the connector files from this folder instead of the session's.
    #[arg(long, value_name = "PATH")]
    pub dir: Option<PathBuf>,

    /// compare-url: the GitHub account that owns your fork (default: `git config github.user`).
    #[arg(long, value_name = "USER")]
    pub owner: Option<String>,

    /// compare-url: the branch of your fork (default: the connector name, e.g. hubspot-crm).
    #[arg(long, value_name = "NAME")]
    pub branch: Option<String>,

    /// compare-url and search-url: open the URL in the browser as well.
    #[arg(long)]
    pub open: bool,
}

pub fn run(args: Args, color: ColorChoice) -> anyhow::Result<u8> {
    let paint = Paint::new(color.stderr());
    if args.proposal && !matches!(args.what, Artefact::PrTitle | Artefact::CompareUrl) {
        return Err(anyhow!(
            "--proposal goes with pr-title or compare-url; leave it out for {}",
            artefact_name(args.what)
        ));
    }
    if args.open && !matches!(args.what, Artefact::CompareUrl | Artefact::SearchUrl) {
        return Err(anyhow!(
            "--open goes with compare-url or search-url; leave it out for {}",
            artefact_name(args.what)
        ));
    }
    if args.what == Artefact::Schema {
        let Some(sample) = args.from_sample.as_deref() else {
            return Err(anyhow!(
                "schema needs --from-sample FILE (a sample JSON response)"
            ));
        };
        if args.output.is_some() {
            return Err(anyhow!("schema prints to standard output; redirect it, or use --operation ID --session NAME to write it into the swagger"));
        }
        return super::sample::run(
            super::sample::Request {
                sample,
                session: args.session.as_deref(),
                dir: args.dir.as_deref(),
                operation: args.operation.as_deref(),
                replace: args.replace,
                extend: args.extend,
            },
            paint,
        );
    }
    if args.from_sample.is_some() {
        return Err(anyhow!(
            "--from-sample goes with schema; leave it out for {}",
            artefact_name(args.what)
        ));
    }
    let Some(session_name) = args.session.as_deref() else {
        return Err(anyhow!(
            "{} needs --session NAME (see `connector-wizard session list`)",
            artefact_name(args.what)
        ));
    };
    let session = load_session(session_name)?;
    let needs_files = !matches!(args.what, Artefact::PrTitle | Artefact::SearchUrl);
    let connector = if needs_files {
        load_connector(&session, args.dir.as_deref())?
    } else {
        None
    };
    let connector = connector.as_ref();

    let mut notes: Vec<String> = Vec::new();
    if needs_files && connector.is_none() && args.what != Artefact::CompareUrl {
        notes.push(format!(
            "session `{}` has no connector folder yet: operations and authentication come from its proposal (pass --dir PATH to read a folder)",
            session.name
        ));
    }
    let mut url_to_open = None;
    let text = match args.what {
        Artefact::Intro => generate::intro_md(&session, connector),
        Artefact::Readme => generate::readme_md(&session, connector),
        Artefact::ApiProperties => generate::api_properties_json(&session, connector),
        Artefact::PrTitle => line(if args.proposal {
            generate::proposal_pr_title(&session)
        } else {
            generate::pr_title(&session)
        }),
        Artefact::PrBody => {
            let findings = connector.map(|c| crate::rules::check(c, &Default::default()));
            generate::pr_body(&session, connector, findings.as_deref())
        }
        Artefact::CompareUrl => {
            let owner = match &args.owner {
                Some(o) if !o.trim().is_empty() => o.trim().to_string(),
                _ => github_user().ok_or_else(|| {
                    anyhow!("compare-url needs the GitHub account that owns your fork of {}: pass --owner USER (or set it once with `git config --global github.user USER`)", generate::UPSTREAM_REPO)
                })?,
            };
            let (title, body) = if args.proposal {
                (
                    generate::proposal_pr_title(&session),
                    generate::intro_md(&session, connector),
                )
            } else {
                let findings = connector.map(|c| crate::rules::check(c, &Default::default()));
                (
                    generate::pr_title(&session),
                    generate::pr_body(&session, connector, findings.as_deref()),
                )
            };
            let u = generate::compare_url(&session, &title, &body, &owner, args.branch.as_deref());
            if u.body_omitted {
                notes.push(format!(
                    "the PR body makes the URL {} bytes long, over GitHub's limit of about {}: it was left out. Paste it from `connector-wizard generate {} --session \"{}\"`.",
                    u.full_len,
                    generate::MAX_URL_LEN,
                    if args.proposal { "intro" } else { "pr-body" },
                    session.name
                ));
            }
            url_to_open = args.open.then(|| u.url.clone());
            line(u.url)
        }
        Artefact::SearchUrl => {
            let u = generate::pr_search_url(&generate::connector_name(&session));
            url_to_open = args.open.then(|| u.clone());
            line(u)
        }
        Artefact::Schema => unreachable!("handled above"),
    };

    let todos = generate::todos(&text);
    match &args.output {
        Some(path) => {
            if let Some(code) = write_output(path, &text, args.force, paint)? {
                return Ok(code);
            }
            eprintln!("wrote {}", path.display());
        }
        None => {
            // Redirected, the bytes are the file's; on a terminal, nothing in them (a title
            // taken from a swagger) may drive it.
            let shown = if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
                crate::util::printable::printable_text(&text)
            } else {
                std::borrow::Cow::Borrowed(text.as_str())
            };
            super::term::write_stdout_raw(shown.as_bytes())
                .context("cannot write to standard output")?;
        }
    }
    if !todos.is_empty() {
        eprintln!(
            "{}: {} marked [TODO: …] {} your words:",
            paint.yellow("note"),
            if todos.len() == 1 {
                "1 place".to_string()
            } else {
                format!("{} places", todos.len())
            },
            if todos.len() == 1 { "needs" } else { "need" }
        );
        for t in &todos {
            eprintln!("  - {t}");
        }
    }
    for n in notes {
        eprintln!("{}: {n}", paint.yellow("note"));
    }
    if let Some(url) = url_to_open {
        if let Err(e) = open::that(&url) {
            eprintln!(
                "{}: could not open a browser ({e}); copy the URL above",
                paint.yellow("warning")
            );
        }
    }
    Ok(EXIT_OK)
}

fn artefact_name(a: Artefact) -> &'static str {
    match a {
        Artefact::Intro => "intro",
        Artefact::Readme => "readme",
        Artefact::ApiProperties => "api-properties",
        Artefact::PrTitle => "pr-title",
        Artefact::PrBody => "pr-body",
        Artefact::CompareUrl => "compare-url",
        Artefact::SearchUrl => "search-url",
        Artefact::Schema => "schema",
    }
}

fn line(mut s: String) -> String {
    s.push('\n');
    s
}

/// Writes `text` to `path` atomically. `Ok(Some(code))` when it refused (the file exists).
fn write_output(path: &Path, text: &str, force: bool, paint: Paint) -> anyhow::Result<Option<u8>> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => {
            return Err(anyhow!(
                "{} is a folder; give a file name, e.g. {}",
                path.display(),
                path.join("readme.md").display()
            ))
        }
        Ok(_) if !force => {
            eprintln!(
                "{}: {} exists; add --force to replace it (nothing was written)",
                paint.red("error"),
                path.display()
            );
            return Ok(Some(EXIT_FINDINGS));
        }
        _ => {}
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        if !parent.is_dir() {
            return Err(anyhow!(
                "cannot write {}: the folder {} does not exist",
                path.display(),
                parent.display()
            ));
        }
    }
    crate::util::fs::atomic_write_shared(path, text.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(None)
}

/// Loads a saved session read-only (it may be open in the wizard at the same time).
pub(crate) fn load_session(name: &str) -> anyhow::Result<Session> {
    let store = SessionStore::default_location();
    let open = store.open_read_only(name)?;
    Ok(open.into_session())
}

/// The connector folder to read: `dir` when given, else the session's; `None` when neither.
pub(crate) fn connector_dir(session: &Session, dir: Option<&Path>) -> Option<PathBuf> {
    dir.map(Path::to_path_buf)
        .or_else(|| session.connector_dir.clone())
}

/// Loads the session's connector files (or `dir`'s). `None` when the session has no folder.
pub(crate) fn load_connector(
    session: &Session,
    dir: Option<&Path>,
) -> anyhow::Result<Option<Connector>> {
    let Some(path) = connector_dir(session, dir) else {
        return Ok(None);
    };
    let kind = session.kind;
    Connector::load(&path, Some(kind)).map(Some).map_err(|e| {
        anyhow!(
            "{e}\n(session `{}` keeps its connector files there; pass --dir PATH to use another folder)",
            session.name
        )
    })
}

/// The GitHub user from `git config github.user`, when git and the setting exist.
fn github_user() -> Option<String> {
    crate::util::git::output_line(None, &["config", "--get", "github.user"])
}
