//! Latency benchmark of `corroborate lsp` on a generated workspace.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --articles 10000 --out /tmp/ws10k
//! cargo build --release && cargo run --release --example lsp_bench -- --workspace /tmp/ws10k
//! ```
//!
//! Spawns the server, speaks plain JSON-RPC over its stdio (Content-Length framing), and
//! measures:
//! - initial indexing: `initialized` → answer to the first request (requests wait for it),
//!   and the number of articles that received diagnostics;
//! - edit → diagnostics: `didChange` on a figure of an open article that is part of a
//!   disagreement → `publishDiagnostics` for that article, and → the last
//!   `publishDiagnostics` of the other articles the edit affects;
//! - edit → fresh answer: `didChange` in prose, then a hover on the edited article (requests
//!   read a snapshot that includes every earlier change);
//! - hover, definition and references latency on figures and names.
//!
//! Reports p50/p95/p99 as a Markdown table. Options: `--bin PATH` (default
//! target/release/corroborate), `--edits N` (200), `--requests N` (300 per kind),
//! `--open N` (articles to open, 20).

use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Options {
    workspace: PathBuf,
    bin: PathBuf,
    edits: usize,
    requests: usize,
    open: usize,
}

fn parse_options() -> Result<Options, String> {
    let mut o = Options {
        workspace: PathBuf::new(),
        bin: PathBuf::from("target/release/corroborate"),
        edits: 200,
        requests: 300,
        open: 20,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || it.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--workspace" => o.workspace = PathBuf::from(value()?),
            "--bin" => o.bin = PathBuf::from(value()?),
            "--edits" => o.edits = value()?.parse().map_err(|e| format!("--edits: {e}"))?,
            "--requests" => {
                o.requests = value()?.parse().map_err(|e| format!("--requests: {e}"))?
            }
            "--open" => o.open = value()?.parse().map_err(|e| format!("--open: {e}"))?,
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    if o.workspace.as_os_str().is_empty() {
        return Err(
            "usage: lsp_bench --workspace DIR [--bin PATH] [--edits N] [--requests N] [--open N]"
                .into(),
        );
    }
    o.workspace = std::fs::canonicalize(&o.workspace).map_err(|e| format!("workspace: {e}"))?;
    // The server runs in the workspace folder: resolve the binary before that.
    o.bin = std::fs::canonicalize(&o.bin).map_err(|e| format!("{}: {e}", o.bin.display()))?;
    Ok(o)
}

// ---------------------------------------------------------------------------------------
// JSON-RPC over the child's stdio.

fn write_message(out: &Mutex<ChildStdin>, msg: &Value) -> std::io::Result<()> {
    let body = serde_json::to_vec(msg)?;
    let mut out = out.lock().unwrap_or_else(|e| e.into_inner());
    write!(out, "Content-Length: {}\r\n\r\n", body.len())?;
    out.write_all(&body)?;
    out.flush()
}

/// Read framed messages; answer the server's own requests (registrations, progress tokens,
/// configuration) at once so it never waits on us; forward everything else with its
/// arrival time.
fn reader_thread(
    stdout: impl Read + Send + 'static,
    stdin: Arc<Mutex<ChildStdin>>,
) -> Receiver<(Instant, Value)> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let mut r = BufReader::with_capacity(1 << 20, stdout);
        loop {
            let mut len = None;
            loop {
                let mut line = String::new();
                match r.read_line(&mut line) {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {}
                }
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                if let Some(v) = line.strip_prefix("Content-Length:") {
                    len = v.trim().parse::<usize>().ok();
                }
            }
            let Some(len) = len else { return };
            let mut body = vec![0; len];
            if r.read_exact(&mut body).is_err() {
                return;
            }
            let now = Instant::now();
            let Ok(msg) = serde_json::from_slice::<Value>(&body) else {
                continue;
            };
            if let (Some(id), Some(method)) = (msg.get("id"), msg.get("method")) {
                let result = if method == "workspace/configuration" {
                    let n = msg["params"]["items"].as_array().map_or(1, Vec::len);
                    Value::Array(vec![Value::Null; n])
                } else {
                    Value::Null
                };
                let _ = write_message(
                    &stdin,
                    &json!({"jsonrpc": "2.0", "id": id, "result": result}),
                );
                continue;
            }
            if tx.send((now, msg)).is_err() {
                return;
            }
        }
    });
    rx
}

