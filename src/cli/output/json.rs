//! `{"version":1,"findings":[…],"summary":{…},"problems":[…],"fixed":[…]}`, written as the
//! findings arrive: one finding per line inside the array, the summary last.

use super::{compact, Emitter, Item, Out, Totals};
use serde_json::json;
use std::io;

/// A finding as JSON (borrowed, serialized straight to text: no map is built).
#[derive(serde::Serialize)]
struct JsonFinding<'a> {
    rule: crate::rules::RuleId,
    severity: crate::rules::Severity,
    file: &'a str,
    line: usize,
    column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
    pointer: &'a str,
    message: &'a str,
    help: &'a str,
    fixable: bool,
}

fn item_json(i: &Item) -> JsonFinding<'_> {
    let f = &i.f;
    JsonFinding {
        rule: f.rule,
        severity: f.severity,
        file: &f.file,
        line: f.line,
        column: f.column,
        end_line: i.end.map(|e| e.0),
        end_column: i.end.map(|e| e.1),
        pointer: &f.pointer,
        message: &f.message,
        help: &f.help,
        fixable: f.fix.is_some(),
    }
}

#[derive(Default)]
pub struct Json {
    first: bool,
    fixed: Vec<serde_json::Value>,
}

impl Json {
    pub fn new() -> Json {
        Json {
            first: true,
            fixed: Vec::new(),
        }
    }
}

impl Emitter for Json {
    fn begin(&mut self, out: &mut Out) -> io::Result<()> {
        out.put("{\n  \"version\": 1,\n  \"findings\": [")
    }

    fn connector(
        &mut self,
        out: &mut Out,
        items: &[Item],
        fixed: &[(String, String)],
    ) -> io::Result<()> {
        let mut s = String::new();
        for i in items {
            s.push_str(if self.first { "\n    " } else { ",\n    " });
            self.first = false;
            s.push_str(&compact(&item_json(i))?);
        }
        self.fixed
            .extend(fixed.iter().map(|(f, d)| json!({"file": f, "fix": d})));
        out.put(&s)
    }

    fn end(&mut self, out: &mut Out, t: &Totals) -> io::Result<()> {
        let summary = json!({
            "errors": t.errors, "warnings": t.warnings, "infos": t.infos,
            "connectors": t.connectors, "baselined": t.baselined,
        });
        let s = format!(
            "{}],\n  \"summary\": {},\n  \"problems\": {},\n  \"fixed\": {}\n}}\n",
            if self.first { "" } else { "\n  " },
            compact(&summary)?,
            compact(&t.problems)?,
            compact(&self.fixed)?,
        );
        out.put(&s)
    }
}
