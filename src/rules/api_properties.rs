//! apiProperties.json (`AP-*`, `IP-BRAND-COLOR`, `CERT-BAD-COLOR`; reference §2.7): shape,
//! brand colour, publisher, stack owner, connection parameter names, secrets.

use super::document::readability;
use super::{path_in, Finding, RuleId, Severity, Sink};
use crate::document::{Connector, ConnectorKind};
use crate::json::{pointer, Node, TextEdit};

const KEYS: &[&str] = &[
    "iconBrandColor",
    "publisher",
    "stackOwner",
    "capabilities",
    "connectionParameters",
    "policyTemplateInstances",
    "scriptOperations",
    "connectionParameterSets",
];

pub const IP_COLOR: &str = "#da3b01";

/// Runs the apiProperties.json rules.
pub(super) fn check(c: &Connector, out: &mut Vec<Finding>) {
    let Some(file) = &c.api_properties else {
        if c.swagger.is_some() {
            out.push(Finding::whole_file(
                RuleId::ApSchema,
                path_in(c, "apiProperties.json"),
                "apiProperties.json is missing".into(),
                "Add apiProperties.json (`connector-wizard generate api-properties` writes one).",
            ));
        }
        return;
    };
    if !readability(file, out, c.kind) {
        return;
    }
    let Some(root) = file.json() else { return };
    let mut sink = Sink::new(file, c.kind, out);
    let Some(props) = root.get("properties").filter(|p| p.is_object()) else {
        sink.node(
            RuleId::ApSchema,
            root,
            "",
            "apiProperties.json has no \"properties\" object".into(),
            "Wrap the settings in {\"properties\": {...}}.",
        );
        return;
    };
    for m in root.as_object().unwrap_or(&[]) {
        if m.key != "properties" {
            sink.at(
                RuleId::ApSchema,
                m.key_span.start,
                &pointer::join("", &m.key),
                format!(
                    "\"{}\" is not allowed at the top of apiProperties.json",
                    m.key
                ),
                "Keep only \"properties\" at the top level.",
            );
        }
    }
    for m in props.as_object().unwrap_or(&[]) {
        if !KEYS.contains(&m.key.as_str()) {
            sink.at(RuleId::ApSchema, m.key_span.start, &pointer::join("/properties", &m.key), format!("\"{}\" is not a known apiProperties key", m.key), "Known keys: iconBrandColor, publisher, stackOwner, capabilities, connectionParameters, connectionParameterSets, policyTemplateInstances, scriptOperations.");
        }
    }
    color(props, &mut sink);
    publisher(props, &mut sink);
    for (base, ps) in parameter_groups(props) {
        param_names(ps, &base, &mut sink);
    }
    secrets(root, "", &mut sink, 0);
}

/// The groups of connection parameters of apiProperties' `properties`, with their pointers:
/// `connectionParameters`, then the `parameters` of each `connectionParameterSets` value
/// (multi-auth connectors: each set has its own).
pub(super) fn parameter_groups(props: &Node) -> Vec<(String, &Node)> {
    let mut out = Vec::new();
    if let Some(cp) = props.get("connectionParameters") {
        out.push(("/properties/connectionParameters".to_string(), cp));
    }
    let sets = props
        .get("connectionParameterSets")
        .and_then(|s| s.get("values"))
        .and_then(Node::as_array)
        .unwrap_or(&[]);
    for (i, set) in sets.iter().enumerate() {
        if let Some(ps) = set.get("parameters") {
            out.push((
                format!("/properties/connectionParameterSets/values/{i}/parameters"),
                ps,
            ));
        }
    }
    out
}

/// Whether a connection parameter name is one the repository's apiProperties schema allows:
/// `name`, `prefix:name` (a primitive parameter such as `token:clientId`) or
/// `token:TenantId`, each part `[0-9a-zA-Z_]+`.
pub fn valid_param_name(name: &str) -> bool {
    let part = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    match name.split_once(':') {
        None => part(name),
        Some((prefix, rest)) => {
            part(prefix) && part(rest) && (rest != "TenantId" || prefix == "token")
        }
    }
}

