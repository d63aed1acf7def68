//! The `--format json` printer: exactly the schema of README.md ("JSON output").
//! Positions are 0-based lines and UTF-16 characters.

use crate::position::{Encoding, LineCol, LineIndex};
use crate::workspace::Analysis;
use crate::Span;
use serde_json::{json, Value};
use std::io::Write;

/// Converts spans of one analysis to JSON Locations, caching each article's line index
/// and its path as a quoted, escaped JSON string (written once per location).
pub struct Locator<'a> {
    analysis: &'a Analysis,
    docs: Vec<std::sync::OnceLock<DocLines>>,
}

struct DocLines {
    index: LineIndex,
    path: Box<[u8]>,
}

impl<'a> Locator<'a> {
    pub fn new(analysis: &'a Analysis) -> Self {
        Locator {
            analysis,
            docs: (0..analysis.docs.len())
                .map(|_| std::sync::OnceLock::new())
                .collect(),
        }
    }

    fn doc(&self, doc: usize) -> &DocLines {
        self.docs[doc].get_or_init(|| {
            let d = &self.analysis.docs[doc];
            let mut path = Vec::with_capacity(d.key.len() + 2);
            out::string(&mut path, &d.key);
            DocLines {
                index: LineIndex::new(&d.text),
                path: path.into_boxed_slice(),
            }
        })
    }

    /// The quoted path, start, end and text of a span of article `doc`.
    fn span(&self, doc: usize, span: Span) -> (&[u8], LineCol, LineCol, &'a str) {
        let text: &'a str = &self.analysis.docs[doc].text;
        let lines = self.doc(doc);
        let s = lines.index.position(text, span.start, Encoding::Utf16);
        let e = lines.index.position(text, span.end, Encoding::Utf16);
        (&lines.path, s, e, span.slice(text))
    }

