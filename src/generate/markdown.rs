//! readme.md (independent-publisher template, README-SECTIONS) and intro.md (§3.4).

use super::swagger::{Scheme, SecurityDef};
use super::{one_line, todo, Facts, REDIRECT_URLS};
use crate::document::Connector;
use crate::session::{ConnectorKind, Session};
use std::fmt::Write;

/// readme.md following the independent-publisher template: `# <Title>` and one paragraph,
/// `## Publisher: <name>`, `## Prerequisites`, `## Supported Operations` (a `### <summary>`
/// and the description of every visible operation of the swagger, else the planned ones),
/// `## Obtaining Credentials` (with the OAuth app-registration steps when the connector
/// uses OAuth 2.0), `## Getting Started`, `## Known Issues and Limitations`,
/// `## Deployment Instructions`.
pub fn readme_md(session: &Session, connector: Option<&Connector>) -> String {
    let f = Facts::new(session, connector);
    let title = f.title();
    let ops = f.operation_list();
    let mut out = String::new();

    let _ = writeln!(out, "# {title}\n");
    let _ = writeln!(out, "{}\n", readme_paragraph(f.description().as_deref()));

    let publisher = f
        .publisher()
        .unwrap_or_else(|| todo("your name, or your company's"));
    let _ = writeln!(out, "## Publisher: {}\n", one_line(&publisher));

    let _ = writeln!(out, "## Prerequisites\n");
    for line in prerequisites(&f) {
        let _ = writeln!(out, "- {line}");
    }
    out.push('\n');

    let _ = writeln!(out, "## Supported Operations\n");
    if ops.is_empty() {
        let _ = writeln!(
            out,
            "{}\n",
            todo("add the operations to the swagger; each one gets a heading and its description here")
        );
    }
    for (name, description) in &ops {
        let _ = writeln!(out, "### {}\n", one_line(name));
        match description {
            Some(d) => {
                let _ = writeln!(out, "{}\n", one_line(d));
            }
            None => {
                let _ = writeln!(
                    out,
                    "{}\n",
                    todo("what this operation does, in one sentence")
                );
            }
        }
    }

    let _ = writeln!(out, "## Obtaining Credentials\n");
    out.push_str(&credentials(&f, Audience::Readme));

    let _ = writeln!(out, "## Getting Started\n");
    out.push_str(&getting_started(&f, &ops));

    let _ = writeln!(out, "## Known Issues and Limitations\n");
    out.push_str(&known_issues(&f));

    let _ = writeln!(out, "## Deployment Instructions\n");
    let _ = writeln!(
        out,
        "Deploy the connector as a custom connector with the `paconn` command-line tool:\n\n```\npaconn create --api-def apiDefinition.swagger.json --api-prop apiProperties.json\n```"
    );
    out
}

