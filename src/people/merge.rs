//! Merging person mentions across the workspace into entities (after GATE's
//! OrthoMatcher). Each article first resolves its own mentions to a `full_name`; here the
//! distinct (article, full name) groups are matched across articles:
//! - equal after folding (accents, case), or equal to a known person's name or alias;
//! - one name cites the other ([`super::refers_to`]): token subset in order, middle names
//!   and initials optional, a surname alone, a Spanish first surname alone;
//! - a name that could cite two different entities stays apart (precision first): "Ruiz"
//!   with both "Ana Ruiz" and "Pedro Ruiz" in the workspace merges with neither.
//!
//! Groups are matched longest name first, so full names exist before short citations.
//!
//! How: articles are grouped in parallel (their keys in one buffer per article); each
//! distinct key list is then interned to a name id whose words are word ids, so the
//! sequential matching reads dense tables and never hashes a string. Only the first group
//! of a name is matched against the entities: once a name has an entity, every later
//! group with it joins that entity (a name stays with the first entity holding it).
//! Entities are built in parallel; only their ids are deduplicated in order.

use super::{for_each_name_key, lexicon, name_keys, slug, Entity, PersonMention};
use crate::config::KnownPerson;
use crate::fxhash::{FxHashMap, FxHashSet, FxHasher};
use rayon::prelude::*;
use std::hash::Hasher;

/// No group, name or entity.
const NONE: u32 = u32::MAX;

/// One article's mentions grouped by the keys of their full name.
struct ArticleGroups<'a> {
    /// The keys of every group, concatenated; key `k` ends at `ends[k]`.
    text: String,
    ends: Vec<u32>,
    groups: Vec<LocalGroup<'a>>,
    /// The group (index into `groups`) of each mention, `NONE` when it has no keys.
    of_mention: Vec<u32>,
}

struct LocalGroup<'a> {
    hash: u64,
    /// Its keys are keys `keys.0..keys.1` of the article.
    keys: (u32, u32),
    /// The full name of its first mention.
    written: &'a str,
    mentions: u32,
    /// The previous group of the article with the same hash.
    next: u32,
}

/// Per-task lookups of [`group_article`], kept from one article to the next.
#[derive(Default)]
struct Scratch<'a> {
    /// Full name as written → its group, `NONE` when it has no keys.
    by_full_name: FxHashMap<&'a str, u32>,
    /// Hash of a key list → the last group with it.
    by_hash: FxHashMap<u64, u32>,
}

impl<'a> ArticleGroups<'a> {
    fn key(&self, k: u32) -> &str {
        let start = if k == 0 { 0 } else { self.ends[k as usize - 1] };
        &self.text[start as usize..self.ends[k as usize] as usize]
    }

    fn keys(&self, (from, to): (u32, u32)) -> impl Iterator<Item = &str> + Clone {
        (from..to).map(|k| self.key(k))
    }

    /// The group of the mentions with the keys of `name` (new, written `written`, when no
    /// group has them yet); `NONE` when `name` has no keys.
    fn group_of(&mut self, name: &str, written: &'a str, by_hash: &mut FxHashMap<u64, u32>) -> u32 {
        let (text_len, from) = (self.text.len(), self.ends.len() as u32);
        for_each_name_key(name, |k| {
            self.text.push_str(&k);
            self.ends.push(self.text.len() as u32);
        });
        let to = self.ends.len() as u32;
        if from == to {
            return NONE;
        }
        let hash = hash_keys(self.keys((from, to)));
        let mut g = by_hash.get(&hash).copied().unwrap_or(NONE);
        while g != NONE {
            let other = &self.groups[g as usize];
            if other.keys.1 - other.keys.0 == to - from
                && self.keys(other.keys).eq(self.keys((from, to)))
            {
                // known keys: keep one copy
                self.text.truncate(text_len);
                self.ends.truncate(from as usize);
                return g;
            }
            g = other.next;
        }
        let g = self.groups.len() as u32;
        let next = by_hash.insert(hash, g).unwrap_or(NONE);
        self.groups.push(LocalGroup {
            hash,
            keys: (from, to),
            written,
            mentions: 0,
            next,
        });
        g
    }
}

/// One article's mentions grouped by full name (the keys of the full name, or of the name
/// when the full name has none), groups in the order of their first mention.
fn group_article<'a>(
    mentions: &'a [PersonMention],
    scratch: &mut Scratch<'a>,
) -> ArticleGroups<'a> {
    scratch.by_full_name.clear();
    scratch.by_hash.clear();
    let mut out = ArticleGroups {
        text: String::new(),
        ends: Vec::new(),
        groups: Vec::new(),
        of_mention: Vec::with_capacity(mentions.len()),
    };
    for m in mentions {
        let full = &*m.full_name;
        let g = match scratch.by_full_name.get(full) {
            Some(&g) => g,
            None => {
                let g = out.group_of(full, full, &mut scratch.by_hash);
                scratch.by_full_name.insert(full, g);
                g
            }
        };
        let g = if g == NONE {
            out.group_of(&m.name, full, &mut scratch.by_hash)
        } else {
            g
        };
        if g != NONE {
            out.groups[g as usize].mentions += 1;
        }
        out.of_mention.push(g);
    }
    out
}

