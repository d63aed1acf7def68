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
///
/// The claims first, then the rest (people → stories → disagreements), one after the
/// other: each phase's working set then stands on the articles alone. Running the stories
/// beside the claims' last steps filled an idle core (−6 % wall at 10k) but stacked the
/// two working sets: 15 MB more at peak on a figure-dense corpus of 30 MB, over the
/// memory budget of 4 × corpus + 50 MB (BENCHMARKS.md, "Memory"). The budget is the harder
/// limit.
pub fn analyze_docs(mut docs: Vec<Doc>, config: &Config) -> Analysis {
    docs.sort_by(|a, b| a.key.cmp(&b.key));
    let claims = crate::claims::find(&docs, config);
    let rest = not_claims(&docs, config);
    assemble(docs, shared(claims), rest)
}

/// [`analyze_docs`], also returning the state [`update`] needs to follow later edits.
pub fn analyze_docs_incremental(mut docs: Vec<Doc>, config: &Config) -> (Analysis, Incremental) {
    docs.sort_by(|a, b| a.key.cmp(&b.key));
    // claims first, then the rest, as in `analyze_docs`
    let (claims, index) = crate::claims::find_indexed(&docs, config);
    let rest = not_claims(&docs, config);
    let analysis = assemble(docs, shared(claims), rest);
    let state = Incremental::new(&analysis, index);
    (analysis, state)
}

fn shared<T>(items: Vec<T>) -> Vec<Arc<T>> {
    items.into_iter().map(Arc::new).collect()
}

/// The findings other than claims, in docs sorted by key: people merged into entities,
/// stories, disagreements (one after the other, each parallel inside).
struct NotClaims {
    entities: Vec<Entity>,
    stories: Vec<Option<String>>,
    disagreements: Vec<Disagreement>,
}

fn not_claims(docs: &[Doc], config: &Config) -> NotClaims {
    let mentions: Vec<&[crate::people::PersonMention]> =
        docs.iter().map(|d| d.facts.people.as_slice()).collect();
    let entities = crate::people::merge(&mentions, &config.people);
    let stories = crate::stories::group(docs, &entities);
    let disagreements = crate::disagreements::find(docs, &stories, config);
    NotClaims {
        entities,
        stories,
        disagreements,
    }
}

fn assemble(docs: Vec<Doc>, claims: Vec<Arc<Claim>>, rest: NotClaims) -> Analysis {
    Analysis {
        docs,
        entities: shared(rest.entities),
        stories: Arc::new(rest.stories),
        claims,
        disagreements: shared(rest.disagreements),
    }
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
