//! Quotes and attributed statements: `"…," X said`, `"…," said X`, `X said: "…"`,
//! `X told reporters: "…"`, `according to X, …`, and indirect speech (`X said (that) …`,
//! `…, police said.`).
//!
//! Decisions (precision first):
//! - Direct quotes are the words between straight (`"`), curly (`“…”`) or doubled
//!   (`` ``…'' ``) marks, paired within a paragraph; a quote may run over several
//!   sentences. A quote left open at the end of a paragraph is kept only when the next
//!   paragraph opens with a mark (the newspaper convention for a long quote).
//! - Short quoted phrases without attribution ("so-called “safe zones”", titles of works)
//!   are not quotes: an unattributed quote needs six words or more, unless it continues an
//!   attributed quote of the same paragraph (then it takes that speaker).
//! - The speaker is a person mention inside the attribution, or "he"/"she" resolved to
//!   the nearest person mentioned before in the paragraph; otherwise the attribution's
//!   words are kept as `speaker_text` ("police", "the mayor").
//! - Indirect speech needs a plausible speaker: a person, a pronoun, or a phrase ending in
//!   a speaker noun ("officials", "the health ministry", "a spokesman").

use crate::figures::tokens::is_any;
use crate::people::PersonMention;
use crate::text::{fold, fold_cow, has_tokens, tokens_in, Token};
use crate::Span;
use std::borrow::Cow;
use std::sync::Arc;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteKind {
    /// Words inside quotation marks.
    Direct,
    /// Reported speech: "X said (that) …".
    Indirect,
    /// "according to X, …".
    According,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    /// The quoted or reported words (inside the marks for direct quotes).
    pub span: Span,
    /// Index of the sentence holding the quote (its first sentence). `u32`, like
    /// `speaker`: a workspace keeps every article's quotes (383k at 10k articles of the
    /// independent corpus), and the two narrower fields make a quote 64 bytes, not 80.
    pub sentence: u32,
    pub kind: QuoteKind,
    /// Index into the article's `people` of the speaker, when a named person.
    pub speaker: Option<u32>,
    /// The speaker as written when not a recognised person ("police", "the mayor").
    pub speaker_text: Option<Arc<str>>,
    /// The sentence credits another outlet or agency ("told the news agency", "according
    /// to Reuters"): such an occurrence is not a claim's source on a tie.
    pub attributed_elsewhere: bool,
    /// The outlet or agency credited, as written ("the news agency", "CNA", "Reuters",
    /// "state media"); `attributed_elsewhere` is `credited.is_some()`. An article citing
    /// its own outlet ("told the Sentinel" in the Sentinel) can be told apart by comparing
    /// this with the article's outlet, which this module does not know.
    pub credited: Option<Arc<str>>,
}

/// Verbs that attribute words to a speaker.
#[rustfmt::skip]
const SPEECH_VERBS: &[&str] = &[
    "said", "says", "told", "tells", "added", "adds", "stated", "explained", "explains",
    "noted", "insisted", "warned", "warns", "confirmed", "announced", "declared", "wrote",
    "writes", "tweeted", "asked", "replied", "recalled", "continued", "stressed", "argued",
    "claimed", "admitted", "acknowledged", "urged", "remarked", "responded", "conceded",
    "testified", "estimated", "predicted", "cautioned", "concluded", "vowed", "vows",
    "promised", "pledged", "demanded", "shouted", "cried", "whispered", "sobbed",
];

/// Nouns that make a phrase a plausible speaker for indirect speech.
#[rustfmt::skip]
const SPEAKER_NOUNS: &[&str] = &[
    "police", "officials", "official", "authorities", "spokesman", "spokeswoman",
    "spokesperson", "mayor", "minister", "governor", "president", "witnesses", "witness",
    "residents", "resident", "investigators", "prosecutors", "prosecutor", "ministry",
    "department", "agency", "company", "statement", "report", "sources", "officers",
    "officer", "doctors", "doctor", "experts", "analysts", "firefighters", "rescuers",
    "survivors", "neighbors", "neighbours", "organizers", "organisers", "government",
    "army", "military", "council", "court", "judge", "lawyer", "attorney", "family",
    "relatives", "hospital", "service", "office", "chief", "sheriff", "commissioner",
    "director", "secretary", "senator", "lawmakers", "leaders", "leader", "coach", "union",
    "firm", "airline", "operator", "utility", "regulator", "regulators", "inspectors",
    "scientists", "researchers", "survey", "study", "data", "figures", "paramedics",
    "medics", "staff", "employees", "workers", "parents", "students", "teachers", "media",
    "television", "radio", "newspaper", "broadcaster", "he", "she", "they", "we", "i",
];

/// Words naming news outlets and agencies: a sentence crediting one of them credits
/// another outlet.
#[rustfmt::skip]
const MEDIA_WORDS: &[&str] = &[
    "news", "agency", "newspaper", "paper", "daily", "broadcaster", "station",
    "television", "tv", "radio", "magazine", "website", "outlet", "network", "channel",
    "times", "post", "herald", "tribune", "press", "journal", "gazette", "chronicle",
    "reuters", "bloomberg", "afp", "ap", "bbc", "cnn", "media", "wire", "tabloid",
    "courier", "observer", "telegraph", "guardian", "mail", "express", "globe", "nbc",
    "abc", "cbs", "fox", "msnbc", "upi", "itv", "sky", "dpa", "efe", "ansa", "xinhua",
    "tass", "kyodo", "yonhap", "irna", "isna", "pti", "ians", "cna", "ani", "jazeera",
    "interfax", "ria", "novosti", "anadolu", "bernama", "antara", "kbs", "nhk", "rte",
];

/// Authorities: "according to the Health Ministry" credits a source, not an outlet.
#[rustfmt::skip]
const AUTHORITY_WORDS: &[&str] = &[
    "ministry", "department", "police", "office", "council", "court", "government", "army",
    "service", "authority", "authorities", "commission", "committee", "bureau",
    "institute", "university", "hospital", "company", "corp", "inc", "bank", "union",
];

fn is_in(list: &[&str], word: &str) -> bool {
    list.contains(&word)
}

/// Find quotes and attributions in the sentences of an article.
pub fn extract(text: &str, sentences: &[Span], people: &[PersonMention]) -> Vec<Quote> {
    let tokens: Vec<Vec<Token>> = sentences.iter().map(|s| tokens_in(text, *s)).collect();
    extract_tokenized(text, sentences, &tokens, people)
}

