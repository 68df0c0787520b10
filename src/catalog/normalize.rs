//! Name normalisation for the duplicate search.
//!
//! A connector name is turned into tokens the way people think about it:
//!
//! - case and diacritics are folded (`Brønnøysund` → `bronnoysund`),
//! - punctuation and spacing separate words (`Tree-Nation`, `Copy.ai`),
//! - CamelCase and letter/digit boundaries split words into *fine* tokens
//!   (`HubSpotCRM` → `hub spot crm`, `Office365` → `office 365`) while the *coarse* tokens
//!   keep each written word whole (`hubspotcrm`),
//! - words that do not identify a service are marked as noise: "connector", "API",
//!   "(Independent Publisher)", version marks such as "V2", "(Preview)", "[DEPRECATED]",
//!   vendor prefixes "Microsoft"/"Azure", small words ("for", "and", "the"), and web
//!   suffixes such as ".io"/".ai" written right after a word,
//! - short forms from the alias table ([`super::aliases`]) read as their long form ("MS" →
//!   "microsoft", "O365" → "office 365").
//!
//! Two squashed strings (all letters and digits, no spaces) come with the tokens: `full`
//! (every token) and `core` (noise left out). Comparing squashed strings makes spacing and
//! CamelCase differences disappear; comparing tokens makes word order and extra words matter
//! less.

/// How much a token says about which service a name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Identifies the service.
    Core,
    /// Says nothing about the service ("connector", "API", "V2", "Microsoft", "for"…).
    Noise,
}

/// One normalised token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    pub class: Class,
}

/// A name after normalisation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Normalized {
    /// Tokens split at punctuation, spaces, CamelCase and letter/digit boundaries.
    pub fine: Vec<Token>,
    /// Tokens split at punctuation and spaces only.
    pub coarse: Vec<Token>,
    /// All fine tokens joined.
    pub full: String,
    /// The core fine tokens joined (equal to `full` when every token is noise).
    pub core: String,
}

/// Words that never identify a service on their own.
const NOISE_WORDS: &[&str] = &[
    "connector",
    "connectors",
    "api",
    "apis",
    "independent",
    "publisher",
    "proposal",
    "preview",
    "deprecated",
    "sample",
    "legacy",
    "beta",
    "version",
    "microsoft",
    "azure",
    "ms",
    "msft",
    "the",
    "and",
    "for",
    "of",
    "by",
    "a",
    "an",
    "to",
    "with",
    "on",
];

/// Edition words: they qualify a product ("SharePoint Online", "Jira Cloud", "Webex
/// Integration") rather than name it. Noise, unless the name has nothing else ("Cloud
/// Storage" keeps them).
const EDITION_WORDS: &[&str] = &[
    "online",
    "cloud",
    "business",
    "enterprise",
    "server",
    "premium",
    "platform",
    "service",
    "services",
    "suite",
    "app",
    "integration",
    "integrations",
];

/// Web suffixes that are noise when written right after a word with a dot (`Shields.io`).
const WEB_SUFFIXES: &[&str] = &[
    "io", "ai", "com", "net", "org", "app", "dev", "co", "us", "me", "bio", "today", "in", "so",
    "ly",
];

fn is_version(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() >= 2 && b[0] == b'v' && b[1..].iter().all(u8::is_ascii_digit)
}

fn noise_word(t: &str) -> bool {
    NOISE_WORDS.contains(&t) || EDITION_WORDS.contains(&t) || is_version(t)
}

/// Folds one character to lower-case ASCII where a plain equivalent exists. Returns the
/// replacement (one or two characters) or `None` for a separator.
fn fold(c: char) -> Option<(char, Option<char>)> {
    if c.is_ascii_alphanumeric() {
        return Some((c, None));
    }
    if c.is_ascii() {
        return None;
    }
    let lower = c.to_lowercase().next().unwrap_or(c);
    let upper = c.is_uppercase();
    let m = |a: char| {
        if upper {
            a.to_ascii_uppercase()
        } else {
            a
        }
    };
    let one = match lower {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => 'c',
        'ď' | 'đ' | 'ð' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ğ' | 'ģ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
        'ķ' => 'k',
        'ł' | 'ľ' | 'ļ' | 'ĺ' => 'l',
        'ñ' | 'ń' | 'ň' | 'ņ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ŕ' | 'ř' => 'r',
        'ś' | 'š' | 'ş' | 'ș' => 's',
        'ţ' | 'ť' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        'æ' => return Some((m('a'), Some('e'))),
        'œ' => return Some((m('o'), Some('e'))),
        'ß' => return Some(('s', Some('s'))),
        'þ' => return Some((m('t'), Some('h'))),
        other if other.is_alphanumeric() => return Some((c, None)),
        _ => return None,
    };
    Some((m(one), None))
}

/// A written word: the characters between separators, original case kept.
struct Word {
    chars: Vec<char>,
    /// Written right after a '.' that follows another word (`Shields.io`).
    after_dot: bool,
}

