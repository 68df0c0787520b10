//! What a connector folder may hold (reference §3.1): one swagger (`FILE-SWAGGER-ONE`), no
//! file of another connector (`FILE-OTHER-CONNECTOR`), one package zip at most
//! (`FILE-ZIP-ONE`), a name without "(Independent Publisher)" (`FOLDER-NO-IP-SUFFIX`); for an
//! independent publisher no icon, no settings.json and no sub-folders (`IP-NO-ICON`,
//! `FILE-EXTRA`), for a certified connector no image but the icon (`FILE-IMAGES`).

use super::field::IP_SUFFIX;
use super::{path_in, Finding, RuleId};
use crate::document::{Connector, ConnectorKind};

const IMAGE_EXT: &[&str] = &[
    ".png", ".jpg", ".jpeg", ".svg", ".gif", ".ico", ".bmp", ".webp",
];

fn is_image(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    IMAGE_EXT.iter().any(|e| lower.ends_with(e))
}

/// The rules of the folder's entries.
pub(super) fn check(c: &Connector, out: &mut Vec<Finding>) {
    folder_name(c, out);
    swaggers(c, out);
    other_connectors(c, out);
    zips(c, out);
    match c.kind {
        ConnectorKind::IndependentPublisher => independent(c, out),
        ConnectorKind::Certified => certified_images(c, out),
    }
}

/// FOLDER-NO-IP-SUFFIX: the folder is named after the connector, without the suffix the
/// PR title carries.
fn folder_name(c: &Connector, out: &mut Vec<Finding>) {
    let Some(name) = c.root.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    if name.to_lowercase().contains(&IP_SUFFIX.to_lowercase()) {
        let bare = name
            .replace(IP_SUFFIX, "")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        out.push(Finding::whole_file(
            RuleId::FolderNoIpSuffix,
            c.display_root.clone(),
            format!("the folder \"{name}\" carries \"{IP_SUFFIX}\""),
            format!("Name the folder \"{bare}\": the suffix belongs to the PR title, and no folder of the repository carries it."),
        ));
    }
}

/// FILE-SWAGGER-ONE: one `*.swagger.json`; the others are ignored by the wizard and
/// rejected by reviewers.
fn swaggers(c: &Connector, out: &mut Vec<Finding>) {
    let read = c
        .swagger
        .as_ref()
        .and_then(|s| s.path.file_name())
        .map(|n| n.to_string_lossy().into_owned());
    for name in &c.entries {
        let is_swagger = name.to_ascii_lowercase().ends_with(".swagger.json");
        if is_swagger && Some(name) != read.as_ref() && !c.dirs.contains(name) {
            out.push(Finding::whole_file(
                RuleId::FileSwaggerOne,
                path_in(c, name),
                format!(
                    "a second swagger \"{name}\" (check reads {})",
                    read.as_deref().unwrap_or("another one")
                ),
                "Keep one swagger, named apiDefinition.swagger.json: a connector has one definition, and a second one is not checked.",
            ));
        }
    }
}

/// FILE-OTHER-CONNECTOR: a sub-folder with a connector's files, or another connector's
/// apiProperties.json next to this one's.
fn other_connectors(c: &Connector, out: &mut Vec<Finding>) {
    let mut reported: Vec<&str> = Vec::new();
    for entry in &c.nested {
        let Some((dir, name)) = entry.split_once('/') else {
            continue;
        };
        let lower = name.to_ascii_lowercase();
        if (lower.ends_with(".swagger.json") || lower == "apiproperties.json")
            && !reported.contains(&dir)
        {
            reported.push(dir);
            out.push(Finding::whole_file(
                RuleId::FileOtherConnector,
                path_in(c, dir),
                format!("the sub-folder \"{dir}\" holds a connector's files ({name})"),
                "Submit one connector per pull request: move the other connector to its own folder and PR.",
            ));
        }
    }
    for name in &c.entries {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with("apiproperties.json")
            && lower != "apiproperties.json"
            && !c.dirs.contains(name)
        {
            out.push(Finding::whole_file(
                RuleId::FileOtherConnector,
                path_in(c, name),
                format!("\"{name}\" looks like another connector's apiProperties.json"),
                "Keep one apiProperties.json, this connector's; remove the other file.",
            ));
        }
    }
}

