//! A filter in front of tower-lsp's reader. tower-lsp-server stops reading its input for
//! good after one frame that is not a JSON-RPC message (tokio-util's framed reader ends
//! after a decoder error), which would end the session. This pump re-frames stdin and
//! passes on only well-formed messages: a malformed request that still carries an `id` is
//! rewritten into an unknown method so the client gets an error reply for that id; anything
//! else malformed is dropped with a note on stderr.
//!
//! [`Ordered`] wraps the service: tower-lsp calls it in the order messages were read, so it
//! knows how many input-changing notifications (document sync, configuration, watched
//! files, folders) came before each request. Handlers run concurrently, so a request may
//! start before the `didChange` sent just before it has been applied: the request first
//! waits until exactly those earlier notifications are handled ([`SyncGate`]), never for
//! later ones (which could be stuck behind it in the handler slots).

use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::watch;
use tower_lsp_server::jsonrpc::{Request, Response};
use tower_lsp_server::ls_types::{
    DidChangeConfigurationParams, DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidChangeWorkspaceFoldersParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
};

/// How many input-changing notifications the server has handled.
#[derive(Debug)]
pub struct SyncGate {
    handled: watch::Sender<u64>,
}

impl Default for SyncGate {
    fn default() -> Self {
        SyncGate {
            handled: watch::Sender::new(0),
        }
    }
}

impl SyncGate {
    pub fn note_handled(&self) {
        self.handled.send_modify(|n| *n += 1);
    }

    /// Counts a notification as handled when dropped: at the end of its handler, on every
    /// path (a change held for a missing version counts too: requests must not wait for a
    /// version that may never come).
    pub fn handled_on_drop(&self) -> HandledGuard<'_> {
        HandledGuard(self)
    }

    /// Wait (at most `limit`) until `count` notifications have been handled.
    pub async fn handled(&self, count: u64, limit: Duration) {
        let mut rx = self.handled.subscribe();
        let _ = tokio::time::timeout(limit, rx.wait_for(|&n| n >= count)).await;
    }
}

pub struct HandledGuard<'a>(&'a SyncGate);

impl Drop for HandledGuard<'_> {
    fn drop(&mut self) {
        self.0.note_handled();
    }
}

/// Is this an input-changing notification whose params the server will accept (so that its
/// handler runs and counts it as handled)?
fn is_valid_sync(req: &Request) -> bool {
    fn parses<T: DeserializeOwned>(params: Option<&Value>) -> bool {
        params.is_some_and(|p| T::deserialize(p).is_ok())
    }
    match req.method() {
        "textDocument/didOpen" => parses::<DidOpenTextDocumentParams>(req.params()),
        "textDocument/didChange" => parses::<DidChangeTextDocumentParams>(req.params()),
        "textDocument/didClose" => parses::<DidCloseTextDocumentParams>(req.params()),
        "workspace/didChangeConfiguration" => parses::<DidChangeConfigurationParams>(req.params()),
        "workspace/didChangeWatchedFiles" => parses::<DidChangeWatchedFilesParams>(req.params()),
        "workspace/didChangeWorkspaceFolders" => {
            parses::<DidChangeWorkspaceFoldersParams>(req.params())
        }
        _ => false,
    }
}

/// Largest message accepted (bytes); bigger ones are skipped.
const MAX_MESSAGE: usize = 256 * 1024 * 1024;
/// Method a malformed request is turned into (answered with "method not found").
pub const INVALID_REQUEST_METHOD: &str = "corroborate/invalidRequest";

/// Longest a request waits for the notifications sent before it.
const SYNC_LIMIT: Duration = Duration::from_secs(5);

/// The server's service, wrapped so each request waits for the input-changing
/// notifications read before it.
pub struct Ordered<S> {
    inner: S,
    gate: Arc<SyncGate>,
    /// Valid input-changing notifications passed on so far.
    read: u64,
}

impl<S> Ordered<S> {
    pub fn new(inner: S, gate: Arc<SyncGate>) -> Ordered<S> {
        Ordered {
            inner,
            gate,
            read: 0,
        }
    }
}

type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

