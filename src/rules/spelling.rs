//! `STRING-QUALITY`: misspelt English words in titles, summaries and descriptions, the
//! strings reviewers read and ask to correct by name.
//!
//! The speller is [spellbook] (a Hunspell-compatible checker) with the SCOWL-derived en_US
//! Hunspell dictionary (`assets/spelling/`, licence beside it) and a connector vocabulary:
//! `assets/spelling/vocabulary.txt` (product names, HTTP and API terms) and the words of the
//! names, publishers and stack owners of the connectors of `assets/connectors.json`. Both are
//! loaded once, the first time a text is checked (a check that reports no prose never pays
//! for them).
//!
//! Brand-like tokens are left alone: CamelCase and ALLCAPS words, words with digits, URLs,
//! e-mail addresses, paths, file names, `code` and "quoted" text, and capitalised words
//! inside a sentence (proper nouns).

use crate::document::openapi::{Fnv, Map, Set};
use std::cell::RefCell;
use std::hash::Hasher;
use std::sync::OnceLock;

const AFF: &str = include_str!("../../assets/spelling/en_US.aff");
const DIC: &str = include_str!("../../assets/spelling/en_US.dic");
const VOCABULARY: &str = include_str!("../../assets/spelling/vocabulary.txt");

/// The dictionary and the connector vocabulary.
pub struct Speller {
    /// `None` only if the bundled dictionary could not be read (spelling is then off).
    dict: Option<spellbook::Dictionary>,
    /// Lower-case words that are right whatever the dictionary says.
    vocabulary: Set<String>,
}

thread_local! {
    /// The verdicts on the words this thread has judged, by hash (the dictionary is slow to
    /// consult cold: checking many folders in one run, or a connector again after an edit,
    /// asks it about the same words). Per thread: no lock on the check's hot path. Bounded:
    /// cleared when it reaches [`MAX_VERDICTS`].
    static VERDICTS: RefCell<Map<u64, bool>> = RefCell::new(Map::default());
}

/// A 64-bit FNV-1a hash of a text (and a tag): the verdicts are kept by hash, so looking one
/// up reads only the word at hand, not a stored copy elsewhere in memory. (Two words with
/// the same 64-bit hash would share a verdict: not a practical concern.)
fn hash_of(tag: u8, text: &str) -> u64 {
    let mut h = Fnv::default();
    h.write_u8(tag);
    h.write(text.as_bytes());
    h.finish()
}

/// How many word verdicts the process keeps.
const MAX_VERDICTS: usize = 100_000;

/// Forgets this thread's word verdicts (`bench` measures a check without them).
pub fn forget_verdicts() {
    VERDICTS.with(|v| v.borrow_mut().clear());
}

/// The bundled speller's verdict on a word (by its hash), remembered by the thread.
fn known_word(word: &str, hash: u64) -> bool {
    VERDICTS.with(|v| {
        if let Some(known) = v.borrow().get(&hash) {
            return *known;
        }
        let known = speller().knows(word);
        let mut v = v.borrow_mut();
        if v.len() >= MAX_VERDICTS {
            v.clear();
        }
        v.insert(hash, known);
        known
    })
}

/// The speller, loaded on first use.
pub fn speller() -> &'static Speller {
    static SPELLER: OnceLock<Speller> = OnceLock::new();
    SPELLER.get_or_init(|| Speller::load(true))
}

/// The words of the embedded catalog's names (lower case, three letters or more).
fn catalog_words(into: &mut Set<String>) {
    #[derive(serde::Deserialize)]
    struct File {
        connectors: Vec<Named>,
    }
    #[derive(serde::Deserialize)]
    struct Named {
        name: String,
        publisher: Option<String>,
        #[serde(rename = "stackOwner")]
        stack_owner: Option<String>,
    }
    let Ok(file) = serde_json::from_str::<File>(crate::catalog::EMBEDDED_JSON) else {
        return;
    };
    for c in file.connectors {
        for text in [Some(c.name), c.publisher, c.stack_owner]
            .into_iter()
            .flatten()
        {
            for w in text.split(|ch: char| !ch.is_alphabetic()) {
                if w.chars().count() >= 3 {
                    into.insert(w.to_lowercase());
                }
            }
        }
    }
}

