//! Edits the language server applies as updates (`workspace::update`) give the findings a
//! full pass gives, on the sample corpus: the disagreements a journalist sees appear and
//! clear as they type, claims follow, people keep their entities.

use corroborate::article::ArticleContext;
use corroborate::config::Config;
use corroborate::workspace::{self, Analysis, Doc};
use std::path::Path;
use std::sync::Arc;

fn sample() -> (Vec<Doc>, Config) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let toml = std::fs::read_to_string(root.join("corroborate.toml")).unwrap_or_default();
    let (config, _) = Config::default()
        .overlay(&toml)
        .expect("sample configuration");
    let mut docs = Vec::new();
    for entry in std::fs::read_dir(root.join("articles")).expect("articles/") {
        let path = entry.expect("entry").path();
        let text: Arc<str> = Arc::from(std::fs::read_to_string(&path).expect("utf-8 article"));
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let ctx = ArticleContext {
            outlet: config.outlet_for_path(&format!("articles/{name}")),
            read_problems: Vec::new(),
        };
        let facts = Arc::new(corroborate::article::analyze(&text, &ctx, &config));
        docs.push(Doc {
            key: name.into(),
            text,
            facts,
        });
    }
    (docs, config)
}

fn edited(docs: &[Doc], file: &str, from: &str, to: &str, config: &Config) -> Doc {
    let doc = docs.iter().find(|d| &*d.key == file).expect("sample file");
    assert!(doc.text.contains(from), "{file} has no {from:?}");
    let text: Arc<str> = Arc::from(doc.text.replacen(from, to, 1));
    let ctx = ArticleContext {
        outlet: config.outlet_for_path(&format!("articles/{file}")),
        read_problems: Vec::new(),
    };
    let facts = Arc::new(corroborate::article::analyze(&text, &ctx, config));
    Doc {
        key: file.into(),
        text,
        facts,
    }
}

fn warnings_about(a: &Analysis, subject: &str) -> usize {
    a.disagreements
        .iter()
        .filter(|d| d.subject == subject && d.rule == "figure-mismatch")
        .count()
}

/// (file, text, replacement, subject, warnings on it after the edit)
const EDITS: &[(&str, &str, &str, &str, usize)] = &[
    // The Sentinel corrects its toll: the killed warning clears.
    (
        "sentinel-port-horror.txt",
        "killed seven people",
        "killed nine people",
        "killed",
        0,
    ),
    // The Sentinel's damage figure becomes billions: the damage warning clears.
    (
        "sentinel-port-horror.txt",
        "$4.6 million",
        "$4.6 billion",
        "damage",
        0,
    ),
    // Meridian now agrees on the injured: about 80 covers 85.
    (
        "meridian-port-explosion.md",
        "more than 120 injured",
        "85 injured",
        "injured",
        0,
    ),
    // Meridian now reports another toll: a killed warning with a third side.
    (
        "meridian-port-explosion.md",
        "killed 9 people",
        "killed 12 people",
        "killed",
        1,
    ),
    // An edit in prose elsewhere changes no finding.
    (
        "radio-litoral-port-1301.txt",
        "dogs began to howl",
        "dogs began to bark",
        "distance",
        1,
    ),
];

#[test]
fn updates_give_the_findings_of_a_full_pass() {
    let (docs, config) = sample();
    let (base, _) = workspace::analyze_docs_incremental(docs.clone(), &config);
    for &(file, from, to, subject, want) in EDITS {
        let (_, mut state) = workspace::analyze_docs_incremental(docs.clone(), &config);
        let doc = edited(&base.docs, file, from, to, &config);
        let up = workspace::update(&base, &mut state, doc.clone(), &config).expect("known doc");
        let mut all = base.docs.clone();
        let i = base.doc_index(file).unwrap();
        all[i] = doc;
        let full = workspace::analyze_docs(all, &config);
        let case = format!("{file}: {from:?} → {to:?}");
        assert_eq!(full.stories, base.stories, "{case}: the edit moved a story");
        assert_eq!(warnings_about(&up.analysis, subject), want, "{case}");
        assert_eq!(up.analysis.disagreements, full.disagreements, "{case}");
        assert_eq!(up.analysis.claims, full.claims, "{case}");
        assert_eq!(up.analysis.entities, full.entities, "{case}");
        assert!(
            up.affected.contains(&i),
            "{case}: the edited doc is affected"
        );
        for d in full.disagreements.iter().chain(&base.disagreements) {
            if d.subject == subject {
                for f in d.figures() {
                    assert!(
                        up.affected.contains(&f.doc),
                        "{case}: doc {} not re-published",
                        f.doc
                    );
                }
            }
        }
    }
}

#[test]
fn updates_chain_and_a_new_name_gets_an_entity() {
    let (docs, config) = sample();
    let (base, mut state) = workspace::analyze_docs_incremental(docs, &config);
    let file = "sentinel-port-horror.txt";
    let first = edited(
        &base.docs,
        file,
        "killed seven people",
        "killed nine people",
        &config,
    );
    let one = workspace::update(&base, &mut state, first, &config).unwrap();
    let second = edited(
        &one.analysis.docs,
        file,
        "The Sentinel can reveal",
        "Harbour pilot Teodora Vashti told The Sentinel",
        &config,
    );
    let two = workspace::update(&one.analysis, &mut state, second, &config).unwrap();
    assert_eq!(warnings_about(&two.analysis, "killed"), 0);
    let named = two
        .analysis
        .entities
        .iter()
        .find(|e| e.name == "Teodora Vashti")
        .expect("the new name is a person");
    let i = two.analysis.doc_index(file).unwrap();
    assert!(named.mentions.iter().all(|&(d, _)| d == i));
    // Every mention of the edited doc belongs to exactly one entity.
    let people = two.analysis.docs[i].facts.people.len();
    let mut seen = vec![0; people];
    for e in &two.analysis.entities {
        for &(d, m) in &e.mentions {
            if d == i {
                seen[m] += 1;
            }
        }
    }
    assert!(seen.iter().all(|&n| n == 1), "{seen:?}");
}
