//! `catalog refresh --github`: the open pull requests of microsoft/PowerPlatformConnectors
//! through the GitHub REST API (`GET /repos/{owner}/{repo}/pulls?state=open`).
//!
//! - `GITHUB_API_URL` chooses the API (GitHub Enterprise, or a test server on loopback);
//!   default `https://api.github.com`.
//! - `GITHUB_TOKEN`, when set, is sent as a bearer token (higher rate limit). It is sent only
//!   to the host of the API URL, never to another host a `Link` header might name.
//! - Pages are followed through the `Link: <…>; rel="next"` header, at most
//!   [`MAX_PAGES`] of them.
//! - A rate limit (403 or 429 with `x-ratelimit-remaining: 0`, or 429 with `retry-after`)
//!   and an unreachable server are reported with what to do about them.

use super::store::{CatalogFile, PullRequest, FORMAT};
use super::{PrState, REPOSITORY};
use chrono::{DateTime, Utc};
use serde_json::Value;
use std::time::Duration;

/// The public GitHub API.
pub const DEFAULT_API_URL: &str = "https://api.github.com";
/// Safety stop for pagination (100 pull requests a page).
pub const MAX_PAGES: usize = 100;

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
    #[error("unexpected answer from {url}: {detail}")]
    BadResponse { url: String, detail: String },
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

/// scheme://host:port of a URL (lower-cased), to decide where the token may go.
fn origin(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    format!(
        "{}://{}",
        scheme.to_ascii_lowercase(),
        host.to_ascii_lowercase()
    )
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

/// Fetches every open pull request, calling `progress(page, so_far)` after each page.
pub fn fetch_open_pull_requests(
    opts: &GithubOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<PullRequest>, GithubError> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        // Keep the token on redirects within the API host (renamed repositories), drop it
        // for any other host.
        .redirect_auth_headers(ureq::config::RedirectAuthHeaders::SameHost)
        .timeout_global(Some(opts.timeout))
        .user_agent(format!("connector-wizard/{}", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let api_origin = origin(&opts.api_url);
    let mut url = first_page_url(opts);
    let mut out: Vec<PullRequest> = Vec::new();
    for page in 1..=MAX_PAGES {
        let mut req = agent
            .get(&url)
            .header("Accept", "application/vnd.github+json")
            .header("X-GitHub-Api-Version", "2022-11-28");
        if let Some(t) = &opts.token {
            if origin(&url) == api_origin {
                req = req.header("Authorization", format!("Bearer {t}"));
            }
        }
        let mut resp = req.call().map_err(|e| GithubError::Offline {
            url: url.clone(),
            detail: e.to_string(),
        })?;
        let status = resp.status().as_u16();
        let remaining = header(&resp, "x-ratelimit-remaining");
        let reset = header(&resp, "x-ratelimit-reset")
            .and_then(|s| s.parse::<i64>().ok())
            .and_then(|t| DateTime::<Utc>::from_timestamp(t, 0));
        let retry_after = header(&resp, "retry-after").and_then(|s| s.parse::<u64>().ok());
        let link = header(&resp, "link");
        let body = resp
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .lossy_utf8(true)
            .read_to_string()
            .map_err(|e| GithubError::Offline {
                url: url.clone(),
                detail: format!("the answer broke off: {e}"),
            })?;
        let exhausted = remaining.as_deref() == Some("0");
        if (status == 403 && exhausted) || status == 429 {
            return Err(GithubError::RateLimited {
                reset,
                retry_after,
                authenticated: opts.token.is_some(),
            });
        }
        if status == 401 && opts.token.is_some() {
            return Err(GithubError::Unauthorized {
                status,
                url,
                message: api_message(&body),
            });
        }
        if !(200..300).contains(&status) {
            return Err(GithubError::Http {
                status,
                url,
                message: api_message(&body),
            });
        }
        let v: Value = serde_json::from_str(&body).map_err(|e| GithubError::BadResponse {
            url: url.clone(),
            detail: format!("not JSON ({e})"),
        })?;
        let items = v.as_array().ok_or_else(|| GithubError::BadResponse {
            url: url.clone(),
            detail: "expected a JSON array of pull requests".to_string(),
        })?;
        out.extend(items.iter().filter_map(to_pr));
        progress(page, out.len());
        match link.as_deref().and_then(next_link) {
            Some(next) if next != url => url = next,
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
    fn origins_compare_host_and_port() {
        assert_eq!(
            origin("http://127.0.0.1:8080/api/v3"),
            "http://127.0.0.1:8080"
        );
        assert_ne!(
            origin("https://evil.example/x"),
            origin("https://api.github.com")
        );
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
