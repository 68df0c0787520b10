//! Document-level rules of the swagger: readability, title, description, host, schemes,
//! contact, connector metadata, extension keys, MIME types, security (reference §2.1, §2.2,
//! §2.6).

use super::field::{check_field, Field, FieldContext};
use super::{Severity, Sink};
use crate::document::{Connector, ConnectorKind, Decode, SourceFile};
use crate::json::{pointer, Node, TextEdit, Value};

/// The documented connector categories (§2.8), exact text.
pub const CATEGORIES: &[&str] = &[
    "AI",
    "Business Management",
    "Business Intelligence",
    "Collaboration",
    "Commerce",
    "Communication",
    "Content and Files",
    "Finance",
    "Data",
    "Human Resources",
    "Internet of Things",
    "IT Operations",
    "Lifestyle and Entertainment",
    "Marketing",
    "Productivity",
    "Sales and CRM",
    "Security",
    "Social Media",
    "Website",
];

/// Top-level keys of an OpenAPI 2.0 document.
const TOP_KEYS: &[&str] = &[
    "swagger",
    "info",
    "host",
    "basePath",
    "schemes",
    "consumes",
    "produces",
    "paths",
    "definitions",
    "parameters",
    "responses",
    "securityDefinitions",
    "security",
    "tags",
    "externalDocs",
];
const INFO_KEYS: &[&str] = &[
    "title",
    "description",
    "termsOfService",
    "contact",
    "license",
    "version",
];
const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch"];

/// Reports why a JSON file cannot be read (JSON-VALID), with its position. Returns true when
/// the file is readable enough for the other rules.
pub fn readability(file: &SourceFile, out: &mut Vec<super::Finding>, kind: ConnectorKind) -> bool {
    let mut sink = Sink::new(file, kind, out);
    match file.decode {
        Decode::TooLarge => {
            let mb = file.size as f64 / 1_000_000.0;
            sink.at(
                "JSON-VALID",
                0,
                "",
                format!(
                    "the file is {mb:.1} MB, too large to be a connector file (limit {} MB)",
                    crate::document::MAX_FILE_BYTES / 1_000_000
                ),
                "Check that this is the right file; a swagger should stay under 1 MB.",
            );
            return false;
        }
        Decode::Invalid { byte, offset } => {
            let (line, col) = file.line_col(offset);
            sink.at(
                "JSON-VALID",
                offset,
                "",
                format!("the file is not UTF-8: byte 0x{byte:02X} at line {line}, column {col}"),
                "Save the file as UTF-8 (paconn and the validators read UTF-8 only).",
            );
        }
        Decode::Utf8 => {}
    }
    match &file.parsed {
        Some(Err(e)) => {
            let help = if file.size == 0 || file.text.trim().is_empty() {
                "Fill the file with the connector's JSON, or remove it."
            } else {
                "Fix the JSON at that position; the other rules run once the file parses."
            };
            sink.at(
                "JSON-VALID",
                e.offset,
                "",
                format!("invalid JSON: {}", e.message),
                help,
            );
            false
        }
        _ => true,
    }
}

/// Runs the document-level rules on the connector's swagger.
pub fn check(c: &Connector, sink: &mut Sink) {
    let file = sink.file;
    if !readability(file, sink.out, sink.kind) {
        size(file, sink);
        return;
    }
    size(file, sink);
    if c.swagger_misnamed && !c.lone_file {
        let name = file
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        sink.at(
            "FILE-SWAGGER-NAME",
            0,
            "",
            format!("the swagger is named \"{name}\""),
            "Rename it to apiDefinition.swagger.json: other names are rejected.",
        );
    }
    let Some(root) = file.json() else { return };
    if !root.is_object() {
        sink.node(
            "SWAGGER-2.0",
            root,
            "",
            format!("the document is a JSON {}, not an object", root.type_name()),
            "The swagger must be an OpenAPI 2.0 object.",
        );
        return;
    }
    version(root, sink);
    info(c, root, sink);
    host(root, sink);
    if let Some(bp) = root.get("basePath") {
        if !bp.as_str().is_some_and(|s| s.starts_with('/')) {
            sink.node(
                "BASEPATH",
                bp,
                "/basePath",
                format!("basePath {} does not start with '/'", show(bp)),
                "Start basePath with '/', e.g. \"/v1\".",
            );
        }
    }
    schemes(root, sink);
    contact(root, sink);
    metadata(root, sink);
    extension_keys(root, sink);
    mime(root, sink);
    security(root, sink);
}

