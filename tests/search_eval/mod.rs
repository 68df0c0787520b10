//! The duplicate search's quality evaluation, shared by `tests/search_quality.rs` (which
//! asserts the targets) and `benches/search.rs` (which prints the same figures next to the
//! speed). Everything is generated from the catalog itself by a seeded, deterministic
//! generator, so the figures are reproducible.
//!
//! Positives: loosely typed variants of every searchable name. The *easy* kinds (issue 3):
//! case changes, removed and added spaces, CamelCase, punctuation, suffixes such as
//! "(Independent Publisher)"/"connector"/"API"/"V2", one typo, one transposition, a dropped
//! vendor prefix, the repository folder name, and combinations. The *half-remembered*
//! kinds (issue 11): a word dropped, words reordered, "MS" for "Microsoft", an extra word
//! ("integration", "app", a vendor prefix), two typos.
//!
//! A variant is *found* when the target, or an entry of the same service (equal titles, or a
//! title equal to the other's folder name once normalised), is among the first 5 hits; it
//! is *judged* when that hit's verdict is `same` or `likely`. Variants that are exactly
//! another connector's name are left out: no engine can tell which one the author meant.
//!
//! Negatives: made-up service names (random syllables, syllables plus a common word,
//! combinations of ordinary words) that are not in the catalog. The answer's verdict should
//! be `different`, or `vendor` when one of the words is a real vendor's name.
#![allow(dead_code)]

use connector_wizard::catalog::normalize::normalize;
use connector_wizard::catalog::{Catalog, Entry, SearchHit, Verdict};
use std::collections::{BTreeMap, HashMap, HashSet};

/// SplitMix64: small, seeded, deterministic.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

const QWERTY: [&str; 3] = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];

/// A key next to `c` on a QWERTY keyboard.
fn neighbour(rng: &mut Rng, c: char) -> char {
    let lc = c.to_ascii_lowercase();
    for (r, row) in QWERTY.iter().enumerate() {
        if let Some(i) = row.find(lc) {
            let mut opts: Vec<char> = Vec::new();
            let b = row.as_bytes();
            if i > 0 {
                opts.push(b[i - 1] as char);
            }
            if i + 1 < b.len() {
                opts.push(b[i + 1] as char);
            }
            for rr in [r.wrapping_sub(1), r + 1] {
                if let Some(other) = QWERTY.get(rr) {
                    if let Some(&ch) = other.as_bytes().get(i) {
                        opts.push(ch as char);
                    }
                }
            }
            let n = *rng.pick(&opts);
            return if c.is_uppercase() {
                n.to_ascii_uppercase()
            } else {
                n
            };
        }
    }
    'x'
}

fn letter_positions(chars: &[char]) -> Vec<usize> {
    (0..chars.len())
        .filter(|&i| chars[i].is_ascii_alphabetic())
        .collect()
}

/// One typo: a neighbouring key instead of a letter, an extra neighbouring key, or a
/// dropped letter.
pub fn typo(rng: &mut Rng, s: &str) -> Option<String> {
    let mut chars: Vec<char> = s.chars().collect();
    let pos = letter_positions(&chars);
    if pos.len() < 5 {
        return None;
    }
    let i = *rng.pick(&pos);
    match rng.below(3) {
        0 => chars[i] = neighbour(rng, chars[i]),
        1 => {
            let c = neighbour(rng, chars[i]);
            chars.insert(i + 1, c);
        }
        _ => {
            chars.remove(i);
        }
    }
    Some(chars.into_iter().collect())
}

fn transpose(rng: &mut Rng, s: &str) -> Option<String> {
    let mut chars: Vec<char> = s.chars().collect();
    let pairs: Vec<usize> = (0..chars.len().saturating_sub(1))
        .filter(|&i| {
            chars[i].is_ascii_alphabetic()
                && chars[i + 1].is_ascii_alphabetic()
                && !chars[i].eq_ignore_ascii_case(&chars[i + 1])
        })
        .collect();
    if letter_positions(&chars).len() < 4 || pairs.is_empty() {
        return None;
    }
    let i = *rng.pick(&pairs);
    chars.swap(i, i + 1);
    Some(chars.into_iter().collect())
}

fn camel(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut cs = w.chars();
            let first = cs.next().unwrap().to_uppercase().to_string();
            first + &cs.as_str().to_lowercase()
        })
        .collect()
}

