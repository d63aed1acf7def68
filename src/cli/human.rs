//! The human printer: a readable report, rustc-style, with each article line and a caret
//! under the span.

use crate::claims::Claim;
use crate::disagreements::Disagreement;
use crate::people::Entity;
use crate::position::{Encoding, LineIndex};
use crate::workspace::Analysis;
use crate::Span;
use rayon::prelude::*;
use std::io::Write;

/// Characters of context shown on each side of a span. A figure on a 600 KB paragraph
/// prints a window of its line, not the whole line once per figure (the output, and the
/// time to write it, grew with figures × line length).
const CONTEXT: usize = 60;

/// Print a snippet: `--> path:line:col`, the line (clipped to a window around the span, `…`
/// marking cuts), carets under the span. The column counts UTF-16 units, as the JSON output
/// and the language server do, so that it costs a lookup instead of a walk over the line.
fn snippet(out: &mut Vec<u8>, key: &str, text: &str, idx: &LineIndex, span: Span, note: &str) {
    let start = crate::position::floor_char_boundary(text, span.start.min(text.len()));
    let pos = idx.position(text, start, Encoding::Utf8);
    let line_no = pos.line as usize + 1;
    let line_start = start - pos.character as usize;
    let col = idx.position(text, start, Encoding::Utf16).character as usize;
    let Window {
        shown_from,
        prefix_chars,
        width,
        shown_end,
    } = window(text, line_start, start, span);
    let cut_after = text[shown_end..]
        .chars()
        .next()
        .is_some_and(|c| c != '\n' && c != '\r');
    let shown = &text[shown_from..shown_end];
    let shown = shown.strip_suffix('\r').unwrap_or(shown);
    let cut_before = shown_from > line_start;
    let digits = line_no.checked_ilog10().unwrap_or(0) as usize + 1;
    // pieces appended to the buffer: `write!` costs a formatter call per piece, and there
    // is a snippet per figure
    let push = |out: &mut Vec<u8>, s: &str| out.extend_from_slice(s.as_bytes());
    push_byte_n(out, b' ', digits);
    push(out, "--> ");
    push(out, key);
    push(out, ":");
    push_number(out, line_no);
    push(out, ":");
    push_number(out, col + 1);
    push(out, "\n");
    push_byte_n(out, b' ', digits);
    push(out, " |\n");
    push_number(out, line_no);
    push(out, " | ");
    if cut_before {
        push(out, "…");
    }
    for (i, piece) in shown.split('\t').enumerate() {
        if i > 0 {
            push(out, " ");
        }
        push(out, piece);
    }
    if cut_after {
        push(out, "…");
    }
    push(out, "\n");
    push_byte_n(out, b' ', digits);
    push(out, " | ");
    push_byte_n(out, b' ', prefix_chars + usize::from(cut_before));
    push_byte_n(out, b'^', width);
    push(out, " ");
    push(out, note);
    push(out, "\n");
}

/// What a snippet shows of its line: from `shown_from` (at most [`CONTEXT`] chars before the
/// span, `prefix_chars` of them) to `shown_end`, and the width of the carets (the chars of
/// the span's first line, at least one).
#[derive(Debug, PartialEq, Eq)]
struct Window {
    shown_from: usize,
    prefix_chars: usize,
    width: usize,
    shown_end: usize,
}

/// The [`Window`] of the span starting at `start` (a char boundary) on the line starting at
/// `line_start`. Most lines are ASCII: chars are bytes there, so the window is arithmetic
/// (a report at 10k articles holds hundreds of thousands of snippets); other lines are
/// walked char by char.
fn window(text: &str, line_start: usize, start: usize, span: Span) -> Window {
    let line_end = text
        .get(start..)
        .and_then(|rest| rest.find('\n'))
        .map_or(text.len(), |k| start + k);
    let ascii = start == span.start
        && text.is_char_boundary(span.end)
        && text
            .get(line_start..line_end)
            .is_some_and(|line| line.is_ascii());
    if !ascii {
        return window_by_chars(text, line_start, start, span);
    }
    let shown_from = line_start.max(start.saturating_sub(CONTEXT));
    let prefix_chars = start - shown_from;
    let first_line = if span.end > line_end {
        // the span goes on past the line: its first line ends there, without a '\r'
        let line = &text[start..line_end];
        line.strip_suffix('\r').unwrap_or(line)
    } else {
        text.get(start..span.end).unwrap_or("")
    };
    let width = first_line.len().max(1);
    let budget = prefix_chars + width + CONTEXT;
    Window {
        shown_from,
        prefix_chars,
        width,
        shown_end: line_end.min(shown_from + budget),
    }
}

