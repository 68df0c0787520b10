//! Security requirements (`SECURITY-DEFS`; reference §2.6): every requirement, of the
//! document or of an operation, names a definition, and OAuth scopes are defined. And the
//! sign-in the swagger declares matches the connection parameters of apiProperties.json
//! (`SECURITY-AP-MATCH`).

use super::{Finding, RuleId, Severity, Sink};
use crate::document::{Connector, OpenApi};
use crate::json::{pointer, Node};

/// The rules of `security` (document and operations).
pub(super) fn check(api: &OpenApi, sink: &mut Sink) {
    let root = api.root();
    let defs = root.get("securityDefinitions");
    let check_req = |req: &Node, ptr: &str, sink: &mut Sink| {
        let Some(list) = req.as_array() else { return };
        for (i, alt) in list.iter().enumerate() {
            for m in alt.as_object().unwrap_or(&[]) {
                let def = defs.and_then(|d| d.get(&m.key));
                let mptr = format!("{ptr}/{i}/{}", pointer::escape_token(&m.key));
                match def {
                    None => sink.at(
                        RuleId::SecurityDefs,
                        m.key_span.start,
                        &mptr,
                        format!(
                            "security requirement \"{}\" is not defined in securityDefinitions",
                            m.key
                        ),
                        "Define it under securityDefinitions, or remove the requirement.",
                    ),
                    Some(d) if d.get("type").and_then(Node::as_str) == Some("oauth2") => {
                        let scopes = d.get("scopes");
                        for s in m.value.as_array().unwrap_or(&[]) {
                            if let Some(name) = s.as_str() {
                                if scopes.and_then(|sc| sc.get(name)).is_none() {
                                    sink.node(RuleId::SecurityDefs, s, &mptr, format!("OAuth scope \"{name}\" is not defined in securityDefinitions.{}.scopes", m.key), "Add the scope to the definition's scopes.");
                                }
                            }
                        }
                    }
                    Some(_) => {}
                }
            }
        }
    };
    if let Some(req) = root.get("security") {
        check_req(req, "/security", sink);
    }
    api_key_names(defs, sink);
    for op in api.operations() {
        if let Some(req) = op.get("security") {
            let ptr = format!(
                "{}/{}/security",
                pointer::join("/paths", op.path),
                op.method
            );
            check_req(req, &ptr, sink);
        }
    }
}

/// An API key definition names the header (or query parameter) that carries the key: a
/// header name is an HTTP token (letters, digits and `-`, `_`, `.`, …; no space), a query
/// parameter name has no white space.
fn api_key_names(defs: Option<&Node>, sink: &mut Sink) {
    for m in defs.and_then(Node::as_object).unwrap_or(&[]) {
        if m.value.get("type").and_then(Node::as_str) != Some("apiKey") {
            continue;
        }
        let ptr = pointer::join("/securityDefinitions", &m.key);
        let header = m.value.get("in").and_then(Node::as_str) != Some("query");
        match m.value.get("name") {
            Some(n) => {
                let name = n.as_str().unwrap_or("");
                let bad = if header {
                    !is_http_token(name)
                } else {
                    name.trim().is_empty() || name.chars().any(char::is_whitespace)
                };
                if bad {
                    let what = if header { "header" } else { "query parameter" };
                    sink.node(
                        RuleId::SecurityDefs,
                        n,
                        &format!("{ptr}/name"),
                        format!("the API key's {what} name \"{name}\" is not a valid {what} name"),
                        "Use the name the service documents, e.g. X-Api-Key: letters, digits and '-' or '_', no spaces.",
                    );
                }
            }
            None => sink.node(
                RuleId::SecurityDefs,
                &m.value,
                &ptr,
                format!("the API key definition \"{}\" has no name", m.key),
                "Add \"name\": the header (or query parameter) that carries the key, e.g. X-Api-Key.",
            ),
        }
    }
}

/// An HTTP token (RFC 9110 `token`: one or more `tchar`), what a header name must be.
pub fn is_http_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// The connection parameters of apiProperties.json (those of `connectionParameters` and of
/// every `connectionParameterSets` value): (pointer, node, type).
fn connection_parameters(props: &Node) -> Vec<(String, &Node, &str)> {
    let mut out = Vec::new();
    for (base, params) in super::api_properties::parameter_groups(props) {
        for m in params.as_object().unwrap_or(&[]) {
            let ty = m.value.get("type").and_then(Node::as_str).unwrap_or("");
            out.push((pointer::join(&base, &m.key), &m.value, ty));
        }
    }
    out
}

