//! Independent publisher or certified: the rules differ a little between them.

use std::path::Path;

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "kebab-case")]
pub enum ConnectorKind {
    #[default]
    IndependentPublisher,
    Certified,
}

impl ConnectorKind {
    /// The kind implied by the repository folder the path sits in, else independent publisher.
    pub fn infer(path: &Path) -> ConnectorKind {
        let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        for comp in abs.components().rev() {
            let c = comp.as_os_str().to_string_lossy().to_ascii_lowercase();
            match c.as_str() {
                "certified-connectors" => return ConnectorKind::Certified,
                "independent-publisher-connectors" => return ConnectorKind::IndependentPublisher,
                _ => {}
            }
        }
        ConnectorKind::IndependentPublisher
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ConnectorKind::IndependentPublisher => "independent-publisher",
            ConnectorKind::Certified => "certified",
        }
    }
}

impl ConnectorKind {
    pub const ALL: [ConnectorKind; 2] = [
        ConnectorKind::IndependentPublisher,
        ConnectorKind::Certified,
    ];

    /// The identifier used in files and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            ConnectorKind::IndependentPublisher => "independent-publisher",
            ConnectorKind::Certified => "certified",
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            ConnectorKind::IndependentPublisher => "Independent publisher",
            ConnectorKind::Certified => "Certified (verified publisher)",
        }
    }
}

impl std::fmt::Display for ConnectorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

impl std::str::FromStr for ConnectorKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "independent-publisher" | "ip" | "independent" => {
                Ok(ConnectorKind::IndependentPublisher)
            }
            "certified" | "verified" | "verified-publisher" => Ok(ConnectorKind::Certified),
            other => Err(format!(
                "unknown connector kind `{other}`: use `independent-publisher` or `certified`"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn infers_from_repository_folder() {
        assert_eq!(
            ConnectorKind::infer(Path::new(
                "/r/certified-connectors/X/apiDefinition.swagger.json"
            )),
            ConnectorKind::Certified
        );
        assert_eq!(
            ConnectorKind::infer(Path::new("/r/independent-publisher-connectors/X")),
            ConnectorKind::IndependentPublisher
        );
        assert_eq!(
            ConnectorKind::infer(Path::new("/tmp/x")),
            ConnectorKind::IndependentPublisher
        );
    }
}
