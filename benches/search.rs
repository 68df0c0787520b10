//! The duplicate search: quality and speed (issue 11 targets).
//!
//! First it prints the quality figures of `tests/search_eval` (the same evaluation
//! `tests/search_quality.rs` asserts) and the time of single queries, one by one, over the
//! embedded catalog (target: median under 1 ms) and over a synthetic 100,000-entry catalog
//! (target: median under 30 ms). The queries are every prefix of a few names as they are
//! typed, half-remembered names of existing connectors and made-up names.
//!
//! Then criterion measures the typed prefixes as groups ("hubspot crm" typed letter by
//! letter is one iteration; criterion's element rate gives the time per query).
//! Run: `cargo bench --bench search`.

#[path = "../tests/search_eval/mod.rs"]
mod search_eval;

use connector_wizard::catalog::{Catalog, ConnectorRecord, Kind};
use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use search_eval::Rng;
use std::time::{Duration, Instant};

const TYPED: [&str; 6] = [
    "hubspot crm",
    "calendly",
    "azure blob storage",
    "docusign",
    "notoin v2 connector",
    "zarquilo analytics",
];

fn prefixes(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    (1..=chars.len())
        .map(|i| chars[..i].iter().collect())
        .collect()
}

/// 100,000 entries: the embedded connectors plus made-up names (the generator of the
/// quality evaluation), with folder names for a third of them.
fn synthetic(n: usize) -> Catalog {
    let embedded = Catalog::embedded();
    let mut records: Vec<ConnectorRecord> = embedded
        .entries()
        .iter()
        .filter(|e| e.kind != Kind::PullRequest)
        .map(|e| ConnectorRecord {
            name: e.name.clone(),
            folder: e.folder.clone(),
            kind: e.kind,
            publisher: e.publisher.clone(),
            stack_owner: e.stack_owner.clone(),
            operations: e.operations,
            source: e.source.clone(),
            api_name: e.api_name.clone(),
        })
        .collect();
    let mut rng = Rng(42);
    while records.len() < n {
        let (_, name) = search_eval::made_up(&mut rng);
        let folder = rng.next().is_multiple_of(3).then(|| name.replace(' ', ""));
        let kind = if rng.next().is_multiple_of(3) {
            Kind::IndependentPublisher
        } else {
            Kind::Certified
        };
        records.push(ConnectorRecord {
            name,
            folder,
            kind,
            publisher: None,
            stack_owner: None,
            operations: None,
            source: "synthetic".into(),
            api_name: None,
        });
    }
    Catalog::from_parts(records, Vec::new(), Vec::new())
}

/// The queries timed one by one: typed prefixes, half-remembered names, made-up names.
fn queries(catalog: &Catalog) -> Vec<String> {
    let mut out: Vec<String> = TYPED.iter().flat_map(|w| prefixes(w)).collect();
    let mut rng = Rng(11);
    for (i, e) in catalog.entries().iter().enumerate() {
        let variants = search_eval::remembered_variants(&mut rng, e);
        if e.status.is_some() && i % 10 == 0 {
            out.extend(variants.into_iter().map(|(_, q)| q));
        }
    }
    out.extend((0..200).map(|_| search_eval::made_up(&mut rng).1));
    out
}

/// Median, 90th percentile and maximum time of one `search(q, 10)`.
fn latency(catalog: &Catalog, queries: &[String]) -> (Duration, Duration, Duration) {
    let mut times: Vec<Duration> = queries
        .iter()
        .map(|q| {
            let t = Instant::now();
            black_box(catalog.search(black_box(q), 10));
            t.elapsed()
        })
        .collect();
    times.sort();
    let at = |p: usize| times[(times.len() - 1) * p / 100];
    (at(50), at(90), at(100))
}

fn report(embedded: &Catalog, big: &Catalog) {
    let t = Instant::now();
    let quality = search_eval::evaluate(embedded, 1, 3000);
    println!("{}", quality.render());
    println!("(evaluation took {:.1} s)\n", t.elapsed().as_secs_f64());
    let qs = queries(embedded);
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    for (what, c, target) in [
        ("built-in catalog", embedded, 1.0),
        ("synthetic 100,000-entry catalog", big, 30.0),
    ] {
        // One warm-up pass, then the measured one.
        latency(c, &qs);
        let (med, p90, max) = latency(c, &qs);
        println!(
            "search, {} queries one by one, {what} ({} entries): median {:.3} ms, p90 {:.3} ms, max {:.3} ms (target: median < {target} ms)",
            qs.len(),
            c.searchable().count(),
            ms(med),
            ms(p90),
            ms(max)
        );
    }
    println!();
}

fn bench(c: &mut Criterion) {
    let embedded = Catalog::embedded();
    let big = synthetic(100_000);
    report(&embedded, &big);

    let mut g = c.benchmark_group("embedded");
    for word in TYPED {
        let ps = prefixes(word);
        g.throughput(Throughput::Elements(ps.len() as u64));
        g.bench_with_input(BenchmarkId::new("typed", word), &ps, |b, ps| {
            b.iter(|| {
                for p in ps {
                    black_box(embedded.search(black_box(p), 10));
                }
            })
        });
    }
    g.bench_function("load", |b| b.iter(|| black_box(Catalog::embedded())));
    g.finish();

    let mut g = c.benchmark_group("synthetic-100k");
    g.sample_size(20);
    for word in TYPED {
        let ps = prefixes(word);
        g.throughput(Throughput::Elements(ps.len() as u64));
        g.bench_with_input(BenchmarkId::new("typed", word), &ps, |b, ps| {
            b.iter(|| {
                for p in ps {
                    black_box(big.search(black_box(p), 10));
                }
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
