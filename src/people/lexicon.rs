//! Word lists for the rule-based person recogniser. Every entry is folded (lowercase,
//! accents removed, no trailing period) so lookups take `crate::text::fold` output.
//! Sets are built once ([`OnceLock`]) from the static slices below.
//!
//! Decisions: lists are short and hand-written (no data files at run time); a word in
//! several lists is resolved by the recogniser's order of checks (stopwords first, then
//! organisation heads, then titles, then first names).

use crate::text::FxHashMap;
use std::sync::OnceLock;

/// Which lists a word is in, one bit per list ([`flags`]).
pub type Flags = u32;

// One bit per list below.
const B_FIRST_NAMES: Flags = 1 << 0;
const B_FAMILY_FIRST: Flags = 1 << 1;
const B_HONORIFICS: Flags = 1 << 2;
const B_TITLES: Flags = 1 << 3;
const B_OCCUPATIONS: Flags = 1 << 4;
const B_RELATION_HEADS: Flags = 1 << 5;
const B_TITLE_MODIFIERS: Flags = 1 << 6;
const B_NATIONALITIES: Flags = 1 << 7;
const B_STOPWORDS: Flags = 1 << 8;
const B_ORG_WORDS: Flags = 1 << 9;
const B_PLACE_STARTERS: Flags = 1 << 10;
const B_PLACES: Flags = 1 << 11;
const B_PARTICLES: Flags = 1 << 12;
const B_CAPITAL_PARTICLES: Flags = 1 << 13;
const B_ENDINGS: Flags = 1 << 14;
const B_ABBREVIATED_TITLES: Flags = 1 << 15;
const B_SPEECH_VERBS: Flags = 1 << 16;

/// Every list with its bit.
fn lists() -> [(&'static [&'static str], Flags); 17] {
    [
        (FIRST_NAMES, B_FIRST_NAMES),
        (FAMILY_FIRST, B_FAMILY_FIRST),
        (HONORIFICS, B_HONORIFICS),
        (TITLES, B_TITLES),
        (OCCUPATIONS, B_OCCUPATIONS),
        (RELATION_HEADS, B_RELATION_HEADS),
        (TITLE_MODIFIERS, B_TITLE_MODIFIERS),
        (NATIONALITIES, B_NATIONALITIES),
        (STOPWORDS, B_STOPWORDS),
        (ORG_WORDS, B_ORG_WORDS),
        (PLACE_STARTERS, B_PLACE_STARTERS),
        (PLACES, B_PLACES),
        (PARTICLES, B_PARTICLES),
        (CAPITAL_PARTICLES, B_CAPITAL_PARTICLES),
        (ENDINGS, B_ENDINGS),
        (ABBREVIATED_TITLES, B_ABBREVIATED_TITLES),
        (SPEECH_VERBS, B_SPEECH_VERBS),
    ]
}

/// The lists a folded word is in: one hash lookup answers every `is_*` question, so the
/// recogniser looks each token up once and keeps the bits.
///
/// Words of up to 15 bytes (nearly all) are keyed by their bytes packed into a `u128`
/// with the length in the last byte: hashing and comparing a key is then integer work,
/// not a string hash and a `memcmp`. Longer words use a string map.
pub fn flags(word: &str) -> Flags {
    struct Tables {
        short: FxHashMap<u128, Flags>,
        long: FxHashMap<&'static str, Flags>,
    }
    static TABLES: OnceLock<Tables> = OnceLock::new();
    let tables = TABLES.get_or_init(|| {
        let mut t = Tables {
            short: FxHashMap::default(),
            long: FxHashMap::default(),
        };
        for (list, bit) in lists() {
            for w in list {
                match pack(w) {
                    Some(k) => *t.short.entry(k).or_insert(0) |= bit,
                    None => *t.long.entry(*w).or_insert(0) |= bit,
                }
            }
        }
        t
    });
    match pack(word) {
        Some(k) => tables.short.get(&k).copied().unwrap_or(0),
        None => tables.long.get(word).copied().unwrap_or(0),
    }
}

/// The bytes of a word of at most 15 bytes, zero-padded, its length in the last byte: a
/// key that hashes and compares as one integer.
///
/// Hot (every token of every article): built from at most two overlapping word-sized
/// loads instead of a variable-length copy (which compiles to a `memcpy` call).
#[inline]
pub(crate) fn pack(word: &str) -> Option<u128> {
    let b = word.as_bytes();
    let n = b.len();
    if n > 15 {
        return None;
    }
    let bytes = if n >= 8 {
        // two overlapping 8-byte loads: bytes 0..8 and n-8..n
        let lo = u64::from_le_bytes(b.get(..8)?.try_into().ok()?) as u128;
        let hi = u64::from_le_bytes(b.get(n - 8..)?.try_into().ok()?) as u128;
        lo | hi << (8 * (n - 8))
    } else if n >= 4 {
        let lo = u32::from_le_bytes(b.get(..4)?.try_into().ok()?) as u128;
        let hi = u32::from_le_bytes(b.get(n - 4..)?.try_into().ok()?) as u128;
        lo | hi << (8 * (n - 4))
    } else {
        b.iter()
            .enumerate()
            .fold(0u128, |k, (i, &c)| k | (c as u128) << (8 * i))
    };
    Some(bytes | (n as u128) << 120)
}

/// A predicate over [`flags`] and its mask, for words and for cached token flags.
macro_rules! word_set {
    ($fn_name:ident, $mask:ident, $($bit:expr),+) => {
        pub const $mask: Flags = $($bit)|+;
        #[allow(dead_code)]
        pub fn $fn_name(word: &str) -> bool {
            flags(word) & $mask != 0
        }
    };
}

