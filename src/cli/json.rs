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
            "path": &*d.key,
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
            json!({ "path": &*d.key, "outlet": m.outlet, "published": m.published.map(|p| p.iso()),
                    "title": m.title, "story": a.stories.get(i).cloned().flatten() })
        })
        .collect();
    let entities: Vec<Value> = a
        .entities
        .iter()
        .map(|e| {
            json!({ "id": e.id, "name": e.name, "kind": "person",
                    "roles": e.roles.iter().map(|(d, r)| json!({"role": r, "path": &*a.docs[*d].key})).collect::<Vec<_>>(),
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
                .map(move |p| json!({"path": &*d.key, "message": p}))
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

/// Print the analysis as JSON. Streams the document (no intermediate [`Value`] tree: at
/// 10k articles the tree took over a gigabyte) into a buffer, byte for byte what
/// `to_writer_pretty(&to_value(..))` printed: keys in the same (sorted) order, numbers
/// through the same [`num`] rule.
pub fn write(out: &mut impl Write, a: &Analysis, warnings: &[String]) -> std::io::Result<()> {
    let mut buf = std::io::BufWriter::with_capacity(1 << 16, &mut *out);
    serde_json::to_writer_pretty(&mut buf, &stream::Output::new(a, warnings))?;
    writeln!(buf)?;
    buf.flush()
}

/// Serialisable views over an [`Analysis`], mirroring [`to_value`]. Struct fields are in
/// alphabetical order because `json!` objects (BTreeMap) print their keys sorted.
mod stream {
    use super::{num, split_warning, Locator};
    use crate::workspace::Analysis;
    use crate::Span;
    use serde::ser::{SerializeSeq, Serializer};
    use serde::Serialize;

    pub struct Output<'a> {
        a: &'a Analysis,
        loc: Locator<'a>,
        warnings: &'a [String],
    }

    impl<'a> Output<'a> {
        pub fn new(a: &'a Analysis, warnings: &'a [String]) -> Self {
            Output {
                a,
                loc: Locator::new(a),
                warnings,
            }
        }
    }

    /// A sequence serialised from an iterator made on demand.
    struct Seq<F>(F);

    impl<F, I> Serialize for Seq<F>
    where
        F: Fn() -> I,
        I: Iterator,
        I::Item: Serialize,
    {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut seq = s.serialize_seq(None)?;
            for item in (self.0)() {
                seq.serialize_element(&item)?;
            }
            seq.end()
        }
    }

    #[derive(Serialize)]
    struct Pos {
        character: u32,
        line: u32,
    }

    #[derive(Serialize)]
    struct Range {
        end: Pos,
        start: Pos,
    }

    #[derive(Serialize)]
    struct Location<'a> {
        path: &'a str,
        range: Range,
        text: &'a str,
    }

    impl Locator<'_> {
        fn loc(&self, doc: usize, span: Span) -> Location<'_> {
            let d = &self.analysis.docs[doc];
            let idx = self.indexes[doc].get_or_init(|| crate::position::LineIndex::new(&d.text));
            let s = idx.position(&d.text, span.start, crate::position::Encoding::Utf16);
            let e = idx.position(&d.text, span.end, crate::position::Encoding::Utf16);
            Location {
                path: &d.key,
                range: Range {
                    end: Pos {
                        character: e.character,
                        line: e.line,
                    },
                    start: Pos {
                        character: s.character,
                        line: s.line,
                    },
                },
                text: span.slice(&d.text),
            }
        }
    }

    #[derive(Serialize)]
    struct Article<'a> {
        outlet: &'a Option<String>,
        path: &'a str,
        published: Option<String>,
        story: Option<&'a String>,
        title: &'a Option<String>,
    }

    #[derive(Serialize)]
    struct Role<'a> {
        path: &'a str,
        role: &'a str,
    }

    #[derive(Serialize)]
    struct Value<'a> {
        high: serde_json::Value,
        low: serde_json::Value,
        unit: &'a str,
    }

    #[derive(Serialize)]
    struct Figure<'a> {
        baseline: &'a Option<String>,
        path: &'a str,
        range: Range,
        subject: &'a str,
        text: &'a str,
        value: Value<'a>,
    }

    #[derive(Serialize)]
    struct Problem<'a> {
        message: &'a str,
        path: &'a str,
    }

    impl Serialize for Output<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeMap;
            let (a, loc) = (self.a, &self.loc);
            let mut m = s.serialize_map(Some(7))?;
            m.serialize_entry(
                "articles",
                &Seq(|| {
                    a.docs.iter().enumerate().map(|(i, d)| {
                        let meta = &d.facts.meta;
                        Article {
                            outlet: &meta.outlet,
                            path: &d.key,
                            published: meta.published.map(|p| p.iso()),
                            story: a.stories.get(i).and_then(Option::as_ref),
                            title: &meta.title,
                        }
                    })
                }),
            )?;
            m.serialize_entry(
                "claims",
                &Seq(|| {
                    a.claims.iter().map(|c| Claim {
                        id: &c.id,
                        occurrences: Seq(move || {
                            c.occurrences.iter().map(move |o| loc.loc(o.doc, o.span))
                        }),
                        source: loc.loc(c.source.doc, c.source.span),
                        text: &c.text,
                    })
                }),
            )?;
            m.serialize_entry(
                "disagreements",
                &Seq(|| {
                    a.disagreements.iter().map(|x| Disagreement {
                        figures: Seq(move || {
                            x.figures().map(move |r| {
                                loc.loc(r.doc, a.docs[r.doc].facts.figures[r.figure].span)
                            })
                        }),
                        message: &x.message,
                        severity: x.severity.as_str(),
                        subject: &x.subject,
                    })
                }),
            )?;
            m.serialize_entry(
                "entities",
                &Seq(|| {
                    a.entities.iter().map(|e| Entity {
                        id: &e.id,
                        kind: "person",
                        mentions: Seq(move || {
                            e.mentions
                                .iter()
                                .map(move |&(d, i)| loc.loc(d, a.docs[d].facts.people[i].span))
                        }),
                        name: &e.name,
                        roles: Seq(move || {
                            e.roles.iter().map(move |(d, r)| Role {
                                path: &a.docs[*d].key,
                                role: r,
                            })
                        }),
                    })
                }),
            )?;
            m.serialize_entry(
                "figures",
                &Seq(|| {
                    a.docs.iter().enumerate().flat_map(move |(di, d)| {
                        d.facts.figures.iter().map(move |f| {
                            let l = loc.loc(di, f.span);
                            Figure {
                                baseline: &f.baseline,
                                path: l.path,
                                range: l.range,
                                subject: &f.subject,
                                text: l.text,
                                value: Value {
                                    high: num(f.value.high),
                                    low: num(f.value.low),
                                    unit: &f.unit,
                                },
                            }
                        })
                    })
                }),
            )?;
            m.serialize_entry(
                "problems",
                &Seq(|| {
                    a.docs
                        .iter()
                        .flat_map(|d| {
                            d.facts.problems.iter().map(move |p| Problem {
                                message: p,
                                path: &d.key,
                            })
                        })
                        .chain(self.warnings.iter().map(|w| {
                            let (path, message) = split_warning(w);
                            Problem { message, path }
                        }))
                }),
            )?;
            m.serialize_entry("version", &1)?;
            m.end()
        }
    }

    #[derive(Serialize)]
    struct Claim<'a, O: Serialize> {
        id: &'a str,
        occurrences: O,
        source: Location<'a>,
        text: &'a str,
    }

    #[derive(Serialize)]
    struct Disagreement<'a, F: Serialize> {
        figures: F,
        message: &'a str,
        severity: &'a str,
        subject: &'a str,
    }

    #[derive(Serialize)]
    struct Entity<'a, M: Serialize, R: Serialize> {
        id: &'a str,
        kind: &'a str,
        mentions: M,
        name: &'a str,
        roles: R,
    }
}
