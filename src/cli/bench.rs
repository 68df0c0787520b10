//! `connector-wizard bench`.
use super::color::ColorChoice;
#[derive(Debug, clap::Args)]
pub struct Args {}
pub fn run(_args: Args, _color: ColorChoice) -> anyhow::Result<u8> {
    anyhow::bail!("being built")
}
