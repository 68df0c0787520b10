//! The matcher behind [`super::Catalog::search`].
//!
//! Every searchable entry is prepared once, when the catalog is built: its name (and its
//! folder name when that differs) is normalised ([`super::normalize`]) into squashed
//! strings and weighted tokens, with a character mask for cheap lower bounds. A query is
//! prepared the same way, then each candidate gets the best of several similarities:
//!
//! - **squashed similarity**: 1 − OSA distance / length between the squashed strings
//!   (core against core, full against full). Spacing, CamelCase and punctuation vanish;
//!   typos and transposed letters cost one edit each (optimal string alignment, the
//!   restricted Damerau–Levenshtein distance).
//! - **token similarity**: a weighted Dice over tokens, each query token matched to its best
//!   candidate token (exact, or one or two edits for longer words). Weights are inverse
//!   document frequencies over the catalog, so a shared rare word ("HubSpot") counts much
//!   more than a shared common one ("Cloud", "Data"), and noise words count very little.
//!   Done on fine and on coarse tokens; catches reordered and extra words.
//! - **typing**: the query is a prefix or a substring of the name (capped below the
//!   duplicate threshold), or a fuzzy subsequence of it (fuzzy-matcher's skim algorithm),
//!   so that results make sense letter by letter.
//!
//! `score = 0.9 × best + 0.1 × full-string similarity`: the small second term breaks ties in
//! favour of the name written exactly as the query (`HubSpot CRM` before `HubSpot CRM V2`
//! for "hubspot crm"). A hit is a duplicate when `score ≥ DUPLICATE_THRESHOLD`; the
//! threshold and the weights were calibrated with the evaluation in
//! `tests/search_quality.rs`.
//!
//! Catalogs up to [`EXHAUSTIVE_MAX`] entries are scored entry by entry. Larger ones
//! (the synthetic 100,000-entry benchmark) first pick candidates from a trigram index and a
//! sorted prefix list, then score only those.

use super::normalize::{normalize, Class, Normalized};
use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use std::collections::HashMap;

/// Score at and above which a hit is judged to be the same service.
pub const DUPLICATE_THRESHOLD: f32 = 0.8;

/// Catalogs up to this size are scored exhaustively.
pub const EXHAUSTIVE_MAX: usize = 6_000;

/// Squashed similarities below this count as none.
const MIN_SQUASHED: f32 = 0.6;

/// Weight of a noise token ("connector", "Azure", "V2").
const NOISE_WEIGHT: f32 = 0.25;
/// Matches on a folder name count slightly less than matches on the title.
const FOLDER_FACTOR: f32 = 0.99;
/// At most this many tokens of a name take part in token matching.
const MAX_TOKENS: usize = 16;
/// Candidates taken from the trigram index in the indexed path.
const GRAM_CANDIDATES: usize = 400;
/// Candidates taken from the prefix list in the indexed path.
const PREFIX_CANDIDATES: usize = 100;

/// A token of a candidate: its id in the vocabulary and its weight.
#[derive(Debug, Clone, Copy)]
struct Tok {
    id: u32,
    w: f32,
}

#[derive(Debug, Clone)]
struct Form {
    /// Position of this name among the names the entry was given (0: the title).
    src: u8,
    full: Box<str>,
    core: Box<str>,
    full_mask: u64,
    core_mask: u64,
    fine: Box<[Tok]>,
    /// `None` when the coarse tokens are the fine ones.
    coarse: Option<Box<[Tok]>>,
    fine_w: f32,
    coarse_w: f32,
}

#[derive(Debug, Clone)]
struct Item {
    /// Index of the entry in the catalog.
    entry: u32,
    forms: Box<[Form]>,
}

/// Every distinct token of the catalog.
#[derive(Debug, Clone, Default)]
struct Vocab {
    ids: HashMap<Box<str>, u32>,
    text: Vec<Box<str>>,
    idf: Vec<f32>,
    mask: Vec<u64>,
    /// Token ids by length, for the typo scan of query tokens.
    by_len: Vec<Vec<u32>>,
    /// Items holding each token (CSR: `offsets[id]..offsets[id + 1]` in `items`).
    offsets: Vec<u32>,
    items: Vec<u32>,
}

/// Prepared search data for a list of names.
#[derive(Debug, Clone, Default)]
pub struct Index {
    items: Vec<Item>,
    vocab: Vocab,
    default_w: f32,
    grams: Option<GramIndex>,
}

fn char_bit(b: u8) -> u64 {
    match b {
        b'a'..=b'z' => 1 << (b - b'a'),
        b'0'..=b'9' => 1 << (26 + b - b'0'),
        _ => 1 << (36 + (b % 28)),
    }
}

fn mask(s: &str) -> u64 {
    s.bytes().fold(0, |m, b| m | char_bit(b))
}

