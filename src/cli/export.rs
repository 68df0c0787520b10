//! `connector-wizard export`: plan → show → confirm → apply.

use super::color::{ColorChoice, Paint};
use super::generate::load_session;
use super::{EXIT_FINDINGS, EXIT_OK};
use crate::export::{self, BranchOutcome, Origin, Plan, PlannedFile, Status};
use crate::util::printable::printable;
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The session whose connector to export (see `connector-wizard session list`).
    #[arg(long, value_name = "NAME")]
    pub session: String,

    /// Your clone of microsoft/PowerPlatformConnectors.
    #[arg(long, value_name = "PATH")]
    pub repo: PathBuf,

    /// Export this connector folder instead of the session's.
    #[arg(long, value_name = "PATH")]
    pub dir: Option<PathBuf>,

    /// Show the plan and write nothing.
    #[arg(long)]
    pub dry_run: bool,

    /// Write the new files without asking.
    #[arg(long, short = 'y')]
    pub yes: bool,

    /// Replace the files that differ in the checkout without asking (implies --yes).
    #[arg(long)]
    pub force: bool,

    /// Create (or switch to) this git branch of the checkout before writing.
    #[arg(long, value_name = "NAME")]
    pub branch: Option<String>,
}

/// How a group of files gets its approval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Approval {
    /// A flag approves them.
    Given,
    /// Ask at the terminal.
    Ask,
    /// No terminal and no flag: refuse, naming the flag.
    Refuse(&'static str),
}

/// Who approves new and changed files, from the flags and whether there is a terminal.
pub(crate) fn approvals(yes: bool, force: bool, terminal: bool) -> (Approval, Approval) {
    let new = if yes || force {
        Approval::Given
    } else if terminal {
        Approval::Ask
    } else {
        Approval::Refuse("--yes")
    };
    let changed = if force {
        Approval::Given
    } else if terminal {
        Approval::Ask
    } else {
        Approval::Refuse("--force")
    };
    (new, changed)
}

