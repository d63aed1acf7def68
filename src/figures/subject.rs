//! What a figure is about: the subject key (tests/gold/README.md "Subjects"), the
//! baseline, the direction of a change and whether it is an update.
//!
//! Dependency-free: the figure's clause is read as words around it. The counted noun is
//! the first few words after the number; the predicate is the nearest lexicon word on
//! either side (passive "30 people were killed", active "killing 30", noun "the death toll
//! rose to 30", "30 deaths"). People classes keep a qualifier only for specific groups.

use super::quantity::QKind;
use super::tokens::{is_any, Kind, Tok};
use super::units::Dim;
use super::Direction;
use crate::text::fold;

/// What kind of figure the subject is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum For {
    Quantity(QKind),
    Date,
    Time,
}

/// The subject and frame of one figure.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Frame {
    pub subject: String,
    pub baseline: Option<String>,
    pub direction: Option<Direction>,
    pub update: bool,
}

/// Token range of the figure inside its sentence's tokens.
#[derive(Clone, Copy, Debug)]
pub struct At {
    pub first: usize,
    /// Token after the figure's number and unit (where the counted noun starts).
    pub head_end: usize,
    pub end: usize,
    pub hyphenated: bool,
}

const WINDOW: usize = 10;

/// People classes: (word, class).
const PEOPLE: &[(&str, &str)] = &[
    ("killed", "killed"),
    ("killing", "killed"),
    ("kill", "killed"),
    ("kills", "killed"),
    ("dead", "killed"),
    ("died", "killed"),
    ("die", "killed"),
    ("dies", "killed"),
    ("dying", "killed"),
    ("deaths", "killed"),
    ("death", "killed"),
    ("deaths", "killed"),
    ("fatalities", "killed"),
    ("fatality", "killed"),
    ("perished", "killed"),
    ("slain", "killed"),
    ("murdered", "killed"),
    ("drowned", "killed"),
    ("lives", "killed"),
    ("bodies", "killed"),
    ("toll", "killed"),
    ("injured", "injured"),
    ("injuring", "injured"),
    ("injuries", "injured"),
    ("injury", "injured"),
    ("hurt", "injured"),
    ("wounded", "injured"),
    ("wounding", "injured"),
    ("missing", "missing"),
    ("unaccounted", "missing"),
    ("hospitalised", "hospitalised"),
    ("hospitalized", "hospitalised"),
    ("hospitalisation", "hospitalised"),
    ("hospitalization", "hospitalised"),
    ("hospital", "hospitalised"),
    ("rescued", "rescued"),
    ("rescuing", "rescued"),
    ("evacuated", "evacuated"),
    ("evacuating", "evacuated"),
    ("evacuees", "evacuated"),
    ("evacuation", "evacuated"),
    ("displaced", "evacuated"),
    ("displacing", "evacuated"),
    ("fled", "evacuated"),
    ("homeless", "evacuated"),
    ("arrested", "arrested"),
    ("arresting", "arrested"),
    ("arrests", "arrested"),
    ("detained", "arrested"),
    ("detaining", "arrested"),
    ("detentions", "arrested"),
    ("custody", "arrested"),
    ("apprehended", "arrested"),
    ("charged", "charged"),
    ("charging", "charged"),
    ("indicted", "charged"),
];

/// Predicates over things: (word, class).
const THINGS: &[(&str, &str)] = &[
    ("destroyed", "destroyed"),
    ("destroying", "destroyed"),
    ("damaged", "damaged"),
    ("damaging", "damaged"),
    ("deployed", "deployed"),
    ("deploying", "deployed"),
    ("dispatched", "deployed"),
    ("affected", "affected"),
    ("affecting", "affected"),
    ("seized", "seized"),
    ("seizing", "seized"),
    ("confiscated", "seized"),
    ("sold", "sold"),
    ("selling", "sold"),
    ("closed", "closed"),
    ("cancelled", "cancelled"),
    ("canceled", "cancelled"),
    ("delayed", "delayed"),
    ("flooded", "flooded"),
    ("burned", "burned"),
    ("burnt", "burned"),
    ("collapsed", "collapsed"),
    ("grounded", "grounded"),
    ("stranded", "stranded"),
    ("trapped", "trapped"),
    ("infected", "infected"),
    ("evacuated", "evacuated"),
    ("laid", "laid off"),
    ("fired", "fired"),
    ("sacked", "fired"),
    ("hired", "hired"),
    ("suspended", "suspended"),
    ("recovered", "recovered"),
    ("confirmed", "confirmed"),
    ("reported", "reported"),
    ("registered", "registered"),
    ("received", "received"),
    ("donated", "donated"),
    ("built", "built"),
    ("lost", "lost"),
    ("cut", "cut"),
    ("without", "without"),
];