/// Optimal string alignment distance (Damerau–Levenshtein without repeated edits of one
/// substring) between `a` and `b`, or `None` when it exceeds `k`.
pub fn osa_bounded(a: &[u8], b: &[u8], k: usize) -> Option<usize> {
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > k {
        return None;
    }
    if la == 0 || lb == 0 {
        let d = la.max(lb);
        return (d <= k).then_some(d);
    }
    const STACK: usize = 64;
    let mut stack = [[0u16; STACK]; 3];
    let mut heap: Vec<Vec<u16>>;
    let (prev2, prev, cur): (&mut [u16], &mut [u16], &mut [u16]) = if lb < STACK {
        let [x, y, z] = &mut stack;
        (&mut x[..=lb], &mut y[..=lb], &mut z[..=lb])
    } else {
        heap = vec![vec![0u16; lb + 1]; 3];
        let (x, rest) = heap.split_at_mut(1);
        let (y, z) = rest.split_at_mut(1);
        (&mut x[0][..], &mut y[0][..], &mut z[0][..])
    };
    for (j, v) in prev.iter_mut().enumerate() {
        *v = j as u16;
    }
    let k16 = k.min(u16::MAX as usize - 1) as u16;
    for i in 1..=la {
        cur[0] = i as u16;
        let mut row_min = cur[0];
        let ai = a[i - 1];
        for j in 1..=lb {
            let bj = b[j - 1];
            let cost = u16::from(ai != bj);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && ai == b[j - 2] && a[i - 2] == bj {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > k16 {
            return None;
        }
        prev2.copy_from_slice(prev);
        prev.copy_from_slice(cur);
    }
    let d = prev[lb] as usize;
    (d <= k).then_some(d)
}

/// A query string prepared for Hyyrö's bit-parallel OSA distance: one bit mask per byte
/// value saying where it occurs. Distances to any text then cost a few word operations per
/// text byte. Patterns longer than 64 bytes fall back to [`osa_bounded`].
#[derive(Debug, Clone)]
pub struct Pattern {
    bytes: Box<[u8]>,
    peq: Option<Box<[u64; 256]>>,
}

impl Pattern {
    pub fn new(s: &str) -> Pattern {
        let bytes: Box<[u8]> = s.as_bytes().into();
        let peq = (!bytes.is_empty() && bytes.len() <= 64).then(|| {
            let mut t = Box::new([0u64; 256]);
            for (i, &b) in bytes.iter().enumerate() {
                t[b as usize] |= 1 << i;
            }
            t
        });
        Pattern { bytes, peq }
    }

    /// OSA distance to `text`, or `None` when it exceeds `k`.
    pub fn distance(&self, text: &[u8], k: usize) -> Option<usize> {
        let m = self.bytes.len();
        if m.abs_diff(text.len()) > k {
            return None;
        }
        let Some(peq) = &self.peq else {
            return osa_bounded(&self.bytes, text, k);
        };
        // Hyyrö (2003), "A bit-vector algorithm for computing Levenshtein and Damerau edit
        // distances": Myers' algorithm with a transposition term.
        let last = 1u64 << (m - 1);
        let mut vp = !0u64;
        let mut vn = 0u64;
        let mut d0 = 0u64;
        let mut pm_old = 0u64;
        let mut dist = m;
        for &c in text {
            let pm = peq[c as usize];
            let tr = (((!d0) & pm) << 1) & pm_old;
            d0 = (((pm & vp).wrapping_add(vp)) ^ vp) | pm | vn | tr;
            let mut hp = vn | !(d0 | vp);
            let mut hn = d0 & vp;
            if hp & last != 0 {
                dist += 1;
            } else if hn & last != 0 {
                dist -= 1;
            }
            hp = (hp << 1) | 1;
            hn <<= 1;
            vp = hn | !(d0 | hp);
            vn = hp & d0;
            pm_old = pm;
        }
        (dist <= k).then_some(dist)
    }
}

/// 1 − distance / longer length, or 0 when that is below [`MIN_SQUASHED`] (below that
/// a squashed similarity says nothing useful: "smarp" is not "sharep").
fn sim_str(a: &Pattern, am: u64, b: &str, bm: u64) -> f32 {
    let (la, lb) = (a.bytes.len(), b.len());
    let m = la.max(lb);
    if m == 0 {
        return 0.0;
    }
    if *a.bytes == *b.as_bytes() {
        return 1.0;
    }
    let k = (2 * m) / 5;
    if la.abs_diff(lb) > k || (am ^ bm).count_ones().div_ceil(2) as usize > k {
        return 0.0;
    }
    match a.distance(b.as_bytes(), k) {
        Some(d) => 1.0 - d as f32 / m as f32,
        None => 0.0,
    }
}

/// A query token: its weight (when the catalog knows the word) and the catalog tokens it
/// matches, exactly or with a typo, with their similarity.
#[derive(Debug, Clone)]
struct QTok {
    known: Option<f32>,
    matches: Vec<(u32, f32)>,
}

impl QTok {
    #[inline]
    fn sim(&self, id: u32) -> f32 {
        self.matches
            .iter()
            .find(|(i, _)| *i == id)
            .map_or(0.0, |(_, s)| *s)
    }
}

/// A prepared query.
#[derive(Debug)]
pub struct Query {
    full: String,
    core: String,
    full_pattern: Pattern,
    core_pattern: Pattern,
    full_mask: u64,
    core_mask: u64,
    fine: Vec<QTok>,
    /// `None` when the coarse tokens are the fine ones.
    coarse: Option<Vec<QTok>>,
    perfect_fuzzy: i64,
    /// Items sharing at least one token (exactly or with a typo) with the query.
    token_items: Vec<u32>,
}

impl Query {
    /// Whether the query has no letters or digits at all.
    pub fn is_empty(&self) -> bool {
        self.full.is_empty()
    }
}

/// One search result with the evidence behind it, for the verdict
/// ([`super::verdict`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match {
    /// Index of the entry in the catalog.
    pub entry: u32,
    /// 0..1, see the module documentation.
    pub score: f32,
    /// Which of the names given for the entry matched best (0: the title; then the folder,
    /// the API name and the aliases, in the order [`Index::build`] received them).
    pub name: usize,
    /// Weighted share of the query's words found in that name (see [`coverage`]).
    pub query_cover: f32,
    /// Weighted share of that name's words found in the query.
    pub name_cover: f32,
}

/// Aligns each query word with its best word of the name (exact, or one or two edits away).
/// Returns the weighted similarity summed over the query's words, their total weight, and
/// the weighted similarity summed over the name's words. An unmatched query word the catalog
/// does not know weighs `unknown_w`; a matched one the weight of the word it matched.
#[inline]
fn align(q: &[QTok], c: &[Tok], default_w: f32, unknown_w: f32) -> (f32, f32, f32) {
    let mut c_best = [0f32; MAX_TOKENS];
    let (mut q_num, mut q_den) = (0.0f32, 0.0f32);
    for qt in q {
        let mut best = 0.0f32;
        let mut best_w = default_w;
        if !qt.matches.is_empty() {
            for (j, ct) in c.iter().enumerate() {
                let s = qt.sim(ct.id);
                if s > best {
                    best = s;
                    best_w = ct.w;
                }
                if s > c_best[j] {
                    c_best[j] = s;
                }
            }
        }
        let w = qt
            .known
            .unwrap_or(if best > 0.0 { best_w } else { unknown_w });
        q_num += w * best;
        q_den += w;
    }
    let c_num = c.iter().zip(c_best).map(|(ct, b)| ct.w * b).sum();
    (q_num, q_den, c_num)
}

/// The weighted Dice over the words of the query and of the name.
fn token_score(q: &[QTok], c: &[Tok], c_total: f32, default_w: f32) -> f32 {
    if q.is_empty() || c.is_empty() {
        return 0.0;
    }
    let (q_num, q_den, c_num) = align(q, c, default_w, default_w);
    (q_num + c_num) / (q_den + c_total)
}

/// A query word the catalog has never seen weighs this much more than its rarest word: it
/// is the best evidence of a service the catalog lacks ("Jasper Brynkrix" is not Jasper).
const UNKNOWN_FACTOR: f32 = 1.25;

/// How much of each side the other explains: the weighted share of the query's words found
/// in the name, and of the name's words found in the query (exact words count 1, words one
/// or two edits away a little less). Unknown query words weigh more than the rarest catalog
/// word ([`UNKNOWN_FACTOR`]), so a made-up word the catalog lacks keeps the share low.
fn coverage(q: &[QTok], c: &[Tok], default_w: f32) -> (f32, f32) {
    if q.is_empty() || c.is_empty() {
        return (0.0, 0.0);
    }
    let (q_num, q_den, c_num) = align(q, c, default_w, default_w * UNKNOWN_FACTOR);
    let c_den: f32 = c.iter().map(|t| t.w).sum();
    (q_num / q_den.max(1e-6), c_num / c_den.max(1e-6))
}

/// Similarity of the full squashed strings, twice: against the full length (the
/// tie-breaker) and against the core length, so that shared noise ("connector") cannot
/// make two different services look alike ("aheas connector" is not "MCAS Connector").
fn full_sims(q: &Query, f: &Form) -> (f32, f32) {
    let (la, lb) = (q.full.len(), f.full.len());
    let m = la.max(lb);
    let k = m / 2;
    if la.abs_diff(lb) > k || (q.full_mask ^ f.full_mask).count_ones().div_ceil(2) as usize > k {
        return (0.0, 0.0);
    }
    match q.full_pattern.distance(f.full.as_bytes(), k) {
        Some(d) => {
            let core_len = q.core.len().max(f.core.len()).max(1);
            let on_core = 1.0 - d as f32 / core_len as f32;
            (
                1.0 - d as f32 / m as f32,
                if on_core >= MIN_SQUASHED {
                    on_core
                } else {
                    0.0
                },
            )
        }
        None => (0.0, 0.0),
    }
}

fn is_subsequence(needle: &[u8], hay: &[u8]) -> bool {
    let mut it = hay.iter();
    needle.iter().all(|c| it.any(|h| h == c))
}

fn score_form(
    q: &Query,
    f: &Form,
    tokens: bool,
    default_w: f32,
    matcher: &SkimMatcherV2,
) -> (f32, f32) {
    let core = sim_str(&q.core_pattern, q.core_mask, &f.core, f.core_mask);
    let (full, full_on_core) = if q.full == *f.full {
        (1.0, 1.0)
    } else if q.full.len() == q.core.len() && f.full.len() == f.core.len() {
        // No noise on either side: full is core.
        (core, core)
    } else {
        full_sims(q, f)
    };
    let mut best = core.max(full_on_core);
    if best < 1.0 && tokens {
        let mut t = token_score(&q.fine, &f.fine, f.fine_w, default_w);
        if q.coarse.is_some() || f.coarse.is_some() {
            let qc = q.coarse.as_deref().unwrap_or(&q.fine);
            let (fc, fw) = match &f.coarse {
                Some(c) => (&c[..], f.coarse_w),
                None => (&f.fine[..], f.fine_w),
            };
            t = t.max(token_score(qc, fc, fw, default_w));
        }
        best = best.max(t);
    }
    // Typing: prefix, then substring, then fuzzy subsequence.
    if best < 0.8 {
        let pre = if !q.core.is_empty() && f.core.starts_with(q.core.as_str()) {
            q.core.len() as f32 / f.core.len() as f32
        } else if f.full.starts_with(q.full.as_str()) {
            q.full.len() as f32 / f.full.len() as f32
        } else {
            0.0
        };
        if pre > 0.0 {
            // Three letters or more typed at the start of a name is good evidence.
            let floor = if q.full.len() >= 3 { 0.55 } else { 0.4 };
            best = best.max(floor + (0.79 - floor) * pre);
        } else if q.full.len() < 3 || q.full_mask & !f.full_mask != 0 {
            // Too short for more, or a letter of the query is not in the name.
        } else if f.full.contains(q.full.as_str()) {
            best = best.max(0.3 + 0.4 * q.full.len() as f32 / f.full.len() as f32);
        } else if best < 0.45
            && q.perfect_fuzzy > 0
            && q.full.as_bytes()[0] == f.full.as_bytes()[0]
            && is_subsequence(&q.full.as_bytes()[1..], &f.full.as_bytes()[1..])
        {
            // Letters picked out of the name in order, starting with its first letter
            // ("hbspt" for HubSpot). Not from anywhere: "twitter" is a subsequence of
            // "httpwithmicrosoftentraid" and says nothing about it.
            if let Some(s) = matcher.fuzzy_match(&f.full, &q.full) {
                let r = (s as f32 / q.perfect_fuzzy as f32).clamp(0.0, 1.0);
                best = best.max(0.25 + 0.4 * r);
            }
        }
    }
    (best, full)
}

impl Index {
    /// Prepares `names`: for each entry, its index in the catalog and the names it is known
    /// by (title first, then folder).
    pub fn build(names: Vec<(u32, Vec<String>)>) -> Index {
        let normalized: Vec<(u32, Vec<(u8, Normalized)>)> = names
            .into_iter()
            .map(|(e, ns)| {
                let mut forms: Vec<(u8, Normalized)> = Vec::with_capacity(ns.len());
                for (k, n) in ns.iter().enumerate().take(u8::MAX as usize) {
                    let norm = normalize(n);
                    if norm.full.is_empty() || forms.iter().any(|(_, f)| f.full == norm.full) {
                        continue;
                    }
                    forms.push((k as u8, norm));
                }
                (e, forms)
            })
            .filter(|(_, forms)| !forms.is_empty())
            .collect();

        // Vocabulary and document frequencies over fine and coarse tokens.
        let mut vocab = Vocab::default();
        let mut df: Vec<u32> = Vec::new();
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        let mut seen: Vec<u32> = Vec::new();
        for (item, (_, forms)) in normalized.iter().enumerate() {
            seen.clear();
            for (_, f) in forms {
                for t in f.fine.iter().chain(f.coarse.iter()) {
                    let id = match vocab.ids.get(t.text.as_str()) {
                        Some(&id) => id,
                        None => {
                            let id = vocab.text.len() as u32;
                            vocab.ids.insert(t.text.as_str().into(), id);
                            vocab.text.push(t.text.as_str().into());
                            vocab.mask.push(mask(&t.text));
                            df.push(0);
                            id
                        }
                    };
                    if !seen.contains(&id) {
                        seen.push(id);
                    }
                }
            }
            for &id in &seen {
                df[id as usize] += 1;
                pairs.push((id, item as u32));
            }
        }
        let n = normalized.len().max(1) as f32;
        let idf = |d: u32| (1.0 + n / d.max(1) as f32).ln();
        vocab.idf = df.iter().map(|&d| idf(d)).collect();
        for (id, t) in vocab.text.iter().enumerate() {
            let l = t.len();
            if vocab.by_len.len() <= l {
                vocab.by_len.resize(l + 1, Vec::new());
            }
            vocab.by_len[l].push(id as u32);
        }
        pairs.sort_unstable();
        vocab.offsets = Vec::with_capacity(vocab.text.len() + 1);
        vocab.items = Vec::with_capacity(pairs.len());
        let mut p = 0;
        for id in 0..vocab.text.len() as u32 {
            vocab.offsets.push(vocab.items.len() as u32);
            while p < pairs.len() && pairs[p].0 == id {
                vocab.items.push(pairs[p].1);
                p += 1;
            }
        }
        vocab.offsets.push(vocab.items.len() as u32);
        let default_w = idf(1);

        let make_toks = |ts: &[super::normalize::Token]| -> (Box<[Tok]>, f32) {
            let toks: Vec<Tok> = ts
                .iter()
                .take(MAX_TOKENS)
                .map(|t| {
                    let id = vocab.ids[t.text.as_str()];
                    Tok {
                        id,
                        w: match t.class {
                            Class::Noise => NOISE_WEIGHT,
                            Class::Core => vocab.idf[id as usize],
                        },
                    }
                })
                .collect();
            let total = toks.iter().map(|t| t.w).sum();
            (toks.into_boxed_slice(), total)
        };
        let items: Vec<Item> = normalized
            .iter()
            .map(|(e, forms)| Item {
                entry: *e,
                forms: forms
                    .iter()
                    .map(|(src, f)| {
                        let (fine, fine_w) = make_toks(&f.fine);
                        let (coarse, coarse_w) = make_toks(&f.coarse);
                        let same = fine.len() == coarse.len()
                            && fine.iter().zip(coarse.iter()).all(|(a, b)| a.id == b.id);
                        Form {
                            src: *src,
                            full_mask: mask(&f.full),
                            core_mask: mask(&f.core),
                            full: f.full.as_str().into(),
                            core: f.core.as_str().into(),
                            fine,
                            coarse: (!same).then_some(coarse),
                            fine_w,
                            coarse_w,
                        }
                    })
                    .collect(),
            })
            .collect();
        let grams = (items.len() > EXHAUSTIVE_MAX).then(|| GramIndex::build(&items));
        Index {
            items,
            vocab,
            default_w,
            grams,
        }
    }

    /// Number of searchable entries.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there is nothing to search.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The catalog tokens `text` matches: itself, and words one edit away (two for words
    /// of eight letters or more); only words of four letters or more, not numbers.
    fn token_matches(&self, text: &str) -> Vec<(u32, f32)> {
        let v = &self.vocab;
        let mut out: Vec<(u32, f32)> = Vec::new();
        if let Some(&id) = v.ids.get(text) {
            out.push((id, 1.0));
        }
        let la = text.len();
        if la < 4 || text.bytes().all(|b| b.is_ascii_digit()) {
            return out;
        }
        let qm = mask(text);
        let pattern = Pattern::new(text);
        let lo = la.saturating_sub(2).max(4);
        for lb in lo..=(la + 2).min(v.by_len.len().saturating_sub(1)) {
            let k = if la.min(lb) >= 8 { 2 } else { 1 };
            if la.abs_diff(lb) > k {
                continue;
            }
            for &id in &v.by_len[lb] {
                if (qm ^ v.mask[id as usize]).count_ones().div_ceil(2) as usize > k {
                    continue;
                }
                let t = v.text[id as usize].as_bytes();
                if t == text.as_bytes() || t.iter().all(u8::is_ascii_digit) {
                    continue;
                }
                if let Some(d) = pattern.distance(t, k) {
                    out.push((id, 1.0 - d as f32 / la.max(lb) as f32));
                }
            }
        }
        out
    }

    /// Prepares a query against this index's vocabulary.
    pub fn query(&self, text: &str) -> Query {
        let n = normalize(text);
        let mut cache: HashMap<String, Vec<(u32, f32)>> = HashMap::new();
        let mut qtoks = |ts: &[super::normalize::Token]| -> Vec<QTok> {
            ts.iter()
                .take(MAX_TOKENS)
                .map(|t| {
                    let id = self.vocab.ids.get(t.text.as_str()).copied();
                    let known = match t.class {
                        Class::Noise => Some(NOISE_WEIGHT),
                        Class::Core => id.map(|i| self.vocab.idf[i as usize]),
                    };
                    let matches = cache
                        .entry(t.text.clone())
                        .or_insert_with(|| self.token_matches(&t.text))
                        .clone();
                    QTok { known, matches }
                })
                .collect()
        };
        let fine = qtoks(&n.fine);
        let same = n.fine.len() == n.coarse.len()
            && n.fine.iter().zip(&n.coarse).all(|(a, b)| a.text == b.text);
        let coarse = (!same).then(|| qtoks(&n.coarse));
        // Items sharing a token with the query.
        let mut ids: Vec<u32> = cache.values().flatten().map(|(id, _)| *id).collect();
        ids.sort_unstable();
        ids.dedup();
        let mut token_items: Vec<u32> = ids
            .iter()
            .flat_map(|&id| {
                let (a, b) = (
                    self.vocab.offsets[id as usize] as usize,
                    self.vocab.offsets[id as usize + 1] as usize,
                );
                self.vocab.items[a..b].iter().copied()
            })
            .collect();
        token_items.sort_unstable();
        token_items.dedup();
        let matcher = SkimMatcherV2::default();
        let perfect_fuzzy = if n.full.is_empty() {
            0
        } else {
            matcher.fuzzy_match(&n.full, &n.full).unwrap_or(0)
        };
        Query {
            full_pattern: Pattern::new(&n.full),
            core_pattern: Pattern::new(&n.core),
            full_mask: mask(&n.full),
            core_mask: mask(&n.core),
            fine,
            coarse,
            full: n.full,
            core: n.core,
            perfect_fuzzy,
            token_items,
        }
    }

    fn score_item(&self, q: &Query, item: &Item, tokens: bool, matcher: &SkimMatcherV2) -> f32 {
        let mut best = 0.0f32;
        let mut full = 0.0f32;
        for (k, f) in item.forms.iter().enumerate() {
            let (b, fu) = score_form(q, f, tokens, self.default_w, matcher);
            // The title wins a tie with another entry's folder name.
            let factor = if k == 0 { 1.0 } else { FOLDER_FACTOR };
            best = best.max(b * factor);
            full = full.max(fu * factor);
        }
        if best <= 0.0 {
            // No shared word, prefix or close spelling: the whole-string similarity alone is
            // no evidence (it only breaks ties between real matches).
            return 0.0;
        }
        0.9 * best + 0.1 * full
    }

    /// The best `limit` entries for `text`, as (entry index, score), best first. Ties go to
    /// the shorter name, then the lower entry index.
    pub fn search(&self, text: &str, limit: usize) -> Vec<(u32, f32)> {
        let q = self.query(text);
        self.search_query(&q, limit, self.grams.is_none())
    }

    /// Like [`Index::search`], choosing the exhaustive or the indexed path explicitly (the
    /// indexed path needs a gram index; without one the search is exhaustive).
    pub fn search_query(&self, q: &Query, limit: usize, exhaustive: bool) -> Vec<(u32, f32)> {
        self.ranked(q, limit, exhaustive)
            .into_iter()
            .map(|(s, i)| (self.items[i as usize].entry, s))
            .collect()
    }

    /// The best `limit` items as (score, item index), best first.
    fn ranked(&self, q: &Query, limit: usize, exhaustive: bool) -> Vec<(f32, u32)> {
        if q.is_empty() || limit == 0 {
            return Vec::new();
        }
        let matcher = SkimMatcherV2::default();
        let mut scored: Vec<(f32, u32)> = match (&self.grams, exhaustive) {
            (Some(g), false) => {
                let mut cands = g.candidates(q, self.items.len());
                cands.extend_from_slice(&q.token_items);
                cands.sort_unstable();
                cands.dedup();
                let mut t = q.token_items.iter().peekable();
                cands
                    .into_iter()
                    .map(|i| {
                        while t.next_if(|&&x| x < i).is_some() {}
                        let tokens = t.peek() == Some(&&i);
                        (
                            self.score_item(q, &self.items[i as usize], tokens, &matcher),
                            i,
                        )
                    })
                    .collect()
            }
            _ => {
                let mut t = q.token_items.iter().peekable();
                self.items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| {
                        let i = i as u32;
                        let tokens = t.next_if(|&&x| x == i).is_some();
                        (self.score_item(q, item, tokens, &matcher), i)
                    })
                    .collect()
            }
        };
        scored.retain(|(s, _)| *s > 0.0);
        let key_len = |i: u32| self.items[i as usize].forms[0].full.len();
        let cmp = |a: &(f32, u32), b: &(f32, u32)| {
            b.0.total_cmp(&a.0)
                .then_with(|| key_len(a.1).cmp(&key_len(b.1)))
                .then_with(|| a.1.cmp(&b.1))
        };
        if scored.len() > limit {
            scored.select_nth_unstable_by(limit - 1, cmp);
            scored.truncate(limit);
        }
        scored.sort_by(cmp);
        for s in &mut scored {
            s.0 = s.0.clamp(0.0, 1.0);
        }
        scored
    }

    /// The best `limit` entries for `text` with the evidence for their verdicts, best first.
    pub fn search_matches(&self, text: &str, limit: usize) -> Vec<Match> {
        let q = self.query(text);
        self.ranked(&q, limit, self.grams.is_none())
            .into_iter()
            .map(|(s, i)| self.explain(&q, i, s))
            .collect()
    }

    /// The evidence for one item: its best-scoring name and how much of the query and of
    /// that name the other explains.
    fn explain(&self, q: &Query, i: u32, score: f32) -> Match {
        let item = &self.items[i as usize];
        let matcher = SkimMatcherV2::default();
        // The best-scoring name is the one reported; the shares are the best of any name
        // (each is a name the service is known by).
        let mut best: Option<(f32, usize)> = None;
        let mut shares = (0.0f32, 0.0f32);
        for (k, f) in item.forms.iter().enumerate() {
            let (b, _) = score_form(q, f, true, self.default_w, &matcher);
            let b = if k == 0 { b } else { b * FOLDER_FACTOR };
            let mut cov = coverage(&q.fine, &f.fine, self.default_w);
            if q.coarse.is_some() || f.coarse.is_some() {
                let c = coverage(
                    q.coarse.as_deref().unwrap_or(&q.fine),
                    f.coarse.as_deref().unwrap_or(&f.fine),
                    self.default_w,
                );
                if c.0 + c.1 > cov.0 + cov.1 {
                    cov = c;
                }
            }
            // Spacing differences ("hubspotcrm", "Hub Spot CRM"): the squashed strings say
            // what the words cannot.
            let squashed = sim_str(&q.core_pattern, q.core_mask, &f.core, f.core_mask);
            if squashed >= DUPLICATE_THRESHOLD {
                cov = (cov.0.max(squashed), cov.1.max(squashed));
            }
            if best.is_none_or(|(bb, _)| b > bb) {
                best = Some((b, f.src as usize));
            }
            if cov.0 + cov.1 > shares.0 + shares.1 {
                shares = cov;
            }
        }
        Match {
            entry: item.entry,
            score,
            name: best.map_or(0, |(_, n)| n),
            query_cover: shares.0,
            name_cover: shares.1,
        }
    }

    /// Whether this index uses the trigram candidate path by default.
    pub fn is_indexed(&self) -> bool {
        self.grams.is_some()
    }

    /// Builds the trigram index even for a small catalog (tests compare both paths).
    pub fn with_grams(mut self) -> Index {
        if self.grams.is_none() {
            self.grams = Some(GramIndex::build(&self.items));
        }
        self
    }
}