/// Common given names across English, Spanish, Portuguese, Italian, French, German,
/// Dutch, Arabic, Slavic, South and East Asian origins, plus common East Asian family
/// names (written first). Names that are also months ("may", "june", "april") or very
/// common words ("will", "said", "grant") are left out: they need other evidence.
#[rustfmt::skip]
const FIRST_NAMES: &[&str] = &[
    // English
    "james", "john", "robert", "michael", "william", "david", "richard", "joseph",
    "thomas", "charles", "christopher", "daniel", "matthew", "anthony", "mark", "donald",
    "steven", "paul", "andrew", "joshua", "kenneth", "kevin", "brian", "george", "timothy",
    "ronald", "edward", "jason", "jeffrey", "ryan", "jacob", "gary", "nicholas", "eric",
    "jonathan", "stephen", "larry", "justin", "scott", "brandon", "benjamin", "samuel",
    "gregory", "alexander", "frank", "patrick", "raymond", "jack", "dennis", "jerry",
    "tyler", "aaron", "adam", "nathan", "henry", "douglas", "zachary", "peter", "kyle",
    "noah", "ethan", "jeremy", "walter", "christian", "keith", "roger", "terry", "austin",
    "sean", "gerald", "carl", "harold", "dylan", "arthur", "lawrence", "jordan", "jesse",
    "bryan", "billy", "bruce", "gabriel", "joe", "logan", "alan", "albert", "willie",
    "elijah", "wayne", "randy", "vincent", "mason", "roy", "ralph", "bobby", "russell",
    "bradley", "philip", "phillip", "eugene", "liam", "harry", "oliver", "charlie",
    "alfie", "jim", "jimmy", "bill", "bob", "tom", "tommy", "mike", "steve", "dave",
    "chris", "tony", "nick", "rick", "ricky", "ben", "sam", "matt", "dan", "danny", "ted",
    "tim", "greg", "ken", "ron", "jeff", "jon", "johnny", "barack", "hillary", "bernie",
    "kamala", "mitt", "newt", "rudy", "colin", "craig", "derek", "dean", "neil", "ian",
    "graham", "gordon", "stuart", "alastair", "angus", "hamish", "rhys", "gareth", "owen",
    "evan", "lewis", "howard", "marcus", "travis", "troy", "shane", "chad", "brett",
    "todd", "lance", "glenn", "dale", "curtis", "clint", "dwayne", "darren", "wesley",
    "leonard", "stanley", "leon", "floyd", "lloyd", "marvin", "melvin", "herbert",
    "harvey", "barry", "clarence", "earl", "ernest", "francis", "fred", "frederick",
    "gene", "glen", "jay", "joel", "johnathan", "kurt", "lee", "luke", "martin", "max",
    "mitchell", "morgan", "nigel", "norman", "ray", "rex", "robin", "rodney", "ross",
    "seth", "simon", "spencer", "taylor", "trevor", "victor", "warren", "ashton", "kanye",
    "tiger", "kobe", "lebron", "shaquille", "elton", "mick", "ozzy", "bono", "hugh",
    "jude", "orlando", "keanu", "brad", "matthew", "leonardo", "mel", "nicolas", "quentin",
    "woody", "clint", "denzel", "morgan", "vince", "owen",
    // English, female
    "mary", "patricia", "jennifer", "linda", "elizabeth", "barbara", "susan", "jessica",
    "sarah", "karen", "lisa", "nancy", "betty", "margaret", "sandra", "ashley", "kimberly",
    "emily", "donna", "michelle", "carol", "amanda", "dorothy", "melissa", "deborah",
    "stephanie", "rebecca", "sharon", "laura", "cynthia", "kathleen", "amy", "angela",
    "shirley", "anna", "brenda", "pamela", "emma", "nicole", "helen", "samantha",
    "katherine", "christine", "debra", "rachel", "carolyn", "janet", "catherine", "maria",
    "heather", "diane", "ruth", "julie", "olivia", "joyce", "virginia", "victoria",
    "kelly", "lauren", "christina", "joan", "evelyn", "judith", "megan", "andrea",
    "cheryl", "hannah", "jacqueline", "martha", "gloria", "teresa", "ann", "sara",
    "madison", "frances", "kathryn", "janice", "jean", "abigail", "alice", "judy",
    "sophia", "grace", "denise", "amber", "doris", "marilyn", "danielle", "beverly",
    "isabella", "theresa", "diana", "natalie", "brittany", "charlotte", "marie", "kayla",
    "alexis", "lori", "lindsay", "lindsey", "tara", "kate", "jane", "lucy", "sophie",
    "chloe", "ella", "mia", "ava", "amelia", "isla", "poppy", "jessie", "beth", "claire",
    "fiona", "kristen", "kirsten", "britney", "miley", "whitney", "oprah", "beyonce",
    "rihanna", "selena", "demi", "gwyneth", "reese", "scarlett", "nicki", "katy", "lady",
    "madonna", "shakira", "sandra", "meryl", "julia", "angelina", "jennifer", "kim",
    "khloe", "kourtney", "kris", "kendall", "kylie", "paris", "nicky", "eva", "heidi",
    "gisele", "naomi", "kate", "keira", "emma", "sienna", "charlize", "halle", "salma",
    "penelope", "hilary", "condoleezza", "sarah", "nikki", "michele", "jill", "melania",
    "ivanka", "chelsea", "tina", "joanne", "janine", "wendy", "tracy", "tracey", "stacy",
    "kristin", "erin", "molly", "holly", "abby", "ellen", "eleanor", "harriet", "rosemary",
    "sally", "sheila", "valerie", "vanessa", "yvonne", "bridget", "caroline", "cora",
    "daisy", "georgia", "gemma", "imogen", "jasmine", "leah", "lily", "lydia", "maisie",
    "matilda", "phoebe", "rosie", "ruby", "zoe",
    // Spanish, Portuguese, Italian
    "jose", "juan", "luis", "carlos", "jorge", "pedro", "miguel", "manuel", "antonio",
    "francisco", "javier", "fernando", "alejandro", "ricardo", "rafael", "sergio", "pablo",
    "diego", "andres", "eduardo", "raul", "alberto", "roberto", "enrique", "ramon",
    "mario", "hugo", "oscar", "ruben", "ignacio", "emilio", "julio", "cesar", "gonzalo",
    "rodrigo", "santiago", "mateo", "tomas", "joaquin", "felipe", "esteban", "gustavo",
    "guillermo", "alfonso", "arturo", "armando", "ernesto", "jaime", "marcos", "agustin",
    "alvaro", "benito", "cristian", "cristobal", "domingo", "efrain", "elias", "evo",
    "fidel", "hector", "horacio", "jesus", "lorenzo", "marcelo", "mauricio", "nestor",
    "octavio", "orlando", "rogelio", "salvador", "sebastian", "vicente", "xavier",
    "adolfo", "paola", "ana", "carmen", "lucia", "elena", "isabel", "sofia", "paula",
    "marta", "rosa", "pilar", "beatriz", "cristina", "silvia", "raquel", "monica",
    "veronica", "adriana", "alejandra", "gabriela", "daniela", "valentina", "camila",
    "mariana", "lorena", "natalia", "susana", "ines", "mercedes", "dolores", "consuelo",
    "rocio", "yolanda", "esperanza", "juana", "luisa", "josefa", "francisca", "guadalupe",
    "leticia", "marisol", "milagros", "soledad", "ximena", "catalina", "florencia",
    "josefina", "lourdes", "margarita", "joao", "paulo", "tiago", "rui", "nuno", "thiago",
    "leonardo", "bruno", "caio", "vinicius", "luiz", "fernanda", "luana", "juliana",
    "aline", "bianca", "renata", "dilma", "lula", "jair", "giuseppe", "giovanni", "marco",
    "luca", "francesco", "alessandro", "matteo", "paolo", "stefano", "silvio", "giulia",
    "chiara", "francesca", "enrico", "massimo", "matteo", "sergio", "giorgio", "giorgia",
    "fabio", "federico", "angelo", "carlo", "claudio", "dario", "emanuele", "gianni",
    "luigi", "nicola", "pietro", "riccardo", "vittorio", "alessandra", "federica",
    "silvana", "helena", "valeria", "alba", "alma", "amparo", "aurora", "blanca", "celia",
    "clara", "concepcion", "elisa", "emilia", "estela", "fabiola", "gisela", "irene",
    "julieta", "lidia", "lola", "maite", "marisa", "miriam", "nerea", "noelia", "rebeca",
    "tamara", "vera", "viviana", "abel", "adrian", "aitor", "alonso", "anibal", "borja",
    "camilo", "damian", "emiliano", "fabian", "facundo", "gael", "gerardo", "gilberto",
    "hernan", "humberto", "isaac", "ismael", "jacobo", "julian", "leandro", "leonel",
    "lucas", "mauro", "maximo", "nahuel", "norberto", "osvaldo", "patricio", "ramiro",
    "renato", "rolando", "santino", "saul", "teodoro", "ulises", "valentin", "wilson",
    "ivan",
    // French
    "jean", "pierre", "michel", "philippe", "alain", "jacques", "bernard", "francois",
    "christophe", "stephane", "sebastien", "olivier", "laurent", "thierry", "frederic",
    "julien", "guillaume", "antoine", "mathieu", "benoit", "didier", "gerard", "claude",
    "yves", "marc", "emmanuel", "lionel", "louis", "nathalie", "isabelle", "sylvie",
    "francoise", "valerie", "sandrine", "veronique", "celine", "aurelie", "camille",
    "manon", "juliette", "amelie", "helene", "brigitte", "segolene", "marine", "anne",
    "dominique", "edouard", "etienne", "fabien", "gilles", "herve", "jerome", "luc",
    "pascal", "remi", "serge", "xavier", "yannick", "agnes", "christiane", "genevieve",
    "josiane", "martine", "monique", "odile", "simone", "sylvain", "emmanuelle",
    // German, Dutch, Scandinavian
    "hans", "klaus", "jurgen", "juergen", "wolfgang", "dieter", "uwe", "gunter", "gunther",
    "horst", "helmut", "gerhard", "heinz", "werner", "manfred", "karl", "stefan",
    "andreas", "markus", "matthias", "tobias", "florian", "lukas", "jonas", "maximilian",
    "felix", "moritz", "ursula", "monika", "petra", "sabine", "claudia", "birgit", "heike",
    "susanne", "katrin", "annalena", "frauke", "olaf", "friedrich", "angela", "joachim",
    "jens", "jorg", "joerg", "rainer", "ralf", "reinhard", "sigmar", "volker", "gudrun",
    "ingrid", "renate", "jan", "pieter", "willem", "hendrik", "johannes", "cornelis",
    "dirk", "joost", "bram", "daan", "sander", "ruud", "frans", "geert", "wim", "koen",
    "lotte", "sanne", "femke", "anouk", "inge", "mark", "mette", "lars", "anders", "erik",
    "henrik", "nils", "sven", "bjorn", "magnus", "olof", "stefan", "astrid", "ingrid",
    "karin", "kristina", "sigrid", "jens", "sanna", "jacinda", "helle", "erna", "jonas",
    // Arabic, Persian, Turkish
    "mohammed", "muhammad", "mohamed", "mohammad", "mohamad", "ahmed", "ahmad", "ali",
    "omar", "umar", "hassan", "hasan", "hussein", "hussain", "husain", "ibrahim", "khalid",
    "khaled", "mahmoud", "mahmud", "mustafa", "youssef", "yusuf", "abdullah", "abdul",
    "abdel", "karim", "tariq", "hamid", "rashid", "samir", "nabil", "walid", "faisal",
    "bashar", "hosni", "anwar", "gamal", "jamal", "amr", "salman", "saad", "ayman",
    "osama", "hamza", "bilal", "imran", "reza", "hassan", "javad", "mahmoud", "recep",
    "ahmet", "mehmet", "mustafa", "emre", "fatima", "aisha", "ayesha", "layla", "leila",
    "mariam", "maryam", "noor", "nour", "salma", "yasmin", "yasmine", "zainab", "khadija",
    "rania", "hana", "amira", "malala", "benazir", "nawaz", "pervez", "shehbaz", "zeynep",
    "elif",
    // Slavic, Baltic, Hungarian, Greek
    "vladimir", "dmitry", "dmitri", "sergei", "sergey", "ivan", "alexei", "alexey",
    "andrei", "andrey", "nikolai", "mikhail", "yuri", "igor", "oleg", "boris", "viktor",
    "pavel", "petr", "jakub", "lukasz", "piotr", "krzysztof", "marek", "pawel", "michal",
    "wojciech", "tomasz", "bogdan", "dragan", "milan", "zoran", "goran", "nikola",
    "aleksandar", "aleksandr", "alexandr", "olga", "tatiana", "tatyana", "svetlana",
    "irina", "anastasia", "ekaterina", "yekaterina", "yulia", "ludmila", "lyudmila",
    "agnieszka", "katarzyna", "magdalena", "zofia", "volodymyr", "petro", "oksana",
    "vitali", "vitaly", "viktor", "valentin", "vaclav", "milos", "miroslav", "radovan",
    "slobodan", "donald", "lech", "jaroslaw", "andrzej", "beata", "ewa", "viktor", "janos",
    "laszlo", "zsolt", "alexis", "yannis", "giorgos", "kostas", "nikos", "dimitris",
    "andreas", "konstantinos", "eleni", "maria",
    // South Asian
    "raj", "rahul", "amit", "anil", "sunil", "sanjay", "vijay", "ravi", "arun", "ashok",
    "suresh", "ramesh", "rajesh", "narendra", "manmohan", "sonia", "priya", "pooja",
    "anjali", "sunita", "deepak", "arvind", "nitish", "amitabh", "shah", "salman",
    "shahrukh", "aamir", "priyanka", "indira", "rajiv", "sachin", "virat", "mahendra",
    // East and South-East Asian given names
    "wei", "ming", "hui", "xin", "yan", "hong", "lei", "jie", "hao", "yong", "jun",
    "hiroshi", "takeshi", "kenji", "yuki", "akira", "haruto", "naoko", "yoko", "keiko",
    "shinzo", "taro", "ichiro", "yoshihiko", "junichiro", "naoto", "yukio", "fumio", "min",
    "seo", "hyun", "jae", "sung", "young", "ji", "moon", "yoon", "joko", "rodrigo",
    "ferdinand", "gloria", "corazon", "benigno", "thaksin", "yingluck", "aung", "suu",
];

