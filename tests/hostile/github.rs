//! Defects 4 and 6: the GitHub token stays with the API's exact origin, and a refresh that
//! reads nonsense or is cut short by the page limit fails and keeps the cache. A loopback
//! server plays GitHub.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// What the fake server answers: status, extra headers, body.
type Answer = (u16, Vec<(String, String)>, String);

/// A loopback HTTP server answering each request (one per connection) with `answer(target)`
/// and recording the requests' heads. Stops with the test process.
struct Server {
    url: String,
    heads: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(answer: impl Fn(&str) -> Answer + Send + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let heads = Arc::new(Mutex::new(Vec::new()));
        let seen = heads.clone();
        std::thread::spawn(move || {
            for conn in listener.incoming().flatten() {
                let mut reader = BufReader::new(conn.try_clone().unwrap());
                let mut head = String::new();
                while reader.read_line(&mut head).unwrap_or(0) > 0 && !head.ends_with("\r\n\r\n") {}
                let target = head.split(' ').nth(1).unwrap_or("/").to_string();
                seen.lock().unwrap().push(head);
                let (status, headers, body) = answer(&target);
                let mut reply = format!(
                    "HTTP/1.1 {status} X\r\nConnection: close\r\nContent-Length: {}\r\n",
                    body.len()
                );
                for (k, v) in headers {
                    reply.push_str(&format!("{k}: {v}\r\n"));
                }
                reply.push_str("\r\n");
                reply.push_str(&body);
                let mut conn = conn;
                let _ = conn.write_all(reply.as_bytes());
            }
        });
        Server { url, heads }
    }

    fn heads(&self) -> Vec<String> {
        self.heads.lock().unwrap().clone()
    }
}

fn page(numbers: std::ops::Range<u64>) -> String {
    let items: Vec<String> = numbers
        .map(|n| format!(r#"{{"number":{n},"title":"Connector {n} (Independent Publisher)"}}"#))
        .collect();
    format!("[{}]", items.join(","))
}

fn has_token(head: &str) -> bool {
    head.to_ascii_lowercase().contains("authorization:")
}

fn refresh(home: &Path, api: &str) -> std::process::Output {
    super::cw(home)
        .args(["catalog", "refresh", "--github"])
        .env("GITHUB_API_URL", api)
        .env("GITHUB_TOKEN", "s3cret")
        .output()
        .unwrap()
}

/// A refresh from `api` in a fresh home, which must succeed.
fn refresh_ok(api: &str) -> std::process::Output {
    let home = tempfile::tempdir().unwrap();
    let out = refresh(home.path(), api);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    out
}

fn cache(home: &Path) -> PathBuf {
    home.join("catalog/pull-requests.json")
}

/// A cache from an earlier refresh, to be kept by failed ones.
fn earlier_cache(home: &Path) -> String {
    let text = r#"{"format":1,"origin":"github","pullRequests":[{"title":"Kept","number":7,"state":"open","proposal":false,"url":"https://github.com/microsoft/PowerPlatformConnectors/pull/7"}]}"#;
    std::fs::create_dir_all(home.join("catalog")).unwrap();
    std::fs::write(cache(home), text).unwrap();
    text.to_string()
}

#[test]
fn no_token_follows_a_redirect_to_another_port() {
    let other = Server::start(|_| (200, vec![], page(1..3)));
    let other_url = other.url.clone();
    let api = Server::start(move |_| {
        (
            302,
            vec![("Location".into(), format!("{other_url}/moved/pulls"))],
            String::new(),
        )
    });
    let out = refresh_ok(&api.url);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Read 2 open pull requests"));
    let (api_heads, other_heads) = (api.heads(), other.heads());
    assert!(
        has_token(&api_heads[0]),
        "the API itself gets it: {api_heads:?}"
    );
    assert_eq!(other_heads.len(), 1);
    assert!(!has_token(&other_heads[0]), "{other_heads:?}");
}

#[test]
fn a_redirect_on_the_same_origin_keeps_the_token() {
    let api = Server::start(|target| {
        if target.starts_with("/repositories/") {
            (200, vec![], page(1..2))
        } else {
            (
                301,
                vec![("Location".into(), "/repositories/1/pulls".into())],
                String::new(),
            )
        }
    });
    refresh_ok(&api.url);
    let heads = api.heads();
    assert_eq!(heads.len(), 2);
    assert!(heads.iter().all(|h| has_token(h)), "{heads:?}");
}

#[test]
fn no_token_follows_a_next_link_to_another_port() {
    let other = Server::start(|_| (200, vec![], page(3..4)));
    let next = format!("<{}/page2>; rel=\"next\"", other.url);
    let api = Server::start(move |_| (200, vec![("Link".into(), next.clone())], page(1..3)));
    refresh_ok(&api.url);
    assert!(!has_token(&other.heads()[0]), "{:?}", other.heads());
}

#[test]
fn wrong_shaped_items_keep_the_cache() {
    let api = Server::start(|_| (200, vec![], r#"[{"id":1},{"title":2},"x"]"#.into()));
    fails_keeping_the_cache(
        &api.url,
        "none of the 3 items of the page is a pull request",
    );
}

/// A refresh from `api` fails saying `why`, and the earlier cache is still there unchanged.
fn fails_keeping_the_cache(api: &str, why: &str) {
    let home = tempfile::tempdir().unwrap();
    let before = earlier_cache(home.path());
    let out = refresh(home.path(), api);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(why), "{err}");
    assert!(err.contains("The cached pull requests were kept"), "{err}");
    assert_eq!(std::fs::read_to_string(cache(home.path())).unwrap(), before);
}

#[test]
fn endless_pagination_is_reported_and_keeps_the_cache() {
    let base = Arc::new(Mutex::new(String::new()));
    let b = base.clone();
    let api = Server::start(move |target| {
        let n: u64 = target
            .rsplit("page=")
            .next()
            .and_then(|p| p.parse().ok())
            .unwrap_or(1);
        let link = format!("<{}/next?page={}>; rel=\"next\"", b.lock().unwrap(), n + 1);
        (200, vec![("Link".into(), link)], page(n..n + 1))
    });
    *base.lock().unwrap() = api.url.clone();
    fails_keeping_the_cache(&api.url, "still offered more pull requests after 100 pages");
    assert_eq!(api.heads().len(), 100);
}

#[test]
fn a_hostile_error_message_is_shown_not_obeyed() {
    let api = Server::start(|_| {
        (
            500,
            vec![],
            r#"{"message":"\u001b]0;pwned\u0007oops\u001b[2J\n::error::injected \u202e"}"#.into(),
        )
    });
    let home = tempfile::tempdir().unwrap();
    let out = refresh(home.path(), &api.url);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("GitHub answered 500"), "{err}");
    assert!(
        err.contains("\\u{1b}]0;pwned\\u{7}oops\\u{1b}[2J\\n::error::injected \\u{202e}"),
        "{err}"
    );
    super::escapes::assert_clean("refresh stderr", &out.stderr);
    assert!(!err.lines().any(|l| l.starts_with("::")), "{err}");
}
