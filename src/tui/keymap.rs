//! The one table of keys. [`resolve`] turns a key into a [`Cmd`] for the contexts that are
//! active; the key bar and the `?` help are both generated from the same table, so they
//! cannot drift from what the keys do.

use super::action::Cmd;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding applies. The app lists its active contexts, most specific first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ctx {
    /// Everywhere, even while typing (Ctrl-C).
    Always,
    /// Everywhere except while typing or in a popup.
    Global,
    Home,
    /// Inside a session: moving between steps.
    Wizard,
    /// Any list: moving the selection.
    List,
    Prereqs,
    Verify,
    Propose,
    Build,
    /// Build: the findings pane has the focus.
    Findings,
    /// Build without a connector yet: open, start blank, import.
    BuildStart,
    /// Build: a form (operation, parameter, facts, sample) is open.
    Form,
    /// Build: picking the operations of a file to import.
    Pick,
    Submit,
    /// Certify and Deploy: dates.
    Track,
    /// Certify: feedback rounds.
    Rounds,
    /// A text field is being edited.
    Editor,
    /// The field being edited has rules (swagger fields, titles).
    FieldRules,
    /// Typing the name searched for in step 1.
    QueryEditor,
    /// A yes/no question.
    Confirm,
    /// A text to read (the PR body): scroll and close.
    Viewer,
    /// A preview of a file about to be written (or a plan about to be applied).
    Preview,
    /// The export plan when the checkout is on another branch: a third answer.
    BranchChoice,
    /// The second pane of a step has the focus (a preview, the detail, the timeline).
    PreviewPane,
    Help,
    /// The message log.
    Log,
}

impl Ctx {
    /// The heading of this context in the help.
    pub fn title(self) -> &'static str {
        match self {
            Ctx::Always => "Always",
            Ctx::Global => "Everywhere",
            Ctx::Home => "Home",
            Ctx::Wizard => "Steps",
            Ctx::List => "Lists",
            Ctx::Prereqs => "Prerequisites",
            Ctx::Verify => "1 Verify",
            Ctx::Propose => "2 Propose",
            Ctx::Build => "3 Build",
            Ctx::Findings => "3 Build: findings",
            Ctx::BuildStart => "3 Build: no connector yet",
            Ctx::Form => "3 Build: forms (operation, parameter, new connector, sample response)",
            Ctx::Pick => "3 Build: importing, picking operations",
            Ctx::Submit => "4 Submit",
            Ctx::Track => "5 Certify and 6 Deploy",
            Ctx::Rounds => "5 Certify",
            Ctx::Editor => "Editing a field",
            Ctx::FieldRules => "Editing a field with rules",
            Ctx::QueryEditor => "1 Verify: typing the name",
            Ctx::Confirm => "Questions",
            Ctx::Viewer => "Help, messages, previews and texts to read",
            Ctx::Preview => "Previews",
            Ctx::BranchChoice => "Export plan on another branch",
            Ctx::PreviewPane => "Second pane (Tab)",
            Ctx::Help => "Help",
            Ctx::Log => "Message log",
        }
    }
}

/// A key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;

const fn ch(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: NONE,
    }
}
const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: CTRL,
    }
}
const fn k(code: KeyCode) -> Key {
    Key { code, mods: NONE }
}

impl Key {
    /// Whether a key event is this key. Shift is ignored for characters (the character
    /// already says it: `F`, `?`).
    pub fn matches(&self, ev: &KeyEvent) -> bool {
        if ev.code != self.code {
            return false;
        }
        let mut mods = ev.modifiers;
        if matches!(ev.code, KeyCode::Char(_)) {
            mods.remove(KeyModifiers::SHIFT);
        }
        mods == self.mods
    }

    /// How the key is written in the key bar and the help.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "S-Tab".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Backspace => "Bksp".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::F(n) => format!("F{n}"),
            _ => "?".into(),
        };
        if self.mods.contains(CTRL) {
            format!("^{}", base.to_uppercase())
        } else if self.mods.contains(ALT) {
            format!("M-{base}")
        } else {
            base
        }
    }
}

