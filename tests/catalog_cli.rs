//! `connector-wizard catalog refresh --repo/--github` and `catalog info`, end to end:
//! the real binary, a temporary data directory, the shared corpus as a checkout, and a real
//! HTTP server on 127.0.0.1 standing in for the GitHub API.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

fn cw(home: &Path) -> Command {
    let mut c = Command::cargo_bin("connector-wizard").unwrap();
    c.env("CONNECTOR_WIZARD_HOME", home)
        .env_remove("GITHUB_TOKEN")
        .env_remove("GITHUB_API_URL")
        .env("NO_COLOR", "1");
    c
}

/// `connector-wizard catalog info --json`.
fn info_json(home: &Path) -> serde_json::Value {
    let out = cw(home)
        .args(["catalog", "info", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

fn cache(home: &Path, name: &str) -> PathBuf {
    home.join("catalog").join(name)
}

#[test]
fn refresh_needs_a_source() {
    let home = tempfile::tempdir().unwrap();
    cw(home.path())
        .args(["catalog", "refresh"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--repo PATH").and(predicate::str::contains("--github")));
}

#[test]
fn refresh_rejects_a_folder_that_is_not_a_checkout() {
    let home = tempfile::tempdir().unwrap();
    let empty = tempfile::tempdir().unwrap();
    cw(home.path())
        .args(["catalog", "refresh", "--repo"])
        .arg(empty.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does not look like a checkout"));
    cw(home.path())
        .args(["catalog", "refresh", "--repo", "/no/such/dir"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a directory"));
    assert!(!cache(home.path(), "connectors.json").exists());
}

#[test]
fn refresh_from_the_corpus_checkout() {
    let Some(corpus) = common::corpus_or_skip("refresh_from_the_corpus_checkout") else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    let out = cw(home.path())
        .args(["catalog", "refresh", "--repo"])
        .arg(&corpus)
        .assert()
        .success()
        .stdout(predicate::str::contains("Scanned 40 connector folders"))
        .stdout(predicate::str::contains(
            "20 certified, 15 independent publisher, 5 custom samples",
        ))
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    // Progress and notes on stderr.
    assert!(
        stderr.contains("scanning certified-connectors: 20/20"),
        "{stderr}"
    );
    assert!(
        stderr.contains("DocuMotor/apiDefinition.swagger.json: not valid JSON (line "),
        "{stderr}"
    );
    assert!(stderr.contains("read as Windows-1252"), "{stderr}");

    let text = std::fs::read_to_string(cache(home.path(), "connectors.json")).unwrap();
    let file: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(file["origin"], "repo");
    assert!(file["refreshedAt"].is_string());
    let conns = file["connectors"].as_array().unwrap();
    assert_eq!(conns.len(), 40);
    let find = |folder: &str| {
        conns
            .iter()
            .find(|c| c["folder"] == folder)
            .unwrap_or_else(|| panic!("{folder} missing"))
    };
    // BOM skipped, title from the swagger.
    assert_eq!(find("Microsoft Bookings")["name"], "Microsoft Bookings");
    // Invalid swagger: title picked out of the text.
    assert_eq!(find("XSOAR")["kind"], "independent-publisher");
    assert!(find("XSOAR")["name"].as_str().unwrap().len() > 1);
    // Swagger under another name.
    assert!(
        find("Influenza and Covid-19")["operations"]
            .as_u64()
            .unwrap()
            > 0
    );
    // Publisher from apiProperties.
    assert!(find("Calendly")["publisher"].is_string());
    assert!(!text.contains("description"));

    // The cache is searched and listed.
    cw(home.path())
        .args(["catalog", "info"])
        .assert()
        .success()
        .stdout(predicate::str::contains("repository  scan of the checkout"))
        .stdout(predicate::str::contains("refreshed"));
    let v = info_json(home.path());
    assert_eq!(v["sources"][1]["origin"], "repo");
    assert_eq!(v["sources"][1]["records"]["connectors"], 40);
    cw(home.path())
        .args(["search", "--json", "--limit", "1", "Brønnøysund registrene"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("independent-publisher"));
}

#[test]
fn refresh_records_the_commit_of_a_git_checkout() {
    let has_git = std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_git {
        eprintln!("skipped: git not installed");
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let repo = tempfile::tempdir().unwrap();
    let dir = repo
        .path()
        .join("independent-publisher-connectors/Zorblax Tasks");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("apiDefinition.swagger.json"),
        r#"{"swagger":"2.0","info":{"title":" Zorblax Tasks ","version":"1.0"},"paths":{"/a":{"get":{},"post":{}},"/b":{"delete":{},"parameters":[]}}}"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("apiProperties.json"),
        r#"{"properties":{"publisher":"Ada","stackOwner":"Zorblax Inc"}}"#,
    )
    .unwrap();
    let git = |args: &[&str]| {
        let ok = std::process::Command::new("git")
            .arg("-C")
            .arg(repo.path())
            .args(args)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.com")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.com")
            .output()
            .unwrap();
        assert!(ok.status.success(), "{ok:?}");
        String::from_utf8(ok.stdout).unwrap()
    };
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-qm", "init"]);
    let head = git(&["rev-parse", "HEAD"]).trim().to_string();

    cw(home.path())
        .args(["catalog", "refresh", "--repo"])
        .arg(repo.path())
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "at commit {}",
            &head[..12]
        )));
    let file: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(cache(home.path(), "connectors.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(file["commit"], head.as_str());
    assert!(file["commitDate"].is_string());
    let c = &file["connectors"][0];
    assert_eq!(c["name"], "Zorblax Tasks");
    assert_eq!(c["operations"], 3);
    assert_eq!(c["publisher"], "Ada");
    assert_eq!(c["stackOwner"], "Zorblax Inc");

    // A connector that only the checkout knows is now a duplicate.
    let out = cw(home.path())
        .args(["search", "--json", "zorblax tasks"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let hits: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(hits[0]["name"], "Zorblax Tasks");
    assert_eq!(hits[0]["status"], "independent-publisher");
    assert_eq!(hits[0]["duplicate"], true);
}

#[test]
fn bad_cache_falls_back_and_is_kept_aside() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("catalog");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("connectors.json"),
        "{\n  \"format\": 1,\n  \"connectors\": [oops]\n}",
    )
    .unwrap();
    cw(home.path())
        .args(["search", "calendly"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("Calendly"))
        .stderr(
            predicate::str::contains("connectors.json is not valid (line 3, column")
                .and(predicate::str::contains("using the built-in list instead"))
                .and(predicate::str::contains(".corrupt-")),
        );
    assert!(!dir.join("connectors.json").exists());
    let kept: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        kept.iter()
            .any(|n| n.starts_with("connectors.json.corrupt-")),
        "{kept:?}"
    );
}

#[test]
fn info_warns_about_an_old_cache() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("catalog");
    std::fs::create_dir_all(&dir).unwrap();
    let old = (chrono::Utc::now() - chrono::Duration::days(40)).to_rfc3339();
    std::fs::write(
        dir.join("pull-requests.json"),
        format!(
            r#"{{"format":1,"origin":"github","refreshedAt":"{old}","pullRequests":[
            {{"title":"Proposal - Quuxly Boards (Independent Publisher)","number":9001,"state":"open","proposal":true,"url":"https://example.invalid/pull/9001"}}]}}"#
        ),
    )
    .unwrap();
    cw(home.path())
        .args(["catalog", "info"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("GitHub").and(predicate::str::contains(
                "open pull requests of microsoft/PowerPlatformConnectors",
            )),
        )
        .stdout(predicate::str::contains("(40 days ago): over 30 days old"))
        .stdout(predicate::str::contains("catalog refresh --github"))
        .stderr(predicate::str::contains("is 40 days old"));
    let v = info_json(home.path());
    assert_eq!(v["sources"][1]["origin"], "github");
    assert_eq!(v["sources"][1]["stale"], true);
    assert_eq!(v["sources"][1]["ageDays"], 40);
    assert_eq!(v["sources"][1]["records"]["pullRequests"], 1);
    // The live list replaces the sample's open pull requests: one open pull request.
    assert_eq!(v["pullRequests"], 1);
    assert!(v["refresh"].as_str().unwrap().contains("--github"));
}

/// One count for connectors and one for open pull requests, the same in `catalog info`,
/// `search`, its JSON and the README.
#[test]
fn counts_are_the_same_everywhere() {
    let home = tempfile::tempdir().unwrap();
    let counts = connector_wizard::catalog::Catalog::embedded().counts();
    let text = counts.text();
    cw(home.path())
        .args(["catalog", "info"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("Searched: {text}.")))
        .stdout(predicate::str::contains(
            "snapshot of 2024-10-23 00:00 UTC (",
        ))
        .stdout(predicate::str::contains("catalog refresh --repo PATH"));
    let v = info_json(home.path());
    assert_eq!(v["connectors"], counts.connectors);
    assert_eq!(v["pullRequests"], counts.pull_requests);
    assert_eq!(v["sources"][0]["stale"], true, "the built-in list is old");
    cw(home.path())
        .args(["search", "calendly"])
        .assert()
        .stdout(predicate::str::contains(format!("Searched {text} for")));
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    assert!(
        readme.contains(&text),
        "README.md should say \"{text}\" where it counts the list"
    );
    for stale in ["1,314 known", "1294 connectors", "354 pull requests"] {
        assert!(!readme.contains(stale), "README.md still says {stale:?}");
    }
}

// ---- A stand-in for the GitHub API on loopback ----

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

type Handler = Arc<dyn Fn(&str) -> Reply + Send + Sync>;

/// Serves HTTP/1.1 on 127.0.0.1 until the test process ends; records request lines and
/// headers. Returns the base URL.
fn serve(handler: Handler, log: Arc<Mutex<Vec<String>>>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let handler = handler.clone();
            let log = log.clone();
            std::thread::spawn(move || handle(stream, &*handler, &log));
        }
    });
    format!("http://{addr}")
}

fn handle(
    mut stream: TcpStream,
    handler: &(dyn Fn(&str) -> Reply + Send + Sync),
    log: &Mutex<Vec<String>>,
) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    loop {
        let mut request = String::new();
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        request.push_str(&line);
        loop {
            line.clear();
            if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                break;
            }
            request.push_str(&line);
        }
        let target = request.split_whitespace().nth(1).unwrap_or("/").to_string();
        log.lock().unwrap().push(request.clone());
        let r = handler(&target);
        let mut head = format!(
            "HTTP/1.1 {} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
            r.status,
            r.body.len()
        );
        for (k, v) in &r.headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        if stream.write_all(head.as_bytes()).is_err()
            || stream.write_all(r.body.as_bytes()).is_err()
        {
            return;
        }
        let _ = stream.flush();
        // GET requests carry no body: the next line read is the next request.
    }
}

