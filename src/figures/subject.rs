//! What a figure is about: the subject key (tests/gold/README.md "Subjects"), the
//! baseline, the direction of a change and whether it is an update.
//!
//! Dependency-free: the figure's clause is read as words around it. The counted noun is
//! the first few words after the number; the predicate is the nearest lexicon word on
//! either side (passive "30 people were killed", active "killing 30", noun "the death toll
//! rose to 30", "30 deaths"). People classes keep a qualifier only for specific groups.

use super::quantity::QKind;
use super::tokens::{is_any, Kind, Lexicon, PairLexicon, Tok};
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
const PEOPLE: PairLexicon = PairLexicon::new(&[
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
]);

/// Predicates over things: (word, class).
const THINGS: PairLexicon = PairLexicon::new(&[
    ("destroyed", "destroyed"),
    ("shattered", "damaged"),
    ("smashed", "damaged"),
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
]);

/// Generic people nouns: no qualifier.
const GENERIC_PEOPLE: Lexicon = Lexicon::new(&[
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
]);

/// Words that end a counted-noun run.
const STOP: Lexicon = Lexicon::new(&[
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
    "until",
    "till",
    "ago",
]);

/// Auxiliaries and adverbs skipped between a noun and its predicate.
const SKIP: Lexicon = Lexicon::new(&[
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
    "treated",
]);

const MONEY_NOUNS: PairLexicon = PairLexicon::new(&[
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
    ("deal", "cost"),
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
    ("repairs", "cost"),
    ("fee", "fee"),
    ("fees", "fee"),
    ("rent", "rent"),
    ("income", "income"),
    ("earnings", "earnings"),
    ("bid", "bid"),
    ("offer", "offer"),
    ("demand", "price"),
    ("demanded", "price"),
    ("asking", "price"),
    ("transfer", "price"),
]);

const RISE: Lexicon = Lexicon::new(&[
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
]);
const FALL: Lexicon = Lexicon::new(&[
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
]);

const UPDATE_VERBS: Lexicon = Lexicon::new(&[
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
    "fell",
    "fallen",
    "dropped",
    "decreased",
    "declined",
    "lowered",
    "narrowed",
    "reduced",
    "shrank",
]);

#[rustfmt::skip]
const EVENT_WORDS: Lexicon = Lexicon::new(&[
    "exploded", "explosion", "explosions", "blast", "blew", "collapsed", "collapse", "struck",
    "strikes", "hit", "hits", "happened", "occurred", "occurs", "erupted", "eruption",
    "crashed", "crash", "caught", "broke", "voted", "vote", "election", "shooting", "shot",
    "attacked", "attack", "attacks", "killed", "killing", "died", "quake", "earthquake",
    "tremor", "stabbed", "stabbing", "derailed", "derailment", "sank", "capsized", "burst",
    "flooded", "bombing", "bombed", "raid", "raided", "rocked", "shook", "ignited", "landed",
    "hijacked", "murdered", "erupting", "exploding", "collapsing", "striking", "crashing",
    "ripped", "tore", "devastated", "destroyed", "beat", "defeated", "win", "victory",
    "kick-off", "kickoff", "fire", "blaze", "accident", "disaster", "storm", "hurricane",
]);

/// Verbs that schedule or host rather than happen: the date belongs to their subject
/// ("the first funerals will be held on Thursday" → `date: funerals`).
const LIGHT_VERBS: Lexicon = Lexicon::new(&[
    "held",
    "hold",
    "be",
    "played",
    "take",
    "takes",
    "scheduled",
    "set",
    "due",
    "planned",
    "expected",
    "fly",
    "go",
    "goes",
    "meets",
    "meet",
    "opens",
    "open",
    "begins",
    "begin",
    "starts",
    "start",
]);

/// Verbs named by their noun in a date subject ("arrested last night" → `date: arrest`).
const VERB_NOUNS: PairLexicon = PairLexicon::new(&[
    // A date right after a speech verb dates the statement, not the event ("town
    // officials said on Thursday").
    ("said", "statement"),
    ("says", "statement"),
    ("told", "statement"),
    ("confirmed", "statement"),
    ("stated", "statement"),
    ("added", "statement"),
    ("arrested", "arrest"),
    ("detained", "arrest"),
    ("seized", "seizure"),
    ("confiscated", "seizure"),
    ("visited", "visit"),
    ("inspected", "inspection"),
    ("charged", "charges"),
    ("charges", "charges"),
    ("sentenced", "sentencing"),
    ("convicted", "conviction"),
    ("released", "release"),
    ("freed", "release"),
    ("buried", "burial"),
    ("appointed", "appointment"),
    ("resigned", "resignation"),
    ("elected", "election"),
    ("signed", "signing"),
    ("announced", "announcement"),
    ("published", "publication"),
    ("opened", "opening"),
    ("closed", "closure"),
    ("evacuated", "evacuation"),
    ("rescued", "rescue"),
    ("found", "discovery"),
    ("discovered", "discovery"),
    ("launched", "launch"),
    ("married", "wedding"),
    ("born", "birth"),
    ("appear", "hearing"),
    ("appears", "hearing"),
    ("testify", "hearing"),
    ("testified", "hearing"),
    ("protested", "protest"),
    ("waited", "wait"),
    ("waiting", "wait"),
    ("marched", "protest"),
    ("rallied", "protest"),
]);

