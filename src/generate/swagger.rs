//! What the generators need from a swagger: the operations (through the [`OpenApi`] view, path
//! by path) and the security definitions. Reads the span-aware tree and never fails: missing
//! or odd values are left out.

use crate::document::openapi::{OpenApi, Operation as ViewOp};
use crate::json::Node;

/// One operation of the swagger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operation {
    pub method: String,
    pub path: String,
    pub operation_id: Option<String>,
    pub summary: Option<String>,
    pub description: Option<String>,
    /// `x-ms-trigger` is set.
    pub is_trigger: bool,
    /// `x-ms-visibility` is `internal`: hidden from people, left out of the readme.
    pub is_internal: bool,
    /// Has a 200 or 201 response (one that returns a body).
    pub returns_body: bool,
    /// Has a 200 or 201 response with a non-empty schema.
    pub has_response_schema: bool,
    /// Uses `x-ms-dynamic-schema`/`x-ms-dynamic-properties` somewhere in a response.
    pub has_dynamic_response: bool,
    /// Names of parameters without a description.
    pub params_without_description: Vec<String>,
}

impl Operation {
    /// An action that returns a body without describing it (PRT-4, RESPONSE-SCHEMA): not a
    /// trigger, a 200/201 response, no schema and nothing dynamic.
    pub fn lacks_response_schema(&self) -> bool {
        !self.is_trigger
            && self.returns_body
            && !self.has_response_schema
            && !self.has_dynamic_response
    }

    /// The heading a person sees: the summary, else the operationId, else "METHOD path".
    pub fn display_name(&self) -> String {
        non_empty(self.summary.as_deref())
            .or(non_empty(self.operation_id.as_deref()))
            .map(str::to_string)
            .unwrap_or_else(|| format!("{} {}", self.method.to_ascii_uppercase(), self.path))
    }
}

/// One entry of `securityDefinitions`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityDef {
    /// The key under `securityDefinitions`.
    pub key: String,
    pub scheme: Scheme,
}

/// The kind of a security definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scheme {
    ApiKey {
        /// The header (or query parameter) name.
        name: String,
        /// `header` or `query`.
        location: String,
    },
    Basic,
    OAuth2 {
        flow: String,
        authorization_url: Option<String>,
        token_url: Option<String>,
        scopes: Vec<String>,
    },
    /// A type this build does not know.
    Other(String),
}

/// The facts of a swagger that the generators use.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SwaggerFacts {
    pub title: Option<String>,
    pub description: Option<String>,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub website: Option<String>,
    pub privacy_policy: Option<String>,
    pub operations: Vec<Operation>,
    pub security: Vec<SecurityDef>,
}

impl SwaggerFacts {
    /// Reads the facts from a parsed swagger.
    pub fn from_root(root: &Node) -> SwaggerFacts {
        let s = |n: Option<&Node>| {
            n.and_then(Node::as_str)
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
        };
        let mut facts = SwaggerFacts {
            title: s(root.pointer("/info/title")),
            description: s(root.pointer("/info/description")),
            contact_name: s(root.pointer("/info/contact/name")),
            contact_email: s(root.pointer("/info/contact/email")),
            ..SwaggerFacts::default()
        };
        if let Some(items) = root.get("x-ms-connector-metadata").and_then(Node::as_array) {
            for item in items {
                let name = item
                    .get("propertyName")
                    .and_then(Node::as_str)
                    .unwrap_or("");
                let value = s(item.get("propertyValue"));
                match name.trim().to_ascii_lowercase().as_str() {
                    "website" => facts.website = value,
                    "privacy policy" => facts.privacy_policy = value,
                    _ => {}
                }
            }
        }
        let api = OpenApi::new(root);
        facts
            .operations
            .extend(api.operations().map(|op| operation(&api, op)));
        if let Some(defs) = root.get("securityDefinitions") {
            for (key, def) in defs.entries() {
                facts.security.push(SecurityDef {
                    key: key.to_string(),
                    scheme: scheme(def),
                });
            }
        }
        facts
    }

    /// Operations shown to people (not `internal`).
    pub fn visible_operations(&self) -> impl Iterator<Item = &Operation> {
        self.operations.iter().filter(|o| !o.is_internal)
    }

    /// Whether any security definition is OAuth 2.0.
    pub fn has_oauth2(&self) -> bool {
        self.security
            .iter()
            .any(|d| matches!(d.scheme, Scheme::OAuth2 { .. }))
    }
}

fn non_empty(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|t| !t.is_empty())
}

fn text(n: Option<&Node>) -> Option<String> {
    non_empty(n.and_then(Node::as_str)).map(str::to_string)
}