/// Generic people nouns: no qualifier.
const GENERIC_PEOPLE: &[&str] = &[
    "people",
    "person",
    "persons",
    "victims",
    "victim",
    "residents",
    "resident",
    "individuals",
    "individual",
    "others",
    "other",
    "more",
    "them",
    "total",
];

/// Words that end a counted-noun run.
const STOP: &[&str] = &[
    "the",
    "a",
    "an",
    "and",
    "or",
    "but",
    "were",
    "was",
    "is",
    "are",
    "be",
    "been",
    "being",
    "have",
    "has",
    "had",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "can",
    "in",
    "on",
    "at",
    "of",
    "to",
    "for",
    "from",
    "by",
    "with",
    "as",
    "after",
    "before",
    "during",
    "since",
    "who",
    "whom",
    "whose",
    "which",
    "that",
    "this",
    "these",
    "those",
    "it",
    "its",
    "their",
    "his",
    "her",
    "per",
    "than",
    "when",
    "while",
    "where",
    "said",
    "says",
    "including",
    "according",
    "each",
    "also",
    "all",
    "both",
    "into",
    "across",
    "inside",
    "near",
    "over",
    "under",
    "about",
    "around",
    "cast",
    "last",
    "this",
    "ago",
    "earlier",
    "later",
    "so",
    "far",
    "now",
    "then",
    "there",
    "here",
    "not",
    "no",
    "yet",
    "still",
    "just",
    "only",
    "up",
    "down",
    "out",
    "off",
    "away",
    "more",
    "less",
    "fewer",
    "higher",
    "lower",
    "against",
    "does",
    "do",
    "did",
    "already",
    "again",
    "too",
    "very",
    "even",
    "ever",
    "never",
    "always",
    "almost",
    "nearly",
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
    "if",
    "because",
    "like",
    "such",
];

/// Auxiliaries and adverbs skipped between a noun and its predicate.
const SKIP: &[&str] = &[
    "were",
    "was",
    "have",
    "has",
    "had",
    "been",
    "are",
    "is",
    "be",
    "being",
    "reportedly",
    "also",
    "all",
    "later",
    "allegedly",
    "initially",
    "still",
    "now",
    "seriously",
    "critically",
    "slightly",
    "badly",
    "fatally",
    "severely",
    "either",
    "who",
    "that",
    "reported",
    "believed",
    "feared",
    "confirmed",
    "left",
    "remain",
    "remained",
    "remains",
    "are",
    "being",
    "officially",
    "thought",
];

const MONEY_NOUNS: &[(&str, &str)] = &[
    ("cost", "cost"),
    ("costs", "cost"),
    ("costing", "cost"),
    ("damage", "damage"),
    ("damages", "damage"),
    ("fine", "fine"),
    ("fined", "fine"),
    ("fines", "fine"),
    ("penalty", "fine"),
    ("budget", "budget"),
    ("aid", "aid"),
    ("loss", "losses"),
    ("losses", "losses"),
    ("lost", "losses"),
    ("reward", "reward"),
    ("bail", "bail"),
    ("bond", "bail"),
    ("price", "price"),
    ("prices", "price"),
    ("priced", "price"),
    ("revenue", "revenue"),
    ("revenues", "revenue"),
    ("compensation", "compensation"),
    ("profit", "profit"),
    ("profits", "profit"),
    ("sales", "sales"),
    ("salary", "salary"),
    ("wage", "wage"),
    ("wages", "wage"),
    ("funding", "funding"),
    ("funds", "funding"),
    ("fund", "funding"),
    ("investment", "investment"),
    ("invested", "investment"),
    ("debt", "debt"),
    ("debts", "debt"),
    ("ransom", "ransom"),
    ("settlement", "settlement"),
    ("worth", "value"),
    ("valued", "value"),
    ("value", "value"),
    ("spent", "spending"),
    ("spending", "spending"),
    ("donated", "donations"),
    ("donations", "donations"),
    ("raised", "funding"),
    ("paid", "payment"),
    ("payment", "payment"),
    ("payments", "payment"),
    ("deal", "deal"),
    ("contract", "contract"),
    ("tax", "tax"),
    ("taxes", "tax"),
    ("bonus", "bonus"),
    ("bill", "bill"),
    ("stolen", "stolen"),
    ("fraud", "fraud"),
    ("bribes", "bribes"),
    ("grant", "grant"),
    ("loan", "loan"),
    ("package", "package"),
    ("repairs", "repairs"),
    ("fee", "fee"),
    ("fees", "fee"),
    ("rent", "rent"),
    ("income", "income"),
    ("earnings", "earnings"),
    ("bid", "bid"),
    ("offer", "offer"),
];

