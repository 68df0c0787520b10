//! Security requirements (`SECURITY-DEFS`; reference §2.6): every requirement, of the
//! document or of an operation, names a definition, and OAuth scopes are defined.

use super::{RuleId, Sink};
use crate::document::OpenApi;
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

#[cfg(test)]
mod tests {
    use crate::rules::testutil::*;
    use serde_json::json;

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
}
