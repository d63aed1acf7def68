//! One article changed (an edit in the editor): update the cross-article findings that
//! depend on it and keep the rest, instead of recomputing the workspace.
//!
//! What an update recomputes, and what it leaves for the next full pass:
//! - **people**: the article's mentions leave their entities and join the entity whose
//!   name (folded keys of the full name) they carry exactly, or a new entity. A name that
//!   only *cites* an entity ("Ortega" for "Luis Ortega Salcedo" named in another article)
//!   gets its own entity until the next full pass.
//! - **stories**: every article keeps its story (an edit rarely moves an article to
//!   another event); the next full pass re-groups.
//! - **disagreements**: those of the article's story are recomputed from its members'
//!   figures; other stories' are kept as they are (figures are compared only inside a story).
//! - **claims**: the claim index re-matches the article's sentences (see
//!   [`crate::claims::ClaimIndex::update_doc`]).
//!
//! The language server runs a full pass ([`super::analyze_docs_incremental`]) once the user
//! pauses, so any difference from a cold analysis lasts only while typing.

use super::{Analysis, Doc};
use crate::config::Config;
use crate::disagreements::Disagreement;
use crate::people::Entity;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

/// State kept between updates, beside the [`Analysis`] it belongs to.
pub struct Incremental {
    /// Folded name keys of every mention's full name → id of its entity.
    names: HashMap<Vec<String>, String>,
    claims: crate::claims::ClaimIndex,
}

impl Incremental {
    pub(super) fn new(analysis: &Analysis, claims: crate::claims::ClaimIndex) -> Incremental {
        let mut names = HashMap::new();
        for e in &analysis.entities {
            for &(d, m) in &e.mentions {
                let Some(p) = analysis.docs.get(d).and_then(|doc| doc.facts.people.get(m)) else {
                    continue;
                };
                names.entry(mention_keys(p)).or_insert_with(|| e.id.clone());
            }
        }
        Incremental { names, claims }
    }
}

/// The analysis after one article changed, and the articles whose diagnostics may differ.
pub struct Update {
    pub analysis: Analysis,
    /// Docs whose disagreements or own facts changed (sorted, deduplicated).
    pub affected: Vec<usize>,
    /// The edited doc.
    pub edited: usize,
}

/// Replace the doc with `doc.key` by `doc`, updating the findings that depend on it.
/// `None` when no doc has that key (a new article needs a full pass).
pub fn update(
    prev: &Analysis,
    state: &mut Incremental,
    doc: Doc,
    config: &Config,
) -> Option<Update> {
    let mut up = update_except_claims(prev, state, doc, config)?;
    up.analysis.claims = update_claims(&up.analysis, state, &[up.edited]);
    Some(up)
}

/// [`update`] without the claims, which cost the most (a claim may span hundreds of
/// articles): the claims in which the edited article took part are left out until
/// [`update_claims`] brings them back. Lets the server publish diagnostics, which do not
/// depend on claims, first.
pub fn update_except_claims(
    prev: &Analysis,
    state: &mut Incremental,
    doc: Doc,
    config: &Config,
) -> Option<Update> {
    let i = prev.doc_index(&doc.key)?;
    let mut docs = prev.docs.clone();
    docs[i] = doc;
    let entities = update_entities(&prev.entities, &docs, i, &mut state.names);
    let stories = prev.stories.clone();
    let (disagreements, mut affected) =
        update_disagreements(&prev.disagreements, &docs, &stories, i, config);
    let claims = prev
        .claims
        .iter()
        .filter(|c| !has_doc(&c.occurrences, i, |o| o.doc))
        .cloned()
        .collect();
    affected.insert(i);
    Some(Update {
        analysis: Analysis {
            docs,
            entities,
            stories,
            claims,
            disagreements,
        },
        affected: affected.into_iter().collect(),
        edited: i,
    })
}

/// The claims after the docs `changed` of `analysis` were edited (each already passed to
/// [`update_except_claims`]).
pub fn update_claims(
    analysis: &Analysis,
    state: &mut Incremental,
    changed: &[usize],
) -> Vec<Arc<crate::claims::Claim>> {
    let mut claims = None;
    for &i in changed {
        claims = Some(state.claims.update_doc_shared(&analysis.docs, i));
    }
    claims.unwrap_or_else(|| analysis.claims.clone())
}

/// Does `sorted` (ordered by doc: a claim's occurrences, an entity's mentions) have an
/// item in doc `i`? A binary search: an update checks every claim and entity.
fn has_doc<T>(sorted: &[T], i: usize, doc: impl Fn(&T) -> usize) -> bool {
    debug_assert!(sorted.windows(2).all(|w| doc(&w[0]) <= doc(&w[1])));
    let at = sorted.partition_point(|x| doc(x) < i);
    sorted.get(at).is_some_and(|x| doc(x) == i)
}

fn mention_keys(p: &crate::people::PersonMention) -> Vec<String> {
    let keys = crate::people::name_keys(&p.full_name);
    if keys.is_empty() {
        crate::people::name_keys(&p.name)
    } else {
        keys
    }
}