const RISE: &[&str] = &[
    "rose",
    "risen",
    "rise",
    "rises",
    "rising",
    "increase",
    "increased",
    "increases",
    "up",
    "jumped",
    "jump",
    "jumps",
    "climbed",
    "climb",
    "grew",
    "growth",
    "gain",
    "gains",
    "gained",
    "surged",
    "surge",
    "soared",
    "higher",
    "more",
    "boost",
    "boosted",
    "spike",
    "spiked",
];
const FALL: &[&str] = &[
    "fell",
    "fallen",
    "fall",
    "falls",
    "drop",
    "dropped",
    "drops",
    "decline",
    "declined",
    "declines",
    "down",
    "decrease",
    "decreased",
    "plunged",
    "plunge",
    "slumped",
    "slump",
    "lower",
    "less",
    "shrank",
    "shrunk",
    "cut",
    "cuts",
    "slid",
    "slipped",
    "dip",
    "dipped",
    "tumbled",
    "fewer",
    "reduction",
    "reduced",
];

const UPDATE_VERBS: &[&str] = &[
    "rose",
    "risen",
    "rising",
    "rises",
    "climbed",
    "climbing",
    "climbs",
    "raised",
    "raising",
    "raises",
    "increased",
    "increasing",
    "jumped",
    "widened",
    "revised",
    "updated",
    "grew",
    "grown",
    "swelled",
    "soared",
    "surged",
    "lifted",
    "upped",
    "bringing",
    "brought",
    "reached",
    "mounted",
    "doubled",
    "hit",
];

const EVENT_WORDS: &[&str] = &[
    "exploded",
    "explosion",
    "explosions",
    "blast",
    "blew",
    "collapsed",
    "collapse",
    "struck",
    "strikes",
    "hit",
    "hits",
    "happened",
    "occurred",
    "occurs",
    "erupted",
    "eruption",
    "crashed",
    "crash",
    "caught",
    "broke",
    "held",
    "voted",
    "vote",
    "shooting",
    "shot",
    "opened",
    "attacked",
    "attack",
    "attacks",
    "killed",
    "killing",
    "died",
    "quake",
    "earthquake",
    "tremor",
    "stabbed",
    "stabbing",
    "derailed",
    "derailment",
    "sank",
    "capsized",
    "burst",
    "flooded",
    "fire",
    "fired",
    "bombing",
    "bombed",
    "raid",
    "raided",
    "rocked",
    "shook",
    "ignited",
    "landed",
    "hijacked",
    "murdered",
    "took",
    "began",
    "started",
    "erupting",
    "exploding",
    "collapsing",
    "striking",
    "crashing",
];

/// Words that close the clause a subject is looked for in.
fn is_clause_break(text: &str, t: &Tok) -> bool {
    match t.kind {
        Kind::Punct => matches!(
            t.text(text),
            ";" | ":" | "(" | ")" | "—" | "\"" | "“" | "”" | "[" | "]"
        ),
        Kind::Word => is_any(
            t.text(text),
            &["but", "while", "whereas", "although", "though"],
        ),
        _ => false,
    }
}

fn lookup(list: &[(&str, &'static str)], w: &str) -> Option<&'static str> {
    list.iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(w))
        .map(|&(_, v)| v)
}

fn word<'a>(text: &'a str, toks: &[Tok], i: usize) -> &'a str {
    toks.get(i)
        .filter(|t| t.kind == Kind::Word)
        .map(|t| t.text(text))
        .unwrap_or("")
}

