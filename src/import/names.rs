//! Names the importer has to invent: an operationId, a summary and a description from the
//! method and path (reference §2.3: PascalCase IDs of letters and digits, verb-first
//! sentence-case summaries without `/`), and a parameter's `x-ms-summary` in Title Case.

/// Path segments that say nothing about the resource.
fn is_noise(segment: &str) -> bool {
    let s = segment.to_ascii_lowercase();
    s == "api"
        || s == "rest"
        || (s.len() >= 2 && s.starts_with('v') && s[1..].bytes().all(|b| b.is_ascii_digit()))
}

/// Last path segments that are verbs: `POST /tasks/{id}/complete` is "Complete task".
const ACTION_VERBS: &[&str] = &[
    "activate",
    "approve",
    "archive",
    "assign",
    "cancel",
    "check",
    "clone",
    "close",
    "complete",
    "confirm",
    "copy",
    "deactivate",
    "disable",
    "download",
    "duplicate",
    "enable",
    "execute",
    "export",
    "import",
    "invite",
    "lock",
    "login",
    "logout",
    "merge",
    "move",
    "pause",
    "publish",
    "query",
    "refresh",
    "reject",
    "reopen",
    "reset",
    "restore",
    "resume",
    "retry",
    "revoke",
    "run",
    "search",
    "send",
    "share",
    "start",
    "stop",
    "submit",
    "sync",
    "test",
    "translate",
    "trigger",
    "unarchive",
    "unlock",
    "unpublish",
    "upload",
    "validate",
    "verify",
];

/// Words of an identifier or a path segment: split at non-alphanumerics, camelCase humps and
/// letter/digit changes; lower case.
pub fn words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in s.split(|c: char| !c.is_alphanumeric()) {
        let chars: Vec<char> = part.chars().collect();
        let mut cur = String::new();
        for (i, &c) in chars.iter().enumerate() {
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1).copied();
            let boundary = match prev {
                None => false,
                Some(p) => {
                    (c.is_uppercase() && p.is_lowercase())
                        || (c.is_uppercase()
                            && p.is_uppercase()
                            && next.is_some_and(|n| n.is_lowercase()))
                        || (c.is_ascii_digit() != p.is_ascii_digit() && !p.is_uppercase())
                }
            };
            if boundary && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            cur.extend(c.to_lowercase());
        }
        if !cur.is_empty() {
            out.push(cur);
        }
    }
    out
}

/// A plural English noun made singular, for the common regular forms.
pub fn singular(word: &str) -> String {
    let w = word;
    if w.len() <= 3 || w.ends_with("ss") || w.ends_with("us") || w.ends_with("is") {
        return w.to_string();
    }
    if let Some(stem) = w.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for suffix in ["ches", "shes", "xes", "sses", "zes"] {
        if w.ends_with(suffix) {
            return w[..w.len() - 2].to_string();
        }
    }
    w.strip_suffix('s').unwrap_or(w).to_string()
}

fn pascal(words: &[String]) -> String {
    words
        .iter()
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect::<String>(),
                None => String::new(),
            }
        })
        .collect()
}

/// Acronyms written in capitals in summaries and titles.
const ACRONYMS: &[&str] = &[
    "id", "ids", "url", "uri", "ip", "api", "sms", "pdf", "csv", "html", "json", "xml", "utc",
    "http", "https", "ssl", "dns", "sku", "vat", "ai", "sql", "crm", "erp", "uuid", "guid",
];

fn display_word(w: &str) -> String {
    if ACRONYMS.contains(&w) {
        if w == "ids" {
            "IDs".to_string()
        } else {
            w.to_ascii_uppercase()
        }
    } else {
        w.to_string()
    }
}

fn capitalised(w: &str) -> String {
    let d = display_word(w);
    let mut c = d.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => d,
    }
}

/// The words of a derived operation name: verb first, then the resource.
fn derived_words(method: &str, path: &str) -> Vec<String> {
    let segments: Vec<&str> = path
        .split('/')
        .filter(|s| !s.is_empty() && !is_noise(s))
        .collect();
    let ends_with_param = segments.last().is_some_and(|s| s.starts_with('{'));
    let mut nouns: Vec<&str> = segments
        .iter()
        .copied()
        .filter(|s| !s.starts_with('{'))
        .collect();
    let mut verb: Option<String> = None;
    let mut action = false;
    if method == "post" && !ends_with_param {
        if let Some(last) = nouns.last() {
            let lw = words(last);
            if lw.len() == 1 && ACTION_VERBS.contains(&lw[0].as_str()) {
                verb = Some(lw[0].clone());
                nouns.pop();
                action = true;
            }
        }
    }
    let verb = verb.unwrap_or_else(|| {
        match method {
            "get" if ends_with_param || nouns.is_empty() => "get",
            "get" => "list",
            "post" => "create",
            "put" | "patch" => "update",
            "delete" => "delete",
            "head" => "check",
            "options" => "get options for",
            other => other,
        }
        .to_string()
    });
    let keep_plural = verb == "list";
    let n = nouns.len();
    let mut out: Vec<String> = verb.split(' ').map(str::to_string).collect();
    for (i, seg) in nouns.iter().enumerate() {
        let mut ws = words(seg);
        let last = i + 1 == n;
        if let Some(w) = ws.last_mut() {
            if !(last && keep_plural) {
                *w = singular(w);
            }
        }
        out.extend(ws);
    }
    if nouns.is_empty() && !action {
        out.push("root".to_string());
    }
    out
}

