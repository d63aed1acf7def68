//! What the server knows of the workspace besides open documents: its folders, the
//! effective configuration, the articles read from disk, and a cache of per-article facts
//! so an edit re-analyses only the edited article.

use super::convert;
use super::snapshot::Snapshot;
use crate::article::{ArticleContext, ArticleFacts};
use crate::cli::walk;
use crate::config::Config;
use crate::position::{Encoding, LineIndex};
use crate::workspace::{Analysis, Doc, Incremental};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower_lsp_server::ls_types::Uri;

/// An article read from disk.
#[derive(Clone, Debug)]
pub struct DiskDoc {
    pub path: PathBuf,
    /// Path relative to the root, `/`-separated (for `[outlets]` globs).
    pub rel: String,
    pub text: Arc<str>,
    pub problems: Vec<String>,
}

/// Facts computed for one text in one context, reusable while both stay the same.
#[derive(Clone, Debug)]
pub struct Cached {
    text: Arc<str>,
    config: Arc<Config>,
    outlet: Option<String>,
    problems: Vec<String>,
    facts: Arc<ArticleFacts>,
    lines: Arc<LineIndex>,
}

#[derive(Default)]
pub struct World {
    /// Workspace folders (absolute). Nothing outside them is ever read.
    pub folders: Vec<PathBuf>,
    /// Where `corroborate.toml` is read and written: the first folder.
    pub root: Option<PathBuf>,
    /// Settings from the editor (initializationOptions, didChangeConfiguration).
    pub editor_settings: Option<serde_json::Value>,
    /// The workspace as a whole: the first folder's configuration, with the known people
    /// and ignore rules of every folder (see [`combined_config`]).
    pub config: Arc<Config>,
    /// Each workspace folder's own configuration.
    pub folder_configs: Vec<(PathBuf, Arc<Config>)>,
    pub disk: BTreeMap<String, DiskDoc>,
    /// The client's URI of each open document, by key.
    pub open_uris: HashMap<String, Uri>,
    pub cache: HashMap<String, Cached>,
    /// The last analysis and its update state (taken by the running job).
    pub previous: Option<Previous>,
}

/// One article handed to the analysis.
#[derive(Clone, Debug)]
pub struct Input {
    pub key: String,
    pub text: Arc<str>,
    pub context: ArticleContext,
    /// The configuration of the folder holding the article (it governs extraction).
    pub config: Arc<Config>,
    pub uri: Option<Uri>,
    pub version: Option<i32>,
}

/// Everything an analysis run needs, owned, so it can run on a blocking thread.
pub struct Job {
    pub generation: u64,
    pub inputs: Inputs,
    pub config: Arc<Config>,
    pub cache: HashMap<String, Cached>,
    pub root: Option<PathBuf>,
    pub encoding: Encoding,
    /// The last analysis and its update state, when the worker has one: a job that changes
    /// a few articles of the same workspace updates it instead of starting over.
    pub previous: Option<Previous>,
}

/// What a job analyses.
pub enum Inputs {
    /// Every article of the workspace.
    All(Vec<Input>),
    /// Only these articles changed since `base` (each is in `base` under its key).
    Changed {
        inputs: Vec<Input>,
        base: Arc<Snapshot>,
    },
}

/// The analysis a job may update, with the configuration it was made with.
pub struct Previous {
    pub analysis: Arc<Analysis>,
    pub state: Incremental,
    pub config: Arc<Config>,
}

/// What a job produced.
pub struct Outcome {
    pub snapshot: Snapshot,
    pub cache: HashMap<String, Cached>,
    /// State for updating this snapshot's analysis after the next edit.
    pub previous: Option<Previous>,
    /// Docs whose diagnostics may have changed; `None` = every doc.
    pub affected: Option<Vec<usize>>,
    /// Was this an update (stories and people not regrouped, see `workspace::update`)?
    pub provisional: bool,
    /// Docs whose claims the update left out: run [`finish_claims`] next.
    pub claims_pending: Vec<usize>,
}

/// More changed articles than this in one job (a branch switch, a search-and-replace)
/// make a full pass instead of updates.
const MAX_UPDATES: usize = 8;

