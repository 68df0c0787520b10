//! `connector-wizard generate schema --from-sample FILE`: a response schema from a sample
//! response, printed, or put into an operation's success response in the working copy.

use super::color::Paint;
use super::workcopy;
use super::{EXIT_FINDINGS, EXIT_OK};
use crate::generate::schema::{self, ResponseMode};
use anyhow::{anyhow, Context};
use std::path::{Path, PathBuf};

/// What `generate schema` was asked.
pub struct Request<'a> {
    pub sample: &'a Path,
    pub session: Option<&'a str>,
    pub dir: Option<&'a Path>,
    pub operation: Option<&'a str>,
    pub replace: bool,
    pub extend: bool,
}

pub fn run(req: Request, paint: Paint) -> anyhow::Result<u8> {
    let bytes = read_limited(req.sample)?;
    let text = String::from_utf8(bytes).map_err(|_| {
        anyhow!(
            "{}: the sample is not UTF-8 text; save it as UTF-8 JSON",
            req.sample.display()
        )
    })?;
    let schema = schema::schema_from_sample_text(&text)
        .map_err(|e| anyhow!("{}: {e}\n(nothing was written)", req.sample.display()))?;
    let Some(op) = req.operation else {
        if req.replace || req.extend {
            return Err(anyhow!("--replace and --extend go with --operation ID"));
        }
        println!("{}", serde_json::to_string_pretty(&schema)?);
        return Ok(EXIT_OK);
    };
    let name = req.session.ok_or_else(|| {
        anyhow!("--operation needs --session NAME (the connector whose swagger to change)")
    })?;
    let session = workcopy::open_session(name, false)?.into_session();
    let dir = workcopy::working_dir(&session, req.dir)?;
    let path: PathBuf = workcopy::file_in(&dir, "apiDefinition.swagger.json");
    let file = crate::document::SourceFile::read(&path, path.display().to_string(), true)
        .map_err(|e| anyhow!("{e}"))?;
    if !file.is_editable() {
        return Err(anyhow!(
            "{}: the swagger is not UTF-8 (or too large) and cannot be edited safely",
            path.display()
        ));
    }
    let mode = if req.extend {
        ResponseMode::Extend
    } else {
        ResponseMode::Replace
    };
    let edit = schema::response_schema_edits(&file.text, op, &schema, mode)
        .map_err(|e| anyhow!("{}: {e}\n(nothing was written)", path.display()))?;
    if edit.replaced && !req.replace {
        eprintln!(
            "{}: the success response {} of {op} already has a schema; add --replace to replace it or --extend to add what it lacks (nothing was written)",
            paint.red("error"),
            edit.response
        );
        return Ok(EXIT_FINDINGS);
    }
    let new_text = edit.apply(&file.text);
    if new_text == file.text {
        eprintln!(
            "{} already describes the sample; nothing to change",
            edit.response
        );
        return Ok(EXIT_OK);
    }
    crate::util::fs::atomic_write(&path, &file.bytes_for(&new_text))
        .with_context(|| format!("cannot write {}", path.display()))?;
    match mode {
        ResponseMode::Replace => eprintln!(
            "wrote the schema into {} of {}",
            edit.response,
            path.display()
        ),
        ResponseMode::Extend => {
            eprintln!(
                "added {} properties to {} of {}:",
                edit.added.len(),
                edit.response,
                path.display()
            );
            for a in &edit.added {
                eprintln!("  {}", workcopy::clean(a));
            }
        }
    }
    let markers = crate::generate::blank::json_markers(&new_text).len();
    if markers > 0 {
        eprintln!(
            "{}: the swagger has {markers} [TODO: …] markers; describe each property",
            paint.yellow("note")
        );
    }
    Ok(EXIT_OK)
}

/// Reads a sample, refusing files over 16 MB before reading them.
fn read_limited(path: &Path) -> anyhow::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)
        .with_context(|| format!("{}: cannot read the sample", path.display()))?;
    if meta.len() > crate::document::MAX_FILE_BYTES {
        return Err(anyhow!(
            "{}: the sample is {:.1} MB; give one response of a few kilobytes",
            path.display(),
            meta.len() as f64 / 1_000_000.0
        ));
    }
    std::fs::read(path).with_context(|| format!("{}: cannot read the sample", path.display()))
}