/// A diagnostics publication as received.
struct Published {
    at: Instant,
    uri: String,
}

struct Client {
    stdin: Arc<Mutex<ChildStdin>>,
    rx: Receiver<(Instant, Value)>,
    next_id: i64,
    /// Latest diagnostics per URI.
    diagnostics: HashMap<String, Vec<Value>>,
    /// Publications not yet consumed by a measurement.
    pending: Vec<Published>,
}

impl Client {
    fn notify(&self, method: &str, params: Value) {
        let _ = write_message(
            &self.stdin,
            &json!({"jsonrpc": "2.0", "method": method, "params": params}),
        );
    }

    fn handle(&mut self, at: Instant, msg: Value) -> Option<Value> {
        if msg.get("method").and_then(Value::as_str) == Some("textDocument/publishDiagnostics") {
            let p = &msg["params"];
            let uri = p["uri"].as_str().unwrap_or_default().to_string();
            let diagnostics = p["diagnostics"].as_array().cloned().unwrap_or_default();
            self.diagnostics.insert(uri.clone(), diagnostics);
            self.pending.push(Published { at, uri });
            return None;
        }
        msg.get("id").is_some().then_some(msg)
    }

    /// Send a request and wait for its answer; returns (result, latency).
    fn request(
        &mut self,
        method: &str,
        params: Value,
        timeout: Duration,
    ) -> Option<(Value, Duration)> {
        self.next_id += 1;
        let id = self.next_id;
        let t0 = Instant::now();
        let _ = write_message(
            &self.stdin,
            &json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}),
        );
        let deadline = t0 + timeout;
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            let (at, msg) = self.rx.recv_timeout(left).ok()?;
            if let Some(reply) = self.handle(at, msg) {
                if reply["id"].as_i64() == Some(id) {
                    if let Some(e) = reply.get("error") {
                        eprintln!("lsp_bench: {method} failed: {e}");
                    }
                    return Some((reply.get("result").cloned().unwrap_or(Value::Null), at - t0));
                }
            }
        }
    }

    /// Take publications until none arrives for `quiet` (or `max` passes).
    fn drain(&mut self, quiet: Duration, max: Duration) {
        let end = Instant::now() + max;
        loop {
            let left = end.saturating_duration_since(Instant::now()).min(quiet);
            if left.is_zero() {
                return;
            }
            match self.rx.recv_timeout(left) {
                Ok((at, msg)) => {
                    self.handle(at, msg);
                }
                Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => return,
            }
        }
    }

    /// Wait until a publication for `uri` arrives (taking others along); its arrival time.
    fn wait_published(&mut self, uri: &str, since: usize, timeout: Duration) -> Option<Instant> {
        let end = Instant::now() + timeout;
        loop {
            if let Some(p) = self.pending[since..].iter().find(|p| p.uri == uri) {
                return Some(p.at);
            }
            let left = end.checked_duration_since(Instant::now())?;
            let (at, msg) = self.rx.recv_timeout(left).ok()?;
            self.handle(at, msg);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Positions (UTF-16 columns, the protocol's default).

fn file_uri(p: &Path) -> String {
    let mut s = String::from("file://");
    for b in p.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

fn position_of(text: &str, byte: usize) -> Value {
    let before = text.get(..byte).unwrap_or(text);
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col: usize = before
        .get(line_start..)
        .unwrap_or("")
        .chars()
        .map(char::len_utf16)
        .sum();
    json!({"line": line, "character": col})
}

fn byte_of(text: &str, pos: &Value) -> Option<usize> {
    let line = pos["line"].as_u64()? as usize;
    let col = pos["character"].as_u64()? as usize;
    let mut start = 0;
    for _ in 0..line {
        start += text.get(start..)?.find('\n')? + 1;
    }
    let mut units = 0;
    for (i, c) in text.get(start..)?.char_indices() {
        if units >= col {
            return Some(start + i);
        }
        units += c.len_utf16();
    }
    Some(text.len())
}

// ---------------------------------------------------------------------------------------

struct Doc {
    uri: String,
    text: String,
    version: i64,
}

fn percentiles(v: &mut [Duration]) -> Option<(f64, f64, f64, f64)> {
    if v.is_empty() {
        return None;
    }
    v.sort();
    let p = |q: f64| {
        let i = ((q * v.len() as f64).ceil() as usize).clamp(1, v.len()) - 1;
        v[i].as_secs_f64() * 1e3
    };
    Some((p(0.5), p(0.95), p(0.99), v[v.len() - 1].as_secs_f64() * 1e3))
}

fn row(name: &str, v: &mut [Duration], misses: usize) -> String {
    match percentiles(v) {
        Some((p50, p95, p99, max)) => format!(
            "| {name} | {} | {p50:.2} | {p95:.2} | {p99:.2} | {max:.2} | {misses} |",
            v.len()
        ),
        None => format!("| {name} | 0 | – | – | – | – | {misses} |"),
    }
}

fn articles_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md")) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The digits of the first number inside `range` of `text`, as a byte range.
fn digits_in(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let s = text.get(start..end)?;
    let i = s.find(|c: char| c.is_ascii_digit())?;
    let len = s[i..]
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(s.len() - i);
    Some((start + i, start + i + len))
}

fn main() {
    let o = match parse_options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("lsp_bench: {e}");
            std::process::exit(2);
        }
    };
    let paths = articles_under(&o.workspace);
    eprintln!(
        "lsp_bench: {} articles in {}",
        paths.len(),
        o.workspace.display()
    );
    let mut child = Command::new(&o.bin)
        .arg("lsp")
        .current_dir(&o.workspace)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(if std::env::var_os("LSP_BENCH_SERVER_STDERR").is_some() {
            Stdio::inherit()
        } else {
            Stdio::null()
        })
        .spawn()
        .unwrap_or_else(|e| {
            eprintln!("lsp_bench: cannot start {}: {e}", o.bin.display());
            std::process::exit(2)
        });
    let stdin = Arc::new(Mutex::new(child.stdin.take().expect("piped stdin")));
    let rx = reader_thread(child.stdout.take().expect("piped stdout"), stdin.clone());
    let mut c = Client {
        stdin,
        rx,
        next_id: 0,
        diagnostics: HashMap::new(),
        pending: Vec::new(),
    };
    let root = file_uri(&o.workspace);
    let long = Duration::from_secs(300);
    let t_start = Instant::now();
    let init = c.request(
        "initialize",
        json!({
            "processId": std::process::id(),
            "rootUri": root,
            "workspaceFolders": [{"uri": root, "name": "bench"}],
            "capabilities": {
                "textDocument": {
                    "publishDiagnostics": {"versionSupport": true},
                    "hover": {"contentFormat": ["markdown", "plaintext"]},
                    "synchronization": {"didSave": true}
                },
                "general": {"positionEncodings": ["utf-16"]}
            }
        }),
        long,
    );
    if init.is_none() {
        eprintln!("lsp_bench: no answer to initialize");
        let _ = child.kill();
        std::process::exit(1);
    }
    c.notify("initialized", json!({}));
    let t_init = Instant::now();

    // The first request waits for the initial indexing.
    let first = &paths[paths.len() / 2];
    let first_text = std::fs::read_to_string(first).unwrap_or_default();
    let first_req = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": file_uri(first)}, "position": position_of(&first_text, 0)}),
        long,
    );
    let index_time = t_init.elapsed();
    // Large workspaces may answer requests before the first diagnostics are out: wait for
    // the first publication, then until the burst is over.
    let give_up = Instant::now() + Duration::from_secs(900);
    while c.pending.is_empty() {
        let left = give_up.saturating_duration_since(Instant::now());
        match c.rx.recv_timeout(left) {
            Ok((at, msg)) => {
                c.handle(at, msg);
            }
            Err(_) => break,
        }
    }
    c.drain(Duration::from_millis(3000), Duration::from_secs(300));
    let initial_publications = c.diagnostics.len();
    let ready = t_start.elapsed();
    eprintln!(
        "lsp_bench: indexed in {:.2} s (first request answered: {}), {} articles with diagnostics",
        index_time.as_secs_f64(),
        first_req.is_some(),
        initial_publications
    );

    // Open articles that carry a figure-mismatch warning (spread over the workspace).
    let mut warned: Vec<(String, Vec<Value>)> = c
        .diagnostics
        .iter()
        .filter(|(_, d)| !d.is_empty())
        .map(|(u, d)| (u.clone(), d.clone()))
        .collect();
    warned.sort_by(|a, b| a.0.cmp(&b.0));
    let step = (warned.len() / o.open.max(1)).max(1);
    let mut docs: Vec<Doc> = Vec::new();
    let by_uri: HashMap<String, &PathBuf> = paths.iter().map(|p| (file_uri(p), p)).collect();
    for (uri, _) in warned.iter().step_by(step).take(o.open) {
        let Some(path) = by_uri.get(uri) else {
            continue;
        };
        let text = std::fs::read_to_string(path).unwrap_or_default();
        c.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
        );
        docs.push(Doc {
            uri: uri.clone(),
            text,
            version: 1,
        });
    }
    c.drain(Duration::from_millis(500), Duration::from_secs(30));
    eprintln!("lsp_bench: opened {} articles with warnings", docs.len());

    let n_docs = docs.len();
    // (a) edit a figure in a disagreement → diagnostics of the article and of the others.
    let mut self_lat = Vec::new();
    let mut others_lat = Vec::new();
    let mut others_count = Vec::new();
    let mut misses = 0;
    if !docs.is_empty() {
        for k in 0..o.edits {
            let di = k % docs.len();
            let uri = docs[di].uri.clone();
            let Some(diag) = c.diagnostics.get(&uri).and_then(|d| {
                d.iter()
                    .find(|d| d["severity"].as_i64() == Some(2))
                    .cloned()
            }) else {
                misses += 1;
                continue;
            };
            let doc = &mut docs[di];
            let (Some(s), Some(e)) = (
                byte_of(&doc.text, &diag["range"]["start"]),
                byte_of(&doc.text, &diag["range"]["end"]),
            ) else {
                misses += 1;
                continue;
            };
            let Some((ds, de)) = digits_in(&doc.text, s, e) else {
                misses += 1;
                continue;
            };
            // Add 7 to the number, or take 7 away if an earlier edit added it: the value
            // changes every time, so the message (and the diagnostics) change.
            let old: u64 = doc.text[ds..de].parse().unwrap_or(0);
            let new = if k / n_docs % 2 == 0 {
                old + 7
            } else {
                old.saturating_sub(7)
            };
            let range =
                json!({"start": position_of(&doc.text, ds), "end": position_of(&doc.text, de)});
            doc.text.replace_range(ds..de, &new.to_string());
            doc.version += 1;
            let since = c.pending.len();
            let t0 = Instant::now();
            c.notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": uri, "version": doc.version},
                       "contentChanges": [{"range": range, "text": new.to_string()}]}),
            );
            match c.wait_published(&uri, since, Duration::from_secs(120)) {
                Some(at) => self_lat.push(at - t0),
                None => {
                    misses += 1;
                    continue;
                }
            }
            c.drain(Duration::from_millis(150), Duration::from_secs(60));
            let others: Vec<&Published> =
                c.pending[since..].iter().filter(|p| p.uri != uri).collect();
            if let Some(last) = others.iter().map(|p| p.at).max() {
                others_lat.push(last - t0);
            }
            others_count.push(others.len());
        }
    }

    // (c) edit prose, then hover on the edited article: the answer reflects the edit.
    let mut fresh_lat = Vec::new();
    for k in 0..o.edits.min(docs.len() * 50) {
        let Some(doc) = docs.get_mut(k % n_docs.max(1)) else {
            break;
        };
        let at = doc.text.len().saturating_sub(2);
        let at = (0..=at)
            .rev()
            .find(|i| doc.text.is_char_boundary(*i))
            .unwrap_or(0);
        let pos = position_of(&doc.text, at);
        let insert = if k % 2 == 0 { " x" } else { " y" };
        doc.text.insert_str(at, insert);
        doc.version += 1;
        let t0 = Instant::now();
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": doc.uri, "version": doc.version},
                   "contentChanges": [{"range": {"start": pos, "end": pos}, "text": insert}]}),
        );
        let uri = doc.uri.clone();
        let p0 = position_of(&doc.text, 0);
        if c.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": p0}),
            Duration::from_secs(10),
        )
        .is_some()
        {
            fresh_lat.push(t0.elapsed());
        }
    }
    c.drain(Duration::from_millis(300), Duration::from_secs(10));

    // (b) hover, definition, references on figures (diagnostic ranges) and names.
    let mut targets: Vec<(String, Value)> = Vec::new();
    for doc in &docs {
        if let Some(ds) = c.diagnostics.get(&doc.uri) {
            for d in ds {
                targets.push((doc.uri.clone(), d["range"]["start"].clone()));
            }
        }
        // Capitalised words after a title word: likely person names.
        for title in [
            "Mayor ",
            "Minister ",
            "Chief ",
            "Gov. ",
            "Director ",
            "Judge ",
        ] {
            for (i, _) in doc.text.match_indices(title).take(3) {
                targets.push((doc.uri.clone(), position_of(&doc.text, i + title.len())));
            }
        }
    }
    let mut lat: HashMap<&str, (Vec<Duration>, usize, usize)> = HashMap::new();
    for method in [
        "textDocument/hover",
        "textDocument/definition",
        "textDocument/references",
    ] {
        let entry = lat.entry(method).or_default();
        for k in 0..o.requests {
            let Some((uri, pos)) = targets.get(k % targets.len().max(1)) else {
                break;
            };
            let mut params = json!({"textDocument": {"uri": uri}, "position": pos});
            if method == "textDocument/references" {
                params["context"] = json!({"includeDeclaration": true});
            }
            match c.request(method, params, Duration::from_secs(10)) {
                Some((result, d)) => {
                    entry.0.push(d);
                    if !result.is_null() {
                        entry.2 += 1;
                    }
                }
                None => entry.1 += 1,
            }
        }
    }

    let _ = c.request("shutdown", Value::Null, Duration::from_secs(10));
    c.notify("exit", Value::Null);
    let _ = child.wait();

    let avg_others = if others_count.is_empty() {
        0.0
    } else {
        others_count.iter().sum::<usize>() as f64 / others_count.len() as f64
    };
    println!(
        "Workspace: {} articles; server ready (indexed, initial diagnostics drained) after {:.2} s; first request answered after {:.2} s; {} articles published diagnostics; {} open.",
        paths.len(),
        ready.as_secs_f64(),
        index_time.as_secs_f64(),
        initial_publications,
        docs.len()
    );
    println!();
    println!("| measure | n | p50 ms | p95 ms | p99 ms | max ms | misses |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    println!(
        "{}",
        row(
            "didChange (figure) → publishDiagnostics, edited article",
            &mut self_lat,
            misses
        )
    );
    println!(
        "{}",
        row(
            &format!("didChange (figure) → last publishDiagnostics of other articles (avg {avg_others:.1} articles)"),
            &mut others_lat,
            0
        )
    );
    println!(
        "{}",
        row("didChange (prose) + hover → answer", &mut fresh_lat, 0)
    );
    for method in [
        "textDocument/hover",
        "textDocument/definition",
        "textDocument/references",
    ] {
        if let Some((v, miss, non_null)) = lat.get_mut(method) {
            let name = format!("{method} ({non_null} non-null)");
            println!("{}", row(&name, v, *miss));
        }
    }
}
