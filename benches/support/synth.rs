//! Synthetic news corpus for benchmarks: deterministic from a seed, plain std.
//!
//! Everything is invented: outlets, places, people, events. The corpus is shaped like the
//! real thing the tool reads: stories of 5–20 articles from different outlets, each 2–8 KB,
//! metadata in several styles (front matter, date lines, datelines, URL headers), page noise,
//! people with titles and roles, figures in many written forms, quotes repeated across
//! outlets, planted disagreements inside a story, and ONE wire story reprinted by 4 % of all
//! articles (hundreds in a 10k corpus) to expose anything quadratic in repeated claims.
//!
//! Decision: filler prose comes from a small grammar with many slots rather than a pool of
//! fixed sentences, so that sentences do not recur verbatim across unrelated stories (which
//! would turn every filler sentence into a "repeated claim" and misrepresent real news).

#![allow(dead_code)]

use std::fmt::Write as _;

/// splitmix64: tiny, fast, good enough for test data, and identical on every platform.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }
    pub fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    /// A derived generator, so that one story's choices do not shift the next story's.
    pub fn fork(&mut self, salt: u64) -> Rng {
        Rng::new(self.next_u64() ^ salt.wrapping_mul(0xA24B_AED4_963E_E407))
    }
}

// ---------------------------------------------------------------------------------------
// Calendar (days since 1970-01-01, proleptic Gregorian).

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_AP: [&str; 12] = [
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
];
const WEEKDAYS: [&str; 7] = [
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
];

fn weekday(day: i64) -> &'static str {
    WEEKDAYS[day.rem_euclid(7) as usize]
}

// ---------------------------------------------------------------------------------------
// Vocabulary: all invented.

const FIRST_NAMES: &[&str] = &[
    "Mara", "Teodor", "Ilsa", "Coran", "Belén", "Jovan", "Anouk", "Ravi", "Odile", "Kasimir",
    "Lunet", "Esteban", "Wren", "Dagny", "Tomasz", "Ines", "Orrin", "Priya", "Soren", "Yusra",
    "Caelan", "Marisol", "Fenna", "Idris", "Zofia", "Bastien", "Nalani", "Elio", "Hester",
    "Amadou", "Liesl", "Quentin", "Rosalind", "Tobiah", "Ysolde", "Matteo", "Kiri", "Ansel",
    "Delphine", "Oskar", "Ramona", "Lior", "Sabela", "Thane", "Vesna", "Ciarán", "Noor",
];
const LAST_NAMES: &[&str] = &[
    "Velloso",
    "Quintarro",
    "Halvermark",
    "Ostrand",
    "Brekkelund",
    "Dunmorrow",
    "Ibarrúa",
    "Castellane",
    "Ferrowby",
    "Lindqvar",
    "Okonkwe",
    "Marchetti-Sol",
    "Ashcombe",
    "Thorvaldt",
    "Nakamuri",
    "Peralto",
    "Grimsditch",
    "Vantongeren",
    "Salcedra",
    "Holloway-Finch",
    "Kestrelle",
    "Abernathey",
    "Zubiaurre",
    "Mbekela",
    "Rosenthorn",
    "Tillinghurst",
    "Quarrie",
    "Delacorte",
    "Wojnarek",
    "Elphinstane",
    "Corbeaux",
    "Amundhaug",
];
const PARTICLES: &[&str] = &["de la", "van", "del", "von", "al-", "O'"];

const PLACE_HEADS: &[&str] = &[
    "Quen", "Vor", "Kes", "Zel", "Brav", "Thal", "Mirr", "Ost", "Cald", "Fenn", "Harl", "Isk",
    "Juv", "Lumm", "Norv", "Pell", "Rask", "Sorr", "Tiv", "Umbr", "Wexl", "Yarr",
];
const PLACE_TAILS: &[&str] = &[
    "haven", "mouth", "ford", "vale", "stead", "brook", "more", "ridge", "wick", "mere", "by",
    "port", "field", "crest",
];
const REGIONS: &[&str] = &[
    "North Quellan",
    "the Ostrava Coast",
    "Vardenmark",
    "the Lumm Valley",
    "Serrania Alta",
    "the Kesh Delta",
    "Port Elspeth County",
    "the Tiv Highlands",
];

/// How an outlet writes its metadata.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MetaStyle {
    /// `---` YAML-ish block with outlet, published, title, author.
    FrontMatter,
    /// Outlet line, date line, headline, byline.
    DateLine,
    /// Headline, then "PLACE, June 8 (Outlet) — " leading the first paragraph.
    Dateline,
    /// URL line, headline, "Published: …" line.
    UrlHeader,
}

pub struct Outlet {
    pub name: &'static str,
    pub slug: &'static str,
    pub domain: &'static str,
    pub style: MetaStyle,
}

const fn outlet(
    name: &'static str,
    slug: &'static str,
    domain: &'static str,
    style: MetaStyle,
) -> Outlet {
    Outlet {
        name,
        slug,
        domain,
        style,
    }
}