    pub fn location(&self, doc: usize, span: Span) -> Value {
        let d = &self.analysis.docs[doc];
        let (_, s, e, text) = self.span(doc, span);
        json!({
            "path": &*d.key,
            "range": { "start": { "line": s.line, "character": s.character },
                       "end": { "line": e.line, "character": e.character } },
            "text": text,
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
            o.insert("subject".into(), json!(&*f.subject));
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
/// written by hand and the elements of its arrays are rendered in parallel, in bounded
/// batches, then written in order. Elements are rendered straight at their depth from
/// templates (the fixed bytes between values, made once by the same pretty-printing rules
/// as serde_json's `PrettyFormatter`), with strings escaped as serde_json escapes them.
pub fn write(out: &mut impl Write, a: &Analysis, warnings: &[String]) -> std::io::Result<()> {
    let mut buf = std::io::BufWriter::with_capacity(1 << 16, &mut *out);
    Output::new(a, warnings).write(&mut buf)?;
    writeln!(buf)?;
    buf.flush()
}

/// Pretty-printed JSON into a byte buffer, as serde_json's `PrettyFormatter` (two-space
/// indent) prints it. A value at `level` starts on a line indented `2 * level` spaces.
mod out {
    const SPACES: [u8; 64] = [b' '; 64];

    pub fn newline_indent(out: &mut Vec<u8>, level: usize) {
        out.push(b'\n');
        out.extend_from_slice(&SPACES[..2 * level]);
    }

    /// An object or array being written: its members go one level deeper.
    pub struct Container {
        level: usize,
        first: bool,
        close: u8,
    }

    impl Container {
        pub fn object(out: &mut Vec<u8>, level: usize) -> Container {
            out.push(b'{');
            Container {
                level,
                first: true,
                close: b'}',
            }
        }
        pub fn array(out: &mut Vec<u8>, level: usize) -> Container {
            out.push(b'[');
            Container {
                level,
                first: true,
                close: b']',
            }
        }
        /// Before an array element.
        pub fn element(&mut self, out: &mut Vec<u8>) {
            if !self.first {
                out.push(b',');
            }
            self.first = false;
            newline_indent(out, self.level + 1);
        }
        /// Before an object member's value (keys here are plain ASCII, never escaped).
        pub fn key(&mut self, out: &mut Vec<u8>, key: &str) {
            self.element(out);
            out.push(b'"');
            out.extend_from_slice(key.as_bytes());
            out.extend_from_slice(b"\": ");
        }
        pub fn end(self, out: &mut Vec<u8>) {
            if !self.first {
                newline_indent(out, self.level);
            }
            out.push(self.close);
        }
    }

    /// A JSON string, escaped as serde_json escapes it (its own escaper: no value tree,
    /// no allocation; writing to memory does not fail).
    pub fn string(out: &mut Vec<u8>, s: &str) {
        let _ = serde_json::to_writer(&mut *out, s);
    }

    pub fn opt_string(out: &mut Vec<u8>, s: Option<&str>) {
        match s {
            Some(s) => string(out, s),
            None => out.extend_from_slice(b"null"),
        }
    }

    pub fn uint(out: &mut Vec<u8>, n: u64) {
        let _ = serde_json::to_writer(&mut *out, &n);
    }

    /// A value through the [`super::num`] rule: whole numbers as integers, others as
    /// serde_json prints an `f64`, non-finite or missing as `null`.
    pub fn number(out: &mut Vec<u8>, v: Option<f64>) {
        match v {
            Some(x) if x.is_finite() => {
                if x.fract() == 0.0 && x.abs() < 9.0e15 {
                    let n = x as i64;
                    if n < 0 {
                        out.push(b'-');
                    }
                    uint(out, n.unsigned_abs());
                } else if serde_json::to_writer(&mut *out, &x).is_err() {
                    out.extend_from_slice(b"null"); // writing to memory does not fail
                }
            }
            _ => out.extend_from_slice(b"null"),
        }
    }

    /// The fixed bytes of a pretty-printed value with holes for its variable parts.
    #[derive(Default)]
    pub struct Template {
        buf: Vec<u8>,
        cuts: Vec<usize>,
    }

    impl Template {
        /// Build with `make`, which writes the fixed bytes into the buffer and calls
        /// `hole` wherever a variable part goes.
        pub fn new(make: impl FnOnce(&mut Vec<u8>, &mut Vec<usize>)) -> Template {
            let mut t = Template::default();
            make(&mut t.buf, &mut t.cuts);
            t
        }
        /// Write the template, `fill(out, i)` writing hole `i`.
        #[inline]
        pub fn fill(&self, out: &mut Vec<u8>, mut fill: impl FnMut(&mut Vec<u8>, usize)) {
            let mut from = 0;
            for (i, &cut) in self.cuts.iter().enumerate() {
                out.extend_from_slice(&self.buf[from..cut]);
                fill(out, i);
                from = cut;
            }
            out.extend_from_slice(&self.buf[from..]);
        }
    }

    pub fn hole(buf: &[u8], cuts: &mut Vec<usize>) {
        cuts.push(buf.len());
    }

    /// `{"end": {"character", "line"}, "start": {..}}` at `level`: holes end character,
    /// end line, start character, start line.
    pub fn range(buf: &mut Vec<u8>, cuts: &mut Vec<usize>, level: usize) {
        let mut r = Container::object(buf, level);
        for key in ["end", "start"] {
            r.key(buf, key);
            let mut p = Container::object(buf, level + 1);
            p.key(buf, "character");
            hole(buf, cuts);
            p.key(buf, "line");
            hole(buf, cuts);
            p.end(buf);
        }
        r.end(buf);
    }

    /// Writes the value of a key itself (template bytes and holes) and says so, or not.
    pub type Nested<'a> = dyn Fn(&str, &mut Vec<u8>, &mut Vec<usize>) -> bool + 'a;

    /// Object at `level` with `keys` (sorted), a hole for each value, except that keys
    /// named in `nested` get their value from that function instead.
    pub fn object(
        buf: &mut Vec<u8>,
        cuts: &mut Vec<usize>,
        level: usize,
        keys: &[&str],
        nested: &Nested<'_>,
    ) {
        let mut o = Container::object(buf, level);
        for key in keys {
            o.key(buf, key);
            if !nested(key, buf, cuts) {
                hole(buf, cuts);
            }
        }
        o.end(buf);
    }
}

/// Templates of every element kind, each at the depth where it is printed: top-level
/// array elements at level 2, their nested arrays' elements at level 4.
struct Templates {
    article: out::Template,
    claim: out::Template,
    disagreement: out::Template,
    entity: out::Template,
    figure: out::Template,
    problem: out::Template,
    role: out::Template,
    /// A Location as the value of a key of an element (a claim's source).
    location3: out::Template,
    /// A Location as an element of an element's array.
    location4: out::Template,
}

impl Templates {
    fn new() -> Templates {
        use out::Template;
        let plain = |level: usize, keys: &'static [&'static str]| {
            Template::new(|b, c| out::object(b, c, level, keys, &|_, _, _| false))
        };
        let location = |level: usize| {
            Template::new(|b, c| {
                out::object(b, c, level, &["path", "range", "text"], &|k, b, c| {
                    k == "range" && {
                        out::range(b, c, level + 1);
                        true
                    }
                })
            })
        };
        let figure = Template::new(|b, c| {
            let keys = ["baseline", "path", "range", "subject", "text", "value"];
            out::object(b, c, 2, &keys, &|k, b, c| match k {
                "range" => {
                    out::range(b, c, 3);
                    true
                }
                "value" => {
                    out::object(b, c, 3, &["high", "low", "unit"], &|_, _, _| false);
                    true
                }
                _ => false,
            })
        });
        Templates {
            article: plain(2, &["outlet", "path", "published", "story", "title"]),
            claim: plain(2, &["id", "occurrences", "source", "text"]),
            disagreement: plain(2, &["figures", "message", "severity", "subject"]),
            entity: plain(2, &["id", "kind", "mentions", "name", "roles"]),
            figure,
            problem: plain(2, &["message", "path"]),
            role: plain(4, &["path", "role"]),
            location3: location(3),
            location4: location(4),
        }
    }
}

/// Writes one pretty-printed array at depth 1 of the top-level object from elements
/// rendered in parallel: each batch of `items` becomes one buffer of
/// `",\n    " + element` entries (the element rendered at level 2).
mod array {
    use std::io::Write;

    /// The separator before an element of a top-level array, then `element`'s bytes.
    pub fn push_element(out: &mut Vec<u8>, element: impl FnOnce(&mut Vec<u8>)) {
        out.extend_from_slice(b",\n    ");
        element(out);
    }

    /// An array being written as the value of a top-level key (after `"key": `).
    #[derive(Default)]
    pub struct Array {
        started: bool,
    }

    impl Array {
        /// Append the elements `render` makes of each of `items` (zero or more each);
        /// `locations` estimates an item's size in locations (see
        /// [`super::super::render::in_order`]).
        pub fn extend<T: Sync>(
            &mut self,
            w: &mut impl Write,
            items: &[T],
            locations: impl Fn(&T) -> usize,
            render: impl Fn(&T, &mut Vec<u8>) + Sync,
        ) -> std::io::Result<()> {
            let started = &mut self.started;
            super::super::render::in_order(
                items,
                locations,
                |item, out| {
                    render(item, out);
                    Ok(())
                },
                |b| {
                    if b.is_empty() {
                        Ok(())
                    } else if *started {
                        w.write_all(b)
                    } else {
                        *started = true;
                        w.write_all(b"[")?;
                        w.write_all(&b[1..]) // no comma before the first element
                    }
                },
            )
        }

        pub fn finish(self, w: &mut impl Write) -> std::io::Result<()> {
            w.write_all(if self.started { b"\n  ]" } else { b"[]" })
        }
    }

    /// Write `items` as a whole array (see [`Array::extend`]).
    pub fn write<T: Sync>(
        w: &mut impl Write,
        items: &[T],
        locations: impl Fn(&T) -> usize,
        render: impl Fn(&T, &mut Vec<u8>) + Sync,
    ) -> std::io::Result<()> {
        let mut array = Array::default();
        array.extend(w, items, locations, render)?;
        array.finish(w)
    }
}

/// The streaming printer's state: the analysis, its locator and the templates. Keys are
/// written in sorted order because `json!` objects (BTreeMap) print their keys sorted.
struct Output<'a> {
    a: &'a Analysis,
    loc: Locator<'a>,
    t: Templates,
    warnings: &'a [String],
}

impl<'a> Output<'a> {
    fn new(a: &'a Analysis, warnings: &'a [String]) -> Self {
        Output {
            a,
            loc: Locator::new(a),
            t: Templates::new(),
            warnings,
        }
    }

    /// A Location from template `t` (one of the `location` templates).
    fn location(&self, out: &mut Vec<u8>, t: &out::Template, doc: usize, span: Span) {
        let (path, s, e, text) = self.loc.span(doc, span);
        t.fill(out, |out, i| match i {
            0 => out.extend_from_slice(path),
            1 => out::uint(out, e.character.into()),
            2 => out::uint(out, e.line.into()),
            3 => out::uint(out, s.character.into()),
            4 => out::uint(out, s.line.into()),
            _ => out::string(out, text),
        })
    }

    /// An array at level 3 of Locations at level 4.
    fn locations(&self, out: &mut Vec<u8>, spans: impl Iterator<Item = (usize, Span)>) {
        let mut array = out::Container::array(out, 3);
        for (doc, span) in spans {
            array.element(out);
            self.location(out, &self.t.location4, doc, span);
        }
        array.end(out);
    }

    /// The top-level object, keys in sorted order as `json!` printed them.
    fn write(&self, w: &mut impl std::io::Write) -> std::io::Result<()> {
        use array::{push_element, write as array};
        let (a, t) = (self.a, &self.t);
        let docs: Vec<usize> = (0..a.docs.len()).collect();
        w.write_all(b"{\n  \"articles\": ")?;
        array(
            w,
            &docs,
            |_| 1,
            |&i, out| {
                let meta = &a.docs[i].facts.meta;
                push_element(out, |out| {
                    t.article.fill(out, |out, h| match h {
                        0 => out::opt_string(out, meta.outlet.as_deref()),
                        1 => out.extend_from_slice(&self.loc.doc(i).path),
                        2 => out::opt_string(out, meta.published.map(|p| p.iso()).as_deref()),
                        3 => out::opt_string(out, a.stories.get(i).and_then(|s| s.as_deref())),
                        _ => out::opt_string(out, meta.title.as_deref()),
                    })
                })
            },
        )?;
        w.write_all(b",\n  \"claims\": ")?;
        array(
            w,
            &a.claims,
            |c| c.occurrences.len() + 1,
            |c, out| {
                push_element(out, |out| {
                    t.claim.fill(out, |out, h| match h {
                        0 => out::string(out, &c.id),
                        1 => self.locations(out, c.occurrences.iter().map(|o| (o.doc, o.span))),
                        2 => self.location(out, &t.location3, c.source.doc, c.source.span),
                        _ => out::string(out, &c.text),
                    })
                })
            },
        )?;
        w.write_all(b",\n  \"disagreements\": ")?;
        array(
            w,
            &a.disagreements,
            |x| x.figures().count() + 1,
            |x, out| {
                push_element(out, |out| {
                    t.disagreement.fill(out, |out, h| match h {
                        0 => self.locations(
                            out,
                            x.figures()
                                .map(|r| (r.doc, a.docs[r.doc].facts.figures[r.figure].span)),
                        ),
                        1 => out::string(out, &x.message),
                        2 => out::string(out, x.severity.as_str()),
                        _ => out::string(out, &x.subject),
                    })
                })
            },
        )?;
        w.write_all(b",\n  \"entities\": ")?;
        let entity_locations =
            |e: &std::sync::Arc<crate::people::Entity>| e.mentions.len() + e.roles.len() + 1;
        array(w, &a.entities, entity_locations, |e, out| {
            push_element(out, |out| {
                t.entity.fill(out, |out, h| match h {
                    0 => out::string(out, &e.id),
                    1 => out::string(out, "person"),
                    2 => self.locations(
                        out,
                        e.mentions
                            .iter()
                            .map(|&(d, i)| (d, a.docs[d].facts.people[i].span)),
                    ),
                    3 => out::string(out, &e.name),
                    _ => {
                        let mut roles = out::Container::array(out, 3);
                        for (d, r) in &e.roles {
                            roles.element(out);
                            t.role.fill(out, |out, h| match h {
                                0 => out.extend_from_slice(&self.loc.doc(*d).path),
                                _ => out::string(out, r),
                            })
                        }
                        roles.end(out)
                    }
                })
            })
        })?;
        w.write_all(b",\n  \"figures\": ")?;
        let figures = |&di: &usize| a.docs[di].facts.figures.len() + 1;
        array(w, &docs, figures, |&di, out| {
            for f in &a.docs[di].facts.figures {
                let (path, s, e, text) = self.loc.span(di, f.span);
                push_element(out, |out| {
                    t.figure.fill(out, |out, h| match h {
                        0 => out::opt_string(out, f.baseline.as_deref()),
                        1 => out.extend_from_slice(path),
                        2 => out::uint(out, e.character.into()),
                        3 => out::uint(out, e.line.into()),
                        4 => out::uint(out, s.character.into()),
                        5 => out::uint(out, s.line.into()),
                        6 => out::string(out, &f.subject),
                        7 => out::string(out, text),
                        8 => out::number(out, f.value.high),
                        9 => out::number(out, f.value.low),
                        _ => out::string(out, f.unit),
                    })
                })
            }
        })?;
        w.write_all(b",\n  \"problems\": ")?;
        let mut problems = array::Array::default();
        problems.extend(
            w,
            &docs,
            |&i| a.docs[i].facts.problems.len() + 1,
            |&i, out| {
                let d = &a.docs[i];
                for p in &d.facts.problems {
                    push_element(out, |out| {
                        t.problem.fill(out, |out, h| match h {
                            0 => out::string(out, p),
                            _ => out.extend_from_slice(&self.loc.doc(i).path),
                        })
                    })
                }
            },
        )?;
        // the reading warnings come last, after every article's own problems
        problems.extend(
            w,
            self.warnings,
            |_| 1,
            |warning, out| {
                let (path, message) = split_warning(warning);
                push_element(out, |out| {
                    t.problem.fill(out, |out, h| match h {
                        0 => out::string(out, message),
                        _ => out::string(out, path),
                    })
                })
            },
        )?;
        problems.finish(w)?;
        w.write_all(b",\n  \"version\": 1\n}")
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
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let text = "Tab\tTimes\r\n\r\nMayor \"Ana\" Ruiz said 14 people\u{1} were hurt \\ \
                    on Tuesday \u{7f} in Málaga 😀.\rShe said 16 people were hurt.\u{c}\n";
        let a = analysis(&[("q\"uo\\te\u{8}.txt", text), ("é.txt", text)]);
        let (streamed, tree) = printed(&a, &["c\u{1f}.txt: not UTF-8 \"text\"".into()]);
        assert_eq!(streamed, tree);
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
