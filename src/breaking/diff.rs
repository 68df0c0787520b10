//! The comparison of two [`Api`]s: what a flow built on the old version would lose.

use super::model::{Api, Field, Loc, Operation, Place};
use crate::rules::RuleId;
use std::collections::{HashMap, HashSet};

/// One breaking change, located in the new file.
#[derive(Debug, Clone)]
pub struct Change {
    pub rule: RuleId,
    pub loc: Loc,
    pub message: String,
}

/// Every breaking change from `old` to `new`, in the order of the old document.
pub fn diff(old: &Api, new: &Api) -> Vec<Change> {
    let mut out = Vec::new();
    for o in &old.operations {
        match new.get(&o.key) {
            None => removed_operation(o, old, new, &mut out),
            Some(n) => operation(o, n, &mut out),
        }
    }
    out
}

fn push(out: &mut Vec<Change>, rule: RuleId, loc: &Loc, message: String) {
    out.push(Change {
        rule,
        loc: loc.clone(),
        message,
    });
}

fn removed_operation(o: &Operation, old: &Api, new: &Api, out: &mut Vec<Change>) {
    let what = format!("{} {}", o.method.to_uppercase(), o.path);
    // The same path and method under an operationId the old version did not have: a rename.
    let renamed = new
        .operations
        .iter()
        .find(|n| n.path == o.path && n.method == o.method && old.get(&n.key).is_none());
    if let Some(n) = renamed {
        let loc = n.id_loc.as_ref().unwrap_or(&n.loc);
        let message = if o.has_id && n.has_id {
            format!(
                "operation {} ({what}) was renamed to {}: operations are matched by operationId, \
                 so this removes {} (and adds {})",
                o.key, n.key, o.key, n.key
            )
        } else if o.has_id {
            format!(
                "operation {} ({what}) lost its operationId: operations are matched by \
                 operationId, so this removes {}",
                o.key, o.key
            )
        } else {
            format!(
                "operation {what} now has operationId {}: operations are matched by \
                 operationId, so this removes the operation without one (and adds {})",
                n.key, n.key
            )
        };
        push(out, RuleId::BreakingOpRemoved, loc, message);
        return;
    }
    let loc = new
        .operations
        .iter()
        .find(|n| n.path == o.path)
        .map(|n| &n.path_loc)
        .unwrap_or(&new.paths_loc);
    let message = if o.has_id {
        format!(
            "operation {} ({what}) was removed: no operation has operationId {} any more",
            o.key, o.key
        )
    } else {
        format!("operation {what} was removed")
    };
    push(out, RuleId::BreakingOpRemoved, loc, message);
}

fn operation(o: &Operation, n: &Operation, out: &mut Vec<Change>) {
    let label = n.label();
    if o.path != n.path {
        let message = format!("{}: the path changed from {} to {}", n.key, o.path, n.path);
        push(out, RuleId::BreakingPathChanged, &n.path_loc, message);
    }
    if o.method != n.method {
        let message = format!(
            "{} ({}): the HTTP method changed from {} to {}",
            n.key,
            n.path,
            o.method.to_uppercase(),
            n.method.to_uppercase()
        );
        push(out, RuleId::BreakingMethodChanged, &n.method_loc, message);
    }
    if !is_internal(&o.visibility) && is_internal(&n.visibility) {
        let message = format!(
            "{label}: the operation is now internal (before: {}): it disappears from the designer",
            visibility_label(&o.visibility)
        );
        push(
            out,
            RuleId::BreakingVisibilityInternal,
            n.visibility_loc.as_ref().unwrap_or(&n.loc),
            message,
        );
    }
    if o.trigger != n.trigger {
        let message = format!(
            "{label}: the operation changed from {} to {}",
            trigger_label(&o.trigger),
            trigger_label(&n.trigger)
        );
        push(
            out,
            RuleId::BreakingTriggerKind,
            n.trigger_loc.as_ref().unwrap_or(&n.loc),
            message,
        );
    }
    inputs(&label, o, n, out);
    outputs(&label, o, n, out);
}

fn is_internal(v: &Option<String>) -> bool {
    v.as_deref() == Some("internal")
}

fn visibility_label(v: &Option<String>) -> String {
    match v {
        Some(v) => v.clone(),
        None => "no x-ms-visibility".to_string(),
    }
}

fn trigger_label(t: &Option<String>) -> String {
    match t.as_deref() {
        Some("batch") => "a batch trigger".to_string(),
        Some("single") => "a single trigger".to_string(),
        Some(k) => format!("a trigger of kind '{k}'"),
        None => "an action".to_string(),
    }
}

