//! Other names of connectors and short forms of words (`assets/aliases.json`), for the
//! duplicate search.
//!
//! - *names*: a former name or another well-known name of a connector of the list ("Twitter"
//!   for X, "Common Data Service" for Dataverse). The connector is found by its platform API
//!   name, else by its exact title; the alias becomes one more name the search knows it by.
//!   The API names themselves (`shared_twitter` → "twitter") are added by the catalog
//!   without an entry here.
//! - *short forms*: a word written for a longer one ("MS" for "Microsoft", "O365" for
//!   "Office 365"). The normaliser ([`super::normalize`]) reads the long form wherever the
//!   short one is written as a word, in names and in queries alike.
//!
//! Every entry carries its source; `tests/catalog_aliases.rs` checks that each names a
//! connector of the embedded list.

use serde::Deserialize;
use std::sync::OnceLock;

/// The table, built into the binary.
pub const ALIASES_JSON: &str = include_str!("../../assets/aliases.json");

/// Another name of one connector.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NameAlias {
    /// The other name ("Twitter").
    pub alias: String,
    /// The connector's platform API name, when it has one (`shared_twitter`).
    #[serde(default)]
    pub api_name: Option<String>,
    /// The connector's title in the list ("X").
    pub connector: String,
    /// "former name", "short name"…
    pub what: String,
    pub source: String,
}

/// A short form of a word or words.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ShortForm {
    /// As written ("O365"); matched without regard to case.
    pub short: String,
    /// What it stands for ("Office 365").
    pub long: String,
    pub source: String,
}

/// The whole table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AliasTable {
    #[serde(default)]
    pub about: String,
    #[serde(default)]
    pub names: Vec<NameAlias>,
    #[serde(default)]
    pub short_forms: Vec<ShortForm>,
}

impl AliasTable {
    /// Reads a table; the error names the line and column.
    pub fn from_text(text: &str) -> anyhow::Result<AliasTable> {
        serde_json::from_str(text)
            .map_err(|e| anyhow::anyhow!("aliases: line {}, column {}: {e}", e.line(), e.column()))
    }

    /// The built-in table.
    pub fn builtin() -> &'static AliasTable {
        static TABLE: OnceLock<AliasTable> = OnceLock::new();
        TABLE.get_or_init(|| {
            AliasTable::from_text(ALIASES_JSON).expect("assets/aliases.json is valid")
        })
    }

    /// The other names of a connector, found by API name or by title.
    pub fn names_of<'a>(
        &'a self,
        title: &'a str,
        api_name: Option<&'a str>,
    ) -> impl Iterator<Item = &'a NameAlias> + 'a {
        self.names
            .iter()
            .filter(move |a| match (&a.api_name, api_name) {
                (Some(want), Some(have)) => want.eq_ignore_ascii_case(have),
                (Some(_), None) => false,
                (None, _) => a.connector == title,
            })
    }
}

/// The long form of `word` (lower-case, one written word), when it is a known short form.
/// The answer is lower-case words.
pub fn expand(word: &str) -> Option<&'static [String]> {
    static LONG: OnceLock<Vec<(String, Vec<String>)>> = OnceLock::new();
    let table = LONG.get_or_init(|| {
        AliasTable::builtin()
            .short_forms
            .iter()
            .map(|s| {
                (
                    s.short.to_lowercase(),
                    s.long
                        .split_whitespace()
                        .map(str::to_lowercase)
                        .collect::<Vec<_>>(),
                )
            })
            .collect()
    });
    table
        .iter()
        .find(|(s, _)| s == word)
        .map(|(_, l)| l.as_slice())
}

/// The API name as a name people would type: without the `shared_` prefix, `-` and `_` as
/// spaces (`shared_videoindexer-v2` → "videoindexer v2").
pub fn api_name_as_words(api: &str) -> String {
    let slug = api
        .strip_prefix("shared_")
        .or_else(|| api.strip_prefix("SHARED_"))
        .unwrap_or(api);
    slug.replace(['-', '_'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_table_reads() {
        let t = AliasTable::builtin();
        assert!(t.names.iter().any(|a| a.alias == "Twitter"));
        assert!(t.names.iter().all(|a| !a.source.trim().is_empty()));
        assert!(t.short_forms.iter().all(|s| !s.source.trim().is_empty()));
        assert_eq!(expand("ms").map(|l| l.join(" ")), Some("microsoft".into()));
        assert_eq!(
            expand("o365").map(|l| l.join(" ")),
            Some("office 365".into())
        );
        assert_eq!(expand("hubspot"), None);
    }

    #[test]
    fn names_are_found_by_api_name_or_title() {
        let t = AliasTable::from_text(
            r#"{"names":[
              {"alias":"Twitter","apiName":"shared_twitter","connector":"X","what":"former name","source":"s"},
              {"alias":"Old","connector":"New","what":"former name","source":"s"}]}"#,
        )
        .unwrap();
        let names = |title, api| -> Vec<String> {
            t.names_of(title, api).map(|a| a.alias.clone()).collect()
        };
        assert_eq!(names("Whatever", Some("SHARED_TWITTER")), ["Twitter"]);
        assert!(names("X", None).is_empty());
        assert_eq!(names("New", None), ["Old"]);
        assert!(AliasTable::from_text("{\"names\": [}")
            .unwrap_err()
            .to_string()
            .contains("line 1"));
    }

    #[test]
    fn api_names_read_as_words() {
        assert_eq!(api_name_as_words("shared_twitter"), "twitter");
        assert_eq!(
            api_name_as_words("shared_videoindexer-v2"),
            "videoindexer v2"
        );
        assert_eq!(api_name_as_words("custom"), "custom");
    }
}