pub const OUTLETS: &[Outlet] = &[
    outlet(
        "The Harbor Ledger",
        "harbor-ledger",
        "harborledger.example",
        MetaStyle::FrontMatter,
    ),
    outlet(
        "Northwind Wire",
        "northwind",
        "northwindwire.example",
        MetaStyle::Dateline,
    ),
    outlet(
        "Valley Courier",
        "valley-courier",
        "valleycourier.example",
        MetaStyle::DateLine,
    ),
    outlet(
        "Meridian Daily",
        "meridian",
        "meridiandaily.example",
        MetaStyle::UrlHeader,
    ),
    outlet(
        "Coastline Tribune",
        "coastline",
        "coastlinetribune.example",
        MetaStyle::FrontMatter,
    ),
    outlet(
        "El Faro de Quenhaven",
        "el-faro",
        "elfaro.example",
        MetaStyle::DateLine,
    ),
    outlet(
        "The Granite Post",
        "granite-post",
        "granitepost.example",
        MetaStyle::UrlHeader,
    ),
    outlet(
        "Daily Quillon",
        "quillon",
        "dailyquillon.example",
        MetaStyle::FrontMatter,
    ),
    outlet(
        "Riverbend Chronicle",
        "riverbend",
        "riverbendchronicle.example",
        MetaStyle::DateLine,
    ),
    outlet(
        "Eastgate Herald",
        "eastgate",
        "eastgateherald.example",
        MetaStyle::Dateline,
    ),
    outlet(
        "Pinecrest Sentinel",
        "pinecrest",
        "pinecrestsentinel.example",
        MetaStyle::UrlHeader,
    ),
    outlet(
        "Global Dispatch Service",
        "gds",
        "gdsnews.example",
        MetaStyle::Dateline,
    ),
    outlet(
        "The Ashcombe Times",
        "ashcombe",
        "ashcombetimes.example",
        MetaStyle::FrontMatter,
    ),
    outlet(
        "Solvane Bay Observer",
        "solvane",
        "solvaneobserver.example",
        MetaStyle::DateLine,
    ),
    outlet(
        "Metro Beacon",
        "metro-beacon",
        "metrobeacon.example",
        MetaStyle::UrlHeader,
    ),
    outlet(
        "Kesh Delta Voice",
        "kesh-voice",
        "keshvoice.example",
        MetaStyle::FrontMatter,
    ),
    outlet(
        "The Lantern Review",
        "lantern",
        "lanternreview.example",
        MetaStyle::DateLine,
    ),
    outlet(
        "Highland Gazette",
        "highland",
        "highlandgazette.example",
        MetaStyle::Dateline,
    ),
    outlet(
        "Noticias del Valle Umbro",
        "nvu",
        "noticiasumbro.example",
        MetaStyle::UrlHeader,
    ),
    outlet(
        "The Weekly Marrowfield",
        "marrowfield",
        "marrowfield.example",
        MetaStyle::FrontMatter,
    ),
    outlet(
        "Civic Pulse",
        "civic-pulse",
        "civicpulse.example",
        MetaStyle::DateLine,
    ),
    outlet(
        "Tidewater Examiner",
        "tidewater",
        "tidewaterexaminer.example",
        MetaStyle::UrlHeader,
    ),
    outlet(
        "The Ostrand Standard",
        "ostrand",
        "ostrandstandard.example",
        MetaStyle::FrontMatter,
    ),
    outlet(
        "Brightwater News",
        "brightwater",
        "brightwaternews.example",
        MetaStyle::Dateline,
    ),
];

/// Index of the wire agency whose story is reprinted everywhere.
const WIRE_OUTLET: usize = 1;

// ---------------------------------------------------------------------------------------
// Numbers as words.

const ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

pub fn number_words(n: u64) -> String {
    match n {
        0..=19 => ONES[n as usize].to_string(),
        20..=99 => {
            let t = TENS[(n / 10) as usize];
            if n % 10 == 0 {
                t.to_string()
            } else {
                format!("{t}-{}", ONES[(n % 10) as usize])
            }
        }
        100..=999 => {
            let rest = n % 100;
            let head = format!("{} hundred", ONES[(n / 100) as usize]);
            if rest == 0 {
                head
            } else {
                format!("{head} and {}", number_words(rest))
            }
        }
        _ => with_commas(n),
    }
}

pub fn with_commas(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------------------
// Figures.

/// What a figure measures, which decides how it may be written.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FigKind {
    /// People or things counted.
    Count,
    /// Money in a currency (0 = USD, 1 = EUR, 2 = GBP, 3 = MXN).
    Money(u8),
    Percent,
    /// Earthquake magnitude (one decimal).
    Magnitude,
    /// Distance in km.
    Km,
    /// Weight in kg.
    Kg,
    /// Duration in minutes.
    Minutes,
    /// Speed in km/h.
    Kmh,
    /// Days since epoch.
    Date,
    /// Minutes after midnight.
    Time,
}

/// Write a count in one of the many ways news text does.
fn render_count(rng: &mut Rng, n: u64, allow_hedge: bool) -> String {
    let plain = |rng: &mut Rng| -> String {
        if n < 100 && rng.chance(0.35) {
            number_words(n)
        } else if n >= 1_000_000 && n % 100_000 == 0 {
            let m = n as f64 / 1e6;
            format!("{} million", trim_float(m))
        } else {
            with_commas(n)
        }
    };
    if !allow_hedge || rng.chance(0.45) {
        return plain(rng);
    }
    match rng.below(13) {
        0 => format!("at least {}", plain(rng)),
        1 => format!("more than {}", plain(rng)),
        2 => format!("about {}", plain(rng)),
        3 => format!("nearly {}", plain(rng)),
        4 => format!("up to {}", plain(rng)),
        5 => format!("some {}", plain(rng)),
        6 => format!("{} or more", plain(rng)),
        7 => format!(
            "between {} and {}",
            with_commas(n),
            with_commas(n + 1 + n / 8)
        ),
        8 => format!("{}–{}", with_commas(n), with_commas(n + 2 + n / 10)),
        9 if (24..100).contains(&n) => "dozens of".to_string(),
        10 if (200..1000).contains(&n) => "hundreds of".to_string(),
        11 if (2000..10_000).contains(&n) => "thousands of".to_string(),
        12 if n == 24 => "two dozen".to_string(),
        _ => format!("roughly {}", plain(rng)),
    }
}

