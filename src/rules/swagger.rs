//! Document-level rules of the swagger (reference §2.1, §2.2, §2.6).
use super::Sink;
use crate::document::Connector;
pub fn check(_c: &Connector, _sink: &mut Sink) {}