type Key<'a> = (Place, &'a str);

fn key(f: &Field) -> Key<'_> {
    (f.place, f.name.as_str())
}

/// The fields of one side by place and name (the first of a name wins).
fn index(fields: &[Field]) -> HashMap<Key<'_>, &Field> {
    let mut map = HashMap::new();
    for f in fields {
        map.entry(key(f)).or_insert(f);
    }
    map
}

/// Whether an enclosing field of `f` is in `set`.
fn under<'a>(f: &'a Field, by_key: &HashMap<Key<'a>, &'a Field>, set: &HashSet<Key<'a>>) -> bool {
    let mut parent = f.parent.as_deref();
    let mut hops = 0;
    while let Some(p) = parent {
        if set.contains(&(f.place, p)) {
            return true;
        }
        hops += 1;
        if hops > 64 {
            break;
        }
        parent = by_key.get(&(f.place, p)).and_then(|g| g.parent.as_deref());
    }
    false
}

/// The nearest enclosing field of `f` that the new side still has.
fn nearest<'a>(
    f: &Field,
    new: &HashMap<Key<'a>, &'a Field>,
    old: &HashMap<Key<'_>, &Field>,
) -> Option<&'a Field> {
    let mut parent = f.parent.clone();
    let mut hops = 0;
    while let Some(p) = parent {
        if let Some(g) = new.get(&(f.place, p.as_str())) {
            return Some(g);
        }
        hops += 1;
        if hops > 64 {
            break;
        }
        parent = old
            .get(&(f.place, p.as_str()))
            .and_then(|g| g.parent.clone());
    }
    None
}

/// A top-level input: a parameter or a property of the body's root.
fn top_level(f: &Field) -> bool {
    !f.name.is_empty() && f.parent.as_deref().is_none_or(str::is_empty)
}

fn type_change<'a>(f: &Field, g: &'a Field) -> Option<(String, &'a Loc)> {
    match (&f.ty, &g.ty) {
        (Some(a), Some(b)) if a != b => Some((
            format!("changed type from {} to {}", f.type_label(), g.type_label()),
            g.type_loc.as_ref().unwrap_or(&g.loc),
        )),
        _ if f.ty == g.ty && f.format != g.format => Some((
            format!(
                "changed format from {} to {}",
                f.format.as_deref().unwrap_or("(none)"),
                g.format.as_deref().unwrap_or("(none)")
            ),
            g.format_loc
                .as_ref()
                .or(g.type_loc.as_ref())
                .unwrap_or(&g.loc),
        )),
        _ => None,
    }
}

