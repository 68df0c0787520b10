//! Every rule in one table: ID (a contract: the IDs of the certification-rules reference),
//! default severity, what it checks and where the rule comes from. `connector-wizard rules`
//! and the TUI's help read this table; findings take their default severity from it.

use super::Severity::{self, Error as E, Info as I, Warning as W};

/// One rule of the registry.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    /// What the rule checks, in one line.
    pub summary: &'static str,
    /// Where the rule comes from.
    pub source: &'static str,
    /// Whether `check --fix` can repair it mechanically.
    pub fixable: bool,
    /// The section of the reference the rule belongs to.
    pub family: &'static str,
}

const CS: &str =
    "https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-submission";
const SG: &str =
    "https://learn.microsoft.com/en-us/connectors/custom-connectors/connector-string-guidance";
const SV: &str = "https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-swagger-validator-rules";
const CSTD: &str =
    "https://learn.microsoft.com/en-us/connectors/custom-connectors/coding-standards";
const IP: &str =
    "https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-submission-ip";
const PRT: &str = "https://github.com/microsoft/PowerPlatformConnectors/blob/dev/.github/pull_request_template.md";
const RM: &str = "https://github.com/microsoft/PowerPlatformConnectors/blob/dev/README.md";
const TPL: &str = "https://github.com/microsoft/PowerPlatformConnectors/tree/dev/templates/Independent%20Publisher";
const SCH: &str = "https://github.com/microsoft/PowerPlatformConnectors/tree/dev/schemas";
const PAC: &str = "https://github.com/microsoft/PowerPlatformConnectors/tree/dev/tools/paconn-cli";
const SFC: &str =
    "https://learn.microsoft.com/en-us/connectors/custom-connectors/submit-for-certification";
const REPO: &str = "https://github.com/microsoft/PowerPlatformConnectors";
const SCRIPT: &str = "https://learn.microsoft.com/en-us/connectors/custom-connectors/write-code";

macro_rules! rules {
    ($( $family:literal { $( $id:literal, $sev:ident, $fix:literal, $src:ident, $sum:literal; )* } )*) => {
        /// The registry, in the order of the reference.
        pub static RULES: &[Rule] = &[
            $( $( Rule { id: $id, severity: $sev, summary: $sum, source: $src, fixable: $fix, family: $family }, )* )*
        ];
    };
}