fn add_space(rng: &mut Rng, s: &str) -> Option<String> {
    let chars: Vec<char> = s.chars().collect();
    let inner: Vec<usize> = (2..chars.len().saturating_sub(1))
        .filter(|&i| chars[i - 1].is_alphabetic() && chars[i].is_alphabetic())
        .collect();
    if inner.is_empty() {
        return None;
    }
    let i = *rng.pick(&inner);
    let mut out: String = chars[..i].iter().collect();
    out.push(' ');
    out.extend(&chars[i..]);
    Some(out)
}

fn punct(rng: &mut Rng, s: &str) -> Option<String> {
    if s.contains(' ') {
        let sep = *rng.pick(&["-", "_", ".", " - "]);
        Some(s.replace(' ', sep))
    } else if s.chars().any(|c| !c.is_alphanumeric()) {
        Some(s.replace(|c: char| !c.is_alphanumeric(), " "))
    } else {
        None
    }
}

const SUFFIXES: [&str; 7] = [
    " (Independent Publisher)",
    " connector",
    " Connector",
    " API",
    " V2",
    " api connector",
    " (Preview)",
];

/// Words people add to a name they half remember.
const EXTRA_WORDS: [&str; 4] = ["integration", "app", "online", "cloud"];

fn drop_vendor(s: &str) -> Option<String> {
    for p in ["Microsoft ", "Azure ", "MS ", "microsoft ", "azure "] {
        if let Some(rest) = s.strip_prefix(p) {
            if !rest.trim().is_empty() {
                return Some(rest.to_string());
            }
        }
    }
    None
}

/// The easy variants of one name (issue 3): (kind, text).
pub fn easy_variants(rng: &mut Rng, e: &Entry) -> Vec<(&'static str, String)> {
    let n = e.name.as_str();
    let mut v: Vec<(&'static str, String)> = vec![
        ("lower", n.to_lowercase()),
        ("upper", n.to_uppercase()),
        ("camel", camel(n)),
        ("suffix", format!("{n}{}", rng.pick(&SUFFIXES))),
    ];
    if n.contains(' ') {
        v.push(("no-spaces", n.replace(' ', "")));
    }
    if let Some(s) = add_space(rng, n) {
        v.push(("added-space", s));
    }
    if let Some(s) = punct(rng, n) {
        v.push(("punctuation", s));
    }
    if let Some(s) = typo(rng, n) {
        v.push(("typo", s));
    }
    if let Some(s) = transpose(rng, n) {
        v.push(("transposition", s));
    }
    if let Some(s) = drop_vendor(n) {
        v.push(("no-vendor", s));
    }
    if let Some(f) = &e.folder {
        if f != n {
            v.push(("folder", f.clone()));
        }
    }
    if let Some(s) = typo(rng, &n.to_lowercase()) {
        v.push(("lower+typo", format!("{s}{}", rng.pick(&SUFFIXES))));
    }
    if let Some(s) = transpose(rng, &n.replace(' ', "")) {
        v.push(("no-spaces+transposition", s.to_lowercase()));
    }
    v
}

/// The half-remembered variants of one name (issue 11): (kind, text).
pub fn remembered_variants(rng: &mut Rng, e: &Entry) -> Vec<(&'static str, String)> {
    let n = e.name.as_str();
    let mut v = Vec::new();
    if n.chars().filter(char::is_ascii_alphabetic).count() >= 10 {
        if let Some(s) = typo(rng, n).and_then(|s| typo(rng, &s)) {
            v.push(("two typos", s));
        }
    }
    let words: Vec<&str> = n.split_whitespace().collect();
    if words.len() >= 3 {
        let i = 1 + rng.below(words.len() - 1);
        let kept: Vec<&str> = words
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, w)| *w)
            .collect();
        v.push(("word dropped", kept.join(" ")));
    }
    if words.len() >= 2 {
        let mut r = words.clone();
        r.rotate_left(1);
        v.push(("words reordered", r.join(" ")));
    }
    if words.contains(&"Microsoft") {
        v.push(("MS for Microsoft", n.replacen("Microsoft", "MS", 1)));
    }
    if !n.starts_with("Microsoft") && !n.starts_with("Azure") {
        v.push((
            "vendor added",
            format!("{} {n}", rng.pick(&["Microsoft", "Azure"])),
        ));
    }
    v.push(("extra word", format!("{n} {}", rng.pick(&EXTRA_WORDS))));
    v
}