fn show(n: &Node) -> String {
    match &n.value {
        Value::String(s) => format!("\"{s}\""),
        _ => n.type_name().to_string(),
    }
}

fn size(file: &SourceFile, sink: &mut Sink) {
    if file.size > 1_000_000 {
        sink.at(
            "SIZE-1MB",
            0,
            "",
            format!("the swagger is {:.2} MB; the guidance is at most 1 MB", file.size as f64 / 1_000_000.0),
            "Consider splitting the service into several connectors, or trim unused operations and schemas.",
        );
    }
}

fn version(root: &Node, sink: &mut Sink) {
    match root.get("swagger") {
        Some(v) if v.as_str() == Some("2.0") => {}
        Some(v) => sink.node(
            "SWAGGER-2.0",
            v,
            "/swagger",
            format!("\"swagger\" is {}, not \"2.0\"", show(v)),
            "Set \"swagger\": \"2.0\"; only OpenAPI 2.0 is accepted.",
        ),
        None => {
            let msg = if root.get("openapi").is_some() {
                "the document is OpenAPI 3 (\"openapi\"); connectors must be OpenAPI 2.0"
                    .to_string()
            } else {
                "the \"swagger\": \"2.0\" key is missing".to_string()
            };
            sink.node(
                "SWAGGER-2.0",
                root,
                "",
                msg,
                "Use an OpenAPI 2.0 document with \"swagger\": \"2.0\".",
            );
        }
    }
}

fn info(c: &Connector, root: &Node, sink: &mut Sink) {
    let kind = sink.kind;
    let Some(info) = root.get("info").filter(|i| i.is_object()) else {
        sink.node(
            "TITLE-PRESENT",
            root,
            "",
            "the document has no \"info\" object, so no title".into(),
            "Add \"info\" with title, description, version and contact.",
        );
        sink.node(
            "DESC-PRESENT",
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
        }
        Some(t) => sink.node(
            "TITLE-PRESENT",
            t,
            "/info/title",
            format!("info.title is a {}, not a string", t.type_name()),
            "Set info.title to the connector's name.",
        ),
        None => sink.node(
            "TITLE-PRESENT",
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
        }
        Some(d) => sink.node(
            "DESC-PRESENT",
            d,
            "/info/description",
            format!("info.description is a {}, not a string", d.type_name()),
            "Describe the connector in 30 to 500 characters.",
        ),
        None => sink.node(
            "DESC-PRESENT",
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
                    "TITLE-FOLDER",
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
                "EXT-PREFIX",
                member.key_span.start,
                &pointer::join("/info", k),
                format!("\"{k}\" is not an OpenAPI 2.0 info key"),
                "Remove it, or prefix extension keys with \"x-\".",
            );
        }
    }
}

fn host(root: &Node, sink: &mut Sink) {
    let Some(h) = root.get("host") else {
        sink.node(
            "HOST-PRESENT",
            root,
            "",
            "the \"host\" key is missing".into(),
            "Add \"host\": the production host name of the service, e.g. \"api.contoso.com\".",
        );
        return;
    };
    let Some(s) = h.as_str() else {
        sink.node(
            "HOST-FORMAT",
            h,
            "/host",
            format!("host is a {}, not a string", h.type_name()),
            "Set host to a host name such as \"api.contoso.com\".",
        );
        return;
    };
    if s.is_empty() {
        sink.node(
            "HOST-PRESENT",
            h,
            "/host",
            "host is empty".into(),
            "Set host to the production host name of the service.",
        );
        return;
    }
    if !host_format_ok(s) {
        sink.node("HOST-FORMAT", h, "/host", format!("host \"{s}\" is not a bare host name"), "Keep only the host (and port): no \"https://\", no path (put the path in basePath), no braces or spaces.");
    }
    let labels: Vec<String> = s
        .split([':'])
        .next()
        .unwrap_or("")
        .split(['.', '-'])
        .map(str::to_ascii_lowercase)
        .collect();
    if let Some(bad) = labels.iter().find(|l| {
        matches!(
            l.as_str(),
            "dev" | "test" | "staging" | "stage" | "sandbox" | "localhost" | "qa" | "uat"
        )
    }) {
        sink.node(
            "HOST-PROD",
            h,
            "/host",
            format!("host \"{s}\" looks like a non-production host (\"{bad}\")"),
            "Use the production host; staging, test and sandbox hosts are not accepted.",
        );
    }
}

