//! One module per wizard step, mirroring [`views`](super::views): each owns its step's state,
//! what its keys do, what entering it starts, what its editors save and the results of the
//! jobs it asked for. A step changes only its own state and the [`Shared`](super::shared)
//! state, so no step depends on the app or on another step; [`update`](super::update) routes
//! keys and results to them.

pub mod build;
pub mod common;
pub mod home;
pub mod prerequisites;
pub mod propose;
pub mod submit;
pub mod track;
pub mod verify;