/// East Asian family names, written first ("Wang Yi", "Kim Jong-un"): a mention of the
/// family name alone may cite the first word of the full name.
#[rustfmt::skip]
const FAMILY_FIRST: &[&str] = &[
    "wang", "zhang", "liu", "chen", "yang", "huang", "zhao", "zhou", "xu", "zhu", "guo",
    "lin", "gao", "luo", "zheng", "xi", "hu", "wen", "deng", "jiang", "kim", "park",
    "choi", "jung", "kang", "cho", "nguyen", "tran", "pham", "li",
];

/// Honorifics: evidence of a person, never stored as a role.
#[rustfmt::skip]
const HONORIFICS: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "messrs", "mme", "mlle", "herr", "frau", "senor",
    "senora", "sr", "sra", "don", "dona",
];

/// Titles and role nouns that may stand right before a name ("President", "Gov.",
/// "actress", "spokesman"). Also heads of appositive roles.
#[rustfmt::skip]
const TITLES: &[&str] = &[
    "president", "vice-president", "minister", "secretary", "secretary-general",
    "governor", "gov", "senator", "sen", "representative", "rep", "congressman",
    "congresswoman", "congressmember", "assemblyman", "assemblywoman", "mayor", "chief",
    "inspector", "insp", "spokesperson", "spokesman", "spokeswoman", "judge", "justice",
    "prosecutor", "attorney", "attorney-general", "dr", "doctor", "prof", "professor",
    "gen", "general", "col", "colonel", "lt", "lieutenant", "capt", "captain", "sgt",
    "sergeant", "cpl", "corporal", "officer", "detective", "det", "sheriff", "deputy",
    "commissioner", "superintendent", "supt", "director", "director-general", "chairman",
    "chairwoman", "chairperson", "ceo", "pope", "king", "queen", "prince", "princess",
    "emperor", "sultan", "sheikh", "emir", "bishop", "archbishop", "cardinal", "rev",
    "reverend", "pastor", "rabbi", "imam", "ambassador", "envoy", "chancellor", "premier",
    "councillor", "councilor", "councilman", "councilwoman", "alderman", "trooper",
    "constable", "marshal", "agent", "commander", "cmdr", "admiral", "adm", "maj", "major",
    "sir", "dame", "lord", "baroness", "baron", "duke", "duchess", "coach", "ayatollah",
    "taoiseach", "monsignor", "mp", "mep", "lawmaker", "sergeant-at-arms", "magistrate",
    "coroner", "ombudsman", "provost", "rector", "chair", "undersheriff", "commodore",
    "brigadier", "advocate", "const", "superintendant", "vice-admiral", "rear-admiral",
    "sgt.-maj", "sergeant-major", "chancellor", "vice-chancellor", "president-elect",
];

