//! Profile `article::analyze` alone: analyse every text file under a folder N times on one
//! thread and print the CPU time per article (this thread's).
//!
//! `cargo run --release --example article_prof -- /tmp/corroborate-bench/1000 5`

use corroborate::article::ArticleContext;
use corroborate::config::Config;

fn files(dir: &std::path::Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            files(&p, out);
        } else if let Ok(t) = std::fs::read_to_string(&p) {
            out.push(t);
        }
    }
}

/// This thread's CPU time in ms (`/proc/thread-self/schedstat`), else wall time.
fn cpu_ms(wall: std::time::Instant) -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .map_or_else(|| wall.elapsed().as_secs_f64() * 1e3, |ns| ns as f64 / 1e6)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .unwrap_or_else(|| "/tmp/corroborate-bench/1000".into());
    let reps: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(5);
    let mut texts = Vec::new();
    files(std::path::Path::new(&dir), &mut texts);
    let config = Config::default();
    let ctx = ArticleContext::default();
    let wall = std::time::Instant::now();
    let t0 = cpu_ms(wall);
    let mut n = 0usize;
    for _ in 0..reps {
        for text in &texts {
            let f = corroborate::article::analyze(text, &ctx, &config);
            n += f.figures.len() + f.people.len() + f.quotes.len();
        }
    }
    let per = (cpu_ms(wall) - t0) / (reps * texts.len()).max(1) as f64;
    println!(
        "{} texts × {reps}: {per:.3} ms per article ({n} facts)",
        texts.len()
    );
}