fn inputs(label: &str, o: &Operation, n: &Operation, out: &mut Vec<Change>) {
    let old = index(&o.inputs);
    let new = index(&n.inputs);
    let removed: Vec<&Field> = o
        .inputs
        .iter()
        .filter(|f| !new.contains_key(&key(f)))
        .collect();
    let removed_keys: HashSet<Key> = removed.iter().map(|f| key(f)).collect();
    let added: Vec<&Field> = n
        .inputs
        .iter()
        .filter(|f| !old.contains_key(&key(f)))
        .collect();
    let mut consumed = vec![false; added.len()];

    let topmost: Vec<&Field> = removed
        .iter()
        .copied()
        .filter(|f| !under(f, &old, &removed_keys))
        .collect();
    for f in &topmost {
        // Same name, another location: moved.
        let moved = added.iter().enumerate().position(|(i, a)| {
            !consumed[i] && a.name == f.name && a.place != f.place && top_level(a) && top_level(f)
        });
        if let Some(i) = moved {
            consumed[i] = true;
            let a = added[i];
            let message = format!(
                "{label}: parameter '{}' moved from {} to {} (before: {}; now: {})",
                f.name,
                f.place.as_str(),
                a.place.as_str(),
                f.describe(),
                a.describe()
            );
            push(out, RuleId::BreakingParamLocation, &a.loc, message);
            continue;
        }
        // One removed and one added in the same place, with the same type: renamed.
        let same = |a: &Field| {
            a.place == f.place && a.parent == f.parent && a.ty == f.ty && !a.name.is_empty()
        };
        let candidates: Vec<usize> = (0..added.len())
            .filter(|&i| !consumed[i] && same(added[i]))
            .collect();
        let peers = topmost.iter().filter(|g| same(g)).count();
        if !f.name.is_empty() && candidates.len() == 1 && peers == 1 {
            let i = candidates[0];
            consumed[i] = true;
            let a = added[i];
            let message = format!(
                "{label}: {} was renamed to '{}' (before: '{}', {}; now: '{}', {})",
                f.describe(),
                a.name,
                f.name,
                f.type_label(),
                a.name,
                a.type_label()
            );
            push(out, RuleId::BreakingParamRenamed, &a.loc, message);
            continue;
        }
        let loc = nearest(f, &new, &old)
            .map(|g| &g.loc)
            .unwrap_or(&n.params_loc);
        let message = format!(
            "{label}: {} ({}{}) was removed",
            f.describe(),
            f.type_label(),
            if f.required { ", required" } else { "" }
        );
        push(out, RuleId::BreakingParamRemoved, loc, message);
    }

    let mut changed: HashSet<Key> = HashSet::new();
    for g in &n.inputs {
        let Some(f) = old.get(&key(g)) else { continue };
        if !std::ptr::eq(*new.get(&key(g)).unwrap(), g) || under(g, &new, &changed) {
            continue;
        }
        let what = g.describe();
        if let Some((change, loc)) = type_change(f, g) {
            changed.insert(key(g));
            push(
                out,
                RuleId::BreakingTypeChanged,
                loc,
                format!("{label}: {what} {change}"),
            );
        }
        if !f.required && g.required && !(g.is_internal() && g.has_default) {
            let loc = g.required_loc.as_ref().unwrap_or(&g.loc);
            push(
                out,
                RuleId::BreakingParamRequired,
                loc,
                format!("{label}: {what} is now required (before: optional)"),
            );
        }
        if !f.is_internal() && g.is_internal() {
            let loc = g.visibility_loc.as_ref().unwrap_or(&g.loc);
            let message = format!(
                "{label}: {what} is now internal (before: {}): flows that set it lose their value",
                visibility_label(&f.visibility)
            );
            push(out, RuleId::BreakingVisibilityInternal, loc, message);
        }
    }

    for (i, a) in added.iter().enumerate() {
        if consumed[i] || !a.required || (a.is_internal() && a.has_default) {
            continue;
        }
        // Under a new object, only the object itself counts.
        if let Some(p) = &a.parent {
            if !old.contains_key(&(a.place, p.as_str())) {
                continue;
            }
        }
        let message = format!(
            "{label}: new required {} ({}); before: absent",
            a.describe(),
            a.type_label()
        );
        push(out, RuleId::BreakingParamNewRequired, &a.loc, message);
    }
}

fn outputs(label: &str, o: &Operation, n: &Operation, out: &mut Vec<Change>) {
    let Some(root) = o.outputs.first() else {
        return;
    };
    if n.outputs.is_empty() {
        let message = format!(
            "{label}: the success response no longer has a schema (before: {} with {} fields)",
            root.type_label(),
            o.outputs.len() - 1
        );
        push(
            out,
            RuleId::BreakingResponseFieldRemoved,
            &n.response_loc,
            message,
        );
        return;
    }
    let old = index(&o.outputs);
    let new = index(&n.outputs);
    // Fields whose subtree is already reported (removed, retyped) or was never visible.
    let mut skip: HashSet<Key> = HashSet::new();
    for f in &o.outputs {
        if !std::ptr::eq(*old.get(&key(f)).unwrap(), f) || under(f, &old, &skip) {
            continue;
        }
        if f.is_internal() {
            skip.insert(key(f));
            continue;
        }
        let Some(g) = new.get(&key(f)) else {
            skip.insert(key(f));
            let anchor = nearest(f, &new, &old);
            if anchor.is_some_and(|a| a.opaque) {
                continue;
            }
            let loc = anchor.map(|a| &a.loc).unwrap_or(&n.response_loc);
            let message = format!(
                "{label}: {} ({}) was removed from the response",
                f.describe(),
                f.type_label()
            );
            push(out, RuleId::BreakingResponseFieldRemoved, loc, message);
            continue;
        };
        let what = g.describe();
        if let Some((change, loc)) = type_change(f, g) {
            skip.insert(key(f));
            push(
                out,
                RuleId::BreakingTypeChanged,
                loc,
                format!("{label}: {what} {change}"),
            );
        }
        if g.is_internal() {
            skip.insert(key(f));
            let loc = g.visibility_loc.as_ref().unwrap_or(&g.loc);
            let message = format!(
                "{label}: {what} is now internal (before: {}): flows that use it lose it",
                visibility_label(&f.visibility)
            );
            push(out, RuleId::BreakingVisibilityInternal, loc, message);
        }
    }
}