/// Clause bounds around the figure: `[lo, hi)` token indices.
fn clause(text: &str, toks: &[Tok], at: At) -> (usize, usize) {
    let mut lo = at.first;
    while lo > 0 && at.first - lo < WINDOW + 4 && !is_clause_break(text, &toks[lo - 1]) {
        lo -= 1;
    }
    let mut hi = at.end;
    while hi < toks.len() && hi - at.end < WINDOW + 4 && !is_clause_break(text, &toks[hi]) {
        hi += 1;
    }
    (lo, hi)
}

/// The counted noun after the number: (first, end, head index). "30 people", "7 young
/// children", "three of the victims".
fn noun_run(text: &str, toks: &[Tok], start: usize, hi: usize) -> (usize, usize, Option<usize>) {
    let mut j = start;
    // "three of the victims"
    if word(text, toks, j).eq_ignore_ascii_case("of")
        && is_any(
            word(text, toks, j + 1),
            &["the", "its", "their", "those", "them"],
        )
    {
        if word(text, toks, j + 1).eq_ignore_ascii_case("them") {
            return (j, j + 2, None);
        }
        j += 2;
    }
    let first = j;
    let mut head = None;
    while j < hi && j < first + 3 {
        let t = &toks[j];
        if t.kind != Kind::Word {
            // "five-storey" hyphen joins
            if t.kind == Kind::Punct && matches!(t.text(text), "-" | "‑") && !t.space_before {
                j += 1;
                continue;
            }
            break;
        }
        let w = t.text(text);
        // initials and dotted abbreviations: "U.S. viewers"
        if toks
            .get(j + 1)
            .is_some_and(|d| d.text(text) == "." && !d.space_before)
            && w.chars().count() <= 2
            && w.chars().all(|c| c.is_uppercase())
        {
            j += 2;
            continue;
        }
        // a participle or adverb before the noun: "30 armed men"
        if head.is_none()
            && (w.ends_with("ed") || w.ends_with("ly"))
            && w.len() > 4
            && lookup(PEOPLE, w).is_none()
            && lookup(THINGS, w).is_none()
        {
            j += 1;
            continue;
        }
        // a hyphenated modifier ("court-mandated stay", "five-storey building")
        if toks.get(j + 1).is_some_and(|h| {
            h.kind == Kind::Punct && matches!(h.text(text), "-" | "‑") && !h.space_before
        }) && toks
            .get(j + 2)
            .is_some_and(|n| n.kind == Kind::Word && !n.space_before)
        {
            j += 3;
            continue;
        }
        if (is_any(w, STOP) || is_any(w, SKIP))
            && !(head.is_none() && is_any(w, &["more", "other"]))
        {
            break;
        }
        if lookup(PEOPLE, w).is_some() || (lookup(THINGS, w).is_some() && head.is_some()) {
            break;
        }
        if head.is_some() && (w.ends_with("ed") || w.ends_with("ing")) && w.len() > 4 {
            break;
        }
        if head.is_some() && w.chars().next().is_some_and(|c| c.is_uppercase()) {
            break;
        }
        head = Some(j);
        j += 1;
    }
    (first, j, head)
}

/// Nearest predicate in the clause: (class, is_people, distance).
fn nearest_predicate(
    text: &str,
    toks: &[Tok],
    at: At,
    run_end: usize,
    lo: usize,
    hi: usize,
) -> Option<(&'static str, bool)> {
    let mut best: Option<(&'static str, bool, usize)> = None;
    let mut consider = |class: &'static str, people: bool, dist: usize| {
        if best.map_or(true, |b| dist < b.2) {
            best = Some((class, people, dist));
        }
    };
    // right: after the noun run
    for (d, k) in (run_end..hi.min(run_end + WINDOW)).enumerate() {
        let w = word(text, toks, k);
        if let Some(c) = people_word(text, toks, k) {
            consider(c, true, d);
            break;
        }
        if let Some(c) = lookup(THINGS, w) {
            if c != "laid" || word(text, toks, k + 1).eq_ignore_ascii_case("off") {
                consider(c, false, d);
                break;
            }
        }
    }
    // left: before the figure
    for (d, k) in (lo.max(at.first.saturating_sub(WINDOW))..at.first)
        .rev()
        .enumerate()
    {
        let w = word(text, toks, k);
        if let Some(c) = people_word(text, toks, k) {
            consider(c, true, d);
            break;
        }
        if let Some(c) = lookup(THINGS, w) {
            consider(c, false, d);
            break;
        }
    }
    best.map(|(c, p, _)| (c, p))
}

