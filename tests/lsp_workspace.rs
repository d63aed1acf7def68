//! End-to-end workspace tests of `corroborate lsp`: diagnostics for every article, file
//! watching (create / change / delete), open documents versus disk, configuration from the
//! editor and from `corroborate.toml` (which wins), and the ignore command's file write.

mod common;

use common::lsp_client::{uri_of, write, Client, Setup};
use serde_json::{json, Value};
use std::time::Duration;

const NO_OUTLET: &str = "no outlet found";
const NO_DATE: &str = "no publication date found";

fn complete(outlet: &str, date: &str, body: &str) -> String {
    format!("---\noutlet: {outlet}\npublished: {date}\n---\n{body}\n")
}

fn messages(diags: &[Value]) -> Vec<String> {
    diags
        .iter()
        .map(|d| d["message"].as_str().unwrap_or("").to_string())
        .collect()
}

fn has_hint(diags: &[Value], text: &str) -> bool {
    diags.iter().any(|d| {
        d["severity"] == 4
            && d["source"] == "corroborate"
            && d["code"] == "article-problem"
            && d["message"].as_str().unwrap_or("").contains(text)
    })
}

fn watched(c: &mut Client, events: &[(&str, u32)]) {
    let changes: Vec<Value> = events
        .iter()
        .map(|(uri, kind)| json!({"uri": uri, "type": kind}))
        .collect();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": changes }),
    );
}

const CREATED: u32 = 1;
const CHANGED: u32 = 2;
const DELETED: u32 = 3;

#[test]
fn every_article_gets_diagnostics_without_being_opened() {
    let ws = tempfile::tempdir().unwrap();
    write(
        ws.path(),
        "a/one.txt",
        "A body without any metadata at all.\n",
    );
    write(
        ws.path(),
        "b/two.md",
        &complete("The Valley Herald", "2026-06-08", "Complete article."),
    );
    write(ws.path(), "b/notes.csv", "not an article\n");
    let mut c = Client::start(ws.path(), Setup::default());
    c.wait_indexed();
    let one = c.uri("a/one.txt");
    let diags = c.wait_diagnostics(&one, |d| !d.is_empty());
    assert!(has_hint(&diags, NO_OUTLET), "{:?}", messages(&diags));
    assert!(has_hint(&diags, NO_DATE));
    c.settle(Duration::from_millis(300));
    // A complete article and a non-article get nothing (no empty publication either).
    assert!(c
        .diagnostics
        .get(&c.uri("b/two.md"))
        .is_none_or(|d| d.is_empty()));
    assert!(!c.diagnostics.contains_key(&c.uri("b/notes.csv")));
    c.shutdown_and_exit();
}

#[test]
fn follows_files_created_changed_and_deleted_on_disk() {
    let ws = tempfile::tempdir().unwrap();
    write(
        ws.path(),
        "seed.txt",
        &complete("The Valley Herald", "2026-06-08", "Seed."),
    );
    let mut c = Client::start(ws.path(), Setup::default());
    c.wait_indexed();
    let registration = c
        .server_requests
        .iter()
        .find(|r| r["method"] == "client/registerCapability")
        .cloned()
        .expect("watchers registered dynamically");
    let reg = &registration["params"]["registrations"][0];
    assert_eq!(reg["method"], "workspace/didChangeWatchedFiles");
    let globs: Vec<&str> = reg["registerOptions"]["watchers"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|w| w["globPattern"].as_str())
        .collect();
    assert!(globs.contains(&"**/corroborate.toml"), "{globs:?}");

    // Created: a file without metadata gets hints.
    write(ws.path(), "new/late.txt", "Body only.\n");
    let late = c.uri("new/late.txt");
    watched(&mut c, &[(&late, CREATED)]);
    let d = c.wait_diagnostics(&late, |d| has_hint(d, NO_OUTLET));
    assert!(has_hint(&d, NO_DATE));

    // Changed: metadata added on disk clears them.
    write(
        ws.path(),
        "new/late.txt",
        &complete("Coastal Daily", "2026-06-09", "Body."),
    );
    watched(&mut c, &[(&late, CHANGED)]);
    c.wait_diagnostics(&late, |d| d.is_empty());

    // Changed back, then deleted: the diagnostics go away with the file.
    write(ws.path(), "new/late.txt", "Body only again.\n");
    watched(&mut c, &[(&late, CHANGED)]);
    c.wait_diagnostics(&late, |d| has_hint(d, NO_OUTLET));
    std::fs::remove_file(ws.path().join("new/late.txt")).unwrap();
    watched(&mut c, &[(&late, DELETED)]);
    c.wait_diagnostics(&late, |d| d.is_empty());
    c.shutdown_and_exit();
}

