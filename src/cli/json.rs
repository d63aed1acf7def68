//! The `--format json` printer: exactly the schema of README.md ("JSON output").
//! Positions are 0-based lines and UTF-16 characters.

use crate::position::{Encoding, LineIndex};
use crate::workspace::Analysis;
use crate::Span;
use serde_json::{json, Value};
use std::io::Write;

/// Converts spans of one analysis to JSON Locations, caching line indexes.
pub struct Locator<'a> {
    analysis: &'a Analysis,
    indexes: Vec<std::sync::OnceLock<LineIndex>>,
}

impl<'a> Locator<'a> {
    pub fn new(analysis: &'a Analysis) -> Self {
        Locator {
            analysis,
            indexes: (0..analysis.docs.len())
                .map(|_| std::sync::OnceLock::new())
                .collect(),
        }
    }
    pub fn location(&self, doc: usize, span: Span) -> Value {
        let d = &self.analysis.docs[doc];
        let idx = self.indexes[doc].get_or_init(|| LineIndex::new(&d.text));
        let s = idx.position(&d.text, span.start, Encoding::Utf16);
        let e = idx.position(&d.text, span.end, Encoding::Utf16);
        json!({
            "path": d.key,
            "range": { "start": { "line": s.line, "character": s.character },
                       "end": { "line": e.line, "character": e.character } },
            "text": span.slice(&d.text),
        })
    }
}

fn num(v: Option<f64>) -> Value {
    match v {
        Some(x) if x.is_finite() => {
            if x.fract() == 0.0 && x.abs() < 9.0e15 {
                json!(x as i64)
            } else {
                json!(x)
            }
        }
        _ => Value::Null,
    }
}

pub fn to_value(a: &Analysis, warnings: &[String]) -> Value {
    let loc = Locator::new(a);
    let articles: Vec<Value> = a
        .docs
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let m = &d.facts.meta;
            json!({ "path": d.key, "outlet": m.outlet, "published": m.published.map(|p| p.iso()),
                    "title": m.title, "story": a.stories.get(i).cloned().flatten() })
        })
        .collect();
    let entities: Vec<Value> = a
        .entities
        .iter()
        .map(|e| {
            json!({ "id": e.id, "name": e.name, "kind": "person",
                    "roles": e.roles.iter().map(|(d, r)| json!({"role": r, "path": a.docs[*d].key})).collect::<Vec<_>>(),
                    "mentions": e.mentions.iter().map(|&(d, m)| loc.location(d, a.docs[d].facts.people[m].span)).collect::<Vec<_>>() })
        })
        .collect();
    let mut figures = Vec::new();
    for (di, d) in a.docs.iter().enumerate() {
        for f in &d.facts.figures {
            let mut v = loc.location(di, f.span);
            let o = v.as_object_mut().expect("location is an object");
            o.insert("subject".into(), json!(f.subject));
            o.insert(
                "value".into(),
                json!({ "low": num(f.value.low), "high": num(f.value.high), "unit": f.unit }),
            );
            o.insert("baseline".into(), json!(f.baseline));
            figures.push(v);
        }
    }
    let claims: Vec<Value> = a
        .claims
        .iter()
        .map(|c| {
            json!({ "id": c.id, "text": c.text, "source": loc.location(c.source.doc, c.source.span),
                    "occurrences": c.occurrences.iter().map(|o| loc.location(o.doc, o.span)).collect::<Vec<_>>() })
        })
        .collect();
    let disagreements: Vec<Value> = a
        .disagreements
        .iter()
        .map(|x| {
            json!({ "subject": x.subject, "severity": x.severity.as_str(), "message": x.message,
                    "figures": x.figures().map(|r| loc.location(r.doc, a.docs[r.doc].facts.figures[r.figure].span)).collect::<Vec<_>>() })
        })
        .collect();
    let mut problems: Vec<Value> = a
        .docs
        .iter()
        .flat_map(|d| {
            d.facts
                .problems
                .iter()
                .map(move |p| json!({"path": d.key, "message": p}))
        })
        .collect();
    problems.extend(warnings.iter().map(|w| {
        let (path, msg) = split_warning(w);
        json!({"path": path, "message": msg})
    }));
    json!({ "version": 1, "articles": articles, "entities": entities, "figures": figures,
            "claims": claims, "disagreements": disagreements, "problems": problems })
}

/// Warnings from reading are "path: message".
fn split_warning(w: &str) -> (&str, &str) {
    match w.split_once(": ") {
        Some((p, m)) => (p, m),
        None => ("", w),
    }
}

pub fn write(out: &mut impl Write, a: &Analysis, warnings: &[String]) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &to_value(a, warnings))?;
    writeln!(out)
}
