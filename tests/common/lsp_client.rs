//! A small LSP client for end-to-end tests: spawns `corroborate lsp`, frames real
//! `Content-Length` messages over its stdio, answers the server's own requests (with
//! `null`, recording them), and reads replies and notifications with timeouts.

#![allow(dead_code)]

use serde_json::{json, Value};
use std::collections::{HashMap, VecDeque};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const TIMEOUT: Duration = Duration::from_secs(20);

/// Write one framed message.
pub fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{}", body.len(), body).into_bytes()
}

/// Read one framed message; `None` at end of stream.
fn read_message(r: &mut impl BufRead) -> Option<Value> {
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
    let mut body = vec![0; len?];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

pub struct Client {
    child: Child,
    stdin: Arc<Mutex<Option<ChildStdin>>>,
    rx: Receiver<Value>,
    next_id: i64,
    /// Notifications and server requests received and not consumed yet.
    pending: VecDeque<Value>,
    /// Every server→client request seen (method, params).
    pub server_requests: Vec<Value>,
    /// Latest diagnostics per URI.
    pub diagnostics: HashMap<String, Vec<Value>>,
    /// Every `$/progress` notification's `value`.
    pub progress: Vec<Value>,
    pub stderr_path: PathBuf,
    _logs: tempfile::TempDir,
    pub root: PathBuf,
    pub initialize_result: Value,
}

/// Options of a client session.
pub struct Setup {
    pub encodings: Option<Vec<&'static str>>,
    pub initialization_options: Option<Value>,
    pub progress: bool,
    pub watch_files: bool,
    pub debug_commands: bool,
    /// Answer the server's requests (registerCapability, workDoneProgress/create).
    pub answer_server_requests: bool,
}

impl Default for Setup {
    fn default() -> Self {
        Setup {
            encodings: None,
            initialization_options: None,
            progress: true,
            watch_files: true,
            debug_commands: false,
            answer_server_requests: true,
        }
    }
}

pub fn uri_of(path: &Path) -> String {
    let mut s = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                s.push(b as char)
            }
            _ => s.push_str(&format!("%{b:02X}")),
        }
    }
    s
}

impl Client {
    /// Spawn the server without initializing it.
    pub fn spawn_raw(root: &Path, debug_commands: bool) -> Client {
        Client::spawn_with(root, debug_commands, true)
    }