/// Trigram postings and a sorted prefix list over the squashed forms, for big catalogs.
#[derive(Debug, Clone)]
struct GramIndex {
    keys: Vec<u32>,
    offsets: Vec<u32>,
    postings: Vec<u32>,
    /// Distinct trigrams per item.
    counts: Vec<u16>,
    /// (squashed form, item) sorted by form: full and core strings of every form.
    prefixes: Vec<(Box<str>, u32)>,
}

fn grams_of(s: &str, out: &mut Vec<u32>) {
    let b = s.as_bytes();
    if b.is_empty() {
        return;
    }
    let at = |i: isize| -> u32 {
        if i < 0 {
            u32::from(b'^')
        } else if i as usize >= b.len() {
            u32::from(b'$')
        } else {
            u32::from(b[i as usize])
        }
    };
    for i in -1..(b.len() as isize - 1) {
        out.push((at(i) << 16) | (at(i + 1) << 8) | at(i + 2));
    }
}

impl GramIndex {
    fn build(items: &[Item]) -> GramIndex {
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        let mut counts = Vec::with_capacity(items.len());
        let mut buf = Vec::new();
        let mut prefixes = Vec::new();
        for (i, item) in items.iter().enumerate() {
            buf.clear();
            for f in item.forms.iter() {
                grams_of(&f.full, &mut buf);
                prefixes.push((f.full.clone(), i as u32));
                if f.core != f.full {
                    prefixes.push((f.core.clone(), i as u32));
                }
            }
            buf.sort_unstable();
            buf.dedup();
            counts.push(buf.len().min(u16::MAX as usize) as u16);
            pairs.extend(buf.iter().map(|&g| (g, i as u32)));
        }
        pairs.sort_unstable();
        let mut keys = Vec::new();
        let mut offsets = Vec::new();
        let mut postings = Vec::with_capacity(pairs.len());
        for (g, i) in pairs {
            if keys.last() != Some(&g) {
                keys.push(g);
                offsets.push(postings.len() as u32);
            }
            postings.push(i);
        }
        offsets.push(postings.len() as u32);
        prefixes.sort_unstable();
        GramIndex {
            keys,
            offsets,
            postings,
            counts,
            prefixes,
        }
    }

