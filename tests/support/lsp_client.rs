//! A small, deliberately rude LSP client for the reliability suites (tests/lsp_abuse.rs,
//! tests/properties.rs): spawns `corroborate lsp` (or `$CORROBORATE_BIN lsp`), frames bytes
//! itself (so it can send malformed ones), answers the server's own requests like a plain
//! editor, and reads replies with timeouts. Independent of the server's own test client.

#![allow(dead_code)]

use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Longest wait for one reply (the server itself gives up waiting for analysis after 20 s).
pub const REPLY_TIMEOUT: Duration = Duration::from_secs(30);
/// Longest wait for the process to end after `exit`.
pub const EXIT_TIMEOUT: Duration = Duration::from_secs(10);

pub fn binary() -> String {
    std::env::var("CORROBORATE_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_corroborate").into())
}

pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// Read one frame; `None` at end of stream or on a frame the test cannot parse (which is
/// itself reported as a failure by the reader thread).
pub fn read_frame(r: &mut impl BufRead) -> Option<Result<Value, String>> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            len = v.trim().parse::<usize>().ok();
        }
    }
    let Some(len) = len else {
        return Some(Err("frame without Content-Length".into()));
    };
    let mut body = vec![0; len];
    r.read_exact(&mut body).ok()?;
    Some(serde_json::from_slice(&body).map_err(|e| format!("server sent bad JSON: {e}")))
}

pub fn file_uri(p: &Path) -> String {
    format!("file://{}", p.display())
}

/// One server process and what it said.
pub struct Server {
    child: Child,
    pub stdin: Arc<Mutex<Option<ChildStdin>>>,
    /// Replies to our requests, by id (as the JSON text of the id).
    replies: Receiver<Value>,
    got: HashMap<String, Value>,
    /// Notifications from the server, in order.
    pub notes: Arc<Mutex<Vec<Value>>>,
    /// Frames the server sent that were not valid JSON-RPC for a client.
    bad_frames: Arc<Mutex<Vec<String>>>,
    stderr: Option<std::thread::JoinHandle<String>>,
    next_id: i64,
}

impl Server {
    /// Start `corroborate lsp` (not yet initialised).
    pub fn spawn(root: &Path) -> Server {
        let mut command = Command::new(binary());
        command.arg("lsp");
        Server::spawn_command(command, root)
    }