fn hash_keys<'k>(keys: impl IntoIterator<Item = &'k str>) -> u64 {
    let mut h = FxHasher::default();
    for k in keys {
        h.write(k.as_bytes());
        h.write_u8(0xff);
    }
    h.finish()
}

/// A word of the names, with what [`Names::refers_to`] asks of it.
struct Word {
    text: Box<str>,
    one_char: bool,
    first_char: char,
    /// Longer than one character and not a particle.
    substantive: bool,
    particle: bool,
    first_name: bool,
    family_name_first: bool,
}

/// The distinct key lists of the workspace (names) as lists of word ids.
#[derive(Default)]
struct Names {
    names: Vec<Box<[u32]>>,
    /// Hash of a name's keys → the last name with it; `next` chains the earlier ones.
    by_hash: FxHashMap<u64, u32>,
    next: Vec<u32>,
    words: Vec<Word>,
    word_ids: FxHashMap<Box<str>, u32>,
}

impl Names {
    /// The id of the name with these keys (`hash` = [`hash_keys`] of them).
    fn intern<'k>(&mut self, hash: u64, keys: impl Iterator<Item = &'k str> + Clone) -> u32 {
        let len = keys.clone().count();
        let mut n = self.by_hash.get(&hash).copied().unwrap_or(NONE);
        while n != NONE {
            let ids = &self.names[n as usize];
            if ids.len() == len
                && ids
                    .iter()
                    .zip(keys.clone())
                    .all(|(&w, k)| *self.words[w as usize].text == *k)
            {
                return n;
            }
            n = self.next[n as usize];
        }
        let ids: Box<[u32]> = keys.map(|k| self.word(k)).collect();
        let n = self.names.len() as u32;
        self.names.push(ids);
        self.next.push(self.by_hash.insert(hash, n).unwrap_or(NONE));
        n
    }

    fn intern_list(&mut self, keys: &[String]) -> Option<u32> {
        if keys.is_empty() {
            return None;
        }
        let keys = keys.iter().map(String::as_str);
        Some(self.intern(hash_keys(keys.clone()), keys))
    }

    fn word(&mut self, k: &str) -> u32 {
        if let Some(&w) = self.word_ids.get(k) {
            return w;
        }
        let flags = lexicon::flags(k);
        let count = k.chars().count();
        let particle = flags & lexicon::PARTICLE != 0;
        let w = self.words.len() as u32;
        self.words.push(Word {
            text: k.into(),
            one_char: count == 1,
            first_char: k.chars().next().unwrap_or_default(),
            substantive: count > 1 && !particle,
            particle,
            first_name: flags & lexicon::FIRST_NAME != 0,
            family_name_first: flags & lexicon::FAMILY_NAME_FIRST != 0,
        });
        self.word_ids.insert(k.into(), w);
        w
    }

    fn len_of(&self, n: u32) -> usize {
        self.names[n as usize].len()
    }

    /// [`super::word_matches`] on word ids (keys are never empty: a one-character key is
    /// a prefix of a word exactly when it is the word's first character).
    fn word_matches(&self, a: u32, b: u32) -> bool {
        let (wa, wb) = (&self.words[a as usize], &self.words[b as usize]);
        a == b
            || wa.one_char && wb.first_char == wa.first_char
            || wb.one_char && wa.first_char == wb.first_char
    }

    /// [`super::refers_to`] on names (tested against it in `merge_tests.rs`).
    fn refers_to(&self, short: u32, long: u32) -> bool {
        let (short, long) = (&*self.names[short as usize], &*self.names[long as usize]);
        let w = |i: u32| &self.words[i as usize];
        if short.is_empty() || short.len() > long.len() {
            return false;
        }
        if short == long {
            return true;
        }
        if !short.iter().any(|&s| w(s).substantive) {
            return false;
        }
        // where the first and the last word of `short` matched in `long`
        let (mut first, mut last) = (0, 0);
        let mut j = 0;
        for (i, &s) in short.iter().enumerate() {
            while j < long.len() && !self.word_matches(s, long[j]) {
                j += 1;
            }
            if j == long.len() {
                return false;
            }
            if i == 0 {
                first = j;
            }
            last = j;
            j += 1;
        }
        if short.len() >= 2
            && first != 0
            && long.len() > 1
            && w(short[0]).first_name
            && !w(long[first]).first_name
        {
            return false;
        }
        if short.len() == 1 {
            let p = first;
            if short[0] != long[p] {
                return false;
            }
            let is_last = p + 1 == long.len();
            if p == 0 {
                return w(long[0]).family_name_first && long.len() == 2 || long.len() == 1;
            }
            if !is_last && w(long[p]).first_name && !w(long[p]).particle {
                return false;
            }
            return w(short[0]).substantive;
        }
        let end = short.len() - 1;
        w(short[end]).substantive && short[end] == long[last]
    }
}