impl World {
    /// The editor settings as a configuration, with messages for the user.
    fn editor_config(&self, messages: &mut Vec<String>) -> Config {
        match &self.editor_settings {
            Some(v) if v.is_object() => match Config::from_json(v) {
                Ok((c, w)) => {
                    messages.extend(w.into_iter().map(|w| format!("editor settings: {w}")));
                    c
                }
                Err(e) => {
                    messages.push(format!("editor settings ignored: {e}"));
                    Config::default()
                }
            },
            _ => Config::default(),
        }
    }

    /// The effective configuration of each workspace folder: editor settings overlaid by
    /// the folder's own `corroborate.toml` (the file wins); and the editor settings alone,
    /// for a workspace without folders. With messages for the user (errors and unknown
    /// keys, naming the file).
    pub fn compute_configs(&self) -> (Vec<(PathBuf, Config)>, Config, Vec<String>) {
        let mut messages = Vec::new();
        let editor = self.editor_config(&mut messages);
        let configs = self
            .folders
            .iter()
            .map(|folder| {
                let config = folder_config(&editor, folder, &mut messages);
                (folder.clone(), config)
            })
            .collect();
        (configs, editor, messages)
    }

    /// Install the folders' configurations; facts depend on them, so a change empties the
    /// cache. Returns whether anything changed.
    pub fn set_configs(&mut self, configs: Vec<(PathBuf, Config)>, editor: Config) -> bool {
        let combined = if configs.is_empty() {
            editor
        } else {
            combined_config(&configs)
        };
        let same = *self.config == combined
            && self.folder_configs.len() == configs.len()
            && self
                .folder_configs
                .iter()
                .zip(&configs)
                .all(|((fa, ca), (fb, cb))| fa == fb && **ca == *cb);
        if same {
            return false;
        }
        self.folder_configs = configs.into_iter().map(|(f, c)| (f, Arc::new(c))).collect();
        self.config = Arc::new(combined);
        self.cache.clear();
        true
    }

    /// Install one configuration for the whole workspace (no folders, or tests).
    pub fn set_config(&mut self, config: Config) -> bool {
        let configs = self
            .folders
            .iter()
            .map(|f| (f.clone(), config.clone()))
            .collect();
        self.set_configs(configs, config)
    }

    /// The folder holding `path` (the innermost, when folders nest) and its configuration.
    pub fn folder_of(&self, path: &Path) -> Option<(&Path, &Arc<Config>)> {
        self.folder_configs
            .iter()
            .filter(|(f, _)| path.starts_with(f))
            .max_by_key(|(f, _)| f.components().count())
            .map(|(f, c)| (f.as_path(), c))
    }

    /// The configuration that governs the article at `path`.
    pub fn config_for(&self, path: &Path) -> Arc<Config> {
        self.folder_of(path)
            .map(|(_, c)| c.clone())
            .unwrap_or_else(|| self.config.clone())
    }

    /// Is `path` inside a workspace folder (lexically: it may not exist any more)?
    pub fn in_folders(&self, path: &Path) -> bool {
        self.folders.iter().any(|f| path.starts_with(f))
    }

    /// Should an open document be analysed? Articles found on disk, unsaved (`untitled:`)
    /// buffers, and `.txt`/`.md` files not excluded by the configuration.
    pub fn includes_open(&self, key: &str) -> bool {
        if self.disk.contains_key(key) {
            return true;
        }
        let Some(path) = convert::path_for_key(key) else {
            return true;
        };
        if !walk::is_article_path(&path) {
            return false;
        }
        match self.rel_path(&path) {
            Some(rel) => !is_excluded(&self.config_for(&path), &rel),
            None => true,
        }
    }

    /// Path relative to the workspace folder holding it, `/`-separated.
    pub fn rel_path(&self, path: &Path) -> Option<String> {
        let folder = match self.folder_of(path) {
            Some((f, _)) => f,
            None => self.root.as_deref()?,
        };
        let rel = path.strip_prefix(folder).ok()?;
        Some(
            rel.components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
        )
    }

    /// The analysis inputs: every disk article and every included open document (whose
    /// editor text wins over the disk).
    pub fn inputs(&self, open: Vec<(String, String, i32)>) -> Vec<Input> {
        self.inputs_of(self.disk.iter(), open)
    }