/// Role nouns ("actress", "nurse", "witness"): heads of role phrases, and evidence of a
/// person before a name when written in lowercase ("actress Lindsay Lohan").
#[rustfmt::skip]
const OCCUPATIONS: &[&str] = &[
    "lawyer", "cfo", "coo", "manager", "leader", "actor", "actress", "singer", "rapper",
    "star", "player", "striker", "midfielder", "goalkeeper", "defender", "quarterback",
    "pitcher", "boxer", "champion", "reporter", "journalist", "correspondent", "editor",
    "photographer", "author", "writer", "novelist", "poet", "artist", "musician",
    "guitarist", "drummer", "producer", "filmmaker", "comedian", "designer", "architect",
    "activist", "campaigner", "organiser", "organizer", "volunteer", "farmer", "fisherman",
    "technician", "mechanic", "firefighter", "paramedic", "surgeon", "physician",
    "psychologist", "psychiatrist", "pharmacist", "dentist", "legislator", "politician",
    "candidate", "nominee", "diplomat", "negotiator", "mediator", "adviser", "advisor",
    "consultant", "aide", "clerk", "treasurer", "examiner", "investigator", "auditor",
    "warden", "economist", "analyst", "researcher", "scientist", "engineer", "nurse",
    "teacher", "headteacher", "principal", "lecturer", "executive", "official", "founder",
    "co-founder", "owner", "pilot", "witness", "resident", "student", "worker", "employee",
    "survivor", "victim", "driver", "passenger", "chef", "entrepreneur", "businessman",
    "businesswoman", "billionaire", "tycoon", "head", "boss", "vicar", "priest", "cleric",
    "mufti", "presenter", "host", "anchor", "broadcaster", "commentator", "columnist",
    "blogger", "historian", "biologist", "geologist", "seismologist", "volcanologist",
    "meteorologist", "epidemiologist", "virologist", "forecaster", "expert", "specialist",
    "academic", "strategist", "pollster", "lobbyist", "heiress", "socialite", "model",
    "dancer", "choreographer", "composer", "conductor", "pianist", "violinist", "bassist",
    "vocalist", "frontman", "bandmate", "teammate", "skipper", "forward", "winger",
    "batsman", "bowler", "jockey", "trainer", "cyclist", "runner", "sprinter", "swimmer",
    "golfer", "wrestler", "fighter", "rider", "racer", "suspect", "defendant", "plaintiff",
    "inmate", "prisoner", "gunman", "shooter", "attacker", "hostage", "caretaker", "guard",
    "custodian", "solicitor", "barrister", "counsel", "paralegal", "publicist", "intern",
    "trustee", "registrar", "mla", "msp", "governor-elect", "president-elect",
    "spokesperson", "owner", "shopkeeper", "vendor", "miner", "soldier", "sailor",
    "marine", "sniper", "medic", "ranger", "planner", "administrator", "coordinator",
    "supervisor", "foreman", "contractor", "builder", "electrician", "plumber",
    "carpenter", "baker", "butcher", "waiter", "waitress", "cashier", "receptionist",
    "accountant", "banker", "trader", "broker", "investor", "developer", "programmer",
    "hacker", "whistleblower", "dissident", "opponent", "rival", "challenger", "incumbent",
    "nun", "monk", "missionary", "chaplain", "deacon", "elder", "teenager", "pensioner",
    "retiree", "mourner", "protester", "demonstrator", "eyewitness", "bystander",
    "motorist", "cyclist", "pedestrian", "homeowner", "landlord", "tenant", "shopper",
    "tourist", "visitor", "bureaucrat", "referee", "umpire", "linesman", "climber",
    "hiker", "skier", "diver", "surfer", "fan", "supporter",
];

