//! Criterion benchmarks of the rules engine: the whole check over the corpus against a plain
//! serde_json parse of the same files, and the per-keystroke field check.
//! Run with `cargo bench --bench engine`; needs ../shared/corpus (skips otherwise).

use connector_wizard::cli::bench::{check_all, connector_folders, serde_parse_all};
use connector_wizard::rules::{check_field, Field, FieldContext};
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use std::path::PathBuf;

#[path = "../tests/common/shared.rs"]
mod shared;

fn corpus() -> Option<Vec<PathBuf>> {
    let dir = shared::corpus_or_skip("engine benches")?;
    let folders = connector_folders(&dir);
    if folders.is_empty() {
        eprintln!("SKIP engine benches: {} has no connectors", dir.display());
        None
    } else {
        Some(folders)
    }
}

fn corpus_benches(c: &mut Criterion) {
    let Some(folders) = corpus() else { return };
    let mut g = c.benchmark_group("corpus");
    g.sample_size(20);
    g.bench_function("serde_json_parse", |b| {
        b.iter(|| black_box(serde_parse_all(&folders)))
    });
    g.bench_function("check", |b| b.iter(|| black_box(check_all(&folders))));
    g.finish();
}

fn field_benches(c: &mut Criterion) {
    let typed = "Convert a PDF document to PDF/A and add a watermark.";
    let ctx = FieldContext {
        operation_id: Some("ConvertToPdfA"),
        ..Default::default()
    };
    c.bench_function("field_check_keystroke", |b| {
        b.iter(|| {
            for k in 1..=typed.len() {
                black_box(check_field(Field::OpSummary, &typed[..k], &ctx));
            }
        })
    });
}

criterion_group!(benches, corpus_benches, field_benches);
criterion_main!(benches);