impl Speller {
    /// The bundled dictionary and vocabulary; the names of the catalog's connectors when
    /// `catalog` (left out to measure how a connector the catalog does not know fares).
    pub fn load(catalog: bool) -> Speller {
        let mut vocabulary = Set::default();
        for line in VOCABULARY.lines() {
            let t = line.trim();
            if !t.is_empty() && !t.starts_with('#') {
                vocabulary.insert(t.to_lowercase());
            }
        }
        if catalog {
            catalog_words(&mut vocabulary);
        }
        Speller {
            dict: spellbook::Dictionary::new(AFF, DIC).ok(),
            vocabulary,
        }
    }

    /// Whether the dictionary or the vocabulary knows a word as it is written (a capitalised
    /// word also in lower case), in British spelling too.
    pub fn knows(&self, word: &str) -> bool {
        let Some(dict) = &self.dict else {
            return true;
        };
        if dict.check(word) {
            return true;
        }
        let lower = word.to_lowercase();
        (lower != word && dict.check(&lower))
            || self.in_vocabulary(&lower)
            || american(&lower).iter().any(|w| dict.check(w))
            || self.compound(&lower)
    }

    /// Whether a lower-case word is two known words run together ("enddate", "jobcode"):
    /// a parameter or field name quoted in prose, a name rather than a misspelling.
    fn compound(&self, lower: &str) -> bool {
        let Some(dict) = &self.dict else {
            return false;
        };
        lower.len() >= 7
            && lower.is_ascii()
            && (3..=lower.len() - 3).any(|at| {
                let (a, b) = lower.split_at(at);
                (dict.check(a) || self.vocabulary.contains(a))
                    && (dict.check(b) || self.in_vocabulary(b))
            })
    }

    /// Whether the vocabulary has the word or its stem (the vocabulary lists stems: "webhook"
    /// covers "webhooks"; "encrypt" covers "encrypted", "encrypting", "encrypter";
    /// "tokenize" covers "tokenizing").
    fn in_vocabulary(&self, lower: &str) -> bool {
        self.vocabulary.contains(lower)
            || ["s", "es", "ed", "d", "ing", "er", "ers"]
                .iter()
                .any(|suffix| {
                    lower.strip_suffix(suffix).is_some_and(|stem| {
                        stem.len() >= 3
                            && (self.vocabulary.contains(stem)
                                || (suffix.starts_with(['i', 'e'])
                                    && self.vocabulary.contains(&format!("{stem}e"))))
                    })
                })
    }
}

/// British spellings to try in American: reviewers read both, the dictionary knows one.
const BRITISH: &[(&str, &str)] = &[
    ("isation", "ization"),
    ("ise", "ize"),
    ("ising", "izing"),
    ("yse", "yze"),
    ("ysing", "yzing"),
    ("our", "or"),
    ("tre", "ter"),
    ("tres", "ters"),
    ("lled", "led"),
    ("lling", "ling"),
    ("ller", "ler"),
    ("ogue", "og"),
    ("ence", "ense"),
    ("grey", "gray"),
];

/// The American spellings a British-spelt word may have (one change each).
fn american(lower: &str) -> Vec<String> {
    BRITISH
        .iter()
        .filter_map(|(gb, us)| {
            let at = lower.rfind(gb)?;
            Some(format!("{}{us}{}", &lower[..at], &lower[at + gb.len()..]))
        })
        .collect()
}

/// Whether a token is a date or time pattern (yyyy, MM, hh, yyyymmdd).
fn date_pattern(word: &str) -> bool {
    word.bytes().all(|b| {
        matches!(
            b,
            b'y' | b'Y' | b'm' | b'M' | b'd' | b'D' | b'h' | b'H' | b's' | b'S'
        )
    })
}