const FIRE_WORDS: Lexicon =
    Lexicon::new(&["fire", "blaze", "inferno", "flames", "wildfire", "fires"]);

/// Words that close the clause a subject is looked for in. A colon between digits
/// ("19:15") is part of a time, not a break.
fn is_clause_break(text: &str, toks: &[Tok], k: usize) -> bool {
    let t = &toks[k];
    if t.kind == Kind::Punct && t.text(text) == ":" {
        let digit_before = k > 0 && toks[k - 1].kind == Kind::Num;
        let digit_after = toks.get(k + 1).is_some_and(|n| n.kind == Kind::Num);
        return !(digit_before && digit_after);
    }
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

fn lookup(list: PairLexicon, w: &str) -> Option<&'static str> {
    list.get(w)
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
    while lo > 0 && at.first - lo < 2 * WINDOW + 4 && !is_clause_break(text, toks, lo - 1) {
        lo -= 1;
    }
    let mut hi = at.end;
    while hi < toks.len() && hi - at.end < 2 * WINDOW + 4 && !is_clause_break(text, toks, hi) {
        hi += 1;
    }
    (lo, hi)
}

/// The counted noun phrase after a number: "30 people", "two dozen fire engines", "three
/// of the victims", "half of the country's grain imports".
#[derive(Clone, Copy, Debug, Default)]
struct Run {
    /// Token after the run.
    end: usize,
    /// First and last word of the noun phrase kept as the qualifier.
    start: Option<usize>,
    head: Option<usize>,
}

impl Run {
    /// The phrase as written, folded ("fire engines", "ammonium nitrate").
    fn phrase(&self, text: &str, toks: &[Tok]) -> Option<String> {
        let (s, h) = (self.start?, self.head?);
        let a = toks.get(s)?.start;
        let b = toks.get(h)?.end;
        let raw = text.get(a..b)?;
        let folded = fold(raw);
        Some(folded.split_whitespace().collect::<Vec<_>>().join(" "))
    }
    /// The phrase with its last word in the plural ("child" → "children").
    fn plural_phrase(&self, text: &str, toks: &[Tok]) -> Option<String> {
        let p = self.phrase(text, toks)?;
        Some(match p.rsplit_once(' ') {
            Some((mods, last)) => format!("{mods} {}", plural(last)),
            None => plural(&p),
        })
    }
    fn head_word<'a>(&self, text: &'a str, toks: &[Tok]) -> &'a str {
        self.head.map(|h| word(text, toks, h)).unwrap_or("")
    }
}

/// Modifiers left out of a qualifier: "seven straight matches" → "matches".
const LOOSE_MODIFIERS: Lexicon = Lexicon::new(&[
    "straight",
    "consecutive",
    "more",
    "other",
    "additional",
    "further",
    "extra",
    "separate",
    "different",
    "total",
    "some",
    "estimated",
    "reported",
    "confirmed",
    "next",
    "past",
    "first",
    "last",
    "older",
    "national",
    "regional",
    "local",
    "younger",
    "elderly",
    "young",
]);

fn is_possessive(w: &str) -> bool {
    w.ends_with("'s") || w.ends_with("’s") || w.ends_with("s'")
}