fn trim_float(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

fn render_money(rng: &mut Rng, v: u64, cur: u8) -> String {
    let (sym, word, code) = match cur {
        0 => ("$", "dollars", "US$"),
        1 => ("€", "euros", "EUR "),
        2 => ("£", "pounds", "GBP "),
        _ => ("MX$", "pesos", "MXN "),
    };
    let amount = if v >= 1_000_000_000 {
        (trim_float(v as f64 / 1e9), ["billion", "bn"])
    } else if v >= 1_000_000 {
        (trim_float(v as f64 / 1e6), ["million", "m"])
    } else {
        (with_commas(v), ["", ""])
    };
    let hedge = match rng.below(6) {
        0 => "about ",
        1 => "more than ",
        2 => "nearly ",
        _ => "",
    };
    let body = match (rng.below(4), amount.1[0].is_empty()) {
        (0, false) => format!("{sym}{}{}", amount.0, amount.1[1]),
        (1, false) => format!("{} {} {word}", amount.0, amount.1[0]),
        (2, false) => format!("{code}{} {}", amount.0, amount.1[0]),
        (_, false) => format!("{sym}{} {}", amount.0, amount.1[0]),
        (0 | 1, true) => format!("{} {word}", amount.0),
        (_, true) => format!("{sym}{}", amount.0),
    };
    format!("{hedge}{body}")
}

fn render_percent(rng: &mut Rng, tenths: u64) -> String {
    let v = if tenths % 10 == 0 {
        (tenths / 10).to_string()
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    };
    let hedge = match rng.below(5) {
        0 => "nearly ",
        1 => "about ",
        _ => "",
    };
    match rng.below(4) {
        0 => format!("{hedge}{v}%"),
        1 => format!("{hedge}{v} percent"),
        2 => format!("{hedge}{v} per cent"),
        _ if tenths % 10 == 0 && tenths < 1000 => {
            format!("{hedge}{} percent", number_words(tenths / 10))
        }
        _ => format!("{hedge}{v}%"),
    }
}

fn render_date(rng: &mut Rng, day: i64, published: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    let diff = published - day;
    match rng.below(7) {
        0 if diff == 1 => "yesterday".to_string(),
        1 if (0..7).contains(&diff) => format!("on {}", weekday(day)),
        2 if diff == 0 => "early today".to_string(),
        3 => format!("on {} {d}", MONTHS[m as usize - 1]),
        4 => format!("on {d} {}", MONTHS[m as usize - 1]),
        5 => format!("on {} {d}, {y}", MONTHS[m as usize - 1]),
        _ => format!("on {} {d}", MONTHS_AP[m as usize - 1]),
    }
}

fn render_time(rng: &mut Rng, minutes: u64) -> String {
    let (h, m) = (minutes / 60 % 24, minutes % 60);
    let h12 = if h % 12 == 0 { 12 } else { h % 12 };
    let ampm = if h < 12 { "a.m." } else { "p.m." };
    match rng.below(6) {
        0 => format!("at {h:02}:{m:02}"),
        1 if m == 0 => format!("at about {h12} {ampm}"),
        2 if h == 0 && m < 30 => "shortly after midnight".to_string(),
        3 if h == 12 && m == 0 => "at noon".to_string(),
        4 => format!("shortly before {h12}:{m:02} {ampm}"),
        _ => format!("at {h12}:{m:02} {ampm}"),
    }
}

/// Render one figure value; `published` resolves relative dates.
pub fn render_figure(rng: &mut Rng, kind: FigKind, value: u64, published: i64) -> String {
    match kind {
        FigKind::Count => render_count(rng, value, true),
        FigKind::Money(c) => render_money(rng, value, c),
        FigKind::Percent => render_percent(rng, value),
        FigKind::Magnitude => {
            let v = format!("{}.{}", value / 10, value % 10);
            match rng.below(3) {
                0 => format!("magnitude {v}"),
                1 => format!("{v}-magnitude"),
                _ => format!("magnitude-{v}"),
            }
        }
        FigKind::Km => match rng.below(3) {
            0 => format!("{value} kilometres"),
            1 => format!("{value} km"),
            _ => format!("about {} miles", (value as f64 / 1.609).round() as u64),
        },
        FigKind::Kg => match rng.below(4) {
            0 if value >= 1000 => format!("{} tonnes", trim_float(value as f64 / 1000.0)),
            1 => format!("{} kilograms", with_commas(value)),
            2 => format!(
                "{} pounds",
                with_commas((value as f64 * 2.2046).round() as u64)
            ),
            _ => format!("{} kg", with_commas(value)),
        },
        FigKind::Minutes => match rng.below(4) {
            0 if value % 60 == 0 => format!("{} hours", number_words(value / 60)),
            1 => format!("{} minutes", number_words(value)),
            2 if value == 15 => "a quarter of an hour".to_string(),
            _ => format!("{value} minutes"),
        },
        FigKind::Kmh => match rng.below(3) {
            0 => format!("{value} km/h"),
            1 => format!("{} mph", (value as f64 / 1.609).round() as u64),
            _ => format!("{value} kilometres per hour"),
        },
        FigKind::Date => render_date(rng, value as i64, published),
        FigKind::Time => render_time(rng, value),
    }
}

/// One subject a story reports, with the sentence frames that carry it. `{F}` is the
/// figure, `{P}` the place, `{E}` the event noun, `{W}` the event's weekday.
pub struct SubjectSpec {
    pub key: &'static str,
    pub kind: FigKind,
    /// Plausible range of the true value (in the kind's base unit).
    pub lo: u64,
    pub hi: u64,
    pub frames: &'static [&'static str],
}

const fn subject(
    key: &'static str,
    kind: FigKind,
    lo: u64,
    hi: u64,
    frames: &'static [&'static str],
) -> SubjectSpec {
    SubjectSpec {
        key,
        kind,
        lo,
        hi,
        frames,
    }
}

