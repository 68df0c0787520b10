//! `catalog refresh --github`: the open pull requests of microsoft/PowerPlatformConnectors
//! through the GitHub REST API (`GET /repos/{owner}/{repo}/pulls?state=open`).
//!
//! - `GITHUB_API_URL` chooses the API (GitHub Enterprise, or a test server on loopback);
//!   default `https://api.github.com`.
//! - `GITHUB_TOKEN`, when set, is sent as a bearer token (higher rate limit). It is sent only
//!   to the exact origin (scheme, host and port) of the API URL: never to another host or
//!   port that a `Link` header or a redirect names. Redirects are followed here, not by the
//!   HTTP client, so each hop is judged; one from https to http is refused.
//! - Pages are followed through the `Link: <…>; rel="next"` header, at most
//!   [`MAX_PAGES`] of them; a refresh cut short by that limit fails and keeps the cache.
//! - A page whose items are none of them pull requests fails too: a wrong-shaped answer
//!   never replaces the cached pull requests with nothing.
//! - Every text of an answer that may reach a message (URL, GitHub's message) is made
//!   printable first ([`crate::util::printable`]).
//! - A rate limit (403 or 429 with `x-ratelimit-remaining: 0`, or 429 with `retry-after`)
//!   and an unreachable server are reported with what to do about them.

use super::store::{CatalogFile, PullRequest, FORMAT, MAX_CACHE_BYTES};
use super::{PrState, REPOSITORY};
use crate::util::printable::printable;
use chrono::{DateTime, Utc};
use serde_json::Value;
use std::time::Duration;

/// The public GitHub API.
pub const DEFAULT_API_URL: &str = "https://api.github.com";
/// Safety stop for pagination (100 pull requests a page).
pub const MAX_PAGES: usize = 100;
/// Redirects followed for one page.
pub const MAX_REDIRECTS: usize = 5;

/// Where and how to ask.
#[derive(Debug, Clone)]
pub struct GithubOptions {
    /// API base URL, without a trailing slash.
    pub api_url: String,
    pub token: Option<String>,
    /// owner/name.
    pub repository: String,
    /// Limit for each request, connection included.
    pub timeout: Duration,
}

impl GithubOptions {
    /// From `GITHUB_API_URL` and `GITHUB_TOKEN` (empty values count as unset).
    pub fn from_env() -> GithubOptions {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        GithubOptions {
            api_url: var("GITHUB_API_URL")
                .unwrap_or_else(|| DEFAULT_API_URL.to_string())
                .trim()
                .trim_end_matches('/')
                .to_string(),
            token: var("GITHUB_TOKEN").map(|t| t.trim().to_string()),
            repository: REPOSITORY.to_string(),
            timeout: Duration::from_secs(30),
        }
    }
}

/// Why the refresh failed.
#[derive(Debug, thiserror::Error)]
pub enum GithubError {
    #[error("{}", rate_limit_message(*.reset, *.retry_after, *.authenticated))]
    RateLimited {
        reset: Option<DateTime<Utc>>,
        retry_after: Option<u64>,
        authenticated: bool,
    },
    #[error("cannot reach {url}: {detail}. Are you offline? Search keeps working with the built-in list and the last cache; try again when the network is back (or set GITHUB_API_URL for GitHub Enterprise)")]
    Offline { url: String, detail: String },
    #[error("GitHub refused the token in GITHUB_TOKEN ({status} from {url}: {message}); check or unset GITHUB_TOKEN")]
    Unauthorized {
        status: u16,
        url: String,
        message: String,
    },
    #[error("GitHub answered {status} for {url}: {message}")]
    Http {
        status: u16,
        url: String,
        message: String,
    },
    #[error("unexpected answer from {url}: {detail}. The cached pull requests were kept")]
    BadResponse { url: String, detail: String },
    #[error("GitHub still offered more pull requests after {pages} pages ({so_far} pull requests): the refresh stopped at that limit, so the list would be incomplete. The cached pull requests were kept; try again later")]
    TooManyPages { pages: usize, so_far: usize },
}

/// A URL or a text of the answer as it may be shown in a message.
fn shown(s: &str) -> String {
    printable(s).into_owned()
}

