//! Time each phase of the analysis on synthetic corpora of growing size, on one thread, to
//! find which phase grows faster than the corpus.
//!
//! `cargo run --release --example phase_times -- 1000 2000 5000 10000`, or
//! `-- --dir DIR` for the `.txt`/`.md` files under DIR (another generator's corpus).
//!
//! Phases: per-article analysis (`article::analyze`, summed over articles), then the
//! cross-article steps of `workspace::analyze_docs` one by one, then the JSON printer
//! (into a sink). Times are CPU time of the whole process (every thread), so a phase's
//! row is its total work whatever the parallelism; run with `RAYON_NUM_THREADS=1` to keep
//! the phases from overlapping with nothing else. Prints a Markdown table: milliseconds per phase and, per size, the time
//! per article relative to the first size (1.00 = linear).

#[path = "../benches/support/corpus_dir.rs"]
mod corpus_dir;
#[path = "../benches/support/synth.rs"]
mod synth;

use corroborate::article::ArticleContext;
use corroborate::config::Config;
use corroborate::workspace::{Analysis, Doc};
use std::sync::Arc;

const PHASES: [&str; 7] = [
    "article::analyze",
    "people::merge",
    "stories::group",
    "claims::find",
    "disagreements::find",
    "cli::json::write",
    "total",
];

/// A point in the process's CPU time (user + system, all threads: the phases run on rayon's
/// threads too), in nanoseconds, from Linux `/proc/self/stat` (10 ms ticks); elsewhere
/// the wall clock. Not wall time: the machine is shared.
#[derive(Clone, Copy)]
struct Instant(Option<u64>, std::time::Instant);

impl Instant {
    fn now() -> Instant {
        let cpu = std::fs::read_to_string("/proc/self/stat")
            .ok()
            .and_then(|s| {
                // fields after the parenthesised command name: state is field 3, utime 14, stime 15
                let rest = &s[s.rfind(')')? + 2..];
                let f: Vec<&str> = rest.split_whitespace().collect();
                let ticks: u64 =
                    f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
                Some(ticks * 10_000_000)
            });
        Instant(cpu, std::time::Instant::now())
    }
}

fn ms(t: Instant) -> f64 {
    match (t, Instant::now()) {
        (Instant(Some(a), _), Instant(Some(b), _)) => (b.saturating_sub(a)) as f64 / 1e6,
        _ => t.1.elapsed().as_secs_f64() * 1e3,
    }
}

/// Peak resident set size so far (VmHWM, in KiB), in MB of 10^6 bytes; 0 where /proc is
/// missing.
fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
            line.split_whitespace().nth(1)?.parse::<f64>().ok()
        })
        .map_or(0.0, |kb| kb * 1024.0 / 1e6)
}

/// (key, text) of each article: `n` synthetic ones, or every `.txt`/`.md` file under
/// `dir` (another generator's corpus, say).
fn load(n: usize, dir: Option<&std::path::Path>) -> Vec<(String, String)> {
    let Some(dir) = dir else {
        return synth::Corpus::collect(n, 42)
            .into_iter()
            .map(|a| (a.rel_path, a.text))
            .collect();
    };
    corpus_dir::articles_under(dir)
        .into_iter()
        .map(|(p, text)| (p.to_string_lossy().into_owned(), text))
        .collect()
}

