//! An export plan as text, for the CLI (coloured on a terminal) and the wizard's preview
//! (plain). Names and diff lines come from files: they pass the printable filter.

use super::{Origin, Plan, Status};
use crate::util::color::Paint;
use crate::util::printable::printable;

/// The plan as text: the target, each file with its status and origin, the diffs of changed
/// files, the skipped files with their reasons, notes and problems.
pub fn render_plan(plan: &Plan, paint: Paint) -> String {
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
