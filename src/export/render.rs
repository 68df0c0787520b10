//! The plan as text, for `connector-wizard export` and the wizard alike: the target, each
//! file with its status and origin, the diffs of changed files, the skipped files with their
//! reasons, notes and problems. The caller chooses the colours through a [`Tone`] painter.

use super::{Origin, Plan, Status};
use crate::util::printable::printable;

/// What a piece of the plan text is, for colouring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Bold,
    Added,
    Removed,
    Changed,
    Hunk,
    Dim,
    Note,
}

/// The plan as text; `paint` colours each piece (identity for plain text).
pub fn render_plan(plan: &Plan, paint: &dyn Fn(Tone, &str) -> String) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "{} {} → {}\n",
        paint(Tone::Bold, "Export"),
        printable(&plan.folder),
        plan.target_dir.display()
    ));
    for f in &plan.files {
        let status = match f.status {
            Status::New => paint(Tone::Added, "new      "),
            Status::Changed { .. } => paint(Tone::Changed, "changed  "),
            Status::Unchanged => paint(Tone::Dim, "unchanged"),
        };
        let origin = match &f.origin {
            Origin::Copied { .. } => "copied".to_string(),
            Origin::Generated => "generated from the session".to_string(),
        };
        out.push_str(&format!(
            "  {status} {} {}\n",
            printable(&f.name),
            paint(Tone::Dim, &format!("({origin}, {} bytes)", f.bytes.len()))
        ));
    }
    for f in &plan.files {
        if let Status::Changed { diff } = &f.status {
            out.push('\n');
            for line in diff.lines() {
                // The lines are the files' own: shown, never obeyed.
                let line = &*printable(line);
                let tone = if line.starts_with("+++") || line.starts_with("---") {
                    Some(Tone::Bold)
                } else if line.starts_with('+') {
                    Some(Tone::Added)
                } else if line.starts_with('-') {
                    Some(Tone::Removed)
                } else if line.starts_with("@@") {
                    Some(Tone::Hunk)
                } else {
                    None
                };
                out.push_str(&match tone {
                    Some(t) => paint(t, line),
                    None => line.to_string(),
                });
                out.push('\n');
            }
        }
    }
    if !plan.skipped.is_empty() {
        out.push_str("\nNot exported:\n");
        for s in &plan.skipped {
            out.push_str(&format!(
                "  {} {}: {}\n",
                paint(Tone::Dim, "skip"),
                printable(&s.name),
                s.reason
            ));
        }
    }
    if !plan.notes.is_empty() {
        out.push('\n');
        for n in &plan.notes {
            out.push_str(&format!(
                "{}: {}\n",
                paint(Tone::Note, "note"),
                printable(n)
            ));
        }
    }
    if !plan.problems.is_empty() {
        out.push('\n');
        for p in &plan.problems {
            out.push_str(&format!(
                "{}: {}\n",
                paint(Tone::Removed, "problem"),
                printable(p)
            ));
        }
    }
    out
}

/// Plain text: no colours.
pub fn plain(_: Tone, s: &str) -> String {
    s.to_string()
}
