//! Protocol abuse: `corroborate lsp` driven over raw stdio by a deliberately rude client.
//! Malformed frames and JSON, wrong parameter types, unknown methods, requests before
//! `initialize` and after `shutdown`, positions out of range, edits to unknown documents and
//! stale versions, a 10 MB document, binary and UTF-16 files, files and folders vanishing,
//! 1,000 hovers racing edits. The promises checked everywhere:
//!
//! - every request gets exactly one reply, a result or an error, within a time limit;
//! - the server keeps working afterwards (a probe request is answered);
//! - stderr never shows a panic;
//! - exit code 0 after `shutdown` + `exit`, 1 after `exit` without `shutdown`.
//!
//! Boundaries are checked here too: the server writes nothing but `corroborate.toml`, and
//! only on the explicit ignore command; it reads nothing outside its workspace folders.
//!
//! The client is independent of the server's own test client (tests/common): it frames
//! bytes itself so it can also send what no well-behaved client would.

#[path = "support/lsp_client.rs"]
mod lsp_client;

use lsp_client::{file_uri, frame, Server};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime};
// ---------------------------------------------------------------------------------------
// Workspaces

/// Two invented outlets' reports of one event, disagreeing on a toll.
const HERALD: &str = "---\noutlet: The Valley Herald\npublished: 2026-03-14\ntitle: Blast at Puerto Claro port\n---\n\n\
An explosion at the Puerto Claro port killed 7 workers on Friday, Mayor Ana Ruiz said.\n\n\
\"The fire is under control,\" Ruiz told reporters. At least 40 people were injured.\n";
const COURIER: &str = "---\noutlet: Coastal Courier\npublished: 2026-03-14\ntitle: Port blast in Puerto Claro\n---\n\n\
An explosion at the Puerto Claro port killed 9 workers on Friday, Mayor Ana Ruiz said.\n\n\
\"The fire is under control,\" Ruiz told reporters. More than 40 people were injured.\n";

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = std::fs::canonicalize(dir.path()).expect("canonical");
    std::fs::create_dir_all(root.join("articles")).expect("mkdir");
    std::fs::write(root.join("articles/herald.md"), HERALD).expect("write");
    std::fs::write(root.join("articles/courier.md"), COURIER).expect("write");
    dir
}

fn root_of(dir: &tempfile::TempDir) -> PathBuf {
    std::fs::canonicalize(dir.path()).expect("canonical")
}

// ---------------------------------------------------------------------------------------
// Malformed input

