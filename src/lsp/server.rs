//! The language server: LSP plumbing around the document store, the workspace state and
//! an analysis worker that publishes immutable snapshots.
//!
//! Flow: edits and file events change the inputs and bump `requested`; the worker (one
//! task) lets changes sent together arrive, analyses the inputs on a blocking thread (reusing facts of
//! unchanged articles), swaps in the new [`Snapshot`] and re-publishes the diagnostics that
//! changed, for every article. Requests wait until the snapshot reflects every change
//! applied before they arrived (exact answers), then read it without locks.

use super::convert::{self, key_for_uri};
use super::documents::{ChangeOutcome, DocumentStore};
use super::handlers::{self, actions, diagnostics, lens};
use super::snapshot::Snapshot;
use super::transport::SyncGate;
use super::world::{self, World};
use crate::position::Encoding;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::Duration;
use tokio::sync::{watch, Notify};
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

/// Quiet time after an update before the findings are settled by a full pass.
const SETTLE_AFTER: Duration = Duration::from_millis(800);
/// How long a change whose version is ahead waits for the missing versions.
const GAP_GRACE: Duration = Duration::from_millis(150);
/// Longest a request waits for the analysis to catch up before answering from what exists.
const CATCH_UP_LIMIT: Duration = Duration::from_secs(20);
/// Longest the server waits for the client to answer its own requests before going on.
const CLIENT_REPLY_LIMIT: Duration = Duration::from_secs(3);
/// Environment variable enabling the debug commands used by the tests.
const DEBUG_ENV: &str = "CORROBORATE_LSP_DEBUG";
const DEBUG_PANIC: &str = "corroborate.debugPanic";
const DEBUG_SLEEP: &str = "corroborate.debugSleep";
/// Answers `{text, version}` of a document as the analysis last saw it.
const DEBUG_TEXT: &str = "corroborate.debugText";
const PROGRESS_TOKEN: &str = "corroborate/indexing";

/// What the next analysis job must read.
#[derive(Debug)]
enum Pending {
    /// Only these articles' texts changed.
    Keys(HashSet<String>),
    /// Anything may have changed: read every input.
    All,
}

impl Default for Pending {
    fn default() -> Self {
        Pending::Keys(HashSet::new())
    }
}

pub struct Backend {
    inner: Arc<Inner>,
}

pub struct Inner {
    client: Client,
    encoding: OnceLock<Encoding>,
    client_caps: OnceLock<ClientCapabilities>,
    store: Mutex<DocumentStore>,
    world: Mutex<World>,
    /// Counts changes to the inputs; a snapshot reflects every change up to its generation.
    requested: AtomicU64,
    dirty: Notify,
    snapshot_tx: watch::Sender<Arc<Snapshot>>,
    snapshot_rx: watch::Receiver<Arc<Snapshot>>,
    /// Generation whose diagnostics have all been published.
    published_generation: watch::Sender<u64>,
    /// Last diagnostics published per doc key, with the URI they were published to.
    published: Mutex<HashMap<String, (Uri, Vec<Diagnostic>)>>,
    /// What changed since the last job.
    pending: Mutex<Pending>,
    /// Held while a job runs and its snapshot is installed, so settling never installs
    /// findings older than a change the worker is analysing.
    worker: tokio::sync::Mutex<()>,
    /// Serialises disk scans so an older scan never overwrites a newer one.
    scan_lock: tokio::sync::Mutex<()>,
    shutdown: Arc<AtomicBool>,
    /// Lets requests wait for the edits the client sent before them.
    gate: Arc<SyncGate>,
}

