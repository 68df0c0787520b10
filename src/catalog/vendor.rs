//! Vendors and their products, for the `vendor` verdict ("other Adobe connectors exist").
//!
//! A vendor is found in the catalog itself: a connector whose title starts with the name of
//! its publisher or stack owner ("Adobe Acrobat Sign" by "Adobe Inc.", "HubSpot CRM" with
//! stack owner "HubSpot, Inc.") makes that name a vendor. Company forms ("Inc.", "GmbH",
//! "Software") are set aside; a name that starts with a noise word ("Microsoft", "Azure")
//! makes no vendor: Microsoft publishes hundreds of connectors and saying so helps nobody.
//!
//! A vendor's products are the connectors whose title starts with its name (Google
//! Calendar, though Microsoft publishes it) and the connectors it publishes or owns
//! (Marketo, stack owner Adobe).
//!
//! A query names a vendor when a run of its words is exactly the vendor's name: no typos,
//! so that a made-up name is called a vendor's only when it really contains one.

use super::normalize::{normalize, Class};
use super::Entry;
use std::collections::{HashMap, HashSet};

/// One vendor with products in the catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vendor {
    /// As written in a title ("HubSpot").
    pub name: String,
    /// Lower-case letters and digits ("hubspot").
    pub key: String,
    /// Indices of its products in the catalog's entries, ascending.
    pub products: Vec<u32>,
}

/// Words that say what kind of company, not which one.
const COMPANY_WORDS: &[&str] = &[
    "inc",
    "incorporated",
    "ltd",
    "limited",
    "llc",
    "llp",
    "gmbh",
    "mbh",
    "ag",
    "kg",
    "corp",
    "corporation",
    "co",
    "company",
    "sa",
    "sas",
    "sl",
    "srl",
    "spa",
    "bv",
    "nv",
    "plc",
    "pty",
    "oy",
    "ab",
    "as",
    "kk",
    "sp",
    "z",
    "o",
    "group",
    "holdings",
    "software",
    "solutions",
    "systems",
    "technologies",
    "technology",
    "labs",
    "international",
];

/// The title's words after leading noise ("Microsoft", "Azure", "The"), lower-case.
fn lead_words(title: &str) -> Vec<String> {
    let n = normalize(title);
    let start = n
        .coarse
        .iter()
        .position(|t| t.class == Class::Core)
        .unwrap_or(n.coarse.len());
    n.coarse[start..].iter().map(|t| t.text.clone()).collect()
}

/// An owner's name without company forms; `None` when it starts with a noise word.
fn owner_words(owner: &str) -> Option<Vec<String>> {
    let n = normalize(owner);
    if n.coarse.first().is_none_or(|t| t.class == Class::Noise) {
        return None;
    }
    let mut words: Vec<String> = n.coarse.iter().map(|t| t.text.clone()).collect();
    while words
        .last()
        .is_some_and(|w| COMPANY_WORDS.contains(&w.as_str()))
    {
        words.pop();
    }
    (!words.is_empty()).then_some(words)
}

/// The first words of `title` that spell `key`, as written ("HubSpot" of "HubSpot CRM").
fn written(title: &str, key: &str) -> Option<String> {
    let mut squashed = String::new();
    let mut out: Vec<&str> = Vec::new();
    for w in title.split(|c: char| c.is_whitespace() || c == '-' || c == ',') {
        let lw: String = w
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        if lw.is_empty() {
            continue;
        }
        if out.is_empty() && !key.starts_with(lw.as_str()) {
            // Leading noise ("Microsoft Translator" is never a vendor, but "The …" may be).
            continue;
        }
        squashed.push_str(&lw);
        out.push(w.trim_matches(|c: char| !c.is_alphanumeric()));
        if squashed == key {
            return Some(out.join(" "));
        }
        if !key.starts_with(squashed.as_str()) {
            return None;
        }
    }
    None
}

/// Words of a name, lower-case.
type Words = Vec<String>;