/// A group of the workspace: the mentions of one article with one name.
struct Group<'a> {
    name: u32,
    written: &'a str,
    mentions: u32,
}

struct Building {
    /// The fullest name seen (or the known person's name).
    fullest: u32,
    /// Every name that identifies this entity exactly (names seen, aliases).
    exact: Vec<u32>,
    /// The group whose written full name is the entity's name.
    name: u32,
    name_len: usize,
    name_all_caps: bool,
    description: Option<String>,
}

impl Building {
    fn new(name: u32, description: Option<String>) -> Building {
        Building {
            fullest: name,
            exact: vec![name],
            name: NONE,
            name_len: 0,
            name_all_caps: false,
            description,
        }
    }
}

/// Merge the mentions of all articles (`articles[i]` = article i's mentions) into entities.
pub fn merge(articles: &[&[PersonMention]], known: &[KnownPerson]) -> Vec<Entity> {
    let grouped: Vec<ArticleGroups> = articles
        .par_iter()
        .map_init(Scratch::default, |scratch, mentions| {
            group_article(mentions, scratch)
        })
        .collect();

    let mut names = Names::default();
    let mut building = known_people(known, &mut names);
    // every group, in the order of its first mention in the workspace
    let mut groups: Vec<Group> = Vec::new();
    // the first group of each article
    let mut first_group: Vec<u32> = Vec::with_capacity(grouped.len());
    for article in &grouped {
        first_group.push(groups.len() as u32);
        for g in &article.groups {
            let name = names.intern(g.hash, article.keys(g.keys));
            groups.push(Group {
                name,
                written: g.written,
                mentions: g.mentions,
            });
        }
    }

    // longest name first, then most mentions, then first in the workspace
    let mut order: Vec<u128> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let len = !(names.len_of(g.name) as u32);
            (u128::from(len) << 64) | (u128::from(!g.mentions) << 32) | i as u128
        })
        .collect();
    order.par_sort_unstable();

    // name → the first entity with that name (a name joins the entity already holding
    // it, so later entities never gain it)
    let mut by_name: Vec<u32> = vec![NONE; names.names.len()];
    // word → the entities with a name holding it, in the order they gained it
    let mut by_word: Vec<Vec<u32>> = vec![Vec::new(); names.words.len()];
    // (entity, word) already in `by_word`
    let mut indexed: FxHashSet<(u32, u32)> = FxHashSet::default();
    let mut index = |by_word: &mut Vec<Vec<u32>>, e: u32, n: u32| {
        for &w in names.names[n as usize].iter() {
            if indexed.insert((e, w)) {
                by_word[w as usize].push(e);
            }
        }
    };
    for (i, b) in building.iter().enumerate() {
        for &n in &b.exact {
            index(&mut by_word, i as u32, n);
            if by_name[n as usize] == NONE {
                by_name[n as usize] = i as u32;
            }
        }
    }
    let all_caps = |n: &str| !n.chars().any(char::is_lowercase);
    let mut entity_of: Vec<u32> = vec![NONE; groups.len()];
    for key in order {
        let gi = key as u32;
        let g = &groups[gi as usize];
        let n = g.name;
        let mut e = by_name[n as usize];
        if e == NONE {
            // the first group with this name
            e = match match_entity(&building, &by_word, &names, n) {
                Some(e) => e,
                None => {
                    building.push(Building::new(n, None));
                    building.len() as u32 - 1
                }
            };
            let b = &mut building[e as usize];
            if !b.exact.contains(&n) {
                b.exact.push(n);
            }
            index(&mut by_word, e, n);
            by_name[n as usize] = e;
        }
        entity_of[gi as usize] = e;
        let b = &mut building[e as usize];
        let len = names.len_of(n);
        let better_written =
            len == b.name_len && b.name != NONE && b.name_all_caps && !all_caps(g.written);
        if len > b.name_len || better_written {
            b.name = gi;
            b.name_len = len;
            b.name_all_caps = all_caps(g.written);
        }
        if len > names.len_of(b.fullest) {
            b.fullest = n;
        }
    }
    finish(
        articles,
        &grouped,
        &first_group,
        &groups,
        &entity_of,
        &building,
    )
}

