//! The rule registry: one table from which [`RuleId`] and [`RULES`] are generated.
//!
//! Each line is one rule: its variant, its ID (a contract: the IDs of the certification-rules
//! reference, or a documented extension), default severity, the other severities it may
//! emit, fix applicability, whether `check` runs it or a person has to, its source and a
//! one-line summary. Its long explanation (what, why, an example that fails and one that
//! passes) is the section `## ID` of `src/rules/docs/<family>.md`; a test fails when one is
//! missing. Emitting a finding takes a [`RuleId`], so a typo is a compile error.

use super::Severity::{self, Error as E, Info as I, Warning as W};
use std::fmt;

/// Whether `check --fix` can repair a rule's findings mechanically (ruff's applicability).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// No mechanical fix.
    None,
    /// The fix keeps what the connector does: `--fix` applies it.
    Safe,
    /// The fix may change what the connector does at run time: only with `--unsafe-fixes`.
    Unsafe,
}

/// Who checks a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Check {
    /// `check` (and the wizard) report it as findings.
    Automatic,
    /// A person has to: it needs a judgement, the service or GitHub (the wizard asks, or
    /// lists it in the PR checklist); `check` never reports it.
    Manual,
}

/// The section of the reference a rule belongs to (how `rules` groups them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Title,
    Description,
    Operations,
    Parameters,
    Responses,
    Document,
    Repository,
    /// Checks the reference describes without an ID: IDs of our own.
    Extensions,
    /// The breaking-change comparison (`check --against`): IDs of our own.
    Breaking,
}

impl Family {
    pub fn label(self) -> &'static str {
        match self {
            Family::Title => "Connector title",
            Family::Description => "Connector description",
            Family::Operations => "Operations",
            Family::Parameters => "Parameters",
            Family::Responses => "Responses",
            Family::Document => "Document and metadata",
            Family::Repository => "apiProperties.json and repository",
            Family::Extensions => "Extensions (checks beyond the reference)",
            Family::Breaking => "Breaking changes",
        }
    }

    /// The family's IDs are ours, not the reference's.
    pub fn is_extension(self) -> bool {
        matches!(self, Family::Extensions | Family::Breaking)
    }
}

impl serde::Serialize for Family {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.label())
    }
}

/// One rule of the registry.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub id: RuleId,
    /// The default severity.
    pub severity: Severity,
    /// Other severities the rule may emit, and when (the explanation says why).
    pub also: &'static [Severity],
    pub fix: Applicability,
    pub check: Check,
    /// What the rule checks, in one line.
    pub summary: &'static str,
    /// Where the rule comes from.
    pub source: &'static str,
    pub family: Family,
}

impl Rule {
    /// Whether `check --fix` can repair it (safely or not).
    pub fn fixable(&self) -> bool {
        self.fix != Applicability::None
    }

    /// Whether a finding of this rule may carry `severity`.
    pub fn allows(&self, severity: Severity) -> bool {
        severity == self.severity || self.also.contains(&severity)
    }

    /// The long explanation (see [`super::docs`]).
    pub fn explanation(&self) -> Option<&'static super::docs::Explanation> {
        super::docs::explanation(self.id)
    }
}

impl serde::Serialize for Rule {
    /// Every field of the registry, with the explanation: what `rules --json` prints.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Rule", 11)?;
        st.serialize_field("id", &self.id)?;
        st.serialize_field("severity", &self.severity)?;
        st.serialize_field("also_severities", &self.also)?;
        st.serialize_field("summary", self.summary)?;
        st.serialize_field("source", self.source)?;
        st.serialize_field("fixable", &self.fixable())?;
        st.serialize_field("fix", &self.fix)?;
        st.serialize_field("check", &self.check)?;
        st.serialize_field("family", &self.family)?;
        st.serialize_field("extension", &self.family.is_extension())?;
        st.serialize_field("explanation", &self.explanation())?;
        st.end()
    }
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
const I1090: &str = "https://github.com/microsoft/PowerPlatformConnectors/issues/1090";
const I1122: &str = "https://github.com/microsoft/PowerPlatformConnectors/pull/1122";
const I3492: &str = "https://github.com/microsoft/PowerPlatformConnectors/pull/3492";
const PKG: &str = "https://github.com/microsoft/PowerPlatformConnectors/blob/dev/scripts/ConnectorPackageValidator.ps1";
const I3648: &str = "https://github.com/microsoft/PowerPlatformConnectors/issues/3648";
const I3656: &str = "https://github.com/microsoft/PowerPlatformConnectors/issues/3656";
const I3910: &str = "https://github.com/microsoft/PowerPlatformConnectors/issues/3910";