/// `^[^{}/ :\\]+(?::\d+)?$`
fn host_format_ok(s: &str) -> bool {
    let (name, port) = match s.rsplit_once(':') {
        Some((n, p)) => (n, Some(p)),
        None => (s, None),
    };
    !name.is_empty()
        && !name.contains(['{', '}', '/', ' ', ':', '\\'])
        && port.is_none_or(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

fn schemes(root: &Node, sink: &mut Sink) {
    match root.get("schemes") {
        None => sink.node(
            "SCHEMES",
            root,
            "",
            "the \"schemes\" list is missing".into(),
            "Add \"schemes\": [\"https\"].",
        ),
        Some(s) => match s.as_array() {
            Some([]) => sink.node(
                "SCHEMES",
                s,
                "/schemes",
                "the \"schemes\" list is empty".into(),
                "Use \"schemes\": [\"https\"].",
            ),
            Some(items) => {
                for (i, it) in items.iter().enumerate() {
                    if !matches!(it.as_str(), Some("http" | "https")) {
                        sink.node(
                            "SCHEMES",
                            it,
                            &format!("/schemes/{i}"),
                            format!("scheme {} is not supported", show(it)),
                            "Use only \"https\" (or \"http\").",
                        );
                    }
                }
            }
            None => sink.node(
                "SCHEMES",
                s,
                "/schemes",
                format!("\"schemes\" is a {}, not a list", s.type_name()),
                "Use \"schemes\": [\"https\"].",
            ),
        },
    }
}

/// A plausible ASCII e-mail address.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    s.is_ascii()
        && !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.contains(char::is_whitespace)
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c))
        && domain
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
}

/// A plausible absolute http(s) URL.
pub fn is_url(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or("");
        !host.is_empty() && host.contains('.') || host.starts_with("localhost")
    }) && !s.contains(char::is_whitespace)
}

fn contact(root: &Node, sink: &mut Sink) {
    let info = root.get("info");
    let Some(contact) = info.and_then(|i| i.get("contact")) else {
        let at = info.unwrap_or(root);
        sink.node(
            "CONTACT-PRESENT",
            at,
            if info.is_some() { "/info" } else { "" },
            "info.contact is missing".into(),
            "Add \"contact\": {\"name\", \"url\", \"email\"} to info: reviewers ask for it.",
        );
        return;
    };
    let missing: Vec<&str> = ["name", "url", "email"]
        .into_iter()
        .filter(|k| {
            contact
                .get(k)
                .and_then(Node::as_str)
                .is_none_or(|s| s.trim().is_empty())
        })
        .collect();
    if !missing.is_empty() {
        sink.node(
            "CONTACT-PRESENT",
            contact,
            "/info/contact",
            format!("info.contact lacks {}", missing.join(", ")),
            "Give the contact a name, a URL and an e-mail address.",
        );
    }
    if let Some(e) = contact
        .get("email")
        .filter(|e| e.as_str().is_some_and(|s| !s.is_empty()))
    {
        let s = e.as_str().unwrap();
        if !is_email(s) {
            sink.node(
                "CONTACT-EMAIL",
                e,
                "/info/contact/email",
                format!("\"{s}\" is not a valid ASCII e-mail address"),
                "Use an address like name@example.com.",
            );
        }
    }
    if let Some(u) = contact
        .get("url")
        .filter(|u| u.as_str().is_some_and(|s| !s.is_empty()))
    {
        let s = u.as_str().unwrap();
        if !is_url(s) {
            sink.node(
                "CONTACT-URL",
                u,
                "/info/contact/url",
                format!("\"{s}\" is not an absolute URL"),
                "Use a full URL such as https://example.com/support.",
            );
        }
    }
}

const META_NAMES: &[&str] = &["Website", "Privacy policy", "Categories"];

