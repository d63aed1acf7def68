//! End-to-end tests of every capability on a small invented story, over the real binary and
//! the real analysis: two outlets report a footbridge collapse, disagree on the death toll
//! ("Seven people were killed" vs "9 people died"), name the same mayor and repeat her quote
//! verbatim. A third outlet writes the toll in words and agrees with the first.
//!
//! Every assertion here depends on the real extractors (people, figures, quotes, claims,
//! stories, disagreements).

mod common;

use common::lsp_client::{apply_edits, pos_of, slice_range, write, Client, Setup};
use serde_json::{json, Value};
use std::time::Duration;

const HERALD: &str = "---\noutlet: The Valley Herald\npublished: 2026-06-08\ntitle: Footbridge collapses in Puerto Claro\n---\n\
Seven people were killed when a footbridge collapsed over the Rio Verde in Puerto Claro on Sunday, Mayor Ana María Ruiz said.\n\n\
\"We will find out why this bridge failed and who is responsible,\" Ruiz told reporters at the scene.\n\n\
Rescue teams searched the river until late evening.\n";

const COASTAL: &str = "---\noutlet: Coastal Daily\npublished: 2026-06-09\ntitle: Bridge disaster in Puerto Claro\n---\n\
9 people died after a footbridge over the Rio Verde collapsed in Puerto Claro on Sunday, according to Mayor Ana María Ruiz.\n\n\
\"We will find out why this bridge failed and who is responsible,\" Ruiz said on Monday.\n\n\
Engineers inspected the remaining bridges in the city.\n";

/// Accents and an emoji before the figure, so utf-8 and utf-16 columns differ.
const CRONICA: &str = "---\noutlet: Crónica del Valle\npublished: 2026-06-10\ntitle: Puente caído 🌉 in Puerto Claro\n---\n\
Café owners 😢 in Puerto Claro mourned after seven people were killed when the footbridge over the Rio Verde collapsed on Sunday, Mayor Ana María Ruiz said.\n";

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "articles/herald.txt", HERALD);
    write(dir.path(), "articles/coastal.txt", COASTAL);
    write(dir.path(), "articles/cronica.txt", CRONICA);
    dir
}

fn start(ws: &tempfile::TempDir, enc: &str) -> Client {
    let mut c = Client::start(
        ws.path(),
        Setup {
            encodings: Some(vec![if enc == "utf-8" { "utf-8" } else { "utf-16" }]),
            debug_commands: true,
            ..Setup::default()
        },
    );
    c.wait_indexed();
    c
}

/// The death-toll disagreement's diagnostic.
fn is_mismatch(d: &Value) -> bool {
    d["code"] == "figure-mismatch"
        && d["source"] == "corroborate"
        && d["severity"] == 2
        && d["data"]["subject"] == "killed"
}

fn at(uri: &str, pos: Value) -> Value {
    json!({"textDocument": {"uri": uri}, "position": pos})
}

fn hover_markdown(c: &mut Client, uri: &str, pos: Value) -> String {
    let h = c.result("textDocument/hover", at(uri, pos));
    assert_eq!(h["contents"]["kind"], "markdown", "{h}");
    h["contents"]["value"].as_str().unwrap().to_string()
}

#[test]
fn disagreement_diagnostics_are_published_for_every_article_involved() {
    for enc in ["utf-16", "utf-8"] {
        let ws = workspace();
        let mut c = start(&ws, enc);
        let herald = c.uri("articles/herald.txt");
        let coastal = c.uri("articles/coastal.txt");
        let cronica = c.uri("articles/cronica.txt");
        for (uri, text, figure, others) in [
            (&herald, HERALD, "Seven", vec!["9"]),
            (&coastal, COASTAL, "9", vec!["Seven", "seven"]),
            (&cronica, CRONICA, "seven", vec!["9"]),
        ] {
            let diags = c.wait_diagnostics(uri, |d| d.iter().any(is_mismatch));
            let d = diags.iter().find(|d| is_mismatch(d)).unwrap();
            assert_eq!(slice_range(text, &d["range"], enc), figure, "{enc} {uri}");
            let related: Vec<String> = d["relatedInformation"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    let ruri = r["location"]["uri"].as_str().unwrap();
                    let rtext = [(&herald, HERALD), (&coastal, COASTAL), (&cronica, CRONICA)]
                        .into_iter()
                        .find(|(u, _)| u.as_str() == ruri)
                        .unwrap()
                        .1;
                    slice_range(rtext, &r["location"]["range"], enc)
                })
                .collect();
            for o in &others {
                assert!(related.contains(&o.to_string()), "{enc} {uri}: {related:?}");
            }
        }
        c.shutdown_and_exit();
    }
}

