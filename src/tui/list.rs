//! Lists and clickable areas: the selection of a list (kept visible by the view), which list
//! a row belongs to, and where things were drawn for the mouse.

use super::action::Cmd;
use crate::session::Step;
use ratatui::layout::Rect;
use std::cell::Cell;

/// A selectable list: the selection and the first row shown (kept by the view so that the
/// selection stays visible).
#[derive(Debug, Default)]
pub struct ListNav {
    pub selected: usize,
    pub offset: Cell<usize>,
}

impl ListNav {
    /// Moves the selection by `delta` within `len` items.
    pub fn step(&mut self, delta: isize, len: usize) {
        if len == 0 {
            self.selected = 0;
            return;
        }
        let max = len as isize - 1;
        self.selected = (self.selected as isize).saturating_add(delta).clamp(0, max) as usize;
    }

    pub fn clamp(&mut self, len: usize) {
        if self.selected >= len {
            self.selected = len.saturating_sub(1);
        }
    }

    /// The offset that keeps the selection visible in `height` rows.
    pub fn visible_offset(&self, height: usize, len: usize) -> usize {
        let mut off = self.offset.get();
        if height == 0 {
            return off;
        }
        if self.selected < off {
            off = self.selected;
        } else if self.selected >= off + height {
            off = self.selected + 1 - height;
        }
        off = off.min(len.saturating_sub(height));
        self.offset.set(off);
        off
    }
}

/// Rows moved by PageUp/PageDown.
pub const PAGE: i32 = 10;

/// A scrollable text pane (a preview, the timeline, the help).
#[derive(Debug, Default)]
pub struct Scroll {
    pub top: Cell<u16>,
}

impl Scroll {
    pub fn by(&self, delta: i32) {
        self.top.set((self.top.get() as i32 + delta).max(0) as u16);
    }
    pub fn home(&self) {
        self.top.set(0);
    }
    /// To the end: the view clamps it to the last page.
    pub fn end(&self) {
        self.top.set(u16::MAX);
    }
    /// Moves for a scrolling key (arrows, pages, top, end); whether `cmd` was one.
    pub fn on(&self, cmd: Cmd) -> bool {
        match cmd {
            Cmd::Up => self.by(-1),
            Cmd::Down => self.by(1),
            Cmd::PageUp => self.by(-PAGE),
            Cmd::PageDown => self.by(PAGE),
            Cmd::First => self.home(),
            Cmd::Last => self.end(),
            _ => return false,
        }
        true
    }

    /// Keeps the top within `total` lines shown `height` at a time; returns it.
    pub fn clamp(&self, total: usize, height: usize) -> usize {
        let max = total.saturating_sub(height) as u16;
        if self.top.get() > max {
            self.top.set(max);
        }
        self.top.get() as usize
    }
}

/// Which list a clickable row belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListId {
    Sessions,
    Prereqs,
    Matches,
    Propose,
    Fields,
    Findings,
    Submit,
    Track,
    /// Build: the start panel (open, blank, import).
    Start,
    /// Build: the rows of the open form.
    Form,
    /// Build: the operations of a file to import.
    Pick,
    /// A scrollable text (help, previews, the log, the intro.md preview, the timeline).
    Text,
}

/// Something on screen a click can reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    Step(Step),
    /// A list area: the row clicked is `offset + (row - area.y)`.
    List {
        list: ListId,
        offset: usize,
    },
    /// A key of the key bar.
    Key(Cmd),
    /// The editor: a click keeps it.
    Editor,
}

/// Where things were drawn in the last frame, for mouse clicks.
#[derive(Debug, Default, Clone)]
pub struct HitMap {
    pub areas: Vec<(Rect, Hit)>,
}

impl HitMap {
    pub fn add(&mut self, area: Rect, hit: Hit) {
        self.areas.push((area, hit));
    }

    /// The top-most thing at a cell, with the row inside its area.
    pub fn at(&self, column: u16, row: u16) -> Option<(Hit, u16)> {
        self.areas
            .iter()
            .rev()
            .find(|(r, _)| {
                column >= r.x && column < r.x + r.width && row >= r.y && row < r.y + r.height
            })
            .map(|(r, h)| (*h, row - r.y))
    }
}

/// Which of two panes of a step has the focus (Tab moves it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    /// The step's list (fields, rows, dates).
    #[default]
    Main,
    /// The other pane (findings, the intro.md preview, the detail, the timeline).
    Side,
}

impl Pane {
    pub fn other(self) -> Pane {
        match self {
            Pane::Main => Pane::Side,
            Pane::Side => Pane::Main,
        }
    }
}