    /// [`World::inputs`] for the given disk articles and open documents only.
    fn inputs_of<'a>(
        &self,
        disk: impl Iterator<Item = (&'a String, &'a DiskDoc)>,
        open: Vec<(String, String, i32)>,
    ) -> Vec<Input> {
        let mut by_key: BTreeMap<String, Input> = BTreeMap::new();
        // Each folder's outlet globs, compiled once per run.
        let matchers: Vec<(&Path, crate::config::OutletMatcher<'_>)> = self
            .folder_configs
            .iter()
            .map(|(f, c)| (f.as_path(), c.outlet_matcher()))
            .collect();
        let fallback = self.config.outlet_matcher();
        let outlet_of = |path: &Path, rel: &str| {
            matchers
                .iter()
                .filter(|(f, _)| path.starts_with(f))
                .max_by_key(|(f, _)| f.components().count())
                .map_or(&fallback, |(_, m)| m)
                .outlet(rel)
        };
        for (key, d) in disk {
            by_key.insert(
                key.clone(),
                Input {
                    key: key.clone(),
                    text: d.text.clone(),
                    context: ArticleContext {
                        outlet: outlet_of(&d.path, &d.rel),
                        read_problems: d.problems.clone(),
                    },
                    config: self.config_for(&d.path),
                    uri: None,
                    version: None,
                },
            );
        }
        for (key, text, version) in open {
            if !self.includes_open(&key) {
                continue;
            }
            let path = convert::path_for_key(&key);
            let config = match &path {
                Some(p) => self.config_for(p),
                None => self.config.clone(),
            };
            if text.len() as u64 > config.max_file_size {
                // Same limit as for files: a huge paste must not stall every analysis.
                by_key.remove(&key);
                continue;
            }
            let outlet = path
                .as_ref()
                .and_then(|p| Some((p, self.rel_path(p)?)))
                .and_then(|(p, rel)| outlet_of(p, &rel));
            // Reuse the disk text's allocation when the buffer is unchanged, so the cache hits.
            let text: Arc<str> = match self.disk.get(&key) {
                Some(d) if *d.text == *text => d.text.clone(),
                _ => Arc::from(text),
            };
            by_key.insert(
                key.clone(),
                Input {
                    key: key.clone(),
                    text,
                    context: ArticleContext {
                        outlet,
                        read_problems: Vec::new(),
                    },
                    config,
                    uri: self.open_uris.get(&key).cloned(),
                    version: Some(version),
                },
            );
        }
        by_key.into_values().collect()
    }

    /// The input of one article, as [`World::inputs`] would give it; `None` when it is not
    /// part of the analysis (excluded, too big, or neither open nor on disk).
    pub fn input_for(&self, key: &str, open: Option<(String, i32)>) -> Option<Input> {
        let mut inputs = match open {
            Some((text, version)) => {
                self.inputs_of(std::iter::empty(), vec![(key.to_string(), text, version)])
            }
            None => self.inputs_of(self.disk.get_key_value(key).into_iter(), Vec::new()),
        };
        inputs.pop()
    }
}

fn is_excluded(config: &Config, rel: &str) -> bool {
    config.exclude.iter().any(|g| {
        globset::Glob::new(g)
            .map(|g| g.compile_matcher().is_match(rel))
            .unwrap_or(false)
    })
}

/// One folder's configuration: `base` (the editor settings) overlaid by the folder's
/// `corroborate.toml`, which wins; an unreadable or invalid file is reported and ignored.
fn folder_config(base: &Config, folder: &Path, messages: &mut Vec<String>) -> Config {
    let path = folder.join(crate::config::FILE_NAME);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return base.clone(),
        Err(e) => {
            messages.push(format!("{}: {e}", path.display()));
            return base.clone();
        }
    };
    match base.overlay(&text) {
        Ok((c, w)) => {
            messages.extend(w.into_iter().map(|w| format!("{}: {w}", path.display())));
            c
        }
        Err(e) => {
            messages.push(format!("{}: {e} (file ignored)", path.display()));
            base.clone()
        }
    }
}

/// The configuration of the workspace as a whole, for what spans folders (stories,
/// claims, disagreements, hovers): the first folder's, plus the known people and ignore
/// rules of the other folders (an `[[ignore]]` written in any folder silences that
/// disagreement; a person described in any folder is known everywhere).
pub fn combined_config(configs: &[(PathBuf, Config)]) -> Config {
    let Some((_, first)) = configs.first() else {
        return Config::default();
    };
    let mut combined = first.clone();
    for (_, other) in configs.iter().skip(1) {
        for p in &other.people {
            if !combined.people.contains(p) {
                combined.people.push(p.clone());
            }
        }
        for r in &other.ignore {
            if !combined.ignore.contains(r) {
                combined.ignore.push(r.clone());
            }
        }
    }
    combined
}