fn rate_limit_message(
    reset: Option<DateTime<Utc>>,
    retry_after: Option<u64>,
    authenticated: bool,
) -> String {
    let when = match (reset, retry_after) {
        (_, Some(s)) => format!("try again in {s} seconds"),
        (Some(t), None) => format!("it resets at {} UTC", t.format("%Y-%m-%d %H:%M")),
        (None, None) => "try again later".to_string(),
    };
    let hint = if authenticated {
        ""
    } else {
        "; set GITHUB_TOKEN to a personal access token for a much higher limit"
    };
    format!(
        "the GitHub API rate limit is used up ({when}){hint}. The cached pull requests were kept"
    )
}

/// The URL of the first page.
pub fn first_page_url(opts: &GithubOptions) -> String {
    format!(
        "{}/repos/{}/pulls?state=open&per_page=100",
        opts.api_url.trim_end_matches('/'),
        opts.repository
    )
}

/// The `rel="next"` target of a `Link` header.
pub fn next_link(header: &str) -> Option<String> {
    header.split(',').find_map(|part| {
        let mut pieces = part.split(';');
        let url = pieces.next()?.trim();
        let url = url.strip_prefix('<')?.strip_suffix('>')?;
        pieces
            .any(|p| {
                let p = p.trim().replace(' ', "");
                p == "rel=\"next\"" || p == "rel=next"
            })
            .then(|| url.to_string())
    })
}

/// (scheme, host, port) of an absolute http(s) URL, lower-cased, the port made explicit:
/// where the token may go is decided on exactly this. `None` for anything else.
fn origin(url: &str) -> Option<(String, String, u16)> {
    let uri: ureq::http::Uri = url.parse().ok()?;
    let scheme = uri.scheme_str()?.to_ascii_lowercase();
    let default = match scheme.as_str() {
        "https" => 443,
        "http" => 80,
        _ => return None,
    };
    let host = uri.host()?.to_ascii_lowercase();
    Some((scheme, host, uri.port_u16().unwrap_or(default)))
}

/// Whether `url` has exactly the origin of the API URL.
fn same_origin(api_url: &str, url: &str) -> bool {
    matches!((origin(api_url), origin(url)), (Some(a), Some(b)) if a == b)
}

/// The absolute URL a `Location` header points to (absolute, or a path on the same origin).
fn redirect_target(from: &str, location: &str) -> Option<String> {
    if origin(location).is_some() {
        return Some(location.to_string());
    }
    let path = location.strip_prefix('/')?;
    if path.starts_with('/') {
        return None; // "//host/…": another host without a scheme; refuse.
    }
    let (scheme, host, port) = origin(from)?;
    Some(format!("{scheme}://{host}:{port}/{path}"))
}

fn to_pr(v: &Value) -> Option<PullRequest> {
    let title = v.get("title")?.as_str()?.trim().to_string();
    let number = v.get("number")?.as_u64()?;
    let s = |k: &str| v.get(k).and_then(Value::as_str).map(String::from);
    Some(PullRequest {
        proposal: title.to_lowercase().starts_with("proposal"),
        url: s("html_url").unwrap_or_else(|| crate::links::pull_request_url(number)),
        author: v
            .get("user")
            .and_then(|u| u.get("login"))
            .and_then(Value::as_str)
            .map(String::from),
        draft: v.get("draft").and_then(Value::as_bool),
        created_at: s("created_at"),
        updated_at: s("updated_at"),
        merged_at: None,
        state: PrState::Open,
        title,
        number,
    })
}

fn header(resp: &ureq::http::Response<ureq::Body>, name: &str) -> Option<String> {
    resp.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(|s| s.trim().to_string())
}

fn api_message(body: &str) -> String {
    serde_json::from_str::<Value>(body)
        .ok()
        .and_then(|v| v.get("message").and_then(Value::as_str).map(String::from))
        .unwrap_or_else(|| {
            body.chars()
                .take(200)
                .collect::<String>()
                .trim()
                .to_string()
        })
}

/// One answer, after redirects.
struct Answer {
    /// The URL that answered (after redirects).
    url: String,
    status: u16,
    remaining: Option<String>,
    reset: Option<DateTime<Utc>>,
    retry_after: Option<u64>,
    link: Option<String>,
    body: String,
}