#[test]
fn hover_definition_references_and_highlights() {
    let ws = workspace();
    let mut c = start(&ws, "utf-16");
    let herald = c.uri("articles/herald.txt");
    let coastal = c.uri("articles/coastal.txt");

    let md = hover_markdown(&mut c, &herald, pos_of(HERALD, "Seven", 1, 1, "utf-16"));
    assert!(md.contains("**7**"), "{md}");
    assert!(md.contains("Coastal Daily") && md.contains("✗"), "{md}");
    assert!(md.contains("Crónica del Valle") && md.contains("✓"), "{md}");

    let md = hover_markdown(&mut c, &coastal, pos_of(COASTAL, "Ruiz", 2, 1, "utf-16"));
    assert!(md.contains("Ana María Ruiz"), "{md}");
    assert!(
        md.contains("The Valley Herald") && md.contains("Coastal Daily"),
        "{md}"
    );
    assert!(md.to_lowercase().contains("mayor"), "{md}");

    let md = hover_markdown(
        &mut c,
        &coastal,
        pos_of(COASTAL, "bridge failed", 1, 0, "utf-16"),
    );
    assert!(md.contains("source: The Valley Herald, 2026-06-08"), "{md}");

    // Definition: the quote's source, the person's first full mention, the earliest figure.
    let cases = [
        (
            &coastal,
            COASTAL,
            "bridge failed",
            1,
            &herald,
            "bridge failed",
        ),
        (&coastal, COASTAL, "Ruiz", 2, &herald, "Ana María Ruiz"),
        (&coastal, COASTAL, "9 people", 1, &herald, "Seven"),
    ];
    for (uri, text, needle, nth, want_uri, want_text) in cases {
        let res = c.result(
            "textDocument/definition",
            at(uri, pos_of(text, needle, nth, 0, "utf-16")),
        );
        let loc = if res.is_array() { res[0].clone() } else { res };
        assert_eq!(&loc["uri"], want_uri.as_str(), "{needle}: {loc}");
        assert!(
            slice_range(HERALD, &loc["range"], "utf-16").contains(want_text),
            "{needle}: {loc}"
        );
    }

    let mut refs = at(&herald, pos_of(HERALD, "Ruiz", 2, 0, "utf-16"));
    refs["context"] = json!({"includeDeclaration": true});
    let locs = c.result("textDocument/references", refs);
    let uris: Vec<&str> = locs
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["uri"].as_str().unwrap())
        .collect();
    assert!(uris.len() >= 5, "{locs}");
    assert!(uris.contains(&coastal.as_str()) && uris.contains(&herald.as_str()));

    let hl = c.result(
        "textDocument/documentHighlight",
        at(&herald, pos_of(HERALD, "Ruiz", 2, 0, "utf-16")),
    );
    assert_eq!(hl.as_array().unwrap().len(), 2, "{hl}");
    c.shutdown_and_exit();
}