/// [`extract`] with the sentences' word tokens (`tokens_in` of each sentence) already cut,
/// shared with the other extractors.
pub fn extract_tokenized(
    text: &str,
    sentences: &[Span],
    tokens: &[Vec<Token>],
    people: &[PersonMention],
) -> Vec<Quote> {
    debug_assert_eq!(sentences.len(), tokens.len());
    let ctx = Ctx {
        text,
        sentences,
        tokens,
        people,
        para_start: paragraph_starts(text, sentences),
        marks: SentenceMarks::of(text, sentences),
    };
    let mut quotes = direct_quotes(&ctx);
    // a sentence holding a quote mark is quoted: its marks were found above
    let quoted_sentences: Vec<bool> = (0..sentences.len())
        .map(|i| {
            let s = sentences[i];
            !ctx.marks.of_sentence(i).is_empty() || quotes.iter().any(|q| q.span.overlaps(s))
        })
        .collect();
    let mut buffers = KeyBuffers::default();
    for (i, s) in sentences.iter().enumerate() {
        // both rules need a verb of reporting or "according": most sentences hold neither
        let reports = tokens
            .get(i)
            .is_some_and(|toks| toks.iter().any(|t| is_reporting_word(t.text(text))));
        if quoted_sentences[i] || !reports {
            continue;
        }
        let Some(words) = Words::of(&ctx, i, &mut buffers) else {
            continue;
        };
        if let Some(q) = according_to(&ctx, i, &words).or_else(|| indirect(&ctx, i, *s, &words)) {
            quotes.push(q);
        }
    }
    quotes.sort_by_key(|q| (q.span.start, q.span.end));
    share_strings(&mut quotes);
    quotes
}

/// One allocation per distinct speaker or credited outlet of the article ("officials",
/// "the agency"), not one a quote: a newsroom archive holds millions of quotes.
fn share_strings(quotes: &mut [Quote]) {
    let mut seen: std::collections::HashSet<Arc<str>> = std::collections::HashSet::new();
    let mut share = |s: &mut Option<Arc<str>>| {
        if let Some(x) = s {
            match seen.get(&**x) {
                Some(kept) => *x = kept.clone(),
                None => {
                    seen.insert(x.clone());
                }
            }
        }
    };
    for q in quotes {
        share(&mut q.speaker_text);
        share(&mut q.credited);
    }
}

/// A sentence's word tokens and their folded keys, computed once for every rule that reads
/// the sentence (keys borrow the text when already folded).
struct Words<'a> {
    toks: &'a [Token],
    keys: Vec<&'a str>,
}

impl<'a> Words<'a> {
    /// The words of sentence `i`, the keys that need folding written into `buffers`.
    fn of(ctx: &Ctx<'a>, i: usize, buffers: &'a mut KeyBuffers) -> Option<Words<'a>> {
        let toks = ctx.tokens.get(i)?.as_slice();
        Some(Words {
            toks,
            keys: fold_keys(ctx.text, toks, buffers),
        })
    }
}

/// Scratch space for [`fold_keys`], reused from sentence to sentence.
#[derive(Default)]
struct KeyBuffers {
    /// The folded keys of the capitalised or accented words, one after the other.
    folded: String,
    /// Per token: where its key is in `folded`, or `None` when it is the word itself.
    places: Vec<Option<std::ops::Range<usize>>>,
}

/// [`fold_cow`] of every token, without a string per folded word: those are written into
/// one buffer.
fn fold_keys<'a>(text: &'a str, toks: &[Token], buffers: &'a mut KeyBuffers) -> Vec<&'a str> {
    let KeyBuffers { folded, places } = buffers;
    folded.clear();
    places.clear();
    places.extend(
        toks.iter()
            .map(|t| crate::text::push_folded(folded, t.text(text))),
    );
    let folded: &'a String = folded;
    toks.iter()
        .zip(places.iter())
        .map(|(t, place)| place.clone().map_or(t.text(text), |r| &folded[r]))
        .collect()
}

struct Ctx<'a> {
    text: &'a str,
    sentences: &'a [Span],
    /// `tokens_in` of each sentence.
    tokens: &'a [Vec<Token>],
    people: &'a [PersonMention],
    /// For each sentence, the index of the first sentence of its paragraph.
    para_start: Vec<usize>,
    /// The quote marks of each sentence.
    marks: SentenceMarks,
}

