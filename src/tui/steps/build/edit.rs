//! Writing one swagger string back: the minimal edit that sets the field at a pointer (the
//! bytes of that string, or one new member when the field is missing).

use crate::document::Connector;
use crate::json::{encode_string, TextEdit};
use crate::tui::fields::EditField;

/// The edit that sets the field at `pointer` to `value`; `Ok(None)` when nothing needs
/// writing (a missing field left empty).
pub fn swagger_edit(
    connector: &Connector,
    fields: &[EditField],
    pointer: &str,
    value: &str,
) -> Result<Option<Vec<TextEdit>>, String> {
    let sw = connector
        .swagger
        .as_ref()
        .ok_or("the folder has no swagger file")?;
    if !sw.is_editable() {
        return Err(format!(
            "{} is not valid UTF-8; fix the file before editing it here",
            sw.display
        ));
    }
    let root = sw.json().ok_or_else(|| {
        format!(
            "{} is not valid JSON; fix it first (see the findings)",
            sw.display
        )
    })?;
    // A string of the swagger: the field list's, or any other one a finding pointed at (a
    // contact URL, a metadata value, a schema description).
    match root.pointer(pointer) {
        Some(node) if node.as_str().is_some() => {
            return Ok(Some(vec![TextEdit::set_string(node, value)]))
        }
        Some(node) => {
            return Err(format!(
                "{pointer} holds a {}, not a string; edit it in a text editor",
                node.type_name()
            ))
        }
        None => {}
    }
    let field = fields
        .iter()
        .find(|f| f.pointer == pointer)
        .ok_or_else(|| format!("{pointer} is no longer in the swagger; press r to re-read it"))?;
    // A field of the list that is missing: one new member, unless it is left empty.
    if value.is_empty() {
        return Ok(None);
    }
    let parent = root
        .pointer(&field.parent)
        .ok_or_else(|| format!("{} is missing from the swagger", field.parent))?;
    let edit = TextEdit::insert_member(&sw.text, parent, field.key, &encode_string(value))
        .ok_or_else(|| format!("{} is not an object", field.parent))?;
    Ok(Some(vec![edit]))
}