/// FILE-ZIP-ONE: the connector package is one zip.
fn zips(c: &Connector, out: &mut Vec<Finding>) {
    let zips: Vec<&String> = c
        .entries
        .iter()
        .filter(|n| n.to_ascii_lowercase().ends_with(".zip") && !c.dirs.contains(n))
        .collect();
    for extra in zips.iter().skip(1) {
        out.push(Finding::whole_file(
            RuleId::FileZipOne,
            path_in(c, extra),
            format!(
                "the folder holds {} zips ({}); the connector package is one",
                zips.len(),
                zips.iter().map(|z| z.as_str()).collect::<Vec<_>>().join(", ")
            ),
            "Keep the one connector package (intro.md and the solution zip inside it); remove the others.",
        ));
    }
}

/// FILE-IMAGES: a certified connector's folder holds its icon and no other image.
fn certified_images(c: &Connector, out: &mut Vec<Finding>) {
    for name in &c.entries {
        if is_image(name) && !name.eq_ignore_ascii_case("icon.png") && !c.dirs.contains(name) {
            out.push(Finding::whole_file(
                RuleId::FileImages,
                path_in(c, name),
                format!("the folder holds the image \"{name}\""),
                "Keep only icon.png: screenshots go in the PR body, not the repository.",
            ));
        }
    }
    for dir in &c.dirs {
        let images = c
            .nested
            .iter()
            .filter(|e| e.starts_with(&format!("{dir}/")) && is_image(e))
            .count();
        if images > 0 {
            out.push(Finding::whole_file(
                RuleId::FileImages,
                path_in(c, dir),
                format!("the sub-folder \"{dir}\" holds {images} image(s)"),
                "Remove the image folder: screenshots go in the PR body, not the repository.",
            ));
        }
    }
}

