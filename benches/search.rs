//! Search speed: queries typed letter by letter, over the embedded catalog (target: median
//! query under 1 ms) and over a synthetic 100,000-entry catalog (target: under 30 ms).
//!
//! Each benchmark searches every prefix of one name ("h", "hu", "hub", … "hubspot crm"),
//! so the time reported per iteration covers all of them; the per-query figure is that time
//! divided by the number of prefixes (criterion prints it as the element rate).
//! Run: `cargo bench --bench search`.

use connector_wizard::catalog::{Catalog, ConnectorRecord, Kind};
use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

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

/// SplitMix64, for a deterministic synthetic catalog.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

/// 100,000 entries: the embedded connectors plus made-up ones built from syllables and
/// common words, with folder names for a third of them.
fn synthetic(n: usize) -> Catalog {
    const ONSETS: [&str; 20] = [
        "b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "tr", "st",
        "qu", "sh", "ch",
    ];
    const VOWELS: [&str; 6] = ["a", "e", "i", "o", "u", "ai"];
    const CODAS: [&str; 6] = ["", "", "n", "r", "x", "s"];
    const WORDS: [&str; 20] = [
        "Cloud",
        "Analytics",
        "Hub",
        "Sync",
        "Pay",
        "CRM",
        "Data",
        "Forms",
        "Mail",
        "Docs",
        "Connect",
        "Sign",
        "Tracker",
        "Insights",
        "Bot",
        "Flow",
        "Desk",
        "Suite",
        "Vault",
        "Portal",
    ];
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
        let mut brand = String::new();
        for _ in 0..(2 + rng.next() % 2) {
            brand.push_str(rng.pick(&ONSETS));
            brand.push_str(rng.pick(&VOWELS));
            brand.push_str(rng.pick(&CODAS));
        }
        let mut name = brand[..1].to_uppercase() + &brand[1..];
        for _ in 0..(rng.next() % 3) {
            name.push(' ');
            name.push_str(rng.pick(&WORDS));
        }
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

fn bench(c: &mut Criterion) {
    let embedded = Catalog::embedded();
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

    let big = synthetic(100_000);
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
