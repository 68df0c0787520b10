//! Rules of operations, parameters and responses (reference §2.3–2.5).

use super::Sink;
use crate::json::Node;

/// Runs the operation, parameter and response rules over `paths`.
pub fn check(_root: &Node, _sink: &mut Sink) {}