#[test]
fn malformed_frames_and_json_do_not_end_the_session() {
    let dir = workspace();
    let mut s = Server::start(&root_of(&dir));
    let garbage: Vec<Vec<u8>> = vec![
        frame(b"{not json"),
        frame(b""),
        frame(b"[]"),
        frame(b"42"),
        frame(b"null"),
        frame(b"\xFF\xFE\x00binary"),
        frame(br#"{"jsonrpc": "1.0", "method": "x"}"#),
        frame(br#"{"jsonrpc": "2.0"}"#),
        frame(br#"[{"jsonrpc": "2.0", "id": 900, "method": "workspace/symbol", "params": {"query": ""}}]"#),
        b"Content-Type: application/json\r\n\r\n".to_vec(),
        b"Content-Length: abc\r\n\r\n".to_vec(),
        b"Content-Length: -5\r\n\r\n".to_vec(),
        b"X-Nothing: 1\r\nContent-Length: 2\r\n\r\n{}".to_vec(),
        b"\r\n\r\n\r\n".to_vec(),
    ];
    for g in &garbage {
        s.send_raw(g);
        s.probe();
    }
    // A malformed request that carries an id still gets an error for that id.
    s.send_raw(&frame(
        br#"{"jsonrpc": "2.0", "id": 777, "method": 5, "params": "x"}"#,
    ));
    let r = s.reply(777);
    assert!(r.get("error").is_some(), "{r}");
    s.probe();
    s.close();
}

/// A header with a bad length, then a body, then good messages: the reader cannot know
/// where that body ends, but it must find the next `Content-Length` again instead of
/// losing every later message.
#[test]
fn bad_length_followed_by_a_body_resynchronises() {
    let dir = workspace();
    let mut s = Server::start(&root_of(&dir));
    s.send_raw(b"Content-Length: abc\r\n\r\n{\"jsonrpc\": \"2.0\"}");
    // The first message after the junk may be lost with it; the next ones must not be.
    let lost = s.start_request("workspace/symbol", json!({"query": ""}));
    s.probe();
    s.probe();
    let _ = lost;
    s.close();
}

#[test]
fn wrong_parameter_types_get_errors() {
    let dir = workspace();
    let root = root_of(&dir);
    let mut s = Server::start(&root);
    let uri = file_uri(&root.join("articles/herald.md"));
    let rows: Vec<(&str, Value)> = vec![
        (
            "textDocument/hover",
            json!({"textDocument": 5, "position": "x"}),
        ),
        (
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": -1, "character": 0}}),
        ),
        (
            "textDocument/hover",
            json!({"textDocument": {"uri": "not a uri"}, "position": {"line": 0, "character": 0}}),
        ),
        ("textDocument/hover", Value::Null),
        ("textDocument/definition", json!([1, 2, 3])),
        (
            "textDocument/references",
            json!({"textDocument": {"uri": uri}}),
        ),
        (
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": 7, "context": {}}),
        ),
        (
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": uri}, "range": {"start": 1}}),
        ),
        ("workspace/executeCommand", json!({"command": 12})),
        (
            "workspace/executeCommand",
            json!({"command": "corroborate.ignoreDisagreement", "arguments": [42]}),
        ),
        (
            "workspace/executeCommand",
            json!({"command": "no.such.command"}),
        ),
        ("workspace/symbol", json!({"query": {"deep": true}})),
    ];
    for (method, params) in rows {
        let reply = s.request(method, params.clone());
        // Either an error, or (for lenient parsing) a result: never silence, never death.
        assert!(
            reply.get("error").is_some() || reply.get("result").is_some(),
            "{method} {params}: {reply}"
        );
        s.probe();
    }
    // Notifications with wrong types: no reply expected, the server must survive.
    s.notify("textDocument/didOpen", json!({"textDocument": {"uri": 5}}));
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": "x"}, "contentChanges": 3}),
    );
    s.notify("textDocument/didClose", json!(null));
    s.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": [1, 2]}),
    );
    s.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": 1, "type": 99}]}),
    );
    s.probe();
    s.close();
}

#[test]
fn unknown_methods_and_notifications() {
    let dir = workspace();
    let mut s = Server::start(&root_of(&dir));
    assert_eq!(s.error("corroborate/noSuchMethod", json!({})), -32601);
    assert_eq!(
        s.error(
            "textDocument/semanticTokens/full",
            json!({"textDocument": {"uri": "file:///x"}})
        ),
        -32601
    );
    s.notify("corroborate/noSuchNotification", json!({"x": 1}));
    s.notify("$/cancelRequest", json!({"id": 123456}));
    s.notify("$/setTrace", json!({"value": "verbose"}));
    s.notify("$/unknownDollar", json!({}));
    s.probe();
    // A request cancelled before it is answered still gets exactly one reply.
    let id = s.start_request("workspace/symbol", json!({"query": ""}));
    s.notify("$/cancelRequest", json!({"id": id}));
    let r = s.reply(id);
    assert!(r.get("result").is_some() || r.get("error").is_some(), "{r}");
    s.close();
}