/// The vendors of `entries` (only searchable entries count).
pub fn vendors(entries: &[Entry]) -> Vec<Vendor> {
    // Each entry's lead words and owner names, normalised once.
    let prepared: Vec<Option<(Words, Vec<Words>)>> = entries
        .iter()
        .map(|e| {
            e.status?;
            let owners = if e.pr_number.is_some() {
                // A pull request's "publisher" is its author, not the service's owner.
                Vec::new()
            } else {
                [e.publisher.as_deref(), e.stack_owner.as_deref()]
                    .into_iter()
                    .flatten()
                    .filter_map(owner_words)
                    .collect()
            };
            Some((lead_words(&e.name), owners))
        })
        .collect();
    // Vendors: an owner name that starts the title of one of its connectors.
    let mut by_key: HashMap<String, (Vec<String>, String)> = HashMap::new();
    for (e, p) in entries.iter().zip(&prepared) {
        let Some((lead, owners)) = p else { continue };
        for ow in owners {
            let common = ow.iter().zip(lead).take_while(|(a, b)| a == b).count();
            if common == 0 {
                continue;
            }
            let words = &ow[..common];
            let key: String = words.concat();
            if key.len() < 3 || key.bytes().all(|b| b.is_ascii_digit()) || by_key.contains_key(&key)
            {
                continue;
            }
            if let Some(name) = written(&e.name, &key) {
                by_key.insert(key, (words.to_vec(), name));
            }
        }
    }
    // Products: titles that start with the vendor's words, and what it owns. Vendors are
    // looked up by their first word.
    let mut by_first: HashMap<&str, Vec<&String>> = HashMap::new();
    for (key, (words, _)) in &by_key {
        by_first.entry(words[0].as_str()).or_default().push(key);
    }
    let mut products: HashMap<&String, Vec<u32>> = HashMap::new();
    for (i, p) in prepared.iter().enumerate() {
        let Some((lead, owners)) = p else { continue };
        let mut mine: HashSet<&String> = HashSet::new();
        let candidates = lead
            .first()
            .into_iter()
            .chain(owners.iter().filter_map(|o| o.first()));
        for first in candidates {
            for key in by_first.get(first.as_str()).into_iter().flatten() {
                let words = &by_key[*key].0;
                if lead.starts_with(words) || owners.iter().any(|o| o == words) {
                    mine.insert(key);
                }
            }
        }
        for key in mine {
            products.entry(key).or_default().push(i as u32);
        }
    }
    let mut out: Vec<Vendor> = by_key
        .iter()
        .map(|(key, (_, name))| Vendor {
            name: name.clone(),
            key: key.clone(),
            products: products.remove(key).unwrap_or_default(),
        })
        .collect();
    out.sort_by(|a, b| a.key.cmp(&b.key));
    out
}

/// Every run of consecutive words of `query`, squashed ("hub spot crm" → "hub", "hubspot",
/// "hubspotcrm", "spot", …), over its written words and its CamelCase pieces.
pub fn word_runs(query: &str) -> HashSet<String> {
    let n = normalize(query);
    let mut out = HashSet::new();
    for toks in [&n.coarse, &n.fine] {
        for i in 0..toks.len() {
            let mut s = String::new();
            for t in toks[i..].iter().take(4) {
                s.push_str(&t.text);
                out.insert(s.clone());
            }
        }
    }
    out
}

/// The vendors `query` names, by index into `vendors`.
pub fn named_in(vendors: &[Vendor], query: &str) -> Vec<usize> {
    let runs = word_runs(query);
    vendors
        .iter()
        .enumerate()
        .filter(|(_, v)| runs.contains(&v.key))
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Kind, Status};

    fn entry(name: &str, publisher: Option<&str>, owner: Option<&str>) -> Entry {
        Entry {
            name: name.into(),
            folder: None,
            kind: Kind::Certified,
            publisher: publisher.map(Into::into),
            stack_owner: owner.map(Into::into),
            operations: None,
            source: "test".into(),
            api_name: None,
            pr_number: None,
            url: None,
            status: Some(Status::Platform),
        }
    }

    #[test]
    fn vendors_come_from_owners_that_start_a_title() {
        let entries = vec![
            entry("Adobe Acrobat Sign", Some("Adobe Inc."), None),
            entry("Adobe PDF Services", Some("Adobe, Inc."), None),
            entry("Marketo", Some("Microsoft Inc."), Some("Adobe Inc.")),
            entry("HubSpot CRM", Some("Troy Taylor"), Some("HubSpot, Inc.")),
            entry("HubSpot CMS V2", Some("Troy Taylor"), Some("HubSpot")),
            entry("Google Calendar", Some("Microsoft"), None),
            entry("Google Books", Some("Someone"), Some("Google")),
            entry("Microsoft Translator", Some("Microsoft Translator"), None),
            entry("Seismic Library", Some("Seismic Software, Inc."), None),
            entry("Open Experience", Some("Open Experience GmbH"), None),
            entry("Open Brewery DB", Some("Fördős András"), None),
        ];
        let vs = vendors(&entries);
        let names: Vec<(&str, &str, Vec<u32>)> = vs
            .iter()
            .map(|v| (v.name.as_str(), v.key.as_str(), v.products.clone()))
            .collect();
        assert_eq!(
            names,
            [
                ("Adobe", "adobe", vec![0, 1, 2]),
                ("Google", "google", vec![5, 6]),
                ("HubSpot", "hubspot", vec![3, 4]),
                ("Open Experience", "openexperience", vec![9]),
                ("Seismic", "seismic", vec![8]),
            ]
        );
        let named = |q: &str| -> Vec<&str> {
            named_in(&vs, q)
                .into_iter()
                .map(|i| vs[i].name.as_str())
                .collect()
        };
        assert_eq!(named("hubspot tickets"), ["HubSpot"]);
        assert_eq!(named("Hub Spot Tickets"), ["HubSpot"]);
        assert_eq!(named("Adobe Photoshop"), ["Adobe"]);
        assert!(named("Open Weather").is_empty());
        // No typos: a made-up name is a vendor's only when it really names one.
        assert!(named("Adobi Photoshop").is_empty());
    }
}
