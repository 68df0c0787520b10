//! apiProperties.json rules (reference §2.7).
use super::Finding;
use crate::document::Connector;
pub fn check(_c: &Connector, _out: &mut Vec<Finding>) {}
