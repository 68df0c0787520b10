//! Text helpers for the string rules: words, CamelCase segments, case styles, product names.

/// How a word was found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordMatch {
    /// A whole word or a CamelCase segment ("Foo API", "NameAPI", "PeltarionConnector").
    Word,
    /// Letters inside a longer word ("Zapier", "SMSAPI", "rapid").
    Embedded,
}

/// Splits a token into CamelCase segments: "PeltarionConnector" → Peltarion, Connector;
/// "NameAPI" → Name, API; "HTTPServer" → HTTP, Server.
pub fn camel_segments(token: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = token.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    for k in 1..chars.len() {
        let (i, c) = chars[k];
        let prev = chars[k - 1].1;
        let next = chars.get(k + 1).map(|x| x.1);
        let boundary = (prev.is_lowercase() && c.is_uppercase())
            || (prev.is_uppercase() && c.is_uppercase() && next.is_some_and(char::is_lowercase))
            || (prev.is_alphabetic() && c.is_ascii_digit())
            || (prev.is_ascii_digit() && c.is_alphabetic());
        if boundary {
            out.push(&token[start..i]);
            start = i;
        }
    }
    if start < token.len() {
        out.push(&token[start..]);
    }
    out
}

/// Alphanumeric tokens of a text.
pub fn tokens(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
}

/// Whether `word` (case-insensitive) is a whole token of `text` ("Foo API", not "NameAPI").
pub fn has_token(text: &str, word: &str) -> bool {
    tokens(text).any(|t| t.eq_ignore_ascii_case(word))
}

/// Finds `word` (case-insensitive) in `text`: as a word or CamelCase segment, else embedded.
pub fn find_word(text: &str, word: &str) -> Option<WordMatch> {
    let mut embedded = false;
    for tok in tokens(text) {
        if tok.eq_ignore_ascii_case(word) {
            return Some(WordMatch::Word);
        }
        if camel_segments(tok)
            .iter()
            .any(|s| s.eq_ignore_ascii_case(word))
        {
            return Some(WordMatch::Word);
        }
        if tok.to_lowercase().contains(&word.to_lowercase()) {
            embedded = true;
        }
    }
    embedded.then_some(WordMatch::Embedded)
}

/// Power Platform product names that must not appear in titles, descriptions and summaries.
/// `documented` names come from Microsoft's pages and validator output; the others are
/// inferred (the same family) and reported as warnings.
pub struct Product {
    pub name: &'static str,
    pub documented: bool,
}

pub const PRODUCTS: &[Product] = &[
    Product {
        name: "Power Apps",
        documented: true,
    },
    Product {
        name: "Power Automate",
        documented: true,
    },
    Product {
        name: "Logic Apps",
        documented: true,
    },
    Product {
        name: "Copilot Studio",
        documented: true,
    },
    Product {
        name: "Power BI",
        documented: false,
    },
    Product {
        name: "Power Pages",
        documented: false,
    },
    Product {
        name: "Power Virtual Agents",
        documented: false,
    },
    Product {
        name: "Dataverse",
        documented: false,
    },
    Product {
        name: "Common Data Service",
        documented: false,
    },
    Product {
        name: "AI Builder",
        documented: false,
    },
    Product {
        name: "Power Fx",
        documented: false,
    },
    Product {
        name: "Power Platform",
        documented: false,
    },
    Product {
        name: "Microsoft Flow",
        documented: false,
    },
];

/// Product names found in `text`: compared case-insensitively, with or without the spaces
/// ("PowerApps", "power automate"), at word boundaries.
pub fn products_in(text: &str) -> Vec<&'static Product> {
    /// Each product's name in lower case, with and without its spaces (computed once).
    static FORMS: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    let forms = FORMS.get_or_init(|| {
        PRODUCTS
            .iter()
            .map(|p| {
                let name = p.name.to_lowercase();
                let nospace = name.split_whitespace().collect();
                (name, nospace)
            })
            .collect()
    });
    let lower = text.to_lowercase();
    let mut squashed: Option<String> = None;
    let mut found = Vec::new();
    for (p, (name, nospace)) in PRODUCTS.iter().zip(forms) {
        let hit = contains_at_boundary(&lower, name)
            || contains_at_boundary(&lower, nospace)
            // "Power  Apps" with odd spacing: compare without any white space.
            || (name.contains(' ') && {
                let sq = squashed.get_or_insert_with(|| squash_keep_bounds(&lower));
                sq.contains(nospace.as_str()) && contains_at_boundary(sq, nospace)
            });
        if hit {
            found.push(p);
        }
    }
    found
}