fn operation<'a>(api: &OpenApi<'a>, view: ViewOp<'a>) -> Operation {
    let op = view.node;
    // The 200 and 201 responses, through a `$ref` when there is one.
    let success: Vec<_> = view
        .responses(api)
        .into_iter()
        .filter(|r| r.code == "200" || r.code == "201")
        .collect();
    let returns_body = !success.is_empty();
    let has_response_schema = success.iter().any(|r| {
        r.node()
            .and_then(|resp| resp.get("schema"))
            .is_some_and(|schema| schema.as_object().is_some_and(|m| !m.is_empty()))
    });
    let responses = op.get("responses");
    let has_dynamic_response = responses.is_some_and(|r| contains_key(r, "x-ms-dynamic-schema"))
        || responses.is_some_and(|r| contains_key(r, "x-ms-dynamic-properties"));
    // Shared parameters (`$ref`) are described where they are defined.
    let params_without_description = view
        .own_parameters(api)
        .into_iter()
        .filter(|p| p.via.is_none() && text(p.node.get("description")).is_none())
        .map(|p| {
            if p.name.is_empty() {
                "(unnamed)".to_string()
            } else {
                p.name.to_string()
            }
        })
        .collect();
    Operation {
        method: view.method.to_string(),
        path: view.path.to_string(),
        operation_id: text(op.get("operationId")),
        summary: text(op.get("summary")),
        description: text(op.get("description")),
        is_trigger: op.get("x-ms-trigger").is_some(),
        is_internal: op
            .get("x-ms-visibility")
            .and_then(Node::as_str)
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("internal")),
        returns_body,
        has_response_schema,
        has_dynamic_response,
        params_without_description,
    }
}

fn contains_key(node: &Node, key: &str) -> bool {
    match &node.value {
        crate::json::Value::Object(members) => members
            .iter()
            .any(|m| m.key == key || contains_key(&m.value, key)),
        crate::json::Value::Array(items) => items.iter().any(|i| contains_key(i, key)),
        _ => false,
    }
}

fn scheme(def: &Node) -> Scheme {
    let kind = def.get("type").and_then(Node::as_str).unwrap_or("").trim();
    match kind.to_ascii_lowercase().as_str() {
        "apikey" => Scheme::ApiKey {
            name: text(def.get("name")).unwrap_or_else(|| "api_key".to_string()),
            location: text(def.get("in")).unwrap_or_else(|| "header".to_string()),
        },
        "basic" => Scheme::Basic,
        "oauth2" => Scheme::OAuth2 {
            flow: text(def.get("flow")).unwrap_or_else(|| "accessCode".to_string()),
            authorization_url: text(def.get("authorizationUrl")),
            token_url: text(def.get("tokenUrl")),
            scopes: def
                .get("scopes")
                .map(|s| s.entries().map(|(k, _)| k.to_string()).collect())
                .unwrap_or_default(),
        },
        other => Scheme::Other(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_operations_in_file_order_and_security() {
        let text = r##"{
          "info": {"title": " Contoso ", "contact": {"email": "a@b.example"}},
          "x-ms-connector-metadata": [{"propertyName": "Website", "propertyValue": "https://c.example"}],
          "paths": {
            "/b": {"parameters": [], "post": {"summary": "Create item", "operationId": "Create",
                    "parameters": [{"name": "body", "in": "body"}, {"$ref": "#/parameters/x"}],
                    "responses": {"201": {"description": "ok", "schema": {"type": "object"}}}}},
            "/a": {"get": {"operationId": "Hidden", "x-ms-visibility": "Internal",
                    "responses": {"200": {"description": "ok", "schema": {}}}},
                   "x-ms-notification-content": {},
                   "delete": {"summary": "When a thing", "x-ms-trigger": "single", "responses": {}}}
          },
          "securityDefinitions": {
            "k": {"type": "apiKey", "in": "header", "name": "X-Key"},
            "o": {"type": "oauth2", "flow": "accessCode", "authorizationUrl": "https://x/a",
                  "scopes": {"read": "Read", "write": "Write"}}
          }
        }"##;
        let facts = SwaggerFacts::from_root(&crate::json::parse(text).unwrap());
        assert_eq!(facts.title.as_deref(), Some("Contoso"));
        assert_eq!(facts.website.as_deref(), Some("https://c.example"));
        let names: Vec<_> = facts.operations.iter().map(|o| o.display_name()).collect();
        assert_eq!(names, ["Create item", "Hidden", "When a thing"]);
        assert!(facts.operations[0].has_response_schema);
        assert_eq!(facts.operations[0].params_without_description, ["body"]);
        assert!(!facts.operations[1].has_response_schema, "empty schema");
        assert!(facts.operations[1].lacks_response_schema());
        assert!(!facts.operations[0].lacks_response_schema());
        assert!(!facts.operations[2].lacks_response_schema(), "a trigger");
        assert!(facts.operations[1].is_internal);
        assert!(facts.operations[2].is_trigger);
        assert_eq!(facts.visible_operations().count(), 2);
        assert!(facts.has_oauth2());
        assert_eq!(
            facts.security[0].scheme,
            Scheme::ApiKey {
                name: "X-Key".into(),
                location: "header".into()
            }
        );
        match &facts.security[1].scheme {
            Scheme::OAuth2 {
                scopes, token_url, ..
            } => {
                assert_eq!(scopes, &["read", "write"]);
                assert_eq!(token_url, &None);
            }
            other => panic!("{other:?}"),
        }
    }
}
