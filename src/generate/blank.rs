//! A connector started blank: the Swagger 2.0 file and the apiProperties.json that matches
//! it, from the session's facts (name, description, website, privacy policy, categories,
//! contact, authentication) and the few facts a session does not hold (host, the details of
//! the authentication). Pure functions: nothing here reads or writes files.
//!
//! What the author must know (the host, the publisher, how to sign in) is required: the
//! front end asks for each [`Missing`] fact. What can wait (the description, the website,
//! …) is written as a visible `[TODO: …]` marker, and every marker sits where a
//! certification rule reports an error until it is replaced (a description under 30
//! characters, a URL or e-mail address that is not one, a category off the list).
//!
//! [`apply_facts`] does the same to an imported document: the session's facts win, the
//! document fills the gaps, markers stand for what neither knows.

use super::{connector_name, todo};
use crate::document::Connector;
use crate::import::enrich::{reorder, DOCUMENT_ORDER, INFO_ORDER};
use crate::session::{AuthKind, Session};
use serde_json::{json, Map, Value};
use std::path::Path;

/// The sign-in of a blank connector.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Auth {
    #[default]
    None,
    ApiKey {
        /// The header (or query parameter) that carries the key.
        name: Option<String>,
        /// `header` or `query`.
        location: String,
    },
    Basic,
    OAuth2 {
        provider: IdentityProvider,
        authorization_url: Option<String>,
        token_url: Option<String>,
        scopes: Vec<String>,
        /// Microsoft Entra ID only: the resource (application ID URI) the token is for.
        resource_uri: Option<String>,
    },
}

/// The OAuth 2.0 identity provider of apiProperties.json.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum IdentityProvider {
    /// `oauth2`: any OAuth 2.0 service, with its own authorization and token URLs.
    #[default]
    Generic,
    /// `aad`: Microsoft Entra ID (Azure AD).
    Aad,
}

impl std::str::FromStr for IdentityProvider {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "oauth2" | "generic" | "oauth2generic" => Ok(IdentityProvider::Generic),
            "aad" | "entra" | "azure-ad" | "azuread" => Ok(IdentityProvider::Aad),
            other => Err(format!(
                "unknown identity provider `{other}`: use oauth2 (any OAuth 2.0 service) or aad (Microsoft Entra ID)"
            )),
        }
    }
}

const AAD_LOGIN: &str = "https://login.microsoftonline.com";

impl Auth {
    /// The sign-in of a session's authentication kind, its details not known yet.
    pub fn of_kind(kind: AuthKind) -> Auth {
        match kind {
            AuthKind::None => Auth::None,
            AuthKind::ApiKey => Auth::ApiKey {
                name: None,
                location: "header".into(),
            },
            AuthKind::Basic => Auth::Basic,
            AuthKind::OAuth2 => Auth::OAuth2 {
                provider: IdentityProvider::Generic,
                authorization_url: None,
                token_url: None,
                scopes: Vec::new(),
                resource_uri: None,
            },
        }
    }
}

/// The details of a sign-in as the author typed them (a blank text is a missing detail).
#[derive(Debug, Clone, Default)]
pub struct AuthDetails<'a> {
    pub api_key_name: &'a str,
    /// `header` or `query`.
    pub api_key_in: &'a str,
    pub provider: IdentityProvider,
    pub authorization_url: &'a str,
    pub token_url: &'a str,
    /// Each one may hold several, separated by spaces, commas or semicolons.
    pub scopes: &'a [String],
    pub resource_uri: &'a str,
}

impl Auth {
    /// The sign-in of `kind` with its details.
    pub fn with_details(kind: AuthKind, d: &AuthDetails) -> Auth {
        let opt = |t: &str| Some(t.trim().to_string()).filter(|t| !t.is_empty());
        match kind {
            AuthKind::None => Auth::None,
            AuthKind::Basic => Auth::Basic,
            AuthKind::ApiKey => Auth::ApiKey {
                name: opt(d.api_key_name),
                location: d.api_key_in.to_string(),
            },
            AuthKind::OAuth2 => Auth::OAuth2 {
                provider: d.provider,
                authorization_url: opt(d.authorization_url),
                token_url: opt(d.token_url),
                scopes: d
                    .scopes
                    .iter()
                    .flat_map(|s| s.split([',', ' ', ';']))
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
                resource_uri: opt(d.resource_uri),
            },
        }
    }
}

