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

use crate::document::openapi::{Map, Set};
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

/// The speller, loaded on first use.
pub fn speller() -> &'static Speller {
    static SPELLER: OnceLock<Speller> = OnceLock::new();
    SPELLER.get_or_init(|| Speller::load(true))
}

fn speller_ref<'s>() -> &'s Speller {
    speller()
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
    word.chars().all(|c| "yYmMdDhHsS".contains(c))
}

/// How a text is written, which says which capitalised words are names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// Characters that make a whitespace-separated token a code, URL, path or address.
const CODE_CHARS: &[char] = &[
    '/', '\\', '@', '_', '=', '{', '}', '<', '>', '$', '#', '%', '+', '*', '|', '~', '^', '&',
];

/// Opening and closing quotes: what they hold is a literal, not prose.
const OPEN_QUOTES: &[char] = &['"', '`', '“', '«'];
const CLOSE_QUOTES: &[char] = &['"', '`', '”', '»'];

/// The words of a text worth checking, brand-like tokens left out.
pub fn words(text: &str, style: Style) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut quoted = false;
    let mut sentence_start = true;
    for chunk in text.split_whitespace() {
        let starts_quote = chunk.starts_with(OPEN_QUOTES);
        let ends_quote = chunk
            .trim_end_matches(['.', ',', ';', ':', '!', '?', ')'])
            .ends_with(CLOSE_QUOTES);
        let was_start = sentence_start;
        sentence_start = chunk.ends_with(['.', '!', '?', ':']);
        if quoted || starts_quote {
            // A quote ends at a token that closes it (a one-token quote closes itself).
            quoted = !(ends_quote && (quoted || chunk.chars().count() > 1));
            continue;
        }
        if chunk.contains("://") || chunk.starts_with("www.") || chunk.contains(CODE_CHARS) {
            continue;
        }
        let core = chunk.trim_matches(|c: char| !c.is_alphanumeric());
        // A dot inside (file.txt, e.g., v1.2) or a digit: not a word of prose.
        if core.is_empty() || core.contains('.') || core.contains(|c: char| c.is_ascii_digit()) {
            continue;
        }
        for (k, part) in core.split(['-', '–', '—']).enumerate() {
            let part = part
                .trim_end_matches("'s")
                .trim_end_matches("’s")
                .trim_matches(['\'', '’']);
            // Words of up to three letters are mostly abbreviations and codes (eg, asc,
            // px, de): too short to judge.
            let letters = part.chars().count();
            if letters < 4
                || !part
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '\'' || c == '’')
                || date_pattern(part)
            {
                continue;
            }
            let mut chars = part.chars();
            let first_upper = chars.next().is_some_and(char::is_uppercase);
            let later_upper = chars.any(char::is_uppercase);
            // ALLCAPS (API, JSON) and CamelCase (HubSpot, iPhone): brand-like, left alone.
            if later_upper {
                continue;
            }
            let proper = first_upper
                && match style {
                    Style::Sentence => !(was_start && k == 0),
                    Style::Label => false,
                    Style::Name => true,
                };
            out.push(Word { text: part, proper });
        }
    }
    out
}

/// Misspelt words of texts, remembered for one check (connector texts repeat their words).
/// No suggestions: the dictionary takes tens of milliseconds to suggest one word.
pub struct Checker<'t> {
    speller: Option<&'t Speller>,
    seen: Map<&'t str, bool>,
}

impl Default for Checker<'_> {
    /// A checker with the bundled speller (loaded on first use).
    fn default() -> Self {
        Checker {
            speller: None,
            seen: Map::default(),
        }
    }
}

impl<'t> Checker<'t> {
    /// A checker with another speller (to measure the vocabulary's part).
    pub fn with(speller: &'t Speller) -> Self {
        Checker {
            speller: Some(speller),
            seen: Map::default(),
        }
    }

    /// The misspelt words of a text, in order, each once.
    pub fn misspelt(&mut self, text: &'t str, style: Style) -> Vec<&'t str> {
        let mut out: Vec<&'t str> = Vec::new();
        for w in words(text, style) {
            if w.proper {
                continue;
            }
            let speller = self.speller;
            let known = *self
                .seen
                .entry(w.text)
                .or_insert_with(|| speller.unwrap_or_else(speller_ref).knows(w.text));
            if !known && !out.contains(&w.text) {
                out.push(w.text);
            }
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
