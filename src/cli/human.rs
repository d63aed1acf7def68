//! The human printer: a readable report, rustc-style, with each article line and a caret
//! under the span.

use crate::position::{Encoding, LineIndex};
use crate::workspace::Analysis;
use crate::Span;
use std::io::Write;

/// Print a snippet: `--> path:line:col`, the line, carets under the span.
fn snippet(
    out: &mut impl Write,
    key: &str,
    text: &str,
    idx: &LineIndex,
    span: Span,
    note: &str,
) -> std::io::Result<()> {
    let pos = idx.position(text, span.start, Encoding::Utf8);
    let line_no = pos.line as usize + 1;
    let lines = crate::text::lines(text);
    let line = lines.get(pos.line as usize).copied().unwrap_or_default();
    let line_text = line.slice(text);
    let prefix = &text[line.start..span.start.max(line.start).min(line.end)];
    let col = prefix.chars().count();
    let width = span
        .slice(text)
        .lines()
        .next()
        .unwrap_or("")
        .chars()
        .count()
        .max(1);
    let gutter = " ".repeat(line_no.to_string().len());
    writeln!(out, "{gutter}--> {key}:{line_no}:{}", col + 1)?;
    writeln!(out, "{gutter} |")?;
    writeln!(out, "{line_no} | {}", line_text.replace('\t', " "))?;
    writeln!(
        out,
        "{gutter} | {}{} {note}",
        " ".repeat(col),
        "^".repeat(width)
    )?;
    Ok(())
}

pub fn write(out: &mut impl Write, a: &Analysis) -> std::io::Result<()> {
    let idx: Vec<LineIndex> = a.docs.iter().map(|d| LineIndex::new(&d.text)).collect();
    for (di, d) in a.docs.iter().enumerate() {
        let m = &d.facts.meta;
        writeln!(
            out,
            "article {}: {} · {} · {}{}",
            d.key,
            m.outlet.as_deref().unwrap_or("(no outlet)"),
            m.published
                .map(|p| p.iso())
                .unwrap_or_else(|| "(no date)".into()),
            m.title.as_deref().unwrap_or("(no title)"),
            a.stories
                .get(di)
                .cloned()
                .flatten()
                .map(|s| format!(" · story {s}"))
                .unwrap_or_default()
        )?;
        for p in &d.facts.problems {
            writeln!(out, "  problem: {p}")?;
        }
        for f in &d.facts.figures {
            let note = format!("{} = {}", f.subject, crate::figures::describe_value(f));
            snippet(out, &d.key, &d.text, &idx[di], f.span, &note)?;
        }
        writeln!(out)?;
    }
    if !a.entities.is_empty() {
        writeln!(out, "people:")?;
        for e in &a.entities {
            let mut roles: Vec<&str> = e.roles.iter().map(|(_, r)| r.as_str()).collect();
            roles.dedup();
            let docs: std::collections::BTreeSet<usize> = e.mentions.iter().map(|m| m.0).collect();
            writeln!(
                out,
                "  {} — {} mention(s) in {} article(s){}",
                e.name,
                e.mentions.len(),
                docs.len(),
                if roles.is_empty() {
                    String::new()
                } else {
                    format!("; {}", roles.join("; "))
                }
            )?;
        }
        writeln!(out)?;
    }
    for c in &a.claims {
        let outlets: std::collections::BTreeSet<&str> = c
            .occurrences
            .iter()
            .filter_map(|o| a.docs[o.doc].outlet())
            .collect();
        writeln!(
            out,
            "claim: repeated by {} outlet(s): \"{}\"",
            outlets.len(),
            c.text
        )?;
        let d = &a.docs[c.source.doc];
        snippet(
            out,
            &d.key,
            &d.text,
            &idx[c.source.doc],
            c.source.span,
            "source",
        )?;
        writeln!(out)?;
    }
    for x in &a.disagreements {
        writeln!(out, "{}[{}]: {}", x.severity.as_str(), x.rule, x.message)?;
        for r in x.figures() {
            let d = &a.docs[r.doc];
            let f = &d.facts.figures[r.figure];
            let note = format!(
                "{}: {}",
                d.outlet().unwrap_or("(no outlet)"),
                crate::figures::describe_value(f)
            );
            snippet(out, &d.key, &d.text, &idx[r.doc], f.span, &note)?;
        }
        writeln!(out)?;
    }
    let warnings = a.warnings();
    writeln!(
        out,
        "{} article(s), {} people, {} figure(s), {} repeated claim(s), {} disagreement(s) ({} warning(s))",
        a.docs.len(),
        a.entities.len(),
        a.docs.iter().map(|d| d.facts.figures.len()).sum::<usize>(),
        a.claims.len(),
        a.disagreements.len(),
        warnings
    )
}