    fn spawn_with(root: &Path, debug_commands: bool, answer: bool) -> Client {
        let logs = tempfile::tempdir().unwrap();
        let stderr_path = logs.path().join("stderr.log");
        let stderr = std::fs::File::create(&stderr_path).unwrap();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_corroborate"));
        cmd.args(["lsp", "--stdio"])
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(stderr));
        if debug_commands {
            cmd.env("CORROBORATE_LSP_DEBUG", "1");
        }
        let mut child = cmd.spawn().expect("spawn corroborate lsp");
        let stdout = child.stdout.take().unwrap();
        let stdin = Arc::new(Mutex::new(child.stdin.take()));
        let (tx, rx) = mpsc::channel();
        let writer = stdin.clone();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(msg) = read_message(&mut r) {
                // Answer server requests at once, as an editor would.
                if answer && msg.get("id").is_some() && msg.get("method").is_some() {
                    let reply = json!({"jsonrpc": "2.0", "id": msg["id"], "result": null});
                    if let Some(w) = writer.lock().unwrap().as_mut() {
                        let _ = w.write_all(&frame(&reply.to_string()));
                        let _ = w.flush();
                    }
                }
                if tx.send(msg).is_err() {
                    break;
                }
            }
        });
        Client {
            child,
            stdin,
            rx,
            next_id: 1,
            pending: VecDeque::new(),
            server_requests: Vec::new(),
            diagnostics: HashMap::new(),
            progress: Vec::new(),
            stderr_path,
            _logs: logs,
            root: root.to_path_buf(),
            initialize_result: Value::Null,
        }
    }

    /// Spawn, `initialize` with the workspace folder `root`, then `initialized`.
    pub fn start(root: &Path, setup: Setup) -> Client {
        let mut c = Client::spawn_with(root, setup.debug_commands, setup.answer_server_requests);
        let mut general = json!({});
        if let Some(e) = &setup.encodings {
            general = json!({ "positionEncodings": e });
        }
        let caps = json!({
            "general": general,
            "window": { "workDoneProgress": setup.progress },
            "workspace": {
                "didChangeWatchedFiles": { "dynamicRegistration": setup.watch_files },
                "configuration": false,
                "codeLens": { "refreshSupport": true },
                "inlayHint": { "refreshSupport": true }
            },
            "textDocument": {
                "hover": { "contentFormat": ["markdown", "plaintext"] },
                "publishDiagnostics": { "relatedInformation": true }
            }
        });
        let mut params = json!({
            "processId": null,
            "rootUri": uri_of(root),
            "capabilities": caps,
            "workspaceFolders": [{ "uri": uri_of(root), "name": "ws" }],
        });
        if let Some(o) = setup.initialization_options {
            params["initializationOptions"] = o;
        }
        let res = c.request("initialize", params);
        assert!(res.get("result").is_some(), "initialize failed: {res}");
        c.initialize_result = res["result"].clone();
        c.notify("initialized", json!({}));
        c
    }

    pub fn uri(&self, rel: &str) -> String {
        uri_of(&self.root.join(rel))
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        let mut guard = self.stdin.lock().unwrap();
        let w = guard.as_mut().expect("stdin open");
        w.write_all(bytes).unwrap();
        w.flush().unwrap();
    }

    pub fn send(&mut self, msg: &Value) {
        self.send_raw(&frame(&msg.to_string()));
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Send a request without waiting; returns its id.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// Send a request and wait for its response (the whole response object).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.response(id)
    }

    /// The `result` of a request, panicking on an error reply.
    pub fn result(&mut self, method: &str, params: Value) -> Value {
        let res = self.request(method, params);
        assert!(res.get("error").is_none(), "{method} failed: {res}");
        res["result"].clone()
    }

    /// Wait for the response with this id.
    pub fn response(&mut self, id: i64) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let msg = self.next_message(deadline).unwrap_or_else(|| {
                panic!("no response to request {id}; stderr:\n{}", self.stderr())
            });
            if msg.get("method").is_none() && msg.get("id") == Some(&json!(id)) {
                return msg;
            }
            self.pending.push_back(msg);
        }
    }

    fn next_message(&mut self, deadline: Instant) -> Option<Value> {
        let wait = deadline.saturating_duration_since(Instant::now());
        match self.rx.recv_timeout(wait) {
            Ok(msg) => {
                self.record(&msg);
                Some(msg)
            }
            Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => None,
        }
    }

    fn record(&mut self, msg: &Value) {
        match msg.get("method").and_then(Value::as_str) {
            Some("textDocument/publishDiagnostics") => {
                let uri = msg["params"]["uri"].as_str().unwrap_or("").to_string();
                let diags = msg["params"]["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
                self.diagnostics.insert(uri, diags);
            }
            Some("$/progress") => self.progress.push(msg["params"]["value"].clone()),
            Some(_) if msg.get("id").is_some() => self.server_requests.push(msg.clone()),
            _ => {}
        }
    }

    /// Wait for a notification (or server request) with this method matching `pred`,
    /// consuming it and everything received before it.
    pub fn wait_for(
        &mut self,
        method: &str,
        timeout: Duration,
        mut pred: impl FnMut(&Value) -> bool,
    ) -> Option<Value> {
        while let Some(msg) = self.pending.pop_front() {
            if msg["method"] == method && pred(&msg) {
                return Some(msg);
            }
        }
        let deadline = Instant::now() + timeout;
        loop {
            let msg = self.next_message(deadline)?;
            if msg["method"] == method && pred(&msg) {
                return Some(msg);
            }
        }
    }

    /// Drain whatever arrives within `quiet` of silence (to let publications settle).
    pub fn settle(&mut self, quiet: Duration) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let wait = quiet.min(deadline.saturating_duration_since(Instant::now()));
            match self.rx.recv_timeout(wait) {
                Ok(msg) => {
                    self.record(&msg);
                    self.pending.push_back(msg);
                }
                Err(_) => return,
            }
        }
    }

    /// Wait until the diagnostics of `uri` satisfy `pred` (checking the latest ones first).
    pub fn wait_diagnostics(
        &mut self,
        uri: &str,
        mut pred: impl FnMut(&[Value]) -> bool,
    ) -> Vec<Value> {
        if let Some(d) = self.diagnostics.get(uri) {
            if pred(d) {
                return d.clone();
            }
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let Some(msg) = self.next_message(deadline) else {
                panic!(
                    "diagnostics of {uri} never matched; last: {:?}\nstderr:\n{}",
                    self.diagnostics.get(uri),
                    self.stderr()
                );
            };
            if msg["method"] == "textDocument/publishDiagnostics" && msg["params"]["uri"] == uri {
                let d = self.diagnostics[uri].clone();
                if pred(&d) {
                    return d;
                }
            }
        }
    }

    /// Wait until the initial indexing is over (the progress `end`, or when the client did not
    /// offer progress, a workspace symbol round trip, which waits for the analysis).
    pub fn wait_indexed(&mut self) {
        let done = self.progress.iter().any(|v| v["kind"] == "end");
        if !done {
            self.wait_for("$/progress", TIMEOUT, |m| {
                m["params"]["value"]["kind"] == "end"
            })
            .unwrap_or_else(|| panic!("indexing never ended; stderr:\n{}", self.stderr()));
        }
    }

    pub fn open(&mut self, rel: &str, text: &str, version: i32) -> String {
        let uri = self.uri(rel);
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": version, "text": text}}),
        );
        uri
    }

    pub fn change(&mut self, uri: &str, version: i32, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    pub fn stderr(&self) -> String {
        std::fs::read_to_string(&self.stderr_path).unwrap_or_default()
    }

    /// `shutdown` then `exit`; returns the exit status.
    pub fn shutdown_and_exit(mut self) -> ExitStatus {
        let res = self.request("shutdown", Value::Null);
        assert!(res.get("error").is_none(), "{res}");
        self.notify("exit", Value::Null);
        self.wait_exit()
    }

    /// Wait for the process to end (killing it after the timeout).
    pub fn wait_exit(mut self) -> ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("server did not exit; stderr:\n{}", self.stderr());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Close stdin (end of stream).
    pub fn close_stdin(&mut self) {
        self.stdin.lock().unwrap().take();
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Position (line, character) of the `nth` (1-based) occurrence of `needle` in `text`,
/// plus `delta` bytes, in the given encoding ("utf-16" or "utf-8").
pub fn pos_of(text: &str, needle: &str, nth: usize, delta: usize, enc: &str) -> Value {
    let mut from = 0;
    let mut at = None;
    for _ in 0..nth.max(1) {
        let i = text[from..].find(needle).expect("needle in text") + from;
        at = Some(i);
        from = i + needle.len();
    }
    let offset = at.unwrap() + delta;
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let seg = &text[line_start..offset];
    let character = if enc == "utf-8" {
        seg.len()
    } else {
        seg.encode_utf16().count()
    };
    json!({"line": line, "character": character})
}

pub fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

impl Client {
    /// The server's text and version of a document (debug command; needs `debug_commands`).
    pub fn debug_text(&mut self, uri: &str) -> Value {
        self.result(
            "workspace/executeCommand",
            json!({"command": "corroborate.debugText", "arguments": [uri]}),
        )
    }
}

/// The text a range covers, with columns in `enc` ("utf-16" or "utf-8").
pub fn slice_range(text: &str, range: &Value, enc: &str) -> String {
    let offset = |p: &Value| -> usize {
        let line = p["line"].as_u64().unwrap() as usize;
        let ch = p["character"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let rest = &text[start..];
        let mut units = 0;
        for (i, c) in rest.char_indices() {
            if units >= ch || c == '\n' {
                return start + i;
            }
            units += if enc == "utf-8" {
                c.len_utf8()
            } else {
                c.len_utf16()
            };
        }
        text.len()
    };
    text[offset(&range["start"])..offset(&range["end"])].to_string()
}

/// Apply a WorkspaceEdit's `changes` for one URI to `text` (edits in reverse order).
pub fn apply_edits(text: &str, edits: &[Value], enc: &str) -> String {
    let mut with_offsets: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let before = slice_range(
                text,
                &json!({"start": {"line": 0, "character": 0}, "end": e["range"]["start"]}),
                enc,
            );
            let covered = slice_range(text, &e["range"], enc);
            (
                before.len(),
                before.len() + covered.len(),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    with_offsets.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (a, b, t) in with_offsets {
        out.replace_range(a..b, &t);
    }
    out
}
