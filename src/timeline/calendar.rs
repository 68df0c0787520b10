//! Business days, Pacific time, the Friday deployment train, region rollout and the preview
//! test window (figures of §1 of the reference).

use super::holidays::observed_holiday;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc, Weekday};
use serde::Serialize;
use std::fmt;

/// A range of dates, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DateRange {
    pub earliest: NaiveDate,
    pub latest: NaiveDate,
}

/// Days after an event within which the answer is expected: 1–2 weeks.
pub const FEEDBACK_DAYS: (i64, i64) = (7, 14);
/// Average business days from certification to deployment in every region.
pub const DEPLOYMENT_BUSINESS_DAYS: u32 = 15;
/// Business days the preview environment stays open for testing.
pub const PREVIEW_TEST_BUSINESS_DAYS: u32 = 2;
/// Hours of notice the Microsoft contact needs before a train.
pub const NOTIFY_HOURS: i64 = 24;
/// The hour (Pacific) assumed for "Friday morning": the reference only says "morning", so
/// the notify deadline is computed against an early start to be safe.
pub const TRAIN_HOUR_PACIFIC: u32 = 8;

/// Monday to Friday and not an observed US federal holiday.
pub fn is_business_day(d: NaiveDate) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && observed_holiday(d).is_none()
}

/// `d` if it is a business day, else the next one.
pub fn business_day_on_or_after(mut d: NaiveDate) -> NaiveDate {
    while !is_business_day(d) {
        d += Duration::days(1);
    }
    d
}

/// The date `n` business days after `d` (`d` itself not counted; `n = 0` gives `d`).
pub fn add_business_days(mut d: NaiveDate, n: u32) -> NaiveDate {
    for _ in 0..n {
        d += Duration::days(1);
        while !is_business_day(d) {
            d += Duration::days(1);
        }
    }
    d
}

/// Business days in `(from, to]`: how many business days after `from` `to` is.
pub fn business_days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    let (a, b, sign) = if from <= to {
        (from, to, 1)
    } else {
        (to, from, -1)
    };
    let mut n = 0;
    let mut d = a;
    while d < b {
        d += Duration::days(1);
        if is_business_day(d) {
            n += 1;
        }
    }
    n * sign
}

/// When the first reviewer feedback is expected: 1–2 weeks after submission.
pub fn first_feedback(submitted: NaiveDate) -> DateRange {
    feedback_after(submitted)
}

/// When the next feedback is expected after an update round (each round adds 1–2 weeks).
pub fn feedback_after(event: NaiveDate) -> DateRange {
    DateRange {
        earliest: event + Duration::days(FEEDBACK_DAYS.0),
        latest: event + Duration::days(FEEDBACK_DAYS.1),
    }
}

/// Expected completion of deployment: 15 business days after `from` (certification).
pub fn expected_deployment(from: NaiveDate) -> NaiveDate {
    add_business_days(from, DEPLOYMENT_BUSINESS_DAYS)
}

/// US Pacific time: the UTC offset in hours (-7 during daylight saving time, else -8) and
/// the zone abbreviation. Daylight saving time runs from 02:00 local on the second Sunday
/// of March to 02:00 local on the first Sunday of November (rules in force since 2007).
pub fn pacific_offset(utc: DateTime<Utc>) -> (i64, &'static str) {
    let y = utc.year();
    let second_sunday_march =
        NaiveDate::from_weekday_of_month_opt(y, 3, Weekday::Sun, 2).expect("March has two Sundays");
    let first_sunday_nov = NaiveDate::from_weekday_of_month_opt(y, 11, Weekday::Sun, 1)
        .expect("November has a Sunday");
    // 02:00 PST = 10:00 UTC; 02:00 PDT = 09:00 UTC.
    let start = second_sunday_march
        .and_hms_opt(10, 0, 0)
        .expect("valid time")
        .and_utc();
    let end = first_sunday_nov
        .and_hms_opt(9, 0, 0)
        .expect("valid time")
        .and_utc();
    if utc >= start && utc < end {
        (-7, "PDT")
    } else {
        (-8, "PST")
    }
}

/// A UTC instant as Pacific wall-clock time.
pub fn to_pacific(utc: DateTime<Utc>) -> NaiveDateTime {
    let (h, _) = pacific_offset(utc);
    utc.naive_utc() + Duration::hours(h)
}

/// The current Pacific wall-clock time.
pub fn pacific_now() -> NaiveDateTime {
    to_pacific(Utc::now())
}

/// A production deployment train and the deadline to tell the Microsoft contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DeploymentTrain {
    /// The Friday the deployment starts (morning, Pacific time).
    pub friday: NaiveDate,
    /// 24 hours before: Thursday morning, Pacific time.
    pub notify_by: NaiveDateTime,
}

impl DeploymentTrain {
    fn for_friday(friday: NaiveDate) -> DeploymentTrain {
        let start =
            friday.and_time(NaiveTime::from_hms_opt(TRAIN_HOUR_PACIFIC, 0, 0).expect("valid hour"));
        DeploymentTrain {
            friday,
            notify_by: start - Duration::hours(NOTIFY_HOURS),
        }
    }
}