/// Analyse a job: reuse cached facts of unchanged articles, analyse the others in
/// parallel, then update the cross-article findings (a few articles changed in the same
/// workspace) or compute them anew. A panic in the core is contained: the article gets a
/// problem instead of facts, or the findings are omitted.
pub fn run_job(job: Job) -> Outcome {
    let Job {
        generation,
        inputs,
        config,
        mut cache,
        root,
        encoding,
        previous,
    } = job;
    let started = std::time::Instant::now();
    let mut base_snapshot = None;
    let (docs, uris, versions, reanalysed) = match inputs {
        Inputs::All(inputs) => {
            let (prepared, new_cache) = all_docs(inputs, &cache);
            cache = new_cache;
            prepared
        }
        Inputs::Changed { inputs, base } => {
            let prepared = changed_docs_of(inputs, &base, &mut cache);
            base_snapshot = Some(base);
            prepared
        }
    };
    let articles_done = std::time::Instant::now();
    let Findings {
        analysis,
        previous,
        affected,
        provisional,
        claims_pending,
    } = findings(docs, previous, &config);
    let workspace_done = std::time::Instant::now();
    let snapshot = Snapshot::with_lines(
        generation,
        analysis,
        config,
        uris,
        versions,
        root,
        encoding,
        |i, doc| {
            // After edits, the unchanged docs' line indexes come from the base snapshot by
            // position (same docs, same order), without a lookup by key.
            let from_base = base_snapshot.as_ref().and_then(|b| {
                let old = b.analysis.docs.get(i)?;
                Arc::ptr_eq(&old.text, &doc.text).then(|| b.lines.get(i).cloned())?
            });
            from_base.or_else(|| {
                cache
                    .get(&*doc.key)
                    .filter(|c| Arc::ptr_eq(&c.text, &doc.text))
                    .map(|c| c.lines.clone())
            })
        },
    );
    if timing_enabled() {
        eprintln!(
            "corroborate lsp timing: generation {generation}: {reanalysed}/{} articles analysed in {:?}, workspace findings {:?} ({}), snapshot {:?}",
            snapshot.doc_count(),
            articles_done - started,
            workspace_done - articles_done,
            if provisional { "update" } else { "full pass" },
            workspace_done.elapsed(),
        );
    }
    Outcome {
        snapshot,
        cache,
        previous,
        affected,
        provisional,
        claims_pending,
    }
}

/// Docs (sorted by key), URIs and versions per doc, and how many were analysed.
type Prepared = (Vec<Doc>, Vec<Option<Uri>>, Vec<Option<i32>>, usize);

/// The facts of one input: from the cache while its text, configuration and context are
/// the same, else analysed now.
fn cached_or_analysed(input: &Input, cache: &HashMap<String, Cached>) -> Cached {
    let reusable = cache.get(&input.key).filter(|c| {
        (Arc::ptr_eq(&c.text, &input.text) || *c.text == *input.text)
            && (Arc::ptr_eq(&c.config, &input.config) || *c.config == *input.config)
            && c.outlet == input.context.outlet
            && c.problems == input.context.read_problems
    });
    match reusable {
        Some(c) => c.clone(),
        None => Cached {
            text: input.text.clone(),
            config: input.config.clone(),
            outlet: input.context.outlet.clone(),
            problems: input.context.read_problems.clone(),
            facts: Arc::new(analyse_article(&input.text, &input.context, &input.config)),
            lines: Arc::new(LineIndex::new(&input.text)),
        },
    }
}

/// Every article: cached facts reused, the others analysed in parallel; a new cache.
fn all_docs(
    inputs: Vec<Input>,
    cache: &HashMap<String, Cached>,
) -> (Prepared, HashMap<String, Cached>) {
    let mut analysed: Vec<(Input, Cached)> = inputs
        .into_par_iter()
        .map(|input| {
            let cached = cached_or_analysed(&input, cache);
            (input, cached)
        })
        .collect();
    analysed.sort_by(|a, b| a.0.key.cmp(&b.0.key));
    let reanalysed = analysed
        .iter()
        .filter(|(i, c)| {
            cache
                .get(&i.key)
                .map_or(true, |old| !Arc::ptr_eq(&old.facts, &c.facts))
        })
        .count();
    let mut new_cache = HashMap::with_capacity(analysed.len());
    let mut docs = Vec::with_capacity(analysed.len());
    let mut uris = Vec::with_capacity(analysed.len());
    let mut versions = Vec::with_capacity(analysed.len());
    for (input, cached) in analysed {
        docs.push(Doc {
            key: input.key.as_str().into(),
            // The cached allocation (equal content), so line indexes are found by pointer.
            text: cached.text.clone(),
            facts: cached.facts.clone(),
        });
        uris.push(input.uri);
        versions.push(input.version);
        new_cache.insert(input.key, cached);
    }
    ((docs, uris, versions, reanalysed), new_cache)
}

