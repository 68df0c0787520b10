//! The forms of 3 Build: an operation (new, changed or copied), a parameter (new or
//! changed), the facts a connector started blank or imported needs, and a response schema
//! from a sample. A form holds what it describes (a spec of the library), shows it as rows —
//! a text edited beside its row, or a choice cycled with Space — checks it on every change
//! (the certification rules of each text, the library's own problems) and is written as one
//! change when saved.

use crate::generate::blank::{Auth, AuthDetails, BlankFacts, IdentityProvider, Missing};
use crate::generate::operation::{
    formats, operation_problems, param_problems, OpField, OperationSpec, ParamField, ParamSpec,
    LOCATIONS, METHODS, TYPES, VISIBILITY,
};
use crate::json::Node;
use crate::rules::{check_field_live, Field, FieldIssue, Severity};
use crate::session::{AuthKind, ConnectorKind, ProposalField, Session};
use crate::tui::action::{FactKey, FormKey, SampleKey};
use crate::tui::editor::{EditTarget, Editor};
use crate::tui::fields::FieldCtx;
use crate::tui::list::ListNav;

/// The facts of a connector started blank (`import: false`) or imported.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    pub import: bool,
    /// The imported document names its host (the row is not asked).
    pub doc_has_host: bool,
    pub folder: String,
    pub host: String,
    pub base_path: String,
    pub auth: AuthKind,
    pub api_key_name: String,
    pub api_key_in: String,
    pub provider: String,
    pub authorization_url: String,
    pub token_url: String,
    pub scopes: String,
    pub resource_uri: String,
    pub publisher: String,
    pub stack_owner: String,
}

impl Facts {
    /// The facts a session holds, the working copy folder to write into.
    pub fn of(s: &Session, folder: String, import: bool) -> Facts {
        Facts {
            import,
            folder,
            auth: s.proposal.auth,
            api_key_in: "header".into(),
            provider: "oauth2".into(),
            publisher: s.proposal.publisher.trim().to_string(),
            stack_owner: s.proposal.stack_owner.trim().to_string(),
            ..Facts::default()
        }
    }

    /// The facts of the blank connector (or of the import): the session's, with these over.
    pub fn blank_facts(&self, s: &Session) -> BlankFacts {
        let opt = |t: &str| Some(t.trim().to_string()).filter(|t| !t.is_empty());
        let mut f = BlankFacts::from_session(s);
        f.host = opt(&self.host);
        f.base_path = opt(&self.base_path);
        f.publisher = opt(&self.publisher);
        f.stack_owner = opt(&self.stack_owner);
        f.auth = Auth::with_details(
            self.auth,
            &AuthDetails {
                api_key_name: &self.api_key_name,
                api_key_in: &self.api_key_in,
                provider: if self.provider == "aad" {
                    IdentityProvider::Aad
                } else {
                    IdentityProvider::Generic
                },
                authorization_url: &self.authorization_url,
                token_url: &self.token_url,
                scopes: std::slice::from_ref(&self.scopes),
                resource_uri: &self.resource_uri,
            },
        );
        f
    }

    /// What the connector cannot do without, as rows (an import asks for no sign-in).
    pub fn missing(&self, s: &Session) -> Vec<FactKey> {
        self.blank_facts(s)
            .missing()
            .into_iter()
            .filter(|m| !self.import || matches!(m, Missing::Publisher | Missing::StackOwner))
            .map(|m| match m {
                Missing::Host => FactKey::Host,
                Missing::Publisher => FactKey::Publisher,
                Missing::StackOwner => FactKey::StackOwner,
                Missing::ApiKeyName => FactKey::ApiKeyName,
                Missing::AuthorizationUrl => FactKey::AuthorizationUrl,
                Missing::TokenUrl => FactKey::TokenUrl,
                Missing::ResourceUri => FactKey::ResourceUri,
            })
            .chain(
                (self.import && !self.doc_has_host && self.host.trim().is_empty())
                    .then_some(FactKey::Host),
            )
            .collect()
    }