const ONSETS: [&str; 24] = [
    "b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "kr", "pl",
    "st", "tr", "qu", "sh", "ch", "x",
];
const VOWELS: [&str; 8] = ["a", "e", "i", "o", "u", "ai", "ou", "y"];
const CODAS: [&str; 10] = ["", "", "", "n", "r", "l", "x", "s", "m", "k"];
const COMMON: [&str; 24] = [
    "Cloud",
    "Analytics",
    "Hub",
    "Sync",
    "Pay",
    "CRM",
    "Data",
    "Forms",
    "Mail",
    "Docs",
    "Connect",
    "Sign",
    "Tracker",
    "Insights",
    "Bot",
    "Flow",
    "Desk",
    "Labs",
    "Works",
    "Suite",
    "Notes",
    "Chat",
    "Vault",
    "Portal",
];
const WORDS: [&str; 40] = [
    "Amber", "Lantern", "Ledger", "Harbor", "Pixel", "Quiet", "Falcon", "Orchard", "Granite",
    "Willow", "Copper", "Meadow", "Beacon", "Summit", "Cobalt", "Juniper", "Marble", "Saffron",
    "Thistle", "Tundra", "Velvet", "Walnut", "Zephyr", "Badger", "Canyon", "Dune", "Ember",
    "Fjord", "Glacier", "Hazel", "Indigo", "Jasper", "Kestrel", "Lotus", "Mosaic", "Nimbus",
    "Opal", "Prairie", "Quartz", "Raven",
];

fn brand(rng: &mut Rng) -> String {
    let n = 2 + rng.below(2);
    let mut s = String::new();
    for _ in 0..n {
        let part: &&str = rng.pick(&ONSETS);
        s.push_str(part);
        let part: &&str = rng.pick(&VOWELS);
        s.push_str(part);
        let part: &&str = rng.pick(&CODAS);
        s.push_str(part);
    }
    let mut cs = s.chars();
    let first = cs.next().unwrap().to_ascii_uppercase();
    format!("{first}{}", cs.as_str())
}

/// A made-up service name: (kind, text).
pub fn made_up(rng: &mut Rng) -> (&'static str, String) {
    match rng.below(4) {
        0 => ("brand", brand(rng)),
        1 => (
            "brand+word",
            format!("{} {}", brand(rng), rng.pick(&COMMON)),
        ),
        2 => {
            let a = rng.pick(&WORDS);
            let b = rng.pick(&WORDS);
            ("words", format!("{a} {b} {}", rng.pick(&COMMON)))
        }
        _ => {
            let a = rng.pick(&WORDS);
            ("word+brand", format!("{a} {}", brand(rng)))
        }
    }
}

/// Counts for one kind of variant.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub n: usize,
    /// The first hit is the target.
    pub first: usize,
    /// The target is among the first 5 hits.
    pub top5: usize,
    /// The target is among the first 5 hits with verdict `same` or `likely`.
    pub judged: usize,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.n += o.n;
        self.first += o.first;
        self.top5 += o.top5;
        self.judged += o.judged;
    }
}

/// Counts for one kind of made-up name.
#[derive(Debug, Default, Clone, Copy)]
pub struct NegTally {
    pub n: usize,
    /// The answer is `same` or `likely`.
    pub same_or_likely: usize,
    /// The answer is `vendor`.
    pub vendor: usize,
    /// The answer is `vendor` but no word of the name is that vendor's name.
    pub vendor_without_word: usize,
}

/// What [`evaluate`] measured.
#[derive(Debug, Default)]
pub struct Report {
    pub searchable: usize,
    pub easy: BTreeMap<&'static str, Tally>,
    pub remembered: BTreeMap<&'static str, Tally>,
    pub skipped: usize,
    pub negatives: BTreeMap<&'static str, NegTally>,
    /// Examples of misses (half-remembered kinds first) and of false answers.
    pub misses: Vec<String>,
    pub false_answers: Vec<String>,
    /// Examples of made-up names judged `vendor`.
    pub vendor_answers: Vec<String>,
}

fn pct(a: usize, n: usize) -> f64 {
    100.0 * a as f64 / n.max(1) as f64
}