/// A PascalCase operationId of letters and digits from the method and path, e.g.
/// `GET /users/{userId}/tasks` → `ListUserTasks`.
pub fn operation_id(method: &str, path: &str) -> String {
    pascal(&derived_words(method, path))
}

/// Makes an existing operationId acceptable (OPID-CHARSET, OPID-CASE): letters and digits
/// only, starting with a capital. `None` when it already is.
pub fn sanitize_operation_id(id: &str) -> Option<String> {
    let ok = id.chars().all(|c| c.is_ascii_alphanumeric())
        && id.chars().next().is_some_and(|c| c.is_ascii_uppercase());
    if ok {
        return None;
    }
    let mut out = String::new();
    for part in id.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut c = part.chars();
        if let Some(f) = c.next() {
            out.extend(f.to_uppercase());
            out.extend(c);
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, "Operation");
    }
    Some(out)
}

/// A sentence-case summary from an operationId: `ListUserTasks` → "List user tasks".
pub fn summary_from_id(id: &str) -> String {
    let ws = words(id);
    let mut out: Vec<String> = Vec::with_capacity(ws.len());
    for (i, w) in ws.iter().enumerate() {
        out.push(if i == 0 {
            capitalised(w)
        } else {
            display_word(w)
        });
    }
    out.join(" ")
}

/// A description for an operation that has none: the summary as a sentence, with the call.
pub fn description_for(summary: &str, method: &str, path: &str) -> String {
    let s = summary.trim().trim_end_matches(['.', '!', '?']);
    format!("{s} by calling {} {path}.", method.to_ascii_uppercase())
}

/// Title Case from a key or parameter name: `taskId` → "Task ID", `due_date` → "Due Date".
pub fn title_case(name: &str) -> String {
    let ws = words(name);
    if ws.is_empty() {
        return name.trim().to_string();
    }
    ws.iter()
        .map(|w| capitalised(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A lower-case phrase from a name, acronyms in capitals: `taskId` → "task ID".
pub fn phrase(name: &str) -> String {
    words(name)
        .iter()
        .map(|w| display_word(w))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_ids_and_summaries() {
        let cases = [
            ("get", "/tasks", "ListTasks", "List tasks"),
            ("get", "/tasks/{taskId}", "GetTask", "Get task"),
            ("post", "/tasks", "CreateTask", "Create task"),
            ("put", "/v2/tasks/{id}", "UpdateTask", "Update task"),
            ("delete", "/api/tasks/{id}", "DeleteTask", "Delete task"),
            (
                "get",
                "/users/{userId}/tasks",
                "ListUserTasks",
                "List user tasks",
            ),
            (
                "post",
                "/tasks/{id}/complete",
                "CompleteTask",
                "Complete task",
            ),
            (
                "get",
                "/categories/{id}/sub-categories",
                "ListCategorySubCategories",
                "List category sub categories",
            ),
            ("get", "/", "GetRoot", "Get root"),
            ("post", "/search", "Search", "Search"),
            (
                "get",
                "/ip-addresses",
                "ListIpAddresses",
                "List IP addresses",
            ),
        ];
        for (m, p, id, summary) in cases {
            assert_eq!(operation_id(m, p), id, "{m} {p}");
            assert_eq!(summary_from_id(id), summary, "{id}");
            assert!(id.chars().all(|c| c.is_ascii_alphanumeric()));
        }
        assert_eq!(
            description_for("Get task", "get", "/tasks/{id}"),
            "Get task by calling GET /tasks/{id}."
        );
    }

    #[test]
    fn sanitized_ids_and_title_case() {
        assert_eq!(sanitize_operation_id("GetTask"), None);
        assert_eq!(
            sanitize_operation_id("listTasks").as_deref(),
            Some("ListTasks")
        );
        assert_eq!(
            sanitize_operation_id("tasks.list").as_deref(),
            Some("TasksList")
        );
        assert_eq!(
            sanitize_operation_id("get tasks").as_deref(),
            Some("GetTasks")
        );
        assert_eq!(
            sanitize_operation_id("2fa-check").as_deref(),
            Some("Operation2faCheck")
        );
        assert_eq!(title_case("taskId"), "Task ID");
        assert_eq!(phrase("taskId"), "task ID");
        assert_eq!(title_case("due_date"), "Due Date");
        assert_eq!(title_case("HTTPStatus"), "HTTP Status");
        assert_eq!(title_case("page2"), "Page 2");
        assert_eq!(singular("categories"), "category");
        assert_eq!(singular("boxes"), "box");
        assert_eq!(singular("status"), "status");
    }
}
