//! End-to-end tests of `corroborate check`: the real binary on small invented workspaces.

use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_corroborate"))
}

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn check_json(dir: &Path, args: &[&str]) -> (i32, Value, String) {
    let out = bin()
        .current_dir(dir)
        .arg("check")
        .arg("--format")
        .arg("json")
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    let v: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("bad json: {e}\n{stderr}"));
    (out.status.code().unwrap(), v, stderr)
}

const ARTICLE: &str = "---\noutlet: The Harbour Gazette\npublished: 2026-03-02\ntitle: Ferry runs aground\n---\nA ferry ran aground near the island on Sunday, the port authority said.\n";

/// The human report of `check articles` run in `dir`.
fn check_human(dir: &Path) -> String {
    let out = bin()
        .current_dir(dir)
        .args(["check", "articles"])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn json_has_exactly_the_documented_top_level_keys() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "articles/a.txt", ARTICLE);
    let (code, v, _) = check_json(dir.path(), &[]);
    assert!(code == 0 || code == 1);
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        vec![
            "articles",
            "claims",
            "disagreements",
            "entities",
            "figures",
            "problems",
            "version"
        ]
    );
    assert_eq!(v["version"], 1);
    let art = &v["articles"][0];
    assert_eq!(art["path"], "articles/a.txt");
    assert_eq!(art["outlet"], "The Harbour Gazette");
    assert_eq!(art["published"], "2026-03-02");
    assert_eq!(art["title"], "Ferry runs aground");
    let mut ak: Vec<&str> = art
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    ak.sort();
    assert_eq!(ak, vec!["outlet", "path", "published", "story", "title"]);
}

#[test]
fn missing_path_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = bin()
        .current_dir(dir.path())
        .args(["check", "nowhere"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nowhere"));
}

#[test]
fn bad_usage_exits_2() {
    let out = bin().args(["check", "--format", "xml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn gitignore_excludes_and_outlet_globs_apply() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "corroborate.toml", "exclude = [\"articles/drafts/**\"]\n[outlets]\n\"articles/wire-*\" = \"Continental News Agency\"\n");
    write(d, ".gitignore", "articles/private.txt\n");
    write(d, "articles/wire-1.txt", "Harbour closed\n\nMarch 2, 2026\n\nThe harbour was closed on Monday after a storm, officials said.\n");
    write(d, "articles/private.txt", ARTICLE);
    write(d, "articles/drafts/x.md", ARTICLE);
    write(d, "articles/notes.pdf", "not an article");
    let (_, v, _) = check_json(d, &["articles"]);
    let paths: Vec<&str> = v["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, vec!["articles/wire-1.txt"]);
    assert_eq!(v["articles"][0]["outlet"], "Continental News Agency");
    assert_eq!(v["articles"][0]["published"], "2026-03-02");
}

#[test]
fn missing_metadata_is_a_problem_not_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "articles/bare.txt",
        "Just a sentence about a ferry that ran aground near the island.\n",
    );
    let (code, v, _) = check_json(dir.path(), &[]);
    assert_eq!(code, 0);
    let msgs: Vec<&str> = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["message"].as_str().unwrap())
        .collect();
    assert!(msgs.iter().any(|m| m.contains("no outlet")), "{msgs:?}");
    assert!(
        msgs.iter().any(|m| m.contains("no publication date")),
        "{msgs:?}"
    );
    assert!(v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["path"] == "articles/bare.txt"));
}

#[test]
fn bad_files_get_warnings_naming_them() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "corroborate.toml", "max_file_size = 1000\n");
    write(d, "articles/big.txt", &"word ".repeat(400));
    std::fs::write(d.join("articles/bin.txt"), [0u8, 159, 146, 150, 0, 1, 2, 3]).unwrap();
    std::fs::write(
        d.join("articles/latin1.txt"),
        b"Caf\xe9 owners said the harbour was closed.\n",
    )
    .unwrap();
    write(d, "articles/empty.md", "");
    write(
        d,
        "articles/crlf.txt",
        "\u{feff}Title line\r\n\r\nA sentence with CRLF endings, officials said.\r\n",
    );
    let (code, v, stderr) = check_json(d, &[]);
    assert!(code == 0 || code == 1);
    assert!(
        stderr.contains("big.txt") && stderr.contains("size limit"),
        "{stderr}"
    );
    assert!(
        stderr.contains("bin.txt") && stderr.contains("binary"),
        "{stderr}"
    );
    let problems = v["problems"].to_string();
    assert!(
        problems.contains("latin1.txt") && problems.contains("invalid UTF-8"),
        "{problems}"
    );
    let paths = v["articles"].to_string();
    assert!(paths.contains("empty.md") && paths.contains("crlf.txt"));
}

#[cfg(unix)]
#[test]
fn links_out_of_the_folder_are_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    write(outside.path(), "secret.txt", ARTICLE);
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "articles/a.txt", ARTICLE);
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        dir.path().join("articles/link.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.path(), dir.path().join("articles/linkdir")).unwrap();
    let (_, v, stderr) = check_json(dir.path(), &[]);
    let paths = v["articles"].to_string();
    assert!(!paths.contains("link"), "{paths}");
    assert!(stderr.contains("link.txt"), "{stderr}");
}

#[test]
fn human_output_shows_carets_under_spans() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "articles/a.txt", ARTICLE);
    let s = check_human(dir.path());
    assert!(
        s.contains("article articles/a.txt: The Harbour Gazette · 2026-03-02 · Ferry runs aground"),
        "{s}"
    );
    assert!(s.lines().last().unwrap().contains("1 article(s)"), "{s}");
}

/// The human report writes values as a reader would: a hedge's margin is not a float
/// artefact ("about 33" → "29.7–36.3", not "36.300000000000004") and durations are in days
/// or minutes, not seconds.
#[test]
fn human_output_writes_values_as_a_reader_would() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "articles/a.txt",
        "---\noutlet: The Harbour Gazette\npublished: 2026-03-02\ntitle: Port strike\n---\n\
         About 33 people were injured when the crane fell, the port authority said.\n\n\
         The city declared three days of mourning on Monday.\n\n\
         The meeting lasted 90 minutes, officials said.\n",
    );
    let s = check_human(dir.path());
    assert!(s.contains("= 29.7–36.3"), "{s}");
    assert!(s.contains("= 3 days"), "{s}");
    assert!(s.contains("= 90 min"), "{s}");
    assert!(!s.contains("000000"), "{s}");
}