const KILLED: SubjectSpec = subject(
    "killed",
    FigKind::Count,
    2,
    60,
    &[
        "{F} people were killed in the {E}.",
        "The {E} killed {F} people, officials said.",
        "The death toll rose to {F} by late {W}.",
        "Authorities confirmed {F} deaths on {W}.",
        "Rescuers recovered {F} bodies from the site.",
    ],
);
const INJURED: SubjectSpec = subject(
    "injured",
    FigKind::Count,
    5,
    300,
    &[
        "{F} people were injured, {F2} of them seriously.",
        "Hospitals in {P} treated {F} people for injuries.",
        "Officials said {F} people were hurt in the {E}.",
        "At the regional hospital, {F} injured residents were admitted overnight.",
    ],
);
const EVACUATED: SubjectSpec = subject(
    "evacuated",
    FigKind::Count,
    200,
    9000,
    &[
        "{F} residents were evacuated from nearby streets.",
        "Police evacuated {F} people as a precaution.",
        "{F} people fled their homes in {P}.",
    ],
);
const MISSING: SubjectSpec = subject(
    "missing",
    FigKind::Count,
    1,
    40,
    &[
        "{F} people remain missing, according to the civil protection agency.",
        "Officials said {F} people were still unaccounted for.",
    ],
);
const FIREFIGHTERS: SubjectSpec = subject(
    "deployed: firefighters",
    FigKind::Count,
    20,
    400,
    &[
        "{F} firefighters were deployed to the scene.",
        "Crews of {F} firefighters battled the blaze through the night.",
    ],
);
const DAMAGE: SubjectSpec = subject(
    "damage",
    FigKind::Money(0),
    2_000_000,
    900_000_000,
    &[
        "Insurers put the damage at {F}.",
        "Early estimates of the damage reached {F}.",
    ],
);
const AID: SubjectSpec = subject(
    "aid",
    FigKind::Money(1),
    1_000_000,
    80_000_000,
    &[
        "The regional government pledged {F} in emergency aid.",
        "An aid package worth {F} was approved on {W}.",
    ],
);
const HOMES: SubjectSpec = subject(
    "destroyed: homes",
    FigKind::Count,
    10,
    2500,
    &[
        "{F} homes were destroyed.",
        "The water destroyed {F} homes along the river.",
    ],
);
const MAGNITUDE: SubjectSpec = subject(
    "magnitude",
    FigKind::Magnitude,
    48,
    79,
    &[
        "The {F} quake struck near {P}.",
        "Seismologists measured the tremor at {F}.",
    ],
);
const DEPTH: SubjectSpec = subject(
    "depth",
    FigKind::Km,
    5,
    80,
    &[
        "The quake was centred at a depth of {F}.",
        "Its epicentre lay {F} below the surface.",
    ],
);
const BUILDINGS: SubjectSpec = subject(
    "damaged: buildings",
    FigKind::Count,
    30,
    3000,
    &[
        "{F} buildings were damaged.",
        "Inspectors found {F} damaged buildings in the old town.",
    ],
);
const TURNOUT: SubjectSpec = subject(
    "turnout",
    FigKind::Percent,
    380,
    820,
    &[
        "Turnout was {F}.",
        "Officials put turnout at {F}, up from the last election.",
    ],
);
const VOTE_SHARE: SubjectSpec = subject(
    "vote share",
    FigKind::Percent,
    310,
    620,
    &[
        "The winner took {F} of the vote.",
        "With most ballots counted, the incumbent had {F} of the vote.",
    ],
);
const FINE: SubjectSpec = subject(
    "fine",
    FigKind::Money(2),
    50_000,
    40_000_000,
    &[
        "The court imposed a fine of {F}.",
        "The company was ordered to pay a {F} fine.",
    ],
);
const ARRESTED: SubjectSpec = subject(
    "arrested",
    FigKind::Count,
    2,
    90,
    &[
        "Police arrested {F} people.",
        "{F} suspects were detained in overnight raids.",
        "Officers said {F} people were in custody.",
    ],
);
const COCAINE: SubjectSpec = subject(
    "weight: cocaine",
    FigKind::Kg,
    150,
    9000,
    &[
        "Customs officers seized {F} of cocaine.",
        "The shipment held {F} of cocaine hidden in fruit crates.",
    ],
);
const EXPORTS: SubjectSpec = subject(
    "exports change",
    FigKind::Percent,
    5,
    190,
    &[
        "Exports fell {F} compared with the previous quarter.",
        "The statistics office said exports dropped {F}.",
    ],
);
const UNEMPLOYMENT: SubjectSpec = subject(
    "unemployment rate",
    FigKind::Percent,
    31,
    149,
    &[
        "The unemployment rate stood at {F}.",
        "Unemployment reached {F} in the region.",
    ],
);
const WIND: SubjectSpec = subject(
    "speed",
    FigKind::Kmh,
    90,
    260,
    &[
        "Winds reached {F} as the storm made landfall.",
        "Gusts of up to {F} tore roofs from houses.",
    ],
);
const OUTAGE: SubjectSpec = subject(
    "without power: households",
    FigKind::Count,
    2000,
    400_000,
    &[
        "{F} households were left without power.",
        "The utility said {F} homes had no electricity on {W}.",
    ],
);
const CALL: SubjectSpec = subject(
    "duration: call",
    FigKind::Minutes,
    10,
    120,
    &[
        "The two leaders spoke by phone for {F}.",
        "Officials said the call lasted {F}.",
    ],
);
const EVENT_TIME: SubjectSpec = subject(
    "event time",
    FigKind::Time,
    0,
    1439,
    &[
        "The {E} began {F}, witnesses said.",
        "Emergency services were alerted {F}.",
    ],
);
const EVENT_DATE: SubjectSpec = subject(
    "event date",
    FigKind::Date,
    0,
    0,
    &[
        "The {E} happened {F}.",
        "It started {F} in the east of {P}.",
    ],
);

/// A kind of event with its subjects, roles and quotes.
pub struct EventKind {
    pub noun: &'static str,
    pub headline: &'static str,
    pub subjects: &'static [&'static SubjectSpec],
    pub roles: &'static [&'static str],
    pub quotes: &'static [&'static str],
}

pub const EVENTS: &[EventKind] = &[
    EventKind {
        noun: "warehouse fire",
        headline: "Deadly warehouse fire in {P}",
        subjects: &[&KILLED, &INJURED, &FIREFIGHTERS, &DAMAGE, &EVACUATED, &EVENT_TIME, &EVENT_DATE],
        roles: &["Fire Chief", "Mayor", "Police Commissioner", "Dr."],
        quotes: &[
            "The building was fully engulfed when our crews arrived, and we are still searching the upper floors",
            "We have never seen a fire spread this fast in {P}",
            "Every family affected by this tragedy will have a roof over its head tonight",
            "The sprinklers had been reported broken twice this year",
        ],
    },
    EventKind {
        noun: "flood",
        headline: "Floods sweep through {P}",
        subjects: &[&KILLED, &MISSING, &EVACUATED, &HOMES, &AID, &EVENT_DATE],
        roles: &["Governor", "Civil Protection Director", "Mayor", "Gov."],
        quotes: &[
            "The river rose faster than any model predicted",
            "We are asking everyone in the lower town to move to higher ground now",
            "This aid is only the first step in rebuilding {P}",
            "Some villages can still only be reached by boat",
        ],
    },
    EventKind {
        noun: "earthquake",
        headline: "Earthquake shakes {P}",
        subjects: &[&MAGNITUDE, &DEPTH, &KILLED, &INJURED, &BUILDINGS, &EVENT_TIME],
        roles: &["Interior Minister", "Seismologist", "Mayor", "Health Minister"],
        quotes: &[
            "The shaking lasted long enough for people to run into the streets",
            "Aftershocks are likely for several days, and people should stay out of damaged buildings",
            "Our hospitals are coping, but we need blood donors",
            "We expect the number of damaged buildings to grow as inspections continue",
        ],
    },
    EventKind {
        noun: "election",
        headline: "Voters in {P} choose a new council",
        subjects: &[&TURNOUT, &VOTE_SHARE, &EVENT_DATE],
        roles: &["Electoral Commissioner", "Sen.", "Mayor-elect", "party spokesperson"],
        quotes: &[
            "The people of {P} have asked for change and we will deliver it",
            "Counting went smoothly in every district",
            "We accept the result and will hold the new council to its promises",
        ],
    },
    EventKind {
        noun: "trial",
        headline: "Court rules in {P} pollution case",
        subjects: &[&FINE, &ARRESTED, &EVENT_DATE],
        roles: &["Judge", "Prosecutor", "defence lawyer", "Environment Minister"],
        quotes: &[
            "This ruling sends a clear message to every company operating on the river",
            "My client will appeal",
            "The evidence of dumping was overwhelming",
        ],
    },
    EventKind {
        noun: "drug seizure",
        headline: "Record cocaine haul at {P} port",
        subjects: &[&COCAINE, &ARRESTED, &DAMAGE, &EVENT_DATE],
        roles: &["Customs Director", "Police Commissioner", "Interior Minister"],
        quotes: &[
            "This is the largest seizure in the history of the port",
            "The network used fruit exporters as cover",
            "More arrests will follow in the coming weeks",
        ],
    },
    EventKind {
        noun: "storm",
        headline: "Storm batters {P}",
        subjects: &[&WIND, &OUTAGE, &KILLED, &EVACUATED, &AID],
        roles: &["Energy Minister", "Mayor", "meteorologist", "Gov."],
        quotes: &[
            "Crews are working around the clock to restore power",
            "Stay indoors until the all-clear is given",
            "The storm surge was higher than anything recorded here",
        ],
    },
    EventKind {
        noun: "economic report",
        headline: "{P} exports slide as demand cools",
        subjects: &[&EXPORTS, &UNEMPLOYMENT, &AID],
        roles: &["Finance Minister", "central bank governor", "economist", "Trade Secretary"],
        quotes: &[
            "The slowdown is real but it is not a recession",
            "Manufacturers in {P} are feeling the pinch first",
            "We will not raise taxes to close this gap",
        ],
    },
    EventKind {
        noun: "summit call",
        headline: "Leaders talk by phone ahead of {P} summit",
        subjects: &[&CALL, &EVENT_DATE],
        roles: &["Foreign Minister", "Foreign Affairs Secretary", "President", "Prime Minister"],
        quotes: &[
            "The call was frank and constructive",
            "We agreed to meet in {P} before the end of the month",
        ],
    },
];