fn pr_json(number: u64, title: &str, login: &str) -> String {
    format!(
        r#"{{"number":{number},"title":"{title}","html_url":"https://github.com/microsoft/PowerPlatformConnectors/pull/{number}","user":{{"login":"{login}"}},"draft":false,"state":"open","created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-03T03:04:05Z"}}"#
    )
}

#[test]
fn github_refresh_follows_pages_and_sends_the_token() {
    let home = tempfile::tempdir().unwrap();
    let log = Arc::new(Mutex::new(Vec::new()));
    let base = Arc::new(Mutex::new(String::new()));
    let b2 = base.clone();
    let handler: Handler = Arc::new(move |target: &str| {
        let base = b2.lock().unwrap().clone();
        if target.starts_with(
            "/api/v3/repos/microsoft/PowerPlatformConnectors/pulls?state=open&per_page=100",
        ) {
            Reply {
                status: 200,
                headers: vec![(
                    "Link".into(),
                    format!(
                        r#"<{base}/api/v3/repositories/1/pulls?state=open&per_page=100&page=2>; rel="next", <{base}/api/v3/repositories/1/pulls?state=open&per_page=100&page=2>; rel="last""#
                    ),
                )],
                body: format!(
                    "[{},{}]",
                    pr_json(
                        5001,
                        "Proposal - Quuxly Boards (Independent Publisher)",
                        "ada"
                    ),
                    pr_json(5002, "Zentriq Ledger (Independent Publisher)", "bob")
                ),
            }
        } else if target.contains("/repositories/1/pulls") && target.contains("page=2") {
            Reply {
                status: 200,
                headers: vec![(
                    "Link".into(),
                    format!(
                        r#"<{base}/api/v3/repos/microsoft/PowerPlatformConnectors/pulls?state=open&per_page=100>; rel="first""#
                    ),
                )],
                body: format!("[{}]", pr_json(5003, "Update Calendly connector", "cal")),
            }
        } else {
            Reply {
                status: 404,
                headers: vec![],
                body: r#"{"message":"Not Found"}"#.into(),
            }
        }
    });
    let url = serve(handler, log.clone());
    *base.lock().unwrap() = url.clone();

    cw(home.path())
        .args(["catalog", "refresh", "--github"])
        .env("GITHUB_API_URL", format!("{url}/api/v3/"))
        .env("GITHUB_TOKEN", "s3cret")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Read 3 open pull requests (1 proposals)",
        ))
        .stderr(predicate::str::contains("page 2: 3 pull requests so far"));

    let requests = log.lock().unwrap().clone();
    assert_eq!(requests.len(), 2, "{requests:?}");
    for r in &requests {
        assert!(
            r.to_lowercase().contains("authorization: bearer s3cret"),
            "{r}"
        );
        assert!(
            r.to_lowercase().contains("user-agent: connector-wizard/"),
            "{r}"
        );
    }
    let file: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(cache(home.path(), "pull-requests.json")).unwrap(),
    )
    .unwrap();
    let prs = file["pullRequests"].as_array().unwrap();
    assert_eq!(prs.len(), 3);
    assert_eq!(prs[0]["number"], 5001);
    assert_eq!(prs[0]["proposal"], true);
    assert_eq!(prs[0]["author"], "ada");
    assert_eq!(prs[1]["proposal"], false);
    assert_eq!(prs[2]["title"], "Update Calendly connector");
    assert!(file["apiUrl"].as_str().unwrap().ends_with("/api/v3"));

    // The statuses of the decision table follow.
    let search = |q: &str| -> serde_json::Value {
        let out = cw(home.path())
            .args(["search", "--json", "--limit", "1", q])
            .assert()
            .code(1)
            .get_output()
            .stdout
            .clone();
        serde_json::from_slice(&out).unwrap()
    };
    let h = search("quuxly boards");
    assert_eq!(h[0]["status"], "proposal-pr");
    assert_eq!(
        h[0]["url"],
        "https://github.com/microsoft/PowerPlatformConnectors/pull/5001"
    );
    assert!(h[0]["advice"]
        .as_str()
        .unwrap()
        .contains("contact its publisher"));
    let h = search("Zentriq Ledger");
    assert_eq!(h[0]["status"], "open-pr");
    assert!(h[0]["advice"].as_str().unwrap().contains("wait"));
    // The embedded sample's open PRs are replaced by the live list.
    let out = cw(home.path())
        .args(["search", "--json", "NotionV2"])
        .assert()
        .get_output()
        .stdout
        .clone();
    let hits: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert!(
        hits.as_array()
            .unwrap()
            .iter()
            .all(|h| h["status"] != "open-pr"),
        "{hits}"
    );
}

