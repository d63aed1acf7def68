//! An immutable view of the analysed workspace. Requests read one snapshot from start to
//! end (an `Arc`), so edits and re-analysis never wait for them and they never see a
//! half-updated index.

use super::convert::{self, Lines};
use crate::config::Config;
use crate::disagreements::FigureRef;
use crate::position::{Encoding, LineIndex};
use crate::workspace::Analysis;
use crate::Span;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use tower_lsp_server::ls_types::{Location, Position, Uri};

/// What the cursor is on, smallest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Figure(FigureRef),
    /// (doc, index into its `people`).
    Person(usize, usize),
    /// (claim index, occurrence index).
    Claim(usize, usize),
    /// (doc, index into its `quotes`): a quote that is not a repeated claim.
    Quote(usize, usize),
}

#[derive(Debug)]
pub struct Snapshot {
    /// Counts the changes this snapshot reflects (see `server::Inner::requested`).
    pub generation: u64,
    pub analysis: Arc<Analysis>,
    pub config: Arc<Config>,
    /// Line index of each doc's text (parallel to `analysis.docs`).
    pub lines: Vec<Arc<LineIndex>>,
    /// URI to answer with for each doc: the client's own spelling for open documents.
    pub uris: Vec<Option<Uri>>,
    /// Editor version of each doc's text, for open documents.
    pub versions: Vec<Option<i32>>,
    /// Where `corroborate.toml` lives (the first workspace folder).
    pub root: Option<PathBuf>,
    pub encoding: Encoding,
    /// Findings updated after an edit rather than computed anew (stories and people not
    /// regrouped yet); the server settles them with a full pass when the user pauses.
    pub provisional: bool,
    /// The claims of articles just edited are left out (the first half of an update);
    /// requests wait for the snapshot that has them.
    pub claims_pending: bool,
    /// Per doc, the entity of each person mention (`u32::MAX` for none).
    // Indexes for requests, built on first use: an edit's snapshot is published without
    // paying for them.
    mention_entity: OnceLock<Vec<Vec<u32>>>,
    figure_disagreements: OnceLock<HashMap<FigureRef, Vec<usize>>>,
    /// Per doc: (claim, occurrence) pairs of the claims occurring in it.
    doc_claims: OnceLock<Vec<Vec<(usize, usize)>>>,
}

impl Snapshot {
    pub fn new(
        generation: u64,
        analysis: Arc<Analysis>,
        config: Arc<Config>,
        uris: Vec<Option<Uri>>,
        versions: Vec<Option<i32>>,
        root: Option<PathBuf>,
        encoding: Encoding,
    ) -> Snapshot {
        Snapshot::with_lines(
            generation,
            analysis,
            config,
            uris,
            versions,
            root,
            encoding,
            |_, _| None,
        )
    }

    /// Like [`Snapshot::new`], reusing the line indexes `known` has for a doc's key (the
    /// cache keeps them so an edit re-indexes only the edited text).
    #[allow(clippy::too_many_arguments)]
    pub fn with_lines(
        generation: u64,
        analysis: Arc<Analysis>,
        config: Arc<Config>,
        uris: Vec<Option<Uri>>,
        versions: Vec<Option<i32>>,
        root: Option<PathBuf>,
        encoding: Encoding,
        known: impl Fn(usize, &crate::workspace::Doc) -> Option<Arc<LineIndex>>,
    ) -> Snapshot {
        let lines = analysis
            .docs
            .iter()
            .enumerate()
            .map(|(i, d)| known(i, d).unwrap_or_else(|| Arc::new(LineIndex::new(&d.text))))
            .collect();
        Snapshot {
            generation,
            analysis,
            config,
            lines,
            uris,
            versions,
            root,
            encoding,
            provisional: false,
            claims_pending: false,
            mention_entity: OnceLock::new(),
            figure_disagreements: OnceLock::new(),
            doc_claims: OnceLock::new(),
        }
    }

    /// The same documents with other findings (a full pass over this snapshot's docs):
    /// URIs, versions and line indexes carry over.
    pub fn with_analysis(&self, analysis: Arc<Analysis>) -> Snapshot {
        let same_docs = analysis.docs.len() == self.analysis.docs.len();
        Snapshot::with_lines(
            self.generation,
            analysis,
            self.config.clone(),
            self.uris.clone(),
            self.versions.clone(),
            self.root.clone(),
            self.encoding,
            |i, d| {
                let old = self.analysis.docs.get(i).filter(|_| same_docs)?;
                Arc::ptr_eq(&old.text, &d.text).then(|| self.lines[i].clone())
            },
        )
    }

    fn mention_entity(&self) -> &Vec<Vec<u32>> {
        self.mention_entity.get_or_init(|| {
            let analysis = &self.analysis;
            let mut index: Vec<Vec<u32>> = analysis
                .docs
                .iter()
                .map(|d| vec![u32::MAX; d.facts.people.len()])
                .collect();
            for (e, entity) in analysis.entities.iter().enumerate() {
                for &(d, m) in &entity.mentions {
                    if let Some(slot) = index.get_mut(d).and_then(|v| v.get_mut(m)) {
                        *slot = e as u32;
                    }
                }
            }
            index
        })
    }

    fn figure_disagreements(&self) -> &HashMap<FigureRef, Vec<usize>> {
        self.figure_disagreements.get_or_init(|| {
            let mut index: HashMap<FigureRef, Vec<usize>> = HashMap::new();
            for (i, d) in self.analysis.disagreements.iter().enumerate() {
                for f in d.figures() {
                    index.entry(f).or_default().push(i);
                }
            }
            index
        })
    }