    fn rows(&self) -> Vec<FactKey> {
        let mut v = vec![FactKey::Folder];
        if !self.import || !self.doc_has_host {
            v.push(FactKey::Host);
        }
        if !self.import {
            v.extend([FactKey::BasePath, FactKey::Auth]);
            match self.auth {
                AuthKind::ApiKey => v.extend([FactKey::ApiKeyName, FactKey::ApiKeyIn]),
                AuthKind::OAuth2 if self.provider == "aad" => {
                    v.extend([FactKey::Provider, FactKey::ResourceUri, FactKey::Scopes])
                }
                AuthKind::OAuth2 => v.extend([
                    FactKey::Provider,
                    FactKey::AuthorizationUrl,
                    FactKey::TokenUrl,
                    FactKey::Scopes,
                ]),
                AuthKind::None | AuthKind::Basic => {}
            }
        }
        v.extend([FactKey::Publisher, FactKey::StackOwner]);
        v
    }

    fn text(&self, k: FactKey) -> &str {
        match k {
            FactKey::Folder => &self.folder,
            FactKey::Host => &self.host,
            FactKey::BasePath => &self.base_path,
            FactKey::Auth => self.auth.id(),
            FactKey::ApiKeyName => &self.api_key_name,
            FactKey::ApiKeyIn => &self.api_key_in,
            FactKey::Provider => &self.provider,
            FactKey::AuthorizationUrl => &self.authorization_url,
            FactKey::TokenUrl => &self.token_url,
            FactKey::Scopes => &self.scopes,
            FactKey::ResourceUri => &self.resource_uri,
            FactKey::Publisher => &self.publisher,
            FactKey::StackOwner => &self.stack_owner,
        }
    }

    fn set(&mut self, k: FactKey, v: String) {
        let slot = match k {
            FactKey::Auth => {
                self.auth = AuthKind::ALL
                    .into_iter()
                    .find(|a| a.id() == v)
                    .unwrap_or_default();
                return;
            }
            FactKey::Folder => &mut self.folder,
            FactKey::Host => &mut self.host,
            FactKey::BasePath => &mut self.base_path,
            FactKey::ApiKeyName => &mut self.api_key_name,
            FactKey::ApiKeyIn => &mut self.api_key_in,
            FactKey::Provider => &mut self.provider,
            FactKey::AuthorizationUrl => &mut self.authorization_url,
            FactKey::TokenUrl => &mut self.token_url,
            FactKey::Scopes => &mut self.scopes,
            FactKey::ResourceUri => &mut self.resource_uri,
            FactKey::Publisher => &mut self.publisher,
            FactKey::StackOwner => &mut self.stack_owner,
        };
        *slot = v;
    }

    fn problem(&self, k: FactKey) -> Option<String> {
        let v = self.text(k).trim();
        match k {
            FactKey::Folder if v.is_empty() => {
                Some("type the folder to write into (created when missing)".into())
            }
            FactKey::Host if v.contains("://") || v.contains('/') => Some(
                "the host name alone, without https:// or a path (the path goes in the base path)"
                    .into(),
            ),
            FactKey::ApiKeyName if !v.is_empty() && !crate::rules::is_http_token(v) => {
                Some("a header name: letters, digits and - or _, no spaces (e.g. X-Api-Key)".into())
            }
            FactKey::BasePath if !v.is_empty() && !v.starts_with('/') => {
                Some("the base path starts with / (e.g. /v1)".into())
            }
            FactKey::AuthorizationUrl | FactKey::TokenUrl | FactKey::ResourceUri
                if !v.is_empty() =>
            {
                ProposalField::Website.problem(v)
            }
            _ => None,
        }
    }
}

/// A response schema from a sample, for one operation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sample {
    pub op: String,
    pub operation_id: String,
    pub text: String,
    pub file: String,
    /// "extend" or "replace".
    pub mode: String,
}