/// AP-CONNPARAM-NAMES over one `connectionParameters` object.
fn param_names(params: &Node, base: &str, sink: &mut Sink) {
    for m in params.as_object().unwrap_or(&[]) {
        if !valid_param_name(&m.key) {
            sink.at(
                RuleId::ApConnparamNames,
                m.key_span.start,
                &pointer::join(base, &m.key),
                format!(
                    "connection parameter name \"{}\" is not a name (letters, digits, '_'), prefix:name or token:TenantId",
                    m.key
                ),
                "Rename it, e.g. \"api_key\" or \"token:clientId\" (and update the swagger's references).",
            );
        }
    }
}

fn color(props: &Node, sink: &mut Sink) {
    let c = props.get("iconBrandColor");
    let value = c.and_then(Node::as_str);
    match sink.kind {
        ConnectorKind::IndependentPublisher => {
            if value.is_some_and(|v| v.eq_ignore_ascii_case(IP_COLOR)) {
                return;
            }
            let (offset, fix, msg) = match c {
                Some(node) => (
                    node.span.start,
                    sink.fix(
                        format!("/properties/iconBrandColor → \"{IP_COLOR}\""),
                        vec![TextEdit::set_string(node, IP_COLOR)],
                    ),
                    format!(
                        "iconBrandColor is {}, not \"{IP_COLOR}\"",
                        value
                            .map(|v| format!("\"{v}\""))
                            .unwrap_or_else(|| node.type_name().into())
                    ),
                ),
                None => (
                    props.span.start,
                    TextEdit::insert_member(
                        &sink.file.text,
                        props,
                        "iconBrandColor",
                        &format!("\"{IP_COLOR}\""),
                    )
                    .and_then(|e| {
                        sink.fix(
                            format!("/properties: add iconBrandColor \"{IP_COLOR}\""),
                            vec![e],
                        )
                    }),
                    "iconBrandColor is missing".to_string(),
                ),
            };
            sink.at_sev(
                RuleId::IpBrandColor,
                Severity::Error,
                offset,
                "/properties/iconBrandColor",
                msg,
                format!("Independent publisher connectors use \"iconBrandColor\": \"{IP_COLOR}\"."),
                fix,
            );
        }
        ConnectorKind::Certified => match (c, value) {
            (None, _) => sink.node(
                RuleId::CertBadColor,
                props,
                "/properties",
                "iconBrandColor is missing".into(),
                "Set iconBrandColor to your brand colour (not #007ee5 or #ffffff).",
            ),
            (Some(n), Some(v))
                if v.eq_ignore_ascii_case("#007ee5") || v.eq_ignore_ascii_case("#ffffff") =>
            {
                sink.node(
                    RuleId::CertBadColor,
                    n,
                    "/properties/iconBrandColor",
                    format!("iconBrandColor \"{v}\" is a default colour"),
                    "Use your brand colour, not #007ee5 or #ffffff.",
                )
            }
            _ => {}
        },
    }
}

