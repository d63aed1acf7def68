//! Write a synthetic, deterministic news corpus for benchmarks.
//!
//! `cargo run --release --example gen_corpus -- --articles 10000 --out DIR [--seed N]`
//!
//! Files go under `DIR/NNN/` (at most 1000 per folder); the total byte count is printed.
//! The generator lives in `benches/support/synth.rs` so benchmarks share it.

#[path = "../benches/support/synth.rs"]
mod synth;

use std::path::PathBuf;
use std::process::ExitCode;

struct Args {
    articles: usize,
    out: PathBuf,
    seed: u64,
}

fn parse_args() -> Result<Args, String> {
    let mut articles = None;
    let mut out = None;
    let mut seed = 42;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--articles" | "-n" => {
                articles = Some(
                    value("--articles")?
                        .parse()
                        .map_err(|e| format!("--articles: {e}"))?,
                )
            }
            "--out" | "-o" => out = Some(PathBuf::from(value("--out")?)),
            "--seed" => {
                seed = value("--seed")?
                    .parse()
                    .map_err(|e| format!("--seed: {e}"))?
            }
            "--help" | "-h" => {
                return Err("usage: gen_corpus --articles N --out DIR [--seed N]".to_string())
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(Args {
        articles: articles.ok_or("--articles is required")?,
        out: out.ok_or("--out is required")?,
        seed,
    })
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("gen_corpus: {e}");
            return ExitCode::from(2);
        }
    };
    let mut total_bytes: u64 = 0;
    let mut files = 0usize;
    let mut made_dirs = std::collections::HashSet::new();
    for article in synth::Corpus::new(args.articles, args.seed) {
        let path = args.out.join(&article.rel_path);
        if let Some(dir) = path.parent() {
            if made_dirs.insert(dir.to_path_buf()) {
                if let Err(e) = std::fs::create_dir_all(dir) {
                    eprintln!("gen_corpus: {}: {e}", dir.display());
                    return ExitCode::from(2);
                }
            }
        }
        if let Err(e) = std::fs::write(&path, article.text.as_bytes()) {
            eprintln!("gen_corpus: {}: {e}", path.display());
            return ExitCode::from(2);
        }
        total_bytes += article.text.len() as u64;
        files += 1;
    }
    println!(
        "{files} articles, {total_bytes} bytes ({:.1} MB) in {}",
        total_bytes as f64 / 1e6,
        args.out.display()
    );
    ExitCode::SUCCESS
}