/// Everything a blank connector is made of.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BlankFacts {
    pub title: String,
    pub description: Option<String>,
    /// The production host name (and port), e.g. `api.contoso.com`.
    pub host: Option<String>,
    /// The path every operation starts with, e.g. `/v1`.
    pub base_path: Option<String>,
    pub website: Option<String>,
    pub privacy_policy: Option<String>,
    pub categories: Vec<String>,
    /// The publisher: `info.contact.name` and apiProperties' `publisher`.
    pub publisher: Option<String>,
    /// The company that owns the service (apiProperties' `stackOwner`).
    pub stack_owner: Option<String>,
    pub contact_email: Option<String>,
    /// Where people get support: `info.contact.url`.
    pub contact_url: Option<String>,
    pub auth: Auth,
}

/// A fact a blank connector cannot do without; the front end asks for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    Host,
    Publisher,
    StackOwner,
    ApiKeyName,
    AuthorizationUrl,
    TokenUrl,
    ResourceUri,
}

impl Missing {
    /// What it is, for a question or an error message.
    pub fn label(self) -> &'static str {
        match self {
            Missing::Host => "the API's production host name (e.g. api.contoso.com)",
            Missing::Publisher => "the publisher: your name, or your company's",
            Missing::StackOwner => "the stack owner: the company that owns the service",
            Missing::ApiKeyName => {
                "the name of the header (or query parameter) that carries the API key"
            }
            Missing::AuthorizationUrl => "the OAuth 2.0 authorization URL",
            Missing::TokenUrl => "the OAuth 2.0 token URL",
            Missing::ResourceUri => "the resource URI the Microsoft Entra ID token is for",
        }
    }

    /// The command-line flag that gives it.
    pub fn flag(self) -> &'static str {
        match self {
            Missing::Host => "--host",
            Missing::Publisher => "--publisher",
            Missing::StackOwner => "--stack-owner",
            Missing::ApiKeyName => "--api-key-name",
            Missing::AuthorizationUrl => "--authorization-url",
            Missing::TokenUrl => "--token-url",
            Missing::ResourceUri => "--resource-uri",
        }
    }
}

fn given(s: &str) -> Option<String> {
    let t = super::one_line(s);
    (!t.is_empty()).then_some(t)
}

impl BlankFacts {
    /// The facts a session holds (the host and the authentication details it cannot).
    pub fn from_session(s: &Session) -> BlankFacts {
        let p = &s.proposal;
        BlankFacts {
            title: connector_name(s),
            description: given(&p.service_description),
            host: None,
            base_path: None,
            website: given(&p.website_url),
            privacy_policy: given(&p.privacy_policy_url),
            categories: p.categories.iter().filter_map(|c| given(c)).collect(),
            publisher: given(&p.publisher),
            stack_owner: given(&p.stack_owner),
            contact_email: given(&p.contact_email),
            contact_url: None,
            auth: Auth::of_kind(p.auth),
        }
    }

    /// The facts still needed for a blank connector, in the order to ask for them.
    pub fn missing(&self) -> Vec<Missing> {
        let mut out = Vec::new();
        let absent = |o: &Option<String>| o.as_deref().is_none_or(|s| s.trim().is_empty());
        if absent(&self.host) {
            out.push(Missing::Host);
        }
        if absent(&self.publisher) {
            out.push(Missing::Publisher);
        }
        if absent(&self.stack_owner) {
            out.push(Missing::StackOwner);
        }
        match &self.auth {
            Auth::ApiKey { name, .. } if absent(name) => out.push(Missing::ApiKeyName),
            Auth::OAuth2 {
                provider: IdentityProvider::Generic,
                authorization_url,
                token_url,
                ..
            } => {
                if absent(authorization_url) {
                    out.push(Missing::AuthorizationUrl);
                }
                if absent(token_url) {
                    out.push(Missing::TokenUrl);
                }
            }
            Auth::OAuth2 {
                provider: IdentityProvider::Aad,
                resource_uri,
                ..
            } if absent(resource_uri) => out.push(Missing::ResourceUri),
            _ => {}
        }
        out
    }
}

