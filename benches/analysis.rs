//! In-process benchmarks (divan): one article's analysis, and the cross-article findings
//! (`workspace::analyze_docs`) on synthetic corpora of growing size.
//!
//! `cargo bench --bench analysis` (add `-- --sample-count 10` to shorten). The corpora come
//! from `support/synth.rs`, the same generator as `examples/gen_corpus.rs`, seed 42.

#[path = "support/synth.rs"]
mod synth;

use corroborate::article::ArticleContext;
use corroborate::config::Config;
use corroborate::workspace::{analyze_docs, Doc};
use divan::counter::{BytesCount, ItemsCount};
use divan::Bencher;
use std::sync::{Arc, OnceLock};

fn main() {
    divan::main();
}

const SEED: u64 = 42;

/// The analysed docs of a corpus of `n` articles, computed once per size.
fn docs(n: usize) -> Vec<Doc> {
    type Cache = std::sync::Mutex<Vec<(usize, Vec<Doc>)>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, d)) = cache.iter().find(|(k, _)| *k == n) {
        return d.clone();
    }
    let config = Config::default();
    let d: Vec<Doc> = synth::Corpus::collect(n, SEED)
        .into_iter()
        .map(|a| {
            let text: Arc<str> = Arc::from(a.text);
            let facts = Arc::new(corroborate::article::analyze(
                &text,
                &ArticleContext::default(),
                &config,
            ));
            Doc {
                key: a.rel_path.into(),
                text,
                facts,
            }
        })
        .collect();
    cache.push((n, d.clone()));
    d
}

/// One article at a time, over the first 200 articles of the corpus (2–8 KB each).
#[divan::bench]
fn article_analyze(bencher: Bencher) {
    let articles = synth::Corpus::collect(200, SEED);
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let config = Config::default();
    let ctx = ArticleContext::default();
    bencher
        .counter(BytesCount::new(bytes))
        .counter(ItemsCount::new(articles.len()))
        .bench(|| {
            for a in &articles {
                divan::black_box(corroborate::article::analyze(
                    divan::black_box(&a.text),
                    &ctx,
                    &config,
                ));
            }
        });
}

/// Cross-article findings on already analysed docs: people merged, stories, claims,
/// disagreements. Sizes step by 2–5× to expose superlinear growth.
#[divan::bench(args = [500, 1000, 2000, 5000], sample_count = 10)]
fn workspace_analyze_docs(bencher: Bencher, n: usize) {
    let docs = docs(n);
    let config = Config::default();
    bencher
        .counter(ItemsCount::new(n))
        .with_inputs(|| docs.clone())
        .bench_values(|d| analyze_docs(d, &config));
}

/// Whole in-process pipeline (per-article analysis in parallel, then findings).
#[divan::bench(args = [1000], sample_count = 5)]
fn workspace_analyze_texts(bencher: Bencher, n: usize) {
    let articles = synth::Corpus::collect(n, SEED);
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let config = Config::default();
    let inputs: Vec<(String, Arc<str>, ArticleContext)> = articles
        .into_iter()
        .map(|a| (a.rel_path, Arc::from(a.text), ArticleContext::default()))
        .collect();
    bencher
        .counter(BytesCount::new(bytes))
        .with_inputs(|| inputs.clone())
        .bench_values(|i| corroborate::workspace::analyze_texts(i, &config));
}

/// Repeated claims alone, cold (`claims::find`, as `check` runs it).
#[divan::bench(args = [1000, 4000], sample_count = 5)]
fn claims_find(bencher: Bencher, n: usize) {
    let docs = docs(n);
    let config = Config::default();
    bencher
        .counter(ItemsCount::new(n))
        .bench(|| corroborate::claims::find(divan::black_box(&docs), &config));
}

/// One edited article through the language server's claim index
/// (`ClaimIndex::update_doc`): the article takes another's text, then gets its own back.
#[divan::bench(args = [1000, 4000], sample_count = 10)]
fn claims_update_doc(bencher: Bencher, n: usize) {
    let original = docs(n);
    let config = Config::default();
    let (_, mut index) = corroborate::claims::find_indexed(&original, &config);
    let mut edited = original.clone();
    let i = n / 2;
    edited[i] = Doc {
        key: original[i].key.clone(),
        text: original[i + 1].text.clone(),
        facts: original[i + 1].facts.clone(),
    };
    let mut flip = false;
    bencher.bench_local(|| {
        flip = !flip;
        let docs = if flip { &edited } else { &original };
        index.update_doc(divan::black_box(docs), i)
    });
}
