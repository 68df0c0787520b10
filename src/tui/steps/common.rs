//! What several steps do alike: asking for a folder, reading the connector folder, previewing
//! a generated file before it is written, renaming the connector and opening GitHub's
//! pull-request page.

use crate::generate;
use crate::rules::{Field, Severity};
use crate::session::EventSlot;
use crate::tui::action::{Effect, PathPurpose, Pending, Work};
use crate::tui::editor::{EditTarget, Editor};
use crate::tui::fields::FieldCtx;
use crate::tui::shared::{Popup, Shared};
use std::path::PathBuf;

/// Asks for a folder path (the editor opens with the current one).
pub fn ask_path(sh: &mut Shared, purpose: PathPurpose) {
    if sh.refuse_read_only() {
        return;
    }
    let (title, current) = match purpose {
        PathPurpose::ConnectorFolder => (
            "Connector folder (apiDefinition.swagger.json, apiProperties.json, readme.md)",
            sh.session().and_then(|s| s.connector_dir.clone()),
        ),
        PathPurpose::ExportRepo => (
            "Checkout of microsoft/PowerPlatformConnectors",
            sh.checkout(),
        ),
        PathPurpose::IntroFolder => (
            "Connector folder for intro.md (created when missing)",
            sh.session().and_then(|s| s.connector_dir.clone()),
        ),
        PathPurpose::ImportSource => (
            "OpenAPI 3 or Swagger 2.0 file to import (JSON or YAML)",
            None,
        ),
    };
    let text = current.map(|p| p.display().to_string()).unwrap_or_default();
    sh.editor = Some(Editor::new(EditTarget::Path(purpose), title, &text, false));
}

/// `~/x` → the home directory's `x`.
pub fn expand_home(t: &str) -> PathBuf {
    if let Some(rest) = t.strip_prefix("~/") {
        if let Some(home) = std::env::var_os("HOME") {
            return PathBuf::from(home).join(rest);
        }
    }
    PathBuf::from(t)
}

/// The job that reads and checks a connector folder, with the session's kind.
pub fn load_job(
    sh: &mut Shared,
    path: PathBuf,
    keep: Option<String>,
    note: Option<String>,
) -> Effect {
    let kind = sh.session().map(|s| s.kind);
    sh.workspace.loading = true;
    sh.job(Work::LoadConnector {
        path,
        keep,
        note,
        kind,
    })
}

/// Reads the session's working copy again (after a file was written into it).
pub fn reload(sh: &mut Shared, fx: &mut Vec<Effect>) {
    if let Some(dir) = sh.session().and_then(|s| s.connector_dir.clone()) {
        let e = load_job(sh, dir, None, None);
        fx.push(e);
    }
}

/// Asks for a comparison of the checkout with the working copy (what is not exported yet).
pub fn export_status(sh: &mut Shared, fx: &mut Vec<Effect>) {
    let (Some(repo), Some(s)) = (sh.checkout(), sh.session().cloned()) else {
        return;
    };
    if s.connector_dir.is_none() {
        return;
    }
    let e = sh.job(Work::ExportStatus {
        session: Box::new(s),
        repo,
    });
    fx.push(e);
}

/// Shows a generated file before writing it into the working copy (asking for the folder
/// first when there is none).
pub fn preview_generated(
    sh: &mut Shared,
    what: &'static str,
    purpose: PathPurpose,
    fx: &mut Vec<Effect>,
) {
    let Some(dir) = sh.session().and_then(|s| s.connector_dir.clone()) else {
        sh.say("Choose the connector folder first (it is created when missing).");
        ask_path(sh, purpose);
        return;
    };
    let Some(s) = sh.session() else { return };
    let c = sh.workspace.connector.as_ref();
    let text = match what {
        "intro.md" => generate::intro_md(s, c),
        "readme.md" => generate::readme_md(s, c),
        _ => generate::api_properties_json(s, c),
    };
    fx.push(Effect::PreviewFile {
        dir,
        name: what,
        text,
    });
}

/// The preview of a generated file: the whole text for a new file, a diff for a changed one;
/// yes writes it.
pub fn show_preview(sh: &mut Shared, p: crate::tui::action::FilePreview) {
    let label = p
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let write = Pending::WriteFile {
        path: p.path.clone(),
        bytes: p.text.clone().into_bytes(),
        label: label.clone(),
    };
    match &p.existing {
        Some(old) if old.as_slice() == p.text.as_bytes() => {
            sh.say(format!("{label} is already up to date: nothing to write."));
        }
        Some(old) => {
            let old = String::from_utf8_lossy(old).into_owned();
            let diff = similar::TextDiff::from_lines(&old, &p.text)
                .unified_diff()
                .context_radius(3)
                .header(&format!("{label} (now)"), &format!("{label} (generated)"))
                .to_string();
            sh.popup = Some(Popup::Preview {
                title: format!("{label} exists and differs: overwrite it?"),
                text: diff,
                scroll: Default::default(),
                on_yes: Some(write),
                yes_label: "overwrite".into(),
                alt: None,
            });
            sh.say("The preview shows what changes: y overwrites, n keeps the file.");
        }
        None => {
            sh.popup = Some(Popup::Preview {
                title: format!("New {}: {}", p.what, p.path.display()),
                text: p.text.clone(),
                scroll: Default::default(),
                on_yes: Some(write),
                yes_label: "write".into(),
                alt: None,
            });
            sh.say("The preview shows the new file: y writes it, n cancels.");
        }
    }
}