/// `base`'s docs with the changed articles replaced (each analysed unless cached); the
/// cache is updated in place.
fn changed_docs_of(
    inputs: Vec<Input>,
    base: &Snapshot,
    cache: &mut HashMap<String, Cached>,
) -> Prepared {
    let mut docs = base.analysis.docs.clone();
    let mut uris = base.uris.clone();
    let mut versions = base.versions.clone();
    let mut reanalysed = 0;
    for input in inputs {
        let Some(i) = base.analysis.doc_index(&input.key) else {
            continue; // make_job only sends known keys
        };
        let cached = cached_or_analysed(&input, cache);
        if cache
            .get(&input.key)
            .map_or(true, |old| !Arc::ptr_eq(&old.facts, &cached.facts))
        {
            reanalysed += 1;
        }
        docs[i] = Doc {
            key: input.key.as_str().into(),
            text: cached.text.clone(),
            facts: cached.facts.clone(),
        };
        uris[i] = input.uri;
        versions[i] = input.version;
        cache.insert(input.key, cached);
    }
    (docs, uris, versions, reanalysed)
}

/// The cross-article findings: updated from `previous` when only a few articles of the
/// same workspace changed under the same configuration, else computed anew. An update
/// leaves the claims of the changed articles for [`finish_claims`] (see
/// `workspace::update_except_claims`).
fn findings(docs: Vec<Doc>, previous: Option<Previous>, config: &Arc<Config>) -> Findings {
    if let Some(mut prev) = previous.filter(|p| *p.config == **config) {
        if let Some(changed) = changed_docs(&prev.analysis, &docs) {
            let updated = catch_unwind(AssertUnwindSafe(|| {
                let mut analysis = prev.analysis.clone();
                let mut affected = std::collections::BTreeSet::new();
                for &i in &changed {
                    let doc = docs[i].clone();
                    let up = crate::workspace::update_except_claims(
                        &analysis,
                        &mut prev.state,
                        doc,
                        config,
                    )?;
                    affected.extend(up.affected);
                    analysis = Arc::new(up.analysis);
                }
                Some((analysis, affected))
            }));
            if let Ok(Some((analysis, affected))) = updated {
                let next = Previous {
                    analysis: analysis.clone(),
                    state: prev.state,
                    config: config.clone(),
                };
                return Findings {
                    analysis,
                    previous: Some(next),
                    affected: Some(affected.into_iter().collect()),
                    provisional: true,
                    claims_pending: changed,
                };
            }
        }
    }
    let (analysis, previous, affected, provisional) = full_pass(docs, config);
    Findings {
        analysis,
        previous,
        affected,
        provisional,
        claims_pending: Vec::new(),
    }
}

struct Findings {
    analysis: Arc<Analysis>,
    previous: Option<Previous>,
    affected: Option<Vec<usize>>,
    provisional: bool,
    claims_pending: Vec<usize>,
}

/// Bring back the claims an update left out: the claim index re-reads the `changed`
/// docs. Returns the analysis with its claims; `previous` follows it.
pub fn finish_claims(previous: &mut Previous, changed: &[usize]) -> Option<Arc<Analysis>> {
    let done = catch_unwind(AssertUnwindSafe(|| {
        crate::workspace::update_claims(&previous.analysis, &mut previous.state, changed)
    }))
    .ok()?;
    let analysis = Arc::new(Analysis {
        claims: done,
        ..(*previous.analysis).clone()
    });
    previous.analysis = analysis.clone();
    Some(analysis)
}