/// A people-class word at `k`; "hospital" only after "in"/"to"/"the".
fn people_word(text: &str, toks: &[Tok], k: usize) -> Option<&'static str> {
    let w = word(text, toks, k);
    let c = lookup(PEOPLE, w)?;
    if w.eq_ignore_ascii_case("hospital") {
        let prev = k.checked_sub(1).map(|p| word(text, toks, p)).unwrap_or("");
        if !is_any(prev, &["in", "to", "the"]) {
            return None;
        }
    }
    if w.eq_ignore_ascii_case("death") && !word(text, toks, k + 1).eq_ignore_ascii_case("toll") {
        return None;
    }
    Some(c)
}

/// The plural form of a counted noun, folded: "child" → "children".
pub fn plural(noun: &str) -> String {
    let n = fold(noun);
    let irregular = [
        ("child", "children"),
        ("person", "people"),
        ("man", "men"),
        ("woman", "women"),
        ("foot", "feet"),
    ];
    if let Some((_, p)) = irregular.iter().find(|(s, _)| *s == n) {
        return p.to_string();
    }
    if irregular.iter().any(|(_, p)| *p == n) || n.ends_with("ren") {
        return n;
    }
    if n.ends_with("man") {
        return format!("{}men", &n[..n.len() - 3]);
    }
    if n.ends_with('s') || n.ends_with("people") || n.ends_with("men") || n == "police" {
        return n;
    }
    if n.ends_with('y') && n.len() > 2 && !n[..n.len() - 1].ends_with(['a', 'e', 'o', 'u']) {
        return format!("{}ies", &n[..n.len() - 1]);
    }
    if n.ends_with("ch") || n.ends_with("sh") || n.ends_with('x') {
        return format!("{n}es");
    }
    format!("{n}s")
}

/// Build the frame of a figure.
pub fn frame(text: &str, toks: &[Tok], at: At, kind: For, age_name: Option<&str>) -> Frame {
    let (lo, hi) = clause(text, toks, at);
    let mut f = Frame {
        update: is_update(text, toks, at, lo),
        baseline: baseline(text, toks, at, lo, hi),
        ..Frame::default()
    };
    f.subject = match kind {
        For::Date => date_subject(text, toks, at, lo, hi, "date"),
        For::Time => date_subject(text, toks, at, lo, hi, "time"),
        For::Quantity(QKind::Age) => match age_name {
            Some(n) => format!("age: {}", fold(n)),
            None => "age".to_string(),
        },
        For::Quantity(QKind::Magnitude) => "magnitude".to_string(),
        For::Quantity(QKind::Count) => count_subject(text, toks, at, lo, hi),
        For::Quantity(QKind::Fraction) => {
            share_subject(text, toks, at.head_end, hi).unwrap_or_else(|| "share".to_string())
        }
        For::Quantity(QKind::Measure(Dim::Percent)) => {
            let (s, d) = percent_subject(text, toks, at, lo, hi);
            f.direction = d;
            s
        }
        For::Quantity(QKind::Measure(Dim::Money)) => money_subject(text, toks, at, lo, hi),
        For::Quantity(QKind::Measure(dim)) => measure_subject(text, toks, at, lo, hi, dim),
    };
    f
}

fn count_subject(text: &str, toks: &[Tok], at: At, lo: usize, hi: usize) -> String {
    let (_, run_end, head) = noun_run(text, toks, at.head_end, hi);
    let head_word = head.map(|h| word(text, toks, h)).unwrap_or("");
    // the noun itself may name the class: "30 deaths", "12 arrests", "200 evacuees"
    if let Some(c) = head.and_then(|h| people_word(text, toks, h)) {
        return c.to_string();
    }
    let generic = head_word.is_empty() || is_any(head_word, GENERIC_PEOPLE);
    match nearest_predicate(text, toks, at, run_end, lo, hi) {
        Some((class, _)) if generic => class.to_string(),
        Some((class, _)) => format!("{class}: {}", plural(head_word)),
        None if !head_word.is_empty() => plural(head_word),
        None => "count".to_string(),
    }
}

