//! The members of `paths` (`PATH-ITEM-EMPTY`, `PATH-EQUIVALENT`): a path item holds an
//! operation, and no two paths are the same route (the validator's PathRedefined and
//! DuplicateOperationPath: `/tasks/{id}` and `/tasks/{taskId}`, or `/Tasks` and `/tasks`).

use super::{RuleId, Severity, Sink};
use crate::document::openapi::{distinct_of, Map, HTTP_METHODS};
use crate::document::OpenApi;
use crate::json::pointer;
use std::borrow::Cow;

/// The route a path template stands for: lower case, every `{name}` as `{}` (the path
/// itself when it is already that).
fn route(path: &str) -> Cow<'_, str> {
    if !path.bytes().any(|b| b == b'{' || b.is_ascii_uppercase()) && path.is_ascii() {
        return Cow::Borrowed(path);
    }
    let mut out = String::with_capacity(path.len());
    let mut in_param = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_param = true;
                out.push('{');
            }
            '}' if in_param => {
                in_param = false;
                out.push('}');
            }
            _ if in_param => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    Cow::Owned(out)
}

/// Runs the rules of `paths`.
pub(super) fn check(api: &OpenApi, sink: &mut Sink) {
    let Some(paths) = api.paths().filter(|p| p.is_object()) else {
        return;
    };
    let mut seen: Map<Cow<str>, &str> = Map::default();
    for m in distinct_of(paths).filter(|m| !m.key.starts_with("x-")) {
        let ptr = || pointer::join("/paths", &m.key);
        match m.value.as_object() {
            None => sink.at_sev(
                RuleId::PathItemEmpty,
                Severity::Error,
                m.key_span.start,
                &ptr(),
                format!(
                    "the path item \"{}\" is a {}, not an object of operations",
                    m.key,
                    m.value.type_name()
                ),
                "Give the path its operations ({\"get\": {…}}), or remove it.".into(),
                None,
            ),
            Some(members)
                if !members
                    .iter()
                    .any(|o| HTTP_METHODS.contains(&o.key.as_str()) && o.value.is_object()) =>
            {
                sink.at(
                    RuleId::PathItemEmpty,
                    m.key_span.start,
                    &ptr(),
                    format!("the path \"{}\" has no operation", m.key),
                    "Add its operations (get, post, …), or remove the path.",
                )
            }
            Some(_) => {}
        }
        let r = route(&m.key);
        match seen.get(&r) {
            Some(first) => sink.at(
                RuleId::PathEquivalent,
                m.key_span.start,
                &ptr(),
                format!(
                    "the path \"{}\" is the same route as \"{first}\" (only the case or the names of its parameters differ)",
                    m.key
                ),
                "Put the operations of both under one path, with the same parameter names.",
            ),
            None => {
                seen.insert(r, &m.key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::route;
    use crate::rules::testutil::*;
    use serde_json::json;

    #[test]
    fn routes() {
        assert_eq!(route("/Tasks/{taskId}/Notes"), "/tasks/{}/notes");
        assert_eq!(route("/a/{x}"), route("/a/{y}"));
        assert!(matches!(
            route("/tasks/list"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_ne!(route("/a/{x}"), route("/a/{x}/b"));
    }

    #[test]
    fn empty_and_equivalent_paths() {
        let fs = with(|v| {
            v["paths"]["/projects"] = json!({});
            v["paths"]["/notes"] = json!({"parameters": []});
            v["paths"]["/Tasks/{id}"] = json!({"delete": {"summary": "Delete task",
                "description": "Deletes a task.", "operationId": "DeleteTask", "x-ms-visibility": "advanced",
                "parameters": [{"name": "id", "in": "path", "required": true, "type": "string",
                    "x-ms-summary": "Task ID", "description": "The task.", "x-ms-url-encoding": "single"}],
                "responses": {"204": {"description": "Deleted."}}}});
        });
        let e = only(&fs, "PATH-ITEM-EMPTY");
        assert_eq!(e.len(), 2, "{fs:#?}");
        assert_eq!(e[0].pointer, "/paths/~1projects");
        assert_eq!(e[1].pointer, "/paths/~1notes");
        let q = only(&fs, "PATH-EQUIVALENT");
        assert_eq!(q.len(), 1, "{fs:#?}");
        assert_eq!(q[0].pointer, "/paths/~1Tasks~1{id}");
        assert!(
            q[0].message.contains("same route as \"/tasks/{taskId}\""),
            "{}",
            q[0].message
        );
    }
}
