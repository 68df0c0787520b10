//! The text being edited: a ratatui-textarea with the live feedback of its rules, what the
//! text is for ([`EditTarget`]), and the identifier under which an unsaved text is kept in
//! the session as a draft.

use super::action::{FormKey, PathPurpose};
use super::fields::FieldCtx;
use crate::rules::{check_field_live, Field, FieldIssue, Severity};
use crate::session::{EventSlot, ProposalField};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

/// What the text being edited is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditTarget {
    /// Home: the name of a new connector.
    NewSession,
    /// The connector's name (2 Propose, 4 Submit): a rename.
    Rename,
    /// Verify: the name searched for.
    Query,
    Proposal(ProposalField),
    /// Build: the field at this pointer.
    Swagger {
        pointer: String,
    },
    /// A folder path.
    Path(PathPurpose),
    /// Submit: the pull request's number or URL.
    PullRequest,
    /// Propose/Submit/Certify/Deploy: a date.
    Date(EventSlot),
    /// Certify: the date and note of a feedback round.
    RoundNote(usize),
    /// Build: a row of the open form (an operation, a parameter, the facts of a new
    /// connector, a sample response).
    Form(FormKey),
    /// Build, import: the words the operations are filtered by.
    PickFilter,
}

impl EditTarget {
    /// The identifier of the field (as saved in the session's UI position and drafts).
    pub fn id(&self) -> String {
        match self {
            EditTarget::NewSession => "home.new".into(),
            EditTarget::Rename => "propose.name".into(),
            EditTarget::Query => "verify.query".into(),
            EditTarget::Proposal(f) => f.id().into(),
            EditTarget::Swagger { pointer } => format!("build:{pointer}"),
            EditTarget::Path(PathPurpose::ConnectorFolder) => "path.connector".into(),
            EditTarget::Path(PathPurpose::ExportRepo) => "path.checkout".into(),
            EditTarget::Path(PathPurpose::IntroFolder) => "path.intro".into(),
            EditTarget::Path(PathPurpose::ImportSource) => "path.import".into(),
            EditTarget::PullRequest => "submit.pr".into(),
            EditTarget::Date(slot) => slot.id(),
            EditTarget::RoundNote(i) => format!("events.feedback_rounds.{i}.note"),
            EditTarget::Form(_) => "build.form".into(),
            EditTarget::PickFilter => "build.filter".into(),
        }
    }

    /// Whether an unsaved text is kept as a draft: not for what lives only as long as its
    /// screen (a new session's name, a form, the import filter).
    pub fn keeps_draft(&self) -> bool {
        !matches!(
            self,
            EditTarget::NewSession | EditTarget::Form(_) | EditTarget::PickFilter
        )
    }

    /// The target of an identifier written by [`EditTarget::id`].
    pub fn from_id(id: &str) -> Option<EditTarget> {
        Some(match id {
            "home.new" => EditTarget::NewSession,
            "propose.name" => EditTarget::Rename,
            "verify.query" => EditTarget::Query,
            "path.connector" => EditTarget::Path(PathPurpose::ConnectorFolder),
            "path.checkout" => EditTarget::Path(PathPurpose::ExportRepo),
            "path.intro" => EditTarget::Path(PathPurpose::IntroFolder),
            "path.import" => EditTarget::Path(PathPurpose::ImportSource),
            "submit.pr" => EditTarget::PullRequest,
            _ => {
                if let Some(p) = id.strip_prefix("build:") {
                    return Some(EditTarget::Swagger {
                        pointer: p.to_string(),
                    });
                }
                if let Some(f) = ProposalField::from_id(id) {
                    return Some(EditTarget::Proposal(f));
                }
                if let Some(i) = id
                    .strip_prefix("events.feedback_rounds.")
                    .and_then(|r| r.strip_suffix(".note"))
                {
                    return i.parse().ok().map(EditTarget::RoundNote);
                }
                return EventSlot::from_id(id).map(EditTarget::Date);
            }
        })
    }
}

/// A text being edited in a ratatui-textarea, with the live feedback of its rules.
pub struct Editor {
    pub target: EditTarget,
    pub area: TextArea<'static>,
    /// The rules that apply (swagger fields, names and titles).
    pub field: Option<Field>,
    pub ctx: FieldCtx,
    pub issues: Vec<FieldIssue>,
    /// A problem the wizard itself sees (e-mail, URL, date, path); saving is refused while
    /// there is one.
    pub problem: Option<String>,
    pub original: String,
    pub multiline: bool,
    pub title: String,
    /// Suggestions under the text (pull requests of the catalog), selected with ↑↓.
    pub suggestions: Vec<(String, String)>,
    pub suggestion: usize,
}

impl std::fmt::Debug for Editor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Editor")
            .field("target", &self.target)
            .field("text", &self.text())
            .field("problem", &self.problem)
            .field(
                "issues",
                &self.issues.iter().map(|i| i.rule).collect::<Vec<_>>(),
            )
            .finish()
    }
}

fn textarea(text: &str) -> TextArea<'static> {
    let lines: Vec<String> = if text.is_empty() {
        vec![String::new()]
    } else {
        text.split('\n').map(str::to_string).collect()
    };
    let mut area = TextArea::new(lines);
    area.move_cursor(CursorMove::Bottom);
    area.move_cursor(CursorMove::End);
    area.set_cursor_line_style(ratatui::style::Style::default());
    // Long text wraps instead of scrolling sideways.
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    area
}

impl Editor {
    pub fn new(
        target: EditTarget,
        title: impl Into<String>,
        text: &str,
        multiline: bool,
    ) -> Editor {
        // A value that is only a `[TODO: …]` marker opens empty, the marker shown as the
        // placeholder: the author types the real value instead of deleting the marker first.
        // Leaving it empty changes nothing (see `changed`).
        let area = if crate::generate::is_marker(text) {
            let mut a = textarea("");
            a.set_placeholder_text(text.trim());
            a
        } else {
            textarea(text)
        };
        Editor {
            target,
            area,
            field: None,
            ctx: FieldCtx::default(),
            issues: Vec::new(),
            problem: None,
            original: text.to_string(),
            multiline,
            title: title.into(),
            suggestions: Vec::new(),
            suggestion: 0,
        }
    }

    /// With the rules of `field` run on every change.
    pub fn with_rules(mut self, field: Field, ctx: FieldCtx) -> Editor {
        self.field = Some(field);
        self.ctx = ctx;
        self.recheck();
        self
    }

    /// The text (lines joined with `\n`).
    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    pub fn changed(&self) -> bool {
        let text = self.text();
        text != self.original && !(text.is_empty() && crate::generate::is_marker(&self.original))
    }

    /// Runs the field's rules on the current text: the per-keystroke path.
    pub fn recheck(&mut self) {
        if let Some(field) = self.field {
            let text = self.text();
            self.issues = check_field_live(field, &text, &self.ctx.as_ctx());
        }
    }

    /// The worst issue the rules see.
    pub fn worst(&self) -> Option<Severity> {
        self.issues.iter().map(|i| i.severity).min()
    }

    /// Characters typed, for the counter.
    pub fn char_count(&self) -> usize {
        self.area
            .lines()
            .iter()
            .map(|l| l.chars().count())
            .sum::<usize>()
            + self.area.lines().len().saturating_sub(1)
    }

    /// Replaces the whole text (the original stays: the editor is still "changed").
    pub fn set_text(&mut self, text: &str) {
        self.area = textarea(text);
        self.recheck();
    }

    /// Selects the whole text, so that typing replaces it.
    pub fn select_all(&mut self) {
        self.area.select_all();
    }
}