/// [`window`] for any text, one char at a time.
fn window_by_chars(text: &str, line_start: usize, start: usize, span: Span) -> Window {
    let shown_from = text[line_start..start]
        .char_indices()
        .rev()
        .take(CONTEXT)
        .last()
        .map_or(start, |(i, _)| line_start + i);
    let prefix_chars = text[shown_from..start].chars().count();
    let width = span
        .slice(text)
        .lines()
        .next()
        .unwrap_or("")
        .chars()
        .count()
        .max(1);
    let budget = prefix_chars + width + CONTEXT;
    let shown_end = text[shown_from..]
        .char_indices()
        .take_while(|&(_, c)| c != '\n')
        .take(budget)
        .last()
        .map_or(shown_from, |(i, c)| shown_from + i + c.len_utf8());
    Window {
        shown_from,
        prefix_chars,
        width,
        shown_end,
    }
}

/// `n` copies of `byte`.
fn push_byte_n(out: &mut Vec<u8>, byte: u8, n: usize) {
    out.resize(out.len() + n, byte);
}

/// `n` in decimal.
fn push_number(out: &mut Vec<u8>, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut k = digits.len();
    loop {
        k -= 1;
        digits[k] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[k..]);
}

/// Write the report. Sections are rendered in parallel, in bounded batches of items, into
/// buffers written in order through one buffer (stdout is line-buffered: at 10k articles
/// the report is 700k lines, one `write` call each without it).
pub fn write(out: &mut impl Write, a: &Analysis) -> std::io::Result<()> {
    let mut w = std::io::BufWriter::with_capacity(1 << 16, out);
    let idx: Vec<LineIndex> = a.docs.par_iter().map(|d| LineIndex::new(&d.text)).collect();
    let articles: Vec<usize> = (0..a.docs.len()).collect();
    let figures = |&di: &usize| a.docs.get(di).map_or(1, |d| d.facts.figures.len() + 1);
    write_rendered(&mut w, &articles, figures, |&di, out| {
        article(out, a, &idx, di)
    })?;
    if !a.entities.is_empty() {
        writeln!(w, "people:")?;
        write_rendered(&mut w, &a.entities, |_| 1, |e, out| person(out, e))?;
        writeln!(w)?;
    }
    // a claim shows its source only, however often it recurs
    write_rendered(&mut w, &a.claims, |_| 1, |c, out| claim(out, a, &idx, c))?;
    let figures = |x: &std::sync::Arc<Disagreement>| x.figures().count() + 1;
    write_rendered(&mut w, &a.disagreements, figures, |x, out| {
        disagreement(out, a, &idx, x)
    })?;
    let warnings = a.warnings();
    writeln!(
        w,
        "{} article(s), {} people, {} figure(s), {} repeated claim(s), {} disagreement(s) ({} warning(s))",
        a.docs.len(),
        a.entities.len(),
        a.docs.iter().map(|d| d.facts.figures.len()).sum::<usize>(),
        a.claims.len(),
        a.disagreements.len(),
        warnings
    )?;
    w.flush()
}

/// Write each item as `render` makes it, rendered in parallel, in order; `lines`
/// estimates an item's lines of output (see [`super::render::in_order`]).
fn write_rendered<T: Sync>(
    w: &mut impl Write,
    items: &[T],
    lines: impl Fn(&T) -> usize,
    render: impl Fn(&T, &mut Vec<u8>) -> std::io::Result<()> + Sync,
) -> std::io::Result<()> {
    super::render::in_order(items, lines, render, |b| w.write_all(b))
}

