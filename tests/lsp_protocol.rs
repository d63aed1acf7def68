//! End-to-end protocol tests of `corroborate lsp`: lifecycle and exit codes, capabilities,
//! position encodings, robustness (bad params, unknown methods and documents, panics,
//! cancellation) and edit ordering under rapid incremental changes.

mod common;

use common::lsp_client::{frame, pos_of, write, Client, Setup, TIMEOUT};
use serde_json::{json, Value};
use std::time::Duration;

const HEADER: &str = "---\noutlet: The Valley Herald\npublished: 2026-06-08\n---\n";

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "articles/herald.txt",
        &format!("{HEADER}Seven people were killed when the footbridge fell, officials said.\n"),
    );
    dir
}

fn debug_setup() -> Setup {
    Setup {
        debug_commands: true,
        ..Setup::default()
    }
}

#[test]
fn exit_codes_follow_shutdown() {
    // (send shutdown first, how the session ends, expected exit code)
    let cases = [
        (true, "exit", 0),
        (false, "exit", 1),
        (false, "eof", 1),
        (true, "eof", 0),
    ];
    for (shutdown, end, code) in cases {
        let ws = workspace();
        let mut c = Client::start(ws.path(), Setup::default());
        if shutdown {
            let res = c.request("shutdown", Value::Null);
            assert_eq!(res["result"], Value::Null, "{res}");
            // After shutdown, requests are refused.
            let res = c.request(
                "textDocument/hover",
                json!({"textDocument": {"uri": "file:///x.txt"}, "position": {"line": 0, "character": 0}}),
            );
            assert_eq!(res["error"]["code"], -32600, "{res}");
        }
        match end {
            "exit" => c.notify("exit", Value::Null),
            _ => c.close_stdin(),
        }
        let status = c.wait_exit();
        assert_eq!(status.code(), Some(code), "shutdown={shutdown} end={end}");
    }
}

#[test]
fn advertises_every_capability() {
    let ws = workspace();
    let c = Client::start(ws.path(), Setup::default());
    let caps = &c.initialize_result["capabilities"];
    for key in [
        "hoverProvider",
        "definitionProvider",
        "referencesProvider",
        "documentHighlightProvider",
        "documentSymbolProvider",
        "workspaceSymbolProvider",
        "codeActionProvider",
        "codeLensProvider",
        "inlayHintProvider",
        "executeCommandProvider",
    ] {
        assert!(
            !caps[key].is_null() && caps[key] != json!(false),
            "{key}: {caps}"
        );
    }
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    let commands = caps["executeCommandProvider"]["commands"]
        .as_array()
        .unwrap();
    assert!(commands.contains(&json!("corroborate.ignoreDisagreement")));
    assert!(
        !commands.contains(&json!("corroborate.debugPanic")),
        "debug commands only with CORROBORATE_LSP_DEBUG=1"
    );
    assert_eq!(c.initialize_result["serverInfo"]["name"], "corroborate");
    c.shutdown_and_exit();
}

#[test]
fn negotiates_position_encoding() {
    // (encodings offered by the client, encoding the server must pick)
    let cases: [(Option<Vec<&'static str>>, &str); 4] = [
        (None, "utf-16"),
        (Some(vec!["utf-16"]), "utf-16"),
        (Some(vec!["utf-8", "utf-16"]), "utf-8"),
        (Some(vec!["utf-32", "utf-16", "utf-8"]), "utf-8"),
    ];
    for (offered, want) in cases {
        let ws = workspace();
        let c = Client::start(
            ws.path(),
            Setup {
                encodings: offered.clone(),
                ..Setup::default()
            },
        );
        assert_eq!(
            c.initialize_result["capabilities"]["positionEncoding"], want,
            "{offered:?}"
        );
        c.shutdown_and_exit();
    }
}

#[test]
fn bad_requests_get_protocol_errors_and_the_server_keeps_serving() {
    let ws = workspace();
    let mut c = Client::start(ws.path(), Setup::default());
    c.wait_indexed();
    let uri = c.uri("articles/herald.txt");
    // (method, params, expected error code)
    let cases = [
        ("textDocument/hover", json!({"foo": 1}), -32602),
        ("textDocument/hover", json!([1, 2, 3]), -32602),
        (
            "textDocument/definition",
            json!({"textDocument": {"uri": uri}, "position": {"line": "x"}}),
            -32602,
        ),
        ("textDocument/noSuchThing", json!({}), -32601),
        ("corroborate/unknown", json!(null), -32601),
    ];
    for (method, params, code) in cases {
        let res = c.request(method, params.clone());
        assert_eq!(res["error"]["code"], code, "{method} {params}: {res}");
    }
    // Garbage JSON in a well-formed frame, then a valid request: still answered.
    c.send_raw(&frame("{not json"));
    c.send_raw(b"garbage between messages\r\n");
    c.send_raw(&frame("[1, 2]"));
    // A request whose shape is wrong but carries an id gets an error reply for that id.
    c.send_raw(&frame(r#"{"jsonrpc":"2.0","id":9001,"method":42}"#));
    let res = c.response(9001);
    assert!(res["error"]["code"].is_i64(), "{res}");
    let res = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}),
    );
    assert!(res.get("error").is_none(), "{res}");
    assert_eq!(c.shutdown_and_exit().code(), Some(0));
}