/// A new paragraph starts where the gap between two sentences holds a blank line.
fn paragraph_starts(text: &str, sentences: &[Span]) -> Vec<usize> {
    let mut out = Vec::with_capacity(sentences.len());
    let mut start = 0;
    for i in 0..sentences.len() {
        if i > 0 {
            let gap = text
                .get(sentences[i - 1].end..sentences[i].start)
                .unwrap_or("");
            if gap.matches('\n').count() >= 2 {
                start = i;
            }
        }
        out.push(start);
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mark {
    Open,
    Close,
    /// A straight `"`: opens or closes depending on the state.
    Either,
}

/// A quote mark: (byte offset, byte length, kind).
type MarkAt = (usize, usize, Mark);

/// The quote marks of every sentence ([`marks`]), found once: pairing reads them, and a
/// sentence with any is a quoted one.
struct SentenceMarks {
    marks: Vec<MarkAt>,
    /// Sentence `i`'s marks are `marks[starts[i]..starts[i + 1]]`.
    starts: Vec<usize>,
}

impl SentenceMarks {
    fn of(text: &str, sentences: &[Span]) -> SentenceMarks {
        let mut out = SentenceMarks {
            marks: Vec::new(),
            starts: Vec::with_capacity(sentences.len() + 1),
        };
        out.starts.push(0);
        for s in sentences {
            marks(text, *s, &mut out.marks);
            out.starts.push(out.marks.len());
        }
        out
    }

    /// The marks of sentence `i`.
    fn of_sentence(&self, i: usize) -> &[MarkAt] {
        let (Some(&a), Some(&b)) = (self.starts.get(i), self.starts.get(i + 1)) else {
            return &[];
        };
        self.marks.get(a..b).unwrap_or(&[])
    }
}

/// Append the quote marks of a sentence to `out`. A straight `"`, a curly `“` or `”`, or
/// a doubled `` `` `` or `''` is one; so a sentence without marks holds none of those.
///
/// Walks bytes: every mark is ASCII or starts with the byte 0xE2 ('“' is E2 80 9C, '”' is
/// E2 80 9D), and UTF-8 continuation bytes never look like either.
fn marks(text: &str, s: Span, out: &mut Vec<MarkAt>) {
    const OPEN_CURLY: &[u8] = "“".as_bytes();
    const CLOSE_CURLY: &[u8] = "”".as_bytes();
    let body = s.slice(text);
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // jump to the next byte that may start a mark (most bytes are letters)
        match next_mark_byte(bytes, i) {
            Some(k) => i = k,
            None => break,
        }
        let at = s.start + i;
        let rest = &bytes[i..];
        let next = bytes.get(i + 1).copied();
        let (mark, len) = match bytes[i] {
            b'"' => (Some(straight_quote_side(body, i)), 1),
            b'`' if next == Some(b'`') => (Some(Mark::Open), 2),
            b'\'' if next == Some(b'\'') => (Some(Mark::Close), 2),
            0xE2 if rest.starts_with(OPEN_CURLY) => (Some(Mark::Open), OPEN_CURLY.len()),
            0xE2 if rest.starts_with(CLOSE_CURLY) => (Some(Mark::Close), CLOSE_CURLY.len()),
            _ => (None, 1),
        };
        if let Some(mark) = mark {
            out.push((at, len, mark));
        }
        i += len;
    }
}

/// Index of the first byte from `from` on that may start a quote mark: `"`, `` ` ``, `'`
/// or 0xE2. Eight bytes at a time (most sentences hold no mark at all).
fn next_mark_byte(bytes: &[u8], from: usize) -> Option<usize> {
    // per byte lane: the high bit set where the lane equals `b` (the lowest set lane is
    // exact; lanes above a match may be false positives, which only the lowest hides)
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let lanes_equal = |x: u64, b: u8| {
        let v = x ^ (LOW * u64::from(b));
        v.wrapping_sub(LOW) & !v & HIGH
    };
    let mut i = from;
    while let Some(chunk) = bytes.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        let x = u64::from_le_bytes(*chunk);
        let hits = lanes_equal(x, b'"')
            | lanes_equal(x, b'`')
            | lanes_equal(x, b'\'')
            | lanes_equal(x, 0xE2);
        if hits != 0 {
            return Some(i + (hits.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    let rest = bytes.get(i..)?;
    rest.iter()
        .position(|&b| matches!(b, b'"' | b'`' | b'\'' | 0xE2))
        .map(|k| i + k)
}

/// Which side a straight `"` is on, from its neighbours: after a space and before a word
/// it opens, after a word and before a space or punctuation it closes; otherwise either.
fn straight_quote_side(body: &str, i: usize) -> Mark {
    let before = body.get(..i).and_then(|b| b.chars().next_back());
    let after = body.get(i + 1..).and_then(|a| a.chars().next());
    let space_before = before.map_or(true, |c| {
        c.is_whitespace() || matches!(c, '(' | '[' | '—' | '–')
    });
    let space_after = after.map_or(true, |c| {
        c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | ')' | '!' | '?')
    });
    match (space_before, space_after) {
        (true, false) => Mark::Open,
        (false, true) => Mark::Close,
        _ => Mark::Either,
    }
}

/// A direct quote found by pairing marks, before attribution.
struct RawQuote {
    inner: Span,
    open: usize,
    close_end: usize,
    first_sentence: usize,
    last_sentence: usize,
}

fn pair_marks(ctx: &Ctx) -> Vec<RawQuote> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize, usize)> = None; // (mark start, inner start, sentence)
    for (si, s) in ctx.sentences.iter().enumerate() {
        if si > 0 && ctx.para_start[si] == si {
            // paragraph break: an open quote continues only if this paragraph opens one
            if let Some((o, inner, first)) = open.take() {
                let opens_again = ctx
                    .marks
                    .of_sentence(si)
                    .first()
                    .is_some_and(|&(at, _, m)| at == s.start && m != Mark::Close);
                if opens_again {
                    let end = ctx.sentences[si - 1].end;
                    out.push(RawQuote {
                        inner: Span::new(inner, end),
                        open: o,
                        close_end: end,
                        first_sentence: first,
                        last_sentence: si - 1,
                    });
                }
            }
        }
        for &(at, len, kind) in ctx.marks.of_sentence(si) {
            let closes = match kind {
                Mark::Close => true,
                Mark::Open => false,
                Mark::Either => open.is_some(),
            };
            if closes {
                if let Some((o, inner, first)) = open.take() {
                    out.push(RawQuote {
                        inner: Span::new(inner, at),
                        open: o,
                        close_end: at + len,
                        first_sentence: first,
                        last_sentence: si,
                    });
                }
            } else {
                open = Some((at, at + len, si));
            }
        }
    }
    out
}

fn direct_quotes(ctx: &Ctx) -> Vec<Quote> {
    let mut out: Vec<Quote> = Vec::new();
    // last attributed speaker per paragraph, for unattributed continuations
    let mut last_speaker: Option<(usize, Option<usize>, Option<String>)> = None;
    for raw in pair_marks(ctx) {
        let inner = trim_span(ctx.text, raw.inner);
        if inner.is_empty() {
            continue;
        }
        let para = ctx.para_start[raw.first_sentence];
        let attribution = attribution_after(ctx, &raw)
            .or_else(|| attribution_before(ctx, &raw))
            .or_else(|| attribution_inline(ctx, &raw));
        let has_own = attribution.is_some();
        let (speaker, speaker_text, attributed) = match attribution {
            Some((p, t)) => (p, t, true),
            None => match &last_speaker {
                Some((lp, p, t)) if *lp == para => (*p, t.clone(), true),
                _ => (None, None, false),
            },
        };
        // counted only when it matters: most quotes are attributed
        if !attributed && !has_tokens(ctx.text, inner, 6) {
            continue;
        }
        if has_own || !attributed {
            last_speaker = attributed.then(|| (para, speaker, speaker_text.clone()));
        }
        let credited =
            (raw.first_sentence..=raw.last_sentence).find_map(|i| credits_other_outlet(ctx, i));
        out.push(Quote {
            span: inner,
            sentence: raw.first_sentence as u32,
            kind: QuoteKind::Direct,
            speaker: speaker.map(|p| p as u32),
            speaker_text: speaker_text.map(Arc::from),
            attributed_elsewhere: credited.is_some(),
            credited: credited.map(Arc::from),
        });
    }
    out
}

/// Trim whitespace and a trailing comma inside the marks ("We go," → "We go").
fn trim_span(text: &str, span: Span) -> Span {
    let s = span.slice(text);
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim_end().trim_end_matches(',').trim_end();
    let end = span.start + lead + trimmed.trim_start().len();
    let start = span.start + lead;
    if end < start {
        return Span::new(span.start, span.start);
    }
    Span::new(start, end)
}

type Speaker = (Option<usize>, Option<String>);

/// `"…," Ruiz said.` / `"…," said Ruiz, the mayor.` / `"…," she told reporters.` /
/// `"…," according to police.`
fn attribution_after(ctx: &Ctx, raw: &RawQuote) -> Option<Speaker> {
    let sentence = ctx.sentences[raw.last_sentence];
    let rest = Span::new(raw.close_end, sentence.end);
    let rest_text = rest.slice(ctx.text);
    // stop at the next quote mark
    let stop = rest_text
        .find(['"', '“', '”', '`'])
        .map_or(rest.end, |i| rest.start + i);
    let window = Span::new(rest.start, stop);
    let toks = tokens_in(ctx.text, window);
    if toks.is_empty() {
        return None;
    }
    let keys: Vec<Cow<str>> = toks.iter().map(|t| fold_cow(t.text(ctx.text))).collect();
    // "according to X"
    if keys.len() >= 3 && keys[0] == "according" && keys[1] == "to" {
        let phrase = phrase_until_punct(ctx.text, &toks[2..]);
        return Some(speaker_for(ctx, phrase, raw.open));
    }
    let verb = keys.iter().take(8).position(|k| is_in(SPEECH_VERBS, k))?;
    let between = ctx
        .text
        .get(raw.close_end..toks[0].span.start)
        .unwrap_or("");
    if between.contains(['.', '!', '?']) && verb > 0 {
        // the quote ended its sentence: what follows is a new statement
        return None;
    }
    if verb > 0 {
        let from = subject_start(ctx.text, &toks[..verb], toks[verb].span.start);
        if verb - from > 6 {
            return None;
        }
        let phrase = Span::new(toks[from].span.start, toks[verb - 1].span.end);
        Some(speaker_for(ctx, phrase, raw.open))
    } else {
        let phrase = phrase_until_punct(ctx.text, &toks[1..]);
        Some(speaker_for(ctx, phrase, raw.open))
    }
}

/// `Ruiz said: "…"` / `Ruiz told reporters, "…"` / `said Ruiz: "…"`.
fn attribution_before(ctx: &Ctx, raw: &RawQuote) -> Option<Speaker> {
    let sentence = ctx.sentences[raw.first_sentence];
    let before = Span::new(sentence.start, raw.open);
    let before_text = before.slice(ctx.text).trim_end();
    if !(before_text.ends_with(':') || before_text.ends_with(',')) {
        return None;
    }
    // only the clause right before the quote: after the last quote mark
    let clause_start = before_text
        .rfind(['"', '“', '”'])
        .map_or(before.start, |i| before.start + i + 1);
    let toks = tokens_in(ctx.text, Span::new(clause_start, before.end));
    let keys: Vec<Cow<str>> = toks.iter().map(|t| fold_cow(t.text(ctx.text))).collect();
    let Some(verb) = keys.iter().rposition(|k| is_in(SPEECH_VERBS, k)) else {
        // "Salcedo Ibarra: “We will rebuild …”": a name and a colon
        let clause = Span::new(clause_start, before.end);
        if !before_text.ends_with(':') {
            return None;
        }
        let person = ctx.people.iter().position(|p| clause.covers(p.span))?;
        let rest_is_name = toks.iter().all(|t| ctx.people[person].span.covers(t.span));
        return rest_is_name.then_some((Some(person), None));
    };
    // the verb must be close to the quote: "X said:", "X told reporters:", "said X:"
    if keys.len() - verb > 6 {
        return None;
    }
    if verb > 0 {
        let from = subject_start(ctx.text, &toks[..verb], toks[verb].span.start);
        let phrase = Span::new(toks[from].span.start, toks[verb - 1].span.end);
        Some(speaker_for(ctx, phrase, raw.open))
    } else {
        let phrase = phrase_until_punct(ctx.text, &toks[1..]);
        Some(speaker_for(ctx, phrase, raw.open))
    }
}

/// `Ruiz promised an inquiry and said the fertiliser should "never have been left in a
/// city".`: a quote inside reported speech belongs to the sentence's speaker, the first
/// person named before the verb of saying.
fn attribution_inline(ctx: &Ctx, raw: &RawQuote) -> Option<Speaker> {
    let sentence = ctx.sentences[raw.first_sentence];
    let before = Span::new(sentence.start, raw.open);
    let toks = tokens_in(ctx.text, before);
    let verb = toks
        .iter()
        .position(|t| is_in(SPEECH_VERBS, &fold_cow(t.text(ctx.text))))?;
    let verb_start = toks[verb].span.start;
    // the nearest named person before the verb, not a possessive ("Lorca's agent, …")
    let person = ctx
        .people
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, p)| p.span.start >= sentence.start && p.span.end <= verb_start)
        .filter(|(_, p)| {
            let after = ctx.text.get(p.span.end..).unwrap_or("");
            !(after.starts_with("'s") || after.starts_with("’s"))
        })
        .map(|(i, _)| i)
        .next();
    match person {
        Some(p) => Some((Some(p), None)),
        None => {
            // "the company said Salinas Logistics “complied …”"
            let from = subject_start(ctx.text, &toks[..verb], verb_start);
            if verb == 0 || verb - from > 6 {
                return None;
            }
            let phrase = Span::new(toks[from].span.start, toks[verb - 1].span.end);
            let (p, t) = speaker_for(ctx, phrase, raw.open);
            (p.is_some() || t.as_deref().is_some_and(plausible_speaker)).then_some((p, t))
        }
    }
}