#[test]
fn github_rate_limit_is_explained_and_the_cache_kept() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("catalog");
    std::fs::create_dir_all(&dir).unwrap();
    let before = r#"{"format":1,"origin":"github","pullRequests":[]}"#;
    std::fs::write(dir.join("pull-requests.json"), before).unwrap();
    let log = Arc::new(Mutex::new(Vec::new()));
    let handler: Handler = Arc::new(|_t: &str| Reply {
        status: 403,
        headers: vec![
            ("x-ratelimit-remaining".into(), "0".into()),
            ("x-ratelimit-reset".into(), "1767225600".into()),
        ],
        body: r#"{"message":"API rate limit exceeded for 127.0.0.1."}"#.into(),
    });
    let url = serve(handler, log);
    cw(home.path())
        .args(["catalog", "refresh", "--github"])
        .env("GITHUB_API_URL", &url)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("rate limit is used up")
                .and(predicate::str::contains("2026-01-01 00:00"))
                .and(predicate::str::contains("set GITHUB_TOKEN")),
        );
    assert_eq!(
        std::fs::read_to_string(dir.join("pull-requests.json")).unwrap(),
        before
    );

    let handler: Handler = Arc::new(|_t: &str| Reply {
        status: 429,
        headers: vec![("retry-after".into(), "60".into())],
        body: r#"{"message":"You have exceeded a secondary rate limit."}"#.into(),
    });
    let url = serve(handler, Arc::new(Mutex::new(Vec::new())));
    cw(home.path())
        .args(["catalog", "refresh", "--github"])
        .env("GITHUB_API_URL", &url)
        .env("GITHUB_TOKEN", "t")
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("try again in 60 seconds")
                .and(predicate::str::contains("set GITHUB_TOKEN").not()),
        );
}