/// Lock a std mutex, surviving poisoning (a panic elsewhere must not stop the server).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Backend {
    pub fn new(client: Client, shutdown: Arc<AtomicBool>, gate: Arc<SyncGate>) -> Backend {
        let empty = Snapshot::new(
            0,
            Arc::default(),
            Arc::default(),
            Vec::new(),
            Vec::new(),
            None,
            Encoding::Utf16,
        );
        let (snapshot_tx, snapshot_rx) = watch::channel(Arc::new(empty));
        Backend {
            inner: Arc::new(Inner {
                client,
                encoding: OnceLock::new(),
                client_caps: OnceLock::new(),
                store: Mutex::new(DocumentStore::new(Encoding::Utf16)),
                world: Mutex::new(World::default()),
                requested: AtomicU64::new(0),
                dirty: Notify::new(),
                snapshot_tx,
                snapshot_rx,
                published_generation: watch::Sender::new(0),
                published: Mutex::new(HashMap::new()),
                scan_lock: tokio::sync::Mutex::new(()),
                worker: tokio::sync::Mutex::new(()),
                pending: Mutex::new(Pending::All),
                shutdown,
                gate,
            }),
        }
    }

    pub fn inner(&self) -> Arc<Inner> {
        self.inner.clone()
    }

    /// Answer a request from the current snapshot; a panic becomes an internal error reply.
    async fn read<T>(&self, f: impl FnOnce(&Snapshot) -> Option<T>) -> Result<Option<T>> {
        let snap = self.inner.current_snapshot().await;
        catch_unwind(AssertUnwindSafe(|| f(&snap))).map_err(|panic| {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Error {
                code: ErrorCode::InternalError,
                message: format!("internal error: {what}").into(),
                data: None,
            }
        })
    }
}

impl Inner {
    fn encoding(&self) -> Encoding {
        self.encoding.get().copied().unwrap_or(Encoding::Utf16)
    }

    /// Record that the inputs changed and wake the worker.
    /// Something beyond single articles changed (files on disk, configuration, folders):
    /// the next job reads every input.
    fn mark_dirty(&self) {
        *lock(&self.pending) = Pending::All;
        self.requested.fetch_add(1, Ordering::SeqCst);
        self.dirty.notify_one();
    }

    /// One article's text changed (an edit, an open or close of a known article).
    fn mark_dirty_key(&self, key: &str) {
        if let Pending::Keys(keys) = &mut *lock(&self.pending) {
            keys.insert(key.to_string());
        }
        self.requested.fetch_add(1, Ordering::SeqCst);
        self.dirty.notify_one();
    }

    /// The snapshot reflecting every change applied so far (waits for the worker). Requests
    /// get here after the notifications sent before them were handled (see
    /// [`super::transport::Ordered`]).
    async fn current_snapshot(&self) -> Arc<Snapshot> {
        let target = self.requested.load(Ordering::SeqCst);
        let mut rx = self.snapshot_rx.clone();
        let caught_up = tokio::time::timeout(CATCH_UP_LIMIT, async {
            rx.wait_for(|s| s.generation >= target && !s.claims_pending)
                .await
                .map(|s| s.clone())
                .ok()
        })
        .await;
        match caught_up {
            Ok(Some(snap)) => snap,
            _ => {
                eprintln!("corroborate lsp: analysis is late; answering from an older snapshot");
                self.snapshot_rx.borrow().clone()
            }
        }
    }

    /// The analysis worker: take the pending changes, analyse, swap the snapshot, publish.
    /// Runs forever.
    pub async fn analysis_loop(self: Arc<Self>) {
        loop {
            self.dirty.notified().await;
            // No timed debounce: an edit is an update of a few milliseconds, and changes
            // arriving while a job runs wait and are taken together by the next one. Only
            // let the messages already read (changes sent together) be handled first.
            tokio::task::yield_now().await;
            let working = self.worker.lock().await;
            let generation = self.requested.load(Ordering::SeqCst);
            let job = self.make_job(generation);
            let job_config = job.config.clone();
            let done = tokio::task::spawn_blocking(move || world::run_job(job)).await;
            let Ok(outcome) = done else {
                eprintln!("corroborate lsp: analysis failed; keeping the previous results");
                continue;
            };
            let mut snapshot = outcome.snapshot;
            snapshot.provisional = outcome.provisional;
            snapshot.claims_pending = !outcome.claims_pending.is_empty();
            {
                let mut w = lock(&self.world);
                // A configuration installed meanwhile makes these facts stale.
                w.cache = if *w.config == *job_config {
                    outcome.cache
                } else {
                    HashMap::new()
                };
                w.previous = outcome.previous;
            }
            let snapshot = Arc::new(snapshot);
            self.snapshot_tx.send_replace(snapshot.clone());
            let publishing = std::time::Instant::now();
            match outcome.affected.as_deref() {
                // The edited articles first: their author is looking at them.
                Some(affected) if !outcome.claims_pending.is_empty() => {
                    let edited = &outcome.claims_pending;
                    let others: Vec<usize> = affected
                        .iter()
                        .copied()
                        .filter(|d| !edited.contains(d))
                        .collect();
                    self.publish(&snapshot, Some(edited)).await;
                    self.publish(&snapshot, Some(&others)).await;
                }
                affected => self.publish(&snapshot, affected).await,
            }
            if world::timing_enabled() {
                eprintln!(
                    "corroborate lsp timing: generation {}: diagnostics published in {:?}",
                    snapshot.generation,
                    publishing.elapsed()
                );
            }
            self.published_generation.send_replace(snapshot.generation);
            if !outcome.claims_pending.is_empty() {
                self.finish_claims(&snapshot, outcome.claims_pending).await;
            }
            drop(working);
            if snapshot.provisional {
                self.clone().settle_later(snapshot.generation);
            }
        }
    }