/// Start of the subject before a verb: the words since the last comma (at most eight),
/// or, when those words are an appositive ("…, Ana Ruiz, the mayor, said"), the name
/// before it as well.
fn subject_start(text: &str, toks: &[crate::text::Token], verb_start: usize) -> usize {
    let gap_before = |i: usize| -> &str {
        if i == 0 {
            return "";
        }
        text.get(toks[i - 1].span.end..toks[i].span.start)
            .unwrap_or("")
    };
    let segment_start = |end: usize| -> usize {
        let mut i = end;
        while i > 0
            && end - i < 7
            && !gap_before(i).contains([',', ';', ':', '(', ')', '"', '“', '”'])
        {
            i -= 1;
        }
        i
    };
    if toks.is_empty() {
        return 0;
    }
    let mut start = segment_start(toks.len() - 1);
    let appositive = matches!(
        fold_cow(toks[start].text(text)).as_ref(),
        "the" | "a" | "an" | "his" | "her" | "their" | "its"
    ) || toks[start].text(text).chars().all(|c| c.is_ascii_digit());
    let closed_by_comma = toks
        .last()
        .and_then(|t| text.get(t.span.end..verb_start))
        .is_some_and(|g| g.contains(','));
    if appositive && closed_by_comma && start > 0 && gap_before(start).contains(',') {
        start = segment_start(start - 1);
    }
    // drop leading words that cannot start a subject
    while start + 1 < toks.len()
        && matches!(
            fold_cow(toks[start].text(text)).as_ref(),
            "and"
                | "but"
                | "so"
                | "then"
                | "as"
                | "while"
                | "because"
                | "though"
                | "although"
                | "when"
                | "if"
                | "since"
                | "after"
                | "before"
                | "where"
                | "whereas"
        )
    {
        start += 1;
    }
    start
}

/// Words up to the first punctuation (comma, period, semicolon …).
fn phrase_until_punct(text: &str, toks: &[crate::text::Token]) -> Span {
    let Some(first) = toks.first() else {
        return Span::default();
    };
    let mut end = first.span.end;
    for (i, t) in toks.iter().enumerate().take(10) {
        end = t.span.end;
        let gap = toks
            .get(i + 1)
            .and_then(|n| text.get(t.span.end..n.span.start))
            .unwrap_or(".");
        // "state Rep. Barry Fleming": the period of an abbreviation does not end it
        let word = t.text(text);
        let abbreviation = gap.starts_with(". ")
            && word.chars().count() <= 4
            && crate::text::is_capitalised(word)
            && gap
                .get(1..)
                .is_some_and(|g| g.chars().all(char::is_whitespace));
        if !gap.chars().all(char::is_whitespace) && !abbreviation {
            break;
        }
    }
    Span::new(first.span.start, end)
}

