//! connector-wizard: the engine behind the `connector-wizard` terminal program.
//!
//! Everything here works without a terminal. The `cli` and `tui` modules are thin front
//! ends over the library modules:
//!
//! - [`json`]: a span-aware JSON reader and a minimal-diff writer,
//! - [`document`]: a connector folder (swagger, apiProperties, readme, intro, script),
//! - [`rules`]: the certification rules and their registry,
//! - [`catalog`]: the embedded connector list, the user cache and the duplicate search,
//! - [`session`]: one connector's journey, saved atomically,
//! - [`timeline`]: expected dates for certification and deployment,
//! - [`generate`]: intro.md, readme.md, apiProperties.json, PR title and body,
//! - [`export`]: plan and apply a copy into a checkout of the connectors repository,
//! - [`breaking`]: breaking changes between two versions of a swagger,
//! - [`calibration`]: how many merged connectors each error rule fires on,
//! - [`links`]: every GitHub and Microsoft Learn URL the program builds,
//! - [`util`]: atomic writes, data folders, colour and exit codes, the git runner.

pub mod breaking;
pub mod calibration;
pub mod catalog;
pub mod cli;
pub mod document;
pub mod export;
pub mod generate;
pub mod import;
pub mod json;
pub mod links;
pub mod lint;
pub mod rules;
pub mod session;
pub mod timeline;
pub mod tui;
pub mod util;