#[test]
fn requests_before_initialize_and_after_shutdown() {
    let dir = workspace();
    let root = root_of(&dir);
    let mut s = Server::spawn(&root);
    assert_eq!(s.error("workspace/symbol", json!({"query": ""})), -32002);
    s.notify("textDocument/didOpen", json!({"textDocument": {"uri": "file:///early.txt", "languageId": "plaintext", "version": 1, "text": "x"}}));
    assert_eq!(s.error("shutdown", Value::Null), -32002);
    let r = s.initialize(&root);
    assert!(r.get("result").is_some(), "{r}");
    // A second initialize is an error, not a second server state.
    assert!(s
        .request("initialize", json!({"capabilities": {}}))
        .get("error")
        .is_some());
    s.probe();
    s.ok("shutdown", Value::Null);
    // After shutdown, requests are refused (invalid request) but still answered.
    let code = s.error("workspace/symbol", json!({"query": ""}));
    assert_eq!(code, -32600, "after shutdown");
    let (code, stderr) = s.finish(false);
    assert_eq!(code, 0, "exit after shutdown; stderr:\n{stderr}");
}

/// A panic inside a request handler (the debug command `corroborate.debugPanic`) becomes an
/// error reply; the server keeps serving and still exits cleanly.
#[test]
fn a_panicking_handler_answers_an_error_and_the_server_survives() {
    let dir = workspace();
    let mut s = Server::start(&root_of(&dir));
    for _ in 0..3 {
        let code = s.error(
            "workspace/executeCommand",
            json!({"command": "corroborate.debugPanic"}),
        );
        assert_eq!(code, -32603, "internal error expected");
        s.probe();
    }
    let (code, stderr) = s.finish_unchecked(true);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn exit_codes() {
    let dir = workspace();
    let root = root_of(&dir);
    // exit without shutdown → 1
    let s = Server::start(&root);
    let (code, _) = s.finish(false);
    assert_eq!(code, 1, "exit without shutdown");
    // exit before initialize → 1
    let s = Server::spawn(&root);
    let (code, _) = s.finish(false);
    assert_eq!(code, 1, "exit before initialize");
    // shutdown + exit → 0
    Server::start(&root).close();
    // stdin closed without exit → ends by itself, code 1
    let mut s = Server::start(&root);
    s.stdin.lock().unwrap().take();
    assert_eq!(s.wait_exit(), 1, "stdin closed without shutdown");
}

// ---------------------------------------------------------------------------------------
// Documents

#[test]
fn positions_out_of_range() {
    let dir = workspace();
    let root = root_of(&dir);
    let mut s = Server::start(&root);
    let uri = file_uri(&root.join("articles/herald.md"));
    s.open(&uri, HERALD, 1);
    let max = u32::MAX as u64;
    for (line, character) in [
        (0, max),
        (max, 0),
        (max, max),
        (1_000_000, 5),
        (6, 1_000),
        (7, 3),
    ] {
        let r = s.hover(&uri, line, character);
        assert!(r.get("error").is_none(), "hover {line}:{character}: {r}");
        for method in [
            "textDocument/definition",
            "textDocument/references",
            "textDocument/documentHighlight",
        ] {
            let r = s.request(
                method,
                json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character},
                       "context": {"includeDeclaration": true}}),
            );
            assert!(r.get("error").is_none(), "{method} {line}:{character}: {r}");
        }
    }
    let huge =
        json!({"start": {"line": 0, "character": 0}, "end": {"line": max, "character": max}});
    let reversed =
        json!({"start": {"line": 9, "character": 9}, "end": {"line": 0, "character": 0}});
    for range in [huge.clone(), reversed.clone()] {
        s.ok(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": uri}, "range": range}),
        );
        s.ok(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": range, "context": {"diagnostics": []}}),
        );
    }
    // Edits with out-of-range and reversed ranges clamp; the document stays valid UTF-8.
    s.change(&uri, 2, json!([{"range": huge, "text": "A"}]));
    s.change(&uri, 3, json!([{"range": reversed, "text": "😀"}]));
    s.change(&uri, 4, json!([{"range": {"start": {"line": 0, "character": 1}, "end": {"line": 0, "character": 2}}, "text": "é"}]));
    let t = s.server_text(&uri);
    assert!(t["text"].is_string(), "{t}");
    s.close();
}