/// intro.md for the proposal PR and the connector package (reference §3.4): an opening
/// paragraph without a heading, then `## Prerequisites`, `## How to get credentials`,
/// `## Get started with your connector` (the planned operations), `## Known issues and
/// limitations`, `## Common errors and remedies`, `## FAQ` (who maintains it, whether
/// collaborators are welcome and the contact e-mail address).
pub fn intro_md(session: &Session, connector: Option<&Connector>) -> String {
    let f = Facts::new(session, connector);
    let title = f.title();
    let ops = f.operation_list();
    let mut out = String::new();

    let mut opening = match f.description() {
        Some(d) => end_sentence(&one_line(&d)),
        None => todo("what the service is and what the connector lets people do"),
    };
    if let Some(site) = f.website() {
        let _ = write!(opening, " Learn more at [{title}]({site}).");
    }
    let _ = writeln!(out, "{opening}\n");

    let _ = writeln!(out, "## Prerequisites\n");
    for line in prerequisites(&f) {
        let _ = writeln!(out, "- {line}");
    }
    out.push('\n');

    let _ = writeln!(out, "## How to get credentials\n");
    out.push_str(&credentials(&f, Audience::Intro));

    let _ = writeln!(out, "## Get started with your connector\n");
    let built = f.swagger.as_ref().is_some_and(|s| !s.operations.is_empty());
    if ops.is_empty() {
        let _ = writeln!(
            out,
            "{}\n",
            todo("list the operations the connector will offer, one line each")
        );
    } else {
        let _ = writeln!(
            out,
            "{}\n",
            if built {
                "The connector offers these operations:"
            } else {
                "The connector will offer these operations:"
            }
        );
        for (name, description) in &ops {
            match description {
                Some(d) => {
                    let _ = writeln!(out, "- **{}**: {}", one_line(name), one_line(d));
                }
                None => {
                    let _ = writeln!(out, "- {}", one_line(name));
                }
            }
        }
        out.push('\n');
    }
    let _ = writeln!(out, "To use it:\n");
    out.push_str(&getting_started(&f, &ops));

    let _ = writeln!(out, "## Known issues and limitations\n");
    out.push_str(&known_issues(&f));

    let _ = writeln!(out, "## Common errors and remedies\n");
    let schemes = f.schemes();
    if !schemes.is_empty() {
        let _ = writeln!(
            out,
            "- **401 Unauthorized** or **403 Forbidden**: {title} refused the credentials, or the account may not do this. Edit the connection and enter the credentials again, and check the account's permissions."
        );
    }
    let _ = writeln!(
        out,
        "- **404 Not Found**: the item does not exist or the account cannot see it. Check the identifiers you pass to the operation."
    );
    let _ = writeln!(
        out,
        "- **429 Too Many Requests**: {title} limits how many calls an account can make. Wait a little and try again, or space out the calls.\n"
    );

    let _ = writeln!(out, "## FAQ\n");
    let _ = writeln!(out, "### Who maintains this connector?\n");
    let publisher = f
        .publisher()
        .unwrap_or_else(|| todo("your name, or your company's"));
    let owner = f.service_owner();
    match session.kind {
        ConnectorKind::IndependentPublisher => {
            let _ = writeln!(
                out,
                "{} maintains it as an independent publisher: the connector is not made or supported by {owner}.\n",
                one_line(&publisher)
            );
        }
        ConnectorKind::Certified => {
            let _ = writeln!(out, "{} maintains it.\n", one_line(&publisher));
        }
    }
    let _ = writeln!(out, "### Can I help build this connector?\n");
    let email = f
        .contact_email()
        .unwrap_or_else(|| todo("your contact e-mail address"));
    if session.proposal.collaborators_welcome {
        let _ = writeln!(
            out,
            "Yes: collaborators are welcome. Write to {email} to take part."
        );
    } else {
        let _ = writeln!(
            out,
            "The publisher builds it alone for now. Send suggestions and problems to {email}."
        );
    }
    out
}

/// Who reads the credentials section: the readme is also the brief Microsoft's team uses to
/// create the OAuth app; intro.md is for the people who create a connection.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Audience {
    Readme,
    Intro,
}

fn prerequisites(f: &Facts) -> Vec<String> {
    let title = f.title();
    let mut lines = Vec::new();
    let account = match f.website() {
        Some(site) => format!("An account with {title} ([sign up]({site}))."),
        None => format!("An account with {title}."),
    };
    let schemes = f.schemes();
    if schemes.is_empty() && !f.uses_oauth() {
        lines.push(match f.website() {
            Some(site) => format!("No account: [{title}]({site}) needs no sign-in."),
            None => format!("No account: {title} needs no sign-in."),
        });
    } else {
        lines.push(account);
    }
    for def in &schemes {
        match &def.scheme {
            Scheme::ApiKey { .. } => {
                lines.push(format!(
                    "An API key from {title} (see how to get it below)."
                ));
            }
            Scheme::Basic => lines.push(format!(
                "The user name and password of that {title} account."
            )),
            Scheme::OAuth2 { .. } | Scheme::Other(_) => {}
        }
    }
    if f.session.kind == ConnectorKind::IndependentPublisher {
        lines.push(
            "A premium licence: independent-publisher connectors are premium connectors.".into(),
        );
    }
    lines.dedup();
    lines
}