#[test]
fn never_reads_outside_the_workspace_folders() {
    let outside = tempfile::tempdir().unwrap();
    write(
        outside.path(),
        "secret.txt",
        "Outside body without metadata.\n",
    );
    let ws = tempfile::tempdir().unwrap();
    write(ws.path(), "in.txt", "Inside body without metadata.\n");
    #[cfg(unix)]
    std::os::unix::fs::symlink(outside.path(), ws.path().join("linked")).unwrap();
    let mut c = Client::start(ws.path(), Setup::default());
    c.wait_indexed();
    let inside = c.uri("in.txt");
    c.wait_diagnostics(&inside, |d| has_hint(d, NO_OUTLET));
    let secret = uri_of(&outside.path().join("secret.txt"));
    watched(&mut c, &[(&secret, CREATED)]);
    c.settle(Duration::from_millis(400));
    assert!(!c.diagnostics.contains_key(&secret));
    assert!(!c
        .diagnostics
        .keys()
        .any(|k| k.contains("linked") || k.contains("secret")));
    c.shutdown_and_exit();
}

#[test]
fn open_documents_follow_the_editor_not_the_disk() {
    let ws = tempfile::tempdir().unwrap();
    write(ws.path(), "doc.txt", "Disk body without metadata.\n");
    let mut c = Client::start(
        ws.path(),
        Setup {
            debug_commands: true,
            ..Setup::default()
        },
    );
    c.wait_indexed();
    let uri = c.uri("doc.txt");
    c.wait_diagnostics(&uri, |d| has_hint(d, NO_OUTLET));
    let editor_text = complete("The Valley Herald", "2026-06-08", "Editor body.");
    c.open("doc.txt", &editor_text, 1);
    c.wait_diagnostics(&uri, |d| d.is_empty());
    // The disk changes underneath: the editor's text still wins.
    write(ws.path(), "doc.txt", "Another disk body.\n");
    watched(&mut c, &[(&uri, CHANGED)]);
    let t = c.debug_text(&uri);
    assert_eq!(t["text"], editor_text);
    assert_eq!(t["version"], 1);
    // Closed: back to the disk's text.
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    c.wait_diagnostics(&uri, |d| has_hint(d, NO_OUTLET));
    let t = c.debug_text(&uri);
    assert_eq!(t["text"], "Another disk body.\n");
    assert_eq!(t["version"], Value::Null);
    // An unsaved buffer (untitled) is analysed too, from the editor's text alone.
    let untitled = "untitled:Untitled-1";
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": untitled, "languageId": "plaintext", "version": 1, "text": "No metadata."}}),
    );
    c.wait_diagnostics(untitled, |d| has_hint(d, NO_OUTLET));
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": untitled}}),
    );
    c.wait_diagnostics(untitled, |d| d.is_empty());
    c.shutdown_and_exit();
}

#[test]
fn configuration_comes_from_the_editor_and_the_file_wins() {
    let ws = tempfile::tempdir().unwrap();
    // Dated, but no outlet: only `[outlets]` can name it.
    write(
        ws.path(),
        "herald/a.txt",
        "---\npublished: 2026-06-08\n---\nBody.\n",
    );
    write(ws.path(), "drafts/b.txt", "Draft body without metadata.\n");
    let mut c = Client::start(
        ws.path(),
        Setup {
            initialization_options: Some(json!({
                "outlets": {"herald/*": "The Valley Herald"},
                "exclude": ["drafts/**"]
            })),
            ..Setup::default()
        },
    );
    c.wait_indexed();
    let a = c.uri("herald/a.txt");
    let b = c.uri("drafts/b.txt");
    c.settle(Duration::from_millis(300));
    assert!(
        c.diagnostics.get(&a).is_none_or(|d| d.is_empty()),
        "outlet from settings"
    );
    assert!(
        c.diagnostics.get(&b).is_none_or(|d| d.is_empty()),
        "excluded by settings"
    );

    // didChangeConfiguration (nested under "corroborate") replaces the editor settings.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"corroborate": {"exclude": []}}}),
    );
    c.wait_diagnostics(&b, |d| has_hint(d, NO_OUTLET));
    c.wait_diagnostics(&a, |d| has_hint(d, NO_OUTLET));

    // corroborate.toml appears: it wins over the editor settings.
    write(
        ws.path(),
        "corroborate.toml",
        "exclude = [\"drafts/**\"]\n[outlets]\n\"herald/*\" = \"The Valley Herald\"\n",
    );
    let toml = c.uri("corroborate.toml");
    watched(&mut c, &[(&toml, CREATED)]);
    c.wait_diagnostics(&a, |d| d.is_empty());
    c.wait_diagnostics(&b, |d| d.is_empty());

    // Editor settings can no longer override what the file sets.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"exclude": []}}),
    );
    c.settle(Duration::from_millis(400));
    assert!(c.diagnostics.get(&b).is_none_or(|d| d.is_empty()));

    // The file is edited: its new content applies, and views are refreshed.
    write(ws.path(), "corroborate.toml", "exclude = []\n");
    watched(&mut c, &[(&toml, CHANGED)]);
    c.wait_diagnostics(&b, |d| has_hint(d, NO_OUTLET));
    c.wait_diagnostics(&a, |d| has_hint(d, NO_OUTLET));
    for method in ["workspace/codeLens/refresh", "workspace/inlayHint/refresh"] {
        if !c.server_requests.iter().any(|r| r["method"] == method) {
            c.wait_for(method, Duration::from_secs(5), |_| true)
                .unwrap_or_else(|| panic!("no {method}"));
        }
    }
    c.shutdown_and_exit();
}

