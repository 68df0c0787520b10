//! The calendar strip of steps 5 and 6: weeks run left to right, one character a day, with
//! today, the recorded events, what is expected, the Friday train, the regions and the preview
//! window placed on their days; weekends and holidays shaded.

use super::Theme;
use crate::tui::steps::track::Calendar;
use crate::tui::theme::DayMark;
use chrono::{Datelike, Duration};
use ratatui::text::{Line, Span};

/// Columns a week takes (seven days and a gap).
const WEEK_W: usize = 8;
/// Most rows of weeks drawn.
const MAX_ROWS: usize = 3;

/// The strip for `width` columns: for each row of weeks a month line, a line of the days of
/// the month of each Monday, and the days; then the legend.
pub fn lines(cal: &Calendar, width: usize, theme: Theme) -> Vec<Line<'static>> {
    let weeks_total = cal.days.len() / 7;
    let per_row = (width / WEEK_W).max(1);
    if weeks_total == 0 {
        return Vec::new();
    }
    // Start a week before the focus when not everything fits.
    let fits = per_row * MAX_ROWS;
    let focus_week = ((cal.focus - cal.start).num_days().max(0) / 7) as usize;
    let first = if weeks_total <= fits {
        0
    } else {
        focus_week.saturating_sub(1).min(weeks_total - fits)
    };
    let last = (first + fits).min(weeks_total);
    let mut out = Vec::new();
    if first > 0 {
        out.push(Line::styled(
            format!("… {} earlier week(s): the dates below list them", first),
            theme.dim(),
        ));
    }
    let mut week = first;
    while week < last {
        let end = (week + per_row).min(last);
        let mut months = String::new();
        let mut mondays = String::new();
        let mut days: Vec<Span<'static>> = Vec::new();
        let mut shown_month = None;
        for w in week..end {
            let monday = cal.start + Duration::days((w * 7) as i64);
            let sunday = monday + Duration::days(6);
            let month = (sunday.year(), sunday.month());
            let label = if shown_month != Some(month) && (w == week || sunday.day() <= 7) {
                shown_month = Some(month);
                sunday.format("%b %Y").to_string()
            } else {
                String::new()
            };
            months.push_str(&format!("{label:<WEEK_W$}"));
            mondays.push_str(&format!("{:<WEEK_W$}", monday.format("%d")));
            for d in 0..7 {
                let mark = cal.days.get(w * 7 + d).copied().unwrap_or(DayMark::Plain);
                days.push(Span::styled(mark.glyph().to_string(), mark.style(theme)));
            }
            days.push(Span::raw(" "));
        }
        out.push(Line::styled(months.trim_end().to_string(), theme.heading()));
        out.push(Line::styled(mondays.trim_end().to_string(), theme.dim()));
        out.push(Line::from(days));
        week = end;
    }
    if last < weeks_total {
        out.push(Line::styled(
            format!(
                "… {} later week(s): the dates below list them",
                weeks_total - last
            ),
            theme.dim(),
        ));
    }
    // The legend names the marks that are on the strip.
    let mut shown: Vec<DayMark> = cal.days[first * 7..last * 7]
        .iter()
        .map(|m| match m {
            DayMark::Region(_) => DayMark::Region(1),
            other => *other,
        })
        .filter(|m| *m != DayMark::Plain)
        .collect();
    shown.sort();
    shown.dedup();
    let legend: Vec<String> = shown
        .iter()
        .map(|m| match m {
            DayMark::Region(_) => format!("1–6 {}", m.meaning()),
            _ => format!("{} {}", m.glyph(), m.meaning()),
        })
        .collect();
    for l in super::wrap(&legend.join("  "), width) {
        out.push(Line::styled(l, theme.dim()));
    }
    out
}