#[test]
fn unknown_documents_and_out_of_range_positions_give_empty_results() {
    let ws = workspace();
    let mut c = Client::start(ws.path(), Setup::default());
    c.wait_indexed();
    let known = c.uri("articles/herald.txt");
    let unknown = c.uri("articles/nowhere.txt");
    let positions = [
        (unknown.as_str(), json!({"line": 0, "character": 0})),
        (known.as_str(), json!({"line": 999, "character": 0})),
        (known.as_str(), json!({"line": 0, "character": 999})),
        (
            known.as_str(),
            json!({"line": 4294967295u32, "character": 4294967295u32}),
        ),
    ];
    for (uri, pos) in positions {
        for method in [
            "textDocument/hover",
            "textDocument/definition",
            "textDocument/references",
            "textDocument/documentHighlight",
        ] {
            let mut params = json!({"textDocument": {"uri": uri}, "position": pos});
            if method == "textDocument/references" {
                params["context"] = json!({"includeDeclaration": true});
            }
            let res = c.result(method, params);
            assert!(
                res.is_null() || res == json!([]),
                "{method} {uri} {pos}: {res}"
            );
        }
    }
    for method in ["textDocument/documentSymbol", "textDocument/codeLens"] {
        let res = c.result(method, json!({"textDocument": {"uri": unknown}}));
        assert!(res.is_null() || res == json!([]), "{method}: {res}");
    }
    let res = c.result(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": unknown}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 9, "character": 0}}}),
    );
    assert!(res.is_null() || res == json!([]), "{res}");
    let res = c.result(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": unknown}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": []}}),
    );
    assert!(res.is_null() || res == json!([]), "{res}");
    assert_eq!(c.shutdown_and_exit().code(), Some(0));
}

#[test]
fn a_panicking_handler_answers_an_error_and_the_server_keeps_serving() {
    let ws = workspace();
    let mut c = Client::start(ws.path(), debug_setup());
    c.wait_indexed();
    let res = c.request(
        "workspace/executeCommand",
        json!({"command": "corroborate.debugPanic", "arguments": []}),
    );
    assert_eq!(res["error"]["code"], -32603, "{res}");
    // Still serving, several times over.
    for _ in 0..3 {
        let res = c.request(
            "workspace/executeCommand",
            json!({"command": "corroborate.debugPanic", "arguments": []}),
        );
        assert_eq!(res["error"]["code"], -32603);
        let uri = c.uri("articles/herald.txt");
        let text = c.debug_text(&uri);
        assert!(text["text"].as_str().unwrap().contains("footbridge"));
    }
    assert_eq!(c.shutdown_and_exit().code(), Some(0));
}

#[test]
fn cancelled_slow_request_is_answered_as_cancelled_and_does_not_hold_up_edits() {
    let ws = workspace();
    let mut c = Client::start(ws.path(), debug_setup());
    c.wait_indexed();
    let uri = c.open("articles/herald.txt", "draft", 1);
    let slow = c.send_request(
        "workspace/executeCommand",
        json!({"command": "corroborate.debugSleep", "arguments": []}),
    );
    // While the slow request runs, edits and other requests go through.
    c.change(&uri, 2, json!([{"text": "draft two"}]));
    let text = c.debug_text(&uri);
    assert_eq!(text["text"], "draft two");
    assert_eq!(text["version"], 2);
    c.notify("$/cancelRequest", json!({"id": slow}));
    let res = c.response(slow);
    assert_eq!(res["error"]["code"], -32800, "{res}");
    assert_eq!(c.shutdown_and_exit().code(), Some(0));
}