rules! {
    "Connector title" {
        "TITLE-PRESENT", E, false, CS, "info.title is present and not empty";
        "TITLE-ENGLISH", E, false, CS, "info.title is written with Latin letters (English)";
        "TITLE-MAX-30", E, false, CS, "info.title is at most 30 characters";
        "TITLE-NO-API", E, false, CS, "info.title does not contain the word API (letters inside a word: info)";
        "TITLE-NO-CONNECTOR", E, false, CS, "info.title does not contain the word Connector";
        "TITLE-NO-PRODUCT", E, false, SG, "info.title names no Power Platform product (documented names: error; inferred: warning)";
        "TITLE-END-ALNUM", E, true, SV, "info.title ends with a letter or digit";
        "TITLE-NO-IP-SUFFIX", I, true, REPO, "info.title does not carry \"(Independent Publisher)\": that belongs to the PR title";
        "TITLE-FOLDER", I, false, REPO, "the folder under independent-publisher-connectors/ is named like info.title";
    }
    "Connector description" {
        "DESC-PRESENT", E, false, CS, "info.description is present and not empty";
        "DESC-LEN-30-500", E, false, CS, "info.description is 30 to 500 characters long";
        "DESC-NO-PRODUCT", E, false, CS, "info.description names no Power Platform product";
        "DESC-NO-API", W, false, SG, "info.description avoids the word API";
        "DESC-VALUE", W, false, CS, "info.description states the purpose and differs from the title";
    }
    "Operations" {
        "OP-SUMMARY-PRESENT", E, false, SV, "every operation has a summary";
        "OP-SUMMARY-MAX-80", E, false, CS, "an operation summary is at most 80 characters";
        "OP-SUMMARY-NO-SLASH", E, false, SG, "an operation summary contains no '/'";
        "OP-SUMMARY-RESTRICTED", E, false, SV, "an operation summary contains none of \\ < > * % & ? (and no '/')";
        "OP-SUMMARY-CHARSET", W, false, CS, "an operation summary uses only letters, digits, spaces and parentheses";
        "OP-SUMMARY-END-ALNUM", E, true, SV, "an operation summary ends with a letter, digit or ')'";
        "OP-SUMMARY-CASE", W, false, SG, "an operation summary is in sentence case";
        "OP-SUMMARY-NOT-ID", W, false, SG, "an operation summary is a phrase, not the operationId or a CamelCase word";
        "OP-DESC-PRESENT", E, false, SV, "every operation has a description";
        "OP-DESC-SENTENCE", W, false, CS, "an operation description is a sentence ending with punctuation";
        "OP-DESC-NE-SUMMARY", W, false, SG, "an operation description differs from its summary";
        "OP-VISIBILITY", W, false, CS, "every operation sets x-ms-visibility; its value is important, advanced or internal (error)";
        "OP-NOT-EMPTY", E, false, CS, "an operation has parameters or responses";
        "OPID-PRESENT", E, false, SV, "every operation has an operationId";
        "OPID-UNIQUE", E, false, SV, "operationIds are unique in the document";
        "OPID-CHARSET", W, false, SV, "an operationId has only letters and digits (a space is an error)";
        "OPID-CASE", W, false, CSTD, "an operationId is PascalCase";
        "OP-GET-NO-BODY", E, false, SV, "a GET operation has no body or formData parameter";
        "TRIG-SUMMARY", W, false, SG, "a trigger summary starts with \"When a\" or \"When an\"";
        "TRIG-DESC", I, false, SG, "a trigger description reads like \"This operation triggers when ...\"";
        "TRIG-KIND", E, false, SCH, "x-ms-trigger is batch or single";
        "ACTION-SUMMARY", I, false, SG, "an action summary starts with a verb";
    }
    "Parameters" {
        "PARAM-SUMMARY-PRESENT", E, false, SV, "every non-internal, non-body parameter has x-ms-summary (body: on its schema properties, warning)";
        "PARAM-SUMMARY-MAX-80", W, false, CS, "a parameter x-ms-summary is at most 80 characters";
        "PARAM-SUMMARY-CHARSET", W, false, CS, "a parameter x-ms-summary uses only letters, digits, spaces and parentheses";
        "PARAM-SUMMARY-CASE", W, false, SG, "a parameter x-ms-summary is in Title Case";
        "PARAM-DESC-PRESENT", E, false, SV, "every parameter has a description";
        "PARAM-DESC-SENTENCE", W, false, SG, "a parameter description is a sentence ending with punctuation";
        "PARAM-DESC-NE-SUMMARY", W, false, SG, "a parameter description differs from its x-ms-summary";
        "PARAM-VISIBILITY-ENUM", E, false, SCH, "a parameter x-ms-visibility is important, advanced or internal";
        "PARAM-INTERNAL-DEFAULT", E, false, SV, "an internal parameter with a default is required";
        "PARAM-PATH-REQUIRED", E, false, SV, "a path parameter is required and appears as {name} in the path";
        "PARAM-PATH-ENCODING", W, true, SV, "a path parameter sets \"x-ms-url-encoding\": \"single\"";
        "PARAM-NO-CONNECTIONID", E, false, SV, "no parameter is named connectionId";
        "PARAM-ONE-BODY", E, false, SV, "at most one body parameter, and not body with formData";
        "PARAM-DUP", E, false, SV, "no two parameters share a name and location";
        "PARAM-REF-SHARED", I, false, CSTD, "a parameter repeated across operations is defined once under /parameters";
    }
    "Responses" {
        "RESPONSE-PRESENT", E, false, SV, "an operation has a response, and a 2xx one";
        "RESPONSE-SCHEMA", E, false, CS, "an action's 200/201 response has a schema (unless dynamic or a webhook)";
        "RESPONSE-NO-EMPTY-SCHEMA", E, false, CS, "no response has \"schema\": {}";
        "RESPONSE-NO-DEFAULT-SCHEMA", E, false, SV, "the default response carries no schema and is not the only response";
        "RESPONSE-ONE-SCHEMA", W, false, SV, "only one response of an operation has a schema";
        "RESPONSE-NO-EMPTY-PROPS", W, false, CS, "response schemas have no empty properties";
        "RESPONSE-CODES", E, false, SV, "response keys are HTTP status codes or default";
        "RESP-PROP-STRINGS", W, false, SG, "response property x-ms-summary in Title Case; description a sentence ending with '.'";
    }
    "Document and metadata" {
        "SWAGGER-2.0", E, false, SV, "the document is OpenAPI 2.0: \"swagger\": \"2.0\"";
        "JSON-VALID", E, false, PAC, "the file is UTF-8 JSON (a BOM is accepted)";
        "SIZE-1MB", W, false, CS, "the swagger is at most 1 MB";
        "HOST-PRESENT", E, false, TPL, "host is present";
        "HOST-FORMAT", E, false, SV, "host is a host name (and port) only: no scheme, path or braces";
        "HOST-PROD", W, false, CS, "host is a production host (not dev, test, staging, sandbox, localhost)";
        "BASEPATH", E, false, SV, "basePath, when present, starts with '/'";
        "SCHEMES", E, false, SV, "schemes is a non-empty list of http/https";
        "CONTACT-PRESENT", E, false, CS, "info.contact has name, url and email";
        "CONTACT-EMAIL", E, false, SV, "info.contact.email is a valid ASCII e-mail address";
        "CONTACT-URL", E, false, SV, "info.contact.url is a valid absolute URL";
        "METADATA-PRESENT", E, false, CS, "x-ms-connector-metadata is a list of {propertyName, propertyValue}";
        "METADATA-WEBSITE", E, false, CS, "x-ms-connector-metadata has Website with the service's URL";
        "METADATA-PRIVACY", E, true, CS, "x-ms-connector-metadata has \"Privacy policy\" (exact case) with a URL";
        "METADATA-CATEGORIES", E, true, CS, "x-ms-connector-metadata has Categories: 1-2 of the documented list, ';'-separated";
        "METADATA-NAMES-EXACT", E, true, CS, "metadata propertyName values are spelt exactly (Website, Privacy policy, Categories)";
        "EXT-PREFIX", E, false, SV, "keys outside the OpenAPI 2.0 vocabulary start with x-";
        "MIME", E, false, SV, "consumes/produces hold supported MIME types";
        "SECURITY-DEFS", E, false, SV, "every security requirement is defined in securityDefinitions";
    }
    "apiProperties.json and repository" {
        "AP-SCHEMA", E, false, SCH, "apiProperties.json is {\"properties\": {...}} with known keys only";
        "IP-BRAND-COLOR", E, true, CS, "independent publisher: iconBrandColor is #da3b01";
        "CERT-BAD-COLOR", E, false, PRT, "certified: iconBrandColor is set and is not #007ee5 or #ffffff";
        "IP-NO-ICON", E, false, PRT, "independent publisher: no icon file in the folder";
        "AP-PUBLISHER", E, false, CS, "publisher is present";
        "AP-STACKOWNER", E, false, CS, "stackOwner is present (the company that owns the service)";
        "AP-CONNPARAM-NAMES", E, false, SCH, "connectionParameters keys match ^[0-9a-zA-Z_]+$";
        "AP-NO-SECRETS", E, false, RM, "no real client secrets or keys in apiProperties.json";
        "SCRIPT-CSX", W, false, SCRIPT, "script.csx uses only namespaces allowed for custom code";
        "PR-TITLE", E, false, PRT, "the PR title is \"Name (Independent Publisher)\"";
        "PROPOSAL-TITLE", E, false, IP, "the proposal PR title is \"Proposal - Name (Independent Publisher)\"";
        "README-PRESENT", E, false, RM, "the folder has a readme.md";
        "README-SECTIONS", E, false, TPL, "readme.md has the template's headings in order";
        "README-OAUTH", E, false, PRT, "an OAuth connector's readme explains how to create the app";
        "README-CONTACT", E, false, IP, "a support e-mail address is given (info.contact.email or the readme)";
        "README-LINKS", I, false, CS, "the readme links to videos or blog posts";
    }
    "Extensions (checks beyond the reference)" {
        "FILE-SWAGGER-NAME", E, false, RM, "the swagger file is named apiDefinition.swagger.json";
        "FILE-EXTRA", E, false, RM, "independent publisher: no settings.json or image folders in the connector folder";
        "INTRO-SECTIONS", W, false, SFC, "intro.md has Prerequisites, How to get credentials and Known issues headings";
    }
}

/// The rule with this ID. Panics on an unknown ID: IDs are compile-time constants of the
/// rule modules, and a test checks that every emitted ID is registered.
pub fn rule(id: &str) -> &'static Rule {
    RULES
        .iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("rule {id} is not in the registry"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_and_well_formed() {
        let mut seen = HashSet::new();
        for r in RULES {
            assert!(seen.insert(r.id), "duplicate rule {}", r.id);
            assert!(r
                .id
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-' || c == '.'));
            assert!(r.source.starts_with("https://"));
            assert!(!r.summary.is_empty());
        }
        assert!(RULES.len() > 80);
    }
}