/// One line of the table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub ctx: Ctx,
    pub keys: &'static [Key],
    pub cmd: Cmd,
    /// The word shown in the key bar; `None` keeps it out of the bar.
    pub bar: Option<&'static str>,
    /// The sentence in the help; empty keeps it out of the help (a key with a sibling line).
    pub help: &'static str,
    /// How the keys are written in the key bar when the first key alone is not right.
    pub keys_label: Option<&'static str>,
}

const fn b(
    ctx: Ctx,
    keys: &'static [Key],
    cmd: Cmd,
    bar: Option<&'static str>,
    help: &'static str,
) -> Binding {
    Binding {
        ctx,
        keys,
        cmd,
        bar,
        help,
        keys_label: None,
    }
}

const fn bl(
    ctx: Ctx,
    keys: &'static [Key],
    cmd: Cmd,
    bar: Option<&'static str>,
    help: &'static str,
    label: &'static str,
) -> Binding {
    Binding {
        ctx,
        keys,
        cmd,
        bar,
        help,
        keys_label: Some(label),
    }
}

use Ctx::*;

/// Every key of the wizard.
pub static BINDINGS: &[Binding] = &[
    b(
        Always,
        &[ctrl('c')],
        Cmd::ForceQuit,
        None,
        "quit at once, even while typing (says what was not saved; the typed text is kept as a draft)",
    ),
    // Popups first: they take every key.
    b(Confirm, &[ch('y')], Cmd::Yes, Some("yes"), "answer yes"),
    b(
        Confirm,
        &[ch('n'), k(KeyCode::Esc)],
        Cmd::No,
        Some("no"),
        "answer no",
    ),
    b(
        BranchChoice,
        &[ch('k')],
        Cmd::Alt,
        Some("keep branch"),
        "export onto the branch the checkout is on",
    ),
    b(
        Preview,
        &[ch('y')],
        Cmd::Yes,
        Some("yes"),
        "write the file (or apply the plan), as the preview's last line says",
    ),
    b(
        Preview,
        &[ch('n'), k(KeyCode::Esc)],
        Cmd::No,
        Some("cancel"),
        "close without writing",
    ),
    b(
        Viewer,
        &[k(KeyCode::Esc), ch('q'), ch('n')],
        Cmd::No,
        Some("close"),
        "close",
    ),
    b(Viewer, &[k(KeyCode::Up), ch('k')], Cmd::Up, None, "scroll up"),
    b(
        Viewer,
        &[k(KeyCode::Down), ch('j')],
        Cmd::Down,
        Some("scroll"),
        "scroll down",
    ),
    b(
        Viewer,
        &[k(KeyCode::PageUp)],
        Cmd::PageUp,
        None,
        "scroll a page up",
    ),
    b(
        Viewer,
        &[k(KeyCode::PageDown), ch(' ')],
        Cmd::PageDown,
        None,
        "scroll a page down",
    ),
    b(Viewer, &[k(KeyCode::Home), ch('g')], Cmd::First, None, "to the top"),
    b(Viewer, &[k(KeyCode::End), ch('G')], Cmd::Last, None, "to the end"),
    b(
        Help,
        &[k(KeyCode::Esc), ch('?'), ch('q')],
        Cmd::Back,
        Some("close"),
        "close the help",
    ),
    b(
        Log,
        &[k(KeyCode::Esc), ch('l'), ch('q')],
        Cmd::Back,
        Some("close"),
        "close the log",
    ),
    // Typing.
    b(
        QueryEditor,
        &[k(KeyCode::Tab)],
        Cmd::NextPane,
        Some("matches"),
        "keep the name and go back to the matches",
    ),
    b(
        Editor,
        &[k(KeyCode::Enter), ctrl('s')],
        Cmd::Save,
        Some("save"),
        "save the field (a swagger file changes only in this string)",
    ),
    b(
        Editor,
        &[
            Key {
                code: KeyCode::Enter,
                mods: ALT,
            },
            ctrl('j'),
        ],
        Cmd::Newline,
        None,
        "new line (multi-line fields)",
    ),
    b(
        Editor,
        &[k(KeyCode::Esc)],
        Cmd::Back,
        Some("cancel"),
        "stop editing (asks first when the text was changed)",
    ),
    b(
        FieldRules,
        &[ctrl('f')],
        Cmd::FixField,
        Some("apply fix"),
        "replace the text with the rules' safe fix (final period, spaces)",
    ),
    // Home.
    b(
        Home,
        &[k(KeyCode::Enter)],
        Cmd::Activate,
        Some("open"),
        "start a new connector or resume the selected session",
    ),
    b(
        Home,
        &[ch('d'), k(KeyCode::Delete)],
        Cmd::DeleteSession,
        Some("delete"),
        "delete the selected session (asks first)",
    ),
    // Steps.
    bl(
        Wizard,
        &[
            ch('0'),
            ch('1'),
            ch('2'),
            ch('3'),
            ch('4'),
            ch('5'),
            ch('6'),
        ],
        Cmd::GoStep(0),
        Some("steps"),
        "go to a step: 0 prerequisites, 1 verify … 6 deploy",
        "0–6",
    ),
    b(
        Wizard,
        &[ch(']'), k(KeyCode::Right)],
        Cmd::NextStep,
        None,
        "next step",
    ),
    b(
        Wizard,
        &[ch('['), k(KeyCode::Left)],
        Cmd::PrevStep,
        None,
        "previous step",
    ),
    b(
        Wizard,
        &[ch('s')],
        Cmd::ToggleSidebar,
        None,
        "show or hide the steps sidebar (hidden below 90 columns)",
    ),
    // Step screens.
    b(
        Prereqs,
        &[ch(' '), k(KeyCode::Enter)],
        Cmd::Toggle,
        Some("tick"),
        "tick or untick the item",
    ),
    b(
        Prereqs,
        &[ch('o')],
        Cmd::Open,
        Some("open link"),
        "open the item's page in the browser",
    ),
    b(
        Verify,
        &[ch('/'), ch('e')],
        Cmd::EditQuery,
        Some("search"),
        "type the connector's name; matches update as you type",
    ),
    b(
        Verify,
        &[k(KeyCode::Tab)],
        Cmd::NextPane,
        None,
        "go to the name field",
    ),
    b(
        Verify,
        &[k(KeyCode::Enter)],
        Cmd::Activate,
        Some("choose"),
        "this match is my connector: take the decision-table outcome",
    ),
    b(
        Verify,
        &[ch('n')],
        Cmd::NoDuplicate,
        Some("no duplicate"),
        "none of these is my connector: build a new one",
    ),
    b(
        Verify,
        &[ch('o')],
        Cmd::Open,
        Some("PR search"),
        "open the pull-request search on GitHub",
    ),
    b(
        Verify,
        &[ch('O')],
        Cmd::OpenFolder,
        None,
        "open the selected match's page",
    ),
    b(
        Propose,
        &[k(KeyCode::Enter)],
        Cmd::Activate,
        Some("edit"),
        "edit the field (the name renames the connector), or run the action",
    ),
    b(
        Propose,
        &[ch(' ')],
        Cmd::Toggle,
        None,
        "cycle a choice or tick a box",
    ),
    b(
        Propose,
        &[ch('x')],
        Cmd::ExportIntro,
        Some("write intro.md"),
        "write intro.md into the connector folder (asks before overwriting)",
    ),
    b(
        Propose,
        &[ch('o')],
        Cmd::Open,
        Some("open PR"),
        "open the GitHub page that creates the proposal PR",
    ),
    b(
        Propose,
        &[ch('t')],
        Cmd::Today,
        None,
        "record that the proposal PR was opened today",
    ),
    b(
        Propose,
        &[k(KeyCode::Tab)],
        Cmd::NextPane,
        Some("preview"),
        "switch between the fields and the intro.md preview",
    ),
    b(
        PreviewPane,
        &[k(KeyCode::Tab)],
        Cmd::NextPane,
        Some("back"),
        "back to the list",
    ),
    b(
        PreviewPane,
        &[k(KeyCode::Down), ch('j')],
        Cmd::Down,
        Some("scroll"),
        "scroll the pane (↑↓, PgUp/PgDn, g/G)",
    ),
    b(
        BuildStart,
        &[k(KeyCode::Enter)],
        Cmd::Activate,
        Some("choose"),
        "open a folder, start blank or import, as the selected row says",
    ),
    b(
        BuildStart,
        &[ch('b')],
        Cmd::StartBlank,
        Some("blank"),
        "start the connector blank from the session's facts (asks for what is missing)",
    ),
    b(
        BuildStart,
        &[ch('i')],
        Cmd::Import,
        Some("import"),
        "import an OpenAPI 3.0/3.1 or Swagger 2.0 file, JSON or YAML (then pick its operations)",
    ),
    b(
        BuildStart,
        &[ch('O')],
        Cmd::OpenFolder,
        Some("folder"),
        "open an existing connector folder",
    ),
    b(
        Build,
        &[k(KeyCode::Enter)],
        Cmd::Activate,
        Some("edit"),
        "edit the selected field beside its row, with live rule feedback",
    ),
    b(
        Build,
        &[k(KeyCode::Tab)],
        Cmd::NextPane,
        Some("findings"),
        "switch between the fields and the findings",
    ),
    b(
        Build,
        &[ch('n')],
        Cmd::AddOperation,
        Some("new op"),
        "add an operation (form: method, path, operationId, summary, description, visibility)",
    ),
    b(
        Build,
        &[ch('p')],
        Cmd::AddParameter,
        Some("new param"),
        "add a parameter to the selected operation (form)",
    ),
    b(
        Build,
        &[ch('E')],
        Cmd::EditItem,
        Some("form"),
        "edit the selected operation or parameter in its form (every property)",
    ),
    b(
        Build,
        &[ch('d'), k(KeyCode::Delete)],
        Cmd::Delete,
        Some("delete"),
        "delete the selected parameter, else its operation (asks)",
    ),
    b(
        Build,
        &[ch('R')],
        Cmd::SampleResponse,
        Some("response"),
        "the selected operation's response schema from a sample (paste it, or give a file)",
    ),
    b(
        Build,
        &[ch('C')],
        Cmd::Duplicate,
        None,
        "copy the selected operation (form: the copy's method or path and operationId)",
    ),
    b(
        Build,
        &[ch('b')],
        Cmd::StartBlank,
        None,
        "start blank (only a folder with no swagger: nothing is replaced)",
    ),
    b(
        Build,
        &[ch('i')],
        Cmd::Import,
        None,
        "import an OpenAPI or Swagger file over the swagger (shows the notes, asks first)",
    ),
    b(
        Build,
        &[ch('e')],
        Cmd::ErrorsOnly,
        Some("errors only"),
        "show only the errors among the findings (again: all of them)",
    ),
    b(
        Build,
        &[ch('O')],
        Cmd::OpenFolder,
        Some("folder"),
        "open a connector folder",
    ),
    b(
        Build,
        &[ch('F')],
        Cmd::ApplyFixes,
        Some("fix all"),
        "apply the safe fixes (asks first)",
    ),
    b(
        Build,
        &[ch('a')],
        Cmd::WriteApiProperties,
        Some("apiProperties"),
        "write apiProperties.json from the generator (preview first)",
    ),
    b(
        Build,
        &[ch('m')],
        Cmd::WriteReadme,
        Some("readme"),
        "write readme.md from the generator (preview first; also when it is out of date)",
    ),
    b(
        Build,
        &[ch('r')],
        Cmd::Recheck,
        None,
        "read the folder again and re-check",
    ),
    b(
        Form,
        &[k(KeyCode::Enter)],
        Cmd::Activate,
        Some("edit"),
        "edit the row's text beside it (live rule feedback), or take the row's next choice",
    ),
    b(
        Form,
        &[ch(' ')],
        Cmd::Toggle,
        Some("cycle"),
        "the next choice of the row (method, in, type, format, required, visibility, sign-in)",
    ),
    bl(
        Form,
        &[ctrl('s'), ch('w')],
        Cmd::Save,
        Some("write"),
        "write the form: into the swagger (only its bytes change), or the new connector's files",
        "^S",
    ),
    b(
        Form,
        &[k(KeyCode::Esc)],
        Cmd::Back,
        Some("cancel"),
        "close the form (asks when something was changed)",
    ),
    b(
        Pick,
        &[ch(' ')],
        Cmd::Toggle,
        Some("tick"),
        "tick or untick the operation",
    ),
    b(
        Pick,
        &[ch('/')],
        Cmd::EditQuery,
        Some("filter"),
        "filter the operations by words of their operationId, method, path or summary",
    ),
    b(
        Pick,
        &[ch('a')],
        Cmd::SelectAll,
        Some("all"),
        "tick every operation shown",
    ),
    b(
        Pick,
        &[ch('n')],
        Cmd::SelectNone,
        Some("none"),
        "untick every operation shown",
    ),
    b(
        Pick,
        &[k(KeyCode::Enter)],
        Cmd::Activate,
        Some("import"),
        "convert the ticked operations; the conversion's notes come next",
    ),
    b(
        Pick,
        &[k(KeyCode::Esc)],
        Cmd::Back,
        Some("cancel"),
        "cancel the import (nothing is written)",
    ),
    b(
        Findings,
        &[k(KeyCode::Enter)],
        Cmd::Activate,
        Some("go to field"),
        "jump to the field of the finding and edit it",
    ),
    b(
        Findings,
        &[k(KeyCode::Tab)],
        Cmd::NextPane,
        Some("fields"),
        "back to the fields",
    ),
    b(
        Submit,
        &[ch(' '), k(KeyCode::Enter)],
        Cmd::Toggle,
        Some("tick/edit"),
        "tick your checklist items; on the PR title rename the connector; show the PR body; enter the pull request; run the action",
    ),
    b(
        Submit,
        &[ch('x')],
        Cmd::Export,
        Some("export"),
        "export into the checkout (plan first, with the branch and the errors left; then asks)",
    ),
    b(
        Submit,
        &[ch('o')],
        Cmd::Open,
        Some("open PR"),
        "open the pull request (or the page that creates it)",
    ),
    b(
        Submit,
        &[ch('t')],
        Cmd::Today,
        None,
        "record that the PR was submitted today",
    ),
    b(
        Submit,
        &[k(KeyCode::Tab)],
        Cmd::NextPane,
        Some("detail"),
        "switch between the list and the detail of the selected row",
    ),
    b(
        Track,
        &[k(KeyCode::Enter)],
        Cmd::Activate,
        Some("edit date"),
        "edit the selected date (YYYY-MM-DD) or note",
    ),
    b(
        Track,
        &[ch('t')],
        Cmd::Today,
        Some("today"),
        "set the selected date to today",
    ),
    b(
        Rounds,
        &[ch('a'), ch('+')],
        Cmd::AddRound,
        Some("add round"),
        "add a feedback round dated today",
    ),
    b(
        Track,
        &[ch('d'), k(KeyCode::Delete)],
        Cmd::Delete,
        Some("clear"),
        "clear the selected date or delete the round (asks)",
    ),
    b(
        Track,
        &[k(KeyCode::Tab)],
        Cmd::NextPane,
        Some("timeline"),
        "switch between the dates and the timeline",
    ),
    // Lists.
    b(List, &[k(KeyCode::Up), ch('k')], Cmd::Up, None, "move up"),
    bl(
        List,
        &[k(KeyCode::Down), ch('j')],
        Cmd::Down,
        Some("move"),
        "move down",
        "↑↓/jk",
    ),
    b(List, &[k(KeyCode::PageUp)], Cmd::PageUp, None, "a page up"),
    b(
        List,
        &[k(KeyCode::PageDown)],
        Cmd::PageDown,
        None,
        "a page down",
    ),
    b(
        List,
        &[k(KeyCode::Home), ch('g')],
        Cmd::First,
        None,
        "first item",
    ),
    b(
        List,
        &[k(KeyCode::End), ch('G')],
        Cmd::Last,
        None,
        "last item",
    ),
    // Everywhere else.
    b(
        Global,
        &[ch('?'), k(KeyCode::F(1))],
        Cmd::Help,
        Some("help"),
        "all keys and every rule",
    ),
    b(
        Global,
        &[ch('l')],
        Cmd::MessageLog,
        None,
        "the log of every message of this run, in full",
    ),
    b(
        Global,
        &[ch('c')],
        Cmd::CopyLink,
        None,
        "copy the last link to the clipboard (OSC 52: works over ssh in most terminals)",
    ),
    b(
        Global,
        &[k(KeyCode::Esc)],
        Cmd::Back,
        Some("back"),
        "back (to the list, to the home screen)",
    ),
    b(
        Global,
        &[ch('q')],
        Cmd::Quit,
        Some("quit"),
        "quit (asks when work is not exported)",
    ),
];