fn words(s: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut cur: Vec<char> = Vec::new();
    let mut pending_dot = false;
    let mut cur_after_dot = false;
    for c in s.chars() {
        match fold(c) {
            Some((a, b)) => {
                if cur.is_empty() {
                    cur_after_dot = pending_dot;
                }
                cur.push(a);
                if let Some(b) = b {
                    cur.push(b);
                }
            }
            None => {
                let had_word = !cur.is_empty();
                if had_word {
                    out.push(Word {
                        chars: std::mem::take(&mut cur),
                        after_dot: cur_after_dot,
                    });
                }
                // A dot directly after a word: the next word may be a web suffix.
                pending_dot = c == '.' && had_word;
            }
        }
    }
    if !cur.is_empty() {
        out.push(Word {
            chars: cur,
            after_dot: cur_after_dot,
        });
    }
    out
}

/// Splits a word at CamelCase and letter/digit boundaries; pieces are lower-cased.
/// A version mark stays one piece (`NotionV2` → `notion`, `v2`; `CRMV2` → `crm`, `v2`).
fn split_camel(w: &[char]) -> Vec<String> {
    let n = w.len();
    let mut raw: Vec<&[char]> = Vec::new();
    let mut start = 0;
    for i in 1..n {
        let (p, c) = (w[i - 1], w[i]);
        let next_lower = i + 1 < n && w[i + 1].is_lowercase();
        let boundary = (p.is_lowercase() && c.is_uppercase())
            || (p.is_uppercase() && c.is_uppercase() && next_lower)
            || (p.is_alphabetic() && c.is_numeric())
            || (p.is_numeric() && c.is_alphabetic());
        if boundary {
            raw.push(&w[start..i]);
            start = i;
        }
    }
    raw.push(&w[start..]);
    let mut out: Vec<String> = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let piece = raw[i];
        let digits_follow = raw.get(i + 1).is_some_and(|d| d[0].is_numeric());
        if digits_follow && (piece == ['v'] || piece == ['V']) {
            out.push(format!("v{}", raw[i + 1].iter().collect::<String>()));
            i += 2;
            continue;
        }
        // "CRMV2": an upper-case run ending in V before digits.
        if digits_follow
            && piece.len() >= 3
            && piece.last() == Some(&'V')
            && piece.iter().all(|c| c.is_uppercase())
        {
            out.push(
                piece[..piece.len() - 1]
                    .iter()
                    .collect::<String>()
                    .to_lowercase(),
            );
            out.push(format!("v{}", raw[i + 1].iter().collect::<String>()));
            i += 2;
            continue;
        }
        out.push(piece.iter().collect::<String>().to_lowercase());
        i += 1;
    }
    out
}

/// Normalises a name (connector title, folder name or query).
pub fn normalize(s: &str) -> Normalized {
    let ws = words(s);
    let mut fine = Vec::new();
    let mut coarse = Vec::new();
    for (i, w) in ws.iter().enumerate() {
        let lower: String = w.chars.iter().flat_map(|c| c.to_lowercase()).collect();
        // A short form ("MS", "O365") reads as what it stands for.
        if let Some(long) = super::aliases::expand(&lower) {
            for word in long {
                let class = if noise_word(word) {
                    Class::Noise
                } else {
                    Class::Core
                };
                fine.push(Token {
                    text: word.clone(),
                    class,
                });
                coarse.push(Token {
                    text: word.clone(),
                    class,
                });
            }
            continue;
        }
        let web = w.after_dot && i > 0 && WEB_SUFFIXES.contains(&lower.as_str());
        let class = if web || noise_word(&lower) {
            Class::Noise
        } else {
            Class::Core
        };
        for piece in split_camel(&w.chars) {
            let class = if web || noise_word(&piece) {
                Class::Noise
            } else {
                Class::Core
            };
            fine.push(Token { text: piece, class });
        }
        coarse.push(Token { text: lower, class });
    }
    // A name made only of noise keeps its edition words ("Cloud Storage"), or all of it
    // ("Azure", "API").
    for toks in [&mut fine, &mut coarse] {
        if toks.iter().all(|t| t.class == Class::Noise) {
            toks.iter_mut()
                .filter(|t| EDITION_WORDS.contains(&t.text.as_str()))
                .for_each(|t| t.class = Class::Core);
        }
        if toks.iter().all(|t| t.class == Class::Noise) {
            toks.iter_mut().for_each(|t| t.class = Class::Core);
        }
    }
    let full: String = fine.iter().map(|t| t.text.as_str()).collect();
    let core: String = fine
        .iter()
        .filter(|t| t.class == Class::Core)
        .map(|t| t.text.as_str())
        .collect();
    Normalized {
        fine,
        coarse,
        full,
        core,
    }
}