/// The editor for the connector's name, checked with the title rules as you type.
pub fn rename_editor(sh: &mut Shared) {
    if sh.refuse_read_only() {
        return;
    }
    let Some(s) = sh.session() else { return };
    let name = generate::connector_name(s);
    let ctx = FieldCtx {
        kind: s.kind,
        is_update: s.is_update,
        ..Default::default()
    };
    let mut ed = Editor::new(
        EditTarget::Rename,
        "Connector name (the folder, the branch and the PR titles follow it)",
        &name,
        false,
    )
    .with_rules(Field::Title, ctx);
    ed.problem = name_problem(&name);
    sh.editor = Some(ed);
}

/// What makes a name unusable as the connector's folder (a hard refusal).
pub fn name_problem(name: &str) -> Option<String> {
    let t = name.trim();
    if t.is_empty() {
        return Some("type a name (the name of the service, e.g. \"Contoso Tasks\")".into());
    }
    crate::export::folder_name(t).err().map(|e| match e {
        crate::export::ExportError::InvalidName { reason, .. } => {
            format!("the name {reason}; it becomes a folder name")
        }
        other => other.to_string(),
    })
}

/// The title rules a name breaks (errors), worded for a question.
pub fn name_errors(ed: &Editor) -> Vec<String> {
    ed.issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .map(|i| format!("{}: {}", i.rule, i.message))
        .collect()
}

/// Saving the name editor: refused for a name that cannot be a folder, asked when title
/// rules fail, else the rename question (which says whether the working copy moves).
pub fn save_rename(sh: &mut Shared, ed: Editor) {
    let name = ed.text().trim().to_string();
    if let Some(p) = name_problem(&name) {
        sh.warn(format!("Not renamed: {p}."));
        let mut ed = ed;
        ed.problem = Some(p);
        sh.editor = Some(ed);
        return;
    }
    let Some(s) = sh.session() else { return };
    let old = generate::connector_name(s);
    if name == old {
        sh.say("The name is unchanged.");
        return;
    }
    // The working copy moves along when its folder carries the old name.
    let move_folder = s.connector_dir.as_ref().and_then(|d| {
        let parent = d.parent()?;
        (d.file_name()?.to_string_lossy() == old).then(|| (d.clone(), parent.join(&name)))
    });
    let mut body = vec![format!("Rename \"{old}\" to \"{name}\"?")];
    let errors = name_errors(&ed);
    if !errors.is_empty() {
        body.push("The name breaks these title rules:".into());
        body.extend(errors.into_iter().map(|e| format!("• {e}")));
    }
    match &move_folder {
        Some((from, to)) => body.push(format!(
            "The working copy {} moves to {}.",
            from.display(),
            to.display()
        )),
        None => body.push("The working copy folder keeps its name.".into()),
    }
    body.push("The PR titles, the export folder and the branch follow the new name.".into());
    sh.popup = Some(Popup::Confirm {
        title: "Rename the connector?".into(),
        body,
        on_yes: Pending::Rename { name, move_folder },
    });
}

/// Opens GitHub's "open a pull request" page (proposal or final), once the fork's owner is
/// known (a job: git).
pub fn open_compare(sh: &mut Shared, proposal: bool, fx: &mut Vec<Effect>) {
    let Some(s) = sh.session() else { return };
    let c = sh.workspace.connector.as_ref();
    let (title, body) = if proposal {
        (generate::proposal_pr_title(s), generate::intro_md(s, c))
    } else {
        let findings = c.map(|_| sh.workspace.findings.as_slice());
        (generate::pr_title(s), generate::pr_body(s, c, findings))
    };
    let session = Box::new(s.clone());
    let repo = sh.checkout();
    let e = sh.job(Work::CompareUrl {
        session,
        title,
        body,
        repo,
    });
    fx.push(e);
    sh.say("Finding your fork (git) to open the pull-request page…");
}

/// Opens a link (recorded as the last link, for copying).
pub fn open_link(sh: &mut Shared, url: String, fx: &mut Vec<Effect>) {
    sh.last_link = Some(url.clone());
    fx.push(Effect::Open(url));
}

/// Opens the editor of a date (YYYY-MM-DD; empty clears it).
pub fn edit_date(sh: &mut Shared, slot: EventSlot) {
    if sh.refuse_read_only() {
        return;
    }
    let text = sh
        .session()
        .and_then(|s| slot.get(s))
        .map(|d| d.to_string())
        .unwrap_or_default();
    sh.editor = Some(Editor::new(
        EditTarget::Date(slot),
        format!("{} (YYYY-MM-DD, empty clears)", slot.label()),
        &text,
        false,
    ));
}

/// `t` on a date of steps 2 and 4: today when it is not recorded, else cleared. Returns
/// whether it is now set, `None` when nothing changed.
pub fn today_or_clear(sh: &mut Shared, slot: EventSlot, fx: &mut Vec<Effect>) -> Option<bool> {
    let today = sh.today;
    let s = sh.session()?;
    let set = slot.get(s).is_none();
    let d = set.then_some(today);
    if let Some(p) = crate::session::events::problems_if_set(s, slot, d, today).first() {
        sh.warn(format!("Not saved: {p}."));
        return None;
    }
    sh.change(fx, |s| slot.set(s, d)).then_some(set)
}
