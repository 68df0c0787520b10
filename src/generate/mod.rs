//! generate (being built).