/// The speaker of an attribution phrase: a person mention inside it, a pronoun resolved
/// to the nearest person before `anchor` in the paragraph, or the phrase as written.
fn speaker_for(ctx: &Ctx, phrase: Span, anchor: usize) -> Speaker {
    if phrase.is_empty() {
        return (None, None);
    }
    if let Some(i) = ctx
        .people
        .iter()
        .position(|p| phrase.covers(p.span) || p.span.overlaps(phrase))
    {
        return (Some(i), None);
    }
    let words = phrase.slice(ctx.text).trim();
    let key = fold(words);
    if matches!(key.as_str(), "he" | "she") {
        if let Some(i) = nearest_person_before(ctx, anchor.min(phrase.start)) {
            return (Some(i), None);
        }
    }
    // "a watchdog later (said)", "the mayor has (said)": adverbs and auxiliaries go
    let mut cleaned = words.trim_end_matches([',', '.', ':']).trim_end();
    while let Some((head, last)) = cleaned.rsplit_once(char::is_whitespace) {
        if !matches!(
            fold_cow(last).as_ref(),
            "later"
                | "also"
                | "then"
                | "earlier"
                | "previously"
                | "again"
                | "has"
                | "had"
                | "have"
                | "once"
                | "recently"
                | "today"
                | "yesterday"
        ) {
            break;
        }
        cleaned = head.trim_end();
    }
    let cleaned = cleaned.to_string();
    (None, (!cleaned.is_empty()).then_some(cleaned))
}

fn nearest_person_before(ctx: &Ctx, offset: usize) -> Option<usize> {
    let sentence = ctx.sentences.iter().position(|s| s.end >= offset)?;
    let para_start = ctx.sentences[ctx.para_start[sentence]].start;
    ctx.people
        .iter()
        .enumerate()
        .filter(|(_, p)| p.span.start >= para_start && p.span.end <= offset)
        .max_by_key(|(_, p)| p.span.start)
        .map(|(i, _)| i)
}

/// "According to X, …" and "…, according to X."
fn according_to(ctx: &Ctx, i: usize, words: &Words) -> Option<Quote> {
    let s = ctx.sentences[i];
    let (toks, keys) = (words.toks, &words.keys);
    let a = keys
        .windows(2)
        .position(|w| w[0] == "according" && w[1] == "to")?;
    let source_toks = toks.get(a + 2..)?;
    let source = phrase_until_punct(ctx.text, source_toks);
    if source.is_empty() {
        return None;
    }
    let claim = if a == 0 {
        // "According to X, claim."
        Span::new(source.end, s.end)
    } else {
        Span::new(s.start, toks[a].span.start)
    };
    let claim = trim_claim(ctx.text, claim);
    if !has_tokens(ctx.text, claim, 3) {
        return None;
    }
    let (speaker, speaker_text) = speaker_for(ctx, source, source.start);
    let credited = credits_other_outlet_in(ctx, s, words);
    Some(Quote {
        span: claim,
        sentence: i as u32,
        kind: QuoteKind::According,
        speaker: speaker.map(|p| p as u32),
        speaker_text: speaker_text.map(Arc::from),
        attributed_elsewhere: credited.is_some(),
        credited: credited.map(Arc::from),
    })
}

/// Trim spaces, commas and the final period from a reported claim.
fn trim_claim(text: &str, span: Span) -> Span {
    let span = skip_dateline(text, span);
    let s = span.slice(text);
    let lead = s.len() - s.trim_start_matches([' ', ',', '\n', '\t']).len();
    let body = s.trim_start_matches([' ', ',', '\n', '\t']);
    let body = body.trim_end_matches([' ', ',', '.', '\n', '\t', ';', ':']);
    Span::new(span.start + lead, span.start + lead + body.len())
}

/// Verbs of indirect speech (a narrower list: "asked" or "wrote" rarely report a claim).
/// A [`Lexicon`](crate::figures::tokens::Lexicon): its length / first / last letter filter
/// turns down most words in two tests, and [`is_reporting_word`] asks it of every token
/// of every sentence.
#[rustfmt::skip]
const INDIRECT_VERBS: crate::figures::tokens::Lexicon = crate::figures::tokens::Lexicon::new(&[
    "said", "says", "told", "added", "stated", "explained", "noted", "insisted", "warned",
    "confirmed", "announced", "claimed", "argued", "estimated", "reported",
]);

/// Does `word` fold to "according" or to one of [`INDIRECT_VERBS`], the words
/// [`according_to`] and [`indirect`] start from? An ASCII word is compared without
/// folding.
fn is_reporting_word(word: &str) -> bool {
    if !word.is_ascii() {
        let key = fold(word);
        return key == "according" || is_in(INDIRECT_VERBS.words, &key);
    }
    word.eq_ignore_ascii_case("according") || is_any(word, &INDIRECT_VERBS)
}

/// Verbs that report a claim only with "that" ("confirmed that …"; "confirmed the
/// deaths", "reported revenue of …" are not speech).
const THAT_VERBS: &[&str] = &["confirmed", "announced", "estimated", "reported", "noted"];

/// "PUERTO CLARO (CNA) — A powerful explosion …": the dateline is not part of a claim.
fn skip_dateline(text: &str, span: Span) -> Span {
    let s = span.slice(text);
    let Some(dash) = s.find(['—', '–']) else {
        return span;
    };
    let head = &s[..dash];
    let looks_dateline = dash > 0
        && dash <= 60
        && head.chars().any(char::is_alphabetic)
        && head
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, ' ' | '(' | ')' | ',' | '.' | '-' | '\''));
    if !looks_dateline {
        return span;
    }
    let after = dash + s[dash..].chars().next().map_or(0, char::len_utf8);
    Span::new(span.start + after, span.end)
}

/// "X said (that) …" and "…, X said." / "…, said X."
fn indirect(ctx: &Ctx, i: usize, s: Span, words: &Words) -> Option<Quote> {
    let (toks, keys) = (words.toks, &words.keys);
    let (subject, claim) = trailing_attribution(ctx.text, s, toks, keys)
        .or_else(|| leading_attribution(ctx.text, s, toks, keys))?;
    let claim = trim_claim(ctx.text, claim);
    if !has_tokens(ctx.text, claim, 3) || subject.is_empty() {
        return None;
    }
    let (speaker, speaker_text) = speaker_for(ctx, subject, subject.start);
    if speaker.is_none() && !plausible_speaker(speaker_text.as_deref()?) {
        return None;
    }
    let credited = credits_other_outlet_in(ctx, s, words);
    Some(Quote {
        span: claim,
        sentence: i as u32,
        kind: QuoteKind::Indirect,
        speaker: speaker.map(|p| p as u32),
        speaker_text: speaker_text.map(Arc::from),
        attributed_elsewhere: credited.is_some(),
        credited: credited.map(Arc::from),
    })
}

/// Index `j` such that a comma sits between token `j` and `j + 1`.
fn comma_gaps(text: &str, toks: &[crate::text::Token]) -> Vec<usize> {
    (0..toks.len().saturating_sub(1))
        .filter(|&j| {
            text.get(toks[j].span.end..toks[j + 1].span.start)
                .is_some_and(|g| g.contains(','))
        })
        .collect()
}

