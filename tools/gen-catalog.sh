#!/bin/sh
# Regenerates assets/connectors.json (the catalog embedded in the binary) from
# shared/data/connectors.json and shared/data/pull-requests.json, keeping facts only.
# The shared directory is found through CW_SHARED_DIR, else ../shared next to the crate
# (tests/common/shared.rs). `cargo test --test catalog_asset` fails while the asset is stale.
set -eu
cd "$(dirname "$0")/.."
cargo test --test catalog_asset -- --ignored --exact regenerate --nocapture