    /// Second half of an update, after its diagnostics are out: the claims of the edited
    /// articles, installed as a snapshot of the same generation. If it fails, the next job
    /// is a full pass.
    async fn finish_claims(&self, snapshot: &Arc<Snapshot>, changed: Vec<usize>) {
        let Some(mut previous) = lock(&self.world).previous.take() else {
            let unblocked = snapshot.with_analysis(snapshot.analysis.clone());
            self.snapshot_tx.send_replace(Arc::new(unblocked));
            return;
        };
        let started = std::time::Instant::now();
        let done = tokio::task::spawn_blocking(move || {
            let analysis = world::finish_claims(&mut previous, &changed);
            (previous, analysis)
        })
        .await;
        let with_claims = match done {
            Ok((previous, Some(analysis))) => {
                lock(&self.world).previous = Some(previous);
                snapshot.with_analysis(analysis)
            }
            // The index may be half-updated: the next job starts over; meanwhile requests
            // read the findings without the edited articles' claims.
            _ => snapshot.with_analysis(snapshot.analysis.clone()),
        };
        let mut with_claims = with_claims;
        with_claims.provisional = snapshot.provisional;
        self.snapshot_tx.send_replace(Arc::new(with_claims));
        if world::timing_enabled() {
            eprintln!(
                "corroborate lsp timing: generation {}: claims updated in {:?}",
                snapshot.generation,
                started.elapsed()
            );
        }
    }

    /// After updates, once no change came for [`SETTLE_AFTER`], compute every finding anew
    /// on a blocking thread (requests keep reading the current snapshot meanwhile) and
    /// install it unless another change arrived in between.
    fn settle_later(self: Arc<Self>, generation: u64) {
        tokio::spawn(async move {
            tokio::time::sleep(SETTLE_AFTER).await;
            if self.requested.load(Ordering::SeqCst) != generation {
                return; // a newer change schedules its own settling
            }
            let snap = self.snapshot_rx.borrow().clone();
            if snap.generation != generation || !snap.provisional {
                return;
            }
            let docs = snap.analysis.docs.clone();
            let config = snap.config.clone();
            let started = std::time::Instant::now();
            let done = tokio::task::spawn_blocking(move || match settle_pool() {
                Some(pool) => pool.install(|| world::full_pass(docs, &config)),
                None => world::full_pass(docs, &config),
            })
            .await;
            let Ok((analysis, previous, _, _)) = done else {
                return;
            };
            let _working = self.worker.lock().await;
            if self.requested.load(Ordering::SeqCst) != generation {
                return;
            }
            if *lock(&self.world).config != *snap.config {
                return;
            }
            let settled = Arc::new(snap.with_analysis(analysis));
            lock(&self.world).previous = previous;
            self.snapshot_tx.send_replace(settled.clone());
            self.publish(&settled, None).await;
            if world::timing_enabled() {
                eprintln!(
                    "corroborate lsp timing: generation {generation}: settled by a full pass in {:?}",
                    started.elapsed()
                );
            }
        });
    }

    fn make_job(&self, generation: u64) -> world::Job {
        let pending = std::mem::take(&mut *lock(&self.pending));
        let base = self.snapshot_rx.borrow().clone();
        let changed = match pending {
            Pending::Keys(keys) => self.changed_inputs(&keys, &base),
            Pending::All => None,
        };
        let mut world = lock(&self.world);
        let inputs = match changed {
            Some(inputs) if world.previous.is_some() => world::Inputs::Changed { inputs, base },
            _ => {
                drop(world);
                let open = self.open_documents();
                world = lock(&self.world);
                world::Inputs::All(world.inputs(open))
            }
        };
        let previous = world.previous.take();
        world::Job {
            generation,
            inputs,
            config: world.config.clone(),
            cache: std::mem::take(&mut world.cache),
            root: world.root.clone(),
            encoding: self.encoding(),
            previous,
        }
    }

