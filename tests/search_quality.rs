//! Quality of the duplicate search, measured on the embedded catalog itself with the
//! generator of `tests/search_eval` (what each kind of variant is, and what counts as found
//! and judged, is described there).
//!
//! Targets:
//! - issue 3: the right connector is first for ≥ 95 % of the easy variants;
//! - issue 11: on half-remembered names (a word dropped, words reordered, "MS" for
//!   "Microsoft", an extra word, two typos) and on all variants together, the right
//!   connector is judged `same` or `likely` for ≥ 95 % and is in the top 5 for ≥ 98 %;
//!   made-up names are answered `same` or `likely` for ≤ 2 %, and `vendor` only when one of
//!   their words is a real vendor's name.
//!
//! Run with `--nocapture` to see the figures (`cargo bench --bench search` prints them too).

mod search_eval;

use connector_wizard::catalog::Catalog;
use search_eval::{evaluate, Report};

#[test]
fn search_quality_meets_the_targets() {
    let catalog = Catalog::embedded();
    let report = evaluate(&catalog, 1, 3000);
    println!("{}", report.render());
    println!("first misses:\n  {}", report.misses.join("\n  "));
    println!("false answers:\n  {}", report.false_answers.join("\n  "));
    println!("vendor answers:\n  {}", report.vendor_answers.join("\n  "));

    let easy = report.easy_total();
    let remembered = report.remembered_total();
    let all = report.all_total();
    assert!(easy.n > 10_000, "too few variants: {}", easy.n);
    assert!(remembered.n > 3_000, "too few variants: {}", remembered.n);
    let (first, _, _) = Report::rates(&easy);
    assert!(first >= 95.0, "easy variants first {first:.2}%");
    for (what, t) in [("half-remembered", &remembered), ("all", &all)] {
        let (_, top5, judged) = Report::rates(t);
        assert!(top5 >= 98.0, "{what} variants in the top 5 {top5:.2}%");
        assert!(
            judged >= 95.0,
            "{what} variants judged same/likely {judged:.2}%"
        );
    }
    let neg = report.negative_total();
    assert_eq!(neg.n, 3000);
    let rate = 100.0 * neg.same_or_likely as f64 / neg.n as f64;
    assert!(rate <= 2.0, "made-up names answered same/likely {rate:.2}%");
    assert_eq!(
        neg.vendor_without_word, 0,
        "made-up names answered vendor without a vendor's name in them"
    );
}

/// The trigram/prefix/token candidate path used for big catalogs finds the same first hit
/// as scoring every entry.
#[test]
fn indexed_path_agrees_with_exhaustive_scoring() {
    let catalog = Catalog::embedded();
    let index = catalog.index().clone().with_grams();
    let mut rng = search_eval::Rng(7);
    let (mut n, mut same_first, mut same_top5) = (0usize, 0usize, 0usize);
    for (i, e) in catalog.entries().iter().enumerate() {
        if e.status.is_none() || i % 4 != 0 {
            continue;
        }
        for (_, q) in search_eval::easy_variants(&mut rng, e) {
            let query = index.query(&q);
            let a = index.search_query(&query, 5, true);
            let b = index.search_query(&query, 5, false);
            n += 1;
            same_first += usize::from(a.first().map(|h| h.0) == b.first().map(|h| h.0));
            same_top5 += usize::from(a == b);
        }
    }
    let pct = |a: usize| 100.0 * a as f64 / n.max(1) as f64;
    println!(
        "indexed vs exhaustive over {n} queries: same first hit {:.1}%, same top 5 {:.1}%",
        pct(same_first),
        pct(same_top5)
    );
    assert!(n > 2000);
    assert!(pct(same_first) >= 99.0, "{:.2}%", pct(same_first));
}