/// "40% of the vote" → "vote share".
fn share_subject(text: &str, toks: &[Tok], start: usize, hi: usize) -> Option<String> {
    if !word(text, toks, start).eq_ignore_ascii_case("of") {
        return None;
    }
    let mut j = start + 1;
    if is_any(
        word(text, toks, j),
        &["the", "its", "their", "all", "a", "his", "her", "our"],
    ) {
        j += 1;
    }
    let (_, _, head) = noun_run(text, toks, j, hi);
    head.map(|h| format!("{} share", fold(word(text, toks, h))))
}

fn direction_at(text: &str, toks: &[Tok], k: usize) -> Option<Direction> {
    let w = word(text, toks, k);
    if is_any(w, RISE) {
        Some(Direction::Rise)
    } else if is_any(w, FALL) {
        Some(Direction::Fall)
    } else {
        None
    }
}

fn percent_subject(
    text: &str,
    toks: &[Tok],
    at: At,
    lo: usize,
    hi: usize,
) -> (String, Option<Direction>) {
    if let Some(s) = share_subject(text, toks, at.end, hi) {
        return (s, None);
    }
    // "a 7% fall in exports"
    if let Some(d) = direction_at(text, toks, at.end) {
        if word(text, toks, at.end + 1).eq_ignore_ascii_case("in") {
            let (_, _, head) = noun_run(text, toks, at.end + 2, hi);
            if let Some(h) = head {
                return (format!("{} change", fold(word(text, toks, h))), Some(d));
            }
        }
        if !is_any(word(text, toks, at.end), &["more", "less", "fewer"]) {
            return ("change".to_string(), Some(d));
        }
    }
    // "exports fell 7%", "sales were up by 7%"
    let from = lo.max(at.first.saturating_sub(4));
    for k in (from..at.first).rev() {
        if let Some(d) = direction_at(text, toks, k) {
            if is_any(word(text, toks, k), &["more", "less", "fewer", "cut"]) {
                continue;
            }
            let mut n = k;
            while n > lo && is_any(word(text, toks, n - 1), SKIP) {
                n -= 1;
            }
            let noun = n
                .checked_sub(1)
                .filter(|&p| p >= lo)
                .map(|p| word(text, toks, p))
                .filter(|w| !w.is_empty() && !is_any(w, STOP));
            return match noun {
                Some(w) => (format!("{} change", fold(w)), Some(d)),
                None => ("change".to_string(), Some(d)),
            };
        }
    }
    // a rate named nearby: "turnout of 64%", "the unemployment rate rose to 5%"
    for k in (lo..at.first).rev().chain(at.end..hi) {
        let w = word(text, toks, k);
        if is_any(w, &["rate", "rating", "ratings"]) {
            let prev = k.checked_sub(1).map(|p| word(text, toks, p)).unwrap_or("");
            if !prev.is_empty() && !is_any(prev, STOP) {
                return (format!("{} rate", fold(prev)), None);
            }
            return ("rate".to_string(), None);
        }
        if is_any(
            w,
            &[
                "turnout",
                "inflation",
                "unemployment",
                "approval",
                "support",
                "occupancy",
                "stake",
                "share",
                "majority",
                "interest",
                "tariff",
                "tariffs",
                "vat",
                "discount",
                "yield",
                "margin",
            ],
        ) {
            return (fold(w), None);
        }
    }
    // "a 40% stake" — the noun after
    let (_, _, head) = noun_run(text, toks, at.end, hi);
    match head {
        Some(h) => (fold(word(text, toks, h)), None),
        None => ("percent".to_string(), None),
    }
}

