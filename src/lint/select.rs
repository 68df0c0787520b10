//! Which findings a run reports, as ruff chooses: selectors (`ALL`, an ID, or an ID prefix
//! ending at a `-`: `OP-`, `README`) in `select`, `extend-select` and `ignore`, layered
//! (the config file, then the command line); severity overrides; per-path ignores. The
//! result is a [`Policy`] applied to every finding.
//!
//! Within a layer the most specific selector that matches a rule decides (an ID beats a
//! prefix, a longer prefix a shorter one, `ALL` comes last); at equal specificity `ignore`
//! wins. A layer with `select` starts from nothing; one without it changes the rules the
//! layer before chose. Manual rules (a person checks them) are never reported.

use super::paths;
use crate::rules::{Check, Finding, RuleId, Severity, RULES};
use std::path::{Path, PathBuf};

/// `ALL`, an ID or an ID prefix, with the rules it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector {
    /// As written, upper-cased.
    pub text: String,
    rules: Vec<RuleId>,
    specificity: usize,
}

impl Selector {
    /// Parses a selector; the error says what is wrong and suggests close IDs.
    pub fn parse(s: &str) -> Result<Selector, String> {
        let text = s.trim().to_ascii_uppercase();
        if text == "ALL" {
            return Ok(Selector {
                text,
                rules: RuleId::ALL.to_vec(),
                specificity: 0,
            });
        }
        let rules = RuleId::matching(&text);
        if rules.is_empty() {
            let mut msg = format!("unknown rule or prefix `{}`", s.trim());
            let near = RuleId::nearest(&text);
            if !near.is_empty() {
                msg.push_str(&format!("; did you mean {}?", near.join(", ")));
            }
            msg.push_str(" (`connector-wizard rules` lists every rule)");
            return Err(msg);
        }
        let exact = RuleId::from_id(&text).is_some();
        let specificity = text.trim_end_matches('-').len() + if exact { 1000 } else { 0 };
        Ok(Selector {
            text,
            rules,
            specificity,
        })
    }

    /// Parses a comma-separated list (`OP-,TITLE-MAX-30`).
    pub fn parse_list(s: &str) -> Result<Vec<Selector>, String> {
        s.split(',')
            .filter(|p| !p.trim().is_empty())
            .map(Selector::parse)
            .collect()
    }

    fn matches(&self, id: RuleId) -> bool {
        self.rules.contains(&id)
    }
}

/// One layer of rule selection (the config file's, or the command line's).
#[derive(Debug, Clone, Default)]
pub struct Layer {
    /// Replaces the rules chosen so far.
    pub select: Option<Vec<Selector>>,
    /// Adds to them.
    pub extend_select: Vec<Selector>,
    /// Takes rules away.
    pub ignore: Vec<Selector>,
}

fn best(sels: &[Selector], id: RuleId) -> Option<usize> {
    sels.iter()
        .filter(|s| s.matches(id))
        .map(|s| s.specificity)
        .max()
}

/// The rules reported after the layers, in order: one flag per rule of the registry.
pub fn resolve(layers: &[&Layer]) -> Vec<bool> {
    let automatic = |id: RuleId| id.rule().check == Check::Automatic;
    let mut on: Vec<bool> = RuleId::ALL.iter().map(|&id| automatic(id)).collect();
    for layer in layers {
        let mut chosen: Vec<Selector> = layer.select.clone().unwrap_or_default();
        chosen.extend(layer.extend_select.iter().cloned());
        for (i, &id) in RuleId::ALL.iter().enumerate() {
            if layer.select.is_some() {
                on[i] = false;
            }
            match (best(&chosen, id), best(&layer.ignore, id)) {
                (Some(s), Some(ig)) => on[i] = s > ig,
                (Some(_), None) => on[i] = true,
                (None, Some(_)) => on[i] = false,
                (None, None) => {}
            }
            on[i] &= automatic(id);
        }
    }
    on
}

