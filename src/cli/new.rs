//! `connector-wizard new`: start a connector blank, from a session's facts.

use super::color::{ColorChoice, Paint};
use super::workcopy::{self, FactArgs, FolderArgs};
use super::EXIT_OK;
use crate::generate::blank::{self, Auth, AuthDetails, IdentityProvider};
use crate::session::AuthKind;
use anyhow::anyhow;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The session whose facts the connector starts from (see `connector-wizard session list`).
    #[arg(long, value_name = "NAME")]
    pub session: String,

    #[command(flatten)]
    pub facts: FactArgs,

    /// How the connector signs in: none, api-key, basic or oauth2 (default: the session's choice).
    #[arg(long, value_name = "KIND", value_parser = parse_auth)]
    pub auth: Option<AuthKind>,

    /// API key: the header (or query parameter) that carries the key, e.g. X-Api-Key.
    #[arg(long, value_name = "NAME")]
    pub api_key_name: Option<String>,

    /// API key: where the key goes.
    #[arg(long, value_name = "WHERE", default_value = "header", value_parser = ["header", "query"])]
    pub api_key_in: String,

    /// OAuth 2.0: oauth2 (any service) or aad (Microsoft Entra ID).
    #[arg(long, value_name = "PROVIDER", default_value = "oauth2", value_parser = parse_provider)]
    pub identity_provider: IdentityProvider,

    /// OAuth 2.0 (oauth2): the authorization URL.
    #[arg(long, value_name = "URL")]
    pub authorization_url: Option<String>,

    /// OAuth 2.0 (oauth2): the token URL.
    #[arg(long, value_name = "URL")]
    pub token_url: Option<String>,

    /// OAuth 2.0: a scope to ask for (repeat for several).
    #[arg(long = "scope", value_name = "SCOPE")]
    pub scopes: Vec<String>,

    /// OAuth 2.0 (aad): the resource the token is for, e.g. https://graph.microsoft.com.
    #[arg(long, value_name = "URI")]
    pub resource_uri: Option<String>,

    #[command(flatten)]
    pub folder: FolderArgs,
}

fn parse_auth(s: &str) -> Result<AuthKind, String> {
    s.parse()
}

fn parse_provider(s: &str) -> Result<IdentityProvider, String> {
    s.parse()
}

fn opt(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

impl Args {
    fn auth(&self, kind: AuthKind) -> Auth {
        let text = |o: &Option<String>| o.clone().unwrap_or_default();
        let (name, authorization_url, token_url, resource_uri) = (
            text(&self.api_key_name),
            text(&self.authorization_url),
            text(&self.token_url),
            text(&self.resource_uri),
        );
        Auth::with_details(
            kind,
            &AuthDetails {
                api_key_name: &name,
                api_key_in: &self.api_key_in,
                provider: self.identity_provider,
                authorization_url: &authorization_url,
                token_url: &token_url,
                scopes: &self.scopes,
                resource_uri: &resource_uri,
            },
        )
    }
}

pub fn run(args: Args, color: ColorChoice) -> anyhow::Result<u8> {
    let paint = Paint::new(color.stderr());
    let dir_arg = args.folder.dir.as_deref();
    let facts_given = args.auth.is_some()
        || opt(&args.facts.publisher).is_some()
        || opt(&args.facts.stack_owner).is_some();
    let mut open = workcopy::open_session_if(&args.session, |s| {
        facts_given || workcopy::records_dir(s, dir_arg)
    })?;
    let record_dir = workcopy::records_dir(open.session(), dir_arg);
    let records = facts_given || record_dir;
    let mut session = open.session().clone();
    if let Some(a) = args.auth {
        session.proposal.auth = a;
    }
    let dir = workcopy::working_dir(&session, args.folder.dir.as_deref())?;
    let mut facts = args.facts.facts(&session);
    facts.auth = args.auth(session.proposal.auth);
    let made = blank::blank_connector(&session, &facts)
        .map_err(|missing| anyhow!(workcopy::missing_message(&session.name, &missing)))?;
    let files = vec![
        (
            workcopy::file_in(&dir, "apiDefinition.swagger.json"),
            made.swagger,
        ),
        (
            workcopy::file_in(&dir, "apiProperties.json"),
            made.api_properties,
        ),
    ];
    let paths: Vec<&std::path::Path> = files.iter().map(|(p, _)| p.as_path()).collect();
    if let Some(code) = workcopy::refuse_existing(&paths, args.folder.force, paint) {
        return Ok(code);
    }
    workcopy::write_all(&files)?;
    if records {
        let canonical = dir.canonicalize().unwrap_or_else(|_| dir.clone());
        open.update(|s| {
            if record_dir {
                s.connector_dir = Some(canonical.clone());
            }
            s.proposal.auth = session.proposal.auth;
            if let Some(p) = opt(&args.facts.publisher) {
                s.proposal.publisher = p;
            }
            if let Some(o) = opt(&args.facts.stack_owner) {
                s.proposal.stack_owner = o;
            }
        })?;
    }
    for (p, _) in &files {
        eprintln!("wrote {}", p.display());
    }
    workcopy::print_markers(&files, paint);
    eprintln!(
        "next: add operations (`connector-wizard import FILE --session \"{0}\" --force`, or the wizard's 3 Build step), then `connector-wizard generate readme --session \"{0}\" -o {1}` and `connector-wizard check {2}`",
        session.name,
        dir.join("readme.md").display(),
        dir.display()
    );
    Ok(EXIT_OK)
}
