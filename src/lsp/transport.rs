//! A filter in front of tower-lsp's reader. tower-lsp-server stops reading its input for
//! good after one frame that is not a JSON-RPC message (tokio-util's framed reader ends
//! after a decoder error), which would end the session. This pump re-frames stdin and
//! passes on only well-formed messages: a malformed request that still carries an `id` is
//! rewritten into an unknown method so the client gets an error reply for that id; anything
//! else malformed is dropped with a note on stderr.
//!
//! The pump also counts the document-sync notifications it passes on ([`SyncGate`]):
//! handlers run concurrently, so a request may start before the `didChange` sent just
//! before it has been applied; requests wait until every sync notification read so far
//! has been handled.

use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::watch;
use tower_lsp_server::jsonrpc::{Request, Response};
use tower_lsp_server::ls_types::{
    DidChangeConfigurationParams, DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidChangeWorkspaceFoldersParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
};

/// Notifications that change the inputs (document sync, configuration, watched files,
/// workspace folders) read from the client versus handled by the server.
#[derive(Debug)]
pub struct SyncGate {
    read: AtomicU64,
    handled: watch::Sender<u64>,
}

impl Default for SyncGate {
    fn default() -> Self {
        SyncGate {
            read: AtomicU64::new(0),
            handled: watch::Sender::new(0),
        }
    }
}

impl SyncGate {
    pub fn note_read(&self) {
        self.read.fetch_add(1, Ordering::SeqCst);
    }

    pub fn note_handled(&self) {
        self.handled.send_modify(|n| *n += 1);
    }

    /// Counts a notification as handled when dropped: at the end of its handler, on every
    /// path (a change held for a missing version counts too: requests must not wait for a
    /// version that may never come).
    pub fn handled_on_drop(&self) -> HandledGuard<'_> {
        HandledGuard(self)
    }

    /// Wait (at most `limit`) until every sync notification read so far has been handled.
    pub async fn caught_up(&self, limit: Duration) {
        let want = self.read.load(Ordering::SeqCst);
        let mut rx = self.handled.subscribe();
        let _ = tokio::time::timeout(limit, rx.wait_for(|&n| n >= want)).await;
    }
}

pub struct HandledGuard<'a>(&'a SyncGate);

impl Drop for HandledGuard<'_> {
    fn drop(&mut self) {
        self.0.note_handled();
    }
}

/// Is this a document-sync notification whose params the server will accept (so that its
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

/// Copy framed messages from `input` to `output` until `input` ends.
pub async fn pump(
    input: impl AsyncRead + Unpin,
    mut output: impl AsyncWrite + Unpin,
    gate: &SyncGate,
) {
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
        let Some((body, sync)) = checked(body) else {
            continue;
        };
        if sync {
            gate.note_read();
        }
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

/// The body to pass on and whether it is a valid sync notification, or `None` to drop it.
fn checked(body: Vec<u8>) -> Option<(Vec<u8>, bool)> {
    if let Ok(req) = serde_json::from_slice::<Request>(&body) {
        let sync = is_valid_sync(&req);
        return Some((body, sync));
    }
    if serde_json::from_slice::<Response>(&body).is_ok() {
        return Some((body, false));
    }
    let id = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|v| v.get("id").cloned())
        .filter(|id| id.is_i64() || id.is_u64() || id.is_string());
    match id {
        Some(id) => {
            eprintln!("corroborate lsp: malformed request {id}: answered as an invalid request");
            let replacement = json!({"jsonrpc": "2.0", "id": id, "method": INVALID_REQUEST_METHOD});
            Some((replacement.to_string().into_bytes(), false))
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
        let gate = SyncGate::default();
        pump(input.as_bytes(), &mut out, &gate).await;
        assert_eq!(
            gate.read.load(Ordering::SeqCst),
            1,
            "only the valid didOpen counts"
        );
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
}
