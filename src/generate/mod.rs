//! Generated artefacts: pure functions from a [`Session`] (and, when there is one, the
//! connector's files) to text. Nothing here touches the terminal or writes files.
//!
//! - titles: [`proposal_pr_title`], [`pr_title`],
//! - documents: [`intro_md`] (reference §3.4), [`readme_md`] (§2.7 README-SECTIONS),
//!   [`api_properties_json`] (§2.7 AP-*),
//! - the pull request: [`pr_body`] (the §3.2 checklist), [`compare_url`], [`pr_search_url`].
//!
//! - a connector started blank: [`blank::blank_connector`]; operations and parameters added,
//!   changed, copied and deleted: [`operation`]; a response schema from a sample:
//!   [`schema::schema_from_sample`] and the edit that puts it in a swagger.
//!
//! What the session does not say yet is written as a visible `[TODO: …]` marker, never
//! invented; [`todos`] lists the markers of a text so front ends can point at them.

pub mod blank;
mod markdown;
pub mod operation;
mod pr;
mod properties;
pub mod schema;
mod stale;
pub mod swagger;
mod url;

pub use crate::links::{pr_search_url, CompareUrl, MAX_URL_LEN, REPOSITORY as UPSTREAM_REPO};
pub use markdown::{intro_md, readme_md};
pub use pr::{checklist, pr_body, ChecklistItem, Tick};
pub use properties::{api_properties_json, DUMMY_CLIENT_ID};
pub use stale::{fingerprint, stale_files, Stale, GENERATED};
pub use url::{compare_url, default_branch};

use crate::document::Connector;
use crate::session::{AuthKind, ConnectorKind, Session};
use swagger::{Scheme, SecurityDef, SwaggerFacts};

/// The suffix of independent-publisher PR titles.
pub const IP_SUFFIX: &str = "(Independent Publisher)";

/// The brand colour every independent-publisher connector uses (IP-BRAND-COLOR).
pub const IP_BRAND_COLOR: &str = "#da3b01";

/// The two redirect URLs an OAuth app must allow (OAUTH-REDIRECT).
pub const REDIRECT_URLS: [&str; 2] = [
    "https://global.consent.azure-apim.net/redirect",
    "https://global-test.consent.azure-apim.net/redirect",
];

const TODO_OPEN: &str = "[TODO: ";

/// A visible marker for something the author still has to write.
pub(crate) fn todo(what: &str) -> String {
    format!("{TODO_OPEN}{what}]")
}

/// The whole (trimmed) text is one `[TODO: …]` marker and nothing else.
pub fn is_marker(text: &str) -> bool {
    let t = text.trim();
    t.strip_prefix(TODO_OPEN)
        .and_then(|rest| rest.strip_suffix(']'))
        .is_some_and(|inner| !inner.contains(']'))
}

/// The `[TODO: …]` markers of a generated text, in order (their inner text).
pub fn todos(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(TODO_OPEN) {
        let after = &rest[i + TODO_OPEN.len()..];
        match after.find(']') {
            Some(j) => {
                out.push(after[..j].to_string());
                rest = &after[j + 1..];
            }
            None => break,
        }
    }
    out
}