/// Rules not reported for the files a glob matches (relative to `base`).
#[derive(Debug, Clone)]
pub struct PathIgnore {
    pub pattern: String,
    matcher: globset::GlobMatcher,
    rules: Vec<bool>,
    base: PathBuf,
}

impl PathIgnore {
    /// `pattern` (a glob: `*` stays within a folder, `**` crosses folders), relative to
    /// `base`; it matches a file or any folder above it.
    pub fn new(pattern: &str, base: &Path, selectors: &[Selector]) -> Result<PathIgnore, String> {
        let glob = globset::GlobBuilder::new(pattern)
            .literal_separator(true)
            .build()
            .map_err(|e| format!("bad glob `{pattern}`: {e}"))?;
        let rules = RuleId::ALL
            .iter()
            .map(|&id| selectors.iter().any(|s| s.matches(id)))
            .collect();
        Ok(PathIgnore {
            pattern: pattern.to_string(),
            matcher: glob.compile_matcher(),
            rules,
            base: paths::absolute(base),
        })
    }

    fn ignores(&self, file: &str, id: RuleId) -> bool {
        if !self.rules[id as usize] {
            return false;
        }
        let Some(rel) = paths::relative_to(Path::new(file), &self.base) else {
            return false;
        };
        let rel = Path::new(&rel);
        rel.ancestors()
            .filter(|a| !a.as_os_str().is_empty())
            .any(|a| self.matcher.is_match(a))
    }
}

/// What a run reports: which rules, at which severity, where; applied to every finding.
#[derive(Debug, Clone)]
pub struct Policy {
    on: Vec<bool>,
    severity: Vec<Option<Severity>>,
    per_path: Vec<PathIgnore>,
    /// Findings below this severity are not reported (`--min-severity`).
    pub min_severity: Severity,
}

impl Default for Policy {
    fn default() -> Policy {
        Policy::new(&[], &[], Vec::new())
    }
}

impl Policy {
    /// The rules the `layers` choose, with severity overrides (the most specific selector
    /// wins) and per-path ignores.
    pub fn new(
        layers: &[&Layer],
        severities: &[(Selector, Severity)],
        per_path: Vec<PathIgnore>,
    ) -> Policy {
        let severity = RuleId::ALL
            .iter()
            .map(|&id| {
                severities
                    .iter()
                    .filter(|(s, _)| s.matches(id))
                    .max_by_key(|(s, _)| s.specificity)
                    .map(|(_, sev)| *sev)
            })
            .collect();
        Policy {
            on: resolve(layers),
            severity,
            per_path,
            min_severity: Severity::Info,
        }
    }

    /// Whether rule `id` is reported at all.
    pub fn is_selected(&self, id: RuleId) -> bool {
        self.on[id as usize]
    }