/// Every finding computed anew (also used to settle after updates).
pub fn full_pass(
    docs: Vec<Doc>,
    config: &Arc<Config>,
) -> (Arc<Analysis>, Option<Previous>, Option<Vec<usize>>, bool) {
    let done = catch_unwind(AssertUnwindSafe(|| {
        crate::workspace::analyze_docs_incremental(docs.clone(), config)
    }));
    match done {
        Ok((analysis, state)) => {
            let analysis = Arc::new(analysis);
            let next = Previous {
                analysis: analysis.clone(),
                state,
                config: config.clone(),
            };
            (analysis, Some(next), None, false)
        }
        Err(_) => {
            eprintln!(
                "corroborate lsp: internal error in the workspace analysis; findings omitted"
            );
            let mut docs = docs;
            docs.sort_by(|a, b| a.key.cmp(&b.key));
            let analysis = Analysis {
                stories: Arc::new(vec![None; docs.len()]),
                docs,
                ..Analysis::default()
            };
            (Arc::new(analysis), None, None, false)
        }
    }
}

/// The docs (sorted by key) whose facts changed since `prev`, when the workspace has the
/// same articles and at most [`MAX_UPDATES`] changed; `None` otherwise.
fn changed_docs(prev: &Analysis, docs: &[Doc]) -> Option<Vec<usize>> {
    if prev.docs.len() != docs.len() {
        return None;
    }
    let mut changed = Vec::new();
    for (i, (old, new)) in prev.docs.iter().zip(docs).enumerate() {
        if old.key != new.key {
            return None;
        }
        if !Arc::ptr_eq(&old.facts, &new.facts) {
            changed.push(i);
            if changed.len() > MAX_UPDATES {
                return None;
            }
        }
    }
    Some(changed)
}

/// `CORROBORATE_LSP_TIMING=1` logs the duration of each analysis step to stderr.
pub fn timing_enabled() -> bool {
    std::env::var_os("CORROBORATE_LSP_TIMING").is_some_and(|v| v == "1")
}

fn analyse_article(text: &str, ctx: &ArticleContext, config: &Config) -> ArticleFacts {
    catch_unwind(AssertUnwindSafe(|| {
        crate::article::analyze(text, ctx, config)
    }))
    .unwrap_or_else(|_| ArticleFacts {
        problems: vec![
            "internal error while analysing this article; its facts are omitted".to_string(),
        ],
        ..ArticleFacts::default()
    })
}