/// The connector's name for titles and folders: the session name without a trailing
/// "(Independent Publisher)" and without surrounding spaces.
pub fn connector_name(session: &Session) -> String {
    let name = session.name.trim();
    let name = name
        .strip_suffix(IP_SUFFIX)
        .map(str::trim_end)
        .unwrap_or(name);
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The proposal PR title: `Proposal - <Name> (Independent Publisher)` (PROPOSAL-TITLE).
pub fn proposal_pr_title(session: &Session) -> String {
    format!("Proposal - {} {IP_SUFFIX}", connector_name(session))
}

/// The final PR title. Independent publisher: `<Name> (Independent Publisher)` for a new
/// connector (PR-TITLE), `<Name> (Independent Publisher) - update` for an update. Certified:
/// `<Name>` or `<Name> - update`.
pub fn pr_title(session: &Session) -> String {
    let name = connector_name(session);
    let base = match session.kind {
        ConnectorKind::IndependentPublisher => format!("{name} {IP_SUFFIX}"),
        ConnectorKind::Certified => name,
    };
    if session.is_update {
        format!("{base} - update")
    } else {
        base
    }
}

/// Everything the generators know, merged from the session and the connector files: the
/// session wins, the files fill the gaps.
pub(crate) struct Facts<'a> {
    pub session: &'a Session,
    pub swagger: Option<SwaggerFacts>,
    /// The connector's apiProperties.json `properties` object, when readable.
    pub api_properties: Option<serde_json::Value>,
    /// The connector's own readme text, when it has one.
    pub readme: Option<&'a str>,
    /// The names of the connector folder's entries.
    pub entries: &'a [String],
}

impl<'a> Facts<'a> {
    pub fn new(session: &'a Session, connector: Option<&'a Connector>) -> Facts<'a> {
        let swagger = connector
            .and_then(Connector::swagger_json)
            .map(SwaggerFacts::from_root);
        let api_properties = connector
            .and_then(Connector::api_properties_json)
            .and_then(|n| n.get("properties"))
            .map(crate::json::Node::to_serde);
        Facts {
            session,
            swagger,
            api_properties,
            readme: connector
                .and_then(|c| c.readme.as_ref())
                .map(|f| f.text.as_str()),
            entries: connector.map(|c| c.entries.as_slice()).unwrap_or(&[]),
        }
    }

    fn swagger_str(&self, f: impl Fn(&SwaggerFacts) -> Option<&String>) -> Option<String> {
        self.swagger.as_ref().and_then(f).cloned()
    }

    fn ap_str(&self, key: &str) -> Option<String> {
        self.api_properties
            .as_ref()
            .and_then(|p| p.get(key))
            .and_then(|v| v.as_str())
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    }

    pub fn name(&self) -> String {
        connector_name(self.session)
    }

    /// The connector title: the swagger's info.title, else the session name.
    pub fn title(&self) -> String {
        self.swagger_str(|s| s.title.as_ref())
            .unwrap_or_else(|| self.name())
    }

    pub fn description(&self) -> Option<String> {
        given(&self.session.proposal.service_description)
            .or_else(|| self.swagger_str(|s| s.description.as_ref()))
    }

    pub fn publisher(&self) -> Option<String> {
        given(&self.session.proposal.publisher)
            .or_else(|| self.ap_str("publisher"))
            .or_else(|| self.swagger_str(|s| s.contact_name.as_ref()))
    }

    pub fn stack_owner(&self) -> Option<String> {
        given(&self.session.proposal.stack_owner).or_else(|| self.ap_str("stackOwner"))
    }

    pub fn contact_email(&self) -> Option<String> {
        given(&self.session.proposal.contact_email)
            .or_else(|| self.swagger_str(|s| s.contact_email.as_ref()))
    }

    pub fn website(&self) -> Option<String> {
        given(&self.session.proposal.website_url)
            .or_else(|| self.swagger_str(|s| s.website.as_ref()))
    }

    /// Who runs the service, for sentences: the stack owner, else the title.
    pub fn service_owner(&self) -> String {
        self.stack_owner().unwrap_or_else(|| self.title())
    }

    /// The security schemes: the swagger's, else one made from the session's auth kind.
    pub fn schemes(&self) -> Vec<SecurityDef> {
        let from_swagger = self
            .swagger
            .as_ref()
            .map(|s| s.security.clone())
            .unwrap_or_default();
        if !from_swagger.is_empty() {
            return from_swagger;
        }
        let scheme = match self.session.proposal.auth {
            AuthKind::None => return Vec::new(),
            AuthKind::ApiKey => Scheme::ApiKey {
                name: "API Key".into(),
                location: "header".into(),
            },
            AuthKind::Basic => Scheme::Basic,
            AuthKind::OAuth2 => Scheme::OAuth2 {
                flow: "accessCode".into(),
                authorization_url: None,
                token_url: None,
                scopes: Vec::new(),
            },
        };
        vec![SecurityDef {
            key: self.session.proposal.auth.id().replace('-', "_"),
            scheme,
        }]
    }

    /// OAuth 2.0 is used: by the swagger or by the session's auth kind.
    pub fn uses_oauth(&self) -> bool {
        self.session.proposal.auth == AuthKind::OAuth2
            || self.swagger.as_ref().is_some_and(SwaggerFacts::has_oauth2)
            || self
                .schemes()
                .iter()
                .any(|d| matches!(d.scheme, Scheme::OAuth2 { .. }))
    }

    /// The operations to list: visible swagger operations (summary, description), else the
    /// session's planned operations (no description).
    pub fn operation_list(&self) -> Vec<(String, Option<String>)> {
        if let Some(sw) = &self.swagger {
            if !sw.operations.is_empty() {
                return sw
                    .visible_operations()
                    .map(|o| (o.display_name(), o.description.clone()))
                    .collect();
            }
        }
        self.session
            .proposal
            .operations
            .iter()
            .map(|o| o.trim())
            .filter(|o| !o.is_empty())
            .map(|o| (o.to_string(), None))
            .collect()
    }
}