/// Family and relation nouns: heads of appositive roles only ("her mother"), never
/// titles before a name ("Father Brown" is a priest).
#[rustfmt::skip]
const RELATION_HEADS: &[&str] = &[
    "wife", "husband", "son", "daughter", "brother", "sister", "mother", "father",
    "grandmother", "grandfather", "grandson", "granddaughter", "uncle", "aunt", "nephew",
    "niece", "cousin", "widow", "widower", "girlfriend", "boyfriend", "fiance", "fiancee",
    "partner", "friend", "colleague", "neighbour", "neighbor", "relative", "mum", "mom",
    "dad", "parent", "stepfather", "stepmother", "spouse", "ex-wife", "ex-husband",
];

/// Words that may sit inside a title phrase before its head ("Interior Minister", "U.S.
/// Secretary of State", "former deputy police chief").
#[rustfmt::skip]
const TITLE_MODIFIERS: &[&str] = &[
    "interior", "health", "foreign", "finance", "defense", "defence", "justice",
    "education", "energy", "economy", "economic", "environment", "transport", "trade",
    "agriculture", "labour", "labor", "home", "security", "public", "prime", "vice",
    "deputy", "state", "former", "acting", "senior", "junior", "chief", "police", "fire",
    "us", "u.s", "uk", "u.k", "un", "u.n", "eu", "general", "attorney", "district",
    "county", "city", "regional", "federal", "national", "provincial", "municipal",
    "local", "opposition", "party", "assistant", "associate", "executive", "managing",
    "interim", "first", "then", "late", "presidential", "royal", "army", "navy",
    "military", "team", "club", "company", "hospital", "government", "press",
    "communications", "campaign", "emergency", "rescue", "civil", "protection", "coast",
    "border", "customs", "immigration", "airport", "airline", "school", "university",
    "court", "supreme", "high", "appeals", "crown", "lead", "top", "head", "world",
    "olympic", "human", "rights", "development", "culture", "sports", "tourism", "housing",
    "industry", "technology", "science", "communication", "water", "social", "affairs",
    "works", "mines", "oil", "treasury", "cabinet", "information", "media", "intelligence",
    "counterterrorism", "homeland", "veterans", "commerce", "tax", "highway", "traffic",
    "safety", "forensic", "medical", "ministry", "department", "agency", "council",
    "union", "association", "committee", "commission", "office", "service", "services",
    "staff", "vice-", "co", "joint", "special", "parliamentary", "permanent", "cabinet",
    "shadow", "majority", "minority", "house", "senate", "white", "republican",
    "democratic", "democrat", "conservative", "labour", "liberal", "socialist", "green",
    "independent", "longtime", "veteran", "retired", "award-winning", "oscar-winning",
    "grammy-winning", "lead", "chief", "elected", "newly", "outgoing", "incoming",
    "embattled", "disgraced", "jailed", "detained", "ousted", "exiled",
];

/// Nationality and demonym adjectives: inside title phrases ("French President"), never
/// names.
#[rustfmt::skip]
const NATIONALITIES: &[&str] = &[
    "american", "british", "english", "scottish", "welsh", "irish", "french", "spanish",
    "portuguese", "italian", "german", "dutch", "belgian", "swiss", "austrian", "swedish",
    "norwegian", "danish", "finnish", "icelandic", "polish", "czech", "slovak",
    "hungarian", "romanian", "bulgarian", "greek", "turkish", "russian", "ukrainian",
    "belarusian", "serbian", "croatian", "bosnian", "albanian", "israeli", "palestinian",
    "lebanese", "syrian", "iraqi", "iranian", "saudi", "egyptian", "libyan", "tunisian",
    "algerian", "moroccan", "nigerian", "kenyan", "ethiopian", "somali", "sudanese",
    "south", "african", "chinese", "japanese", "korean", "vietnamese", "thai",
    "indonesian", "malaysian", "filipino", "philippine", "indian", "pakistani", "afghan",
    "bangladeshi", "sri", "lankan", "australian", "canadian", "mexican", "brazilian",
    "argentine", "argentinian", "chilean", "peruvian", "colombian", "venezuelan", "cuban",
    "haitian", "dominican", "european", "asian", "latin", "arab", "kurdish", "new",
    "zealand", "taiwanese", "tibetan", "mongolian", "kazakh", "uzbek", "georgian",
    "armenian", "azerbaijani", "yemeni", "jordanian", "qatari", "emirati", "kuwaiti",
    "omani", "bahraini", "cypriot", "maltese", "estonian", "latvian", "lithuanian",
    "slovenian", "macedonian", "montenegrin", "kosovar", "ghanaian", "ivorian",
    "senegalese", "malian", "congolese", "ugandan", "rwandan", "tanzanian", "zimbabwean",
    "zambian", "angolan", "mozambican", "namibian", "botswanan", "malagasy", "salvadoran",
    "guatemalan", "honduran", "nicaraguan", "costa", "rican", "panamanian", "englishman",
    "englishwoman", "frenchman", "frenchwoman", "scotsman", "scotswoman", "irishman",
    "irishwoman", "welshman", "dutchman", "briton", "notorious", "legendary", "ecuadorian",
    "bolivian", "paraguayan", "uruguayan", "jamaican", "puerto",
];

