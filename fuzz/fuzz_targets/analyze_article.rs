//! Arbitrary bytes → one article's analysis. The bytes are analysed twice: as lossy UTF-8
//! (what an editor buffer of garbage looks like) and, when `check` would accept them, as
//! the file decoder reads them (BOMs, UTF-16). Every span, index and value must be valid
//! (see `invariants.rs`), the analysis deterministic and the printers must not panic.
#![no_main]

use corroborate::article::{analyze, ArticleContext};
use corroborate::config::Config;
use libfuzzer_sys::fuzz_target;
use std::sync::Arc;

#[path = "../src/invariants.rs"]
mod invariants;

fn analyse_one(text: &str, config: &Config) {
    let facts = analyze(text, &ArticleContext::default(), config);
    invariants::check_facts(text, &facts);
    // Deterministic: the same text gives the same facts (only for small inputs: cost).
    if text.len() < 4096 {
        let again = analyze(text, &ArticleContext::default(), config);
        assert_eq!(
            format!("{facts:?}"),
            format!("{again:?}"),
            "analysis not deterministic"
        );
    }
    let analysis = corroborate::workspace::analyze_docs(
        vec![corroborate::workspace::Doc {
            key: "a.txt".into(),
            text: Arc::from(text),
            facts: Arc::new(facts),
        }],
        config,
    );
    invariants::check_analysis(&analysis);
    invariants::check_printers(&analysis);
}

fuzz_target!(|data: &[u8]| {
    let config = Config::default();
    let lossy = String::from_utf8_lossy(data);
    analyse_one(&lossy, &config);
    if let Ok(decoded) = corroborate::cli::walk::decode(data) {
        if decoded.text != lossy {
            analyse_one(&decoded.text, &config);
        }
    }
});