    /// Every open document: (key, text, version).
    fn open_documents(&self) -> Vec<(String, String, i32)> {
        let store = lock(&self.store);
        let keys: Vec<String> = store.keys().cloned().collect();
        keys.into_iter()
            .filter_map(|k| {
                let text = store.text(&k)?;
                let version = store.version(&k)?;
                Some((k, text, version))
            })
            .collect()
    }

    /// The inputs of the articles behind `keys`, when each is already in `base` and still
    /// part of the workspace; `None` when the set of articles changed (a full job).
    fn changed_inputs(&self, keys: &HashSet<String>, base: &Snapshot) -> Option<Vec<world::Input>> {
        let open: Vec<(String, Option<(String, i32)>)> = {
            let store = lock(&self.store);
            keys.iter()
                .map(|k| {
                    let doc = store.text(k).zip(store.version(k));
                    (k.clone(), doc)
                })
                .collect()
        };
        let world = lock(&self.world);
        open.into_iter()
            .map(|(key, doc)| {
                base.analysis.doc_index(&key)?;
                world.input_for(&key, doc)
            })
            .collect()
    }

    /// Publish the diagnostics that changed since the last publication, for the `affected`
    /// docs (`None`: every article; articles that left the workspace get an empty list).
    async fn publish(&self, snap: &Snapshot, affected: Option<&[usize]>) {
        let all: Vec<(String, Uri, Vec<Diagnostic>, Option<i32>)> =
            match catch_unwind(AssertUnwindSafe(|| {
                let lists: Vec<(usize, Vec<Diagnostic>)> = match affected {
                    Some(docs) => diagnostics::for_docs(snap, docs),
                    None => diagnostics::all(snap).into_iter().enumerate().collect(),
                };
                lists
                    .into_iter()
                    .filter_map(|(d, diags)| {
                        let uri = snap.uri(d)?;
                        let key = snap.analysis.docs[d].key.to_string();
                        let version = snap.versions.get(d).copied().flatten();
                        Some((key, uri, diags, version))
                    })
                    .collect()
            })) {
                Ok(v) => v,
                Err(_) => {
                    eprintln!("corroborate lsp: internal error computing diagnostics");
                    return;
                }
            };
        let mut to_send = Vec::new();
        {
            let mut published = lock(&self.published);
            let present: HashSet<&String> = all.iter().map(|(k, ..)| k).collect();
            // Only a publication of every article knows which ones left.
            let gone: Vec<String> = published
                .keys()
                .filter(|k| affected.is_none() && !present.contains(k))
                .cloned()
                .collect();
            for key in gone {
                if let Some((uri, diags)) = published.remove(&key) {
                    if !diags.is_empty() {
                        to_send.push((uri, Vec::new(), None));
                    }
                }
            }
            for (key, uri, diags, version) in all {
                // The doc is now known under another URI (closed in the editor, which
                // spelled it its own way): clear what the old URI shows.
                if let Some((old_uri, old)) = published.get(&key) {
                    if *old_uri != uri && !old.is_empty() {
                        to_send.push((old_uri.clone(), Vec::new(), None));
                        published.remove(&key);
                    }
                }
                let unchanged = published
                    .get(&key)
                    .is_some_and(|(u, d)| *u == uri && *d == diags);
                // An empty list for a doc never published before needs no message.
                let nothing_new = !published.contains_key(&key) && diags.is_empty();
                if unchanged || nothing_new {
                    continue;
                }
                published.insert(key, (uri.clone(), diags.clone()));
                to_send.push((uri, diags, version));
            }
        }
        for (uri, diags, version) in to_send {
            self.client.publish_diagnostics(uri, diags, version).await;
        }
    }