#[test]
fn changes_to_unknown_documents_and_stale_versions() {
    let dir = workspace();
    let root = root_of(&dir);
    let mut s = Server::start(&root);
    let unknown = file_uri(&root.join("articles/never-opened.md"));
    s.change(&unknown, 5, json!([{"text": "whole new text"}]));
    s.change(&unknown, 6, json!([{"range": {"start": {"line": 3, "character": 0}, "end": {"line": 3, "character": 1}}, "text": "x"}]));
    s.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": unknown}}),
    );
    s.probe();
    let uri = file_uri(&root.join("articles/herald.md"));
    s.open(&uri, "one\n", 10);
    s.change(&uri, 11, json!([{"text": "two\n"}]));
    // Stale: versions not newer than the document's are dropped.
    s.change(&uri, 11, json!([{"text": "stale same version\n"}]));
    s.change(&uri, 3, json!([{"text": "stale older version\n"}]));
    s.change(&uri, 12, json!([{"range": {"start": {"line": 0, "character": 3}, "end": {"line": 0, "character": 3}}, "text": "!"}]));
    let t = s.server_text(&uri);
    assert_eq!(t["text"], "two!\n", "{t}");
    assert_eq!(t["version"], 12, "{t}");
    // Open twice (a client bug): the second open wins.
    s.open(&uri, "three\n", 20);
    assert_eq!(s.server_text(&uri)["text"], "three\n");
    // Close then change: ignored, and a later open starts afresh.
    s.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    s.change(&uri, 21, json!([{"text": "after close\n"}]));
    s.open(&uri, "reopened\n", 1);
    assert_eq!(s.server_text(&uri)["text"], "reopened\n");
    s.close();
}

#[test]
fn ten_megabyte_document() {
    let dir = workspace();
    let root = root_of(&dir);
    let mut s = Server::start(&root);
    let uri = file_uri(&root.join("articles/huge.md"));
    let line = "Officials said 40 people were hurt and 7 killed in Puerto Claro on Friday.\n";
    let big = line.repeat(10 * 1024 * 1024 / line.len());
    let started = Instant::now();
    // Open and edit at once, then ask. Over `max_file_size` (2 MiB), the server keeps the
    // text but does not analyse it.
    s.open(&uri, &big, 1);
    s.change(&uri, 2, json!([{"range": {"start": {"line": 5, "character": 0}, "end": {"line": 5, "character": 0}}, "text": "x"}]));
    let r = s.hover(&uri, 100, 10);
    assert!(r.get("error").is_none(), "{r}");
    eprintln!(
        "10 MB document opened, hovered, edited: {:?}",
        started.elapsed()
    );
    // Under the limit: analysed (a debug build takes seconds per MB, so keep it small).
    let started = Instant::now();
    let under = file_uri(&root.join("articles/under.md"));
    s.open(&under, &line.repeat(256 * 1024 / line.len()), 1);
    let r = s.hover(&under, 100, 15);
    assert!(r.get("error").is_none(), "{r}");
    eprintln!(
        "256 KB document opened and hovered: {:?}",
        started.elapsed()
    );
    // The other articles are still served.
    let herald = file_uri(&root.join("articles/herald.md"));
    let r = s.hover(&herald, 6, 40);
    assert!(r.get("error").is_none(), "{r}");
    s.close();
}

#[test]
fn binary_and_utf16_files_in_the_workspace() {
    let dir = workspace();
    let root = root_of(&dir);
    let mut utf16 = vec![0xFF, 0xFE];
    for u in HERALD.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    std::fs::write(root.join("articles/utf16.txt"), &utf16).unwrap();
    std::fs::write(root.join("articles/binary.txt"), [0u8, 1, 2, 3, 255, 0, 7]).unwrap();
    std::fs::write(root.join("articles/latin1.txt"), b"caf\xE9 40 people\n").unwrap();
    std::fs::write(root.join("articles/empty.md"), b"").unwrap();
    let mut s = Server::start(&root);
    s.probe();
    // Opening the binary file's URI with garbage text works too.
    let uri = file_uri(&root.join("articles/binary.txt"));
    s.open(&uri, "\u{0}\u{1}\u{FFFD}", 1);
    assert!(s.hover(&uri, 0, 1).get("error").is_none());
    s.close();
}

