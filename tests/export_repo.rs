//! Export into real git repositories created by the tests.

use connector_wizard::export::{self, BranchOutcome, ExportError, Origin, Status};
use connector_wizard::json;
use connector_wizard::session::{AuthKind, ConnectorKind, Session};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const IP: &str = "independent-publisher-connectors";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/generate")
        .join(name)
}

fn have_git() -> bool {
    Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn git(repo: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(args)
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", repo)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A checkout with one commit on `dev` holding another connector.
fn checkout() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    git(r, &["init", "-q"]);
    git(r, &["symbolic-ref", "HEAD", "refs/heads/dev"]);
    fs::create_dir_all(r.join(IP).join("Other")).unwrap();
    fs::write(r.join(IP).join("Other/readme.md"), "# Other\n").unwrap();
    git(r, &["add", "."]);
    git(r, &["commit", "-q", "-m", "initial"]);
    d
}

/// A working copy: the apikey fixture's swagger, a readme, a script, an icon, settings.json,
/// an image folder and an editor backup.
fn working_copy() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let w = d.path();
    fs::copy(
        fixture("apikey").join("apiDefinition.swagger.json"),
        w.join("apiDefinition.swagger.json"),
    )
    .unwrap();
    fs::write(
        w.join("readme.md"),
        "# Larkspur Tasks\r\n\r\nKept byte for byte.\r\n",
    )
    .unwrap();
    fs::write(w.join("script.csx"), "public class Script {}\n").unwrap();
    fs::write(w.join("icon.png"), b"\x89PNG\r\n").unwrap();
    fs::write(w.join("settings.json"), "{\"apiDefinition\": \"x\"}").unwrap();
    fs::write(w.join("readme.md~"), "backup").unwrap();
    fs::create_dir(w.join("img")).unwrap();
    fs::write(w.join("img/shot.png"), b"\x89PNG").unwrap();
    d
}