/// What a form describes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Model {
    Op {
        spec: OperationSpec,
        /// The operation being changed (`None`: a new one).
        editing: Option<String>,
        /// The operation being copied.
        copy_of: Option<String>,
    },
    Param {
        spec: ParamSpec,
        /// The operation the parameter belongs to (`None`: a shared parameter).
        op: Option<String>,
        /// The parameter being changed (`None`: a new one).
        editing: Option<String>,
    },
    Facts(Facts),
    Sample(Sample),
}

/// The checks of one row.
#[derive(Debug, Clone, Default)]
pub struct RowCheck {
    /// What the wizard sees wrong (saving is refused while there is one).
    pub problem: Option<String>,
    /// The certification rules the text breaks.
    pub issues: Vec<FieldIssue>,
}

impl RowCheck {
    /// The worst severity of the row (a problem counts as an error).
    pub fn worst(&self) -> Option<Severity> {
        let rules = self.issues.iter().map(|i| i.severity).min();
        if self.problem.is_some() {
            Some(Severity::Error)
        } else {
            rules
        }
    }
}

/// An open form.
#[derive(Debug)]
pub struct Form {
    pub model: Model,
    pub title: String,
    pub nav: ListNav,
    /// The rows shown, in order.
    pub rows: Vec<FormKey>,
    /// The checks of each row (same order).
    pub checks: Vec<RowCheck>,
    original: Model,
    kind: ConnectorKind,
    is_update: bool,
}

const REQUIRED: [&str; 2] = ["false", "true"];
const AUTH: [&str; 4] = ["none", "api-key", "basic", "oauth2"];
const KEY_IN: [&str; 2] = ["header", "query"];
const PROVIDERS: [&str; 2] = ["oauth2", "aad"];
const MODES: [&str; 2] = ["extend", "replace"];

impl Form {
    pub fn new(model: Model, title: impl Into<String>, s: &Session) -> Form {
        let mut f = Form {
            original: model.clone(),
            model,
            title: title.into(),
            nav: ListNav::default(),
            rows: Vec::new(),
            checks: Vec::new(),
            kind: s.kind,
            is_update: s.is_update,
        };
        f.refresh(None, s);
        f
    }

    /// Whether anything was changed since the form opened.
    pub fn changed(&self) -> bool {
        self.model != self.original
    }

    /// The selected row.
    pub fn selected(&self) -> Option<FormKey> {
        self.rows.get(self.nav.selected).copied()
    }