fn noun_run(text: &str, toks: &[Tok], start: usize, hi: usize) -> Run {
    let mut j = start;
    // "three of the victims", "hundreds of windows"
    if word(text, toks, j).eq_ignore_ascii_case("of") {
        let det = word(text, toks, j + 1);
        if det.eq_ignore_ascii_case("them") {
            return Run {
                end: j + 2,
                ..Run::default()
            };
        }
        j += if is_any(
            det,
            &["the", "its", "their", "those", "his", "her", "our", "these"],
        ) {
            2
        } else {
            1
        };
        // "six of its nine carriages": the whole's own number is not part of the noun
        if toks.get(j).is_some_and(|t| t.kind == Kind::Num) {
            j += 1;
        } else if let Some(n) = super::numbers::read(text, toks, j, false) {
            if n.from_words && n.vague.is_none() && !n.fraction {
                j = n.end;
            }
        }
    }
    let mut run = Run {
        end: j,
        start: None,
        head: None,
    };
    let mut words = 0;
    while j < hi && words < 4 {
        let t = &toks[j];
        if t.kind != Kind::Word {
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
            run.start = None;
            continue;
        }
        // possessives start the phrase afresh: "the country's container traffic"
        if is_possessive(w) && run.head.is_none() {
            j += 1;
            run.start = None;
            continue;
        }
        // a participle or adverb before the noun: "30 armed men"; loose modifiers
        if run.head.is_none()
            && (((w.ends_with("ed") || w.ends_with("ly"))
                && w.len() > 4
                && lookup(PEOPLE, w).is_none()
                && lookup(THINGS, w).is_none())
                || is_any(w, &LOOSE_MODIFIERS))
        {
            j += 1;
            continue;
        }
        // a hyphenated modifier ("court-mandated stay", "five-storey building") is left
        // out; a hyphenated noun ("semi-final") is kept
        if toks.get(j + 1).is_some_and(|h| {
            h.kind == Kind::Punct && matches!(h.text(text), "-" | "‑") && !h.space_before
        }) && toks
            .get(j + 2)
            .is_some_and(|n| n.kind == Kind::Word && !n.space_before)
        {
            let next_is_word = toks.get(j + 3).is_some_and(|n| {
                n.kind == Kind::Word && !is_any(n.text(text), &STOP) && !is_any(n.text(text), &SKIP)
            });
            if next_is_word && words < 3 {
                j += 3;
                run.start = None;
                continue;
            }
            if run.start.is_none() {
                run.start = Some(j);
            }
            run.head = Some(j + 2);
            j += 3;
            run.end = j;
            break;
        }
        if is_any(w, &STOP) || is_any(w, &SKIP) {
            break;
        }
        if lookup(PEOPLE, w).is_some() || (lookup(THINGS, w).is_some() && run.head.is_some()) {
            break;
        }
        if run.head.is_some() && (w.ends_with("ed") || w.ends_with("ing")) && w.len() > 4 {
            break;
        }
        if run.head.is_some() && w.chars().next().is_some_and(|c| c.is_uppercase()) {
            break;
        }
        if run.start.is_none() {
            run.start = Some(j);
        }
        run.head = Some(j);
        words += 1;
        j += 1;
        run.end = j;
        // a plural noun ends the phrase: "warehouses [hold …]"
        if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") {
            break;
        }
    }
    run.end = run.end.max(j);
    run
}

/// Past participles that are not regular "-ed" forms.
const IRREGULAR_PARTICIPLES: Lexicon = Lexicon::new(&[
    "sworn", "chosen", "drawn", "grown", "known", "shown", "written", "spoken", "done", "gone",
    "sent", "held", "taken", "left", "hit", "shut", "kept", "found", "seen", "given", "brought",
    "built", "caught", "lost", "sold", "put", "set", "struck", "won", "beaten", "made", "told",
    "stolen", "thrown", "driven", "flown", "shot", "bought", "paid", "spent", "led", "torn",
    "blown", "broken", "frozen", "hidden", "laid", "run", "sunk", "sunk", "swept", "wrecked",
]);

/// Particles that belong to the verb: "sent home", "laid off", "pulled out".
const PARTICLES: Lexicon =
    Lexicon::new(&["home", "off", "out", "up", "down", "away", "back", "over"]);

/// A plain verb after "to" ("to build", "to hire"): lowercase, not a function word, not
/// a participle or a noun-looking plural.
fn is_base_verb(w: &str) -> bool {
    w.len() > 2
        && w.chars().all(|c| c.is_ascii_lowercase())
        && !is_any(w, &STOP)
        && !is_any(w, &SKIP)
        && !w.ends_with("ed")
        && !w.ends_with("ing")
        && !w.ends_with('s')
        && !is_any(
            w,
            &[
                "the", "be", "about", "around", "nearly", "some", "over", "up",
            ],
        )
}

/// A verb form usable as a predicate class: a regular "-ed" form or a listed participle.
fn is_participle(w: &str) -> bool {
    if is_any(w, &STOP) || is_any(w, &SKIP) || !w.chars().next().is_some_and(|c| c.is_lowercase()) {
        return false;
    }
    (w.len() > 4 && w.ends_with("ed") && !is_any(w, &["need", "speed", "indeed", "hundred"]))
        || is_any(w, &IRREGULAR_PARTICIPLES)
}

/// A predicate class spelled from the verb as written, with its particle.
fn verb_class(text: &str, toks: &[Tok], k: usize) -> String {
    let w = fold(word(text, toks, k));
    let next = word(text, toks, k + 1);
    if is_any(next, &PARTICLES) || (w == "sworn" && next.eq_ignore_ascii_case("in")) {
        format!("{w} {}", fold(next))
    } else if is_any(&w, &["sent", "dispatched", "mobilised", "mobilized"]) {
        "deployed".to_string()
    } else {
        w
    }
}

