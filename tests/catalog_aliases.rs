//! The alias table (`assets/aliases.json`): every entry is a fact with a source, names a
//! connector of the built-in list, and makes that connector findable by the other name.

use connector_wizard::catalog::aliases::{expand, AliasTable};
use connector_wizard::catalog::{Catalog, Verdict};
use std::collections::HashSet;

#[test]
fn every_alias_names_a_connector_of_the_list() {
    let table = AliasTable::builtin();
    let catalog = Catalog::embedded();
    assert!(!table.names.is_empty() && !table.short_forms.is_empty());
    for a in &table.names {
        assert!(
            a.source.starts_with("https://") || a.source.contains(' '),
            "{a:?}: the source should say where the fact comes from"
        );
        let hits: Vec<_> = catalog
            .entries()
            .iter()
            .filter(|e| e.status.is_some() && e.name == a.connector)
            .collect();
        assert_eq!(hits.len(), 1, "{a:?}: no single connector with that title");
        if let Some(api) = &a.api_name {
            assert_eq!(hits[0].api_name.as_ref(), Some(api), "{a:?}");
        }
    }
}

#[test]
fn every_alias_finds_its_connector() {
    let table = AliasTable::builtin();
    let catalog = Catalog::embedded();
    for a in &table.names {
        let hits = catalog.search(&a.alias, 5);
        let hit = hits
            .iter()
            .find(|h| h.name == a.connector)
            .unwrap_or_else(|| panic!("{:?} does not find {:?}: {hits:?}", a.alias, a.connector));
        assert_eq!(hit.verdict, Verdict::Same, "{:?}: {hits:?}", a.alias);
        assert_eq!(catalog.answer(&hits).verdict, Verdict::Same);
    }
}

#[test]
fn short_forms_are_single_words_read_as_their_long_form() {
    let table = AliasTable::builtin();
    let mut seen = HashSet::new();
    for s in &table.short_forms {
        assert!(!s.source.trim().is_empty(), "{s:?}");
        assert!(
            !s.short.contains(char::is_whitespace),
            "{s:?}: a short form is one written word"
        );
        assert!(seen.insert(s.short.to_lowercase()), "{s:?} twice");
        let long = expand(&s.short.to_lowercase()).expect("expands");
        assert_eq!(long.join(" "), s.long.to_lowercase());
    }
}
