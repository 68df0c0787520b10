//! Parameters of an operation added, changed and deleted as text: what the author types
//! (`default` and `enum` as text, converted to the parameter's type), the problems that keep
//! it from being written, and the minimal edits.

use super::*;

/// The fields of a parameter the wizard edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParamField {
    Name,
    In,
    Type,
    Format,
    Required,
    Summary,
    Description,
    Visibility,
    Default,
    Enum,
}

/// A parameter as the author describes it. `default` and `enum` are typed as text (the enum
/// comma-separated) and converted to the parameter's type.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParamSpec {
    pub name: String,
    pub location: String,
    pub ty: String,
    pub format: String,
    pub required: bool,
    pub summary: String,
    pub description: String,
    pub visibility: String,
    pub default: String,
    pub enum_values: String,
}

/// A JSON value shown as text (strings without quotes).
fn shown(v: &Node) -> String {
    match v.as_str() {
        Some(s) => s.to_string(),
        None => splice::inline(&v.to_serde()),
    }
}

/// `text` as a value of type `ty`.
fn typed(ty: &str, text: &str) -> Result<J, String> {
    let t = text.trim();
    match ty {
        "integer" => t
            .parse::<i64>()
            .map(|n| json!(n))
            .map_err(|_| format!("\"{t}\" is not a whole number")),
        "number" => t
            .parse::<f64>()
            .ok()
            .and_then(|n| serde_json::Number::from_f64(n).map(J::Number))
            .ok_or_else(|| format!("\"{t}\" is not a number")),
        "boolean" => match t {
            "true" => Ok(json!(true)),
            "false" => Ok(json!(false)),
            _ => Err(format!("\"{t}\" is not true or false")),
        },
        "string" => Ok(json!(t)),
        other => Err(format!("a {other} parameter takes no default or enum")),
    }
}

impl ParamSpec {
    /// A new parameter: a query string.
    pub fn new_query() -> ParamSpec {
        ParamSpec {
            location: "query".into(),
            ty: "string".into(),
            ..ParamSpec::default()
        }
    }

    /// The parameter object `p`.
    pub fn read(p: &Node) -> ParamSpec {
        let location = text_of(p, "in");
        let (ty, format) = if location == "body" {
            let schema = p.get("schema");
            (
                schema.map(|s| text_of(s, "type")).unwrap_or_default(),
                schema.map(|s| text_of(s, "format")).unwrap_or_default(),
            )
        } else {
            (text_of(p, "type"), text_of(p, "format"))
        };
        ParamSpec {
            name: text_of(p, "name"),
            location,
            ty,
            format,
            required: p.get("required").and_then(Node::as_bool) == Some(true),
            summary: text_of(p, "x-ms-summary"),
            description: text_of(p, "description"),
            visibility: text_of(p, "x-ms-visibility"),
            default: p.get("default").map(shown).unwrap_or_default(),
            enum_values: p
                .get("enum")
                .and_then(Node::as_array)
                .map(|a| a.iter().map(shown).collect::<Vec<_>>().join(", "))
                .unwrap_or_default(),
        }
    }

    pub fn get(&self, f: ParamField) -> String {
        match f {
            ParamField::Name => self.name.clone(),
            ParamField::In => self.location.clone(),
            ParamField::Type => self.ty.clone(),
            ParamField::Format => self.format.clone(),
            ParamField::Required => self.required.to_string(),
            ParamField::Summary => self.summary.clone(),
            ParamField::Description => self.description.clone(),
            ParamField::Visibility => self.visibility.clone(),
            ParamField::Default => self.default.clone(),
            ParamField::Enum => self.enum_values.clone(),
        }
    }

    pub fn set(&mut self, f: ParamField, v: String) {
        match f {
            ParamField::Name => self.name = v,
            ParamField::In => {
                if v == "path" {
                    self.required = true;
                }
                self.location = v
            }
            ParamField::Type => {
                if !formats(&v).contains(&self.format.as_str()) {
                    self.format.clear();
                }
                self.ty = v
            }
            ParamField::Format => self.format = v,
            ParamField::Required => self.required = v == "true",
            ParamField::Summary => self.summary = v,
            ParamField::Description => self.description = v,
            ParamField::Visibility => self.visibility = v,
            ParamField::Default => self.default = v,
            ParamField::Enum => self.enum_values = v,
        }
    }