#[test]
fn file_deleted_while_open_and_folder_removed() {
    let dir = workspace();
    let root = root_of(&dir);
    let mut s = Server::start(&root);
    let path = root.join("articles/herald.md");
    let uri = file_uri(&path);
    s.open(&uri, HERALD, 1);
    s.probe();
    std::fs::remove_file(&path).unwrap();
    s.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri, "type": 3}]}),
    );
    assert!(s.hover(&uri, 6, 40).get("error").is_none());
    s.change(&uri, 2, json!([{"text": "edited after delete\n"}]));
    assert_eq!(s.server_text(&uri)["text"], "edited after delete\n");
    s.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    s.probe();
    // The whole folder goes away, on disk and as a workspace folder.
    std::fs::remove_dir_all(root.join("articles")).unwrap();
    let courier = file_uri(&root.join("articles/courier.md"));
    s.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": courier, "type": 3}]}),
    );
    s.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({"event": {"added": [], "removed": [{"uri": file_uri(&root), "name": "ws"}]}}),
    );
    s.probe();
    s.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({"event": {"added": [{"uri": file_uri(&root.join("gone")), "name": "gone"}], "removed": []}}),
    );
    s.probe();
    s.close();
}

/// 1,000 hovers sent while the document is edited (20 edits spread among them): each gets
/// exactly one reply, and no edit is lost or reordered.
#[test]
fn a_thousand_hovers_during_edits() {
    let is_edit = |i: u64| i % 50 == 0;
    let dir = workspace();
    let root = root_of(&dir);
    let mut s = Server::start(&root);
    let uri = file_uri(&root.join("articles/herald.md"));
    s.open(&uri, HERALD, 1);
    let mut ids = Vec::new();
    let mut version = 1;
    let started = Instant::now();
    for i in 0..1000u64 {
        ids.push(s.start_request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 6 + i % 3, "character": i % 90}}),
        ));
        if is_edit(i) {
            version += 1;
            s.change(
                &uri,
                version,
                json!([{"range": {"start": {"line": 6, "character": 0}, "end": {"line": 6, "character": 0}}, "text": "A"}]),
            );
        }
    }
    let mut errors = 0;
    for id in ids {
        let r = s.reply(id);
        if r.get("error").is_some() {
            errors += 1;
        }
    }
    assert_eq!(errors, 0, "hovers answered with errors");
    let t = s.server_text(&uri);
    assert_eq!(t["version"], version, "{t}");
    let prefix = "A".repeat(version as usize - 1);
    assert!(
        t["text"]
            .as_str()
            .unwrap_or("")
            .contains(&format!("{prefix}An explosion")),
        "edits lost or reordered: {t}"
    );
    eprintln!("1,000 hovers + 20 edits: {:?}", started.elapsed());
    s.close();
}

/// Requests sent before an edit must not wait for it. Regression: the stdin pump counted
/// sync notifications as it read them, ahead of the dispatcher, and a request waited for
/// every notification read so far, including `didChange`s sent after it; with 32 handler
/// slots each batch waited the 2 s sync limit (200 hovers then one edit: 6–14 s; 1,000
/// hovers with 20 edits: 58 s instead of 1 s).
#[test]
fn hovers_sent_before_an_edit_are_not_held_up_by_it() {
    let dir = workspace();
    let root = root_of(&dir);
    let mut s = Server::start(&root);
    let uri = file_uri(&root.join("articles/herald.md"));
    s.open(&uri, HERALD, 1);
    s.probe();
    let started = Instant::now();
    let ids: Vec<i64> = (0..200u64)
        .map(|i| {
            s.start_request(
                "textDocument/hover",
                json!({"textDocument": {"uri": uri}, "position": {"line": 6, "character": i % 80}}),
            )
        })
        .collect();
    s.change(
        &uri,
        2,
        json!([{"range": {"start": {"line": 6, "character": 0}, "end": {"line": 6, "character": 0}}, "text": "A"}]),
    );
    for id in ids {
        s.reply(id);
    }
    let took = started.elapsed();
    assert!(
        took < std::time::Duration::from_secs(5),
        "200 hovers took {took:?}"
    );
    s.close();
}

