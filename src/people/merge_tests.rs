//! The parallel, interned merge against its definition: the sequential merge over string
//! keys it replaced (`reference`, kept verbatim), on generated workspaces, whatever the
//! thread count; and `Names::refers_to` against `super::super::refers_to`.

use super::*;
use crate::people::{name_keys, refers_to};

/// The merge before name and word ids (commit 6026cfe), the definition of the output.
mod reference {
    use crate::config::KnownPerson;
    use crate::fxhash::{FxHashMap, FxHashSet};
    use crate::people::{name_keys, refers_to, slug, Entity, PersonMention};
    use std::rc::Rc;

    /// The comparison keys of a name, shared: the same names recur across many articles.
    type Keys = Rc<[String]>;

    /// The mentions of one article that resolve to one full name.
    struct Group {
        article: usize,
        keys: Keys,
        written: String,
        mentions: Vec<usize>,
    }

    struct Building {
        /// Keys of the fullest name seen (or the known person's name).
        fullest: Keys,
        /// Every key list that identifies this entity exactly (names seen, aliases).
        exact: Vec<Keys>,
        name: Option<String>,
        name_len: usize,
        groups: Vec<usize>,
        description: Option<String>,
        /// Words already in the by-word index for this entity.
        indexed: FxHashSet<String>,
    }

    /// Merge the mentions of all articles (`articles[i]` = article i's mentions) into entities.
    pub(super) fn merge(articles: &[&[PersonMention]], known: &[KnownPerson]) -> Vec<Entity> {
        let groups = group_by_full_name(articles);
        let mut order: Vec<usize> = (0..groups.len()).collect();
        order.sort_by(|&a, &b| {
            let (ga, gb) = (&groups[a], &groups[b]);
            gb.keys
                .len()
                .cmp(&ga.keys.len())
                .then(gb.mentions.len().cmp(&ga.mentions.len()))
                .then((ga.article, ga.mentions[0]).cmp(&(gb.article, gb.mentions[0])))
        });

        let mut building: Vec<Building> = known_people(known);
        let mut by_word: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        // every name of an entity → the first entity with that name (a name joins the entity
        // already holding it, so later entities never gain it)
        let mut by_name: FxHashMap<Keys, usize> = FxHashMap::default();
        for (i, b) in building.iter_mut().enumerate() {
            for keys in b.exact.clone() {
                index_words(&mut by_word, b, i, &keys);
                by_name.entry(keys).or_insert(i);
            }
        }
        for gi in order {
            let g = &groups[gi];
            let target = match_entity(&building, &by_word, &by_name, &g.keys);
            let idx = match target {
                Some(i) => i,
                None => {
                    building.push(Building {
                        fullest: g.keys.clone(),
                        exact: vec![g.keys.clone()],
                        name: None,
                        name_len: 0,
                        groups: Vec::new(),
                        description: None,
                        indexed: FxHashSet::default(),
                    });
                    building.len() - 1
                }
            };
            let b = &mut building[idx];
            b.groups.push(gi);
            if !b.exact.iter().any(|e| e[..] == g.keys[..]) {
                b.exact.push(g.keys.clone());
            }
            let all_caps = |n: &str| !n.chars().any(char::is_lowercase);
            let better_written = g.keys.len() == b.name_len
                && b.name.as_deref().is_some_and(all_caps)
                && !all_caps(&g.written);
            if g.keys.len() > b.name_len || better_written {
                b.name = Some(g.written.clone());
                b.name_len = g.keys.len();
            }
            if g.keys.len() > b.fullest.len() {
                b.fullest = g.keys.clone();
            }
            index_words(&mut by_word, b, idx, &g.keys);
            by_name.entry(g.keys.clone()).or_insert(idx);
        }
        finish(articles, &groups, building)
    }