/// Capitalised words that are never part of a name: function words (capitalised at the
/// start of a sentence), pronouns, weekdays, months, seasons, common sentence openers and
/// collective nouns for speakers ("Police", "Officials").
#[rustfmt::skip]
const STOPWORDS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "it", "its", "he", "she", "they",
    "we", "i", "you", "his", "her", "their", "our", "my", "your", "him", "them", "us",
    "there", "here", "then", "now", "but", "and", "or", "nor", "so", "yet", "if", "when",
    "while", "where", "why", "how", "what", "who", "whom", "whose", "which", "after",
    "before", "during", "since", "until", "as", "at", "by", "for", "from", "in", "into",
    "of", "on", "onto", "over", "under", "with", "without", "about", "above", "across",
    "against", "along", "among", "around", "behind", "below", "beneath", "beside",
    "between", "beyond", "despite", "down", "inside", "near", "off", "out", "outside",
    "through", "throughout", "toward", "towards", "up", "upon", "within", "also",
    "although", "though", "because", "however", "meanwhile", "moreover", "still",
    "instead", "otherwise", "yesterday", "today", "tomorrow", "tonight", "last", "next",
    "earlier", "later", "some", "many", "most", "several", "both", "each", "every", "all",
    "any", "no", "none", "not", "other", "another", "one", "two", "three", "four", "five",
    "six", "seven", "eight", "nine", "ten", "such", "only", "even", "just", "once",
    "officials", "police", "authorities", "witnesses", "residents", "investigators",
    "rescuers", "firefighters", "doctors", "prosecutors", "experts", "analysts", "sources",
    "neighbours", "neighbors", "friends", "family", "people", "government", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "spring",
    "summer", "autumn", "fall", "winter", "breaking", "update", "updated", "photo",
    "photos", "video", "videos", "more", "click", "share", "related", "advertisement",
    "copyright", "reporting", "editing", "writing", "additional", "god", "christmas",
    "easter", "ramadan", "internet", "web", "online", "democrats", "republicans",
    "democrat", "republican", "democratic", "conservatives", "liberals", "neither",
    "either", "yes", "oh", "well", "please", "thanks", "thank", "dear", "hello", "like",
    "unlike", "according", "asked", "speaking", "told", "said", "says", "amid", "via",
    "per", "plus", "minus", "whether", "whatever", "whoever", "wherever", "whenever",
    "everyone", "everybody", "someone", "somebody", "nobody", "anyone", "anybody",
    "something", "nothing", "anything", "everything", "elsewhere", "overall", "indeed",
    "perhaps", "maybe", "again", "already", "always", "never", "often", "sometimes",
    "soon", "thus", "therefore", "hence", "besides", "furthermore", "nevertheless",
    "nonetheless", "regardless", "following", "including", "excluding", "regarding",
    "concerning", "given", "new", "old", "first", "second", "third", "former", "latest",
    "recent", "early", "late", "local", "national", "international", "federal", "state",
    "city", "county", "north", "south", "east", "west", "northern", "southern", "eastern",
    "western", "central", "upper", "lower", "greater", "big", "small", "great", "little",
    "good", "bad", "best", "worst", "high", "low", "top", "bottom", "full", "half", "am",
    "pm", "a.m", "p.m", "gmt", "utc", "est", "edt", "pst", "pdt", "cet", "bst", "ad", "bc",
    "tv", "ok", "vs", "etc", "re", "fw", "fwd", "cc", "ps", "is", "are", "was", "were",
    "be", "been", "being", "has", "have", "had", "do", "does", "did", "will", "would",
    "can", "could", "should", "might", "must", "shall", "to", "girl", "boy", "man",
    "woman", "men", "women", "world", "says", "gets", "got", "goes", "makes", "takes",
    "wins", "won", "dies", "dead", "killed", "arrested", "named", "fired", "hired",
    "hires", "quits", "signs", "joins", "leaves", "returns", "checks", "announces",
    "reveals", "confirms", "denies", "slams", "blasts", "hits", "set", "sets",
];

/// Heads and parts of organisation, venue, street, outlet and event names: a candidate
/// holding one of these is not a person ("Ministry of Health", "St. Mary's Hospital",
/// "Calle Real", "Valdemora FC").
#[rustfmt::skip]
const ORG_WORDS: &[&str] = &[
    "ministry", "department", "dept", "hospital", "clinic", "university", "college",
    "school", "academy", "institute", "agency", "fc", "cf", "afc", "sc", "united", "city",
    "council", "party", "bank", "street", "st", "avenue", "ave", "road", "rd", "boulevard",
    "blvd", "drive", "calle", "avenida", "rua", "via", "plaza", "plaza", "square",
    "center", "centre", "cathedral", "chapel", "mosque", "synagogue", "company", "co",
    "corp", "corporation", "inc", "ltd", "llc", "plc", "gmbh", "sa", "ag", "group",
    "holdings", "association", "foundation", "commission", "committee", "tribunal",
    "police", "army", "navy", "force", "forces", "airport", "station", "bridge", "hotel",
    "museum", "stadium", "arena", "theatre", "theater", "club", "society", "union",
    "federation", "league", "times", "news", "press", "journal", "herald", "tribune",
    "gazette", "chronicle", "courier", "observer", "telegraph", "guardian", "independent",
    "mirror", "express", "sun", "star", "globe", "examiner", "bulletin", "daily", "weekly",
    "magazine", "radio", "tv", "television", "network", "channel", "broadcasting",
    "airlines", "airways", "air", "motors", "records", "pictures", "studios",
    "entertainment", "festival", "awards", "award", "cup", "championship", "championships",
    "games", "olympics", "open", "grand", "prix", "county", "state", "province",
    "republic", "kingdom", "island", "islands", "river", "lake", "mountain", "mountains",
    "mount", "valley", "beach", "coast", "highway", "freeway", "motorway", "route",
    "prison", "jail", "penitentiary", "office", "services", "service", "fund", "program",
    "programme", "project", "act", "treaty", "summit", "conference", "congress", "senate",
    "parliament", "assembly", "building", "tower", "towers", "mall", "market", "exchange",
    "rescue", "guard", "patrol", "bureau", "administration", "authority", "capitol",
    "reuters", "associated", "bloomberg", "nations", "international", "watch", "alliance",
    "coalition", "front", "movement", "brigade", "brigades", "crusade", "ministries",
    "church", "bible", "post", "mail", "sports", "info", "fair", "creamery", "dairy",
    "brewery", "bakery", "restaurant", "cafe", "store", "stores", "shop", "inn",
    "products", "tech", "micro", "conservancy", "scientists", "biology", "sciences",
    "research", "studies", "live", "tonight", "branch", "devils", "heels", "bluejays",
    "bobcats", "wildcats", "bulldogs", "huskies", "warriors", "knicks", "nets", "celtics",
    "sixers", "76ers", "spurs", "rockets", "suns", "jazz", "magic", "heat", "pistons",
    "cavaliers", "raptors", "mavericks", "clippers", "patriots", "cowboys", "steelers",
    "packers", "saints", "colts", "chargers", "broncos", "raiders", "dolphins", "jets",
    "bills", "ravens", "titans", "texans", "jaguars", "falcons", "panthers", "buccaneers",
    "seahawks", "rams", "vikings", "cardinals", "mets", "dodgers", "cubs", "phillies",
    "mariners", "angels", "orioles", "nationals", "maps", "benz", "royce", "rover",
    "hornets", "nuggets", "grizzlies", "timberwolves", "thunder", "pelicans", "logistics",
    "shipping", "freight", "consulting", "engineering", "construction", "airlines",
    "motors", "pharmaceuticals", "foods", "telecom", "railways", "railroads", "networks",
    "resources", "communications", "enterprises", "associates", "ventures", "laboratories",
    "hospitals", "universities", "schools", "agencies", "ministries", "airports", "ports",
    "stations", "army", "corps", "squad", "unit", "division", "command", "institute",
    "laboratory", "lab", "labs", "systems", "technologies", "technology", "software",
    "solutions", "industries", "energy", "oil", "gas", "petroleum", "mining", "insurance",
    "capital", "partners", "ventures", "trust", "fund", "foundation", "cinema", "gallery",
    "library", "zoo", "garden", "gardens", "palace", "castle", "house", "manor", "estate",
    "farm", "ranch", "factory", "plant", "mine", "port", "harbour", "harbor", "terminal",
    "metro", "subway", "railway", "railroad", "rail", "line", "lines", "express", "bus",
    "transit", "district", "region", "territory", "peninsula", "desert", "forest",
    "canyon", "falls", "springs", "heights", "hills", "village", "town", "township",
    "borough", "municipality", "prefecture", "oblast", "emirates", "states", "gulf",
    "ocean", "sea", "strait", "channel", "canal", "basin", "reservoir", "dam", "volcano",
    "fault", "trench", "ridge", "glacier", "base", "camp", "fort", "barracks", "embassy",
    "consulate", "mission", "secretariat", "cabinet", "government", "administration",
    "regime", "junta", "senate", "commons", "lords", "monarchy", "dynasty", "empire",
    "diocese", "parish", "quartet", "trio", "band", "orchestra", "choir", "ensemble",
    "team", "squad", "rovers", "wanderers", "athletic", "athletico", "atletico", "real",
    "sporting", "racing", "dynamo", "olympique", "rangers", "celtic", "lakers", "giants",
    "yankees", "red", "sox", "bulls", "eagles", "tigers", "lions", "bears", "wolves",
    "hawks", "award", "prize", "medal", "trophy", "series", "tour", "show", "season",
    "episode", "film", "movie", "album", "song", "book", "novel", "report", "survey",
    "index", "code", "protocol", "accord", "agreement", "plan", "strategy", "initiative",
    "week", "month", "year", "era", "war", "revolution", "crisis", "hurricane", "typhoon",
    "cyclone", "earthquake", "quake", "fire", "flood", "facebook", "twitter", "google",
    "apple", "microsoft", "amazon", "youtube", "instagram", "tiktok", "whatsapp", "iphone",
    "ipad", "android", "windows",
];

