//! Pieces the screens share: the sidebar, the status line, the key bar, the editor, the
//! help, the message log, questions, previews and the "enlarge the terminal" message. Each
//! clears the area it draws in, so nothing of the screen beneath shows through.

pub mod confirm;
pub mod editor;
pub mod help;
pub mod keybar;
pub mod log;
pub mod preview;
pub mod sidebar;
pub mod status;
pub mod too_small;

use ratatui::layout::Rect;

/// A rectangle of `w`×`h` centred in `area` (clamped to it).
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}