/// How a text is written, which says which capitalised words are names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// Summaries and descriptions: a capitalised word inside a sentence is a proper noun.
    Sentence,
    /// A label in Title Case (x-ms-summary): every word is capitalised, every word checked.
    Label,
    /// The connector's title: the service's name, so only its lower-case words are checked.
    Name,
}

/// A word the speller is to judge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'t> {
    pub text: &'t str,
    /// Capitalised inside a sentence: a proper noun, left alone.
    pub proper: bool,
}

/// ASCII characters that make a whitespace-separated token a code, URL, path or address.
const CODE_BYTES: &[u8] = b"/\\@_={}<>$#%+*|~^&";

/// `CODE_TABLE[b]`: byte `b` is one of [`CODE_BYTES`] (a table: the tokenizer looks at every
/// byte of every text, so this is on the check's hot path).
const CODE_TABLE: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < CODE_BYTES.len() {
        t[CODE_BYTES[i] as usize] = true;
        i += 1;
    }
    t
};

/// Opening and closing quotes: what they hold is a literal, not prose.
const OPEN_QUOTES: &[char] = &['"', '`', '“', '«'];
const CLOSE_QUOTES: &[char] = &['"', '`', '”', '»'];

/// The words of a text worth checking, brand-like tokens left out.
pub fn words(text: &str, style: Style) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    for_words(text, style, |w| out.push(w));
    out
}

/// The classes of a byte for the tokenizer (a table: it looks at every byte of every text).
const LOWER: u8 = 1;
const UPPER: u8 = 2;
/// ASCII punctuation that may surround a word.
const PUNCT: u8 = 4;
/// A code character ([`CODE_BYTES`]) or a digit: the token is not prose.
const CODE: u8 = 8;
/// Not ASCII (the general path decides).
const HIGH: u8 = 16;
const SPACE: u8 = 32;

const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c >= 0x80 {
            HIGH
        } else if c.is_ascii_lowercase() {
            LOWER
        } else if c.is_ascii_uppercase() {
            UPPER
        } else if c.is_ascii_digit() || CODE_TABLE[b] {
            CODE
        } else if c.is_ascii_whitespace() {
            SPACE
        } else if c.is_ascii_punctuation() {
            PUNCT
        } else {
            CODE // control characters
        };
        b += 1;
    }
    t
};