fn credentials(f: &Facts, audience: Audience) -> String {
    let title = f.title();
    let mut out = String::new();
    let schemes = f.schemes();
    if schemes.is_empty() && !f.uses_oauth() {
        let _ = writeln!(
            out,
            "{title} needs no authentication: there are no credentials to obtain.\n"
        );
        return out;
    }
    let mut oauth_done = false;
    for def in &schemes {
        match &def.scheme {
            Scheme::OAuth2 { .. } => {
                if !oauth_done {
                    out.push_str(&oauth_steps(f, Some(def), audience));
                    oauth_done = true;
                }
            }
            other => out.push_str(&scheme_steps(f, def, other)),
        }
    }
    if f.uses_oauth() && !oauth_done {
        out.push_str(&oauth_steps(f, None, audience));
    }
    out
}

fn scheme_steps(f: &Facts, def: &SecurityDef, scheme: &Scheme) -> String {
    let title = f.title();
    let site = f.website().map(|s| format!(" at {s}")).unwrap_or_default();
    let mut out = String::new();
    match scheme {
        Scheme::ApiKey { name, location } => {
            let place = if location.eq_ignore_ascii_case("query") {
                format!("the `{name}` query parameter")
            } else {
                format!("the `{name}` header")
            };
            let _ = writeln!(
                out,
                "The connector sends an API key in {place}. To get one:\n"
            );
            let _ = writeln!(out, "1. Sign in to your {title} account{site}.");
            let help = f.session.proposal.api_key_help.trim();
            let where_ = if help.is_empty() {
                todo("where in the account the API key is created or shown, e.g. Settings > API keys")
            } else {
                format!("Open {}.", one_line(help.trim_end_matches('.')))
            };
            let _ = writeln!(out, "2. {where_}");
            let _ = writeln!(
                out,
                "3. Copy the key and paste it into the **{}** field when you create a connection.\n",
                super::properties::api_key_display_name(name)
            );
        }
        Scheme::Basic => {
            let _ = writeln!(
                out,
                "The connector uses basic authentication: enter the user name and password of your {title} account{site} when you create a connection.\n"
            );
        }
        Scheme::Other(kind) => {
            let _ = writeln!(
                out,
                "The security definition `{}` has the type `{kind}`: {}\n",
                def.key,
                todo("explain how to obtain these credentials")
            );
        }
        Scheme::OAuth2 { .. } => {}
    }
    out
}

fn oauth_steps(f: &Facts, def: Option<&SecurityDef>, audience: Audience) -> String {
    let title = f.title();
    let owner = f.service_owner();
    let mut out = String::new();
    if audience == Audience::Intro {
        let _ = writeln!(
            out,
            "The connector signs in with OAuth 2.0: when you create a connection, select **Sign in** and sign in with your {title} account, then allow the access it asks for.\n"
        );
        return out;
    }
    let (authorization_url, token_url, scopes) = match def.map(|d| &d.scheme) {
        Some(Scheme::OAuth2 {
            authorization_url,
            token_url,
            scopes,
            ..
        }) => (authorization_url.clone(), token_url.clone(), scopes.clone()),
        _ => (None, None, Vec::new()),
    };
    let _ = writeln!(
        out,
        "The connector signs in with OAuth 2.0, so it needs an OAuth app registered with {owner}. Microsoft's certification team creates that app for the published connector by following these steps:\n"
    );
    let portal = todo("the address of the developer portal where apps are registered");
    let _ = writeln!(out, "1. Sign in to the {owner} developer portal: {portal}.");
    let _ = writeln!(
        out,
        "2. Create a new OAuth app (client): {}. Name it, for example, \"{title} connector\".",
        todo("the menu path, e.g. Settings > Apps > Create app")
    );
    let _ = writeln!(
        out,
        "3. Add both redirect URLs to the app:\n   - `{}`\n   - `{}`",
        REDIRECT_URLS[0], REDIRECT_URLS[1]
    );
    if scopes.is_empty() {
        let _ = writeln!(
            out,
            "4. Grant the app the permissions (scopes) the connector needs: {}.",
            todo("the scopes or permissions to grant")
        );
    } else {
        let list: Vec<String> = scopes
            .iter()
            .flat_map(|s| s.split_whitespace())
            .map(|s| format!("`{s}`"))
            .collect();
        let _ = writeln!(
            out,
            "4. Grant the app the permissions (scopes) the connector needs: {}.",
            list.join(", ")
        );
    }
    let _ = writeln!(
        out,
        "5. Save the app, then copy its **client ID** and **client secret**."
    );
    let auth = authorization_url
        .map(|u| format!("`{u}`"))
        .unwrap_or_else(|| todo("authorization URL"));
    let token = token_url
        .map(|u| format!("`{u}`"))
        .unwrap_or_else(|| todo("token URL"));
    let _ = writeln!(
        out,
        "6. In the custom connector's **Security** tab, choose **OAuth 2.0**, enter the client ID and client secret, the authorization URL {auth}, the token URL {token} and the refresh URL {token}.\n"
    );
    out
}