#[test]
fn github_errors_name_the_problem() {
    let home = tempfile::tempdir().unwrap();
    // Nothing listens on this port any more: connection refused.
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    cw(home.path())
        .args(["catalog", "refresh", "--github"])
        .env("GITHUB_API_URL", format!("http://127.0.0.1:{port}"))
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains(format!("cannot reach http://127.0.0.1:{port}/repos/"))
                .and(predicate::str::contains("offline")),
        );
    assert!(!cache(home.path(), "pull-requests.json").exists());

    let handler: Handler = Arc::new(|_t: &str| Reply {
        status: 401,
        headers: vec![],
        body: r#"{"message":"Bad credentials"}"#.into(),
    });
    let url = serve(handler, Arc::new(Mutex::new(Vec::new())));
    cw(home.path())
        .args(["catalog", "refresh", "--github"])
        .env("GITHUB_API_URL", &url)
        .env("GITHUB_TOKEN", "wrong")
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("refused the token")
                .and(predicate::str::contains("Bad credentials")),
        );

    let handler: Handler = Arc::new(|_t: &str| Reply {
        status: 200,
        headers: vec![],
        body: "<html>captive portal</html>".into(),
    });
    let url = serve(handler, Arc::new(Mutex::new(Vec::new())));
    cw(home.path())
        .args(["catalog", "refresh", "--github"])
        .env("GITHUB_API_URL", &url)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("unexpected answer").and(predicate::str::contains("not JSON")),
        );
}
