//! `info.contact`: who answers for the connector (`CONTACT-*`; reference §2.6), and the
//! e-mail and URL checks other families share.

use super::{RuleId, Severity, Sink};
use crate::json::Node;

/// A plausible ASCII e-mail address.
pub(crate) fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    s.is_ascii()
        && !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.contains(char::is_whitespace)
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c))
        && domain
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
}

/// A plausible absolute http(s) URL.
pub(crate) fn is_url(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or("");
        !host.is_empty() && host.contains('.') || host.starts_with("localhost")
    }) && !s.contains(char::is_whitespace)
}

/// The rules of `info.contact`.
pub(super) fn check(root: &Node, sink: &mut Sink) {
    let info = root.get("info");
    let Some(contact) = info.and_then(|i| i.get("contact")) else {
        let at = info.unwrap_or(root);
        sink.node(
            RuleId::ContactPresent,
            at,
            if info.is_some() { "/info" } else { "" },
            "info.contact is missing".into(),
            "Add \"contact\": {\"name\", \"url\", \"email\"} to info: reviewers ask for it.",
        );
        return;
    };
    let lacks = |k: &str| {
        contact
            .get(k)
            .and_then(Node::as_str)
            .is_none_or(|s| s.trim().is_empty())
    };
    // Reviewers ask for a name and an e-mail address; a contact without a url is common in
    // recent merges, so its absence is only a warning.
    let missing: Vec<&str> = ["name", "email"].into_iter().filter(|k| lacks(k)).collect();
    if !missing.is_empty() {
        sink.node(
            RuleId::ContactPresent,
            contact,
            "/info/contact",
            format!("info.contact lacks {}", missing.join(" and ")),
            "Give the contact a name and an e-mail address people can write to (and a URL).",
        );
    } else if lacks("url") {
        sink.at_sev(
            RuleId::ContactPresent,
            Severity::Warning,
            contact.span.start,
            "/info/contact",
            "info.contact has no url".into(),
            "Add \"url\": a page of yours (or the service's support page) where people can reach you.".into(),
            None,
        );
    }
    if let Some(e) = contact
        .get("email")
        .filter(|e| e.as_str().is_some_and(|s| !s.is_empty()))
    {
        let s = e.as_str().unwrap();
        if !is_email(s) {
            sink.node(
                RuleId::ContactEmail,
                e,
                "/info/contact/email",
                format!("\"{s}\" is not a valid ASCII e-mail address"),
                "Use an address like name@example.com.",
            );
        }
    }
    if let Some(u) = contact
        .get("url")
        .filter(|u| u.as_str().is_some_and(|s| !s.is_empty()))
    {
        let s = u.as_str().unwrap();
        if !is_url(s) {
            sink.node(
                RuleId::ContactUrl,
                u,
                "/info/contact/url",
                format!("\"{s}\" is not an absolute URL"),
                "Use a full URL such as https://example.com/support.",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testutil::*;
    use serde_json::json;

    #[test]
    fn contact_rules() {
        assert_eq!(
            ids(&with(|v| {
                v["info"].as_object_mut().unwrap().remove("contact");
            })),
            vec!["CONTACT-PRESENT"]
        );
        assert_eq!(
            ids(&with(
                |v| v["info"]["contact"]["email"] = json!("ada at example")
            )),
            vec!["CONTACT-EMAIL"]
        );
        assert_eq!(
            ids(&with(|v| v["info"]["contact"]["url"] = json!("example.com"))),
            vec!["CONTACT-URL"]
        );
        let fs = with(|v| {
            v["info"]["contact"].as_object_mut().unwrap().remove("name");
        });
        assert_eq!(ids(&fs), vec!["CONTACT-PRESENT"]);
        assert_eq!(fs[0].severity, crate::rules::Severity::Error);
        // Without a url: a warning (recent merges often have none).
        let fs = with(|v| {
            v["info"]["contact"].as_object_mut().unwrap().remove("url");
        });
        assert_eq!(ids(&fs), vec!["CONTACT-PRESENT"]);
        assert_eq!(fs[0].severity, crate::rules::Severity::Warning);
        assert_eq!(fs[0].message, "info.contact has no url");
    }
}
