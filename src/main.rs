//! The `corroborate` binary: the CLI and the language server (`corroborate lsp`).

/// jemalloc instead of glibc's malloc. The analysis makes millions of small, short-lived
/// allocations on two threads beside large temporary arrays (postings, counters, output
/// batches). jemalloc's per-thread size-class slabs serve both with fewer page faults
/// and less allocator work. Measured on this 2-core machine (same host, one after the
/// other): 10k articles 3.38 → 3.13 s, 50k 25.1 → 18.7 s (glibc's system time alone was
/// 3.9 s); peak RSS 10k 156 → 168 MB (budget 185), 50k 677 → 705 MB (budget 724). The
/// glibc `mallopt` tuning this replaces is gone, and with it the crate's only `unsafe`.
///
/// Its options are built in (`.cargo/config.toml` sets `JEMALLOC_SYS_WITH_MALLOC_CONF`):
/// a background thread purges pages idle for 100 ms. Without it, the pages each phase
/// frees stay resident until the next allocator call after 10 s, so the phases' peaks
/// stack: peak RSS at 10k 160–182 → 155 MB, at a figure-dense 10k corpus 289 → 270 MB,
/// same wall time. `_RJEM_MALLOC_CONF` still overrides them at run time. See BENCHMARKS.md.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() {
    std::process::exit(corroborate::cli::main());
}