/// The files of a blank connector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlankConnector {
    /// apiDefinition.swagger.json
    pub swagger: String,
    /// apiProperties.json
    pub api_properties: String,
}

/// Builds a blank connector, or says which facts are missing.
pub fn blank_connector(
    session: &Session,
    facts: &BlankFacts,
) -> Result<BlankConnector, Vec<Missing>> {
    let missing = facts.missing();
    if !missing.is_empty() {
        return Err(missing);
    }
    let mut doc = json!({
        "swagger": "2.0",
        "info": {"title": facts.title, "version": "1.0"},
        "consumes": ["application/json"],
        "produces": ["application/json"],
        "paths": {},
        "definitions": {},
        "parameters": {},
        "responses": {},
    });
    let (definitions, security) = security(&facts.auth);
    if !definitions.is_empty() {
        doc["securityDefinitions"] = Value::Object(definitions);
        doc["security"] = security;
    } else {
        doc["securityDefinitions"] = json!({});
        doc["security"] = json!([]);
    }
    doc["tags"] = json!([]);
    apply_facts(&mut doc, facts);
    let swagger = pretty(&doc);
    let api_properties = api_properties_for(session, facts, &swagger);
    Ok(BlankConnector {
        swagger,
        api_properties,
    })
}

/// A host as typed: `https://api.contoso.com/v1/` gives `api.contoso.com` and `/v1`; a bare
/// host name is returned as it is (trimmed). The URL is split as `import` splits a server URL.
pub fn split_host_url(typed: &str) -> (String, Option<String>) {
    let t = typed.trim();
    let url = if t.contains("://") {
        t.to_string()
    } else {
        format!("//{t}")
    };
    let parts = crate::import::openapi3::split_url(&url);
    (parts.host.unwrap_or_default(), parts.base_path)
}

/// Pretty JSON (2-space indent) with a final newline.
pub fn pretty(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).expect("a JSON value always serializes");
    s.push('\n');
    s
}

fn security(auth: &Auth) -> (Map<String, Value>, Value) {
    let mut defs = Map::new();
    let key = match auth {
        Auth::None => return (defs, json!([])),
        Auth::ApiKey { name, location } => {
            defs.insert(
                "api_key".into(),
                json!({"type": "apiKey", "in": location, "name": name.clone().unwrap_or_default()}),
            );
            "api_key"
        }
        Auth::Basic => {
            defs.insert("basic_auth".into(), json!({"type": "basic"}));
            "basic_auth"
        }
        Auth::OAuth2 {
            provider,
            authorization_url,
            token_url,
            scopes,
            ..
        } => {
            let (a, t) = match provider {
                IdentityProvider::Generic => (
                    authorization_url.clone().unwrap_or_default(),
                    token_url.clone().unwrap_or_default(),
                ),
                IdentityProvider::Aad => (
                    format!("{AAD_LOGIN}/common/oauth2/authorize"),
                    format!("{AAD_LOGIN}/common/oauth2/token"),
                ),
            };
            let scope_map: Map<String, Value> =
                scopes.iter().map(|s| (s.clone(), json!(s))).collect();
            defs.insert(
                "oauth2_auth".into(),
                json!({"type": "oauth2", "flow": "accessCode", "authorizationUrl": a, "tokenUrl": t, "scopes": scope_map}),
            );
            "oauth2_auth"
        }
    };
    let mut req = Map::new();
    req.insert(key.into(), json!([]));
    (defs, json!([req]))
}