    /// Re-read the configuration and rescan the disk (articles in `changed` are re-read).
    async fn rescan(self: &Arc<Self>, changed: HashSet<String>, reload_config: bool) {
        let _guard = self.scan_lock.lock().await;
        if reload_config {
            self.reload_config().await;
        }
        let (folders, previous) = {
            let w = lock(&self.world);
            (w.folder_configs.clone(), w.disk.clone())
        };
        let scanned =
            tokio::task::spawn_blocking(move || world::scan_disk(&folders, &previous, &changed))
                .await;
        let Ok((disk, warnings)) = scanned else {
            return;
        };
        for w in warnings {
            self.client.log_message(MessageType::WARNING, w).await;
        }
        lock(&self.world).disk = disk;
        self.mark_dirty();
        self.refresh_views();
    }

    /// After a workspace-wide change (configuration, files on disk), ask clients that support
    /// it to re-request code lenses and inlay hints; those requests wait for the new
    /// analysis. Not after keystrokes: editors re-request for the edited document.
    fn refresh_views(self: &Arc<Self>) {
        let caps = self.client_caps.get().and_then(|c| c.workspace.clone());
        let lenses = caps
            .as_ref()
            .and_then(|w| w.code_lens.as_ref())
            .and_then(|c| c.refresh_support)
            .unwrap_or(false);
        let hints = caps
            .as_ref()
            .and_then(|w| w.inlay_hint.as_ref())
            .and_then(|c| c.refresh_support)
            .unwrap_or(false);
        if !lenses && !hints {
            return;
        }
        let inner = self.clone();
        tokio::spawn(async move {
            if lenses {
                let _ = tokio::time::timeout(CLIENT_REPLY_LIMIT, inner.client.code_lens_refresh())
                    .await;
            }
            if hints {
                let _ = tokio::time::timeout(CLIENT_REPLY_LIMIT, inner.client.inlay_hint_refresh())
                    .await;
            }
        });
    }

    async fn reload_config(&self) {
        let (configs, editor, messages) = lock(&self.world).compute_configs();
        lock(&self.world).set_configs(configs, editor);
        for m in messages {
            self.client.show_message(MessageType::WARNING, m).await;
        }
    }

    /// Wait until everything requested so far is analysed and its diagnostics published.
    async fn wait_published(&self) {
        let target = self.requested.load(Ordering::SeqCst);
        let mut rx = self.published_generation.subscribe();
        let _ = tokio::time::timeout(CATCH_UP_LIMIT, rx.wait_for(|&g| g >= target)).await;
    }

    /// The initial indexing, with work-done progress when the client supports it.
    async fn index_workspace(self: Arc<Self>) {
        let caps = self.client_caps.get().cloned().unwrap_or_default();
        // Registration runs on its own: a client slow to answer must not delay indexing.
        let registering = self.clone();
        let watch_caps = caps.clone();
        tokio::spawn(async move { registering.register_watchers(&watch_caps).await });
        let wants_progress = caps
            .window
            .as_ref()
            .and_then(|w| w.work_done_progress)
            .unwrap_or(false);
        let token = ProgressToken::String(PROGRESS_TOKEN.to_string());
        // Progress only once the client accepted the token, and not waiting long for it.
        let created = wants_progress
            && matches!(
                tokio::time::timeout(
                    CLIENT_REPLY_LIMIT,
                    self.client.create_work_done_progress(token.clone())
                )
                .await,
                Ok(Ok(()))
            );
        let progress = if created {
            Some(
                self.client
                    .progress(token, "corroborate: indexing articles")
                    .with_percentage(0)
                    .begin()
                    .await,
            )
        } else {
            None
        };
        self.rescan(HashSet::new(), true).await;
        let count = lock(&self.world).disk.len();
        if let Some(p) = &progress {
            p.report_with_message(format!("analysing {count} articles"), 50)
                .await;
        }
        self.wait_published().await;
        if let Some(p) = progress {
            p.finish_with_message(format!("{count} articles analysed"))
                .await;
        }
    }

    /// Ask the client to watch articles and `corroborate.toml` (dynamic registration).
    async fn register_watchers(&self, caps: &ClientCapabilities) {
        let dynamic = caps
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        if !dynamic {
            return;
        }
        let watchers = ["**/*.txt", "**/*.md", "**/corroborate.toml"]
            .into_iter()
            .map(|g| FileSystemWatcher {
                glob_pattern: GlobPattern::String(g.to_string()),
                kind: None,
            })
            .collect();
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        let registration = Registration {
            id: "corroborate-watched-files".to_string(),
            method: "workspace/didChangeWatchedFiles".to_string(),
            register_options: serde_json::to_value(options).ok(),
        };
        if let Err(e) = self.client.register_capability(vec![registration]).await {
            self.client
                .log_message(
                    MessageType::WARNING,
                    format!("could not register file watchers: {e}"),
                )
                .await;
        }
    }