fn money_subject(text: &str, toks: &[Tok], at: At, lo: usize, hi: usize) -> String {
    // right after: "$500 fine", "$2m in damage", "$2m worth of damage", "$4bn of aid"
    let mut k = at.end;
    let mut steps = 0;
    while k < hi && steps < 4 {
        let w = word(text, toks, k);
        if let Some(c) = lookup(MONEY_NOUNS, w) {
            if c != "value" || !word(text, toks, k + 1).eq_ignore_ascii_case("of") {
                return c.to_string();
            }
        }
        if !is_any(
            w,
            &[
                "in",
                "of",
                "worth",
                "a",
                "the",
                "total",
                "estimated",
                "annual",
                "-",
                "settlement",
            ],
        ) && toks[k].kind == Kind::Word
            && steps > 0
        {
            break;
        }
        k += 1;
        steps += 1;
    }
    // left: "fined $500", "a fine of $500", "cost $4.6bn", "bail was set at $5,000"
    for k in (lo.max(at.first.saturating_sub(WINDOW))..at.first).rev() {
        if let Some(c) = lookup(MONEY_NOUNS, word(text, toks, k)) {
            return c.to_string();
        }
    }
    for k in at.end..hi {
        if let Some(c) = lookup(MONEY_NOUNS, word(text, toks, k)) {
            return c.to_string();
        }
    }
    let (_, _, head) = noun_run(text, toks, at.end, hi);
    match head {
        Some(h) => fold(word(text, toks, h)),
        None => "amount".to_string(),
    }
}

fn of_noun(text: &str, toks: &[Tok], at: At, hi: usize) -> Option<String> {
    let mut j = at.end;
    if !word(text, toks, j).eq_ignore_ascii_case("of") {
        return None;
    }
    j += 1;
    if is_any(word(text, toks, j), &["the", "a", "an", "its", "their"]) {
        j += 1;
    }
    let (_, _, head) = noun_run(text, toks, j, hi);
    head.map(|h| fold(word(text, toks, h)))
}

fn measure_subject(text: &str, toks: &[Tok], at: At, lo: usize, hi: usize, dim: Dim) -> String {
    let near = |list: &[&str]| {
        (lo.max(at.first.saturating_sub(6))..(at.end + 4).min(hi))
            .any(|k| is_any(word(text, toks, k), list))
    };
    let hyph_noun = || {
        if at.hyphenated {
            let (_, _, head) = noun_run(text, toks, at.end, hi);
            head.map(|h| fold(word(text, toks, h)))
        } else {
            None
        }
    };
    match dim {
        Dim::Length => {
            if near(&["depth", "deep", "below", "underground", "beneath"]) {
                "depth".into()
            } else if near(&["cordon", "perimeter", "exclusion"]) {
                "cordon radius".into()
            } else if near(&["radius"]) {
                "radius".into()
            } else if near(&["high", "tall", "height", "altitude"]) {
                "height".into()
            } else if near(&["long", "length", "stretch"]) {
                "length".into()
            } else if near(&["wide", "width"]) {
                "width".into()
            } else {
                "distance".into()
            }
        }
        Dim::Duration => {
            if let Some(n) = hyph_noun() {
                return format!("duration: {n}");
            }
            if near(&[
                "sentenced",
                "sentence",
                "jailed",
                "prison",
                "jail",
                "imprisonment",
            ]) {
                return "duration: sentence".into();
            }
            // "the call lasted 15 minutes"
            for k in (lo..at.first).rev() {
                if is_any(
                    word(text, toks, k),
                    &["lasted", "lasting", "took", "lasts", "last"],
                ) {
                    let mut n = k;
                    while n > lo && is_any(word(text, toks, n - 1), SKIP) {
                        n -= 1;
                    }
                    if let Some(w) = n
                        .checked_sub(1)
                        .filter(|&p| p >= lo)
                        .map(|p| word(text, toks, p))
                        .filter(|w| !w.is_empty() && !is_any(w, STOP))
                    {
                        return format!("duration: {}", fold(w));
                    }
                }
            }
            "duration".into()
        }
        Dim::Speed => "speed".into(),
        Dim::Weight | Dim::Volume | Dim::Area => {
            let class = match dim {
                Dim::Weight => "weight",
                Dim::Volume => "volume",
                _ => "area",
            };
            match of_noun(text, toks, at, hi).or_else(hyph_noun) {
                Some(n) => format!("{class}: {n}"),
                None => class.into(),
            }
        }
        Dim::Percent | Dim::Money => "amount".into(),
    }
}