/// First words of place names ("New York", "San José", "Puerto Claro", "El Paso").
#[rustfmt::skip]
const PLACE_STARTERS: &[&str] = &[
    "new", "san", "santa", "santo", "sao", "los", "las", "el", "la", "le", "les", "port",
    "puerto", "porto", "fort", "mount", "mt", "lake", "north", "south", "east", "west",
    "northern", "southern", "eastern", "western", "upper", "lower", "great", "greater",
    "saint", "st", "ste", "cape", "isla", "costa", "rio", "villa", "ciudad", "nueva",
    "nuevo", "bad", "bay", "gulf", "hong", "abu", "kuala", "buenos", "tel", "ho", "rio",
];

/// Places often written alone: countries, regions and big cities that could pass for a
/// name token. A candidate made only of these is not a person.
#[rustfmt::skip]
const PLACES: &[&str] = &[
    "america", "britain", "england", "scotland", "wales", "ireland", "france", "spain",
    "portugal", "italy", "germany", "netherlands", "holland", "belgium", "switzerland",
    "austria", "sweden", "norway", "denmark", "finland", "poland", "russia", "ukraine",
    "china", "japan", "korea", "india", "pakistan", "afghanistan", "iran", "iraq", "syria",
    "israel", "gaza", "lebanon", "egypt", "libya", "turkey", "greece", "mexico", "canada",
    "brazil", "argentina", "chile", "peru", "colombia", "venezuela", "cuba", "haiti",
    "australia", "indonesia", "philippines", "vietnam", "thailand", "nigeria", "kenya",
    "ethiopia", "somalia", "sudan", "europe", "asia", "africa", "london", "paris",
    "berlin", "madrid", "rome", "moscow", "beijing", "tokyo", "washington", "california",
    "texas", "florida", "york", "angeles", "chicago", "boston", "seattle", "miami",
    "atlanta", "dallas", "houston", "detroit", "philadelphia", "phoenix", "denver",
    "vegas", "hollywood", "manhattan", "brooklyn", "baghdad", "kabul", "jerusalem",
    "cairo", "dubai", "delhi", "mumbai", "karachi", "islamabad", "tehran", "damascus",
    "beirut", "istanbul", "ankara", "athens", "lisbon", "dublin", "brussels", "amsterdam",
    "vienna", "warsaw", "prague", "budapest", "stockholm", "oslo", "copenhagen",
    "helsinki", "kiev", "kyiv", "seoul", "pyongyang", "shanghai", "sydney", "melbourne",
    "toronto", "vancouver", "montreal", "ottawa", "havana", "caracas", "bogota", "lima",
    "santiago", "quito", "manila", "jakarta", "bangkok", "hanoi", "singapore", "nairobi",
    "lagos", "johannesburg", "cape", "town", "alaska", "hawaii", "oregon", "nevada",
    "arizona", "utah", "colorado", "ohio", "michigan", "illinois", "indiana", "iowa",
    "missouri", "kansas", "nebraska", "oklahoma", "arkansas", "louisiana", "mississippi",
    "alabama", "tennessee", "kentucky", "carolina", "virginia", "maryland", "delaware",
    "jersey", "pennsylvania", "connecticut", "massachusetts", "vermont", "maine",
    "minnesota", "wisconsin", "dakota", "montana", "wyoming", "idaho", "sacramento",
    "oakland", "francisco", "diego", "jose", "orleans", "baltimore", "pittsburgh",
    "cleveland", "cincinnati", "milwaukee", "minneapolis", "nashville", "memphis",
    "orlando", "tampa", "charlotte", "austin", "portland", "kashmir", "crimea", "darfur",
    "tibet", "taiwan", "iceland", "scandinavia", "balkans", "caribbean", "pacific",
    "atlantic", "mediterranean", "arctic", "antarctica", "silicon", "wall", "downing",
    "whitehall", "kremlin", "pentagon", "vatican", "westminster", "brexit", "nato", "opec",
];

