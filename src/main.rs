fn main() {
    allocator::keep_large_blocks_mapped();
    std::process::exit(corroborate::cli::main());
}

mod allocator {
    /// glibc's malloc raises its mmap threshold each time a large block is freed (up to
    /// 32 MB); from then on the large temporary arrays of a run (postings, counters, output
    /// batches) are carved from the heap arenas, and their pages stay resident and
    /// fragmented after they are freed. A fixed threshold keeps every block over 1 MB in
    /// its own mapping, returned to the system on free: peak RSS of a 10k-article `check`
    /// 184 → 178 MB with two threads, same time (BENCHMARKS.md). 128 KB saved no more
    /// memory and cost system time in page faults (50k articles: 26 s against 22 s).
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    pub fn keep_large_blocks_mapped() {
        extern "C" {
            fn mallopt(param: i32, value: i32) -> i32;
        }
        /// `M_MMAP_THRESHOLD` in glibc's malloc.h; setting it disables the dynamic raise.
        const M_MMAP_THRESHOLD: i32 = -3;
        // SAFETY: mallopt is glibc's documented tuning call, made before any thread starts;
        // it only changes allocation policy and returns 0 on refusal, which we ignore.
        unsafe {
            mallopt(M_MMAP_THRESHOLD, 1024 * 1024);
        }
    }

    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    pub fn keep_large_blocks_mapped() {}
}