fn publisher(props: &Node, sink: &mut Sink) {
    let p = props
        .get("publisher")
        .and_then(Node::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let s = props
        .get("stackOwner")
        .and_then(Node::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty());
    if p.is_none() {
        let at = props.get("publisher").unwrap_or(props);
        sink.node(
            RuleId::ApPublisher,
            at,
            "/properties/publisher",
            "publisher is missing or empty".into(),
            "Set publisher to your first and last name, or your company.",
        );
    }
    if let (Some(v), Some(node)) = (p, props.get("publisher")) {
        if PLACEHOLDER_PUBLISHERS
            .iter()
            .any(|x| x.eq_ignore_ascii_case(v))
        {
            sink.node(
                RuleId::ApPublisher,
                node,
                "/properties/publisher",
                format!("publisher \"{v}\" is the account the connector was downloaded with, not a publisher"),
                "Set publisher to your first and last name, or your company (the maker portal fills in the signed-in account).",
            );
        }
        name_characters(RuleId::ApPublisher, "publisher", v, node, sink);
    }
    if let (Some(v), Some(node)) = (s, props.get("stackOwner")) {
        name_characters(RuleId::ApStackowner, "stackOwner", v, node, sink);
    }
    match (p, s) {
        (_, None) => {
            let at = props.get("stackOwner").unwrap_or(props);
            sink.node(
                RuleId::ApStackowner,
                at,
                "/properties/stackOwner",
                "stackOwner is missing or empty".into(),
                "Set stackOwner to the company that owns the service behind the connector.",
            );
        }
        (Some(p), Some(s))
            if sink.kind == ConnectorKind::IndependentPublisher && p.eq_ignore_ascii_case(s) =>
        {
            let at = props.get("stackOwner").unwrap();
            sink.at_sev(RuleId::ApStackowner, Severity::Warning, at.span.start, "/properties/stackOwner", format!("stackOwner \"{s}\" is the same as the publisher"), "An independent publisher does not own the service: stackOwner is the company that does.".into(), None);
        }
        _ => {}
    }
}

/// Names the maker portal or a template puts where the publisher's name belongs.
const PLACEHOLDER_PUBLISHERS: &[&str] = &["System Administrator", "Administrator", "Admin"];

/// Characters in a publisher or stack owner name: control characters and markup are
/// errors (the name is shown in the product); characters no merged name uses are warnings.
/// Merged names use letters, digits, spaces and `. , ' & ( ) - / : | + ! [ ]` (URLs too).
fn name_characters(id: RuleId, what: &str, v: &str, node: &Node, sink: &mut Sink) {
    let bad: String = v
        .chars()
        .filter(|c| c.is_control() || matches!(c, '<' | '>' | '"' | '\\' | '{' | '}'))
        .collect();
    let odd: String = v
        .chars()
        .filter(|c| {
            !(c.is_alphanumeric()
                || c.is_whitespace()
                || ".,'&()-/:|+![]".contains(*c)
                || bad.contains(*c))
        })
        .collect();
    let ptr = format!("/properties/{what}");
    if !bad.is_empty() {
        sink.node(
            id,
            node,
            &ptr,
            format!(
                "{what} \"{}\" contains {}",
                crate::util::printable::printable(v),
                super::field::quote_chars(&crate::util::printable::printable(&bad))
            ),
            "Write the name as plain text: letters, digits, spaces and ordinary punctuation.",
        );
    } else if !odd.is_empty() {
        sink.at_sev(
            id,
            Severity::Warning,
            node.span.start,
            &ptr,
            format!("{what} \"{v}\" contains {}", super::field::quote_chars(&odd)),
            "Names of merged connectors use letters, digits, spaces and . , ' & ( ) - / : | + !; check that the portal shows this one as you mean it.".into(),
            None,
        );
    }
}

/// Keys (lower case) whose value is a secret: a real one must not be committed.
pub(super) const SECRET_KEYS: &[&str] = &[
    "clientsecret",
    "client_secret",
    "apikey",
    "api_key",
    "password",
    "secret",
    "token",
    "accesstoken",
    "access_token",
];

fn looks_like_placeholder(v: &str) -> bool {
    let l = v.to_ascii_lowercase();
    v.trim().is_empty()
        || v.contains("[[")
        || v.contains('<')
        || v.contains('{')
        || v.contains('*')
        || [
            "dummy",
            "placeholder",
            "your",
            "replace",
            "example",
            "xxx",
            "secret",
            "client",
            "todo",
            "enter",
            "insert",
            "sample",
            "redacted",
            "none",
            "null",
        ]
        .iter()
        .any(|w| l.contains(w))
}

fn looks_real(v: &str) -> bool {
    v.len() >= 16 && !v.contains(' ') && !looks_like_placeholder(v)
}

fn secrets(node: &Node, ptr: &str, sink: &mut Sink, depth: usize) {
    if depth > 32 {
        return;
    }
    match &node.value {
        crate::json::Value::Object(members) => {
            for m in members {
                let p = pointer::join(ptr, &m.key);
                let k = m.key.to_ascii_lowercase();
                if let Some(v) = m.value.as_str() {
                    let secret_key = SECRET_KEYS.contains(&k.as_str());
                    let client_id =
                        k == "clientid" && v.len() >= 16 && looks_real(v) && is_guid_like(v);
                    if (secret_key && looks_real(v)) || client_id {
                        sink.node(RuleId::ApNoSecrets, &m.value, &p, format!("\"{}\" holds what looks like a real value", m.key), "Replace it with a clearly marked dummy value such as \"[[REPLACE_WITH_CLIENT_SECRET]]\"; rotate the secret if it was ever pushed.");
                    }
                } else {
                    secrets(&m.value, &p, sink, depth + 1);
                }
            }
        }
        crate::json::Value::Array(items) => {
            for (i, it) in items.iter().enumerate() {
                secrets(it, &format!("{ptr}/{i}"), sink, depth + 1);
            }
        }
        _ => {}
    }
}

fn is_guid_like(v: &str) -> bool {
    let parts: Vec<&str> = v.split('-').collect();
    parts.len() == 5
        && parts
            .iter()
            .all(|p| p.chars().all(|c| c.is_ascii_hexdigit()))
        && v.len() == 36
}

#[cfg(test)]
mod tests {
    use crate::document::ConnectorKind;
    use crate::rules::testutil::*;
    use crate::rules::{check, CheckOptions, Finding, Severity};
    use serde_json::json;

    fn ap(v: serde_json::Value, kind: ConnectorKind) -> Vec<Finding> {
        let f = connector(
            &[
                ("apiDefinition.swagger.json", &text(&good_swagger())),
                ("apiProperties.json", &text(&v)),
            ],
            kind,
        );
        check(&f.connector, &CheckOptions::default())
            .into_iter()
            .filter(|f| f.file.ends_with("apiProperties.json"))
            .collect()
    }

    fn good() -> serde_json::Value {
        json!({"properties": {"iconBrandColor": "#da3b01", "publisher": "Ada Lovelace", "stackOwner": "Contoso Ltd", "connectionParameters": {"api_key": {"type": "securestring"}}}})
    }

    #[test]
    fn good_properties_pass() {
        assert!(ap(good(), ConnectorKind::IndependentPublisher).is_empty());
    }

    #[test]
    fn brand_colour() {
        let mut v = good();
        v["properties"]["iconBrandColor"] = json!("#007ee5");
        let fs = ap(v.clone(), ConnectorKind::IndependentPublisher);
        assert_eq!(ids(&fs), vec!["IP-BRAND-COLOR"]);
        assert_eq!(fs[0].pointer, "/properties/iconBrandColor");
        assert_eq!(fs[0].line, 3);
        assert!(fs[0].fix.is_some());
        assert_eq!(
            ids(&ap(v.clone(), ConnectorKind::Certified)),
            vec!["CERT-BAD-COLOR"]
        );
        v["properties"]["iconBrandColor"] = json!("#DA3B01");
        assert!(ap(v.clone(), ConnectorKind::IndependentPublisher).is_empty());
        v["properties"]
            .as_object_mut()
            .unwrap()
            .remove("iconBrandColor");
        let fs = ap(v, ConnectorKind::IndependentPublisher);
        assert_eq!(ids(&fs), vec!["IP-BRAND-COLOR"]);
        assert!(fs[0].fix.is_some(), "missing colour is inserted");
    }

    #[test]
    fn shape_publisher_and_names() {
        assert_eq!(
            ids(&ap(
                json!({"iconBrandColor": "#da3b01"}),
                ConnectorKind::IndependentPublisher
            )),
            vec!["AP-SCHEMA"]
        );
        let mut v = good();
        v["properties"]["icon"] = json!("x");
        assert_eq!(
            ids(&ap(v, ConnectorKind::IndependentPublisher)),
            vec!["AP-SCHEMA"]
        );
        let mut v = good();
        v["properties"].as_object_mut().unwrap().remove("publisher");
        assert_eq!(
            ids(&ap(v, ConnectorKind::IndependentPublisher)),
            vec!["AP-PUBLISHER"]
        );
        let mut v = good();
        v["properties"]["stackOwner"] = json!("");
        assert_eq!(
            ids(&ap(v, ConnectorKind::IndependentPublisher)),
            vec!["AP-STACKOWNER"]
        );
        let mut v = good();
        v["properties"]["stackOwner"] = json!("Ada Lovelace");
        let fs = ap(v, ConnectorKind::IndependentPublisher);
        assert_eq!(ids(&fs), vec!["AP-STACKOWNER"]);
        assert_eq!(fs[0].severity, Severity::Warning);
        let mut v = good();
        v["properties"]["connectionParameters"] = json!({"api-key": {"type": "securestring"}});
        assert_eq!(
            ids(&ap(v, ConnectorKind::IndependentPublisher)),
            vec!["AP-CONNPARAM-NAMES"]
        );
    }

    #[test]
    fn publisher_is_a_name() {
        let mut v = good();
        v["properties"]["publisher"] = json!("System Administrator");
        let fs = ap(v, ConnectorKind::IndependentPublisher);
        assert_eq!(ids(&fs), vec!["AP-PUBLISHER"]);
        assert!(
            fs[0].message.contains("downloaded with"),
            "{}",
            fs[0].message
        );
        let mut v = good();
        v["properties"]["publisher"] = json!("Ada <b>Lovelace</b>");
        let fs = ap(v, ConnectorKind::IndependentPublisher);
        assert_eq!(fs[0].severity, Severity::Error);
        assert!(fs[0].message.contains("'<', '>'"), "{}", fs[0].message);
        let mut v = good();
        v["properties"]["stackOwner"] = json!("Contoso #1 @home");
        let fs = ap(v, ConnectorKind::IndependentPublisher);
        assert_eq!(ids(&fs), vec!["AP-STACKOWNER"]);
        assert_eq!(fs[0].severity, Severity::Warning);
        // What merged connectors write passes.
        let mut v = good();
        v["properties"]["publisher"] = json!("Ada Lovelace | Contoso & Partners, Ltd.");
        v["properties"]["stackOwner"] = json!("https://contoso.com/");
        assert!(ap(v, ConnectorKind::IndependentPublisher).is_empty());
    }

    #[test]
    fn names_follow_the_repository_schema() {
        use super::valid_param_name;
        for ok in ["api_key", "token:clientId", "token:TenantId", "x:y_2"] {
            assert!(valid_param_name(ok), "{ok}");
        }
        for bad in ["API Key", "api-key", "", "a:TenantId", ":x", "x:", "a:b:c"] {
            assert!(!valid_param_name(bad), "{bad:?}");
        }
        // Multi-auth connectors: connectionParameterSets is a known key, its names are checked.
        let mut v = good();
        v["properties"]["connectionParameterSets"] = json!({"uiDefinition": {"displayName": "Sign in with"}, "values": [
            {"name": "key", "uiDefinition": {"displayName": "API key"}, "parameters": {"api_key": {"type": "securestring"}}},
            {"name": "oauth", "uiDefinition": {"displayName": "OAuth"}, "parameters": {"token:TenantId": {"type": "string"}, "bad name": {"type": "string"}}}
        ]});
        let fs = ap(v, ConnectorKind::IndependentPublisher);
        assert_eq!(ids(&fs), vec!["AP-CONNPARAM-NAMES"], "{fs:#?}");
        assert_eq!(
            fs[0].pointer,
            "/properties/connectionParameterSets/values/1/parameters/bad name"
        );
    }

    #[test]
    fn secrets_are_flagged() {
        let mut v = good();
        v["properties"]["connectionParameters"] = json!({"token": {"type": "oauthSetting", "oAuthSettings": {"clientId": "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "clientSecret": "s3cr3tV4lu3abcdefghijk"}}});
        let fs = ap(v, ConnectorKind::IndependentPublisher);
        assert_eq!(only(&fs, "AP-NO-SECRETS").len(), 2, "{fs:#?}");
        let mut v = good();
        v["properties"]["connectionParameters"] = json!({"token": {"type": "oauthSetting", "oAuthSettings": {"clientId": "[[REPLACE_WITH_CLIENT_ID]]", "clientSecret": "dummy-secret-value"}}});
        assert!(only(&ap(v, ConnectorKind::IndependentPublisher), "AP-NO-SECRETS").is_empty());
    }

    #[test]
    fn missing_file_is_reported() {
        let f = connector(
            &[("apiDefinition.swagger.json", &text(&good_swagger()))],
            ConnectorKind::IndependentPublisher,
        );
        let fs = check(&f.connector, &CheckOptions::default());
        assert!(fs
            .iter()
            .any(|f| f.rule == "AP-SCHEMA" && f.message.contains("missing")));
    }
}
