//! `assets/connectors.json` is generated from the shared data; this file holds the generator
//! (run it with `tools/gen-catalog.sh`) and checks that the committed asset is up to date.

mod common;

use connector_wizard::catalog::asset::build_asset;
use connector_wizard::catalog::{Catalog, CatalogFile, Kind};
use std::path::PathBuf;

/// Date of the repository snapshot the shared data describes (shared/data/README.md).
const SNAPSHOT_DATE: &str = "2024-10-23";

fn asset_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/connectors.json")
}

fn generate() -> Option<String> {
    let data = common::shared_or_skip("the asset generator", "data/connectors.json")?;
    let c = std::fs::read_to_string(&data).unwrap();
    let p = std::fs::read_to_string(data.with_file_name("pull-requests.json")).unwrap();
    Some(build_asset(&c, &p, SNAPSHOT_DATE).unwrap())
}

/// Writes assets/connectors.json. Run through `tools/gen-catalog.sh`.
#[test]
#[ignore = "generator: run tools/gen-catalog.sh"]
fn regenerate() {
    let text = generate().expect("shared/data is needed to regenerate the asset");
    std::fs::write(asset_path(), text).unwrap();
    eprintln!("wrote {}", asset_path().display());
}

#[test]
fn asset_is_up_to_date() {
    let Some(text) = generate() else { return };
    let committed = std::fs::read_to_string(asset_path()).unwrap();
    assert!(
        committed == text,
        "assets/connectors.json differs from what the shared data gives; run tools/gen-catalog.sh"
    );
}

#[test]
fn asset_holds_facts_only_and_every_connector() {
    let committed = std::fs::read_to_string(asset_path()).unwrap();
    assert!(!committed.contains("\"description\""));
    assert!(!committed.contains("\"notes\""));
    let file = CatalogFile::from_text(&committed).unwrap();
    assert!(file.connectors.len() > 1000);
    assert!(file.pull_requests.len() > 100);
    if let Some(data) = common::shared_dir()
        .map(|d| d.join("data/connectors.json"))
        .filter(|p| p.is_file())
    {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(data).unwrap()).unwrap();
        assert_eq!(file.connectors.len(), v.as_array().unwrap().len());
    }
    // The embedded catalog is the committed asset.
    let c = Catalog::embedded();
    assert_eq!(
        c.entries()
            .iter()
            .filter(|e| e.kind != Kind::PullRequest)
            .count(),
        file.connectors.len()
    );
}
