//! `connector-wizard session`: create, list, show and remove wizard sessions.

use super::color::{ColorChoice, Paint};
use super::{EXIT_FINDINGS, EXIT_OK};
use crate::session::{
    ConnectorKind, OpenSession, Session, SessionError, SessionStore, SessionSummary, Step,
    StepStatus,
};
use crate::timeline::{self, EntryState, TimelineEntry, When};
use crate::util::printable::{json_pretty, printable};
use anyhow::{anyhow, Context};
use chrono::{DateTime, Local, NaiveDate, NaiveTime, Utc};
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: SessionCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum SessionCommand {
    /// Create a session (for scripts and tests; the wizard creates them too).
    New {
        /// The connector's display name, e.g. "HubSpot CRM".
        name: String,
        /// The folder holding the connector files (apiDefinition.swagger.json, …).
        #[arg(long, value_name = "CONNECTOR_FOLDER")]
        dir: Option<PathBuf>,
        /// The kind of connector.
        #[arg(long, default_value = "independent-publisher", value_parser = parse_kind)]
        kind: ConnectorKind,
        /// The session updates an existing connector.
        #[arg(long)]
        update: bool,
    },
    /// List saved sessions, most recently changed first.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Show a session's state and the dates that follow from it.
    Show {
        name: String,
        /// Print JSON (the session, its file, and the timeline).
        #[arg(long)]
        json: bool,
        /// Compute the timeline as of this date (YYYY-MM-DD) instead of now.
        #[arg(long, value_name = "DATE")]
        today: Option<NaiveDate>,
    },
    /// Remove a session (asks first; --yes skips the question).
    Rm {
        name: String,
        /// Do not ask for confirmation.
        #[arg(long, short = 'y')]
        yes: bool,
    },
}

fn parse_kind(s: &str) -> Result<ConnectorKind, String> {
    s.parse()
}

pub fn run(args: Args, color: ColorChoice) -> anyhow::Result<u8> {
    let store = SessionStore::default_location();
    let paint = Paint::new(color.stdout());
    match args.command {
        SessionCommand::New {
            name,
            dir,
            kind,
            update,
        } => new(&store, &name, dir, kind, update, paint),
        SessionCommand::List { json } => list(&store, json, paint),
        SessionCommand::Show { name, json, today } => show(&store, &name, json, today, paint),
        SessionCommand::Rm { name, yes } => rm(&store, &name, yes, color),
    }
}

fn new(
    store: &SessionStore,
    name: &str,
    dir: Option<PathBuf>,
    kind: ConnectorKind,
    update: bool,
    paint: Paint,
) -> anyhow::Result<u8> {
    // Check the folder before creating anything, so a mistake leaves no session behind.
    let dir = match dir {
        Some(d) => {
            let meta = std::fs::metadata(&d).with_context(|| {
                format!(
                    "connector folder {}: cannot be read; give an existing folder to --dir",
                    d.display()
                )
            })?;
            if !meta.is_dir() {
                return Err(anyhow!(
                    "connector folder {} is not a folder; give the folder that holds apiDefinition.swagger.json to --dir",
                    d.display()
                ));
            }
            Some(
                d.canonicalize()
                    .with_context(|| format!("connector folder {}", d.display()))?,
            )
        }
        None => None,
    };
    let mut open = store.create_and_open(name, kind)?;
    if dir.is_some() || update {
        open.update(|s| {
            s.connector_dir = dir.clone();
            s.is_update = update;
        })?;
    }
    println!(
        "Created session {} ({}{}) in {}",
        paint.bold(&printable(&open.name)),
        kind.id(),
        if update { ", update" } else { "" },
        open.path().display()
    );
    if let Some(d) = &dir {
        println!("Connector folder: {}", d.display());
        if !d.join("apiDefinition.swagger.json").is_file() {
            println!(
                "{}",
                paint.yellow("note: the folder has no apiDefinition.swagger.json yet")
            );
        }
    }
    println!(
        "Open it with `connector-wizard --resume \"{}\"`.",
        printable(&open.name)
    );
    Ok(EXIT_OK)
}

fn local_time(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string()
}

fn list(store: &SessionStore, json: bool, paint: Paint) -> anyhow::Result<u8> {
    let sessions = store.list()?;
    let moved = store.moved_aside();
    if json {
        let v = serde_json::json!({
            "dir": store.dir(),
            "sessions": sessions,
            "moved_aside": moved,
        });
        println!("{}", json_pretty(&v)?);
        return Ok(EXIT_OK);
    }
    if sessions.is_empty() {
        println!(
            "No sessions in {}. Create one with `connector-wizard session new NAME`, or run `connector-wizard`.",
            store.dir().display()
        );
    } else {
        print_table(&sessions, paint);
    }
    if !moved.is_empty() {
        println!();
        println!(
            "{} damaged session file{} moved aside (kept, not used):",
            moved.len(),
            if moved.len() == 1 { " was" } else { "s were" }
        );
        for m in &moved {
            println!("  {}", m.display());
        }
    }
    Ok(EXIT_OK)
}