    /// After a change whose version is ahead: give the missing versions a moment, then
    /// apply what is held (the client skipped those versions).
    fn release_held_later(self: &Arc<Self>, key: String) {
        let inner = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(GAP_GRACE).await;
            let released = lock(&inner.store).release_held(&key);
            if released.is_some() {
                inner.mark_dirty_key(&key);
            }
        });
    }

    /// Append an `[[ignore]]` rule to `corroborate.toml` at the root: the server's only
    /// file write. Then reload and re-analyse.
    async fn ignore_disagreement(self: &Arc<Self>, args: &[Value]) -> Result<Option<Value>> {
        let rule = actions::ignore_rule_from_args(args)
            .ok_or_else(|| Error::invalid_params("expected [{\"subject\": …, \"story\": …}]"))?;
        let folder = args
            .first()
            .and_then(|a| a.get("uri"))
            .and_then(Value::as_str)
            .and_then(|u| u.parse::<Uri>().ok())
            .and_then(|u| u.to_file_path().map(|p| p.into_owned()));
        let root = {
            let w = lock(&self.world);
            folder
                .and_then(|p| w.folder_of(&p).map(|(f, _)| f.to_path_buf()))
                .or_else(|| w.root.clone())
        };
        let Some(root) = root else {
            return Err(Error::invalid_params(
                "no workspace folder to hold corroborate.toml",
            ));
        };
        let path = root.join(crate::config::FILE_NAME);
        let written = tokio::task::spawn_blocking(move || write_ignore_rule(&path, &rule))
            .await
            .map_err(|_| Error::internal_error())?;
        if let Err(e) = written {
            self.client.show_message(MessageType::ERROR, &e).await;
            return Err(Error {
                code: ErrorCode::InternalError,
                message: e.into(),
                data: None,
            });
        }
        self.rescan(HashSet::new(), true).await;
        Ok(None)
    }
}

/// Threads for settling: one fewer than the machine has, so requests and edits always find
/// a free core while the background pass runs.
fn settle_pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();
    POOL.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        rayon::ThreadPoolBuilder::new()
            .num_threads(cores.saturating_sub(1).max(1))
            .thread_name(|i| format!("corroborate-settle-{i}"))
            .build()
            .ok()
    })
    .as_ref()
}

fn write_ignore_rule(
    path: &std::path::Path,
    rule: &crate::config::IgnoreRule,
) -> std::result::Result<(), String> {
    let existing = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    match actions::append_ignore_rule(&existing, rule) {
        Some(text) => std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display())),
        None => Ok(()),
    }
}

/// Workspace folders from the initialize params (falling back on the deprecated root URI),
/// as absolute, canonical paths.
#[allow(deprecated)]
fn workspace_folders(params: &InitializeParams) -> Vec<PathBuf> {
    let mut uris: Vec<Uri> = params
        .workspace_folders
        .as_ref()
        .map(|f| f.iter().map(|f| f.uri.clone()).collect())
        .unwrap_or_default();
    if uris.is_empty() {
        uris.extend(params.root_uri.clone());
    }
    uris.iter()
        .filter(|u| convert::is_file_uri(u))
        .filter_map(|u| u.to_file_path().map(|p| p.into_owned()))
        .filter_map(|p| std::fs::canonicalize(&p).ok())
        .filter(|p| p.is_dir())
        .collect()
}

/// Settings sent by the editor: either the keys themselves or nested under "corroborate".
/// The editor's settings from `initializationOptions` or `didChangeConfiguration`, flat or
/// nested under `corroborate`. An empty object (or `"corroborate": null`) clears them, so a
/// user who removes every setting gets the defaults back; a non-object (`null`) sends none.
fn editor_settings(value: Value) -> Option<Value> {
    match value {
        Value::Object(mut m) => match m.remove("corroborate") {
            Some(inner @ Value::Object(_)) => Some(inner),
            Some(_) => Some(Value::Object(Default::default())),
            None => Some(Value::Object(m)),
        },
        _ => None,
    }
}

