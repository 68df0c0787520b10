//! apiProperties.json for a connector (reference §2.7, AP-*).

use super::swagger::{Scheme, SecurityDef};
use super::{todo, Facts, IP_BRAND_COLOR, REDIRECT_URLS};
use crate::document::Connector;
use crate::session::Session;
use serde_json::{json, Map, Value};

/// The clientId written for OAuth connectors: a dummy value, clearly marked (AP-NO-SECRETS).
/// Microsoft's team puts the real one in when it creates the app from the readme.
pub const DUMMY_CLIENT_ID: &str = "[[DummyClientId]]";

/// apiProperties.json: `iconBrandColor` `#da3b01`, `capabilities`, `publisher`,
/// `stackOwner` and `connectionParameters` matching the swagger's securityDefinitions (else
/// the session's auth kind):
///
/// - one `apiKey` definition → `api_key` (the name the platform gives it), a `securestring`
///   whose display name is the header's name; several → one parameter per definition, keyed
///   by the definition's name made safe for AP-CONNPARAM-NAMES;
/// - `basic` → `username` and `password`;
/// - `oauth2` → `token`, an `oauthSetting` with a dummy clientId, the definition's scopes
///   and URLs, and the global redirect URL.
///
/// Pretty JSON with a 2-space indent and a final newline.
pub fn api_properties_json(session: &Session, connector: Option<&Connector>) -> String {
    let f = Facts::new(session, connector);
    let mut params = Map::new();
    let schemes = f.schemes();
    let api_keys = schemes
        .iter()
        .filter(|d| matches!(d.scheme, Scheme::ApiKey { .. }))
        .count();
    let mut tab = 2;
    for def in &schemes {
        match &def.scheme {
            Scheme::ApiKey { name, .. } => {
                let key = if api_keys == 1 {
                    "api_key".to_string()
                } else {
                    param_key(&def.key)
                };
                let display = api_key_display_name(name);
                params.insert(
                    key,
                    secure_param(
                        &display,
                        &format!("The {display} for {}.", f.title()),
                        &format!("Provide your {display}."),
                        tab,
                        false,
                    ),
                );
                tab += 1;
            }
            Scheme::Basic => {
                params.insert(
                    "username".into(),
                    secure_param(
                        "Username",
                        &format!("The user name of your {} account.", f.title()),
                        "Provide your user name.",
                        tab,
                        true,
                    ),
                );
                params.insert(
                    "password".into(),
                    secure_param(
                        "Password",
                        &format!("The password of your {} account.", f.title()),
                        "Provide your password.",
                        tab + 1,
                        false,
                    ),
                );
                tab += 2;
            }
            Scheme::OAuth2 { .. } => {
                if !params.contains_key("token") {
                    params.insert("token".into(), oauth_param(def));
                }
            }
            Scheme::Other(_) => {}
        }
    }

    let publisher = f
        .publisher()
        .unwrap_or_else(|| todo("your name, or your company's"));
    let stack_owner = f
        .stack_owner()
        .unwrap_or_else(|| todo("the company that owns the service"));
    let capabilities = f
        .api_properties
        .as_ref()
        .and_then(|p| p.get("capabilities"))
        .filter(|c| c.is_array())
        .cloned()
        .unwrap_or_else(|| json!([]));
    let mut properties = Map::new();
    properties.insert("connectionParameters".into(), Value::Object(params));
    properties.insert("iconBrandColor".into(), json!(IP_BRAND_COLOR));
    properties.insert("capabilities".into(), capabilities);
    properties.insert("publisher".into(), json!(super::one_line(&publisher)));
    properties.insert("stackOwner".into(), json!(super::one_line(&stack_owner)));
    let root = json!({ "properties": Value::Object(properties) });
    let mut text = serde_json::to_string_pretty(&root).expect("a JSON value always serializes");
    text.push('\n');
    text
}

/// The display name of an API-key connection parameter: the header's name, or "API Key"
/// when the header is the generic `Authorization`.
pub(crate) fn api_key_display_name(header: &str) -> String {
    let h = header.trim();
    if h.is_empty() || h.eq_ignore_ascii_case("authorization") || h == "api_key" {
        "API Key".to_string()
    } else {
        h.to_string()
    }
}

/// A connection-parameter key made of `[0-9a-zA-Z_]` only (AP-CONNPARAM-NAMES).
fn param_key(name: &str) -> String {
    let key: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if key.trim_matches('_').is_empty() {
        "api_key".to_string()
    } else {
        key
    }
}

fn secure_param(
    display: &str,
    description: &str,
    tooltip: &str,
    tab: u32,
    clear_text: bool,
) -> Value {
    json!({
        "type": "securestring",
        "uiDefinition": {
            "displayName": display,
            "description": description,
            "tooltip": tooltip,
            "constraints": {
                "tabIndex": tab,
                "clearText": clear_text,
                "required": "true"
            }
        }
    })
}

fn oauth_param(def: &SecurityDef) -> Value {
    let (authorization_url, token_url, scopes) = match &def.scheme {
        Scheme::OAuth2 {
            authorization_url,
            token_url,
            scopes,
            ..
        } => (authorization_url.clone(), token_url.clone(), scopes.clone()),
        _ => (None, None, Vec::new()),
    };
    let url = |u: Option<String>, what: &str| u.unwrap_or_else(|| todo(what));
    let token = url(token_url, "token URL");
    json!({
        "type": "oauthSetting",
        "oAuthSettings": {
            "identityProvider": "oauth2",
            "clientId": DUMMY_CLIENT_ID,
            "scopes": scopes,
            "redirectMode": "Global",
            "redirectUrl": REDIRECT_URLS[0],
            "properties": {
                "IsFirstParty": "False",
                "IsOnbehalfofLoginSupported": false
            },
            "customParameters": {
                "authorizationUrl": { "value": url(authorization_url, "authorization URL") },
                "tokenUrl": { "value": token.clone() },
                "refreshUrl": { "value": token }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameter_names_are_safe() {
        assert_eq!(param_key("API Key"), "API_Key");
        assert_eq!(param_key("x-key"), "x_key");
        assert_eq!(param_key("--"), "api_key");
        assert_eq!(api_key_display_name("Authorization"), "API Key");
        assert_eq!(api_key_display_name("X-Api-Key"), "X-Api-Key");
    }
}