/// Nearest predicate in the clause: (class, is_people). Lexicon words on either side;
/// failing those, a passive participle after the noun ("17 vessels were moored",
/// "600 dockworkers had been sent home") or a past-tense verb just before the number
/// ("has now won seven matches").
fn nearest_predicate(
    text: &str,
    toks: &[Tok],
    at: At,
    run_end: usize,
    lo: usize,
    hi: usize,
) -> Option<(String, bool)> {
    let mut best: Option<(String, bool, usize)> = None;
    let mut consider = |class: String, people: bool, dist: usize| {
        if best.as_ref().map_or(true, |b| dist < b.2) {
            best = Some((class, people, dist));
        }
    };
    // right: after the noun run, up to a coordinated new figure (", and nine people …")
    for (d, k) in (run_end..hi.min(run_end + WINDOW)).enumerate() {
        let w = word(text, toks, k);
        let starts_figure = toks[k].kind == Kind::Num
            || super::tokens::may_start_figure(toks[k].text(text))
                && super::numbers::read(text, toks, k, false).is_some();
        if starts_figure && k > 0 && is_any(word(text, toks, k - 1), &["and", "or", "while", "but"])
        {
            break;
        }
        if let Some(c) = people_word(text, toks, k) {
            consider(c.to_string(), true, d);
            break;
        }
        if let Some(c) = lookup(THINGS, w) {
            if c != "laid off" || word(text, toks, k + 1).eq_ignore_ascii_case("off") {
                consider(c.to_string(), false, d);
                break;
            }
        }
    }
    // left: before the figure
    for (d, k) in (lo.max(at.first.saturating_sub(2 * WINDOW))..at.first)
        .rev()
        .enumerate()
    {
        let w = word(text, toks, k);
        // a coordinated or subordinate clause before belongs to another figure ("… and
        // now has 9 goals", "killed after missiles hit a school where hundreds …")
        if is_any(
            w,
            &[
                "and", "or", "but", "where", "when", "while", "because", "although", "whereas",
                "if",
            ],
        ) {
            break;
        }
        if let Some(c) = people_word(text, toks, k) {
            consider(c.to_string(), true, d);
            break;
        }
        if let Some(c) = lookup(THINGS, w) {
            consider(c.to_string(), false, d);
            break;
        }
    }
    // passive participle after the noun, past an auxiliary: "600 dockworkers had been
    // sent home", "17 vessels were moored"
    let mut k = run_end;
    let mut aux = false;
    // a short prepositional phrase may sit between: "Four helicopters from the air force
    // were sent"
    if is_any(word(text, toks, k), &["from", "of", "in", "at", "on"]) {
        let mut j = k + 1;
        while j < hi
            && j < k + 6
            && toks[j].kind == Kind::Word
            && !is_any(word(text, toks, j), &SKIP)
        {
            j += 1;
        }
        if j < hi && is_any(word(text, toks, j), &["were", "was", "are", "is"]) {
            k = j;
        }
    }
    while k < hi
        && (is_any(word(text, toks, k), &SKIP) || is_any(word(text, toks, k), &["to", "had"]))
    {
        aux |= is_any(
            word(text, toks, k),
            &["were", "was", "been", "are", "is", "being", "be"],
        );
        k += 1;
    }
    // "six carriages derailed": an "-ed" verb right after the noun
    let direct = k == run_end && is_any(word(text, toks, k), &EVENT_WORDS);
    if (aux || direct)
        && k < hi
        && is_participle(word(text, toks, k))
        && best.as_ref().map_or(true, |b| b.2 > k - run_end)
        && lookup(PEOPLE, word(text, toks, k)).is_none()
    {
        return Some((verb_class(text, toks, k), false));
    }
    if best.is_some() {
        return best.map(|(c, p, _)| (c, p));
    }
    // "pledged to build 1,500 homes": an infinitive verb before the number
    if at.first >= lo + 2
        && word(text, toks, at.first - 2).eq_ignore_ascii_case("to")
        && is_base_verb(word(text, toks, at.first - 1))
    {
        return Some((fold(word(text, toks, at.first - 1)), false));
    }
    // past-tense verb just before the number: "has now won seven"
    let mut k = at.first;
    while k > lo
        && is_any(
            word(text, toks, k - 1),
            &["now", "already", "also", "just", "only"],
        )
    {
        k -= 1;
    }
    if k > lo && is_participle(word(text, toks, k - 1)) {
        return Some((verb_class(text, toks, k - 1), false));
    }
    None
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

/// A singular form for a date's thing: "hearings" → "hearing".
fn singular(noun: &str) -> String {
    let n = noun.to_string();
    if n.len() > 4
        && n.ends_with('s')
        && !n.ends_with("ss")
        && !n.ends_with("us")
        && !n.ends_with("is")
    {
        n[..n.len() - 1].to_string()
    } else {
        n
    }
}

/// The word at `k` with the words hyphenated to its left ("semi-final"), folded.
fn hyphenated_word(text: &str, toks: &[Tok], k: usize) -> String {
    let mut s = k;
    while s >= 2
        && toks[s - 1].kind == Kind::Punct
        && matches!(toks[s - 1].text(text), "-" | "‑")
        && !toks[s - 1].space_before
        && !toks[s].space_before
        && toks[s - 2].kind == Kind::Word
    {
        s -= 2;
    }
    text.get(toks[s].start..toks[k].end)
        .map(fold)
        .unwrap_or_default()
}

/// "forced them to pull back for almost an hour" → "pull back".
fn duration_verb(text: &str, toks: &[Tok], at: At, lo: usize) -> Option<String> {
    if at.first < lo + 2 || !word(text, toks, at.first - 1).eq_ignore_ascii_case("for") {
        return None;
    }
    let mut k = at.first - 2;
    // "felt strongly for 15 seconds": an adverb stands between verb and "for"
    if word(text, toks, k).ends_with("ly") && k > lo {
        k -= 1;
    }
    let w = word(text, toks, k);
    if w.is_empty() || is_any(w, &STOP) || is_any(w, &SKIP) {
        return None;
    }
    if is_any(w, &PARTICLES) && k > lo {
        let v = word(text, toks, k - 1);
        if !v.is_empty() && !is_any(v, &STOP) {
            return Some(format!("{} {}", fold(v), fold(w)));
        }
    }
    if let Some(n) = lookup(VERB_NOUNS, w) {
        return Some(n.to_string());
    }
    w.chars()
        .next()
        .is_some_and(|c| c.is_lowercase())
        .then(|| fold(w))
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

/// Classes whose counted people are not qualified: whoever is arrested or charged is
/// counted as such ("two managers were arrested" and "police detained two people" report
/// the same arrests).
const UNQUALIFIED: Lexicon = Lexicon::new(&["arrested", "charged"]);

/// Counted nouns that imply their predicate: "9 goals" are scored goals.
const NOUN_CLASSES: PairLexicon = PairLexicon::new(&[("goals", "scored"), ("goal", "scored")]);

/// "A crowd of 24,000", "the attendance of 24,000": a measure noun before "of".
const MEASURE_OF: PairLexicon = PairLexicon::new(&[
    ("crowd", "attendance"),
    ("attendance", "attendance"),
    ("turnout", "turnout"),
    ("population", "population"),
    ("capacity", "capacity"),
    ("audience", "audience"),
    ("workforce", "workforce"),
]);

fn count_subject(text: &str, toks: &[Tok], at: At, lo: usize, hi: usize) -> String {
    // "a crowd of 24,000"
    if at.first >= 2
        && at.first > lo + 1
        && word(text, toks, at.first - 1).eq_ignore_ascii_case("of")
    {
        if let Some(c) = lookup(MEASURE_OF, word(text, toks, at.first - 2)) {
            return c.to_string();
        }
    }
    let run = noun_run(text, toks, at.head_end, hi);
    let head_word = run.head_word(text, toks);
    // the whole of a partitive is a bare count: "six of its nine carriages derailed"
    if at.first >= 2
        && is_any(
            word(text, toks, at.first - 1),
            &["its", "the", "their", "his", "her"],
        )
        && word(text, toks, at.first - 2).eq_ignore_ascii_case("of")
        && !head_word.is_empty()
    {
        if let Some(p) = run.phrase(text, toks) {
            return p;
        }
    }
    // the noun itself may name the class: "30 deaths", "12 arrests", "200 evacuees"
    if let Some(c) = run.head.and_then(|h| people_word(text, toks, h)) {
        return c.to_string();
    }
    let generic = head_word.is_empty() || is_any(head_word, &GENERIC_PEOPLE);
    let pred = nearest_predicate(text, toks, at, run.end, lo, hi)
        .or_else(|| lookup(NOUN_CLASSES, head_word).map(|c| (c.to_string(), false)));
    match pred {
        Some((class, _)) if generic || is_any(&class, &UNQUALIFIED) => class,
        Some((class, people)) => {
            let q = if people {
                run.plural_phrase(text, toks)
            } else {
                run.phrase(text, toks)
            };
            match q {
                Some(q) => format!("{class}: {q}"),
                None => class,
            }
        }
        None => match run.phrase(text, toks) {
            Some(p) if !head_word.is_empty() => p,
            _ => "count".to_string(),
        },
    }
}

/// "40% of the vote" → "vote share"; "half of the country's grain imports" → "grain
/// imports share".
fn share_subject(text: &str, toks: &[Tok], start: usize, hi: usize) -> Option<String> {
    if !word(text, toks, start).eq_ignore_ascii_case("of") {
        return None;
    }
    let run = noun_run(text, toks, start, hi);
    run.phrase(text, toks).map(|p| format!("{p} share"))
}

fn direction_at(text: &str, toks: &[Tok], k: usize) -> Option<Direction> {
    let w = word(text, toks, k);
    if is_any(w, &RISE) {
        Some(Direction::Rise)
    } else if is_any(w, &FALL) {
        Some(Direction::Fall)
    } else {
        None
    }
}

/// The subject noun phrase of the verb at `verb`: "fertiliser exports rose", "Shares in
/// Salinas Logistics closed down", "Shares in X, which ran the warehouse, are now down".
fn subject_before(
    text: &str,
    toks: &[Tok],
    verb: usize,
    lo: usize,
    through_pp: bool,
) -> Option<String> {
    let mut k = verb;
    // auxiliaries, adverbs and a verb before a particle ("closed down", "are now down")
    while k > lo {
        let w = word(text, toks, k - 1);
        if is_any(w, &SKIP)
            || is_any(
                w,
                &[
                    "now", "already", "also", "just", "still", "will", "would", "could", "may",
                    "might", "should", "can", "to", "first",
                ],
            )
            || (is_participle(w) && k == verb)
        {
            k -= 1;
        } else {
            break;
        }
    }
    // a trailing prepositional phrase: "passenger numbers on it grew"
    if k >= lo + 2
        && is_any(
            word(text, toks, k - 1),
            &["it", "them", "this", "that", "there"],
        )
        && is_any(
            word(text, toks, k - 2),
            &["on", "in", "at", "of", "for", "from", "over"],
        )
    {
        k -= 2;
    }
    // a relative clause set off by commas: ", which ran the warehouse,"; else an
    // appositive: "the semi-final, to be played on …"
    if k > lo && toks[k - 1].text(text) == "," {
        let mut j = k - 1;
        while j > lo && toks[j - 1].text(text) != "," && k - j < 12 {
            j -= 1;
        }
        let opener = word(text, toks, j);
        if j > lo && (is_any(opener, &["which", "who", "that", "to"]) || is_participle(opener)) {
            k = j - 1;
        } else if k > lo + 1 && toks[k - 2].kind == Kind::Word {
            k -= 1;
        }
    }
    // a prepositional phrase naming something: "Shares in Salinas Logistics"
    let mut j = k;
    while j > lo
        && toks[j - 1].kind == Kind::Word
        && word(text, toks, j - 1)
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase())
    {
        j -= 1;
    }
    if j < k
        && j > lo
        && is_any(
            word(text, toks, j - 1),
            &["in", "of", "at", "for", "against", "with", "from"],
        )
    {
        k = j - 1;
    }
    // the noun phrase ending at k: up to three lowercase content words; a trailing
    // "for/of the X" is skipped to reach its head ("Ticket prices for the semi-final")
    let (start, end) = noun_phrase_ending(text, toks, k, lo);
    if start == end {
        return None;
    }
    let (start, end) = if through_pp
        && start >= lo + 2
        && is_any(
            word(text, toks, start - 1),
            &["the", "a", "an", "its", "their"],
        )
        && is_any(
            word(text, toks, start - 2),
            &["for", "of", "in", "at", "on"],
        ) {
        let (s2, e2) = noun_phrase_ending(text, toks, start - 2, lo);
        if s2 < e2 {
            (s2, e2)
        } else {
            (start, end)
        }
    } else {
        (start, end)
    };
    let a = toks[start].start;
    let b = toks[end - 1].end;
    text.get(a..b)
        .map(|s| fold(s).split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Token range of the lowercase noun phrase ending before token `k`.
fn noun_phrase_ending(text: &str, toks: &[Tok], k: usize, lo: usize) -> (usize, usize) {
    let end = k;
    let mut start = k;
    while start > lo && end - start < 5 {
        let t = &toks[start - 1];
        if t.kind == Kind::Punct && matches!(t.text(text), "-" | "‑") && !t.space_before {
            start -= 1;
            continue;
        }
        let w = word(text, toks, start - 1);
        let sentence_initial = start - 1 == 0;
        if is_any(
            w,
            &["first", "second", "third", "last", "next", "latest", "new"],
        ) {
            break;
        }
        if w.is_empty()
            || is_any(w, &STOP)
            || is_any(w, &SKIP)
            || is_possessive(w)
            || (!sentence_initial && w.chars().next().is_some_and(|c| c.is_uppercase()))
            || ((w.ends_with("ed") || w.ends_with("ing")) && w.len() > 4)
        {
            break;
        }
        start -= 1;
    }
    // never start on a hyphen
    while start < end && toks[start].kind == Kind::Punct {
        start += 1;
    }
    (start, end)
}

/// Rate nouns measured directly in percent.
const RATES: Lexicon = Lexicon::new(&[
    "turnout",
    "inflation",
    "unemployment",
    "approval",
    "support",
    "occupancy",
    "stake",
    "majority",
    "interest",
    "tariff",
    "tariffs",
    "vat",
    "discount",
    "yield",
    "margin",
    "capacity",
]);

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
            let run = noun_run(text, toks, at.end + 2, hi);
            if let Some(p) = run.phrase(text, toks) {
                return (format!("{p} change"), Some(d));
            }
        }
        if !is_any(word(text, toks, at.end), &["more", "less", "fewer"]) {
            return ("change".to_string(), Some(d));
        }
    }
    // "exports fell 7%", "sales were up by 7%", "prices will rise 20%"
    let from = lo.max(at.first.saturating_sub(4));
    for k in (from..at.first).rev() {
        if let Some(d) = direction_at(text, toks, k) {
            if is_any(word(text, toks, k), &["more", "less", "fewer", "cut"]) {
                continue;
            }
            return match subject_before(text, toks, k, lo, true) {
                Some(n) => (format!("{n} change"), Some(d)),
                None => ("change".to_string(), Some(d)),
            };
        }
    }
    // a rate named nearby: "turnout of 64%", "the unemployment rate rose to 5%",
    // "warehouse occupancy stood at 30 percent"
    for k in (lo..at.first).rev().chain(at.end..hi) {
        let w = word(text, toks, k);
        let is_rate = is_any(w, &["rate", "rating", "ratings"]);
        if is_rate || is_any(w, &RATES) {
            let prev = k
                .checked_sub(1)
                .filter(|&p| p >= lo)
                .map(|p| word(text, toks, p))
                .unwrap_or("");
            let modifier = !prev.is_empty()
                && !is_any(prev, &STOP)
                && !is_any(prev, &SKIP)
                && !is_possessive(prev)
                && !((prev.ends_with("ed") || prev.ends_with("ing")) && prev.len() > 4);
            let name = if is_rate { "rate".to_string() } else { fold(w) };
            if modifier {
                return (format!("{} {name}", fold(prev)), None);
            }
            return (name, None);
        }
    }
    // "a 40% stake" — the noun after
    let run = noun_run(text, toks, at.end, hi);
    match run.phrase(text, toks) {
        Some(p) => (p, None),
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
        let filler = is_any(
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
                "emergency",
                "additional",
                "extra",
                "new",
                "settlement",
            ],
        );
        if !filler && toks[k].kind == Kind::Word && steps > 0 {
            break;
        }
        k += 1;
        steps += 1;
    }
    // left: "fined $500", "a fine of $500", "cost $4.6bn", "Damage … was estimated at $4.6bn"
    for k in (lo..at.first).rev() {
        if let Some(c) = lookup(MONEY_NOUNS, word(text, toks, k)) {
            return c.to_string();
        }
    }
    for k in at.end..hi {
        if let Some(c) = lookup(MONEY_NOUNS, word(text, toks, k)) {
            return c.to_string();
        }
    }
    let run = noun_run(text, toks, at.end, hi);
    run.phrase(text, toks)
        .unwrap_or_else(|| "amount".to_string())
}

