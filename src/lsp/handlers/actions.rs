//! Code actions on a disagreement diagnostic: replace the figure with another outlet's
//! figure (a WorkspaceEdit), or ignore the disagreement (a server command that appends an
//! `[[ignore]]` rule to `corroborate.toml`: it runs on the server, so editors without
//! client-side commands, like Helix, can use it).

use super::diagnostics::SOURCE;
use super::values::short;
use crate::config::IgnoreRule;
use crate::disagreements::FigureRef;
use crate::figures::describe_value;
use crate::lsp::snapshot::Snapshot;
use serde_json::json;
use std::collections::HashMap;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Command, Diagnostic, NumberOrString, TextEdit,
    Uri, WorkspaceEdit,
};

pub const IGNORE_COMMAND: &str = "corroborate.ignoreDisagreement";

/// The actions for the disagreement diagnostics among `diagnostics` (from the request's
/// context) in `doc`.
pub fn code_actions(
    snap: &Snapshot,
    doc: usize,
    uri: &Uri,
    diagnostics: &[Diagnostic],
) -> Vec<CodeActionOrCommand> {
    let mut out = Vec::new();
    for diag in diagnostics {
        if diag.source.as_deref() != Some(SOURCE) {
            continue;
        }
        let Some(NumberOrString::String(rule)) = &diag.code else {
            continue;
        };
        if rule == super::diagnostics::ARTICLE_PROBLEM {
            continue;
        }
        let Some(f) = figure_at_range(snap, doc, diag) else {
            continue;
        };
        for &i in snap.disagreements_of(f) {
            let d = &snap.analysis.disagreements[i];
            if d.rule != rule {
                continue;
            }
            if d.rule == "figure-mismatch" {
                out.extend(replacements(snap, f, i, uri, diag));
            }
            out.push(ignore_action(&d.subject, d.story.as_deref(), diag, uri));
        }
    }
    dedup_by_title(out)
}

fn figure_at_range(snap: &Snapshot, doc: usize, diag: &Diagnostic) -> Option<FigureRef> {
    let span = snap.lines(doc)?.span(diag.range);
    let facts = &snap.analysis.docs.get(doc)?.facts;
    let i = facts.figures.iter().position(|f| f.span == span)?;
    Some(FigureRef { doc, figure: i })
}

/// One "replace with" action per distinct wording on the other sides of disagreement `i`.
fn replacements(
    snap: &Snapshot,
    f: FigureRef,
    i: usize,
    uri: &Uri,
    diag: &Diagnostic,
) -> Vec<CodeActionOrCommand> {
    let d = &snap.analysis.disagreements[i];
    let Some(mine) = d.sides.iter().position(|s| s.contains(&f)) else {
        return Vec::new();
    };
    let Some(range) = snap
        .figure(f)
        .and_then(|fig| Some(snap.lines(f.doc)?.range(fig.span)))
    else {
        return Vec::new();
    };
    let Some(mine_span) = snap.figure(f).map(|x| x.span) else {
        return Vec::new();
    };
    let mine_text = mine_span.slice(snap.text(f.doc));
    let starts_sentence = snap.analysis.docs[f.doc]
        .facts
        .sentences
        .iter()
        .any(|s| s.start == mine_span.start);
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for (s, side) in d.sides.iter().enumerate() {
        if s == mine {
            continue;
        }
        for &g in side {
            let Some(other) = snap.figure(g) else {
                continue;
            };
            let text = match_initial_case(
                mine_text,
                other.span.slice(snap.text(g.doc)),
                starts_sentence,
            );
            if text.is_empty() || seen.contains(&text) {
                continue;
            }
            seen.push(text.clone());
            let changes = HashMap::from([(
                uri.clone(),
                vec![TextEdit {
                    range,
                    new_text: text.clone(),
                }],
            )]);
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!(
                    "Replace with “{}” ({}: {})",
                    short(&text, 40),
                    snap.outlet_label(g.doc),
                    describe_value(other)
                ),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diag.clone()]),
                edit: Some(WorkspaceEdit {
                    changes: Some(changes),
                    ..Default::default()
                }),
                ..Default::default()
            }));
        }
    }
    out
}

/// `replacement` with its first letter's case following `original`'s ("Nine" ← "seven"
/// gives "Seven"); when `original` starts with a digit, capitalised only at the start of a
/// sentence ("killing 9" ← "Seven" gives "killing seven").
fn match_initial_case(original: &str, replacement: &str, starts_sentence: bool) -> String {
    let Some(r) = replacement.chars().next().filter(|c| c.is_alphabetic()) else {
        return replacement.to_string();
    };
    let upper = match original.chars().next() {
        Some(o) if o.is_alphabetic() => o.is_uppercase(),
        _ => starts_sentence,
    };
    let rest = &replacement[r.len_utf8()..];
    if upper {
        format!("{}{rest}", r.to_uppercase())
    } else {
        format!("{}{rest}", r.to_lowercase())
    }
}