/// Calls `f` with each word of a text worth checking (see [`words`]).
pub fn for_words<'t>(text: &'t str, style: Style, mut f: impl FnMut(Word<'t>)) {
    let b = text.as_bytes();
    let n = b.len();
    let (mut i, mut quoted, mut sentence_start) = (0, false, true);
    while i < n {
        while i < n && CLASS[b[i] as usize] == SPACE {
            i += 1;
        }
        if i == n {
            break;
        }
        let start = i;
        let mut flags = 0u8;
        while i < n && CLASS[b[i] as usize] != SPACE {
            flags |= CLASS[b[i] as usize];
            i += 1;
        }
        // Tokens end at ASCII white space: character boundaries.
        let chunk = &text[start..i];
        let starts_quote = matches!(b[start], b'"' | b'`')
            || (flags & HIGH != 0 && chunk.starts_with(OPEN_QUOTES));
        let was_start = sentence_start;
        sentence_start = matches!(b[i - 1], b'.' | b'!' | b'?' | b':');
        if quoted || starts_quote {
            let ends_quote = chunk
                .trim_end_matches(['.', ',', ';', ':', '!', '?', ')'])
                .ends_with(CLOSE_QUOTES);
            // A quote ends at a token that closes it (a one-token quote closes itself).
            quoted = !(ends_quote && (quoted || chunk.chars().nth(1).is_some()));
            continue;
        }
        // A code character or a digit (paths, URLs, e-mail addresses, identifiers, versions):
        // not prose. (A URL has '/', a bare www.x.com a dot inside: left out below.)
        if flags & CODE != 0 {
            continue;
        }
        let proper_if_upper = |first_part: bool| match style {
            Style::Sentence => !(was_start && first_part),
            Style::Label => false,
            Style::Name => true,
        };
        if flags & HIGH == 0 {
            // ASCII letters and punctuation: the letters between the punctuation of the
            // edges, when there is none inside, are the word.
            let inner = &b[start..i];
            let Some(a) = inner.iter().position(|c| CLASS[*c as usize] != PUNCT) else {
                continue;
            };
            let z = inner
                .iter()
                .rposition(|c| CLASS[*c as usize] != PUNCT)
                .unwrap_or(a)
                + 1;
            let core = &inner[a..z];
            if core
                .iter()
                .all(|c| CLASS[*c as usize] & (LOWER | UPPER) != 0)
            {
                if core.len() >= 4 && !core[1..].iter().any(u8::is_ascii_uppercase) {
                    let w = &chunk[a..z];
                    if !date_pattern(w) {
                        let proper = core[0].is_ascii_uppercase() && proper_if_upper(true);
                        f(Word { text: w, proper });
                    }
                }
                continue;
            }
        }
        let core = chunk.trim_matches(|c: char| !c.is_alphanumeric());
        // A dot inside (file.txt, e.g.): not a word of prose.
        if core.len() < 4 || core.as_bytes().contains(&b'.') {
            continue;
        }
        for (k, part) in core.split(['-', '–', '—']).enumerate() {
            if let Some(w) = prose_word(part) {
                let proper = w.starts_with(char::is_uppercase) && proper_if_upper(k == 0);
                f(Word { text: w, proper });
            }
        }
    }
}

/// A part of a token as a word to judge: possessives and quotes trimmed; `None` for what is
/// too short (abbreviations and codes: eg, asc, px), not letters, a date pattern (yyyy),
/// ALLCAPS (API, JSON) or CamelCase (HubSpot, iPhone).
fn prose_word(part: &str) -> Option<&str> {
    let mut w = part;
    if w.contains(['\'', '’']) {
        w = w
            .trim_end_matches("'s")
            .trim_end_matches("’s")
            .trim_matches(['\'', '’']);
    }
    if w.len() < 4 {
        return None;
    }
    let mut letters = 0;
    let mut later_upper = false;
    for (i, c) in w.chars().enumerate() {
        if !(c.is_alphabetic() || c == '\'' || c == '’') {
            return None;
        }
        later_upper |= i > 0 && c.is_uppercase();
        letters += 1;
    }
    (letters >= 4 && !later_upper && !date_pattern(w)).then_some(w)
}

/// Misspelt words of texts, remembered for one check (connector texts repeat their words).
/// No suggestions: the dictionary takes tens of milliseconds to suggest one word.
pub struct Checker<'t> {
    /// Another speller than the bundled one, with its own verdicts by hash.
    speller: Option<(&'t Speller, Map<u64, bool>)>,
    /// The texts met whose words are all known (a swagger repeats its descriptions), by
    /// the hash of style and text.
    clean: Set<u64>,
}

impl Default for Checker<'_> {
    /// A checker with the bundled speller (loaded on first use).
    fn default() -> Self {
        Checker {
            speller: None,
            clean: Set::default(),
        }
    }
}

impl<'t> Checker<'t> {
    /// A checker with another speller (to measure the vocabulary's part).
    pub fn with(speller: &'t Speller) -> Self {
        Checker {
            speller: Some((speller, Map::default())),
            ..Checker::default()
        }
    }

