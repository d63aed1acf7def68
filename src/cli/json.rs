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

/// The whole output as a [`Value`] tree: the readable statement of the schema, and the
/// oracle the streaming printer ([`write`]) and the fuzz invariants are checked against
/// (too big to build at scale: [`write`] prints the same bytes without it).
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

/// Print the analysis as JSON, byte for byte what `to_writer_pretty(&to_value(..))` prints
/// (keys sorted, numbers through the same [`num`] rule) but without building the
/// [`Value`] tree (at 10k articles it took over a gigabyte): the top-level object is
/// written by hand and the elements of its arrays are serialised in parallel, in bounded
/// batches, then written in order.
pub fn write(out: &mut impl Write, a: &Analysis, warnings: &[String]) -> std::io::Result<()> {
    let mut buf = std::io::BufWriter::with_capacity(1 << 16, &mut *out);
    stream::Output::new(a, warnings).write(&mut buf)?;
    writeln!(buf)?;
    buf.flush()
}

/// Writes one pretty-printed array at depth 1 of the top-level object from elements
/// rendered in parallel: each batch of `items` becomes one buffer of
/// `",\n    " + element` entries (the element re-indented by two levels).
mod array {
    use rayon::prelude::*;
    use serde::Serialize;
    use std::io::Write;

    /// Items per parallel batch, and per buffer within it: bounds the memory in flight.
    const BATCH: usize = 512;
    const CHUNK: usize = 16;

    /// Serialise `element` pretty-printed as an array element at depth 2, preceded by
    /// its separator, into `out`.
    pub fn push_element(out: &mut Vec<u8>, element: &impl Serialize) {
        let mut own = Vec::new();
        if serde_json::to_writer_pretty(&mut own, element).is_err() {
            return; // our views serialise infallibly (no maps with non-string keys)
        }
        out.extend_from_slice(b",\n    ");
        for line in own.split_inclusive(|&b| b == b'\n') {
            out.extend_from_slice(line);
            if line.ends_with(b"\n") {
                out.extend_from_slice(b"    ");
            }
        }
    }

    /// An array being written as the value of a top-level key (after `"key": `).
    #[derive(Default)]
    pub struct Array {
        started: bool,
    }

    impl Array {
        /// Append the elements `render` makes of each of `items` (zero or more each).
        pub fn extend<T: Sync>(
            &mut self,
            w: &mut impl Write,
            items: &[T],
            render: impl Fn(&T, &mut Vec<u8>) + Sync,
        ) -> std::io::Result<()> {
            for batch in items.chunks(BATCH) {
                let buffers: Vec<Vec<u8>> = batch
                    .par_chunks(CHUNK)
                    .map(|chunk| {
                        let mut out = Vec::new();
                        for item in chunk {
                            render(item, &mut out);
                        }
                        out
                    })
                    .collect();
                for b in buffers.iter().filter(|b| !b.is_empty()) {
                    if self.started {
                        w.write_all(b)?;
                    } else {
                        w.write_all(b"[")?;
                        w.write_all(&b[1..])?; // no comma before the first element
                        self.started = true;
                    }
                }
            }
            Ok(())
        }

        pub fn finish(self, w: &mut impl Write) -> std::io::Result<()> {
            w.write_all(if self.started { b"\n  ]" } else { b"[]" })
        }
    }

    /// Write `items` as a whole array (see [`Array::extend`]).
    pub fn write<T: Sync>(
        w: &mut impl Write,
        items: &[T],
        render: impl Fn(&T, &mut Vec<u8>) + Sync,
    ) -> std::io::Result<()> {
        let mut array = Array::default();
        array.extend(w, items, render)?;
        array.finish(w)
    }
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