/// The next train that can still be made at `now` (Pacific wall-clock time): the first
/// Friday that is not a holiday whose notify deadline (24 h before, Thursday morning) is not
/// past. No deployments run on US holidays, so a holiday Friday has no train.
pub fn next_train_at(now: NaiveDateTime) -> DeploymentTrain {
    let mut d = now.date();
    while d.weekday() != Weekday::Fri {
        d += Duration::days(1);
    }
    loop {
        let train = DeploymentTrain::for_friday(d);
        if is_business_day(d) && now <= train.notify_by {
            return train;
        }
        d += Duration::days(7);
    }
}

/// [`next_train_at`] from the start of `from` (a Thursday still makes that week's train).
pub fn next_train(from: NaiveDate) -> DeploymentTrain {
    next_train_at(from.and_time(NaiveTime::MIN))
}

/// The six deployment regions, in rollout order (one per business day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Region {
    Testing,
    UsPreview,
    AsiaExceptJapanIndia,
    EuropeExceptUk,
    BrazilCanadaJapanIndia,
    AustraliaUkUs,
}

impl Region {
    pub const ALL: [Region; 6] = [
        Region::Testing,
        Region::UsPreview,
        Region::AsiaExceptJapanIndia,
        Region::EuropeExceptUk,
        Region::BrazilCanadaJapanIndia,
        Region::AustraliaUkUs,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Region::Testing => "Testing",
            Region::UsPreview => "US preview",
            Region::AsiaExceptJapanIndia => "Asia except Japan and India",
            Region::EuropeExceptUk => "Europe except UK",
            Region::BrazilCanadaJapanIndia => "Brazil, Canada, Japan, India",
            Region::AustraliaUkUs => "Australia, UK, US",
        }
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The day each region gets the connector when the rollout is scheduled on `start`: day 1
/// is `start` (or the next business day), then one region per business day.
pub fn region_rollout(start: NaiveDate) -> Vec<(Region, NaiveDate)> {
    let first = business_day_on_or_after(start);
    Region::ALL
        .iter()
        .enumerate()
        .map(|(i, r)| (*r, add_business_days(first, i as u32)))
        .collect()
}

/// The preview test window opened on `start` (credentials received): the 2 business days
/// counting `start` when it is a business day. Test and confirm "Go live" by `latest`.
pub fn preview_test_window(start: NaiveDate) -> DateRange {
    let first = business_day_on_or_after(start);
    DateRange {
        earliest: first,
        latest: add_business_days(first, PREVIEW_TEST_BUSINESS_DAYS - 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn business_days_skip_weekends() {
        // Fri 2025-03-07 + 1 = Mon 10.
        assert_eq!(add_business_days(d(2025, 3, 7), 1), d(2025, 3, 10));
        // Sat + 1 = Mon.
        assert_eq!(add_business_days(d(2025, 3, 8), 1), d(2025, 3, 10));
        assert_eq!(add_business_days(d(2025, 3, 3), 5), d(2025, 3, 10));
        assert_eq!(add_business_days(d(2025, 3, 3), 0), d(2025, 3, 3));
        assert_eq!(business_days_between(d(2025, 3, 7), d(2025, 3, 10)), 1);
        assert_eq!(business_days_between(d(2025, 3, 10), d(2025, 3, 7)), -1);
    }

    #[test]
    fn pacific_offsets_follow_dst() {
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        assert_eq!(pacific_offset(at("2025-01-15T12:00:00Z")).1, "PST");
        assert_eq!(pacific_offset(at("2025-07-15T12:00:00Z")).1, "PDT");
        // 2025: DST starts 9 March 10:00 UTC, ends 2 November 09:00 UTC.
        assert_eq!(pacific_offset(at("2025-03-09T09:59:59Z")).0, -8);
        assert_eq!(pacific_offset(at("2025-03-09T10:00:00Z")).0, -7);
        assert_eq!(pacific_offset(at("2025-11-02T08:59:59Z")).0, -7);
        assert_eq!(pacific_offset(at("2025-11-02T09:00:00Z")).0, -8);
        // 01:30 UTC on 1 Jan is still 31 Dec in Pacific time.
        assert_eq!(
            to_pacific(at("2026-01-01T01:30:00Z")).date(),
            d(2025, 12, 31)
        );
    }

    #[test]
    fn trains_and_deadlines() {
        // Monday 2025-03-10 → Friday 14, notify by Thursday 13 08:00.
        let t = next_train(d(2025, 3, 10));
        assert_eq!(t.friday, d(2025, 3, 14));
        assert_eq!(t.notify_by, d(2025, 3, 13).and_hms_opt(8, 0, 0).unwrap());
        // Thursday at 07:59 still makes it; at 08:01 it is next week's train.
        assert_eq!(
            next_train_at(d(2025, 3, 13).and_hms_opt(7, 59, 0).unwrap()).friday,
            d(2025, 3, 14)
        );
        assert_eq!(
            next_train_at(d(2025, 3, 13).and_hms_opt(8, 1, 0).unwrap()).friday,
            d(2025, 3, 21)
        );
        // Friday and Saturday → next Friday.
        assert_eq!(next_train(d(2025, 3, 14)).friday, d(2025, 3, 21));
        assert_eq!(next_train(d(2025, 3, 15)).friday, d(2025, 3, 21));
    }

    #[test]
    fn holiday_fridays_have_no_train() {
        // 2026-07-03 is Independence Day observed (a Friday): next train 10 July.
        assert_eq!(next_train(d(2026, 6, 29)).friday, d(2026, 7, 10));
        // Christmas 2026 is a Friday, and New Year's Day 2027 too: next train 8 January,
        // across the year end.
        let t = next_train(d(2026, 12, 21));
        assert_eq!(t.friday, d(2027, 1, 8));
        assert_eq!(t.notify_by.date(), d(2027, 1, 7));
        // Thanksgiving week: the Friday after is a business day; notify on Thanksgiving.
        let t = next_train(d(2025, 11, 24));
        assert_eq!(t.friday, d(2025, 11, 28));
        assert_eq!(t.notify_by.date(), d(2025, 11, 27));
    }

    #[test]
    fn region_rollout_one_per_business_day() {
        // Scheduled Monday 2025-03-10: Testing day 1 … six regions through Monday 17.
        let r = region_rollout(d(2025, 3, 10));
        assert_eq!(r.len(), 6);
        assert_eq!(r[0], (Region::Testing, d(2025, 3, 10)));
        assert_eq!(r[1], (Region::UsPreview, d(2025, 3, 11)));
        assert_eq!(r[5], (Region::AustraliaUkUs, d(2025, 3, 17)));
        // A Friday train in Thanksgiving week 2025: Fri 28 Nov, Mon 1 Dec, …
        let r = region_rollout(d(2025, 11, 28));
        let days: Vec<_> = r.iter().map(|x| x.1).collect();
        assert_eq!(
            days,
            [
                d(2025, 11, 28),
                d(2025, 12, 1),
                d(2025, 12, 2),
                d(2025, 12, 3),
                d(2025, 12, 4),
                d(2025, 12, 5)
            ]
        );
        // Friday 2025-12-19 across Christmas and New Year: skips 25 Dec and 1 Jan.
        let days: Vec<_> = region_rollout(d(2025, 12, 19))
            .iter()
            .map(|x| x.1)
            .collect();
        assert_eq!(
            days,
            [
                d(2025, 12, 19),
                d(2025, 12, 22),
                d(2025, 12, 23),
                d(2025, 12, 24),
                d(2025, 12, 26),
                d(2025, 12, 29)
            ]
        );
    }

    #[test]
    fn preview_window_is_two_business_days() {
        // Thursday → Thursday–Friday.
        let w = preview_test_window(d(2025, 3, 13));
        assert_eq!((w.earliest, w.latest), (d(2025, 3, 13), d(2025, 3, 14)));
        // Friday → Friday and Monday.
        assert_eq!(preview_test_window(d(2025, 3, 14)).latest, d(2025, 3, 17));
        // Credentials on a Saturday: Monday–Tuesday.
        let w = preview_test_window(d(2025, 3, 15));
        assert_eq!((w.earliest, w.latest), (d(2025, 3, 17), d(2025, 3, 18)));
        // Wednesday before Thanksgiving 2025 → Wednesday and Friday.
        assert_eq!(preview_test_window(d(2025, 11, 26)).latest, d(2025, 11, 28));
        // 31 Dec 2027 is New Year's Day observed: window 3–4 January 2028.
        let w = preview_test_window(d(2027, 12, 31));
        assert_eq!((w.earliest, w.latest), (d(2028, 1, 3), d(2028, 1, 4)));
    }

    #[test]
    fn deployment_fifteen_business_days() {
        // Plain weeks: Mon 2025-03-03 + 15 business days = Mon 24 March.
        assert_eq!(expected_deployment(d(2025, 3, 3)), d(2025, 3, 24));
        // Across Thanksgiving 2025 (27 Nov): Mon 17 Nov + 15 = Tue 9 Dec.
        assert_eq!(expected_deployment(d(2025, 11, 17)), d(2025, 12, 9));
        // Across Christmas and New Year: Mon 15 Dec 2025 + 15 = Wed 7 Jan 2026
        // (skipping 25 Dec and 1 Jan).
        assert_eq!(expected_deployment(d(2025, 12, 15)), d(2026, 1, 7));
        // 2021 year end: 24 Dec (Christmas observed) and 31 Dec (New Year 2022 observed).
        // Mon 20 Dec 2021 + 15 = Wed 12 Jan 2022.
        assert_eq!(expected_deployment(d(2021, 12, 20)), d(2022, 1, 12));
        assert_eq!(business_days_between(d(2021, 12, 20), d(2022, 1, 12)), 15);
    }

    #[test]
    fn feedback_ranges() {
        let r = first_feedback(d(2025, 12, 22));
        assert_eq!((r.earliest, r.latest), (d(2025, 12, 29), d(2026, 1, 5)));
    }
}