impl<S> tower::Service<Request> for Ordered<S>
where
    S: tower::Service<Request, Response = Option<Response>>,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
{
    type Response = Option<Response>;
    type Error = S::Error;
    type Future = BoxFuture<Result<Option<Response>, S::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> Self::Future {
        if is_valid_sync(&req) {
            self.read += 1;
        }
        let id = req.id().cloned();
        let wait_for = id.is_some().then_some(self.read);
        let fut = self.inner.call(req);
        let gate = self.gate.clone();
        Box::pin(async move {
            if let Some(count) = wait_for {
                gate.handled(count, SYNC_LIMIT).await;
            }
            match CatchPanic(Box::pin(fut)).await {
                Ok(result) => result,
                // The last line of defence (handlers catch their own panics): an error reply
                // for a request, nothing for a notification, and the server keeps serving.
                Err(()) => Ok(id.map(|id| {
                    Response::from_error(id, tower_lsp_server::jsonrpc::Error::internal_error())
                })),
            }
        })
    }
}

/// A future whose panics are caught (`Err(())`) instead of unwinding through the server.
struct CatchPanic<F>(Pin<Box<F>>);

impl<F: Future> Future for CatchPanic<F> {
    type Output = Result<F::Output, ()>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let inner = self.0.as_mut();
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| inner.poll(cx))) {
            Ok(Poll::Ready(v)) => Poll::Ready(Ok(v)),
            Ok(Poll::Pending) => Poll::Pending,
            Err(_) => Poll::Ready(Err(())),
        }
    }
}

/// Copy framed messages from `input` to `output` until `input` ends.
pub async fn pump(input: impl AsyncRead + Unpin, mut output: impl AsyncWrite + Unpin) {
    let mut reader = BufReader::new(input);
    loop {
        let Some(len) = read_headers(&mut reader).await else {
            break;
        };
        if len > MAX_MESSAGE {
            eprintln!("corroborate lsp: skipped a message of {len} bytes");
            let skipped =
                tokio::io::copy(&mut (&mut reader).take(len as u64), &mut tokio::io::sink()).await;
            if !matches!(skipped, Ok(n) if n == len as u64) {
                break;
            }
            continue;
        }
        let mut body = vec![0; len];
        if reader.read_exact(&mut body).await.is_err() {
            break;
        }
        let Some(body) = checked(body) else {
            continue;
        };
        let head = format!("Content-Length: {}\r\n\r\n", body.len());
        if output.write_all(head.as_bytes()).await.is_err()
            || output.write_all(&body).await.is_err()
            || output.flush().await.is_err()
        {
            break;
        }
    }
    let _ = output.shutdown().await;
}

