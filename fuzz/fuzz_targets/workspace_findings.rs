//! Several arbitrary articles → the workspace findings (people merged, stories, claims,
//! disagreements). The input is lossy UTF-8 split into up to 8 articles on lines holding
//! only `=====`; article i's outlet comes from its text, or for every third article from
//! the context (as `[outlets]` in corroborate.toml would set it), so that articles of
//! different outlets meet. Every cross-article index must be valid, findings must not
//! depend on the order the articles were given in, and the printers must not panic.
#![no_main]

use corroborate::article::ArticleContext;
use corroborate::config::Config;
use libfuzzer_sys::fuzz_target;
use std::sync::Arc;

#[path = "../src/invariants.rs"]
mod invariants;

const OUTLETS: [&str; 3] = ["The Valley Herald", "Coastal Courier", "Metro Daily"];

fn inputs(text: &str) -> Vec<(String, Arc<str>, ArticleContext)> {
    text.split("\n=====\n")
        .take(8)
        .enumerate()
        .map(|(i, t)| {
            let ctx = ArticleContext {
                outlet: (i % 3 == 2).then(|| OUTLETS[i % OUTLETS.len()].to_string()),
                read_problems: Vec::new(),
            };
            (format!("articles/a{i}.txt"), Arc::from(t), ctx)
        })
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let config = Config::default();
    let given = inputs(&text);
    let mut reversed = given.clone();
    reversed.reverse();
    let a = corroborate::workspace::analyze_texts(given, &config);
    invariants::check_analysis(&a);
    invariants::check_printers(&a);
    // Input order must not matter (docs are sorted by key before findings are computed).
    let b = corroborate::workspace::analyze_texts(reversed, &config);
    assert_eq!(
        format!(
            "{:?}{:?}{:?}{:?}",
            a.entities, a.stories, a.claims, a.disagreements
        ),
        format!(
            "{:?}{:?}{:?}{:?}",
            b.entities, b.stories, b.claims, b.disagreements
        ),
        "findings depend on input order"
    );
});