    impl Output<'_> {
        /// The top-level object, keys in sorted order as `json!` printed them.
        pub fn write(&self, w: &mut impl std::io::Write) -> std::io::Result<()> {
            use super::array::{push_element, write as array};
            let (a, loc) = (self.a, &self.loc);
            let docs: Vec<usize> = (0..a.docs.len()).collect();
            w.write_all(b"{\n  \"articles\": ")?;
            array(w, &docs, |&i, out| {
                let (d, meta) = (&a.docs[i], &a.docs[i].facts.meta);
                let article = Article {
                    outlet: &meta.outlet,
                    path: &d.key,
                    published: meta.published.map(|p| p.iso()),
                    story: a.stories.get(i).and_then(Option::as_ref),
                    title: &meta.title,
                };
                push_element(out, &article)
            })?;
            w.write_all(b",\n  \"claims\": ")?;
            array(w, &a.claims, |c, out| {
                let claim = Claim {
                    id: &c.id,
                    occurrences: Seq(move || {
                        c.occurrences.iter().map(move |o| loc.loc(o.doc, o.span))
                    }),
                    source: loc.loc(c.source.doc, c.source.span),
                    text: &c.text,
                };
                push_element(out, &claim)
            })?;
            w.write_all(b",\n  \"disagreements\": ")?;
            array(w, &a.disagreements, |x, out| {
                let disagreement = Disagreement {
                    figures: Seq(move || {
                        x.figures().map(move |r| {
                            loc.loc(r.doc, a.docs[r.doc].facts.figures[r.figure].span)
                        })
                    }),
                    message: &x.message,
                    severity: x.severity.as_str(),
                    subject: &x.subject,
                };
                push_element(out, &disagreement)
            })?;
            w.write_all(b",\n  \"entities\": ")?;
            array(w, &a.entities, |e, out| {
                let entity = Entity {
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
                };
                push_element(out, &entity)
            })?;
            w.write_all(b",\n  \"figures\": ")?;
            array(w, &docs, |&di, out| {
                for f in &a.docs[di].facts.figures {
                    let l = loc.loc(di, f.span);
                    let figure = Figure {
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
                    };
                    push_element(out, &figure)
                }
            })?;
            w.write_all(b",\n  \"problems\": ")?;
            let mut problems = super::array::Array::default();
            problems.extend(w, &docs, |&i, out| {
                let d = &a.docs[i];
                for p in &d.facts.problems {
                    push_element(
                        out,
                        &Problem {
                            message: p,
                            path: &d.key,
                        },
                    )
                }
            })?;
            // the reading warnings come last, after every article's own problems
            problems.extend(w, self.warnings, |warning, out| {
                let (path, message) = split_warning(warning);
                push_element(out, &Problem { message, path })
            })?;
            problems.finish(w)?;
            w.write_all(b",\n  \"version\": 1\n}")
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::ArticleContext;
    use crate::config::Config;
    use std::sync::Arc;

    fn printed(a: &Analysis, warnings: &[String]) -> (String, String) {
        let mut streamed = Vec::new();
        write(&mut streamed, a, warnings).expect("writes to memory");
        let mut tree = serde_json::to_string_pretty(&to_value(a, warnings)).expect("serialises");
        tree.push('\n');
        (String::from_utf8(streamed).expect("utf-8"), tree)
    }

    fn analysis(texts: &[(&str, &str)]) -> Analysis {
        let inputs = texts
            .iter()
            .map(|(k, t)| (k.to_string(), Arc::from(*t), ArticleContext::default()))
            .collect();
        crate::workspace::analyze_texts(inputs, &Config::default())
    }

    #[test]
    fn parallel_printer_prints_what_the_value_tree_prints() {
        let story = "Harbor Times\n\nFire Chief Mara Ellison said 14 people were hurt in the \
                     warehouse fire on Dock Road on Tuesday. \"We got everyone out,\" Ellison said.\n";
        let other = "Valley Post\n\nFire Chief Mara Ellison said 16 people were hurt in the \
                     warehouse fire on Dock Road on Tuesday. \"We got everyone out,\" Ellison said.\n";
        let cases: Vec<(Analysis, Vec<String>)> = vec![
            (analysis(&[]), vec![]),
            (
                analysis(&[("a.txt", "")]),
                vec!["b.txt: not UTF-8 text".into()],
            ),
            (analysis(&[("a.txt", story), ("b.txt", other)]), vec![]),
        ];
        for (a, warnings) in &cases {
            let (streamed, tree) = printed(a, warnings);
            assert_eq!(streamed, tree);
        }
    }

    #[test]
    fn many_elements_span_several_batches() {
        let texts: Vec<(String, String)> = (0..150)
            .map(|i| {
                (
                    format!("{i:03}.txt"),
                    format!("Post {i}\n\nAbout {i} people came.\n"),
                )
            })
            .collect();
        let refs: Vec<(&str, &str)> = texts
            .iter()
            .map(|(k, t)| (k.as_str(), t.as_str()))
            .collect();
        let (streamed, tree) = printed(&analysis(&refs), &[]);
        assert_eq!(streamed, tree);
    }
}