#[test]
fn a_broken_config_file_is_reported_and_the_server_keeps_going() {
    let ws = tempfile::tempdir().unwrap();
    write(ws.path(), "corroborate.toml", "exclude = [unclosed\n");
    write(ws.path(), "a.txt", "Body without metadata.\n");
    let mut c = Client::start(ws.path(), Setup::default());
    let msg = c
        .wait_for("window/showMessage", Duration::from_secs(10), |m| {
            m["params"]["message"]
                .as_str()
                .unwrap_or("")
                .contains("corroborate.toml")
        })
        .expect("config error shown");
    assert_eq!(msg["params"]["type"], 2, "warning");
    let a = c.uri("a.txt");
    c.wait_diagnostics(&a, |d| has_hint(d, NO_OUTLET));
    c.shutdown_and_exit();
}

#[test]
fn ignore_command_appends_a_rule_to_corroborate_toml() {
    let ws = tempfile::tempdir().unwrap();
    write(ws.path(), "corroborate.toml", "exclude = [\"drafts/**\"]");
    write(
        ws.path(),
        "a.txt",
        &complete("The Valley Herald", "2026-06-08", "Body."),
    );
    let mut c = Client::start(ws.path(), Setup::default());
    c.wait_indexed();
    let args = json!([{"subject": "killed", "story": "s-bridge"}]);
    for _ in 0..2 {
        let res = c.request(
            "workspace/executeCommand",
            json!({"command": "corroborate.ignoreDisagreement", "arguments": args}),
        );
        assert!(res.get("error").is_none(), "{res}");
    }
    let text = std::fs::read_to_string(ws.path().join("corroborate.toml")).unwrap();
    assert_eq!(
        text,
        "exclude = [\"drafts/**\"]\n\n[[ignore]]\nsubject = \"killed\"\nstory = \"s-bridge\"\n",
        "appended once, existing content kept"
    );
    let res = c.request(
        "workspace/executeCommand",
        json!({"command": "corroborate.ignoreDisagreement", "arguments": [{"story": "x"}]}),
    );
    assert_eq!(res["error"]["code"], -32602, "{res}");
    let res = c.request(
        "workspace/executeCommand",
        json!({"command": "corroborate.noSuchCommand", "arguments": []}),
    );
    assert_eq!(res["error"]["code"], -32602, "{res}");
    // No other file was written.
    let mut files: Vec<String> = std::fs::read_dir(ws.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, vec!["a.txt", "corroborate.toml"]);
    c.shutdown_and_exit();
}

#[test]
fn follows_workspace_folders_added_and_removed() {
    let ws = tempfile::tempdir().unwrap();
    write(
        ws.path(),
        "a.txt",
        &complete("The Valley Herald", "2026-06-08", "Body."),
    );
    let second = tempfile::tempdir().unwrap();
    write(
        second.path(),
        "b.txt",
        "Second folder body without metadata.\n",
    );
    let mut c = Client::start(ws.path(), Setup::default());
    c.wait_indexed();
    let caps = &c.initialize_result["capabilities"]["workspace"]["workspaceFolders"];
    assert_eq!(caps["supported"], true);
    let folder = json!({"uri": uri_of(second.path()), "name": "second"});
    let b = uri_of(&second.path().join("b.txt"));
    c.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({"event": {"added": [folder], "removed": []}}),
    );
    c.wait_diagnostics(&b, |d| has_hint(d, NO_OUTLET));
    c.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({"event": {"added": [], "removed": [folder]}}),
    );
    c.wait_diagnostics(&b, |d| d.is_empty());
    c.shutdown_and_exit();
}