#[test]
fn lenses_symbols_and_inlay_hints() {
    let ws = workspace();
    let mut c = start(&ws, "utf-16");
    let coastal = c.uri("articles/coastal.txt");
    let cronica = c.uri("articles/cronica.txt");
    let lenses = c.result(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": coastal}}),
    );
    let titles: Vec<&str> = lenses
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["command"]["title"].as_str().unwrap())
        .collect();
    assert!(
        titles.contains(&"source: The Valley Herald, 2026-06-08 · repeated by 1 outlet"),
        "{titles:?}"
    );

    let symbols = c.result(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": coastal}}),
    );
    let names: Vec<&str> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Ana María Ruiz"), "{names:?}");
    assert!(names.iter().any(|n| n.starts_with("9 ")), "{names:?}");

    let ws_symbols = c.result("workspace/symbol", json!({"query": "ruiz"}));
    let names: Vec<&str> = ws_symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["Ana María Ruiz"]);

    let range = json!({"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}});
    let hints = c.result(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": cronica}, "range": range}),
    );
    let hint = hints
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["label"] == "= 7")
        .unwrap_or_else(|| panic!("{hints}"));
    assert_eq!(
        hint["position"],
        pos_of(CRONICA, "seven", 1, 5, "utf-16"),
        "after the figure"
    );
    // Switched off through the editor settings.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"lsp": {"inlay_hints": false}}}),
    );
    let hints = c.result(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": cronica}, "range": range}),
    );
    assert!(hints.is_null() || hints == json!([]), "{hints}");
    c.shutdown_and_exit();
}

#[test]
fn applying_the_replace_action_resolves_the_conflict_everywhere() {
    let ws = workspace();
    let mut c = start(&ws, "utf-16");
    let herald = c.uri("articles/herald.txt");
    let coastal = c.uri("articles/coastal.txt");
    let diags = c.wait_diagnostics(&coastal, |d| d.iter().any(is_mismatch));
    let diag = diags.into_iter().find(is_mismatch).unwrap();
    c.wait_diagnostics(&herald, |d| d.iter().any(is_mismatch));
    c.open("articles/coastal.txt", COASTAL, 1);
    let actions = c.result(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": coastal}, "range": diag["range"], "context": {"diagnostics": [diag]}}),
    );
    let actions = actions.as_array().unwrap().clone();
    let replace = actions
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap()
                .starts_with("Replace with “Seven”")
        })
        .unwrap_or_else(|| panic!("{actions:?}"));
    assert!(actions
        .iter()
        .any(|a| a["command"]["command"] == "corroborate.ignoreDisagreement"));
    let edits = replace["edit"]["changes"][&coastal].as_array().unwrap();
    let fixed = apply_edits(COASTAL, edits, "utf-16");
    assert!(fixed.contains("Seven people died"), "{fixed}");
    // The editor applies the edit and sends it back as a change.
    let edit = &edits[0];
    c.change(
        &coastal,
        2,
        json!([{"range": edit["range"], "text": edit["newText"]}]),
    );
    c.wait_diagnostics(&coastal, |d| !d.iter().any(is_mismatch));
    c.wait_diagnostics(&herald, |d| !d.iter().any(is_mismatch));
    let text = c.debug_text(&coastal);
    assert_eq!(text["text"], fixed);
    c.shutdown_and_exit();
}

#[test]
fn the_ignore_action_writes_the_rule_and_clears_the_disagreement() {
    let ws = workspace();
    let mut c = start(&ws, "utf-16");
    let herald = c.uri("articles/herald.txt");
    let coastal = c.uri("articles/coastal.txt");
    let diags = c.wait_diagnostics(&herald, |d| d.iter().any(is_mismatch));
    let diag = diags.into_iter().find(is_mismatch).unwrap();
    let actions = c.result(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": herald}, "range": diag["range"], "context": {"diagnostics": [diag]}}),
    );
    let ignore = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["command"]["command"] == "corroborate.ignoreDisagreement")
        .cloned()
        .unwrap();
    let command = &ignore["command"];
    let res = c.request(
        "workspace/executeCommand",
        json!({"command": command["command"], "arguments": command["arguments"]}),
    );
    assert!(res.get("error").is_none(), "{res}");
    let toml = std::fs::read_to_string(ws.path().join("corroborate.toml")).unwrap();
    assert!(toml.contains("[[ignore]]"), "{toml}");
    c.wait_diagnostics(&herald, |d| !d.iter().any(is_mismatch));
    c.wait_diagnostics(&coastal, |d| !d.iter().any(is_mismatch));
    let _ = Duration::ZERO;
    c.shutdown_and_exit();
}