/// Builds [`RuleId`] and [`RULES`] from the table below. Per rule:
/// `Variant "ID" default-severity [other severities] fix check source "summary";`
macro_rules! registry {
    ($( $family:ident { $( $v:ident $id:literal $sev:ident [$($also:ident),*] $fix:ident $check:ident $src:ident $sum:literal; )* } )*) => {
        /// A rule's identity. Displays and serializes as its ID (`TITLE-MAX-30`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum RuleId {
            $( $( $v, )* )*
        }

        /// The registry, in the order of the reference (indexed by `RuleId as usize`).
        pub static RULES: &[Rule] = &[
            $( $( Rule {
                id: RuleId::$v,
                severity: $sev,
                also: &[$($also),*],
                fix: Applicability::$fix,
                check: Check::$check,
                summary: $sum,
                source: $src,
                family: Family::$family,
            }, )* )*
        ];

        impl RuleId {
            /// Every rule, in registry order.
            pub const ALL: &'static [RuleId] = &[ $( $( RuleId::$v, )* )* ];

            /// The ID (`TITLE-MAX-30`).
            pub const fn as_str(self) -> &'static str {
                match self {
                    $( $( RuleId::$v => $id, )* )*
                }
            }
        }
    };
}

registry! {
    Title {
        TitlePresent "TITLE-PRESENT" E [] None Automatic CS "info.title is present and not empty";
        TitleEnglish "TITLE-ENGLISH" E [] None Automatic CS "info.title is written with Latin letters (English)";
        TitleMax30 "TITLE-MAX-30" E [] None Automatic CS "info.title is at most 30 characters";
        TitleNoApi "TITLE-NO-API" E [W, I] None Automatic CS "info.title does not contain the word API (a CamelCase segment: warning; letters inside a word: info)";
        TitleNoConnector "TITLE-NO-CONNECTOR" E [] None Automatic CS "info.title does not contain the word Connector";
        TitleNoProduct "TITLE-NO-PRODUCT" E [W] None Automatic SG "info.title names no Power Platform product (documented names: error; inferred: warning)";
        TitleEndAlnum "TITLE-END-ALNUM" E [] Safe Automatic SV "info.title ends with a letter or digit";
        TitleUnique "TITLE-UNIQUE" E [] None Manual CS "the title is distinguishable from the titles of existing connectors";
        TitleBrand "TITLE-BRAND" W [] None Manual CS "the title is the product or organisation name, following existing naming patterns";
        TitleNoIpSuffix "TITLE-NO-IP-SUFFIX" I [] Safe Automatic REPO "info.title does not carry \"(Independent Publisher)\": that belongs to the PR title";
        TitleFolder "TITLE-FOLDER" I [] None Automatic REPO "the folder under independent-publisher-connectors/ is named like info.title";
    }
    Description {
        DescPresent "DESC-PRESENT" E [] None Automatic CS "info.description is present and not empty";
        DescLen30500 "DESC-LEN-30-500" E [] None Automatic CS "info.description is 30 to 500 characters long";
        DescNoProduct "DESC-NO-PRODUCT" E [W] None Automatic CS "info.description names no Power Platform product";
        DescNoApi "DESC-NO-API" W [] None Automatic SG "info.description avoids the word API";
        DescEnglish "DESC-ENGLISH" E [] None Manual CS "info.description is English, spelt and punctuated correctly";
        DescValue "DESC-VALUE" W [] None Automatic CS "info.description states the purpose and differs from the title";
        DescNotOwned "DESC-NOT-OWNED" I [] None Manual SG "the description does not present a product whose backend you do not own as yours";
    }
    Operations {
        OpSummaryPresent "OP-SUMMARY-PRESENT" E [] None Automatic SV "every operation has a summary";
        OpSummaryMax80 "OP-SUMMARY-MAX-80" E [] None Automatic CS "an operation summary is at most 80 characters";
        OpSummaryNoSlash "OP-SUMMARY-NO-SLASH" E [] None Automatic SG "an operation summary contains no '/'";
        OpSummaryRestricted "OP-SUMMARY-RESTRICTED" E [] None Automatic SV "an operation summary contains none of \\ < > * % & ? (and no '/')";
        OpSummaryCharset "OP-SUMMARY-CHARSET" W [] None Automatic CS "an operation summary uses only letters, digits, spaces and parentheses";
        OpSummaryEndAlnum "OP-SUMMARY-END-ALNUM" E [] Safe Automatic SV "an operation summary ends with a letter, digit or ')'";
        OpSummaryCase "OP-SUMMARY-CASE" W [] None Automatic SG "an operation summary is in sentence case";
        OpSummaryNotId "OP-SUMMARY-NOT-ID" W [] None Automatic SG "an operation summary is a phrase, not the operationId or a CamelCase word";
        OpDescPresent "OP-DESC-PRESENT" E [] None Automatic SV "every operation has a description";
        OpDescSentence "OP-DESC-SENTENCE" W [] None Automatic CS "an operation description is a sentence ending with punctuation";
        OpDescNeSummary "OP-DESC-NE-SUMMARY" W [] None Automatic SG "an operation description differs from its summary";
        OpVisibility "OP-VISIBILITY" W [E] None Automatic CS "every operation sets x-ms-visibility; its value is important, advanced or internal (error)";
        OpNotEmpty "OP-NOT-EMPTY" E [] None Automatic CS "an operation has parameters or responses";
        OpidPresent "OPID-PRESENT" E [] None Automatic SV "every operation has an operationId";
        OpidUnique "OPID-UNIQUE" E [] None Automatic SV "operationIds are unique in the document";
        OpidCharset "OPID-CHARSET" W [E] None Automatic SV "an operationId has only letters and digits (a space is an error)";
        OpidCase "OPID-CASE" W [] None Automatic CSTD "an operationId is PascalCase";
        OpGetNoBody "OP-GET-NO-BODY" E [] None Automatic SV "a GET operation has no body or formData parameter";
        TrigSummary "TRIG-SUMMARY" W [] None Automatic SG "a trigger summary starts with \"When a\" or \"When an\"";
        TrigDesc "TRIG-DESC" I [] None Automatic SG "a trigger description reads like \"This operation triggers when ...\"";
        TrigKind "TRIG-KIND" E [] None Automatic SCH "x-ms-trigger is batch or single";
        ActionSummary "ACTION-SUMMARY" I [] None Automatic SG "an action summary starts with a verb";
    }
    Parameters {
        ParamSummaryPresent "PARAM-SUMMARY-PRESENT" E [W] None Automatic SV "every non-internal, non-body parameter has x-ms-summary (body: on its schema properties, warning)";
        ParamSummaryMax80 "PARAM-SUMMARY-MAX-80" W [] None Automatic CS "a parameter x-ms-summary is at most 80 characters";
        ParamSummaryCharset "PARAM-SUMMARY-CHARSET" W [] None Automatic CS "a parameter x-ms-summary uses only letters, digits, spaces and parentheses";
        ParamSummaryCase "PARAM-SUMMARY-CASE" W [] None Automatic SG "a parameter x-ms-summary is in Title Case";
        ParamDescPresent "PARAM-DESC-PRESENT" E [] None Automatic SV "every visible non-body parameter has a description";
        ParamDescSentence "PARAM-DESC-SENTENCE" W [] None Automatic SG "a parameter description is a sentence ending with punctuation";
        ParamDescNeSummary "PARAM-DESC-NE-SUMMARY" W [] None Automatic SG "a parameter description differs from its x-ms-summary";
        ParamVisibilityEnum "PARAM-VISIBILITY-ENUM" E [] None Automatic SCH "a parameter x-ms-visibility is important, advanced or internal";
        ParamInternalDefault "PARAM-INTERNAL-DEFAULT" W [] None Automatic SV "an internal parameter with a default is required (the validator warns)";
        ParamPathRequired "PARAM-PATH-REQUIRED" E [] None Automatic SV "a path parameter is required and appears as {name} in the path";
        ParamPathEncoding "PARAM-PATH-ENCODING" W [] Unsafe Automatic SV "a path parameter sets \"x-ms-url-encoding\": \"single\"";
        ParamNoConnectionid "PARAM-NO-CONNECTIONID" E [] None Automatic SV "no parameter is named connectionId";
        ParamOneBody "PARAM-ONE-BODY" E [] None Automatic SV "at most one body parameter, and not body with formData";
        ParamDup "PARAM-DUP" E [] None Automatic SV "no two parameters share a name and location";
        ParamRefShared "PARAM-REF-SHARED" I [] None Automatic CSTD "a parameter repeated across operations is defined once under /parameters";
    }
    Responses {
        ResponsePresent "RESPONSE-PRESENT" E [] None Automatic SV "an operation has a response, and a 2xx one";
        ResponseSchema "RESPONSE-SCHEMA" E [W] None Automatic CS "a GET's 200/201 response has a schema (error), as has a POST/PUT/PATCH's (warning), unless dynamic or a webhook";
        ResponseNoEmptySchema "RESPONSE-NO-EMPTY-SCHEMA" E [] None Automatic CS "no response has \"schema\": {}";
        ResponseNoDefaultSchema "RESPONSE-NO-DEFAULT-SCHEMA" E [] None Automatic SV "the default response carries no schema and is not the only response";
        ResponseOneSchema "RESPONSE-ONE-SCHEMA" W [] None Automatic SV "only one response of an operation has a schema";
        ResponseNoEmptyProps "RESPONSE-NO-EMPTY-PROPS" W [] None Automatic CS "response schemas have no empty properties";
        ResponseCodes "RESPONSE-CODES" E [] None Automatic SV "response keys are HTTP status codes or default";
        RespPropStrings "RESP-PROP-STRINGS" W [] None Automatic SG "response property x-ms-summary in Title Case; description a sentence ending with '.'";
        RespNested "RESP-NESTED" I [] None Manual SG "nested response properties keep short names (the designer prefixes the parent's label)";
    }
    Document {
        Swagger20 "SWAGGER-2.0" E [] None Automatic SV "the document is OpenAPI 2.0: \"swagger\": \"2.0\"";
        JsonValid "JSON-VALID" E [] None Automatic PAC "the file is UTF-8 JSON (a BOM is accepted)";
        Size1Mb "SIZE-1MB" W [] None Automatic CS "the swagger is at most 1 MB";
        HostPresent "HOST-PRESENT" E [] None Automatic TPL "host is present";
        HostFormat "HOST-FORMAT" E [] None Automatic SV "host is a host name (and port) only: no scheme, path or braces";
        HostProd "HOST-PROD" W [] None Automatic CS "host is a production host (not dev, test, staging, sandbox, localhost)";
        Basepath "BASEPATH" E [] None Automatic SV "basePath, when present, starts with '/'";
        Schemes "SCHEMES" E [] None Automatic SV "schemes is a non-empty list of http/https";
        ContactPresent "CONTACT-PRESENT" E [W] None Automatic CS "info.contact has name and email (error) and url (warning)";
        ContactEmail "CONTACT-EMAIL" E [] None Automatic SV "info.contact.email is a valid ASCII e-mail address";
        ContactUrl "CONTACT-URL" E [] None Automatic SV "info.contact.url is a valid absolute URL";
        MetadataPresent "METADATA-PRESENT" E [] None Automatic CS "x-ms-connector-metadata is a list of {propertyName, propertyValue}";
        MetadataWebsite "METADATA-WEBSITE" E [] None Automatic CS "x-ms-connector-metadata has Website with the service's URL";
        MetadataPrivacy "METADATA-PRIVACY" E [W] Safe Automatic CS "x-ms-connector-metadata has \"Privacy policy\" (exact case) with a URL";
        MetadataCategories "METADATA-CATEGORIES" E [W] Safe Automatic CS "x-ms-connector-metadata has Categories: 1-2 of the documented list, ';'-separated";
        MetadataNamesExact "METADATA-NAMES-EXACT" E [W] Safe Automatic CS "metadata propertyName values are spelt exactly (Website, Privacy policy, Categories; another case: warning)";
        ExtPrefix "EXT-PREFIX" E [] None Automatic SV "keys outside the OpenAPI 2.0 vocabulary start with x-";
        SchemaConform "SCHEMA-CONFORM" E [] None Automatic SCH "the swagger follows the repository's apiDefinition schema where check can tell: a parameter's in is body, query, header, path or formData";
        Mime "MIME" E [] None Automatic SV "consumes/produces hold supported MIME types";
        SecurityDefs "SECURITY-DEFS" E [] None Automatic SV "every security requirement is defined in securityDefinitions";
        OauthRedirect "OAUTH-REDIRECT" E [] None Manual CS "the OAuth app allows the platform's two redirect URLs";
        StringQuality "STRING-QUALITY" W [] None Automatic CS "titles, summaries and descriptions have no misspelt English word (brand-like words are left alone)";
    }
    Repository {
        ApSchema "AP-SCHEMA" E [] None Automatic SCH "apiProperties.json is {\"properties\": {...}} with known keys only (connectionParameterSets included)";
        IpBrandColor "IP-BRAND-COLOR" E [] Safe Automatic CS "independent publisher: iconBrandColor is #da3b01";
        CertBadColor "CERT-BAD-COLOR" E [] None Automatic PRT "certified: iconBrandColor is set and is not #007ee5 or #ffffff";
        IpNoIcon "IP-NO-ICON" E [] None Automatic PRT "independent publisher: no icon file in the folder";
        ApPublisher "AP-PUBLISHER" E [W] None Automatic CS "publisher is a person's or company's name: present, not a placeholder, no markup (unusual characters: warning)";
        ApStackowner "AP-STACKOWNER" E [W] None Automatic CS "stackOwner is present (the company that owns the service), without markup";
        ApConnparamNames "AP-CONNPARAM-NAMES" E [] None Automatic SCH "connectionParameters keys are names (^[0-9a-zA-Z_]+$), prefix:name or token:TenantId";
        ApNoSecrets "AP-NO-SECRETS" E [] None Automatic RM "no real client secrets or keys in apiProperties.json";
        ScriptCsx "SCRIPT-CSX" W [] None Automatic SCRIPT "script.csx uses only namespaces allowed for custom code";
        PrTitle "PR-TITLE" E [W] None Automatic PRT "the PR title is \"Name (Independent Publisher)\", without \"Proposal -\" once the folder holds a full connector";
        ProposalTitle "PROPOSAL-TITLE" E [] None Automatic IP "the proposal PR title is \"Proposal - Name (Independent Publisher)\"";
        PrOneConnector "PR-ONE-CONNECTOR" E [] None Manual IP "the PR touches one connector folder and nothing else";
        PrBaseDev "PR-BASE-DEV" E [] None Manual RM "the PR goes from a fork to the dev branch";
        PrLabel "PR-LABEL" W [] None Manual RM "the PR carries the independent-publisher-connector label";
        PrCla "PR-CLA" E [] None Manual RM "the author agreed to the Contributor License Agreement in a PR comment";
        PrScreenshots "PR-SCREENSHOTS" E [] None Manual PRT "the PR body shows three operations working in flows and the Test operations panel";
        ReadmePresent "README-PRESENT" E [] None Automatic RM "the folder has a readme.md";
        ReadmeSections "README-SECTIONS" E [W, I] None Automatic TPL "readme.md follows the template (error); a missing section: warning; another heading level: info";
        ReadmeOauth "README-OAUTH" E [I] None Automatic PRT "an OAuth connector's readme explains how to create the app (its redirect URL: info)";
        ReadmeContact "README-CONTACT" E [] None Automatic IP "a support e-mail address is given (info.contact.email or the readme)";
        ReadmeLinks "README-LINKS" I [] None Automatic CS "the readme links to videos or blog posts";
        Test10Calls "TEST-10-CALLS" W [] None Manual CS "each operation was tested with at least 10 successful calls";
    }
    Extensions {
        FileSwaggerName "FILE-SWAGGER-NAME" E [] None Automatic RM "the swagger file is named apiDefinition.swagger.json";
        FileExtra "FILE-EXTRA" E [] None Automatic RM "independent publisher: no settings.json or image folders in the connector folder";
        IntroSections "INTRO-SECTIONS" W [] None Automatic SFC "intro.md has Prerequisites, How to get credentials and Known issues headings";
        PlaceholderTodo "PLACEHOLDER-TODO" E [] None Automatic REPO "no [TODO …] marker is left in the swagger, apiProperties.json, readme.md or intro.md";
        PlaceholderTemplate "PLACEHOLDER-TEMPLATE" E [] None Automatic TPL "no text of the repository's templates is left (\"# Title\", \"Publisher's Name\", \"Required. Describe …\")";
        PlaceholderValue "PLACEHOLDER-VALUE" E [] None Automatic RM "no [[DUMMY]]-style value where a real one is needed (only client IDs and secrets are dummies)";
        JsonDupKey "JSON-DUP-KEY" E [] None Automatic SV "no JSON object repeats a key (the last one would silently win)";
        PathItemEmpty "PATH-ITEM-EMPTY" W [E] None Automatic SV "every path item holds at least one operation (a path item that is not an object: error)";
        PathEquivalent "PATH-EQUIVALENT" E [] None Automatic SV "no two paths differ only in case or in the names of their parameters (/a/{x}, /a/{y})";
        RefResolves "REF-RESOLVES" E [] None Automatic SV "every $ref points at a definition, parameter or response of the file";
        DynamicRef "DYNAMIC-REF" E [] None Automatic SV "x-ms-dynamic-values/-schema/-list/-properties name an operationId that exists, and parameters it has";
        ValueType "VALUE-TYPE" E [W, I] None Automatic SV "default and enum values are of the schema's type (quoted, like \"true\": warning); so are examples (warning; quoted: info)";
        DefsUnused "DEFS-UNUSED" W [] None Automatic CSTD "every definition, shared parameter and shared response is used";
        FileSwaggerOne "FILE-SWAGGER-ONE" E [] None Automatic RM "the folder holds one *.swagger.json";
        FileOtherConnector "FILE-OTHER-CONNECTOR" E [] None Automatic I1122 "the folder holds no file of another connector";
        FileImages "FILE-IMAGES" E [] None Automatic I3492 "certified: no image other than icon.png, no image folder";
        FileZipOne "FILE-ZIP-ONE" E [] None Automatic PKG "at most one zip: the connector package";
        FolderNoIpSuffix "FOLDER-NO-IP-SUFFIX" E [] None Automatic REPO "the folder name does not carry \"(Independent Publisher)\"";
        SecurityApMatch "SECURITY-AP-MATCH" E [W] None Automatic PAC "securityDefinitions and apiProperties.json connectionParameters describe the same sign-in";
        ProductNameCurrent "PRODUCT-NAME-CURRENT" W [] None Automatic SG "product names are current: Power Automate (not Microsoft Flow), Power Apps (not PowerApps), Dataverse (not Common Data Service)";
    }
    Breaking {
        BreakingOpRemoved "BREAKING-OP-REMOVED" E [] None Automatic I1090 "an operation of the previous version still exists under the same operationId (renaming one removes it)";
        BreakingPathChanged "BREAKING-PATH-CHANGED" E [] None Automatic I3648 "an operation keeps its path template";
        BreakingMethodChanged "BREAKING-METHOD-CHANGED" E [] None Automatic RM "an operation keeps its HTTP method";
        BreakingParamRemoved "BREAKING-PARAM-REMOVED" E [] None Automatic RM "an operation keeps every parameter and body field it had";
        BreakingParamRenamed "BREAKING-PARAM-RENAMED" E [] None Automatic RM "a parameter or body field keeps its name (change x-ms-summary to change the label)";
        BreakingParamLocation "BREAKING-PARAM-LOCATION" E [] None Automatic I3648 "a parameter stays where it was (path, query, header, body, formData)";
        BreakingParamRequired "BREAKING-PARAM-REQUIRED" E [] None Automatic I3656 "an optional parameter or body field does not become required";
        BreakingParamNewRequired "BREAKING-PARAM-NEW-REQUIRED" E [] None Automatic I3656 "no new required parameter or body field is added to an existing operation";
        BreakingResponseFieldRemoved "BREAKING-RESPONSE-FIELD-REMOVED" E [] None Automatic I3656 "the success response keeps every field it had";
        BreakingTypeChanged "BREAKING-TYPE-CHANGED" E [] None Automatic I3910 "parameters and response fields keep their type and format";
        BreakingVisibilityInternal "BREAKING-VISIBILITY-INTERNAL" E [] None Automatic RM "an operation, parameter or response field does not become internal";
        BreakingTriggerKind "BREAKING-TRIGGER-KIND" E [] None Automatic RM "a trigger keeps its kind (batch or single) and an action stays an action";
    }
}