/// Sets the connector's facts on a Swagger 2.0 document: the title always; the
/// description, contact, host, base path and metadata from the facts when given, else the
/// document's own, else a `[TODO: …]` marker. Keys are put in the usual order.
pub fn apply_facts(doc: &mut Value, facts: &BlankFacts) {
    let Value::Object(root) = doc else { return };
    let info = root.entry("info").or_insert_with(|| json!({}));
    if !info.is_object() {
        *info = json!({});
    }
    let existing = |v: &Value, key: &str| {
        v.get(key)
            .and_then(Value::as_str)
            .map(super::one_line)
            .filter(|s| !s.is_empty())
    };
    let description = facts
        .description
        .clone()
        .or_else(|| existing(info, "description"))
        .unwrap_or_else(|| todo("describe the service"));
    let contact = info.get("contact").cloned().unwrap_or_else(|| json!({}));
    let contact = json!({
        "name": facts.publisher.clone().or_else(|| existing(&contact, "name")).unwrap_or_else(|| todo("your name")),
        "url": facts.contact_url.clone().or_else(|| existing(&contact, "url")).unwrap_or_else(|| todo("support URL")),
        "email": facts.contact_email.clone().or_else(|| existing(&contact, "email")).unwrap_or_else(|| todo("e-mail")),
    });
    if let Value::Object(i) = info {
        i.insert("title".into(), json!(facts.title));
        i.insert("description".into(), json!(description));
        if !i.get("version").is_some_and(Value::is_string) {
            i.insert("version".into(), json!("1.0"));
        }
        i.insert("contact".into(), contact);
        let ordered = reorder(std::mem::take(i), INFO_ORDER);
        *i = ordered;
    }
    // A URL given as the host ("https://api.contoso.com/v1", as API documentation writes
    // it) is split: the host name, and its path as the base path unless one is given.
    let (given_host, url_path) = match facts.host.as_deref().map(split_host_url) {
        Some((h, p)) => (Some(h), p),
        None => (None, None),
    };
    let host = given_host
        .or_else(|| existing(&Value::Object(root.clone()), "host"))
        .unwrap_or_else(|| todo("host"));
    root.insert("host".into(), json!(host));
    match facts
        .base_path
        .as_deref()
        .map(str::trim)
        .filter(|b| !b.is_empty() && *b != "/")
        .or(url_path.as_deref())
    {
        Some(b) => {
            let b = if b.starts_with('/') {
                b.to_string()
            } else {
                format!("/{b}")
            };
            root.insert("basePath".into(), json!(b.trim_end_matches('/')));
        }
        None => {
            root.entry("basePath").or_insert(json!("/"));
        }
    }
    root.entry("schemes").or_insert(json!(["https"]));
    let old_meta = root.get("x-ms-connector-metadata").cloned();
    let meta_value = |name: &str| {
        old_meta
            .as_ref()
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .find(|e| {
                e.get("propertyName")
                    .and_then(Value::as_str)
                    .is_some_and(|n| n.trim().eq_ignore_ascii_case(name))
            })
            .and_then(|e| e.get("propertyValue"))
            .and_then(Value::as_str)
            .map(str::to_string)
            .filter(|s| !s.trim().is_empty())
    };
    let categories = (!facts.categories.is_empty()).then(|| facts.categories.join(";"));
    root.insert(
        "x-ms-connector-metadata".into(),
        json!([
            {"propertyName": "Website", "propertyValue": facts.website.clone().or_else(|| meta_value("Website")).unwrap_or_else(|| todo("website URL"))},
            {"propertyName": "Privacy policy", "propertyValue": facts.privacy_policy.clone().or_else(|| meta_value("Privacy policy")).unwrap_or_else(|| todo("privacy policy URL"))},
            {"propertyName": "Categories", "propertyValue": categories.or_else(|| meta_value("Categories")).unwrap_or_else(|| todo("one or two categories"))},
        ]),
    );
    let ordered = reorder(std::mem::take(root), DOCUMENT_ORDER);
    *root = ordered;
}