fn date_subject(text: &str, toks: &[Tok], at: At, lo: usize, hi: usize, class: &str) -> String {
    let event = (lo..hi)
        .filter(|&k| k < at.first || k >= at.end)
        .any(|k| is_any(word(text, toks, k), EVENT_WORDS));
    if event {
        return format!("event {class}");
    }
    // "the hearing on Friday": the noun before the preposition
    let mut k = at.first;
    if k > lo
        && is_any(
            word(text, toks, k - 1),
            &[
                "on", "at", "in", "for", "by", "until", "since", "from", "of",
            ],
        )
    {
        k -= 1;
    }
    if k > lo {
        let w = word(text, toks, k - 1);
        if !w.is_empty() && !is_any(w, STOP) && !is_any(w, SKIP) {
            return format!("{class}: {}", fold(w));
        }
    }
    // else the nearest verb-ish word to the left, then to the right
    for j in (lo..at.first).rev().chain(at.end..hi) {
        let w = word(text, toks, j);
        if w.len() > 3
            && !is_any(w, STOP)
            && !is_any(w, SKIP)
            && w.chars().next().is_some_and(|c| c.is_lowercase())
        {
            return format!("{class}: {}", fold(w));
        }
    }
    class.to_string()
}

/// "raised the toll to 9", "has risen to 30": a "to" before the figure with an update verb
/// shortly before it.
fn is_update(text: &str, toks: &[Tok], at: At, lo: usize) -> bool {
    if at.first == 0 || !word(text, toks, at.first - 1).eq_ignore_ascii_case("to") {
        return false;
    }
    let from = lo.max(at.first.saturating_sub(7));
    (from..at.first - 1).any(|k| is_any(word(text, toks, k), UPDATE_VERBS))
}

/// Baseline phrases in the clause: "compared with last year", "than a year earlier",
/// "year on year", "since January", "from a year earlier".
fn baseline(text: &str, toks: &[Tok], at: At, lo: usize, hi: usize) -> Option<String> {
    let span_of = |a: usize, b: usize| -> Option<String> {
        let s = toks.get(a)?.start;
        let e = toks.get(b.checked_sub(1)?)?.end;
        text.get(s..e).map(|x| x.to_string())
    };
    let phrase_end = |from: usize, max: usize| {
        let mut e = from;
        while e < hi && e < from + max && toks[e].kind != Kind::Punct {
            e += 1;
        }
        e
    };
    for k in at.end..hi {
        let w = word(text, toks, k);
        let next = word(text, toks, k + 1);
        if is_any(w, &["compared", "comparison"]) && is_any(next, &["with", "to"]) {
            return span_of(k, phrase_end(k + 2, 6));
        }
        if w.eq_ignore_ascii_case("than") && is_any(next, &["last", "a", "the", "in"]) {
            return span_of(k, phrase_end(k + 1, 5));
        }
        if is_any(w, &["year", "quarter", "month", "week"])
            && is_any(next, &["on", "over"])
            && is_any(
                word(text, toks, k + 2),
                &["year", "quarter", "month", "week"],
            )
        {
            return span_of(k, k + 3);
        }
        if w.eq_ignore_ascii_case("since") && !next.is_empty() {
            return span_of(k, phrase_end(k + 1, 5));
        }
        if w.eq_ignore_ascii_case("from")
            && is_any(next, &["a", "the", "last"])
            && (is_any(
                word(text, toks, k + 2),
                &["year", "month", "quarter", "week"],
            ) || is_any(word(text, toks, k + 3), &["earlier", "ago", "before"]))
        {
            return span_of(k, phrase_end(k + 1, 5));
        }
        if is_any(w, &["a", "one"])
            && is_any(next, &["year", "month", "quarter", "week"])
            && is_any(word(text, toks, k + 2), &["earlier", "ago", "before"])
        {
            return span_of(k, k + 3);
        }
    }
    // hyphenated "year-on-year"
    for k in at.end..hi.min(at.end + 6) {
        if word(text, toks, k).eq_ignore_ascii_case("year")
            && toks.get(k + 1).is_some_and(|t| t.text(text) == "-")
            && is_any(word(text, toks, k + 2), &["on", "over"])
        {
            return span_of(k, k + 5);
        }
    }
    // "Since January, …" before the figure
    for k in lo..at.first {
        if word(text, toks, k).eq_ignore_ascii_case("since") {
            return span_of(k, phrase_end(k + 1, 4).min(at.first));
        }
        if is_any(word(text, toks, k), &["compared"])
            && is_any(word(text, toks, k + 1), &["with", "to"])
        {
            return span_of(k, phrase_end(k + 2, 6).min(at.first));
        }
    }
    None
}
