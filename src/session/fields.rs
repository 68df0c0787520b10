//! The fields a person fills in, named once: the prerequisites and the proposal fields, each
//! with its identifier (used for the UI position and drafts), its label, how its text is read
//! from and written into a [`Session`], and what is wrong with a text before it is saved.

use super::model::{AuthKind, Session};

/// The three prerequisites of the seed article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prerequisite {
    Repository,
    Learning,
    Manifesto,
}

impl Prerequisite {
    pub const ALL: [Prerequisite; 3] = [
        Prerequisite::Repository,
        Prerequisite::Learning,
        Prerequisite::Manifesto,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Prerequisite::Repository => "prerequisites.repository",
            Prerequisite::Learning => "prerequisites.learning_content",
            Prerequisite::Manifesto => "prerequisites.manifesto",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Prerequisite::Repository => {
                "A GitHub account and a fork of microsoft/PowerPlatformConnectors"
            }
            Prerequisite::Learning => "Read the custom connector learning content",
            Prerequisite::Manifesto => "Read and agree to the Independent Publisher Manifesto",
        }
    }

    pub fn detail(self) -> &'static str {
        match self {
            Prerequisite::Repository => "Fork the repository and clone it: the Submit step exports into that checkout.",
            Prerequisite::Learning => "How to build, test and certify a custom connector; the rules this program checks come from there.",
            Prerequisite::Manifesto => "Community content under MIT, premium licence, community support; you agree to maintain the connector.",
        }
    }

    pub fn url(self) -> &'static str {
        match self {
            Prerequisite::Repository => "https://github.com/microsoft/PowerPlatformConnectors",
            Prerequisite::Learning => "https://learn.microsoft.com/en-us/connectors/custom-connectors/",
            Prerequisite::Manifesto => "https://github.com/microsoft/PowerPlatformConnectors/wiki/Independent-Publisher-Connector-Group-%22Manifesto%22",
        }
    }

    pub fn get(self, s: &Session) -> bool {
        match self {
            Prerequisite::Repository => s.prerequisites.repository,
            Prerequisite::Learning => s.prerequisites.learning_content,
            Prerequisite::Manifesto => s.prerequisites.manifesto,
        }
    }

    pub fn toggle(self, s: &mut Session) {
        let p = &mut s.prerequisites;
        let slot = match self {
            Prerequisite::Repository => &mut p.repository,
            Prerequisite::Learning => &mut p.learning_content,
            Prerequisite::Manifesto => &mut p.manifesto,
        };
        *slot = !*slot;
    }
}

/// The fields of the proposal (intro.md, later apiProperties.json and readme.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProposalField {
    Service,
    Operations,
    Auth,
    /// Where in the service's account the API key is created (API-key connectors).
    ApiKeyHelp,
    Collaborators,
    Contact,
    Website,
    Privacy,
    Publisher,
    StackOwner,
    Categories,
}

impl ProposalField {
    pub const ALL: [ProposalField; 11] = [
        ProposalField::Service,
        ProposalField::Operations,
        ProposalField::Auth,
        ProposalField::ApiKeyHelp,
        ProposalField::Collaborators,
        ProposalField::Contact,
        ProposalField::Website,
        ProposalField::Privacy,
        ProposalField::Publisher,
        ProposalField::StackOwner,
        ProposalField::Categories,
    ];

