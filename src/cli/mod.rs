//! The command line: `corroborate check` and `corroborate lsp`. A thin edge: find and read
//! files, hand texts to the core, print the analysis. Exit codes follow ripgrep: 0 nothing
//! found, 1 warning-level disagreements found, 2 usage or I/O error.

pub mod human;
pub mod json;
mod render;
pub mod walk;

use crate::article::ArticleContext;
use crate::config::Config;
use crate::workspace::{Analysis, Doc};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Parser)]
#[command(
    name = "corroborate",
    version,
    about = "Compare several outlets' reports of the same event"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse article files and report people, figures, repeated claims and disagreements.
    Check {
        /// Files or folders (default: `paths` from corroborate.toml, else `articles/`).
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Worker threads (default: all cores).
        #[arg(long)]
        threads: Option<usize>,
    },
    /// Run the language server over stdio.
    Lsp {
        /// Accepted and ignored (some clients add it).
        #[arg(long)]
        stdio: bool,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    match cli.command {
        Command::Check {
            paths,
            format,
            threads,
        } => {
            if let Some(n) = threads {
                let _ = rayon::ThreadPoolBuilder::new()
                    .num_threads(n.max(1))
                    .build_global();
            }
            match check(&paths, format) {
                Ok(code) => code,
                Err(e) => {
                    eprintln!("corroborate: error: {e}");
                    2
                }
            }
        }
        Command::Lsp { .. } => crate::lsp::run(),
    }
}

/// The workspace root: the nearest folder, from the first path upwards, holding
/// `corroborate.toml`; else the current directory.
pub fn find_root(paths: &[PathBuf]) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let start = paths
        .first()
        .map(|p| cwd.join(p))
        .unwrap_or_else(|| cwd.clone());
    let start = std::fs::canonicalize(&start).unwrap_or(start);
    for dir in start.ancestors() {
        if dir.join(crate::config::FILE_NAME).is_file() {
            return dir.to_path_buf();
        }
    }
    cwd
}

/// Read `corroborate.toml` in `root`, if any.
pub fn load_config(root: &Path) -> Result<(Config, Vec<String>), String> {
    let path = root.join(crate::config::FILE_NAME);
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            let (c, w) =
                Config::from_toml(&text).map_err(|e| format!("{}: {e}", path.display()))?;
            Ok((
                c,
                w.into_iter()
                    .map(|w| format!("{}: {w}", path.display()))
                    .collect(),
            ))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok((Config::default(), Vec::new())),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// Read and analyse the articles under `paths` (the whole `check` job, without printing).
pub fn analyze_paths(paths: &[PathBuf]) -> Result<(Analysis, Vec<String>), String> {
    analyze_paths_timed(paths, &mut PhaseClock::from_env())
}

/// Wall time of `check`'s phases (and the peak memory so far, where Linux tells it) on
/// standard error, when `CORROBORATE_TIMING=1`: the
/// whole-process benchmarks use it to show where the seconds go (BENCHMARKS.md). Lives at
/// the edge: the core has no clocks.
struct PhaseClock {
    last: Option<std::time::Instant>,
}

impl PhaseClock {
    fn from_env() -> PhaseClock {
        let on = std::env::var_os("CORROBORATE_TIMING").is_some_and(|v| v == "1");
        PhaseClock {
            last: on.then(std::time::Instant::now),
        }
    }
    /// Print the time since the previous mark under `phase`.
    fn mark(&mut self, phase: &str) {
        if let Some(last) = self.last {
            let now = std::time::Instant::now();
            eprintln!(
                "corroborate: time: {phase} {:.0} ms{}",
                (now - last).as_secs_f64() * 1e3,
                peak_rss_mb().map_or(String::new(), |mb| format!(" (peak RSS so far {mb:.0} MB)"))
            );
            self.last = Some(now);
        }
    }
}

/// The process's peak resident set size so far (Linux `VmHWM`, in KiB), in MB of 10^6
/// bytes: the unit of the memory budget (4 × the corpus's bytes + 50 MB).
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024.0 / 1e6)
}

/// Most articles read and analysed as one task: small enough that the last tasks end
/// together, large enough that handing them out costs nothing (an article takes ~0.2 ms).
const ANALYSIS_GRAIN: usize = 8;

fn analyze_paths_timed(
    paths: &[PathBuf],
    clock: &mut PhaseClock,
) -> Result<(Analysis, Vec<String>), String> {
    let root = find_root(paths);
    let (config, mut warnings) = load_config(&root)?;
    let paths: Vec<PathBuf> = if !paths.is_empty() {
        paths.to_vec()
    } else if !config.paths.is_empty() {
        config.paths.iter().map(|p| root.join(p)).collect()
    } else {
        vec![PathBuf::from("articles")]
    };
    let found = walk::find_articles(&paths, &root, &config, &mut warnings)?;
    clock.mark("find files");
    // Read and analyse each file on one worker thread: no barrier between reading and
    // analysing, and the text is never held twice. File order is kept (`collect`
    // preserves it). Articles are handed out a few at a time: rayon's adaptive split
    // otherwise leaves ranges of hundreds of articles that one thread ends alone while
    // the other waits (10k articles: 0.15-0.2 s of one idle core at the end).
    let outlets = config.outlet_matcher();
    let read: Vec<Result<Doc, String>> = {
        use rayon::prelude::*;
        found
            .into_par_iter()
            .with_max_len(ANALYSIS_GRAIN)
            .map(|f| {
                let key = f.path.to_string_lossy();
                match walk::read_article(&f.path, config.max_file_size) {
                    Ok(decoded) => {
                        let ctx = ArticleContext {
                            outlet: outlets.outlet(&f.rel),
                            read_problems: decoded.problems,
                        };
                        Ok(Doc::analyze(&key, Arc::from(decoded.text), &ctx, &config))
                    }
                    Err(skip) => Err(format!("{key}: {}", skip.message(config.max_file_size))),
                }
            })
            .collect()
    };
    let mut docs = Vec::with_capacity(read.len());
    for r in read {
        match r {
            Ok(doc) => docs.push(doc),
            Err(w) => warnings.push(w),
        }
    }
    clock.mark("read and analyse articles");
    let analysis = crate::workspace::analyze_docs(docs, &config);
    clock.mark("cross-article findings");
    Ok((analysis, warnings))
}

fn check(paths: &[PathBuf], format: Format) -> Result<i32, String> {
    let mut clock = PhaseClock::from_env();
    let (analysis, warnings) = analyze_paths_timed(paths, &mut clock)?;
    for w in &warnings {
        eprintln!("corroborate: warning: {w}");
    }
    let mut out = std::io::stdout().lock();
    let written = match format {
        Format::Json => json::write(&mut out, &analysis, &warnings),
        Format::Human => human::write(&mut out, &analysis),
    };
    clock.mark("print");
    if let Err(e) = written {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            return Err(format!("writing output: {e}"));
        }
    }
    let code = if analysis.warnings() > 0 { 1 } else { 0 };
    // The process ends next: freeing the analysis allocation by allocation would cost
    // 40-50 ms at 10k articles for nothing (the system takes the memory back at once).
    std::mem::forget(analysis);
    Ok(code)
}