fn metadata(root: &Node, sink: &mut Sink) {
    let Some(meta) = root.get("x-ms-connector-metadata") else {
        sink.node(
            "METADATA-PRESENT",
            root,
            "",
            "x-ms-connector-metadata is missing".into(),
            "Add x-ms-connector-metadata with Website, Privacy policy and Categories entries.",
        );
        return;
    };
    let Some(items) = meta.as_array() else {
        sink.node(
            "METADATA-PRESENT",
            meta,
            "/x-ms-connector-metadata",
            format!(
                "x-ms-connector-metadata is a {}, not a list",
                meta.type_name()
            ),
            "Make it a list of {\"propertyName\", \"propertyValue\"} objects.",
        );
        return;
    };
    let mut found = [false; 3];
    for (i, item) in items.iter().enumerate() {
        let ptr = format!("/x-ms-connector-metadata/{i}");
        let name = item.get("propertyName");
        let value = item.get("propertyValue");
        let (Some(name_node), Some(name)) = (name, name.and_then(Node::as_str)) else {
            sink.node(
                "METADATA-PRESENT",
                item,
                &ptr,
                "a metadata entry has no propertyName".into(),
                "Each entry is {\"propertyName\": ..., \"propertyValue\": ...}.",
            );
            continue;
        };
        let Some(value_node) = value else {
            sink.node(
                "METADATA-PRESENT",
                item,
                &ptr,
                format!("the metadata entry \"{name}\" has no propertyValue"),
                "Add its propertyValue.",
            );
            continue;
        };
        let exact = META_NAMES.iter().position(|n| *n == name);
        let loose = META_NAMES
            .iter()
            .position(|n| n.eq_ignore_ascii_case(name.trim()));
        let idx = match (exact, loose) {
            (Some(i), _) => i,
            (None, Some(i)) => {
                let want = META_NAMES[i];
                let id = if i == 1 {
                    "METADATA-PRIVACY"
                } else {
                    "METADATA-NAMES-EXACT"
                };
                let fix = sink.fix(
                    format!("{ptr}/propertyName: \"{name}\" → \"{want}\""),
                    vec![TextEdit::set_string(name_node, want)],
                );
                sink.at_sev(
                    id,
                    Severity::Error,
                    name_node.span.start,
                    &format!("{ptr}/propertyName"),
                    format!("the metadata name \"{name}\" must be spelt \"{want}\""),
                    format!("Rename it to \"{want}\" (exact case)."),
                    fix,
                );
                i
            }
            (None, None) => continue,
        };
        found[idx] = true;
        let vptr = format!("{ptr}/propertyValue");
        match idx {
            0 | 1 => {
                let id = if idx == 0 {
                    "METADATA-WEBSITE"
                } else {
                    "METADATA-PRIVACY"
                };
                if !value_node.as_str().is_some_and(is_url) {
                    sink.node(
                        id,
                        value_node,
                        &vptr,
                        format!(
                            "the {} value {} is not a URL",
                            META_NAMES[idx],
                            show(value_node)
                        ),
                        "Give the full https:// URL.",
                    );
                }
            }
            _ => categories(value_node, &vptr, sink),
        }
    }
    let missing = [
        ("METADATA-WEBSITE", "Website", "the service's website"),
        (
            "METADATA-PRIVACY",
            "Privacy policy",
            "the service's privacy policy",
        ),
        ("METADATA-CATEGORIES", "Categories", "one or two categories"),
    ];
    for (i, (id, name, what)) in missing.iter().enumerate() {
        if !found[i] {
            sink.node(
                id,
                meta,
                "/x-ms-connector-metadata",
                format!("x-ms-connector-metadata has no \"{name}\" entry"),
                &format!(
                    "Add {{\"propertyName\": \"{name}\", \"propertyValue\": ...}} with {what}."
                ),
            );
        }
    }
}