    pub fn id(self) -> &'static str {
        match self {
            ProposalField::Service => "proposal.service_description",
            ProposalField::Operations => "proposal.operations",
            ProposalField::Auth => "proposal.auth",
            ProposalField::ApiKeyHelp => "proposal.api_key_help",
            ProposalField::Collaborators => "proposal.collaborators_welcome",
            ProposalField::Contact => "proposal.contact_email",
            ProposalField::Website => "proposal.website_url",
            ProposalField::Privacy => "proposal.privacy_policy_url",
            ProposalField::Publisher => "proposal.publisher",
            ProposalField::StackOwner => "proposal.stack_owner",
            ProposalField::Categories => "proposal.categories",
        }
    }

    /// The field with that identifier.
    pub fn from_id(id: &str) -> Option<ProposalField> {
        ProposalField::ALL.iter().copied().find(|f| f.id() == id)
    }

    pub fn label(self) -> &'static str {
        match self {
            ProposalField::Service => "What the service is",
            ProposalField::Operations => "Planned operations",
            ProposalField::Auth => "Authentication",
            ProposalField::ApiKeyHelp => "Where the API key is",
            ProposalField::Collaborators => "Collaborators welcome",
            ProposalField::Contact => "Contact email",
            ProposalField::Website => "Website",
            ProposalField::Privacy => "Privacy policy",
            ProposalField::Publisher => "Publisher (you)",
            ProposalField::StackOwner => "Stack owner",
            ProposalField::Categories => "Categories",
        }
    }

    /// Whether the field holds several lines (one item per line).
    pub fn multiline(self) -> bool {
        matches!(
            self,
            ProposalField::Service | ProposalField::Operations | ProposalField::Categories
        )
    }

    /// Whether Space/Enter cycles it instead of editing text.
    pub fn is_choice(self) -> bool {
        matches!(self, ProposalField::Auth | ProposalField::Collaborators)
    }

    /// Whether the field applies to the session (the API key field only to API-key
    /// connectors).
    pub fn applies(self, s: &Session) -> bool {
        match self {
            ProposalField::ApiKeyHelp => {
                s.proposal.auth == AuthKind::ApiKey || !s.proposal.api_key_help.is_empty()
            }
            _ => true,
        }
    }

    /// The text of the field in a session.
    pub fn get(self, s: &Session) -> String {
        let p = &s.proposal;
        match self {
            ProposalField::Service => p.service_description.clone(),
            ProposalField::Operations => p.operations.join("\n"),
            ProposalField::Auth => p.auth.label().to_string(),
            ProposalField::ApiKeyHelp => p.api_key_help.clone(),
            ProposalField::Collaborators => {
                if p.collaborators_welcome { "yes" } else { "no" }.to_string()
            }
            ProposalField::Contact => p.contact_email.clone(),
            ProposalField::Website => p.website_url.clone(),
            ProposalField::Privacy => p.privacy_policy_url.clone(),
            ProposalField::Publisher => p.publisher.clone(),
            ProposalField::StackOwner => p.stack_owner.clone(),
            ProposalField::Categories => p.categories.join("\n"),
        }
    }

    /// Stores edited text into a session. Categories are stored with the documented
    /// spelling when they match one case-insensitively.
    pub fn set(self, s: &mut Session, text: &str) {
        let lines = || -> Vec<String> {
            text.lines()
                .map(|l| l.trim().trim_start_matches(['-', '*']).trim().to_string())
                .filter(|l| !l.is_empty())
                .collect()
        };
        let p = &mut s.proposal;
        match self {
            ProposalField::Service => p.service_description = text.trim().to_string(),
            ProposalField::Operations => p.operations = lines(),
            ProposalField::ApiKeyHelp => p.api_key_help = one_line(text),
            ProposalField::Contact => p.contact_email = text.trim().to_string(),
            ProposalField::Website => p.website_url = text.trim().to_string(),
            ProposalField::Privacy => p.privacy_policy_url = text.trim().to_string(),
            ProposalField::Publisher => p.publisher = text.trim().to_string(),
            ProposalField::StackOwner => p.stack_owner = text.trim().to_string(),
            ProposalField::Categories => {
                p.categories = split_categories(text)
                    .into_iter()
                    .map(|c| canonical_category(&c).unwrap_or(c))
                    .collect()
            }
            ProposalField::Auth | ProposalField::Collaborators => {}
        }
    }

    /// What is wrong with a text for this field; `None` when it can be saved. The same
    /// check runs while typing and at save, so what is shown is what is enforced.
    pub fn problem(self, text: &str) -> Option<String> {
        let t = text.trim();
        if t.is_empty() {
            return None;
        }
        match self {
            ProposalField::Contact => email_problem(t),
            ProposalField::Website | ProposalField::Privacy => url_problem(t),
            ProposalField::Categories => categories_problem(text),
            _ => None,
        }
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "bob" or "bob@" are not addresses: a local part, an `@`, a domain with a dot and no spaces.
fn email_problem(t: &str) -> Option<String> {
    let bad = || {
        Some(format!(
            "\"{t}\" is not an e-mail address (name@example.com)"
        ))
    };
    if t.chars().any(char::is_whitespace) {
        return bad();
    }
    let Some((local, domain)) = t.split_once('@') else {
        return bad();
    };
    let labels: Vec<&str> = domain.split('.').collect();
    if local.is_empty()
        || domain.contains('@')
        || labels.len() < 2
        || labels.iter().any(|l| l.is_empty())
    {
        return bad();
    }
    None
}

/// A full `https://host.tld/…` address: "acme.example" alone is refused.
fn url_problem(t: &str) -> Option<String> {
    let rest = t
        .strip_prefix("https://")
        .or_else(|| t.strip_prefix("http://"));
    let Some(rest) = rest else {
        return Some(format!(
            "write the full address, starting with https:// (https://{t})"
        ));
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or(host);
    let host = host.split(':').next().unwrap_or(host);
    if host.is_empty()
        || !host.contains('.')
        || host.starts_with('.')
        || host.ends_with('.')
        || t.chars().any(char::is_whitespace)
    {
        return Some(format!("\"{t}\" has no valid host name"));
    }
    None
}

fn split_categories(text: &str) -> Vec<String> {
    text.split(['\n', ';', ','])
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .collect()
}

/// The documented spelling of a category, matched case-insensitively.
pub fn canonical_category(c: &str) -> Option<String> {
    crate::rules::metadata::CATEGORIES
        .iter()
        .find(|k| k.eq_ignore_ascii_case(c.trim()))
        .map(|k| k.to_string())
}

/// One or two categories of the documented list (METADATA-CATEGORIES).
fn categories_problem(text: &str) -> Option<String> {
    let items = split_categories(text);
    let unknown: Vec<&String> = items
        .iter()
        .filter(|c| canonical_category(c).is_none())
        .collect();
    if let Some(u) = unknown.first() {
        return Some(format!(
            "\"{u}\" is not a documented category; choose from: {}",
            crate::rules::metadata::CATEGORIES.join(", ")
        ));
    }
    if items.len() > 2 {
        return Some(format!(
            "{} categories: a connector has one or two",
            items.len()
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_proposal_text_is_named() {
        use ProposalField::*;
        assert!(Contact.problem("bob").is_some());
        assert!(Contact.problem("bob@example").is_some());
        assert!(Contact.problem("bob @example.com").is_some());
        assert_eq!(Contact.problem("bob@example.com"), None);
        assert!(Website.problem("acme.example").is_some());
        assert!(Website.problem("https://localhost").is_some());
        assert_eq!(Website.problem("https://acme.example/about"), None);
        assert!(Categories
            .problem("productivity\nfun")
            .unwrap()
            .contains("\"fun\""));
        assert!(Categories.problem("AI;Data;Finance").is_some());
        assert_eq!(Categories.problem("productivity, it operations"), None);
        // Empty means "not given yet", not wrong.
        assert_eq!(Contact.problem("  "), None);
    }

    #[test]
    fn categories_are_stored_with_their_documented_spelling() {
        let mut s = Session::new("Acme", super::super::ConnectorKind::IndependentPublisher);
        ProposalField::Categories.set(&mut s, "productivity\nit operations");
        assert_eq!(s.proposal.categories, ["Productivity", "IT Operations"]);
        assert_eq!(
            ProposalField::from_id("proposal.categories"),
            Some(ProposalField::Categories)
        );
    }
}
