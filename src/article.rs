//! One article's analysis: metadata, page noise, then people, figures and quotes found in
//! the body. Pure: `analyze(text, context, config)` → [`ArticleFacts`].

use crate::config::Config;
use crate::dates::DateTime;
use crate::figures::Figure;
use crate::metadata::Metadata;
use crate::people::PersonMention;
use crate::quotes::Quote;
use crate::Span;

/// What the edge knows about an article besides its text.
#[derive(Clone, Debug, Default)]
pub struct ArticleContext {
    /// Outlet from `[outlets]` in `corroborate.toml` (wins over the text).
    pub outlet: Option<String>,
    /// Problems found while reading (invalid UTF-8 …), reported with the article's own.
    pub read_problems: Vec<String>,
}

/// Everything found in one article. Spans are byte offsets into its text.
#[derive(Clone, Debug, Default)]
pub struct ArticleFacts {
    pub meta: Metadata,
    /// Problems with this article (missing metadata, lossy decoding …), for the user.
    pub problems: Vec<String>,
    /// Paragraphs of article prose: page noise and metadata lines removed.
    pub body: Vec<Span>,
    /// Sentences of the body, in order.
    pub sentences: Vec<Span>,
    pub people: Vec<PersonMention>,
    pub figures: Vec<Figure>,
    pub quotes: Vec<Quote>,
    /// Inline suppressions: (line span, subjects; empty = every subject on that line).
    pub ignores: Vec<(Span, Vec<String>)>,
}

impl ArticleFacts {
    pub fn published(&self) -> Option<DateTime> {
        self.meta.published
    }
    /// Index of the sentence containing `offset`.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= offset);
        (i < self.sentences.len() && self.sentences[i].start <= offset).then_some(i)
    }
    /// Is this figure suppressed by an inline `corroborate: ignore` comment?
    pub fn is_ignored(&self, figure: &Figure) -> bool {
        self.ignores.iter().any(|(line, subjects)| {
            line.overlaps(figure.span)
                && (subjects.is_empty()
                    || subjects.iter().any(|s| {
                        *figure.subject == **s || figure.subject.starts_with(&format!("{s}:"))
                    }))
        })
    }
}

/// Analyse one article.
pub fn analyze(text: &str, context: &ArticleContext, config: &Config) -> ArticleFacts {
    let layout = crate::noise::layout(text);
    let mut meta = crate::metadata::extract(text, &layout);
    if let Some(outlet) = &context.outlet {
        meta.outlet = Some(outlet.clone());
    } else if let Some(outlet) = &meta.outlet {
        meta.outlet = Some(config.canonical_outlet(outlet));
    }
    let mut problems = context.read_problems.clone();
    problems.extend(crate::metadata::problems(&meta));
    let body = layout.body_paragraphs(&meta);
    let sentences: Vec<Span> = body
        .iter()
        .flat_map(|p| crate::text::sentences_in(text, *p))
        .collect();
    // word tokens of each sentence, cut once for people and quotes
    let tokens: Vec<Vec<crate::text::Token>> = sentences
        .iter()
        .map(|s| crate::text::tokens_in(text, *s))
        .collect();
    let people = crate::people::recognise_tokenized(text, &sentences, &tokens);
    let figures = crate::figures::extract(text, &sentences, meta.published, config);
    let quotes = crate::quotes::extract_tokenized(text, &sentences, &tokens, &people);
    let ignores = crate::noise::inline_ignores(text);
    let mut facts = ArticleFacts {
        meta,
        problems,
        body,
        sentences,
        people,
        figures,
        quotes,
        ignores,
    };
    facts.shrink_to_fit();
    facts
}

impl ArticleFacts {
    /// Give back the spare capacity of every list: the facts of a whole workspace stay in
    /// memory for the session, and lists grown by pushing hold up to twice their length.
    fn shrink_to_fit(&mut self) {
        self.meta.lines.shrink_to_fit();
        self.problems.shrink_to_fit();
        self.body.shrink_to_fit();
        self.sentences.shrink_to_fit();
        self.people.shrink_to_fit();
        self.figures.shrink_to_fit();
        self.quotes.shrink_to_fit();
        self.ignores.shrink_to_fit();
    }
}
