//! Where the service is: `host`, `basePath` and `schemes` (`HOST-*`, `BASEPATH`, `SCHEMES`;
//! reference §2.6).

use super::{show, RuleId, Sink};
use crate::json::Node;

/// The rules of `host`, `basePath` and `schemes`.
pub(super) fn check(root: &Node, sink: &mut Sink) {
    host(root, sink);
    if let Some(bp) = root.get("basePath") {
        if !bp.as_str().is_some_and(|s| s.starts_with('/')) {
            sink.node(
                RuleId::Basepath,
                bp,
                "/basePath",
                format!("basePath {} does not start with '/'", show(bp)),
                "Start basePath with '/', e.g. \"/v1\".",
            );
        }
    }
    schemes(root, sink);
}

fn host(root: &Node, sink: &mut Sink) {
    let Some(h) = root.get("host") else {
        sink.node(
            RuleId::HostPresent,
            root,
            "",
            "the \"host\" key is missing".into(),
            "Add \"host\": the production host name of the service, e.g. \"api.contoso.com\".",
        );
        return;
    };
    let Some(s) = h.as_str() else {
        sink.node(
            RuleId::HostFormat,
            h,
            "/host",
            format!("host is a {}, not a string", h.type_name()),
            "Set host to a host name such as \"api.contoso.com\".",
        );
        return;
    };
    if s.is_empty() {
        sink.node(
            RuleId::HostPresent,
            h,
            "/host",
            "host is empty".into(),
            "Set host to the production host name of the service.",
        );
        return;
    }
    if !host_format_ok(s) {
        sink.node(RuleId::HostFormat, h, "/host", format!("host \"{s}\" is not a bare host name"), "Keep only the host (and port): no \"https://\", no path (put the path in basePath), no braces or spaces.");
    }
    let labels: Vec<String> = s
        .split([':'])
        .next()
        .unwrap_or("")
        .split(['.', '-'])
        .map(str::to_ascii_lowercase)
        .collect();
    if let Some(bad) = labels.iter().find(|l| {
        matches!(
            l.as_str(),
            "dev" | "test" | "staging" | "stage" | "sandbox" | "localhost" | "qa" | "uat"
        )
    }) {
        sink.node(
            RuleId::HostProd,
            h,
            "/host",
            format!("host \"{s}\" looks like a non-production host (\"{bad}\")"),
            "Use the production host; staging, test and sandbox hosts are not accepted.",
        );
    }
}

/// `^[^{}/ :\\]+(?::\d+)?$`
fn host_format_ok(s: &str) -> bool {
    let (name, port) = match s.rsplit_once(':') {
        Some((n, p)) => (n, Some(p)),
        None => (s, None),
    };
    !name.is_empty()
        && !name.contains(['{', '}', '/', ' ', ':', '\\'])
        && port.is_none_or(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

fn schemes(root: &Node, sink: &mut Sink) {
    match root.get("schemes") {
        None => sink.node(
            RuleId::Schemes,
            root,
            "",
            "the \"schemes\" list is missing".into(),
            "Add \"schemes\": [\"https\"].",
        ),
        Some(s) => match s.as_array() {
            Some([]) => sink.node(
                RuleId::Schemes,
                s,
                "/schemes",
                "the \"schemes\" list is empty".into(),
                "Use \"schemes\": [\"https\"].",
            ),
            Some(items) => {
                for (i, it) in items.iter().enumerate() {
                    if !matches!(it.as_str(), Some("http" | "https")) {
                        sink.node(
                            RuleId::Schemes,
                            it,
                            &format!("/schemes/{i}"),
                            format!("scheme {} is not supported", show(it)),
                            "Use only \"https\" (or \"http\").",
                        );
                    }
                }
            }
            None => sink.node(
                RuleId::Schemes,
                s,
                "/schemes",
                format!("\"schemes\" is a {}, not a list", s.type_name()),
                "Use \"schemes\": [\"https\"].",
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testutil::*;
    use serde_json::json;

    #[test]
    fn host_rules() {
        assert_eq!(
            ids(&with(|v| {
                v.as_object_mut().unwrap().remove("host");
            })),
            vec!["HOST-PRESENT"]
        );
        assert_eq!(
            ids(&with(|v| v["host"] = json!("https://api.contoso.com/v1"))),
            vec!["HOST-FORMAT"]
        );
        assert!(ids(&with(|v| v["host"] = json!("api.contoso.com:8443"))).is_empty());
        assert_eq!(
            ids(&with(|v| v["host"] = json!("staging.contoso.com"))),
            vec!["HOST-PROD"]
        );
        assert_eq!(
            ids(&with(|v| v["basePath"] = json!("v1"))),
            vec!["BASEPATH"]
        );
        assert_eq!(ids(&with(|v| v["schemes"] = json!([]))), vec!["SCHEMES"]);
        assert_eq!(
            ids(&with(|v| v["schemes"] = json!(["https", "wss"]))),
            vec!["SCHEMES"]
        );
        assert_eq!(
            ids(&with(|v| v["swagger"] = json!("3.0"))),
            vec!["SWAGGER-2.0"]
        );
    }
}