pub fn run(args: Args, color: ColorChoice) -> anyhow::Result<u8> {
    let paint = Paint::new(color.stdout());
    let warn = Paint::new(color.stderr());
    let session = load_session(&args.session)?;

    if let Some(branch) = &args.branch {
        // Refuse a wrong checkout or name before touching git.
        export::plan(&session, args.dir.as_deref(), &args.repo)?;
        if args.dry_run {
            println!(
                "{}",
                paint.dim(&format!(
                    "dry run: would create or switch to branch `{branch}` first"
                ))
            );
        } else {
            match export::switch_branch(&args.repo, branch)? {
                BranchOutcome::Created => println!("created branch `{branch}` and switched to it"),
                BranchOutcome::Switched => println!("switched to branch `{branch}`"),
                BranchOutcome::AlreadyOn => println!("already on branch `{branch}`"),
            }
        }
    }

    let plan = export::plan(&session, args.dir.as_deref(), &args.repo)?;
    print!("{}", render_plan(&plan, paint));
    let _ = std::io::stdout().flush();

    if !plan.problems.is_empty() {
        eprintln!(
            "{}: nothing was written; fix the problems above and run the export again",
            warn.red("error")
        );
        return Ok(EXIT_FINDINGS);
    }
    if plan.is_up_to_date() {
        println!("Nothing to write: the checkout already has every file as it would be exported.");
        return Ok(EXIT_OK);
    }
    if args.dry_run {
        println!("{}", paint.bold("dry run: nothing was written"));
        return Ok(EXIT_OK);
    }

    let new: Vec<&PlannedFile> = plan.new_files().collect();
    let changed: Vec<&PlannedFile> = plan.changed_files().collect();
    let terminal = std::io::stdin().is_terminal();
    let (new_ok, changed_ok) = approvals(args.yes, args.force, terminal);
    let mut refusals = Vec::new();
    if let (false, Approval::Refuse(flag)) = (new.is_empty(), new_ok) {
        refusals.push(format!(
            "{} new file{} need{} a yes: add {flag}",
            new.len(),
            plural(new.len()),
            if new.len() == 1 { "s" } else { "" }
        ));
    }
    if let (false, Approval::Refuse(flag)) = (changed.is_empty(), changed_ok) {
        let names: Vec<&str> = changed.iter().map(|f| f.name.as_str()).collect();
        refusals.push(format!(
            "{} differ{} from what the checkout holds: add {flag} to replace {}",
            names.join(", "),
            if names.len() == 1 { "s" } else { "" },
            if names.len() == 1 { "it" } else { "them" }
        ));
    }
    if !refusals.is_empty() {
        eprintln!(
            "{}: no terminal to ask, so nothing was written:",
            warn.red("refused")
        );
        for r in refusals {
            eprintln!("  - {r}");
        }
        return Ok(EXIT_FINDINGS);
    }

    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let write_new = new.is_empty()
        || match new_ok {
            Approval::Given => true,
            _ => ask(
                &mut input,
                &format!(
                    "Write {} new file{} into {}?",
                    new.len(),
                    plural(new.len()),
                    plan.target_relative()
                ),
            )?,
        };
    let mut replace: Vec<String> = Vec::new();
    for f in &changed {
        let yes = match changed_ok {
            Approval::Given => true,
            _ => ask(
                &mut input,
                &format!("Replace {} in the checkout (diff above)?", f.name),
            )?,
        };
        if yes {
            replace.push(f.name.clone());
        }
    }
    if !write_new && replace.is_empty() {
        println!("Nothing was written.");
        return Ok(EXIT_FINDINGS);
    }

    let applied = plan.apply_selected(|f| match f.status {
        Status::New => write_new,
        Status::Changed { .. } => replace.contains(&f.name),
        Status::Unchanged => false,
    })?;
    for p in &applied.written {
        println!("{} {}", paint.green("wrote"), p.display());
    }
    for p in &applied.kept {
        println!("{} {} (not replaced)", paint.yellow("kept"), p.display());
    }
    if !write_new && !new.is_empty() {
        println!(
            "{} {} new file{} (you said no)",
            paint.yellow("skipped"),
            new.len(),
            plural(new.len())
        );
    }
    println!(
        "\nNext: check it with `connector-wizard check \"{}\"`, then commit:\n  git -C \"{}\" add \"{}\"\n  git -C \"{}\" commit -m \"{}\"",
        plan.target_dir.display(),
        plan.repo.display(),
        plan.target_relative(),
        plan.repo.display(),
        crate::generate::pr_title(&session)
    );
    Ok(EXIT_OK)
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Asks a yes/no question on standard error; only "y" or "yes" is a yes.
fn ask(input: &mut impl BufRead, question: &str) -> anyhow::Result<bool> {
    eprint!("{question} [y/N] ");
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    input.read_line(&mut line)?;
    Ok(matches!(
        line.trim().to_ascii_lowercase().as_str(),
        "y" | "yes"
    ))
}

/// The plan as text: the target, each file with its status and origin, the diffs of changed
/// files, the skipped files with their reasons, notes and problems.
pub(crate) fn render_plan(plan: &Plan, paint: Paint) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "{} {} → {}\n",
        paint.bold("Export"),
        plan.folder,
        plan.target_dir.display()
    ));
    for f in &plan.files {
        let colored = match f.status {
            Status::New => paint.green("new      "),
            Status::Changed { .. } => paint.yellow("changed  "),
            Status::Unchanged => paint.dim("unchanged"),
        };
        let origin = match &f.origin {
            Origin::Copied { .. } => "copied".to_string(),
            Origin::Generated => "generated from the session".to_string(),
        };
        out.push_str(&format!(
            "  {colored} {} {}\n",
            printable(&f.name),
            paint.dim(&format!("({origin}, {} bytes)", f.bytes.len()))
        ));
    }
    for f in &plan.files {
        if let Status::Changed { diff } = &f.status {
            out.push('\n');
            for line in diff.lines() {
                // The lines are the files' own: shown, never obeyed.
                let line = &*printable(line);
                let l = if line.starts_with("+++") || line.starts_with("---") {
                    paint.bold(line)
                } else if line.starts_with('+') {
                    paint.green(line)
                } else if line.starts_with('-') {
                    paint.red(line)
                } else if line.starts_with("@@") {
                    paint.blue(line)
                } else {
                    line.to_string()
                };
                out.push_str(&l);
                out.push('\n');
            }
        }
    }
    if !plan.skipped.is_empty() {
        out.push_str("\nNot exported:\n");
        for s in &plan.skipped {
            out.push_str(&format!(
                "  {} {}: {}\n",
                paint.dim("skip"),
                printable(&s.name),
                s.reason
            ));
        }
    }
    if !plan.notes.is_empty() {
        out.push('\n');
        for n in &plan.notes {
            out.push_str(&format!("{}: {}\n", paint.blue("note"), printable(n)));
        }
    }
    if !plan.problems.is_empty() {
        out.push('\n');
        for p in &plan.problems {
            out.push_str(&format!("{}: {}\n", paint.red("problem"), printable(p)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_and_terminal_decide_who_approves() {
        use Approval::*;
        assert_eq!(
            approvals(false, false, false),
            (Refuse("--yes"), Refuse("--force"))
        );
        assert_eq!(approvals(true, false, false), (Given, Refuse("--force")));
        assert_eq!(approvals(false, true, false), (Given, Given));
        assert_eq!(approvals(false, false, true), (Ask, Ask));
        assert_eq!(approvals(true, false, true), (Given, Ask));
    }

    #[test]
    fn only_yes_is_yes() {
        let mut yes = std::io::Cursor::new(b"Y\n".to_vec());
        assert!(ask(&mut yes, "q").unwrap());
        let mut empty = std::io::Cursor::new(b"\n".to_vec());
        assert!(!ask(&mut empty, "q").unwrap());
        let mut eof = std::io::Cursor::new(Vec::new());
        assert!(!ask(&mut eof, "q").unwrap());
        let mut other = std::io::Cursor::new(b"sure\n".to_vec());
        assert!(!ask(&mut other, "q").unwrap());
    }
}