/// Find the workspace's articles, each folder with its own configuration and the CLI's
/// rules (gitignore, excludes, links not
/// followed out of the folders, size limit) and read those that are new or listed in
/// `changed`; the others keep their previous text. Returns the articles and warnings.
pub fn scan_disk(
    folders: &[(PathBuf, Arc<Config>)],
    previous: &BTreeMap<String, DiskDoc>,
    changed: &HashSet<String>,
) -> (BTreeMap<String, DiskDoc>, Vec<String>) {
    let mut warnings = Vec::new();
    let mut out = BTreeMap::new();
    for (folder, config) in folders {
        let config: &Config = config;
        let bases: Vec<PathBuf> = if config.paths.is_empty() {
            vec![folder.clone()]
        } else {
            config.paths.iter().map(|p| folder.join(p)).collect()
        };
        let bases: Vec<PathBuf> = bases.into_iter().filter(|b| b.exists()).collect();
        let found = match walk::find_articles(&bases, folder, config, &mut warnings) {
            Ok(f) => f,
            Err(e) => {
                warnings.push(e);
                continue;
            }
        };
        for f in found {
            let Some(key) = convert::key_for_path(&f.path) else {
                continue;
            };
            if let Some(prev) = previous.get(&key).filter(|_| !changed.contains(&key)) {
                out.insert(key, prev.clone());
                continue;
            }
            match walk::read_article(&f.path, config.max_file_size) {
                Ok(decoded) => {
                    out.insert(
                        key,
                        DiskDoc {
                            path: f.path.clone(),
                            rel: f.rel.clone(),
                            text: Arc::from(decoded.text),
                            problems: decoded.problems,
                        },
                    );
                }
                Err(skip) => warnings.push(format!(
                    "{}: {}",
                    f.path.display(),
                    skip.message(config.max_file_size)
                )),
            }
        }
    }
    (out, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(key: &str, text: &str) -> Input {
        Input {
            key: key.to_string(),
            text: Arc::from(text),
            context: ArticleContext::default(),
            config: Arc::default(),
            uri: None,
            version: None,
        }
    }

    fn job(inputs: Vec<Input>, cache: HashMap<String, Cached>, config: Arc<Config>) -> Job {
        Job {
            generation: 1,
            inputs: Inputs::All(inputs),
            config,
            cache,
            root: None,
            encoding: Encoding::Utf16,
            previous: None,
        }
    }

    fn run(job: Job) -> (Snapshot, HashMap<String, Cached>) {
        let out = run_job(job);
        (out.snapshot, out.cache)
    }

    #[test]
    fn an_edit_reanalyses_only_the_edited_article() {
        let config = Arc::new(Config::default());
        let a = "---\noutlet: A\n---\nSeven people died.\n";
        let b = "---\noutlet: B\n---\nNine people died.\n";
        let (first, cache) = run(job(
            vec![input("file:///a.txt", a), input("file:///b.txt", b)],
            HashMap::new(),
            config.clone(),
        ));
        let (second, cache) = run(job(
            // The same text in a new allocation (as an open buffer gives it) still hits.
            vec![
                input("file:///a.txt", a),
                input("file:///b.txt", "Edited.\n"),
            ],
            cache,
            config.clone(),
        ));
        let facts = |s: &Snapshot, i: usize| s.analysis.docs[i].facts.clone();
        assert!(Arc::ptr_eq(&facts(&first, 0), &facts(&second, 0)));
        assert!(!Arc::ptr_eq(&facts(&first, 1), &facts(&second, 1)));
        assert!(Arc::ptr_eq(&first.lines[0], &second.lines[0]));
        assert_eq!(second.text(1), "Edited.\n");
        // Another outlet from the configuration is another context: analysed again.
        let mut moved = input("file:///a.txt", a);
        moved.context.outlet = Some("C".into());
        let (third, _) = run(job(vec![moved], cache, config));
        assert!(!Arc::ptr_eq(&facts(&second, 0), &facts(&third, 0)));
        assert_eq!(third.analysis.docs[0].outlet(), Some("C"));
    }

    /// Three outlets on one event; B and C disagree with A on the toll.
    fn three_outlets(b_toll: &str) -> Vec<Input> {
        let body = |outlet: &str, toll: &str| {
            format!(
                "---\noutlet: {outlet}\ntitle: Grain silo collapse in Velmora\n---\n\
                 A grain silo collapsed in Velmora on Tuesday, killing {toll} workers, \
                 Fire Chief Dariela Montrose said. The Velmora silo had been inspected \
                 in March, Montrose said. Velmora mayor Ostap Kerrigan visited the silo site.\n"
            )
        };
        vec![
            input("file:///a.txt", &body("Alpha Post", "nine")),
            input("file:///b.txt", &body("Beta News", b_toll)),
            input("file:///c.txt", &body("Gamma Daily", "seven")),
        ]
    }

    #[test]
    fn an_edit_updates_the_findings_like_a_full_pass() {
        let config = Arc::new(Config::default());
        let first = run_job(job(three_outlets("seven"), HashMap::new(), config.clone()));
        assert!(!first.provisional);
        assert_eq!(first.snapshot.analysis.warnings(), 1);
        // B now agrees with A: still one warning, with other sides.
        let mut next = job(three_outlets("nine"), first.cache, config.clone());
        next.previous = first.previous;
        let mut second = run_job(next);
        assert!(second.provisional, "a one-article edit is an update");
        assert_eq!(
            second.claims_pending,
            vec![1],
            "claims follow the diagnostics"
        );
        let previous = second.previous.as_mut().unwrap();
        let updated = finish_claims(previous, &second.claims_pending).unwrap();
        let full = run_job(job(three_outlets("nine"), HashMap::new(), config.clone()));
        let (updated, fresh) = (&updated, &full.snapshot.analysis);
        assert!(!fresh.claims.is_empty(), "the fixture repeats a claim");
        assert_eq!(updated.disagreements, fresh.disagreements);
        assert_eq!(updated.entities, fresh.entities);
        assert_eq!(updated.claims, fresh.claims);
        assert_eq!(updated.stories, fresh.stories);
        let affected = second
            .affected
            .expect("an update names the docs it affects");
        assert!(affected.contains(&1), "{affected:?}");
        // A new article is a full pass.
        let mut more = three_outlets("nine");
        more.push(input("file:///d.txt", "Unrelated.\n"));
        let mut grown = job(more, second.cache, config);
        grown.previous = second.previous;
        let third = run_job(grown);
        assert!(!third.provisional);
        assert!(third.affected.is_none());
    }

    #[test]
    fn each_folder_reads_its_own_configuration() {
        let tmp = tempfile::tempdir().unwrap();
        let (one, two) = (tmp.path().join("one"), tmp.path().join("two"));
        for (dir, toml) in [
            (
                &one,
                "exclude = [\"drafts/**\"]\n[outlets]\n\"*.txt\" = \"Alpha Post\"\n",
            ),
            (
                &two,
                "[outlets]\n\"*.txt\" = \"Beta News\"\n[[ignore]]\nsubject = \"killed\"\n",
            ),
        ] {
            std::fs::create_dir_all(dir.join("drafts")).unwrap();
            std::fs::write(dir.join("corroborate.toml"), toml).unwrap();
            std::fs::write(dir.join("report.txt"), "Nine people died.\n").unwrap();
            std::fs::write(dir.join("drafts/d.txt"), "A draft.\n").unwrap();
        }
        let mut world = World {
            folders: vec![one.clone(), two.clone()],
            root: Some(one.clone()),
            ..World::default()
        };
        let (configs, editor, messages) = world.compute_configs();
        assert!(messages.is_empty(), "{messages:?}");
        assert!(world.set_configs(configs, editor));
        let (disk, warnings) = scan_disk(&world.folder_configs, &BTreeMap::new(), &HashSet::new());
        assert!(warnings.is_empty(), "{warnings:?}");
        world.disk = disk;
        let found: Vec<(String, Option<String>)> = world
            .inputs(Vec::new())
            .into_iter()
            .map(|i| {
                let rel = i
                    .key
                    .rsplit_once(&*tmp.path().to_string_lossy())
                    .map(|(_, r)| r.to_string());
                (rel.unwrap_or(i.key), i.context.outlet)
            })
            .collect();
        // Folder one excludes its drafts, folder two does not; each names its own outlet.
        let want = [
            ("/one/report.txt", Some("Alpha Post")),
            ("/two/drafts/d.txt", Some("Beta News")),
            ("/two/report.txt", Some("Beta News")),
        ];
        let want: Vec<(String, Option<String>)> = want
            .iter()
            .map(|(k, o)| (k.to_string(), o.map(str::to_string)))
            .collect();
        assert_eq!(found, want);
        // The workspace as a whole honours the second folder's ignore rule.
        assert_eq!(world.config.ignore.len(), 1);
        assert!(world.includes_open(&convert::key_for_path(&two.join("drafts/new.txt")).unwrap()));
        assert!(!world.includes_open(&convert::key_for_path(&one.join("drafts/new.txt")).unwrap()));
    }

    #[test]
    fn a_new_configuration_empties_the_cache() {
        let mut world = World::default();
        world.cache.insert(
            "k".into(),
            Cached {
                text: Arc::from(""),
                config: Arc::default(),
                outlet: None,
                problems: Vec::new(),
                facts: Arc::default(),
                lines: Arc::new(LineIndex::new("")),
            },
        );
        assert!(!world.set_config(Config::default()));
        assert_eq!(world.cache.len(), 1);
        let mut other = Config::default();
        other.lsp.inlay_hints = false;
        assert!(world.set_config(other));
        assert!(world.cache.is_empty());
    }

    #[test]
    fn open_documents_over_the_size_limit_are_left_out() {
        let world = World {
            config: Arc::new(Config {
                max_file_size: 10,
                ..Config::default()
            }),
            ..World::default()
        };
        let open = vec![
            ("untitled:small".to_string(), "short".to_string(), 1),
            ("untitled:big".to_string(), "x".repeat(11), 1),
        ];
        let keys: Vec<String> = world.inputs(open).into_iter().map(|i| i.key).collect();
        assert_eq!(keys, vec!["untitled:small"]);
    }

    #[test]
    fn open_documents_are_included_by_the_cli_rules() {
        let mut world = World {
            folders: vec![PathBuf::from("/ws")],
            root: Some(PathBuf::from("/ws")),
            ..World::default()
        };
        world.config = Arc::new(Config {
            exclude: vec!["drafts/**".into()],
            ..Config::default()
        });
        let cases = [
            ("file:///ws/a.txt", true),
            ("file:///ws/notes.md", true),
            ("file:///ws/drafts/b.txt", false),
            ("file:///ws/data.csv", false),
            ("file:///elsewhere/c.txt", true),
            ("untitled:Untitled-1", true),
        ];
        for (key, want) in cases {
            assert_eq!(world.includes_open(key), want, "{key}");
        }
    }
}