    fn enum_list(&self) -> Result<Option<J>, String> {
        let items: Vec<&str> = self
            .enum_values
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        if items.is_empty() {
            return Ok(None);
        }
        items
            .iter()
            .map(|i| typed(&self.ty, i))
            .collect::<Result<Vec<_>, _>>()
            .map(|v| Some(J::Array(v)))
    }

    fn default_value(&self) -> Result<Option<J>, String> {
        if self.default.trim().is_empty() {
            return Ok(None);
        }
        typed(&self.ty, &self.default).map(Some)
    }

    /// The parameter as a JSON object (for a new one).
    pub fn to_map(&self) -> Map<String, J> {
        let mut m = Map::new();
        m.insert("name".into(), json!(self.name.trim()));
        m.insert("in".into(), json!(self.location));
        if self.required || self.location == "path" {
            m.insert("required".into(), json!(true));
        }
        for (k, v) in self.value_members() {
            if let Some(v) = v {
                m.insert(k.into(), v);
            }
        }
        if let Some(s) = opt_str(&self.summary) {
            m.insert("x-ms-summary".into(), s);
        }
        if let Some(s) = opt_str(&self.description) {
            m.insert("description".into(), s);
        }
        if let Some(s) = opt_str(&self.visibility) {
            m.insert("x-ms-visibility".into(), s);
        }
        if self.location == "path" {
            m.insert("x-ms-url-encoding".into(), json!("single"));
        }
        m
    }

    /// The members that describe the value: a body's schema, else type, format, items,
    /// default and enum (`None`: absent).
    fn value_members(&self) -> Vec<(&'static str, Option<J>)> {
        if self.location == "body" {
            let mut schema = Map::new();
            schema.insert("type".into(), json!(self.ty));
            if !self.format.is_empty() {
                schema.insert("format".into(), json!(self.format));
            }
            return vec![
                ("type", None),
                ("format", None),
                ("items", None),
                ("default", None),
                ("enum", None),
                ("schema", Some(J::Object(schema))),
            ];
        }
        vec![
            ("type", Some(json!(self.ty))),
            ("format", opt_str(&self.format)),
            (
                "items",
                (self.ty == "array").then(|| json!({"type": "string"})),
            ),
            ("default", self.default_value().ok().flatten()),
            ("enum", self.enum_list().ok().flatten()),
            ("schema", None),
        ]
    }
}

/// What keeps `spec` from being written as a parameter of the operation at `op` (`except`:
/// the pointer of the parameter being changed).
pub fn param_problems(
    root: &Node,
    op: Option<&str>,
    spec: &ParamSpec,
    except: Option<&str>,
) -> Vec<(ParamField, String)> {
    let mut out = Vec::new();
    let name = spec.name.trim();
    if name.is_empty() {
        out.push((ParamField::Name, "type the parameter's name".into()));
    }
    if !LOCATIONS.contains(&spec.location.as_str()) {
        out.push((
            ParamField::In,
            format!("in is one of {}", LOCATIONS.join(", ")),
        ));
    }
    if !TYPES.contains(&spec.ty.as_str()) {
        out.push((
            ParamField::Type,
            format!("the type is one of {}", TYPES.join(", ")),
        ));
    } else if spec.ty == "file" && spec.location != "formData" {
        out.push((ParamField::Type, "a file goes in formData".into()));
    }
    if !formats(&spec.ty).contains(&spec.format.as_str()) {
        out.push((
            ParamField::Format,
            format!("a {} takes no format {}", spec.ty, spec.format),
        ));
    }
    if spec.location == "body" {
        for (f, v) in [
            (ParamField::Default, &spec.default),
            (ParamField::Enum, &spec.enum_values),
        ] {
            if !v.trim().is_empty() {
                out.push((
                    f,
                    "a body parameter describes its value in its schema".into(),
                ));
            }
        }
    } else {
        if let Err(e) = spec.default_value() {
            out.push((ParamField::Default, e));
        }
        if let Err(e) = spec.enum_list() {
            out.push((ParamField::Enum, e));
        }
    }
    if !VISIBILITY.contains(&spec.visibility.as_str()) {
        out.push((
            ParamField::Visibility,
            "the visibility is important, advanced or internal".into(),
        ));
    }
    let Some(op_ptr) = op else { return out };
    let Some(op_node) = root.pointer(op_ptr) else {
        return out;
    };
    let params = op_node
        .get("parameters")
        .and_then(Node::as_array)
        .unwrap_or_default();
    for (i, p) in params.iter().enumerate() {
        let ptr = format!("{op_ptr}/parameters/{i}");
        if Some(ptr.as_str()) == except {
            continue;
        }
        if !name.is_empty() && text_of(p, "name") == name && text_of(p, "in") == spec.location {
            out.push((
                ParamField::Name,
                format!(
                    "the operation has a {} parameter {name} already",
                    spec.location
                ),
            ));
        }
        if spec.location == "body" && text_of(p, "in") == "body" {
            out.push((
                ParamField::In,
                "the operation has a body parameter already".into(),
            ));
        }
    }
    if spec.location == "path" && !name.is_empty() {
        if let Some((path, _)) = split_op_pointer(op_ptr) {
            if !path_variables(&path).iter().any(|v| v == name) {
                out.push((
                    ParamField::In,
                    format!("the path {path} has no {{{name}}}: use query, or add it to the path"),
                ));
            }
        }
    }
    out
}