/// The ignore command names the document it was offered on: the rule goes to the
/// `corroborate.toml` of the workspace folder holding it.
fn ignore_action(
    subject: &str,
    story: Option<&str>,
    diag: &Diagnostic,
    uri: &Uri,
) -> CodeActionOrCommand {
    let title = match story {
        Some(s) => format!("Ignore this disagreement (“{subject}” in story {s})"),
        None => format!("Ignore this disagreement (“{subject}”)"),
    };
    CodeActionOrCommand::CodeAction(CodeAction {
        title: title.clone(),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diag.clone()]),
        command: Some(Command {
            title,
            command: IGNORE_COMMAND.to_string(),
            arguments: Some(vec![
                json!({ "subject": subject, "story": story, "uri": uri.as_str() }),
            ]),
        }),
        ..Default::default()
    })
}

fn dedup_by_title(actions: Vec<CodeActionOrCommand>) -> Vec<CodeActionOrCommand> {
    let mut seen = Vec::new();
    actions
        .into_iter()
        .filter(|a| {
            let title = match a {
                CodeActionOrCommand::CodeAction(c) => c.title.clone(),
                CodeActionOrCommand::Command(c) => c.title.clone(),
            };
            let new = !seen.contains(&title);
            seen.push(title);
            new
        })
        .collect()
}

/// The rule named by the ignore command's argument.
pub fn ignore_rule_from_args(args: &[serde_json::Value]) -> Option<IgnoreRule> {
    let arg = args.first()?;
    let subject = arg.get("subject")?.as_str()?.trim();
    if subject.is_empty() {
        return None;
    }
    Some(IgnoreRule {
        subject: subject.to_string(),
        story: arg
            .get("story")
            .and_then(|s| s.as_str())
            .map(str::to_string),
    })
}

/// `existing` (the file's text, possibly empty) with an `[[ignore]]` table appended; `None`
/// when the file already holds the same rule. Values are written as TOML strings, so any
/// subject text stays valid TOML.
pub fn append_ignore_rule(existing: &str, rule: &IgnoreRule) -> Option<String> {
    if let Ok((config, _)) = crate::config::Config::from_toml(existing) {
        if config.ignore.contains(rule) {
            return None;
        }
    }
    let mut out = existing.to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str("[[ignore]]\n");
    out.push_str(&format!("subject = {}\n", toml_string(&rule.subject)));
    if let Some(story) = &rule.story {
        out.push_str(&format!("story = {}\n", toml_string(story)));
    }
    Some(out)
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appends_parseable_ignore_rules_once() {
        let rule = IgnoreRule {
            subject: "killed \"today\"".into(),
            story: Some("s1".into()),
        };
        let cases = [
            "",
            "exclude = [\"drafts/**\"]",
            "[lsp]\ninlay_hints = true\n",
        ];
        for existing in cases {
            let text = append_ignore_rule(existing, &rule).unwrap();
            let (config, warnings) = crate::config::Config::from_toml(&text).unwrap();
            assert!(warnings.is_empty(), "{warnings:?}");
            assert_eq!(config.ignore, vec![rule.clone()]);
            assert!(text.starts_with(existing));
            assert_eq!(append_ignore_rule(&text, &rule), None);
        }
    }

    #[test]
    fn replacements_keep_the_initial_case_of_the_replaced_figure() {
        // (original, replacement, original starts its sentence, result)
        let cases = [
            ("Nine", "seven", false, "Seven"),
            ("nine", "Seven", true, "seven"),
            ("9", "Seven", true, "Seven"),
            ("9", "Seven", false, "seven"),
            ("9", "at least 30", true, "At least 30"),
            ("Nine", "7", true, "7"),
            ("Ünf", "élan", false, "Élan"),
        ];
        for (original, replacement, start, want) in cases {
            assert_eq!(match_initial_case(original, replacement, start), want);
        }
    }

    #[test]
    fn reads_the_command_argument() {
        let args = [json!({"subject": "killed", "story": null})];
        assert_eq!(
            ignore_rule_from_args(&args),
            Some(IgnoreRule {
                subject: "killed".into(),
                story: None
            })
        );
        assert_eq!(ignore_rule_from_args(&[json!({"story": "s1"})]), None);
        assert_eq!(ignore_rule_from_args(&[]), None);
    }
}
