//! STRING-QUALITY on merged connectors: the share of the checked words of their titles,
//! summaries and descriptions that the speller flags. Merged connectors were read by
//! reviewers, so nearly every flag there is a false positive (a name, a term) or a real
//! slip that got through: the rate bounds the false positives. Skips without ../shared.

mod common;

use connector_wizard::document::{Connector, OpenApi};
use connector_wizard::json::Node;
use connector_wizard::rules::spelling::{words, Checker, Speller, Style};
use std::collections::BTreeMap;

/// The texts STRING-QUALITY reads, with their style.
fn texts(root: &Node) -> Vec<(&str, Style)> {
    fn push<'n>(out: &mut Vec<(&'n str, Style)>, n: Option<&'n Node>, style: Style) {
        if let Some(s) = n.and_then(Node::as_str) {
            out.push((s, style));
        }
    }
    let mut out = Vec::new();
    push(&mut out, root.pointer("/info/title"), Style::Name);
    push(&mut out, root.pointer("/info/description"), Style::Sentence);
    let api = OpenApi::new(root);
    for op in api.operations() {
        push(&mut out, op.get("summary"), Style::Sentence);
        push(&mut out, op.get("description"), Style::Sentence);
        for p in op.parameters(&api) {
            push(&mut out, p.node.get("x-ms-summary"), Style::Label);
            push(&mut out, p.node.get("description"), Style::Sentence);
        }
    }
    out
}

#[test]
fn spelling_flags_few_words_of_merged_connectors() {
    let Some(dir) = common::shared_or_skip(
        "spelling_flags_few_words_of_merged_connectors",
        "calibration/independent-publisher-connectors",
    ) else {
        return;
    };
    let mut folders: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    folders.sort();
    // With the catalog's names (what `check` uses), and without them: merged connectors are
    // in the catalog, a new one is not, so the second rate is what an unknown connector meets.
    let mut last = (0, 0.0, 0.0);
    for (label, speller) in [
        ("with the catalog's names", Speller::load(true)),
        ("without the catalog's names", Speller::load(false)),
    ] {
        let (mut checked, mut flagged, mut texts_n, mut texts_flagged) = (0usize, 0usize, 0, 0);
        let mut by_word: BTreeMap<String, usize> = BTreeMap::new();
        for f in &folders {
            let Ok(c) = Connector::load(f, None) else {
                continue;
            };
            let Some(root) = c.swagger_json() else {
                continue;
            };
            let mut checker = Checker::with(&speller);
            for (t, style) in texts(root) {
                texts_n += 1;
                checked += words(t, style).iter().filter(|w| !w.proper).count();
                let bad = checker.misspelt(t, style);
                if !bad.is_empty() {
                    texts_flagged += 1;
                }
                for w in bad {
                    flagged += 1;
                    *by_word.entry(w.to_lowercase()).or_default() += 1;
                }
            }
        }
        let rate = flagged as f64 * 100.0 / checked.max(1) as f64;
        let text_rate = texts_flagged as f64 * 100.0 / texts_n.max(1) as f64;
        eprintln!(
            "spelling on {} merged connectors, {label}: {flagged} of {checked} checked words flagged ({rate:.2}%), {texts_flagged} of {texts_n} texts ({text_rate:.2}%)",
            folders.len()
        );
        if std::env::var_os("CW_SPELLING_TOP").is_some() {
            let mut top: Vec<_> = by_word.into_iter().collect();
            top.sort_by_key(|w| std::cmp::Reverse(w.1));
            for (w, n) in top.iter().take(150) {
                eprintln!("{n:5} {w}");
            }
        }
        last = (checked, rate, text_rate);
    }
    let (checked, rate, text_rate) = last;
    assert!(checked > 50_000, "only {checked} words were checked");
    assert!(
        rate <= 0.75,
        "{rate:.2}% of the words of merged connectors are flagged"
    );
    assert!(
        text_rate <= 2.5,
        "{text_rate:.2}% of their texts are flagged"
    );
}
