//! `connector-wizard import`: an OpenAPI 3 or Swagger 2.0 description (JSON or YAML) into a
//! session's working copy as apiDefinition.swagger.json (+ apiProperties.json).

use super::color::{ColorChoice, Paint};
use super::workcopy::{self, clean, FactArgs, FolderArgs};
use super::{EXIT_OK, EXIT_USAGE};
use crate::generate::blank::{self, Missing};
use crate::import::{self, ImportOptions, Note, NoteKind, OperationInfo};
use anyhow::anyhow;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The API description: OpenAPI 3.0/3.1 or Swagger 2.0, JSON or YAML.
    pub file: PathBuf,

    /// List the document's operations (with the operationIds they get) and stop.
    #[arg(long)]
    pub list: bool,

    /// The session whose working copy receives the connector.
    #[arg(long, value_name = "NAME", required_unless_present = "list")]
    pub session: Option<String>,

    /// An operation to keep: its operationId or "METHOD /path" (repeat; default: all).
    #[arg(long = "operation", value_name = "ID")]
    pub operations: Vec<String>,

    /// Print JSON (operations, notes, files written) instead of text.
    #[arg(long)]
    pub json: bool,

    #[command(flatten)]
    pub facts: FactArgs,

    #[command(flatten)]
    pub folder: FolderArgs,
}

pub fn run(args: Args, color: ColorChoice) -> anyhow::Result<u8> {
    let paint = Paint::new(color.stderr());
    let doc = match import::read_source(&args.file) {
        Ok(d) => d,
        Err(e) => return Ok(fail(&e, paint, !args.list)),
    };
    if args.list {
        return list(&doc, args.json);
    }
    let name = args.session.as_deref().unwrap_or_default();
    let dir_arg = args.folder.dir.as_deref();
    let mut open = workcopy::open_session_if(name, |s| workcopy::records_dir(s, dir_arg))?;
    let records = workcopy::records_dir(open.session(), dir_arg);
    let session = open.session().clone();
    let dir = workcopy::working_dir(&session, args.folder.dir.as_deref())?;
    let imported = match import::convert(
        &doc,
        &ImportOptions {
            operations: args.operations.clone(),
        },
    ) {
        Ok(i) => i,
        Err(e) => return Ok(fail(&e, paint, true)),
    };
    let facts = args.facts.facts(&session);
    let mut missing: Vec<Missing> = facts
        .missing()
        .into_iter()
        .filter(|m| matches!(m, Missing::Publisher | Missing::StackOwner))
        .collect();
    if facts.host.is_none() && imported.swagger.get("host").is_none() {
        missing.insert(0, Missing::Host);
    }
    if !missing.is_empty() {
        return Err(anyhow!(workcopy::missing_message(&session.name, &missing)));
    }
    let mut swagger = imported.swagger.clone();
    blank::apply_facts(&mut swagger, &facts);
    let swagger_text = blank::pretty(&swagger);
    let swagger_path = workcopy::file_in(&dir, "apiDefinition.swagger.json");
    let ap_path = workcopy::file_in(&dir, "apiProperties.json");
    let mut files = vec![(swagger_path.clone(), swagger_text.clone())];
    let keep_ap = ap_path.exists() && !args.folder.force;
    if !keep_ap {
        files.push((
            ap_path.clone(),
            blank::api_properties_for(&session, &facts, &swagger_text),
        ));
    }
    if let Some(code) = workcopy::refuse_existing(&[&swagger_path], args.folder.force, paint) {
        return Ok(code);
    }
    workcopy::write_all(&files)?;
    if records {
        let canonical = dir.canonicalize().unwrap_or_else(|_| dir.clone());
        open.update(|s| s.connector_dir = Some(canonical.clone()))?;
    }
    if args.json {
        let v = serde_json::json!({
            "version": imported.version,
            "operations": imported.operations,
            "notes": imported.notes,
            "written": files.iter().map(|(p, _)| p.display().to_string()).collect::<Vec<_>>(),
        });
        println!("{}", serde_json::to_string_pretty(&v)?);
    } else {
        print_notes(&doc.name, &imported.notes, paint);
        let total = import::list_operations(&doc).map_or(0, |l| l.len());
        eprintln!(
            "imported {} of {} operations from {} ({}); {}",
            imported.operations.len(),
            total,
            doc.name,
            imported.version.label(),
            summary(&imported.notes)
        );
        for (p, _) in &files {
            eprintln!("wrote {}", p.display());
        }
        if keep_ap {
            eprintln!(
                "{}: kept the existing {}: check that its connectionParameters match the imported securityDefinitions (--force replaces it)",
                paint.yellow("note"),
                ap_path.display()
            );
        }
        workcopy::print_markers(&files, paint);
    }
    Ok(EXIT_OK)
}

