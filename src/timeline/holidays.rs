//! US federal holidays, computed by rule for any year, with their observed dates.
//!
//! Rules (5 U.S.C. 6103): fixed-date holidays falling on a Saturday are observed the Friday
//! before, on a Sunday the Monday after. So New Year's Day on a Saturday is observed on
//! 31 December of the previous year. Juneteenth is a holiday from 2021 on; MLK Day from 1986.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::Serialize;
use std::fmt;

/// The eleven US federal holidays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Holiday {
    NewYearsDay,
    MartinLutherKingJrDay,
    WashingtonsBirthday,
    MemorialDay,
    Juneteenth,
    IndependenceDay,
    LaborDay,
    ColumbusDay,
    VeteransDay,
    Thanksgiving,
    Christmas,
}

impl Holiday {
    pub fn name(self) -> &'static str {
        match self {
            Holiday::NewYearsDay => "New Year's Day",
            Holiday::MartinLutherKingJrDay => "Martin Luther King Jr. Day",
            Holiday::WashingtonsBirthday => "Washington's Birthday",
            Holiday::MemorialDay => "Memorial Day",
            Holiday::Juneteenth => "Juneteenth",
            Holiday::IndependenceDay => "Independence Day",
            Holiday::LaborDay => "Labor Day",
            Holiday::ColumbusDay => "Columbus Day",
            Holiday::VeteransDay => "Veterans Day",
            Holiday::Thanksgiving => "Thanksgiving Day",
            Holiday::Christmas => "Christmas Day",
        }
    }
}

impl fmt::Display for Holiday {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One holiday of one year: its date and the day it is observed (a weekday).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct HolidayDate {
    pub holiday: Holiday,
    pub date: NaiveDate,
    pub observed: NaiveDate,
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid holiday date")
}

/// The `n`-th `weekday` of a month (n from 1).
fn nth_weekday(y: i32, m: u32, weekday: Weekday, n: u8) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(y, m, weekday, n)
        .expect("every month has 4 of each weekday")
}

/// The last `weekday` of a month.
fn last_weekday(y: i32, m: u32, weekday: Weekday) -> NaiveDate {
    let first_next = if m == 12 {
        ymd(y + 1, 1, 1)
    } else {
        ymd(y, m + 1, 1)
    };
    let mut d = first_next - Duration::days(1);
    while d.weekday() != weekday {
        d -= Duration::days(1);
    }
    d
}

/// Saturday → Friday before, Sunday → Monday after.
fn observed(d: NaiveDate) -> NaiveDate {
    match d.weekday() {
        Weekday::Sat => d - Duration::days(1),
        Weekday::Sun => d + Duration::days(1),
        _ => d,
    }
}

/// The federal holidays whose (actual) date falls in `year`, in calendar order. The observed
/// date of New Year's Day can fall in the previous year.
pub fn us_federal_holidays(year: i32) -> Vec<HolidayDate> {
    let fixed = |holiday, m, d| {
        let date = ymd(year, m, d);
        HolidayDate {
            holiday,
            date,
            observed: observed(date),
        }
    };
    let floating = |holiday, date| HolidayDate {
        holiday,
        date,
        observed: date,
    };
    let mut v = vec![fixed(Holiday::NewYearsDay, 1, 1)];
    if year >= 1986 {
        v.push(floating(
            Holiday::MartinLutherKingJrDay,
            nth_weekday(year, 1, Weekday::Mon, 3),
        ));
    }
    v.push(floating(
        Holiday::WashingtonsBirthday,
        nth_weekday(year, 2, Weekday::Mon, 3),
    ));
    v.push(floating(
        Holiday::MemorialDay,
        last_weekday(year, 5, Weekday::Mon),
    ));
    if year >= 2021 {
        v.push(fixed(Holiday::Juneteenth, 6, 19));
    }
    v.push(fixed(Holiday::IndependenceDay, 7, 4));
    v.push(floating(
        Holiday::LaborDay,
        nth_weekday(year, 9, Weekday::Mon, 1),
    ));
    v.push(floating(
        Holiday::ColumbusDay,
        nth_weekday(year, 10, Weekday::Mon, 2),
    ));
    v.push(fixed(Holiday::VeteransDay, 11, 11));
    v.push(floating(
        Holiday::Thanksgiving,
        nth_weekday(year, 11, Weekday::Thu, 4),
    ));
    v.push(fixed(Holiday::Christmas, 12, 25));
    v
}

