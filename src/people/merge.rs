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

use super::{name_keys, refers_to, slug, Entity, PersonMention};
use crate::config::KnownPerson;
use std::collections::{HashMap, HashSet};

/// The mentions of one article that resolve to one full name.
struct Group {
    article: usize,
    keys: Vec<String>,
    written: String,
    mentions: Vec<usize>,
}

struct Building {
    /// Keys of the fullest name seen (or the known person's name).
    fullest: Vec<String>,
    /// Every key list that identifies this entity exactly (names seen, aliases).
    exact: Vec<Vec<String>>,
    name: Option<String>,
    name_len: usize,
    groups: Vec<usize>,
    description: Option<String>,
}

/// Merge the mentions of all articles (`articles[i]` = article i's mentions) into entities.
pub fn merge(articles: &[&[PersonMention]], known: &[KnownPerson]) -> Vec<Entity> {
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
    let mut by_word: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, b) in building.iter().enumerate() {
        index_words(&mut by_word, b, i);
    }
    for gi in order {
        let g = &groups[gi];
        let target = match_entity(&building, &by_word, &g.keys);
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
                });
                building.len() - 1
            }
        };
        let b = &mut building[idx];
        b.groups.push(gi);
        if !b.exact.contains(&g.keys) {
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
        let snapshot_idx = idx;
        let b = &building[snapshot_idx];
        index_words(&mut by_word, b, snapshot_idx);
    }
    finish(articles, &groups, building)
}

fn group_by_full_name(articles: &[&[PersonMention]]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for (a, mentions) in articles.iter().enumerate() {
        let mut local: HashMap<Vec<String>, usize> = HashMap::new();
        for (i, m) in mentions.iter().enumerate() {
            let keys = name_keys(&m.full_name);
            let keys = if keys.is_empty() {
                name_keys(&m.name)
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
                        written: m.full_name.clone(),
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
            let fullest = name_keys(&k.name);
            if fullest.is_empty() {
                return None;
            }
            let mut exact = vec![fullest.clone()];
            exact.extend(
                k.aliases
                    .iter()
                    .map(|a| name_keys(a))
                    .filter(|a| !a.is_empty()),
            );
            Some(Building {
                fullest,
                exact,
                name: None,
                name_len: 0,
                groups: Vec::new(),
                description: k.description.clone(),
            })
        })
        .collect()
}

fn index_words(by_word: &mut HashMap<String, Vec<usize>>, b: &Building, i: usize) {
    for keys in &b.exact {
        for w in keys {
            let list = by_word.entry(w.clone()).or_default();
            if !list.contains(&i) {
                list.push(i);
            }
        }
    }
}

/// The one entity this name belongs to: an exact match (name or alias) wins; otherwise
/// the name must cite exactly one entity's fullest name (or one of its names).
fn match_entity(
    building: &[Building],
    by_word: &HashMap<String, Vec<usize>>,
    keys: &[String],
) -> Option<usize> {
    let mut candidates: Vec<usize> = keys
        .iter()
        .filter_map(|w| by_word.get(w))
        .flatten()
        .copied()
        .collect::<HashSet<usize>>()
        .into_iter()
        .collect();
    // initials index nothing: look at every entity sharing the surname instead
    candidates.sort_unstable();
    if let Some(&i) = candidates
        .iter()
        .find(|&&i| building[i].exact.iter().any(|e| e.as_slice() == keys))
    {
        return Some(i);
    }
    let keys_vec = keys.to_vec();
    let fitting: Vec<usize> = candidates
        .into_iter()
        .filter(|&i| {
            let b = &building[i];
            refers_to(&keys_vec, &b.fullest) || b.exact.iter().any(|e| refers_to(&keys_vec, e))
        })
        .collect();
    match fitting.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

fn finish(articles: &[&[PersonMention]], groups: &[Group], building: Vec<Building>) -> Vec<Entity> {
    let mut entities: Vec<Entity> = Vec::new();
    let mut used_ids: HashSet<String> = HashSet::new();
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
        for &(a, m) in &mentions {
            let Some(p) = articles.get(a).and_then(|ms| ms.get(m)) else {
                continue;
            };
            let stated = p.role.iter().chain(p.roles.iter());
            for role in stated {
                if !roles.iter().any(|(ra, r)| *ra == a && r == role) {
                    roles.push((a, role.clone()));
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
