//! Time what an edit costs at workspace scale, step by step as the server takes them:
//! re-analysing the edited article, `workspace::update_except_claims` (its people, its
//! story's disagreements), the snapshot, the diagnostics of the affected articles (then
//! published), and `workspace::update_claims`; against a full pass, on synthetic corpora.
//!
//! `cargo run --release --example update_times -- 10000 [edits]`
//!
//! Each edit changes the digits of a figure that takes part in a disagreement (alternately
//! +7 and −7 on its first digit run), as a journalist correcting a number would. Prints a
//! Markdown table of wall-time percentiles (the update is one thread's work).

#[path = "../benches/support/synth.rs"]
mod synth;

use corroborate::article::ArticleContext;
use corroborate::config::Config;
use corroborate::lsp::handlers::diagnostics;
use corroborate::lsp::snapshot::Snapshot;
use corroborate::position::Encoding;
use corroborate::workspace::{self, Doc};
use rayon::prelude::*;
use std::sync::Arc;
use std::time::Instant;

fn analysed(key: Arc<str>, text: Arc<str>, config: &Config) -> Doc {
    let facts = Arc::new(corroborate::article::analyze(
        &text,
        &ArticleContext::default(),
        config,
    ));
    Doc { key, text, facts }
}

/// The text with the first digit run inside `span` changed by `delta` (kept ≥ 0).
fn nudged(text: &str, span: corroborate::Span, delta: i64) -> Option<String> {
    let s = text.get(span.start..span.end)?;
    let start = s.find(|c: char| c.is_ascii_digit())?;
    let len = s[start..]
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(s.len() - start);
    let n: i64 = s[start..start + len].parse().ok()?;
    let at = span.start + start;
    Some(format!(
        "{}{}{}",
        &text[..at],
        (n + delta).max(0),
        &text[at + len..]
    ))
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() {
    let mut args = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse::<usize>().ok());
    let n = args.next().unwrap_or(1000);
    let edits = args.next().unwrap_or(40);
    let config = Config::default();
    let started = Instant::now();
    let docs: Vec<Doc> = synth::Corpus::collect(n, 42)
        .into_par_iter()
        .map(|a| analysed(a.rel_path.into(), Arc::from(a.text), &config))
        .collect();
    let t = Instant::now();
    let (analysis, mut state) = workspace::analyze_docs_incremental(docs, &config);
    let mut analysis = Arc::new(analysis);
    let full_ms = t.elapsed().as_secs_f64() * 1e3;
    eprintln!(
        "update_times: {n} articles ready in {:.1} s (full pass {full_ms:.0} ms); {} disagreements",
        started.elapsed().as_secs_f64(),
        analysis.disagreements.len()
    );
    let targets: Vec<corroborate::disagreements::FigureRef> = analysis
        .disagreements
        .iter()
        .filter_map(|d| d.figures().next())
        .collect();
    let config = Arc::new(config);
    let mut snapshot = Snapshot::new(
        0,
        analysis.clone(),
        config.clone(),
        vec![None; analysis.docs.len()],
        vec![None; analysis.docs.len()],
        None,
        Encoding::Utf16,
    );
    let (mut reanalyse, mut update, mut affected) = (Vec::new(), Vec::new(), Vec::new());
    let (mut snapshots, mut publish, mut claims) = (Vec::new(), Vec::new(), Vec::new());
    for (k, f) in targets.iter().cycle().take(edits).enumerate() {
        let doc = &analysis.docs[f.doc];
        let Some(fig) = doc.facts.figures.get(f.figure) else {
            continue;
        };
        let delta = if k % 2 == 0 { 7 } else { -7 };
        let Some(text) = nudged(&doc.text, fig.span, delta) else {
            continue;
        };
        let t = Instant::now();
        let edited = analysed(doc.key.clone(), Arc::from(text), &config);
        reanalyse.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let Some(mut up) = workspace::update_except_claims(&analysis, &mut state, edited, &config)
        else {
            continue;
        };
        update.push(t.elapsed().as_secs_f64() * 1e3);
        affected.push(up.affected.len() as f64);
        let affected_docs = up.affected.clone();
        let t = Instant::now();
        up.analysis.claims = workspace::update_claims(&up.analysis, &mut state, &[up.edited]);
        claims.push(t.elapsed().as_secs_f64() * 1e3);
        analysis = Arc::new(up.analysis);
        // What the server does next: a snapshot reusing the unchanged line indexes, then
        // the diagnostics of the affected articles.
        let t = Instant::now();
        let shared = analysis.clone();
        let next = Snapshot::with_lines(
            k as u64 + 1,
            shared,
            config.clone(),
            snapshot.uris.clone(),
            snapshot.versions.clone(),
            None,
            Encoding::Utf16,
            |i, d| {
                let old = snapshot.analysis.docs.get(i)?;
                Arc::ptr_eq(&old.text, &d.text).then(|| snapshot.lines[i].clone())
            },
        );
        snapshots.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let n_diags: usize = diagnostics::for_docs(&next, &affected_docs)
            .iter()
            .map(|(_, d)| d.len())
            .sum();
        publish.push(t.elapsed().as_secs_f64() * 1e3);
        std::hint::black_box(n_diags);
        snapshot = next;
    }
    println!(
        "| {n} articles, {} edits | p50 | p95 | p99 | max |",
        update.len()
    );
    println!("|---|---:|---:|---:|---:|");
    for (name, v) in [
        (
            "article::analyze of the edited article (ms)",
            &mut reanalyse,
        ),
        ("workspace::update_except_claims (ms)", &mut update),
        ("lsp snapshot (ms)", &mut snapshots),
        ("diagnostics of the affected articles (ms)", &mut publish),
        ("articles affected (re-published)", &mut affected),
        (
            "workspace::update_claims, after publishing (ms)",
            &mut claims,
        ),
    ] {
        v.sort_by(f64::total_cmp);
        println!(
            "| {name} | {:.2} | {:.2} | {:.2} | {:.2} |",
            percentile(v, 0.5),
            percentile(v, 0.95),
            percentile(v, 0.99),
            v.last().copied().unwrap_or(0.0)
        );
    }
    println!("| full pass for comparison (ms) | {full_ms:.0} | | | |");
    // How far the claims kept up to date drifted from a cold run on the edited articles
    // (the caps make updates approximate on template-heavy text; the server's full pass
    // at a pause puts it right).
    let occurrences = |claims: &[Arc<corroborate::claims::Claim>]| {
        claims
            .iter()
            .map(|c| {
                c.occurrences
                    .iter()
                    .map(|o| (o.doc, o.span.start, o.span.end))
                    .collect::<Vec<_>>()
            })
            .collect::<std::collections::BTreeSet<_>>()
    };
    let kept = occurrences(&analysis.claims);
    let cold: Vec<Arc<corroborate::claims::Claim>> =
        corroborate::claims::find(&analysis.docs, &config)
            .into_iter()
            .map(Arc::new)
            .collect();
    let cold = occurrences(&cold);
    eprintln!(
        "update_times: after the edits, {} claims kept up to date, {} in a cold run, {} of them not kept",
        kept.len(),
        cold.len(),
        cold.difference(&kept).count()
    );
}
