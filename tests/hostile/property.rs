//! Property: the JSON reader and the checker take any bytes, random or a real swagger
//! mutated, without panicking, and every finding's line and column lie inside its file.
//! Few cases, so that `cargo test` stays quick; `PROPTEST_CASES=N` runs N of each.

use connector_wizard::document::{Connector, SourceFile};
use connector_wizard::rules::{self, CheckOptions};
use proptest::prelude::*;
use std::fs;
use std::path::PathBuf;
use std::sync::OnceLock;

/// `PROPTEST_CASES` when set, else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Runs the reader and every rule on `bytes` as a connector's swagger (with a readme and
/// apiProperties.json made of the same bytes) and checks the positions of the findings.
fn check_bytes(bytes: &[u8]) -> Result<(), TestCaseError> {
    // The reader alone.
    let file = SourceFile::from_bytes("x.json".into(), "x.json".into(), bytes.to_vec(), true);
    if let Some(Err(e)) = &file.parsed {
        prop_assert!(
            e.offset <= file.text.len(),
            "parse error offset out of the text"
        );
        let (line, _) = file.line_col(e.offset);
        prop_assert!(line <= file.lines.line_count());
    }
    // The whole checker on a folder.
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("apiDefinition.swagger.json"), bytes).unwrap();
    fs::write(dir.path().join("apiProperties.json"), bytes).unwrap();
    fs::write(dir.path().join("readme.md"), bytes).unwrap();
    let c = Connector::load(dir.path(), None).unwrap();
    let findings = rules::check(&c, &CheckOptions::default());
    let files: Vec<&SourceFile> = [&c.swagger, &c.api_properties, &c.readme]
        .into_iter()
        .flatten()
        .collect();
    for f in &findings {
        if f.line == 0 {
            continue;
        }
        let src = files.iter().find(|s| s.display == f.file);
        let Some(src) = src else {
            return Err(TestCaseError::fail(format!(
                "finding on an unknown file: {f:?}"
            )));
        };
        let span = src.lines.line_span(&src.text, f.line);
        let Some((start, end)) = span else {
            return Err(TestCaseError::fail(format!(
                "line {} of a file of {} lines: {f:?}",
                f.line,
                src.lines.line_count()
            )));
        };
        let width = src.text[start..end].chars().count();
        prop_assert!(
            f.column >= 1 && f.column <= width + 1,
            "column {} on a line of {} characters: {:?}",
            f.column,
            width,
            f
        );
    }
    Ok(())
}

/// The corpus's swaggers under 300 kB (the checker runs unoptimised in tests), read once.
fn corpus_swaggers() -> &'static [Vec<u8>] {
    static SWAGGERS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    SWAGGERS.get_or_init(|| {
        let Some(corpus) = super::common::corpus_or_skip("property: mutated real swaggers") else {
            return Vec::new();
        };
        let mut paths: Vec<PathBuf> = super::common::corpus_folders(&corpus)
            .into_iter()
            .flat_map(|d| fs::read_dir(d).into_iter().flatten().flatten())
            .map(|e| e.path())
            .filter(|p| p.to_string_lossy().ends_with(".swagger.json"))
            .collect();
        paths.sort();
        paths
            .iter()
            .filter_map(|p| fs::read(p).ok())
            .filter(|b| b.len() < 300_000)
            .collect()
    })
}

/// One change to a byte string.
#[derive(Debug, Clone)]
enum Mutation {
    Flip {
        at: usize,
        byte: u8,
    },
    Delete {
        at: usize,
        len: usize,
    },
    Insert {
        at: usize,
        bytes: Vec<u8>,
    },
    Truncate {
        at: usize,
    },
    /// Every LF becomes CR, or CRLF.
    LineEnds {
        crlf: bool,
    },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let tokens = prop::sample::select(vec![
        &b"{"[..],
        b"}",
        b"[",
        b"]",
        b"\"",
        b",",
        b":",
        b"\\",
        b"\\u",
        b"\\ud800",
        b"null",
        b"\xEF\xBB\xBF",
        b"\xff\xfe",
        b"\x1b[2J",
        b"\r",
        b"\n",
        b"\t",
        b"\xe2\x80\xae",
        b"0e99999",
        b"-",
        b"{\"$ref\": \"#/definitions/x\"}",
    ]);
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Mutation::Flip { at, byte }),
        (any::<usize>(), 1usize..64).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), tokens).prop_map(|(at, t)| Mutation::Insert {
            at,
            bytes: t.to_vec()
        }),
        any::<usize>().prop_map(|at| Mutation::Truncate { at }),
        any::<bool>().prop_map(|crlf| Mutation::LineEnds { crlf }),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let n = bytes.len().max(1);
    match m {
        Mutation::Flip { at, byte } => {
            if !bytes.is_empty() {
                bytes[at % n] = *byte;
            }
        }
        Mutation::Delete { at, len } => {
            let start = at % n;
            let end = (start + len).min(bytes.len());
            if start < end {
                bytes.drain(start..end);
            }
        }
        Mutation::Insert { at, bytes: t } => {
            let at = at % (bytes.len() + 1);
            bytes.splice(at..at, t.iter().copied());
        }
        Mutation::Truncate { at } => bytes.truncate(at % n),
        Mutation::LineEnds { crlf } => {
            let text: Vec<u8> = bytes
                .iter()
                .flat_map(|&b| match (b, crlf) {
                    (b'\n', true) => vec![b'\r', b'\n'],
                    (b'\n', false) => vec![b'\r'],
                    (b, _) => vec![b],
                })
                .collect();
            *bytes = text;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(48), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic_and_positions_fit(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        check_bytes(&bytes)?;
    }

    #[test]
    fn random_json_like_text_never_panics(parts in prop::collection::vec(
        prop::sample::select(vec!["{", "}", "[", "]", "\"a\"", "\"swagger\"", "\"2.0\"", ":", ",",
            "\"paths\"", "\"/x\"", "\"get\"", "\"operationId\"", "1", "-0.5e3", "true", "null",
            "\n", "\r", " ", "\"\\u00e9\"", "\"\\ud83d\"", "\u{202e}"]),
        0..200,
    )) {
        check_bytes(parts.concat().as_bytes())?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(24), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_real_swaggers_never_panic_and_positions_fit(
        pick in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let swaggers = corpus_swaggers();
        if swaggers.is_empty() {
            return Ok(());
        }
        let mut bytes = pick.get(swaggers).clone();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        check_bytes(&bytes)?;
    }
}