fn session(dir: &Path) -> Session {
    let mut s = Session::new("Larkspur Tasks", ConnectorKind::IndependentPublisher);
    s.connector_dir = Some(dir.to_path_buf());
    s.proposal.publisher = "Ada Example".into();
    s.proposal.stack_owner = "Larkspur Ltd".into();
    s.proposal.auth = AuthKind::ApiKey;
    s
}

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.file_name().unwrap() == ".git" {
                continue;
            }
            let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            if p.is_dir() {
                out.push((format!("{rel}/"), Vec::new()));
                stack.push(p);
            } else {
                out.push((rel, fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

macro_rules! need_git {
    () => {
        if !have_git() {
            eprintln!("skipped: git is not installed");
            return;
        }
    };
}

#[test]
fn export_copies_byte_for_byte_and_generates_what_is_missing() {
    need_git!();
    let repo = checkout();
    let wc = working_copy();
    let s = session(wc.path());
    let plan = export::plan(&s, None, repo.path()).unwrap();
    assert_eq!(plan.target_relative(), format!("{IP}/Larkspur Tasks"));
    let names: Vec<&str> = plan.files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "apiDefinition.swagger.json",
            "apiProperties.json",
            "intro.md",
            "readme.md",
            "script.csx"
        ]
    );
    assert!(plan.files.iter().all(|f| f.status == Status::New));
    let origin = |n: &str| {
        plan.files
            .iter()
            .find(|f| f.name == n)
            .unwrap()
            .origin
            .clone()
    };
    assert_eq!(origin("apiProperties.json"), Origin::Generated);
    assert_eq!(origin("intro.md"), Origin::Generated);
    assert!(matches!(origin("readme.md"), Origin::Copied { .. }));
    let skipped: Vec<&str> = plan.skipped.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(skipped, ["icon.png", "img/", "readme.md~", "settings.json"]);
    assert!(plan.skipped[0].reason.contains("no icon"));
    assert!(plan.skipped[3].reason.contains("paconn"));

    let applied = plan.apply(false).unwrap();
    assert_eq!(applied.written.len(), 5);
    let target = repo.path().join(IP).join("Larkspur Tasks");
    for copied in ["apiDefinition.swagger.json", "readme.md", "script.csx"] {
        assert_eq!(
            fs::read(target.join(copied)).unwrap(),
            fs::read(wc.path().join(copied)).unwrap(),
            "{copied} byte for byte"
        );
    }
    let ap: serde_json::Value =
        serde_json::from_slice(&fs::read(target.join("apiProperties.json")).unwrap()).unwrap();
    assert_eq!(ap["properties"]["iconBrandColor"], "#da3b01");
    assert!(fs::read_to_string(target.join("intro.md"))
        .unwrap()
        .contains("## How to get credentials"));
    for never in ["icon.png", "settings.json", "img", "readme.md~"] {
        assert!(!target.join(never).exists(), "{never} must not be exported");
    }
    // git sees exactly one new folder, and no temporary files were left.
    let status = git(
        repo.path(),
        &["status", "--porcelain", "--untracked-files=all"],
    );
    let mut lines: Vec<&str> = status.lines().collect();
    lines.sort();
    assert_eq!(lines.len(), 5, "{status}");
    assert!(
        lines.iter().all(|l| l
            .trim_start_matches("?? ")
            .trim_matches('"')
            .starts_with("independent-publisher-connectors/Larkspur Tasks/")),
        "{status}"
    );

    // The same export again: nothing to do.
    let again = export::plan(&s, None, repo.path()).unwrap();
    assert!(again.is_up_to_date(), "{:?}", again.files);
}

#[test]
fn changed_files_are_kept_unless_overwriting_and_edits_stay_minimal() {
    need_git!();
    let repo = checkout();
    let wc = working_copy();
    let s = session(wc.path());
    export::plan(&s, None, repo.path())
        .unwrap()
        .apply(false)
        .unwrap();
    git(repo.path(), &["add", "."]);
    git(repo.path(), &["commit", "-q", "-m", "export"]);

    // Edit one summary in the working copy with the minimal-diff writer.
    let sw_path = wc.path().join("apiDefinition.swagger.json");
    let text = fs::read_to_string(&sw_path).unwrap();
    let root = json::parse(&text).unwrap();
    let node = root.pointer("/paths/~1tasks/post/summary").unwrap();
    let (edited, _) = json::apply_edits(&text, &[json::TextEdit::set_string(node, "Add a task")]);
    fs::write(&sw_path, &edited).unwrap();

    let plan = export::plan(&s, None, repo.path()).unwrap();
    let changed: Vec<&str> = plan.changed_files().map(|f| f.name.as_str()).collect();
    assert_eq!(changed, ["apiDefinition.swagger.json"]);
    let Status::Changed { diff } = &plan.files[0].status else {
        panic!()
    };
    let minus: Vec<&str> = diff
        .lines()
        .filter(|l| l.starts_with('-') && !l.starts_with("---"))
        .collect();
    let plus: Vec<&str> = diff
        .lines()
        .filter(|l| l.starts_with('+') && !l.starts_with("+++"))
        .collect();
    assert_eq!(
        minus,
        ["-        \"summary\": \"Create a task\","],
        "{diff}"
    );
    assert_eq!(plus, ["+        \"summary\": \"Add a task\","], "{diff}");

    let target = repo
        .path()
        .join(IP)
        .join("Larkspur Tasks/apiDefinition.swagger.json");
    let before = fs::read(&target).unwrap();
    let applied = plan.apply(false).unwrap();
    assert!(applied.written.is_empty());
    assert_eq!(applied.kept, std::slice::from_ref(&target));
    assert_eq!(
        fs::read(&target).unwrap(),
        before,
        "not overwritten without being asked"
    );

    let applied = plan.apply(true).unwrap();
    assert_eq!(applied.written, std::slice::from_ref(&target));
    assert_eq!(fs::read(&target).unwrap(), edited.as_bytes());
    // git agrees: one line changed.
    let numstat = git(repo.path(), &["diff", "--numstat"]);
    assert!(numstat.starts_with("1\t1\t"), "{numstat}");
}

#[test]
fn generated_files_never_replace_files_of_the_checkout() {
    need_git!();
    let repo = checkout();
    let wc = working_copy();
    let s = session(wc.path());
    export::plan(&s, None, repo.path())
        .unwrap()
        .apply(false)
        .unwrap();
    // The author edits the generated intro.md in the checkout; the working copy has none.
    let intro = repo.path().join(IP).join("Larkspur Tasks/intro.md");
    fs::write(&intro, "Hand-written intro.\n").unwrap();
    let plan = export::plan(&s, None, repo.path()).unwrap();
    assert!(plan.files.iter().all(|f| f.name != "intro.md"));
    assert!(
        plan.notes.iter().any(|n| n.contains("intro.md")),
        "{:?}",
        plan.notes
    );
    assert!(plan.is_up_to_date());
    assert_eq!(fs::read_to_string(&intro).unwrap(), "Hand-written intro.\n");
}

#[test]
fn a_failure_half_way_leaves_the_checkout_as_it_was() {
    need_git!();
    let repo = checkout();
    let wc = working_copy();
    let s = session(wc.path());
    export::plan(&s, None, repo.path())
        .unwrap()
        .apply(false)
        .unwrap();

    // Change three files and add one; plan.
    fs::write(wc.path().join("readme.md"), "# Larkspur Tasks\n\nNew.\n").unwrap();
    fs::write(wc.path().join("script.csx"), "// new\n").unwrap();
    fs::write(wc.path().join("zz-notes.txt"), "notes\n").unwrap();
    let plan = export::plan(&s, None, repo.path()).unwrap();
    assert_eq!(plan.changed_files().count(), 2);
    assert_eq!(plan.new_files().count(), 1);

    // After the plan, a folder appears where the last file goes.
    let in_the_way = repo.path().join(IP).join("Larkspur Tasks/zz-notes.txt");
    fs::create_dir(&in_the_way).unwrap();
    // An old modification time shows whether readme.md is written (and put back) below.
    let readme = repo.path().join(IP).join("Larkspur Tasks/readme.md");
    let long_ago = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
    fs::File::options()
        .write(true)
        .open(&readme)
        .unwrap()
        .set_modified(long_ago)
        .unwrap();
    let before = snapshot(repo.path());
    let err = plan.apply(true).unwrap_err();
    assert!(
        matches!(&err, ExportError::ChangedSincePlan { path } if path == &in_the_way),
        "{err}"
    );
    assert_eq!(
        snapshot(repo.path()),
        before,
        "readme.md and script.csx were put back"
    );
    // readme.md was really written (a new file each time) and then put back.
    assert_ne!(fs::metadata(&readme).unwrap().modified().unwrap(), long_ago);
}

#[test]
fn a_folder_in_the_way_at_planning_blocks_the_export() {
    need_git!();
    let repo = checkout();
    let wc = working_copy();
    let s = session(wc.path());
    let target = repo.path().join(IP).join("Larkspur Tasks");
    fs::create_dir_all(target.join("readme.md")).unwrap();
    let plan = export::plan(&s, None, repo.path()).unwrap();
    assert_eq!(plan.problems.len(), 1, "{:?}", plan.problems);
    assert!(plan.problems[0].contains("readme.md"));
    let before = snapshot(repo.path());
    let err = plan.apply(true).unwrap_err();
    assert!(matches!(err, ExportError::Blocked { .. }), "{err}");
    assert!(err.to_string().contains("move it away"));
    assert_eq!(snapshot(repo.path()), before);
}

#[test]
fn unsafe_names_are_refused_and_nothing_is_created() {
    need_git!();
    let repo = checkout();
    let wc = working_copy();
    for name in [
        "../../escape",
        "a/b",
        "..",
        "CON",
        "Tasks: v2",
        "bad\u{1b}name",
    ] {
        let mut s = session(wc.path());
        s.name = name.into();
        let err = export::plan(&s, None, repo.path()).unwrap_err();
        assert!(
            matches!(err, ExportError::InvalidName { .. }),
            "{name:?}: {err}"
        );
    }
    assert_eq!(
        fs::read_dir(repo.path().join(IP)).unwrap().count(),
        1,
        "only the existing connector"
    );
    assert!(!repo.path().parent().unwrap().join("escape").exists());
}

#[test]
fn the_repository_must_be_a_checkout() {
    let wc = working_copy();
    let s = session(wc.path());
    let plain = tempfile::tempdir().unwrap();
    let err = export::plan(&s, None, plain.path()).unwrap_err();
    assert!(err.to_string().contains(".git"), "{err}");
    fs::create_dir(plain.path().join(".git")).unwrap();
    let err = export::plan(&s, None, plain.path()).unwrap_err();
    assert!(
        err.to_string()
            .contains("independent-publisher-connectors/"),
        "{err}"
    );
    let err = export::plan(&s, None, &plain.path().join("nope")).unwrap_err();
    assert!(matches!(err, ExportError::RepoNotFound { .. }), "{err}");

    let mut no_dir = s.clone();
    no_dir.connector_dir = None;
    fs::create_dir(plain.path().join(IP)).unwrap();
    let err = export::plan(&no_dir, None, plain.path()).unwrap_err();
    assert!(matches!(err, ExportError::NoConnectorDir { .. }), "{err}");
}

#[test]
fn an_existing_connector_of_the_checkout_exports_into_its_own_folder() {
    need_git!();
    // An update started from the checkout's folder (`--from`): the folder keeps its name
    // even when the session's name differs, every file is unchanged, intro.md is added.
    let repo = checkout();
    let folder = repo.path().join(IP).join("Larkspur Tasks V2");
    fs::create_dir(&folder).unwrap();
    fs::copy(
        fixture("apikey").join("apiDefinition.swagger.json"),
        folder.join("apiDefinition.swagger.json"),
    )
    .unwrap();
    fs::write(folder.join("readme.md"), "# Larkspur Tasks\n").unwrap();
    fs::write(folder.join("apiProperties.json"), "{\"properties\": {}}\n").unwrap();
    let mut s = session(&folder);
    s.name = "Larkspur".into();
    s.is_update = true;
    let plan = export::plan(&s, None, repo.path()).unwrap();
    assert_eq!(plan.folder, "Larkspur Tasks V2");
    let st: Vec<(&str, &Status)> = plan
        .files
        .iter()
        .map(|f| (f.name.as_str(), &f.status))
        .collect();
    assert_eq!(
        st,
        [
            ("apiDefinition.swagger.json", &Status::Unchanged),
            ("apiProperties.json", &Status::Unchanged),
            ("intro.md", &Status::New),
            ("readme.md", &Status::Unchanged)
        ]
    );
}

#[test]
fn branch_is_created_then_switched_to() {
    need_git!();
    let repo = checkout();
    assert_eq!(
        export::switch_branch(repo.path(), "larkspur-tasks").unwrap(),
        BranchOutcome::Created
    );
    assert_eq!(
        git(repo.path(), &["rev-parse", "--abbrev-ref", "HEAD"]).trim(),
        "larkspur-tasks"
    );
    assert_eq!(
        export::switch_branch(repo.path(), "larkspur-tasks").unwrap(),
        BranchOutcome::AlreadyOn
    );
    assert_eq!(
        export::switch_branch(repo.path(), "dev").unwrap(),
        BranchOutcome::Switched
    );
    let err = export::switch_branch(repo.path(), "bad..name").unwrap_err();
    assert!(err.to_string().contains("not a valid branch name"), "{err}");
}