/// SECURITY-AP-MATCH: what the swagger's securityDefinitions ask for, apiProperties.json
/// provides, and the reverse (`paconn` builds the connection dialog from apiProperties.json
/// and signs requests as the swagger says).
pub(super) fn match_api_properties(c: &Connector, out: &mut Vec<Finding>) {
    let (Some(sw), Some(apf)) = (&c.swagger, &c.api_properties) else {
        return;
    };
    let (Some(root), Some(ap)) = (sw.json(), apf.json()) else {
        return;
    };
    let Some(props) = ap.get("properties") else {
        return;
    };
    let params = connection_parameters(props);
    let has = |ty: &str| params.iter().any(|(_, _, t)| *t == ty);
    let defs = root
        .get("securityDefinitions")
        .and_then(Node::as_object)
        .unwrap_or(&[]);
    let mut swagger_oauth = false;
    {
        let mut sink = Sink::new(sw, c.kind, out);
        for m in defs {
            let ty = m.value.get("type").and_then(Node::as_str).unwrap_or("");
            let ptr = pointer::join("/securityDefinitions", &m.key);
            let (needs, what) = match ty {
                "oauth2" => {
                    swagger_oauth = true;
                    (
                        "oauthSetting",
                        "oauthSetting connection parameter (with oAuthSettings)",
                    )
                }
                "apiKey" => (
                    "securestring",
                    "securestring connection parameter for the key",
                ),
                "basic" => (
                    "securestring",
                    "securestring connection parameters for the username and password",
                ),
                _ => continue,
            };
            if !has(needs) {
                sink.at(
                    RuleId::SecurityApMatch,
                    m.key_span.start,
                    &ptr,
                    format!(
                        "securityDefinitions.{} is {ty}, but apiProperties.json has no {what}",
                        m.key
                    ),
                    "Describe the same sign-in in both files: `paconn download` writes them together, or `connector-wizard generate api-properties` writes apiProperties.json from the swagger.",
                );
            }
        }
    }
    let mut sink = Sink::new(apf, c.kind, out);
    let policies = props
        .get("policyTemplateInstances")
        .and_then(Node::as_array)
        .is_some_and(|p| !p.is_empty());
    for (ptr, node, ty) in &params {
        // Merged connectors (generic OAuth with URL templates) sign in from apiProperties.json
        // alone, so this direction is a warning.
        if *ty == "oauthSetting" && !swagger_oauth {
            sink.at_sev(
                RuleId::SecurityApMatch,
                Severity::Warning,
                node.span.start,
                ptr,
                "the connection parameter is an OAuth setting, but the swagger's securityDefinitions have no oauth2 definition".into(),
                "Add the oauth2 definition (flow, authorizationUrl, tokenUrl, scopes) to securityDefinitions, so the swagger says how requests are signed.".into(),
                None,
            );
        }
        if *ty == "securestring" && defs.is_empty() && !policies && c.script.is_none() {
            sink.at_sev(
                RuleId::SecurityApMatch,
                Severity::Warning,
                node.span.start,
                ptr,
                "the secure connection parameter is used by nothing: the swagger has no securityDefinitions, and there is no policy template or script".into(),
                "Add the securityDefinitions entry that sends it (an apiKey header, for example), or remove the parameter.".into(),
                None,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testutil::*;
    use serde_json::json;

    #[test]
    fn an_api_key_name_must_be_sendable() {
        let key = |name: serde_json::Value, place: &str| {
            let place = place.to_string();
            with(move |v| {
                v["securityDefinitions"] =
                    json!({"api_key": {"type": "apiKey", "in": place, "name": name}});
                v["security"] = json!([{"api_key": []}]);
            })
            .into_iter()
            .filter(|f| f.rule == crate::rules::RuleId::SecurityDefs)
            .map(|f| f.pointer)
            .collect::<Vec<_>>()
        };
        assert_eq!(
            key(json!("Ada Lovelace"), "header"),
            ["/securityDefinitions/api_key/name"]
        );
        assert!(key(json!("X-Api-Key"), "header").is_empty());
        assert!(key(json!("api_key"), "query").is_empty());
        assert_eq!(key(json!("api key"), "query").len(), 1);
        assert_eq!(key(json!(""), "header").len(), 1);
    }

    #[test]
    fn security_rules() {
        assert_eq!(
            ids(&with(|v| v["security"] = json!([{"oauth": []}]))),
            vec!["SECURITY-DEFS"]
        );
        let fs = with(|v| {
            v["securityDefinitions"] = json!({"oauth": {"type": "oauth2", "flow": "accessCode", "authorizationUrl": "https://a.b/auth", "tokenUrl": "https://a.b/token", "scopes": {"read": "Read"}}});
            v["security"] = json!([{"oauth": ["read", "write"]}]);
        });
        assert_eq!(ids(&fs), vec!["SECURITY-DEFS"]);
        assert!(fs[0].message.contains("write"));
        // An operation's own requirement is checked at its pointer.
        let fs = with(|v| {
            v["paths"]["/tasks/{taskId}"]["get"]["security"] = json!([{"basic": []}]);
        });
        assert_eq!(ids(&fs), vec!["SECURITY-DEFS"]);
        assert_eq!(
            fs[0].pointer,
            "/paths/~1tasks~1{taskId}/get/security/0/basic"
        );
    }

    fn pair(sw: &serde_json::Value, ap: serde_json::Value) -> Vec<crate::rules::Finding> {
        let f = connector(
            &[
                ("apiDefinition.swagger.json", &text(sw)),
                ("apiProperties.json", &text(&ap)),
            ],
            crate::document::ConnectorKind::IndependentPublisher,
        );
        crate::rules::check(&f.connector, &Default::default())
            .into_iter()
            .filter(|f| f.rule == "SECURITY-AP-MATCH")
            .collect()
    }

    #[test]
    fn sign_in_matches_between_the_files() {
        let ap = |params: serde_json::Value| json!({"properties": {"iconBrandColor": "#da3b01", "publisher": "Ada", "stackOwner": "Contoso", "connectionParameters": params}});
        // The good swagger has an API key: a securestring parameter matches.
        let key = json!({"api_key": {"type": "securestring", "uiDefinition": {"displayName": "API key"}}});
        assert!(pair(&good_swagger(), ap(key.clone())).is_empty());
        let fs = pair(&good_swagger(), ap(json!({})));
        assert_eq!(fs.len(), 1, "{fs:#?}");
        assert!(fs[0].file.ends_with("apiDefinition.swagger.json"));
        assert_eq!(fs[0].pointer, "/securityDefinitions/api_key");
        // OAuth in apiProperties.json but not in the swagger, and the reverse.
        let oauth = json!({"token": {"type": "oauthSetting", "oAuthSettings": {"identityProvider": "oauth2"}}});
        let fs = pair(&good_swagger(), ap(oauth.clone()));
        assert_eq!(fs.len(), 2, "{fs:#?}");
        let reverse: Vec<_> = fs
            .iter()
            .filter(|f| f.pointer == "/properties/connectionParameters/token")
            .collect();
        assert_eq!(reverse[0].severity, crate::rules::Severity::Warning);
        let mut sw = good_swagger();
        sw["securityDefinitions"] = json!({"oauth": {"type": "oauth2", "flow": "accessCode",
            "authorizationUrl": "https://a.b/auth", "tokenUrl": "https://a.b/token", "scopes": {}}});
        sw["security"] = json!([{"oauth": []}]);
        assert!(pair(&sw, ap(oauth)).is_empty());
        // Multi-auth: the parameter sets count.
        let sets = json!({"properties": {"iconBrandColor": "#da3b01", "publisher": "Ada", "stackOwner": "Contoso",
            "connectionParameterSets": {"values": [{"name": "key", "parameters": key}]}}});
        assert!(pair(&good_swagger(), sets).is_empty());
        // A secure parameter nothing sends: a warning.
        let mut none = good_swagger();
        none.as_object_mut().unwrap().remove("securityDefinitions");
        none.as_object_mut().unwrap().remove("security");
        let fs = pair(&none, ap(json!({"api_key": {"type": "securestring"}})));
        assert_eq!(fs.len(), 1);
        assert_eq!(fs[0].severity, crate::rules::Severity::Warning);
    }
}