    /// The misspelt words of a text, in order, each once.
    pub fn misspelt(&mut self, text: &'t str, style: Style) -> Vec<&'t str> {
        let text_hash = hash_of(style as u8, text);
        if self.clean.contains(&text_hash) {
            return Vec::new();
        }
        let mut out: Vec<&'t str> = Vec::new();
        let speller = &mut self.speller;
        for_words(text, style, |w| {
            if w.proper {
                return;
            }
            let hash = hash_of(0, w.text);
            let known = match speller {
                Some((s, seen)) => *seen.entry(hash).or_insert_with(|| s.knows(w.text)),
                None => known_word(w.text, hash),
            };
            if !known && !out.contains(&w.text) {
                out.push(w.text);
            }
        });
        if out.is_empty() {
            self.clean.insert(text_hash);
        }
        out
    }
}

/// The message and help of a STRING-QUALITY finding on a text with misspelt words.
pub fn finding_text(what: &str, bad: &[&str]) -> (String, String) {
    let shown: Vec<String> = bad.iter().take(3).map(|w| format!("\"{w}\"")).collect();
    let more = if bad.len() > 3 { ", …" } else { "" };
    let message = if bad.len() == 1 {
        format!("{what}: {} is not an English word", shown[0])
    } else {
        format!("{what}: {}{more} are not English words", shown.join(", "))
    };
    let help = "Check the spelling. A name or a term of the service is fine: put it in `backticks` or quotes.".to_string();
    (message, help)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str, style: Style) -> Vec<&str> {
        words(t, style)
            .into_iter()
            .filter(|w| !w.proper)
            .map(|w| w.text)
            .collect()
    }

    #[test]
    fn brand_like_tokens_are_left_alone() {
        let t = "Retrieves the HubSpot deal by ID from https://api.x.com via `GET /deals` for \"dealId\" (see the docs.md file), e-mail ada@x.com, v2 Zendesk tickets.";
        assert_eq!(
            texts(t, Style::Sentence),
            ["Retrieves", "deal", "from", "file", "mail", "tickets"]
        );
        // In a label every word counts.
        assert_eq!(texts("Task Name", Style::Label), ["Task", "Name"]);
        assert_eq!(texts("Task Name", Style::Sentence), ["Task"]);
        // Possessives and hyphens; short words and date patterns are not judged.
        assert_eq!(
            texts("the user's follow-up", Style::Sentence),
            ["user", "follow"]
        );
        assert!(texts("eg the asc yyyy-MM-dd", Style::Sentence).is_empty());
    }

    #[test]
    fn british_spelling_and_inflected_vocabulary() {
        let s = speller();
        for w in [
            "organisation",
            "analysed",
            "colour",
            "cancelled",
            "litres",
            "catalogue",
            "licence",
        ] {
            assert!(s.knows(w), "{w}");
        }
        for w in ["webhooks", "namespaces", "encrypted", "tokenizing"] {
            assert!(s.knows(w), "{w}");
        }
        assert!(!s.knows("recieved") && !s.knows("seperated"));
        // Two words run together: a field name in prose.
        assert!(s.knows("enddate") && s.knows("jobcode"));
        assert!(!s.knows("identifer"));
        assert_eq!(american("colour"), ["color"]);
    }

    #[test]
    fn misspelt_words_are_found_and_names_pass() {
        let mut c = Checker::default();
        assert_eq!(
            c.misspelt(
                "Retrieves the recieved messages of a channel.",
                Style::Sentence
            ),
            ["recieved"]
        );
        assert!(c
            .misspelt(
                "Creates a webhook for the OAuth app with JSON payloads.",
                Style::Sentence
            )
            .is_empty());
        // Names of existing connectors are known (the catalog): Zendesk, Salesforce.
        assert!(c
            .misspelt("Zendesk tickets and Salesforce leads.", Style::Sentence)
            .is_empty());
        assert_eq!(c.misspelt("Recieved Date", Style::Label), ["Recieved"]);
        let (m, h) = finding_text("the summary", &["recieved"]);
        assert_eq!(m, "the summary: \"recieved\" is not an English word");
        assert!(h.contains("backticks"), "{h}");
        let (m, _) = finding_text("the summary", &["a", "b", "c", "d"]);
        assert_eq!(
            m,
            "the summary: \"a\", \"b\", \"c\", … are not English words"
        );
    }
}