/// "The bridge is safe, Ruiz said." / "…, said Ruiz." / "…, Ana Ruiz, the mayor, said."
fn trailing_attribution(
    text: &str,
    s: Span,
    toks: &[crate::text::Token],
    keys: &[&str],
) -> Option<(Span, Span)> {
    let commas = comma_gaps(text, toks);
    let &last = commas.last()?;
    let tail = last + 1..toks.len();
    if tail.len() > 8 || tail.is_empty() {
        return None;
    }
    // nothing but closing punctuation after the tail
    let after = text.get(toks[toks.len() - 1].span.end..s.end).unwrap_or("");
    if after.trim().chars().count() > 1 {
        return None;
    }
    let v = tail
        .clone()
        .find(|&j| is_in(INDIRECT_VERBS.words, keys[j]))?;
    let (subject, claim_end) = if v > tail.start {
        // "…, Ruiz said" (the verb ends the sentence, or "said on Tuesday")
        (
            Span::new(toks[tail.start].span.start, toks[v - 1].span.end),
            last,
        )
    } else if v + 1 < toks.len() {
        // "…, said Ruiz"
        (phrase_until_punct(text, &toks[v + 1..]), last)
    } else if commas.len() >= 3 {
        // "…, Ana Ruiz, the mayor, said."
        let c1 = commas[commas.len() - 3];
        let c2 = commas[commas.len() - 2];
        (Span::new(toks[c1 + 1].span.start, toks[c2].span.end), c1)
    } else {
        return None;
    };
    Some((subject, Span::new(s.start, toks[claim_end].span.end)))
}

/// "Ruiz said (on Tuesday) (that) the bridge was safe." / "Officials told reporters the
/// road would reopen." The subject starts the sentence (or follows an opening phrase and
/// its comma).
fn leading_attribution(
    text: &str,
    s: Span,
    toks: &[crate::text::Token],
    keys: &[&str],
) -> Option<(Span, Span)> {
    let v = keys
        .iter()
        .take(10)
        .position(|k| is_in(INDIRECT_VERBS.words, k))?;
    if v == 0 {
        return None;
    }
    let commas = comma_gaps(text, toks);
    // "On Tuesday, police said …": an opening phrase before the subject
    let start = match commas.iter().filter(|&&c| c < v).count() {
        0 | 2 => 0,
        1 if commas[0] + 1 < v => commas[0] + 1,
        _ => return None,
    };
    // "Ruiz has told …": the auxiliary is not part of the subject
    let mut last = v - 1;
    while last > start
        && matches!(
            keys[last],
            "has" | "have" | "had" | "also" | "later" | "then"
        )
    {
        last -= 1;
    }
    let subject = Span::new(toks[start].span.start, toks[last].span.end);
    if subject.slice(text).contains(['\n', ':']) {
        return None;
    }
    let mut c = v + 1;
    if keys[v] == "told" {
        // the listener: "told reporters", "told the Valley Herald"
        while c < toks.len() && c <= v + 4 && keys[c] != "that" {
            let gap = text
                .get(toks[c].span.end..toks.get(c + 1).map_or(s.end, |t| t.span.start))
                .unwrap_or("");
            c += 1;
            let listener_done = matches!(keys[c - 1], "reporters" | "journalists")
                || !gap.chars().all(char::is_whitespace)
                || toks
                    .get(c)
                    .is_some_and(|t| !crate::text::is_capitalised(t.text(text)));
            if listener_done {
                // "told Atlético bosses he wants …": one lowercase noun may end the
                // listener when a clause starts right after it
                let clause_next = keys.get(c + 1).is_some_and(|k| {
                    matches!(
                        *k,
                        "he" | "she" | "they" | "it" | "the" | "a" | "that" | "we" | "i"
                    )
                });
                let plain_noun = toks.get(c).is_some_and(|t| {
                    !crate::text::is_capitalised(t.text(text))
                        && !is_in(INDIRECT_VERBS.words, keys[c])
                        && keys[c] != "that"
                });
                if clause_next && plain_noun {
                    c += 1;
                }
                break;
            }
        }
    }
    // "said on Tuesday that …"
    match keys.iter().skip(c).take(6).position(|k| *k == "that") {
        Some(t) => c += t + 1,
        None if is_in(THAT_VERBS, keys[v]) => return None,
        None => {}
    }
    let from = toks.get(c)?.span.start;
    Some((subject, Span::new(from, s.end)))
}

/// A non-person subject is a speaker when it is short and ends in a speaker noun
/// ("police", "the health ministry", "a spokeswoman for the council") or is a
/// capitalised name ("Reuters").
fn plausible_speaker(phrase: &str) -> bool {
    let words: Vec<String> = phrase.split_whitespace().map(fold).collect();
    if words.is_empty() || words.len() > 6 {
        return false;
    }
    let head = words
        .iter()
        .position(|w| w == "for" || w == "of")
        .map_or(words.len() - 1, |p| p.saturating_sub(1));
    let head_word = words[head].trim_matches(|c: char| !c.is_alphanumeric());
    // a capitalised name ("the Health Ministry", "Valley Fire Service"): two words or
    // more, since any single word is capitalised at the start of a sentence
    let capitalised = phrase
        .split_whitespace()
        .filter(|w| !matches!(*w, "the" | "of"))
        .collect::<Vec<_>>();
    is_in(SPEAKER_NOUNS, head_word)
        || capitalised.len() >= 2 && capitalised.iter().all(|w| crate::text::is_capitalised(w))
}

/// Does the sentence credit another outlet or agency? "told the news agency", "told
/// CNA", "according to Reuters", "reported by", "quoted by", "state media reported".
fn credits_other_outlet(ctx: &Ctx, i: usize) -> Option<String> {
    let mut buffers = KeyBuffers::default();
    credits_other_outlet_in(
        ctx,
        *ctx.sentences.get(i)?,
        &Words::of(ctx, i, &mut buffers)?,
    )
}