fn squash_keep_bounds(s: &str) -> String {
    // Collapse runs of white space to nothing only between letters of product names is hard
    // to do exactly; collapsing all white space is close enough for the second pass.
    s.split_whitespace().collect::<Vec<_>>().join("")
}

fn contains_at_boundary(hay: &str, needle: &str) -> bool {
    let mut from = 0;
    while let Some(i) = hay[from..].find(needle) {
        let start = from + i;
        let end = start + needle.len();
        let before = hay[..start].chars().next_back();
        let after = hay[end..].chars().next();
        let ok_before = before.is_none_or(|c| !c.is_alphanumeric());
        let ok_after = after.is_none_or(|c| !c.is_alphanumeric());
        if ok_before && ok_after {
            return true;
        }
        from = start + needle.len().max(1);
        if from >= hay.len() {
            break;
        }
    }
    false
}

/// Whether `c` is a letter of the Latin script (ASCII, Latin-1, Latin Extended).
pub fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c as u32, 0xC0..=0x24F | 0x1E00..=0x1EFF) && c.is_alphabetic()
}

/// The first letter that is not Latin, if any.
pub fn first_non_latin(s: &str) -> Option<char> {
    s.chars()
        .find(|c| c.is_alphabetic() && !is_latin_letter(*c))
}

/// Whether the token is an acronym or a code (all capitals, or has digits). No allocation:
/// it runs on every word of every summary.
pub fn is_acronym(word: &str) -> bool {
    let (mut letters, mut all_upper, mut later_upper) = (0usize, true, false);
    for c in word.chars() {
        if c.is_ascii_digit() {
            return true;
        }
        if c.is_alphabetic() {
            let upper = c.is_uppercase();
            all_upper &= upper;
            later_upper |= letters > 0 && upper;
            letters += 1;
        }
    }
    letters >= 2 && (all_upper || later_upper)
}

/// Whether a word is one of [`SMALL_WORDS`], in any case.
fn is_small_word(w: &str) -> bool {
    SMALL_WORDS.iter().any(|s| s.eq_ignore_ascii_case(w))
}

/// Small words that stay lower case in Title Case.
const SMALL_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "is", "of", "on", "or",
    "per", "the", "to", "via", "vs", "with", "nor", "if", "than", "be", "are",
];

/// Words of a Title Case text that start with a lower-case letter (small words excepted).
pub fn not_title_case(s: &str) -> Vec<&str> {
    s.split_whitespace()
        .enumerate()
        .filter(|(i, w)| {
            let first = w.chars().next();
            let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
            first.is_some_and(|c| c.is_lowercase())
                && !(*i > 0 && is_small_word(bare))
                && !w
                    .chars()
                    .any(|c| c.is_ascii_digit() || c == '@' || c == '.' || c == '_')
        })
        .map(|(_, w)| w)
        .collect()
}

/// Whether a text looks Title Cased rather than sentence cased: most of the words after the
/// first (acronyms and small words aside) are capitalised, and there are at least two.
pub fn looks_title_case(s: &str) -> bool {
    let (mut words, mut caps) = (0usize, 0usize);
    for w in s.split_whitespace().skip(1) {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        let Some(first) = w.chars().next().filter(|c| c.is_alphabetic()) else {
            continue;
        };
        if is_acronym(w) || is_small_word(w) {
            continue;
        }
        words += 1;
        if first.is_uppercase() {
            caps += 1;
        } else {
            // One lower-case word settles it.
            return false;
        }
    }
    caps >= 2 && caps * 2 > words && caps == words
}

/// Whether the text is one CamelCase word ("GetContacts", "listItems").
pub fn is_camel_blob(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty()
        && !t.contains(char::is_whitespace)
        && t.chars().all(|c| c.is_alphanumeric() || c == '_')
        && camel_segments(t).len() >= 2
}

/// Strips trailing characters that are not letters or digits (keeping `)` when `keep_paren`).
pub fn trim_end_non_alnum(s: &str, keep_paren: bool) -> &str {
    s.trim_end_matches(|c: char| !(c.is_alphanumeric() || (keep_paren && c == ')')))
}