    /// Start the server with a command of the caller's (e.g. under `strace`).
    pub fn spawn_command(mut command: Command, root: &Path) -> Server {
        let mut child = command
            .current_dir(root)
            .env("CORROBORATE_LSP_DEBUG", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn corroborate lsp");
        let stdin = Arc::new(Mutex::new(child.stdin.take()));
        let (tx, replies) = mpsc::channel();
        let notes = Arc::new(Mutex::new(Vec::new()));
        let bad_frames = Arc::new(Mutex::new(Vec::new()));
        let mut out = BufReader::new(child.stdout.take().expect("stdout"));
        {
            let stdin = stdin.clone();
            let notes = notes.clone();
            let bad = bad_frames.clone();
            std::thread::spawn(move || {
                while let Some(msg) = read_frame(&mut out) {
                    let msg = match msg {
                        Ok(m) => m,
                        Err(e) => {
                            bad.lock().unwrap().push(e);
                            continue;
                        }
                    };
                    match (msg.get("method"), msg.get("id")) {
                        (Some(method), Some(id)) => {
                            // A request from the server: answer like a plain editor would.
                            let result = match method.as_str() {
                                Some("workspace/configuration") => {
                                    let n = msg["params"]["items"].as_array().map_or(0, Vec::len);
                                    Value::Array(vec![Value::Null; n])
                                }
                                _ => Value::Null,
                            };
                            let reply = json!({"jsonrpc": "2.0", "id": id, "result": result});
                            if let Some(w) = stdin.lock().unwrap().as_mut() {
                                let _ = w.write_all(&frame(reply.to_string().as_bytes()));
                                let _ = w.flush();
                            }
                            notes.lock().unwrap().push(msg);
                        }
                        (Some(_), None) => notes.lock().unwrap().push(msg),
                        (None, Some(_)) => {
                            if tx.send(msg).is_err() {
                                break;
                            }
                        }
                        (None, None) => bad.lock().unwrap().push(format!("not JSON-RPC: {msg}")),
                    }
                }
            });
        }
        let mut err = child.stderr.take().expect("stderr");
        let stderr = std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = err.read_to_end(&mut buf);
            String::from_utf8_lossy(&buf).into_owned()
        });
        Server {
            child,
            stdin,
            replies,
            got: HashMap::new(),
            notes,
            bad_frames,
            stderr: Some(stderr),
            next_id: 1,
        }
    }

    /// Start and initialise with `root` as the only workspace folder.
    pub fn start(root: &Path) -> Server {
        Server::initialised(Server::spawn(root), root)
    }

    /// Initialise a spawned server with `root` as the only workspace folder.
    pub fn initialised(mut s: Server, root: &Path) -> Server {
        let reply = s.initialize(root);
        assert!(reply.get("result").is_some(), "initialize failed: {reply}");
        s
    }

    pub fn initialize(&mut self, root: &Path) -> Value {
        let uri = file_uri(root);
        let reply = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri,
                "workspaceFolders": [{"uri": uri, "name": "ws"}],
                "capabilities": {
                    "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true},
                                  "workspaceFolders": true, "configuration": true},
                    "textDocument": {"publishDiagnostics": {"versionSupport": true}}
                }
            }),
        );
        self.notify("initialized", json!({}));
        reply
    }

    pub fn send_raw(&self, bytes: &[u8]) {
        let mut guard = self.stdin.lock().unwrap();
        let w = guard.as_mut().expect("stdin open");
        // The server may have exited on purpose (exit tests): ignore broken pipes.
        let _ = w.write_all(bytes);
        let _ = w.flush();
    }

    pub fn send(&self, msg: &Value) {
        self.send_raw(&frame(msg.to_string().as_bytes()));
    }

    pub fn notify(&self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Send a request without waiting; returns its id.
    pub fn start_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// The reply to request `id` (panics after [`REPLY_TIMEOUT`]).
    pub fn reply(&mut self, id: impl Into<Value>) -> Value {
        let key = id.into().to_string();
        let deadline = Instant::now() + REPLY_TIMEOUT;
        loop {
            if let Some(v) = self.got.remove(&key) {
                return v;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.replies.recv_timeout(left) {
                Ok(msg) => {
                    let k = msg["id"].to_string();
                    assert!(!self.got.contains_key(&k), "two replies for id {k}: {msg}");
                    self.got.insert(k, msg);
                }
                Err(RecvTimeoutError::Timeout) => {
                    panic!("no reply to request {key} in {REPLY_TIMEOUT:?}")
                }
                Err(RecvTimeoutError::Disconnected) => {
                    let err = self.stop_reading_stderr();
                    panic!("server closed its output before replying to {key}; stderr:\n{err}")
                }
            }
        }
    }

    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.start_request(method, params);
        self.reply(id)
    }

    /// A request that must be answered with a result (not an error).
    pub fn ok(&mut self, method: &str, params: Value) -> Value {
        let reply = self.request(method, params);
        assert!(
            reply.get("error").is_none() && reply.get("result").is_some(),
            "{method} failed: {reply}"
        );
        reply["result"].clone()
    }

    /// A request that must be answered with an error; returns its code.
    pub fn error(&mut self, method: &str, params: Value) -> i64 {
        let reply = self.request(method, params);
        assert!(
            reply.get("error").is_some(),
            "{method} did not fail: {reply}"
        );
        reply["error"]["code"].as_i64().unwrap_or(0)
    }

    /// The server still answers: a workspace symbol query returns a result.
    pub fn probe(&mut self) {
        self.ok("workspace/symbol", json!({"query": ""}));
    }

    pub fn open(&self, uri: &str, text: &str, version: i64) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": version, "text": text}}),
        );
    }

    pub fn change(&self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    pub fn hover(&mut self, uri: &str, line: u64, character: u64) -> Value {
        self.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
        )
    }

    /// The text of a document as the server's analysis sees it (debug command).
    pub fn server_text(&mut self, uri: &str) -> Value {
        self.ok(
            "workspace/executeCommand",
            json!({"command": "corroborate.debugText", "arguments": [uri]}),
        )
    }

    /// Latest diagnostics published for `uri`, if any.
    pub fn diagnostics(&self, uri: &str) -> Option<Vec<Value>> {
        self.notes
            .lock()
            .unwrap()
            .iter()
            .rev()
            .find(|n| n["method"] == "textDocument/publishDiagnostics" && n["params"]["uri"] == uri)
            .map(|n| {
                n["params"]["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
            })
    }

    pub fn stop_reading_stderr(&mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.stderr
            .take()
            .map(|h| h.join().unwrap_or_default())
            .unwrap_or_default()
    }

    /// Send `exit` (after `shutdown` when asked) and return the exit code and stderr.
    pub fn finish(self, shutdown: bool) -> (i32, String) {
        let (code, stderr) = self.finish_unchecked(shutdown);
        assert!(!stderr.contains("panicked"), "server panicked:\n{stderr}");
        (code, stderr)
    }

    /// [`Server::finish`] without the check that stderr shows no panic.
    pub fn finish_unchecked(mut self, shutdown: bool) -> (i32, String) {
        if shutdown {
            let r = self.request("shutdown", Value::Null);
            assert!(r.get("error").is_none(), "shutdown failed: {r}");
        }
        self.notify("exit", Value::Null);
        let code = self.wait_exit();
        let stderr = self
            .stderr
            .take()
            .map(|h| h.join().unwrap_or_default())
            .unwrap_or_default();
        let bad = self.bad_frames.lock().unwrap().clone();
        assert!(bad.is_empty(), "server sent malformed frames: {bad:?}");
        (code, stderr)
    }

    pub fn wait_exit(&mut self) -> i32 {
        let deadline = Instant::now() + EXIT_TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status.code().unwrap_or(-1);
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("server did not exit within {EXIT_TIMEOUT:?} of `exit`");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// The usual end of a test: clean shutdown, exit code 0, no panic.
    pub fn close(self) {
        let (code, stderr) = self.finish(true);
        assert_eq!(code, 0, "exit code after shutdown+exit; stderr:\n{stderr}");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