fn print_table(sessions: &[SessionSummary], paint: Paint) {
    let rows: Vec<[String; 4]> = sessions
        .iter()
        .map(|s| {
            [
                printable(&s.name).into_owned(),
                s.kind.map(|k| k.id().to_string()).unwrap_or_default(),
                match (s.current_step, s.current_status) {
                    (Some(step), Some(st)) => format!("{} ({})", step.label(), st.label()),
                    _ => String::new(),
                },
                local_time(s.updated),
            ]
        })
        .collect();
    let header = ["NAME", "KIND", "STEP", "LAST CHANGE"];
    let mut widths = header.map(str::len);
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: [&str; 4]| {
        cells
            .iter()
            .zip(widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    println!("{}", paint.bold(&line(header)));
    for (s, r) in sessions.iter().zip(&rows) {
        let mut text = line([&r[0], &r[1], &r[2], &r[3]]);
        if let Some(pid) = s.in_use_by {
            text.push_str(&format!("  {}", paint.dim(&format!("(open in pid {pid})"))));
        }
        println!("{text}");
        if let Some(p) = &s.problem {
            println!(
                "  {} {}: {}",
                paint.red("cannot be read:"),
                s.path.display(),
                printable(p)
            );
        }
    }
}

/// Opens a session for reading. A damaged file is moved aside (through a normal open) unless
/// another process has the session open.
fn open_for_show(store: &SessionStore, name: &str) -> Result<OpenSession, SessionError> {
    match store.open_read_only(name) {
        Err(SessionError::Corrupt { .. }) if store.in_use_by(name)?.is_none() => store.open(name),
        other => other,
    }
}

fn show(
    store: &SessionStore,
    name: &str,
    json: bool,
    today: Option<NaiveDate>,
    paint: Paint,
) -> anyhow::Result<u8> {
    let open = open_for_show(store, name)?;
    let in_use_by = store.in_use_by(name)?;
    let now = match today {
        Some(d) => d.and_time(NaiveTime::MIN),
        None => timeline::pacific_now(),
    };
    let entries = timeline::timeline_at(&open.events, now);
    if json {
        let session: serde_json::Value = serde_json::from_str(&open.to_json())?;
        let v = serde_json::json!({
            "path": open.path(),
            "in_use_by": in_use_by,
            "as_of": now.date(),
            "session": session,
            "timeline": entries,
        });
        println!("{}", json_pretty(&v)?);
        return Ok(EXIT_OK);
    }
    print_session(&open, open.path(), in_use_by, paint);
    println!();
    print_timeline(&entries, now.date(), today.is_some(), paint);
    Ok(EXIT_OK)
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "[x]"
    } else {
        "[ ]"
    }
}

fn or_unset(s: &str) -> String {
    if s.trim().is_empty() {
        "(not set)".into()
    } else {
        printable(s).into_owned()
    }
}

fn print_session(s: &Session, path: &Path, in_use_by: Option<u32>, paint: Paint) {
    println!(
        "{}  {}",
        paint.bold(&printable(&s.name)),
        paint.dim(&format!(
            "{}, {}",
            s.kind.label(),
            if s.is_update {
                "update of an existing connector"
            } else {
                "new connector"
            }
        ))
    );
    println!("File: {}", path.display());
    if let Some(pid) = in_use_by {
        println!(
            "{}",
            paint.yellow(&format!("Open in pid {pid}; shown read-only."))
        );
    }
    println!(
        "Created {}, last change {}",
        local_time(s.created),
        local_time(s.updated)
    );
    println!();
    println!("{}", paint.bold("Steps"));
    for step in Step::ALL {
        let st = s.status(step);
        let mark = match st {
            StepStatus::Done => paint.green("done"),
            StepStatus::InProgress => paint.blue("in progress"),
            StepStatus::Blocked => paint.red("blocked"),
            StepStatus::NotStarted => paint.dim("not started"),
        };
        let cur = if step == s.current_step { ">" } else { " " };
        println!("  {cur} {:<14} {mark}", step.label());
    }
    println!();
    let p = &s.prerequisites;
    println!(
        "Prerequisites: {} repository  {} learning content  {} manifesto agreed",
        yes_no(p.repository),
        yes_no(p.learning_content),
        yes_no(p.manifesto)
    );
    let d = &s.duplicate;
    let outcome = d
        .outcome
        .as_ref()
        .map(|o| printable(&o.label()).into_owned())
        .unwrap_or_else(|| "(not decided)".into());
    let query = if d.query.is_empty() {
        String::new()
    } else {
        format!("\"{}\" → ", printable(&d.query))
    };
    println!("Duplicate search: {query}{outcome}");
    if let Some(m) = &d.match_name {
        println!(
            "  match: {}{}",
            printable(m),
            d.match_url
                .as_ref()
                .map(|u| format!(" <{}>", printable(u)))
                .unwrap_or_default()
        );
    }
    let pr = &s.proposal;
    println!("Proposal:");
    println!("  service:         {}", or_unset(&pr.service_description));
    println!("  website:         {}", or_unset(&pr.website_url));
    println!("  privacy policy:  {}", or_unset(&pr.privacy_policy_url));
    println!("  authentication:  {}", pr.auth.label());
    println!(
        "  operations:      {}",
        if pr.operations.is_empty() {
            "(none planned yet)".to_string()
        } else {
            printable(&pr.operations.join("; ")).into_owned()
        }
    );
    println!(
        "  contact:         {}{}",
        or_unset(&pr.contact_email),
        if pr.collaborators_welcome {
            " (collaborators welcome)"
        } else {
            ""
        }
    );
    println!("  publisher:       {}", or_unset(&pr.publisher));
    println!("  stack owner:     {}", or_unset(&pr.stack_owner));
    println!("  categories:      {}", or_unset(&pr.categories.join(", ")));
    match &s.connector_dir {
        Some(dir) if dir.is_dir() => println!(
            "Connector folder: {}",
            printable(&dir.display().to_string())
        ),
        Some(dir) => println!(
            "Connector folder: {} {}",
            printable(&dir.display().to_string()),
            paint.red("(missing)")
        ),
        None => println!("Connector folder: (not set)"),
    }
    match (&s.pr.number, &s.pr.url) {
        (None, None) => println!("Pull request: (not opened)"),
        (n, u) => {
            let parts: Vec<String> = n
                .map(|n| format!("#{n}"))
                .into_iter()
                .chain(u.clone())
                .collect();
            println!("Pull request: {}", printable(&parts.join(" ")));
        }
    }
    if !s.checklist.is_empty() {
        let ticked = s.checklist.values().filter(|v| **v).count();
        let items: Vec<String> = s
            .checklist
            .iter()
            .map(|(k, v)| format!("{} {}", yes_no(*v), printable(k)))
            .collect();
        println!(
            "PR checklist: {ticked}/{} ticked: {}",
            s.checklist.len(),
            items.join("  ")
        );
    }
}

fn fmt_when(w: &When) -> String {
    match *w {
        When::On { date } => date.format("%a %Y-%m-%d").to_string(),
        When::Between { earliest, latest } => format!(
            "{} – {}",
            earliest.format("%a %Y-%m-%d"),
            latest.format("%a %Y-%m-%d")
        ),
    }
}

fn print_timeline(entries: &[TimelineEntry], today: NaiveDate, fixed: bool, paint: Paint) {
    println!(
        "{} {}",
        paint.bold("Timeline"),
        paint.dim(&format!(
            "(as of {}{})",
            today.format("%a %Y-%m-%d"),
            if fixed { "" } else { ", Pacific time" }
        ))
    );
    if entries.is_empty() {
        println!("  Nothing recorded yet: dates appear once the proposal is opened or the connector submitted.");
        return;
    }
    let width = entries
        .iter()
        .map(|e| fmt_when(&e.when).chars().count())
        .max()
        .unwrap_or(0);
    for e in entries {
        let state = match e.state {
            EntryState::Done => paint.green("done    "),
            EntryState::Expected => paint.blue("expected"),
            EntryState::Overdue => paint.red("overdue "),
            EntryState::Past => paint.dim("past    "),
        };
        let note = e
            .note
            .as_ref()
            .map(|n| paint.dim(&format!(" ({})", printable(n))))
            .unwrap_or_default();
        println!(
            "  {:<width$}  {state}  {}{note}",
            fmt_when(&e.when),
            printable(&e.label)
        );
    }
}

fn rm(store: &SessionStore, name: &str, yes: bool, color: ColorChoice) -> anyhow::Result<u8> {
    let path = store.locate(name)?;
    if !yes {
        if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
            eprintln!(
                "{}",
                super::color::error_prefix(
                    color,
                    &format!(
                        "refusing to remove session `{name}` ({}) without confirmation: there is no terminal to ask. Pass --yes to remove it.",
                        path.display()
                    )
                )
            );
            return Ok(EXIT_FINDINGS);
        }
        eprint!(
            "Remove session `{name}` ({})? This cannot be undone. [y/N] ",
            path.display()
        );
        std::io::stderr().flush().ok();
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes") {
            eprintln!("Kept session `{name}`.");
            return Ok(EXIT_OK);
        }
    }
    let removed = store.remove(name)?;
    println!("Removed session `{name}` ({}).", removed.display());
    Ok(EXIT_OK)
}