// ---------------------------------------------------------------------------------------
// Filler prose: a small grammar with many slots.

const ADJS: &[&str] = &[
    "narrow",
    "crowded",
    "quiet",
    "old",
    "new",
    "temporary",
    "municipal",
    "regional",
    "coastal",
    "northern",
    "southern",
    "busy",
    "flooded",
    "historic",
    "rebuilt",
    "private",
    "public",
    "damaged",
    "empty",
    "local",
    "disputed",
    "modest",
    "vast",
    "central",
    "rural",
];
const NOUNS: &[&str] = &[
    "market",
    "school",
    "clinic",
    "bridge",
    "harbour",
    "square",
    "road",
    "railway line",
    "library",
    "council",
    "union",
    "cooperative",
    "ferry service",
    "bakery",
    "stadium",
    "neighbourhood",
    "warehouse",
    "depot",
    "canal",
    "church",
    "museum",
    "plaza",
    "shelter",
    "orchard",
    "factory",
    "tram line",
    "community centre",
    "fish market",
    "water tower",
];
const GROUPS: &[&str] = &[
    "residents",
    "shopkeepers",
    "volunteers",
    "teachers",
    "fishermen",
    "commuters",
    "officials",
    "students",
    "farmers",
    "engineers",
    "neighbours",
    "nurses",
    "drivers",
    "inspectors",
];
const VERBS_PAST: &[&str] = &[
    "visited",
    "closed",
    "reopened",
    "inspected",
    "criticised",
    "praised",
    "surrounded",
    "blocked",
    "cleared",
    "repaired",
    "questioned",
    "supported",
    "described",
    "mapped",
    "guarded",
    "rebuilt",
    "promised to fund",
    "asked about",
    "photographed",
    "avoided",
];
const CONNECTORS: &[&str] = &[
    "while",
    "although",
    "after",
    "before",
    "because",
    "as",
    "even though",
    "since",
];
const TIME_PHRASES: &[&str] = &[
    "earlier in the week",
    "over the weekend",
    "late in the evening",
    "for most of the morning",
    "in recent months",
    "during the previous winter",
    "for years",
    "on several occasions",
    "last spring",
    "throughout the afternoon",
];
const SPEECH: &[&str] = &[
    "said",
    "told reporters",
    "added",
    "explained",
    "noted",
    "recalled",
];

// ---------------------------------------------------------------------------------------
// People and places of a story.

#[derive(Clone, Debug)]
pub struct Person {
    pub first: String,
    pub last: String,
    pub role: &'static str,
}

impl Person {
    pub fn full(&self) -> String {
        format!("{} {}", self.first, self.last)
    }
}

fn invent_person(rng: &mut Rng, role: &'static str) -> Person {
    let first = rng.pick(FIRST_NAMES).to_string();
    let mut last = rng.pick(LAST_NAMES).to_string();
    if rng.chance(0.12) {
        let p = rng.pick(PARTICLES);
        last = if p.ends_with('-') || p.ends_with('\'') {
            format!("{p}{last}")
        } else {
            format!("{p} {last}")
        };
    } else if rng.chance(0.15) {
        last = format!("{last} {}", rng.pick(LAST_NAMES));
    }
    Person { first, last, role }
}

fn invent_place(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(PLACE_HEADS), rng.pick(PLACE_TAILS))
}

/// One filler sentence about `place`, mentioning `people` now and then.
fn filler_sentence(rng: &mut Rng, place: &str, people: &[Person], out: &mut String) {
    let np = |rng: &mut Rng| -> String {
        match rng.below(4) {
            0 => format!("the {} {}", rng.pick(ADJS), rng.pick(NOUNS)),
            1 => format!("{} of {}", rng.pick(GROUPS), place),
            2 => format!("the {} near the {}", rng.pick(NOUNS), rng.pick(NOUNS)),
            _ => format!("a {} {}", rng.pick(ADJS), rng.pick(NOUNS)),
        }
    };
    let subject = match rng.below(5) {
        0 if !people.is_empty() => rng.pick(people).last.clone(),
        1 => format!(
            "{} {}",
            capitalise(rng.pick::<&str>(ADJS)),
            rng.pick(GROUPS)
        ),
        _ => capitalise(&np(rng)),
    };
    let verb = rng.pick(VERBS_PAST);
    let object = np(rng);
    let _ = write!(out, "{subject} {verb} {object} {}", rng.pick(TIME_PHRASES));
    match rng.below(7) {
        0 => {
            let _ = write!(
                out,
                ", {} {} {} {}",
                rng.pick(CONNECTORS),
                np(rng),
                rng.pick(VERBS_PAST),
                np(rng)
            );
        }
        1 => {
            // Numbers that are not figures: names, ordinals, scores, years.
            let _ = match rng.below(5) {
                0 => write!(out, " on Route {}", rng.range(1, 99)),
                1 => write!(
                    out,
                    " on the {} floor",
                    ["second", "third", "fourth", "ninth"][rng.below(4)]
                ),
                2 => write!(
                    out,
                    " after the local side won {}-{}",
                    rng.range(1, 4),
                    rng.range(0, 3)
                ),
                3 => write!(out, ", a building completed in {}", rng.range(1890, 2015)),
                _ => write!(out, " near Terminal {}", rng.range(1, 5)),
            };
        }
        2 if !people.is_empty() => {
            let p = rng.pick(people);
            let _ = write!(out, ", {} {}", p.full(), rng.pick(SPEECH));
        }
        _ => {}
    }
    out.push_str(". ");
}

