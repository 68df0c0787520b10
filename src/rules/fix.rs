//! Applying safe fixes.