    fn group_by_full_name<'a>(articles: &[&'a [PersonMention]]) -> Vec<Group> {
        let mut groups: Vec<Group> = Vec::new();
        // name as written → its keys, computed once per distinct name
        let mut known_keys: FxHashMap<&'a str, Keys> = FxHashMap::default();
        let mut keys_of = |name: &'a str| -> Keys {
            if let Some(k) = known_keys.get(name) {
                return k.clone();
            }
            let k: Keys = name_keys(name).into();
            known_keys.insert(name, k.clone());
            k
        };
        for (a, mentions) in articles.iter().enumerate() {
            let mut local: FxHashMap<Keys, usize> = FxHashMap::default();
            for (i, m) in mentions.iter().enumerate() {
                let keys = keys_of(&m.full_name);
                let keys = if keys.is_empty() {
                    keys_of(&m.name)
                } else {
                    keys
                };
                if keys.is_empty() {
                    continue;
                }
                match local.get(&keys) {
                    Some(&g) => groups[g].mentions.push(i),
                    None => {
                        local.insert(keys.clone(), groups.len());
                        groups.push(Group {
                            article: a,
                            keys,
                            written: m.full_name.to_string(),
                            mentions: vec![i],
                        });
                    }
                }
            }
        }
        groups
    }

    fn known_people(known: &[KnownPerson]) -> Vec<Building> {
        known
            .iter()
            .filter_map(|k| {
                let fullest: Keys = name_keys(&k.name).into();
                if fullest.is_empty() {
                    return None;
                }
                let mut exact = vec![fullest.clone()];
                exact.extend(
                    k.aliases
                        .iter()
                        .map(|a| name_keys(a))
                        .filter(|a| !a.is_empty())
                        .map(Keys::from),
                );
                Some(Building {
                    fullest,
                    exact,
                    name: None,
                    name_len: 0,
                    groups: Vec::new(),
                    description: k.description.clone(),
                    indexed: FxHashSet::default(),
                })
            })
            .collect()
    }

    /// Index entity `i` under the words of one of its names (each word once per entity, in
    /// the order the entity gained it).
    fn index_words(
        by_word: &mut FxHashMap<String, Vec<usize>>,
        b: &mut Building,
        i: usize,
        keys: &[String],
    ) {
        for w in keys {
            if !b.indexed.contains(w) {
                b.indexed.insert(w.clone());
                by_word.entry(w.clone()).or_default().push(i);
            }
        }
    }

    /// The one entity this name belongs to: an exact match (name or alias, looked up whole)
    /// wins; otherwise the name must cite exactly one entity's fullest name (or one of its
    /// names).
    ///
    /// Only entities with the name's last word are looked at: an exact match contains it, and
    /// [`refers_to`] holds only when the last word of the citation is a whole word of the
    /// cited name. (Looking at every entity sharing any word made the work grow with the
    /// number of namesakes of common first names.)
    fn match_entity(
        building: &[Building],
        by_word: &FxHashMap<String, Vec<usize>>,
        by_name: &FxHashMap<Keys, usize>,
        keys: &[String],
    ) -> Option<usize> {
        if let Some(&i) = by_name.get(keys) {
            return Some(i);
        }
        let candidates = keys.last().and_then(|w| by_word.get(w));
        let fitting: Vec<usize> = candidates
            .into_iter()
            .flatten()
            .copied()
            .filter(|&i| {
                building.get(i).is_some_and(|b| {
                    refers_to(keys, &b.fullest) || b.exact.iter().any(|e| refers_to(keys, e))
                })
            })
            .take(2)
            .collect();
        match fitting.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    fn finish(
        articles: &[&[PersonMention]],
        groups: &[Group],
        building: Vec<Building>,
    ) -> Vec<Entity> {
        let mut entities: Vec<Entity> = Vec::new();
        let mut used_ids: FxHashSet<String> = FxHashSet::default();
        let mut built: Vec<Building> = building
            .into_iter()
            .filter(|b| !b.groups.is_empty())
            .collect();
        // deterministic order: by first mention in the workspace
        built.sort_by_key(|b| {
            b.groups
                .iter()
                .map(|&g| (groups[g].article, groups[g].mentions[0]))
                .min()
        });
        for b in built {
            let name = b.name.clone().unwrap_or_default();
            let mut mentions: Vec<(usize, usize)> = b
                .groups
                .iter()
                .flat_map(|&g| {
                    groups[g]
                        .mentions
                        .iter()
                        .map(move |&m| (groups[g].article, m))
                })
                .collect();
            mentions.sort_unstable();
            let mut roles: Vec<(usize, String)> = Vec::new();
            let mut seen: FxHashSet<(usize, &str)> = FxHashSet::default();
            for &(a, m) in &mentions {
                let Some(p) = articles.get(a).and_then(|ms| ms.get(m)) else {
                    continue;
                };
                let stated = p.role.iter().chain(p.roles.iter());
                for role in stated {
                    if seen.insert((a, &**role)) {
                        roles.push((a, role.to_string()));
                    }
                }
            }
            let base = format!("p-{}", slug(&name));
            let mut id = base.clone();
            let mut n = 2;
            while used_ids.contains(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            used_ids.insert(id.clone());
            entities.push(Entity {
                id,
                name,
                roles,
                mentions,
                description: b.description,
            });
        }
        entities
    }
}

/// splitmix64
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const GIVEN: &[&str] = &[
    "Ana",
    "Pedro",
    "Luis",
    "Maria",
    "María",
    "José",
    "John",
    "James",
    "Helena",
    "J.",
    "A.",
    "Ana María",
    "Luis Fernando",
    "Wei",
    "J.R.",
    "Jean-Luc",
    "O'Neil",
];
const FAMILY: &[&str] = &[
    "Ruiz",
    "Ortega",
    "Salcedo",
    "Ortega Salcedo",
    "Marin",
    "Marino",
    "van Dijk",
    "de la Cruz",
    "Smith",
    "Kim",
    "Li",
    "Chen",
    "García-Márquez",
    "bin Tariq",
];
const ROLES: &[&str] = &["mayor", "dr.", "fire chief", "health minister", "witness"];

/// A name as an article might write it.
fn written(rng: &mut Rng) -> String {
    let (given, family) = (rng.pick(GIVEN), rng.pick(FAMILY));
    let name = match rng.below(9) {
        0 => family.to_string(),
        1 => given.to_string(),
        2 => format!("{family} {given}"),
        3 => format!("{} {family}", &given[..1]),
        4 => format!("{given} {family} Jr."),
        5 => "Jr.".to_string(),
        _ => format!("{given} {family}"),
    };
    if rng.below(8) == 0 {
        name.to_uppercase()
    } else {
        name
    }
}

fn workspace(seed: u64, articles: usize) -> (Vec<Vec<PersonMention>>, Vec<KnownPerson>) {
    let mut rng = Rng(seed);
    let docs = (0..articles)
        .map(|_| {
            let mut names: Vec<String> = Vec::new();
            (0..rng.below(12))
                .map(|_| {
                    let name = if !names.is_empty() && rng.below(3) == 0 {
                        names[rng.below(names.len())].clone()
                    } else {
                        written(&mut rng)
                    };
                    names.push(name.clone());
                    // the fullest name is often an earlier one of the article
                    let full = if rng.below(3) == 0 {
                        names[rng.below(names.len())].clone()
                    } else {
                        name.clone()
                    };
                    let roles: Vec<std::sync::Arc<str>> =
                        (0..rng.below(3)).map(|_| rng.pick(ROLES).into()).collect();
                    PersonMention {
                        span: crate::Span::default(),
                        name: name.into(),
                        full_name: full.into(),
                        role: roles.first().cloned(),
                        roles: roles.into(),
                    }
                })
                .collect()
        })
        .collect();
    let known = vec![
        KnownPerson {
            name: "Ana María Ruiz".into(),
            aliases: vec!["Annie Ruiz".into(), "Ana Ruiz".into(), "Jr.".into()],
            description: Some("Mayor".into()),
        },
        KnownPerson {
            name: "Pedro Ortega".into(),
            aliases: vec!["Pedro Ortega Salcedo Marin".into(), "Pedro Ortega".into()],
            description: None,
        },
        KnownPerson {
            name: "Jr.".into(),
            aliases: vec![],
            description: None,
        },
    ];
    (docs, known)
}

fn in_pool<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
        .install(f)
}