/// apiProperties.json for a swagger text: connection parameters from its security
/// definitions, publisher and stack owner from the facts (see
/// [`super::api_properties_json`]). Microsoft Entra ID sign-in gets its own settings.
pub fn api_properties_for(session: &Session, facts: &BlankFacts, swagger: &str) -> String {
    let mut s = session.clone();
    if let Some(p) = &facts.publisher {
        s.proposal.publisher = p.clone();
    }
    if let Some(o) = &facts.stack_owner {
        s.proposal.stack_owner = o.clone();
    }
    let connector = in_memory(swagger, session);
    let text = super::api_properties_json(&s, Some(&connector));
    let Auth::OAuth2 {
        provider: IdentityProvider::Aad,
        resource_uri,
        ..
    } = &facts.auth
    else {
        return text;
    };
    let mut v: Value = serde_json::from_str(&text).expect("generated JSON parses");
    let resource = resource_uri.clone().unwrap_or_default();
    if let Some(settings) = v.pointer_mut("/properties/connectionParameters/token/oAuthSettings") {
        settings["identityProvider"] = json!("aad");
        settings["properties"]["AzureActiveDirectoryResourceId"] = json!(resource);
        settings["customParameters"] = json!({
            "loginUri": {"value": AAD_LOGIN},
            "tenantId": {"value": "common"},
            "resourceUri": {"value": resource},
            "enableOnbehalfOfLogin": {"value": "false"}
        });
    }
    pretty(&v)
}

/// A connector whose only file is `swagger` (for the generators that read one).
fn in_memory(swagger: &str, session: &Session) -> Connector {
    Connector::from_bytes(
        Path::new("apiDefinition.swagger.json"),
        swagger.as_bytes().to_vec(),
        Some(session.kind),
    )
}

/// A `[TODO: …]` marker in a JSON text: where it is and what it asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkerAt {
    /// 1-based line.
    pub line: usize,
    /// JSON pointer of the string that holds it.
    pub pointer: String,
    /// The marker's text (without `[TODO: ` and `]`).
    pub what: String,
}