/// An article's heading, its problems and a snippet per figure.
fn article(out: &mut Vec<u8>, a: &Analysis, idx: &[LineIndex], di: usize) -> std::io::Result<()> {
    let Some(d) = a.docs.get(di) else {
        return Ok(());
    };
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
    let mut note = String::new();
    for f in &d.facts.figures {
        note.clear();
        note.push_str(&f.subject);
        note.push_str(" = ");
        crate::figures::write_value(&mut note, f);
        snippet(out, &d.key, &d.text, &idx[di], f.span, &note);
    }
    writeln!(out)
}

/// A person: name, mentions, articles and roles.
fn person(out: &mut Vec<u8>, e: &Entity) -> std::io::Result<()> {
    let mut roles: Vec<&str> = Vec::new();
    for (_, r) in &e.roles {
        if !roles.contains(&r.as_str()) {
            roles.push(r);
        }
    }
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
    )
}

/// A repeated claim: how many outlets, its text and its source.
fn claim(out: &mut Vec<u8>, a: &Analysis, idx: &[LineIndex], c: &Claim) -> std::io::Result<()> {
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
    );
    writeln!(out)
}

/// A disagreement: its rule and message, and a snippet per figure.
fn disagreement(
    out: &mut Vec<u8>,
    a: &Analysis,
    idx: &[LineIndex],
    x: &Disagreement,
) -> std::io::Result<()> {
    writeln!(out, "{}[{}]: {}", x.severity.as_str(), x.rule, x.message)?;
    let mut note = String::new();
    for r in x.figures() {
        let d = &a.docs[r.doc];
        let f = &d.facts.figures[r.figure];
        note.clear();
        note.push_str(d.outlet().unwrap_or("(no outlet)"));
        note.push_str(": ");
        crate::figures::write_value(&mut note, f);
        snippet(out, &d.key, &d.text, &idx[r.doc], f.span, &note);
    }
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_in_decimal() {
        for n in [0, 7, 9, 10, 42, 100, 65_535, 1_000_001, usize::MAX] {
            let mut out = Vec::new();
            push_number(&mut out, n);
            assert_eq!(String::from_utf8(out).unwrap(), n.to_string());
        }
    }

    #[test]
    fn a_snippet_shows_the_line_a_caret_row_and_the_note() {
        let text = "Title\n\nThe fire\tkilled 12 people.\r\nNext line.";
        let at = text.find("12").unwrap();
        let mut out = Vec::new();
        snippet(
            &mut out,
            "a.txt",
            text,
            &LineIndex::new(text),
            Span::new(at, at + 2),
            "deaths = 12",
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            " --> a.txt:3:17\n  |\n3 | The fire killed 12 people.\n  |                 ^^ deaths = 12\n"
        );
    }

    proptest::proptest! {
        /// The arithmetic window of ASCII lines is the window walked char by char, for any
        /// span of any text: long and short lines, '\r', tabs, accents, spans crossing lines
        /// or ending past the text.
        #[test]
        fn ascii_windows_agree_with_walking_chars(
            text in "(([a-z .,\t]{0,90}|[a-zé ]{0,12})(\r?\n|\r)?){0,5}",
            a in 0usize..300,
            len in 0usize..260,
        ) {
            let start = crate::position::floor_char_boundary(&text, a.min(text.len()));
            let line_start = text[..start].rfind('\n').map_or(0, |k| k + 1);
            for end in [start + len, start, text.len() + 1] {
                let span = Span::new(start, end);
                proptest::prop_assert_eq!(
                    window(&text, line_start, start, span),
                    window_by_chars(&text, line_start, start, span)
                );
            }
        }
    }

    #[test]
    fn a_long_line_is_cut_around_the_span() {
        let text = format!(
            "{}killed 12 people{}\nNext.",
            "word ".repeat(30),
            " more".repeat(30)
        );
        let at = text.find("12").unwrap();
        let mut out = Vec::new();
        snippet(
            &mut out,
            "a.txt",
            &text,
            &LineIndex::new(&text),
            Span::new(at, at + 2),
            "deaths = 12",
        );
        let shown = String::from_utf8(out).unwrap();
        let line = shown.lines().nth(2).unwrap();
        assert!(line.starts_with("1 | …"), "{line}");
        assert!(line.ends_with('…'), "{line}");
        assert_eq!(
            line.chars().count(),
            "1 | …".chars().count() + 60 + 2 + 60 + 1
        );
    }
}
