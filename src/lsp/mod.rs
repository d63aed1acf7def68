//! The language server (`corroborate lsp`): a thin edge over the workspace analysis.
//!
//! Modules: [`server`] (LSP plumbing, analysis worker, publishing), [`documents`] (open
//! documents, version-ordered incremental edits), [`world`] (folders, configuration, disk
//! articles, facts cache), [`snapshot`] (immutable analysed state read by requests),
//! [`handlers`] (pure request handlers), [`convert`] (positions and URIs), [`transport`]
//! (stdin filter keeping malformed messages from ending the session; the ordered service
//! making each request wait for the notifications sent before it, and catching panics).
//!
//! Debugging: `CORROBORATE_LSP_TIMING=1` logs each analysis step to stderr;
//! `CORROBORATE_LSP_DEBUG=1` adds test-only commands (`corroborate.debugText`,
//! `corroborate.debugPanic`, `corroborate.debugSleep`).

pub mod convert;
pub mod documents;
pub mod handlers;
pub mod server;
pub mod snapshot;
pub mod transport;
pub mod world;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tower_lsp_server::{LspService, Server};

/// How many messages the server handles at once. Above tower-lsp's default of 4 so that a
/// few slow requests never hold up edits (edits are applied in version order, and requests
/// wait for the notifications read before them, whatever the scheduling).
const CONCURRENCY: usize = 32;

/// Run the server over stdio; returns the process exit code (0 after `shutdown`, 1 without).
pub fn run() -> i32 {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("corroborate lsp: cannot start: {e}");
            return 2;
        }
    };
    let shutdown = Arc::new(AtomicBool::new(false));
    let flag = shutdown.clone();
    let gate = Arc::new(transport::SyncGate::default());
    runtime.block_on(async move {
        let mut inner = None;
        let server_gate = gate.clone();
        let (service, socket) = LspService::new(|client| {
            let backend = server::Backend::new(client, flag, server_gate);
            inner = Some(backend.inner());
            backend
        });
        if let Some(inner) = inner {
            tokio::spawn(inner.analysis_loop());
        }
        let (to_server, server_input) = tokio::io::duplex(1 << 16);
        tokio::spawn(transport::pump(tokio::io::stdin(), to_server));
        Server::new(server_input, tokio::io::stdout(), socket)
            .concurrency_level(CONCURRENCY)
            .serve(transport::Ordered::new(service, gate))
            .await;
    });
    runtime.shutdown_timeout(Duration::from_millis(200));
    if shutdown.load(Ordering::SeqCst) {
        0
    } else {
        1
    }
}