/// The markers of a JSON text, in file order (none when it is not JSON).
pub fn json_markers(text: &str) -> Vec<MarkerAt> {
    let Ok(root) = crate::json::parse(text) else {
        return Vec::new();
    };
    let lines = crate::json::LineIndex::new(text);
    let mut out = Vec::new();
    let mut stack = vec![(&root, String::new())];
    while let Some((node, ptr)) = stack.pop() {
        match &node.value {
            crate::json::Value::String(s) => {
                for what in super::todos(s) {
                    out.push(MarkerAt {
                        line: lines.line_col(text, node.span.start).0,
                        pointer: ptr.clone(),
                        what,
                    });
                }
            }
            crate::json::Value::Array(items) => {
                for (i, it) in items.iter().enumerate().rev() {
                    stack.push((it, format!("{ptr}/{i}")));
                }
            }
            crate::json::Value::Object(members) => {
                for m in members.iter().rev() {
                    stack.push((&m.value, crate::json::pointer::join(&ptr, &m.key)));
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::ConnectorKind;

    fn session() -> Session {
        let mut s = Session::new("Larkspur Tasks", ConnectorKind::IndependentPublisher);
        s.proposal.publisher = "Ada Example".into();
        s.proposal.stack_owner = "Larkspur Ltd".into();
        s
    }

    #[test]
    fn missing_facts_are_named() {
        let mut f =
            BlankFacts::from_session(&Session::new("X", ConnectorKind::IndependentPublisher));
        f.auth = Auth::of_kind(AuthKind::OAuth2);
        assert_eq!(
            f.missing(),
            [
                Missing::Host,
                Missing::Publisher,
                Missing::StackOwner,
                Missing::AuthorizationUrl,
                Missing::TokenUrl
            ]
        );
        f.auth = Auth::OAuth2 {
            provider: IdentityProvider::Aad,
            authorization_url: None,
            token_url: None,
            scopes: vec![],
            resource_uri: None,
        };
        assert!(f.missing().contains(&Missing::ResourceUri));
        assert!(!f.missing().contains(&Missing::TokenUrl));
        assert!(blank_connector(&session(), &f).is_err());
    }

    #[test]
    fn a_url_typed_as_the_host_is_split_into_host_and_base_path() {
        let s = session();
        let mut f = BlankFacts::from_session(&s);
        f.host = Some(" https://api.larkspur.example/v1/ ".into());
        let sw: Value = serde_json::from_str(&blank_connector(&s, &f).unwrap().swagger).unwrap();
        assert_eq!(sw["host"], "api.larkspur.example");
        assert_eq!(sw["basePath"], "/v1");
        // A base path given apart wins over the URL's.
        f.base_path = Some("/v2".into());
        let sw: Value = serde_json::from_str(&blank_connector(&s, &f).unwrap().swagger).unwrap();
        assert_eq!(sw["basePath"], "/v2");
        assert_eq!(
            split_host_url("api.x.example:8443"),
            ("api.x.example:8443".to_string(), None)
        );
    }

    #[test]
    fn api_key_connector_matches_its_properties() {
        let s = session();
        let mut f = BlankFacts::from_session(&s);
        f.host = Some("api.larkspur.example".into());
        f.base_path = Some("v2/".into());
        f.auth = Auth::ApiKey {
            name: Some("X-Api-Key".into()),
            location: "header".into(),
        };
        let b = blank_connector(&s, &f).unwrap();
        let sw: Value = serde_json::from_str(&b.swagger).unwrap();
        assert_eq!(sw["host"], "api.larkspur.example");
        assert_eq!(sw["basePath"], "/v2");
        assert_eq!(sw["info"]["contact"]["name"], "Ada Example");
        assert_eq!(sw["securityDefinitions"]["api_key"]["name"], "X-Api-Key");
        assert_eq!(sw["security"], json!([{"api_key": []}]));
        let keys: Vec<&String> = sw.as_object().unwrap().keys().collect();
        assert_eq!(keys[0], "swagger");
        assert_eq!(keys.last().unwrap().as_str(), "x-ms-connector-metadata");
        let ap: Value = serde_json::from_str(&b.api_properties).unwrap();
        let cp = &ap["properties"]["connectionParameters"];
        assert_eq!(cp["api_key"]["type"], "securestring");
        assert_eq!(cp["api_key"]["uiDefinition"]["displayName"], "X-Api-Key");
        assert_eq!(ap["properties"]["publisher"], "Ada Example");
        // What the session does not know is a marker.
        assert_eq!(sw["info"]["description"], "[TODO: describe the service]");
        assert_eq!(super::super::todos(&b.swagger).len(), 6);
    }

    #[test]
    fn aad_sign_in() {
        let s = session();
        let mut f = BlankFacts::from_session(&s);
        f.host = Some("graph.microsoft.com".into());
        f.auth = Auth::OAuth2 {
            provider: IdentityProvider::Aad,
            authorization_url: None,
            token_url: None,
            scopes: vec!["User.Read".into()],
            resource_uri: Some("https://graph.microsoft.com".into()),
        };
        let b = blank_connector(&s, &f).unwrap();
        let sw: Value = serde_json::from_str(&b.swagger).unwrap();
        assert_eq!(
            sw["securityDefinitions"]["oauth2_auth"]["scopes"]["User.Read"],
            "User.Read"
        );
        let ap: Value = serde_json::from_str(&b.api_properties).unwrap();
        let o = &ap["properties"]["connectionParameters"]["token"]["oAuthSettings"];
        assert_eq!(o["identityProvider"], "aad");
        assert_eq!(
            o["customParameters"]["resourceUri"]["value"],
            "https://graph.microsoft.com"
        );
        assert_eq!(o["scopes"], json!(["User.Read"]));
    }
}
