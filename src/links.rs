//! Every GitHub and Microsoft Learn URL the program builds, in one place: the connectors
//! repository, its pull requests and folders, the pull-request search of step 1, the
//! "compare" page that opens a pull request, and the documentation page of a connector.
//! Values are encoded with [`crate::util::percent`].

use crate::util::percent;

/// The upstream repository.
pub const REPOSITORY: &str = "microsoft/PowerPlatformConnectors";

/// The branch pull requests go to (PR-BASE-DEV).
pub const BASE_BRANCH: &str = "dev";

/// GitHub refuses URLs much longer than about 8 kB; compare URLs stay under this.
pub const MAX_URL_LEN: usize = 8000;

/// The repository's home page.
pub fn repository_url() -> String {
    format!("https://github.com/{REPOSITORY}")
}

/// A pull request of the repository.
pub fn pull_request_url(number: u64) -> String {
    format!("https://github.com/{REPOSITORY}/pull/{number}")
}

/// The search of pull requests (open and closed) of the repository that mention `name` as a
/// phrase: the manual duplicate check of step 1. Line breaks and runs of spaces in the name
/// count as one space; double quotes are dropped (they would end the phrase).
pub fn pr_search_url(name: &str) -> String {
    let name = name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('"', "");
    let q = if name.is_empty() {
        "is:pr".to_string()
    } else {
        format!("is:pr \"{name}\"")
    };
    format!(
        "https://github.com/{REPOSITORY}/pulls?q={}",
        percent::form(&q)
    )
}

/// A folder of the repository's base branch (`certified-connectors/Calendly`).
pub fn folder_url(dir: &str, folder: &str) -> String {
    format!(
        "https://github.com/{REPOSITORY}/tree/{BASE_BRANCH}/{dir}/{}",
        percent::path(folder)
    )
}

/// The documentation page of a deployed connector (`slug` is its API name without
/// `shared_`).
pub fn connector_docs_url(slug: &str) -> String {
    format!(
        "https://learn.microsoft.com/en-us/connectors/{}/",
        percent::path(slug)
    )
}

/// A compare URL, and whether the body had to be left out to keep it short enough.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompareUrl {
    pub url: String,
    /// The body made the URL longer than [`MAX_URL_LEN`] and is not in it: paste it by hand.
    pub body_omitted: bool,
    /// The length the URL would have had with the body.
    pub full_len: usize,
}

/// GitHub's "open a pull request" page from `owner`'s fork, branch `branch`, into the
/// repository's base branch, with the title and body filled in. When the body would make
/// the URL longer than [`MAX_URL_LEN`], it is left out and [`CompareUrl::body_omitted`] says
/// so.
pub fn compare_url(owner: &str, branch: &str, title: &str, body: &str) -> CompareUrl {
    let base = format!(
        "https://github.com/{REPOSITORY}/compare/{BASE_BRANCH}...{}:{}?quick_pull=1&title={}",
        percent::component(owner.trim()),
        percent::path(branch),
        percent::component(title)
    );
    let full = format!("{base}&body={}", percent::component(body));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_search_for_one_action() {
        assert_eq!(
            pr_search_url("Hub Spot & Co"),
            "https://github.com/microsoft/PowerPlatformConnectors/pulls?q=is%3Apr+%22Hub+Spot+%26+Co%22"
        );
        assert_eq!(
            pr_search_url(" HubSpot\n \"CRM\" "),
            pr_search_url("HubSpot CRM")
        );
        assert!(pr_search_url("  ").ends_with("?q=is%3Apr"));
    }

    #[test]
    fn repository_urls() {
        assert_eq!(
            folder_url("certified-connectors", "My Conn"),
            "https://github.com/microsoft/PowerPlatformConnectors/tree/dev/certified-connectors/My%20Conn"
        );
        assert_eq!(
            pull_request_url(42),
            "https://github.com/microsoft/PowerPlatformConnectors/pull/42"
        );
        assert_eq!(
            connector_docs_url("asana"),
            "https://learn.microsoft.com/en-us/connectors/asana/"
        );
    }

    #[test]
    fn compare_url_has_fork_branch_title_and_body() {
        let u = compare_url(
            "ada",
            "hubspot-crm",
            "HubSpot CRM (Independent Publisher)",
            "- [x] ok",
        );
        assert_eq!(
            u.url,
            "https://github.com/microsoft/PowerPlatformConnectors/compare/dev...ada:hubspot-crm?quick_pull=1&title=HubSpot%20CRM%20%28Independent%20Publisher%29&body=-%20%5Bx%5D%20ok"
        );
        assert!(!u.body_omitted);
        let u = compare_url("ada", "feature/new op", "T", "x");
        assert!(u.url.contains("dev...ada:feature/new%20op?"), "{}", u.url);
        let body = "é".repeat(2000); // 12 000 bytes once encoded
        let u = compare_url("ada", "x", "X (Independent Publisher)", &body);
        assert!(u.body_omitted);
        assert!(!u.url.contains("body="));
        assert!(u.url.len() <= MAX_URL_LEN);
        assert!(u.full_len > MAX_URL_LEN);
    }
}
