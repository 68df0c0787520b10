//! The layout of `src/tui/` shows the wizard: one module per step under `steps/` mirroring
//! `views/`, and no file of `tui/` that imports one that imports it back (directly or through
//! others). References in comments are not imports and are left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The module path of a file: src/tui/steps/build/mod.rs → ["tui", "steps", "build"].
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut v: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if v.last().is_some_and(|l| l == "mod") {
        v.pop();
    }
    v
}

/// The modules a file refers to through `crate::…`, `super::…` and `self::…` paths (in `use`
/// groups too), resolved to the longest module that exists.
fn imports(text: &str, me: &[String], modules: &BTreeSet<Vec<String>>) -> BTreeSet<Vec<String>> {
    let code: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let resolve = |segs: &[&str]| -> Option<Vec<String>> {
        let mut base: Vec<String> = match segs.first()? {
            &"crate" => Vec::new(),
            &"super" | &"self" => me.to_vec(),
            _ => return None,
        };
        let mut rest = &segs[1..];
        if segs[0] == "super" {
            base.pop();
            while rest.first() == Some(&"super") {
                base.pop();
                rest = &rest[1..];
            }
        }
        let full: Vec<String> = base
            .into_iter()
            .chain(rest.iter().map(|s| s.to_string()))
            .collect();
        (1..=full.len())
            .rev()
            .map(|n| full[..n].to_vec())
            .find(|m| modules.contains(m))
    };
    let mut out = BTreeSet::new();
    let b = code.as_bytes();
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut i = 0;
    while i < b.len() {
        let at_path = ["crate::", "super::", "self::"]
            .iter()
            .any(|p| b[i..].starts_with(p.as_bytes()))
            && (i == 0 || !ident(b[i - 1]));
        if !at_path {
            i += 1;
            continue;
        }
        // The path, then an optional `{a, b::c}` group.
        let mut j = i;
        while j < b.len() && (ident(b[j]) || b[j] == b':') {
            j += 1;
        }
        let path = code[i..j].trim_end_matches(':');
        let segs: Vec<&str> = path.split("::").collect();
        if j < b.len() && b[j] == b'{' {
            let end = code[j..].find('}').map(|k| j + k).unwrap_or(j);
            for item in code[j + 1..end].split(',') {
                let item = item.trim().split("::").next().unwrap_or("").trim();
                if item.is_empty() || item == "self" {
                    continue;
                }
                let mut s = segs.clone();
                s.push(item);
                out.extend(resolve(&s));
            }
        } else {
            out.extend(resolve(&segs));
        }
        i = j;
    }
    out.remove(me);
    out
}

#[test]
fn no_file_of_tui_imports_one_that_imports_it_back() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src.join("tui"), &mut files);
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(&src, f)).collect();
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for f in &files {
        let me = module_of(&src, f);
        let text = std::fs::read_to_string(f).unwrap();
        let deps = imports(&text, &me, &modules)
            .into_iter()
            .filter(|m| m.first().is_some_and(|x| x == "tui"))
            .collect();
        edges.insert(me, deps);
    }
    // Sanity: the checker sees imports at all.
    assert!(edges[&vec!["tui".to_string(), "update".to_string()]]
        .contains(&vec!["tui".to_string(), "app".to_string()]));
    // Depth-first search for a cycle.
    fn visit(
        m: &Vec<String>,
        edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        state: &mut BTreeMap<Vec<String>, u8>,
        stack: &mut Vec<Vec<String>>,
    ) -> Option<Vec<Vec<String>>> {
        state.insert(m.clone(), 1);
        stack.push(m.clone());
        for d in edges.get(m).into_iter().flatten() {
            match state.get(d) {
                Some(1) => {
                    let from = stack.iter().position(|x| x == d).unwrap();
                    let mut c = stack[from..].to_vec();
                    c.push(d.clone());
                    return Some(c);
                }
                Some(_) => {}
                None => {
                    if let Some(c) = visit(d, edges, state, stack) {
                        return Some(c);
                    }
                }
            }
        }
        stack.pop();
        state.insert(m.clone(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for m in edges.keys() {
        if !state.contains_key(m) {
            if let Some(c) = visit(m, &edges, &mut state, &mut Vec::new()) {
                let names: Vec<String> = c.iter().map(|m| m.join("/")).collect();
                panic!("import cycle in src/tui: {}", names.join(" → "));
            }
        }
    }
}

#[test]
fn each_step_has_its_module_and_its_view() {
    let tui = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui");
    for step in [
        "prerequisites",
        "verify",
        "propose",
        "build",
        "submit",
        "track",
    ] {
        let module = tui.join(format!("steps/{step}.rs"));
        let folder = tui.join(format!("steps/{step}/mod.rs"));
        assert!(
            module.is_file() || folder.is_file(),
            "no module for the step {step}"
        );
        assert!(
            tui.join(format!("views/{step}.rs")).is_file(),
            "no view for the step {step}"
        );
    }
}
