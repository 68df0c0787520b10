//! Folder, readme, intro and script rules, and the PR title (reference §2.7, §3).
use super::Finding;
use crate::document::Connector;
pub fn check(_c: &Connector, _out: &mut Vec<Finding>) {}
pub fn check_pr_title(_c: &Connector, _title: &str, _out: &mut Vec<Finding>) {}
