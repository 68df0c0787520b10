//! The connector's title and description (`TITLE-*`, `DESC-*`; reference §2.1, §2.2): where
//! they sit in the swagger, and the rules of their text (run on every keystroke by the
//! editor through [`check_field`](super::check_field)).

use super::field::{describe_char, safe_trim, Out, IP_SUFFIX};
use super::spelling::{self, Checker, Style};
use super::text::{self, WordMatch};
use super::{check_field, Field, FieldContext, RuleId, Severity, Sink};
use crate::document::{Connector, ConnectorKind};
use crate::json::{pointer, Node};

const INFO_KEYS: &[&str] = &[
    "title",
    "description",
    "termsOfService",
    "contact",
    "license",
    "version",
];

/// The rules of `info.title` and `info.description` in the swagger.
pub(super) fn check(c: &Connector, root: &Node, sink: &mut Sink, spelling: bool) {
    let kind = sink.kind;
    let Some(info) = root.get("info").filter(|i| i.is_object()) else {
        sink.node(
            RuleId::TitlePresent,
            root,
            "",
            "the document has no \"info\" object, so no title".into(),
            "Add \"info\" with title, description, version and contact.",
        );
        sink.node(
            RuleId::DescPresent,
            root,
            "",
            "the document has no \"info\" object, so no description".into(),
            "Add \"info\" with title, description, version and contact.",
        );
        return;
    };
    let title = info.get("title");
    let title_text = title.and_then(Node::as_str);
    match title {
        Some(t) if t.as_str().is_some() => {
            let ctx = FieldContext {
                kind,
                ..Default::default()
            };
            sink.field_issues(
                t,
                "/info/title",
                check_field(Field::Title, t.as_str().unwrap(), &ctx),
            );
            if spelling {
                spell(t, "/info/title", "the title", Style::Name, sink);
            }
        }
        Some(t) => sink.node(
            RuleId::TitlePresent,
            t,
            "/info/title",
            format!("info.title is a {}, not a string", t.type_name()),
            "Set info.title to the connector's name.",
        ),
        None => sink.node(
            RuleId::TitlePresent,
            info,
            "/info",
            "info.title is missing".into(),
            "Add info.title with the name of the service.",
        ),
    }
    match info.get("description") {
        Some(d) if d.as_str().is_some() => {
            let ctx = FieldContext {
                kind,
                title: title_text,
                ..Default::default()
            };
            sink.field_issues(
                d,
                "/info/description",
                check_field(Field::Description, d.as_str().unwrap(), &ctx),
            );
            if spelling {
                spell(
                    d,
                    "/info/description",
                    "the description",
                    Style::Sentence,
                    sink,
                );
            }
        }
        Some(d) => sink.node(
            RuleId::DescPresent,
            d,
            "/info/description",
            format!("info.description is a {}, not a string", d.type_name()),
            "Describe the connector in 30 to 500 characters.",
        ),
        None => sink.node(
            RuleId::DescPresent,
            info,
            "/info",
            "info.description is missing".into(),
            "Add info.description: 30 to 500 characters on what the connector does.",
        ),
    }
    // TITLE-FOLDER: the folder under independent-publisher-connectors/ is named like the title.
    if let (Some(t), false) = (title, c.lone_file) {
        let parent = c
            .root
            .parent()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().to_ascii_lowercase());
        let folder = c.root.file_name().map(|n| n.to_string_lossy().into_owned());
        if let (Some(p), Some(f), Some(tt)) = (parent, folder, t.as_str()) {
            if p == "independent-publisher-connectors" && f.trim() != tt.trim() {
                sink.node(
                    RuleId::TitleFolder,
                    t,
                    "/info/title",
                    format!("the folder \"{f}\" is not named like the title \"{tt}\""),
                    "Name the folder after info.title, as most connectors do.",
                );
            }
        }
    }
    for member in info.as_object().unwrap_or(&[]) {
        let k = member.key.as_str();
        if !k.starts_with("x-") && !INFO_KEYS.contains(&k) {
            sink.at(
                RuleId::ExtPrefix,
                member.key_span.start,
                &pointer::join("/info", k),
                format!("\"{k}\" is not an OpenAPI 2.0 info key"),
                "Remove it, or prefix extension keys with \"x-\".",
            );
        }
    }
}

/// STRING-QUALITY on the title or the description.
fn spell(node: &Node, ptr: &str, what: &str, style: Style, sink: &mut Sink) {
    let Some(text) = node.as_str() else { return };
    let mut checker = Checker::default();
    let bad = checker.misspelt(text, style);
    if !bad.is_empty() {
        let (message, help) = spelling::finding_text(what, &bad);
        sink.node(RuleId::StringQuality, node, ptr, message, &help);
    }
}