/// Removes what a pull-request title adds around a connector name: "Proposal -",
/// "[tags]", "(Independent Publisher)", leading verbs such as "Add"/"Update"/"New".
pub fn name_from_pr_title(title: &str) -> String {
    let mut t = title.trim();
    // Leading [tags].
    while let Some(rest) = t.strip_prefix('[') {
        match rest.find(']') {
            Some(end) => t = rest[end + 1..].trim_start(),
            None => break,
        }
    }
    // "Proposal - X", "Proposal: X", "Proposal X".
    if let Some(rest) = strip_prefix_ci(t, "proposal") {
        t = rest
            .trim_start_matches([' ', '-', ':', '–', '—'])
            .trim_start();
    }
    for verb in [
        "new connector:",
        "new connector",
        "adding",
        "added",
        "add",
        "updating",
        "updated",
        "update",
    ] {
        if let Some(rest) = strip_prefix_ci(t, verb) {
            if rest.starts_with([' ', ':']) {
                t = rest.trim_start_matches([' ', ':', '-']).trim_start();
                break;
            }
        }
    }
    let mut name = t.to_string();
    for suffix in [
        "(independent publisher)",
        "(independent publisher connector)",
    ] {
        if let Some(pos) = name.to_lowercase().rfind(suffix) {
            if name.len() == pos + suffix.len() {
                name.truncate(pos);
            }
        }
    }
    let name = name.trim().trim_end_matches(['-', ':']).trim();
    if name.is_empty() {
        title.trim().to_string()
    } else {
        name.to_string()
    }
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    if s.len() >= prefix.len()
        && s.is_char_boundary(prefix.len())
        && s[..prefix.len()].eq_ignore_ascii_case(prefix)
    {
        Some(&s[prefix.len()..])
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fine(s: &str) -> Vec<String> {
        normalize(s).fine.into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn camel_case_and_digits_split() {
        assert_eq!(fine("HubSpotCRM"), ["hub", "spot", "crm"]);
        assert_eq!(fine("Office365"), ["office", "365"]);
        assert_eq!(fine("NotionV2"), ["notion", "v2"]);
        assert_eq!(fine("HubSpot CRM V2"), ["hub", "spot", "crm", "v2"]);
        assert_eq!(fine("CRMV2"), ["crm", "v2"]);
        assert_eq!(fine("What3Words"), ["what", "3", "words"]);
        assert_eq!(fine("dox42"), ["dox", "42"]);
        assert_eq!(fine("OpenAI GPT-4"), ["open", "ai", "gpt", "4"]);
    }

    #[test]
    fn noise_is_left_out_of_core() {
        let n = normalize("Notion V2 Connector (Independent Publisher)");
        assert_eq!(n.core, "notion");
        assert_eq!(n.full, "notionv2connectorindependentpublisher");
        assert_eq!(normalize("Microsoft Teams").core, "teams");
        assert_eq!(normalize("Azure Blob Storage").core, "blobstorage");
        assert_eq!(normalize("Shields.io").core, "shields");
        assert_eq!(normalize("shields io").core, "shieldsio");
        assert_eq!(normalize("SharePoint Online").core, "sharepoint");
        // A name of noise only keeps its edition words, or all of it.
        assert_eq!(normalize("Azure App Service").core, "appservice");
        assert_eq!(normalize("Azure").core, "azure");
    }

    #[test]
    fn short_forms_read_as_their_long_form() {
        assert_eq!(
            normalize("MS Teams").full,
            normalize("Microsoft Teams").full
        );
        assert_eq!(normalize("O365 Outlook").core, "office365outlook");
        assert_eq!(
            fine("m365 Message Center"),
            ["microsoft", "365", "message", "center"]
        );
        // Only whole written words: "Oms" and "MSFlow" stay as they are.
        assert_eq!(normalize("Oms").core, "oms");
        assert_eq!(fine("MSFlow"), ["ms", "flow"]);
    }

    #[test]
    fn spacing_case_and_punctuation_squash_alike() {
        let a = normalize("Hub Spot CRM");
        let b = normalize("hubspot-crm");
        let c = normalize("HubSpotCRM");
        assert_eq!(a.full, b.full);
        assert_eq!(b.full, c.full);
    }

    #[test]
    fn diacritics_fold() {
        assert_eq!(
            normalize("Brønnøysundregistrene").full,
            "bronnoysundregistrene"
        );
        assert_eq!(normalize("Straße").full, "strasse");
        assert_eq!(normalize("OpenText™ eDOCS").full, "opentextedocs");
    }

    #[test]
    fn coarse_keeps_written_words() {
        let c: Vec<String> = normalize("HubSpot CRM")
            .coarse
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(c, ["hubspot", "crm"]);
    }

    #[test]
    fn pr_titles_lose_their_wrapping() {
        assert_eq!(
            name_from_pr_title("Proposal - HubSpotCRM (Independent Publisher)"),
            "HubSpotCRM"
        );
        assert_eq!(
            name_from_pr_title("NotionV2 (Independent Publisher)"),
            "NotionV2"
        );
        assert_eq!(
            name_from_pr_title("[Certified] Update Calendly"),
            "Calendly"
        );
        assert_eq!(name_from_pr_title("Proposal: Foo Bar"), "Foo Bar");
        assert_eq!(name_from_pr_title("Addison Lee"), "Addison Lee");
        assert_eq!(name_from_pr_title("New York Times"), "New York Times");
        assert_eq!(
            name_from_pr_title("(Independent Publisher)"),
            "(Independent Publisher)"
        );
    }
}
