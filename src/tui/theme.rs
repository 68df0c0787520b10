//! How things look: styles with and without colour, and every mark and glyph the screens use.
//! Meaning never rests on colour alone: selection is reversed and bold, problems carry a mark
//! (✗ ! i), and each status has its own sign.

use crate::generate::Tick;
use crate::rules::Severity;
use crate::session::StepStatus;
use ratatui::style::{Color, Modifier, Style};

/// Styles, with and without colour.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn selected(self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }
    /// The selected row of a list that does not have the focus.
    pub fn selected_unfocused(self) -> Style {
        Style::default().add_modifier(Modifier::UNDERLINED)
    }
    pub fn error(self) -> Style {
        if self.color {
            Style::default().fg(Color::Red).add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::BOLD)
        }
    }
    pub fn warning(self) -> Style {
        if self.color {
            Style::default().fg(Color::Yellow)
        } else {
            Style::default()
        }
    }
    pub fn ok(self) -> Style {
        if self.color {
            Style::default().fg(Color::Green)
        } else {
            Style::default()
        }
    }
    pub fn dim(self) -> Style {
        if self.color {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default()
        }
    }
    pub fn accent(self) -> Style {
        if self.color {
            Style::default()
                .fg(Color::Cyan)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::BOLD)
        }
    }
    pub fn heading(self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }
    /// Shaded days of the calendar (weekends, holidays).
    pub fn shade(self) -> Style {
        if self.color {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default().add_modifier(Modifier::DIM)
        }
    }
    pub fn severity(self, s: Severity) -> Style {
        match s {
            Severity::Error => self.error(),
            Severity::Warning => self.warning(),
            Severity::Info => self.dim(),
        }
    }
    pub fn status(self, s: StepStatus) -> Style {
        match s {
            StepStatus::Done => self.ok(),
            StepStatus::Blocked => self.error(),
            StepStatus::InProgress => self.warning(),
            StepStatus::NotStarted => self.dim(),
        }
    }
    pub fn tick(self, t: Tick) -> Style {
        match t {
            Tick::Verified | Tick::Confirmed => self.ok(),
            Tick::Open => self.heading(),
            Tick::NotApplicable => self.dim(),
        }
    }
}

/// The mark of a severity.
pub fn severity_mark(s: Severity) -> &'static str {
    match s {
        Severity::Error => "✗",
        Severity::Warning => "!",
        Severity::Info => "i",
    }
}

/// The mark of the worst finding of a field (blank when there is none).
pub fn field_mark(s: Option<Severity>) -> &'static str {
    s.map(severity_mark).unwrap_or(" ")
}

/// The word of a severity, for group headings ("errors").
pub fn severity_plural(s: Severity) -> &'static str {
    match s {
        Severity::Error => "errors",
        Severity::Warning => "warnings",
        Severity::Info => "infos",
    }
}

/// The mark of a step status (the status is never shown by colour alone).
pub fn status_mark(s: StepStatus) -> &'static str {
    match s {
        StepStatus::NotStarted => "○",
        StepStatus::InProgress => "◐",
        StepStatus::Done => "✓",
        StepStatus::Blocked => "✗",
    }
}

/// A step that is not part of this journey (the proposal of an update).
pub const NOT_APPLICABLE: &str = "–";

/// The box of a checklist item.
pub fn tick_box(t: Tick) -> &'static str {
    match t {
        Tick::Verified => "[v] ",
        Tick::Confirmed => "[x] ",
        Tick::Open => "[ ] ",
        Tick::NotApplicable => "[-] ",
    }
}

/// The box of something the person ticks (a prerequisite, a recorded date).
pub fn check_box(done: bool) -> &'static str {
    if done {
        "[x] "
    } else {
        "[ ] "
    }
}

/// A value not given yet.
pub const EMPTY: &str = "—";
/// The mark of the step on screen in the sidebar.
pub const HERE: &str = "▶";
/// The mark of a message that is not a problem.
pub const NOTE: &str = "• ";

/// The mark of a timeline entry: done, expected, late, or past (computed, not recorded).
pub fn entry_mark(s: crate::timeline::EntryState) -> &'static str {
    use crate::timeline::EntryState;
    match s {
        EntryState::Done => PASS,
        EntryState::Expected => "→",
        EntryState::Overdue => "!",
        EntryState::Past => "·",
    }
}

/// A value the checks accept / reject.
pub const PASS: &str = "✓";
pub const FAIL: &str = "✗";
/// The marker of the selected row of the focused list.
pub const CURSOR: &str = "▶ ";
/// An action row ("» Export into the checkout").
pub const ACTION: &str = "» ";
/// A duplicate in the matches of step 1.
pub const SAME: &str = "= ";

/// What a day of the calendar strip shows, most important first when several fall on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DayMark {
    Deployed,
    Train,
    Region(u8),
    Notify,
    PreviewEnd,
    Preview,
    Certified,
    Merged,
    Feedback,
    Submitted,
    Proposal,
    /// A range the reviewers are expected to answer in.
    Expected,
    /// A day the rules of the calendar skip.
    Holiday,
    Weekend,
    Plain,
}

impl DayMark {
    pub fn glyph(self) -> char {
        match self {
            DayMark::Deployed => 'D',
            DayMark::Region(n) => char::from_digit(u32::from(n), 10).unwrap_or('R'),
            DayMark::Train => 'T',
            DayMark::Notify => 'N',
            DayMark::PreviewEnd => 'G',
            DayMark::Preview => 'p',
            DayMark::Certified => 'C',
            DayMark::Merged => 'M',
            DayMark::Feedback => 'F',
            DayMark::Submitted => 'S',
            DayMark::Proposal => 'P',
            DayMark::Expected => '~',
            DayMark::Holiday => '▒',
            DayMark::Weekend => '░',
            DayMark::Plain => '·',
        }
    }

    pub fn style(self, theme: Theme) -> Style {
        match self {
            DayMark::Holiday | DayMark::Weekend => theme.shade(),
            DayMark::Plain => theme.dim(),
            DayMark::Expected | DayMark::Preview => theme.warning(),
            DayMark::Train | DayMark::Notify | DayMark::PreviewEnd => theme.accent(),
            _ => theme.ok(),
        }
    }
}

impl DayMark {
    /// What the mark means, for the legend.
    pub fn meaning(self) -> &'static str {
        match self {
            DayMark::Deployed => "all regions",
            DayMark::Train => "Friday train",
            DayMark::Region(_) => "regions",
            DayMark::Notify => "notify by",
            DayMark::PreviewEnd => "go-live by",
            DayMark::Preview => "preview test",
            DayMark::Certified => "certified",
            DayMark::Merged => "merged",
            DayMark::Feedback => "feedback",
            DayMark::Submitted => "submitted",
            DayMark::Proposal => "proposal",
            DayMark::Expected => "feedback expected",
            DayMark::Holiday => "holiday",
            DayMark::Weekend => "weekend",
            DayMark::Plain => "",
        }
    }
}