impl RuleId {
    /// The rule's registry entry.
    pub fn rule(self) -> &'static Rule {
        &RULES[self as usize]
    }

    /// The default severity.
    pub fn severity(self) -> Severity {
        self.rule().severity
    }

    /// The fix applicability.
    pub fn fix(self) -> Applicability {
        self.rule().fix
    }

    /// The rule with this exact ID (case-insensitive).
    pub fn from_id(id: &str) -> Option<RuleId> {
        RuleId::ALL
            .iter()
            .copied()
            .find(|r| r.as_str().eq_ignore_ascii_case(id.trim()))
    }

    /// The rules an ID or an ID prefix names: the rule itself, or every rule whose ID
    /// continues the prefix at a `-` (`OP-SUMMARY` → `OP-SUMMARY-PRESENT`, …; `BREAKING` →
    /// every breaking-change rule). Case-insensitive; empty for no match.
    pub fn matching(prefix: &str) -> Vec<RuleId> {
        let p = prefix.trim().trim_end_matches('-').to_ascii_uppercase();
        if p.is_empty() {
            return Vec::new();
        }
        if let Some(exact) = RuleId::from_id(&p) {
            return vec![exact];
        }
        let with_dash = format!("{p}-");
        RuleId::ALL
            .iter()
            .copied()
            .filter(|r| r.as_str().starts_with(&with_dash))
            .collect()
    }
}

