//! The session's side of the GitHub URLs ([`crate::links`] builds them): the branch name of
//! its pull request and the compare page for it.

use crate::links::CompareUrl;
use crate::session::Session;

/// The branch name used when none is given: the connector name in lower case, words joined
/// by `-` (e.g. "HubSpot CRM" → "hubspot-crm"), letters and digits only.
pub fn default_branch(session: &Session) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in super::connector_name(session).chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    }
    if out.is_empty() {
        "connector".to_string()
    } else {
        out
    }
}

/// The URL of GitHub's "open a pull request" page from `owner`'s fork, branch `branch`
/// (default [`default_branch`]), with the title and body filled in (see
/// [`crate::links::compare_url`]).
pub fn compare_url(
    session: &Session,
    title: &str,
    body: &str,
    owner: &str,
    branch: Option<&str>,
) -> CompareUrl {
    let branch = branch
        .map(str::to_string)
        .unwrap_or_else(|| default_branch(session));
    crate::links::compare_url(owner, &branch, title, body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::ConnectorKind;

    #[test]
    fn compare_url_uses_the_default_branch() {
        let s = Session::new("HubSpot CRM", ConnectorKind::IndependentPublisher);
        let u = compare_url(&s, "T", "", "ada", None);
        assert!(u.url.contains("dev...ada:hubspot-crm?"), "{}", u.url);
        let u = compare_url(&s, "T", "", "ada", Some("feature/x"));
        assert!(u.url.contains("dev...ada:feature/x?"), "{}", u.url);
    }

    #[test]
    fn default_branch_keeps_letters_and_digits() {
        let s = Session::new(
            "  Brønnøy Data (Independent Publisher) ",
            ConnectorKind::Certified,
        );
        assert_eq!(default_branch(&s), "brønnøy-data");
    }
}