fn filler_paragraph(rng: &mut Rng, place: &str, people: &[Person], out: &mut String) {
    let n = rng.range(2, 5);
    for _ in 0..n {
        filler_sentence(rng, place, people, out);
    }
    trim_end_space(out);
    out.push_str("\n\n");
}

fn trim_end_space(s: &mut String) {
    while s.ends_with(' ') {
        s.pop();
    }
}

// ---------------------------------------------------------------------------------------
// Stories and articles.

/// A reported fact of a story: its subject, the true value and, when planted, the value a
/// minority of outlets report instead.
struct Fact {
    spec: &'static SubjectSpec,
    value: u64,
    disputed: Option<u64>,
}

struct Story {
    id: usize,
    event: &'static EventKind,
    place: String,
    region: &'static str,
    day: i64,
    people: Vec<Person>,
    facts: Vec<Fact>,
    quotes: Vec<(String, usize)>,
    /// Outlets, in article order (a story never has two articles of one outlet… mostly).
    outlets: Vec<usize>,
    /// Outlets (by position in `outlets`) that report the disputed values.
    dissenters: Vec<bool>,
}

/// A generated article: where to write it and its text.
pub struct Article {
    pub rel_path: String,
    pub text: String,
    pub story: usize,
}

/// Streams the articles of a synthetic corpus, deterministically from a seed.
pub struct Corpus {
    rng: Rng,
    total: usize,
    emitted: usize,
    next_story_id: usize,
    current: Option<(Story, usize)>,
    wire: Story,
    wire_emitted: usize,
}

/// Every how many articles one is a reprint of the wire story (4 %).
pub const WIRE_EVERY: usize = 25;
const BASE_DAY: i64 = 20_454; // 2026-01-01

impl Corpus {
    pub fn new(total: usize, seed: u64) -> Corpus {
        let mut rng = Rng::new(seed);
        let mut wire_rng = rng.fork(u64::MAX);
        let wire = invent_story(&mut wire_rng, 0, &EVENTS[0], usize::MAX);
        Corpus {
            rng,
            total,
            emitted: 0,
            next_story_id: 1,
            current: None,
            wire,
            wire_emitted: 0,
        }
    }

    /// Generate everything into memory (for in-process benchmarks on small corpora).
    pub fn collect(total: usize, seed: u64) -> Vec<Article> {
        Corpus::new(total, seed).collect::<Vec<_>>()
    }
}

impl Iterator for Corpus {
    type Item = Article;
    fn next(&mut self) -> Option<Article> {
        if self.emitted >= self.total {
            return None;
        }
        let index = self.emitted;
        self.emitted += 1;
        let mut rng = self.rng.fork(index as u64);
        let text = if index % WIRE_EVERY == WIRE_EVERY / 2 {
            let k = self.wire_emitted;
            self.wire_emitted += 1;
            wire_reprint(&mut rng, &self.wire, k)
        } else {
            let need_new = match &self.current {
                Some((s, k)) => *k >= s.outlets.len(),
                None => true,
            };
            if need_new {
                let id = self.next_story_id;
                self.next_story_id += 1;
                let mut srng = self.rng.fork(0x5702 ^ id as u64);
                let event = srng.pick(EVENTS);
                let size = srng.range(5, 20) as usize;
                self.current = Some((invent_story(&mut srng, id, event, size), 0));
            }
            let (story, k) = self.current.as_mut().expect("story set above");
            let slot = *k;
            *k += 1;
            write_article(&mut rng, story, slot)
        };
        let story = if index % WIRE_EVERY == WIRE_EVERY / 2 {
            0
        } else {
            self.current.as_ref().map_or(0, |(s, _)| s.id)
        };
        let outlet_slug = outlet_slug_in(&text);
        let ext = if text.starts_with("---\n") {
            "md"
        } else {
            "txt"
        };
        Some(Article {
            rel_path: format!("{:03}/{index:06}-{outlet_slug}.{ext}", index / 1000),
            text,
            story,
        })
    }
}

/// The file name part for an article: cheap, from a marker the writer leaves nowhere else —
/// we simply take the slug of the outlet whose name appears first in the text.
fn outlet_slug_in(text: &str) -> &'static str {
    let head = text.get(..text.len().min(400)).unwrap_or(text);
    OUTLETS
        .iter()
        .filter_map(|o| head.find(o.name).map(|i| (i, o.slug)))
        .min()
        .map_or("misc", |(_, s)| s)
}

fn invent_story(rng: &mut Rng, id: usize, event: &'static EventKind, size: usize) -> Story {
    let place = invent_place(rng);
    let region = *rng.pick(REGIONS);
    let day = BASE_DAY + rng.range(0, 330) as i64;
    let mut people: Vec<Person> = event.roles.iter().map(|r| invent_person(rng, r)).collect();
    for _ in 0..rng.range(0, 2) {
        people.push(invent_person(rng, "witness"));
    }
    let facts: Vec<Fact> = event
        .subjects
        .iter()
        .map(|spec| {
            let value = match spec.kind {
                FigKind::Date => day as u64,
                _ => rng.range(spec.lo, spec.hi),
            };
            Fact {
                spec,
                value,
                disputed: None,
            }
        })
        .collect();
    let mut story = Story {
        id,
        event,
        place,
        region,
        day,
        people,
        facts,
        quotes: Vec::new(),
        outlets: Vec::new(),
        dissenters: Vec::new(),
    };
    // Plant one or two disagreements: a different value for the same subject.
    let planted = if rng.chance(0.7) { 1 } else { 2 };
    for _ in 0..planted {
        let i = rng.below(story.facts.len());
        let f = &mut story.facts[i];
        f.disputed = Some(disputed_value(rng, f.spec.kind, f.value));
    }
    let nq = rng.range(2, event.quotes.len().min(4) as u64) as usize;
    for q in 0..nq {
        let text = event.quotes[(q + rng.below(event.quotes.len())) % event.quotes.len()]
            .replace("{P}", &story.place);
        let speaker = rng.below(story.people.len());
        story.quotes.push((text, speaker));
    }
    if size == usize::MAX {
        return story;
    }
    let start = rng.below(OUTLETS.len());
    story.outlets = (0..size)
        .map(|k| (start + k * 7 + k / OUTLETS.len()) % OUTLETS.len())
        .collect();
    story.dissenters = (0..size).map(|_| rng.chance(0.3)).collect();
    story
}