/// Split `text` into single-character insertions at the end of the document, as LSP
/// positions in `enc`, with versions from `first_version`.
fn typing(text: &str, first_version: i32, enc: &str) -> Vec<(i32, Value)> {
    let mut out = Vec::new();
    let mut typed = String::new();
    for (i, ch) in text.chars().enumerate() {
        let end = {
            let line = typed.matches('\n').count();
            let start = typed.rfind('\n').map(|i| i + 1).unwrap_or(0);
            let seg = &typed[start..];
            let character = if enc == "utf-8" {
                seg.len()
            } else {
                seg.encode_utf16().count()
            };
            json!({"line": line, "character": character})
        };
        out.push((
            first_version + i as i32,
            json!([{"range": {"start": end, "end": end}, "text": ch.to_string()}]),
        ));
        typed.push(ch);
    }
    out
}

#[test]
fn hundreds_of_rapid_incremental_edits_end_with_the_exact_text() {
    for enc in ["utf-16", "utf-8"] {
        let ws = workspace();
        let mut c = Client::start(
            ws.path(),
            Setup {
                encodings: Some(vec![if enc == "utf-8" { "utf-8" } else { "utf-16" }]),
                debug_commands: true,
                ..Setup::default()
            },
        );
        c.wait_indexed();
        let uri = c.open("articles/typed.txt", "", 1);
        // Without front matter the article has metadata problems (hints).
        c.wait_diagnostics(&uri, |d| !d.is_empty());
        let body = "---\noutlet: Café Crónica 📰\npublished: 2026-06-09\n---\n\
                    Zoë Müller 🙂 said 北京 had nine visitors, then “seven” left.\n\
                    Another line with emoji 😀😀 and accents àéîõü.\n";
        let edits = typing(body, 2, enc);
        assert!(edits.len() > 100);
        for (version, changes) in &edits {
            c.change(&uri, *version, changes.clone());
        }
        // Then a few edits in the middle: replace "nine" by "9", delete "then ".
        let last = edits.last().unwrap().0;
        let nine = pos_of(body, "nine", 1, 0, enc);
        let nine_end = pos_of(body, "nine", 1, 4, enc);
        c.change(
            &uri,
            last + 1,
            json!([{"range": {"start": nine, "end": nine_end}, "text": "9"}]),
        );
        let expected = body.replacen("nine", "9", 1);
        let then = pos_of(&expected, "then ", 1, 0, enc);
        let then_end = pos_of(&expected, "then ", 1, 5, enc);
        c.change(
            &uri,
            last + 2,
            json!([{"range": {"start": then, "end": then_end}, "text": ""}]),
        );
        let expected = expected.replacen("then ", "", 1);
        let got = c.debug_text(&uri);
        assert_eq!(got["text"], expected, "{enc}");
        assert_eq!(got["version"], last + 2);
        // The findings follow the final text: the front matter is complete, so the
        // missing-metadata hints are gone.
        let diags = c.wait_diagnostics(&uri, |d| d.is_empty());
        assert!(diags.is_empty());
        assert_eq!(c.shutdown_and_exit().code(), Some(0), "{enc}");
    }
}

#[test]
fn initial_indexing_reports_progress_when_the_client_supports_it() {
    let ws = workspace();
    let mut c = Client::start(ws.path(), Setup::default());
    c.wait_indexed();
    let kinds: Vec<&str> = c
        .progress
        .iter()
        .filter_map(|v| v["kind"].as_str())
        .collect();
    assert_eq!(kinds.first(), Some(&"begin"), "{:?}", c.progress);
    assert_eq!(kinds.last(), Some(&"end"));
    assert!(c
        .server_requests
        .iter()
        .any(|r| r["method"] == "window/workDoneProgress/create"));
    c.shutdown_and_exit();

    // Without the capability: no progress at all, and requests still wait for the index.
    let ws = workspace();
    let mut c = Client::start(
        ws.path(),
        Setup {
            progress: false,
            debug_commands: true,
            ..Setup::default()
        },
    );
    let uri = c.uri("articles/herald.txt");
    let text = c.debug_text(&uri);
    assert!(text["text"].as_str().unwrap().contains("footbridge"));
    c.settle(Duration::from_millis(200));
    assert!(c.progress.is_empty());
    assert!(!c
        .server_requests
        .iter()
        .any(|r| r["method"] == "window/workDoneProgress/create"));
    let _ = TIMEOUT;
    c.shutdown_and_exit();
}