/// GETs `url`, following redirects itself: the token goes only to the API's origin, and a
/// redirect from https to http is refused.
fn get(agent: &ureq::Agent, opts: &GithubOptions, url: &str) -> Result<Answer, GithubError> {
    let mut url = url.to_string();
    for _ in 0..=MAX_REDIRECTS {
        let mut req = agent
            .get(&url)
            .header("Accept", "application/vnd.github+json")
            .header("X-GitHub-Api-Version", "2022-11-28");
        if let Some(t) = &opts.token {
            if same_origin(&opts.api_url, &url) {
                req = req.header("Authorization", format!("Bearer {t}"));
            }
        }
        let mut resp = req.call().map_err(|e| GithubError::Offline {
            url: shown(&url),
            detail: shown(&e.to_string()),
        })?;
        let status = resp.status().as_u16();
        if (300..400).contains(&status) {
            let location = header(&resp, "location").unwrap_or_default();
            let next =
                redirect_target(&url, &location).ok_or_else(|| GithubError::BadResponse {
                    url: shown(&url),
                    detail: format!(
                        "a redirect ({status}) to `{}`, which is not a URL",
                        shown(&location)
                    ),
                })?;
            let scheme = |u: &str| origin(u).map(|o| o.0);
            if scheme(&url).as_deref() == Some("https") && scheme(&next).as_deref() != Some("https")
            {
                return Err(GithubError::BadResponse {
                    url: shown(&url),
                    detail: format!(
                        "a redirect from https to {}, refused (it would send the request in clear text)",
                        shown(&next)
                    ),
                });
            }
            url = next;
            continue;
        }
        let body = resp
            .body_mut()
            .with_config()
            .limit(MAX_CACHE_BYTES)
            .lossy_utf8(true)
            .read_to_string()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(limit) => GithubError::BadResponse {
                    url: shown(&url),
                    detail: format!("the answer is larger than {limit} bytes"),
                },
                e => GithubError::Offline {
                    url: shown(&url),
                    detail: format!("the answer broke off: {}", shown(&e.to_string())),
                },
            })?;
        return Ok(Answer {
            status,
            remaining: header(&resp, "x-ratelimit-remaining"),
            reset: header(&resp, "x-ratelimit-reset")
                .and_then(|s| s.parse::<i64>().ok())
                .and_then(|t| DateTime::<Utc>::from_timestamp(t, 0)),
            retry_after: header(&resp, "retry-after").and_then(|s| s.parse::<u64>().ok()),
            link: header(&resp, "link"),
            body,
            url,
        });
    }
    Err(GithubError::BadResponse {
        url: shown(&url),
        detail: format!("more than {MAX_REDIRECTS} redirects"),
    })
}

/// The pull requests of one page (a JSON array), or why the page is refused: not JSON,
/// not an array, or items none of which is a pull request (a number and a title).
fn page_items(url: &str, body: &str) -> Result<Vec<PullRequest>, GithubError> {
    let bad = |detail: String| GithubError::BadResponse {
        url: shown(url),
        detail,
    };
    let v: Value = serde_json::from_str(body).map_err(|e| bad(format!("not JSON ({e})")))?;
    let items = v
        .as_array()
        .ok_or_else(|| bad("expected a JSON array of pull requests".to_string()))?;
    let prs: Vec<PullRequest> = items.iter().filter_map(to_pr).collect();
    if prs.is_empty() && !items.is_empty() {
        return Err(bad(format!(
            "none of the {} items of the page is a pull request (each needs a number and a title)",
            items.len()
        )));
    }
    Ok(prs)
}