fn disputed_value(rng: &mut Rng, kind: FigKind, v: u64) -> u64 {
    match kind {
        FigKind::Date => v + 1,
        FigKind::Time => (v + 60 + rng.range(0, 60)) % 1440,
        FigKind::Percent | FigKind::Magnitude => v + rng.range(8, 40),
        FigKind::Count if v < 20 => v + rng.range(2, 6),
        _ => v + v / 3 + 1,
    }
}

/// Publication day and minute of an article reporting on `story`.
fn publication(rng: &mut Rng, story_day: i64, slot: usize) -> (i64, u64) {
    let day = story_day + (slot as i64 / 6).min(3) + rng.range(0, 1) as i64;
    (day, rng.range(6 * 60, 23 * 60))
}

fn write_metadata(
    out: &mut String,
    rng: &mut Rng,
    o: &Outlet,
    headline: &str,
    day: i64,
    minute: u64,
    author: &Person,
) {
    let (y, m, d) = civil_from_days(day);
    let (hh, mm) = (minute / 60, minute % 60);
    match o.style {
        MetaStyle::FrontMatter => {
            let _ = write!(
                out,
                "---\noutlet: {}\npublished: {y}-{m:02}-{d:02}T{hh:02}:{mm:02}\ntitle: \"{headline}\"\nauthor: {}\n---\n\n",
                o.name,
                author.full()
            );
        }
        MetaStyle::DateLine => {
            let _ = write!(
                out,
                "{}\n{} {d}, {y}\n\n{headline}\n\nBy {}\n\n",
                o.name,
                MONTHS[m as usize - 1],
                author.full()
            );
        }
        MetaStyle::Dateline => {
            // Wire pages usually carry a time stamp under the headline; some copies lose it
            // (the dateline then has no year: a realistic "no publication date" problem).
            let _ = write!(out, "{headline}\n\n");
            if rng.chance(0.75) {
                let _ = write!(
                    out,
                    "{} {d}, {y} {hh:02}:{mm:02} UTC\n\n",
                    MONTHS[m as usize - 1]
                );
            }
        }
        MetaStyle::UrlHeader => {
            let slug: String = headline
                .to_lowercase()
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                .collect();
            let _ = write!(
                out,
                "https://www.{}/{y}/{m:02}/{d:02}/{slug}/\n{headline}{}\nPublished: {} {d}, {y} {}:{mm:02} {}\n\n",
                o.domain,
                // Half the scraped pages keep the site name in the title.
                if rng.chance(0.5) { format!(" | {}", o.name) } else { String::new() },
                MONTHS[m as usize - 1],
                if hh % 12 == 0 { 12 } else { hh % 12 },
                if hh < 12 { "AM" } else { "PM" }
            );
        }
    }
    if rng.chance(0.3) {
        out.push_str(rng.pick::<&str>(&[
            "Skip to content\n\n",
            "Menu | Search | Sign in\n\n",
            "Breaking News\n\n",
        ]));
    }
}

fn dateline_prefix(o: &Outlet, place: &str, day: i64) -> String {
    if o.style != MetaStyle::Dateline {
        return String::new();
    }
    let (_, m, d) = civil_from_days(day);
    format!(
        "{}, {} {d} ({}) — ",
        place.to_uppercase(),
        MONTHS_AP[m as usize - 1],
        o.name
    )
}

fn noise_line(rng: &mut Rng, o: &Outlet, people: &[Person]) -> String {
    match rng.below(10) {
        0 => "Advertisement".to_string(),
        1 => "Share on Facebook | Share on X | Email".to_string(),
        2 => format!("Subscribe to the {} morning newsletter", o.name),
        3 => format!("Photo: {} / {}", rng.pick(people).full(), o.name),
        4 => format!("{} comments", rng.range(2, 480)),
        5 => format!("{}.{}K shares", rng.range(1, 9), rng.range(1, 9)),
        6 => format!("Related: {} residents count the cost", invent_place(rng)),
        7 => "Read more:".to_string(),
        8 => format!("Call our tip line on 555-{:04}", rng.range(0, 9999)),
        _ => "Continue reading below".to_string(),
    }
}

fn fill_frame(rng: &mut Rng, frame: &str, fig: &str, story: &Story, published: i64) -> String {
    let secondary = with_commas(rng.range(1, 9));
    let _ = published;
    frame
        .replace("{F2}", &secondary)
        .replace("{F}", fig)
        .replace("{P}", &story.place)
        .replace("{E}", story.event.noun)
        .replace("{W}", weekday(story.day))
}

fn quote_sentence(rng: &mut Rng, text: &str, p: &Person, first_mention: bool) -> String {
    // Capitalised roles are titles before the name; others are appositions after it.
    let titled = p.role.chars().next().is_some_and(char::is_uppercase);
    let title_name = match (first_mention, titled) {
        (false, _) => p.last.clone(),
        (true, true) => format!("{} {}", p.role, p.full()),
        (true, false) => format!("{}, a {},", p.full(), p.role),
    };
    let title_name_end = title_name.trim_end_matches(',').to_string();
    let text = if rng.chance(0.15) {
        // A light rewording, as outlets do.
        text.replacen("we are", "we're", 1)
            .replacen(" and ", ", and ", 1)
    } else {
        text.to_string()
    };
    match rng.below(5) {
        0 => format!("“{text},” {title_name} said."),
        1 => format!("{title_name} told reporters: “{text}.”"),
        2 => format!("\"{text},\" said {title_name_end}."),
        3 => format!("According to {title_name_end}, {}.", lower_first(&text)),
        _ => format!("{title_name} said that {}.", lower_first(&text)),
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) if !s.starts_with("I ") => f.to_lowercase().collect::<String>() + c.as_str(),
        Some(f) => f.to_string() + c.as_str(),
        None => String::new(),
    }
}

