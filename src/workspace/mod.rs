//! The workspace index: every article's facts, plus the cross-article findings computed
//! from them (people merged into entities, stories, repeated claims, disagreements).
//! Pure: the edges turn files or editor buffers into [`Doc`]s.

use crate::article::{ArticleContext, ArticleFacts};
use crate::claims::Claim;
use crate::config::Config;
use crate::disagreements::Disagreement;
use crate::people::Entity;
use rayon::prelude::*;
use std::sync::Arc;

mod update;
pub use update::{update, update_claims, update_except_claims, Incremental, Update};

/// One article in the workspace. `key` is opaque to the core (a path or URI) and orders
/// articles deterministically.
#[derive(Clone, Debug)]
pub struct Doc {
    pub key: Arc<str>,
    pub text: Arc<str>,
    pub facts: Arc<ArticleFacts>,
}

impl Doc {
    /// Analyse one article into a doc.
    pub fn analyze(key: &str, text: Arc<str>, context: &ArticleContext, config: &Config) -> Doc {
        let facts = Arc::new(crate::article::analyze(&text, context, config));
        Doc {
            key: key.into(),
            text,
            facts,
        }
    }
    pub fn outlet(&self) -> Option<&str> {
        self.facts.meta.outlet.as_deref()
    }
}

/// Cross-article findings over a set of docs (indices refer to `docs`).
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    pub docs: Vec<Doc>,
    /// Shared, so an update copies only the entities it touches.
    pub entities: Vec<Arc<Entity>>,
    /// Story id of each doc (`None` when it shares a story with no other article). Shared:
    /// an update keeps every article's story.
    pub stories: Arc<Vec<Option<String>>>,
    /// Shared, so an update copies only the claims it changes.
    pub claims: Vec<Arc<Claim>>,
    /// Shared, so an update copies only its story's disagreements.
    pub disagreements: Vec<Arc<Disagreement>>,
}

/// Analyse every text (in parallel) then compute the findings. Docs are sorted by key.
pub fn analyze_texts(inputs: Vec<(String, Arc<str>, ArticleContext)>, config: &Config) -> Analysis {
    let docs: Vec<Doc> = inputs
        .into_par_iter()
        .map(|(key, text, ctx)| Doc::analyze(&key, text, &ctx, config))
        .collect();
    analyze_docs(docs, config)
}

/// Compute the cross-article findings for already analysed docs.
pub fn analyze_docs(docs: Vec<Doc>, config: &Config) -> Analysis {
    findings(docs, config, |docs| {
        (shared(crate::claims::find(docs, config)), ())
    })
    .0
}

/// [`analyze_docs`], also returning the state [`update`] needs to follow later edits.
pub fn analyze_docs_incremental(docs: Vec<Doc>, config: &Config) -> (Analysis, Incremental) {
    let (analysis, claims) = findings(docs, config, |docs| {
        let (claims, index) = crate::claims::find_indexed(docs, config);
        (shared(claims), index)
    });
    let state = Incremental::new(&analysis, claims);
    (analysis, state)
}

fn shared<T>(items: Vec<T>) -> Vec<Arc<T>> {
    items.into_iter().map(Arc::new).collect()
}

/// The findings, with claims from `claims` (which may also keep an index).
fn findings<T: Send>(
    mut docs: Vec<Doc>,
    config: &Config,
    claims: impl FnOnce(&[Doc]) -> (Vec<Arc<Claim>>, T) + Send,
) -> (Analysis, T) {
    docs.sort_by(|a, b| a.key.cmp(&b.key));
    // Claims, then people → stories → disagreements: one after the other, each parallel
    // inside. Side by side (`rayon::join`) their working sets added up: at 10k articles
    // the peak was 180 MB instead of 160 (50k: 842 instead of 739) for 0.1–0.2 s less
    // wall time; the memory budget is the harder limit (BENCHMARKS.md). Claims come
    // first because theirs is the highest peak: it then stands on the articles alone,
    // not also on the entities, stories and disagreements (50k: 31 MB less).
    let (claims, extra) = claims(&docs);
    let mentions: Vec<&[crate::people::PersonMention]> =
        docs.iter().map(|d| d.facts.people.as_slice()).collect();
    let entities = crate::people::merge(&mentions, &config.people);
    let stories = Arc::new(crate::stories::group(&docs, &entities));
    let disagreements = shared(crate::disagreements::find(&docs, &stories, config));
    let entities: Vec<Arc<Entity>> = shared(entities);
    drop(mentions);
    let analysis = Analysis {
        docs,
        entities,
        stories,
        claims,
        disagreements,
    };
    (analysis, extra)
}

impl Analysis {
    pub fn doc_index(&self, key: &str) -> Option<usize> {
        self.docs.binary_search_by(|d| (*d.key).cmp(key)).ok()
    }
    /// Number of `warning`-level disagreements.
    pub fn warnings(&self) -> usize {
        self.disagreements
            .iter()
            .filter(|d| d.severity == crate::disagreements::Severity::Warning)
            .count()
    }
}