/// An independent publisher's folder: no icon, no settings.json, no sub-folders.
fn independent(c: &Connector, out: &mut Vec<Finding>) {
    for name in &c.entries {
        if name.starts_with('.') {
            continue; // .git, .DS_Store, editor files: not part of what a PR submits
        }
        let lower = name.to_ascii_lowercase();
        if c.dirs.contains(name) {
            if c.nested.iter().any(|e| {
                e.strip_prefix(name.as_str())
                    .and_then(|r| r.strip_prefix('/'))
                    .is_some_and(|f| {
                        let f = f.to_ascii_lowercase();
                        f.ends_with(".swagger.json") || f == "apiproperties.json"
                    })
            }) {
                continue; // FILE-OTHER-CONNECTOR says more
            }
            out.push(Finding::whole_file(
                RuleId::FileExtra,
                path_in(c, name),
                format!("the connector folder holds a sub-folder \"{name}\""),
                "Remove it: screenshots go in the PR body, not the repository.",
            ));
        } else if is_image(&lower) {
            out.push(Finding::whole_file(RuleId::IpNoIcon, path_in(c, name), format!("the folder holds the image \"{name}\""), "Remove it: independent publisher connectors get the generic icon and submit no icon."));
        } else if lower == "settings.json" {
            out.push(Finding::whole_file(
                RuleId::FileExtra,
                path_in(c, name),
                "the folder holds settings.json".into(),
                "Remove settings.json: it is a local paconn file, not part of the connector.",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::document::{Connector, ConnectorKind};
    use crate::rules::testutil::*;
    use crate::rules::{check, CheckOptions, Finding};

    #[test]
    fn folder_rules() {
        let fs = run(
            &[
                ("readme.md", README),
                ("intro.md", INTRO),
                ("icon.png", "x"),
                ("settings.json", "{}"),
                ("img/a.txt", "x"),
            ],
            ConnectorKind::IndependentPublisher,
        );
        assert_eq!(fs.len(), 3, "{fs:#?}");
        assert!(fs
            .iter()
            .any(|f| f.rule == "IP-NO-ICON" && f.file.ends_with("icon.png")));
        assert_eq!(fs.iter().filter(|f| f.rule == "FILE-EXTRA").count(), 2);
        let fs = run(
            &[("readme.md", README), ("icon.png", "x")],
            ConnectorKind::Certified,
        );
        assert!(!fs.iter().any(|f| f.rule == "IP-NO-ICON"));
    }

    /// Every finding of a folder holding a good connector and `files`.
    fn all(files: &[(&str, &str)], kind: ConnectorKind) -> Vec<Finding> {
        let sw = text(&good_swagger());
        let mut v: Vec<(&str, &str)> = vec![
            ("apiDefinition.swagger.json", &sw),
            ("apiProperties.json", AP),
            ("readme.md", README),
            ("intro.md", INTRO),
        ];
        v.extend_from_slice(files);
        let f = connector(&v, kind);
        check(&f.connector, &CheckOptions::default())
    }

    #[test]
    fn one_connector_per_folder() {
        let fs = all(
            &[
                ("Contoso.swagger.json", "{}"),
                ("Old.apiProperties.json", "{}"),
                ("Other/apiDefinition.swagger.json", "{}"),
                ("package.zip", "x"),
                ("package-old.zip", "x"),
            ],
            ConnectorKind::IndependentPublisher,
        );
        let one = only(&fs, "FILE-SWAGGER-ONE");
        assert_eq!(one.len(), 1, "{fs:#?}");
        assert!(one[0].file.ends_with("Contoso.swagger.json"));
        assert!(one[0]
            .message
            .contains("check reads apiDefinition.swagger.json"));
        let other = only(&fs, "FILE-OTHER-CONNECTOR");
        assert_eq!(other.len(), 2, "{fs:#?}");
        assert!(other
            .iter()
            .any(|f| f.message.contains("sub-folder \"Other\"")));
        assert!(other
            .iter()
            .any(|f| f.file.ends_with("Old.apiProperties.json")));
        // The sub-folder is reported once, as another connector, not as FILE-EXTRA.
        assert!(only(&fs, "FILE-EXTRA").is_empty(), "{fs:#?}");
        let zip = only(&fs, "FILE-ZIP-ONE");
        assert_eq!(zip.len(), 1);
        assert!(zip[0].message.contains("2 zips"));
        // One zip is the package: fine.
        let fs = all(&[("package.zip", "x")], ConnectorKind::IndependentPublisher);
        assert!(only(&fs, "FILE-ZIP-ONE").is_empty());
    }

    #[test]
    fn certified_images_but_the_icon() {
        let fs = all(
            &[
                ("icon.png", "x"),
                ("screenshot.png", "x"),
                ("img/flow.jpg", "x"),
            ],
            ConnectorKind::Certified,
        );
        let img = only(&fs, "FILE-IMAGES");
        assert_eq!(img.len(), 2, "{fs:#?}");
        assert!(img.iter().any(|f| f.file.ends_with("screenshot.png")));
        assert!(img
            .iter()
            .any(|f| f.message.contains("sub-folder \"img\" holds 1 image")));
    }

    #[test]
    fn folder_named_without_the_suffix() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("Contoso Tasks (Independent Publisher)");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(
            folder.join("apiDefinition.swagger.json"),
            text(&good_swagger()),
        )
        .unwrap();
        let c = Connector::load(&folder, Some(ConnectorKind::IndependentPublisher)).unwrap();
        let fs = check(&c, &CheckOptions::default());
        let f = only(&fs, "FOLDER-NO-IP-SUFFIX");
        assert_eq!(f.len(), 1);
        assert!(f[0].help.contains("\"Contoso Tasks\""), "{}", f[0].help);
    }
}