/// Adds a parameter at the end of the operation's `parameters` (created when missing).
pub fn add_parameter(text: &str, op: &str, spec: &ParamSpec) -> Result<Change, OpError> {
    let root = parse(text)?;
    let op_node = node(&root, op, "the operation")?;
    first_problem(param_problems(&root, Some(op), spec, None))?;
    let value = J::Object(ordered(
        spec.to_map(),
        &learned_order(&param_siblings(&root), PARAMETER_ORDER),
    ));
    let (edit, index) = match op_node.get("parameters") {
        Some(list) => {
            let Some(items) = list.as_array() else {
                return err(format!("{op}/parameters is not a list"));
            };
            (
                splice::insert_element(text, list, items.len(), &value),
                items.len(),
            )
        }
        None => {
            let order = learned_order(&op_siblings(&root), OPERATION_ORDER);
            let order: Vec<&str> = order.iter().map(String::as_str).collect();
            (
                splice::insert_member_ordered(
                    text,
                    op_node,
                    "parameters",
                    &J::Array(vec![value]),
                    &order,
                ),
                0,
            )
        }
    };
    Ok(Change {
        text: apply(text, edit)?,
        pointer: format!("{op}/parameters/{index}"),
    })
}

/// Changes the parameter at `pointer` to `spec`: each member that differs from what is
/// there is set, added or removed; the others (and an existing body schema) stay as they are.
pub fn update_parameter(text: &str, pointer: &str, spec: &ParamSpec) -> Result<Change, OpError> {
    let root = parse(text)?;
    let p = node(&root, pointer, "the parameter")?;
    if !p.is_object() || p.get("$ref").is_some() {
        return err(format!(
            "{pointer} is a reference; edit the parameter it points to"
        ));
    }
    let op = operation_of(pointer);
    first_problem(param_problems(&root, op.as_deref(), spec, Some(pointer)))?;
    let current = ParamSpec::read(p);
    let order = learned_order(&param_siblings(&root), PARAMETER_ORDER);
    let mut text = text.to_string();
    let set = |text: &mut String, key: &str, v: Option<J>| -> Result<(), OpError> {
        *text = set_member(text, pointer, key, v.as_ref(), &order)?;
        Ok(())
    };
    if current.name.trim() != spec.name.trim() {
        set(&mut text, "name", Some(json!(spec.name.trim())))?;
    }
    if current.location != spec.location {
        set(&mut text, "in", Some(json!(spec.location)))?;
    }
    if current.required != spec.required || (spec.location == "path" && !spec.required) {
        let had = p.get("required").is_some();
        let required = spec.required || spec.location == "path";
        set(
            &mut text,
            "required",
            (required || had).then(|| json!(required)),
        )?;
    }
    let value_changed = current.location != spec.location
        || current.ty != spec.ty
        || current.format != spec.format
        || current.default.trim() != spec.default.trim()
        || current.enum_values.trim() != spec.enum_values.trim();
    if value_changed {
        for (key, v) in spec.value_members() {
            let unchanged = match key {
                "type" | "format" | "items" => {
                    current.ty == spec.ty
                        && current.format == spec.format
                        && (current.location == "body") == (spec.location == "body")
                }
                "default" => current.default.trim() == spec.default.trim(),
                "enum" => current.enum_values.trim() == spec.enum_values.trim(),
                _ => false,
            };
            if unchanged && v.is_some() {
                continue;
            }
            if key == "schema" {
                text = set_body_schema(&text, pointer, v.as_ref(), &order)?;
                continue;
            }
            if key == "items" && v.is_some() {
                // An existing items description is kept.
                let r = parse(&text)?;
                if r.pointer(&join(pointer, "items")).is_some() {
                    continue;
                }
            }
            set(&mut text, key, v)?;
        }
    }
    for (key, old, new) in [
        ("x-ms-summary", &current.summary, &spec.summary),
        ("description", &current.description, &spec.description),
        ("x-ms-visibility", &current.visibility, &spec.visibility),
    ] {
        if old.trim() != new.trim() {
            set(&mut text, key, opt_str(new))?;
        }
    }
    if spec.location == "path" {
        let r = parse(&text)?;
        if r.pointer(&join(pointer, "x-ms-url-encoding")).is_none() {
            set(&mut text, "x-ms-url-encoding", Some(json!("single")))?;
        }
    }
    Ok(Change {
        text,
        pointer: pointer.to_string(),
    })
}