fn run(articles: Vec<(String, String)>, config: &Config) -> [f64; 7] {
    let n = articles.len();
    let mut out = [0.0; 7];
    let t = Instant::now();
    let mut docs: Vec<Doc> = articles
        .into_iter()
        .map(|(key, text)| {
            let text: Arc<str> = Arc::from(text);
            let facts = Arc::new(corroborate::article::analyze(
                &text,
                &ArticleContext::default(),
                config,
            ));
            Doc {
                key: key.into(),
                text,
                facts,
            }
        })
        .collect();
    out[0] = ms(t);
    let mut hwm = vec![("generated + article::analyze", peak_rss_mb())];
    docs.sort_by(|a, b| a.key.cmp(&b.key));
    let t = Instant::now();
    let mentions: Vec<&[corroborate::people::PersonMention]> =
        docs.iter().map(|d| d.facts.people.as_slice()).collect();
    let entities = corroborate::people::merge(&mentions, &config.people);
    out[1] = ms(t);
    hwm.push(("people::merge", peak_rss_mb()));
    let t = Instant::now();
    let stories = corroborate::stories::group(&docs, &entities);
    out[2] = ms(t);
    hwm.push(("stories::group", peak_rss_mb()));
    let t = Instant::now();
    let (claims, work) = corroborate::claims::find_with_stats(&docs, config);
    out[3] = ms(t);
    // the work claims matching did, per variant: bounded by the postings cap, so it
    // levels off as the corpus grows
    let per_variant = |x: usize| x as f64 / work.variants.max(1) as f64;
    eprintln!(
        "phase_times: {n} articles: claims: {} units, {} variants, {:.1} postings entries visited and {:.2} pairs scored per variant",
        work.units,
        work.variants,
        per_variant(work.postings_visited),
        per_variant(work.pairs_scored)
    );
    hwm.push(("claims::find", peak_rss_mb()));
    let t = Instant::now();
    let disagreements = corroborate::disagreements::find(&docs, &stories, config);
    out[4] = ms(t);
    hwm.push(("disagreements::find", peak_rss_mb()));
    let analysis = Analysis {
        docs,
        entities: entities.into_iter().map(Arc::new).collect(),
        stories: stories.into(),
        claims: claims.into_iter().map(Arc::new).collect(),
        disagreements: disagreements.into_iter().map(Arc::new).collect(),
    };
    let t = Instant::now();
    let _ = corroborate::cli::json::write(&mut std::io::sink(), &analysis, &[]);
    out[5] = ms(t);
    hwm.push(("cli::json::write", peak_rss_mb()));
    eprintln!(
        "phase_times: {n} articles: peak RSS after each phase (MB): {}",
        hwm.iter()
            .map(|(p, m)| format!("{p} {m:.0}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    out[6] = out[..6].iter().sum();
    eprintln!(
        "phase_times: {n} articles: {} entities, {} claims, {} disagreements",
        analysis.entities.len(),
        analysis.claims.len(),
        analysis.disagreements.len()
    );
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let config = Config::default();
    if let [flag, dir] = args.as_slice() {
        if flag == "--dir" {
            let r = run(load(0, Some(std::path::Path::new(dir))), &config);
            for (name, ms) in PHASES.iter().zip(r) {
                println!("| {name} | {ms:.1} |");
            }
            return;
        }
    }
    let sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() {
        vec![1000, 2000, 5000, 10000]
    } else {
        sizes
    };
    let results: Vec<(usize, [f64; 7])> = sizes
        .iter()
        .map(|&n| (n, run(load(n, None), &config)))
        .collect();
    print!("| phase |");
    for (n, _) in &results {
        print!(" {n} ms |");
    }
    println!(
        " per-article growth, {} → {} |",
        sizes[0],
        sizes[sizes.len() - 1]
    );
    print!("|---|");
    for _ in &results {
        print!("---:|");
    }
    println!("---:|");
    let (n0, first) = &results[0];
    let (nl, last) = &results[results.len() - 1];
    for (i, name) in PHASES.iter().enumerate() {
        print!("| {name} |");
        for (_, r) in &results {
            print!(" {:.1} |", r[i]);
        }
        // a phase under the clock's 10 ms tick at the first size has no growth to show
        if first[i] > 0.0 {
            let growth = (last[i] / *nl as f64) / (first[i] / *n0 as f64);
            println!(" {growth:.2}× |");
        } else {
            println!(" n/a |");
        }
    }
}