/// The command for a key in the active contexts (most specific first), if any.
pub fn resolve(contexts: &[Ctx], ev: &KeyEvent) -> Option<Cmd> {
    for ctx in contexts {
        if let Some(bd) = BINDINGS
            .iter()
            .find(|bd| bd.ctx == *ctx && bd.keys.iter().any(|k| k.matches(ev)))
        {
            // One line of the table for all the step digits: the digit picks the step.
            if let (Cmd::GoStep(_), KeyCode::Char(c)) = (bd.cmd, ev.code) {
                if let Some(d) = c.to_digit(10) {
                    return Some(Cmd::GoStep(d as u8));
                }
            }
            return Some(bd.cmd);
        }
    }
    None
}

/// How a binding's keys are written in the help: every key, `/`-separated (a run of
/// digits as a range).
pub fn keys_label(bd: &Binding) -> String {
    if bd.keys.len() > 2
        && bd
            .keys
            .iter()
            .all(|k| matches!(k.code, KeyCode::Char(c) if c.is_ascii_digit()))
    {
        return format!(
            "{}–{}",
            bd.keys[0].label(),
            bd.keys[bd.keys.len() - 1].label()
        );
    }
    bd.keys.iter().map(Key::label).collect::<Vec<_>>().join("/")
}

/// The key bar for the active contexts: (keys, word) pairs, most specific first, each
/// command once.
pub fn bar(contexts: &[Ctx]) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    let mut seen: Vec<Cmd> = Vec::new();
    for ctx in contexts {
        for bd in BINDINGS.iter().filter(|bd| bd.ctx == *ctx) {
            let Some(word) = bd.bar else { continue };
            // Each command once, each word once (Esc closes the help whatever its command).
            if seen.contains(&bd.cmd) || out.iter().any(|(_, w)| *w == word) {
                continue;
            }
            seen.push(bd.cmd);
            let keys = match bd.keys_label {
                Some(l) => l.to_string(),
                None => bd.keys[0].label(),
            };
            out.push((keys, word));
        }
    }
    out
}