/// Target article size in bytes: 2–8 KB, skewed small (mean ≈ 3 KB).
fn target_size(rng: &mut Rng) -> usize {
    1900 + (rng.f64().powi(4) * 6000.0) as usize
}

fn write_article(rng: &mut Rng, story: &Story, slot: usize) -> String {
    let o = &OUTLETS[story.outlets[slot]];
    let dissent = story.dissenters[slot];
    let (day, minute) = publication(rng, story.day, slot);
    let author = invent_person(rng, "reporter");
    let headline = story.event.headline.replace("{P}", &story.place);
    let target = target_size(rng);
    let mut out = String::with_capacity(target + 512);
    write_metadata(&mut out, rng, o, &headline, day, minute, &author);
    let body_start = out.len();

    // Lede: the event, its place and the first two facts.
    out.push_str(&dateline_prefix(o, &story.place, day));
    let _ = write!(
        out,
        "A {} struck {} in {} {}. ",
        story.event.noun,
        story.place,
        story.region,
        render_date(rng, story.day, day)
    );
    let mut facts: Vec<usize> = (0..story.facts.len()).collect();
    // Each outlet reports most facts, in its own order.
    for i in (1..facts.len()).rev() {
        facts.swap(i, rng.below(i + 1));
    }
    let mut mentioned = vec![false; story.people.len()];
    let mut para_sentences = 1;
    for &fi in &facts {
        if rng.chance(0.15) {
            continue;
        }
        let f = &story.facts[fi];
        let v = match (dissent, f.disputed) {
            (true, Some(d)) => d,
            _ => f.value,
        };
        let fig = render_figure(rng, f.spec.kind, v, day);
        let frame = rng.pick(f.spec.frames);
        let s = fill_frame(rng, frame, &fig, story, day);
        out.push_str(&capitalise(&s));
        out.push(' ');
        para_sentences += 1;
        if para_sentences >= 3 || rng.chance(0.3) {
            trim_end_space(&mut out);
            out.push_str("\n\n");
            para_sentences = 0;
            // Quotes sit between fact paragraphs.
            if rng.chance(0.6) {
                let (q, who) = &story.quotes[rng.below(story.quotes.len())];
                let p = &story.people[*who];
                out.push_str(&quote_sentence(rng, q, p, !mentioned[*who]));
                mentioned[*who] = true;
                out.push_str("\n\n");
            }
            if rng.chance(0.25) {
                out.push_str(&noise_line(rng, o, &story.people));
                out.push_str("\n\n");
            }
        }
    }
    trim_end_space(&mut out);
    if !out.ends_with("\n\n") {
        out.push_str("\n\n");
    }
    // People with titles and roles, then filler prose up to the target size.
    for (i, p) in story.people.iter().enumerate() {
        if !mentioned[i] && rng.chance(0.6) {
            let who = if p.role.chars().next().is_some_and(char::is_uppercase) {
                format!("{} {}", p.role, p.full())
            } else {
                format!("{}, a {},", p.full(), p.role)
            };
            let _ = writeln!(
                out,
                "{who} visited the site and met {} of {}.\n",
                rng.pick(GROUPS),
                story.place
            );
        }
    }
    while out.len() - body_start < target {
        filler_paragraph(rng, &story.place, &story.people, &mut out);
        if rng.chance(0.15) {
            out.push_str(&noise_line(rng, o, &story.people));
            out.push_str("\n\n");
        }
    }
    if rng.chance(0.5) {
        let _ = writeln!(
            out,
            "© {} {}. All rights reserved.",
            civil_from_days(day).0,
            o.name
        );
    }
    out
}

/// The wire agency's story about one event, reprinted by 4 % of the corpus: the same
/// paragraphs and the same quote everywhere, each outlet adding its own header and sometimes
/// a paragraph of its own. The reprints are spread over two weeks so the earliest matters.
fn wire_reprint(rng: &mut Rng, wire: &Story, k: usize) -> String {
    let oi = if k == 0 {
        WIRE_OUTLET
    } else {
        (k * 5 + k / 7) % OUTLETS.len()
    };
    let o = &OUTLETS[oi];
    let day = wire.day + (k as i64 % 14);
    let minute = 6 * 60 + (k as u64 * 37) % (16 * 60);
    let author = invent_person(rng, "reporter");
    let headline = wire.event.headline.replace("{P}", &wire.place);
    let mut out = String::with_capacity(4096);
    write_metadata(&mut out, rng, o, &headline, day, minute, &author);
    out.push_str(&dateline_prefix(o, &wire.place, day));
    // The wire text is fixed: seeded from the wire story only.
    let mut wrng = Rng::new(0x00C0_FFEE ^ wire.place.len() as u64);
    let _ = write!(
        out,
        "A {} tore through an industrial district of {} in {} on {}, the {} reported. ",
        wire.event.noun,
        wire.place,
        wire.region,
        weekday(wire.day),
        OUTLETS[WIRE_OUTLET].name
    );
    for f in &wire.facts {
        // One outlet in ten rounds the death toll differently: a planted disagreement.
        let v = if f.spec.key == "killed" && k % 10 == 3 {
            f.value + 2
        } else {
            f.value
        };
        // A forked generator per figure keeps the rest of the text identical when one
        // value differs.
        let mut frng = wrng.fork(0xF1);
        let fig = render_figure(&mut frng, f.spec.kind, v, wire.day);
        let frame = f.spec.frames[0];
        out.push_str(&capitalise(&fill_frame(
            &mut wrng, frame, &fig, wire, wire.day,
        )));
        out.push(' ');
    }
    out.push_str("\n\n");
    let (q, who) = &wire.quotes[0];
    let p = &wire.people[*who];
    let _ = write!(
        out,
        "“{q},” {} {} told the {}.\n\n",
        p.role,
        p.full(),
        OUTLETS[WIRE_OUTLET].name
    );
    let wire_people = wire.people.clone();
    for _ in 0..4 {
        filler_paragraph(&mut wrng, &wire.place, &wire_people, &mut out);
    }
    if k > 0 && rng.chance(0.5) {
        // The reprinting outlet's own paragraph.
        filler_paragraph(rng, &wire.place, &wire_people, &mut out);
    }
    if rng.chance(0.4) {
        out.push_str(&noise_line(rng, o, &wire.people));
        out.push('\n');
    }
    out
}