/// TITLE-NO-PRODUCT / DESC-NO-PRODUCT: each Power Platform product `v` names; a documented
/// name (Power Apps, Power Automate, …) is an error, an inferred one a warning.
fn product_names(v: &str, rule: RuleId, what: &str, help: &str, out: &mut Out) {
    for p in text::products_in(v) {
        let sev = if p.documented {
            Severity::Error
        } else {
            Severity::Warning
        };
        out.sev(
            rule,
            sev,
            format!("{what} names the product \"{}\"", p.name),
            help,
        );
    }
}

/// The rules of a connector title.
pub(super) fn title(v: &str, ctx: &FieldContext, out: &mut Out) {
    if v.trim().is_empty() {
        out.push(
            RuleId::TitlePresent,
            "the connector title is empty".into(),
            "Set info.title to the name of the service, e.g. \"Contoso Tasks\".",
        );
        return;
    }
    if let Some(c) = text::first_non_latin(v) {
        out.push(
            RuleId::TitleEnglish,
            format!("the title \"{v}\" contains '{c}', which is not a Latin letter"),
            "Write the title in English.",
        );
    }
    let len = text::char_len(v);
    if len > 30 {
        out.push(
            RuleId::TitleMax30,
            format!("the title \"{v}\" is {len} characters; the limit is 30"),
            "Shorten the title to 30 characters or fewer.",
        );
    }
    match text::find_word(v, "api") {
        Some(WordMatch::Word) if !text::has_token(v, "api") => out.sev(RuleId::TitleNoApi, Severity::Warning, format!("the title \"{v}\" has \"API\" inside the brand name"), "Fine when the service is called that (TimeAPI, SearchAPI are merged); a reviewer may ask you to drop it."),
        Some(WordMatch::Word) => out.push(RuleId::TitleNoApi, format!("the title \"{v}\" contains the word \"API\""), "Remove \"API\" from the title; name the service itself."),
        Some(WordMatch::Embedded) => out.sev(RuleId::TitleNoApi, Severity::Info, format!("the title \"{v}\" contains the letters \"api\" inside a word"), "Fine when it is part of the brand name (e.g. \"Zapier\"); the validator may still ask."),
        None => {}
    }
    if text::find_word(v, "connector") == Some(WordMatch::Word) {
        out.push(
            RuleId::TitleNoConnector,
            format!("the title \"{v}\" contains the word \"Connector\""),
            "Remove \"Connector\" from the title.",
        );
    }
    product_names(
        v,
        RuleId::TitleNoProduct,
        &format!("the title \"{v}\""),
        "Leave Power Platform product names out of the title.",
        out,
    );
    if ctx.kind == ConnectorKind::IndependentPublisher && v.trim_end().ends_with(IP_SUFFIX) {
        let fixed = v
            .trim_end()
            .trim_end_matches(IP_SUFFIX)
            .trim_end()
            .to_string();
        out.fixable(
            RuleId::TitleNoIpSuffix,
            format!("the title \"{v}\" carries \"{IP_SUFFIX}\""),
            "Put the suffix in the PR title only; the platform adds it to the display name.",
            fixed,
            "remove \"(Independent Publisher)\"",
        );
    } else if !v.ends_with(|c: char| c.is_alphanumeric()) {
        let trimmed = text::trim_end_non_alnum(v, false).to_string();
        let fix = safe_trim(v, &trimmed);
        let last = v.chars().last().map(describe_char).unwrap_or_default();
        let msg = format!("the title \"{}\" ends with {last}", v.escape_debug());
        match fix {
            Some(f) => out.fixable(
                RuleId::TitleEndAlnum,
                msg,
                "End the title with a letter or digit.",
                f,
                "remove the trailing characters",
            ),
            None => out.push(
                RuleId::TitleEndAlnum,
                msg,
                "End the title with a letter or digit.",
            ),
        }
    }
}