    pub fn label(&self, k: FormKey) -> &'static str {
        match k {
            FormKey::Op(f) => match f {
                OpField::Method => "Method",
                OpField::Path => "Path",
                OpField::OperationId => "operationId",
                OpField::Summary => "Summary",
                OpField::Description => "Description",
                OpField::Visibility => "Visibility",
            },
            FormKey::Param(f) => match f {
                ParamField::Name => "Name",
                ParamField::In => "In",
                ParamField::Type => "Type",
                ParamField::Format => "Format",
                ParamField::Required => "Required",
                ParamField::Summary => "x-ms-summary",
                ParamField::Description => "Description",
                ParamField::Visibility => "Visibility",
                ParamField::Default => "Default",
                ParamField::Enum => "Enum (a, b, c)",
            },
            FormKey::Fact(f) => match f {
                FactKey::Folder => "Folder",
                FactKey::Host => "Host",
                FactKey::BasePath => "Base path",
                FactKey::Auth => "Sign-in",
                FactKey::ApiKeyName => "API key name",
                FactKey::ApiKeyIn => "API key in",
                FactKey::Provider => "Identity provider",
                FactKey::AuthorizationUrl => "Authorization URL",
                FactKey::TokenUrl => "Token URL",
                FactKey::Scopes => "Scopes",
                FactKey::ResourceUri => "Resource URI",
                FactKey::Publisher => "Publisher",
                FactKey::StackOwner => "Stack owner",
            },
            FormKey::Sample(f) => match f {
                SampleKey::Text => "Sample (paste)",
                SampleKey::File => "or file",
                SampleKey::Mode => "Existing schema",
            },
        }
    }

    /// What the row says about itself when it is selected.
    pub fn hint(&self, k: FormKey) -> &'static str {
        match k {
            FormKey::Op(OpField::Path) => {
                "the path template, e.g. /tasks/{taskId}: each {name} gets its path parameter"
            }
            FormKey::Op(OpField::OperationId) => {
                "letters and digits, e.g. GetTask; unique in the connector"
            }
            FormKey::Param(ParamField::Enum) => {
                "the allowed values, comma-separated, typed as the parameter"
            }
            FormKey::Param(ParamField::Default) => {
                "typed as the parameter (e.g. 10 for an integer)"
            }
            FormKey::Fact(FactKey::Folder) => {
                "the working copy: created when missing; an existing swagger is never replaced"
            }
            FormKey::Fact(FactKey::Host) => "the production host name, e.g. api.contoso.com",
            FormKey::Fact(FactKey::Publisher) => "your name, or your company's",
            FormKey::Fact(FactKey::StackOwner) => "the company that owns the service",
            FormKey::Fact(FactKey::Scopes) => "space- or comma-separated",
            FormKey::Sample(SampleKey::Text) => {
                "Enter opens the editor: paste a JSON response, then Enter"
            }
            FormKey::Sample(SampleKey::File) => "or the path of a file holding the sample",
            FormKey::Sample(SampleKey::Mode) => {
                "extend adds what the schema lacks; replace writes the sample's schema instead"
            }
            _ => "",
        }
    }

    /// The row's choices (empty: a text).
    pub fn choices(&self, k: FormKey) -> &'static [&'static str] {
        match k {
            FormKey::Op(OpField::Method) => &METHODS,
            FormKey::Op(OpField::Visibility) | FormKey::Param(ParamField::Visibility) => {
                &VISIBILITY
            }
            FormKey::Param(ParamField::In) => &LOCATIONS,
            FormKey::Param(ParamField::Type) => &TYPES,
            FormKey::Param(ParamField::Format) => match &self.model {
                Model::Param { spec, .. } => formats(&spec.ty),
                _ => &[""],
            },
            FormKey::Param(ParamField::Required) => &REQUIRED,
            FormKey::Fact(FactKey::Auth) => &AUTH,
            FormKey::Fact(FactKey::ApiKeyIn) => &KEY_IN,
            FormKey::Fact(FactKey::Provider) => &PROVIDERS,
            FormKey::Sample(SampleKey::Mode) => &MODES,
            _ => &[],
        }
    }

    pub fn value(&self, k: FormKey) -> String {
        match (&self.model, k) {
            (Model::Op { spec, .. }, FormKey::Op(f)) => spec.get(f).to_string(),
            (Model::Param { spec, .. }, FormKey::Param(f)) => spec.get(f),
            (Model::Facts(facts), FormKey::Fact(f)) => facts.text(f).to_string(),
            (Model::Sample(s), FormKey::Sample(f)) => match f {
                SampleKey::Text => s.text.clone(),
                SampleKey::File => s.file.clone(),
                SampleKey::Mode => s.mode.clone(),
            },
            _ => String::new(),
        }
    }

    /// The value as the row shows it.
    pub fn shown(&self, k: FormKey) -> String {
        let v = self.value(k);
        match k {
            FormKey::Fact(FactKey::Auth) => AuthKind::ALL
                .iter()
                .find(|a| a.id() == v)
                .map(|a| a.label().to_string())
                .unwrap_or(v),
            FormKey::Fact(FactKey::Provider) => match v.as_str() {
                "aad" => "Microsoft Entra ID (aad)".into(),
                _ => "any OAuth 2.0 service (oauth2)".into(),
            },
            FormKey::Sample(SampleKey::Text) if v.contains('\n') || v.chars().count() > 60 => {
                format!(
                    "{} lines, {} characters: {}",
                    v.lines().count(),
                    v.chars().count(),
                    v.split_whitespace().collect::<Vec<_>>().join(" ")
                )
            }
            _ if v.is_empty() && !self.choices(k).is_empty() => "(none)".into(),
            _ => v,
        }
    }

    pub fn set(&mut self, k: FormKey, v: String) {
        match (&mut self.model, k) {
            (Model::Op { spec, .. }, FormKey::Op(f)) => spec.set(f, v),
            (Model::Param { spec, .. }, FormKey::Param(f)) => spec.set(f, v),
            (Model::Facts(facts), FormKey::Fact(f)) => facts.set(f, v),
            (Model::Sample(s), FormKey::Sample(f)) => match f {
                SampleKey::Text => s.text = v,
                SampleKey::File => s.file = v,
                SampleKey::Mode => s.mode = v,
            },
            _ => {}
        }
    }

    /// The next choice of a choice row; whether the row is one.
    pub fn cycle(&mut self, k: FormKey) -> bool {
        let choices = self.choices(k);
        if choices.is_empty() {
            return false;
        }
        let v = self.value(k);
        let i = choices.iter().position(|c| *c == v).map_or(0, |i| i + 1);
        self.set(k, choices[i % choices.len()].to_string());
        true
    }

    pub fn multiline(&self, k: FormKey) -> bool {
        matches!(
            k,
            FormKey::Op(OpField::Description)
                | FormKey::Param(ParamField::Description)
                | FormKey::Sample(SampleKey::Text)
        )
    }

    /// The certification rules of a text row, with their context.
    pub fn rule(&self, k: FormKey) -> Option<(Field, FieldCtx)> {
        let base = FieldCtx {
            kind: self.kind,
            is_update: self.is_update,
            ..FieldCtx::default()
        };
        match (&self.model, k) {
            (Model::Op { spec, .. }, FormKey::Op(f)) => {
                let ctx = FieldCtx {
                    operation_id: Some(spec.operation_id.clone()),
                    ..base
                };
                match f {
                    OpField::Summary => Some((Field::OpSummary, ctx)),
                    OpField::Description => Some((
                        Field::OpDescription,
                        FieldCtx {
                            summary: Some(spec.summary.clone()),
                            ..ctx
                        },
                    )),
                    OpField::OperationId => Some((Field::OperationId, ctx)),
                    _ => None,
                }
            }
            (Model::Param { spec, .. }, FormKey::Param(f)) => match f {
                ParamField::Summary => Some((Field::ParamSummary, base)),
                ParamField::Description => Some((
                    Field::ParamDescription,
                    FieldCtx {
                        summary: Some(spec.summary.clone()),
                        ..base
                    },
                )),
                _ => None,
            },
            _ => None,
        }
    }

    /// The problem the wizard sees in a text typed into row `k` (live, in its editor).
    pub fn problem_if(
        &self,
        k: FormKey,
        text: &str,
        root: Option<&Node>,
        s: &Session,
    ) -> Option<String> {
        let mut probe = Form {
            model: self.model.clone(),
            title: String::new(),
            nav: ListNav::default(),
            rows: Vec::new(),
            checks: Vec::new(),
            original: self.original.clone(),
            kind: self.kind,
            is_update: self.is_update,
        };
        probe.set(k, text.to_string());
        probe.refresh(root, s);
        let i = probe.rows.iter().position(|r| *r == k)?;
        probe.checks[i].problem.clone()
    }

    /// The editor of a text row, with its rules.
    pub fn editor(&self, k: FormKey) -> Editor {
        let title = format!("{} · {}", self.title, self.label(k));
        let ed = Editor::new(
            EditTarget::Form(k),
            title,
            &self.value(k),
            self.multiline(k),
        );
        match self.rule(k) {
            Some((field, ctx)) => ed.with_rules(field, ctx),
            None => ed,
        }
    }

    /// Recomputes the rows and their checks (after every change).
    pub fn refresh(&mut self, root: Option<&Node>, s: &Session) {
        self.rows = match &self.model {
            Model::Op { .. } => [
                OpField::Method,
                OpField::Path,
                OpField::OperationId,
                OpField::Summary,
                OpField::Description,
                OpField::Visibility,
            ]
            .into_iter()
            .map(FormKey::Op)
            .collect(),
            Model::Param { spec, .. } => {
                let mut v = vec![
                    ParamField::Name,
                    ParamField::In,
                    ParamField::Type,
                    ParamField::Format,
                    ParamField::Required,
                    ParamField::Summary,
                    ParamField::Description,
                    ParamField::Visibility,
                ];
                if spec.location != "body" {
                    v.extend([ParamField::Default, ParamField::Enum]);
                }
                v.into_iter().map(FormKey::Param).collect()
            }
            Model::Facts(f) => f.rows().into_iter().map(FormKey::Fact).collect(),
            Model::Sample(_) => [SampleKey::Text, SampleKey::File, SampleKey::Mode]
                .into_iter()
                .map(FormKey::Sample)
                .collect(),
        };
        self.nav.clamp(self.rows.len());
        let mut checks: Vec<RowCheck> = self
            .rows
            .iter()
            .map(|k| RowCheck {
                problem: None,
                issues: match self.rule(*k) {
                    Some((field, ctx)) => check_field_live(field, &self.value(*k), &ctx.as_ctx()),
                    None => Vec::new(),
                },
            })
            .collect();
        let problems: Vec<(FormKey, String)> = match &self.model {
            Model::Op {
                spec,
                editing,
                copy_of: _,
            } => root
                .map(|r| operation_problems(r, spec, editing.as_deref()))
                .unwrap_or_default()
                .into_iter()
                .map(|(f, p)| (FormKey::Op(f), p))
                .collect(),
            Model::Param { spec, op, editing } => root
                .map(|r| param_problems(r, op.as_deref(), spec, editing.as_deref()))
                .unwrap_or_default()
                .into_iter()
                .map(|(f, p)| (FormKey::Param(f), p))
                .collect(),
            Model::Facts(f) => {
                let mut v: Vec<(FormKey, String)> = f
                    .rows()
                    .into_iter()
                    .filter_map(|k| f.problem(k).map(|p| (FormKey::Fact(k), p)))
                    .collect();
                for k in f.missing(s) {
                    v.push((FormKey::Fact(k), "needed".into()));
                }
                v
            }
            Model::Sample(smp) => {
                let mut v = Vec::new();
                if smp.text.trim().is_empty() && smp.file.trim().is_empty() {
                    v.push((
                        FormKey::Sample(SampleKey::Text),
                        "paste a sample JSON response here (Enter), or type a file below".into(),
                    ));
                } else if !smp.text.trim().is_empty() {
                    if let Err(e) = crate::generate::schema::schema_from_sample_text(&smp.text) {
                        v.push((FormKey::Sample(SampleKey::Text), e.to_string()));
                    }
                }
                v
            }
        };
        for (k, p) in problems {
            if let Some(i) = self.rows.iter().position(|r| *r == k) {
                checks[i].problem.get_or_insert(p);
            }
        }
        self.checks = checks;
    }

    /// The first problem of the form, its row selected, worded with the row's label.
    pub fn explain_first_problem(&mut self) -> Option<String> {
        let (k, p) = self.first_problem()?;
        if let Some(i) = self.rows.iter().position(|r| *r == k) {
            self.nav.selected = i;
        }
        Some(format!("{}: {p}", self.label(k)))
    }

    /// The first problem of the form, with its row, when there is one.
    pub fn first_problem(&self) -> Option<(FormKey, String)> {
        self.rows
            .iter()
            .zip(&self.checks)
            .find_map(|(k, c)| c.problem.clone().map(|p| (*k, p)))
    }
}