fn categories(node: &Node, ptr: &str, sink: &mut Sink) {
    let Some(v) = node.as_str() else {
        sink.node(
            "METADATA-CATEGORIES",
            node,
            ptr,
            format!("Categories is a {}, not a string", node.type_name()),
            "Use a ';'-separated string such as \"Productivity;Data\".",
        );
        return;
    };
    let items: Vec<&str> = v
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if items.is_empty() || items.len() > 2 {
        sink.node(
            "METADATA-CATEGORIES",
            node,
            ptr,
            format!(
                "Categories \"{v}\" has {} categories; use one or two",
                items.len()
            ),
            "Pick one or two categories from the documented list.",
        );
    }
    let mut fixed = Vec::new();
    let mut fixable = true;
    let mut wrong = Vec::new();
    for it in &items {
        if let Some(exact) = CATEGORIES.iter().find(|c| *c == it) {
            fixed.push(*exact);
        } else if let Some(c) = CATEGORIES.iter().find(|c| c.eq_ignore_ascii_case(it)) {
            fixed.push(*c);
            wrong.push(format!("\"{it}\" (write \"{c}\")"));
        } else {
            fixable = false;
            wrong.push(format!("\"{it}\""));
        }
    }
    if !wrong.is_empty() {
        let fix = (fixable && !items.is_empty() && items.len() <= 2)
            .then(|| {
                sink.fix(
                    format!("{ptr}: categories spelt as documented"),
                    vec![TextEdit::set_string(node, &fixed.join(";"))],
                )
            })
            .flatten();
        sink.at_sev(
            "METADATA-CATEGORIES",
            Severity::Error,
            node.span.start,
            ptr,
            format!(
                "Categories {} not on the documented list",
                wrong.join(", ") + if wrong.len() == 1 { " is" } else { " are" }
            ),
            format!("Use the exact names: {}.", CATEGORIES.join(", ")),
            fix,
        );
    }
}

fn extension_keys(root: &Node, sink: &mut Sink) {
    for m in root.as_object().unwrap_or(&[]) {
        if !m.key.starts_with("x-") && !TOP_KEYS.contains(&m.key.as_str()) {
            let hint = if m.key == "scriptOperations" {
                "scriptOperations belongs in apiProperties.json, not in the swagger."
            } else {
                "Remove it, or prefix extension keys with \"x-\"."
            };
            sink.at(
                "EXT-PREFIX",
                m.key_span.start,
                &pointer::join("", &m.key),
                format!("\"{}\" is not an OpenAPI 2.0 key", m.key),
                hint,
            );
        }
    }
}

fn mime_ok(s: &str) -> bool {
    let base = s.split(';').next().unwrap_or("").trim();
    let Some((t, sub)) = base.split_once('/') else {
        return false;
    };
    matches!(
        t,
        "application"
            | "text"
            | "multipart"
            | "image"
            | "audio"
            | "video"
            | "*"
            | "font"
            | "message"
            | "model"
    ) && !sub.is_empty()
        && !sub.contains(char::is_whitespace)
}

fn mime_list(node: &Node, ptr: &str, sink: &mut Sink) {
    match node.as_array() {
        Some(items) => {
            for (i, it) in items.iter().enumerate() {
                if !it.as_str().is_some_and(mime_ok) {
                    sink.node("MIME", it, &format!("{ptr}/{i}"), format!("{} is not a valid MIME type", show(it)), "Use a type such as application/json, text/plain, multipart/form-data or application/x-www-form-urlencoded.");
                }
            }
        }
        None => sink.node(
            "MIME",
            node,
            ptr,
            format!("{ptr} is a {}, not a list", node.type_name()),
            "Use a list such as [\"application/json\"].",
        ),
    }
}

fn mime(root: &Node, sink: &mut Sink) {
    for key in ["consumes", "produces"] {
        if let Some(n) = root.get(key) {
            mime_list(n, &format!("/{key}"), sink);
        }
    }
    for_each_operation(root, |path, method, op| {
        for key in ["consumes", "produces"] {
            if let Some(n) = op.get(key) {
                let ptr = format!("{}/{method}/{key}", pointer::join("/paths", path));
                mime_list(n, &ptr, sink);
            }
        }
    });
}

/// Calls `f(path, method, operation)` for every operation under `paths`.
pub fn for_each_operation<'a>(root: &'a Node, mut f: impl FnMut(&'a str, &'a str, &'a Node)) {
    let Some(paths) = root.get("paths").and_then(Node::as_object) else {
        return;
    };
    for p in paths {
        for m in p.value.as_object().unwrap_or(&[]) {
            if METHODS.contains(&m.key.as_str()) && m.value.is_object() {
                f(&p.key, &m.key, &m.value);
            }
        }
    }
}