/// Doc `i`'s mentions leave their entities and join the entity of their exact name, or a
/// new one; entities left without mentions are dropped. Entity order (by first mention)
/// is kept; new entities go last.
fn update_entities(
    prev: &[Arc<Entity>],
    docs: &[Doc],
    i: usize,
    names: &mut HashMap<Vec<String>, String>,
) -> Vec<Arc<Entity>> {
    let mut entities: Vec<Arc<Entity>> = prev.to_vec();
    for e in &mut entities {
        if has_doc(&e.mentions, i, |&(d, _)| d) {
            let e = Arc::make_mut(e);
            e.mentions.retain(|&(d, _)| d != i);
            e.roles.retain(|(d, _)| *d != i);
        }
    }
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    let mut touched: BTreeSet<usize> = BTreeSet::new();
    let mut added: Vec<Entity> = Vec::new();
    // (entity index, mention): existing entities are indexed 0.., new ones after them.
    let mut joins: Vec<(usize, usize)> = Vec::new();
    for (m, p) in docs[i].facts.people.iter().enumerate() {
        let keys = mention_keys(p);
        if keys.is_empty() {
            continue;
        }
        if by_id.is_empty() {
            by_id = entities
                .iter()
                .enumerate()
                .map(|(n, e)| (e.id.as_str(), n))
                .collect();
        }
        let known = names.get(&keys).and_then(|id| {
            by_id.get(id.as_str()).copied().or_else(|| {
                added
                    .iter()
                    .position(|a| a.id == *id)
                    .map(|a| entities.len() + a)
            })
        });
        let e = match known {
            Some(e) => e,
            None => {
                let id = unused_id(&by_id, &added, &p.full_name);
                names.insert(keys, id.clone());
                added.push(Entity {
                    id,
                    name: p.full_name.to_string(),
                    roles: Vec::new(),
                    mentions: Vec::new(),
                    description: None,
                });
                entities.len() + added.len() - 1
            }
        };
        joins.push((e, m));
    }
    drop(by_id);
    entities.extend(added.into_iter().map(Arc::new));
    for (e, m) in joins {
        let p = &docs[i].facts.people[m];
        let entity = Arc::make_mut(&mut entities[e]);
        entity.mentions.push((i, m));
        for role in p.role.iter().chain(p.roles.iter()) {
            if !entity.roles.iter().any(|(d, r)| *d == i && **r == **role) {
                entity.roles.push((i, role.to_string()));
            }
        }
        touched.insert(e);
    }
    for e in touched {
        let entity = Arc::make_mut(&mut entities[e]);
        entity.mentions.sort_unstable();
        entity.roles.sort_by_key(|&(d, _)| d);
    }
    entities.retain(|e| !e.mentions.is_empty());
    entities
}

/// "p-" + the name's slug, numbered when taken (as a full pass numbers them).
fn unused_id(by_id: &HashMap<&str, usize>, added: &[Entity], name: &str) -> String {
    let base = format!("p-{}", crate::people::slug(name));
    let mut id = base.clone();
    let mut n = 2;
    while by_id.contains_key(id.as_str()) || added.iter().any(|a| a.id == id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// Recompute the disagreements of doc `i`'s story; returns the new list and the docs
/// whose figures are in the story's old or new disagreements.
fn update_disagreements(
    prev: &[Arc<Disagreement>],
    docs: &[Doc],
    stories: &[Option<String>],
    i: usize,
    config: &Config,
) -> (Vec<Arc<Disagreement>>, BTreeSet<usize>) {
    let mut affected = BTreeSet::new();
    let Some(story) = stories.get(i).cloned().flatten() else {
        // Figures are compared only inside a story: an article in none is in no disagreement.
        return (prev.to_vec(), affected);
    };
    let members: Vec<usize> = (0..docs.len())
        .filter(|&d| stories[d].as_deref() == Some(story.as_str()))
        .collect();
    let fresh = super::shared(crate::disagreements::find_in_stories(
        docs, stories, &members, config,
    ));
    let in_story = |d: &Arc<Disagreement>| d.story.as_deref() == Some(story.as_str());
    for d in prev.iter().filter(|d| in_story(d)).chain(fresh.iter()) {
        affected.extend(d.figures().map(|f| f.doc));
    }
    // A story's disagreements are contiguous in the list (sorted by story first): put the
    // new ones where the old ones were, or where the story's turn comes.
    let at = prev.iter().position(&in_story).unwrap_or_else(|| {
        prev.iter()
            .position(|d| story_sorts_after(d.story.as_deref(), &story))
            .unwrap_or(prev.len())
    });
    let mut out: Vec<Arc<Disagreement>> = Vec::with_capacity(prev.len() + fresh.len());
    out.extend(prev[..at].iter().filter(|d| !in_story(d)).cloned());
    out.extend(fresh);
    out.extend(prev[at..].iter().filter(|d| !in_story(d)).cloned());
    (out, affected)
}

/// Does a disagreement of story `a` sort after those of `story` (`s12` after `s2`,
/// story-less ones first)?
fn story_sorts_after(a: Option<&str>, story: &str) -> bool {
    let order = |s: &str| {
        let n = s
            .trim_start_matches('s')
            .parse::<usize>()
            .unwrap_or(usize::MAX);
        (n, s.to_string())
    };
    order(a.unwrap_or("")) > order(story)
}