fn debug_enabled() -> bool {
    std::env::var_os(DEBUG_ENV).is_some_and(|v| v == "1")
}

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    let mut commands = vec![
        actions::IGNORE_COMMAND.to_string(),
        lens::CLAIM_COMMAND.to_string(),
    ];
    if debug_enabled() {
        commands.extend([DEBUG_PANIC, DEBUG_SLEEP, DEBUG_TEXT].map(str::to_string));
    }
    ServerCapabilities {
        position_encoding: Some(convert::encoding_kind(encoding)),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                ..Default::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_highlight_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..Default::default()
        })),
        code_lens_provider: Some(CodeLensOptions {
            resolve_provider: Some(false),
        }),
        inlay_hint_provider: Some(OneOf::Left(true)),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands,
            ..Default::default()
        }),
        ..Default::default()
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encoding = convert::negotiate_encoding(&params);
        let _ = self.inner.encoding.set(encoding);
        let _ = self.inner.client_caps.set(params.capabilities.clone());
        lock(&self.inner.store).set_encoding(encoding);
        {
            let mut world = lock(&self.inner.world);
            world.folders = workspace_folders(&params);
            world.root = world.folders.first().cloned();
            world.editor_settings = params
                .initialization_options
                .clone()
                .and_then(editor_settings);
        }
        // Requests wait for the first indexing (started by `initialized`).
        self.inner.requested.fetch_add(1, Ordering::SeqCst);
        Ok(InitializeResult {
            capabilities: capabilities(encoding),
            server_info: Some(ServerInfo {
                name: "corroborate".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        tokio::spawn(self.inner.clone().index_workspace());
    }

    async fn shutdown(&self) -> Result<()> {
        self.inner.shutdown.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, p: DidOpenTextDocumentParams) {
        let _handled = self.inner.gate.handled_on_drop();
        let key = key_for_uri(&p.text_document.uri);
        lock(&self.inner.store).open(&key, &p.text_document.text, p.text_document.version);
        lock(&self.inner.world)
            .open_uris
            .insert(key.clone(), p.text_document.uri);
        self.inner.mark_dirty_key(&key);
    }

    async fn did_change(&self, p: DidChangeTextDocumentParams) {
        let _handled = self.inner.gate.handled_on_drop();
        let key = key_for_uri(&p.text_document.uri);
        let changes = p
            .content_changes
            .into_iter()
            .map(convert::text_change)
            .collect();
        let outcome = lock(&self.inner.store).change(&key, p.text_document.version, changes);
        match outcome {
            ChangeOutcome::Applied { .. } => self.inner.mark_dirty_key(&key),
            ChangeOutcome::Held => self.inner.release_held_later(key),
            ChangeOutcome::Stale => {
                self.inner
                    .client
                    .log_message(
                        MessageType::WARNING,
                        format!(
                            "ignored a change to version {} of {}: not newer than the document",
                            p.text_document.version,
                            p.text_document.uri.as_str()
                        ),
                    )
                    .await
            }
        }
    }

    async fn did_close(&self, p: DidCloseTextDocumentParams) {
        let _handled = self.inner.gate.handled_on_drop();
        let key = key_for_uri(&p.text_document.uri);
        lock(&self.inner.store).close(&key);
        let on_disk = {
            let mut world = lock(&self.inner.world);
            world.open_uris.remove(&key);
            world.disk.contains_key(&key)
        };
        self.inner.mark_dirty_key(&key);
        if on_disk {
            // The disk text may have changed while the editor had the file (saves without a
            // file watcher): re-read it.
            self.inner.rescan(HashSet::from([key]), false).await;
        }
    }

    async fn did_change_configuration(&self, p: DidChangeConfigurationParams) {
        let _handled = self.inner.gate.handled_on_drop();
        let settings = editor_settings(p.settings);
        if settings.is_none() {
            return;
        }
        lock(&self.inner.world).editor_settings = settings;
        self.inner.rescan(HashSet::new(), true).await;
    }

    async fn did_change_workspace_folders(&self, p: DidChangeWorkspaceFoldersParams) {
        let _handled = self.inner.gate.handled_on_drop();
        let canonical = |f: &WorkspaceFolder| {
            f.uri
                .to_file_path()
                .and_then(|p| std::fs::canonicalize(p.as_ref()).ok())
        };
        // A removed folder may be gone from disk: compare its path as given too.
        let removed: Vec<PathBuf> = p
            .event
            .removed
            .iter()
            .flat_map(|f| {
                let raw = f.uri.to_file_path().map(|p| p.into_owned());
                [canonical(f), raw]
            })
            .flatten()
            .collect();
        let added: Vec<PathBuf> = p.event.added.iter().filter_map(canonical).collect();
        {
            let mut world = lock(&self.inner.world);
            world.folders.retain(|f| !removed.contains(f));
            for f in added {
                if f.is_dir() && !world.folders.contains(&f) {
                    world.folders.push(f);
                }
            }
            world.root = world.folders.first().cloned();
        }
        self.inner.rescan(HashSet::new(), true).await;
    }

    async fn did_change_watched_files(&self, p: DidChangeWatchedFilesParams) {
        let _handled = self.inner.gate.handled_on_drop();
        let mut changed = HashSet::new();
        let mut config_changed = false;
        {
            let world = lock(&self.inner.world);
            for event in &p.changes {
                let Some(path) = event.uri.to_file_path().map(|p| p.into_owned()) else {
                    continue;
                };
                if !world.in_folders(&path) {
                    continue;
                }
                let is_folder_config = path.file_name()
                    == Some(std::ffi::OsStr::new(crate::config::FILE_NAME))
                    && path
                        .parent()
                        .is_some_and(|p| world.folders.iter().any(|f| f == p));
                if is_folder_config {
                    config_changed = true;
                } else if let Some(key) = convert::key_for_path(&path) {
                    changed.insert(key);
                }
            }
        }
        if config_changed || !changed.is_empty() {
            self.inner.rescan(changed, config_changed).await;
        }
    }

    async fn hover(&self, p: HoverParams) -> Result<Option<Hover>> {
        self.read(|s| handlers::hover(s, p)).await
    }

    async fn goto_definition(
        &self,
        p: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        self.read(|s| handlers::definition(s, p)).await
    }

    async fn references(&self, p: ReferenceParams) -> Result<Option<Vec<Location>>> {
        self.read(|s| handlers::references(s, p)).await
    }

    async fn document_highlight(
        &self,
        p: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        self.read(|s| handlers::document_highlight(s, p)).await
    }

    async fn code_lens(&self, p: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        self.read(|s| handlers::code_lens(s, p)).await
    }

    async fn code_action(&self, p: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        self.read(|s| handlers::code_action(s, p)).await
    }

    async fn document_symbol(
        &self,
        p: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        self.read(|s| handlers::document_symbol(s, p)).await
    }

    async fn symbol(&self, p: WorkspaceSymbolParams) -> Result<Option<WorkspaceSymbolResponse>> {
        self.read(|s| handlers::workspace_symbol(s, p)).await
    }

    async fn inlay_hint(&self, p: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        self.read(|s| handlers::inlay_hint(s, p)).await
    }

    async fn execute_command(&self, p: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        match p.command.as_str() {
            actions::IGNORE_COMMAND => self.inner.ignore_disagreement(&p.arguments).await,
            lens::CLAIM_COMMAND => {
                let id = p
                    .arguments
                    .first()
                    .and_then(|a| a.get("claim"))
                    .and_then(|c| c.as_str())
                    .map(str::to_string);
                self.read(|s| {
                    let claim = s
                        .analysis
                        .claims
                        .iter()
                        .find(|c| Some(&c.id) == id.as_ref())?;
                    let locations: Vec<Location> = claim
                        .occurrences
                        .iter()
                        .filter_map(|o| s.location(o.doc, o.span))
                        .collect();
                    serde_json::to_value(locations).ok()
                })
                .await
            }
            DEBUG_PANIC if debug_enabled() => {
                self.read(|_| -> Option<Value> { panic!("debug panic requested") })
                    .await
            }
            DEBUG_TEXT if debug_enabled() => {
                let uri = p
                    .arguments
                    .first()
                    .and_then(|a| serde_json::from_value::<Uri>(a.clone()).ok());
                self.read(|s| {
                    let doc = s.doc_for_uri(uri.as_ref()?)?;
                    let version = s.versions.get(doc).copied().flatten();
                    Some(serde_json::json!({ "text": s.text(doc), "version": version }))
                })
                .await
            }
            DEBUG_SLEEP if debug_enabled() => {
                tokio::time::sleep(Duration::from_secs(30)).await;
                Ok(None)
            }
            other => Err(Error::invalid_params(format!("unknown command `{other}`"))),
        }
    }
}