/// Read header lines up to the blank line; the `Content-Length`, or `None` at end of input.
/// Lines that are not headers (garbage between messages) are skipped.
async fn read_headers(reader: &mut (impl AsyncBufReadExt + Unpin)) -> Option<usize> {
    let mut len = None;
    loop {
        let mut line = Vec::new();
        if reader.read_until(b'\n', &mut line).await.ok()? == 0 {
            return None;
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim();
        if line.is_empty() {
            if len.is_some() {
                return len;
            }
            continue;
        }
        // After a header whose length could not be read, that frame's body is still in the
        // stream and the next header follows it on the same line ("{…}Content-Length: 60"):
        // find the header anywhere in the line so the stream resynchronises.
        const HEADER: &str = "content-length:";
        if let Some(at) = line.to_ascii_lowercase().rfind(HEADER) {
            len = line
                .get(at + HEADER.len()..)
                .and_then(|v| v.trim().parse().ok());
        }
    }
}

/// The body to pass on, or `None` to drop it.
fn checked(body: Vec<u8>) -> Option<Vec<u8>> {
    if serde_json::from_slice::<Request>(&body).is_ok()
        || serde_json::from_slice::<Response>(&body).is_ok()
    {
        return Some(body);
    }
    let id = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|v| v.get("id").cloned())
        .filter(|id| id.is_i64() || id.is_u64() || id.is_string());
    match id {
        Some(id) => {
            eprintln!("corroborate lsp: malformed request {id}: answered as an invalid request");
            let replacement = json!({"jsonrpc": "2.0", "id": id, "method": INVALID_REQUEST_METHOD});
            Some(replacement.to_string().into_bytes())
        }
        None => {
            eprintln!("corroborate lsp: dropped a message that is not JSON-RPC");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{}", body.len(), body)
    }

    #[tokio::test]
    async fn passes_messages_and_filters_malformed_ones() {
        let good = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        let note = r#"{"jsonrpc":"2.0","method":"exit"}"#;
        let open = r#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a.txt","languageId":"plaintext","version":1,"text":""}}}"#;
        let bad_change = r#"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"x":1}}"#;
        let input = [
            frame(good),
            frame(open),
            frame(bad_change),
            frame("{not json"),
            "garbage line\r\n".to_string(),
            frame(r#"{"jsonrpc":"2.0","id":7,"method":5}"#),
            frame("[1,2]"),
            frame("émoji 😀"),
            frame(note),
        ]
        .concat();
        let mut out = Vec::new();
        pump(input.as_bytes(), &mut out).await;
        let expected = [
            frame(good),
            frame(open),
            frame(bad_change),
            frame(r#"{"id":7,"jsonrpc":"2.0","method":"corroborate/invalidRequest"}"#),
            frame(note),
        ]
        .concat();
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }

    /// A service answering at once.
    struct Immediate;

    impl tower::Service<Request> for Immediate {
        type Response = Option<Response>;
        type Error = ();
        type Future = std::future::Ready<Result<Option<Response>, ()>>;
        fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), ()>> {
            Poll::Ready(Ok(()))
        }
        fn call(&mut self, _: Request) -> Self::Future {
            std::future::ready(Ok(None))
        }
    }

    #[tokio::test]
    async fn requests_wait_for_the_notifications_read_before_them_only() {
        use tower::Service;
        let msg = |s: &str| serde_json::from_str::<Request>(s).unwrap();
        let open = r#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a.txt","languageId":"plaintext","version":1,"text":""}}}"#;
        let hover = r#"{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{}}"#;
        let gate = Arc::new(SyncGate::default());
        let mut svc = Ordered::new(Immediate, gate.clone());
        let first = svc.call(msg(hover));
        let notification = svc.call(msg(open));
        let second = svc.call(msg(hover));
        let third_open = svc.call(msg(open));
        let short = Duration::from_millis(50);
        // Before any notification: answered at once, even with one pending after it.
        assert!(tokio::time::timeout(short, first).await.is_ok());
        assert!(notification.await.is_ok());
        let mut second = second;
        assert!(tokio::time::timeout(short, &mut second).await.is_err());
        gate.note_handled();
        // The later notification is not waited for.
        assert!(tokio::time::timeout(short, second).await.is_ok());
        drop(third_open);
    }

    /// A service whose handlers panic.
    struct Panicking;

    impl tower::Service<Request> for Panicking {
        type Response = Option<Response>;
        type Error = ();
        type Future = BoxFuture<Result<Option<Response>, ()>>;
        fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), ()>> {
            Poll::Ready(Ok(()))
        }
        fn call(&mut self, _: Request) -> Self::Future {
            Box::pin(async { panic!("handler panic") })
        }
    }

    #[tokio::test]
    async fn a_panicking_handler_becomes_an_error_reply() {
        use tower::Service;
        let mut svc = Ordered::new(Panicking, Arc::new(SyncGate::default()));
        let request: Request = serde_json::from_str(
            r#"{"jsonrpc":"2.0","id":3,"method":"textDocument/hover","params":{}}"#,
        )
        .unwrap();
        let reply = svc.call(request).await.unwrap().unwrap();
        assert_eq!(reply.error().map(|e| e.code.code()), Some(-32603));
        let note: Request =
            serde_json::from_str(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#)
                .unwrap();
        assert_eq!(svc.call(note).await, Ok(None));
    }

    #[test]
    fn only_valid_input_changing_notifications_count() {
        let cases = [
            (
                r#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a.txt","languageId":"plaintext","version":1,"text":""}}}"#,
                true,
            ),
            (
                r#"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"x":1}}"#,
                false,
            ),
            (
                r#"{"jsonrpc":"2.0","method":"workspace/didChangeConfiguration","params":{"settings":null}}"#,
                true,
            ),
            (
                r#"{"jsonrpc":"2.0","method":"workspace/didChangeWatchedFiles","params":{"changes":[]}}"#,
                true,
            ),
            (
                r#"{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{}}"#,
                false,
            ),
        ];
        for (msg, want) in cases {
            let req: Request = serde_json::from_str(msg).unwrap();
            assert_eq!(is_valid_sync(&req), want, "{msg}");
        }
    }
}