#[test]
fn each_workspace_folder_has_its_own_configuration() {
    let ws = tempfile::tempdir().unwrap();
    write(
        ws.path(),
        "corroborate.toml",
        "[outlets]\n\"*.txt\" = \"Alpha Post\"\n",
    );
    write(
        ws.path(),
        "a.txt",
        "---\npublished: 2026-06-08\n---\nBody.\n",
    );
    let second = tempfile::tempdir().unwrap();
    write(
        second.path(),
        "corroborate.toml",
        "exclude = [\"drafts/**\"]\n[outlets]\n\"*.txt\" = \"Beta News\"\n",
    );
    write(second.path(), "b.txt", "Undated body.\n");
    write(second.path(), "drafts/c.txt", "A draft without metadata.\n");
    let mut c = Client::start(ws.path(), Setup::default());
    c.wait_indexed();
    let folder = json!({"uri": uri_of(second.path()), "name": "second"});
    c.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({"event": {"added": [folder], "removed": []}}),
    );
    // b.txt gets its outlet from its own folder's file: only the date is missing.
    let b = uri_of(&second.path().join("b.txt"));
    let diags = c.wait_diagnostics(&b, |d| has_hint(d, NO_DATE));
    assert!(!has_hint(&diags, NO_OUTLET), "{:?}", messages(&diags));
    // The second folder's excludes apply to it: its draft is never analysed.
    c.settle(Duration::from_millis(300));
    let draft = uri_of(&second.path().join("drafts/c.txt"));
    assert!(!c.diagnostics.contains_key(&draft));
    // An ignore rule offered on b.txt goes to the second folder's file.
    let args = json!([{"subject": "killed", "story": "s1", "uri": b}]);
    let res = c.request(
        "workspace/executeCommand",
        json!({"command": "corroborate.ignoreDisagreement", "arguments": args}),
    );
    assert!(res.get("error").is_none(), "{res}");
    let second_toml = std::fs::read_to_string(second.path().join("corroborate.toml")).unwrap();
    assert!(second_toml.contains("[[ignore]]"), "{second_toml}");
    let first_toml = std::fs::read_to_string(ws.path().join("corroborate.toml")).unwrap();
    assert!(!first_toml.contains("[[ignore]]"), "{first_toml}");
    c.shutdown_and_exit();
}

#[test]
fn answers_in_the_clients_spelling_of_a_uri() {
    let ws = tempfile::tempdir().unwrap();
    write(ws.path(), "café.txt", "Disk body without metadata.\n");
    let mut c = Client::start(ws.path(), Setup::default());
    c.wait_indexed();
    let canonical = c.uri("café.txt");
    assert!(canonical.ends_with("caf%C3%A9.txt"), "{canonical}");
    c.wait_diagnostics(&canonical, |d| has_hint(d, NO_OUTLET));
    // The editor spells the escape in lower case: the same document.
    let spelled = canonical.replace("%C3%A9", "%c3%a9");
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": spelled, "languageId": "plaintext", "version": 1, "text": "Editor body without metadata.\n"}}),
    );
    c.wait_diagnostics(&spelled, |d| has_hint(d, NO_OUTLET));
    // Not shown twice under both spellings.
    c.wait_diagnostics(&canonical, |d| d.is_empty());
    let hover = c.result(
        "textDocument/hover",
        json!({"textDocument": {"uri": spelled}, "position": {"line": 0, "character": 0}}),
    );
    assert!(hover.is_null(), "{hover}");
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": spelled}}),
    );
    c.wait_diagnostics(&spelled, |d| d.is_empty());
    c.wait_diagnostics(&canonical, |d| has_hint(d, NO_OUTLET));
    c.shutdown_and_exit();
}

#[test]
fn a_client_that_never_answers_the_servers_requests_still_gets_diagnostics() {
    let ws = tempfile::tempdir().unwrap();
    write(ws.path(), "a.txt", "Body without metadata.\n");
    let mut c = Client::start(
        ws.path(),
        Setup {
            answer_server_requests: false,
            ..Setup::default()
        },
    );
    let a = c.uri("a.txt");
    c.wait_diagnostics(&a, |d| has_hint(d, NO_OUTLET));
    assert!(
        c.progress.is_empty(),
        "no progress without an accepted token"
    );
    c.shutdown_and_exit();
}