/// The help: one section per context, in a fixed order, each line (keys, sentence).
pub fn help_sections() -> Vec<(&'static str, Vec<(String, &'static str)>)> {
    const ORDER: [Ctx; 26] = [
        Global,
        Always,
        Wizard,
        List,
        Home,
        Prereqs,
        Verify,
        Propose,
        BuildStart,
        Build,
        Findings,
        Form,
        Pick,
        Submit,
        Track,
        Rounds,
        PreviewPane,
        Editor,
        QueryEditor,
        FieldRules,
        Confirm,
        Preview,
        BranchChoice,
        Viewer,
        Help,
        Log,
    ];
    ORDER
        .iter()
        .map(|ctx| {
            let lines = BINDINGS
                .iter()
                .filter(|bd| bd.ctx == *ctx && !bd.help.is_empty())
                .map(|bd| (keys_label(bd), bd.help))
                .collect();
            (ctx.title(), lines)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn specific_context_wins() {
        let ev = key(KeyCode::Enter, NONE);
        assert_eq!(resolve(&[Editor, Always], &ev), Some(Cmd::Save));
        assert_eq!(
            resolve(&[Findings, Build, List, Wizard, Global, Always], &ev),
            Some(Cmd::Activate)
        );
        // `q` types while editing: no binding, so it goes to the text.
        assert_eq!(
            resolve(&[Editor, Always], &key(KeyCode::Char('q'), NONE)),
            None
        );
        assert_eq!(
            resolve(
                &[Home, List, Global, Always],
                &key(KeyCode::Char('q'), NONE)
            ),
            Some(Cmd::Quit)
        );
        // Ctrl-C always quits.
        assert_eq!(
            resolve(&[Editor, Always], &key(KeyCode::Char('c'), CTRL)),
            Some(Cmd::ForceQuit)
        );
        // Shift is part of the character.
        assert_eq!(
            resolve(
                &[Build, Global],
                &key(KeyCode::Char('F'), KeyModifiers::SHIFT)
            ),
            Some(Cmd::ApplyFixes)
        );
        assert_eq!(
            resolve(&[Global], &key(KeyCode::Char('?'), KeyModifiers::SHIFT)),
            Some(Cmd::Help)
        );
        assert_eq!(
            resolve(&[Wizard], &key(KeyCode::Char('4'), NONE)),
            Some(Cmd::GoStep(4))
        );
        assert_eq!(
            resolve(&[Wizard], &key(KeyCode::Char('0'), NONE)),
            Some(Cmd::GoStep(0))
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for bb in &BINDINGS[i + 1..] {
                if a.ctx != bb.ctx {
                    continue;
                }
                for ka in a.keys {
                    assert!(!bb.keys.contains(ka), "{:?} bound twice in {:?}", ka, a.ctx);
                }
            }
        }
    }

    #[test]
    fn bar_and_help_come_from_the_table() {
        let bar = bar(&[Build, List, Wizard, Global]);
        assert_eq!(bar[0], ("Enter".to_string(), "edit"));
        assert!(bar.iter().any(|(k, w)| k == "F" && *w == "fix all"));
        assert!(bar.iter().any(|(k, w)| k == "q" && *w == "quit"));
        let help = help_sections();
        let build = help.iter().find(|(t, _)| *t == "3 Build").unwrap();
        assert!(build
            .1
            .iter()
            .any(|(k, s)| k == "F" && s.contains("safe fixes")));
        let steps = help.iter().find(|(t, _)| *t == "Steps").unwrap();
        assert_eq!(steps.1[0].0, "0–6");
        // Every context with bindings has its section in the help.
        for bd in BINDINGS {
            assert!(
                help.iter().any(|(t, _)| *t == bd.ctx.title()),
                "{:?} is missing from the help",
                bd.ctx
            );
        }
        // Every command shown in any bar has a help line in its context.
        for bd in BINDINGS.iter().filter(|bd| bd.bar.is_some()) {
            assert!(!bd.help.is_empty(), "{:?} has no help", bd.cmd);
        }
    }
}