fn security(root: &Node, sink: &mut Sink) {
    let defs = root.get("securityDefinitions");
    let check_req = |req: &Node, ptr: &str, sink: &mut Sink| {
        let Some(list) = req.as_array() else { return };
        for (i, alt) in list.iter().enumerate() {
            for m in alt.as_object().unwrap_or(&[]) {
                let def = defs.and_then(|d| d.get(&m.key));
                let mptr = format!("{ptr}/{i}/{}", pointer::escape_token(&m.key));
                match def {
                    None => sink.at(
                        "SECURITY-DEFS",
                        m.key_span.start,
                        &mptr,
                        format!(
                            "security requirement \"{}\" is not defined in securityDefinitions",
                            m.key
                        ),
                        "Define it under securityDefinitions, or remove the requirement.",
                    ),
                    Some(d) if d.get("type").and_then(Node::as_str) == Some("oauth2") => {
                        let scopes = d.get("scopes");
                        for s in m.value.as_array().unwrap_or(&[]) {
                            if let Some(name) = s.as_str() {
                                if scopes.and_then(|sc| sc.get(name)).is_none() {
                                    sink.node("SECURITY-DEFS", s, &mptr, format!("OAuth scope \"{name}\" is not defined in securityDefinitions.{}.scopes", m.key), "Add the scope to the definition's scopes.");
                                }
                            }
                        }
                    }
                    Some(_) => {}
                }
            }
        }
    };
    if let Some(req) = root.get("security") {
        check_req(req, "/security", sink);
    }
    for_each_operation(root, |path, method, op| {
        if let Some(req) = op.get("security") {
            let ptr = format!("{}/{method}/security", pointer::join("/paths", path));
            check_req(req, &ptr, sink);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testutil::*;
    use serde_json::json;

    fn findings_of(v: &serde_json::Value) -> Vec<crate::rules::Finding> {
        swagger_findings(&text(v))
    }

    fn with(f: impl FnOnce(&mut serde_json::Value)) -> Vec<crate::rules::Finding> {
        let mut v = good_swagger();
        f(&mut v);
        findings_of(&v)
    }

    fn only<'a>(fs: &'a [crate::rules::Finding], id: &str) -> Vec<&'a crate::rules::Finding> {
        fs.iter().filter(|f| f.rule == id).collect()
    }

    #[test]
    fn good_swagger_has_no_document_findings() {
        let fs = findings_of(&good_swagger());
        assert!(fs.is_empty(), "{fs:#?}");
    }

    #[test]
    fn invalid_json_reports_position() {
        let fs = swagger_findings("{\n  \"swagger\": \"2.0\",\n  \"info\": {}\n  \"host\": 1\n}");
        assert_eq!(ids(&fs), vec!["JSON-VALID"]);
        assert_eq!((fs[0].line, fs[0].column), (4, 3));
        let fs = swagger_findings("");
        assert_eq!(ids(&fs), vec!["JSON-VALID"]);
        assert!(fs[0].message.contains("empty"));
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

    #[test]
    fn host_rules() {
        assert_eq!(
            ids(&with(|v| {
                v.as_object_mut().unwrap().remove("host");
            })),
            vec!["HOST-PRESENT"]
        );
        assert_eq!(
            ids(&with(|v| v["host"] = json!("https://api.contoso.com/v1"))),
            vec!["HOST-FORMAT"]
        );
        assert!(ids(&with(|v| v["host"] = json!("api.contoso.com:8443"))).is_empty());
        assert_eq!(
            ids(&with(|v| v["host"] = json!("staging.contoso.com"))),
            vec!["HOST-PROD"]
        );
        assert_eq!(
            ids(&with(|v| v["basePath"] = json!("v1"))),
            vec!["BASEPATH"]
        );
        assert_eq!(ids(&with(|v| v["schemes"] = json!([]))), vec!["SCHEMES"]);
        assert_eq!(
            ids(&with(|v| v["schemes"] = json!(["https", "wss"]))),
            vec!["SCHEMES"]
        );
        assert_eq!(
            ids(&with(|v| v["swagger"] = json!("3.0"))),
            vec!["SWAGGER-2.0"]
        );
    }

    #[test]
    fn contact_rules() {
        assert_eq!(
            ids(&with(|v| {
                v["info"].as_object_mut().unwrap().remove("contact");
            })),
            vec!["CONTACT-PRESENT"]
        );
        assert_eq!(
            ids(&with(
                |v| v["info"]["contact"]["email"] = json!("ada at example")
            )),
            vec!["CONTACT-EMAIL"]
        );
        assert_eq!(
            ids(&with(|v| v["info"]["contact"]["url"] = json!("example.com"))),
            vec!["CONTACT-URL"]
        );
        assert_eq!(
            ids(&with(|v| {
                v["info"]["contact"].as_object_mut().unwrap().remove("name");
            })),
            vec!["CONTACT-PRESENT"]
        );
    }

    #[test]
    fn metadata_rules() {
        assert_eq!(
            ids(&with(|v| {
                v.as_object_mut().unwrap().remove("x-ms-connector-metadata");
            })),
            vec!["METADATA-PRESENT"]
        );
        let fs =
            with(|v| v["x-ms-connector-metadata"][1]["propertyName"] = json!("Privacy Policy"));
        assert_eq!(ids(&fs), vec!["METADATA-PRIVACY"]);
        assert!(fs[0].fix.is_some());
        assert_eq!(fs[0].pointer, "/x-ms-connector-metadata/1/propertyName");
        let fs = with(|v| v["x-ms-connector-metadata"][0]["propertyName"] = json!("website"));
        assert_eq!(ids(&fs), vec!["METADATA-NAMES-EXACT"]);
        let fs =
            with(|v| v["x-ms-connector-metadata"][2]["propertyValue"] = json!("collaboration"));
        assert_eq!(ids(&fs), vec!["METADATA-CATEGORIES"]);
        assert!(fs[0].fix.is_some());
        let fs = with(|v| v["x-ms-connector-metadata"][2]["propertyValue"] = json!("Gadgets"));
        assert_eq!(ids(&fs), vec!["METADATA-CATEGORIES"]);
        assert!(fs[0].fix.is_none());
        let fs =
            with(|v| v["x-ms-connector-metadata"][2]["propertyValue"] = json!("AI;Data;Finance"));
        assert_eq!(ids(&fs), vec!["METADATA-CATEGORIES"]);
        let fs = with(|v| v["x-ms-connector-metadata"][0]["propertyValue"] = json!("contoso"));
        assert_eq!(ids(&fs), vec!["METADATA-WEBSITE"]);
        let fs = with(|v| {
            v["x-ms-connector-metadata"]
                .as_array_mut()
                .unwrap()
                .remove(1);
        });
        assert_eq!(ids(&fs), vec!["METADATA-PRIVACY"]);
    }

    #[test]
    fn extension_mime_security_rules() {
        let fs = with(|v| v["scriptOperations"] = json!([]));
        assert_eq!(ids(&fs), vec!["EXT-PREFIX"]);
        assert!(fs[0].help.contains("apiProperties"));
        assert!(ids(&with(|v| v["x-custom"] = json!(1))).is_empty());
        assert_eq!(
            ids(&with(|v| v["produces"] = json!(["json"]))),
            vec!["MIME"]
        );
        assert_eq!(
            ids(&with(|v| v["security"] = json!([{"oauth": []}]))),
            vec!["SECURITY-DEFS"]
        );
        let fs = with(|v| {
            v["securityDefinitions"] = json!({"oauth": {"type": "oauth2", "flow": "accessCode", "authorizationUrl": "https://a.b/auth", "tokenUrl": "https://a.b/token", "scopes": {"read": "Read"}}});
            v["security"] = json!([{"oauth": ["read", "write"]}]);
        });
        assert_eq!(ids(&fs), vec!["SECURITY-DEFS"]);
        assert!(fs[0].message.contains("write"));
    }

    #[test]
    fn size_and_encoding() {
        let mut v = good_swagger();
        v["x-pad"] = json!("x".repeat(1_000_100));
        let fs = findings_of(&v);
        assert_eq!(ids(&fs), vec!["SIZE-1MB"]);
        let mut bytes = text(&good_swagger()).into_bytes();
        let pos = bytes.windows(7).position(|w| w == b"Contoso").unwrap();
        bytes[pos] = 0xC9; // cp1252 'É'
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("apiDefinition.swagger.json"), &bytes).unwrap();
        let c = Connector::load(dir.path(), None).unwrap();
        let fs = crate::rules::check(&c, &Default::default());
        let enc: Vec<_> = fs.iter().filter(|f| f.rule == "JSON-VALID").collect();
        assert_eq!(enc.len(), 1);
        assert!(enc[0].message.contains("not UTF-8"), "{}", enc[0].message);
        assert_eq!(enc[0].line, 4);
    }
}