    /// The rules reported, in registry order.
    pub fn selected(&self) -> impl Iterator<Item = RuleId> + '_ {
        RuleId::ALL
            .iter()
            .copied()
            .filter(|&id| self.is_selected(id))
    }

    /// The severity findings of `id` are reported at: the override, else the rule's own.
    pub fn severity(&self, id: RuleId, emitted: Severity) -> Severity {
        self.severity[id as usize].unwrap_or(emitted)
    }

    /// The default severity of a rule in this run (SARIF's `defaultConfiguration`).
    pub fn default_severity(&self, id: RuleId) -> Severity {
        self.severity(id, RULES[id as usize].severity)
    }

    /// The finding as reported, or `None` when this run does not report it.
    pub fn apply(&self, mut f: Finding) -> Option<Finding> {
        if !self.is_selected(f.rule) {
            return None;
        }
        f.severity = self.severity(f.rule, f.severity);
        if f.severity > self.min_severity {
            return None;
        }
        if self.per_path.iter().any(|p| p.ignores(&f.file, f.rule)) {
            return None;
        }
        Some(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sel(list: &str) -> Vec<Selector> {
        Selector::parse_list(list).unwrap()
    }

    fn on(layers: &[&Layer]) -> Vec<&'static str> {
        let flags = resolve(layers);
        RuleId::ALL
            .iter()
            .filter(|id| flags[**id as usize])
            .map(|id| id.as_str())
            .collect()
    }

    #[test]
    fn selectors_parse_and_suggest() {
        assert_eq!(sel("op-").len(), 1);
        assert!(sel("OP-")[0].matches(RuleId::OpVisibility));
        assert!(!sel("OP")[0].matches(RuleId::OpidCase));
        let e = Selector::parse("OPID-CASEE").unwrap_err();
        assert!(e.contains("did you mean OPID-CASE"), "{e}");
        assert_eq!(sel("ALL, TITLE-MAX-30").len(), 2);
    }

    #[test]
    fn layers_resolve_like_ruff() {
        // Default: every automatic rule, no manual one.
        let all = on(&[]);
        assert!(all.contains(&"TITLE-MAX-30") && !all.contains(&"TITLE-UNIQUE"));
        // select replaces, ignore removes, the more specific wins.
        let config = Layer {
            select: Some(sel("OP-SUMMARY")),
            ignore: sel("OP-SUMMARY-CASE"),
            ..Default::default()
        };
        let got = on(&[&config]);
        let op_summary = RuleId::matching("OP-SUMMARY").len();
        assert_eq!(got.len(), op_summary - 1, "{got:?}");
        assert!(!got.contains(&"OP-SUMMARY-CASE"));
        // An ID is more specific than the prefix that ignores it.
        let l = Layer {
            select: Some(sel("OP-SUMMARY-CASE")),
            ignore: sel("OP-"),
            ..Default::default()
        };
        assert_eq!(on(&[&l]), ["OP-SUMMARY-CASE"]);
        // The command line's extend-select adds to the config's choice; its select resets.
        let cli = Layer {
            extend_select: sel("TITLE-MAX-30"),
            ..Default::default()
        };
        assert_eq!(on(&[&config, &cli]).len(), op_summary);
        let cli = Layer {
            select: Some(sel("HOST-")),
            ..Default::default()
        };
        let host: Vec<&str> = RuleId::matching("HOST")
            .iter()
            .map(|r| r.as_str())
            .collect();
        assert_eq!(on(&[&config, &cli]), host);
    }

    fn finding(rule: RuleId, file: &str) -> Finding {
        Finding {
            rule,
            severity: rule.severity(),
            file: file.into(),
            line: 1,
            column: 1,
            pointer: String::new(),
            message: "m".into(),
            help: "h".into(),
            fix: None,
        }
    }

    #[test]
    fn policy_overrides_and_ignores_by_path() {
        let d = tempfile::tempdir().unwrap();
        let ignore = PathIgnore::new("legacy/*", d.path(), &sel("OP-")).unwrap();
        let mut p = Policy::new(
            &[],
            &[
                (sel("OPID-CASE")[0].clone(), Severity::Error),
                (sel("OPID-")[0].clone(), Severity::Info),
            ],
            vec![ignore],
        );
        let f = p.apply(finding(RuleId::OpidCase, "x.json")).unwrap();
        assert_eq!(f.severity, Severity::Error, "the ID beats the prefix");
        assert_eq!(
            p.apply(finding(RuleId::OpidUnique, "x.json"))
                .unwrap()
                .severity,
            Severity::Info
        );
        let legacy = d.path().join("legacy/Old/apiDefinition.swagger.json");
        let legacy = legacy.to_str().unwrap();
        assert!(p.apply(finding(RuleId::OpVisibility, legacy)).is_none());
        assert!(p.apply(finding(RuleId::TitleMax30, legacy)).is_some());
        assert!(
            p.apply(finding(RuleId::TitleUnique, "x")).is_none(),
            "manual"
        );
        p.min_severity = Severity::Warning;
        assert!(p.apply(finding(RuleId::OpidUnique, "x.json")).is_none());
        assert_eq!(p.default_severity(RuleId::OpidCase), Severity::Error);
    }
}