/// The rules of a connector description.
pub(super) fn description(v: &str, ctx: &FieldContext, out: &mut Out) {
    if v.trim().is_empty() {
        out.push(RuleId::DescPresent, "the connector description is empty".into(), "Describe in 30 to 500 characters what the service is and what the connector lets people do.");
        return;
    }
    let len = text::char_len(v);
    if !(30..=500).contains(&len) {
        out.push(
            RuleId::DescLen30500,
            format!("the description is {len} characters; it must be 30 to 500"),
            if len < 30 {
                "Say more: what the service is and what the connector lets people do."
            } else {
                "Shorten the description to 500 characters or fewer."
            },
        );
    }
    product_names(
        v,
        RuleId::DescNoProduct,
        "the description",
        "Describe the service without naming Power Platform products.",
        out,
    );
    if text::find_word(v, "api") == Some(WordMatch::Word) {
        out.push(
            RuleId::DescNoApi,
            "the description uses the word \"API\"".into(),
            "Describe the service and its value rather than its API.",
        );
    }
    if let Some(t) = ctx.title {
        if t.trim().eq_ignore_ascii_case(v.trim()) {
            out.push(
                RuleId::DescValue,
                "the description repeats the title".into(),
                "State the purpose and value of the connector in a sentence or two.",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testutil::*;
    use crate::rules::{check_field, Field, FieldContext, Severity};
    use serde_json::json;

    #[test]
    fn title_rules() {
        assert!(field_ids(Field::Title, "Contoso Tasks").is_empty());
        assert_eq!(field_ids(Field::Title, ""), vec!["TITLE-PRESENT"]);
        assert_eq!(
            field_ids(Field::Title, "Contoso Tasks and Projects Manager"),
            vec!["TITLE-MAX-30"]
        );
        assert_eq!(field_ids(Field::Title, "Contoso API"), vec!["TITLE-NO-API"]);
        assert_eq!(
            field_sev(Field::Title, "Contoso API", "TITLE-NO-API"),
            Some(Severity::Error)
        );
        assert_eq!(
            field_sev(Field::Title, "Zapier", "TITLE-NO-API"),
            Some(Severity::Info)
        );
        // "API" inside a brand name (TimeAPI, SearchAPI) is merged regularly: a warning.
        for brand in ["TimeAPI", "SearchAPI", "APITemplate"] {
            assert_eq!(
                field_sev(Field::Title, brand, "TITLE-NO-API"),
                Some(Severity::Warning),
                "{brand}"
            );
        }
        assert_eq!(
            field_ids(Field::Title, "PeltarionConnector"),
            vec!["TITLE-NO-CONNECTOR"]
        );
        assert_eq!(
            field_sev(Field::Title, "Power Automate Tools", "TITLE-NO-PRODUCT"),
            Some(Severity::Error)
        );
        assert_eq!(
            field_sev(Field::Title, "Power BI Tools", "TITLE-NO-PRODUCT"),
            Some(Severity::Warning)
        );
        assert_eq!(field_ids(Field::Title, "Контакт"), vec!["TITLE-ENGLISH"]);
        let i = check_field(Field::Title, "Contoso. ", &FieldContext::default());
        assert_eq!(i[0].rule, "TITLE-END-ALNUM");
        assert_eq!(i[0].fix.as_deref(), Some("Contoso"));
        let i = check_field(
            Field::Title,
            "Airtable [DEPRECATED]",
            &FieldContext::default(),
        );
        assert_eq!(i[0].rule, "TITLE-END-ALNUM");
        assert_eq!(i[0].fix, None, "removing a bracket is not a safe fix");
        let i = check_field(
            Field::Title,
            "Contoso (Independent Publisher)",
            &FieldContext::default(),
        );
        assert_eq!(
            i.iter().map(|i| i.rule).collect::<Vec<_>>(),
            vec!["TITLE-MAX-30", "TITLE-NO-IP-SUFFIX"]
        );
        assert_eq!(i[1].fix.as_deref(), Some("Contoso"));
    }

    #[test]
    fn description_rules() {
        assert!(field_ids(
            Field::Description,
            "Manage tasks and projects in Contoso from your flows."
        )
        .is_empty());
        assert_eq!(field_ids(Field::Description, "  "), vec!["DESC-PRESENT"]);
        assert_eq!(
            field_ids(Field::Description, "Too short."),
            vec!["DESC-LEN-30-500"]
        );
        assert_eq!(
            field_ids(Field::Description, &"a".repeat(501)),
            vec!["DESC-LEN-30-500"]
        );
        assert_eq!(
            field_ids(
                Field::Description,
                "Use Contoso tasks from Power Apps and flows."
            ),
            vec!["DESC-NO-PRODUCT"]
        );
        assert_eq!(
            field_ids(
                Field::Description,
                "Wraps the Contoso API for managing tasks."
            ),
            vec!["DESC-NO-API"]
        );
        let ctx = FieldContext {
            title: Some("Contoso tasks and projects everywhere"),
            ..Default::default()
        };
        let i = check_field(
            Field::Description,
            "Contoso tasks and projects everywhere",
            &ctx,
        );
        assert_eq!(
            i.iter().map(|i| i.rule).collect::<Vec<_>>(),
            vec!["DESC-VALUE"]
        );
    }

    #[test]
    fn title_and_description_positions() {
        let fs = with(|v| v["info"]["title"] = json!("Contoso Tasks API"));
        let f = only(&fs, "TITLE-NO-API")[0];
        assert_eq!(f.pointer, "/info/title");
        assert_eq!(f.line, 4);
        let fs = with(|v| {
            v["info"].as_object_mut().unwrap().remove("description");
        });
        assert_eq!(only(&fs, "DESC-PRESENT")[0].pointer, "/info");
    }
}