    fn doc_claims(&self) -> &Vec<Vec<(usize, usize)>> {
        self.doc_claims.get_or_init(|| {
            let mut index = vec![Vec::new(); self.analysis.docs.len()];
            for (c, claim) in self.analysis.claims.iter().enumerate() {
                for (o, occ) in claim.occurrences.iter().enumerate() {
                    if let Some(list) = index.get_mut(occ.doc) {
                        list.push((c, o));
                    }
                }
            }
            index
        })
    }

    pub fn doc_count(&self) -> usize {
        self.analysis.docs.len()
    }

    pub fn doc_for_uri(&self, uri: &Uri) -> Option<usize> {
        self.analysis.doc_index(&convert::key_for_uri(uri))
    }

    pub fn text(&self, doc: usize) -> &str {
        self.analysis.docs.get(doc).map(|d| &*d.text).unwrap_or("")
    }

    pub fn lines(&self, doc: usize) -> Option<Lines<'_>> {
        Some(Lines {
            text: self.analysis.docs.get(doc)?.text.as_ref(),
            index: self.lines.get(doc)?,
            enc: self.encoding,
        })
    }

    pub fn offset(&self, doc: usize, p: Position) -> Option<usize> {
        self.lines(doc)?.offset(p)
    }

    pub fn uri(&self, doc: usize) -> Option<Uri> {
        if let Some(Some(uri)) = self.uris.get(doc) {
            return Some(uri.clone());
        }
        convert::uri_for_key(&self.analysis.docs.get(doc)?.key)
    }

    pub fn location(&self, doc: usize, span: Span) -> Option<Location> {
        Some(Location::new(self.uri(doc)?, self.lines(doc)?.range(span)))
    }

    /// The outlet of a doc, or its file name when no outlet is known.
    pub fn outlet_label(&self, doc: usize) -> String {
        match self.analysis.docs.get(doc) {
            Some(d) => d
                .outlet()
                .map(str::to_string)
                .unwrap_or_else(|| convert::file_name(&d.key)),
            None => String::new(),
        }
    }

    /// "2026-06-08" or "2026-06-08 14:30", or "undated".
    pub fn date_label(&self, doc: usize) -> String {
        self.analysis
            .docs
            .get(doc)
            .and_then(|d| d.facts.published())
            .map(|p| p.iso().replacen('T', " ", 1))
            .unwrap_or_else(|| "undated".to_string())
    }

    /// Sort key putting articles in publication order; undated ones last, ties by key.
    pub fn chronological_key(&self, doc: usize) -> (i64, usize) {
        let t = self
            .analysis
            .docs
            .get(doc)
            .and_then(|d| d.facts.published())
            .map(|p| p.sort_key())
            .unwrap_or(i64::MAX);
        (t, doc)
    }

    pub fn story(&self, doc: usize) -> Option<&str> {
        self.analysis.stories.get(doc).and_then(|s| s.as_deref())
    }

    pub fn entity_of(&self, doc: usize, mention: usize) -> Option<usize> {
        self.mention_entity()
            .get(doc)?
            .get(mention)
            .filter(|&&e| e != u32::MAX)
            .map(|&e| e as usize)
    }

    pub fn disagreements_of(&self, f: FigureRef) -> &[usize] {
        self.figure_disagreements()
            .get(&f)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    pub fn claims_in(&self, doc: usize) -> &[(usize, usize)] {
        self.doc_claims().get(doc).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn figure(&self, f: FigureRef) -> Option<&crate::figures::Figure> {
        self.analysis.docs.get(f.doc)?.facts.figures.get(f.figure)
    }

    /// The figures with the same subject as `f` in the same story (`f` included), or only
    /// `f`'s own article when it shares a story with no other.
    pub fn same_subject(&self, f: FigureRef) -> Vec<FigureRef> {
        let Some(subject) = self.figure(f).map(|x| x.subject.clone()) else {
            return Vec::new();
        };
        let story = self.story(f.doc);
        let mut out = Vec::new();
        for (d, doc) in self.analysis.docs.iter().enumerate() {
            let same_story = d == f.doc || (story.is_some() && self.story(d) == story);
            if !same_story {
                continue;
            }
            for (i, fig) in doc.facts.figures.iter().enumerate() {
                if fig.subject == subject {
                    out.push(FigureRef { doc: d, figure: i });
                }
            }
        }
        out
    }

    /// Everything under the cursor, smallest first: figure, person, claim, quote.
    pub fn targets_at(&self, doc: usize, offset: usize) -> Vec<Target> {
        let mut out = Vec::new();
        let Some(d) = self.analysis.docs.get(doc) else {
            return out;
        };
        let facts = &d.facts;
        for (i, f) in facts.figures.iter().enumerate() {
            if f.span.touches(offset) {
                out.push(Target::Figure(FigureRef { doc, figure: i }));
            }
        }
        for (i, m) in facts.people.iter().enumerate() {
            if m.span.touches(offset) {
                out.push(Target::Person(doc, i));
            }
        }
        let mut claim_spans = Vec::new();
        for &(c, o) in self.claims_in(doc) {
            let span = self.analysis.claims[c].occurrences[o].span;
            if span.touches(offset) {
                out.push(Target::Claim(c, o));
                claim_spans.push(span);
            }
        }
        for (i, q) in facts.quotes.iter().enumerate() {
            if q.span.touches(offset) && !claim_spans.iter().any(|s| s.overlaps(q.span)) {
                out.push(Target::Quote(doc, i));
            }
        }
        out
    }

    /// The claim one of whose occurrences overlaps `span` in `doc`.
    pub fn claim_overlapping(&self, doc: usize, span: Span) -> Option<(usize, usize)> {
        self.claims_in(doc)
            .iter()
            .copied()
            .find(|&(c, o)| self.analysis.claims[c].occurrences[o].span.overlaps(span))
    }
}