impl Report {
    pub fn easy_total(&self) -> Tally {
        let mut t = Tally::default();
        self.easy.values().for_each(|x| t.add(x));
        t
    }

    pub fn remembered_total(&self) -> Tally {
        let mut t = Tally::default();
        self.remembered.values().for_each(|x| t.add(x));
        t
    }

    pub fn all_total(&self) -> Tally {
        let mut t = self.easy_total();
        t.add(&self.remembered_total());
        t
    }

    pub fn negative_total(&self) -> NegTally {
        let mut t = NegTally::default();
        for x in self.negatives.values() {
            t.n += x.n;
            t.same_or_likely += x.same_or_likely;
            t.vendor += x.vendor;
            t.vendor_without_word += x.vendor_without_word;
        }
        t
    }

    /// Percentages of a tally: (first, top 5, judged).
    pub fn rates(t: &Tally) -> (f64, f64, f64) {
        (pct(t.first, t.n), pct(t.top5, t.n), pct(t.judged, t.n))
    }

    /// The figures as a table.
    pub fn render(&self) -> String {
        let mut s = format!(
            "search quality over {} searchable entries\n{:>26} {:>6} {:>8} {:>8} {:>14}\n",
            self.searchable, "variant", "n", "first", "top 5", "same/likely"
        );
        let row = |s: &mut String, k: &str, t: &Tally| {
            let (a, b, c) = Report::rates(t);
            s.push_str(&format!(
                "{k:>26} {:>6} {a:>7.1}% {b:>7.1}% {c:>13.1}%\n",
                t.n
            ));
        };
        for (k, t) in &self.easy {
            row(&mut s, k, t);
        }
        row(&mut s, "easy kinds (issue 3)", &self.easy_total());
        for (k, t) in &self.remembered {
            row(&mut s, k, t);
        }
        row(
            &mut s,
            "half-remembered (issue 11)",
            &self.remembered_total(),
        );
        row(&mut s, "all variants", &self.all_total());
        s.push_str(&format!(
            "{:>26}   ({} ambiguous variants left out)\n",
            "", self.skipped
        ));
        let nrow = |s: &mut String, k: &str, t: &NegTally| {
            s.push_str(&format!(
                "{k:>26} {:>6}  same/likely {:>5.1}%  vendor {:>5.1}% ({} without a vendor word)\n",
                t.n,
                pct(t.same_or_likely, t.n),
                pct(t.vendor, t.n),
                t.vendor_without_word
            ));
        };
        for (k, t) in &self.negatives {
            nrow(&mut s, &format!("made-up {k}"), t);
        }
        nrow(&mut s, "made-up names", &self.negative_total());
        s
    }
}

/// Whether a hit counts as judged the same service.
pub fn judged(h: &SearchHit) -> bool {
    matches!(h.verdict, Verdict::Same | Verdict::Likely)
}

/// The answer's verdict for a list of hits (the strongest one).
pub fn answer_verdict(hits: &[SearchHit]) -> Verdict {
    hits.iter()
        .map(|h| h.verdict)
        .min()
        .unwrap_or(Verdict::Different)
}

/// Squashed words of a text, for the vendor-word check: every run of consecutive words.
fn word_runs(text: &str) -> HashSet<String> {
    let n = normalize(text);
    let words: Vec<&str> = n.coarse.iter().map(|t| t.text.as_str()).collect();
    let mut out = HashSet::new();
    for i in 0..words.len() {
        let mut s = String::new();
        for w in &words[i..] {
            s.push_str(w);
            out.insert(s.clone());
        }
    }
    out
}

