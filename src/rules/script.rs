//! Custom code (`SCRIPT-CSX`): script.csx may only use the namespaces Microsoft allows.

use super::{Finding, RuleId, Sink};
use crate::document::{Connector, ConnectorKind, SourceFile};

/// The rules of script.csx.
pub(super) fn check(c: &Connector, out: &mut Vec<Finding>) {
    if let Some(s) = &c.script {
        script(s, c.kind, out);
    }
}

/// Namespaces custom code may use (Microsoft Learn, "Write code in a custom connector").
const ALLOWED_NAMESPACES: &[&str] = &[
    "System",
    "System.Collections",
    "System.Collections.Generic",
    "System.Diagnostics",
    "System.IO",
    "System.IO.Compression",
    "System.Linq",
    "System.Net",
    "System.Net.Http",
    "System.Net.Http.Headers",
    "System.Net.Security",
    "System.Security.Authentication",
    "System.Security.Cryptography",
    "System.Text",
    "System.Text.RegularExpressions",
    "System.Threading",
    "System.Threading.Tasks",
    "System.Web",
    "System.Xml",
    "System.Xml.Linq",
    "System.Drawing",
    "System.Drawing.Drawing2D",
    "System.Drawing.Imaging",
    "Microsoft.Extensions.Logging",
    "Newtonsoft.Json",
    "Newtonsoft.Json.Linq",
    "System.Globalization",
    "System.Runtime.Serialization",
];

fn script(s: &SourceFile, kind: ConnectorKind, out: &mut Vec<Finding>) {
    let mut sink = Sink::new(s, kind, out);
    let mut offset = 0;
    for line in s.text.split_inclusive('\n') {
        let t = line.trim();
        if let Some(rest) = t.strip_prefix("using ") {
            let ns = rest.trim_end_matches(';').trim();
            let is_alias = ns.contains('=') || ns.starts_with("static ");
            if !is_alias && !ns.contains('(') && !ALLOWED_NAMESPACES.contains(&ns) {
                let col = line.len() - line.trim_start().len();
                sink.at(RuleId::ScriptCsx, offset + col, "", format!("script.csx uses the namespace {ns}, which custom code may not use"), "Use only the namespaces Microsoft allows for custom code (System.*, Newtonsoft.Json, …).");
            }
        }
        offset += line.len();
    }
}

#[cfg(test)]
mod tests {
    use crate::document::ConnectorKind;
    use crate::rules::testutil::*;

    #[test]
    fn script_rules() {
        let fs = run(
            &[
                ("readme.md", README),
                ("intro.md", INTRO),
                (
                    "script.csx",
                    "using System;\nusing System.Reflection;\npublic class Script {}\n",
                ),
            ],
            ConnectorKind::IndependentPublisher,
        );
        assert_eq!(ids(&fs), vec!["SCRIPT-CSX"]);
        assert_eq!(fs[0].line, 2);
    }
}
