//! The articles of a corpus on disk (another generator's, say), for the examples that
//! measure the analysis on them.

use std::path::{Path, PathBuf};

/// Every `.txt` and `.md` file under `dir` with its text, in path order; files that are
/// not UTF-8 text are left out (these are measurements, not `check`).
pub fn articles_under(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut paths = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "txt" || x == "md") {
                paths.push(p);
            }
        }
    }
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            Some((p, text))
        })
        .collect()
}