/// Prints an import error (and that nothing was written, when something would have been).
fn fail(e: &import::ImportError, paint: Paint, would_write: bool) -> u8 {
    eprintln!(
        "{}: {}",
        paint.red("error"),
        workcopy::clean_lines(&e.to_string())
    );
    if would_write {
        eprintln!("nothing was written");
    }
    EXIT_USAGE
}

fn list(doc: &import::SourceDoc, json: bool) -> anyhow::Result<u8> {
    let ops: Vec<OperationInfo> = match import::list_operations(doc) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {}", workcopy::clean_lines(&e.to_string()));
            return Ok(EXIT_USAGE);
        }
    };
    if json {
        println!("{}", serde_json::to_string_pretty(&ops)?);
        return Ok(EXIT_OK);
    }
    let width = ops
        .iter()
        .map(|o| o.operation_id.chars().count())
        .max()
        .unwrap_or(0)
        .max("OPERATION".len());
    println!("{:<width$}  {:<7} PATH  (SUMMARY)", "OPERATION", "METHOD");
    for o in &ops {
        let mark = match &o.source_id {
            None => "  [derived]".to_string(),
            Some(s) if *s != o.operation_id => format!("  [was {}]", clean(s)),
            Some(_) => String::new(),
        };
        let summary = o
            .summary
            .as_deref()
            .map(|s| format!("  ({})", clean(s)))
            .unwrap_or_default();
        println!(
            "{:<width$}  {:<7} {}{summary}{mark}",
            o.operation_id,
            o.method.to_ascii_uppercase(),
            clean(&o.path)
        );
    }
    println!("{} operations", ops.len());
    Ok(EXIT_OK)
}

fn print_notes(file: &str, notes: &[Note], paint: Paint) {
    for kind in [NoteKind::NotConverted, NoteKind::Changed, NoteKind::Review] {
        let of_kind: Vec<&Note> = notes.iter().filter(|n| n.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        let title = match kind {
            NoteKind::NotConverted => paint.red("not converted (Swagger 2.0 cannot say it):"),
            NoteKind::Changed => paint.yellow("changed:"),
            NoteKind::Review => paint.blue("derived, to review:"),
        };
        eprintln!("{title}");
        if of_kind.len() > MAX_SHOWN {
            let rest = of_kind.len() - MAX_SHOWN;
            for n in &of_kind[..MAX_SHOWN] {
                print_note(file, n, paint);
            }
            eprintln!("  … and {rest} more of this kind (--json lists every note)");
            continue;
        }
        for n in of_kind {
            print_note(file, n, paint);
        }
    }
}

/// Notes of one kind shown as text; the rest are counted.
const MAX_SHOWN: usize = 40;

fn print_note(file: &str, n: &Note, paint: Paint) {
    eprintln!(
        "  {file}:{}: {}  {}",
        n.line,
        clean(&n.message),
        paint.dim(&format!("[{}]", clean(&n.pointer)))
    );
}

fn summary(notes: &[Note]) -> String {
    let count = |k: NoteKind| notes.iter().filter(|n| n.kind == k).count();
    format!(
        "{} not converted, {} changed, {} to review",
        count(NoteKind::NotConverted),
        count(NoteKind::Changed),
        count(NoteKind::Review)
    )
}
