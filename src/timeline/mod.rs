//! Expected dates for certification and deployment, as pure functions with the figures of
//! §1 of the reference:
//!
//! - first feedback 1–2 weeks after submission; each update round adds 1–2 weeks;
//! - deployment averages 15 business days (weekends and US federal holidays skipped);
//! - production deployments start Friday mornings, Pacific time; the Microsoft contact needs
//!   24 hours' notice (Thursday morning);
//! - six regions rolled out one per business day;
//! - the preview test window is 2 business days.
//!
//! [`holidays`] computes US federal holidays for any year, [`calendar`] the business-day
//! arithmetic, trains and windows, [`plan`] the timeline of a session.

pub mod calendar;
pub mod holidays;
pub mod plan;

pub use calendar::{
    add_business_days, business_day_on_or_after, business_days_between, expected_deployment,
    feedback_after, first_feedback, is_business_day, next_train, next_train_at, pacific_now,
    pacific_offset, preview_test_window, region_rollout, to_pacific, DateRange, DeploymentTrain,
    Region, DEPLOYMENT_BUSINESS_DAYS, FEEDBACK_DAYS, NOTIFY_HOURS, PREVIEW_TEST_BUSINESS_DAYS,
    TRAIN_HOUR_PACIFIC,
};
pub use holidays::{observed_holiday, us_federal_holidays, Holiday, HolidayDate};
pub use plan::{expected_dates, timeline_at, EntryState, Milestone, TimelineEntry, When};