// ---------------------------------------------------------------------------------------
// Boundaries: what the server writes and reads

/// Every file under `root` with its modification time and contents.
fn snapshot_files(root: &Path) -> BTreeMap<PathBuf, (SystemTime, Vec<u8>)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            let Ok(meta) = std::fs::symlink_metadata(&p) else {
                continue;
            };
            if meta.is_dir() {
                stack.push(p);
            } else if meta.is_file() {
                let modified = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
                out.insert(p.clone(), (modified, std::fs::read(&p).unwrap_or_default()));
            }
        }
    }
    out
}

/// A whole session of reading requests writes nothing; the ignore command writes only
/// `corroborate.toml` at the root.
#[test]
fn writes_only_corroborate_toml_and_only_on_the_command() {
    let dir = workspace();
    let root = root_of(&dir);
    std::fs::write(root.join("corroborate.toml"), "# settings\n").unwrap();
    let before = snapshot_files(&root);
    let mut s = Server::start(&root);
    let uri = file_uri(&root.join("articles/herald.md"));
    s.open(&uri, HERALD, 1);
    s.change(
        &uri,
        2,
        json!([{"text": format!("{HERALD}\nMore text.\n")}]),
    );
    for line in 0..10 {
        s.hover(&uri, line, 30);
    }
    let all = json!({"start": {"line": 0, "character": 0}, "end": {"line": 20, "character": 0}});
    s.ok(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": all, "context": {"diagnostics": []}}),
    );
    s.ok(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": uri}}),
    );
    s.ok(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": uri}, "range": all}),
    );
    s.ok(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    s.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    s.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    s.probe();
    assert_eq!(
        snapshot_files(&root),
        before,
        "files changed by a read-only session"
    );
    // The explicit command: only corroborate.toml changes.
    s.ok(
        "workspace/executeCommand",
        json!({"command": "corroborate.ignoreDisagreement", "arguments": [{"subject": "killed", "story": null}]}),
    );
    let after = snapshot_files(&root);
    let changed: Vec<&PathBuf> = after
        .iter()
        .filter(|(p, v)| before.get(*p) != Some(v))
        .map(|(p, _)| p)
        .chain(before.keys().filter(|p| !after.contains_key(*p)))
        .collect();
    assert_eq!(
        changed,
        vec![&root.join("corroborate.toml")],
        "changed files"
    );
    let toml = std::fs::read_to_string(root.join("corroborate.toml")).unwrap();
    assert!(
        toml.starts_with("# settings\n") && toml.contains("killed"),
        "{toml}"
    );
    s.close();
}

/// A link from the workspace to a file outside is not analysed, published or served.
#[cfg(unix)]
#[test]
fn reads_nothing_outside_the_workspace() {
    let outside = tempfile::tempdir().unwrap();
    let secret = "---\noutlet: Outside Times\npublished: 2026-03-14\n---\n\nAn explosion at the Puerto Claro port killed 99 workers, Mayor Ana Ruiz said.\n";
    std::fs::write(outside.path().join("secret.md"), secret).unwrap();
    let dir = workspace();
    let root = root_of(&dir);
    std::os::unix::fs::symlink(
        outside.path().join("secret.md"),
        root.join("articles/link.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.path(), root.join("articles/linkdir")).unwrap();
    let mut s = Server::start(&root);
    for link in ["articles/link.md", "articles/linkdir/secret.md"] {
        let uri = file_uri(&root.join(link));
        assert_eq!(
            s.diagnostics(&uri),
            None,
            "diagnostics published for {link}"
        );
    }
    let symbols = s.ok("workspace/symbol", json!({"query": ""}));
    let text = symbols.to_string();
    assert!(
        !text.contains("link.md") && !text.contains("secret"),
        "{text}"
    );
    let herald = file_uri(&root.join("articles/herald.md"));
    s.open(&herald, HERALD, 1);
    for line in 0..9 {
        let r = s.hover(&herald, line, 50);
        assert!(
            !r.to_string().contains("99") && !r.to_string().contains("Outside Times"),
            "{r}"
        );
    }
    let notes = s.notes.lock().unwrap().clone();
    for n in &notes {
        let t = n.to_string();
        // A log line saying the link was skipped is welcome; its target's content is not.
        assert!(
            !t.contains("Outside Times") && !t.contains("99 workers"),
            "{t}"
        );
        if n["method"] == "textDocument/publishDiagnostics" {
            assert!(!t.contains("link.md") && !t.contains("linkdir"), "{t}");
        }
    }
    s.close();
}

/// Under `strace -f`, a whole session (indexing, edits, every request kind, the ignore
/// command) makes no network system call at all, and never opens a file outside the
/// workspace, not even the target of a link pointing out of it. Needs `strace` (Debian
/// package `strace`); without it the test says so on stderr and checks nothing.
#[cfg(target_os = "linux")]
#[test]
fn no_network_and_no_reads_outside_under_strace() {
    let have_strace = std::process::Command::new("strace")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !have_strace {
        eprintln!("strace not installed: network and file boundaries not checked");
        return;
    }
    let outside = tempfile::tempdir().unwrap();
    let outside_dir = std::fs::canonicalize(outside.path()).unwrap();
    std::fs::write(outside_dir.join("secret.md"), HERALD).unwrap();
    let dir = workspace();
    let root = root_of(&dir);
    std::os::unix::fs::symlink(outside_dir.join("secret.md"), root.join("articles/link.md"))
        .unwrap();
    let log = root.join("..").join(format!(
        "strace-{}.log",
        root.file_name().unwrap().to_string_lossy()
    ));
    let mut command = std::process::Command::new("strace");
    command.args(["-f", "-qq", "-e", "trace=network,open,openat,openat2", "-o"]);
    command.arg(&log).arg(lsp_client::binary()).arg("lsp");
    let mut s = Server::initialised(Server::spawn_command(command, &root), &root);
    let uri = file_uri(&root.join("articles/herald.md"));
    s.open(&uri, HERALD, 1);
    s.change(&uri, 2, json!([{"text": COURIER}]));
    s.hover(&uri, 6, 40);
    let all = json!({"start": {"line": 0, "character": 0}, "end": {"line": 20, "character": 0}});
    s.ok(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": all, "context": {"diagnostics": []}}),
    );
    s.ok(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": uri}, "range": all}),
    );
    s.ok(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": uri}}),
    );
    s.ok("workspace/symbol", json!({"query": ""}));
    s.ok(
        "workspace/executeCommand",
        json!({"command": "corroborate.ignoreDisagreement", "arguments": [{"subject": "killed"}]}),
    );
    s.close();
    let trace = std::fs::read_to_string(&log).unwrap_or_default();
    let _ = std::fs::remove_file(&log);
    let network: Vec<&str> = trace
        .lines()
        .filter(|l| {
            ["socket(", "connect(", "bind(", "sendto(", "accept("]
                .iter()
                .any(|c| l.contains(c))
        })
        .collect();
    assert!(network.is_empty(), "network system calls: {network:?}");
    let outside_opens: Vec<&str> = trace
        .lines()
        .filter(|l| l.contains(&*outside_dir.to_string_lossy()))
        .collect();
    assert!(
        outside_opens.is_empty(),
        "opened outside the workspace: {outside_opens:?}"
    );
    assert!(
        trace.contains(&*root.join("articles").to_string_lossy()),
        "strace saw no file opened in the workspace: is it tracing?"
    );
}