/// [`credits_other_outlet`] with the sentence's words already cut.
fn credits_other_outlet_in(ctx: &Ctx, s: Span, sentence: &Words) -> Option<String> {
    let (toks, keys) = (sentence.toks, &sentence.keys);
    let words: Vec<&str> = toks.iter().map(|t| t.text(ctx.text)).collect();
    let in_person = |i: usize| ctx.people.iter().any(|p| p.span.overlaps(toks[i].span));
    let as_written = |from: usize, to: usize| -> Option<String> {
        let span = Span::new(
            toks.get(from)?.span.start,
            toks.get(to.checked_sub(1)?)?.span.end,
        );
        Some(
            span.slice(ctx.text)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        )
    };
    // the words after "told"/"to"/"by"/"with", up to punctuation, when they name an outlet
    let outlet_after = |from: usize| -> Option<String> {
        let mut i = from;
        if keys.get(i).is_some_and(|k| *k == "the") {
            i += 1;
        }
        let start = i;
        let mut any_media = false;
        let mut all_caps_name = true;
        while i < toks.len() && i < start + 5 {
            let k = &keys[i];
            if in_person(i) || is_in(AUTHORITY_WORDS, k) {
                return None;
            }
            if is_in(MEDIA_WORDS, k) {
                any_media = true;
            }
            if !crate::text::is_capitalised(words[i]) {
                all_caps_name = false;
            }
            let gap = ctx
                .text
                .get(toks[i].span.end..toks.get(i + 1).map_or(s.end, |t| t.span.start))
                .unwrap_or("");
            i += 1;
            // "the news agency", "the Valley Herald": media words or capitalised words
            let continues = keys.get(i).is_some_and(|k| is_in(MEDIA_WORDS, k))
                || all_caps_name && words.get(i).is_some_and(|w| crate::text::is_capitalised(w));
            if !gap.chars().all(char::is_whitespace) || !continues {
                break;
            }
        }
        let named = i > start
            && all_caps_name
            && words[start].chars().next().is_some_and(char::is_uppercase);
        (any_media || named).then(|| as_written(from, i)).flatten()
    };
    for (i, k) in keys.iter().enumerate() {
        let next = keys.get(i + 1).copied();
        let found = match *k {
            "told" | "tells" if next != Some("reporters") => outlet_after(i + 1),
            "according" if next == Some("to") => outlet_after(i + 2),
            "reported" | "quoted" | "cited" if next == Some("by") => {
                outlet_after(i + 2).or_else(|| as_written(i, i + 2))
            }
            "interview" if next == Some("with") => outlet_after(i + 2),
            "newspaper" | "broadcaster" | "tabloid" | "editorial" => as_written(i, i + 1),
            "news" | "press" | "state" | "local" | "wire" | "official" | "foreign"
                if matches!(
                    next,
                    Some("agency" | "media" | "television" | "tv" | "radio")
                ) =>
            {
                as_written(i, i + 2)
            }
            "media"
                if matches!(
                    next,
                    Some("reported" | "reports" | "said" | "say" | "quoted")
                ) =>
            {
                as_written(i, i + 1)
            }
            // "the Post says", "NBC reported"
            // (cheap tests first: the list is long)
            w if matches!(
                next,
                Some("reported" | "reports" | "says" | "said" | "quoted")
            ) && crate::text::is_capitalised(words[i])
                && is_in(MEDIA_WORDS, w) =>
            {
                as_written(i, i + 1)
            }
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{paragraphs, sentences_in};

    #[test]
    fn reporting_words_are_according_and_the_indirect_verbs() {
        for w in INDIRECT_VERBS.words.iter().chain(&["according"]) {
            assert!(is_reporting_word(w), "{w}");
        }
        for w in ["Said", "ACCORDING", "warned", "Reported"] {
            assert!(is_reporting_word(w), "{w}");
        }
        for w in ["sad", "sail", "accords", "the", "reporter", "toldx", ""] {
            assert!(!is_reporting_word(w), "{w}");
        }
    }

    /// (quoted text, kind, speaker name or speaker text, attributed elsewhere)
    type Want<'a> = (&'a str, QuoteKind, Option<&'a str>, bool);

    fn run(text: &str) -> Vec<(String, QuoteKind, Option<String>, bool)> {
        let sentences: Vec<Span> = paragraphs(text)
            .into_iter()
            .flat_map(|p| sentences_in(text, p))
            .collect();
        let people = crate::people::recognise(text, &sentences);
        extract(text, &sentences, &people)
            .into_iter()
            .map(|q| {
                let who = q
                    .speaker
                    .map(|i| people[i as usize].full_name.to_string())
                    .or(q.speaker_text.as_deref().map(str::to_string));
                (
                    q.span.slice(text).to_string(),
                    q.kind,
                    who,
                    q.attributed_elsewhere,
                )
            })
            .collect()
    }

    fn check(cases: &[(&str, &[Want])]) {
        let mut failures = Vec::new();
        for (text, want) in cases {
            let got = run(text);
            let want: Vec<(String, QuoteKind, Option<String>, bool)> = want
                .iter()
                .map(|(q, k, s, e)| (q.to_string(), *k, s.map(str::to_string), *e))
                .collect();
            if got != want {
                failures.push(format!("{text:?}\n   got  {got:?}\n   want {want:?}"));
            }
        }
        assert!(
            failures.is_empty(),
            "{} failed:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    use QuoteKind::*;

    #[test]
    fn direct_quotes_and_their_speakers() {
        check(&[
            (
                "\"The water came in minutes,\" Ana Ruiz said.",
                &[("The water came in minutes", Direct, Some("Ana Ruiz"), false)],
            ),
            (
                "“The water came in minutes,” said Ana Ruiz, the mayor.",
                &[("The water came in minutes", Direct, Some("Ana Ruiz"), false)],
            ),
            (
                "Ana Ruiz said: \"We lost everything. Nobody warned us.\"",
                &[(
                    "We lost everything. Nobody warned us.",
                    Direct,
                    Some("Ana Ruiz"),
                    false,
                )],
            ),
            (
                "Gov. Marta Esquivel told reporters: \"Help is on the way.\"",
                &[("Help is on the way.", Direct, Some("Marta Esquivel"), false)],
            ),
            (
                "Ana Ruiz lost her shop. \"It is gone,\" she said.",
                &[("It is gone", Direct, Some("Ana Ruiz"), false)],
            ),
            (
                "\"Stay away from the river,\" police said.",
                &[("Stay away from the river", Direct, Some("police"), false)],
            ),
            (
                "\"We are checking every building,\" the mayor told reporters.",
                &[(
                    "We are checking every building",
                    Direct,
                    Some("the mayor"),
                    false,
                )],
            ),
            (
                "\"The dam held,\" Tomas Ferrer told the news agency.",
                &[("The dam held", Direct, Some("Tomas Ferrer"), true)],
            ),
            (
                "\"The dam held,\" Tomas Ferrer told CNA.",
                &[("The dam held", Direct, Some("Tomas Ferrer"), true)],
            ),
            (
                "\"It was chaos,\" Ana Ruiz said. \"People ran to the hills in the dark.\"",
                &[
                    ("It was chaos", Direct, Some("Ana Ruiz"), false),
                    (
                        "People ran to the hills in the dark.",
                        Direct,
                        Some("Ana Ruiz"),
                        false,
                    ),
                ],
            ),
            (
                "Ana Ruiz promised an inquiry and said the cargo should \"never have been stored here\".",
                &[("never have been stored here", Direct, Some("Ana Ruiz"), false)],
            ),
            (
                "Ruiz's lawyer, Tomas Ferrer, said she had \"no intention\" of resigning.",
                &[("no intention", Direct, Some("Tomas Ferrer"), false)],
            ),
            (
                "In a statement, the company insisted: \"We followed every rule.\"",
                &[("We followed every rule.", Direct, Some("the company"), false)],
            ),
            (
                "Ana Ruiz told the Valley Herald: \"We will stay.\" She left at noon.",
                &[("We will stay.", Direct, Some("Ana Ruiz"), true)],
            ),
            (
                "``We will rebuild,'' said Ana Ruiz.",
                &[("We will rebuild", Direct, Some("Ana Ruiz"), false)],
            ),
        ]);
    }

    #[test]
    fn scare_quotes_and_titles_are_not_quotes() {
        check(&[
            ("The so-called \"safe zone\" was flooded.", &[]),
            ("She starred in \"Rain Over Valdemora\" in 2004.", &[]),
            ("An unclosed \"quote runs on", &[]),
        ]);
    }

    #[test]
    fn according_to_and_indirect_speech() {
        check(&[
            (
                "According to police, the fire started in the kitchen.",
                &[(
                    "the fire started in the kitchen",
                    According,
                    Some("police"),
                    false,
                )],
            ),
            (
                "The fire started in the kitchen, according to Reuters.",
                &[(
                    "The fire started in the kitchen",
                    According,
                    Some("Reuters"),
                    true,
                )],
            ),
            (
                "The fire started in the kitchen, according to Ana Ruiz.",
                &[(
                    "The fire started in the kitchen",
                    According,
                    Some("Ana Ruiz"),
                    false,
                )],
            ),
            (
                "Ana Ruiz said that the bridge was safe.",
                &[("the bridge was safe", Indirect, Some("Ana Ruiz"), false)],
            ),
            (
                "Officials said the road would reopen on Friday.",
                &[(
                    "the road would reopen on Friday",
                    Indirect,
                    Some("Officials"),
                    false,
                )],
            ),
            (
                "The road will reopen on Friday, police said.",
                &[(
                    "The road will reopen on Friday",
                    Indirect,
                    Some("police"),
                    false,
                )],
            ),
            (
                "The road will reopen on Friday, said Ana Ruiz.",
                &[(
                    "The road will reopen on Friday",
                    Indirect,
                    Some("Ana Ruiz"),
                    false,
                )],
            ),
            (
                "Ana Ruiz told the Valley Herald that the bridge was safe.",
                &[("the bridge was safe", Indirect, Some("Ana Ruiz"), true)],
            ),
            (
                "Seven people were hurt, state media reported.",
                &[(
                    "Seven people were hurt",
                    Indirect,
                    Some("state media"),
                    true,
                )],
            ),
            ("The river said nothing to anyone.", &[]),
            (
                "VALDEMORA (CNA) — The bridge collapsed at dawn, officials said.",
                &[(
                    "The bridge collapsed at dawn",
                    Indirect,
                    Some("officials"),
                    false,
                )],
            ),
            (
                "Lindy Loman has told club bosses she wants to stay in the team.",
                &[(
                    "she wants to stay in the team",
                    Indirect,
                    Some("Lindy Loman"),
                    false,
                )],
            ),
            ("Valley Freight reported revenue of 310 million euros.", &[]),
            (
                "Officials confirmed the deaths of four workers on Monday.",
                &[],
            ),
            (
                "Officials confirmed that four workers had died.",
                &[("four workers had died", Indirect, Some("Officials"), false)],
            ),
            ("Ana Ruiz said.", &[]),
        ]);
    }

    #[test]
    fn credited_outlet_as_written() {
        for (text, want) in [
            ("\"The dam held,\" Tomas Ferrer told CNA.", Some("CNA")),
            (
                "\"The dam held,\" Tomas Ferrer told the news agency.",
                Some("the news agency"),
            ),
            (
                "The dam held, according to the Valley Herald.",
                Some("the Valley Herald"),
            ),
            (
                "Seven people died in the blast, state media said.",
                Some("state media"),
            ),
            ("\"The dam held,\" Tomas Ferrer told reporters.", None),
            ("The dam held, according to the Health Ministry.", None),
        ] {
            let sentences: Vec<Span> = paragraphs(text)
                .into_iter()
                .flat_map(|p| sentences_in(text, p))
                .collect();
            let people = crate::people::recognise(text, &sentences);
            let quotes = extract(text, &sentences, &people);
            let got = quotes.first().and_then(|q| q.credited.clone());
            assert_eq!(got.as_deref(), want, "{text}");
            assert!(quotes
                .iter()
                .all(|q| q.attributed_elsewhere == q.credited.is_some()));
        }
    }

    /// Each rule of [`credits_other_outlet_in`], in a sentence of its own: the outlet as
    /// written, and nothing for a sentence that names none.
    #[test]
    fn every_credit_rule_names_the_outlet() {
        for (text, want) in [
            ("The dam held, Ferrer told Reuters.", "Reuters"),
            ("The dam held, Ferrer tells the Globe.", "the Globe"),
            ("The dam held, according to the AFP.", "the AFP"),
            ("The engineer was quoted by the Herald.", "the Herald"),
            ("The engineer was cited by the Tribune.", "the Tribune"),
            ("The dam was reported by the Mail.", "the Mail"),
            (
                "Ferrer said so in an interview with the Courier.",
                "the Courier",
            ),
            ("The dam held, the newspaper added.", "newspaper"),
            ("The dam held, the broadcaster added.", "broadcaster"),
            ("The dam held, a tabloid added.", "tabloid"),
            ("Ferrer wrote in an editorial.", "editorial"),
            ("The dam held, local radio added.", "local radio"),
            ("The dam held, wire agency staff added.", "wire agency"),
            ("The dam held, official media added.", "official media"),
            (
                "The dam held, foreign television added.",
                "foreign television",
            ),
            ("The dam held, the press agency added.", "press agency"),
            ("The dam held, news agency staff added.", "news agency"),
            ("The dam held, media reported.", "media"),
            ("The dam held, the Post says.", "Post"),
            ("The dam held, the TIMES reported.", "TIMES"),
            ("The dam held, the engineer said.", ""),
        ] {
            let sentences = vec![Span::new(0, text.len())];
            let tokens = vec![tokens_in(text, sentences[0])];
            let ctx = Ctx {
                text,
                sentences: &sentences,
                tokens: &tokens,
                people: &[],
                para_start: vec![0],
                marks: SentenceMarks::of(text, &sentences),
            };
            let mut buffers = KeyBuffers::default();
            let words = Words::of(&ctx, 0, &mut buffers).unwrap();
            let got = credits_other_outlet_in(&ctx, sentences[0], &words);
            assert_eq!(got.as_deref(), (!want.is_empty()).then_some(want), "{text}");
            assert_eq!(credits_other_outlet(&ctx, 0), got, "{text}");
        }
    }

    #[test]
    fn reporting_words_fold_like_the_keys() {
        // every verb is short enough for the lexicon's filter (which tests words under 16
        // bytes by their letters and longer ones one by one)
        assert!(INDIRECT_VERBS
            .words
            .iter()
            .all(|v| (4..=9).contains(&v.len())));
        for w in ["said", "Said", "SAID", "According", "reported", "Saïd"] {
            let key = fold(w);
            let want = key == "according" || is_in(INDIRECT_VERBS.words, &key);
            assert_eq!(is_reporting_word(w), want, "{w}");
        }
        assert!(!is_reporting_word("sad"));
        assert!(!is_reporting_word("accordingly"));
    }

    #[test]
    fn no_panic_on_odd_text() {
        for text in [
            "\"",
            "“”",
            "``''",
            "\"a\" \"",
            "said",
            "according to",
            ", said ,",
            "” said Ruiz “",
        ] {
            let _ = run(text);
        }
    }
}