/// Runs the whole evaluation: `every`-th searchable entry (1 = all), `negatives` made-up
/// names.
pub fn evaluate(catalog: &Catalog, every: usize, negatives: usize) -> Report {
    let entries = catalog.entries();
    let searchable: Vec<(usize, &Entry)> = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.status.is_some())
        .collect();

    // Core keys of every searchable entry (name and folder) → entries.
    let mut by_core: HashMap<String, HashSet<usize>> = HashMap::new();
    for (i, e) in &searchable {
        by_core
            .entry(normalize(&e.name).core)
            .or_default()
            .insert(*i);
        if let Some(f) = &e.folder {
            by_core.entry(normalize(f).core).or_default().insert(*i);
        }
    }
    let keys: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            let mut k = vec![normalize(&e.name).core];
            if let Some(f) = &e.folder {
                k.push(normalize(f).core);
            }
            k
        })
        .collect();
    let same = |a: usize, b: usize| {
        let (ka, kb) = (&keys[a], &keys[b]);
        entries[a].name.eq_ignore_ascii_case(&entries[b].name)
            || kb.contains(&ka[0])
            || ka.contains(&kb[0])
    };
    // Hits carry names, folders and kinds; map them back to entries.
    let index_of: HashMap<(String, Option<String>, Option<u64>), usize> = searchable
        .iter()
        .map(|(i, e)| ((e.name.clone(), e.folder.clone(), e.pr_number), *i))
        .collect();
    let entry_of = |h: &SearchHit| {
        index_of
            .get(&(h.name.clone(), h.folder.clone(), h.pr_number))
            .copied()
    };

    let mut report = Report {
        searchable: searchable.len(),
        ..Report::default()
    };
    let mut rng = Rng(0x00C0_FFEE_2024_1023);
    let mut remembered_misses = Vec::new();
    let mut easy_misses = Vec::new();
    for (n, (ti, target)) in searchable.iter().enumerate() {
        let easy = easy_variants(&mut rng, target);
        let remembered = remembered_variants(&mut rng, target);
        if n % every != 0 {
            continue;
        }
        let all = easy
            .into_iter()
            .map(|v| (false, v))
            .chain(remembered.into_iter().map(|v| (true, v)));
        for (is_remembered, (kind, q)) in all {
            let core = normalize(&q).core;
            if core.is_empty() {
                report.skipped += 1;
                continue;
            }
            if let Some(owners) = by_core.get(&core) {
                if owners.iter().any(|&o| !same(o, *ti)) {
                    report.skipped += 1;
                    continue;
                }
            }
            let hits = catalog.search(&q, 5);
            let ok = |h: &SearchHit| entry_of(h).is_some_and(|i| i == *ti || same(i, *ti));
            let t = if is_remembered {
                report.remembered.entry(kind).or_default()
            } else {
                report.easy.entry(kind).or_default()
            };
            t.n += 1;
            t.first += usize::from(hits.first().is_some_and(ok));
            t.top5 += usize::from(hits.iter().any(ok));
            let good = hits.iter().any(|h| ok(h) && judged(h));
            t.judged += usize::from(good);
            if !good {
                let got: Vec<String> = hits
                    .iter()
                    .take(3)
                    .map(|h| format!("{} {:.2} {}", h.name, h.score, h.verdict))
                    .collect();
                let line = format!("{kind:>20}: {q:?} → want {:?}, got {got:?}", target.name);
                let misses = if is_remembered {
                    &mut remembered_misses
                } else {
                    &mut easy_misses
                };
                if misses.len() < 25 {
                    misses.push(line);
                }
            }
        }
    }
    report.misses = remembered_misses;
    report.misses.extend(easy_misses);

    let vendor_keys: HashSet<String> = catalog.vendors().iter().map(|v| v.key.clone()).collect();
    let mut made = 0;
    while made < negatives {
        let (kind, name) = made_up(&mut rng);
        if by_core.contains_key(&normalize(&name).core) {
            continue;
        }
        made += 1;
        let hits = catalog.search(&name, 5);
        let t = report.negatives.entry(kind).or_default();
        t.n += 1;
        let verdict = answer_verdict(&hits);
        match verdict {
            Verdict::Same | Verdict::Likely => {
                t.same_or_likely += 1;
                if report.false_answers.len() < 30 {
                    let h = &hits[0];
                    report.false_answers.push(format!(
                        "{name:?} → {} {:.2} {}",
                        h.name, h.score, h.verdict
                    ));
                }
            }
            Verdict::Vendor => {
                t.vendor += 1;
                if report.vendor_answers.len() < 10 {
                    report.vendor_answers.push(format!(
                        "{name:?} → {} ({})",
                        hits[0].vendor.as_deref().unwrap_or("?"),
                        hits[0].name
                    ));
                }
                let runs = word_runs(&name);
                if !vendor_keys.iter().any(|k| runs.contains(k)) {
                    t.vendor_without_word += 1;
                }
            }
            Verdict::Different => {}
        }
    }
    report
}