/// Fetches every open pull request, calling `progress(page, so_far)` after each page.
pub fn fetch_open_pull_requests(
    opts: &GithubOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<PullRequest>, GithubError> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        // Redirects are followed by `get`, which decides where the token may go.
        .max_redirects(0)
        .timeout_global(Some(opts.timeout))
        .user_agent(format!("connector-wizard/{}", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut url = first_page_url(opts);
    let mut out: Vec<PullRequest> = Vec::new();
    let mut page = 0;
    loop {
        if page == MAX_PAGES {
            return Err(GithubError::TooManyPages {
                pages: MAX_PAGES,
                so_far: out.len(),
            });
        }
        page += 1;
        let a = get(&agent, opts, &url)?;
        let exhausted = a.remaining.as_deref() == Some("0");
        if (a.status == 403 && exhausted) || a.status == 429 {
            return Err(GithubError::RateLimited {
                reset: a.reset,
                retry_after: a.retry_after,
                authenticated: opts.token.is_some(),
            });
        }
        if a.status == 401 && opts.token.is_some() {
            return Err(GithubError::Unauthorized {
                status: a.status,
                url: shown(&a.url),
                message: shown(&api_message(&a.body)),
            });
        }
        if !(200..300).contains(&a.status) {
            return Err(GithubError::Http {
                status: a.status,
                url: shown(&a.url),
                message: shown(&api_message(&a.body)),
            });
        }
        out.extend(page_items(&a.url, &a.body)?);
        progress(page, out.len());
        match a.link.as_deref().and_then(next_link) {
            Some(next) if next != url && next != a.url => url = next,
            _ => break,
        }
    }
    out.sort_by_key(|p| p.number);
    out.dedup_by_key(|p| p.number);
    Ok(out)
}

/// The cache file for a fetch.
pub fn to_file(opts: &GithubOptions, prs: Vec<PullRequest>) -> CatalogFile {
    CatalogFile {
        format: FORMAT,
        origin: Some("github".into()),
        refreshed_at: Some(Utc::now()),
        api_url: Some(opts.api_url.clone()),
        repository: Some(opts.repository.clone()),
        pull_requests: prs,
        ..CatalogFile::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_header_next() {
        let h = r#"<https://api.github.com/repositories/1/pulls?page=2>; rel="next", <https://api.github.com/repositories/1/pulls?page=5>; rel="last""#;
        assert_eq!(
            next_link(h).as_deref(),
            Some("https://api.github.com/repositories/1/pulls?page=2")
        );
        let last = r#"<https://x/pulls?page=1>; rel="prev", <https://x/pulls?page=1>; rel="first""#;
        assert_eq!(next_link(last), None);
    }

    #[test]
    fn the_token_goes_to_the_exact_origin_only() {
        let api = "https://api.github.com";
        assert!(same_origin(
            api,
            "https://api.github.com/repos/x/y/pulls?page=2"
        ));
        assert!(same_origin(api, "https://API.github.com:443/x"));
        assert!(
            !same_origin(api, "https://api.github.com:8443/x"),
            "another port"
        );
        assert!(!same_origin(api, "http://api.github.com/x"), "https→http");
        assert!(!same_origin(api, "https://api.github.com.evil.example/x"));
        assert!(!same_origin(api, "https://api.github.com@evil.example/x"));
        assert!(!same_origin(api, "//evil.example/x"));
        assert!(same_origin(
            "http://127.0.0.1:8080/api/v3",
            "http://127.0.0.1:8080/x"
        ));
        assert!(!same_origin(
            "http://127.0.0.1:8080/api/v3",
            "http://127.0.0.1:8081/x"
        ));
        assert_eq!(
            origin("http://127.0.0.1:8080/api/v3"),
            Some(("http".into(), "127.0.0.1".into(), 8080))
        );
    }

    #[test]
    fn redirect_targets() {
        let from = "https://api.github.com/repos/a/b/pulls";
        assert_eq!(
            redirect_target(from, "/repositories/1/pulls").as_deref(),
            Some("https://api.github.com:443/repositories/1/pulls")
        );
        assert_eq!(
            redirect_target(from, "http://x.example/y").as_deref(),
            Some("http://x.example/y")
        );
        assert_eq!(redirect_target(from, "//evil.example/x"), None);
        assert_eq!(redirect_target(from, "file:///etc/passwd"), None);
        assert_eq!(redirect_target(from, ""), None);
    }

    #[test]
    fn pages_of_nonsense_are_refused() {
        let ok = r#"[{"number": 1, "title": "A"}, {"weird": true}]"#;
        assert_eq!(page_items("u", ok).unwrap().len(), 1);
        assert!(page_items("u", "[]").unwrap().is_empty());
        let e = page_items("u", r#"[{"id": 1}, {"number": "2", "title": 3}]"#).unwrap_err();
        assert!(e.to_string().contains("none of the 2 items"), "{e}");
        assert!(
            e.to_string().contains("cached pull requests were kept"),
            "{e}"
        );
        assert!(page_items("u", r#"{"message": "x"}"#).is_err());
        assert!(page_items("u", "<html>").is_err());
    }

    #[test]
    fn rate_limit_message_says_what_to_do() {
        let m = rate_limit_message(None, None, false);
        assert!(m.contains("GITHUB_TOKEN"));
        let m = rate_limit_message(DateTime::from_timestamp(0, 0), None, true);
        assert!(m.contains("1970-01-01 00:00"), "{m}");
        assert!(!m.contains("GITHUB_TOKEN"));
    }
}