fn known_people(known: &[KnownPerson], names: &mut Names) -> Vec<Building> {
    known
        .iter()
        .filter_map(|k| {
            let mut b = Building::new(names.intern_list(&name_keys(&k.name))?, None);
            b.exact.extend(
                k.aliases
                    .iter()
                    .filter_map(|a| names.intern_list(&name_keys(a))),
            );
            b.description.clone_from(&k.description);
            Some(b)
        })
        .collect()
}

/// The one entity this name belongs to, when it has no exact match (name or alias): the
/// name must cite exactly one entity's fullest name (or one of its names).
///
/// Only entities with the name's last word are looked at: an exact match contains it, and
/// [`super::refers_to`] holds only when the last word of the citation is a whole word of
/// the cited name. (Looking at every entity sharing any word made the work grow with the
/// number of namesakes of common first names.)
fn match_entity(building: &[Building], by_word: &[Vec<u32>], names: &Names, n: u32) -> Option<u32> {
    let last = *names.names[n as usize].last()?;
    let mut fitting = by_word[last as usize].iter().copied().filter(|&e| {
        let b = &building[e as usize];
        names.refers_to(n, b.fullest) || b.exact.iter().any(|&x| names.refers_to(n, x))
    });
    let one = fitting.next()?;
    fitting.next().is_none().then_some(one)
}

/// Roles already taken from one article for one entity: a short list, a set when it
/// grows (one person given a thousand roles in one article).
#[derive(Default)]
struct Seen<'a> {
    list: Vec<&'a str>,
    set: FxHashSet<&'a str>,
}

impl<'a> Seen<'a> {
    const LIST: usize = 16;

    fn clear(&mut self) {
        self.list.clear();
        if !self.set.is_empty() {
            self.set.clear();
        }
    }

    fn insert(&mut self, role: &'a str) -> bool {
        if self.list.len() < Self::LIST {
            if self.list.contains(&role) {
                return false;
            }
            self.list.push(role);
            if self.list.len() == Self::LIST {
                self.set.extend(self.list.iter().copied());
            }
            true
        } else {
            self.set.insert(role)
        }
    }
}

fn finish(
    articles: &[&[PersonMention]],
    grouped: &[ArticleGroups],
    first_group: &[u32],
    groups: &[Group],
    entity_of: &[u32],
    building: &[Building],
) -> Vec<Entity> {
    // deterministic order: by first mention in the workspace, i.e. by first group
    let mut position: Vec<u32> = vec![NONE; building.len()];
    let mut ordered: Vec<u32> = Vec::new();
    for &e in entity_of {
        if position[e as usize] == NONE {
            position[e as usize] = ordered.len() as u32;
            ordered.push(e);
        }
    }
    // mentions taken in workspace order come out sorted
    let position = &position;
    let entity_of_mentions = || {
        grouped.iter().enumerate().flat_map(move |(a, article)| {
            let first = first_group[a];
            article
                .of_mention
                .iter()
                .enumerate()
                .filter(|&(_, &g)| g != NONE)
                .map(move |(m, &g)| (a, m, position[entity_of[(first + g) as usize] as usize]))
        })
    };
    let mut counts = vec![0usize; ordered.len()];
    for (_, _, p) in entity_of_mentions() {
        counts[p as usize] += 1;
    }
    let mut mentions: Vec<Vec<(usize, usize)>> =
        counts.into_iter().map(Vec::with_capacity).collect();
    for (a, m, p) in entity_of_mentions() {
        mentions[p as usize].push((a, m));
    }

    let built: Vec<(String, Entity)> = ordered
        .par_iter()
        .zip(mentions)
        .map(|(&e, mentions)| {
            let b = &building[e as usize];
            let name = groups
                .get(b.name as usize)
                .map(|g| g.written.to_string())
                .unwrap_or_default();
            let mut roles: Vec<(usize, String)> = Vec::new();
            let mut seen = Seen::default();
            let mut article = usize::MAX;
            for &(a, m) in &mentions {
                let Some(p) = articles.get(a).and_then(|ms| ms.get(m)) else {
                    continue;
                };
                if a != article {
                    seen.clear();
                    article = a;
                }
                for role in p.role.iter().chain(p.roles.iter()) {
                    if seen.insert(role) {
                        roles.push((a, role.to_string()));
                    }
                }
            }
            let base = format!("p-{}", slug(&name));
            let entity = Entity {
                id: String::new(),
                name,
                roles,
                mentions,
                description: b.description.clone(),
            };
            (base, entity)
        })
        .collect();

    let mut used_ids: FxHashSet<String> = FxHashSet::default();
    built
        .into_iter()
        .map(|(base, mut entity)| {
            let mut id = base.clone();
            let mut n = 2;
            while used_ids.contains(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            used_ids.insert(id.clone());
            entity.id = id;
            entity
        })
        .collect()
}

#[cfg(test)]
#[path = "merge_tests.rs"]
mod tests;