impl RuleId {
    /// Up to three IDs close to an unknown one (same first segment, or a small edit
    /// distance), else up to three family prefixes close to its first segment, for "did you
    /// mean" in messages.
    pub fn nearest(q: &str) -> Vec<&'static str> {
        let q = q.trim().to_ascii_uppercase();
        let head = q.split('-').next().unwrap_or("");
        let mut scored: Vec<(usize, &'static str)> = RuleId::ALL
            .iter()
            .map(|r| {
                let id = r.as_str();
                let bonus = if !head.is_empty() && id.split('-').next() == Some(head) {
                    0
                } else {
                    2
                };
                (distance(&q, id) + bonus, id)
            })
            .collect();
        scored.sort();
        let near: Vec<&'static str> = scored
            .into_iter()
            .take_while(|(d, _)| *d <= 4)
            .take(3)
            .map(|(_, id)| id)
            .collect();
        if !near.is_empty() {
            return near;
        }
        // A misspelt family ("PLACEHOLDR"): suggest its prefix ("PLACEHOLDER-").
        let mut heads: Vec<(usize, &'static str)> = Vec::new();
        for r in RuleId::ALL {
            let id = r.as_str();
            let Some(dash) = id.find('-') else { continue };
            let d = distance(head, &id[..dash]);
            if d <= 2 && !heads.iter().any(|(_, h)| *h == &id[..=dash]) {
                heads.push((d, &id[..=dash]));
            }
        }
        heads.sort();
        heads.into_iter().take(3).map(|(_, h)| h).collect()
    }
}

/// Levenshtein distance of two short ASCII strings.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<u8> = b.bytes().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.bytes().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for RuleId {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RuleId::from_id(s).ok_or_else(|| format!("unknown rule `{}`", s.trim()))
    }
}