fn getting_started(f: &Facts, ops: &[(String, Option<String>)]) -> String {
    let title = f.title();
    let mut out = String::new();
    let connect = if f.uses_oauth() {
        format!("1. Create a connection to {title}: select **Sign in** and sign in with your {title} account.")
    } else if f.schemes().is_empty() {
        format!("1. Add the {title} connector to a flow or an app; it needs no credentials.")
    } else {
        format!("1. Create a connection to {title} with the credentials described above.")
    };
    let _ = writeln!(out, "{connect}");
    match ops.first() {
        Some((name, _)) => {
            let _ = writeln!(
                out,
                "2. Add one of its operations, for example **{}**, and fill in its parameters.",
                one_line(name)
            );
        }
        None => {
            let _ = writeln!(
                out,
                "2. Add one of its operations and fill in its parameters."
            );
        }
    }
    let _ = writeln!(
        out,
        "3. Run it and look at the outputs to use them in the next steps.\n"
    );
    out
}

fn known_issues(f: &Facts) -> String {
    let mut out = String::from("There are no known issues at this time.");
    match f.contact_email() {
        Some(email) => {
            let _ = write!(out, " Report problems to {email}.");
        }
        None => {
            let _ = write!(
                out,
                " Report problems to {}.",
                todo("a support e-mail address")
            );
        }
    }
    out.push_str("\n\n");
    out
}

/// The readme's opening paragraph: the description on one line, two or three sentences.
fn readme_paragraph(description: Option<&str>) -> String {
    let Some(d) = description else {
        return todo(
            "two or three sentences: what the service is and what the connector lets people do",
        );
    };
    let mut sentences = split_sentences(&one_line(d));
    sentences.truncate(3);
    if sentences.len() < 2 {
        sentences.push("Its operations are listed below.".to_string());
    }
    sentences.join(" ")
}

/// Splits text into sentences at `.`, `!` or `?` followed by a space and a capital letter
/// or digit. Each sentence ends with punctuation (a period is added to the last if needed).
pub(crate) fn split_sentences(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if matches!(c, '.' | '!' | '?')
            && chars.get(i + 1) == Some(&' ')
            && chars
                .get(i + 2)
                .is_some_and(|n| n.is_uppercase() || n.is_ascii_digit())
        {
            out.push(
                chars[start..=i]
                    .iter()
                    .collect::<String>()
                    .trim()
                    .to_string(),
            );
            start = i + 2;
            i += 2;
            continue;
        }
        i += 1;
    }
    let last: String = chars[start..].iter().collect::<String>().trim().to_string();
    if !last.is_empty() {
        out.push(end_sentence(&last));
    }
    out
}

fn end_sentence(s: &str) -> String {
    let t = s.trim_end();
    if t.ends_with(['.', '!', '?']) {
        t.to_string()
    } else {
        format!("{t}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences() {
        assert_eq!(
            split_sentences("One thing. Two things! 3 more? Last"),
            ["One thing.", "Two things!", "3 more?", "Last."]
        );
        assert_eq!(
            split_sentences("Use e.g. this. Then"),
            ["Use e.g. this.", "Then."]
        );
        assert_eq!(
            readme_paragraph(Some("Tasks for teams")),
            "Tasks for teams. Its operations are listed below."
        );
        assert_eq!(readme_paragraph(Some("A. B. C. D.")), "A. B. C.");
        assert!(readme_paragraph(None).starts_with("[TODO: "));
    }
}
