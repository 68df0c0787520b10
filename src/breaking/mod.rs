//! breaking (being built).
