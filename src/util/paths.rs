//! Where connector-wizard keeps its data: `CONNECTOR_WIZARD_HOME`, else `$XDG_DATA_HOME`,
//! else the platform data directory from `directories`.

use std::path::PathBuf;

/// Environment variable that overrides the data directory (tests, portable use).
pub const HOME_ENV: &str = "CONNECTOR_WIZARD_HOME";

/// The data directory (not created).
pub fn data_dir() -> PathBuf {
    if let Some(p) = std::env::var_os(HOME_ENV).filter(|v| !v.is_empty()) {
        return PathBuf::from(p);
    }
    if let Some(p) = std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        return PathBuf::from(p).join("connector-wizard");
    }
    directories::ProjectDirs::from("", "", "connector-wizard")
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from(".connector-wizard"))
}

/// Directory holding one JSON file per session.
pub fn sessions_dir() -> PathBuf {
    data_dir().join("sessions")
}

/// Directory holding the user's connector catalog cache.
pub fn catalog_dir() -> PathBuf {
    data_dir().join("catalog")
}
