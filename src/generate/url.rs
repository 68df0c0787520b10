//! GitHub URLs: the "compare" page that opens a pull request with its title and body filled
//! in, and the pull-request search for step 1.

use crate::session::Session;

/// The upstream repository.
pub const UPSTREAM_REPO: &str = "microsoft/PowerPlatformConnectors";

/// The branch pull requests go to (PR-BASE-DEV).
pub const UPSTREAM_BASE: &str = "dev";

/// GitHub refuses URLs much longer than about 8 kB; compare URLs stay under this.
pub const MAX_URL_LEN: usize = 8000;

/// A compare URL, and whether the body had to be left out to keep it short enough.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompareUrl {
    pub url: String,
    /// The body made the URL longer than [`MAX_URL_LEN`] and is not in it: paste it by hand.
    pub body_omitted: bool,
    /// The length the URL would have had with the body.
    pub full_len: usize,
}

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
/// (default [`default_branch`]) into `microsoft/PowerPlatformConnectors` `dev`, with the
/// title and body filled in. When the body would make the URL longer than [`MAX_URL_LEN`],
/// it is left out and [`CompareUrl::body_omitted`] says so.
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
    let base = format!(
        "https://github.com/{UPSTREAM_REPO}/compare/{UPSTREAM_BASE}...{}:{}?quick_pull=1&title={}",
        encode(owner.trim(), b""),
        encode(&branch, b"/"),
        percent_encode(title)
    );
    let full = format!("{base}&body={}", percent_encode(body));
    if body.is_empty() {
        let len = base.len();
        CompareUrl {
            url: base,
            body_omitted: false,
            full_len: len,
        }
    } else if full.len() <= MAX_URL_LEN {
        let len = full.len();
        CompareUrl {
            url: full,
            body_omitted: false,
            full_len: len,
        }
    } else {
        CompareUrl {
            url: base,
            body_omitted: true,
            full_len: full.len(),
        }
    }
}

/// The search of pull requests (open and closed) of the connectors repository for a name.
pub fn pr_search_url(name: &str) -> String {
    let query = format!("is:pr {}", super::one_line(name));
    format!(
        "https://github.com/{UPSTREAM_REPO}/pulls?q={}",
        percent_encode(&query)
    )
}

/// Percent-encodes a query value: every byte but the unreserved characters of RFC 3986
/// (letters, digits, `-`, `.`, `_`, `~`) becomes `%XX`.
pub fn percent_encode(s: &str) -> String {
    encode(s, b"")
}

fn encode(s: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') || keep.contains(&b)
        {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::ConnectorKind;

    #[test]
    fn encodes_reserved_and_unicode() {
        assert_eq!(percent_encode("a b&c=d/é#"), "a%20b%26c%3Dd%2F%C3%A9%23");
        assert_eq!(percent_encode("-._~"), "-._~");
        assert_eq!(percent_encode("\n[x]"), "%0A%5Bx%5D");
    }

    #[test]
    fn compare_url_has_fork_branch_title_and_body() {
        let s = Session::new("HubSpot CRM", ConnectorKind::IndependentPublisher);
        let u = compare_url(
            &s,
            "HubSpot CRM (Independent Publisher)",
            "- [x] ok",
            "ada",
            None,
        );
        assert_eq!(
            u.url,
            "https://github.com/microsoft/PowerPlatformConnectors/compare/dev...ada:hubspot-crm?quick_pull=1&title=HubSpot%20CRM%20%28Independent%20Publisher%29&body=-%20%5Bx%5D%20ok"
        );
        assert!(!u.body_omitted);
        let u = compare_url(&s, "T", "x", "ada", Some("feature/new op"));
        assert!(u.url.contains("dev...ada:feature/new%20op?"), "{}", u.url);
    }

    #[test]
    fn long_body_is_left_out() {
        let s = Session::new("X", ConnectorKind::IndependentPublisher);
        let body = "é".repeat(2000); // 12 000 bytes once encoded
        let u = compare_url(&s, "X (Independent Publisher)", &body, "ada", None);
        assert!(u.body_omitted);
        assert!(!u.url.contains("body="));
        assert!(u.url.len() <= MAX_URL_LEN);
        assert!(u.full_len > MAX_URL_LEN);
    }

    #[test]
    fn branch_and_search() {
        let s = Session::new(
            "  Brønnøy Data (Independent Publisher) ",
            ConnectorKind::Certified,
        );
        assert_eq!(default_branch(&s), "brønnøy-data");
        assert_eq!(
            pr_search_url("HubSpot  CRM"),
            "https://github.com/microsoft/PowerPlatformConnectors/pulls?q=is%3Apr%20HubSpot%20CRM"
        );
    }
}