/// A body parameter's schema: its `type` and `format` set, the rest kept; created when
/// missing; removed when the parameter is no longer a body.
fn set_body_schema(
    text: &str,
    pointer: &str,
    want: Option<&J>,
    order: &[String],
) -> Result<String, OpError> {
    let root = parse(text)?;
    let existing = root.pointer(&join(pointer, "schema"));
    match (existing, want) {
        (Some(s), Some(J::Object(w))) if s.is_object() => {
            let sp = join(pointer, "schema");
            let mut text = text.to_string();
            let keys = ["type".to_string(), "format".to_string()];
            for k in ["type", "format"] {
                text = set_member(&text, &sp, k, w.get(k), &keys)?;
            }
            Ok(text)
        }
        _ => set_member(text, pointer, "schema", want, order),
    }
}

/// Removes a shared parameter (`/parameters/NAME`) that no `$ref` uses any more; one still
/// in use is refused with the number of references (deleting it would leave them dangling).
pub fn delete_shared_parameter(text: &str, pointer: &str) -> Result<Change, OpError> {
    let Some(token) = pointer
        .strip_prefix("/parameters/")
        .filter(|t| !t.is_empty() && !t.contains('/'))
    else {
        return err(format!("{pointer} is not a shared parameter"));
    };
    let root = parse(text)?;
    let shared = node(&root, "/parameters", "the shared parameters")?;
    let name = crate::json::pointer::unescape_token(token);
    node(&root, pointer, "the parameter")?;
    // The reader notes every `$ref` of the file (what REF-RESOLVES and DEFS-UNUSED use).
    let target = format!("#{pointer}");
    let uses = crate::document::facts::parse(text)
        .1
        .refs
        .iter()
        .filter(|(_, r)| *r == target)
        .count();
    if uses > 0 {
        return err(format!(
            "the shared parameter \"{name}\" is used by {uses} $ref(s): remove those from their operations first"
        ));
    }
    Ok(Change {
        text: apply(text, splice::delete_member(shared, &name))?,
        pointer: "/parameters".into(),
    })
}

/// Removes the parameter at `pointer` (an operation's `parameters/N`).
pub fn delete_parameter(text: &str, pointer: &str) -> Result<Change, OpError> {
    let root = parse(text)?;
    let Some((list_ptr, index)) = pointer
        .rsplit_once('/')
        .and_then(|(l, i)| Some((l, i.parse::<usize>().ok()?)))
        .filter(|(l, _)| l.ends_with("/parameters") && operation_of(l).is_some())
    else {
        return err(format!("{pointer} is not a parameter of an operation"));
    };
    let list = node(&root, list_ptr, "the parameters")?;
    node(&root, pointer, "the parameter")?;
    Ok(Change {
        text: apply(text, splice::delete_element(list, index))?,
        pointer: operation_of(pointer).unwrap_or_default(),
    })
}