/// The holiday observed on `date`, if any (federal offices closed that day).
pub fn observed_holiday(date: NaiveDate) -> Option<Holiday> {
    let y = date.year();
    // New Year's Day of next year may be observed on 31 December of this one.
    [y, y + 1]
        .into_iter()
        .flat_map(us_federal_holidays)
        .find(|h| h.observed == date)
        .map(|h| h.holiday)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        ymd(y, m, day)
    }

    #[test]
    fn holidays_2025_match_opm() {
        // OPM's published 2025 list.
        let observed: Vec<NaiveDate> = us_federal_holidays(2025)
            .iter()
            .map(|h| h.observed)
            .collect();
        assert_eq!(
            observed,
            [
                d(2025, 1, 1),
                d(2025, 1, 20),
                d(2025, 2, 17),
                d(2025, 5, 26),
                d(2025, 6, 19),
                d(2025, 7, 4),
                d(2025, 9, 1),
                d(2025, 10, 13),
                d(2025, 11, 11),
                d(2025, 11, 27),
                d(2025, 12, 25),
            ]
        );
    }

    #[test]
    fn weekend_holidays_are_observed_on_weekdays() {
        // 2021: Juneteenth Sat → Fri 18 June; July 4 Sun → Mon 5; Christmas Sat → Fri 24 Dec;
        // New Year 2022 Sat → Fri 31 Dec 2021.
        assert_eq!(observed_holiday(d(2021, 6, 18)), Some(Holiday::Juneteenth));
        assert_eq!(
            observed_holiday(d(2021, 7, 5)),
            Some(Holiday::IndependenceDay)
        );
        assert_eq!(observed_holiday(d(2021, 12, 24)), Some(Holiday::Christmas));
        assert_eq!(
            observed_holiday(d(2021, 12, 31)),
            Some(Holiday::NewYearsDay)
        );
        assert_eq!(
            observed_holiday(d(2022, 1, 1)),
            None,
            "Saturday itself is not the observed day"
        );
        // 2022: Christmas Sun → Mon 26 Dec; 2023: New Year Sun → Mon 2 Jan.
        assert_eq!(observed_holiday(d(2022, 12, 26)), Some(Holiday::Christmas));
        assert_eq!(observed_holiday(d(2023, 1, 2)), Some(Holiday::NewYearsDay));
        // 2026: July 4 Sat → Fri 3 July. 2027: Christmas Sat → Fri 24; New Year 2028 Sat → 31 Dec 2027.
        assert_eq!(
            observed_holiday(d(2026, 7, 3)),
            Some(Holiday::IndependenceDay)
        );
        assert_eq!(observed_holiday(d(2027, 12, 24)), Some(Holiday::Christmas));
        assert_eq!(
            observed_holiday(d(2027, 12, 31)),
            Some(Holiday::NewYearsDay)
        );
        // Veterans Day 2023 Sat → Fri 10 Nov.
        assert_eq!(
            observed_holiday(d(2023, 11, 10)),
            Some(Holiday::VeteransDay)
        );
    }

    #[test]
    fn floating_holidays() {
        assert_eq!(
            observed_holiday(d(2024, 11, 28)),
            Some(Holiday::Thanksgiving)
        );
        assert_eq!(
            observed_holiday(d(2026, 11, 26)),
            Some(Holiday::Thanksgiving)
        );
        assert_eq!(observed_holiday(d(2024, 5, 27)), Some(Holiday::MemorialDay));
        assert_eq!(observed_holiday(d(2021, 5, 31)), Some(Holiday::MemorialDay));
        assert_eq!(
            observed_holiday(d(2024, 1, 15)),
            Some(Holiday::MartinLutherKingJrDay)
        );
        assert_eq!(
            observed_holiday(d(2024, 2, 19)),
            Some(Holiday::WashingtonsBirthday)
        );
        assert_eq!(observed_holiday(d(2024, 9, 2)), Some(Holiday::LaborDay));
        assert_eq!(
            observed_holiday(d(2024, 10, 14)),
            Some(Holiday::ColumbusDay)
        );
        assert_eq!(
            observed_holiday(d(2024, 11, 29)),
            None,
            "day after Thanksgiving"
        );
        assert_eq!(
            observed_holiday(d(2020, 6, 19)),
            None,
            "Juneteenth from 2021"
        );
        for y in [1999, 2024, 2100, 2400] {
            let hs = us_federal_holidays(y);
            assert!(hs
                .iter()
                .all(|h| h.observed.weekday().num_days_from_monday() < 5));
        }
    }
}
