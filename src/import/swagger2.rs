//! A Swagger 2.0 document is already in the right version: it is kept as it is, with the
//! selected operations only, the missing strings filled in (see [`super::enrich`]), every
//! `$ref` the kept operations use checked, and the definitions, parameters and responses
//! nothing uses any more left out.

use super::enrich;
use super::refs;
use super::{is_method, ImportError, NoteKind, Notes, OperationInfo, SourceDoc};
use crate::json::pointer;
use serde_json::{Map, Value};

/// Converts (selects from) a Swagger 2.0 document.
pub fn convert<'a>(
    doc: &'a SourceDoc,
    root: &'a Value,
    keep: &[OperationInfo],
    notes: &mut Notes<'a>,
) -> Result<Value, ImportError> {
    let mut out: Map<String, Value> = root.as_object().cloned().unwrap_or_default();
    let mut paths = Map::new();
    for (path, item) in root
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let ops: Vec<&OperationInfo> = keep.iter().filter(|o| o.path == *path).collect();
        if ops.is_empty() {
            continue;
        }
        let pptr = pointer::join("/paths", path);
        let mut it = Map::new();
        for (k, v) in item.as_object().into_iter().flatten() {
            let p = pointer::join(&pptr, k);
            if is_method(k) {
                let Some(info) = ops.iter().find(|o| o.method == *k) else {
                    continue;
                };
                let mut op = v.as_object().cloned().unwrap_or_default();
                enrich::operation(&mut op, info, notes);
                if let Some(Value::Array(params)) = op.get_mut("parameters") {
                    enrich_params(params, &pointer::join(&p, "parameters"), notes);
                }
                it.insert(k.clone(), Value::Object(op));
            } else if k == "parameters" {
                let mut params = v.clone();
                if let Value::Array(list) = &mut params {
                    enrich_params(list, &p, notes);
                }
                it.insert(k.clone(), params);
            } else {
                it.insert(k.clone(), v.clone());
            }
        }
        paths.insert(path.clone(), Value::Object(it));
    }
    let paths = Value::Object(paths);
    refs::walk(&paths, "/paths", &mut |r, at| refs::check(doc, root, r, at))?;
    out.insert("paths".into(), paths);
    let mut swagger = Value::Object(out);
    let removed = refs::prune(&mut swagger);
    // What is left is what the kept operations use: its references must resolve too.
    for section in ["definitions", "parameters", "responses"] {
        if let Some(s) = swagger.get(section) {
            refs::walk(s, &format!("/{section}"), &mut |r, at| {
                refs::check(doc, root, r, at)
            })?;
        }
    }
    if removed > 0 {
        notes.add(
            NoteKind::Changed,
            "",
            format!("{removed} shared definitions, parameters or responses that no kept operation uses were left out"),
        );
    }
    Ok(swagger)
}

fn enrich_params(params: &mut [Value], ptr: &str, notes: &mut Notes) {
    for (i, p) in params.iter_mut().enumerate() {
        if let Value::Object(m) = p {
            enrich::parameter(m, &format!("{ptr}/{i}"), notes);
        }
    }
}
