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
        let cols = (end - week) * WEEK_W;
        // Month names start over the column of the 1st (and over the first day shown).
        let mut months = vec![' '; cols];
        let mut mondays = String::new();
        let mut pointer = vec![' '; cols];
        let mut days: Vec<Span<'static>> = Vec::new();
        let mut free_from = 0;
        for w in week..end {
            let monday = cal.start + Duration::days((w * 7) as i64);
            mondays.push_str(&format!("{:<WEEK_W$}", monday.format("%d")));
            for d in 0..7 {
                let date = monday + Duration::days(d as i64);
                let col = (w - week) * WEEK_W + d;
                // The first day is named only when no 1st of a month follows in its week.
                let first_day =
                    w == week && d == 0 && (date + Duration::days(6)).month() == date.month();
                if (date.day() == 1 || first_day) && col >= free_from {
                    let label: Vec<char> = date.format("%b %Y").to_string().chars().collect();
                    for (i, c) in label.iter().enumerate() {
                        if let Some(slot) = months.get_mut(col + i) {
                            *slot = *c;
                        }
                    }
                    free_from = col + label.len() + 1;
                }
                let mark = cal.days.get(w * 7 + d).copied().unwrap_or(DayMark::Plain);
                let style = if date == cal.today {
                    pointer[col] = '▲';
                    theme.selected()
                } else {
                    mark.style(theme)
                };
                days.push(Span::styled(mark.glyph().to_string(), style));
            }
            days.push(Span::raw(" "));
        }
        let text = |v: Vec<char>| v.into_iter().collect::<String>().trim_end().to_string();
        out.push(Line::styled(text(months), theme.heading()));
        out.push(Line::styled(mondays.trim_end().to_string(), theme.dim()));
        out.push(Line::from(days));
        if pointer.contains(&'▲') {
            out.push(Line::styled(
                format!("{} today", text(pointer)),
                theme.accent(),
            ));
        }
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