fn of_noun(text: &str, toks: &[Tok], at: At, hi: usize) -> Option<String> {
    if !word(text, toks, at.end).eq_ignore_ascii_case("of") {
        return None;
    }
    let mut j = at.end + 1;
    if is_any(word(text, toks, j), &["a", "an"]) {
        j += 1;
    }
    let run = noun_run(text, toks, j, hi);
    run.phrase(text, toks)
}

fn measure_subject(text: &str, toks: &[Tok], at: At, lo: usize, hi: usize, dim: Dim) -> String {
    let near = |list: &[&str]| {
        (lo.max(at.first.saturating_sub(6))..(at.end + 4).min(hi))
            .any(|k| is_any(word(text, toks, k), list))
    };
    let hyph_noun = || {
        if at.hyphenated {
            noun_run(text, toks, at.end, hi).phrase(text, toks)
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
            if let Some(n) = hyph_noun()
                .or_else(|| of_noun(text, toks, at, hi))
                .or_else(|| duration_verb(text, toks, at, lo))
            {
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
                    while n > lo && is_any(word(text, toks, n - 1), &SKIP) {
                        n -= 1;
                    }
                    if let Some(w) = n
                        .checked_sub(1)
                        .filter(|&p| p >= lo)
                        .map(|p| word(text, toks, p))
                        .filter(|w| !w.is_empty() && !is_any(w, &STOP))
                    {
                        return format!("duration: {}", fold(w));
                    }
                }
            }
            "duration".into()
        }
        Dim::Speed => {
            if near(&["limit", "limits"]) {
                "speed limit".into()
            } else {
                "speed".into()
            }
        }
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

/// Subject of a date or time: `event date` when the nearest governing word (scanning left
/// within the clause segment, or an event noun right after a possessive day: "Sunday's
/// explosion") is an event word and the clause is not in the future tense; else
/// `date: <noun>` from the verb (via [`VERB_NOUNS`]), the subject of a light verb
/// ("funerals will be held"), or the nearest noun.
fn date_subject(text: &str, toks: &[Tok], at: At, lo: usize, hi: usize, class: &str) -> String {
    let future = super::when::future_before(text, toks, at.first);
    let event = |w: &str| is_any(w, &EVENT_WORDS) && !future;
    // "Sunday's explosion", "the 7:15 p.m. kick-off"
    let mut k = at.end;
    while k < hi && k < at.end + 3 {
        let w = word(text, toks, k);
        if event(w) || (w.eq_ignore_ascii_case("kick") && !future) {
            return format!("event {class}");
        }
        if !is_any(w, &["the", "a", "local", "time"]) && toks[k].kind == Kind::Word {
            break;
        }
        k += 1;
    }
    // "brought the blaze under control shortly after midnight"
    let prep =
        usize::from(at.first > lo && is_any(word(text, toks, at.first - 1), &["at", "by", "on"]));
    if at.first >= lo + 2 + prep
        && word(text, toks, at.first - 1 - prep).eq_ignore_ascii_case("control")
        && word(text, toks, at.first - 2 - prep).eq_ignore_ascii_case("under")
        && (lo..at.first).any(|k| is_any(word(text, toks, k), &FIRE_WORDS))
    {
        return format!("{class}: fire under control");
    }
    let mut first_noun: Option<usize> = None;
    let mut j = at.first;
    let segment_start = lo.max(at.first.saturating_sub(2 * WINDOW));
    while j > segment_start {
        j -= 1;
        let t = &toks[j];
        if t.kind == Kind::Punct {
            if matches!(t.text(text), "," | ";" | "—" | "–") {
                break;
            }
            continue;
        }
        let w = word(text, toks, j);
        if w.is_empty() {
            continue;
        }
        if event(w) {
            return format!("event {class}");
        }
        let prepositional = is_any(w, &["after", "before"])
            && is_any(
                word(text, toks, j + 1),
                &["the", "a", "an", "his", "her", "its", "their"],
            );
        if !prepositional
            && is_any(
                w,
                &[
                    "as", "and", "but", "while", "when", "after", "before", "because", "which",
                    "who", "that",
                ],
            )
        {
            break;
        }
        if let Some(n) = lookup(VERB_NOUNS, w) {
            return format!("{class}: {n}");
        }
        let copula = is_any(w, &["is", "was", "are", "were"]) && at.first - j <= 2;
        // "tickets go on sale on Tuesday" → "ticket sale"
        if is_any(w, &["go", "goes", "went"])
            && word(text, toks, j + 1).eq_ignore_ascii_case("on")
            && word(text, toks, j + 2).eq_ignore_ascii_case("sale")
        {
            if let Some(subj) = subject_before(text, toks, j, lo, true) {
                let last = subj.rsplit(' ').next().unwrap_or(&subj);
                return format!("{class}: {} sale", singular(last));
            }
        }
        // "the committee, which meets on Thursday" → "committee meeting"
        if is_any(w, &["meets", "meet"]) {
            let mut v = j;
            if v > lo + 1 && is_any(word(text, toks, v - 1), &["which", "that"]) {
                v -= 1;
                if toks[v - 1].text(text) == "," {
                    v -= 1;
                }
            }
            if let Some(subj) = subject_before(text, toks, v, lo, false) {
                let last = subj.rsplit(' ').next().unwrap_or(&subj);
                return format!("{class}: {last} meeting");
            }
        }
        if is_any(w, &LIGHT_VERBS) || copula {
            // active with an object: "would hold a joint funeral on Saturday"
            if let (Some(n), false) = (first_noun, copula) {
                return format!("{class}: {}", singular(&hyphenated_word(text, toks, n)));
            }
            if let Some(subj) = subject_before(text, toks, j, lo, false) {
                return format!("{class}: {subj}");
            }
            continue;
        }
        if is_participle(w) {
            return format!("{class}: {}", verb_class(text, toks, j));
        }
        if first_noun.is_none()
            && !is_any(w, &STOP)
            && !is_any(w, &SKIP)
            && w.len() > 2
            && w.chars().next().is_some_and(|c| c.is_lowercase())
        {
            first_noun = Some(j);
        }
    }
    // no governing verb near: an event or casualty word anywhere in the clause
    if !future
        && (lo..hi).filter(|&k| k < at.first || k >= at.end).any(|k| {
            let w = word(text, toks, k);
            is_any(w, &EVENT_WORDS)
                || is_any(w, &["injured", "wounded", "hurt", "dead", "derailment"])
        })
    {
        return format!("event {class}");
    }
    if let Some(n) = first_noun {
        return format!("{class}: {}", singular(&hyphenated_word(text, toks, n)));
    }
    // else the nearest content word to the right
    for j in at.end..hi {
        let w = word(text, toks, j);
        if w.len() > 3
            && !is_any(w, &STOP)
            && !is_any(w, &SKIP)
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
    (from..at.first - 1).any(|k| is_any(word(text, toks, k), &UPDATE_VERBS))
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