/// Whether the text ends like a sentence.
pub fn ends_like_sentence(s: &str) -> bool {
    let t = s
        .trim_end()
        .trim_end_matches(['"', '\'', ')', ']', '*', '`']);
    t.ends_with(['.', '!', '?', ':']) || t.ends_with("...")
}

/// How many characters of a long value a message quotes.
const QUOTE_CHARS: usize = 60;

/// A long value as a message quotes it when the rule is about its start: the first
/// characters, then "…".
pub fn quote_start(s: &str) -> String {
    match s.char_indices().nth(QUOTE_CHARS) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_string(),
    }
}

/// A long value as a message quotes it when the rule is about its end (a final period):
/// "…", then the last characters, so the end the rule is about stays visible.
pub fn quote_end(s: &str) -> String {
    let n = s.chars().count();
    if n <= QUOTE_CHARS {
        return s.to_string();
    }
    let (at, _) = s.char_indices().nth(n - QUOTE_CHARS).unwrap_or((0, ' '));
    format!("…{}", &s[at..])
}

/// Number of characters (what the certification limits count).
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_segments_split() {
        assert_eq!(
            camel_segments("PeltarionConnector"),
            vec!["Peltarion", "Connector"]
        );
        assert_eq!(camel_segments("NameAPI"), vec!["Name", "API"]);
        assert_eq!(camel_segments("HTTPServer"), vec!["HTTP", "Server"]);
        assert_eq!(camel_segments("SMSAPI"), vec!["SMSAPI"]);
        assert_eq!(camel_segments("V2Beta"), vec!["V", "2", "Beta"]);
    }

    #[test]
    fn words_and_embedded_letters() {
        assert_eq!(find_word("Foo API", "api"), Some(WordMatch::Word));
        assert_eq!(find_word("OptiAPI", "api"), Some(WordMatch::Word));
        assert_eq!(find_word("Zapier NLA", "api"), Some(WordMatch::Embedded));
        assert_eq!(find_word("SMSAPI", "api"), Some(WordMatch::Embedded));
        assert_eq!(find_word("Contoso", "api"), None);
        assert_eq!(
            find_word("PeltarionConnector", "connector"),
            Some(WordMatch::Word)
        );
    }

    #[test]
    fn product_names() {
        let names = |s: &str| products_in(s).iter().map(|p| p.name).collect::<Vec<_>>();
        assert_eq!(names("Use it in PowerApps"), vec!["Power Apps"]);
        assert_eq!(names("from power automate flows"), vec!["Power Automate"]);
        assert_eq!(
            names("Azure Logic Apps and Power BI"),
            vec!["Logic Apps", "Power BI"]
        );
        assert!(names("Empowerapps and powerful").is_empty());
        assert!(names("Dataverses").is_empty());
    }

    #[test]
    fn case_styles() {
        assert!(looks_title_case("Get Contact By Name"));
        assert!(!looks_title_case("Get contact by name"));
        assert!(!looks_title_case(
            "Send an email to Microsoft Teams channel members"
        ));
        assert!(!looks_title_case("Get task by ID"));
        assert_eq!(not_title_case("Task id"), vec!["id"]);
        assert!(not_title_case("Name of the Task").is_empty());
        assert!(is_camel_blob("GetContacts"));
        assert!(!is_camel_blob("Get contacts"));
        assert!(is_acronym("ID") && is_acronym("OAuth2") && !is_acronym("Task"));
    }

    #[test]
    fn long_values_keep_the_end_the_rule_is_about() {
        let long = format!("{} the end without a period", "word ".repeat(20));
        let end = quote_end(&long);
        assert!(
            end.starts_with('…') && end.ends_with("without a period"),
            "{end}"
        );
        assert_eq!(end.chars().count(), QUOTE_CHARS + 1);
        let start = quote_start(&long);
        assert!(
            start.starts_with("word word") && start.ends_with('…'),
            "{start}"
        );
        assert_eq!(quote_end("short."), "short.");
        assert_eq!(quote_start("é".repeat(61).as_str()).chars().count(), 61);
    }

    #[test]
    fn latin_and_endings() {
        assert_eq!(first_non_latin("Brønnøysund"), None);
        assert_eq!(first_non_latin("Привет"), Some('П'));
        assert_eq!(trim_end_non_alnum("Get items. ", false), "Get items");
        assert_eq!(trim_end_non_alnum("Send (V2)", true), "Send (V2)");
        assert!(ends_like_sentence("Returns a task."));
        assert!(!ends_like_sentence("Returns a task"));
    }
}