#[test]
fn merge_equals_the_sequential_string_merge() {
    for seed in 0..40 {
        let (docs, known) = workspace(seed, 1 + seed as usize * 7);
        let refs: Vec<&[PersonMention]> = docs.iter().map(Vec::as_slice).collect();
        let want = reference::merge(&refs, &known);
        assert_eq!(merge(&refs, &known), want, "seed {seed}");
        assert_eq!(
            merge(&refs, &[]),
            reference::merge(&refs, &[]),
            "seed {seed}"
        );
        for threads in [1, 3] {
            let got = in_pool(threads, || merge(&refs, &known));
            assert_eq!(got, want, "seed {seed}, {threads} threads");
        }
    }
}

#[test]
fn refers_to_on_ids_equals_refers_to_on_strings() {
    let mut rng = Rng(7);
    let mut pool: Vec<Vec<String>> = (0..300)
        .map(|_| name_keys(&written(&mut rng)))
        .filter(|k| !k.is_empty())
        .collect();
    for extra in [
        "Luis Fernando Ortega Salcedo",
        "Luis Ortega Salcedo",
        "Ortega",
        "Salcedo",
        "Ana M. Ruiz",
        "Ana María Ruiz",
        "Maria",
        "Marin",
        "Marino",
        "P. S.",
        "Springfield",
        "James Oler",
        "James O. Eastland",
        "Kim Jong",
        "Kim",
        "de",
        "J. R.",
        "van",
    ] {
        pool.push(name_keys(extra));
    }
    let mut names = Names::default();
    let ids: Vec<u32> = pool.iter().map(|k| names.intern_list(k).unwrap()).collect();
    for (a, ka) in ids.iter().zip(&pool) {
        for (b, kb) in ids.iter().zip(&pool) {
            assert_eq!(
                names.refers_to(*a, *b),
                refers_to(ka, kb),
                "{ka:?} / {kb:?}"
            );
        }
    }
}