impl serde::Serialize for RuleId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl PartialEq<str> for RuleId {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for RuleId {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<RuleId> for &str {
    fn eq(&self, other: &RuleId) -> bool {
        *self == other.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_well_formed_and_indexed() {
        let mut seen = HashSet::new();
        for (i, r) in RULES.iter().enumerate() {
            assert_eq!(r.id as usize, i, "{} is out of place", r.id);
            assert_eq!(RuleId::ALL[i], r.id);
            assert!(seen.insert(r.id.as_str()), "duplicate rule {}", r.id);
            assert!(r
                .id
                .as_str()
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-' || c == '.'));
            assert!(r.source.starts_with("https://"));
            assert!(!r.summary.is_empty());
            assert!(
                !r.also.contains(&r.severity),
                "{}: default listed twice",
                r.id
            );
            assert_eq!(
                r.id.as_str().starts_with("BREAKING-"),
                r.family == Family::Breaking
            );
            if r.check == Check::Manual {
                assert_eq!(
                    r.fix,
                    Applicability::None,
                    "{}: a manual rule has no fix",
                    r.id
                );
            }
        }
        assert!(RULES.len() > 100);
    }

    #[test]
    fn near_misses_are_suggested() {
        assert_eq!(RuleId::nearest("TITLE-MAX-31")[0], "TITLE-MAX-30");
        assert_eq!(RuleId::nearest("TITEL-MAX-30")[0], "TITLE-MAX-30");
        assert!(RuleId::nearest("OPID-CASES").contains(&"OPID-CASE"));
        assert!(RuleId::nearest("ZZZZZZZZZZZZ").is_empty());
        // A misspelt family gets its prefix.
        assert_eq!(RuleId::nearest("PLACEHOLDR"), ["PLACEHOLDER-"]);
        assert_eq!(RuleId::nearest("placeholdr-tod")[0], "PLACEHOLDER-TODO");
        assert_eq!(distance("abc", "abd"), 1);
    }

    #[test]
    fn ids_parse_and_prefixes_select() {
        assert_eq!("title-max-30".parse::<RuleId>(), Ok(RuleId::TitleMax30));
        assert_eq!(RuleId::from_id("SWAGGER-2.0"), Some(RuleId::Swagger20));
        assert!("TITLE-MAX-31".parse::<RuleId>().is_err());
        assert_eq!(RuleId::matching("OPID-CASE"), [RuleId::OpidCase]);
        let op_summary = RuleId::matching("op-summary");
        assert_eq!(op_summary.len(), 8);
        assert!(op_summary
            .iter()
            .all(|r| r.as_str().starts_with("OP-SUMMARY-")));
        // A prefix ends at a dash: OP does not take OPID-*.
        assert!(!RuleId::matching("OP").contains(&RuleId::OpidCase));
        assert_eq!(RuleId::matching("BREAKING").len(), 12);
        assert!(RuleId::matching("").is_empty() && RuleId::matching("NOPE").is_empty());
        assert_eq!(RuleId::TitleNoApi.to_string(), "TITLE-NO-API");
        assert_eq!(
            serde_json::to_string(&RuleId::TitleNoApi).unwrap(),
            "\"TITLE-NO-API\""
        );
        assert!(RuleId::TitleNoApi == "TITLE-NO-API");
    }
}