/// Titles written abbreviated with a period ("Gov.", "Sgt."): the period belongs to the
/// role text.
#[rustfmt::skip]
const ABBREVIATED_TITLES: &[&str] = &[
    "gov", "sen", "rep", "dr", "prof", "gen", "col", "lt", "capt", "sgt", "cpl", "det",
    "insp", "supt", "cmdr", "adm", "maj", "rev", "mr", "mrs", "ms", "st", "pres", "atty",
    "hon", "fr", "msgr", "pvt", "cdr", "brig", "ret", "const", "cst", "gov.-elect",
];

/// Lowercase particles that bind to the surname ("de la Rosa", "van der Berg").
#[rustfmt::skip]
const PARTICLES: &[&str] = &[
    "de", "del", "della", "di", "da", "das", "do", "dos", "du", "des", "la", "le", "van",
    "von", "der", "den", "ter", "ten", "zu", "bin", "ibn", "bint", "al", "el", "ben",
    "abu", "y", "e", "st",
];

/// Longest word of [`PARTICLES`], in bytes: a longer word is no particle.
pub const MAX_PARTICLE_LEN: usize = 5;

/// Capitalised particles that may start a surname-only mention ("De la Rosa said").
#[rustfmt::skip]
const CAPITAL_PARTICLES: &[&str] = &[
    "de", "del", "della", "di", "da", "dos", "du", "van", "von", "bin", "ibn", "al", "ben",
];

/// Name endings ("Jr.", "III").
const ENDINGS: &[&str] = &["jr", "sr", "ii", "iii", "iv", "v", "phd", "md", "esq"];

/// Verbs of saying: evidence that a capitalised run names a speaker.
#[rustfmt::skip]
const SPEECH_VERBS: &[&str] = &[
    "said", "says", "told", "tells", "added", "adds", "stated", "states", "explained",
    "explains", "noted", "notes", "insisted", "insists", "warned", "warns", "confirmed",
    "confirms", "announced", "announces", "declared", "declares", "wrote", "writes",
    "tweeted", "tweets", "asked", "asks", "replied", "replies", "testified", "argued",
    "argues", "claimed", "claims", "admitted", "admits", "denied", "denies", "recalled",
    "recalls", "urged", "urges", "stressed", "stresses", "acknowledged", "acknowledges",
    "responded", "remarked", "commented", "continued", "concluded", "agreed", "disclosed",
    "revealed", "reveals", "described", "describes", "estimated", "estimates", "predicted",
    "predicts", "suggested", "suggests", "believes", "believed", "thinks", "thought",
    "hopes", "hoped", "vowed", "vows", "promised", "promises", "pleaded", "pled",
    "shouted", "whispered", "cried", "sobbed",
];

word_set!(is_first_name, FIRST_NAME, B_FIRST_NAMES, B_FAMILY_FIRST);
word_set!(is_honorific, HONORIFIC, B_HONORIFICS);
word_set!(is_title, TITLE, B_TITLES);
word_set!(is_occupation, OCCUPATION, B_OCCUPATIONS);
word_set!(
    is_title_word_key,
    TITLE_WORD_KEY,
    B_TITLES,
    B_HONORIFICS,
    B_OCCUPATIONS
);
word_set!(is_family_name_first, FAMILY_NAME_FIRST, B_FAMILY_FIRST);
word_set!(
    is_role_head_word,
    ROLE_HEAD_WORD,
    B_TITLES,
    B_OCCUPATIONS,
    B_RELATION_HEADS
);
word_set!(
    is_title_modifier,
    TITLE_MODIFIER,
    B_TITLE_MODIFIERS,
    B_NATIONALITIES
);
word_set!(is_nationality, NATIONALITY, B_NATIONALITIES);
word_set!(is_stopword, STOPWORD, B_STOPWORDS);
word_set!(is_org_word, ORG_WORD, B_ORG_WORDS);
word_set!(is_place_starter, PLACE_STARTER, B_PLACE_STARTERS);
word_set!(is_place, PLACE, B_PLACES);
word_set!(is_particle, PARTICLE, B_PARTICLES);
word_set!(is_capital_particle, CAPITAL_PARTICLE, B_CAPITAL_PARTICLES);
word_set!(is_ending, ENDING, B_ENDINGS);
word_set!(
    is_abbreviated_title,
    ABBREVIATED_TITLE,
    B_ABBREVIATED_TITLES
);
word_set!(is_speech_verb, SPEECH_VERB, B_SPEECH_VERBS);

/// Multi-word organisation names that hold no organisation head word.
pub fn is_org_phrase(folded: &str) -> bool {
    // every phrase has two words or a hyphen
    if !folded.as_bytes().iter().any(|&b| b == b' ' || b == b'-') {
        return false;
    }
    #[rustfmt::skip]
    const PHRASES: &[&str] = &[
        "red cross", "white house", "human rights watch", "amnesty international",
        "doctors without borders", "medecins sans frontieres", "scotland yard",
        "downing street", "wall street", "al jazeera", "al qaeda", "al-qaeda", "el pais",
        "le monde", "associated press", "agence france-presse", "sky news", "fox news",
    ];
    PHRASES
        .iter()
        .any(|p| crate::text::holds(folded.as_bytes(), p.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_folded_lowercase() {
        for list in [
            FIRST_NAMES,
            FAMILY_FIRST,
            HONORIFICS,
            TITLES,
            OCCUPATIONS,
            RELATION_HEADS,
            TITLE_MODIFIERS,
            NATIONALITIES,
            STOPWORDS,
            ORG_WORDS,
            PLACE_STARTERS,
            PLACES,
            PARTICLES,
            ENDINGS,
            SPEECH_VERBS,
        ] {
            for w in list {
                assert_eq!(*w, crate::text::fold(w), "{w} is not folded");
            }
        }
    }

    #[test]
    fn pack_is_the_bytes_and_the_length() {
        for w in [
            "",
            "a",
            "ab",
            "abc",
            "abcd",
            "abcdefg",
            "abcdefgh",
            "abcdefghijklmno",
        ] {
            let mut key = [0u8; 16];
            key[..w.len()].copy_from_slice(w.as_bytes());
            key[15] = w.len() as u8;
            assert_eq!(pack(w), Some(u128::from_le_bytes(key)), "{w}");
        }
        assert_eq!(pack("abcdefghijklmnop"), None);
    }

    #[test]
    fn particles_fit_their_length_bound() {
        assert!(PARTICLES.iter().all(|p| p.len() <= MAX_PARTICLE_LEN));
    }

    #[test]
    fn lookups() {
        assert!(is_first_name("ana"));
        assert!(!is_first_name("may"));
        assert!(is_title("gov"));
        assert!(is_org_word("ministry"));
        assert!(is_stopword("monday"));
    }
}