    fn candidates(&self, q: &Query, n_items: usize) -> Vec<u32> {
        let mut qg = Vec::new();
        grams_of(&q.full, &mut qg);
        if q.core != q.full {
            grams_of(&q.core, &mut qg);
        }
        qg.sort_unstable();
        qg.dedup();
        let mut hits = vec![0u16; n_items];
        let mut touched: Vec<u32> = Vec::new();
        for g in &qg {
            if let Ok(k) = self.keys.binary_search(g) {
                let (a, b) = (self.offsets[k] as usize, self.offsets[k + 1] as usize);
                for &i in &self.postings[a..b] {
                    let h = &mut hits[i as usize];
                    if *h == 0 {
                        touched.push(i);
                    }
                    *h += 1;
                }
            }
        }
        let qn = qg.len() as f32;
        let mut ranked: Vec<(f32, u32)> = touched
            .iter()
            .map(|&i| {
                let c = f32::from(hits[i as usize]);
                (c / (qn + f32::from(self.counts[i as usize]) - c), i)
            })
            .collect();
        if ranked.len() > GRAM_CANDIDATES {
            ranked.select_nth_unstable_by(GRAM_CANDIDATES - 1, |a, b| b.0.total_cmp(&a.0));
            ranked.truncate(GRAM_CANDIDATES);
        }
        // Mark chosen items; reuse `hits` as a seen-set.
        hits.iter_mut().for_each(|h| *h = 0);
        let mut out: Vec<u32> = Vec::with_capacity(ranked.len() + PREFIX_CANDIDATES);
        for (_, i) in ranked {
            hits[i as usize] = 1;
            out.push(i);
        }
        // Prefix candidates: the shortest names starting with the query.
        for key in [q.full.as_str(), q.core.as_str()] {
            if key.is_empty() {
                continue;
            }
            let start = self.prefixes.partition_point(|(s, _)| s.as_ref() < key);
            let end = start + self.prefixes[start..].partition_point(|(s, _)| s.starts_with(key));
            let mut range: Vec<(usize, u32)> = self.prefixes[start..end]
                .iter()
                .map(|(s, i)| (s.len(), *i))
                .collect();
            if range.len() > PREFIX_CANDIDATES {
                range.select_nth_unstable(PREFIX_CANDIDATES - 1);
                range.truncate(PREFIX_CANDIDATES);
            }
            for (_, i) in range {
                if hits[i as usize] == 0 {
                    hits[i as usize] = 1;
                    out.push(i);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osa_counts_transpositions_once() {
        assert_eq!(osa_bounded(b"hubspot", b"hubspto", 3), Some(1));
        assert_eq!(osa_bounded(b"calendly", b"calendyl", 3), Some(1));
        assert_eq!(osa_bounded(b"kitten", b"sitting", 5), Some(3));
        assert_eq!(osa_bounded(b"kitten", b"sitting", 2), None);
        assert_eq!(osa_bounded(b"", b"abc", 3), Some(3));
        assert_eq!(osa_bounded(b"abc", b"abc", 0), Some(0));
        let long_a = vec![b'a'; 100];
        let mut long_b = long_a.clone();
        long_b[50] = b'b';
        assert_eq!(osa_bounded(&long_a, &long_b, 2), Some(1));
    }

    #[test]
    fn bit_parallel_agrees_with_the_table() {
        // Every pair of short strings over a small alphabet, plus some longer ones.
        let mut words: Vec<String> = Vec::new();
        for n in 0..=4u32 {
            for code in 0..3u32.pow(n) {
                let mut c = code;
                let w: String = (0..n)
                    .map(|_| {
                        let ch = b"abc"[(c % 3) as usize] as char;
                        c /= 3;
                        ch
                    })
                    .collect();
                words.push(w);
            }
        }
        words.extend(
            [
                "hubspotcrm",
                "hubsptocrm",
                "calendly",
                "calendyl",
                &"x".repeat(70),
            ]
            .map(String::from),
        );
        for a in &words {
            let p = Pattern::new(a);
            for b in &words {
                let want = osa_bounded(a.as_bytes(), b.as_bytes(), 80);
                assert_eq!(p.distance(b.as_bytes(), 80), want, "{a:?} vs {b:?}");
                if let Some(d) = want {
                    if d > 0 {
                        assert_eq!(p.distance(b.as_bytes(), d - 1), None);
                    }
                }
            }
        }
    }

    fn index(names: &[&str]) -> Index {
        Index::build(
            names
                .iter()
                .enumerate()
                .map(|(i, n)| (i as u32, vec![n.to_string()]))
                .collect(),
        )
    }

    #[test]
    fn exact_name_scores_one_and_ranks_first() {
        let ix = index(&[
            "HubSpot CRM",
            "HubSpot CRM V2",
            "HubSpot Marketing",
            "Spotify",
        ]);
        let r = ix.search("hubspot crm", 5);
        assert_eq!(r[0], (0, 1.0));
        assert_eq!(r[1].0, 1);
        assert!(r[1].1 >= DUPLICATE_THRESHOLD && r[1].1 < 1.0, "{r:?}");
        assert!(r.iter().all(|(_, s)| *s <= 1.0));
    }

    #[test]
    fn typos_and_spacing_still_match() {
        let ix = index(&["Calendly", "Calendarific", "Zoom Meetings", "OpenWeather"]);
        assert_eq!(ix.search("calendyl", 1)[0].0, 0);
        assert_eq!(ix.search("Open Weather connector", 1)[0].0, 3);
        assert_eq!(ix.search("zoommeetings", 1)[0].0, 2);
        assert_eq!(ix.search("meetings zoom", 1)[0].0, 2);
    }

    #[test]
    fn prefix_typing_ranks_below_the_threshold() {
        let ix = index(&["HubSpot CRM", "Spotify"]);
        let r = ix.search("hubs", 5);
        assert_eq!(r[0].0, 0);
        assert!(r[0].1 < DUPLICATE_THRESHOLD);
    }

    #[test]
    fn unrelated_names_are_not_duplicates() {
        let ix = index(&["Document Conversion", "Cloudmersive Document Conversion"]);
        for (_, s) in ix.search("Zarquilo Analytics", 5) {
            assert!(s < DUPLICATE_THRESHOLD);
        }
    }

    #[test]
    fn empty_query_finds_nothing() {
        let ix = index(&["Calendly"]);
        assert!(ix.search("  ()  ", 5).is_empty());
        assert!(ix.search("calendly", 0).is_empty());
    }
}