/// File extensions of images: an independent publisher never submits one (IP-NO-ICON).
pub const IMAGE_EXTENSIONS: [&str; 9] = [
    "png", "jpg", "jpeg", "gif", "svg", "ico", "bmp", "webp", "tiff",
];

/// Whether a file name is an image (an icon), by its extension, in any case.
pub fn is_image_name(name: &str) -> bool {
    std::path::Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| IMAGE_EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// A trimmed, non-empty session value.
fn given(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Text on one line: line breaks and runs of spaces become one space.
pub(crate) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{check_field, Field, FieldContext};

    #[test]
    fn a_marker_is_the_whole_value() {
        assert!(is_marker("[TODO: e-mail]"));
        assert!(is_marker("  [TODO: describe the service] "));
        assert!(!is_marker("Lists notes [TODO: more]"));
        assert!(!is_marker("[TODO: a] and [TODO: b]"));
        assert!(!is_marker("[TODO e-mail]"));
    }

    fn session(name: &str, update: bool) -> Session {
        let mut s = Session::new(name, ConnectorKind::IndependentPublisher);
        s.is_update = update;
        s
    }

    #[test]
    fn titles_pass_their_rules() {
        let new = session("  HubSpot   CRM ", false);
        assert_eq!(pr_title(&new), "HubSpot CRM (Independent Publisher)");
        assert_eq!(
            proposal_pr_title(&new),
            "Proposal - HubSpot CRM (Independent Publisher)"
        );
        assert!(check_field(Field::PrTitle, &pr_title(&new), &FieldContext::default()).is_empty());
        assert!(check_field(
            Field::ProposalTitle,
            &proposal_pr_title(&new),
            &FieldContext::default()
        )
        .is_empty());

        let upd = session("Mensagia (Independent Publisher)", true);
        let t = pr_title(&upd);
        assert_eq!(t, "Mensagia (Independent Publisher) - update");
        let ctx = FieldContext {
            is_update: true,
            ..FieldContext::default()
        };
        assert!(check_field(Field::PrTitle, &t, &ctx).is_empty());
        // The update form is not the strict new-connector form.
        assert!(!check_field(Field::PrTitle, &t, &FieldContext::default()).is_empty());
    }

    #[test]
    fn todo_markers_are_listed() {
        let t = format!("a {} b {} c [TODO: open", todo("one"), todo("two"));
        assert_eq!(todos(&t), ["one", "two"]);
        assert!(todos("nothing to do").is_empty());
    }
}
